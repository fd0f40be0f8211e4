// Tests of park resolution and sentence attribution on a small article written for the purpose.
#include <catch2/catch.hpp>

#include "extract/extract.h"
#include "ingest/ingest.h"

using namespace ptbrief;

namespace {

ingest::Block block(ingest::BlockType type, const std::string& text) {
  ingest::Block b;
  b.type = type;
  b.text = text;
  return b;
}

ingest::Corpus article(std::vector<ingest::Block> blocks, const std::string& title) {
  ingest::Corpus c;
  ingest::Article a;
  a.id = "t#1";
  a.file = "t.txt";
  a.title = title;
  a.blocks = std::move(blocks);
  c.articles.push_back(std::move(a));
  return c;
}

extract::Facts run(const ingest::Corpus& c) {
  CollectingSink sink;
  return extract::extract(c, extract::default_topics_file(), sink);
}

}  // namespace

TEST_CASE("a declared short name becomes the canonical park and bare references follow it") {
  auto facts = run(article(
      {block(ingest::BlockType::Paragraph,
             "江东国家高新技术产业开发区（以下简称江东高新区）党工委大力推进党建工作。高新区已建立党组织42个。"),
       block(ingest::BlockType::Paragraph, "江东高新区累计走访企业300余家，解决问题56个。")},
      "江东高新区党建观察"));
  REQUIRE(facts.figures.size() == 3);
  for (const auto& f : facts.figures) CHECK(f.park == "江东高新区");
  const auto* p = extract::find_park(facts, "江东高新技术产业开发区");
  REQUIRE(p != nullptr);
  CHECK(p->name == "江东高新区");
}

TEST_CASE("section headings name parks, city-wide statements go to the city") {
  auto facts = run(article(
      {block(ingest::BlockType::Paragraph, "临江市各开发区积极探索党建引领发展。目前全市共有两新党组织560个。"),
       block(ingest::BlockType::Heading, "北湖经开区：党建联盟强链条"),
       block(ingest::BlockType::Paragraph, "园区组建产业党建联盟8个，服务企业120家。"),
       block(ingest::BlockType::Heading, "南岭经开区：先锋引领促发展"),
       block(ingest::BlockType::Paragraph, "南岭经开区培育党建示范点12个。园区还选派指导员30名。")},
      "临江市开发区党建综述"));
  REQUIRE(facts.figures.size() == 5);
  CHECK(facts.figures[0].park == "临江市");
  CHECK(facts.figures[1].park == "北湖经开区");
  CHECK(facts.figures[2].park == "北湖经开区");
  CHECK(facts.figures[3].park == "南岭经开区");
  CHECK(facts.figures[4].park == "南岭经开区");
}

TEST_CASE("unknown names get did-you-mean suggestions") {
  auto close = extract::closest_names("北湖高新区", {"南岭经开区", "北湖经开区", "临江市"}, 1);
  REQUIRE(close.size() == 1);
  CHECK(close[0] == "北湖经开区");
}

TEST_CASE("a city named only as a comparison does not take the park's figure") {
  auto facts = run(article(
      {block(ingest::BlockType::Paragraph,
             "西湾高新区坚持党建引领。今年以来，园区实现规上工业总产值120.5亿元，高于全市平均水平3.2个百分点。"
             "全市非公企业党组织覆盖率达到96%。")},
      "西湾高新区党建观察"));
  REQUIRE(facts.figures.size() == 3);
  CHECK(facts.figures[0].park == "西湾高新区");
  CHECK(facts.figures[1].park == "西湾高新区");
  CHECK(facts.figures[1].unit == "个百分点");
  CHECK(facts.figures[2].park != "西湾高新区");
}
