// Article headers (front matter, 来源：/发布日期： lead lines) become fields, never text; datelines
// and bylines (本报讯（记者 李明）, 记者 X 摄) become byline blocks, never body text; the
// offset map stays exact. All text here is made up.
#include <catch2/catch.hpp>

#include "ingest/ingest.h"
#include "ingest/metadata.h"

using namespace ptbrief;
using namespace ptbrief::ingest;

namespace {

std::vector<Article> run(const std::string& raw, CollectingSink* into = nullptr) {
  CollectingSink local;
  return ingest_bytes(raw, "t.txt", into ? *into : local);
}

std::string body_text(const std::vector<Article>& articles) {
  std::string s;
  for (const auto& a : articles)
    for (const auto& b : a.blocks)
      if (b.type == BlockType::Paragraph || b.type == BlockType::Heading ||
          b.type == BlockType::Title)
        s += b.text + "\n";
  return s;
}

// Every character of every block maps to raw bytes that hold that same character.
void check_offsets(const std::string& raw, const std::vector<Article>& articles) {
  for (const auto& a : articles)
    for (const auto& b : a.blocks)
      for (std::size_t i = 0; i < b.char_sources.size(); ++i) {
        const auto& c = b.char_sources[i];
        if (c.raw_start >= c.raw_end) continue;
        const std::size_t next =
            i + 1 < b.char_sources.size() ? b.char_sources[i + 1].text_offset : b.text.size();
        const std::string ch = b.text.substr(c.text_offset, next - c.text_offset);
        const std::string src = raw.substr(c.raw_start, c.raw_end - c.raw_start);
        INFO(ch << " vs raw " << src);
        // Width and punctuation repair may change a character, never move it: ASCII and
        // Chinese text is compared where it was not repaired.
        if (ch.size() == src.size() && ch != "，" && ch != "：" && ch != "“" && ch != "”")
          CHECK(ch == src);
      }
}

}  // namespace

TEST_CASE("front matter between --- lines fills the article's fields and leaves its text") {
  const std::string raw =
      "---\n"
      "title: 青禾高新区党建引领产业升级\n"
      "source: 青禾日报\n"
      "date: 2025-10-14\n"
      "page: 第3版\n"
      "url: https://example.org/qh/1014.html\n"
      "---\n"
      "青禾高新区党建引领产业升级\n\n"
      "近年来，青禾高新区党工委新建非公企业党组织12个，覆盖率提升至91%。\n";
  auto articles = run(raw);
  REQUIRE(articles.size() == 1);
  const Article& a = articles[0];
  CHECK(a.title == "青禾高新区党建引领产业升级");
  CHECK_FALSE(a.title_derived);
  CHECK(a.meta.source == "青禾日报");
  CHECK(a.meta.date == "2025-10-14");
  CHECK(a.meta.page == "第3版");
  CHECK(a.meta.url == "https://example.org/qh/1014.html");
  const std::string text = body_text(articles);
  CHECK(text.find("source") == std::string::npos);
  CHECK(text.find("青禾日报") == std::string::npos);
  CHECK(text.find("---") == std::string::npos);
  check_offsets(raw, articles);
}

TEST_CASE("a site's 信息来源 key glued to the next key is read as the source") {
  const std::string raw =
      "浏览次数:862 信息来源: 枣阳经济开发区发布时间:2026-08-19 |\n\n"
      "开发区党工委今年新建非公企业党组织12个，园区党建工作提质增效。\n";
  auto articles = run(raw);
  REQUIRE(articles.size() == 1);
  CHECK(articles[0].meta.source == "枣阳经济开发区");
  CHECK(articles[0].meta.date == "2026-08-19");
}

TEST_CASE("plain lead lines 来源：… 发布时间：… are read into fields, not text") {
  const std::string raw =
      "松岭经开区打造红色服务驿站\n"
      "发布时间：2024年6月3日 10:20  来源：松岭新闻网  作者：周明\n"
      "责任编辑：王芳\n\n"
      "今年以来，松岭经开区建成党群服务驿站8个，服务企业职工1.2万人次。\n";
  auto articles = run(raw);
  REQUIRE(articles.size() == 1);
  CHECK(articles[0].meta.source == "松岭新闻网");
  CHECK(articles[0].meta.date == "2024-06-03");
  CHECK(articles[0].meta.author == "周明");
  const std::string text = body_text(articles);
  CHECK(text.find("来源") == std::string::npos);
  CHECK(text.find("责任编辑") == std::string::npos);
  CHECK(text.find("服务驿站8个") != std::string::npos);
  check_offsets(raw, articles);
}

