// The combined PDF takes the briefs' own laid-out pages instead of typesetting them again,
// and its pages are the same either way.
#include <catch2/catch.hpp>

#include "pack/combined.h"
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

/// A brief on small mirrored pages with running lines, `paragraphs` long, with a bookmarked
/// title and one bookmarked section heading.
Document brief(const std::string& title, int paragraphs) {
  Document doc;
  doc.meta.title = title;
  doc.meta.author = "园区党工委";
  doc.page.width = 300;
  doc.page.height = 240;
  doc.page.margin_top = doc.page.margin_bottom = 30;
  doc.page.margin_inner = 50;
  doc.page.margin_outer = 30;
  doc.page.mirrored = true;
  doc.page.header.right = "{title}";
  doc.page.header.style.font = "sans";
  doc.page.footer.center = "第{page}页 共{pages}页";
  Heading t;
  t.paragraph = para(title, "title");
  doc.blocks.push_back(t);
  for (int i = 0; i < paragraphs; ++i) {
    if (i == 2) {
      Heading h;
      h.level = 2;
      h.paragraph = para("二、主要做法", "sans");
      doc.blocks.push_back(h);
    }
    doc.blocks.push_back(para("园区党委推行“链长制”，全年新签约项目21个，总投资54.8亿元。"));
  }
  return doc;
}

/// Briefs of 1, 2 and 1 pages and more: the later ones start on both sides of the spread.
std::vector<Document> docs() {
  return {brief("甲高新区", 12), brief("乙经开区", 3), brief("丙工业园区", 20), brief("丁新区", 5)};
}

std::vector<pack::CombinedBrief> with_pages(const std::vector<Document>& in, bool laid_out) {
  std::vector<pack::CombinedBrief> out;
  for (const Document& d : in) {
    CollectingSink sink;
    out.push_back({d, laid_out ? std::make_shared<const PageList>(typeset_body(d, {}, sink))
                               : nullptr});
  }
  return out;
}

pack::CombinedPages combined(std::vector<pack::CombinedBrief> briefs) {
  pack::CombinedInfo info;
  info.title = "园区党建工作简报汇编";
  info.publisher = "园区党工委";
  CollectingSink sink;
  return pack::combine(std::move(briefs), info, {}, sink);
}

std::string combined_dump(std::vector<pack::CombinedBrief> briefs) {
  return dump(combined(std::move(briefs)).pages, true);
}

}  // namespace

TEST_CASE("the combined PDF's pages are the same from the briefs' own pages", "[pack][combined]") {
  const std::vector<Document> d = docs();
  const std::string typeset_again = combined_dump(with_pages(d, false));
  const std::string reused = combined_dump(with_pages(d, true));
  CHECK(reused == typeset_again);
  // Some brief starts on an even page of the body (the other side of the spread): its pages
  // were moved sideways.
  const pack::CombinedPages c = combined(with_pages(d, true));
  bool even_start = false;
  for (std::size_t start : c.brief_starts) even_start |= (start - c.front_pages) % 2 == 1;
  CHECK(even_start);
}

TEST_CASE("the combined PDF takes the laid-out pages it is given", "[pack][combined]") {
  // Pages that are not the brief's own show through: they are used, not typeset again.
  const std::vector<Document> d = docs();
  std::vector<pack::CombinedBrief> briefs = with_pages(d, true);
  std::vector<pack::CombinedBrief> other = with_pages({brief("乙经开区", 9)}, true);
  briefs[1].pages = other[0].pages;
  CHECK(combined_dump(std::move(briefs)) != combined_dump(with_pages(d, true)));
}

TEST_CASE("briefs of another page geometry are typeset again for the combined PDF",
          "[pack][combined]") {
  std::vector<Document> d = docs();
  std::vector<pack::CombinedBrief> briefs = with_pages(d, true);
  // Laid out on narrower pages: they cannot be the body's pages, so all are set again.
  Document narrow = d[2];
  narrow.page.margin_outer = 60;
  CollectingSink sink;
  briefs[2].pages = std::make_shared<const PageList>(typeset_body(narrow, {}, sink));
  briefs[2].doc = narrow;
  std::vector<pack::CombinedBrief> again = with_pages(d, false);
  again[2].doc = narrow;
  CHECK(combined_dump(std::move(briefs)) == combined_dump(std::move(again)));
}
