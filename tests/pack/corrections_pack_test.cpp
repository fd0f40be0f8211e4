// Corrections through `ptbrief make` and `ptbrief pack` with the real pipeline, on made-up
// articles: drop, fix, add and merge each reach the PDF, a pack rebuilds exactly the briefs a
// changed correction touches, a stale entry warns with its JSON path, and one bad article is a
// warning while the other briefs build.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
#include "pack/fake_builder.h"
#include "pack/pack.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

const char* kRugao =
    "如皋高新区：党建引领园区高质量发展\n\n"
    "本报讯 如皋高新区坚持以党建引领园区发展。截至目前，园区集聚企业2360家，新建非公企业党组织120个，发展党员426名。\n"
    "如皋高新区推行“红色管家”工作机制，组建党建服务专员队伍38支，帮助企业解决难题560个。\n";
const char* kHaimen =
    "海门经开区：把支部建在产业链上\n\n"
    "本报讯 海门经开区把党组织建在产业链上，园区现有规上企业318家，组建产业链党委6个。\n"
    "海门经开区打造“链上先锋”党建品牌，吸纳企业党员1200余名，开展联合攻关项目45项。\n";

/// A scratch folder with two made-up articles and a pack of all their parks.
fs::path make_pack(const std::string& name) {
  const fs::path dir = test::scratch_dir("corrections-pack-" + name);
  fs::create_directories(dir / "corpus");
  test::put(dir / "corpus" / "001_rugao.txt", kRugao);
  test::put(dir / "corpus" / "002_haimen.txt", kHaimen);
  test::put(dir / "pack.json", R"({"name": "t", "corpus": "corpus", "output": "out",
    "layout": "briefing", "briefs": ["all parks"]})");
  return dir;
}

test::RunResult pack_run(const fs::path& dir) {
  return test::run_ptbrief({"pack", (dir / "pack.json").string()}, {"SOURCE_DATE_EPOCH=1758499200"});
}

void correct(const fs::path& dir, const std::string& json) {
  test::put(dir / "corpus" / "corrections.json", json);
}

/// The text of a PDF (pdftotext), without spaces and line breaks.
std::string pdf_text(const fs::path& pdf) {
  auto r = test::run_shell("pdftotext -enc UTF-8 '" + pdf.string() + "' -");
  REQUIRE(r.exit_code == 0);
  std::string s;
  for (char c : r.out)
    if (c != ' ' && c != '\n' && c != '\f') s += c;
  return s;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// "pack t: 1 built, 1 up to date, …" → whether it says `built` built and `up` up to date.
bool summary_says(const test::RunResult& r, int built, int up) {
  return has(r.out, "pack t: " + std::to_string(built) + " built, " + std::to_string(up) + " up to date");
}

}  // namespace

TEST_CASE("drop, fix and add each reach the park's PDF, and the pack rebuilds only that brief") {
  const fs::path dir = make_pack("each");
  auto r = pack_run(dir);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(summary_says(r, 2, 0));
  const fs::path rugao = dir / "out" / "如皋高新区.pdf", haimen = dir / "out" / "海门经开区.pdf";
  REQUIRE(has(pdf_text(rugao), "426名"));
  const std::string haimen_before = read_file(haimen);

  // drop: the figure leaves 如皋高新区's brief; 海门经开区's is not rebuilt.
  correct(dir, R"({"drop": [{"file": "001_rugao.txt", "quote": "426名"}]})");
  r = pack_run(dir);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(summary_says(r, 1, 1));
  CHECK(!has(pdf_text(rugao), "426名"));
  CHECK(read_file(haimen) == haimen_before);

  // fix: the value printed changes.
  correct(dir, R"({"fix": [{"file": "001_rugao.txt", "quote": "426名", "set": {"value": 462}}]})");
  r = pack_run(dir);
  CHECK(summary_says(r, 1, 1));
  CHECK(has(pdf_text(rugao), "462名"));
  CHECK(!has(pdf_text(rugao), "426名"));

  // add: a figure the extractor missed, citing its quote; the fix stays, so only 海门经开区's
  // brief rebuilds.
  const std::string rugao_fixed = read_file(rugao);
  correct(dir, R"({"fix": [{"file": "001_rugao.txt", "quote": "426名", "set": {"value": 462}}],
                   "add": [{"type": "figure", "file": "002_haimen.txt", "quote": "联合攻关项目45项",
                            "park": "海门经开区", "subject": "联合攻关", "value": 45, "unit": "项"}]})");
  r = pack_run(dir);
  INFO(r.out << r.err);
  CHECK(summary_says(r, 1, 1));
  CHECK(has(pdf_text(haimen), "联合攻关"));
  CHECK(read_file(rugao) == rugao_fixed);

  // Unchanged corrections: nothing rebuilds.
  r = pack_run(dir);
  CHECK(summary_says(r, 0, 2));

  // make reads the same corrections: its PDFs are the pack's, byte for byte.
  for (const fs::path& pdf : {rugao, haimen}) {
    const fs::path made = dir / ("made-" + pdf.filename().string());
    r = test::run_ptbrief({"make", "--corpus", (dir / "corpus").string(), "--park",
                           pdf.stem().string(), "-o", made.string()},
                          {"SOURCE_DATE_EPOCH=1758499200"});
    CHECK(r.exit_code == 0);
    CHECK(read_file(made) == read_file(pdf));
  }
}

