// The Done-when checks on the shared corpus: gold quotes survive cleaning, 004 splits into
// three titled articles, no extraction spaces or lone debris remain.
#include <fstream>
#include <nlohmann/json.hpp>

#include "ingest/repair.h"
#include "ingest/text.h"
#include "ingest_test_support.h"
#include "support/test_support.h"

using namespace ptbrief;
using namespace ptbrief::ingest;

namespace {

const Corpus& corpus() {
  static const Corpus c = [] {
    CollectingSink sink;
    return ingest::ingest(ptbrief::test::corpus_dir(), sink);
  }();
  return c;
}

/// Whitespace removed; “”" → " and ‘’' → '.
std::string squash(const std::string& s) {
  std::string out;
  for (char32_t c : from_utf8(s)) {
    if (is_blank(c) || c == '\n') continue;
    if (c == U'“' || c == U'”') c = '"';
    if (c == U'‘' || c == U'’') c = '\'';
    append_utf8(out, c);
  }
  return out;
}

}  // namespace

TEST_CASE("every gold quote lies inside one cleaned paragraph or heading of its file",
          "[ingest][corpus]") {
  std::size_t quotes = 0;
  for (const auto& e : std::filesystem::directory_iterator(ptbrief::test::gold_dir())) {
    if (e.path().extension() != ".json") continue;
    auto gold = nlohmann::json::parse(ptbrief::test::slurp(e.path()));
    const std::string file = gold.at("source").get<std::string>();
    std::vector<std::string> texts;
    for (const auto& a : corpus().articles)
      if (a.file == file)
        for (const auto& b : a.blocks)
          if (b.type == BlockType::Paragraph || b.type == BlockType::Heading ||
              b.type == BlockType::Title)
            texts.push_back(squash(b.text));
    REQUIRE_FALSE(texts.empty());
    for (const char* key : {"figures", "practices"})
      for (const auto& item : gold.at(key)) {
        std::string q = squash(normalize_string(squash(item.at("quote").get<std::string>())));
        bool found = std::any_of(texts.begin(), texts.end(), [&](const std::string& t) {
          return t.find(q) != std::string::npos;
        });
        INFO(file << ": " << q);
        CHECK(found);
        ++quotes;
      }
  }
  CHECK(quotes > 200);
}

TEST_CASE("004 comes out as three articles with the right titles", "[ingest][corpus]") {
  std::vector<const Article*> arts;
  for (const auto& a : corpus().articles)
    if (a.file.rfind("004_", 0) == 0) arts.push_back(&a);
  REQUIRE(arts.size() == 3);
  CHECK(arts[0]->title == "南通高新区厚植产业发展“红色沃土”");
  CHECK(arts[0]->byline == "本报记者 刘琴");
  CHECK(arts[1]->title == "乐山高新区召开深化党建引领心连心接诉即办改革工作2025年第三季度书记点评会");
  CHECK(arts[2]->title == "江阴高新区党工委深入落实“一线冲锋奋斗建功”行动");
  CHECK(arts[1]->title_derived);
}

TEST_CASE("004 body text holds no space between two Han characters", "[ingest][corpus]") {
  for (const auto& a : corpus().articles) {
    if (a.file.rfind("004_", 0) != 0) continue;
    for (const auto& b : a.blocks) {
      if (b.type == BlockType::Byline) continue;
      auto u = from_utf8(b.text);
      for (std::size_t i = 1; i + 1 < u.size(); ++i) {
        INFO(b.text);
        CHECK_FALSE((u[i] == ' ' && is_han(u[i - 1]) && is_han(u[i + 1])));
      }
    }
  }
}

TEST_CASE("no block is a lone debris character or foreign-script garbage", "[ingest][corpus]") {
  for (const auto& a : corpus().articles)
    for (const auto& b : a.blocks) {
      INFO(a.id << ": " << b.text);
      // Two-character blocks are only bylines naming one reporter (宋腾).
      CHECK(from_utf8(b.text).size() > (b.type == BlockType::Byline ? 1u : 2u));
      for (char32_t c : from_utf8(b.text)) CHECK_FALSE(is_foreign_script(c));
    }
}

TEST_CASE("captions stay separate from rejoined paragraphs in the corpus", "[ingest][corpus]") {
  bool rejoined = false, caption = false;
  for (const auto& a : corpus().articles)
    for (const auto& b : a.blocks) {
      if (b.text.find("构建“科技型中小企业、专精特新中小企业") != std::string::npos) rejoined = true;
      if (b.type == BlockType::Caption && b.text.find("街景鸟瞰") != std::string::npos)
        caption = true;
    }
  CHECK(rejoined);
  CHECK(caption);
}

TEST_CASE("ptbrief ingest prints JSON with typed blocks and byte ranges", "[ingest][cli]") {
  auto r = ptbrief::test::run_ptbrief(
      {"ingest", "--corpus", ptbrief::test::corpus_dir().string(), "--format", "json"});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.at("articles").size() >= 7);
  const auto& a = j.at("articles").at(0);
  CHECK(a.at("id") == "000_0b44c4796a9b6fd5#1");
  CHECK(a.at("file") == "000_0b44c4796a9b6fd5.txt");
  const auto& b = a.at("blocks").at(0);
  CHECK(b.at("type") == "caption");
  CHECK(b.at("start").get<int>() < b.at("end").get<int>());
  auto t = ptbrief::test::run_ptbrief({"ingest", "--corpus", ptbrief::test::corpus_dir().string()});
  CHECK(t.exit_code == 0);
  CHECK(t.out.find("# 擎党建之旗 聚发展合力") != std::string::npos);
}

TEST_CASE("ptbrief ingest names the file and offset of bad input", "[ingest][cli]") {
  auto dir = ptbrief::test::scratch_dir("ingest_bad");
  std::ofstream(dir / "a.txt", std::ios::binary) << std::string("标题\0x", 8);
  auto r = ptbrief::test::run_ptbrief({"ingest", "--corpus", dir.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("a.txt") != std::string::npos);
  CHECK(r.err.find("byte offset 6") != std::string::npos);
  auto d = ptbrief::test::run_ptbrief({"debug", "--dump=ingest", "--corpus", dir.string()});
  CHECK(d.exit_code == 2);
  CHECK(d.err.find("a.txt") != std::string::npos);
}

TEST_CASE("article files are .txt .md and .text in any case and never hidden", "[ingest][corpus]") {
  for (const char* yes : {"a.txt", "dir/b.TXT", "/abs/dir.d/c.md", "d.Text", "报道.txt"})
    CHECK(ptbrief::ingest::is_article_file(yes));
  for (const char* no : {".hidden.txt", "dir/.x.md", "a.txt.bak", "readme", "a.", "dir.txt/",
                         "notes.pdf", "dir/"})
    CHECK_FALSE(ptbrief::ingest::is_article_file(no));
}
