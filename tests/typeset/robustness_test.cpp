// Hostile and degenerate documents typeset without crashing and keep their invariants.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "typeset/typeset.h"

using namespace ptbrief;
using namespace ptbrief::typeset;

namespace {

PageList run(const Document& doc) {
  CollectingSink sink;
  return typeset::typeset(doc, {}, sink);
}

Paragraph para(const std::string& text) {
  Paragraph p;
  p.content.push_back({text, std::nullopt});
  return p;
}

}  // namespace

TEST_CASE("an empty document is one blank page", "[robustness]") {
  const PageList pages = run(Document{});
  REQUIRE(pages.pages.size() == 1);
  CHECK(pages.pages[0].items.empty());
}

TEST_CASE("degenerate blocks: empty paragraph, empty table, chart with bad values",
          "[robustness]") {
  Document doc;
  doc.blocks.push_back(para(""));
  doc.blocks.push_back(Table{});
  BarChart c;
  c.labels = {"甲", "乙", "丙"};
  c.values = {std::numeric_limits<double>::infinity(), -3, std::nan("")};
  doc.blocks.push_back(c);
  doc.blocks.push_back(Spacer{-50});
  doc.blocks.push_back(PageBreak{});
  doc.blocks.push_back(PageBreak{});
  doc.blocks.push_back(para("\n\n文字\r\n\t末尾 "));
  const PageList pages = run(doc);
  for (const Page& p : pages.pages)
    for (const Item& item : p.items)
      if (const auto* b = std::get_if<Box>(&item)) CHECK(std::isfinite(b->width));
}

TEST_CASE("a tiny page and a huge font still give finite, bounded output", "[robustness]") {
  Document doc;
  doc.page.width = 20;
  doc.page.height = 20;
  Paragraph p = para("园区党建工作稳步推进，企业2360家，占比34.65%。");
  p.style.text.size = 200;
  doc.blocks.push_back(p);
  const PageList pages = run(doc);
  CHECK(!pages.pages.empty());
  CHECK(pages.pages.size() < 100);
}

TEST_CASE("a long unbreakable Latin word is set overfull instead of failing", "[robustness]") {
  Document doc;
  doc.blocks.push_back(para("网址" + std::string(400, 'x') + "结束。"));
  const PageList pages = run(doc);
  std::string all;
  for (const LineRecord& l : pages.pages.at(0).lines) all += l.text;
  CHECK(all.find("结束。") != std::string::npos);
}

TEST_CASE("invalid UTF-8 becomes U+FFFD and is reported if no font has it, never a crash",
          "[robustness]") {
  Document doc;
  doc.blocks.push_back(para(std::string("坏\xff\xfe字节\xe4\xb8")));
  const PageList pages = run(doc);
  REQUIRE(!pages.pages.at(0).lines.empty());
  CHECK(pages.pages[0].lines[0].text.find("坏") == 0);
}
