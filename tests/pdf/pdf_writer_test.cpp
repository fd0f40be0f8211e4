// The PDF writer end to end on ~5,000-character documents: qpdf, pdffonts, pdftotext round trip,
// printed-line kinsoku and justification from word boxes, determinism, both font kinds.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "base/diagnostic.h"
#include "pdf/pdf.h"
#include "pdf_checks.h"
#include "page_builder.h"
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

std::filesystem::path write_file(const std::string& name, const std::string& bytes) {
  auto path = test::scratch_dir("pdf_" + name) / (name + ".pdf");
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

pdf::PdfOptions fixed_options() {
  pdf::PdfOptions o;
  o.source_date_epoch = 1700000000;
  return o;
}

/// Runs every Done-when check of the writer on one laid-out sample.
void check_sample(const std::string& name, const Sample& sample) {
  std::string bytes = pdf::write_pdf(sample.pages, fixed_options());
  auto path = write_file(name, bytes);
  std::string q = "'" + path.string() + "'";

  SECTION("qpdf --check is clean") {
    auto r = test::run_shell("qpdf --check " + q);
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("No syntax or stream encoding errors found") != std::string::npos);
  }
  SECTION("every font is embedded and subset") {
    auto fonts = pdffonts(path);
    CHECK(fonts.size() == sample.pages.fonts.size());
    for (const auto& f : fonts) {
      INFO(f.line);
      CHECK(f.embedded);
      CHECK(f.subset);
      CHECK((f.type == "CID Type 0C" || f.type == "CID TrueType"));
    }
  }
  SECTION("pdftotext returns the body text in order, without warnings") {
    auto txt = path;
    txt.replace_extension(".txt");
    auto r = test::run_shell("pdftotext -enc UTF-8 " + q + " '" + txt.string() + "'");
    CHECK(r.out.empty());  // poppler warnings (ToUnicode, fonts) would appear here
    std::string text = strip_space(test::slurp(txt));
    CHECK(text == strip_space(sample.body));
    CHECK(text.find("𠮷") != std::string::npos);
  }
  SECTION("printed lines obey kinsoku and justified lines reach the margin") {
    auto lines = printed_lines(path);
    REQUIRE(lines.size() > 100);
    for (const auto& l : lines) {
      INFO("page " << l.page << " line: " << l.text);
      CHECK_FALSE(starts_with_any(l.text, kNoStart));
      CHECK_FALSE(ends_with_any(l.text, kNoEnd));
    }
    std::size_t justified = 0;
    for (std::size_t p = 0; p < sample.pages.pages.size(); ++p)
      for (const auto& rec : sample.pages.pages[p].lines) {
        if (!rec.justified || !rec.body) continue;
        const PrintedLine* l = line_at(lines, p + 1, rec.baseline);
        INFO("page " << p + 1 << " line: " << rec.text);
        REQUIRE(l != nullptr);
        CHECK(l->x_max == Approx(rec.right).margin(0.6));
        ++justified;
      }
    CHECK(justified > 100);
  }
  SECTION("two writes are byte-identical, on one thread or several") {
    CHECK(pdf::write_pdf(sample.pages, fixed_options()) == bytes);
    for (unsigned threads : {1u, 3u}) {
      pdf::PdfOptions o = fixed_options();
      o.threads = threads;
      INFO("threads " << threads);
      CHECK(pdf::write_pdf(sample.pages, o) == bytes);
    }
  }
}

}  // namespace

TEST_CASE("pdf writer: Noto Serif CJK SC (CFF) sample passes the PDF checks", "[pdf]") {
  check_sample("noto", sample_pages({open_face(kNotoSerif, "Noto Serif CJK SC")}));
}

TEST_CASE("pdf writer: WenQuanYi (TrueType) with Noto fallback passes the PDF checks", "[pdf]") {
  check_sample("wqy", sample_pages({open_face(kWqy, "WenQuanYi Micro Hei"),
                                    open_face(kNotoSerif, "Noto Serif CJK SC")}));
}

