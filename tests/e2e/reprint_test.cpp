// End-to-end: a reprinted copy of a corpus file (another site's copy with its own header)
// leaves the brief's figures the same and the sources cite both; no source cites a file name.
// The corpus files are copied into a scratch folder of the build tree, never into the project.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

const std::string kEpoch = "SOURCE_DATE_EPOCH=1758499200";

std::string no_space(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(),
                         [](char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\t'; }),
          s.end());
  return s;
}

// The corpus, plus (when `reprint`) a website's copy of 004 under its own header.
fs::path corpus(const std::string& name, bool reprint) {
  const fs::path dir = test::scratch_dir(name);
  for (const auto& e : fs::directory_iterator(test::corpus_dir()))
    if (e.path().extension() == ".txt") fs::copy_file(e.path(), dir / e.path().filename());
  if (reprint) {
    const std::string original = test::slurp(test::corpus_dir() / "004_9ba627a398b53b10.txt");
    std::ofstream(dir / "005_reprint.txt")
        << "---\nsource: 某某新闻网\ndate: 2025-11-05\n---\n" << original;
  }
  return dir;
}

nlohmann::json figures(const fs::path& dir) {
  auto r = test::run_ptbrief({"extract", "--corpus", dir.string(), "--park", "南通高新区"});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  const auto j = nlohmann::json::parse(r.out);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : j["figures"])
    out.push_back({f["subject"], f["value"], f["unit"], f["kind"], f["source"]["file"]});
  return out;
}

}  // namespace

TEST_CASE("a reprinted copy of a corpus file leaves the brief's figures the same and cites both") {
  const fs::path plain = corpus("reprint_plain", false), doubled = corpus("reprint_doubled", true);
  const auto before = figures(plain), after = figures(doubled);
  REQUIRE(before.size() > 5);
  CHECK(after == before);

  const fs::path pdf = doubled / "brief.pdf";
  auto r = test::run_ptbrief(
      {"make", "--park", "南通高新区", "--corpus", doubled.string(), "-o", pdf.string()}, {kEpoch});
  auto p = test::run_ptbrief(
      {"make", "--park", "南通高新区", "--corpus", plain.string(), "-o", (plain / "b.pdf").string()},
      {kEpoch});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  CHECK(r.exit_code == p.exit_code);  // a reprint is a note, not a warning
  const std::string text = no_space(test::run_shell("pdftotext -enc UTF-8 '" + pdf.string() + "' -").out);
  INFO(text);
  const auto sources = text.substr(std::min(text.find("资料来源"), text.size()));
  CHECK(sources.find("另见") != std::string::npos);
  CHECK(sources.find("某某新闻网") != std::string::npos);
  CHECK(sources.find("2025年11月5日") != std::string::npos);
  CHECK(sources.find(".txt") == std::string::npos);
}

TEST_CASE("many copies of one article: the source line names them once and stays inside the measure") {
  const fs::path dir = corpus("reprint_many", false);
  const std::string original = test::slurp(test::corpus_dir() / "004_9ba627a398b53b10.txt");
  for (int i = 0; i < 30; ++i)  // a feed that carried the same article 30 times, byte for byte
    std::ofstream(dir / ("copy_" + std::to_string(i) + ".txt")) << original;
  auto r = test::run_ptbrief({"debug", "--dump=lines", "--park", "南通高新区", "--corpus", dir.string()},
                             {kEpoch});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // "line y=… x=START..END [LEFT,RIGHT] …": no line ends past its measure.
  std::istringstream lines(r.out);
  int checked = 0;
  for (std::string line; std::getline(lines, line);) {
    const auto x = line.find(" x="), open = line.find(" [");
    if (line.find("  line ") != 0 || x == std::string::npos || open == std::string::npos) continue;
    const double end = std::stod(line.substr(line.find("..", x) + 2));
    const double right = std::stod(line.substr(line.find(',', open) + 1));
    INFO(line);
    CHECK(end <= right + 0.01);
    ++checked;
  }
  CHECK(checked > 20);
  CHECK(r.out.find("30篇，数据只计一次）") != std::string::npos);  // the count, not 30 titles
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') < 200);
}
