// ptbrief-serve: the executable that runs `ptbrief serve` (the review page), so the HTTP
// server's libraries load only here (cli/helper.h). Started by ptbrief, or directly.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <ostream>
#include <thread>

#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "cli/app.h"
#include "cli/commands.h"
#include "cli/defaults.h"
#include "cli/helper.h"
#include "pack/pack.h"
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

/// ptbrief.json's brief settings for the server, read as `make` reads them when no option is
/// given (apply_corpus_defaults, layout_overrides).
serve::BriefDefaults corpus_brief_defaults(const std::filesystem::path& corpus) {
  Invocation inv;
  apply_corpus_defaults(inv, corpus);  // throws naming the file and the JSON path
  serve::BriefDefaults d;
  d.layout = inv.value_or("layout", "");
  d.date = inv.value_or("date", "");
  try {
    d.overrides = layout_overrides(inv);
  } catch (const UsageError& bad) {  // as make says it, at the file's key
    Diagnostic e;
    e.code = "cli.bad_defaults";
    e.file = (corpus / "ptbrief.json").string();
    e.json_path = std::string(bad.what()).find("--issue") != std::string::npos ? "$.issue" : "$.set";
    e.message = bad.what();
    throw Error(e);
  }
  if (!d.date.empty()) {
    try {
      compose::brief_date(d.date);  // checked here, so the page names the file
    } catch (const Error& bad) {
      Diagnostic e = bad.diagnostic();
      e.file = (corpus / "ptbrief.json").string();
      e.json_path = "$.date";
      throw Error(e);
    }
  }
  return d;
}

int run(const Invocation& inv) {
  // The page is in Chinese: so are its messages (errors, progress), whatever the locale says.
  use_messages("zh_CN");
  serve::ServeOptions options;
  options.corpus = inv.value_or("corpus", default_corpus_dir().string());
  options.host = inv.value_or("host", "127.0.0.1");
  options.port = port_number(inv.value_or("port", "8023"));
  options.web_dir = serve::default_web_dir();
  options.defaults = corpus_brief_defaults;
  if (auto name = inv.value("pack")) {  // the page's 生成简报包 builds this pack
    options.pack = pack::find_pack(*name);
    const pack::PackSpec spec = pack::load_pack(options.pack);  // checked now, read again per run
    std::error_code same;
    if (!std::filesystem::equivalent(spec.corpus, options.corpus, same))
      fail("serve.pack_corpus",
           trf("pack '{1}' reads the corpus folder {2}, not {3}",
               {spec.name, spec.corpus.string(), options.corpus.string()}),
           tr("give --corpus the pack's folder, or a pack made for this folder"),
           options.pack.string());
    options.tool_binary = tool_binary();  // the ptbrief that started us: packs stamp it
    options.tool_build_id = tool_build_id();
    options.tool_version = PTBRIEF_VERSION;
  }
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
}  // namespace ptbrief::cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  ptbrief::init_messages();
  ptbrief::cli::CommandSpec serve = ptbrief::cli::serve_command();
  serve.helper.clear();  // this is the helper
  serve.run = ptbrief::cli::run;
  return ptbrief::cli::run_command(serve, std::vector<std::string>(argv + 1, argv + argc), std::cout,
                                   std::cerr);
}
