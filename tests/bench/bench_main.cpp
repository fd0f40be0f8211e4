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
