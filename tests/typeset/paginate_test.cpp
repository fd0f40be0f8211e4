// Pagination: keep rules (headings, widows, orphans), table splitting with repeated headers,
// running lines with fields, mirrored margins, the outer slot, page breaks and the outline.
#include <catch2/catch.hpp>

#include "typeset/sample.h"
#include "typeset/typeset.h"

using namespace ptbrief;
using namespace ptbrief::typeset;

namespace {

Paragraph para(const std::string& text) {
  Paragraph p;
  p.content.push_back({text, std::nullopt});
  return p;
}

Heading heading(const std::string& text) {
  Heading h;
  h.paragraph = para(text);
  h.paragraph.style.first_indent_em = 0;
  h.paragraph.style.text.font = "sans";
  h.paragraph.style.keep_with_next = true;
  return h;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

PageList run(const Document& doc) {
  CollectingSink sink;
  return typeset::typeset(doc, {}, sink);
}

// A small page (about 10 body lines) so that tests can provoke page breaks.
Document small_pages() {
  Document doc;
  doc.page.width = 300;
  doc.page.height = 240;
  doc.page.margin_top = doc.page.margin_bottom = 30;
  doc.page.margin_inner = doc.page.margin_outer = 40;
  return doc;
}

}  // namespace

TEST_CASE("a heading is never the last thing on a page", "[paginate]") {
  for (int filler = 1; filler <= 12; ++filler) {
    Document doc = small_pages();
    doc.blocks.push_back(para(repeat("园区企业党建工作稳步推进。", filler)));
    doc.blocks.push_back(heading("二、主要做法"));
    doc.blocks.push_back(para(repeat("坚持党建引领产业发展。", 6)));
    const PageList pages = run(doc);
    for (const Page& page : pages.pages) {
      REQUIRE(!page.lines.empty());
      INFO("filler " << filler);
      CHECK(page.lines.back().text != "二、主要做法");
    }
  }
}

TEST_CASE("no single line of a body paragraph is left alone at a page top or bottom",
          "[paginate]") {
  for (int filler = 1; filler <= 14; ++filler) {
    Document doc = small_pages();
    doc.blocks.push_back(para(repeat("园区企业党建工作稳步推进。", filler)));
    doc.blocks.push_back(para(repeat("坚持党建引领产业发展，", 9)));
    const PageList pages = run(doc);
    for (std::size_t p = 0; p + 1 < pages.pages.size(); ++p) {
      const auto& here = pages.pages[p].lines;
      const auto& next = pages.pages[p + 1].lines;
      INFO("filler " << filler << " page " << p);
      // Widow: the next page starts with a paragraph's last line while this page ends
      // mid-paragraph.
      if (!here.empty() && !here.back().paragraph_end && !next.empty())
        CHECK_FALSE(next.front().paragraph_end);
      // Orphan: this page ends with a first line (indented) that continues on the next page.
      if (!here.empty() && !here.back().paragraph_end)
        CHECK(here.back().x_start <= here.back().left + 0.01);
    }
  }
}

TEST_CASE("a long table splits between rows and repeats its header on every page", "[paginate]") {
  Document doc = small_pages();
  Table t;
  t.column_weights = {1, 3};
  auto cell = [](const std::string& s) {
    TableCell c;
    c.content.push_back({s, std::nullopt});
    return c;
  };
  t.header_rows.push_back({cell("序号"), cell("做法")});
  for (int i = 0; i < 30; ++i)
    t.rows.push_back({cell(std::to_string(i + 1)), cell("建立联合党支部，开展结对共建活动。")});
  doc.blocks.push_back(t);
  const PageList pages = run(doc);
  REQUIRE(pages.pages.size() >= 3);
  int rows = 0;
  for (const Page& page : pages.pages) {
    REQUIRE(!page.lines.empty());
    CHECK(page.lines.front().text == "序号");
    for (const LineRecord& l : page.lines)
      rows += l.text.find_first_not_of("0123456789") == std::string::npos;
  }
  CHECK(rows == 30);
}

TEST_CASE("headers and footers expand fields, the outer slot alternates sides", "[paginate]") {
  Document doc = small_pages();
  doc.meta.title = "简报";
  doc.meta.date = "2025年9月";
  doc.page.mirrored = true;
  doc.page.margin_inner = 50;
  doc.page.margin_outer = 30;
  doc.page.header.center = "{title}";
  doc.page.footer.outer = "— {page} —";
  doc.page.footer.left = "{date}";
  doc.page.footer.right = "共{pages}页";
  doc.blocks.push_back(para(repeat("园区企业党建工作稳步推进。", 40)));
  const PageList pages = run(doc);
  REQUIRE(pages.pages.size() >= 2);
  auto line_with = [](const Page& page, const std::string& text) -> const LineRecord* {
    for (const LineRecord& l : page.lines)
      if (l.text == text) return &l;
    return nullptr;
  };
  const std::string total = "共" + std::to_string(pages.pages.size()) + "页";
  for (std::size_t i = 0; i < 2; ++i) {
    const Page& page = pages.pages[i];
    CHECK(page.label == std::to_string(i + 1));
    REQUIRE(line_with(page, "简报"));
    REQUIRE(line_with(page, "2025年9月"));
    REQUIRE(line_with(page, total));
    const LineRecord* num = line_with(page, "— " + std::to_string(i + 1) + " —");
    REQUIRE(num);
    const bool odd = i == 0;
    const Pt left = odd ? 50 : 30, right = odd ? 300 - 30 : 300 - 50;
    if (odd)
      CHECK(num->x_end == Approx(right).margin(0.01));
    else
      CHECK(num->x_start == Approx(left).margin(0.01));
    // Mirrored margins: the body text block moves with the page side.
    bool body_seen = false;
    for (const LineRecord& l : page.lines)
      if (l.body) {
        body_seen = true;
        CHECK(l.left == Approx(left));
      }
    CHECK(body_seen);
  }
}

TEST_CASE("a page break starts a new page, the outline records headings with their pages",
          "[paginate]") {
  Document doc = small_pages();
  doc.blocks.push_back(heading("一、总体情况"));
  doc.blocks.push_back(para("园区企业党建工作稳步推进。"));
  doc.blocks.push_back(PageBreak{});
  Heading h2 = heading("（一）重点任务");
  h2.level = 2;
  doc.blocks.push_back(h2);
  doc.blocks.push_back(para("坚持党建引领产业发展。"));
  const PageList pages = run(doc);
  REQUIRE(pages.pages.size() == 2);
  REQUIRE(pages.outline.size() == 2);
  CHECK(pages.outline[0].title == "一、总体情况");
  CHECK(pages.outline[0].page == 0);
  CHECK(pages.outline[1].level == 2);
  CHECK(pages.outline[1].page == 1);
  CHECK(pages.outline[1].y == Approx(30));
}

TEST_CASE("the sample document's text is all on the pages, in order", "[paginate]") {
  const Document doc = sample_document();
  const PageList pages = run(doc);
  std::string printed;
  for (const Page& page : pages.pages)
    for (const LineRecord& l : page.lines)
      if (l.body) printed += l.text;
  // Every body paragraph appears whole and in order.
  std::size_t at = 0;
  for (const Block& b : doc.blocks)
    if (const auto* p = std::get_if<Paragraph>(&b)) {
      std::string text = p->marker;
      for (const Inline& in : p->content) text += in.text;
      const std::size_t found = printed.find(text, at);
      INFO(text);
      REQUIRE(found != std::string::npos);
      at = found + text.size();
    }
}

TEST_CASE("with mirrored margins a running head set right stays on the outer side", "[paginate]") {
  Document doc = small_pages();
  doc.page.mirrored = true;
  doc.page.margin_inner = 50;
  doc.page.margin_outer = 30;
  doc.page.header.right = "简报标题";
  doc.page.header.left = "第{page}页";
  doc.blocks.push_back(para(repeat("园区企业党建工作稳步推进。", 40)));
  const PageList pages = run(doc);
  REQUIRE(pages.pages.size() >= 2);
  for (std::size_t i = 0; i < 2; ++i) {
    const LineRecord* head = nullptr;
    const LineRecord* number = nullptr;
    for (const LineRecord& l : pages.pages[i].lines) {
      if (l.text == "简报标题") head = &l;
      if (l.text == "第" + std::to_string(i + 1) + "页") number = &l;
    }
    REQUIRE(head);
    REQUIRE(number);
    if (i == 0) {  // odd page: outer = right (300 − 30), inner = left (50)
      CHECK(head->x_end == Approx(270).margin(0.01));
      CHECK(number->x_start == Approx(50).margin(0.01));
    } else {  // even page: outer = left (30), inner = right (300 − 50)
      CHECK(head->x_start == Approx(30).margin(0.01));
      CHECK(number->x_end == Approx(250).margin(0.01));
    }
  }
}

TEST_CASE("blocks after a to_foot spacer end on the bottom edge of the text block", "[paginate]") {
  Document doc = small_pages();
  doc.blocks.push_back(para("正文一段。"));
  Spacer foot;
  foot.to_foot = true;
  doc.blocks.push_back(foot);
  Rule top;
  top.thickness = mm(0.35);
  doc.blocks.push_back(top);
  doc.blocks.push_back(para("版记一行"));
  Rule bottom = top;
  doc.blocks.push_back(bottom);
  const PageList one = run(doc);
  REQUIRE(one.pages.size() == 1);
  std::vector<const Stroke*> strokes;
  for (const Item& item : one.pages[0].items)
    if (const auto* s = std::get_if<Stroke>(&item)) strokes.push_back(s);
  REQUIRE(strokes.size() == 2);
  // The last rule's lower edge is the text block's bottom edge (240 − 30).
  CHECK(strokes[1]->y1 + strokes[1]->width / 2 == Approx(210).margin(0.01));
  CHECK(strokes[0]->y1 < strokes[1]->y1);

  // Wherever the text above ends, the foot is whole on the last page, at its foot, below
  // every line of text (on a new page when it does not fit).
  for (int n = 8; n <= 16; ++n) {
    Document d = doc;
    d.blocks.insert(d.blocks.begin(), para(repeat("园区企业党建工作稳步推进。", n)));
    const PageList pages = run(d);
    INFO(n << " sentences above");
    const Page& last = pages.pages.back();
    std::vector<const Stroke*> rules;
    for (const Item& item : last.items)
      if (const auto* s = std::get_if<Stroke>(&item)) rules.push_back(s);
    REQUIRE(rules.size() == 2);
    CHECK(rules[1]->y1 + rules[1]->width / 2 == Approx(210).margin(0.01));
    for (const LineRecord& l : last.lines)
      if (l.text != "版记一行") CHECK(l.baseline < rules[0]->y1);
  }
}

TEST_CASE("a keep_at_top spacer is not dropped at the top of a page", "[paginate]") {
  Document doc = small_pages();
  Spacer top;
  top.height = 40;
  doc.blocks.push_back(top);
  Paragraph p = para("标志");
  p.style.leading = 20;
  p.style.first_indent_em = 0;
  doc.blocks.push_back(p);
  const Pt dropped = run(doc).pages.at(0).lines.at(0).baseline;
  std::get<Spacer>(doc.blocks[0]).keep_at_top = true;
  const Pt kept = run(doc).pages.at(0).lines.at(0).baseline;
  CHECK(kept - dropped == Approx(40).margin(0.01));
}
