// Extraction on the shared corpus: quality bars measured by the shared scorer against gold,
// source spans that really hold their quotes, the CLI's filters and errors.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "extract/text.h"
#include "support/test_support.h"

using namespace ptbrief;

namespace {

// Text as compared for quotes: normalised characters, one quote mark, no whitespace.
std::u32string comparable(const std::string& utf8) {
  std::u32string out;
  for (char32_t c : extract::to_u32(utf8)) {
    if (c == U' ' || c == U'\n' || c == U'\r' || c == U'\t' || c == U'\u3000') continue;
    char32_t n = extract::normalize_char(c);
    if (n == U'“' || n == U'”' || n == U'‘' || n == U'’' || n == U'"' || n == U'\'') n = U'"';
    out += n;
  }
  return out;
}

const test::RunResult& corpus_json() {
  static test::RunResult r = test::run_ptbrief({"extract", "--corpus", test::corpus_dir().string()});
  return r;
}

double metric(const std::string& text, const std::string& pattern) {
  std::smatch m;
  REQUIRE(std::regex_search(text, m, std::regex(pattern)));
  return std::stod(m[1].str());
}

// The shared scorer's report on `extract`'s output against the gold files in `gold`.
std::string score(const test::RunResult& extracted, const std::string& scratch,
                  const std::string& gold) {
  REQUIRE((extracted.exit_code == 0 || extracted.exit_code == 3));
  auto out = test::scratch_dir(scratch) / "facts.json";
  std::ofstream(out) << extracted.out;
  auto r = test::run_shell("python3 " +
                           (test::corpus_dir().parent_path() / "tools" / "score_extraction.py")
                               .string() +
                           " " + out.string() + " " + gold);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("the scorer's bars hold on the whole corpus") {
  const std::string report = score(corpus_json(), "extract_score", test::gold_dir().string());
  INFO(report);
  CHECK(metric(report, R"(figures: P=([0-9.]+))") >= 0.98);
  CHECK(metric(report, R"(figures: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.98);
  CHECK(metric(report, R"(practices: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.85);
  CHECK(metric(report, R"(parks: P=[0-9.]+ R=([0-9.]+))") >= 1.0);
  CHECK(metric(report, R"(qualifier accuracy: ([0-9.]+))") >= 0.95);
  CHECK(metric(report, R"(subject char-F1: ([0-9.]+))") >= 0.70);
}

TEST_CASE("every figure's source range, read from the raw file and cleaned, contains its quote") {
  auto j = nlohmann::json::parse(corpus_json().out);
  REQUIRE(!j["figures"].empty());
  for (const auto& f : j["figures"]) {
    std::string raw = test::slurp(test::corpus_dir() / f["source"]["file"].get<std::string>());
    std::size_t start = f["source"]["start"], end = f["source"]["end"];
    REQUIRE(start < end);
    REQUIRE(end <= raw.size());
    INFO(f.dump());
    CHECK(comparable(raw.substr(start, end - start)).find(comparable(f["quote"])) !=
          std::u32string::npos);
  }
}

TEST_CASE("extract --park accepts the long form and keeps only that park") {
  auto r = test::run_ptbrief({"extract", "--corpus", test::corpus_dir().string(), "--park",
                              "大庆高新技术产业开发区"});
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(!j["figures"].empty());
  for (const auto& f : j["figures"]) CHECK(f["park"] == "大庆高新区");
}

TEST_CASE("extract --topic keeps the topic's facts across parks") {
  auto r = test::run_ptbrief({"extract", "--corpus", test::corpus_dir().string(), "--topic",
                              "组织覆盖", "--format", "table"});
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  CHECK(r.out.find("figures (") != std::string::npos);
  CHECK(r.out.find("覆盖率") != std::string::npos);
}

TEST_CASE("an unknown park is an error that suggests the closest names") {
  auto r = test::run_ptbrief({"extract", "--corpus", test::corpus_dir().string(), "--park", "大庆经开区"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown park '大庆经开区'") != std::string::npos);
  CHECK(r.err.find("did you mean 大庆高新区") != std::string::npos);
}

TEST_CASE("an unknown topic is an error that suggests the closest names") {
  auto r = test::run_ptbrief({"extract", "--corpus", test::corpus_dir().string(), "--topic", "组织复盖"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("did you mean 组织覆盖") != std::string::npos);
}

// The generalisation set: made-up articles in the shapes real ones take (tests/extract/README.md),
// written apart from the rules and scored by the shared scorer against their own gold.
namespace {

const test::RunResult& articles_json() {
  static test::RunResult r = test::run_ptbrief({"extract", "--corpus", "tests/extract/articles"});
  return r;
}

}  // namespace

TEST_CASE("the scorer's bars hold on the made-up generalisation set") {
  const std::string report =
      score(articles_json(), "extract_articles_score", "tests/extract/articles/gold");
  INFO(report);
  CHECK(metric(report, R"(figures: P=([0-9.]+))") >= 0.98);
  CHECK(metric(report, R"(figures: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.98);
  CHECK(metric(report, R"(parks: P=[0-9.]+ R=([0-9.]+))") >= 1.0);
  CHECK(metric(report, R"(practices: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.88);
  CHECK(metric(report, R"(qualifier accuracy: ([0-9.]+))") >= 0.95);
}

TEST_CASE("the made-up set's gold files pass the shared gold checker") {
  auto check = test::run_shell("python3 " + (test::corpus_dir().parent_path() / "tools" /
                                             "check_gold.py").string() +
                               " tests/extract/articles/gold tests/extract/articles");
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

// The blind set: made-up articles written and scored before the extractor was changed for
// them (tests/extract/README.md, "Blind set"), in shapes the generalisation set lacks: full
// official names only, 国家级/省级, 党工委/管委会, parks named after a feature, lists, headline-only
// parks, several articles per file, WeChat and web debris, traditional characters.
namespace {

const test::RunResult& blind_json() {
  static test::RunResult r = test::run_ptbrief({"extract", "--corpus", "tests/extract/blind"});
  return r;
}

// tests/extract/park_recall.py's per-file park recall and precision of `extracted`.
std::string park_recall(const test::RunResult& extracted, const std::string& scratch,
                        const std::string& gold) {
  REQUIRE((extracted.exit_code == 0 || extracted.exit_code == 3));
  auto out = test::scratch_dir(scratch) / "facts.json";
  std::ofstream(out) << extracted.out;
  auto scorer = test::corpus_dir().parent_path() / "tools" / "score_extraction.py";
  auto r = test::run_shell("PTBRIEF_SCORER=" + scorer.string() +
                           " python3 tests/extract/park_recall.py " + out.string() + " " + gold);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("the scorer's bars hold on the blind set") {
  const std::string report = score(blind_json(), "extract_blind_score", "tests/extract/blind/gold");
  INFO(report);
  CHECK(metric(report, R"(figures: P=([0-9.]+))") >= 0.99);
  CHECK(metric(report, R"(figures: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.99);
  CHECK(metric(report, R"(parks: P=[0-9.]+ R=([0-9.]+))") >= 0.97);
  CHECK(metric(report, R"(practices: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.85);
  CHECK(metric(report, R"(qualifier accuracy: ([0-9.]+))") >= 0.95);
}

TEST_CASE("parks are found in the file that names them (blind and made-up sets)") {
  // The scorer counts parks over a whole set; a park found in one file but missed in another,
  // or a junk name in one file, shows only per file.
  const std::string blind = park_recall(blind_json(), "extract_blind_parks", "tests/extract/blind/gold");
  INFO(blind);
  CHECK(metric(blind, R"(per-file parks: R=([0-9.]+))") >= 0.97);
  CHECK(metric(blind, R"(per-file parks: R=[0-9.]+ P=([0-9.]+))") >= 0.98);
  const std::string made_up =
      park_recall(articles_json(), "extract_articles_parks", "tests/extract/articles/gold");
  INFO(made_up);
  CHECK(metric(made_up, R"(per-file parks: R=([0-9.]+))") >= 0.97);
  CHECK(metric(made_up, R"(per-file parks: R=[0-9.]+ P=([0-9.]+))") >= 0.98);
}

TEST_CASE("the blind set's gold files pass the shared gold checker") {
  auto check = test::run_shell("python3 " + (test::corpus_dir().parent_path() / "tools" /
                                             "check_gold.py").string() +
                               " tests/extract/blind/gold tests/extract/blind");
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

// Blind set 2 (tests/extract/README.md, "Blind set 2"): county and compound names, province
// and 兵团 prefixes, an e-paper page that says only 高新区, a city report with 全市 and a 分别
// list over parks, partner parks after 与. Bars just below what the extractor reaches.
namespace {

const test::RunResult& blind2_json() {
  static test::RunResult r = test::run_ptbrief({"extract", "--corpus", "tests/extract/blind2"});
  return r;
}

}  // namespace

TEST_CASE("the scorer's bars hold on blind set 2") {
  const std::string report =
      score(blind2_json(), "extract_blind2_score", "tests/extract/blind2/gold");
  INFO(report);
  CHECK(metric(report, R"(figures: P=([0-9.]+))") >= 0.97);
  CHECK(metric(report, R"(figures: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.97);
  CHECK(metric(report, R"(parks: P=[0-9.]+ R=([0-9.]+))") >= 0.97);
  CHECK(metric(report, R"(practices: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.92);
  CHECK(metric(report, R"(qualifier accuracy: ([0-9.]+))") >= 0.95);
  const std::string parks =
      park_recall(blind2_json(), "extract_blind2_parks", "tests/extract/blind2/gold");
  INFO(parks);
  CHECK(metric(parks, R"(per-file parks: R=([0-9.]+))") >= 0.97);
  CHECK(metric(parks, R"(per-file parks: R=[0-9.]+ P=([0-9.]+))") >= 0.97);
}

TEST_CASE("blind set 2's gold files pass the shared gold checker") {
  auto check = test::run_shell("python3 " + (test::corpus_dir().parent_path() / "tools" /
                                             "check_gold.py").string() +
                               " tests/extract/blind2/gold tests/extract/blind2");
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

// Blind set 3 (tests/extract/README.md, "Blind set 3"): a renamed park, a park named only in
// the headline, a park whose short name is a district, two parks in one article, a county
// 工业园 with a 全县 figure, targets and ranges, full-width digits, traditional text and one
// GB18030 file. Bars just below the first (blind) score.
namespace {

const test::RunResult& blind3_json() {
  static test::RunResult r = test::run_ptbrief({"extract", "--corpus", "tests/extract/blind3"});
  return r;
}

}  // namespace

TEST_CASE("the scorer's bars hold on blind set 3") {
  const std::string report =
      score(blind3_json(), "extract_blind3_score", "tests/extract/blind3/gold");
  INFO(report);
  CHECK(metric(report, R"(figures: P=([0-9.]+))") >= 0.98);
  CHECK(metric(report, R"(figures: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.98);
  CHECK(metric(report, R"(parks: P=[0-9.]+ R=([0-9.]+))") >= 0.99);
  CHECK(metric(report, R"(practices: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.92);
  CHECK(metric(report, R"(qualifier accuracy: ([0-9.]+))") >= 0.95);
  const std::string parks =
      park_recall(blind3_json(), "extract_blind3_parks", "tests/extract/blind3/gold");
  INFO(parks);
  CHECK(metric(parks, R"(per-file parks: R=([0-9.]+))") >= 0.99);
  CHECK(metric(parks, R"(per-file parks: R=[0-9.]+ P=([0-9.]+))") >= 0.99);
}

TEST_CASE("blind set 3's gold files pass the shared gold checker") {
  // The checker reads sources as UTF-8; d14 is GB18030 on purpose, so the check runs on a
  // UTF-8 copy of the set.
  const std::string copy = test::scratch_dir("extract_blind3_utf8").string();
  const std::string checker =
      (test::corpus_dir().parent_path() / "tools" / "check_gold.py").string();
  auto check = test::run_shell(
      "for f in tests/extract/blind3/*.txt; do o=" + copy + "/$(basename \"$f\"); "
      "if iconv -f utf-8 -t utf-8 \"$f\" >/dev/null 2>&1; then cp \"$f\" \"$o\"; "
      "else iconv -f gb18030 -t utf-8 \"$f\" >\"$o\" || exit 1; fi; done && "
      "python3 " + checker + " tests/extract/blind3/gold " + copy);
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

// Blind set 4 (tests/extract/README.md, "Blind set 4"): 14 provinces not in blind set 3, a full
// name then its alias, a park named only by its short form, three parks between 全市 figures,
// 综保区/工业集中区/新区/合作区/产业园 kinds, national and provincial parks, two articles in one
// e-paper page, GBK, full-width digits, traditional text, WeChat debris. First (blind) score on
// main 2ecd241: figures P 0.944 R 0.944 F1 0.944, parks P 0.895 R 0.944, practices F1 0.866;
// after two general naming rules (media sections, the article's own abbreviation): figures 1.000,
// parks 1.000, practices 0.925. Bars just below the current score.
namespace {

const test::RunResult& blind4_json() {
  static test::RunResult r = test::run_ptbrief({"extract", "--corpus", "tests/extract/blind4"});
  return r;
}

}  // namespace

TEST_CASE("the scorer's bars hold on blind set 4") {
  const std::string report =
      score(blind4_json(), "extract_blind4_score", "tests/extract/blind4/gold");
  INFO(report);
  CHECK(metric(report, R"(figures: P=([0-9.]+))") >= 0.99);
  CHECK(metric(report, R"(figures: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.99);
  CHECK(metric(report, R"(parks: P=[0-9.]+ R=([0-9.]+))") >= 0.99);
  CHECK(metric(report, R"(practices: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.92);
  CHECK(metric(report, R"(qualifier accuracy: ([0-9.]+))") >= 0.95);
  const std::string parks =
      park_recall(blind4_json(), "extract_blind4_parks", "tests/extract/blind4/gold");
  INFO(parks);
  CHECK(metric(parks, R"(per-file parks: R=([0-9.]+))") >= 0.99);
  CHECK(metric(parks, R"(per-file parks: R=[0-9.]+ P=([0-9.]+))") >= 0.99);
}

TEST_CASE("blind set 4's gold files pass the shared gold checker") {
  // e08 is GBK on purpose: the check runs on a UTF-8 copy of the set.
  const std::string copy = test::scratch_dir("extract_blind4_utf8").string();
  const std::string checker =
      (test::corpus_dir().parent_path() / "tools" / "check_gold.py").string();
  auto check = test::run_shell(
      "for f in tests/extract/blind4/*.txt; do o=" + copy + "/$(basename \"$f\"); "
      "if iconv -f utf-8 -t utf-8 \"$f\" >/dev/null 2>&1; then cp \"$f\" \"$o\"; "
      "else iconv -f gb18030 -t utf-8 \"$f\" >\"$o\" || exit 1; fi; done && "
      "python3 " + checker + " tests/extract/blind4/gold " + copy);
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

// Blind set 5 (tests/extract/blind5, README "Blind set 5"): 14 made-up files in the shapes real
// pages still missed — a partner with a dash (中国—东盟…), a host city in parentheses, 国际
// inside a name, province + class word + kind, 经济技术和高新技术产业开发区, list lines without
// punctuation, a park named only in the site header, a city's 产业园区 as a class, a shared type
// word after a 、 list, a PDF line break before a figure, captions with credits. First (blind)
// score on main 3021abc: figures F1 0.463, parks P 0.833 R 0.667, practices F1 0.333; after the
// general rules of branch extract5: figures 1.000, parks 1.000, practices 0.875. Bars just below.
namespace {

const test::RunResult& blind5_json() {
  static test::RunResult r = test::run_ptbrief({"extract", "--corpus", "tests/extract/blind5"});
  return r;
}

}  // namespace

TEST_CASE("the scorer's bars hold on blind set 5") {
  const std::string report =
      score(blind5_json(), "extract_blind5_score", "tests/extract/blind5/gold");
  INFO(report);
  CHECK(blind5_json().exit_code == 0);
  CHECK(metric(report, R"(figures: P=([0-9.]+))") >= 0.98);
  CHECK(metric(report, R"(figures: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.98);
  CHECK(metric(report, R"(parks: P=[0-9.]+ R=([0-9.]+))") >= 0.98);
  CHECK(metric(report, R"(practices: P=[0-9.]+ R=[0-9.]+ F1=([0-9.]+))") >= 0.85);
  CHECK(metric(report, R"(qualifier accuracy: ([0-9.]+))") >= 0.95);
  const std::string parks =
      park_recall(blind5_json(), "extract_blind5_parks", "tests/extract/blind5/gold");
  INFO(parks);
  CHECK(metric(parks, R"(per-file parks: R=([0-9.]+))") >= 0.98);
  CHECK(metric(parks, R"(per-file parks: R=[0-9.]+ P=([0-9.]+))") >= 0.98);
}

TEST_CASE("blind set 5's gold files pass the shared gold checker") {
  const std::string checker =
      (test::corpus_dir().parent_path() / "tools" / "check_gold.py").string();
  auto check = test::run_shell("python3 " + checker + " tests/extract/blind5/gold tests/extract/blind5");
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

TEST_CASE("every park listed is a park or a marked region (all sets)") {
  // A park's name ends in a park type word; a region is a division of the gazetteer.
  for (const auto* r : {&corpus_json(), &articles_json(), &blind_json(), &blind2_json(),
                         &blind3_json(), &blind4_json(), &blind5_json()}) {
    auto j = nlohmann::json::parse(r->out);
    REQUIRE(!j["parks"].empty());
    for (const auto& p : j["parks"]) {  // parks only: regions are listed apart
      std::string name = p["name"];
      INFO(name);
      CHECK(p["kind"] == "park");
      CHECK(std::regex_search(name, std::regex("(区|园|基地|新城|城)(\\(.*\\))?$")));
    }
    for (const auto& p : j["regions"]) {
      std::string name = p["name"];
      INFO(name);
      CHECK(p["kind"] == "region");
      CHECK(std::regex_search(name, std::regex("(省|市|县|区|州|盟|旗)$")));
    }
  }
}
