// `ptbrief ingest`: read and clean the article files; print articles and blocks
#include <nlohmann/json.hpp>
#include <ostream>

#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "cli/app.h"
#include "cli/commands.h"
#include "ingest/dump.h"
#include "ingest/ingest.h"

namespace ptbrief::cli {
namespace {

nlohmann::ordered_json to_json(const ingest::Corpus& corpus) {
  nlohmann::ordered_json articles = nlohmann::ordered_json::array();
  for (const auto& a : corpus.articles) {
    nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
    for (const auto& b : a.blocks) {
      nlohmann::ordered_json sentences = nlohmann::ordered_json::array();
      for (const auto& s : b.sentences) sentences.push_back({s.begin, s.end});
      nlohmann::ordered_json jb = {{"type", std::string(ingest::to_string(b.type))},
                                   {"text", b.text},
                                   {"start", b.start},
                                   {"end", b.end}};
      if (b.level) jb["level"] = b.level;
      jb["sentences"] = std::move(sentences);
      blocks.push_back(std::move(jb));
    }
    articles.push_back({{"id", a.id},
                        {"file", a.file},
                        {"title", a.title},
                        {"title_derived", a.title_derived},
                        {"byline", a.byline},
                        {"meta", {{"source", a.meta.source},
                                  {"date", a.meta.date},
                                  {"page", a.meta.page},
                                  {"url", a.meta.url},
                                  {"author", a.meta.author}}},
                        {"blocks", std::move(blocks)}});
  }
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& f : corpus.files)
    files.push_back({{"name", f.name}, {"encoding", f.encoding}, {"size", f.size},
                     {"sha256", f.content_hash}});
  return {{"files", std::move(files)}, {"articles", std::move(articles)}};
}

int run(const Invocation& inv) {
  const std::string fmt = inv.value_or("format", "text");
  if (fmt != "json" && fmt != "text")
    throw UsageError(trf("--format must be json or text, not '{1}'", {fmt}));
  CollectingSink sink;
  auto corpus = ingest::ingest(inv.value_or("corpus", default_corpus_dir().string()), sink);
  if (fmt == "json")
    *inv.out << to_json(corpus).dump(2) << "\n";
  else
    *inv.out << ingest::clean_text(corpus);
  for (const auto& d : sink.items)
    if (d.severity != Severity::Note) *inv.err << ptbrief::format(d) << "\n";
  return sink.count(Severity::Warning) ? kExitWarnings : kExitOk;
}

}  // namespace

CommandSpec ingest_command() {
  CommandSpec c;
  c.name = "ingest";
  c.summary = tr("read and clean the article files; print articles and blocks");
  c.synopsis = "ptbrief ingest [--corpus DIR] [--format json|text]";
  c.description =
      tr("Decodes every article file of the corpus folder (UTF-8, GB18030, UTF-16 with BOM),\n"
         "repairs extraction noise and prints the clean, segmented articles. JSON gives each\n"
         "block's type, text and raw byte range [start, end) in its file.");
  c.options = {
      {"corpus", "DIR", tr("article folder (default: $PTBRIEF_CORPUS, else ../shared/corpus)"), ""},
      {"format", "FMT", tr("json or text (default: text)"), ""}};
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
