// End-to-end: `ptbrief make` on the real corpus, per layout — qpdf --check, fonts embedded and
// subset, every figure of the park in the text as formatted, byte-identical rebuilds, no line
// opening with a closing mark, and the 公文 grid (28 × 22) measured from the PDF.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <sstream>

#include "base/diagnostic.h"
#include "compose/compose.h"
#include "pack/build.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

const std::string kEpoch = "SOURCE_DATE_EPOCH=1758499200";

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string no_space(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\t'; }),
          s.end());
  return s;
}

fs::path make(const std::string& flag, const std::string& name, const std::string& layout,
              const fs::path& dir, const std::string& file = "brief.pdf") {
  const fs::path out = dir / file;
  const auto r = test::run_ptbrief({"make", flag, name, "--layout", layout, "-o", out.string()}, {kEpoch});
  INFO(flag << " " << name << " --layout " << layout << "\n" << r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  REQUIRE(fs::exists(out));
  return out;
}

void check_pdf(const fs::path& pdf) {
  const auto q = test::run_shell("qpdf --check '" + pdf.string() + "'");
  INFO(q.out << q.err);
  CHECK(q.exit_code == 0);
  const auto f = test::run_shell("pdffonts '" + pdf.string() + "'");
  std::istringstream lines(f.out);
  std::string line;
  int fonts = 0;
  for (int n = 0; std::getline(lines, line); ++n) {
    if (n < 2 || line.empty()) continue;
    ++fonts;
    INFO(line);
    CHECK(std::regex_search(line, std::regex(R"(\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$)")));
    CHECK(line.find('+') == 6);  // subset tag ABCDEF+
  }
  CHECK(fonts > 0);
}

const std::vector<std::string> kLayouts = {"briefing", "gongwen"};

}  // namespace

TEST_CASE("make: the 南通高新区 brief passes the PDF checks and holds every figure", "[e2e]") {
  CollectingSink sink;
  const auto loaded = pack::load_facts(test::corpus_dir(), sink);
  for (const auto& layout : kLayouts) {
    const auto dir = test::scratch_dir("e2e_nantong_" + layout);
    const fs::path pdf = make("--park", "南通高新区", layout, dir);
    check_pdf(pdf);
    const std::string text = no_space(test::run_shell("pdftotext -enc UTF-8 '" + pdf.string() + "' -").out);
    int figures = 0;
    for (const auto& f : loaded.facts.figures) {
      if (f.park != "南通高新区") continue;
      ++figures;
      INFO(layout << ": " << compose::format_figure(f));
      CHECK(has(text, no_space(compose::format_figure(f))));
    }
    CHECK(figures > 0);
    CHECK(has(text, "资料来源"));
    // Sources cite the article (its title), never the corpus file.
    CHECK(has(text, "《南通高新区厚植产业发展“红色沃土”》"));
    CHECK_FALSE(has(text.substr(text.find("资料来源")), ".txt"));

    // Same SOURCE_DATE_EPOCH → same bytes.
    const fs::path again = make("--park", "南通高新区", layout, dir, "again.pdf");
    CHECK(test::slurp(pdf) == test::slurp(again));
  }
}

TEST_CASE("make: no printed line starts with a closing mark or ends with an opening one", "[e2e]") {
  // clreq §3.1.7 / GB/T 15834: 行首禁则 and 行尾禁则.
  const std::vector<std::string> no_start = {"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】", "”", "’"};
  const std::vector<std::string> no_end = {"（", "《", "「", "『", "【", "“", "‘"};
  for (const auto& layout : kLayouts) {
    const auto dir = test::scratch_dir("e2e_kinsoku_" + layout);
    const fs::path pdf = make("--park", "南通高新区", layout, dir);
    std::istringstream lines(test::run_shell("pdftotext -enc UTF-8 -layout '" + pdf.string() + "' -").out);
    std::string line;
    while (std::getline(lines, line)) {
      // cells of a table row are separate printed lines: split on runs of spaces
      std::istringstream cells(std::regex_replace(line, std::regex("  +"), "\n"));
      std::string cell;
      while (std::getline(cells, cell)) {
        cell = std::regex_replace(cell, std::regex("^\\s+|\\s+$"), "");
        if (cell.empty()) continue;
        INFO(layout << ": " << cell);
        for (const auto& mark : no_start) CHECK(cell.rfind(mark, 0) != 0);
        for (const auto& mark : no_end)
          CHECK_FALSE((cell.size() >= mark.size() && cell.compare(cell.size() - mark.size(), mark.size(), mark) == 0));
      }
    }
  }
}

