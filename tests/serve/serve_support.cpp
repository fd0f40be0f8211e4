// Helpers for the serve tests: made-up corpora, a `ptbrief serve` child process.
#include "serve/serve_support.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>

#include "support/test_support.h"

namespace ptbrief::test {
namespace fs = std::filesystem;

fs::path made_up_corpus(const std::string& name, const std::vector<std::string>& files) {
  const fs::path dir = scratch_dir(name);
  for (const auto& f : files)
    fs::copy_file(fs::path("tests/extract/articles") / f, dir / f);
  return dir;
}

ServeProcess::ServeProcess(const fs::path& corpus, std::vector<std::string> extra) {
  int out[2];
  REQUIRE(pipe(out) == 0);
  std::vector<std::string> args = {PTBRIEF_BINARY, "serve", "--corpus", corpus.string(), "--port", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  out_fd_ = out[0];
  // The first line, within 20 s.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (url.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[256];
    const ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) break;
    url.append(buf, static_cast<std::size_t>(n));
  }
  REQUIRE(url.find('\n') != std::string::npos);
  url.resize(url.find('\n'));
  const auto colon = url.rfind(':'), slash = url.find('/', colon);
  port = std::stoi(url.substr(colon + 1, slash - colon - 1));
  token = url.substr(url.find("token=") + 6);
}

int ServeProcess::kill(int sig) {
  int status = -1;
  if (pid_ > 0) {
    ::kill(pid_, sig);
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  return status;
}

ServeProcess::~ServeProcess() {
  kill(SIGTERM);
  if (out_fd_ >= 0) close(out_fd_);
}

}  // namespace ptbrief::test
