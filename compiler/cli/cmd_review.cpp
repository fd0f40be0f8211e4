// `ptbrief review`: every fact a brief will print, for a person to check before it goes out
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>

#include "base/diagnostic.h"
#include "base/i18n.h"
#include "cli/app.h"
#include "cli/brief_request.h"
#include "cli/commands.h"
#include "cli/corpus_facts.h"
#include "cli/display_width.h"
#include "compose/compose.h"

namespace ptbrief::cli {
namespace {

using Json = nlohmann::ordered_json;

/// The sentence a fact came from (its cleaned text), or "" when the corpus lacks it.
std::string sentence_of(const ingest::Corpus& corpus, const extract::Location& at) {
  for (const auto& a : corpus.articles) {
    if (a.id != at.article_id) continue;
    if (at.block >= a.blocks.size()) return "";
    const ingest::Block& b = a.blocks[at.block];
    if (at.sentence >= b.sentences.size()) return b.text;
    const auto& s = b.sentences[at.sentence];
    return b.text.substr(s.begin, s.end - s.begin);
  }
  return "";
}

/// Where the figure's number (with its unit when the text has it) stands in `sentence`:
/// inside its quote first, else anywhere; a corrected value the text does not have marks the
/// whole quote; [0, 0) when neither is there.
std::pair<std::size_t, std::size_t> number_in(const std::string& sentence, const extract::Figure& f) {
  const std::size_t quote = sentence.find(f.quote);
  const std::size_t from = quote == std::string::npos ? 0 : quote;
  std::size_t at = f.value.empty() ? std::string::npos : sentence.find(f.value, from);
  if (at == std::string::npos && !f.value.empty()) at = sentence.find(f.value);
  if (at == std::string::npos) {
    if (quote == std::string::npos || f.quote.empty()) return {0, 0};
    return {quote, quote + f.quote.size()};
  }
  std::size_t end = at + f.value.size();
  if (!f.unit.empty() && sentence.compare(end, f.unit.size(), f.unit) == 0) end += f.unit.size();
  return {at, end};
}

std::string marked(const std::string& sentence, std::pair<std::size_t, std::size_t> mark) {
  if (mark.second <= mark.first) return sentence;
  return sentence.substr(0, mark.first) + "【" + sentence.substr(mark.first, mark.second - mark.first) +
         "】" + sentence.substr(mark.second);
}

std::string title_of(const extract::Facts& facts, const std::string& article_id) {
  for (const auto& a : facts.articles)
    if (a.id == article_id) return a.title;
  return "";
}

Json source_json(const extract::Facts& facts, const extract::Location& at) {
  return {{"file", at.span.file}, {"start", at.span.start}, {"end", at.span.end},
          {"article", at.article_id}, {"title", title_of(facts, at.article_id)}};
}

/// The review as data: one row per figure and per practice the brief prints.
Json review_json(const pack::CorpusFacts& loaded, const compose::BriefRequest& request) {
  const auto contents = compose::brief_contents(loaded.facts, request);
  Json j;
  j["brief"] = {{request.kind == compose::BriefRequest::Kind::Park ? "park" : "topic", request.name}};
  j["figures"] = Json::array();
  for (const auto* f : contents.figures) {
    const std::string sentence = sentence_of(loaded.corpus, f->source);
    const auto mark = number_in(sentence, *f);
    j["figures"].push_back({{"printed", compose::format_figure(*f)}, {"park", f->park},
                            {"subject", f->subject}, {"value", f->value}, {"unit", f->unit},
                            {"qualifier", extract::to_string(f->qualifier)},
                            {"kind", extract::to_string(f->kind)}, {"quote", f->quote},
                            {"sentence", sentence}, {"mark", {mark.first, mark.second}},
                            {"source", source_json(loaded.facts, f->source)},
                            {"corrections", f->corrections}});
  }
  j["practices"] = Json::array();
  for (const auto* p : contents.practices)
    j["practices"].push_back({{"name", p->name}, {"park", p->park}, {"category", p->category},
                              {"summary", p->summary},
                              {"sentence", sentence_of(loaded.corpus, p->source)},
                              {"source", source_json(loaded.facts, p->source)},
                              {"corrections", p->corrections}});
  j["summaries"] = Json::array();
  for (const auto* m : contents.summaries)
    j["summaries"].push_back({{"text", m->text}, {"park", m->park},
                              {"source", source_json(loaded.facts, m->source)}});
  return j;
}

/// The review for a person: each fact, where it came from, what corrected it. The labels are
/// translated (po/zh_CN.po): staff read this in Chinese.
void print_text(std::ostream& out, const Json& j, const std::string& name) {
  out << trf("{1}: {2} figures, {3} practices, {4} summary sentences",
             {name, std::to_string(j["figures"].size()), std::to_string(j["practices"].size()),
              std::to_string(j["summaries"].size())})
      << "\n";
  // A label column as wide as the widest translated label (Chinese labels take two columns).
  const std::string labels[] = {tr("park"), tr("sentence"), tr("quote"), tr("source"), tr("corrected by")};
  std::size_t label_cols = 0;
  for (const auto& l : labels) label_cols = std::max(label_cols, display_width(l));
  auto row = [&](const std::string& label, const std::string& text) {
    out << "    " << pad_to(label, label_cols) << "  " << text << "\n";
  };
  auto corrected = [&](const Json& r) {
    for (const auto& c : r["corrections"]) row(tr("corrected by"), c.get<std::string>());
  };
  auto source = [&](const Json& s) {
    const std::string title = s["title"];
    return s["file"].get<std::string>() + ":" + std::to_string(s["start"].get<std::size_t>()) +
           (title.empty() ? "" : " 《" + title + "》");
  };
  std::size_t n = 0;
  for (const auto& f : j["figures"]) {
    const std::string sentence = f["sentence"];
    const std::pair<std::size_t, std::size_t> mark{f["mark"][0], f["mark"][1]};
    out << "\n" << trf("figure {1}", {std::to_string(++n)}) << "  " << f["subject"].get<std::string>()
        << " " << f["printed"].get<std::string>() << "  (" << f["kind"].get<std::string>() << ", "
        << f["qualifier"].get<std::string>() << ")\n";
    row(tr("park"), f["park"]);
    row(tr("sentence"), marked(sentence, mark));
    row(tr("quote"), f["quote"]);
    row(tr("source"), source(f["source"]));
    corrected(f);
  }
  n = 0;
  for (const auto& p : j["practices"]) {
    const std::string category = p["category"];
    out << "\n" << trf("practice {1}", {std::to_string(++n)}) << "  “" << p["name"].get<std::string>()
        << "”" << (category.empty() ? "" : "（" + category + "）") << "\n";
    row(tr("park"), p["park"]);
    row(tr("sentence"), p["sentence"]);
    row(tr("source"), source(p["source"]));
    corrected(p);
  }
  n = 0;
  for (const auto& m : j["summaries"]) {
    out << "\n" << trf("summary {1}", {std::to_string(++n)}) << "  " << m["text"].get<std::string>()
        << "\n";
    row(tr("park"), m["park"]);
    row(tr("source"), source(m["source"]));
  }
}

int run(const Invocation& inv) {
  const auto park = inv.value("park"), topic = inv.value("topic");
  if (park.has_value() == topic.has_value())
    throw UsageError(tr("give exactly one of --park NAME or --topic NAME"));
  const std::string fmt = inv.value_or("format", "text");
  if (fmt != "text" && fmt != "json")
    throw UsageError(trf("--format must be text or json, not '{1}'", {fmt}));
  CollectingSink sink;
  const pack::CorpusFacts loaded = pack::load_facts(corpus_dir(inv), sink, load_options(inv));
  for (const auto& d : sink.items)
    if (d.severity != Severity::Note) *inv.err << "ptbrief review: " << format(d) << "\n";
  const compose::BriefRequest request = brief_request(loaded.facts, park, topic);
  const Json j = review_json(loaded, request);
  if (fmt == "json")
    *inv.out << j.dump(2) << "\n";
  else
    print_text(*inv.out, j, request.name);
  return sink.count(Severity::Warning) ? kExitWarnings : kExitOk;
}

}  // namespace

CommandSpec review_command() {
  CommandSpec c;
  c.name = "review";
  c.summary = tr("list every fact a brief will print, to check before printing");
  c.synopsis =
      "ptbrief review (--park NAME | --topic NAME) [--corpus DIR] [--corrections FILE]\n"
      "                      [--format text|json] [--no-cache]";
  c.description =
      tr("For each key figure and practice the brief will print: the figure as printed, its\n"
         "park and subject, the sentence it came from with the number marked 【like this】, its\n"
         "source, and the corrections (corrections.json entries) that changed it; then the summary\n"
         "sentences the brief quotes. Correct a wrong fact in corrections.json, then run this\n"
         "again (or 'ptbrief pack').");
  c.options = {
      {"park", "NAME", tr("park brief (canonical name or alias; see ptbrief list parks)"), ""},
      {"topic", "NAME", tr("topic brief comparing parks (see ptbrief list topics)"), ""},
      {"corpus", "DIR", tr("corpus folder (default ../shared/corpus)"), ""},
      corrections_option(),
      {"format", "FMT", tr("text or json (default: text)"), ""},
      no_cache_option()};
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
