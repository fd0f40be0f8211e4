// `make bench`: runs every registered benchmark (or those whose name contains argv[1]).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "bench/bench.h"

namespace ptbrief::bench {

std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}

double median_ms(int runs, const std::function<void()>& fn) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto a = std::chrono::steady_clock::now();
    fn();
    auto b = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double, std::milli>(b - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

ProcessStats measure_process(const std::vector<std::string>& argv, int runs) {
  ProcessStats s;
  std::vector<double> t, cpu;
  for (int i = 0; i < runs; ++i) {
    auto a = std::chrono::steady_clock::now();
    pid_t pid = ::fork();
    if (pid == 0) {
      // The child's output is discarded; without /dev/null it goes to the bench's own.
      if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr)) {
      }
      std::vector<char*> args;
      for (const auto& x : argv) args.push_back(const_cast<char*>(x.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    int status = 0;
    struct rusage ru {};
    ::wait4(pid, &status, 0, &ru);
    auto b = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double, std::milli>(b - a).count());
    cpu.push_back((ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                  (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3);
    s.peak_rss_mib = std::max(s.peak_rss_mib, ru.ru_maxrss / 1024.0);
    s.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  }
  std::sort(t.begin(), t.end());
  std::sort(cpu.begin(), cpu.end());
  s.median_ms = t[t.size() / 2];
  s.median_cpu_ms = cpu[cpu.size() / 2];
  return s;
}

RunSample run_once(const std::vector<std::string>& argv) {
  RunSample r;
  std::fflush(stdout);  // a forked child must not print the parent's buffer again
  auto a = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr)) {
    }
    std::vector<char*> args;
    for (const auto& x : argv) args.push_back(const_cast<char*>(x.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage ru {};
  ::wait4(pid, &status, 0, &ru);
  auto b = std::chrono::steady_clock::now();
  r.wall_ms = std::chrono::duration<double, std::milli>(b - a).count();
  r.user_ms = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3;
  r.sys_ms = ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
  r.faults = ru.ru_minflt + ru.ru_majflt;
  r.rss_mib = ru.ru_maxrss / 1024.0;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return r;
}

namespace {
double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

Summary summarize(const std::vector<RunSample>& runs) {
  Summary s;
  std::vector<double> wall, cpu, sys, faults;
  for (const auto& r : runs) {
    wall.push_back(r.wall_ms);
    cpu.push_back(r.user_ms + r.sys_ms);
    sys.push_back(r.sys_ms);
    faults.push_back(static_cast<double>(r.faults));
    s.peak_mib = std::max(s.peak_mib, r.rss_mib);
    if (r.exit_code) s.exit_code = r.exit_code;
  }
  s.wall_ms = median_of(wall);
  s.cpu_ms = median_of(cpu);
  s.sys_ms = median_of(sys);
  s.faults = median_of(faults);
  return s;
}

Paired measure_paired(const std::vector<std::string>& a, const std::vector<std::string>& b,
                      int runs, const std::function<void()>& before_a,
                      const std::function<void()>& before_b) {
  std::vector<RunSample> ra, rb;
  std::vector<double> ratios;
  for (int i = -1; i < runs; ++i) {  // i = -1: the warm-up pair, not counted
    if (before_a) before_a();
    RunSample x = run_once(a);
    if (before_b) before_b();
    RunSample y = run_once(b);
    if (i < 0) continue;
    ra.push_back(x);
    rb.push_back(y);
    if (y.wall_ms > 0) ratios.push_back(x.wall_ms / y.wall_ms);
  }
  return {summarize(ra), summarize(rb), median_of(ratios)};
}

}  // namespace ptbrief::bench

int main(int argc, char** argv) {
  std::string filter = argc > 1 ? argv[1] : "";
  for (bool heavy : {false, true}) {
    for (const auto& c : ptbrief::bench::registry()) {
      if (c.heavy != heavy) continue;
      if (!filter.empty() && c.name.find(filter) == std::string::npos) continue;
      std::cout << "== " << c.name << "\n" << std::flush;
      c.run();
    }
  }
  return 0;
}
