// The server's snapshot of a corpus folder: articles through the fact cache, loaded again only
// when an article file changes; a correction reapplies the corrections alone.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "serve/serve_support.h"
#include "serve/workspace.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

TEST_CASE("a correction reuses the loaded articles, a new article loads them through the fact cache") {
  const fs::path corpus = test::made_up_corpus("serve-workspace", {"a01_kaifaqu_county.txt", "a19_practices.txt"});
  serve::Workspace w(corpus);
  const auto first = w.snapshot();
  CHECK(w.article_loads() == 1);
  CHECK(w.snapshot() == first);  // nothing changed: the same snapshot, no work
  CHECK(w.article_loads() == 1);
  const std::size_t figures = first->facts.figures.size();
  REQUIRE(figures > 0);

  std::ofstream(corpus / "corrections.json")
      << R"({"drop": [{"type": "figure", "file": "a01_kaifaqu_county.txt", "quote": "142家"}]})";
  const auto corrected = w.snapshot();
  CHECK(corrected != first);
  CHECK(w.article_loads() == 1);                   // the articles as they were loaded
  CHECK(corrected->articles == first->articles);
  CHECK(corrected->facts.figures.size() == figures - 1);

  fs::copy_file("tests/extract/articles/a02_county_gaoxinqu.txt", corpus / "a02_county_gaoxinqu.txt");
  const auto grown = w.snapshot();
  CHECK(w.article_loads() == 2);
  CHECK(grown->corpus.files.size() == 3);
  // The two files loaded before came from the fact cache; only the new one was extracted.
  CHECK(w.last_cache_stats().files == 3);
  CHECK(w.last_cache_stats().misses <= 1);

  // Another server on the same folder extracts nothing again.
  serve::Workspace again(corpus);
  again.snapshot();
  CHECK(again.last_cache_stats().hits == 3);
}
