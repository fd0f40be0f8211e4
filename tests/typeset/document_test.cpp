// Whole-document typesetting: the ~5,000-character sample with headings, a list, a table and a
// chart — kinsoku and justification checked on every printed line, pages, outline, fonts.
#include <algorithm>
#include <catch2/catch.hpp>

#include <fstream>

#include "support/test_support.h"
#include "typeset/sample.h"
#include "typeset/typeset.h"

using namespace ptbrief;
using namespace ptbrief::typeset;

namespace {

std::u32string decode(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    const int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k)
      c = (c << 6) | (static_cast<unsigned char>(s[i + std::size_t(k)]) & 0x3F);
    out += c;
    i += std::size_t(len);
  }
  return out;
}

// GB/T 15834 / clreq marks that may not start or end a line (the test's own list).
const std::u32string kNoStart = U"。，、；：？！）》」』”’…—·%";
const std::u32string kNoEnd = U"（《「『“‘";

PageList typeset_sample(const std::string& serif_family, CollectingSink& sink) {
  Document doc = sample_document();
  if (!serif_family.empty()) doc.font_roles["serif"] = {serif_family, "Noto Serif CJK SC:Regular"};
  return typeset::typeset(doc, {}, sink);
}

void check_lines(const PageList& pages) {
  std::size_t justified = 0;
  for (const Page& page : pages.pages) {
    for (const LineRecord& l : page.lines) {
      const std::u32string t = decode(l.text);
      if (t.empty()) continue;
      INFO("line: " << l.text);
      CHECK(kNoStart.find(t.front()) == std::u32string::npos);
      CHECK(kNoEnd.find(t.back()) == std::u32string::npos);
      if (l.justified) {
        ++justified;
        CHECK(std::abs(l.x_end - l.right) < 0.01);
        CHECK(std::abs(l.x_start - l.left) < 0.01 + 21.0);  // first lines start after the indent
      }
      CHECK(l.x_end <= l.right + 0.01);
    }
  }
  CHECK(justified > 80);
}

}  // namespace

TEST_CASE("the sample document has at least 5,000 characters of mixed text and every block kind",
          "[typeset]") {
  const Document doc = sample_document();
  const std::u32string text = decode(sample_body_text(doc));
  std::size_t han = 0, latin = 0, digits = 0;
  for (char32_t c : text) {
    han += c >= 0x4E00 && c <= 0x9FFF;
    latin += (c >= U'A' && c <= U'Z');
    digits += c >= U'0' && c <= U'9';
  }
  CHECK(text.size() >= 5000);
  CHECK(han >= 4000);
  CHECK(latin >= 20);
  CHECK(digits >= 100);
  CHECK(text.find(U'\U00020BB7') != std::u32string::npos);
  bool table = false, chart = false, heading = false;
  for (const Block& b : doc.blocks) {
    table = table || std::holds_alternative<Table>(b);
    chart = chart || std::holds_alternative<BarChart>(b);
    heading = heading || std::holds_alternative<Heading>(b);
  }
  CHECK((table && chart && heading));
}

TEST_CASE("sample document typesets on several pages with no prohibited line starts or ends",
          "[typeset]") {
  CollectingSink sink;
  const PageList pages = typeset_sample("", sink);
  CHECK(sink.count(Severity::Warning) == 0);
  CHECK(pages.pages.size() >= 3);
  CHECK(pages.pages.size() <= 6);
  check_lines(pages);
  CHECK(pages.outline.size() >= 6);
  REQUIRE(!pages.fonts.empty());
  // Body text is set in Noto Serif CJK SC, a CFF font; display text in Noto Sans CJK SC.
  CHECK(pages.fonts.size() == 2);
  const auto serif = std::find_if(pages.fonts.begin(), pages.fonts.end(),
                                  [](const auto& f) { return f.family == "Noto Serif CJK SC"; });
  REQUIRE(serif != pages.fonts.end());
  CHECK(serif->cff);
  std::ofstream(test::scratch_dir("typeset_sample") / "dump.txt") << dump(pages, false);
}

TEST_CASE("sample document with a TrueType CJK font (WenQuanYi Micro Hei)", "[typeset]") {
  CollectingSink sink;
  const PageList pages = typeset_sample("WenQuanYi Micro Hei:Regular", sink);
  CHECK(sink.count(Severity::Warning) == 0);
  check_lines(pages);
  bool truetype = false;
  for (const FontFace& f : pages.fonts)
    truetype = truetype || (f.family == "WenQuanYi Micro Hei" && !f.cff);
  CHECK(truetype);
}

TEST_CASE("random mixed paragraphs at many widths: kinsoku and justification hold on every line",
          "[typeset]") {
  const std::vector<std::string> pieces = {
      "园区", "党建", "企业",   "发展",    "。",     "，",  "、", "；", "：", "？",
      "！",   "“",    "”",      "（",      "）",     "《",  "》", "——", "……", "·",
      "AI",   "5G",   "2360家", "3.5亿元", "34.65%", "R&D", " ",  "𠮷"};
  std::uint32_t state = 7;
  Document doc;
  for (int i = 0; i < 40; ++i) {
    Paragraph p;
    std::string text;
    for (int k = 0; k < 20 + i * 3; ++k) {
      state = state * 1664525u + 1013904223u;
      text += pieces[(state >> 8) % pieces.size()];
    }
    p.content.push_back({text, std::nullopt});
    p.style.left_indent = (i % 7) * 13.7;  // many different measures
    doc.blocks.push_back(p);
  }
  CollectingSink sink;
  const PageList pages = typeset::typeset(doc, {}, sink);
  std::size_t lines = 0;
  for (const Page& page : pages.pages)
    for (const LineRecord& l : page.lines) {
      const std::u32string t = decode(l.text);
      if (t.empty() || !l.body) continue;
      ++lines;
      INFO(l.text);
      // Random text may itself begin or end with a mark: check only the breaks the engine made.
      const bool first_line = l.x_start > l.left + 1;  // indented by two characters
      if (!first_line) CHECK(kNoStart.find(t.front()) == std::u32string::npos);
      if (!l.paragraph_end) CHECK(kNoEnd.find(t.back()) == std::u32string::npos);
      if (l.justified) CHECK(std::abs(l.x_end - l.right) < 0.01);
    }
  CHECK(lines > 100);
}
