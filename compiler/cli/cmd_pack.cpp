// `ptbrief pack`: rebuild a pack of briefings, only what is out of date
#include "base/diagnostic.h"
#include "cli/commands.h"

namespace ptbrief::cli {
namespace {

int run(const Invocation&) {
  fail("cli.unavailable", "'ptbrief pack' is not built yet in this version",
       "see README.md for the commands available");
}

}  // namespace

CommandSpec pack_command() {
  CommandSpec c;
  c.name = "pack";
  c.summary = "rebuild a pack of briefings, only what is out of date";
  c.synopsis = "ptbrief pack NAME [--jobs N] [--dry-run] [--force]";
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
