// Golden files: typeset documents dumped as stable text (typeset::dump), compared with
// tests/golden/typeset/*.lines. PTBRIEF_GOLDEN_UPDATE=1 rewrites them for review in git.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/paths.h"
#include "typeset/sample.h"
#include "typeset/typeset.h"

using namespace ptbrief;
using namespace ptbrief::typeset;

namespace {

void check_golden(const std::string& name, const std::string& actual) {
  const auto path = project_root() / "tests" / "golden" / "typeset" / (name + ".lines");
  const char* update = std::getenv("PTBRIEF_GOLDEN_UPDATE");
  if (update && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    WARN("rewrote " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());  // run with PTBRIEF_GOLDEN_UPDATE=1 to create it
  std::stringstream expected;
  expected << in.rdbuf();
  // Compare line by line so a failure shows the first differing line.
  std::istringstream a(actual), e(expected.str());
  std::string la, le;
  int n = 0;
  while (true) {
    const bool ga = bool(std::getline(a, la)), ge = bool(std::getline(e, le));
    ++n;
    if (!ga && !ge) break;
    INFO(path.string() << ":" << n);
    REQUIRE(la == le);
  }
}

}  // namespace

TEST_CASE("golden: the sample briefing's lines and pages", "[golden]") {
  CollectingSink sink;
  check_golden("sample", dump(typeset::typeset(sample_document(), {}, sink)));
}

TEST_CASE("golden: punctuation, mixed scripts and compression, glyph by glyph", "[golden]") {
  Document doc;
  doc.page.width = 300;
  doc.page.margin_inner = doc.page.margin_outer = 50;
  Paragraph p;
  p.content.push_back(
      {"他说：“《意见》（试行）明确——坚持‘三同步’原则……”2025年投资3.5亿元，占比34.65%；"
       "张江·李明、R&D团队和AI芯片项目。",
       std::nullopt});
  doc.blocks.push_back(p);
  CollectingSink sink;
  check_golden("punctuation", dump(typeset::typeset(doc, {}, sink), true));
}
