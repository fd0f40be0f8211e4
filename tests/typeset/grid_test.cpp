// The document grid (公文 28 × 22): which text snaps to the character and line pitch, where
// lines land after off-grid blocks, and table group rows kept with the rows they head.
#include <catch2/catch.hpp>

#include <cmath>

#include "typeset/typeset.h"

using namespace ptbrief;
using namespace ptbrief::typeset;

namespace {

const Pt kPitch = (mm(210) - mm(28) - mm(26)) / 28;
const Pt kLinePitch = (mm(297) - mm(37) - mm(35)) / 22;

Document gongwen_page() {
  Document doc;
  doc.page.margin_top = mm(37);
  doc.page.margin_bottom = mm(35);
  doc.page.margin_inner = mm(28);
  doc.page.margin_outer = mm(26);
  doc.page.grid = Grid{28, 22};
  return doc;
}

Paragraph para(const std::string& text, Pt size) {
  Paragraph p;
  p.content.push_back({text, std::nullopt});
  p.style.text.size = size;
  return p;
}

TableCell cell(const std::string& text, int colspan = 1) {
  TableCell c;
  c.content.push_back({text, std::nullopt});
  c.colspan = colspan;
  return c;
}

Table table(int rows, Pt size) {
  Table t;
  t.column_weights = {2, 1};
  t.cell_style.text.size = size;
  t.cell_style.leading = 1.4 * size;
  t.header_style = t.cell_style;
  t.header_rows.push_back({cell("指标"), cell("数据")});
  for (int i = 0; i < rows; ++i) t.rows.push_back({cell("企业解决问题"), cell("30余个")});
  return t;
}

PageList run(const Document& doc) {
  CollectingSink sink;
  PageList out = typeset::typeset(doc, {}, sink);
  for (const Diagnostic& d : sink.items) FAIL_CHECK(format(d));
  return out;
}

// The x distance from the glyph of `a` to the glyph of `b` that follows it on page 0.
Pt distance(const PageList& pages, const std::string& a, const std::string& b) {
  const PlacedGlyph* prev = nullptr;
  for (const Item& item : pages.pages.at(0).items)
    if (const auto* run = std::get_if<GlyphRun>(&item))
      for (const PlacedGlyph& g : run->glyphs) {
        if (prev && prev->text == a && g.text == b) return g.x - prev->x;
        prev = &g;
      }
  FAIL("no " << a << b << " on page 1");
  return 0;
}

}  // namespace

TEST_CASE("grid: only text of the grid's size takes one pitch a character", "[grid]") {
  Document doc = gongwen_page();
  Heading title;
  title.paragraph = para("南通高新区党建工作情况简报", 22);  // 二号
  title.paragraph.style.align = Align::Center;
  doc.blocks.push_back(title);
  doc.blocks.push_back(para("本简报依据新闻报道整理园区党建工作的情况。", 16));  // 三号
  doc.blocks.push_back(table(2, 12));                                            // 小四
  const PageList pages = run(doc);
  // Noto Serif CJK SC ideographs advance one em: a 22 pt title keeps 22 pt (no overlap on a
  // 15.8 pt pitch), 12 pt table text keeps 12 pt (not letter-spaced), 16 pt body snaps.
  CHECK(distance(pages, "党", "建") == Approx(22).margin(0.01));
  CHECK(distance(pages, "依", "据") == Approx(kPitch).margin(0.01));
  CHECK(distance(pages, "指", "标") == Approx(12).margin(0.01));
  CHECK(distance(pages, "企", "业") == Approx(12).margin(0.01));
}

TEST_CASE("grid: table cells keep their own leading, body lines after a table are on the grid",
          "[grid]") {
  Document doc = gongwen_page();
  std::string text;
  for (int i = 0; i < 3; ++i) text += "各级党组织要切实加强领导认真抓好落实，";
  doc.blocks.push_back(para(text, 16));
  Table t = table(3, 12);
  t.space_before = 8;
  t.space_after = 12.8;
  doc.blocks.push_back(t);
  doc.blocks.push_back(para(text, 16));
  const PageList pages = run(doc);
  REQUIRE(pages.pages.size() == 1);
  std::vector<Pt> body, cells;
  for (const LineRecord& l : pages.pages[0].lines) (l.body ? body : cells).push_back(l.baseline);
  REQUIRE(body.size() == 6);
  REQUIRE(cells.size() == 8);
  // Rows of 12 pt text at 1.4 leading plus padding, not one 28.99 pt grid line each.
  CHECK(cells[2] - cells[0] == Approx(12 * 1.4 + 2 * 3).margin(0.01));
  for (Pt b : body) {
    const double lines = (b - body.front()) / kLinePitch;
    CHECK(lines == Approx(std::round(lines)).margin(1e-6));
  }
  // The next body line starts below the table's last row and the space after it.
  CHECK(body[3] - cells.back() > 12.8);
}

