// A tiny benchmark registry for `make bench`: each bench file registers named cases that
// print their own measurements (median of several runs, MB/s, peak memory, sizes).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace ptbrief::bench {

struct Case {
  std::string name;
  std::function<void()> run;  ///< prints its own result lines to stdout
};

std::vector<Case>& registry();

struct Register {
  Register(std::string name, std::function<void()> run) {
    registry().push_back({std::move(name), std::move(run)});
  }
};

/// Median of `runs` wall-clock timings of `fn`, in milliseconds.
double median_ms(int runs, const std::function<void()>& fn);

/// Runs a shell command `runs` times as a cold process; returns the median wall time in ms and
/// the largest peak RSS (MiB) seen, measured with wait4's rusage.
struct ProcessStats {
  double median_ms = 0;
  double peak_rss_mib = 0;
  int exit_code = 0;
};
ProcessStats measure_process(const std::vector<std::string>& argv, int runs);

}  // namespace ptbrief::bench
