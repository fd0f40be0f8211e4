// `ptbrief debug`: print a stage's result as stable text (test oracle)
#include <ostream>
#include <string_view>

#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "cli/app.h"
#include "cli/brief_request.h"
#include "cli/commands.h"
#include "compose/compose.h"
#include "extract/extract.h"
#include "ingest/dump.h"
#include "ingest/ingest.h"
#include "pack/build.h"
#include "typeset/sample.h"
#include "typeset/typeset.h"

namespace ptbrief::cli {
namespace {

/// Prints the sink's warnings and picks the exit code: 3 when there were warnings.
int finish(const Invocation& inv, const CollectingSink& sink) {
  for (const auto& d : sink.items)
    if (d.severity != Severity::Note) *inv.err << ptbrief::format(d) << "\n";
  return sink.count(Severity::Warning) ? kExitWarnings : kExitOk;
}

int dump_ingest(const Invocation& inv) {
  CollectingSink sink;
  auto corpus = ingest::ingest(inv.value_or("corpus", default_corpus_dir().string()), sink);
  *inv.out << ingest::dump(corpus);
  return finish(inv, sink);
}

int dump_facts(const Invocation& inv) {
  CollectingSink sink;
  const auto loaded =
      pack::load_facts(inv.value_or("corpus", default_corpus_dir().string()), sink);
  *inv.out << extract::dump(loaded.facts);
  return finish(inv, sink);
}

/// The pages of a brief (--park/--topic, --layout) or, without either, of the engine's
/// built-in sample document.
typeset::PageList typeset_for_dump(const Invocation& inv, CollectingSink& sink) {
  const auto park = inv.value("park"), topic = inv.value("topic");
  if (park && topic) throw UsageError(tr("give at most one of --park NAME or --topic NAME"));
  typeset::Document doc;
  if (!park && !topic) {
    doc = typeset::sample_document();
  } else {
    const auto layout = compose::load_layout(inv.value_or("layout", "briefing"));
    const auto loaded =
        pack::load_facts(inv.value_or("corpus", default_corpus_dir().string()), sink);
    doc = compose::compose(loaded.facts, brief_request(loaded.facts, park, topic), *layout, sink);
  }
  return typeset::typeset(doc, typeset::TypesetOptions{}, sink);
}

int dump_lines(const Invocation& inv) {
  CollectingSink sink;
  *inv.out << typeset::dump(typeset_for_dump(inv, sink), false);
  return finish(inv, sink);
}

int dump_pages(const Invocation& inv) {
  CollectingSink sink;
  *inv.out << typeset::dump(typeset_for_dump(inv, sink), true);
  return finish(inv, sink);
}

/// The dumps `--dump=KIND` knows.
struct DumpKind {
  std::string_view name;
  int (*run)(const Invocation&);
};

constexpr DumpKind kDumps[] = {
    {"ingest", dump_ingest},
    {"facts", dump_facts},
    {"lines", dump_lines},
    {"pages", dump_pages},
};

int run(const Invocation& inv) {
  const auto kind = inv.value("dump");
  if (!kind) throw UsageError(tr("missing --dump=ingest|facts|lines|pages"));
  for (const DumpKind& d : kDumps) {
    if (d.name != *kind) continue;
    if (!d.run)
      fail("cli.unavailable", "the '" + *kind + "' dump is not available yet in this version",
           "use --dump=ingest");
    return d.run(inv);
  }
  throw UsageError(trf("unknown dump '{1}' (expected ingest, facts, lines or pages)", {*kind}));
}

}  // namespace

CommandSpec debug_command() {
  CommandSpec c;
  c.name = "debug";
  c.summary = tr("print a stage's result as stable text (test oracle)");
  c.synopsis =
      "ptbrief debug --dump=ingest|facts|lines|pages [--corpus DIR] "
      "[--park NAME | --topic NAME] [--layout NAME]";
  c.description =
      tr("Prints a stage's result as stable text, the oracle of the golden tests: the cleaned\n"
         "articles (ingest), the extracted facts (facts), the printed lines (lines) or every\n"
         "glyph position (pages). lines and pages lay out the brief named by --park/--topic,\n"
         "or the engine's built-in sample document when neither is given.");
  c.options = {
      {"dump", "KIND", tr("which stage result: ingest, facts, lines or pages"), ""},
      {"corpus", "DIR", tr("article folder (default: $PTBRIEF_CORPUS, else ../shared/corpus)"), ""},
      {"park", "NAME", tr("lines/pages: lay out this park's brief"), ""},
      {"topic", "NAME", tr("lines/pages: lay out this topic's brief"), ""},
      {"layout", "NAME", tr("lines/pages: layout of the brief (default: briefing)"), ""}};
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
