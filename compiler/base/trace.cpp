// Stage timings (PTBRIEF_TRACE=1): the records, the clock, the report.
#include "base/trace.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace ptbrief::trace {
namespace {

using Clock = std::chrono::steady_clock;

struct State {
  bool on = false;
  Clock::time_point origin;
  std::mutex mutex;
  std::vector<Record> records;
  std::atomic<unsigned> threads{1};
};

State& state() {
  static State s;  // first used by the constructor below, before main()
  return s;
}

thread_local int t_thread = -1;  ///< this thread's number in the report

// Starts the clock as early as a constructor runs (after the dynamic loader's relocations)
// and reads PTBRIEF_TRACE once; the thread running it (main's) is thread 0.
__attribute__((constructor(101))) void start_clock() {
  State& s = state();
  s.origin = Clock::now();
  const char* v = std::getenv("PTBRIEF_TRACE");
  s.on = v && *v && std::string(v) != "0";
  t_thread = 0;
}

long thread_faults() {
  rusage u{};
  ::getrusage(RUSAGE_THREAD, &u);
  return u.ru_minflt + u.ru_majflt;
}

unsigned this_thread() {
  if (t_thread < 0) t_thread = static_cast<int>(state().threads.fetch_add(1));
  return static_cast<unsigned>(t_thread);
}

std::string format_line(const char* fmt, double a, double b, long c, unsigned d,
                        const std::string& name) {
  char buf[128];
  std::snprintf(buf, sizeof buf, fmt, a, b, c, d);
  return buf + name + "\n";
}

}  // namespace

bool enabled() { return state().on; }

double now_ms() {
  return std::chrono::duration<double, std::milli>(Clock::now() - state().origin).count();
}

void Stage::begin() {
  start_faults_ = thread_faults();
  start_ms_ = now_ms();
}

void Stage::end() {
  Record r{name_, start_ms_, now_ms() - start_ms_, thread_faults() - start_faults_,
           this_thread()};
  State& s = state();
  std::lock_guard lock(s.mutex);
  s.records.push_back(std::move(r));
}

std::vector<Record> records() {
  State& s = state();
  std::lock_guard lock(s.mutex);
  return s.records;
}

std::string report() {
  if (!enabled()) return {};
  std::vector<Record> all = records();
  std::stable_sort(all.begin(), all.end(),
                   [](const Record& a, const Record& b) { return a.start_ms < b.start_ms; });
  std::string out;
  for (const Record& r : all)
    out += format_line("ptbrief trace: %8.2f ms at %8.2f ms, %6ld faults, thread %u: ", r.wall_ms,
                       r.start_ms, r.faults, r.thread, r.name);
  rusage self{};
  ::getrusage(RUSAGE_SELF, &self);
  auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "ptbrief trace: total %.2f ms since the first constructor, %.2f ms user, "
                "%.2f ms sys, %ld faults, %ld KiB peak RSS\n",
                now_ms(), ms(self.ru_utime), ms(self.ru_stime), self.ru_minflt + self.ru_majflt,
                self.ru_maxrss);
  return out + buf;
}

}  // namespace ptbrief::trace
