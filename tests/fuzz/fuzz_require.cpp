// fuzz_require for libFuzzer builds (replay_main.cpp has its own).
#include <cstdio>
#include <cstdlib>

#include "fuzz_target.h"

void fuzz_require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant failed: %s\n", what);
  std::abort();
}
