// serve's access rules: token generation and comparison, Host and Origin checks.
#include "serve/security.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>

#include "base/diagnostic.h"
#include "base/i18n.h"

namespace ptbrief::serve {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Lower-case ASCII (host names compare case-insensitively).
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// The value of cookie `name` in a Cookie header ("a=1; ptbrief_token=…"), or "".
std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view part = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const auto eq = part.find('=');
    if (eq != std::string_view::npos && trim(part.substr(0, eq)) == name)
      return std::string(trim(part.substr(eq + 1)));
  }
  return {};
}

}  // namespace

std::string make_token() {
  unsigned char bytes[32];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("serve.random", tr("cannot read random bytes for the access token"));
    got += static_cast<std::size_t>(n);
  }
  static const char* hex = "0123456789abcdef";
  std::string token;
  for (unsigned char b : bytes) {
    token += hex[b >> 4];
    token += hex[b & 15];
  }
  return token;
}

bool token_matches(std::string_view given, std::string_view token) {
  if (given.size() != token.size() || token.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < token.size(); ++i)
    diff |= static_cast<unsigned char>(given[i] ^ token[i]);
  return diff == 0;
}

std::optional<std::string> request_token(std::string_view authorization, std::string_view cookie,
                                         std::optional<std::string> query_token) {
  authorization = trim(authorization);
  if (authorization.size() > 7 && lower(authorization.substr(0, 7)) == "bearer ")
    return std::string(trim(authorization.substr(7)));
  if (query_token) return query_token;
  if (std::string c = cookie_value(cookie, kTokenCookie); !c.empty()) return c;
  return std::nullopt;
}

std::vector<std::string> allowed_host_names(const std::string& bound_host) {
  std::vector<std::string> names = {"127.0.0.1", "localhost", "[::1]"};
  std::string bound = lower(bound_host);
  if (bound.find(':') != std::string::npos && bound.front() != '[') bound = "[" + bound + "]";
  if (bound != "0.0.0.0" && bound != "[::]" && !bound.empty()) {
    bool known = false;
    for (const auto& n : names) known = known || n == bound;
    if (!known) names.push_back(bound);
  }
  return names;
}

bool host_allowed(std::string_view host_header, const std::vector<std::string>& names, int port) {
  const std::string host = lower(trim(host_header));
  for (const auto& n : names)
    if (host == n + ":" + std::to_string(port) || (port == 80 && host == n)) return true;
  return false;
}

bool origin_allowed(std::string_view origin, const std::vector<std::string>& names, int port) {
  const std::string o = lower(trim(origin));
  constexpr std::string_view scheme = "http://";
  if (o.rfind(scheme, 0) != 0) return false;
  return host_allowed(std::string_view(o).substr(scheme.size()), names, port);
}

}  // namespace ptbrief::serve
