// The combined meeting PDF of a real pack, checked from the outside: qpdf --check, pdftotext
// of the cover, contents and brief pages, the outline and page labels through qpdf --json.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/atomic_file.h"
#include "pack/fake_builder.h"
#include "pack/pack.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;
using nlohmann::json;

namespace {

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

/// pdftotext -layout of pages first…last (1-based).
std::string page_text(const fs::path& pdf, std::size_t first, std::size_t last) {
  return test::run_shell("pdftotext -layout -f " + std::to_string(first) + " -l " +
                         std::to_string(last) + " " + quoted(pdf) + " -")
      .out;
}

/// The text without spaces (pdftotext may space out CJK characters set on a grid).
std::string squeezed(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n') out += c;
  return out;
}

/// The document title pdfinfo reports for a brief's own PDF.
std::string title_of(const fs::path& pdf) {
  std::istringstream in(test::run_shell("pdfinfo " + quoted(pdf)).out);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("Title:", 0) == 0) return line.substr(line.find_first_not_of(' ', 6));
  return {};
}

/// The page number the contents give for `title`: the last number on its line.
long contents_number(const std::string& contents, const std::string& title) {
  std::istringstream in(contents);
  for (std::string line; std::getline(in, line);) {
    if (squeezed(line).find(squeezed(title)) == std::string::npos) continue;
    auto end = line.find_last_of("0123456789");
    if (end == std::string::npos) return -1;
    auto start = line.find_last_not_of("0123456789", end) + 1;
    return std::stol(line.substr(start, end - start + 1));
  }
  return -1;
}

}  // namespace

TEST_CASE("ptbrief pack writes a combined PDF with cover, contents, bookmarks and page labels") {
  fs::path dir = test::scratch_dir("cli-pack-combined");
  fs::copy(test::corpus_dir(), dir / "corpus");
  test::put(dir / "pack.json", R"({"name": "t", "title": "测试简报汇编", "corpus": "corpus",
    "output": "out", "layout": "briefing", "combined": true, "briefs": ["all parks", "all topics"]})");
  const std::vector<std::string> env = {"SOURCE_DATE_EPOCH=1758500000"};
  auto first = test::run_ptbrief({"pack", (dir / "pack.json").string(), "--jobs", "2"}, env);
  INFO(first.err);
  REQUIRE((first.exit_code == 0 || first.exit_code == 3));
  const fs::path pdf = dir / "out/t.pdf";
  REQUIRE(fs::exists(pdf));
  CHECK(first.out.find("combined: " + pdf.string()) != std::string::npos);
  CHECK(test::run_shell("qpdf --check " + quoted(pdf) + " >/dev/null").exit_code == 0);

  // The briefs in pack order, and their titles as their own PDFs give them.
  auto manifest = json::parse(read_file(dir / "out" / pack::kManifestName));
  std::vector<std::string> titles;
  for (const auto& e : manifest.at("expansion"))
    titles.push_back(title_of(dir / "out" / e.at("output").get<std::string>()));
  REQUIRE(titles.size() >= 10);

  // One top-level bookmark per brief, in order, each with the brief's sections below it.
  auto info = json::parse(
      test::run_shell("qpdf --json --json-key=outlines --json-key=pagelabels " + quoted(pdf)).out);
  const auto& outlines = info.at("outlines");
  REQUIRE(outlines.size() == titles.size());
  for (std::size_t i = 0; i < titles.size(); ++i) {
    INFO(titles[i]);
    CHECK(outlines[i].at("title") == titles[i]);
    CHECK(outlines[i].at("kids").size() >= 2);
  }

  // Page labels: the front matter i, ii, …, then one decimal range 1…N for the briefs.
  const auto& labels = info.at("pagelabels");
  REQUIRE(labels.size() >= 2);
  const auto& body = labels.back();
  CHECK(body.at("label").at("/S") == "/D");
  CHECK(body.at("label").at("/St") == 1);
  const std::size_t front = body.at("index").get<std::size_t>();
  REQUIRE(front >= 2);  // a cover and at least one contents page
  std::string cover_label = labels[0].at("label").at("/P").get<std::string>();
  if (cover_label.rfind("u:", 0) == 0) cover_label.erase(0, 2);  // qpdf's mark of a text string
  CHECK(cover_label == "i");

  // The cover names the pack, its date and every brief.
  std::string cover = squeezed(page_text(pdf, 1, 1));
  CHECK(cover.find("测试简报汇编") != std::string::npos);
  CHECK(cover.find("2025年9月22日") != std::string::npos);

  // The contents' page numbers are where the briefs start: their bookmark's page, and the page
  // whose text shows the title.
  std::string contents = page_text(pdf, 2, front);
  CHECK(squeezed(contents).find("目录") != std::string::npos);
  for (std::size_t i = 0; i < titles.size(); ++i) {
    INFO(titles[i]);
    long n = contents_number(contents, titles[i]);
    REQUIRE(n >= 1);
    const std::size_t page = front + static_cast<std::size_t>(n);
    CHECK(outlines[i].at("destpageposfrom1") == page);
    CHECK(squeezed(page_text(pdf, page, page)).find(squeezed(titles[i])) != std::string::npos);
    if (i > 0)
      CHECK(squeezed(page_text(pdf, page - 1, page - 1)).find(squeezed(titles[i])) ==
            std::string::npos);
  }

  // A run with nothing changed rebuilds nothing, the combined PDF included.
  auto second = test::run_ptbrief({"pack", (dir / "pack.json").string()}, env);
  CHECK(second.out.find(" 0 built") != std::string::npos);
  CHECK(second.out.find("combined:") == std::string::npos);
}
