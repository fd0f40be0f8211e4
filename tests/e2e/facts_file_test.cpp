// Facts files end to end: `extract -o` → `make --facts` prints the same PDF bytes as `make`
// (SOURCE_DATE_EPOCH set), without reading the corpus; a bad field names its JSON path.
#include <catch2/catch.hpp>

#include "base/atomic_file.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

const std::string kEpoch = "SOURCE_DATE_EPOCH=1758499200";

/// The made-up generalisation set (tests/extract/articles), never the seed corpus.
const std::string kArticles = "tests/extract/articles";

void same_bytes(const std::string& flag, const std::string& name, const std::string& layout) {
  const fs::path dir = test::scratch_dir("facts-roundtrip-" + flag.substr(2) + "-" + name + "-" + layout);
  const fs::path facts = dir / "facts.json";
  auto r = test::run_ptbrief({"extract", "--corpus", kArticles, flag, name, "-o", facts.string()});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  // From the facts file alone: the corpus folder is named nowhere and PTBRIEF_CORPUS is empty.
  r = test::run_ptbrief({"make", "--facts", facts.string(), "--layout", layout, "-o",
                         (dir / "from_facts.pdf").string()},
                        {kEpoch, "PTBRIEF_CORPUS=/nonexistent"});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  r = test::run_ptbrief({"make", "--corpus", kArticles, flag, name, "--layout", layout, "-o",
                         (dir / "from_corpus.pdf").string()},
                        {kEpoch});
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  CHECK(read_file(dir / "from_facts.pdf") == read_file(dir / "from_corpus.pdf"));
}

}  // namespace

TEST_CASE("a park's facts file makes the same PDF bytes as the corpus") {
  same_bytes("--park", "义乌经开区", "briefing");
  same_bytes("--park", "临沂高新区", "gongwen");
}

TEST_CASE("a topic's facts file makes the same PDF bytes as the corpus") {
  same_bytes("--topic", "产业链党建", "briefing");
}

TEST_CASE("a hand-edited facts file with a bad field is an error naming its JSON path") {
  const fs::path dir = test::scratch_dir("facts-bad-field");
  const fs::path facts = dir / "facts.json";
  auto r = test::run_ptbrief({"extract", "--corpus", kArticles, "--park", "义乌经开区", "-o", facts.string()});
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  std::string text = read_file(facts);
  const std::string from = "\"qualifier\": \"exact\"";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "\"qualifier\": \"nearly\"");
  write_file_atomically(facts, text);
  r = test::run_ptbrief({"make", "--facts", facts.string(), "-o", (dir / "x.pdf").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("facts.json:") != std::string::npos);
  CHECK(r.err.find("$.figures[") != std::string::npos);
  CHECK(r.err.find("'nearly' is not a qualifier") != std::string::npos);
  CHECK(r.err.find("exact, about, over, under") != std::string::npos);
  CHECK(!fs::exists(dir / "x.pdf"));
}

TEST_CASE("a brief made from a facts file refuses a corpus folder and a corrections file") {
  auto r = test::run_ptbrief({"make", "--facts", "f.json", "--corpus", kArticles});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--facts FILE is made without the corpus") != std::string::npos);
}
