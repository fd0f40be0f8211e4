// Composition of a small synthetic corpus of facts: figure formatting, grouping by topic,
// citations, empty sections left out, topic briefs comparing parks.
#include <catch2/catch.hpp>

#include "base/diagnostic.h"
#include "compose/brief.h"
#include "compose/compose.h"
#include "compose/layout.h"

using namespace ptbrief;
using namespace ptbrief::compose;
using extract::FigureKind;
using extract::Qualifier;

namespace {

extract::Location at(const std::string& article, std::size_t block) {
  extract::Location l;
  l.article_id = article;
  l.block = block;
  l.span = Span{article.substr(0, article.find('#')) + ".txt", block * 100, block * 100 + 30};
  return l;
}

extract::Figure figure(const std::string& park, const std::string& subject, const std::string& value,
                       const std::string& unit, const std::string& quote, Qualifier q,
                       FigureKind k, const std::string& topic, extract::Location where) {
  extract::Figure f;
  f.park = park;
  f.subject = subject;
  f.value = value;
  f.number = std::stod(value);
  f.unit = unit;
  f.quote = quote;
  f.qualifier = q;
  f.kind = k;
  f.source = std::move(where);
  if (!topic.empty()) f.topics = {topic};
  return f;
}

/// Two parks (甲高新区 with figures, 乙经开区 without), two topics, one region.
extract::Facts synthetic() {
  extract::Facts facts;
  facts.topics = {{"组织覆盖", "党组织覆盖"}, {"产业链党建", "产业链上的党建"}};
  facts.parks = {{"甲高新区", {"甲国家高新技术产业开发区"}, false, {"a#1"}},
                 {"乙经开区", {}, false, {"b#1"}}};
  facts.articles = {{"a#1", "a.txt", "甲园区党建纪实", "", "", "", "", "", {}},
                   {"b#1", "b.txt", "乙园区见闻", "", "", "", "", "", {}}};
  facts.figures = {
      figure("甲高新区", "集聚企业", "2360", "家", "集聚企业2360家", Qualifier::Exact,
             FigureKind::Count, "产业链党建", at("a#1", 3)),
      figure("甲高新区", "从业人员", "3", "万人", "从业人员近3万人", Qualifier::About,
             FigureKind::Count, "产业链党建", at("a#1", 4)),
      figure("甲高新区", "营业收入", "11.66", "亿元", "实现营业收入11.66亿元", Qualifier::Exact,
             FigureKind::Money, "", at("a#1", 4)),
      figure("甲高新区", "营收增速", "34.65", "%", "同比增长34.65%", Qualifier::Exact,
             FigureKind::Growth, "", at("a#1", 4)),
      figure("甲高新区", "入驻企业", "2000", "家", "入驻企业2000余家", Qualifier::Over,
             FigureKind::Count, "产业链党建", at("a#1", 5)),
      figure("甲高新区", "党组织覆盖率", "92.5", "%", "覆盖率提升至92.5%", Qualifier::Exact,
             FigureKind::Percent, "组织覆盖", at("a#1", 6)),
      figure("甲高新区", "党员", "150", "人", "党员超过150人", Qualifier::Over,
             FigureKind::Count, "组织覆盖", at("a#1", 6)),
      figure("甲高新区", "专精特新企业", "40", "家", "专精特新企业40家", Qualifier::Exact,
             FigureKind::Count, "产业链党建", at("a#1", 7)),
      figure("丙市", "党组织覆盖率(全市)", "80", "%", "覆盖率达80%", Qualifier::Exact,
             FigureKind::Percent, "组织覆盖", at("b#1", 2)),
  };
  extract::Practice p;
  p.park = "甲高新区";
  p.name = "红链帮帮团";
  p.category = "服务团队";
  p.summary = "组建红链帮帮团，为链上企业解决难题。";
  p.source = at("a#1", 8);
  p.topics = {"产业链党建"};
  facts.practices.push_back(p);
  p.park = "乙经开区";
  p.name = "党建联盟";
  p.category = "联盟";
  p.summary = "成立产业链党建联盟。";
  p.source = at("b#1", 3);
  facts.practices.push_back(p);
  extract::SummarySentence s;
  s.park = "甲高新区";
  s.text = "甲高新区把支部建在产业链上。";
  s.score = 2;
  s.source = at("a#1", 9);
  s.topics = {"产业链党建"};
  facts.summaries.push_back(s);
  return facts;
}

/// All the text of the document, block by block, for containment checks.
std::string all_text(const typeset::Document& doc) {
  std::string out;
  auto runs = [&](const std::vector<typeset::Inline>& content) {
    for (const auto& i : content) out += i.text;
    out += "\n";
  };
  for (const auto& b : doc.blocks) {
    if (auto* p = std::get_if<typeset::Paragraph>(&b)) runs(p->content);
    if (auto* h = std::get_if<typeset::Heading>(&b)) runs(h->paragraph.content);
    if (auto* t = std::get_if<typeset::Table>(&b)) {
      for (const auto& row : t->header_rows)
        for (const auto& c : row) runs(c.content);
      for (const auto& row : t->rows)
        for (const auto& c : row) runs(c.content);
    }
    if (auto* c = std::get_if<typeset::BarChart>(&b)) {
      out += c->title + "\n";
      for (const auto& l : c->value_labels) out += l + "\n";
    }
  }
  return out;
}

std::vector<std::string> headings(const typeset::Document& doc) {
  std::vector<std::string> out;
  for (const auto& b : doc.blocks)
    if (auto* h = std::get_if<typeset::Heading>(&b)) out.push_back(h->paragraph.content.at(0).text);
  return out;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

typeset::Document make(const extract::Facts& facts, BriefRequest::Kind kind, const std::string& name,
                       const std::string& layout = "briefing") {
  CollectingSink sink;
  BriefRequest r;
  r.kind = kind;
  r.name = name;
  r.date = "2025年9月22日";
  return ptbrief::compose::compose(facts, r, *load_layout(layout), sink);
}

}  // namespace

TEST_CASE("figures are written as people write them", "[compose]") {
  const auto facts = synthetic();
  const auto& f = facts.figures;
  CHECK(format_figure(f[0]) == "2360家");
  CHECK(format_figure(f[1]) == "近3万人");
  CHECK(format_figure(f[2]) == "11.66亿元");
  CHECK(format_figure(f[3]) == "同比增长34.65%");
  CHECK(format_figure(f[4]) == "2000余家");
  CHECK(format_figure(f[6]) == "超过150人");
  // a qualifier the quote does not show is still printed
  auto about = f[0];
  about.qualifier = Qualifier::About;
  about.quote = "企业2360家";
  CHECK(format_figure(about) == "约2360家");
  auto growth = f[3];
  growth.quote = "34.65%";
  CHECK(format_figure(growth) == "增长34.65%");
}

TEST_CASE("dates are written from seconds since 1970, never the clock", "[compose]") {
  CHECK(brief_date(0) == "1970年1月1日");
  CHECK(brief_date(1758499200) == "2025年9月22日");
  CHECK(brief_date(951782400) == "2000年2月29日");
}

TEST_CASE("park brief: masthead, figures grouped by topic, chart, practices, sources", "[compose]") {
  const auto facts = synthetic();
  const auto doc = make(facts, BriefRequest::Kind::Park, "甲国家高新技术产业开发区");  // alias
  const std::string text = all_text(doc);
  for (const auto* written : {"2360家", "近3万人", "11.66亿元", "同比增长34.65%", "2000余家",
                              "92.5%", "超过150人", "40家"})
    CHECK(has(text, written));
  CHECK_FALSE(has(text, "80%"));  // another park's figure
  CHECK(has(text, "园区党建工作简报"));
  CHECK(has(text, "2025年9月22日"));
  CHECK(has(text, "“红链帮帮团”"));
  CHECK(has(text, "《甲园区党建纪实》：[1]第7段；"));  // the article, not its file
  CHECK(doc.meta.title == "甲高新区党建工作情况简报");
  CHECK(doc.meta.date == "2025年9月22日");
  CHECK(has(doc.meta.keywords, "产业链党建"));

  // the table groups rows under topic rows, in topic order, "其他" last
  const typeset::Table* table = nullptr;
  for (const auto& b : doc.blocks)
    if (auto* t = std::get_if<typeset::Table>(&b)) table = t;
  REQUIRE(table);
  std::vector<std::string> groups;
  for (const auto& row : table->rows)
    if (row.size() == 1) groups.push_back(row[0].content[0].text);
  CHECK(groups == std::vector<std::string>{"组织覆盖", "产业链党建", "其他"});

  // the chart shows the largest set of same-unit figures (家), largest first
  const typeset::BarChart* chart = nullptr;
  for (const auto& b : doc.blocks)
    if (auto* c = std::get_if<typeset::BarChart>(&b)) chart = c;
  REQUIRE(chart);
  CHECK(chart->value_labels == std::vector<std::string>{"2360家", "2000余家", "40家"});

  // every figure and practice carries a superscript marker that resolves in the sources
  int markers = 0;
  for (const auto& b : doc.blocks) {
    auto count = [&](const std::vector<typeset::Inline>& content) {
      for (const auto& i : content)
        if (i.style && i.style->superscript) {
          ++markers;
          CHECK(has(text, i.text + "第"));
        }
    };
    if (auto* p = std::get_if<typeset::Paragraph>(&b)) count(p->content);
    if (auto* t = std::get_if<typeset::Table>(&b))
      for (const auto& row : t->rows)
        for (const auto& c : row) count(c.content);
  }
  CHECK(markers == 8 + 1 + 1);
  CHECK(headings(doc).back() == "资料来源");
}

TEST_CASE("a park with no figures gets an honest short brief", "[compose]") {
  const auto facts = synthetic();
  const auto doc = make(facts, BriefRequest::Kind::Park, "乙经开区");
  const auto h = headings(doc);
  CHECK(std::find(h.begin(), h.end(), "关键数据") == h.end());   // empty sections left out
  CHECK(std::find(h.begin(), h.end(), "分专题情况") == h.end());
  CHECK(std::find(h.begin(), h.end(), "特色做法") != h.end());
  const std::string text = all_text(doc);
  CHECK(has(text, "没有可摘录的量化数据"));
  CHECK(has(text, "“党建联盟”"));
  for (const auto& b : doc.blocks) CHECK_FALSE(std::holds_alternative<typeset::Table>(b));
}

TEST_CASE("gongwen numbers its headings and keeps the grid page", "[compose]") {
  const auto facts = synthetic();
  const auto doc = make(facts, BriefRequest::Kind::Park, "甲高新区", "gongwen");
  const auto h = headings(doc);
  CHECK(std::find(h.begin(), h.end(), "一、基本情况") != h.end());
  CHECK(std::find(h.begin(), h.end(), "（一）产业链党建") != h.end());
  REQUIRE(doc.page.grid.has_value());
  CHECK(doc.page.grid->chars_per_line == 28);
  for (const auto& b : doc.blocks) CHECK_FALSE(std::holds_alternative<typeset::BarChart>(b));
}

TEST_CASE("topic brief compares the measures several parks report", "[compose]") {
  const auto facts = synthetic();
  const auto doc = make(facts, BriefRequest::Kind::Topic, "组织覆盖");
  const std::string text = all_text(doc);
  CHECK(has(text, "甲高新区"));
  CHECK(has(text, "丙市"));
  // 党组织覆盖率 and 党组织覆盖率(全市) are one measure: a row with both parks' values
  const typeset::Table* cmp = nullptr;
  for (const auto& b : doc.blocks)
    if (auto* t = std::get_if<typeset::Table>(&b); t && !cmp) cmp = t;
  REQUIRE(cmp);
  REQUIRE(cmp->rows.size() == 1);
  CHECK(cmp->rows[0][0].content[0].text == "党组织覆盖率");
  CHECK(cmp->rows[0][1].content[0].text == "92.5%");
  CHECK(cmp->rows[0][2].content[0].text == "80%");
  CHECK_FALSE(has(text, "2360家"));  // not in this topic
}

TEST_CASE("unknown park and topic suggest the nearest names", "[compose]") {
  const auto facts = synthetic();
  try {
    resolve_park(facts, "甲高新");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "compose.unknown_park");
    CHECK(has(e.diagnostic().hint, "甲高新区"));
  }
  try {
    resolve_topic(facts, "产业链");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(has(e.diagnostic().hint, "产业链党建"));
  }
}