TEST_CASE("pdf writer: metadata, outline and page labels", "[pdf]") {
  Sample s = sample_pages({open_face(kNotoSerif, "Noto Serif CJK SC")}, 2000);
  s.pages.meta.title = "南通高新区党建简报";
  s.pages.meta.subject = "产业链党建";
  s.pages.meta.keywords = "党建, 园区";
  auto path = write_file("meta", pdf::write_pdf(s.pages, fixed_options()));
  auto info = test::run_shell("pdfinfo -isodates '" + path.string() + "'");
  INFO(info.out);
  auto field = [&](const std::string& key) {
    std::smatch m;
    std::regex re("(^|\n)" + key + ":\\s+([^\n]*)");
    return std::regex_search(info.out, m, re) ? m[2].str() : std::string("<missing>");
  };
  CHECK(field("Title") == "南通高新区党建简报");
  CHECK(field("Subject") == "产业链党建");
  CHECK(field("Keywords") == "党建, 园区");
  CHECK(field("Producer") == "ptbrief");
  CHECK(field("CreationDate") == "2023-11-14T22:13:20Z");
  CHECK(field("Page size") == "595.276 x 841.89 pts (A4)");

  auto outline = test::run_shell("qpdf --json --json-key=outlines '" + path.string() + "'");
  REQUIRE(!s.pages.outline.empty());
  CHECK(outline.out.find("\"title\": \"" + s.pages.outline.front().title + "\"") !=
        std::string::npos);
  auto labels = test::run_shell("qpdf --json --json-key=pagelabels '" + path.string() + "'");
  CHECK(labels.out.find("\"/S\": \"/D\"") != std::string::npos);
}

TEST_CASE("pdf writer: no dates without SOURCE_DATE_EPOCH and no time-based /ID", "[pdf]") {
  Sample s = sample_pages({open_face(kNotoSerif, "Noto Serif CJK SC")}, 300);
  pdf::PdfOptions o;
  std::string a = pdf::write_pdf(s.pages, o);
  CHECK(a.find("CreationDate") == std::string::npos);
  CHECK(a == pdf::write_pdf(s.pages, o));
}

TEST_CASE("pdf writer: SOURCE_DATE_EPOCH is read from the environment", "[pdf]") {
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  CHECK(pdf::source_date_epoch_from_env() == std::optional<std::int64_t>(1700000000));
  ::setenv("SOURCE_DATE_EPOCH", "12x", 1);
  CHECK_FALSE(pdf::source_date_epoch_from_env().has_value());
  ::unsetenv("SOURCE_DATE_EPOCH");
  CHECK_FALSE(pdf::source_date_epoch_from_env().has_value());
}

TEST_CASE("pdf writer: an unreadable font file is reported with its path", "[pdf]") {
  Sample s = sample_pages({open_face(kNotoSerif, "Noto Serif CJK SC")}, 100);
  s.pages.fonts[0].path = "/nonexistent/font.ttc";
  try {
    pdf::write_pdf(s.pages, fixed_options());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "pdf.font");
    CHECK(e.diagnostic().file == "/nonexistent/font.ttc");
    CHECK_FALSE(e.diagnostic().hint.empty());
  }
}

TEST_CASE("pdf writer: a heading of 40000 characters is a plain error naming it", "[pdf]") {
  Sample s = sample_pages({open_face(kNotoSerif, "Noto Serif CJK SC")}, 200);
  REQUIRE(!s.pages.outline.empty());
  std::string huge;
  for (int i = 0; i < 40000; ++i) huge += "党";
  s.pages.outline.front().title = huge;
  try {
    pdf::write_pdf(s.pages, fixed_options());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "pdf.text_too_long");
    CHECK(e.diagnostic().message.find("the heading '党党党") != std::string::npos);
    CHECK(e.diagnostic().message.find("40000 characters") != std::string::npos);
    CHECK(e.diagnostic().message.find("libharu") == std::string::npos);
    CHECK_FALSE(e.diagnostic().hint.empty());
  }
}
