// The review page's JSON: park list, items beside their sentences, articles with marks.
#include "serve/review.h"

#include <algorithm>

#include "compose/compose.h"
#include "extract/extract.h"

namespace ptbrief::serve {
namespace {

using extract::Facts;
using extract::Location;

/// A byte range of a block's text.
struct Range {
  std::size_t begin = 0, end = 0;
};

/// The block text range whose characters came from `loc`'s raw bytes.
Range text_range(const ingest::Block& block, const Location& loc) {
  Range r{block.text.size(), 0};
  const auto& cs = block.char_sources;
  for (std::size_t i = 0; i < cs.size(); ++i)
    if (cs[i].raw_start >= loc.span.start && cs[i].raw_end <= loc.span.end &&
        cs[i].raw_end > cs[i].raw_start) {
      r.begin = std::min<std::size_t>(r.begin, cs[i].text_offset);
      r.end = std::max<std::size_t>(r.end, i + 1 < cs.size() ? cs[i + 1].text_offset : block.text.size());
    }
  if (r.begin >= r.end) return {0, 0};
  return r;
}

const ingest::Article* find_article(const ingest::Corpus& corpus, const std::string& id) {
  for (const auto& a : corpus.articles)
    if (a.id == id) return &a;
  return nullptr;
}

/// Inside `quote` (at `at` in `text`), the range of `needle` (the value + unit, or a name);
/// the whole quote when it is not there.
Range mark_in(const std::string& text, Range quote, const std::string& needle) {
  if (!needle.empty()) {
    const auto pos = text.find(needle, quote.begin);
    if (pos != std::string::npos && pos + needle.size() <= quote.end)
      return {pos, pos + needle.size()};
  }
  return quote;
}

/// The sentence of `block` holding text offset `at`, as a range.
Range sentence_at(const ingest::Block& block, std::size_t at) {
  for (const auto& s : block.sentences)
    if (s.begin <= at && at < s.end) return {s.begin, s.end};
  return {0, block.text.size()};
}

/// Where an item is in its article: block, the quote's text range and the mark.
struct Placed {
  const ingest::Article* article = nullptr;
  const ingest::Block* block = nullptr;
  Range quote, mark;
};

Placed place(const ingest::Corpus& corpus, const Location& loc, const std::string& needle) {
  Placed p;
  p.article = find_article(corpus, loc.article_id);
  if (!p.article || loc.block >= p.article->blocks.size()) return p;
  p.block = &p.article->blocks[loc.block];
  p.quote = text_range(*p.block, loc);
  p.mark = mark_in(p.block->text, p.quote, needle);
  return p;
}

std::string title_of(const Facts& facts, const std::string& id) {
  for (const auto& [aid, title] : facts.article_titles)
    if (aid == id) return title;
  return {};
}

/// The drop or fix entry that matches an item of `file` whose quote is `quote`.
Json matching_correction(const Json& corrections, const std::string& file,
                         const std::string& quote) {
  for (const char* section : {"drop", "fix"})
    for (const auto& e : corrections.value(section, Json::array()))
      if (e.is_object() && e.value("file", "") == file && !e.value("quote", "").empty() &&
          quote.find(e.value("quote", "")) != std::string::npos) {
        Json out = e;
        out["section"] = section;
        return out;
      }
  return nullptr;
}

/// The common fields of an item: where it is and its sentence with the mark.
Json located(const Snapshot& snap, const Location& loc, const std::string& quote,
             const std::string& needle) {
  const Placed p = place(snap.loaded.corpus, loc, needle);
  Json j = {{"file", loc.span.file}, {"quote", quote}, {"article", loc.article_id},
            {"title", title_of(snap.loaded.facts, loc.article_id)}};
  if (p.block && p.mark.end > p.mark.begin) {
    const Range s = sentence_at(*p.block, p.mark.begin);
    const std::string& t = p.block->text;
    const std::size_t end = std::max(s.end, p.mark.end);
    j["sentence"] = {t.substr(s.begin, p.mark.begin - s.begin),
                     t.substr(p.mark.begin, p.mark.end - p.mark.begin),
                     t.substr(p.mark.end, end - p.mark.end)};
  } else {
    j["sentence"] = {"", quote, ""};
  }
  return j;
}

Json value_json(const std::string& value, double number) {
  return value.find_first_not_of("0123456789") == std::string::npos && value.size() < 16
             ? Json(static_cast<long long>(number))
             : Json(number);
}

}  // namespace

Json park_list(const Snapshot& snap) {
  const Facts& facts = snap.loaded.facts;
  const auto with_brief = compose::brief_parks(facts);
  Json parks = Json::array();
  for (const auto& p : facts.parks) {
    std::size_t figures = 0, practices = 0;
    for (const auto& f : facts.figures) figures += f.park == p.name;
    for (const auto& x : facts.practices) practices += x.park == p.name;
    const bool brief = std::find(with_brief.begin(), with_brief.end(), p.name) != with_brief.end();
    parks.push_back({{"name", p.name}, {"aliases", p.aliases},
                     {"kind", p.is_region ? "region" : "park"}, {"articles", p.articles.size()},
                     {"figures", figures}, {"practices", practices}, {"brief", brief}});
  }
  Json topics = Json::array();
  for (const auto& t : facts.topics) {
    auto count = [&](const auto& items) {
      return std::count_if(items.begin(), items.end(), [&](const auto& x) {
        return std::find(x.topics.begin(), x.topics.end(), t.id) != x.topics.end();
      });
    };
    topics.push_back({{"id", t.id}, {"description", t.description},
                      {"figures", count(facts.figures)}, {"practices", count(facts.practices)}});
  }
  return {{"parks", parks}, {"topics", topics}};
}

Json review(const Snapshot& snap, bool topic, const std::string& name, const Json& corrections) {
  const Facts& all = snap.loaded.facts;
  const std::string resolved = topic ? compose::resolve_topic(all, name) : compose::resolve_park(all, name);
  const Facts facts = topic ? extract::select(all, "", resolved) : extract::select(all, resolved, "");
  Json figures = Json::array(), practices = Json::array(), added = Json::array();
  for (const auto& f : facts.figures) {
    Json j = located(snap, f.source, f.quote, f.value + f.unit);
    j.update({{"park", f.park}, {"subject", f.subject}, {"value", value_json(f.value, f.number)},
              {"unit", f.unit}, {"qualifier", to_string(f.qualifier)},
              {"kind", to_string(f.kind)}});
    j["correction"] = matching_correction(corrections, f.source.span.file, f.quote);
    figures.push_back(j);
  }
  for (const auto& p : facts.practices) {
    Json j = located(snap, p.source, p.name, p.name);
    j.update({{"park", p.park}, {"name", p.name}, {"category", p.category},
              {"summary", p.summary}});
    j["correction"] = matching_correction(corrections, p.source.span.file, p.name);
    practices.push_back(j);
  }
  for (const auto& e : corrections.value("add", Json::array()))
    if (e.is_object() && (topic || e.value("park", "") == resolved)) added.push_back(e);
  return {{"kind", topic ? "topic" : "park"}, {"name", resolved}, {"figures", figures},
          {"practices", practices}, {"added", added}};
}

Json article(const Snapshot& snap, const std::string& id) {
  const ingest::Article* a = find_article(snap.loaded.corpus, id);
  if (!a) fail("serve.no_such_article", "no article '" + id + "' in the corpus", "reload the page");
  // The marks of every item of this article, per block.
  struct Mark {
    Range range;
    std::string kind, quote;
  };
  std::vector<std::vector<Mark>> marks(a->blocks.size());
  auto add = [&](const Location& loc, const std::string& kind, const std::string& quote,
                 const std::string& needle) {
    if (loc.article_id != id || loc.block >= a->blocks.size()) return;
    const Placed p = place(snap.loaded.corpus, loc, needle);
    if (p.mark.end > p.mark.begin) marks[loc.block].push_back({p.mark, kind, quote});
  };
  for (const auto& f : snap.loaded.facts.figures) add(f.source, "figure", f.quote, f.value + f.unit);
  for (const auto& p : snap.loaded.facts.practices) add(p.source, "practice", p.name, p.name);
  Json blocks = Json::array();
  for (std::size_t b = 0; b < a->blocks.size(); ++b) {
    auto& ms = marks[b];
    std::sort(ms.begin(), ms.end(), [](const Mark& x, const Mark& y) { return x.range.begin < y.range.begin; });
    const std::string& text = a->blocks[b].text;
    Json runs = Json::array();
    std::size_t at = 0;
    for (const auto& m : ms) {
      if (m.range.begin < at) continue;  // overlapping marks: the first wins
      if (m.range.begin > at) runs.push_back({{"text", text.substr(at, m.range.begin - at)}});
      runs.push_back({{"text", text.substr(m.range.begin, m.range.end - m.range.begin)},
                      {"mark", m.kind}, {"quote", m.quote}});
      at = m.range.end;
    }
    if (at < text.size()) runs.push_back({{"text", text.substr(at)}});
    blocks.push_back({{"type", ingest::to_string(a->blocks[b].type)}, {"runs", runs}});
  }
  return {{"id", a->id}, {"file", a->file}, {"title", a->title}, {"blocks", blocks}};
}

}  // namespace ptbrief::serve
