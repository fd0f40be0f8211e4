// Load and crash safety: 20 concurrent clients changing corrections and rebuilding previews
// (bounded: 20 × 2 rounds, on 127.0.0.1 only), and a killed server that loses no accepted
// correction.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <iostream>
#include <thread>

#include "serve/live_server.h"
#include "serve/serve_support.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;
using Json = nlohmann::ordered_json;

namespace {
const char* kFile = "a01_kaifaqu_county.txt";
std::string park_query() { return "park=" + httplib::detail::encode_query_param("昆山开发区"); }
}  // namespace

TEST_CASE("20 concurrent clients rebuilding previews get no failed request") {
  const fs::path corpus = test::made_up_corpus("serve-load", {kFile, "a19_practices.txt"});
  test::LiveServer live(corpus);
  constexpr int kClients = 20, kRounds = 2;
  std::atomic<int> ok{0}, failed{0};
  std::mutex log_mutex;
  std::string first_failure;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i)
    clients.emplace_back([&, i] {
      auto c = live.client();
      c.set_keep_alive(i % 2 == 0);  // half reuse one connection, half open one per request
      auto count = [&](const httplib::Result& r, const char* what) {
        if (r && r->status == 200) return void(++ok);
        ++failed;
        std::lock_guard lock(log_mutex);
        if (first_failure.empty())
          first_failure = std::string(what) + ": " + (r ? std::to_string(r->status) + " " + r->body : httplib::to_string(r.error()));
      };
      const Json entry = {{"drop", {{{"file", kFile}, {"quote", "client " + std::to_string(i)}}}}};
      for (int round = 0; round < kRounds; ++round) {
        // Every request is sent once and must get an HTTP 200: a closed connection is a failure.
        const char* path = round % 2 ? "/api/corrections/undo" : "/api/corrections";
        count(c.Post(path, entry.dump(), "application/json"), "POST");
        count(c.Get(("/api/preview?" + park_query()).c_str()), "preview");
        count(c.Get(("/preview.png?" + park_query() + "&page=1").c_str()), "page");
        count(c.Get(("/brief.pdf?" + park_query()).c_str()), "pdf");
      }
    });
  for (auto& t : clients) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "serve load: " << kClients << " clients, " << ok + failed << " requests, " << failed
            << " failed, " << seconds << " s\n";
  INFO(first_failure);
  CHECK(failed == 0);
  CHECK(ok == kClients * kRounds * 4);
  CHECK(Json::parse(test::slurp(corpus / "corrections.json"))["drop"].empty());  // each undone
}

TEST_CASE("a killed server loses no accepted correction") {
  const fs::path corpus = test::made_up_corpus("serve-kill", {kFile});
  test::ServeProcess server(corpus);
  httplib::Client c("127.0.0.1", server.port);
  c.set_bearer_token_auth(server.token.c_str());
  constexpr int kChanges = 12;
  for (int i = 0; i < kChanges; ++i) {
    const Json entry = {{"drop", {{{"file", kFile}, {"quote", "item " + std::to_string(i)}}}}};
    auto r = c.Post("/api/corrections", entry.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
  }
  server.kill(SIGKILL);
  const Json file = Json::parse(test::slurp(corpus / "corrections.json"));
  REQUIRE(file["drop"].size() == kChanges);
  for (int i = 0; i < kChanges; ++i) CHECK(file["drop"][i]["quote"] == "item " + std::to_string(i));
  for (const auto& e : fs::directory_iterator(corpus))  // no temp file left behind to confuse
    CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("a burst of connections opened at once all get an answer") {
  // 200 connections opened before the server accepts any: more than cpp-httplib's listen
  // backlog of 5 (see Server::bind). Each sends one request and must read an HTTP 200.
  const fs::path corpus = test::made_up_corpus("serve-burst", {kFile});
  test::LiveServer live(corpus);
  constexpr int kConnections = 200;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(live.server.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::vector<int> socks;
  for (int i = 0; i < kConnections; ++i) {  // all connects first, none waited for
    const int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    REQUIRE(s >= 0);
    const int rc = connect(s, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
    REQUIRE((rc == 0 || errno == EINPROGRESS));
    socks.push_back(s);
  }
  const std::string request = "GET /api/layouts HTTP/1.1\r\nHost: 127.0.0.1:" +
                              std::to_string(live.server.port()) + "\r\nAuthorization: Bearer " +
                              live.token + "\r\nConnection: close\r\n\r\n";
  for (const int s : socks) {  // then every request, before any answer is read
    pollfd p{s, POLLOUT, 0};
    poll(&p, 1, 30000);
    fcntl(s, F_SETFL, fcntl(s, F_GETFL) & ~O_NONBLOCK);
    timeval tv{30, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    send(s, request.data(), request.size(), MSG_NOSIGNAL);
  }
  int answered = 0, reset = 0, timed_out = 0, other = 0;
  std::string first_failure;
  for (const int s : socks) {  // then the answers
    std::string answer;
    char buf[4096];
    errno = 0;
    ssize_t n = 0;
    while ((n = recv(s, buf, sizeof buf, 0)) > 0) answer.append(buf, static_cast<std::size_t>(n));
    const int err = n < 0 ? errno : 0;
    if (answer.rfind("HTTP/1.1 200", 0) == 0) {
      ++answered;
      close(s);
      continue;
    }
    if (err == ECONNRESET) ++reset;       // the kernel reset it after the request was sent
    else if (err == EAGAIN) ++timed_out;  // SO_RCVTIMEO: no answer in 30 s
    else ++other;
    if (first_failure.empty())
      first_failure = answer.empty() ? std::string("no answer: ") + std::strerror(err) : answer.substr(0, 80);
    close(s);
  }
  std::cout << "serve burst: " << kConnections << " connections, " << answered << " answered, "
            << reset << " reset, " << timed_out << " no answer in 30 s, " << other << " other\n";
  INFO(first_failure);
  CHECK(answered == kConnections);
}
