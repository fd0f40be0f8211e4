// `ptbrief debug`: print a stage's result as stable text (test oracle)
#include <ostream>
#include <string_view>

#include "base/diagnostic.h"
#include "base/paths.h"
#include "cli/app.h"
#include "cli/commands.h"
#include "ingest/dump.h"
#include "ingest/ingest.h"

namespace ptbrief::cli {
namespace {

int dump_ingest(const Invocation& inv) {
  CollectingSink sink;
  auto corpus = ingest::ingest(inv.value_or("corpus", default_corpus_dir().string()), sink);
  *inv.out << ingest::dump(corpus);
  for (const auto& d : sink.items)
    if (d.severity != Severity::Note) *inv.err << ptbrief::format(d) << "\n";
  return sink.count(Severity::Warning) ? kExitWarnings : kExitOk;
}

/// The dumps `--dump=KIND` knows; a null `run` means the stage has no dump yet.
struct DumpKind {
  std::string_view name;
  int (*run)(const Invocation&);
};

constexpr DumpKind kDumps[] = {
    {"ingest", dump_ingest},
    {"facts", nullptr},
    {"lines", nullptr},
    {"pages", nullptr},
};

int run(const Invocation& inv) {
  const auto kind = inv.value("dump");
  if (!kind) throw UsageError("missing --dump=ingest|facts|lines|pages");
  for (const DumpKind& d : kDumps) {
    if (d.name != *kind) continue;
    if (!d.run)
      fail("cli.unavailable", "the '" + *kind + "' dump is not available yet in this version",
           "use --dump=ingest");
    return d.run(inv);
  }
  throw UsageError("unknown dump '" + *kind + "' (expected ingest, facts, lines or pages)");
}

}  // namespace

CommandSpec debug_command() {
  CommandSpec c;
  c.name = "debug";
  c.summary = "print a stage's result as stable text (test oracle)";
  c.synopsis = "ptbrief debug --dump=ingest|facts|lines|pages [--corpus DIR]";
  c.description = "Prints a stage's result as stable text, the oracle of the golden tests.";
  c.options = {{"dump", "KIND", "which stage result: ingest, facts, lines or pages", ""},
               {"corpus", "DIR", "article folder (default: $PTBRIEF_CORPUS, else ../shared/corpus)", ""}};
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
