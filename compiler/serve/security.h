// serve's access rules: the random token, where a request may carry it, and which Host and
// Origin headers a request may name (DNS rebinding, cross-site writes). Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptbrief::serve {

/// The name of the cookie that carries the token after the first visit.
inline constexpr const char* kTokenCookie = "ptbrief_token";

/// A fresh access token: 32 random bytes from the kernel (getrandom), as 64 hex digits.
std::string make_token();

/// Whether `given` equals `token`, compared in time independent of where they differ.
bool token_matches(std::string_view given, std::string_view token);

/// The token a request carries: `Authorization: Bearer T`, else `?token=T`, else the
/// ptbrief_token cookie; nullopt when it carries none.
std::optional<std::string> request_token(std::string_view authorization, std::string_view cookie,
                                         std::optional<std::string> query_token);

/// The host names a request may address: 127.0.0.1, localhost, [::1] and the bound host.
std::vector<std::string> allowed_host_names(const std::string& bound_host);

/// Whether a Host header ("127.0.0.1:8023") names one of `names` at `port`. A rebinding
/// attack's Host (evil.example:8023) does not.
bool host_allowed(std::string_view host_header, const std::vector<std::string>& names, int port);

/// Whether an Origin header ("http://127.0.0.1:8023") is this server's own origin.
bool origin_allowed(std::string_view origin, const std::vector<std::string>& names, int port);

}  // namespace ptbrief::serve