TEST_CASE("make: gongwen body text sits on a 28 × 22 grid", "[e2e]") {
  const auto dir = test::scratch_dir("e2e_grid");
  const fs::path pdf = make("--park", "南通高新区", "gongwen", dir);
  const std::string xml = test::run_shell("pdftotext -enc UTF-8 -bbox-layout '" + pdf.string() + "' -").out;
  // <line xMin=".." yMin=".." xMax=".." yMax=".."> with <word>s inside
  const std::regex line_re(R"re(<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)</line>)re");
  const std::regex word_re(R"re(<word[^>]*>([^<]*)</word>)re");
  const double pitch = 156.0 / 28 * 72 / 25.4, line_pitch = 225.0 / 22 * 72 / 25.4;
  int full_lines = 0, adjacent = 0;
  std::size_t page_at = 0;
  while ((page_at = xml.find("<page ", page_at)) != std::string::npos) {
    const std::size_t page_end = std::min(xml.find("</page>", page_at), xml.size());
    const std::string page = xml.substr(page_at, page_end - page_at);
    page_at = page_end;
    std::vector<std::pair<double, double>> bottoms;  // (box bottom, box height) of full lines
    for (auto it = std::sregex_iterator(page.begin(), page.end(), line_re); it != std::sregex_iterator(); ++it) {
      const double x0 = std::stod((*it)[1]), y0 = std::stod((*it)[2]), x1 = std::stod((*it)[3]),
                   y1 = std::stod((*it)[4]);
      std::string words;
      const std::string inner = (*it)[5];
      for (auto w = std::sregex_iterator(inner.begin(), inner.end(), word_re); w != std::sregex_iterator(); ++w)
        words += (*w)[1];
      std::size_t chars = 0;
      for (unsigned char c : words) chars += (c & 0xC0) != 0x80;
      // a full body line (三号, 16 pt): 28 pitches across the 156 mm measure, compressed marks
      // letting it hold more than 28 characters; the advance box pdftotext reports is half an
      // em wider on a side where a mark's blank half hangs outside the measure (a line-start
      // opening mark, a line-end closing mark compressed to its inked half)
      if (y1 - y0 > 15 && chars >= 28 && x1 - x0 > 28 * pitch - 1) {
        ++full_lines;
        const double extra = (x1 - x0) - 28 * pitch;
        INFO(words << ": " << extra << " pt wider than 28 pitches");
        CHECK(std::min({std::abs(extra), std::abs(extra - 8), std::abs(extra - 16)}) < 0.5);
        bottoms.push_back({y1, y1 - y0});
      }
    }
    // body lines of one paragraph follow each other at exactly the line pitch, and no more
    // than 22 of them fit between the top and bottom of the text block
    // (a box's bottom is the baseline plus the descent of the line's fonts: a line holding a
    // 楷体 lead-in has a deeper box than a 仿宋-only one, so only boxes of one height compare)
    std::sort(bottoms.begin(), bottoms.end());
    for (std::size_t i = 1; i < bottoms.size(); ++i) {
      const double gap = bottoms[i].first - bottoms[i - 1].first;
      if (gap > 1.5 * line_pitch) continue;
      if (std::abs(bottoms[i].second - bottoms[i - 1].second) > 0.3) continue;
      CHECK(gap == Approx(line_pitch).margin(0.3));
      ++adjacent;
    }
    if (!bottoms.empty()) CHECK((bottoms.back().first - bottoms.front().first) / line_pitch < 22);
  }
  CHECK(full_lines >= 5);
  CHECK(adjacent >= 3);
}

TEST_CASE("make: every park and topic builds with both layouts", "[e2e]") {
  CollectingSink sink;
  const auto loaded = pack::load_facts(test::corpus_dir(), sink);
  const auto dir = test::scratch_dir("e2e_all");
  for (const auto& layout : kLayouts) {
    for (const auto& park : compose::brief_parks(loaded.facts)) check_pdf(make("--park", park, layout, dir, "p.pdf"));
    for (const auto& topic : loaded.facts.topics) check_pdf(make("--topic", topic.id, layout, dir, "t.pdf"));
  }
}

TEST_CASE("make: unknown park, topic and layout are errors that suggest names", "[e2e]") {
  auto r = test::run_ptbrief({"make", "--park", "南通高新"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "南通高新区"));
  r = test::run_ptbrief({"make", "--topic", "产业链"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "产业链党建"));
  r = test::run_ptbrief({"make", "--park", "南通高新区", "--layout", "gongwn"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "gongwen"));
  r = test::run_ptbrief({"make", "--park", "南通高新区", "--topic", "产业链党建"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("make: the default output is <name>.pdf in the current folder", "[e2e]") {
  const auto cwd = test::scratch_dir("e2e_cwd");
  const auto r = test::run_shell("cd '" + cwd.string() + "' && " + kEpoch + " '" PTBRIEF_BINARY
                                 "' make --park 南通高新区 --corpus '" +
                                 test::corpus_dir().string() + "'");
  INFO(r.out);
  CHECK((r.exit_code == 0 || r.exit_code == 3));
  CHECK(fs::exists(cwd / "南通高新区.pdf"));
}

TEST_CASE("list: parks, topics and layouts, one per line", "[e2e]") {
  auto r = test::run_ptbrief({"list", "parks"});
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "南通高新区\t"));
  r = test::run_ptbrief({"list", "topics"});
  CHECK(has(r.out, "产业链党建\t"));
  r = test::run_ptbrief({"list", "layouts"});
  CHECK(has(r.out, "briefing\t"));
  CHECK(has(r.out, "gongwen\t"));
  CHECK(test::run_ptbrief({"list", "things"}).exit_code == 2);
}
