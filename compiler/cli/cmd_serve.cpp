// `ptbrief serve`: the review page — see every fact in its article, correct it, print. The
// command runs in its own executable, ptbrief-serve (cli/serve_main.cpp, cli/helper.h).
#include "base/i18n.h"
#include "cli/commands.h"

namespace ptbrief::cli {

CommandSpec serve_command() {
  CommandSpec c;
  c.name = "serve";
  c.summary = tr("the review page: check and correct facts, preview and print briefs");
  c.synopsis = "ptbrief serve [--corpus DIR] [--port 8023] [--host 127.0.0.1] [--pack NAME]";
  c.description =
      tr("Serves a local page (in Chinese, no network needed) that lists the parks and topics,\n"
         "shows every figure and practice beside its sentence, writes drops, fixes and additions\n"
         "to corrections.json in the corpus folder, takes dropped article files, and previews,\n"
         "downloads and prints the brief. The first line printed is the address to open; it\n"
         "holds a random access token that every request must carry.");
  c.options = {{"corpus", "DIR", tr("corpus folder (default ../shared/corpus)"), ""},
               {"port", "N", tr("port to listen on (default 8023; 0: any free port)"), ""},
               {"host", "ADDR", tr("address to listen on (default 127.0.0.1, this computer only)"), ""},
               {"pack", "NAME", tr("the pack the page's 生成简报包 builds (briefs/NAME.json or a pack file)"), ""}};
  c.helper = "ptbrief-serve";  // cli/serve_main.cpp
  return c;
}

}  // namespace ptbrief::cli
