// serve's access rules as pure functions: tokens, where they may come from, Host and Origin.
#include <catch2/catch.hpp>

#include "serve/security.h"

using namespace ptbrief::serve;

TEST_CASE("a token is 64 hex digits and differs each time") {
  const std::string a = make_token(), b = make_token();
  CHECK(a.size() == 64);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a != b);
}

TEST_CASE("a token matches only itself, never an empty one") {
  const std::string t = make_token();
  CHECK(token_matches(t, t));
  CHECK_FALSE(token_matches(t.substr(0, 63), t));
  CHECK_FALSE(token_matches(t.substr(0, 63) + (t.back() == 'a' ? "b" : "a"), t));
  CHECK_FALSE(token_matches("", ""));
}

TEST_CASE("the token comes from the Bearer header, else the query, else the cookie") {
  CHECK(request_token("Bearer abc", "ptbrief_token=zzz", std::string("qqq")) == "abc");
  CHECK(request_token("bearer  abc ", "", std::nullopt) == "abc");
  CHECK(request_token("", "ptbrief_token=zzz", std::string("qqq")) == "qqq");
  CHECK(request_token("", "other=1; ptbrief_token=zzz; x=2", std::nullopt) == "zzz");
  CHECK(request_token("Basic Zm9v", "other=1", std::nullopt) == std::nullopt);
}

TEST_CASE("a Host header must name this server: a rebound name is refused") {
  const auto names = allowed_host_names("127.0.0.1");
  CHECK(host_allowed("127.0.0.1:8023", names, 8023));
  CHECK(host_allowed("LOCALHOST:8023", names, 8023));
  CHECK(host_allowed("[::1]:8023", names, 8023));
  CHECK_FALSE(host_allowed("127.0.0.1:8024", names, 8023));
  CHECK_FALSE(host_allowed("evil.example:8023", names, 8023));
  CHECK_FALSE(host_allowed("", names, 8023));
  const auto lan = allowed_host_names("192.0.2.7");
  CHECK(host_allowed("192.0.2.7:8023", lan, 8023));
}

TEST_CASE("an Origin must be this server's own http origin") {
  const auto names = allowed_host_names("127.0.0.1");
  CHECK(origin_allowed("http://127.0.0.1:8023", names, 8023));
  CHECK_FALSE(origin_allowed("http://evil.example:8023", names, 8023));
  CHECK_FALSE(origin_allowed("https://127.0.0.1:8023", names, 8023));
  CHECK_FALSE(origin_allowed("null", names, 8023));
  CHECK_FALSE(origin_allowed("http://127.0.0.1:9999", names, 8023));
}
