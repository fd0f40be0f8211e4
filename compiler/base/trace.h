// Stage timings for profiling a run: with PTBRIEF_TRACE=1 in the environment, every traced
// stage's wall time, start and page faults go to standard error when the run ends; without it
// a traced stage costs one test of a flag.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ptbrief::trace {

/// Whether PTBRIEF_TRACE asks for timings (set, not empty, not "0"); read once per process.
bool enabled();

/// One traced stage as recorded.
struct Record {
  std::string name;
  double start_ms = 0;      ///< since the trace clock started (the process's first constructors)
  double wall_ms = 0;       ///< how long the stage took
  long faults = 0;          ///< page faults (minor + major) of its thread during the stage
  unsigned thread = 0;      ///< 0 for the thread that started first, then in order of first use
};

/// Times the scope it lives in as the stage `name` (a string literal: kept, not copied, until
/// the stage ends) when tracing is on; nothing otherwise. Safe on any thread.
class Stage {
 public:
  explicit Stage(const char* name) : name_(enabled() ? name : nullptr) {
    if (name_) begin();
  }
  ~Stage() {
    if (name_) end();
  }
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;

 private:
  void begin();
  void end();
  const char* name_;
  double start_ms_ = 0;
  long start_faults_ = 0;
};

/// The stages recorded so far, in the order they ended.
std::vector<Record> records();

/// Milliseconds since the trace clock started.
double now_ms();

/// The report: one line per stage in the order they started, then the process's totals
/// (wall since the clock started, CPU user and system, page faults, peak RSS), e.g.
///   `ptbrief trace:   12.31 ms at    3.02 ms,    210 faults, thread 0: make.load_facts`
/// Empty when tracing is off.
std::string report();

}  // namespace ptbrief::trace
