// Ingest benchmarks: the shared corpus (median wall time) and a 50 MB synthetic noisy
// corpus (MB/s).
#include <cstdio>

#include "base/diagnostic.h"
#include "bench/bench.h"
#include "ingest/ingest.h"
#include "support/synthetic_corpus.h"
#include "base/paths.h"

namespace {

using namespace ptbrief;


const bench::Register corpus_case("ingest/corpus", [] {
  const auto dir = ptbrief::default_corpus_dir();
  std::size_t articles = 0;
  double ms = bench::median_ms(9, [&] {
    CollectingSink sink;
    articles = ingest::ingest(dir, sink).articles.size();
  });
  std::printf("ingest/corpus: %zu articles, median %.2f ms (9 runs)\n", articles, ms);
});

const bench::Register synthetic_case("ingest/synthetic-50MB", [] {
  const std::string raw = test::synthetic_noisy_corpus(std::size_t{50} << 20);
  std::size_t articles = 0;
  double ms = bench::median_ms(3, [&] {
    CollectingSink sink;
    articles = ingest::ingest_bytes(raw, "synthetic.txt", sink).size();
  });
  double mb = static_cast<double>(raw.size()) / (1 << 20);
  std::printf("ingest/synthetic-50MB: %.1f MiB, %zu articles, median %.0f ms, %.1f MiB/s\n", mb,
              articles, ms, mb / (ms / 1000));
}, /*heavy=*/true);

}  // namespace
