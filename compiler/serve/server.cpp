// The review page's HTTP server: access checks, then the page's files and the API. The only
// file that includes httplib.h.
#include "serve/serve.h"

#include <httplib.h>
#include <sys/socket.h>

#include <cstdlib>
#include <iostream>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "compose/compose.h"
#include "extract/extract.h"
#include "pdf/pdf.h"
#include "serve/corrections_store.h"
#include "serve/pack_job.h"
#include "serve/review.h"
#include "serve/security.h"
#include "serve/upload.h"
#include "serve/workspace.h"
#include "typeset/typeset.h"

namespace ptbrief::serve {
namespace fs = std::filesystem;
using httplib::Request;
using httplib::Response;
namespace {

/// The page's files: name → content type. Only these are served.
const std::pair<const char*, const char*> kWebFiles[] = {
    {"index.html", "text/html; charset=utf-8"},
    {"app.js", "text/javascript; charset=utf-8"},
    {"app.css", "text/css; charset=utf-8"}};

void send_json(Response& res, const Json& j, int status = 200) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(j.dump(), "application/json; charset=utf-8");
}

void send_error(Response& res, int status, const std::string& code, const std::string& message,
                const std::string& hint = {}, const std::string& path = {}) {
  Json j = {{"error", message}, {"code", code}};
  if (!hint.empty()) j["hint"] = hint;
  if (!path.empty()) j["path"] = path;
  send_json(res, j, status);
}

/// The HTTP status for an input error: unknown names 404, a clash 409, else 400.
int status_for(const Diagnostic& d) {
  if (d.code.find("unknown") != std::string::npos || d.code == "serve.no_such_article" ||
      d.code == "serve.no_such_file")
    return 404;
  if (d.code == "serve.file_exists" || d.code == "serve.corrections_file" ||
      d.code == "serve.pack_running" || d.code == "serve.no_pack")
    return 409;
  if (d.code == "serve.too_large") return 413;
  if (d.code == "serve.preview") return 503;
  return 400;
}

/// The brief a query names: park=P or topic=T, and layout=L (default briefing).
BriefKey brief_key(const Request& req) {
  BriefKey key;
  key.topic = !req.has_param("park") && req.has_param("topic");
  key.name = req.get_param_value(key.topic ? "topic" : "park");
  key.layout = req.get_param_value("layout");  // "": ptbrief.json's layout, else briefing
  if (key.name.empty())
    fail("serve.bad_request", tr("say which brief: ?park=NAME or ?topic=NAME"), "");
  return key;
}

/// A JSON request body, checked for size and syntax.
Json json_body(const Request& req, std::size_t max_bytes) {
  if (req.body.size() > max_bytes)
    fail("serve.too_large", trf("the request body is larger than {1} bytes", {std::to_string(max_bytes)}), "");
  Json j = Json::parse(req.body, nullptr, false);
  if (j.is_discarded()) fail("serve.bad_json", tr("the request body is not valid JSON"), "");
  return j;
}

/// "attachment; filename*=UTF-8''%E5%8D%97….pdf" (RFC 6266 / 5987).
std::string content_disposition(const std::string& name, bool download) {
  std::string enc;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') enc += static_cast<char>(c);
    else enc += '%', enc += hex[c >> 4], enc += hex[c & 15];
  }
  return std::string(download ? "attachment" : "inline") + "; filename*=UTF-8''" + enc;
}

const char* kNoToken =
    "<!doctype html><meta charset=utf-8><title>ptbrief</title>"
    "<p>需要访问令牌。请用 <code>ptbrief serve</code> 启动时打印的网址（含 ?token=…）打开本页。</p>"
    "<p>An access token is needed: open the URL that <code>ptbrief serve</code> printed.</p>";

}  // namespace

fs::path default_web_dir() { return find_data_file("web/index.html").parent_path(); }

struct Server::Impl {
  ServeOptions options;
  Workspace workspace;
  CorrectionsStore corrections;
  PackJob pack_job;
  httplib::Server http;
  std::vector<std::string> host_names;
  int port = 0;
  int listen_socket = -1;  ///< the listening socket, seen by the socket options callback

  explicit Impl(ServeOptions o)
      : options(std::move(o)), workspace(options.corpus, options.defaults), corrections(options.corpus),
        pack_job(options.pack, pack_options(options)), host_names(allowed_host_names(options.host)) {
    if (options.token.empty()) options.token = make_token();
    routes();
  }

  /// `ptbrief pack`'s run options for the page's pack.
  static pack::RunOptions pack_options(const ServeOptions& o) {
    pack::RunOptions r;
    r.tool_version = o.tool_version;
    r.tool_binary = o.tool_binary;
    r.tool_build_id = o.tool_build_id;
    r.source_date_epoch = pdf::source_date_epoch_from_env();
    r.font_dirs = typeset::user_font_dirs({});  // PTBRIEF_FONT_DIRS, as ptbrief pack reads it
    return r;
  }

