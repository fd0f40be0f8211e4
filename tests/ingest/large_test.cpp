// A 50 MB synthetic input ingests in linear time.
#include <chrono>

#include "ingest_test_support.h"
#include "support/synthetic_corpus.h"

using namespace ptbrief;

namespace {


double seconds(const std::string& raw) {
  CollectingSink sink;
  auto t0 = std::chrono::steady_clock::now();
  auto articles = ingest::ingest_bytes(raw, "big.txt", sink);
  auto t1 = std::chrono::steady_clock::now();
  REQUIRE(articles.size() > 1000);
  return std::chrono::duration<double>(t1 - t0).count();
}

}  // namespace

TEST_CASE("a 50 MB file ingests in linear time", "[ingest][large]") {
  const double small = seconds(test::synthetic_noisy_corpus(5u << 20));
  const double big = seconds(test::synthetic_noisy_corpus(50u << 20));
  INFO("5 MB: " << small << " s, 50 MB: " << big << " s");
  // 10× the input: ~10× the time, never ~100×. A ratio, so it holds in the sanitizer build
  // too (about 95 s there, 5 s in Release); the speed itself is measured by `make bench`.
  CHECK(big < 20 * small + 0.5);
}
