// Paragraph setting with real fonts: justification, Han–Latin spacing, punctuation
// compression, first-line indent, list markers and the document grid.
#include <catch2/catch.hpp>

#include "typeset/typeset.h"

using namespace ptbrief;
using namespace ptbrief::typeset;

namespace {

Paragraph para(const std::string& text, Align align = Align::Justify, double indent_em = 2) {
  Paragraph p;
  p.content.push_back({text, std::nullopt});
  p.style.align = align;
  p.style.first_indent_em = indent_em;
  p.style.text.size = 10;
  return p;
}

PageList set(std::vector<Block> blocks, Pt width = 200) {
  Document doc;
  doc.page.width = width + 2 * 50;
  doc.page.margin_inner = doc.page.margin_outer = 50;
  doc.blocks = std::move(blocks);
  CollectingSink sink;
  PageList out = typeset::typeset(doc, {}, sink);
  for (const Diagnostic& d : sink.items) FAIL_CHECK(format(d));
  return out;
}

// Every glyph of page 0 in order, with its text.
std::vector<PlacedGlyph> glyphs(const PageList& pages) {
  std::vector<PlacedGlyph> out;
  for (const Item& item : pages.pages.at(0).items)
    if (const auto* run = std::get_if<GlyphRun>(&item))
      out.insert(out.end(), run->glyphs.begin(), run->glyphs.end());
  return out;
}

const PlacedGlyph& find(const std::vector<PlacedGlyph>& gs, const std::string& text) {
  for (const PlacedGlyph& g : gs)
    if (g.text == text) return g;
  FAIL("no glyph " << text);
  throw;
}

const std::string kLong =
    "园区党工委坚持“党建引领、产业为本”的工作思路，全年实现地区生产总值3.5亿元，同比增长12.8%"
    "。截至9月底，"
    "区内共有规模以上工业企业2360家，其中高新技术企业占比达34.65%，较上年提高2.1个百分点；"
    "依托5G基站和IoT平台，园区建成智慧党建管理系统（试运行），党员活动签到率提升至98.5%！";

}  // namespace

TEST_CASE("every justified line reaches the measure within 0.01 pt", "[justify]") {
  for (Pt width : {150.0, 200.0, 233.0, 310.5}) {
    const PageList pages = set({para(kLong)}, width);
    const auto& lines = pages.pages.at(0).lines;
    REQUIRE(lines.size() >= 3);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      INFO("width " << width << " line " << i << ": " << lines[i].text);
      CHECK(lines[i].justified == (i + 1 < lines.size()));
      if (lines[i].justified) CHECK(std::abs(lines[i].x_end - lines[i].right) < 0.01);
      CHECK(lines[i].x_end <= lines[i].right + 0.01);
    }
    CHECK(lines.back().paragraph_end);
  }
}

TEST_CASE("justification never widens the space after a punctuation mark", "[justify]") {
  const PageList pages = set({para(kLong)}, 173);
  const auto gs = glyphs(pages);
  for (std::size_t i = 0; i + 1 < gs.size(); ++i) {
    if (gs[i].text != "，" && gs[i].text != "。" && gs[i].text != "、" && gs[i].text != "；")
      continue;
    if (gs[i + 1].y != gs[i].y) continue;  // line end
    INFO("after " << gs[i].text << " before " << gs[i + 1].text);
    CHECK(gs[i + 1].x - gs[i].x <= 10.0 + 0.001);  // at most the full em of the mark
  }
}

TEST_CASE("a quarter em between Han and Latin or digits (clreq 3.2.3)", "[spacing]") {
  const PageList pages = set({para("采用AI芯片", Align::Start, 0)});
  const auto gs = glyphs(pages);
  const PlacedGlyph& yong = find(gs, "用");
  const PlacedGlyph& a = find(gs, "A");
  CHECK(a.x - yong.x == Approx(10 + 2.5).margin(0.01));
  const PlacedGlyph& i = find(gs, "I");
  const PlacedGlyph& xin = find(gs, "芯");
  CHECK(xin.x - (i.x + i.advance) == Approx(0).margin(0.01));  // the gap is in I's advance
  CHECK(i.advance > 2.5);
}

TEST_CASE("consecutive punctuation is compressed to half width (clreq 3.1.6)", "[compression]") {
  const PageList pages = set({para("他说：“好。”然后（“再”）走", Align::Start, 0)});
  const auto gs = glyphs(pages);
  const PlacedGlyph& stop = find(gs, "。");
  const PlacedGlyph& close = find(gs, "”");
  CHECK(close.x - stop.x == Approx(5).margin(0.01));  // 。” : the stop takes half an em
  const PlacedGlyph& paren = find(gs, "（");
  const PlacedGlyph& open = find(gs, "“");
  (void)open;
  const PlacedGlyph& zai = find(gs, "再");
  // （“ : the two opening marks take an em and a half together (the second's blank removed).
  CHECK(zai.x - paren.x == Approx(15).margin(0.01));
}

