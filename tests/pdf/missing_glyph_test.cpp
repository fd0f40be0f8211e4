// Characters no font has: each one survives text extraction as itself.
#include <catch2/catch.hpp>

#include <fstream>

#include "base/diagnostic.h"
#include "pdf/pdf.h"
#include "support/test_support.h"
#include "typeset/typeset.h"

using namespace ptbrief;

TEST_CASE("pdf text layer: every missing glyph maps to its own character", "[pdf]") {
  typeset::Document doc;
  typeset::Paragraph p;
  p.content.push_back({"音乐𝄞与𓀀字", std::nullopt});
  doc.blocks.push_back(p);
  doc.font_roles["serif"] = {"Noto Serif CJK SC:Regular"};
  CollectingSink sink;
  const typeset::PageList pages = typeset::typeset(doc, {}, sink);
  REQUIRE(sink.items.size() == 2);  // both characters are missing
  pdf::PdfOptions o;
  o.source_date_epoch = 1700000000;
  const auto path = test::scratch_dir("pdf_missing_glyph") / "m.pdf";
  std::ofstream(path, std::ios::binary) << pdf::write_pdf(pages, o);
  const auto text = test::run_shell("pdftotext -enc UTF-8 '" + path.string() + "' -");
  INFO(text.out);
  CHECK(text.out.find("音乐𝄞与𓀀字") != std::string::npos);
  const auto check = test::run_shell("qpdf --check '" + path.string() + "'");
  CHECK(check.exit_code == 0);
}
