// Tests of park name shapes seen on real pages (2026-12 study, text not kept), on made-up
// sentences: zone kinds of their own, names with a dash or a city in parentheses, 国际 inside
// a name, a type word shared by a list of places, organs that establish a name written once.
#include <algorithm>

#include <catch2/catch.hpp>

#include "extract/extract.h"
#include "extract_test_support.h"
#include "ingest/ingest.h"

using namespace ptbrief;
using extracttest::para;

namespace {

extract::Facts run(std::vector<ingest::Block> blocks, const std::string& title,
                   CollectingSink* warnings = nullptr) {
  return extracttest::facts_of(extracttest::article(std::move(blocks), title), warnings);
}

std::string park_of(const extract::Facts& f, const std::string& value) {
  for (const auto& x : f.figures)
    if (x.value == value) return x.park;
  return "(no figure " + value + ")";
}

bool has_park(const extract::Facts& f, const std::string& name) {
  return std::any_of(f.parks.begin(), f.parks.end(),
                     [&](const extract::Park& p) { return p.name == name; });
}

}  // namespace

TEST_CASE("a zone that is both an economic and a high-tech zone keeps its whole kind") {
  auto facts = run({para("孝感经济技术和高新技术产业开发区现有规上企业286家。开发区今年新建党组织23个。")},
                   "孝感经济技术和高新技术产业开发区党建工作推进会召开");
  CHECK(park_of(facts, "286") == "孝感经济技术和高新技术产业开发区");
  CHECK(park_of(facts, "23") == "孝感经济技术和高新技术产业开发区");
}

TEST_CASE("an inland port zone is a park") {
  auto facts = run({para("西安国际港务区今年新引进企业45家，港务区国际货运量同比增长12%。")},
                   "西安国际港务区党建联盟成立");
  CHECK(has_park(facts, "西安国际港务区"));
  CHECK(park_of(facts, "45") == "西安国际港务区");
}

TEST_CASE("a cooperation park named with China a dash and the partner is a park") {
  auto facts = run({para("中国—东盟数字贸易产业园入驻企业达到312家。产业园党委组建产业链党支部3个。")},
                   "中国—东盟数字贸易产业园：党建链串起朋友圈");
  CHECK(has_park(facts, "中国—东盟数字贸易产业园"));
  CHECK(park_of(facts, "312") == "中国—东盟数字贸易产业园");
  CHECK(park_of(facts, "3") == "中国—东盟数字贸易产业园");
}

TEST_CASE("a host city in parentheses after the partners or a city is part of the name") {
  auto facts = run({para("中德（常州）创新产业园累计集聚德资企业118家。"),
                    para("与此同时，中韩（盐城）产业园今年新建韩资企业党组织9个。"),
                    para("南宁（深圳）东盟产业合作区今年签约项目15个，中国—东盟产业合作区在建项目1221个。")},
                   "外资园区党建观察");
  CHECK(park_of(facts, "118") == "中德(常州)创新产业园");
  CHECK(park_of(facts, "9") == "中韩(盐城)产业园");
  CHECK(park_of(facts, "15") == "南宁(深圳)东盟产业合作区");
  CHECK(park_of(facts, "1221") == "中国—东盟产业合作区");
}

TEST_CASE("class words that open the rest of a name after a division are part of it") {
  auto facts = run({para("南宁国际铁路港综合保税区入区企业达到73家。综保区开行班列416列。"),
                    para("成都国际铁路港经开区管委会服务企业1.5万家。"),
                    para("南宁国际合作产业园建设加快。")},
                   "国际陆港园区速览");
  CHECK(park_of(facts, "73") == "南宁国际铁路港综合保税区");
  CHECK(park_of(facts, "416") == "南宁国际铁路港综合保税区");
  CHECK(park_of(facts, "1.5") == "成都国际铁路港经开区");
  CHECK_FALSE(has_park(facts, "南宁国际合作产业园"));  // 合作 after 国际: still a class
}

TEST_CASE("divisions joined by 、 before one type word are parks of that type each") {
  CollectingSink sink;
  auto facts = run({para("沭阳、泗阳、泗洪经济开发区分别新建党组织41个、36个、28个。"),
                    para("自治区内的呼和浩特、巴彦淖尔经济技术开发区也在学习这一做法。")},
                   "园区党建比拼", &sink);
  CHECK(park_of(facts, "41") == "沭阳经开区");
  CHECK(park_of(facts, "36") == "泗阳经开区");
  CHECK(park_of(facts, "28") == "泗洪经开区");
  CHECK(has_park(facts, "呼和浩特经开区"));
  CHECK(has_park(facts, "巴彦淖尔经开区"));
  CHECK(sink.items.empty());  // no 分别 mismatch: the list is of parks
}

