// Tests of general Chinese naming facts for parks and regions, on made-up articles: a declared
// compound short name, a park's former name, partner-country prefixes, parks inside parks named
// once, 师市 regions, and the rest of a city-wide sentence.
#include <algorithm>

#include <catch2/catch.hpp>

#include "extract/extract.h"
#include "extract_test_support.h"
#include "ingest/ingest.h"

using namespace ptbrief;
using extracttest::para;

namespace {

extract::Facts run(std::vector<ingest::Block> blocks, const std::string& title) {
  return extracttest::facts_of(extracttest::article(std::move(blocks), title));
}

const extract::Figure* figure(const extract::Facts& f, const std::string& value) {
  for (const auto& x : f.figures)
    if (x.value == value) return &x;
  return nullptr;
}

std::string park_of(const extract::Facts& f, const std::string& value) {
  const auto* x = figure(f, value);
  return x ? x->park : std::string("(no figure " + value + ")");
}

bool has_alias(const extract::Park& p, const std::string& alias) {
  return std::find(p.aliases.begin(), p.aliases.end(), alias) != p.aliases.end();
}

}  // namespace

TEST_CASE("a declared short name keeps the abbreviation of the zone that holds the park") {
  auto facts = run({para("山西转型综合改革示范区阳泉开发区（以下简称“综改区阳泉开发区”）位于阳泉市东部。"
                         "开发区党工委组建党建联盟5个，吸纳企业党组织48个。"),
                    para("综改区阳泉开发区今年新签约项目17个。")},
                   "综改区阳泉开发区：党建联盟串起产业链");
  CHECK(park_of(facts, "5") == "综改区阳泉开发区");
  CHECK(park_of(facts, "48") == "综改区阳泉开发区");
  CHECK(park_of(facts, "17") == "综改区阳泉开发区");
  CHECK(extract::find_park(facts, "阳泉开发区") == extract::find_park(facts, "综改区阳泉开发区"));
}

TEST_CASE("a division before the declared name is still dropped") {
  auto facts = run({para("江苏盐城经济技术开发区（以下简称“江苏盐城经开区”）新建党群服务站6个。")},
                   "园区党建见闻");
  CHECK(park_of(facts, "6") == "盐城经开区");
}

TEST_CASE("the rest of a city-wide sentence stays with the city when it says 园区") {
  auto facts = run({para("观摩会在张掖经济技术开发区举行。会上通报，全市4个省级以上开发区共建立党组织86个，"
                         "党员1530名，园区党组织覆盖率达到93%。"),
                    para("张掖经开区党工委介绍，园区今年新建党群服务站5个。")},
                   "张掖市园区党建观摩会举行");
  CHECK(park_of(facts, "86") == "张掖市");
  CHECK(park_of(facts, "1530") == "张掖市");
  CHECK(park_of(facts, "93") == "张掖市");
  CHECK(park_of(facts, "5") == "张掖经开区");
}

TEST_CASE("园区 after a clause about the city's parks, in one sentence, means them") {
  auto facts = run({para("据了解，全市7个省级以上开发区均已成立党工委，建成园区党群服务中心9个。"),
                    para("丰城高新技术产业开发区（以下简称“丰城高新区”）推行“一企一策”服务机制。"
                         "丰城高新区今年走访企业320家，丰城高新区新建党组织16个。"),
                    para("樟树经开区组建党员先锋队12支。")},
                   "宜春：园区党建提质增效");
  CHECK(park_of(facts, "9") == "宜春市");
  CHECK(park_of(facts, "320") == "丰城高新区");
}

TEST_CASE("a corps division and its city (师市合一) are one region") {
  auto facts = run({para("兵团第八师石河子经济技术开发区新建“红色驿站”6个，服务企业150余家。"),
                    para("第八师石河子市今年新发展非公企业党员230名，其中经开区占到一半。")},
                   "石河子经开区：驿站服务到企业");
  CHECK(park_of(facts, "6") == "石河子经开区");
  CHECK(park_of(facts, "230") == "石河子市");
}

TEST_CASE("a park inside a park named once in full and once by its own name is a park") {
  auto facts = run({para("金秋时节，牡丹江高新区的生产线上一派繁忙景象，企业订单饱满。"),
                    para("牡丹江高新区新能源装备产业园党建联盟成员开展技术交流。"),
                    para("今年以来，牡丹江高新技术产业开发区新组建企业党组织14个。在新能源装备产业园，"
                         "高新区组织党员攻关项目21项。")},
                   "牡丹江高新区：党建链接产业链");
  const auto* inner = extract::find_park(facts, "牡丹江高新区新能源装备产业园");
  REQUIRE(inner != nullptr);
  CHECK(inner->name == "牡丹江高新区新能源装备产业园");
  CHECK(park_of(facts, "14") == "牡丹江高新区");
}

