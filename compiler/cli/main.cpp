// ptbrief's entry point: parse → run → exit code. Everything else lives in the stages.
#include <iostream>
#include <string>
#include <vector>

#include "base/i18n.h"
#include "cli/app.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  ptbrief::init_messages();  // the user's language (LANG, LC_MESSAGES), for messages only
  std::vector<std::string> args(argv + 1, argv + argc);
  return ptbrief::cli::run_app(args, std::cout, std::cerr);
}
