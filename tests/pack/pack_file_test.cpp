// Pack files: what a valid one means, and errors that name the file, JSON path and the fix.
#include <catch2/catch.hpp>
#include <functional>
#include <string>

#include "pack/fake_builder.h"
#include "pack/pack.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

Diagnostic error_of(const std::string& json) {
  // A folder per pack text: ctest runs the cases that call this in parallel, and scratch_dir
  // empties the folder it names.
  auto dir = test::scratch_dir("pack-file-errors-" + std::to_string(std::hash<std::string>{}(json)));
  test::put(dir / "p.json", json);
  try {
    pack::load_pack(dir / "p.json");
  } catch (const Error& e) {
    return e.diagnostic();
  }
  FAIL("no error for " << json);
  return {};
}

}  // namespace

TEST_CASE("a pack file resolves its paths against its own folder") {
  auto dir = test::scratch_dir("pack-file-ok");
  test::put(dir / "p.json", R"({"name": "n", "corpus": "c", "output": "out/n", "layout": "gongwen",
    "briefs": ["all parks", {"topic": "产业链党建"}, {"park": "南通高新区", "layout": "x/l.json"}],
    "combined": "n.pdf", "title": "会议材料"})");
  auto p = pack::load_pack(dir / "p.json");
  CHECK(p.name == "n");
  CHECK(p.corpus == (dir / "c").lexically_normal());
  CHECK(p.output == (dir / "out/n").lexically_normal());
  CHECK(p.layout == "gongwen");
  REQUIRE(p.briefs.size() == 3);
  CHECK(p.briefs[0].kind == pack::BriefSelector::Kind::AllParks);
  CHECK(p.briefs[1].kind == pack::BriefSelector::Kind::Topic);
  CHECK(p.briefs[1].name == "产业链党建");
  CHECK(p.briefs[2].layout == (dir / "x/l.json").string());
  CHECK(p.combined == "n.pdf");
  CHECK(p.title == "会议材料");
}

TEST_CASE("pack file errors name the JSON path and say what to write") {
  auto d = error_of(R"({"name": "n", "output": "o", "layout": "l", "briefs": ["every park"]})");
  CHECK(d.json_path == "$.briefs[0]");
  CHECK(d.message.find("every park") != std::string::npos);
  CHECK(d.hint.find("\"all parks\"") != std::string::npos);
  CHECK(d.file.find("p.json") != std::string::npos);

  d = error_of(R"({"name": "n", "output": "o", "layout": "l", "briefs": [{"park": "a", "topic": "b"}]})");
  CHECK(d.json_path == "$.briefs[0]");
  d = error_of(R"({"name": "n", "output": "o", "briefs": ["all parks"]})");
  CHECK(d.json_path == "$");
  CHECK(d.message.find("\"layout\"") != std::string::npos);
  d = error_of(R"({"name": "n", "output": "o", "layout": "l", "briefs": [], "colour": 1})");
  CHECK(d.json_path == "$.colour");
  CHECK(d.hint.find("allowed here") != std::string::npos);
  d = error_of(R"({"name": "n", "output": "o", "layout": "l", "briefs": []})");
  CHECK(d.json_path == "$.briefs");
  d = error_of(R"({"name": "n", "output": "o", "layout": "l", "briefs": [{"park": "../x"}]})");
  CHECK(d.json_path == "$.briefs[0].park");
  d = error_of("{\"name\": \"n\",\n  \"output\": }");
  CHECK(d.code == "pack.syntax");
  CHECK(d.line == 2);
}

TEST_CASE("the shipped pack 'all' holds every park and topic, written under briefs/out/all") {
  auto p = pack::load_pack(pack::find_pack("all"));
  CHECK(p.name == "all");
  CHECK(p.output.filename() == "all");
  CHECK(p.output.parent_path().filename() == "out");
  REQUIRE(p.briefs.size() == 2);
  CHECK(p.briefs[0].kind == pack::BriefSelector::Kind::AllParks);
  CHECK(p.briefs[1].kind == pack::BriefSelector::Kind::AllTopics);
  CHECK(p.combined == "all.pdf");
}

TEST_CASE("\"combined\" is true (named after the pack), false, or a PDF file name") {
  auto dir = test::scratch_dir("pack-file-combined");
  auto combined = [&](const std::string& value) {
    test::put(dir / "p.json", R"({"name": "n", "output": "o", "layout": "l", "briefs": ["all parks"],
      "combined": )" + value + "}");
    return pack::load_pack(dir / "p.json").combined;
  };
  CHECK(combined("true") == "n.pdf");
  CHECK(combined("false").empty());
  CHECK(combined(R"("meeting.pdf")") == "meeting.pdf");
  auto d = error_of(R"({"name": "n", "output": "o", "layout": "l", "briefs": ["all parks"],
    "combined": 1})");
  CHECK(d.json_path == "$.combined");
  CHECK(d.hint.find("\"combined\": true") != std::string::npos);
  d = error_of(R"({"name": "n", "output": "o", "layout": "l", "briefs": ["all parks"],
    "combined": "meeting.txt"})");
  CHECK(d.json_path == "$.combined");
}

TEST_CASE("an unknown pack name lists the packs that exist") {
  try {
    pack::find_pack("no-such-pack");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "pack.not_found");
    CHECK(e.diagnostic().hint.find("all") != std::string::npos);
  }
}