TEST_CASE("partner countries before the city are part of a cooperation park's name") {
  auto facts = run({para("中德沈阳产业园区（以下简称“中德产业园”）党工委推行“双语党课”制度。"),
                    para("中德产业园已建立企业党组织31个。")},
                   "国际合作园区的党建实践");
  const auto* p = extract::find_park(facts, "中德沈阳产业园区");
  REQUIRE(p != nullptr);
  CHECK(p->name == "中德产业园");
  CHECK(has_alias(*p, "中德沈阳产业园区"));
  CHECK_FALSE(has_alias(*p, "沈阳产业园区"));
  CHECK(park_of(facts, "31") == "中德产业园");
}

TEST_CASE("a park's former name in the parenthesis after its name is an alias, not a park") {
  auto facts = run({para("赣州市瑞金经济技术开发区（原瑞金工业园区，2013年升级为国家级开发区，以下简称“瑞金经开区”）"
                         "深挖红色资源。瑞金经开区已建立企业党组织64个。")},
                   "红色资源赋能园区党建");
  const auto* p = extract::find_park(facts, "瑞金工业园区");
  REQUIRE(p != nullptr);
  CHECK(p->name == "瑞金经开区");
  int parks = 0;
  for (const auto& x : facts.parks)
    if (!x.is_region) ++parks;
  CHECK(parks == 1);
  CHECK(park_of(facts, "64") == "瑞金经开区");
}

TEST_CASE("a park inside a park that opens a sentence is its subject, not the outer park") {
  auto facts = run({para("温州智造新城党工委把党组织建在产业平台上，在新能源产业园、电子信息产业园分别成立"
                         "产业园党委，园区两新组织党组织达到120个。"),
                    para("温州智造新城新能源产业园是省级新能源产业基地，园区党委今年已促成技术合作项目27个。")},
                   "温州智造新城：党建链上强产业");
  CHECK(park_of(facts, "120") == "温州智造新城");
  CHECK(park_of(facts, "27") == "温州智造新城新能源产业园");
}

TEST_CASE("a park named once before 等园区 is a park, even after a function word") {
  auto facts = run({para("莆田市委组织部有关负责人介绍，全市两新组织党组织已达980个，莆田市今年将在"
                         "湄洲湾投资区等园区推广“侨企党建”经验。")},
                   "莆田：园区党建观察");
  CHECK(extract::find_park(facts, "湄洲湾投资区") != nullptr);
}

TEST_CASE("a descriptive word far before the city leaves the city's park a park") {
  // A headline run into a photo caption by the page layout: 擦亮党建底色|牡丹江高新区….
  auto facts = run({para("党建底色牡丹江高新区新能源装备产业园党建联盟成员单位党员在开展技术交流。"),
                    para("今年以来，在新能源装备产业园，高新区牵头组建服务队5支。")},
                   "园区党建见闻");
  CHECK(extract::find_park(facts, "牡丹江高新区") != nullptr);
  CHECK(extract::find_park(facts, "牡丹江高新区新能源装备产业园") != nullptr);
}

TEST_CASE("a park renamed in the text (A更名为B) is one park under its new name") {
  auto facts = run({para("2020年，营口保税区更名为营口综合保税区。营口综合保税区党委今年新建党组织11个，"
                         "综合保税区党员服务队开展服务活动46场。")},
                   "营口综保区：党建护航外贸");
  const auto* p = extract::find_park(facts, "营口保税区");
  REQUIRE(p != nullptr);
  CHECK(p == extract::find_park(facts, "营口综合保税区"));
  CHECK(park_of(facts, "11") == p->name);
}

TEST_CASE("全市 in an article about a district's park of a municipality is the municipality") {
  auto facts = run({para("近日，重庆永川高新区召开党建推进会。永川高新区组建产业链党组织6个。"
                         "全市目前已有14个园区开展试点，覆盖企业党组织超过800个。")},
                   "永川高新区：党建链上强产业");
  CHECK(park_of(facts, "6") == "永川高新区");
  CHECK(park_of(facts, "14") == "重庆市");
  CHECK(park_of(facts, "800") == "重庆市");
}

