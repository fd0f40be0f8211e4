// Tests of the quantity grammar on sentences written for the purpose (not from the corpus).
#include <catch2/catch.hpp>

#include "extract/quantity.h"
#include "extract/text.h"

using namespace ptbrief::extract;

namespace {

std::vector<Quantity> scan(const std::string& s) { return scan_quantities(make_view(s).norm); }

}  // namespace

TEST_CASE("a number with a measure word is a figure, value as written") {
  auto q = scan("新区共培育科技企业318家，建成孵化器12个。");
  REQUIRE(q.size() == 2);
  CHECK(q[0].value == "318");
  CHECK(q[0].unit == "家");
  CHECK(q[0].qualifier == Qualifier::Exact);
  CHECK(q[1].value == "12");
  CHECK(q[1].unit == "个");
}

TEST_CASE("qualifier cues keep the value unchanged") {
  auto q = scan("吸纳就业近4万人，走访企业1500余家，服务超过260次，培训不足30人，覆盖约85%，投资6亿元左右，签约100家以上。");
  REQUIRE(q.size() == 7);
  CHECK((q[0].value == "4" && q[0].unit == "万人" && q[0].qualifier == Qualifier::About));
  CHECK((q[1].value == "1500" && q[1].unit == "家" && q[1].qualifier == Qualifier::Over));
  CHECK((q[2].value == "260" && q[2].qualifier == Qualifier::Over));
  CHECK((q[3].value == "30" && q[3].qualifier == Qualifier::Under));
  CHECK((q[4].value == "85" && q[4].unit == "%" && q[4].qualifier == Qualifier::About));
  CHECK((q[5].unit == "亿元" && q[5].kind == FigureKind::Money && q[5].qualifier == Qualifier::About));
  CHECK((q[6].value == "100" && q[6].qualifier == Qualifier::Over));
}

TEST_CASE("多 after the number is over, 逾 before it is over") {
  auto q = scan("组织志愿者80多名，逾200场次活动。");
  REQUIRE(q.size() == 2);
  CHECK((q[0].value == "80" && q[0].unit == "名" && q[0].qualifier == Qualifier::Over));
  CHECK((q[1].value == "200" && q[1].unit == "场次" && q[1].qualifier == Qualifier::Over));
}

TEST_CASE("percentage points stay apart from percent") {
  auto q = scan("覆盖率提高5个百分点，达到91.5%。");
  REQUIRE(q.size() == 2);
  CHECK(q[0].unit == "个百分点");
  CHECK(q[0].kind == FigureKind::Growth);
  CHECK(q[1].unit == "%");
  CHECK(q[1].value == "91.5");
}

TEST_CASE("dates, years, clock times and month ranges are not figures") {
  CHECK(scan("2021年3月15日上午9:30召开会议").empty());
  CHECK(scan("今年1-6月，2018~2020年度，2022年末").empty());
  CHECK(scan("第二季度，8时整").empty());
}

TEST_CASE("durations are figures unless they are time frames") {
  auto q = scan("连续举办15年，仅用30天完成；近5年来成效明显，3天内办结。");
  REQUIRE(q.size() == 2);
  CHECK((q[0].value == "15" && q[0].unit == "年" && q[0].kind == FigureKind::Other));
  CHECK((q[1].value == "30" && q[1].unit == "天"));
}

TEST_CASE("formula names, comparisons, ordinals, phones and list numbers are excluded") {
  CHECK(scan("推行“2+3+N”模式，实现1+1>2的效果").empty());
  CHECK(scan("咨询电话0571-88886666，排名第3位").empty());
  CHECK(scan("1.强化组织；2.优化服务").empty());
  CHECK(scan("开展“早班15分钟”活动").empty());
  CHECK(scan("建成三大平台、五个好支部").empty());
}

TEST_CASE("operands of a written-out structure with units are figures") {
  auto q = scan("即1个园区党委+3个片区党总支");
  REQUIRE(q.size() == 2);
  CHECK((q[0].value == "1" && q[1].value == "3"));
}

TEST_CASE("money rates, areas and thousands separators") {
  auto q = scan("按照500元/月发放补贴，建设1,200平方米活动阵地。");
  REQUIRE(q.size() == 2);
  CHECK((q[0].unit == "元/月" && q[0].kind == FigureKind::Money));
  CHECK((q[1].value == "1200" && q[1].unit == "平方米" && q[1].kind == FigureKind::Area));
}

TEST_CASE("ranges keep the low end and mark it about") {
  auto q = scan("每月开展3-5场宣讲");
  REQUIRE(q.size() == 1);
  CHECK(q[0].value == "3");
  CHECK(q[0].high == "5");
  CHECK(q[0].qualifier == Qualifier::About);
}

TEST_CASE("full-width digits and percent signs are read") {
  auto q = scan("达到９８％");
  REQUIRE(q.size() == 1);
  CHECK(q[0].value == "98");
  CHECK(q[0].unit == "%");
}

TEST_CASE("units of bonded-zone, port and energy reports") {
  auto q = scan("今年办理报关单3600票，集装箱吞吐量120万标箱，光伏装机85兆瓦，开设党课12门。");
  REQUIRE(q.size() == 4);
  CHECK((q[0].value == "3600" && q[0].unit == "票"));
  CHECK((q[1].value == "120" && q[1].unit == "万标箱"));
  CHECK((q[2].value == "85" && q[2].unit == "兆瓦"));
  CHECK((q[3].value == "12" && q[3].unit == "门"));
}

TEST_CASE("a measure word that opens another word is no unit") {
  auto q = scan("共有3门户网站上线，开设5门店。");
  CHECK(q.empty());
}

TEST_CASE("a space between the number and its unit is no break") {
  auto q = scan("园区现有入驻企业 147 家，实现工业增加值 18.6 亿元，同比增长 11.4 %，2025 年成立。");
  REQUIRE(q.size() == 3);
  CHECK((q[0].value == "147" && q[0].unit == "家"));
  CHECK((q[1].value == "18.6" && q[1].unit == "亿元"));
  CHECK((q[2].value == "11.4" && q[2].unit == "%"));
}

TEST_CASE("a bound before a noun that another number counts is a threshold, not a figure") {
  auto q = scan("其中投资10亿元以上项目9个，服务100家以上企业。");
  REQUIRE(q.size() == 2);
  CHECK((q[0].value == "9" && q[0].unit == "个"));
  CHECK((q[1].value == "100" && q[1].unit == "家" && q[1].qualifier == Qualifier::Over));
}

TEST_CASE("spaced text: an ordinal stays an ordinal, a cue before the number still counts") {
  auto q = scan("举办第 3 届论坛，服务企业超过 900 家。");
  REQUIRE(q.size() == 1);
  CHECK((q[0].value == "900" && q[0].unit == "家" && q[0].qualifier == Qualifier::Over));
}

TEST_CASE("trains and foreign currencies are units") {
  auto q = scan("综保区开行中越跨境班列416列，德资项目总投资达6.2亿欧元，另有3个项目列入计划。");
  REQUIRE(q.size() == 3);
  CHECK((q[0].value == "416" && q[0].unit == "列" && q[0].kind == FigureKind::Count));
  CHECK((q[1].value == "6.2" && q[1].unit == "亿欧元" && q[1].kind == FigureKind::Money));
  CHECK((q[2].value == "3" && q[2].unit == "个"));
}

TEST_CASE("the right operand of a product is no figure") {
  auto q = scan("推行7×24小时预约通关，企业通关时间缩短至3.5小时。");
  REQUIRE(q.size() == 1);
  CHECK(q[0].value == "3.5");
}