TEST_CASE("a 来源 sentence in the body is text, not a header") {
  auto articles = run(
      "标题一行\n\n"
      "该项目的资金来源：一是财政拨款，二是企业自筹，三是社会捐赠，三项合计覆盖全部建设费用，"
      "园区共投入资金500万元。\n"
      "来源：这一行在正文之后，不再读作来源。\n");
  CHECK(articles.at(0).meta.source.empty());
  CHECK(body_text(articles).find("不再读作来源") != std::string::npos);
}

TEST_CASE("an unknown front-matter key or an unclosed header is a warning with its line") {
  CollectingSink sink;
  auto articles = run("---\ntitle: 某园区\nweather: 晴\n---\n某园区新建党支部5个。\n", &sink);
  REQUIRE(sink.count(Severity::Warning) == 1);
  CHECK(sink.items.at(0).code == "ingest.front_matter_key");
  CHECK(sink.items.at(0).line == 3);
  CHECK(sink.items.at(0).file == "t.txt");
  CHECK(articles.at(0).title == "某园区");

  CollectingSink open;
  auto kept = run("---\ntitle: 没有结尾\n某园区新建党支部5个。\n", &open);
  REQUIRE(open.count(Severity::Warning) == 1);
  CHECK(open.items.at(0).code == "ingest.front_matter_open");
  CHECK(open.items.at(0).line == 1);
  CHECK(body_text(kept).find("新建党支部5个") != std::string::npos);
}

TEST_CASE("dates are read in the usual written forms") {
  CHECK(iso_date("2025-11-03") == "2025-11-03");
  CHECK(iso_date("2025/1/3 08:00") == "2025-01-03");
  CHECK(iso_date("2025.11.3") == "2025-11-03");
  CHECK(iso_date("2025年11月3日") == "2025-11-03");
  CHECK(iso_date("去年冬天") == "去年冬天");
  CHECK(iso_date("2025-13-01") == "2025-13-01");
}

TEST_CASE("a dateline with its byline is a byline block, never part of the paragraph") {
  const std::string raw =
      "石桥开发区党建引领项目建设\n\n"
      "本报讯（记者 李明 通讯员 王红）日前，石桥开发区党工委组织党员突击队深入项目一线，"
      "协调解决问题26个。\n\n"
      "本报东川讯（记者 赵一鸣）今年以来，东川经开区新建党支部9个。\n\n"
      "新华社南州3月5日电（记者 孙浩）南州高新区今年新增党员120名。\n";
  auto articles = run(raw);
  const std::string text = body_text(articles);
  CHECK(text.find("记者") == std::string::npos);
  CHECK(text.find("本报") == std::string::npos);
  CHECK(text.find("新华社") == std::string::npos);
  CHECK(text.find("日前，石桥开发区党工委") != std::string::npos);
  CHECK(text.find("今年以来，东川经开区") != std::string::npos);
  // 本报…讯 still opens a new article; its dateline is the article's byline.
  REQUIRE(articles.size() >= 2);
  CHECK(articles[0].byline == "本报讯（记者 李明 通讯员 王红）");
  CHECK(articles[1].byline == "本报东川讯（记者 赵一鸣）");
  check_offsets(raw, articles);
}

TEST_CASE("a photo credit after the last sentence is a byline") {
  auto articles = run("标题\n\n园区党员志愿者为企业职工义诊300人次。 记者 周全 摄\n");
  const std::string text = body_text(articles);
  CHECK(text.find("周全") == std::string::npos);
  CHECK(text.find("义诊300人次。") != std::string::npos);
}

TEST_CASE("a file named by its date was published then, unless its header says otherwise") {
  CollectingSink sink;
  auto named = ingest_bytes("某园区新建党支部5个。\n", "2025-11-03_某园区.txt", sink);
  CHECK(named.at(0).meta.date == "2025-11-03");
  auto header = ingest_bytes("---\ndate: 2025-11-04\n---\n某园区新建党支部5个。\n",
                             "2025-11-03_某园区.txt", sink);
  CHECK(header.at(0).meta.date == "2025-11-04");
  auto plain = ingest_bytes("某园区新建党支部5个。\n", "003_c1bd32abbb7e348e.txt", sink);
  CHECK(plain.at(0).meta.date.empty());
}