TEST_CASE("a line of a park's name and one figure is a fact of that park, not a heading") {
  ingest::Block a = para("沭阳经济开发区2705家"), b = para("宿迁高新技术产业开发区 980家");
  a.type = b.type = ingest::BlockType::Heading;
  auto facts = run({para("各园区市场主体数量如下。"), a, b,
                    para("全市开发园区共有非公企业党组织1046个，各园区要在年底前实现全覆盖。")},
                   "宿迁：园区党建晾晒比拼");
  CHECK(park_of(facts, "2705") == "沭阳经开区");
  CHECK(park_of(facts, "980") == "宿迁高新区");
}

TEST_CASE("a prefecture-level city written in full before 产业园区 is the city's parks") {
  auto facts = run({para("前三季度，梧州市产业园区完成规上工业总产值865亿元，园区规上工业企业达到742家。"),
                    para("其中，梧州高新技术产业开发区完成规上工业总产值312亿元。")},
                   "梧州市产业园区前三季度稳步增长");
  CHECK_FALSE(has_park(facts, "梧州产业园区"));
  CHECK(park_of(facts, "865") == "梧州市");
  CHECK(park_of(facts, "742") == "梧州市");
  CHECK(park_of(facts, "312") == "梧州高新区");
  auto league = run({para("截至目前，锡林郭勒盟工业园区已组织实施基础设施项目20个。")}, "工业园区建设提速");
  CHECK_FALSE(has_park(league, "锡林郭勒盟工业园区"));
}

TEST_CASE("the country and a delegation before a type word name no park") {
  auto facts = run({para("成立于2004年的东盟经开区,于2013 年升级为中国国家级经济技术开发区,共有企业280多家。"),
                    para("东盟经开区规上企业达到82个。")},
                   "东盟经开区：招大引强");
  CHECK_FALSE(has_park(facts, "中国经开区"));
  CHECK(park_of(facts, "280") == "东盟经开区");
  auto visit = run({para("12月10日,中國開發區協會副秘書長張克勤一行來經開區考察,經開區管委會副主任陪同考察。"),
                    para("座談會上,介紹了天水經開區園區規劃。天水經開區今年新引進項目12個。")},
                   "中國開發區協會副秘書長張克勤一行來經開區考察");  // a title derived from the lead
  CHECK_FALSE(has_park(visit, "张克勤一行来经开区"));
  CHECK(park_of(visit, "12") == "天水经开区");
}

TEST_CASE("a name written once before a specific kind and its organ is a park") {
  auto facts = run({para("漳州台商投资区共有台资企业286家，台商投资区今年新建党组织12个。"),
                    para("同时，古雷港经济开发区党工委打造党建品牌，园区石化企业党组织覆盖率达到91%。"),
                    para("各地要落实园区党工委责任。")},
                   "漳州台商投资区：红色领航");
  CHECK(has_park(facts, "古雷港经开区"));
  CHECK(park_of(facts, "91") == "古雷港经开区");
  CHECK_FALSE(has_park(facts, "落实园区"));
}

TEST_CASE("a heading's spelling without the city before it is the park's name") {
  ingest::Block h = para("藏青工业园：党员先锋岗亮在生产一线");
  h.type = ingest::BlockType::Heading;
  auto facts = run({para("西部园区今年党建工作扎实推进，各园区亮点纷呈。"), h,
                    para("拉萨市藏青工业园今年设立党员先锋岗46个，园区入驻企业达到135家。")},
                   "西部园区党建速览");
  CHECK(park_of(facts, "46") == "藏青工业园");
  CHECK(park_of(facts, "135") == "藏青工业园");
}

TEST_CASE("a class word after a division names a park when the article repeats the name") {
  auto facts = run({para("截至10月底，海南生态软件园累计注册企业1.4万家。前三季度，海南生态软件园实现营业收入1280亿元。"),
                    para("下一步，全省将建设更多江苏数字产业园式的园区，培训骨干500人。")},
                   "海南生态软件园：党建数字双轮驱动");
  CHECK(park_of(facts, "1.4") == "海南生态软件园");
  CHECK(park_of(facts, "1280") == "海南生态软件园");
  CHECK_FALSE(has_park(facts, "江苏数字产业园"));  // written once: a class
}

TEST_CASE("a photo caption with its credit opens no section") {
  auto facts = run({para("智谷科技园党群服务中心　李娜　摄"),
                    para("今年以来，新区推行服务机制，为数据中心企业协调解决电力、网络等问题58个。"),
                    para("和林格尔新区已落地数据中心项目42个，新区党工委建成党群服务阵地9处。")},
                   "和林格尔新区：算力产业链上党旗红");
  CHECK(park_of(facts, "58") == "和林格尔新区");
}

