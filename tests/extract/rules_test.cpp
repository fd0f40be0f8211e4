// Tests of subjects, 分别 lists, growth, practices, park names and traditional characters,
// on sentences written for the purpose.
#include <catch2/catch.hpp>

#include "extract/figures.h"
#include "extract/parks.h"
#include "extract/practices.h"
#include "extract/text.h"

using namespace ptbrief::extract;
using ptbrief::to_utf8;

namespace {

std::vector<FigureDraft> figures(const std::string& s, ptbrief::DiagSink* sink = nullptr) {
  static std::vector<TextView> keep;  // drafts index into the view
  keep.push_back(make_view(s));
  return find_figures(keep.back(), 0, keep.back().size(), sink);
}

std::vector<PracticeDraft> practices(const std::string& s) {
  TextView v = make_view(s);
  return find_practices(v, 0, v.size());
}

}  // namespace

TEST_CASE("subject before the number, with light verbs and park names trimmed") {
  auto f = figures("目前，江北高新区已建立非公企业党组织86个。");
  REQUIRE(f.size() == 1);
  CHECK(f[0].subject == "非公企业党组织");
  CHECK(f[0].quantity.value == "86");
}

TEST_CASE("subject after the measure word") {
  auto f = figures("选派28名党建指导员进驻企业。");
  REQUIRE(f.size() == 1);
  CHECK(f[0].subject == "党建指导员进驻企业");
}

TEST_CASE("growth continues the previous figure's subject") {
  auto f = figures("实现工业产值35.2亿元，同比增长12.5%。");
  REQUIRE(f.size() == 2);
  CHECK(f[1].quantity.kind == FigureKind::Growth);
  CHECK(f[1].subject == "工业产值同比增长");
  CHECK(f[0].quantity.kind == FigureKind::Money);
}

TEST_CASE("a level reached is a percent, not growth") {
  auto f = figures("党组织覆盖率提升至96%。");
  REQUIRE(f.size() == 1);
  CHECK(f[0].quantity.kind == FigureKind::Percent);
}

TEST_CASE("分别 lists give each value its own subject and share the head") {
  auto f = figures("规上企业、小微企业党组织覆盖率分别达到88.6%、61.2%。");
  REQUIRE(f.size() == 2);
  CHECK(f[0].subject == "规上企业党组织覆盖率");
  CHECK(f[1].subject == "小微企业党组织覆盖率");
}

TEST_CASE("分别 growth lists append the verb") {
  auto f = figures("营业收入、利润总额分别增长18.3%、9.7%。");
  REQUIRE(f.size() == 2);
  CHECK(f[0].subject == "营业收入增长");
  CHECK(f[1].subject == "利润总额增长");
  CHECK(f[1].quantity.kind == FigureKind::Growth);
}

TEST_CASE("a 分别 list with more values than subjects is reported") {
  ptbrief::CollectingSink sink;
  auto f = figures("两类企业分别达到10家、20家、30家。", &sink);
  REQUIRE(f.size() == 3);
  REQUIRE(sink.items.size() == 1);
  CHECK(sink.items[0].code == "extract.list_mismatch");
}

TEST_CASE("quoted names with a head noun are practices, one per name in a list") {
  auto p = practices("推行“三联三帮”工作法，开展“企业接待日”“政策宣讲周”等主题活动。");
  REQUIRE(p.size() == 3);
  CHECK(p[0].name == "三联三帮");
  CHECK(p[0].category == "工作法");
  CHECK(p[1].name == "企业接待日");
  CHECK(p[2].name == "政策宣讲周");
  CHECK(p[2].category == "主题活动");
}

TEST_CASE("formula models and verb-led quoted names are practices") {
  auto p = practices("构建“1+2+N”组织体系，推行“支部建在项目上、党员冲在一线上”。");
  REQUIRE(p.size() == 2);
  CHECK(p[0].name == "1+2+N");
  CHECK(p[0].category == "组织体系");
  CHECK(p[1].name == "支部建在项目上、党员冲在一线上");
}

