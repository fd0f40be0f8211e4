// Engine bench: time to typeset and write the engine's sample document (typeset::
// sample_document(), ~5,000 Chinese characters, four pages, CJK fonts embedded) as a median of
// cold process runs, with CPU time, peak memory and PDF size. Targets (issue 4): < 20 ms,
// < 30 MiB, < 150 KB.
//
// Cold runs re-execute this binary in a hidden child mode (PTBRIEF_ENGINE_BENCH_OUT set): the
// child does one typeset + write, saves the PDF and its per-phase CPU times, and exits before
// main(). On a shared, loaded machine wall time mostly measures waiting for a core, so CPU time
// (user + sys, from wait4) is reported next to it.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "bench/bench.h"
#include "pdf/pdf.h"
#include "typeset/sample.h"
#include "typeset/typeset.h"

namespace {

using namespace ptbrief;

double cpu_now_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Phases {
  double typeset_ms = 0, write_ms = 0;  ///< CPU time of each phase
};

typeset::PageList lay_out() {
  CollectingSink sink;
  return typeset::typeset(typeset::sample_document(), {}, sink);
}

std::string write(const typeset::PageList& pages) {
  pdf::PdfOptions o;
  o.source_date_epoch = 0;
  return pdf::write_pdf(pages, o);
}

std::string typeset_and_write(Phases* phases = nullptr) {
  double a = cpu_now_ms();
  typeset::PageList pages = lay_out();
  double b = cpu_now_ms();
  std::string bytes = write(pages);
  double c = cpu_now_ms();
  if (phases) *phases = {b - a, c - b};
  return bytes;
}

// The hidden child mode: one cold typeset + write, then exit without running the benches.
const bool kChild = [] {
  const char* out = std::getenv("PTBRIEF_ENGINE_BENCH_OUT");
  if (!out) return false;
  Phases ph;
  std::string bytes = typeset_and_write(&ph);
  std::ofstream(out, std::ios::binary) << bytes;
  std::ofstream(std::string(out) + ".phases") << ph.typeset_ms << ' ' << ph.write_ms << '\n';
  std::fflush(nullptr);
  std::_Exit(0);
}();

/// Median CPU time of `runs` calls of `fn` in this process, in ms.
template <typename Fn>
double median_cpu_ms(int runs, Fn fn) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    double a = cpu_now_ms();
    fn();
    t.push_back(cpu_now_ms() - a);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

std::string self_path() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

struct ColdRuns {
  std::vector<double> wall, cpu, typeset, write;
  double peak_rss_mib = 0;
  int failures = 0;
};

/// `runs` cold child processes: wall time, user + sys CPU time and peak RSS of each (wait4),
/// and the child's own per-phase CPU times. With an empty `out` the child only starts and
/// exits (a bench filter that matches nothing): the fixed cost of exec and dynamic linking.
ColdRuns cold_runs(const std::string& exe, const std::string& out, int runs) {
  ColdRuns r;
  for (int i = 0; i < runs; ++i) {
    auto a = std::chrono::steady_clock::now();
    pid_t pid = ::fork();
    if (pid == 0) {
      if (out.empty())
        ::execl(exe.c_str(), exe.c_str(), "no bench has this name", static_cast<char*>(nullptr));
      else
        ::execl(exe.c_str(), exe.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    int status = 0;
    struct rusage ru {};
    ::wait4(pid, &status, 0, &ru);
    auto b = std::chrono::steady_clock::now();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      ++r.failures;
      continue;
    }
    r.wall.push_back(std::chrono::duration<double, std::milli>(b - a).count());
    r.cpu.push_back((ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3);
    r.peak_rss_mib = std::max(r.peak_rss_mib, ru.ru_maxrss / 1024.0);
    if (out.empty()) continue;
    double t = 0, w = 0;
    std::ifstream(out + ".phases") >> t >> w;
    r.typeset.push_back(t);
    r.write.push_back(w);
  }
  return r;
}

/// Characters in UTF-8 text: all but whitespace, and the Chinese ones (CJK ideographs, BMP and
/// beyond).
struct CharCount {
  std::size_t all = 0, han = 0;
};
CharCount count_chars(const std::string& s) {
  CharCount n;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = len == 1 ? c : c & (0x7f >> len);
    for (int k = 1; k < len && i + k < s.size(); ++k)
      cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    if (cp != ' ' && cp != '\n' && cp != '\t' && cp != 0x3000) ++n.all;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x20000 && cp <= 0x3134F))
      ++n.han;
    i += static_cast<std::size_t>(len);
  }
  return n;
}

/// Embedded font programs in the PDF (FontFile2 / FontFile3 entries).
std::size_t embedded_fonts(const std::string& pdf) {
  std::size_t n = 0;
  for (const char* key : {"/FontFile2 ", "/FontFile3 "})
    for (std::size_t at = 0; (at = pdf.find(key, at)) != std::string::npos; ++at) ++n;
  return n;
}

ptbrief::bench::Register r(
    "engine: typeset + write the 5,000-char sample (CJK fonts embedded)", [] {
      auto out = (std::filesystem::temp_directory_path() /
                  ("ptbrief_engine_bench_" + std::to_string(::getpid()) + ".pdf"))
                     .string();
      ::setenv("PTBRIEF_ENGINE_BENCH_OUT", out.c_str(), 1);
      ColdRuns cold = cold_runs(self_path(), out, 11);
      ::unsetenv("PTBRIEF_ENGINE_BENCH_OUT");
      ColdRuns idle = cold_runs(self_path(), "", 11);
      auto size = std::filesystem::exists(out) ? std::filesystem::file_size(out) : 0;
      std::filesystem::remove(out);
      std::filesystem::remove(out + ".phases");

      typeset::PageList pages = lay_out();
      std::string bytes = write(pages);
      double warm_typeset = median_cpu_ms(9, [] { lay_out(); });
      double warm_write = median_cpu_ms(9, [&pages] { write(pages); });
      CharCount chars = count_chars(typeset::sample_body_text(typeset::sample_document()));

      std::printf("  document: %zu characters (%zu Han), %zu pages, %zu CJK fonts embedded\n",
                  chars.all, chars.han, pages.pages.size(), embedded_fonts(bytes));
      std::printf("  cold process wall (median of %zu): %.1f ms (target < 20 ms)%s\n",
                  cold.wall.size(), median(cold.wall), cold.failures ? ", SOME RUNS FAILED" : "");
      std::printf(
          "  cold process CPU, user + sys (median): %.1f ms  [typeset %.1f ms, pdf %.1f ms]\n",
          median(cold.cpu), median(cold.typeset), median(cold.write));
      std::printf("  of which process start and exit, no work: wall %.1f ms, CPU %.1f ms\n",
                  median(idle.wall), median(idle.cpu));
      std::printf("  peak RSS: %.1f MiB (target < 30 MiB)\n", cold.peak_rss_mib);
      std::printf("  PDF size: %.1f KB (target < 150 KB)\n", size / 1024.0);
      std::printf("  in-process, warm, CPU (median of 9): typeset %.1f ms, write %.1f ms\n",
                  warm_typeset, warm_write);
    });

}  // namespace
