// Extraction benchmarks: the whole shared corpus, and a 50 MB synthetic corpus made by
// repeating the corpus's ingested articles (MB/s over cleaned text bytes).
#include <cstdio>

#include "base/diagnostic.h"
#include "bench/bench.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "base/paths.h"

namespace {

using namespace ptbrief;

std::size_t text_bytes(const ingest::Corpus& c) {
  std::size_t n = 0;
  for (const auto& a : c.articles)
    for (const auto& b : a.blocks) n += b.text.size();
  return n;
}

static bench::Register corpus_case("extract/corpus", [] {
  CollectingSink sink;
  auto corpus = ingest::ingest(default_corpus_dir(), sink);
  double ms = bench::median_ms(15, [&] {
    CollectingSink s;
    auto facts = extract::extract(corpus, extract::default_topics_file(), s);
    if (facts.figures.empty()) std::printf("  (no figures?)\n");
  });
  std::printf("extract/corpus: %zu articles, %.1f KB text, median %.2f ms\n",
              corpus.articles.size(), static_cast<double>(text_bytes(corpus)) / 1024.0, ms);
});

static bench::Register synthetic_case("extract/synthetic-50MB", [] {
  CollectingSink sink;
  auto base = ingest::ingest(default_corpus_dir(), sink);
  const std::size_t target = std::size_t{50} << 20;
  ingest::Corpus big;
  std::size_t bytes = 0, n = 0;
  while (bytes < target && !base.articles.empty()) {
    for (const auto& a : base.articles) {
      ingest::Article copy = a;
      copy.id = a.id + "~" + std::to_string(n++);
      for (const auto& b : copy.blocks) bytes += b.text.size();
      big.articles.push_back(std::move(copy));
      if (bytes >= target) break;
    }
  }
  double ms = bench::median_ms(3, [&] {
    CollectingSink s;
    auto facts = extract::extract(big, extract::default_topics_file(), s);
    if (facts.figures.empty()) std::printf("  (no figures?)\n");
  });
  double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::printf("extract/synthetic: %zu articles, %.1f MB text, median %.0f ms, %.2f MB/s\n",
              big.articles.size(), mb, ms, mb / (ms / 1000.0));
}, /*heavy=*/true);

}  // namespace
