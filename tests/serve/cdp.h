// A headless Chromium (Debian's chromium) driven through the DevTools protocol over
// --remote-debugging-pipe: JSON messages ending in NUL on file descriptors 3 and 4.
#pragma once

#include <nlohmann/json.hpp>

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace ptbrief::test {

class Browser {
 public:
  /// Starts chromium (1366 × 768) with a fresh profile in `profile_dir`, attached to one page.
  explicit Browser(const std::filesystem::path& profile_dir);
  ~Browser();
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  /// Sends a command to the page (or to the browser with `browser`) and returns its result;
  /// throws std::runtime_error on a protocol error or after 30 s.
  nlohmann::json call(const std::string& method, nlohmann::json params = nlohmann::json::object(),
                      bool browser = false);

  /// Runs `js` in the page (promises awaited) and returns its value.
  nlohmann::json eval(const std::string& js);

  /// Polls `js` until it is true; false after `seconds`.
  bool wait_for(const std::string& js, double seconds = 20);

  /// Opens `url` and waits for the load event.
  void open(const std::string& url);

  /// Writes a PNG screenshot of the viewport.
  void screenshot(const std::filesystem::path& png);

 private:
  nlohmann::json receive(long id);
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  long next_id_ = 1;
  std::string session_, buffer_;
};

}  // namespace ptbrief::test
