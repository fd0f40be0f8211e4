// What reaches print: targets apart from achievements (never in the table or a chart), table
// labels that are balanced noun phrases, sources that cite articles (title, paper, date, page)
// and the reprints folded into them — never corpus file names. Made-up facts.
#include <catch2/catch.hpp>

#include "base/diagnostic.h"
#include "compose/brief.h"
#include "compose/compose.h"
#include "compose/layout.h"

using namespace ptbrief;
using namespace ptbrief::compose;
using extract::FigureKind;

namespace {

extract::Location at(const std::string& article, std::size_t block) {
  extract::Location l;
  l.article_id = article;
  l.block = block;
  l.span = Span{article.substr(0, article.find('#')) + " 文件.txt", block * 100, block * 100 + 30};
  return l;
}

extract::Figure figure(const std::string& subject, const std::string& value, const std::string& unit,
                       const std::string& quote, FigureKind kind, std::size_t block) {
  extract::Figure f;
  f.park = "青禾高新区";
  f.subject = subject;
  f.value = value;
  f.number = std::stod(value);
  f.unit = unit;
  f.quote = quote;
  f.kind = kind;
  f.source = at("qh#1", block);
  f.topics = {"组织覆盖"};
  return f;
}

extract::Facts facts() {
  extract::Facts facts;
  facts.topics = {{"组织覆盖", "党组织覆盖"}};
  facts.parks = {{"青禾高新区", {}, false, {"qh#1"}}};
  facts.articles = {
      {"qh#1", "qh 文件.txt", "青禾高新区党建纪实", "青禾日报", "2025-10-14", "第3版", "", "", {"qh-copy#1"}},
      {"qh-copy#1", "qh-copy 文件.txt", "青禾高新区党建纪实", "青禾新闻网", "2025-10-15", "", "", "qh#1", {}}};
  facts.figures = {
      figure("新建党组织", "36", "个", "新建党组织36个", FigureKind::Count, 2),
      figure("党员先锋岗", "58", "个", "设立党员先锋岗58个", FigureKind::Count, 3),
      figure("党群服务站", "12", "个", "建成党群服务站12个", FigureKind::Count, 4),
      figure("新建党组织", "100", "个", "力争明年新建党组织100个以上", FigureKind::Target, 5),
      figure("“双强”非公企业党组织覆盖率提升", "88.5", "%", "“双强”非公企业党组织、社区党组织覆盖率分别提升至88.5%、61.5%",
             FigureKind::Percent, 6),
      figure("双强”非公企业党组织", "17", "个", "建立“双强”非公企业党组织17个", FigureKind::Count, 7),
      figure("创业团队到全球储能标杆", "3", "人", "从3人创业团队到全球储能标杆", FigureKind::Count, 8),
  };
  return facts;
}

typeset::Document make(const extract::Facts& f) {
  CollectingSink sink;
  BriefRequest r;
  r.kind = BriefRequest::Kind::Park;
  r.name = "青禾高新区";
  return ptbrief::compose::compose(f, r, *load_layout("briefing"), sink);
}

std::string text_of(const std::vector<typeset::Inline>& content) {
  std::string out;
  for (const auto& i : content) out += i.text;
  return out;
}

std::vector<std::string> paragraphs(const typeset::Document& doc) {
  std::vector<std::string> out;
  for (const auto& b : doc.blocks)
    if (auto* p = std::get_if<typeset::Paragraph>(&b)) out.push_back(text_of(p->content));
  return out;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a target is printed as 目标 in its own place, never in the table or a chart", "[compose]") {
  const auto doc = make(facts());
  for (const auto& b : doc.blocks) {
    if (auto* t = std::get_if<typeset::Table>(&b))
      for (const auto& row : t->rows)
        for (const auto& c : row) CHECK_FALSE(has(text_of(c.content), "100个"));
    if (auto* c = std::get_if<typeset::BarChart>(&b)) {
      for (const auto& l : c->value_labels) CHECK_FALSE(has(l, "100"));
      CHECK(c->values.size() >= 3);  // the three achievements in 个 are still charted
    }
  }
  bool printed = false;
  for (const auto& p : paragraphs(doc))
    printed = printed || has(p, "目标：力争明年新建党组织100个以上");
  CHECK(printed);
}

TEST_CASE("table labels are balanced noun phrases", "[compose]") {
  const auto f = facts().figures;
  CHECK(figure_label(f.at(0)) == "新建党组织");
  CHECK(figure_label(f.at(5)) == "双强非公企业党组织");  // the unpaired ” goes
  CHECK(figure_label(f.at(6)) == "创业团队");             // not 创业团队到全球储能标杆
  auto verb = f.at(0);
  verb.subject = "合格率达到";
  CHECK(figure_label(verb) == "合格率");
  verb.subject = "的";
  CHECK(figure_label(verb) == verb.quote);  // nothing left: the clause itself
  const auto doc = make(facts());
  for (const auto& b : doc.blocks)
    if (auto* t = std::get_if<typeset::Table>(&b))
      for (const auto& row : t->rows) {
        const std::string label = text_of(row.at(0).content);
        INFO(label);
        CHECK(label.rfind("双强”", 0) == std::string::npos);  // never a closing mark alone
        CHECK_FALSE(has(label, "到全球"));
      }
}

TEST_CASE("reprints that read alike are named once, at most 8, with their count", "[compose]") {
  extract::Facts f = facts();
  const extract::ArticleRef copy = f.articles[1];
  f.articles.resize(1);
  f.articles[0].reprints.clear();
  // 5 byte-identical copies (same title, no paper or date), then 10 papers each once.
  std::vector<extract::ArticleRef> copies;
  for (int i = 0; i < 15; ++i) {
    extract::ArticleRef c = copy;
    c.id = "c" + std::to_string(i) + "#1";
    c.source = i < 5 ? "" : "报" + std::to_string(i);
    c.date = i < 5 ? "" : c.date;
    f.articles[0].reprints.push_back(c.id);
    copies.push_back(c);
  }
  f.articles.insert(f.articles.end(), copies.begin(), copies.end());
  std::string sources;
  for (const auto& p : paragraphs(make(f)))
    if (has(p, "另见")) sources += p;
  INFO(sources);
  const std::string alike = "《青禾高新区党建纪实》；";
  CHECK(sources.find(alike) != std::string::npos);
  CHECK(sources.find(alike, sources.find(alike) + 1) == std::string::npos);  // named once
  CHECK(has(sources, "《青禾高新区党建纪实》，报11，2025年10月15日等（转载15篇，数据只计一次）"));
  CHECK_FALSE(has(sources, "报12"));  // past the 8 named
}

TEST_CASE("sources cite the article, its paper, date and page, and its reprints", "[compose]") {
  const auto doc = make(facts());
  std::string sources;
  for (const auto& p : paragraphs(doc))
    if (has(p, "《青禾高新区党建纪实》")) sources += p;
  INFO(sources);
  CHECK(has(sources, "《青禾高新区党建纪实》，青禾日报，2025年10月14日，第3版："));
  CHECK(has(sources, "另见《青禾高新区党建纪实》，青禾新闻网，2025年10月15日"));
  CHECK_FALSE(has(sources, ".txt"));
  CHECK_FALSE(has(sources, "文件"));
}
