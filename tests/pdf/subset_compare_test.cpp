// ptbrief's own subsetters (pdf/cff_subset.h, pdf/glyf_subset.h) against hb-subset, for every
// face the project's layouts set text in: the same pages written both ways must rasterise to
// the same pixels (pdftoppm -r 100), show the same codes, pass qpdf --check, list as embedded
// subset CID fonts in pdffonts and give back their text through pdftotext.
#include <catch2/catch.hpp>

#include <fstream>

#include "base/diagnostic.h"
#include "page_builder.h"
#include "pdf/cff_subset.h"
#include "pdf/font_program.h"
#include "pdf/pdf.h"
#include "pdf_checks.h"
#include "support/test_support.h"

using namespace ptbrief;
using namespace ptbrief::pdftest;

namespace {

std::string strip_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f') out += c;
  return out;
}

/// The pages of `pdf` rendered by pdftoppm at 100 dpi, one PPM file's bytes per page.
std::vector<std::string> render(const std::filesystem::path& pdf) {
  auto stem = pdf;
  stem.replace_extension("");
  auto r = test::run_shell("pdftoppm -r 100 '" + pdf.string() + "' '" + stem.string() + "'");
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> pages;
  for (int p = 1; p < 100; ++p) {
    bool found = false;
    for (const char* fmt : {"-%d.ppm", "-%02d.ppm", "-%03d.ppm"}) {
      char suffix[16];
      std::snprintf(suffix, sizeof suffix, fmt, p);
      std::filesystem::path f = stem.string() + suffix;
      if (std::filesystem::exists(f)) {
        pages.push_back(test::slurp(f));
        found = true;
        break;
      }
    }
    if (!found) break;
  }
  return pages;
}

void compare(const std::string& name, const std::string& path, const std::string& family,
             bool cff) {
  TestFace face = open_face(path, family);
  REQUIRE(face.info.cff == cff);
  Sample sample = sample_pages({face}, 1200);
  INFO(name << ": " << path);

  // The two subsetters give the same codes for the same glyphs — so the content streams are
  // the same — and different programs (the own subsetter did run).
  pdf::GlyphUse use = glyph_use(sample.pages);
  pdf::FontProgram own = pdf::build_font_program(face.info, use, pdf::Subsetter::own);
  pdf::FontProgram hb = pdf::build_font_program(face.info, use, pdf::Subsetter::harfbuzz);
  CHECK(own.cff == cff);
  CHECK(own.program != hb.program);
  CHECK(own.widths == hb.widths);
  CHECK(own.text_of_code == hb.text_of_code);
  for (const auto& [gid, text] : use) CHECK(own.shown.at(gid).code == hb.shown.at(gid).code);
  if (cff) CHECK(pdf::cff::classify(own.program) == pdf::cff::Kind::cid_keyed);

  pdf::PdfOptions o;
  o.source_date_epoch = 1700000000;
  auto dir = test::scratch_dir("pdf_subset_" + name);
  std::string own_pdf = pdf::write_pdf(sample.pages, o);
  o.harfbuzz_subset = true;
  std::string hb_pdf = pdf::write_pdf(sample.pages, o);
  std::ofstream(dir / "own.pdf", std::ios::binary) << own_pdf;
  std::ofstream(dir / "hb.pdf", std::ios::binary) << hb_pdf;

  std::vector<std::string> own_pages = render(dir / "own.pdf"), hb_pages = render(dir / "hb.pdf");
  REQUIRE(own_pages.size() >= 1);
  REQUIRE(own_pages.size() == hb_pages.size());
  for (std::size_t p = 0; p < own_pages.size(); ++p) {
    INFO("page " << p + 1);
    CHECK((own_pages[p] == hb_pages[p]));  // not printed: a page is megabytes
  }

  std::string q = "'" + (dir / "own.pdf").string() + "'";
  auto check = test::run_shell("qpdf --check " + q);
  INFO(check.out);
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
  auto fonts = pdffonts(dir / "own.pdf");
  REQUIRE(fonts.size() == 1);
  CHECK(fonts[0].embedded);
  CHECK(fonts[0].subset);
  CHECK(fonts[0].type == (cff ? "CID Type 0C" : "CID TrueType"));
  auto txt = test::run_shell("pdftotext -enc UTF-8 " + q + " -");
  CHECK(strip_space(txt.out) == strip_space(sample.body));
  // Text poppler cannot parse would be reported on stderr, which run_shell folds into out.
  CHECK(txt.out.find("Syntax Error") == std::string::npos);
}

}  // namespace

TEST_CASE("pdf subset: Noto Serif CJK SC Regular (serif, latin) renders as with hb-subset",
          "[pdf][subset]") {
  compare("noto_serif", kNotoSerif, "Noto Serif CJK SC", true);
}

TEST_CASE("pdf subset: Noto Serif CJK SC Bold (title, serif-bold) renders as with hb-subset",
          "[pdf][subset]") {
  compare("noto_serif_bold", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
          "Noto Serif CJK SC", true);
}

TEST_CASE("pdf subset: Noto Sans CJK SC Bold (hei) and Regular (sans) render as with hb-subset",
          "[pdf][subset]") {
  compare("noto_sans_bold", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
          "Noto Sans CJK SC", true);
  compare("noto_sans", kNotoSans, "Noto Sans CJK SC", true);
}

TEST_CASE("pdf subset: LXGW WenKai (kai, TrueType) renders as with hb-subset", "[pdf][subset]") {
  compare("wenkai", "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
          "LXGW WenKai", false);
}

TEST_CASE("pdf subset: AR PL SungtiL GB (fangsong, TrueType) renders as with hb-subset",
          "[pdf][subset]") {
  compare("sungti", "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", "AR PL SungtiL GB",
          false);
}

TEST_CASE("pdf subset: WenQuanYi Micro Hei (fallback, TrueType) renders as with hb-subset",
          "[pdf][subset]") {
  compare("wqy", kWqy, "WenQuanYi Micro Hei", false);
}
