// Tests of park resolution and sentence attribution on a small article written for the purpose.
#include <catch2/catch.hpp>

#include "extract/extract.h"
#include "extract_test_support.h"
#include "ingest/ingest.h"

using namespace ptbrief;

using extracttest::article;
using extracttest::block;

namespace {

extract::Facts run(const ingest::Corpus& c) { return extracttest::facts_of(c); }

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

namespace {

extract::Facts one_paragraph(const std::string& title, const std::string& text) {
  return run(article({block(ingest::BlockType::Paragraph, text)}, title));
}

std::vector<std::string> park_names(const extract::Facts& facts) {
  std::vector<std::string> out;
  for (const auto& p : facts.parks) out.push_back(p.name);
  return out;
}

}  // namespace

TEST_CASE("parks of other kinds are recognised: 开发区, 新区, 综保区, 产业集聚区, 产业基地") {
  for (const auto& [text, park] : std::vector<std::pair<std::string, std::string>>{
           {"昆山开发区党工委推进党建工作，全区已建立党组织120个。", "昆山开发区"},
           {"兰州新区坚持党建引领，新区现有规上企业85家。", "兰州新区"},
           {"宜宾综合保税区深化党建引领，综保区进出口总额达到320亿元。", "宜宾综合保税区"},
           {"民权县产业集聚区建立产业链党委3个，覆盖企业60家。", "民权县产业集聚区"},
           {"荆门通航产业基地推进党建工作，基地已集聚企业40家。", "荆门通航产业基地"}}) {
    INFO(text);
    auto facts = one_paragraph("园区党建观察", text);
    REQUIRE(!facts.figures.empty());
    for (const auto& f : facts.figures) CHECK(f.park == park);
  }
}

TEST_CASE("a county keeps its 县: X县高新区 is not X高新区") {
  auto facts = one_paragraph("仁寿县高新区：党建引领强链条",
                             "仁寿县高新区现有规上企业42家。仁寿县高新区党工委组建党建联盟5个。");
  REQUIRE(facts.figures.size() == 2);
  CHECK(facts.figures[0].park == "仁寿县高新区");
  CHECK(facts.figures[1].park == "仁寿县高新区");
}

TEST_CASE("a city named for context does not take the park's figures, 全市 scopes over its clause") {
  auto facts = run(article(
      {block(ingest::BlockType::Paragraph,
             "株洲市委、市政府高度重视株洲高新区党建工作，园区新建党组织36个。"),
       block(ingest::BlockType::Paragraph,
             "高新区规上工业产值占全市的30%，高于全市平均水平2.5个百分点。全市共有非公企业党组织1200个，"
             "其中园区企业党组织400个。"),
       block(ingest::BlockType::Paragraph, "园区还选派党建指导员45名。")},
      "株洲高新区：党建引领促发展"));
  REQUIRE(facts.figures.size() == 6);
  CHECK(facts.figures[0].park == "株洲高新区");  // 36个: after 株洲市委、市政府…
  CHECK(facts.figures[1].park == "株洲高新区");  // 占全市的30%
  CHECK(facts.figures[2].park == "株洲高新区");  // 高于全市平均水平2.5个百分点
  CHECK(facts.figures[3].park == "株洲市");      // 全市共有…1200个
  CHECK(facts.figures[4].park == "株洲高新区");  // 其中园区…400个
  CHECK(facts.figures[5].park == "株洲高新区");  // the next paragraph is the park's again
}

TEST_CASE("regions come from the gazetteer: no junk names from 省级 or 市场") {
  auto facts = one_paragraph("曲靖经开区党建纪实",
                             "曲靖经开区圆满完成省级任务，扩大市场份额，新建党组织12个，"
                             "带动完成市级项目8个。");
  for (const auto& name : park_names(facts)) {
    INFO(name);
    CHECK((name == "曲靖经开区" || name == "曲靖市"));
  }
  REQUIRE(facts.figures.size() == 2);
  for (const auto& f : facts.figures) CHECK(f.park == "曲靖经开区");
}

TEST_CASE("in traditional text the figures keep their park") {
  auto facts = one_paragraph("廈門火炬高新區黨建觀察",
                             "廈門火炬高新區黨工委推進兩新組織黨建，園區新建黨組織52個，覆蓋企業1300多家。");
  REQUIRE(facts.figures.size() == 2);
  for (const auto& f : facts.figures) CHECK(f.park == "厦门火炬高新区");
}

TEST_CASE("a park inside a park is its own park, also under its short name") {
  auto facts = run(article(
      {block(ingest::BlockType::Paragraph,
             "株洲高新区创新创业服务园区是株洲高新区的园中园。服务园区现有入驻企业520家。"),
       block(ingest::BlockType::Paragraph, "株洲高新区共有非公企业党组织640个。")},
      "株洲高新区创新创业服务园区党建观察"));
  REQUIRE(facts.figures.size() == 2);
  CHECK(facts.figures[0].park == "株洲高新区创新创业服务园区");
  CHECK(facts.figures[1].park == "株洲高新区");
}

TEST_CASE("a report on a province: lists of parks are the province's, named parks their own") {
  auto facts = run(article(
      {block(ingest::BlockType::Paragraph,
             "全省开发区新建党组织260个。贵阳、遵义等开发区开展党建观摩8场。"),
       block(ingest::BlockType::Paragraph, "遵义经开区组建产业链党委6个。")},
      "贵州开发区党建工作综述"));
  REQUIRE(facts.figures.size() == 3);
  CHECK(facts.figures[0].park == "贵州省");
  CHECK(facts.figures[1].park == "贵州省");
  CHECK(facts.figures[2].park == "遵义经开区");
}

TEST_CASE("a park is found under any of its spellings") {
  auto facts = run(article(
      {block(ingest::BlockType::Paragraph,
             "包头稀土高新技术产业开发区党工委推进产业链党建，稀土高新区新建党组织12个。"
             "长丰县（双凤）经开区建立党建联盟3个。宜宾综保区新增企业20家。")},
      "园区党建巡礼"));
  for (const auto& [query, name] : std::vector<std::pair<std::string, std::string>>{
           {"稀土高新区", "包头稀土高新区"},
           {"包头稀土高新技术产业开发区", "包头稀土高新区"},
           {"长丰(双凤)经开区", "长丰县(双凤)经开区"},
           {"长丰县（双凤）经济开发区", "长丰县(双凤)经开区"},
           {"宜宾综合保税区", "宜宾综保区"}}) {
    INFO(query);
    const auto* p = extract::find_park(facts, query);
    REQUIRE(p != nullptr);
    CHECK(p->name == name);
  }
}

TEST_CASE("a page that only says 高新区 is about the park of the city it names") {
  auto facts = run(article(
      {block(ingest::BlockType::Paragraph, "发布时间：2024-03-25 来源：太仓新闻网"),
       block(ingest::BlockType::Paragraph,
             "高新区新建和换届党支部24个。今年，高新区将实施城市党建共建工程，成立行动支部67个。")},
      "高新区构建城市大党建格局"));
  REQUIRE(facts.figures.size() == 2);
  for (const auto& f : facts.figures) CHECK(f.park == "太仓高新区");
}

TEST_CASE("a city's name that begins a company's is not a region cue") {
  auto facts = one_paragraph("南宁经开区党建观察",
                             "南宁经开区推进非公党建。比如，南宁市晋江福源食品有限公司党支部实现"
                             "企业骨干100%是党员，企业纳税1600万元。");
  REQUIRE(facts.figures.size() == 2);
  for (const auto& f : facts.figures) CHECK(f.park == "南宁经开区");
}
