// Pack benchmarks: the whole corpus pack from cold with 1 and 2 jobs, and a run with nothing
// changed (target: under 50 ms), each as a separate `ptbrief pack` process.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench/bench.h"

namespace fs = std::filesystem;

namespace {

/// A pack of every park and topic, written to a scratch folder of the build tree.
fs::path write_pack() {
  fs::path dir = fs::path(PTBRIEF_BENCH_SCRATCH) / "bench-pack";
  fs::create_directories(dir);
  std::ofstream(dir / "pack.json") << R"({"name": "bench", "output": "out", "layout": "briefing",
    "briefs": ["all parks", "all topics"]})";
  return dir;
}

std::vector<std::string> pack_argv(const fs::path& dir, int jobs) {
  return {PTBRIEF_BENCH_BINARY, "pack", (dir / "pack.json").string(), "--jobs",
          std::to_string(jobs)};
}

void report(const char* what, const ptbrief::bench::ProcessStats& s) {
  std::printf("%-34s %9.1f ms  peak %6.1f MiB  exit %d\n", what, s.median_ms, s.peak_rss_mib,
              s.exit_code);
  std::fflush(stdout);  // measure_process forks: an unflushed buffer would be printed again
}

/// Median over `runs` cold builds, each into an emptied output folder.
ptbrief::bench::ProcessStats cold(const fs::path& dir, int jobs, int runs) {
  std::vector<double> times;
  ptbrief::bench::ProcessStats worst;
  for (int i = 0; i < runs; ++i) {
    fs::remove_all(dir / "out");
    auto s = ptbrief::bench::measure_process(pack_argv(dir, jobs), 1);
    times.push_back(s.median_ms);
    worst.peak_rss_mib = std::max(worst.peak_rss_mib, s.peak_rss_mib);
    worst.exit_code = std::max(worst.exit_code, s.exit_code);
  }
  std::sort(times.begin(), times.end());
  worst.median_ms = times[times.size() / 2];
  return worst;
}

static ptbrief::bench::Register pack_bench("pack", [] {
  fs::path dir = write_pack();
  report("pack all, cold, --jobs 1", cold(dir, 1, 3));
  report("pack all, cold, --jobs 2", cold(dir, 2, 3));
  auto nochange = ptbrief::bench::measure_process(pack_argv(dir, 2), 11);
  report("pack all, nothing changed", nochange);
  std::printf("no-change target < 50 ms: %s\n", nochange.median_ms < 50 ? "met" : "MISSED");
  std::fflush(stdout);
});

}  // namespace
