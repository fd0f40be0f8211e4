// A font the user supplies through a fonts folder (--font-dir, PTBRIEF_FONT_DIRS): found there by
// its family name, typeset, embedded in the PDF and drawn (pdffonts, pdftotext, pdftoppm).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "base/atomic_file.h"
#include "pdf/pdf.h"
#include "support/test_support.h"
#include "typeset/typeset.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

/// A scratch project: a fonts folder with a copy of an installed face (AR PL SungtiL GB, whose
/// Chinese family name is 文鼎ＰＬ简报宋) and a font manifest whose only search path is empty,
/// so the face can come from the fonts folder only.
struct Scratch {
  fs::path root, fonts, manifest;
};

Scratch scratch(const std::string& name) {
  Scratch s;
  s.root = test::scratch_dir(name);
  s.fonts = s.root / "fonts";
  fs::create_directories(s.fonts);
  fs::create_directories(s.root / "empty");
  fs::copy_file("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", s.fonts / "gbsn00lp.ttf");
  s.manifest = s.root / "manifest.json";
  write_file_atomically(s.manifest,
                        "{\"search_paths\": [\"" + (s.root / "empty").string() +
                            "\"], \"files\": {}, \"faces\": {}, "
                            "\"roles\": {\"serif\": [\"文鼎ＰＬ简报宋\"]}}");
  return s;
}

typeset::Document body(const std::string& text) {
  typeset::Document doc;
  typeset::Paragraph p;
  p.content.push_back({text, std::nullopt});
  p.style.text.font = "serif";
  p.style.text.size = 24;
  doc.blocks.push_back(p);
  return doc;
}

std::string render(const Scratch& s, const typeset::TypesetOptions& options, const fs::path& pdf) {
  CollectingSink sink;
  const typeset::PageList pages = typeset::typeset(body("用户字体目录中的简报宋"), options, sink);
  CHECK(sink.items.empty());
  REQUIRE(pages.fonts.size() == 1);
  CHECK(pages.fonts[0].path == (s.fonts / "gbsn00lp.ttf").string());
  write_file_atomically(pdf, pdf::write_pdf(pages, pdf::PdfOptions{}));
  const auto fonts = test::run_shell("pdffonts '" + pdf.string() + "'");
  REQUIRE(fonts.exit_code == 0);
  return fonts.out;
}

}  // namespace

TEST_CASE("pdf render: a face found through the user's fonts folder is embedded and drawn",
          "[pdf]") {
  const Scratch s = scratch("pdf_user_font");
  typeset::TypesetOptions options;
  options.font_manifest = s.manifest;

  // Without the folder the family is nowhere.
  CollectingSink sink;
  CHECK_THROWS_AS(typeset::typeset(body("字"), options, sink), Error);

  options.font_dirs = {s.fonts};
  const fs::path pdf = s.root / "user.pdf";
  const std::string fonts = render(s, options, pdf);
  INFO(fonts);
  CHECK(fonts.find("BousungEG-Light-GB") != std::string::npos);  // its PostScript name
  CHECK(fonts.find("CID TrueType") != std::string::npos);
  CHECK(fonts.find(" yes yes yes ") != std::string::npos);  // embedded, subset, ToUnicode

  const auto text = test::run_shell("pdftotext -layout '" + pdf.string() + "' -");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("用户字体目录中的简报宋") != std::string::npos);

  // Drawn: the rendered page has ink.
  const auto ppm = test::run_shell("pdftoppm -r 50 -gray -singlefile '" + pdf.string() + "' '" +
                                   (s.root / "page").string() + "'");
  REQUIRE(ppm.exit_code == 0);
  const std::string pgm = test::slurp(s.root / "page.pgm");
  std::size_t dark = 0;  // past the short "P5 w h 255" header
  for (std::size_t i = 20; i < pgm.size(); ++i) dark += static_cast<unsigned char>(pgm[i]) < 128;
  CHECK(dark > 50);
}

TEST_CASE("pdf render: PTBRIEF_FONT_DIRS names the fonts folder as --font-dir does", "[pdf]") {
  const Scratch s = scratch("pdf_user_font_env");
  typeset::TypesetOptions options;
  options.font_manifest = s.manifest;
  ::setenv("PTBRIEF_FONT_DIRS", ("/nonexistent-but-skipped-not:" + s.fonts.string()).c_str(), 1);
  CollectingSink sink;
  CHECK_THROWS_AS(typeset::typeset(body("字"), options, sink), Error);  // a missing folder
  ::setenv("PTBRIEF_FONT_DIRS", (":" + s.fonts.string()).c_str(), 1);
  const std::string fonts = render(s, options, s.root / "env.pdf");
  ::unsetenv("PTBRIEF_FONT_DIRS");
  CHECK(fonts.find("BousungEG-Light-GB") != std::string::npos);
}
