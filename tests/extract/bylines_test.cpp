// Bylines and datelines never reach a practice's explanation, a summary or a topic sentence:
// made-up articles through ingest and extract.
#include <catch2/catch.hpp>

#include "extract/extract.h"
#include "ingest/ingest.h"

using namespace ptbrief;

TEST_CASE("datelines and reporters' clauses never appear in explanations or summaries") {
  const std::string raw =
      "石桥开发区党建引领项目建设\n\n"
      "本报讯（记者 李明 通讯员 王红）日前，石桥开发区党工委推行“红色代办”服务机制，"
      "组织党员代办员为项目代办审批事项260件，帮助企业节约时间1.5万小时。\n\n"
      "记者从石桥开发区党工委获悉，园区今年新建非公企业党组织18个，选派党建指导员36名，"
      "实现规上企业党组织全覆盖。\n\n"
      "本报东川讯（记者 赵一鸣）今年以来，东川经开区实施“链上党建”工程，组建产业链党委5个，"
      "带动链上企业新增订单3.2亿元。\n";
  CollectingSink sink;
  ingest::Corpus corpus;
  corpus.articles = ingest::ingest_bytes(raw, "s.txt", sink);
  const auto facts = extract::extract(corpus, extract::default_topics_file(), sink);
  REQUIRE(facts.practices.size() >= 2);
  REQUIRE_FALSE(facts.summaries.empty());
  auto clean = [](const std::string& text) {
    INFO(text);
    CHECK(text.find("本报") == std::string::npos);
    CHECK(text.find("记者") == std::string::npos);
    CHECK(text.find("通讯员") == std::string::npos);
  };
  for (const auto& p : facts.practices) clean(p.summary);
  for (const auto& s : facts.summaries) clean(s.text);
  for (const auto& f : facts.figures) clean(f.quote);
}

TEST_CASE("a reporter's clause after a date leaves the summary sentence") {
  CollectingSink sink;
  ingest::Corpus corpus;
  corpus.articles = ingest::ingest_bytes(
      "东川经开区党建观察\n\n"
      "3月18日，记者从东川经开区党工委获悉，园区目前共有非公企业党组织126个，党员2300余名，"
      "规上企业党组织覆盖率达到97.5%。\n",
      "d.txt", sink);
  const auto facts = extract::extract(corpus, extract::default_topics_file(), sink);
  REQUIRE_FALSE(facts.summaries.empty());
  for (const auto& s : facts.summaries) {
    INFO(s.text);
    CHECK(s.text.find("记者") == std::string::npos);
  }
}
