// A level reached is not growth, a target is not an achievement, and a subject is a balanced
// noun phrase — the cases that reached print wrong, on sentences written for the purpose.
#include <catch2/catch.hpp>

#include "extract/figures.h"
#include "extract/text.h"

using namespace ptbrief::extract;

namespace {

std::vector<FigureDraft> figures(const std::string& s) {
  static std::vector<TextView> keep;  // drafts index into the view
  keep.push_back(make_view(s));
  return find_figures(keep.back(), 0, keep.back().size());
}

bool balanced(const std::string& s) {
  auto count = [&](const char* m) {
    std::size_t n = 0;
    for (auto p = s.find(m); p != std::string::npos; p = s.find(m, p + 1)) ++n;
    return n;
  };
  return count("“") == count("”") && count("（") == count("）");
}

}  // namespace

TEST_CASE("分别提升至 gives levels (percent), not growth") {
  auto f = figures("“双强”非公企业党组织、社区党组织覆盖率分别提升至88.5%、61.5%。");
  REQUIRE(f.size() == 2);
  for (const auto& d : f) {
    INFO(d.subject);
    CHECK(d.quantity.kind == FigureKind::Percent);
    CHECK(d.subject.find("提升") == std::string::npos);
    CHECK(balanced(d.subject));
  }
  CHECK(f[0].subject == "“双强”非公企业党组织覆盖率");
  CHECK(f[1].subject == "社区党组织覆盖率");
}

TEST_CASE("分别达 and 达到 are levels, 分别增长 and 同比提高 are growth") {
  for (const char* s : {"两类企业党组织覆盖率分别达93.1%、87.4%。",
                        "服务满意度分别达到99.1%、97.6%。", "企业党员比例增至12.5%。"}) {
    INFO(s);
    for (const auto& d : figures(s)) CHECK(d.quantity.kind == FigureKind::Percent);
  }
  for (const char* s : {"工业产值、税收分别增长18.2%、9.7%。", "营业收入同比提高6.4%。",
                        "出口额同比上升3.2%。", "营业收入增长达21.5%。"}) {
    INFO(s);
    auto f = figures(s);
    REQUIRE_FALSE(f.empty());
    for (const auto& d : f) CHECK(d.quantity.kind == FigureKind::Growth);
  }
}

TEST_CASE("targets, plans and forecasts are kind target") {
  for (const char* s : {"力争明年新建党组织100个以上。", "计划投资4.5亿元建设党群服务中心。",
                        "目标是培育党建示范企业30家。", "预计2026年竣工项目12个。",
                        "到2027年，园区非公企业党组织覆盖率将达到95%。",
                        "今年园区将新建人才公寓2000套。"}) {
    INFO(s);
    auto f = figures(s);
    REQUIRE(f.size() == 1);
    CHECK(f[0].quantity.kind == FigureKind::Target);
    CHECK(to_string(f[0].quantity.kind) == "target");
  }
}

TEST_CASE("what is done is an achievement, even next to a target") {
  auto f = figures("园区计划投资5亿元，目前已完成投资3.2亿元。");
  REQUIRE(f.size() == 2);
  CHECK(f[0].quantity.kind == FigureKind::Target);
  CHECK(f[1].quantity.kind == FigureKind::Money);
  // A programme named 计划 is not a plan; 截至2024年 is a cut-off date, not a deadline.
  for (const char* s : {"实施“英才”计划，引进博士42名。", "截至2024年底，园区建成党支部58个。",
                        "今年以来，园区新建党支部16个。"}) {
    INFO(s);
    auto g = figures(s);
    REQUIRE(g.size() == 1);
    CHECK(g[0].quantity.kind != FigureKind::Target);
  }
}

TEST_CASE("subjects keep their quotation marks paired") {
  auto f = figures("建立“小微联”党建服务站17个。");
  REQUIRE(f.size() == 1);
  CHECK(f[0].subject == "“小微联”党建服务站");
  auto g = figures("“三新”组织党员达2.4万名。");
  REQUIRE(g.size() == 1);
  CHECK(g[0].subject == "“三新”组织党员");
}

TEST_CASE("a 从…到… span or a predicate after the number is not the subject") {
  auto f = figures("从5人研发小组到行业领军企业，公司走过了十年。");
  REQUIRE(f.size() == 1);
  CHECK(f[0].subject == "研发小组");
  auto g = figures("产品良品率从82%提高到95%。");
  REQUIRE(g.size() == 2);
  CHECK(g[0].subject == "产品良品率");
  auto h = figures("选派12名党建指导员到重点企业驻点。");
  REQUIRE(h.size() == 1);
  CHECK(h[0].subject == "党建指导员");
}
