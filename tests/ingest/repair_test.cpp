// Each repair rule on small made-up cases.
#include "ingest/repair.h"
#include "ingest/segment.h"
#include "ingest_test_support.h"

using namespace ptbrief;
using namespace ptbrief::ingest;

TEST_CASE("width: full-width digits and Latin become ASCII, Chinese punctuation stays",
          "[ingest][repair]") {
  CHECK(normalize_string("共有１２３家ＡＢＣ企业，占５０％。") == "共有123家ABC企业，占50%。");
  CHECK(normalize_string("党组织＋商圈＋商户") == "党组织+商圈+商户");
}

TEST_CASE("width: half-width punctuation in Chinese text becomes full-width",
          "[ingest][repair]") {
  CHECK(normalize_string("今天,我们开会;讨论:问题?好!") == "今天，我们开会；讨论：问题？好！");
  CHECK(normalize_string("标准(试行)规定") == "标准（试行）规定");
  CHECK(normalize_string("规范(GSP)要求") == "规范（GSP）要求");
}

TEST_CASE("width: ASCII stays ASCII in Latin and number context", "[ingest][repair]") {
  CHECK(normalize_string("按照300元/月标准") == "按照300元/月标准");
  CHECK(normalize_string("实施1+1+4+n模式") == "实施1+1+4+n模式");
  CHECK(normalize_string("满意率97.7%") == "满意率97.7%");
  CHECK(normalize_string("依据GB/T 15834执行") == "依据GB/T 15834执行");
  CHECK(normalize_string("共1,033件于12:30") == "共1,033件于12:30");
  CHECK(normalize_string("f(x) = y, z") == "f(x) = y, z");
}

TEST_CASE("quotes: straight quotes become curly, keeping open and close", "[ingest][repair]") {
  CHECK(normalize_string("坚持\"党建链\"赋能\"发展链\"") == "坚持“党建链”赋能“发展链”");
  CHECK(normalize_string("组建7个'星火攻坚组'") == "组建7个‘星火攻坚组’");
  CHECK(normalize_string("\"来解决\"\"我们在\"") == "“来解决”“我们在”");
  CHECK(normalize_string("已有“党建链”和\"发展链\"") == "已有“党建链”和“发展链”");
}

TEST_CASE("blanks next to full-width punctuation go, headline spaces stay", "[ingest][repair]") {
  CHECK(normalize_string("开发区: 抓实党建 助力发展") == "开发区：抓实党建 助力发展");
  CHECK(normalize_string("介绍。” 自贡") == "介绍。”自贡");
  CHECK(normalize_string("擎党建之旗 聚发展合力") == "擎党建之旗 聚发展合力");
}

TEST_CASE("extraction spacing: removed between Chinese characters only in noisy files",
          "[ingest][repair]") {
  const std::string noisy =
      "如何将党建工作与园区产 业发展同步推进?这是国家高 新区党建工作的一道重要课题,也是 "
      "各地正在探索的方向之 一。\n\n"
      "近年来,高新区始终坚 持\"党建链\"赋能\"发展链\",创新 构建融合生态,将组织优势转化为发 "
      "展动能,形成党建与业务互促共 赢的生动局面,并在5G 基站建设中依据GB/T 15834 推进。\n";
  std::string text = test::blocks_of(test::run(noisy));
  CHECK(text.find("园区产业发展") != std::string::npos);
  CHECK(text.find("始终坚持“党建链”") != std::string::npos);
  CHECK(text.find("GB/T 15834") != std::string::npos);
  // A clean file keeps its deliberate spaces between Han characters.
  const std::string clean =
      "组织开展“发展纾难 共谋未来”政企对接座谈会、心理成长小课堂、链上企业团建等活动十余场次，"
      "邀请职能部门、行业协会、专家学者定期开展专题培训。\n";
  CHECK(test::blocks_of(test::run(clean)).find("发展纾难 共谋未来") != std::string::npos);
}

