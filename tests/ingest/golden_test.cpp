// Golden tests: tests/golden/ingest/<case>.txt → <case>.expected (the `debug --dump=ingest`
// text). PTBRIEF_GOLDEN_UPDATE=1 rewrites the expected files for review in git.
#include <cstdlib>
#include <fstream>

#include "base/paths.h"
#include "ingest/dump.h"
#include "ingest_test_support.h"
#include "support/test_support.h"

using namespace ptbrief;

TEST_CASE("golden ingest dumps match", "[ingest][golden]") {
  const auto dir = project_root() / "tests" / "golden" / "ingest";
  const bool update = std::getenv("PTBRIEF_GOLDEN_UPDATE") &&
                      std::string(std::getenv("PTBRIEF_GOLDEN_UPDATE")) == "1";
  std::size_t cases = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".txt") continue;
    ++cases;
    CollectingSink sink;
    ingest::Corpus c;
    ingest::SourceFile info;
    c.articles = ingest::ingest_bytes(ptbrief::test::slurp(e.path()),
                                      e.path().filename().string(), sink, &info);
    c.files.push_back(info);
    std::string got = ingest::dump(c);
    auto expected_path = e.path();
    expected_path.replace_extension(".expected");
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << got;
      continue;
    }
    INFO("case " << e.path().filename().string() << " (PTBRIEF_GOLDEN_UPDATE=1 rewrites)");
    REQUIRE(std::filesystem::exists(expected_path));
    CHECK(got == ptbrief::test::slurp(expected_path));
  }
  CHECK(cases >= 3);
}