TEST_CASE("a line-end closing mark takes half an em so the line still fills the measure",
          "[compression]") {
  // 19 ideographs and a stop: 19.5 em fit a 19.5 em measure only with the stop compressed.
  const std::string text = "一二三四五六七八九十一二三四五六七八九。后面的字";
  const PageList pages = set({para(text, Align::Justify, 0)}, 195);
  const auto& lines = pages.pages.at(0).lines;
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text.substr(lines[0].text.size() - 3) == "。");
  CHECK(std::abs(lines[0].x_end - lines[0].right) < 0.01);
}

TEST_CASE("the first line is indented two characters, a list marker hangs in the indent",
          "[paragraph]") {
  Paragraph item = para("第一项内容，说明组织覆盖情况。", Align::Justify, 0);
  item.marker = "1.";
  item.style.left_indent = 20;
  const PageList pages = set({para(kLong), item});
  const auto& lines = pages.pages.at(0).lines;
  CHECK(lines.front().x_start == Approx(50 + 20).margin(0.01));
  CHECK(lines.back().text.rfind("1.", 0) == 0);
  CHECK(lines.back().x_start < 50 + 20);
  CHECK(lines.back().left == Approx(50 + 20));
}

TEST_CASE("grid mode: 28 characters per line and 22 lines per page (公文)", "[grid]") {
  Document doc;
  doc.page.margin_top = mm(37);
  doc.page.margin_bottom = mm(35);
  doc.page.margin_inner = mm(28);
  doc.page.margin_outer = mm(26);
  doc.page.grid = Grid{28, 22};
  Paragraph p;
  std::string text;
  for (int i = 0; i < 40; ++i) text += "各级党组织要切实加强领导认真抓好落实";
  p.content.push_back({text, std::nullopt});
  p.style.text.size = 16;
  doc.blocks.push_back(p);
  CollectingSink sink;
  const PageList pages = typeset::typeset(doc, {}, sink);
  REQUIRE(pages.pages.size() >= 2);
  const auto& lines = pages.pages[0].lines;
  CHECK(lines.size() == 22);
  const Pt pitch = (mm(210) - mm(28) - mm(26)) / 28;
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
    CHECK(lines[i].text.size() == 28 * 3);  // 28 ideographs (3 UTF-8 bytes each)
    CHECK(lines[i].baseline - lines[i - 1].baseline == Approx((mm(297) - mm(37) - mm(35)) / 22));
  }
  CHECK(lines[0].x_start == Approx(mm(28) + 2 * pitch));
}

TEST_CASE("a superscript is smaller and raised", "[paragraph]") {
  Paragraph p = para("注释", Align::Start, 0);
  TextStyle sup = p.style.text;
  sup.superscript = true;
  p.content.push_back({"1", sup});
  const PageList pages = set({p});
  const PlacedGlyph* marker = nullptr;
  const PlacedGlyph* han = nullptr;
  std::size_t marker_run = 0, han_run = 0, k = 0;
  for (const Item& item : pages.pages.at(0).items) {
    if (const auto* run = std::get_if<GlyphRun>(&item)) {
      for (const PlacedGlyph& g : run->glyphs) {
        if (g.text == "1") marker = &g, marker_run = k;
        if (g.text == "释") han = &g, han_run = k;
      }
      ++k;
    }
  }
  REQUIRE(marker);
  REQUIRE(han);
  CHECK(marker->y < han->y - 2);
  CHECK(marker_run != han_run);
}

TEST_CASE("a font whose brackets are centred (WenQuanYi) gets no bracket compression",
          "[compression]") {
  Document doc;
  Paragraph p = para("甲）（乙", Align::Start, 0);
  doc.blocks.push_back(p);
  doc.font_roles["serif"] = {"WenQuanYi Micro Hei:Regular"};
  CollectingSink sink;
  const PageList pages = typeset::typeset(doc, {}, sink);
  const auto gs = glyphs(pages);
  CHECK(find(gs, "乙").x - find(gs, "甲").x == Approx(30).margin(0.01));
  // With Noto Serif CJK SC (GB placement: ink beside the blank half) ）（ take one em together.
  const PageList noto = set({p});
  const auto ns = glyphs(noto);
  CHECK(find(ns, "乙").x - find(ns, "甲").x == Approx(25).margin(0.01));
}

TEST_CASE("a note marker never starts a line: it stays with the text it annotates", "[paragraph]") {
  // Twenty ideographs fill two 100 pt lines exactly; the paragraph-final marker must not be
  // pushed alone onto a third line.
  for (const char* tail : {"", "。"}) {
    Paragraph p =
        para(std::string("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸") + tail, Align::Justify, 0);
    TextStyle sup = p.style.text;
    sup.superscript = true;
    p.content.push_back({"[15]", sup});
    const PageList pages = set({p}, 100);
    for (const LineRecord& l : pages.pages.at(0).lines) {
      INFO(l.text);
      CHECK(l.text.rfind("[", 0) != 0);
      CHECK(l.text.rfind("15", 0) != 0);
    }
  }
}