TEST_CASE("unquoted practices: verb objects, enumerated slogans, brand lists") {
  auto p = practices("建立首问负责机制，形成组织共建、资源共享、难题共解的协作机制，推出了红管家、先锋驿站等党建品牌。");
  REQUIRE(p.size() == 4);
  CHECK(p[0].name == "首问负责机制");
  CHECK(p[1].name == "组织共建、资源共享、难题共解");
  CHECK(p[1].category == "协作机制");
  CHECK(p[2].name == "红管家");
  CHECK(p[3].name == "先锋驿站");
}

TEST_CASE("generic descriptions and slogans without a head are not practices") {
  CHECK(practices("完善工作机制，坚持“以人为本”。").empty());
  CHECK(practices("构建上下联动、左右协同的工作体系。").empty());
}

TEST_CASE("park names: long and short forms, county markers, parentheses") {
  auto m = find_park_mentions(make_view("苏州工业园区和武进国家高新技术产业开发区、金坛县（华罗庚）经开区").norm);
  REQUIRE(m.size() == 3);
  CHECK(canonical_park_name(m[0]) == "苏州工业园区");
  CHECK(canonical_park_name(m[1]) == "武进高新区");
  CHECK(canonical_park_name(m[2]) == "金坛县(华罗庚)经开区");
}

TEST_CASE("bare references have no place") {
  auto m = find_park_mentions(make_view("高新区党工委和园区企业").norm);
  REQUIRE(m.size() == 2);
  CHECK(m[0].bare);
  CHECK(m[1].bare);
}

TEST_CASE("traditional characters are matched in simplified form, quotes keep the original") {
  TextView v = make_view("新區黨組織覆蓋率達到95%，園區推行“紅色管家”服務模式");
  CHECK(to_utf8(v.norm).find("党组织覆盖率") != std::string::npos);
  auto f = find_figures(v, 0, v.size());
  REQUIRE(f.size() == 1);
  CHECK(f[0].subject == "黨組織覆蓋率");  // 新區 is a park type word: the park, not the subject
  auto p = find_practices(v, 0, v.size());
  REQUIRE(p.size() == 1);
  CHECK(p[0].name == "紅色管家");
}

TEST_CASE("ASCII punctuation is unified with full-width for matching") {
  TextView v = make_view("建立\"双岗双责\"机制(试行),共3项");
  CHECK(to_utf8(v.norm) == "建立“双岗双责”机制（试行），共3项");
  CHECK(v.orig.size() == v.norm.size());
}

TEST_CASE("quoted practices without a head noun: instrument, verb, platform, one method of many clauses") {
  auto p = practices("以“三化联动”优化营商环境，推行“全程代办”，依托“亲清直通”平台，"
                     "落实“一窗受理、一网通办、一次办结”工作规范。");
  REQUIRE(p.size() == 4);
  CHECK(p[0].name == "三化联动");
  CHECK(p[1].name == "全程代办");
  CHECK(p[2].name == "亲清直通");
  CHECK(p[3].name == "一窗受理、一网通办、一次办结");
  CHECK(p[3].category == "工作规范");
}

TEST_CASE("quoted speech, honours, company names and figures of speech are not practices") {
  CHECK(practices("他说：“党建就是生产力，我们越干越有劲。”").empty());
  CHECK(practices("公司党支部荣获“全国先进基层党组织”称号。").empty());
  CHECK(practices("党支部成为企业的“娘家”，以“先进”带动“后进”。").empty());
}

TEST_CASE("a spaced-out number leaves no space in its subject") {
  auto f = figures("园区现有入驻企业 147 家，选派党建指导员 45 名。");
  REQUIRE(f.size() == 2);
  CHECK(f[0].subject == "入驻企业");
  CHECK(f[1].subject == "选派党建指导员");
}

TEST_CASE("quoted instances before 等 and a quoted umbrella name: the umbrella is the practice") {
  auto p = practices("园区推行“党建+招商”“党建+人才”等“党建+N”模式。");
  REQUIRE(p.size() == 1);
  CHECK(p[0].name == "党建+N");
  auto q = practices("园区开展“红色课堂”“书记讲堂”等主题活动。");
  CHECK(q.size() == 2);
}