TEST_CASE("a table's group row is never the last row on a page", "[paginate]") {
  // Move a table with group rows down a small page line by line: wherever the page ends,
  // a group label (one cell across the table) is followed on its page by a row of its group.
  for (int before = 0; before < 10; ++before) {
    Document doc;
    doc.page.width = 300;
    doc.page.height = 240;
    doc.page.margin_top = doc.page.margin_bottom = 30;
    doc.page.margin_inner = doc.page.margin_outer = 40;
    for (int i = 0; i < before; ++i) doc.blocks.push_back(para("正文", 10));
    Table t = table(0, 10);
    for (int g = 0; g < 4; ++g) {
      t.rows.push_back({cell("分组" + std::to_string(g), 2)});
      for (int r = 0; r < 3; ++r) t.rows.push_back({cell("行"), cell(std::to_string(r))});
    }
    doc.blocks.push_back(t);
    const PageList pages = run(doc);
    REQUIRE(pages.pages.size() >= 2);
    for (const Page& page : pages.pages) {
      INFO(before << " lines above the table");
      REQUIRE(!page.lines.empty());
      CHECK(page.lines.back().text.rfind("分组", 0) != 0);
    }
  }
}

namespace {

// The glyphs of page 0 with the line records, for grid-line checks.
std::vector<PlacedGlyph> page_glyphs(const PageList& pages) {
  std::vector<PlacedGlyph> out;
  for (const Item& item : pages.pages.at(0).items)
    if (const auto* run = std::get_if<GlyphRun>(&item))
      out.insert(out.end(), run->glyphs.begin(), run->glyphs.end());
  return out;
}

}  // namespace

TEST_CASE("grid: marks are compressed, justified lines still start and end on the grid",
          "[grid]") {
  Document doc = gongwen_page();
  std::string text;
  for (int i = 0; i < 6; ++i)
    text += "园区党工委坚持“党建引领、产业为本”，推行“红色代办”“企业点单”机制；";
  doc.blocks.push_back(para(text + "成效明显。", 16));
  const PageList pages = run(doc);
  const Pt left = mm(28), right = mm(210) - mm(26);
  const auto& lines = pages.pages.at(0).lines;
  REQUIRE(lines.size() >= 5);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    INFO(lines[i].text);
    CHECK(lines[i].justified);
    CHECK(lines[i].x_start == Approx(i == 0 ? left + 2 * kPitch : left).margin(0.01));
    CHECK(lines[i].x_end == Approx(right).margin(0.01));   // the last cell's edge
  }
  // Adjacent marks take at most 1.5 em (”， “”), never two cells.
  const auto gs = page_glyphs(pages);
  auto mark = [](const std::string& t) {
    return t == "“" || t == "”" || t == "，" || t == "、" || t == "；" || t == "。";
  };
  int pairs = 0;
  for (std::size_t i = 0; i + 1 < gs.size(); ++i)
    if (mark(gs[i].text) && mark(gs[i + 1].text) && std::abs(gs[i].y - gs[i + 1].y) < 0.1) {
      ++pairs;
      CHECK(gs[i].advance + gs[i + 1].advance <= 1.5 * 16 + 0.01);
    }
  CHECK(pairs >= 8);
  // Letter-spacing: ideographs next to each other stay within 5 % of the em of one pitch.
  for (std::size_t i = 0; i + 1 < gs.size(); ++i)
    if (!mark(gs[i].text) && !mark(gs[i + 1].text) && std::abs(gs[i].y - gs[i + 1].y) < 0.1)
      CHECK(gs[i + 1].x - gs[i].x <= kPitch + 0.05 * 16 + 0.01);
}

TEST_CASE("grid: a paragraph's last line holds two characters besides its marks (孤字)",
          "[grid]") {
  // 28 characters fill a line; with one more and a stop, the last line would hold a lone
  // character, 。 and a note marker — as wide as three characters, but marks and markers do
  // not count.
  for (int extra = 1; extra <= 3; ++extra) {
    Document doc = gongwen_page();
    std::string text;
    for (int i = 0; i < 28 + extra; ++i) text += i % 7 == 3 ? "，" : "党";
    Paragraph p = para(text + "。", 16);
    p.style.first_indent_em = 0;
    TextStyle sup = p.style.text;
    sup.superscript = true;
    p.content.push_back({"[12]", sup});
    doc.blocks.push_back(p);
    const PageList pages = run(doc);
    const auto& lines = pages.pages.at(0).lines;
    INFO(extra << " more: " << lines.back().text);
    REQUIRE(lines.size() == 2);
    int han = 0;
    for (std::size_t at = 0; at + 3 <= lines.back().text.size(); at += 3)
      han += lines.back().text.compare(at, 3, "党") == 0;
    CHECK(han >= 2);
  }
}