TEST_CASE("an autonomous prefecture is named the short way the article writes it") {
  auto facts = run({para("大理高新技术产业开发区（以下简称“大理高新区”）党工委今年新建党组织12个。"
                         "全州今年新建非公企业党组织53个。"),
                    para("（大理州融媒体中心）")},
                   "大理高新区：党建引领园区发展");
  CHECK(park_of(facts, "12") == "大理高新区");
  CHECK(park_of(facts, "53") == "大理州");
}

TEST_CASE("after a figure, a 、 item that opens with another park is that park's") {
  auto facts = run({para("营口高新区与鞍山高新区共建党建联盟。联盟首批成员包括营口高新区企业党组织31个、"
                         "鞍山高新区企业党组织21个。")},
                   "两地高新区共建党建联盟");
  CHECK(park_of(facts, "31") == "营口高新区");
  CHECK(park_of(facts, "21") == "鞍山高新区");
}

TEST_CASE("a practice the headline names with its park is that park's") {
  auto facts = run({para("近日，重庆永川高新区召开产业链党建推进会，永川高新区组建产业链党组织6个。"
                         "全市目前已有14个园区开展“链上共建”试点。")},
                   "永川高新区 | “链上共建”让企业抱团发展");
  bool found = false;
  for (const auto& p : facts.practices)
    if (p.name == "链上共建") {
      found = true;
      CHECK(p.park == "永川高新区");
    }
  CHECK(found);
}

TEST_CASE("a practice two parks set up together is each park's") {
  auto facts = run({para("盘锦高新区与锦州高新区签订党建联建协议，共同成立“渤海两岸”产业链党建联盟。"
                         "盘锦高新区今年新建党组织9个。")},
                   "两地高新区共建党建联盟");
  std::vector<std::string> owners;
  for (const auto& p : facts.practices)
    if (p.name == "渤海两岸") owners.push_back(p.park);
  std::sort(owners.begin(), owners.end());
  CHECK(owners == std::vector<std::string>{"盘锦高新区", "锦州高新区"});
}

TEST_CASE("the places of both sides (两地, 各地) before a type word name no park") {
  auto facts = run({para("营口高新区与鞍山高新区共建党建联盟，营口高新区今年新建党组织8个。")},
                   "两地高新区共建党建联盟");
  CHECK(extract::find_park(facts, "两地高新区") == nullptr);
  CHECK(park_of(facts, "8") == "营口高新区");
}

TEST_CASE("a date before a 分别 list over parks does not split the list") {
  auto facts = run({para("据统计，今年1至9月宁国开发区、广德经开区规上工业产值分别增长12.4%、15.1%。"),
                    para("宁国经济技术开发区（以下称“宁国开发区”）新建党组织8个。广德经开区新建党组织6个。")},
                   "宣城：园区党建激活县域动能");
  CHECK(park_of(facts, "12.4") == "宁国开发区");
  CHECK(park_of(facts, "15.1") == "广德经开区");
}

TEST_CASE("a park the article abbreviates without its city is named as the article does") {
  // The title and lead write the county-level city before the park; the body drops it.
  auto facts = run({para("在海安市李堡工业集中区，一批新材料项目加快建设。"),
                    para("今年以来，李堡工业集中区党委推行“红色帮办”服务，新签约项目14个。"),
                    para("李堡工业集中区现有入驻企业83家，其中规上企业37家。")},
                   "海安市李堡工业集中区：帮办服务跑出加速度");
  CHECK(park_of(facts, "14") == "李堡工业集中区");
  CHECK(park_of(facts, "83") == "李堡工业集中区");
  const extract::Park* p = extract::find_park(facts, "海安市李堡工业集中区");
  REQUIRE(p != nullptr);
  CHECK(p->name == "李堡工业集中区");
}

TEST_CASE("the section of a newspaper or website is no park") {
  auto facts = run({para("盐城日报·园区周刊　2026年10月9日"),
                    para("大丰经济开发区党工委组建产业链党建联盟3个，服务企业126家。"),
                    para("扫码关注盐城日报园区周刊")},
                   "大丰经济开发区：联盟连起产业链");
  CHECK(park_of(facts, "126") == "大丰经开区");
  for (const auto& p : facts.parks) CHECK(p.name.find("日报") == std::string::npos);
}

TEST_CASE("a name written once after a city keeps every character before the type word") {
  // City + a tail that is no division, written once: 龙岩白鹭湾综保区, not 龙岩鹭湾综保区.
  auto facts = run({para("龙岩高新区党工委召开会议。"),
                    para("会上通报，龙岩白鹭湾综保区上半年进出口86亿元，同比增长12.5%。")},
                   "龙岩高新区召开党建工作会议");
  const auto* zone = extract::find_park(facts, "龙岩白鹭湾综保区");
  REQUIRE(zone != nullptr);
  CHECK(zone->name == "龙岩白鹭湾综保区");
  CHECK(extract::find_park(facts, "龙岩鹭湾综保区") == nullptr);
  CHECK(park_of(facts, "86") == "龙岩白鹭湾综保区");
}

