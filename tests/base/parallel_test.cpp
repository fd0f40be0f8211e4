// parallel_for: every piece runs once, whatever the thread count; the error a caller sees is
// the one of the lowest index, not the first to happen.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/parallel.h"

using ptbrief::parallel_for;

TEST_CASE("parallel_for runs every index exactly once") {
  for (unsigned threads : {0u, 1u, 2u, 7u}) {
    std::vector<std::atomic<int>> seen(50);
    parallel_for(seen.size(), threads, [&](std::size_t i) { seen[i]++; });
    for (std::size_t i = 0; i < seen.size(); ++i) {
      INFO("threads " << threads << ", index " << i);
      CHECK(seen[i] == 1);
    }
  }
  parallel_for(0, 4, [](std::size_t) { FAIL("no piece to run"); });
}

TEST_CASE("parallel_for rethrows the error of the lowest index, whatever the timing") {
  for (unsigned threads : {1u, 4u}) {
    try {
      parallel_for(20, threads, [&](std::size_t i) {
        if (i == 13 || i == 5) throw std::runtime_error("piece " + std::to_string(i));
      });
      FAIL("no exception");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()) == "piece 5");
    }
  }
}