TEST_CASE("one-line explanations cut at a clause boundary", "[compose]") {
  CHECK(one_line("短句。", 10) == "短句。");
  CHECK(one_line("第一部分说明了很多内容，第二部分继续说明更多内容，第三部分", 20) ==
        "第一部分说明了很多内容。");
}

TEST_CASE("practices explained by one sentence are one item, not repeated", "[compose]") {
  auto facts = synthetic();
  auto second = facts.practices.at(0);
  second.name = "链上服务队";
  facts.practices.push_back(second);
  const auto doc = make(facts, BriefRequest::Kind::Park, "甲高新区");
  int items = 0, sentence = 0;
  for (const auto& b : doc.blocks)
    if (auto* p = std::get_if<typeset::Paragraph>(&b)) {
      std::string text;
      for (const auto& i : p->content) text += i.text;
      if (has(text, "相关做法：")) CHECK(has(text, "相关做法：“红链帮帮团”“链上服务队”。"));
      if (has(text, "红链帮帮团") && !has(text, "相关做法：")) {
        ++items;
        CHECK(has(text, "“红链帮帮团”“链上服务队”（服务团队）："));
      }
      if (has(text, "为链上企业解决难题")) ++sentence;
    }
  CHECK(items == 1);
  CHECK(sentence == 1);
}

