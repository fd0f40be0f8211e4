// `ptbrief list`: list the parks, topics or layouts that exist
#include "base/diagnostic.h"
#include "cli/commands.h"

namespace ptbrief::cli {
namespace {

int run(const Invocation&) {
  fail("cli.unavailable", "'ptbrief list' is not built yet in this version",
       "see README.md for the commands available");
}

}  // namespace

CommandSpec list_command() {
  CommandSpec c;
  c.name = "list";
  c.summary = "list the parks, topics or layouts that exist";
  c.synopsis = "ptbrief list parks|topics|layouts [--corpus DIR]";
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
