// `ptbrief make` options: where the PDF goes (-o FILE|DIR|-), the date, issue and layout fields
// set on the command line (--date, --issue, --set), and an empty corpus folder.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/test_support.h"

namespace fs = std::filesystem;
using ptbrief::test::run_ptbrief;
using ptbrief::test::run_shell;

namespace {

const std::string kEpoch = "SOURCE_DATE_EPOCH=1758499200";  // 2025-09-22

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// `ptbrief make --park 南通高新区` on the shared corpus with `extra` arguments.
ptbrief::test::RunResult make_park(std::vector<std::string> extra) {
  std::vector<std::string> args = {"make", "--park", "南通高新区", "--corpus",
                                    ptbrief::test::corpus_dir().string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_ptbrief(args, {kEpoch});
}

/// The text of a PDF's first page, spaces and line breaks removed.
std::string first_page_text(const fs::path& pdf) {
  std::string text = run_shell("pdftotext -enc UTF-8 -l 1 '" + pdf.string() + "' -").out;
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  return text;
}

}  // namespace

TEST_CASE("make -o DIR writes DIR/<name>.pdf and prints that path") {
  const auto dir = ptbrief::test::scratch_dir("cli_out_dir");
  auto r = make_park({"-o", dir.string()});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  CHECK(fs::exists(dir / "南通高新区.pdf"));
  CHECK(r.out == (dir / "南通高新区.pdf").string() + "\n");
  // A name ending in '/' is a folder even before it exists.
  r = make_park({"-o", (dir / "new").string() + "/", "--layout", "gongwen"});
  CHECK(fs::exists(dir / "new" / "南通高新区.gongwen.pdf"));
}

TEST_CASE("make -o - writes the PDF itself to standard output and no file") {
  const auto cwd = ptbrief::test::scratch_dir("cli_out_stdout");
  // Standard error (the notes) goes to run_shell's capture, standard output to brief.pdf.
  const auto r = run_shell("(cd '" + cwd.string() + "' && " + kEpoch + " '" PTBRIEF_BINARY
                           "' make --park 南通高新区 --corpus '" +
                           ptbrief::test::corpus_dir().string() + "' -o - > brief.pdf)");
  CHECK(r.exit_code == 0);
  CHECK_FALSE(fs::exists(cwd / "-"));
  CHECK(ptbrief::test::slurp(cwd / "brief.pdf").rfind("%PDF-", 0) == 0);
  CHECK(run_shell("qpdf --check '" + (cwd / "brief.pdf").string() + "'").exit_code == 0);
}

TEST_CASE("make --date and --issue print in the masthead, SOURCE_DATE_EPOCH is only the default") {
  const auto dir = ptbrief::test::scratch_dir("cli_date_issue");
  auto r = make_park({"-o", (dir / "a.pdf").string(), "--date", "2024-02-29", "--issue", "12"});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  const std::string text = first_page_text(dir / "a.pdf");
  CHECK(has(text, "2024年2月29日"));
  CHECK(has(text, "第12期"));
  CHECK_FALSE(has(text, "2025年9月22日"));
  CHECK_FALSE(has(text, "第1期"));
}

TEST_CASE("make --date refuses what is not a calendar date, with the form to use") {
  for (const char* bad : {"2025-02-30", "2025-13-01", "22.09.2025", "2025-9-22", ""}) {
    const auto r = make_park({"-o", "/dev/null", "--date", bad});
    INFO(bad << "\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "not a date"));
    CHECK(has(r.err, "hint: write the date as YYYY-MM-DD"));
  }
}

TEST_CASE("make --issue takes a whole number from 1") {
  for (const char* bad : {"0", "-3", "十二", "1.5", "012"}) {
    const auto r = make_park({"-o", "/dev/null", "--issue", bad});
    INFO(bad << "\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "--issue takes the issue number"));
  }
}

TEST_CASE("make --set KEY=VALUE changes layout fields, any number of them") {
  const auto dir = ptbrief::test::scratch_dir("cli_set");
  const auto r = make_park({"-o", (dir / "a.pdf").string(), "--set", "masthead.title=高新区工作动态",
                            "--set", "masthead.publisher=测试编辑部", "--set", "masthead.issue=2025"});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  const std::string text = first_page_text(dir / "a.pdf");
  CHECK(has(text, "高新区工作动态"));
  CHECK(has(text, "测试编辑部"));
  CHECK(has(text, "2025"));  // a string field stays a string, though 2025 is JSON
  CHECK_FALSE(has(text, "园区党建工作简报编辑组"));
}

TEST_CASE("make --set errors name the --set and what the layout allows") {
  auto r = make_park({"-o", "/dev/null", "--set", "masthead.titel=x"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "--set masthead.titel"));
  CHECK(has(r.err, "title"));  // did you mean
  r = make_park({"-o", "/dev/null", "--set", "leading=many"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "--set leading"));
  r = make_park({"-o", "/dev/null", "--set", "masthead"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "--set takes KEY=VALUE"));
}

TEST_CASE("an empty corpus folder is a warning (exit 3), named, with what to do") {
  const auto empty = ptbrief::test::scratch_dir("cli_empty_corpus");
  auto r = run_ptbrief({"list", "parks", "--corpus", empty.string()});
  CHECK(r.exit_code == 3);
  CHECK(r.out.empty());
  CHECK(has(r.err, empty.string()));
  CHECK(has(r.err, "no article files"));
  CHECK(has(r.err, "hint: put the articles there, or pass --corpus DIR"));
  // make has nothing to build: the warning comes first, then the error (exit 2).
  r = run_ptbrief({"make", "--park", "南通高新区", "--corpus", empty.string(), "-o", "/dev/null"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no article files") < r.err.find("unknown park"));
}

TEST_CASE("make reads defaults from ptbrief.json in the corpus folder, the command line wins") {
  const auto corpus = ptbrief::test::scratch_dir("cli_defaults_corpus");
  for (const auto& e : fs::directory_iterator(ptbrief::test::corpus_dir()))
    if (e.is_regular_file()) fs::copy_file(e.path(), corpus / e.path().filename());
  run_shell("printf '%s' '{\"layout\": \"gongwen\", \"issue\": 7, \"date\": \"2025-01-02\", "
            "\"set\": {\"masthead.publisher\": \"默认编辑部\"}}' > '" +
            (corpus / "ptbrief.json").string() + "'");
  const auto dir = ptbrief::test::scratch_dir("cli_defaults_out");
  auto r = run_ptbrief({"make", "--park", "南通高新区", "--corpus", corpus.string(), "-o",
                        dir.string()});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  std::string text = first_page_text(dir / "南通高新区.gongwen.pdf");  // the file's layout
  CHECK(has(text, "第7期"));
  CHECK(has(text, "2025年1月2日"));
  CHECK(has(text, "默认编辑部"));
  r = run_ptbrief({"make", "--park", "南通高新区", "--corpus", corpus.string(), "-o",
                   (dir / "cli.pdf").string(), "--layout", "briefing", "--issue", "8", "--set",
                   "masthead.publisher=命令行编辑部"});
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  text = first_page_text(dir / "cli.pdf");
  CHECK(has(text, "第8期"));
  CHECK(has(text, "命令行编辑部"));
  CHECK(has(text, "2025年1月2日"));  // not given on the command line: still the file's
}

TEST_CASE("a wrong key in ptbrief.json names the file, the JSON path and the allowed keys") {
  const auto corpus = ptbrief::test::scratch_dir("cli_defaults_bad");
  run_shell("printf '%s' '{\"isue\": 7}' > '" + (corpus / "ptbrief.json").string() + "'");
  const auto r = run_ptbrief({"make", "--park", "南通高新区", "--corpus", corpus.string()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, (corpus / "ptbrief.json").string() + ": error: at $.isue: unknown key 'isue'"));
  CHECK(has(r.err, "hint: did you mean 'issue'? allowed keys: layout, issue, date, set"));
}

TEST_CASE("make --font-dir and PTBRIEF_FONT_DIRS: the gongwen stand-ins are named once, a "
          "missing folder is an error") {
  const auto dir = ptbrief::test::scratch_dir("cli_font_dir");
  fs::create_directories(dir / "fonts");
  auto r = make_park({"-o", dir.string(), "--layout", "gongwen", "--font-dir",
                      (dir / "fonts").string()});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  const auto note = r.err.find("first-choice fonts not installed");
  REQUIRE(note != std::string::npos);
  CHECK(r.err.find("first-choice fonts not installed", note + 1) == std::string::npos);
  CHECK(has(r.err, "方正小标宋简体 → Noto Serif CJK SC Bold (role title)"));
  CHECK(has(r.err, "仿宋_GB2312 → AR PL SungtiL GB Regular (role fangsong)"));
  CHECK(has(r.err, "--font-dir"));

  r = make_park({"-o", dir.string(), "--font-dir", (dir / "no such fonts").string()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "no such fonts"));
  CHECK_FALSE(fs::exists(dir / "南通高新区.pdf"));
  r = run_ptbrief({"make", "--park", "南通高新区", "--corpus", ptbrief::test::corpus_dir().string(),
                   "-o", dir.string()},
                  {kEpoch, "PTBRIEF_FONT_DIRS=" + (dir / "gone").string()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "PTBRIEF_FONT_DIRS"));
}
