// Reprints: the same article in two files (another paper, a website's copy) counts once and
// both are cited; articles that only share boilerplate stay apart. Made-up articles.
#include <catch2/catch.hpp>
#include <chrono>

#include "extract/extract.h"
#include "extract/reprints.h"
#include "ingest/ingest.h"

using namespace ptbrief;

namespace {

const std::string kBody =
    "近年来，青禾高新区党工委坚持把党的建设贯穿园区发展全过程，推动党建工作与招商引资、"
    "产业升级深度融合。园区新建非公企业党组织36个，选派党建指导员48名，建成党群服务站12个，"
    "服务企业职工2.3万人次。\n\n"
    "在青禾智能装备产业园，党员突击队牵头攻关关键技术19项，帮助企业新增订单5.6亿元。"
    "园区还组建“青禾红链”服务团，为链上企业解决用工、融资等难题86个。\n";

ingest::Corpus corpus(const std::vector<std::pair<std::string, std::string>>& files) {
  ingest::Corpus c;
  CollectingSink sink;
  for (const auto& [name, raw] : files) {
    auto articles = ingest::ingest_bytes(raw, name, sink);
    for (auto& a : articles) c.articles.push_back(std::move(a));
  }
  return c;
}

extract::Facts run(const ingest::Corpus& c, CollectingSink& sink) {
  return extract::extract(c, extract::default_topics_file(), sink);
}

}  // namespace

TEST_CASE("a reprinted copy leaves the figures the same and is cited beside the original") {
  const std::string original = "---\nsource: 青禾日报\ndate: 2025-10-14\npage: 第3版\n---\n"
                               "青禾高新区党建引领产业发展\n\n" + kBody;
  // The website's copy: its own header, a changed headline, one word changed, a footer.
  std::string copy = "来源：青禾新闻网 发布时间：2025-10-15 09:30\n"
                     "党建引领 青禾高新区产业发展蹄疾步稳\n\n" + kBody + "\n（本文转自青禾日报）\n";
  copy.replace(copy.find("关键技术"), std::string("关键技术").size(), "核心技术");

  CollectingSink alone_sink, both_sink;
  const auto alone = run(corpus({{"a.txt", original}}), alone_sink);
  const auto both = run(corpus({{"a.txt", original}, {"b.txt", copy}}), both_sink);

  REQUIRE(alone.figures.size() >= 6);
  REQUIRE(both.figures.size() == alone.figures.size());
  for (std::size_t i = 0; i < alone.figures.size(); ++i) {
    CHECK(both.figures[i].value == alone.figures[i].value);
    CHECK(both.figures[i].source.span.file == "a.txt");
  }
  CHECK(both.practices.size() == alone.practices.size());
  for (const auto& p : both.parks)
    for (const auto& id : p.articles) CHECK(id.rfind("a#", 0) == 0);

  REQUIRE(both.articles.size() == 2);
  CHECK(both.articles[0].reprints == std::vector<std::string>{"b#1"});
  CHECK(both.articles[1].reprint_of == "a#1");
  CHECK(both.articles[1].source == "青禾新闻网");
  // A note, not a warning: nothing is wrong.
  bool noted = false;
  for (const auto& d : both_sink.items)
    if (d.code == "extract.reprint") {
      noted = true;
      CHECK(d.severity == Severity::Note);
      CHECK(d.file == "b.txt");
    }
  CHECK(noted);
  CHECK(both_sink.count(Severity::Warning) == alone_sink.count(Severity::Warning));
}

TEST_CASE("articles sharing a paragraph of boilerplate are not reprints") {
  const std::string other =
      "白石经开区党建观察\n\n"
      "近年来，白石经开区党工委坚持把党的建设贯穿园区发展全过程，推动党建工作与招商引资、"
      "产业升级深度融合。今年以来，白石经开区新建楼宇党支部9个，开展“红色夜校”培训27期，"
      "培训党员骨干1400人次，为企业争取政策资金3.1亿元，化解劳资纠纷41起，"
      "园区企业满意度提升至98.2%。\n";
  CollectingSink sink;
  const auto facts = run(corpus({{"a.txt", "青禾高新区党建引领产业发展\n\n" + kBody},
                                 {"c.txt", other}}),
                         sink);
  for (const auto& a : facts.articles) {
    CHECK(a.reprint_of.empty());
    CHECK(a.reprints.empty());
  }
  for (const auto& d : sink.items) CHECK(d.code != "extract.reprint");
}

TEST_CASE("reprint detection works on fingerprints alone, whichever order they come in") {
  const auto c = corpus({{"a.txt", "标题甲\n\n" + kBody}, {"b.txt", "标题乙\n\n" + kBody},
                         {"c.txt", "标题丙\n\n" + kBody}});
  std::vector<extract::Fingerprint> prints;
  for (const auto& a : c.articles) prints.push_back(extract::fingerprint(a));
  auto groups = extract::find_reprints(prints);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].original == "a#1");
  REQUIRE(groups[0].copies.size() == 2);
  CHECK(groups[0].copies[0].first == "b#1");
  CHECK(groups[0].copies[1].first == "c#1");
  CHECK(groups[0].copies[0].second >= extract::kReprintOverlap);
  // A short article is never judged.
  ingest::Article tiny;
  tiny.id = "t#1";
  ingest::Block b;
  b.text = "园区新建党支部5个。";
  tiny.blocks.push_back(b);
  CHECK(extract::fingerprint(tiny).shingles.empty());
}

TEST_CASE("n copies of one text are found in linear time, each at its add") {
  const auto c = corpus({{"a.txt", "标题甲\n\n" + kBody}});
  const extract::Fingerprint print = extract::fingerprint(c.articles.at(0));
  REQUIRE(!print.shingles.empty());
  // A copy is known as soon as it is added (a streaming merge drops its facts at once).
  auto run_copies = [&](std::size_t n) {
    const auto t0 = std::chrono::steady_clock::now();
    extract::ReprintFinder finder;
    std::size_t copies = 0;
    for (std::size_t i = 0; i < n; ++i) {
      extract::Fingerprint p = print;
      p.article_id = "big#" + std::to_string(i + 1);
      copies += finder.add(std::move(p)) ? 1 : 0;
    }
    const auto groups = finder.groups();
    REQUIRE(groups.size() == 1);
    CHECK(groups[0].original == "big#1");
    CHECK(groups[0].copies.size() == n - 1);
    CHECK(copies == n - 1);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  const double small = run_copies(2000), big = run_copies(20000);
  INFO("2,000 copies: " << small << " s, 20,000: " << big << " s");
  // 10× the copies: ~10× the time, never ~100× (each used to gather every earlier copy).
  CHECK(big < 25 * small + 0.2);
}
