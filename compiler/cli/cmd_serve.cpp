// `ptbrief serve`: the review page — see every fact in its article, correct it, print
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <ostream>
#include <thread>

#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "cli/app.h"
#include "cli/commands.h"
#include "serve/serve.h"

namespace ptbrief::cli {
namespace {

/// The port option as a number 0–65535 (0: any free port).
int port_number(const std::string& text) {
  const bool digits = !text.empty() && text.size() <= 5 &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  const long n = digits ? std::atol(text.c_str()) : -1;
  if (n < 0 || n > 65535) throw UsageError(tr("--port takes a port number from 0 to 65535"));
  return static_cast<int>(n);
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int run(const Invocation& inv) {
  serve::ServeOptions options;
  options.corpus = inv.value_or("corpus", default_corpus_dir().string());
  options.host = inv.value_or("host", "127.0.0.1");
  options.port = port_number(inv.value_or("port", "8023"));
  options.web_dir = serve::default_web_dir();
  if (const char* user = std::getenv("USER"); user && *user) options.user = user;
  std::error_code ec;
  if (!std::filesystem::is_directory(options.corpus, ec))
    fail("serve.corpus", "corpus folder '" + options.corpus.string() + "' does not exist",
         "give --corpus DIR", options.corpus.string());
  if (!is_loopback(options.host))
    *inv.err << "ptbrief serve: "
             << trf("warning: listening on {1}: other computers can reach the page (with the token)",
                    {options.host})
             << "\n";

  // SIGINT and SIGTERM stop the server from a thread of their own (sigwait), so no handler
  // runs inside a request. Blocked before any server thread starts, so all inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  serve::Server server(options);
  server.bind();
  *inv.out << server.url() << std::endl;  // the first line: the address to open
  *inv.err << "ptbrief serve: " << trf("corpus folder {1}; Ctrl-C stops", {options.corpus.string()})
           << std::endl;
  std::atomic<bool> signalled{false};
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    server.stop();
  });
  server.run();
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);  // run() ended by itself
  stopper.join();
  return kExitOk;
}

}  // namespace

CommandSpec serve_command() {
  CommandSpec c;
  c.name = "serve";
  c.summary = tr("the review page: check and correct facts, preview and print briefs");
  c.synopsis = "ptbrief serve [--corpus DIR] [--port 8023] [--host 127.0.0.1]";
  c.description =
      tr("Serves a local page (in Chinese, no network needed) that lists the parks and topics,\n"
         "shows every figure and practice beside its sentence, writes drops, fixes and additions\n"
         "to corrections.json in the corpus folder, takes dropped article files, and previews,\n"
         "downloads and prints the brief. The first line printed is the address to open; it\n"
         "holds a random access token that every request must carry.");
  c.options = {{"corpus", "DIR", tr("corpus folder (default ../shared/corpus)"), ""},
               {"port", "N", tr("port to listen on (default 8023; 0: any free port)"), ""},
               {"host", "ADDR", tr("address to listen on (default 127.0.0.1, this computer only)"), ""}};
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