TEST_CASE("extraction spacing: detection needs most long lines to be gappy", "[ingest][repair]") {
  std::vector<Line> lines(2);
  auto set = [](Line& l, const std::string& s) {
    l.text.clear();
    for (char32_t c : from_utf8(s)) l.text.push_back({c, 0, 0});
  };
  set(lines[0], "激活非公党建力量 助推安徽开发区高质量发展 “红色堡垒”筑牢企业筋骨 “金字招牌”铸就“红色引擎”");
  set(lines[1], "改革开放以来，随着非公有制经济的不断发展，非公企业党建发挥着不可替代的政治核心和引领作用，"
                "非公党建是企业提升的“助燃剂”。");
  CHECK_FALSE(has_extraction_spacing(lines));
}

TEST_CASE("debris: vertical-text runs and lone characters are dropped", "[ingest][repair]") {
  const std::string raw =
      "园区项目建设提速增效，企业满意度持续提升。\n\n力\n\n重\n\n项\n\n目\n\n97.7%\n\n"
      "江 助阴 高 新\n\nЩ 高 新 区即\n\n下一步，园区将继续推进项目建设。\n";
  auto articles = test::run(raw);
  REQUIRE(articles.size() == 1);
  REQUIRE(articles[0].blocks.size() == 2);
  for (const auto& b : articles[0].blocks) CHECK(from_utf8(b.text).size() > 2);
}

TEST_CASE("debris: sidebar characters interleaved into column text are dropped",
          "[ingest][repair]") {
  const std::string raw =
      "园区持续推进项目 建设并取得了明显 成效,各项工作有序 推进。\n\n"
      "加 江阴高新区充分发挥党员先锋模范作 速 用,推行\"管委会领导统筹协调+相关部门 道 "
      "重点负责\"的挂钩联系制度,实现服务力 量下沉到底。\n\n"
      "沃太能源是重点打造的党建工作先进典型企 ルラー业,发展势头良 好,成效明 显。\n";
  std::string text = test::blocks_of(test::run(raw));
  CHECK(text.find("江阴高新区充分发挥党员先锋模范作用，推行“管委会领导统筹协调+相关部门重点负责”") !=
        std::string::npos);
  CHECK(text.find("ルラー") == std::string::npos);
  CHECK(text.find("典型企业") != std::string::npos);
}

TEST_CASE("breaks: a paragraph cut by a page break is rejoined across captions",
          "[ingest][repair]") {
  const std::string raw =
      "园区动态\n\n协调解决党建工作和产业\n\n\n\n▲园区街景鸟瞰。\n\n▲园区开展活动。\n\n"
      "发展的重点难点问题，实现双向赋能。\n\n会议指出，工作要落到实\n\n会议要求，各部门要提高站位。\n";
  auto articles = test::run(raw);
  REQUIRE(articles.size() == 1);
  std::string text = test::blocks_of(articles);
  CHECK(text ==
        "title|园区动态\n"
        "paragraph|协调解决党建工作和产业发展的重点难点问题，实现双向赋能。\n"
        "caption|园区街景鸟瞰。\ncaption|园区开展活动。\n"
        "paragraph|会议指出，工作要落到实\nparagraph|会议要求，各部门要提高站位。\n");
}

TEST_CASE("classify: captions after an image gap, bylines, notes, headings", "[ingest][repair]") {
  const std::string raw =
      "\n\n\n\n车间里工人正在生产。\n\n# 擎党建之旗 聚发展合力\n\n## ——园区发展纪实\n\n"
      "□ 记者 吴善良\n\n园区第一段正文，内容较长一些，讲述了发展的故事。\n\n"
      "### 产业链上党旗红\n\n园区第二段正文。(记者张三、李四综合报道)\n\n"
      "(本版图片均由园区党工委提供)\n";
  auto articles = test::run(raw);
  REQUIRE(articles.size() == 1);
  CHECK(articles[0].title == "擎党建之旗 聚发展合力");
  CHECK(articles[0].byline == "记者 吴善良");
  CHECK(test::blocks_of(articles) ==
        "caption|车间里工人正在生产。\n"
        "title|擎党建之旗 聚发展合力\ntitle|——园区发展纪实\nbyline|记者 吴善良\n"
        "paragraph|园区第一段正文，内容较长一些，讲述了发展的故事。\n"
        "heading|产业链上党旗红\nparagraph|园区第二段正文。\n"
        "byline|记者张三、李四综合报道\nnote|（本版图片均由园区党工委提供）\n");
}