TEST_CASE("a level reached is not printed as an increase", "[compose]") {
  auto f = synthetic().figures.at(3);
  f.quote = "覆盖率分别提升至34.65%";
  CHECK(format_figure(f) == "34.65%");
}

TEST_CASE("gongwen ends with the 版记 at the foot: rules 0.35/0.25/0.35 mm, issuer and date",
          "[compose]") {
  const auto facts = synthetic();
  auto layout = *load_layout("gongwen");
  layout.imprint.copy_to = "各园区党工委";
  CollectingSink sink;
  BriefRequest r;
  r.kind = BriefRequest::Kind::Park;
  r.name = "甲高新区";
  r.date = "2025年9月22日";
  const auto doc = ptbrief::compose::compose(facts, r, layout, sink);
  std::size_t foot = doc.blocks.size();
  for (std::size_t i = 0; i < doc.blocks.size(); ++i)
    if (auto* s = std::get_if<typeset::Spacer>(&doc.blocks[i]); s && s->to_foot) foot = i;
  REQUIRE(foot + 6 == doc.blocks.size());  // spacer, rule, 抄送, rule, 印发 line, rule
  std::vector<Pt> rules;
  for (std::size_t i = foot; i < doc.blocks.size(); ++i)
    if (auto* rl = std::get_if<typeset::Rule>(&doc.blocks[i])) rules.push_back(rl->thickness);
  REQUIRE(rules.size() == 3);
  CHECK(rules[0] == Approx(mm(0.35)));
  CHECK(rules[1] == Approx(mm(0.25)));
  CHECK(rules[2] == Approx(mm(0.35)));
  const auto* cc = std::get_if<typeset::Paragraph>(&doc.blocks[foot + 2]);
  REQUIRE(cc);
  CHECK(cc->content.at(0).text == "抄送：各园区党工委。");
  const auto* line = std::get_if<typeset::Table>(&doc.blocks[foot + 4]);
  REQUIRE(line);
  CHECK_FALSE(line->rules);
  const auto& row = line->rows.at(0);
  CHECK(row.at(1).content.at(0).text == layout.masthead.publisher);
  CHECK(row.at(2).content.at(0).text == "2025年9月22日印发");
  CHECK(row.at(2).align == typeset::Align::End);

  // Without recipients no 抄送 line; without a date only the 印发机关; briefing has no 版记.
  r.date.clear();
  const auto plain_doc = make(facts, BriefRequest::Kind::Park, "甲高新区", "gongwen");
  int rule_count = 0;
  for (const auto& b : plain_doc.blocks) rule_count += std::holds_alternative<typeset::Rule>(b);
  CHECK(rule_count == 1 + 2);  // the red masthead rule and the two 版记 rules
  const auto undated = ptbrief::compose::compose(facts, r, *load_layout("gongwen"), sink);
  const auto* last = std::get_if<typeset::Table>(&undated.blocks.at(undated.blocks.size() - 2));
  REQUIRE(last);
  CHECK(last->rows.at(0).at(2).content.at(0).text.empty());
  for (const auto& b : make(facts, BriefRequest::Kind::Park, "甲高新区").blocks)
    if (auto* s = std::get_if<typeset::Spacer>(&b)) CHECK_FALSE(s->to_foot);
}

