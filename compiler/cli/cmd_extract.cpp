// `ptbrief extract`: extract parks, key figures, practices and topics
#include <algorithm>
#include <ostream>
#include <sstream>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "cli/app.h"
#include "cli/commands.h"
#include "cli/display_width.h"
#include "cli/corpus_facts.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "pack/build.h"

namespace ptbrief::cli {
namespace {

// Prints rows as columns aligned by display width.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) {
      if (widths.size() <= c) widths.push_back(0);
      widths[c] = std::max(widths[c], display_width(r[c]));
    }
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c) {
      line += r[c];
      if (c + 1 < r.size()) line += std::string(widths[c] - display_width(r[c]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

void print_tables(std::ostream& out, const extract::Facts& facts) {
  out << "parks (" << facts.parks.size() << ")\n";
  std::vector<std::vector<std::string>> rows = {{"name", "aliases"}};
  for (const auto& p : facts.parks) {
    std::string aliases;
    for (const auto& a : p.aliases) aliases += (aliases.empty() ? "" : "、") + a;
    rows.push_back({p.name + (p.is_region ? " (region)" : ""), aliases});
  }
  print_table(out, rows);
  out << "\nfigures (" << facts.figures.size() << ")\n";
  rows = {{"park", "subject", "value", "qualifier", "kind", "quote", "source"}};
  for (const auto& f : facts.figures)
    rows.push_back({f.park, clip(f.subject, 30), f.value + f.unit, std::string(to_string(f.qualifier)),
                    std::string(to_string(f.kind)), clip(f.quote, 40),
                    f.source.span.file.substr(0, 3) + ":" + std::to_string(f.source.span.start)});
  print_table(out, rows);
  out << "\npractices (" << facts.practices.size() << ")\n";
  rows = {{"park", "name", "category", "source"}};
  for (const auto& p : facts.practices)
    rows.push_back({p.park, clip(p.name, 36), clip(p.category, 20),
                    p.source.span.file.substr(0, 3) + ":" + std::to_string(p.source.span.start)});
  print_table(out, rows);
}

[[noreturn]] void unknown_name(const char* what, const std::string& name,
                               const std::vector<std::string>& known) {
  auto close = extract::closest_names(name, known);
  std::string list;
  for (const auto& c : close) list += (list.empty() ? "" : ", ") + c;
  Diagnostic d;
  d.code = std::string("extract.unknown_") + what;
  d.message = std::string("unknown ") + what + " '" + name + "'";
  d.hint = "did you mean " + list + "? ('ptbrief list " + what + "s' lists them all)";
  throw Error(d);
}

int run(const Invocation& inv) {
  const std::string fmt = inv.value_or("format", "json");
  if (fmt != "json" && fmt != "table")
    throw UsageError(trf("--format must be json or table, not '{1}'", {fmt}));
  if (inv.value("park") && inv.value("topic"))
    throw UsageError(tr("give --park or --topic, not both"));
  const auto output = inv.value("output");
  if (output && (output->empty() || *output == "-"))
    throw UsageError(tr("-o takes a file name; without -o the facts go to standard output"));
  if (output && fmt != "json") throw UsageError(tr("-o writes a facts file: use it with --format json"));
  CollectingSink sink;
  pack::LoadOptions load = load_options(inv);
  load.article_text = false;  // only the facts are used
  auto facts = pack::load_facts(corpus_dir(inv), sink, load).facts;  // + corrections
  extract::FactsScope scope;
  if (auto park = inv.value("park")) {
    const extract::Park* p = extract::find_park(facts, *park);
    if (!p) {
      std::vector<std::string> names;
      for (const auto& x : facts.parks) names.push_back(x.name);
      unknown_name("park", *park, names);
    }
    scope.park = p->name;
    facts = extract::select(facts, p->name, "");
  } else if (auto topic = inv.value("topic")) {
    std::vector<std::string> ids;
    for (const auto& t : facts.topics) ids.push_back(t.id);
    if (std::find(ids.begin(), ids.end(), *topic) == ids.end()) unknown_name("topic", *topic, ids);
    scope.topic = *topic;
    facts = extract::select(facts, "", *topic);
  }
  if (output) {
    write_file_atomically(*output, extract::to_facts_json(facts, scope));
    *inv.out << *output << "\n";
  } else if (fmt == "json") {
    *inv.out << extract::to_facts_json(facts, scope);
  } else

    print_tables(*inv.out, facts);
  for (const auto& d : sink.items)
    if (d.severity != Severity::Note) *inv.err << ptbrief::format(d) << "\n";
  return sink.count(Severity::Warning) ? kExitWarnings : kExitOk;
}

}  // namespace

CommandSpec extract_command() {
  CommandSpec c;
  c.name = "extract";
  c.summary = tr("extract parks, key figures, practices and topics");
  c.synopsis =
      "ptbrief extract [--corpus DIR] [--corrections FILE] [--park P | --topic T]\n"
      "                       [--format json|table] [-o FILE] [--no-cache]";
  c.description =
      tr("Ingests the corpus and extracts, with the raw-file byte span of each: the parks the\n"
         "articles report on, key figures (value, unit, qualifier, kind, subject), named\n"
         "practices, and briefing topics. --park/--topic keep the facts of one park or topic.\n"
         "The corrections file is applied first. --format json (with -o FILE, into a file) is\n"
         "the facts file: self-contained, \"schema\": 1, what 'ptbrief make --facts' prints.");
  c.options = {
      {"corpus", "DIR", tr("article folder (default: $PTBRIEF_CORPUS, else ../shared/corpus)"), ""},
      {"park", "P", tr("only this park (canonical name, alias, or long form)"), ""},
      {"topic", "T", tr("only this topic (an id from compiler/extract/topics.json)"), ""},
      {"format", "FMT", tr("json or table (default: json)"), ""},
      corrections_option(),
      {"output", "FILE", tr("write the facts file to FILE"), "o"},
      no_cache_option()};
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
