// typeset() in two steps (typeset_body, then add_running_lines) and move_pages: what a pack
// uses to lay a brief out once for its own PDF and for the combined one.
#include <catch2/catch.hpp>

#include <cmath>

#include "typeset/typeset.h"

using namespace ptbrief;
using namespace ptbrief::typeset;

namespace {

Paragraph para(const std::string& text, const std::string& font = "serif") {
  Paragraph p;
  p.content.push_back({text, std::nullopt});
  p.style.text.font = font;
  return p;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

/// Small mirrored pages (inner and outer margins differ) with a running head in another face
/// than the body ({title}, set right: the outer side) and a centred footer {page}/{pages}.
Document mirrored_doc(int paragraphs) {
  Document doc;
  doc.meta.title = "园区党建简报";
  doc.page.width = 300;
  doc.page.height = 240;
  doc.page.margin_top = doc.page.margin_bottom = 30;
  doc.page.margin_inner = 50;
  doc.page.margin_outer = 30;
  doc.page.mirrored = true;
  doc.page.header.right = "{title}";
  doc.page.header.style.font = "sans";
  doc.page.header.rule = true;
  doc.page.footer.center = "第{page}页 共{pages}页";
  doc.page.footer.on_first_page = false;
  Heading h;
  h.paragraph = para("南通高新区党建工作", "title");
  doc.blocks.push_back(h);
  for (int i = 0; i < paragraphs; ++i)
    doc.blocks.push_back(para(repeat("园区以党建引领产业链发展，Q3营收增长12.5%。", 4)));
  return doc;
}

/// Every glyph's id and position and every line record of a page, to 0.01 pt (font indices
/// left out: two documents number their faces in the order they first use them).
std::string positions(const Page& page) {
  std::string out;
  auto num = [](Pt v) { return std::to_string(static_cast<long long>(std::llround(v * 100))); };
  for (const Item& item : page.items)
    if (const auto* run = std::get_if<GlyphRun>(&item))
      for (const PlacedGlyph& g : run->glyphs)
        out += std::to_string(g.gid) + "@" + num(g.x) + "," + num(g.y) + " ";
  for (const LineRecord& l : page.lines)
    out += "\n" + num(l.x_start) + ".." + num(l.x_end) + " [" + num(l.left) + "," + num(l.right) +
           "] " + num(l.baseline) + " " + l.text;
  return out;
}

}  // namespace

TEST_CASE("typeset_body then add_running_lines gives typeset()'s pages", "[typeset][two-step]") {
  for (int paragraphs : {1, 6, 15}) {
    const Document doc = mirrored_doc(paragraphs);
    CollectingSink one_sink, two_sink;
    const PageList one = typeset::typeset(doc, {}, one_sink);
    PageList two = typeset_body(doc, {}, two_sink);
    for (const Page& p : two.pages) CHECK(p.label.empty());  // running lines not yet set
    add_running_lines(doc, two, {}, two_sink);
    INFO(paragraphs << " paragraphs, " << one.pages.size() << " pages");
    REQUIRE(one.pages.size() > (paragraphs > 6 ? 1u : 0u));
    CHECK(dump(two, true) == dump(one, true));
    CHECK(two.fonts.size() == one.fonts.size());
    CHECK(two_sink.items.size() == one_sink.items.size());
  }
}

TEST_CASE("move_pages puts laid-out pages where a longer document has them",
          "[typeset][two-step]") {
  // The same content after one page of other text and a page break: its pages are the ones it
  // has alone, moved one page on (so to the other side of the mirrored spread).
  const Document alone = mirrored_doc(9);
  Document after = alone;
  after.blocks.insert(after.blocks.begin(), PageBreak{});
  after.blocks.insert(after.blocks.begin(), para("前一份简报。"));
  CollectingSink sink;
  PageList moved = typeset_body(alone, {}, sink);
  const PageList want = typeset_body(after, {}, sink);
  REQUIRE(moved.pages.size() >= 2);
  REQUIRE(want.pages.size() == moved.pages.size() + 1);

  const PageList unmoved = moved;
  move_pages(moved, alone.page, 1);
  for (std::size_t k = 0; k < moved.pages.size(); ++k) {
    INFO("page " << k);
    CHECK(positions(moved.pages[k]) == positions(want.pages[k + 1]));
    CHECK(positions(moved.pages[k]) != positions(unmoved.pages[k]));  // it changed sides
  }
  CHECK(moved.outline.size() == unmoved.outline.size());
  CHECK(moved.outline.at(0).page == 0);  // outline pages stay: the caller renumbers them
}
