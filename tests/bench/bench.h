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
  /// Allocates a lot inside the bench process (50 MB corpora). Such cases run after the ones
  /// that time child processes: a child forked from a big process reports the parent's
  /// resident size as its own peak (Linux records it at exec).
  bool heavy = false;
};

std::vector<Case>& registry();

struct Register {
  Register(std::string name, std::function<void()> run, bool heavy = false) {
    registry().push_back({std::move(name), std::move(run), heavy});
  }
};

/// Median of `runs` wall-clock timings of `fn`, in milliseconds.
double median_ms(int runs, const std::function<void()>& fn);

/// Runs `argv` (argv[0] an absolute path, no shell) `runs` times as a cold process; returns the
/// median wall and CPU (user + system) times in ms and the largest peak RSS (MiB) seen,
/// measured with wait4's rusage. On a loaded machine CPU time is the fairer number.
struct ProcessStats {
  double median_ms = 0;
  double median_cpu_ms = 0;
  double peak_rss_mib = 0;
  int exit_code = 0;
};
ProcessStats measure_process(const std::vector<std::string>& argv, int runs);

/// One cold run of a process, as wait4's rusage reports it.
struct RunSample {
  double wall_ms = 0, user_ms = 0, sys_ms = 0;
  long faults = 0;        ///< minor + major page faults
  double rss_mib = 0;     ///< peak resident size
  int exit_code = 0;
};
RunSample run_once(const std::vector<std::string>& argv);

/// Medians of several runs (peak: the largest, exit: the last non-zero).
struct Summary {
  double wall_ms = 0, cpu_ms = 0, sys_ms = 0, faults = 0, peak_mib = 0;
  int exit_code = 0;
};
Summary summarize(const std::vector<RunSample>& runs);

/// A paired benchmark: A and B run in turn (A B A B …), `runs` times each after one warm-up
/// pair; `ratio` is the median of the per-pair wall-time ratios A/B, so a drift of the
/// machine's speed during the measurement cancels out. `before_a`/`before_b` run before each
/// run of A/B (e.g. emptying an output folder for a cold run), outside the timing.
struct Paired {
  Summary a, b;
  double ratio = 0;
};
Paired measure_paired(const std::vector<std::string>& a, const std::vector<std::string>& b,
                      int runs, const std::function<void()>& before_a = {},
                      const std::function<void()>& before_b = {});

}  // namespace ptbrief::bench