TEST_CASE("a province before a district of its own is no part of a park's name") {
  auto facts = run({para("湖北东西湖经济开发区党工委组建产业链党委3个，覆盖企业126家。")},
                   "产业链上建支部");
  const auto* park = extract::find_park(facts, "东西湖经开区");
  REQUIRE(park != nullptr);
  CHECK(park->name == "东西湖经开区");
  CHECK(park_of(facts, "126") == "东西湖经开区");
}

TEST_CASE("counts, periods, kinds and visits are no park names") {
  auto facts = run({para("德化经开区党工委深化园区党建。"),
                    para("日前，市领导到德化经济开发区调研园区企业党建工作。"),
                    para("今年，江西首个内陆口岸综保区获批设立，这是全省第一个枢纽型综保区。"),
                    para("德化经开区规上工业产值同比增长9.6%。")},
                   "上半年经开区工业经济稳中有进");
  for (const auto& p : facts.parks) {
    INFO(p.name);
    CHECK(p.name.find("上半年") == std::string::npos);
    CHECK(p.name.find("调研") == std::string::npos);
    CHECK(p.name.find("口岸") == std::string::npos);
    CHECK(p.name.find("型") == std::string::npos);
  }
  CHECK(park_of(facts, "9.6") == "德化经开区");
}

TEST_CASE("an industry written after a city or county names a park") {
  auto facts = run({para("仁怀经开区抓实项目建设。年内，仁怀化工产业园通过省级化工园区认定复核，"
                         "入园企业达到43家。"),
                    para("全省化工园区整治提升工作持续推进。")},
                   "仁怀经开区：项目建设提速");
  REQUIRE(extract::find_park(facts, "仁怀化工产业园") != nullptr);
  for (const auto& p : facts.parks) CHECK(p.name != "化工园区");
}

TEST_CASE("three parks of one type joined by 、 are parks, each with its own value") {
  auto facts = run({para("西宁经开区一季度固定资产投资增长10.5%。各园区投资接续发力，"
                         "城东工业园区、湟中工业园区、海湖工业园区投资分别增长10.3%、7.6%、12.1%。"
                         "大项目投资带动明显，完成投资亿元以上项目8个，占全部投资的83.4%。")},
                   "西宁经开区投资开局良好");
  CHECK(park_of(facts, "10.3") == "城东工业园区");
  CHECK(park_of(facts, "7.6") == "湟中工业园区");
  CHECK(park_of(facts, "12.1") == "海湖工业园区");
  CHECK(park_of(facts, "10.5") == "西宁经开区");
  // The list named its items for that clause only: the paragraph is still the main park's.
  CHECK(park_of(facts, "83.4") == "西宁经开区");
}

TEST_CASE("a bonded zone named after its city and the zone that holds it is a park") {
  // City + 高新 + 综合保税区; a part in （含…） is not the clause's subject.
  auto facts = run({para("近日，昆明高新综合保税区发展绩效评估获评A类。"),
                    para("2024年，该保税区（含呈贡园区）实现进出口值312亿元，同比增长9.4%。"
                         "昆明高新综合保税区今年新引进企业18家。"),
                    para("呈贡园区重点发展电子信息产业。")},
                   "昆明高新综合保税区绩效评估获评A类");
  REQUIRE(extract::find_park(facts, "昆明高新综保区") != nullptr);
  CHECK(park_of(facts, "312") == extract::find_park(facts, "昆明高新综保区")->name);
  CHECK(park_of(facts, "18") == extract::find_park(facts, "昆明高新综保区")->name);
}

TEST_CASE("a municipality in the headline does not take the figures of a park named throughout") {
  // A site's name as the first line (重庆市…门户网站), then an article on one zone.
  auto facts = run({para("连续三年获评A类 西永综保区发展绩效领跑西部"),
                    para("近日，西永综保区再次获评A类，综保区坚持以党建引领开放发展。"),
                    para("全面提升综保区竞争力。上半年，西永完成进出口总值865亿元，新增注册企业42家。")},
                   "重庆市政府门户网站 政务邮箱");
  CHECK(park_of(facts, "865") == "西永综保区");
  CHECK(park_of(facts, "42") == "西永综保区");
}
