// serve: the review page's HTTP server (`ptbrief serve`). Staff see every fact beside its
// sentence, drop, fix or add facts (written to corrections.json), drop article files in and
// preview and print the brief. Local only by default; every request carries a random token.
//
// Public interface of the serve stage. Everything else in compiler/serve/ is private;
// cpp-httplib is used only in server.cpp.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compose/compose.h"

namespace ptbrief::serve {

/// What a corpus folder's ptbrief.json says about its briefs, as `ptbrief make` applies it
/// when no option overrides it (cli/defaults.h).
struct BriefDefaults {
  std::string layout;                              ///< layout name or path; "" = briefing
  std::vector<compose::LayoutOverride> overrides;  ///< "issue" (masthead.issue), then "set"
  std::string date;                                ///< "YYYY-MM-DD", or "" for none
};

/// Reads the defaults of a corpus folder (none when it has no ptbrief.json). Throws
/// ptbrief::Error naming the file and the JSON path of a wrong entry.
using DefaultsReader = std::function<BriefDefaults(const std::filesystem::path& corpus)>;

struct ServeOptions {
  std::filesystem::path corpus;          ///< the corpus folder the page works on
  std::string host = "127.0.0.1";        ///< address to bind
  int port = 8023;                       ///< 0: any free port (see Server::port())
  std::filesystem::path web_dir;         ///< the page's files (index.html, app.js, app.css)
  std::string token;                     ///< empty: a fresh random one (make_token)
  std::size_t max_json_bytes = std::size_t{1} << 20;  ///< largest JSON body accepted
  unsigned threads = 32;                 ///< request threads (keep-alive clients hold one each)
  std::string user;                      ///< "by" of a correction that names no one
  DefaultsReader defaults;               ///< ptbrief.json's brief settings; unset = none
  /// The pack the page's 生成简报包 builds (a pack file; its corpus must be `corpus`); empty:
  /// none. The tool fields are `ptbrief pack`'s RunOptions (a rebuilt ptbrief rebuilds).
  std::filesystem::path pack;
  std::string tool_version;
  std::filesystem::path tool_binary;
  std::string tool_build_id;  ///< its build ID (hex), as `ptbrief pack` stamps packs
};

/// The web folder shipped with ptbrief: web/ in the data folders (share/ptbrief/web when
/// installed, the source tree's web/ for a build-tree binary).
std::filesystem::path default_web_dir();

/// The server. Construct, bind(), print url(), then run() until stop() (from any thread).
class Server {
 public:
  explicit Server(ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the address; throws ptbrief::Error "serve.bind" naming host and port when it cannot.
  void bind();
  /// The bound port (after bind()).
  int port() const;
  /// The URL to open, with the token: http://127.0.0.1:8023/?token=…
  std::string url() const;
  /// Serves requests until stop(); returns then.
  void run();
  /// Stops run(); safe from another thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ptbrief::serve
