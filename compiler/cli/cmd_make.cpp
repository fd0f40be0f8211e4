// `ptbrief make`: build one briefing PDF for a park or a topic
#include "base/diagnostic.h"
#include "cli/commands.h"

namespace ptbrief::cli {
namespace {

int run(const Invocation&) {
  fail("cli.unavailable", "'ptbrief make' is not built yet in this version",
       "see README.md for the commands available");
}

}  // namespace

CommandSpec make_command() {
  CommandSpec c;
  c.name = "make";
  c.summary = "build one briefing PDF for a park or a topic";
  c.synopsis = "ptbrief make (--park NAME | --topic NAME) [--layout NAME] [--corpus DIR] [-o FILE]";
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
