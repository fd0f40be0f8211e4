// An in-process serve::Server on a free port of 127.0.0.1, running on its own thread.
#pragma once

#include <httplib.h>

#include <thread>

#include "serve/serve.h"

namespace ptbrief::test {

struct LiveServer {
  std::string token = "t0ken-for-tests-0123456789abcdef";  // before `server`, which reads it
  serve::Server server;
  std::thread thread;

  explicit LiveServer(const std::filesystem::path& corpus) : server(options(corpus, token)) {
    server.bind();
    thread = std::thread([this] { server.run(); });
  }
  ~LiveServer() {
    server.stop();
    thread.join();
  }
  static serve::ServeOptions options(const std::filesystem::path& corpus, const std::string& token) {
    serve::ServeOptions o;
    o.corpus = corpus;
    o.port = 0;
    o.token = token;
    o.web_dir = serve::default_web_dir();
    o.user = "tester";
    return o;
  }
  /// A client for this server, sending the token as a Bearer header unless `bearer` is false.
  httplib::Client client(bool bearer = true) const {
    httplib::Client c("127.0.0.1", server.port());
    c.set_read_timeout(60, 0);
    if (bearer) c.set_bearer_token_auth(token.c_str());
    return c;
  }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(server.port()); }
};

}  // namespace ptbrief::test
