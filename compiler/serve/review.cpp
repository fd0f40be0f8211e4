// The review page's JSON: park list, items beside their sentences, articles with marks.
#include "serve/review.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <tuple>

#include "base/i18n.h"
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

/// The block text range of an item: the characters that came from `loc`'s raw bytes; for a
/// block without char_sources (the fact cache keeps none), `quote` found in the item's sentence
/// (else anywhere in the block).
Range text_range(const ingest::Block& block, const Location& loc, const std::string& quote) {
  const auto& cs = block.char_sources;
  if (cs.empty()) {
    if (quote.empty()) return {0, 0};
    std::size_t from = 0;
    if (loc.sentence < block.sentences.size()) from = block.sentences[loc.sentence].begin;
    auto pos = block.text.find(quote, from);
    if (pos == std::string::npos) pos = block.text.find(quote);
    if (pos == std::string::npos) return {0, 0};
    return {pos, pos + quote.size()};
  }
  Range r{block.text.size(), 0};
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

/// Inside `quote`, the range of `needle` (a figure's value, or a practice's name) and of the
/// `unit` that follows it within a few bytes (8600余家: 8600 to 家); the whole quote when the
/// needle is not there.
Range mark_in(const std::string& text, Range quote, const std::string& needle,
              const std::string& unit) {
  if (!needle.empty()) {
    const auto pos = text.find(needle, quote.begin);
    if (pos != std::string::npos && pos + needle.size() <= quote.end) {
      Range r{pos, pos + needle.size()};
      const auto u = unit.empty() ? std::string::npos : text.find(unit, r.end);
      if (u != std::string::npos && u <= r.end + 6 && u + unit.size() <= quote.end)
        r.end = u + unit.size();
      return r;
    }
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

Placed place(const ingest::Corpus& corpus, const Location& loc, const std::string& quote,
             const std::string& needle, const std::string& unit) {
  Placed p;
  p.article = find_article(corpus, loc.article_id);
  if (!p.article || loc.block >= p.article->blocks.size()) return p;
  p.block = &p.article->blocks[loc.block];
  p.quote = text_range(*p.block, loc, quote);
  p.mark = mark_in(p.block->text, p.quote, needle, unit);
  return p;
}

std::string title_of(const Facts& facts, const std::string& id) {
  for (const auto& a : facts.articles)
    if (a.id == id) return a.title;
  return {};
}

/// The drop entry of `corrections` that removes an item of `file` whose quote is `quote`
/// (its quote a piece of the item's, as extract/corrections.h matches; for a figure, `number`
/// its extracted value, which an entry's "value" must equal), with "section", or null.
Json matching_drop(const Json& corrections, const std::string& type, const std::string& file,
                   const std::string& quote, std::optional<double> number = std::nullopt) {
  for (const auto& e : corrections.value("drop", Json::array()))
    if (e.is_object() && e.value("file", "") == file && !e.value("quote", "").empty() &&
        (e.value("type", type) == type) &&
        quote.find(e.value("quote", "")) != std::string::npos &&
        (!e.contains("value") || (number && e["value"].is_number() && e["value"].get<double>() == *number))) {
      Json out = e;
      out["section"] = "drop";
      return out;
    }
  return nullptr;
}

/// The entry that added or last changed an item, from the item's corrections list
/// ("corrections.json $.fix[0]"), with "section"; an add wins over a fix; null for none.
Json entry_of(const Json& corrections, const std::vector<std::string>& applied) {
  Json found = nullptr;
  for (const auto& ref : applied) {
    const auto dollar = ref.rfind("$.");
    const auto open = ref.find('[', dollar == std::string::npos ? 0 : dollar);
    if (dollar == std::string::npos || open == std::string::npos) continue;
    const std::string section = ref.substr(dollar + 2, open - dollar - 2);
    const std::size_t index = std::strtoul(ref.c_str() + open + 1, nullptr, 10);
    const Json list = corrections.value(section, Json::array());
    if (!list.is_array() || index >= list.size()) continue;
    if (!found.is_null() && found["section"] == "add") continue;
    found = list[index];
    found["section"] = section;
  }
  return found;
}

/// The common fields of an item: where it is and its sentence with the mark.
Json located(const Snapshot& snap, const Location& loc, const std::string& quote,
             const std::string& needle, const std::string& unit) {
  const Placed p = place(snap.corpus, loc, quote, needle, unit);
  Json j = {{"file", loc.span.file}, {"quote", quote}, {"article", loc.article_id},
            {"title", title_of(snap.extracted, loc.article_id)}};
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


/// The extracted values of the figures of each source span and quote (figures of one clause
/// share both), for the number a drop or fix names to target one figure.
using ExtractedNumbers = std::map<std::tuple<std::string, std::size_t, std::size_t, std::string>, std::vector<Json>>;

ExtractedNumbers extracted_numbers(const Snapshot& snap) {
  ExtractedNumbers out;
  for (const auto& f : snap.extracted.figures)
    out[{f.source.span.file, f.source.span.start, f.source.span.end, f.quote}].push_back(
        value_json(f.value, f.number));
  return out;
}

/// The value a drop or fix gives to target `f` alone: its extracted one. A figure no entry
/// changed has it still; a changed one has the "value" of the page's fix entry, else the value
/// of the only extracted figure of its span and quote, else (ambiguous) its own.
Json match_value(const extract::Figure& f, const Json& correction, const ExtractedNumbers& extracted) {
  const Json own = value_json(f.value, f.number);
  if (f.corrections.empty()) return own;
  if (correction.is_object() && correction.contains("value") && correction.value("section", "") != "add")
    return correction["value"];
  const auto it = extracted.find({f.source.span.file, f.source.span.start, f.source.span.end, f.quote});
  return it != extracted.end() && it->second.size() == 1 ? it->second.front() : own;
}

/// `f` as the page shows it, with "match": the fields a drop or fix entry gives to target this
/// figure alone — its quote and its extracted value (a fix may have changed the printed one).
Json figure_json(const Snapshot& snap, const extract::Figure& f, Json correction,
                 const ExtractedNumbers& extracted) {
  Json j = located(snap, f.source, f.quote, f.value, f.unit);
  j.update({{"park", f.park}, {"subject", f.subject}, {"value", value_json(f.value, f.number)},
            {"unit", f.unit}, {"qualifier", to_string(f.qualifier)}, {"kind", to_string(f.kind)}});
  j["match"] = {{"quote", f.quote}, {"value", match_value(f, correction, extracted)}};
  j["correction"] = std::move(correction);
  return j;
}

Json practice_json(const Snapshot& snap, const extract::Practice& p, Json correction) {
  Json j = located(snap, p.source, p.name, p.name, "");
  j.update({{"park", p.park}, {"name", p.name}, {"category", p.category}, {"summary", p.summary}});
  j["correction"] = std::move(correction);
  return j;
}

}  // namespace

Json park_list(const Snapshot& snap) {
  const Facts& facts = snap.facts;
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

Json review(const Snapshot& snap, bool topic, const std::string& name) {
  const std::string resolved =
      topic ? compose::resolve_topic(snap.facts, name) : compose::resolve_park(snap.facts, name);
  auto pick = [&](const Facts& facts) {
    return topic ? extract::select(facts, "", resolved) : extract::select(facts, resolved, "");
  };
  const Facts printed = pick(snap.facts);
  // The items as they print, each with the entry that changed or added it; then the
  // extracted items a drop entry removed. In corpus order, so an item keeps its place.
  std::vector<std::pair<std::pair<std::string, std::size_t>, Json>> figures, practices;
  const ExtractedNumbers numbers = extracted_numbers(snap);
  for (const auto& f : printed.figures)
    figures.push_back({{f.source.span.file, f.source.span.start},
                       figure_json(snap, f, entry_of(snap.corrections, f.corrections), numbers)});
  for (const auto& p : printed.practices)
    practices.push_back({{p.source.span.file, p.source.span.start},
                         practice_json(snap, p, entry_of(snap.corrections, p.corrections))});
  const bool known = topic || extract::find_park(snap.extracted, resolved);
  const Facts extracted = known ? pick(snap.extracted) : Facts{};
  for (const auto& f : extracted.figures)
    if (Json drop = matching_drop(snap.corrections, "figure", f.source.span.file, f.quote, f.number); !drop.is_null())
      figures.push_back({{f.source.span.file, f.source.span.start}, figure_json(snap, f, drop, numbers)});
  for (const auto& p : extracted.practices)
    if (Json drop = matching_drop(snap.corrections, "practice", p.source.span.file, p.name); !drop.is_null())
      practices.push_back({{p.source.span.file, p.source.span.start}, practice_json(snap, p, drop)});
  auto in_order = [](auto& items) {
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Json out = Json::array();
    for (auto& [key, j] : items) out.push_back(std::move(j));
    return out;
  };
  Json unmatched = Json::array();
  for (const auto& o : snap.outcomes)
    if (o.matched == 0) unmatched.push_back({{"path", o.json_path}, {"message", o.message}});
  return {{"kind", topic ? "topic" : "park"}, {"name", resolved}, {"figures", in_order(figures)},
          {"practices", in_order(practices)}, {"unmatched", unmatched},
          {"corrections_error", snap.corrections_error}};
}

Json article(const Snapshot& snap, const std::string& id) {
  const ingest::Article* a = find_article(snap.corpus, id);
  if (!a) fail("serve.no_such_article", trf("no article '{1}' in the corpus", {id}), tr("reload the page"));
  // The marks of every item of this article, per block.
  struct Mark {
    Range range;
    std::string kind, quote;
  };
  std::vector<std::vector<Mark>> marks(a->blocks.size());
  auto add = [&](const Location& loc, const std::string& kind, const std::string& quote,
                 const std::string& needle, const std::string& unit) {
    if (loc.article_id != id || loc.block >= a->blocks.size()) return;
    const Placed p = place(snap.corpus, loc, quote, needle, unit);
    if (p.mark.end > p.mark.begin) marks[loc.block].push_back({p.mark, kind, quote});
  };
  for (const auto& f : snap.facts.figures) add(f.source, "figure", f.quote, f.value, f.unit);
  for (const auto& p : snap.facts.practices) add(p.source, "practice", p.name, p.name, "");
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
