// Helpers for the serve tests: a corpus of made-up articles, a `ptbrief serve` process.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ptbrief::test {

/// A fresh scratch corpus folder holding copies of the made-up articles `files` of
/// tests/extract/articles/ (never the shared corpus).
std::filesystem::path made_up_corpus(const std::string& name, const std::vector<std::string>& files);

/// `ptbrief serve --corpus DIR --port 0` as a child process; the first stdout line is its URL.
class ServeProcess {
 public:
  explicit ServeProcess(const std::filesystem::path& corpus, std::vector<std::string> extra = {});
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  std::string url;    ///< http://127.0.0.1:PORT/?token=…
  std::string token;  ///< the token in the URL
  int port = 0;

  /// Sends `sig` and waits for the process; returns its wait status.
  int kill(int sig);

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
};

}  // namespace ptbrief::test