TEST_CASE("parks after an instrument word are the means of the clause not its subject") {
  auto facts = run({para("和林格尔新区党工委把党组织建在产业链上，依托和林格尔新区大数据产业园、智谷科技园等"
                         "“园中园”，建成党群服务阵地9处，覆盖企业党员620名。"),
                    para("和林格尔新区大数据产业园党委组建党员突击队12支。")},
                   "和林格尔新区：算力产业链上党旗红");
  CHECK(park_of(facts, "9") == "和林格尔新区");
  CHECK(park_of(facts, "620") == "和林格尔新区");
}

TEST_CASE("a park inside a park is the subject where its own whole name is written") {
  auto facts = run({para("和林格尔新区已落地数据中心项目42个，和林格尔新区大数据产业园是其中的核心。"),
                    para("大数据产业园党委组建党员突击队12支，前三季度园区实现营业收入86.5亿元。")},
                   "和林格尔新区：算力产业链上党旗红");
  CHECK(park_of(facts, "42") == "和林格尔新区");
  CHECK(park_of(facts, "12") == "和林格尔新区大数据产业园");
  CHECK(park_of(facts, "86.5") == "和林格尔新区大数据产业园");
}

TEST_CASE("a page whose source is a park and whose text names none is that park's") {
  ingest::Corpus c;
  ingest::Article a;
  a.id = "t#1";
  a.file = "t.txt";
  a.title = "开发区推动非公党建提质增效";
  a.meta.source = "杜集经济开发区";
  a.blocks = {para("开发区党工委把抓党建作为工作重点，确定了条件成熟的7家非公企业建立党支部。"),
              para("园区今年新发展党员19名。")};
  c.articles.push_back(std::move(a));
  CollectingSink sink;
  auto facts = extract::extract(c, extract::default_topics_file(), sink);
  CHECK(park_of(facts, "7") == "杜集经开区");
  CHECK(park_of(facts, "19") == "杜集经开区");
}

TEST_CASE("two characters cut from a longer run written once are no park") {
  auto facts = run({para("参观结束后，大家沿途感受枢纽港产业园江津片区建设的最新进展，重庆江津综合保税区入区企业达到73家。")},
                   "支部共建强堡垒");
  CHECK_FALSE(has_park(facts, "纽港产业园"));
}

TEST_CASE("a district's short form of three characters before a specific kind names a park once") {
  auto facts = run({para("全省园区党建工作扎实推进，各地亮点纷呈。"),
                    para("吉安市建立了园区党建推进机制。青山湖高新技术产业园区把党建工作清单量化为31项具体任务。")},
                   "园区党建观察");
  CHECK(park_of(facts, "31") == "青山湖高新区");
}

TEST_CASE("kinds named by their industry are parks after a division") {
  auto facts = run({para("枝江化工园今年新引进企业12家。")}, "园区党建见闻");
  CHECK(park_of(facts, "12") == "枝江化工园");
  auto demo = run({para("枝江高新技术示范园今年新落户项目9个，枝江高新技术示范园党组织覆盖率达到95%。")},
                  "园区党建见闻");
  CHECK(park_of(demo, "9") == "枝江高新技术示范园");
}

TEST_CASE("the national human resources park class gives no junk name") {
  auto facts = run({para("许昌市东城人力资源服务产业园区负责人说，园区入驻机构38家。"),
                    para("据介绍，东城人力资源服务产业园为省级人力资源产业园，服务企业260家。")},
                   "人社服务进园区");
  CHECK_FALSE(has_park(facts, "资源产业园"));
  CHECK(park_of(facts, "38").find("东城人力资源服务产业园") != std::string::npos);
}

TEST_CASE("a state-level new area written twice is a park") {
  auto facts = run({para("今年以来，湘江新区把党建工作纳入重点任务，新引进项目25个。目前，湘江新区已集聚企业300家。")},
                   "新区党建赋能产业");
  CHECK(park_of(facts, "25") == "湘江新区");
  CHECK(park_of(facts, "300") == "湘江新区");
}

TEST_CASE("a park inside a new area named once by its industry is a park and the area is not") {
  auto facts = run({para("白银高新区今年入驻企业达到320家，新建党组织15个。"),
                    para("近日，省里认定白银高新区（新材料）、天府新区医药园区（生物医药）等12家园区为代表性园区。")},
                   "代表性园区名单公布");
  CHECK(has_park(facts, "天府新区医药园区"));
  CHECK_FALSE(has_park(facts, "天府新区"));
  CHECK(park_of(facts, "320") == "白银高新区");
}

TEST_CASE("class words closing a name of its own after a division keep the whole name") {
  auto facts = run({para("目前，遵义市汇川区青杠特色食品产业园一期已经建成，入驻企业15家。")},
                   "园区招商热潮涌动");
  CHECK(park_of(facts, "15").find("青杠特色食品产业园") != std::string::npos);
  CHECK_FALSE(has_park(facts, "特色食品产业园"));
}
