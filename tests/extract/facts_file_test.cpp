// The facts file: what extract writes reads back to the same facts, and a hand-edited file
// with a bad field is an error at its JSON path.
#include <catch2/catch.hpp>

#include "extract/extract.h"
#include "ingest/ingest.h"

using namespace ptbrief;
using namespace ptbrief::extract;

namespace {

Facts sample_facts() {
  CollectingSink sink;
  ingest::Corpus corpus;
  const std::string text =
      "如皋高新区：党建引领园区高质量发展\n\n"
      "本报讯 如皋高新区坚持以党建引领园区发展。园区集聚企业2360家，实现营业收入11.60亿元，"
      "同比增长34.65%。如皋高新区推行“红色管家”工作机制，帮助企业解决难题560个。\n";
  corpus.articles = ingest::ingest_bytes(text, "001_rugao.txt", sink);
  return extract::extract(corpus, default_topics_file(), sink);
}

Diagnostic read_error(const std::string& json) {
  try {
    read_facts_json(json, "facts.json", nullptr);
  } catch (const Error& e) {
    return e.diagnostic();
  }
  FAIL("no error for " << json);
  return {};
}

const char* kMinimal = R"({"schema": 1,
  "articles": [{"id": "a#1", "title": "T", "file": "a.txt"}],
  "parks": [{"name": "甲高新区", "aliases": [], "kind": "park", "articles": ["a#1"]}],
  "topics": [],
  "figures": [{"park": "甲高新区", "subject": "企业", "value": 12, "unit": "家",
               "qualifier": "exact", "kind": "count", "quote": "企业12家",
               "source": {"file": "a.txt", "start": 0, "end": 9, "article": "a#1", "block": 1, "sentence": 0},
               "topics": []}]})";

std::string with(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("a facts file reads back to the facts it was written from") {
  const Facts facts = sample_facts();
  REQUIRE(!facts.figures.empty());
  FactsScope scope{"如皋高新区", ""};
  const std::string json = to_facts_json(facts, scope);
  CHECK(json.find("\"schema\": 1") != std::string::npos);
  FactsScope back_scope;
  const Facts back = read_facts_json(json, "facts.json", &back_scope);
  CHECK(back_scope.park == "如皋高新区");
  CHECK(to_facts_json(back, back_scope) == json);
  CHECK(dump(back) == dump(facts));
  // A value keeps its digits as written (11.60, not 11.6).
  bool kept = false;
  for (const auto& f : back.figures) kept = kept || f.value == "11.60";
  CHECK(kept);
}

TEST_CASE("a hand-edited facts file with a bad field is an error at its JSON path") {
  CHECK_NOTHROW(read_facts_json(kMinimal, "facts.json", nullptr));
  auto d = read_error(with(kMinimal, "\"qualifier\": \"exact\"", "\"qualifier\": \"roughly\""));
  CHECK(d.code == "facts.invalid");
  CHECK(d.json_path == "$.figures[0].qualifier");
  CHECK(d.hint.find("exact, about, over, under") != std::string::npos);
  d = read_error(with(kMinimal, "\"value\": 12", "\"value\": \"twelve\""));
  CHECK(d.json_path == "$.figures[0].value");
  d = read_error(with(kMinimal, "\"park\": \"甲高新区\", \"subject\"", "\"park\": \"乙高新区\", \"subject\""));
  CHECK(d.json_path == "$.figures[0].park");
  CHECK(d.message == "park '乙高新区' is not in $.parks");
  d = read_error(with(kMinimal, "\"article\": \"a#1\"", "\"article\": \"b#1\""));
  CHECK(d.json_path == "$.figures[0].source.article");
  d = read_error(with(kMinimal, "\"start\": 0", "\"start\": -4"));
  CHECK(d.json_path == "$.figures[0].source.start");
  d = read_error(with(kMinimal, "\"schema\": 1", "\"schema\": 2"));
  CHECK(d.json_path == "$.schema");
  CHECK(d.hint.find("newer") != std::string::npos);
  d = read_error(with(kMinimal, "\"unit\": \"家\"", "\"unit\": \"家\", \"colour\": 1"));
  CHECK(d.json_path == "$.figures[0].colour");
  d = read_error(with(kMinimal, "\"schema\": 1,", "\"schema\": 1"));
  CHECK(d.code == "facts.json_syntax");
  CHECK(d.line == 2);
}

TEST_CASE("a facts file lists regions apart from parks, and reads either shape back") {
  const std::string region =
      R"({"name": "甲市", "aliases": [], "kind": "region", "articles": ["a#1"]})";
  std::string regions_list = R"("regions": [)";
  regions_list += region;
  regions_list += "],\n  \"topics\": [],";
  // Written: the region under "regions", never among the parks (a reader counting parks).
  const Facts read =
      read_facts_json(with(kMinimal, R"("topics": [],)", regions_list), "facts.json", nullptr);
  REQUIRE(read.parks.size() == 2);
  CHECK_FALSE(read.parks[0].is_region);
  CHECK(read.parks[1].is_region);
  const std::string json = to_facts_json(read, {});
  const auto regions = json.find("\"regions\"");
  REQUIRE(regions != std::string::npos);
  CHECK(json.find("甲市") > regions);
  CHECK(json.find("甲市") < json.find("\"topics\""));
  // An older file with the region among the parks ("kind": "region") reads the same.
  const std::string park_end = R"("kind": "park", "articles": ["a#1"]})";
  std::string both = park_end;
  both += ", ";
  both += region;
  const Facts old = read_facts_json(with(kMinimal, park_end, both), "facts.json", nullptr);
  REQUIRE(old.parks.size() == 2);
  CHECK(old.parks[1].is_region);
  CHECK(to_facts_json(old, {}) == json);
}
