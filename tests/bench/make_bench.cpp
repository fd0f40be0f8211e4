// Make bench: the 南通高新区 brief from the raw corpus to PDF, as users run it — median wall
// time of several cold `ptbrief make` processes, the largest peak RSS, and the PDF size, for
// both layouts. Targets (issue 5): < 25 ms, < 40 MiB, < 120 KB. For comparison on this machine:
// Typst 0.14 0.23 s / 141 MiB / 152 KB; XeLaTeX + ctex 1.6 s / 322 MiB / 134 KB.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/bench.h"

namespace {

using namespace ptbrief;

/// Median CPU time (user + system, ms) of `runs` cold processes: on a shared, loaded machine
/// wall time mostly measures waiting for a core.
double median_cpu_ms(const std::vector<std::string>& argv, int runs) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      std::freopen("/dev/null", "w", stdout);
      std::freopen("/dev/null", "w", stderr);
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    int status = 0;
    struct rusage ru {};
    ::wait4(pid, &status, 0, &ru);
    t.push_back((ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

void make_brief(const std::string& layout) {
  const auto dir = std::filesystem::temp_directory_path() / "ptbrief_make_bench";
  std::filesystem::create_directories(dir);
  const auto out = dir / ("南通高新区." + layout + ".pdf");
  const std::vector<std::string> argv = {PTBRIEF_BENCH_BINARY, "make", "--park", "南通高新区",
                                         "--layout", layout, "-o", out.string()};
  bench::measure_process(argv, 1);  // warm the page cache (fonts, corpus)
  const bench::ProcessStats s = bench::measure_process(argv, 9);
  std::error_code ec;
  const auto size = std::filesystem::file_size(out, ec);
  const double cpu = median_cpu_ms(argv, 9);
  std::printf("  make --park 南通高新区 --layout %-9s wall median %7.1f ms  cpu median %7.1f ms"
              "  peak %6.1f MiB  %7.1f KB  (exit %d; targets < 25 ms, < 40 MiB, < 120 KB)\n",
              layout.c_str(), s.median_ms, cpu, s.peak_rss_mib, ec ? 0.0 : size / 1024.0,
              s.exit_code);
}

const bench::Register kBriefing("make_brief_briefing", [] { make_brief("briefing"); });
const bench::Register kGongwen("make_brief_gongwen", [] { make_brief("gongwen"); });

}  // namespace