TEST_CASE("Noto Serif SC's ：； are compressed: ：“ takes 1.5 em, a line-end ； half an em",
          "[compression]") {
  // Noto Serif CJK SC draws ：； in the left of the em: classed from the ink box, they lose
  // their blank half before another mark and at a line end, as 。 does.
  const PageList pages = set({para("做法：“甲乙”", Align::Start, 0)});
  const auto gs = glyphs(pages);
  CHECK(find(gs, "甲").x - find(gs, "：").x == Approx(15).margin(0.01));  // ： half + “ full
  // Twenty characters fill a 200 pt line; the ； after them hangs into a half em only when it
  // is compressed, else the line is re-broken. Either way the line ends at the measure.
  std::string text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯；辰巳午未申";
  const PageList p2 = set({para(text, Align::Justify, 0)}, 245);
  const auto& lines = p2.pages.at(0).lines;
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text.substr(lines[0].text.size() - 3) == "；");
  CHECK(lines[0].x_end == Approx(lines[0].right).margin(0.01));
  const auto g2 = glyphs(p2);
  CHECK(find(g2, "；").advance == Approx(5).margin(0.01));  // its inked half
}

TEST_CASE("symbols and note markers are set solid, letters and digits a quarter em off",
          "[spacing]") {
  Paragraph p = para("党建+项目300元/月7个", Align::Start, 0);
  TextStyle sup = p.style.text;
  sup.superscript = true;
  p.content.push_back({"[1]", sup});
  p.content.push_back({"第13段", std::nullopt});
  const auto gs = glyphs(set({p}));
  CHECK(find(gs, "+").x - find(gs, "建").x == Approx(10).margin(0.01));
  CHECK(find(gs, "项").x - find(gs, "+").x == Approx(find(gs, "+").advance).margin(0.01));
  const PlacedGlyph& open = find(gs, "[");
  CHECK(open.x - find(gs, "个").x == Approx(10).margin(0.01));  // 个[: solid
  CHECK(find(gs, "第").x - find(gs, "]").x == Approx(find(gs, "]").advance).margin(0.01));
}

TEST_CASE("a note marker after 。 follows the stop's ink, no half-em hole", "[compression]") {
  Paragraph p = para("动能。", Align::Start, 0);
  TextStyle sup = p.style.text;
  sup.superscript = true;
  p.content.push_back({"[9]", sup});
  p.content.push_back({"其后", std::nullopt});
  const auto gs = glyphs(set({p}));
  CHECK(find(gs, "[").x - find(gs, "。").x == Approx(5).margin(0.01));
}

TEST_CASE("a no_break run never splits: [4]第7段 stays on one line", "[paragraph]") {
  for (int fill = 14; fill <= 19; ++fill) {
    Paragraph p = para("", Align::Justify, 0);
    std::string lead;
    for (int i = 0; i < fill; ++i) lead += "文";
    p.content = {{lead + "：", std::nullopt}};
    TextStyle label = p.style.text;
    label.no_break = true;
    p.content.push_back({"[4]第7段", label});
    p.content.push_back({"；", std::nullopt});
    p.content.push_back({"[5]第12段", label});
    p.content.push_back({"。", std::nullopt});
    const PageList pages = set({p});
    INFO(fill);
    std::string all;
    for (const LineRecord& l : pages.pages.at(0).lines) {
      INFO(l.text);
      CHECK((l.text.find("[4]") == std::string::npos || l.text.find("[4]第7段") != std::string::npos));
      CHECK((l.text.find("[5]") == std::string::npos || l.text.find("[5]第12段") != std::string::npos));
    }
  }
}

TEST_CASE("text after a no_break run breaks as usual: a long 另见 list stays inside the measure",
          "[paragraph]") {
  Paragraph p = para("《文章》：", Align::Justify, 0);
  TextStyle label = p.style.text;
  label.no_break = true;
  p.content.push_back({"[1]第2段", label});
  std::string copies = "。另见";
  for (int i = 0; i < 6; ++i) copies += std::string(i ? "；" : "") + "《园区厚植产业发展“红色沃土”》";
  p.content.push_back({copies + "（转载，数据只计一次）。", std::nullopt});
  const PageList pages = set({p});
  const auto& lines = pages.pages.at(0).lines;
  REQUIRE(lines.size() > 2);
  for (const LineRecord& l : lines) {
    INFO(l.text);
    CHECK(l.x_end <= l.right + 0.01);  // no overfull line
  }
}

TEST_CASE("a centred title over two lines is balanced, no lone character on a line", "[paragraph]") {
  // 21 characters in a 200 pt measure of 10 pt type: first fit gives 20 + 1.
  Paragraph p = para("园区党建工作简报汇编第一辑上下游企业合订", Align::Center, 0);
  p.content.front().text += "编";
  const PageList pages = set({p});
  const auto& lines = pages.pages.at(0).lines;
  REQUIRE(lines.size() == 2);
  const auto chars = [](const std::string& t) { return int(t.size() / 3); };
  CHECK(std::abs(chars(lines[0].text) - chars(lines[1].text)) <= 1);
  for (const LineRecord& l : lines)  // centred in the full measure
    CHECK((l.x_start - l.left) == Approx(l.right - l.x_end).margin(0.01));
}