TEST_CASE("merge makes one brief of two parks in make and pack") {
  const fs::path dir = make_pack("merge");
  REQUIRE(pack_run(dir).exit_code == 0);
  correct(dir, R"({"parks": [{"name": "如皋高新区", "merge": ["海门经开区"]}]})");
  auto r = pack_run(dir);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "removed 海门经开区.pdf"));
  CHECK(!fs::exists(dir / "out" / "海门经开区.pdf"));
  const std::string text = pdf_text(dir / "out" / "如皋高新区.pdf");
  CHECK(has(text, "318家"));
  CHECK(has(text, "2360家"));

  // make reads the same corrections file, and the merged name still finds the park.
  r = test::run_ptbrief({"make", "--corpus", (dir / "corpus").string(), "--park", "海门经开区", "-o",
                         (dir / "m.pdf").string()},
                        {"SOURCE_DATE_EPOCH=1758499200"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(read_file(dir / "m.pdf") == read_file(dir / "out" / "如皋高新区.pdf"));
}

TEST_CASE("a stale correction warns with its JSON path in pack, make, list, extract and review") {
  const fs::path dir = make_pack("stale");
  correct(dir, "{\"drop\": [\n  {\"file\": \"001_rugao.txt\", \"quote\": \"999份\"}]}");
  const std::string want = "corrections.json:2:3: warning: at $.drop[0]: matches nothing in 001_rugao.txt";
  auto r = pack_run(dir);
  CHECK(r.exit_code == 3);
  CHECK(has(r.err, want));
  const std::string corpus = (dir / "corpus").string();
  for (std::vector<std::string> args :
       {std::vector<std::string>{"make", "--park", "如皋高新区", "-o", (dir / "x.pdf").string()},
        {"list", "parks"}, {"extract"}, {"review", "--park", "如皋高新区"}}) {
    args.insert(args.begin() + 1, {"--corpus", corpus});
    r = test::run_ptbrief(args);
    INFO(args[0]);
    CHECK(r.exit_code == 3);
    CHECK(has(r.err, want));
  }
}

TEST_CASE("a corrections file given on the command line is used instead of the corpus folder's") {
  const fs::path dir = make_pack("option");
  correct(dir, R"({"drop": [{"file": "001_rugao.txt", "quote": "999份"}]})");  // would warn
  test::put(dir / "mine.json", R"({"drop": [{"file": "001_rugao.txt", "quote": "426名"}]})");
  auto r = test::run_ptbrief({"review", "--corpus", (dir / "corpus").string(), "--corrections",
                              (dir / "mine.json").string(), "--park", "如皋高新区", "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const auto review = nlohmann::json::parse(r.out);  // named: a range-for over a temporary's member dangles
  for (const auto& f : review.at("figures")) CHECK(f.at("value") != "426");
  CHECK(has(r.out, "\"value\": \"2360\""));
  r = test::run_ptbrief({"list", "parks", "--corpus", (dir / "corpus").string(), "--corrections",
                         (dir / "none.json").string()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "none.json' does not exist"));
}

TEST_CASE("review lists each printed figure with its sentence, the number marked, and its correction") {
  const fs::path dir = make_pack("review");
  correct(dir, R"({"fix": [{"file": "001_rugao.txt", "quote": "2360家", "set": {"qualifier": "over"}}]})");
  auto r = test::run_ptbrief({"review", "--corpus", (dir / "corpus").string(), "--park", "如皋高新区"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "园区集聚企业【2360家】"));
  CHECK(has(r.out, "corrected by  corrections.json $.fix[0]"));
  CHECK(has(r.out, "001_rugao.txt:"));
  r = test::run_ptbrief({"review", "--corpus", (dir / "corpus").string(), "--park", "如皋高新区",
                         "--format", "json"});
  auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& f : j.at("figures"))
    if (f.at("value") == "2360") {
      found = true;
      CHECK(f.at("printed") == "超2360家");
      CHECK(f.at("park") == "如皋高新区");
      CHECK(f.at("corrections").at(0) == "corrections.json $.fix[0]");
      const std::string sentence = f.at("sentence");
      const std::size_t a = f.at("mark").at(0), b = f.at("mark").at(1);
      CHECK(sentence.substr(a, b - a) == "2360家");
    }
  CHECK(found);
  // The summary sentences the brief quotes are listed too, each with its source.
  REQUIRE(!j.at("summaries").empty());
  for (const auto& m : j.at("summaries")) {
    CHECK(m.at("park") == "如皋高新区");
    CHECK(m.at("source").at("file") == "001_rugao.txt");
    CHECK(!m.at("text").get<std::string>().empty());
  }
  // In Chinese for staff: the labels come from po/zh_CN.po, aligned in one column.
  r = test::run_ptbrief({"review", "--corpus", (dir / "corpus").string(), "--park", "如皋高新区"},
                        {"LC_ALL=zh_CN.UTF-8"});
  INFO(r.out);
  CHECK(has(r.out, "    原句  截至目前，园区集聚企业【2360家】"));
  CHECK(has(r.out, "    修正  corrections.json $.fix[0]"));
  CHECK(has(r.out, "摘要 1"));
}

TEST_CASE("a pack with an undecodable article warns naming it and builds the other briefs") {
  const fs::path dir = make_pack("bad-article");
  test::put(dir / "corpus" / "003_broken.txt", std::string("如皋\0\x01\x02", 9));
  auto r = pack_run(dir);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 3);
  CHECK(has(r.err, "003_broken.txt"));
  CHECK(has(r.err, "warning: left out of the corpus"));
  CHECK(fs::exists(dir / "out" / "如皋高新区.pdf"));
  CHECK(fs::exists(dir / "out" / "海门经开区.pdf"));
  // One summary line at the end, with the warning counted.
  CHECK(has(r.out, "pack t: 2 built, 0 up to date, 0 failed, 1 warning"));
  // make still refuses the corpus: a single brief from a broken corpus is an error.
  r = test::run_ptbrief({"make", "--corpus", (dir / "corpus").string(), "--park", "如皋高新区", "-o",
                         (dir / "x.pdf").string()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "003_broken.txt"));
}
