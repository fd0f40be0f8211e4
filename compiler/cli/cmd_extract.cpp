// `ptbrief extract`: extract parks, key figures, practices and topics
#include "base/diagnostic.h"
#include "cli/commands.h"

namespace ptbrief::cli {
namespace {

int run(const Invocation&) {
  fail("cli.unavailable", "'ptbrief extract' is not built yet in this version",
       "see README.md for the commands available");
}

}  // namespace

CommandSpec extract_command() {
  CommandSpec c;
  c.name = "extract";
  c.summary = "extract parks, key figures, practices and topics";
  c.synopsis = "ptbrief extract [--corpus DIR] [--park P | --topic T] [--format json|table]";
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
