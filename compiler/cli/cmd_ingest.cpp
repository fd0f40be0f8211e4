// `ptbrief ingest`: read and clean the article files; print articles and blocks
#include "base/diagnostic.h"
#include "cli/commands.h"

namespace ptbrief::cli {
namespace {

int run(const Invocation&) {
  fail("cli.unavailable", "'ptbrief ingest' is not built yet in this version",
       "see README.md for the commands available");
}

}  // namespace

CommandSpec ingest_command() {
  CommandSpec c;
  c.name = "ingest";
  c.summary = "read and clean the article files; print articles and blocks";
  c.synopsis = "ptbrief ingest [--corpus DIR] [--format json|text]";
  c.options = {{"corpus", "DIR", "article folder (default: ../shared/corpus)", ""},
               {"format", "FMT", "json or text (default: text)", ""}};
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
