// Render check: the glyphs poppler draws from our PDF are the glyphs FreeType draws for the same
// glyph ids. A wrong code → CID → glyph mapping still extracts as the right text, so only a
// pixel comparison catches it.
#include <catch2/catch.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <fstream>

#include "page_builder.h"
#include "pdf/pdf.h"
#include "support/test_support.h"

using namespace ptbrief;
using namespace ptbrief::pdftest;

namespace {

constexpr double kDpi = 150, kSize = 72, kBaseline = 120, kPitch = 90;

struct Gray {  // an 8-bit image, 0 = black
  int w = 0, h = 0;
  std::vector<unsigned char> px;
  bool ink(int x, int y) const { return x >= 0 && y >= 0 && x < w && y < h && px[y * w + x] < 128; }
};

Gray read_pgm(const std::string& bytes) {
  Gray g;
  std::size_t pos = 0;
  auto token = [&] {
    while (pos < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[pos]))) ++pos;
    std::size_t start = pos;
    while (pos < bytes.size() && !std::isspace(static_cast<unsigned char>(bytes[pos]))) ++pos;
    return bytes.substr(start, pos - start);
  };
  REQUIRE(token() == "P5");
  g.w = std::stoi(token());
  g.h = std::stoi(token());
  REQUIRE(std::stoi(token()) == 255);
  ++pos;
  REQUIRE(bytes.size() >= pos + std::size_t(g.w) * g.h);
  g.px.assign(bytes.begin() + pos, bytes.begin() + pos + std::size_t(g.w) * g.h);
  return g;
}

/// A one-line page of large glyphs of `face` for the characters `text`.
typeset::PageList big_glyph_page(const TestFace& face, const std::string& text) {
  typeset::PageList pl;
  pl.fonts.push_back(face.info);
  typeset::Page page;
  page.width = 600;
  page.height = 200;
  typeset::GlyphRun run{0, kSize, {}, {}};
  double x = 20;
  for (const auto& ch : utf8_chars(text)) {
    std::uint32_t gid = face.glyph(code_point(ch));
    REQUIRE(gid != 0);
    run.glyphs.push_back({gid, x, kBaseline, face.advance_em(gid) * kSize, ch});
    x += kPitch;
  }
  page.items.push_back(run);
  pl.pages.push_back(page);
  return pl;
}

/// Intersection over union of the ink of FreeType's rendering of `gid` placed at the glyph
/// origin (x, baseline) and the ink of the rendered page around it.
double overlap(FT_Face ft, std::uint32_t gid, double x_pt, const Gray& page) {
  REQUIRE(FT_Load_Glyph(ft, gid, FT_LOAD_RENDER | FT_LOAD_NO_HINTING) == 0);
  const FT_Bitmap& bm = ft->glyph->bitmap;
  int ox = static_cast<int>(std::lround(x_pt * kDpi / 72)) + ft->glyph->bitmap_left;
  int oy = static_cast<int>(std::lround(kBaseline * kDpi / 72)) - ft->glyph->bitmap_top;
  int inter = 0, uni = 0, margin = 12;
  for (int r = -margin; r < int(bm.rows) + margin; ++r)
    for (int c = -margin; c < int(bm.width) + margin; ++c) {
      bool a = r >= 0 && c >= 0 && r < int(bm.rows) && c < int(bm.width) &&
               bm.buffer[r * bm.pitch + c] >= 128;
      bool b = page.ink(ox + c, oy + r);
      inter += a && b;
      uni += a || b;
    }
  return uni == 0 ? 0 : double(inter) / uni;
}

void check_render(const TestFace& face, const std::string& name) {
  const std::string text = "一鬱國永書A";
  typeset::PageList pl = big_glyph_page(face, text);
  pdf::PdfOptions o;
  auto dir = test::scratch_dir("pdf_render_" + name);
  std::ofstream(dir / "big.pdf", std::ios::binary) << pdf::write_pdf(pl, o);
  auto r = test::run_shell("pdftoppm -r 150 -gray -singlefile '" + (dir / "big.pdf").string() +
                           "' '" + (dir / "big").string() + "'");
  REQUIRE(r.exit_code == 0);
  Gray page = read_pgm(test::slurp(dir / "big.pgm"));

  FT_Library lib;
  REQUIRE(FT_Init_FreeType(&lib) == 0);
  FT_Face ft;
  REQUIRE(FT_New_Face(lib, face.info.path.c_str(), face.info.index, &ft) == 0);
  REQUIRE(FT_Set_Char_Size(ft, 0, static_cast<FT_F26Dot6>(kSize * 64), kDpi, kDpi) == 0);
  const auto& glyphs = std::get<typeset::GlyphRun>(pl.pages[0].items[0]).glyphs;
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    INFO(name << " glyph " << glyphs[i].text << " gid " << glyphs[i].gid);
    CHECK(overlap(ft, glyphs[i].gid, glyphs[i].x, page) > 0.8);
    // The comparison itself discriminates: another glyph at the same place does not match.
    const auto& other = glyphs[(i + 1) % glyphs.size()];
    CHECK(overlap(ft, other.gid, glyphs[i].x, page) < 0.6);
  }
  FT_Done_Face(ft);
  FT_Done_FreeType(lib);
}

}  // namespace

TEST_CASE("pdf render: Noto Serif CJK SC (CID-keyed CFF) draws the glyphs it was given", "[pdf]") {
  check_render(open_face(kNotoSerif, "Noto Serif CJK SC"), "noto");
}

TEST_CASE("pdf render: WenQuanYi Micro Hei (TrueType) draws the glyphs it was given", "[pdf]") {
  check_render(open_face(kWqy, "WenQuanYi Micro Hei"), "wqy");
}
