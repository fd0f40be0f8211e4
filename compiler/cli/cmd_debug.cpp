// `ptbrief debug`: print a stage's result as stable text (test oracle)
#include "base/diagnostic.h"
#include "cli/commands.h"

namespace ptbrief::cli {
namespace {

int run(const Invocation&) {
  fail("cli.unavailable", "'ptbrief debug' is not built yet in this version",
       "see README.md for the commands available");
}

}  // namespace

CommandSpec debug_command() {
  CommandSpec c;
  c.name = "debug";
  c.summary = "print a stage's result as stable text (test oracle)";
  c.synopsis = "ptbrief debug --dump=ingest|facts|lines|pages [--corpus DIR]";
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
