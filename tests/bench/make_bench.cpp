// Make bench: the 南通高新区 brief from the raw corpus to PDF, as users run it — median wall
// time of several cold `ptbrief make` processes, the largest peak RSS, and the PDF size, for
// both layouts. Targets (issue 5): < 25 ms, < 40 MiB, < 120 KB. For comparison on this machine:
// Typst 0.14 0.23 s / 141 MiB / 152 KB; XeLaTeX + ctex 1.6 s / 322 MiB / 134 KB.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/bench.h"

namespace {

using namespace ptbrief;

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
  std::printf("  make --park 南通高新区 --layout %-9s wall median %7.1f ms  cpu median %7.1f ms"
              "  peak %6.1f MiB  %7.1f KB  (exit %d; targets < 25 ms, < 40 MiB, < 120 KB)\n",
              layout.c_str(), s.median_ms, s.median_cpu_ms, s.peak_rss_mib, ec ? 0.0 : size / 1024.0,
              s.exit_code);
}

const bench::Register kBriefing("make_brief_briefing", [] { make_brief("briefing"); });
const bench::Register kGongwen("make_brief_gongwen", [] { make_brief("gongwen"); });

}  // namespace
