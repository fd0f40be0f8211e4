// `ptbrief debug --dump=…`: every stage prints its result as stable text.
#include <catch2/catch.hpp>

#include "support/test_support.h"

using ptbrief::test::corpus_dir;
using ptbrief::test::run_ptbrief;

TEST_CASE("debug dumps facts with the parks and figures of the corpus") {
  auto r = run_ptbrief({"debug", "--dump=facts", "--corpus", corpus_dir().string()});
  CHECK((r.exit_code == 0 || r.exit_code == 3));
  CHECK(r.out.find("南通高新区") != std::string::npos);
  CHECK(r.out.find("2360") != std::string::npos);
}

TEST_CASE("debug dumps the lines of a park's brief, the same twice") {
  auto a = run_ptbrief({"debug", "--dump=lines", "--park", "南通高新区", "--corpus",
                        corpus_dir().string()});
  auto b = run_ptbrief({"debug", "--dump=lines", "--park", "南通高新区", "--corpus",
                        corpus_dir().string()});
  CHECK((a.exit_code == 0 || a.exit_code == 3));
  CHECK(a.out.find("红链帮帮团") != std::string::npos);
  CHECK(a.out == b.out);
}

TEST_CASE("debug dumps the engine's sample pages when no brief is named") {
  auto r = run_ptbrief({"debug", "--dump=pages"});
  CHECK((r.exit_code == 0 || r.exit_code == 3));
  CHECK(r.out.size() > 1000);
}

TEST_CASE("debug with an unknown dump kind is a usage error") {
  auto r = run_ptbrief({"debug", "--dump=everything"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown dump 'everything'") != std::string::npos);
}
