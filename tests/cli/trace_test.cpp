// PTBRIEF_TRACE=1: the stage timings `ptbrief make` prints to standard error after its output —
// one line per stage in a fixed format, a totals line, nothing without the variable, and the
// same PDF bytes either way.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>

#include "support/test_support.h"

namespace fs = std::filesystem;
using ptbrief::test::run_ptbrief;

namespace {

const std::string kEpoch = "SOURCE_DATE_EPOCH=1758499200";

ptbrief::test::RunResult make_brief(const fs::path& out, const std::vector<std::string>& env) {
  std::vector<std::string> e = {kEpoch};
  e.insert(e.end(), env.begin(), env.end());
  return run_ptbrief({"make", "--park", "南通高新区", "--corpus",
                      ptbrief::test::corpus_dir().string(), "-o", out.string()},
                     e);
}

}  // namespace

TEST_CASE("PTBRIEF_TRACE=1 prints each stage's wall time, start and faults, then the totals") {
  const auto dir = ptbrief::test::scratch_dir("cli_trace");
  const auto plain = make_brief(dir / "plain.pdf", {});
  REQUIRE((plain.exit_code == 0 || plain.exit_code == 3));
  CHECK(plain.err.find("ptbrief trace:") == std::string::npos);
  const auto off = make_brief(dir / "off.pdf", {"PTBRIEF_TRACE=0"});
  CHECK(off.err.find("ptbrief trace:") == std::string::npos);

  const auto traced = make_brief(dir / "traced.pdf", {"PTBRIEF_TRACE=1"});
  INFO(traced.err);
  REQUIRE(traced.exit_code == plain.exit_code);
  CHECK(traced.out == (dir / "traced.pdf").string() + "\n");  // stdout untouched
  const std::regex stage(
      R"(ptbrief trace: +(\d+\.\d\d) ms at +(\d+\.\d\d) ms, +(\d+) faults, thread (\d+): ([a-z_.]+))");
  const std::regex total(
      R"(ptbrief trace: total \d+\.\d\d ms since the first constructor, \d+\.\d\d ms user, )"
      R"(\d+\.\d\d ms sys, \d+ faults, \d+ KiB peak RSS)");
  std::set<std::string> stages;
  std::set<std::string> threads;
  double last_start = 0;
  int totals = 0;
  std::istringstream lines(traced.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("ptbrief trace:", 0) != 0) continue;
    std::smatch m;
    if (std::regex_match(line, m, total)) {
      ++totals;
      continue;
    }
    INFO(line);
    REQUIRE(std::regex_match(line, m, stage));
    CHECK(totals == 0);                            // the totals come last
    CHECK(std::stod(m[2]) >= last_start);          // in the order the stages started
    last_start = std::stod(m[2]);
    stages.insert(m[5]);
    threads.insert(m[4]);
  }
  CHECK(totals == 1);
  for (const char* s : {"make.defaults_and_layout", "make.load_facts", "facts.cache_load",
                        "cache.setup", "render.compose", "render.typeset",
                        "typeset.layout_blocks", "render.write_pdf",
                        "pdf.font_program", "pdf.save", "make.write_output"}) {
    INFO(s);
    CHECK(stages.count(s) == 1);
  }
  CHECK(threads.count("0") == 1);  // the main thread's stages; the pdf's workers have others
  // Tracing changes nothing in the output.
  CHECK(ptbrief::test::slurp(dir / "traced.pdf") == ptbrief::test::slurp(dir / "plain.pdf"));
  CHECK(ptbrief::test::slurp(dir / "off.pdf") == ptbrief::test::slurp(dir / "plain.pdf"));
}