  /// Every request: the Host check, the token (query, header or cookie), and for writes the
  /// Origin check. Handled means refused (or the token redirect).
  httplib::Server::HandlerResponse check(const Request& req, Response& res) {
    using R = httplib::Server::HandlerResponse;
    if (!host_allowed(req.get_header_value("Host"), host_names, port)) {
      send_error(res, 403, "serve.host", tr("this server answers only to its own address"),
                 tr("open the URL ptbrief serve printed"));
      return R::Handled;
    }
    std::optional<std::string> query;
    if (req.has_param("token")) query = req.get_param_value("token");
    const auto given = request_token(req.get_header_value("Authorization"),
                                     req.get_header_value("Cookie"), query);
    if (!given || !token_matches(*given, options.token)) {
      res.status = 401;
      res.set_header("WWW-Authenticate", "Bearer");
      if (req.path.rfind("/api/", 0) == 0) send_error(res, 401, "serve.token", tr("missing or wrong access token"), tr("open the URL ptbrief serve printed"));
      else res.set_content(kNoToken, "text/html; charset=utf-8");
      res.status = 401;
      return R::Handled;
    }
    if (query && req.method == "GET" && req.path == "/") {
      // First visit: the token moves into a cookie and out of the address bar and history.
      res.set_header("Set-Cookie", std::string(kTokenCookie) + "=" + options.token +
                                       "; Path=/; HttpOnly; SameSite=Strict");
      res.set_redirect("/", 303);
      return R::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      const bool bearer = req.get_header_value("Authorization").size() > 7;
      const std::string origin = req.get_header_value("Origin");
      const std::string site = req.get_header_value("Sec-Fetch-Site");
      const bool same_origin = origin.empty() ? bearer : origin_allowed(origin, host_names, port);
      if (!same_origin || (!site.empty() && site != "same-origin" && site != "none")) {
        send_error(res, 403, "serve.origin", tr("cross-origin write refused"),
                   tr("changes are accepted only from the page this server serves, or with "
                      "Authorization: Bearer TOKEN"));
        return R::Handled;
      }
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    return R::Unhandled;
  }

  /// Runs `body`, turning ptbrief errors into JSON error responses.
  template <typename F>
  void guarded(Response& res, F&& body) {
    try {
      body();
    } catch (const Error& e) {
      const Diagnostic& d = e.diagnostic();
      send_error(res, status_for(d), d.code, d.message, d.hint, d.json_path);
    } catch (const fs::filesystem_error& e) {
      const Diagnostic d = access_error(e);
      send_error(res, 500, d.code, d.message, d.hint);
    }
  }

  void routes() {
    http.set_pre_routing_handler([this](const Request& req, Response& res) { return check(req, res); });
    for (const auto& [file, type] : kWebFiles) {
      const std::string name = file, mime = type;
      http.Get(name == "index.html" ? "/" : "/" + name, [this, name, mime](const Request&, Response& res) {
        guarded(res, [&] {
          res.set_header("Cache-Control", "no-cache");
          res.set_header("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' blob: data:; frame-src 'self'; object-src 'self'");
          res.set_content(ptbrief::read_file(options.web_dir / name, std::size_t{4} << 20), mime.c_str());
        });
      });
    }
    http.Get("/api/parks", [this](const Request&, Response& res) {
      guarded(res, [&] { send_json(res, park_list(*workspace.snapshot())); });
    });
    http.Get("/api/layouts", [](const Request&, Response& res) {
      Json rows = Json::array();
      for (const auto& name : compose::list_layouts()) rows.push_back(name);
      send_json(res, rows);
    });
    http.Get("/api/defaults", [this](const Request&, Response& res) {
      guarded(res, [&] {  // ptbrief.json's brief settings, for the page's layout choice
        const auto snap = workspace.snapshot();
        if (snap->defaults_error) throw Error(*snap->defaults_error);
        Json overrides = Json::object();
        for (const auto& o : snap->defaults.overrides) overrides[o.key] = o.value;
        send_json(res, {{"layout", Workspace::layout_for(*snap, "")},
                        {"date", snap->defaults.date}, {"set", overrides}});
      });
    });
    http.Get("/api/facts", [this](const Request& req, Response& res) {
      guarded(res, [&] {
        const auto snap = workspace.snapshot();
        const BriefKey key = brief_key(req);
        const auto& facts = snap->facts;
        const std::string name = key.topic ? compose::resolve_topic(facts, key.name)
                                           : compose::resolve_park(facts, key.name);
        extract::FactsScope scope;
        (key.topic ? scope.topic : scope.park) = name;
        res.set_header("Cache-Control", "no-store");
        res.set_content(extract::to_facts_json(key.topic ? extract::select(facts, "", name)
                                                         : extract::select(facts, name, ""),
                                               scope),
                        "application/json; charset=utf-8");
      });
    });
    http.Get("/api/review", [this](const Request& req, Response& res) {
      guarded(res, [&] {
        const BriefKey key = brief_key(req);
        send_json(res, review(*workspace.snapshot(), key.topic, key.name));
      });
    });
    http.Get("/api/article", [this](const Request& req, Response& res) {
      guarded(res, [&] { send_json(res, article(*workspace.snapshot(), req.get_param_value("id"))); });
    });
    http.Get("/api/corrections", [this](const Request&, Response& res) {
      guarded(res, [&] { send_json(res, corrections.read()); });
    });
    http.Post("/api/corrections", [this](const Request& req, Response& res) {
      guarded(res, [&] {
        send_json(res, corrections.merge(json_body(req, options.max_json_bytes), options.user, utc_now()));
      });
    });
    http.Post("/api/corrections/undo", [this](const Request& req, Response& res) {
      guarded(res, [&] { send_json(res, corrections.remove(json_body(req, options.max_json_bytes))); });
    });
    http.Post("/api/articles", [this](const Request& req, Response& res) {
      guarded(res, [&] { send_json(res, add_article(options.corpus, req.get_param_value("name"), req.body), 201); });
    });
    http.Get("/api/pack", [this](const Request&, Response& res) {
      guarded(res, [&] { send_json(res, pack_job.status()); });
    });
    http.Post("/api/pack", [this](const Request&, Response& res) {
      guarded(res, [&] {  // 生成简报包: starts `ptbrief pack`'s run; GET /api/pack follows it
        pack_job.start();
        send_json(res, pack_job.status(), 202);
      });
    });
    http.Get("/brief.pdf", [this](const Request& req, Response& res) {
      guarded(res, [&] {
        const BriefKey key = brief_key(req);
        const auto bytes = workspace.pdf(key);
        const std::string layout =
            fs::path(Workspace::layout_for(*workspace.snapshot(), key.layout)).stem().string();
        res.set_header("Cache-Control", "no-store");
        res.set_header("Content-Disposition",
                       content_disposition(key.name + (layout == "briefing" ? "" : "." + layout) + ".pdf",
                                           req.has_param("download")));
        res.set_content(*bytes, "application/pdf");
      });
    });
    http.Get("/api/preview", [this](const Request& req, Response& res) {
      guarded(res, [&] {
        const BriefKey key = brief_key(req);
        const auto pages = workspace.pages(key);
        send_json(res, {{"pages", pages->size()},
                        {"version", std::to_string(std::hash<std::string>{}(workspace.snapshot()->fingerprint))}});
      });
    });
    http.Get("/preview.png", [this](const Request& req, Response& res) {
      guarded(res, [&] {
        const auto pages = workspace.pages(brief_key(req));
        const long n = std::atol(req.get_param_value("page").c_str());
        if (n < 1 || static_cast<std::size_t>(n) > pages->size())
          fail("serve.unknown_page", trf("the brief has no page {1}", {req.get_param_value("page")}), "");
        res.set_header("Cache-Control", "no-store");
        res.set_content((*pages)[static_cast<std::size_t>(n - 1)], "image/png");
      });
    });
    http.set_exception_handler([](const Request&, Response& res, std::exception_ptr ep) {
      std::string what = "unknown";
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      send_error(res, 500, "internal", trf("internal error: {1}", {what}),
                 tr("this is a bug in ptbrief; please report it"));
    });
    // The listening socket. cpp-httplib 0.11.4 (as Debian builds it) listens with a backlog of
    // 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled into libcpp-httplib.so, so no #define here changes
    // it). When more than 5 connections wait for accept() — 20 clients on a busy machine — the
    // kernel drops handshakes and answers with SYN cookies; a cookie that fails its check makes
    // the kernel reset the connection after the client has sent its request: a request with no
    // HTTP answer. Server::bind() listens again with the system's largest backlog. And
    // SO_REUSEADDR instead of httplib's default SO_REUSEPORT, so that a second server on the same
    // port fails to bind instead of sharing the port with the first.
    http.set_socket_options([this](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listen_socket = sock;
    });
    http.set_payload_max_length(kMaxUploadBytes + 4096);
    const unsigned threads = options.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_keep_alive_max_count(100);
    http.set_keep_alive_timeout(10);  // idle keep-alive connections hold a thread this long
  }
};

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() = default;

void Server::bind() {
  auto& o = impl_->options;
  const bool ok = o.port == 0 ? (impl_->port = impl_->http.bind_to_any_port(o.host)) > 0
                              : impl_->http.bind_to_port(o.host, o.port);
  if (!ok)
    fail("serve.bind", trf("cannot listen on {1}", {o.host + ":" + std::to_string(o.port)}),
         tr("another program may use the port: try --port 8024"));
  if (o.port != 0) impl_->port = o.port;
  // Listening again on a listening socket sets its backlog (Linux listen(2)); SOMAXCONN is
  // capped by net.core.somaxconn.
  if (impl_->listen_socket < 0 || ::listen(impl_->listen_socket, SOMAXCONN) != 0)
    fail("serve.bind", trf("cannot listen on {1}", {o.host + ":" + std::to_string(impl_->port)}),
         tr("another program may use the port: try --port 8024"));
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  std::string host = impl_->options.host;
  if (host == "0.0.0.0" || host == "::") host = "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->port) + "/?token=" + impl_->options.token;
}

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace ptbrief::serve
