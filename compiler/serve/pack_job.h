// The page's "build the pack" (生成简报包): `ptbrief pack`'s run (pack::run_pack with the real
// pipeline) on a thread of its own, its progress and outcome kept for the page to poll.
#pragma once

#include <filesystem>
#include <mutex>
#include <thread>

#include "pack/pack.h"
#include "serve/corrections_store.h"

namespace ptbrief::serve {

class PackJob {
 public:
  /// `pack_file`: the pack the page builds (empty: none; start() refuses). `options`: as
  /// `ptbrief pack` sets them (version, binary, dates, fonts); on_event is replaced.
  PackJob(std::filesystem::path pack_file, pack::RunOptions options);
  ~PackJob();  ///< waits for a run in progress
  PackJob(const PackJob&) = delete;
  PackJob& operator=(const PackJob&) = delete;

  /// {"pack", "state": idle|running|done|failed, "done", "total", "message" (in the message
  /// language), "briefs": [{"file", "status", "error"}], "output"}.
  Json status() const;

  /// Starts a run (the pack file is read again) and returns at once. Throws ptbrief::Error
  /// "serve.no_pack" without a pack, "serve.pack_running" while a run is in progress.
  void start();

 private:
  void run();
  void update(const pack::Event& e);

  std::filesystem::path file_;
  pack::RunOptions options_;
  mutable std::mutex mutex_;  // guards status_ and running_
  Json status_;
  bool running_ = false;
  std::thread thread_;
};

}  // namespace ptbrief::serve
