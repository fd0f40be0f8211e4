// Numbers in content streams (pdf/content.h) and stream encoding: every stream of a compressed
// PDF carries /Filter /FlateDecode, none of an uncompressed one does.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "page_builder.h"
#include "pdf/content.h"
#include "pdf/pdf.h"

using namespace ptbrief;

TEST_CASE("pdf content: numbers are fixed notation with at most three decimals", "[pdf]") {
  CHECK(pdf::pdf_number(0) == "0");
  CHECK(pdf::pdf_number(-0.0) == "0");
  CHECK(pdf::pdf_number(0.0004) == "0");
  CHECK(pdf::pdf_number(-0.0004) == "0");
  CHECK(pdf::pdf_number(0.0005) == "0.001");
  CHECK(pdf::pdf_number(12) == "12");
  CHECK(pdf::pdf_number(-12) == "-12");
  CHECK(pdf::pdf_number(10.5) == "10.5");
  CHECK(pdf::pdf_number(0.05) == "0.05");
  CHECK(pdf::pdf_number(-0.25) == "-0.25");
  CHECK(pdf::pdf_number(841.8898) == "841.89");
  CHECK(pdf::pdf_number(51.0236) == "51.024");
  CHECK(pdf::pdf_number(108.87) == "108.87");
  CHECK(pdf::pdf_number(-228.23) == "-228.23");
  CHECK(pdf::pdf_number(999.9996) == "1000");
  CHECK(pdf::pdf_number(1e9) == "1000000000");
  CHECK(pdf::pdf_number(2e11 + 0.5) == "200000000000.5");
  CHECK(pdf::pdf_number(-3e14) == "-300000000000000");
  CHECK(pdf::pdf_number(1e300).size() == 301);
}

TEST_CASE("pdf writer: compressed PDFs flate every stream, uncompressed ones none", "[pdf]") {
  pdftest::Sample s =
      pdftest::sample_pages({pdftest::open_face(pdftest::kNotoSerif, "Noto Serif CJK SC")});
  pdf::PdfOptions o;
  o.source_date_epoch = 0;
  std::string packed = pdf::write_pdf(s.pages, o);
  o.compress = false;
  std::string plain = pdf::write_pdf(s.pages, o);

  auto count = [](const std::string& text, const std::regex& re) {
    return std::distance(std::sregex_iterator(text.begin(), text.end(), re),
                         std::sregex_iterator());
  };
  std::regex stream("\nstream\r\n"), flate("/Filter /FlateDecode\n");
  auto streams = count(packed, stream);
  CHECK(streams >= 4);  // font program, ToUnicode, at least two pages
  CHECK(count(packed, flate) == streams);
  CHECK(count(plain, stream) == streams);
  CHECK(count(plain, flate) == 0);
  CHECK(packed.size() < plain.size());
  CHECK(plain.find("/FontFile3") != std::string::npos);
}

TEST_CASE("pdf content: a process colour is painted in DeviceCMYK, others in RGB", "[pdf]") {
  typeset::Page page;
  page.width = 200;
  page.height = 200;
  typeset::Color red{0.9, 0, 0.07};
  red.cmyk = std::array<double, 4>{0, 1, 1, 0};
  page.items.push_back(typeset::Stroke{10, 10, 100, 10, 1, red});
  typeset::Box box;
  box.width = box.height = 5;
  box.fill = typeset::Color{0.5, 0.5, 0.5};
  page.items.push_back(box);
  const std::string content = pdf::page_content(page, {});
  CHECK(content.find("0 1 1 0 K\n") != std::string::npos);
  CHECK(content.find("0.5 0.5 0.5 rg\n") != std::string::npos);
  CHECK(content.find("RG") == std::string::npos);
}