TEST_CASE("classify: two-line headings without blank lines", "[ingest][repair]") {
  const std::string raw =
      "园区综述\n夏海军 自贡网记者 缪静\n第一段正文讲述了园区的发展。\n深化融合发展\n"
      "党组织发挥政治引领作用\n第二段正文。\n";
  auto articles = test::run(raw);
  REQUIRE(articles.at(0).blocks.size() == 6);
  CHECK(articles[0].byline == "夏海军 自贡网记者 缪静");
  CHECK(articles[0].blocks[3].type == BlockType::Heading);
  CHECK(articles[0].blocks[3].level == 1);
  CHECK(articles[0].blocks[4].level == 2);
}

TEST_CASE("articles: 本报讯 opens a new article with a derived title", "[ingest][repair]") {
  const std::string raw =
      "园区厚植发展沃土\n\n▶ 本报记者 刘琴\n\n第一篇的正文。\n\n"
      "本报讯 近日,某某园区召开季度点评会。会议听取情况。 宋腾\n\n"
      "本报讯 今年以来,某某园区党工委深入落实\"一线冲锋\"行动,全力推动项目。\n";
  auto articles = test::run(raw);
  REQUIRE(articles.size() == 3);
  CHECK(articles[0].title == "园区厚植发展沃土");
  CHECK_FALSE(articles[0].title_derived);
  CHECK(articles[0].byline == "本报记者 刘琴");
  CHECK(articles[1].id == "t#2");
  CHECK(articles[1].title == "某某园区召开季度点评会");
  CHECK(articles[1].title_derived);
  CHECK(articles[1].byline == "宋腾");
  CHECK(articles[2].title == "某某园区党工委深入落实“一线冲锋”行动");
}

TEST_CASE("derive_title drops datelines and time phrases", "[ingest][repair]") {
  auto t = [](const std::string& s) {
    Text x;
    for (char32_t c : from_utf8(s)) x.push_back({c, 0, 0});
    return derive_title(x);
  };
  CHECK(t("本报讯 3月18日，园区召开大会，部署工作。") == "园区召开大会");
  CHECK(t("园区今年实现增长。") == "园区今年实现增长");
}

TEST_CASE("sentences split after 。！？； and closing quotes", "[ingest][repair]") {
  const std::string s = "他说：“好。”我们走吧！真的？是的；结束……后记";
  auto ss = split_sentences(s);
  std::vector<std::string> parts;
  for (auto x : ss) parts.push_back(s.substr(x.begin, x.end - x.begin));
  CHECK(parts == std::vector<std::string>{"他说：“好。”", "我们走吧！", "真的？", "是的；",
                                          "结束……", "后记"});
}

TEST_CASE("pinyin glosses after characters are dropped, other parentheses stay", "[ingest][repair]") {
  auto articles = test::run("百家園區學(xué)經驗\n\n全省開(kāi)發(fā)園區非公黨建工作現場(chǎng)會在長(cháng)豐雙鳳經(jīng)濟開(kāi)發(fā)區召開，"
                      "規范(GSP)要求與f(x)不變。\n");
  std::string text = test::blocks_of(articles);
  INFO(text);
  CHECK(text.find("開發園區非公黨建工作現場會在長豐雙鳳經濟開發區召開") != std::string::npos);
  CHECK(text.find("(xué)") == std::string::npos);
  CHECK(text.find("（GSP）") != std::string::npos);
}

TEST_CASE("a pinyin gloss of a whole word is dropped too", "[ingest][repair]") {
  // Sites that gloss words, not characters: 增长(zēngzhǎng), 技术开发区(jìshùkāifāqū).
  auto articles = test::run("园区规模工业产值同比增长(zēngzhǎng)(zēngzhǎng)7.3%，"
                            "安宁经济技术开发区(jìshùkāifāqū)位列前茅。\n");
  std::string text = test::blocks_of(articles);
  INFO(text);
  CHECK(text.find("同比增长7.3%") != std::string::npos);
  CHECK(text.find("安宁经济技术开发区位列前茅") != std::string::npos);
}
