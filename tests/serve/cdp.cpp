// Headless Chromium over the DevTools protocol's pipe transport.
#include "serve/cdp.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ptbrief::test {
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

std::string base64_decode(const std::string& in) {
  std::string out;
  int val = 0, bits = -8;
  for (unsigned char c : in) {
    int d = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
          : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' ? 62 : c == '/' ? 63 : -1;
    if (d < 0) continue;
    val = (val << 6) + d;
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

}  // namespace

Browser::Browser(const fs::path& profile_dir) {
  int to[2], from[2];
  if (pipe(to) != 0 || pipe(from) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // fd 3: commands in, fd 4: responses out (the pipe transport's convention).
    const int r = dup(to[0]), w = dup(from[1]);
    dup2(r, 3);
    dup2(w, 4);
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    const std::string profile = "--user-data-dir=" + profile_dir.string();
    std::vector<std::string> args = {"chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                                     "--remote-debugging-pipe", "--no-first-run",
                                     "--no-default-browser-check", "--disable-extensions",
                                     "--window-size=1366,768", "--lang=zh-CN", profile,
                                     "about:blank"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (int fd = 5; fd < 1024; ++fd) close(fd);
    execvp("chromium", argv.data());
    _exit(127);
  }
  close(to[0]);
  close(from[1]);
  to_ = to[1];
  from_ = from[0];
  // Attach to the page chromium opened.
  Json targets = call("Target.getTargets", Json::object(), true);
  std::string target;
  for (const auto& t : targets["targetInfos"])
    if (t["type"] == "page") target = t["targetId"];
  if (target.empty()) target = call("Target.createTarget", {{"url", "about:blank"}}, true)["targetId"];
  session_ = call("Target.attachToTarget", {{"targetId", target}, {"flatten", true}}, true)["sessionId"];
  call("Page.enable");
  call("Runtime.enable");
  call("Emulation.setDeviceMetricsOverride",
       {{"width", 1366}, {"height", 768}, {"deviceScaleFactor", 1}, {"mobile", false}});
}

Browser::~Browser() {
  if (to_ >= 0) close(to_);
  if (from_ >= 0) close(from_);
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

Json Browser::call(const std::string& method, Json params, bool browser) {
  const long id = next_id_++;
  Json msg = {{"id", id}, {"method", method}, {"params", std::move(params)}};
  if (!browser && !session_.empty()) msg["sessionId"] = session_;
  const std::string text = msg.dump() + std::string(1, '\0');
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = write(to_, text.data() + done, text.size() - done);
    if (n <= 0) throw std::runtime_error("chromium closed its pipe (is it installed?)");
    done += static_cast<std::size_t>(n);
  }
  return receive(id);
}

Json Browser::receive(long id) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::size_t nul;
    while ((nul = buffer_.find('\0')) != std::string::npos) {
      Json m = Json::parse(buffer_.substr(0, nul), nullptr, false);
      buffer_.erase(0, nul + 1);
      if (m.is_object() && m.contains("id") && m["id"] == id) {
        if (m.contains("error")) throw std::runtime_error("DevTools: " + m["error"].dump());
        return m.value("result", Json::object());
      }
    }
    pollfd p{from_, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[65536];
    const ssize_t n = read(from_, buf, sizeof buf);
    if (n <= 0) throw std::runtime_error("chromium exited");
    buffer_.append(buf, static_cast<std::size_t>(n));
  }
  throw std::runtime_error("no answer from chromium within 30 s");
}

Json Browser::eval(const std::string& js) {
  Json r = call("Runtime.evaluate", {{"expression", js}, {"awaitPromise", true}, {"returnByValue", true}});
  if (r.contains("exceptionDetails"))
    throw std::runtime_error("page script failed: " + r["exceptionDetails"].dump() + "\nin: " + js);
  return r["result"].value("value", Json());
}

bool Browser::wait_for(const std::string& js, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<long>(seconds * 1000));
  while (std::chrono::steady_clock::now() < deadline) {
    if (eval("!!(" + js + ")") == true) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

void Browser::open(const std::string& url) {
  call("Page.navigate", {{"url", url}});
  wait_for("document.readyState === 'complete'");
}

void Browser::screenshot(const fs::path& png) {
  const Json r = call("Page.captureScreenshot", {{"format", "png"}});
  std::ofstream(png, std::ios::binary) << base64_decode(r["data"].get<std::string>());
}

}  // namespace ptbrief::test