TEST_CASE("the key-figure table sizes its value column from the values", "[compose]") {
  const auto doc = make(synthetic(), BriefRequest::Kind::Park, "甲高新区");
  for (const auto& b : doc.blocks)
    if (auto* t = std::get_if<typeset::Table>(&b)) {
      CHECK(t->fit_columns == std::vector<std::size_t>{1});
      return;
    }
  FAIL("no table");
}

TEST_CASE("a source's paragraph labels are unbreakable runs", "[compose]") {
  const auto doc = make(synthetic(), BriefRequest::Kind::Park, "甲高新区");
  int labels = 0;
  for (const auto& b : doc.blocks)
    if (auto* p = std::get_if<typeset::Paragraph>(&b))
      for (const auto& in : p->content)
        if (in.style && in.style->no_break) {
          ++labels;
          CHECK(in.text.front() == '[');
          CHECK(in.text.substr(in.text.size() - 3) == "段");
        }
  CHECK(labels >= 3);
}

TEST_CASE("chart labels are cut to two lines' worth, never leaving a quotation open", "[compose]") {
  auto facts = synthetic();
  for (auto& f : facts.figures)
    if (f.subject == "入驻企业") f.subject = "持续开展“党课教育万里行进企业进工地进园区”活动的企业";
    else if (f.subject == "集聚企业") f.subject = "集聚产业链上下游企业";
  const auto doc = make(facts, BriefRequest::Kind::Park, "甲高新区");
  const typeset::BarChart* chart = nullptr;
  for (const auto& b : doc.blocks)
    if (auto* c = std::get_if<typeset::BarChart>(&b)) chart = c;
  REQUIRE(chart);
  bool cut = false;
  for (const auto& label : chart->labels) {
    INFO(label);
    const auto count = [&](const std::string& mark) {
      int n = 0;
      for (auto at = label.find(mark); at != std::string::npos; at = label.find(mark, at + 1)) ++n;
      return n;
    };
    CHECK(count("“") == count("”"));
    if (label.find("…") != std::string::npos) {
      cut = true;
      CHECK(label == "持续开展…");
    }
  }
  CHECK(cut);
  CHECK(std::find(chart->labels.begin(), chart->labels.end(), "集聚产业链上下游企业") !=
        chart->labels.end());  // 10 characters: kept whole, wrapped by the chart
}

TEST_CASE("gongwen: the masthead 35 mm below the text block's top, in DeviceCMYK red", "[compose]") {
  const auto doc = make(synthetic(), BriefRequest::Kind::Park, "甲高新区", "gongwen");
  const auto* top = std::get_if<typeset::Spacer>(&doc.blocks.at(0));
  REQUIRE(top);
  CHECK(top->keep_at_top);
  const auto* masthead = std::get_if<typeset::Paragraph>(&doc.blocks.at(1));
  REQUIRE(masthead);
  const auto& st = masthead->style;
  CHECK(top->height + (st.leading - st.text.size) / 2 == Approx(mm(35)));
  CHECK_FALSE(st.snap_to_grid);
  REQUIRE(st.text.color.cmyk.has_value());
  CHECK(*st.text.color.cmyk == std::array<double, 4>{0, 1, 1, 0});
  const auto* info = std::get_if<typeset::Paragraph>(&doc.blocks.at(2));
  REQUIRE(info);
  CHECK(info->style.text.size == Approx(16));  // 3号
}
