// brief: styles from a layout, the citation register, and selecting the facts of one brief.
#include "compose/brief.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string_view>

#include "base/diagnostic.h"
#include "base/i18n.h"

namespace ptbrief::compose {

namespace {

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && !contains(v, s)) v.push_back(s);
}

// The most reprints a source line names (the count gives the rest).
constexpr std::size_t kMaxReprintsNamed = 8;

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(sep) : "") + items[i];
  return out;
}

typeset::TextStyle text(const LayoutSpec& layout, const std::string& role,
                        typeset::Color color) {
  const FontSpec& f = layout.font(role);
  return typeset::TextStyle{f.role, f.size, color, false};
}

}  // namespace

Styles make_styles(const LayoutSpec& layout) {
  Styles s;
  const typeset::Color ink = layout.color("text");
  s.accent = layout.color("accent");
  s.rule = layout.color("rule");
  s.muted = layout.color("muted");
  s.table_header = layout.color("table_header");
  const bool gongwen_headings = layout.heading_numbering == "chinese";
  const Pt body_size = layout.font("body").size;

  // Body text: justified, first line indented two characters (clreq §3.1.4).
  s.body.text = text(layout, "body", ink);
  s.body.leading = layout.leading * body_size;
  s.body.space_after = layout.page.grid ? 0 : body_size * 0.3;

  // Masthead (报头): large accent-coloured title, centred; a small info line below it.
  s.masthead.text = text(layout, "masthead", s.accent);
  s.masthead.align = typeset::Align::Center;
  s.masthead.first_indent_em = 0;
  s.masthead.leading = s.masthead.text.size * 1.25;
  s.masthead.keep_with_next = true;
  s.masthead_info = s.body;
  s.masthead_info.text = text(layout, "small", ink);
  s.masthead_info.leading = s.masthead_info.text.size * 1.5;
  s.masthead_info.align = typeset::Align::Center;
  s.masthead_info.first_indent_em = 0;
  s.masthead_info.space_before = s.masthead_info.text.size * 0.5;
  if (layout.page.grid) {
    // 公文: the 发文机关标志 is placed by millimetres, off the grid; the issue line (发文字号
    // position) is 3号, the body size (GB/T 9704-2012 §7.2.3).
    s.masthead.snap_to_grid = false;
    s.masthead_info.text.size = body_size;
  }
  s.masthead_info.keep_with_next = true;

  // Document title: centred; under a 公文 masthead compose puts it two lines below the red rule.
  s.title.text = text(layout, "title", ink);
  s.title.align = typeset::Align::Center;
  s.title.first_indent_em = 0;
  s.title.leading = s.title.text.size * 1.4;
  s.title.space_after = body_size;
  s.title.keep_with_next = true;

  // Headings: 公文 headings (一、 （一）) keep the two-character indent of body text
  // (GB/T 9704 §7.3.3); a modern brief sets them flush, in the accent colour.
  for (auto* h : {&s.heading1, &s.heading2}) {
    const bool one = h == &s.heading1;
    h->text = text(layout, one ? "heading1" : "heading2", gongwen_headings ? ink : s.accent);
    h->align = typeset::Align::Start;
    h->first_indent_em = gongwen_headings ? 2 : 0;
    h->leading = layout.leading * h->text.size;
    h->space_before = layout.page.grid ? 0 : h->text.size * (one ? 0.9 : 0.5);
    h->space_after = layout.page.grid ? 0 : h->text.size * 0.3;
    h->keep_with_next = true;
  }
  if (!gongwen_headings) s.heading2.text.color = ink;

  // Items (practices) hang on the name; sources in small type with a hanging number.
  s.item = s.body;
  s.item_name = s.body.text;
  s.item_name.font = layout.font("heading2").role;
  s.source = s.body;
  s.source.text = text(layout, "small", ink);
  s.source.leading = s.source.text.size * 1.5;
  s.source.first_indent_em = 0;
  s.source.align = typeset::Align::Justify;  // justified like the body, not ragged
  s.source.space_after = 0;
  s.note = s.source;
  s.note.text.color = s.muted;

  s.marker = s.body.text;
  s.marker.superscript = true;
  s.marker.color = s.accent;

  // Tables: small type, header row shaded, thin rules.
  s.table.cell_style = s.body;
  s.table.cell_style.text = text(layout, "table", ink);
  s.table.cell_style.leading = s.table.cell_style.text.size * 1.4;
  s.table.cell_style.first_indent_em = 0;
  s.table.cell_style.align = typeset::Align::Start;
  s.table.cell_style.space_after = 0;
  s.table.header_style = s.table.cell_style;
  s.table.header_style.text.font = layout.font("heading2").role;
  s.table.header_fill = s.table_header;
  s.table.space_before = body_size * 0.5;
  s.table.space_after = body_size * 0.8;

  s.chart.label_style = text(layout, "chart", ink);
  s.chart.bar_color = layout.color("chart");
  s.chart.space_before = body_size * 0.5;
  s.chart.space_after = body_size * 0.8;
  return s;
}

Citations::Citations(const extract::Facts& facts) {
  for (const auto& a : facts.articles) {
    articles_[a.id] = a;
    if (!a.title.empty()) titles_[a.id] = a.title;
  }
}

std::string Citations::describe(const std::string& article_id) const {
  const std::string title = title_of(article_id);
  auto it = articles_.find(article_id);
  std::vector<std::string> parts;
  if (!title.empty()) parts.push_back("《" + title + "》");
  if (it != articles_.end()) {
    const extract::ArticleRef& a = it->second;
    if (!a.source.empty()) parts.push_back(a.source);
    if (!a.date.empty()) {
      // YYYY-MM-DD as a brief writes dates; anything else as the file wrote it.
      std::string date = a.date;
      try {
        date = brief_date(std::string_view(a.date));
      } catch (const Error&) {
      }
      parts.push_back(date);
    }
    if (!a.page.empty()) parts.push_back(a.page);
    if (parts.empty()) parts.push_back(a.file);  // nothing else is known of it
  }
  if (parts.empty()) parts.push_back(article_id);
  return join(parts, "，");
}

int Citations::cite(const extract::Location& where) {
  const auto key = std::make_pair(where.article_id, where.block);
  auto it = numbers_.find(key);
  if (it != numbers_.end()) return it->second;
  order_.push_back(where);
  const int n = static_cast<int>(order_.size());
  numbers_.emplace(key, n);
  return n;
}

typeset::Inline Citations::marker(const extract::Location& where,
                                  const typeset::TextStyle& style) {
  return typeset::Inline{"[" + std::to_string(cite(where)) + "]", style};
}

std::string Citations::title_of(const std::string& article_id) const {
  auto it = titles_.find(article_id);
  return it == titles_.end() ? std::string() : it->second;
}

std::vector<typeset::Paragraph> Citations::list(const typeset::ParagraphStyle& style) const {
  // One paragraph per article, in order of its first citation: the article as cited, then
  // each cited paragraph with its number.
  std::vector<std::string> articles;
  for (const auto& at : order_) add_unique(articles, at.article_id);
  std::vector<typeset::Paragraph> out;
  // Each "[n]第k段" is one unbreakable run: a label never ends a line without its paragraph.
  typeset::TextStyle label = style.text;
  label.no_break = true;
  for (const auto& id : articles) {
    typeset::Paragraph p;
    p.style = style;
    for (std::size_t i = 0; i < order_.size(); ++i) {
      const extract::Location& at = order_[i];
      if (at.article_id != id) continue;
      if (p.content.empty()) {
        p.content.push_back(plain(describe(id) + "："));
      } else {
        p.content.push_back(plain("；"));
      }
      p.content.push_back(
          {"[" + std::to_string(i + 1) + "]第" + std::to_string(at.block + 1) + "段", label});
    }
    // A reprint folded into this article is a source too: 另见 its own paper and date. Copies
    // that describe alike (the same title, paper and date) are named once, and the list stops
    // after kMaxReprintsNamed: the count says how many there are.
    if (auto it = articles_.find(id); it != articles_.end() && !it->second.reprints.empty()) {
      const auto& reprints = it->second.reprints;
      std::vector<std::string> copies;
      for (const auto& copy : reprints) add_unique(copies, describe(copy));
      const bool cut = copies.size() > kMaxReprintsNamed;
      if (cut) copies.resize(kMaxReprintsNamed);
      const std::string count =
          reprints.size() > 1 ? "转载" + std::to_string(reprints.size()) + "篇，" : "转载，";
      p.content.push_back(
          plain("。另见" + join(copies, "；") + (cut ? "等" : "") + "（" + count + "数据只计一次）"));
    }
    p.content.push_back(plain("。"));
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<std::string> brief_parks(const extract::Facts& facts) {
  std::vector<std::string> names;
  for (const auto& f : facts.figures) add_unique(names, f.park);
  for (const auto& p : facts.practices) add_unique(names, p.park);
  for (const auto& s : facts.summaries) add_unique(names, s.park);
  for (const auto& p : facts.parks) add_unique(names, p.name);
  return names;
}

std::string resolve_park(const extract::Facts& facts, const std::string& name) {
  for (const auto& p : facts.parks)
    if (p.name == name || contains(p.aliases, name)) return p.name;
  if (const extract::Park* p = extract::find_park(facts, name)) return p->name;  // long form
  const auto known = brief_parks(facts);
  if (contains(known, name)) return name;
  const auto near = nearest_names(name, known);
  fail("compose.unknown_park", trf("unknown park '{1}'", {name}),
       (near.empty() ? "" : trf("did you mean {1}? ", {"'" + join(near, "', '") + "'"})) +
           trf("ptbrief list parks shows the {1} parks of the corpus",
               {std::to_string(known.size())}));
}

std::string resolve_topic(const extract::Facts& facts, const std::string& name) {
  std::vector<std::string> ids;
  for (const auto& t : facts.topics) ids.push_back(t.id);
  if (contains(ids, name)) return name;
  const auto near = nearest_names(name, ids);
  fail("compose.unknown_topic", trf("unknown topic '{1}'", {name}),
       (near.empty() ? "" : trf("did you mean {1}? ", {"'" + join(near, "', '") + "'"})) +
           trf("ptbrief list topics shows the {1} topics", {std::to_string(ids.size())}));
}

Selection select(const extract::Facts& facts, const BriefRequest& request) {
  Selection sel;
  sel.kind = request.kind;
  const bool park = request.kind == BriefRequest::Kind::Park;
  sel.name = park ? resolve_park(facts, request.name) : resolve_topic(facts, request.name);
  if (park) {
    for (const auto& p : facts.parks)
      if (p.name == sel.name) sel.park = &p;
  } else {
    for (const auto& t : facts.topics)
      if (t.id == sel.name) sel.description = t.description;
  }
  auto wanted = [&](const std::string& owner, const std::vector<std::string>& topics) {
    return park ? owner == sel.name : contains(topics, sel.name);
  };

  // Figures, without repeats of the same number for the same subject in the same article.
  std::set<std::string> seen;
  for (const auto& f : facts.figures) {
    if (!wanted(f.park, f.topics)) continue;
    const std::string key = f.park + "|" + f.subject + "|" + f.value + f.unit + "|" +
                            f.source.article_id + "|" + std::to_string(f.source.block);
    if (!seen.insert(key).second) continue;
    (f.kind == extract::FigureKind::Target ? sel.targets : sel.figures).push_back(&f);
    add_unique(sel.parks, f.park);
    add_unique(sel.articles, f.source.article_id);
  }
  // Practices: one entry per named practice and park (the first, usually the defining, one).
  for (const auto& p : facts.practices) {
    if (!wanted(p.park, p.topics) || !seen.insert("P|" + p.park + "|" + p.name).second) continue;
    sel.practices.push_back(&p);
    add_unique(sel.parks, p.park);
    add_unique(sel.articles, p.source.article_id);
  }
  for (const auto& s : facts.summaries) {
    if (!wanted(s.park, s.topics) || !seen.insert("S|" + s.park + "|" + s.text).second) continue;
    sel.summaries.push_back(&s);
    add_unique(sel.parks, s.park);
    add_unique(sel.articles, s.source.article_id);
  }
  if (sel.park)
    for (const auto& id : sel.park->articles) add_unique(sel.articles, id);
  return sel;
}

namespace {

// Characters of a UTF-8 string, one string each.
std::vector<std::string> characters(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = 1;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

// Pairs of quotation marks and brackets (GB/T 15834-2011 §4.5, §4.6).
constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
    {"“", "”"}, {"‘", "’"}, {"（", "）"}, {"(", ")"}, {"《", "》"}, {"「", "」"}, {"【", "】"}};

// Words a noun phrase neither begins nor ends with: connectives, prepositions and the
// predicates of a level (从3人创业团队到全球储能标杆, 合格率达到).
constexpr std::string_view kNotAtStart[] = {"到", "至", "的", "和", "及", "与", "从", "由", "对",
                                            "在", "向", "为", "了", "、", "，"};
constexpr std::string_view kNotAtEnd[] = {"到", "至", "的", "和", "及", "与", "从", "由", "对",
                                          "在", "向", "为", "了", "达", "、", "，", "是", "将"};

// Unpaired marks removed (an opening one with no closing one after it, or the reverse).
std::vector<std::string> paired(std::vector<std::string> chars) {
  std::vector<std::size_t> open, drop;
  for (std::size_t i = 0; i < chars.size(); ++i)
    for (const auto& [o, c] : kPairs) {
      if (chars[i] == o) open.push_back(i);
      if (chars[i] == c) {
        if (!open.empty() && chars[open.back()] == o) open.pop_back();
        else drop.push_back(i);
      }
    }
  drop.insert(drop.end(), open.begin(), open.end());
  std::sort(drop.rbegin(), drop.rend());
  for (std::size_t i : drop) chars.erase(chars.begin() + static_cast<std::ptrdiff_t>(i));
  return chars;
}

bool is_one_of(const std::string& ch, const std::string_view* words, std::size_t n) {
  return std::find(words, words + n, std::string_view(ch)) != words + n;
}

// A balanced phrase of at least two characters that starts and ends on content, with no
// clause mark inside and — when its clause is a 从/由…到 span (`span`) — no 到/至 in it.
bool is_label(const std::vector<std::string>& chars, bool span) {
  if (chars.size() < 2) return false;
  if (paired(chars).size() != chars.size()) return false;
  if (is_one_of(chars.front(), kNotAtStart, std::size(kNotAtStart)) ||
      is_one_of(chars.back(), kNotAtEnd, std::size(kNotAtEnd)))
    return false;
  for (const auto& ch : chars)
    if (ch == "，" || ch == "。" || ch == "；" || ch == "：") return false;
  const bool to = std::find(chars.begin(), chars.end(), "到") != chars.end() ||
                  std::find(chars.begin(), chars.end(), "至") != chars.end();
  return !(span && to);
}

}  // namespace

std::string figure_label(const extract::Figure& f) {
  const bool span = f.quote.find("从") != std::string::npos || f.quote.find("由") != std::string::npos;
  auto chars = characters(f.subject);
  if (is_label(chars, span)) return f.subject;
  // Repair: pair the marks, cut a 从…到… span at its 到/至, trim connectives at the ends.
  chars = paired(std::move(chars));
  for (std::size_t i = 1; span && i < chars.size(); ++i)
    if (chars[i] == "到" || chars[i] == "至") {
      chars.resize(i);
      break;
    }
  while (!chars.empty() && is_one_of(chars.front(), kNotAtStart, std::size(kNotAtStart)))
    chars.erase(chars.begin());
  while (!chars.empty() && is_one_of(chars.back(), kNotAtEnd, std::size(kNotAtEnd))) chars.pop_back();
  if (is_label(chars, span)) {
    std::string out;
    for (const auto& ch : chars) out += ch;
    return out;
  }
  return f.quote;
}

std::string one_line(const std::string& text, std::size_t max_chars) {
  if (char_count(text) <= max_chars) return text;
  std::size_t chars = 0, cut = std::string::npos;
  for (std::size_t i = 0; i < text.size() && chars < max_chars; ++chars) {
    std::size_t n = 1;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    const std::string_view ch(text.data() + i, n);
    if ((ch == "，" || ch == "；") && chars >= max_chars / 3) cut = i;
    i += n;
  }
  if (cut == std::string::npos) return text;  // no clause boundary: keep the whole sentence
  return text.substr(0, cut) + "。";
}

std::string chinese_number(int n) {
  static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0) return std::to_string(n);
  if (n < 10) return digits[n];
  if (n < 20) return std::string("十") + (n % 10 ? digits[n % 10] : "");
  if (n < 100) return std::string(digits[n / 10]) + "十" + (n % 10 ? digits[n % 10] : "");
  return std::to_string(n);
}

BriefContents brief_contents(const extract::Facts& facts, const BriefRequest& request) {
  Selection sel = select(facts, request);
  return {sel.figures, sel.practices, sel.summaries};
}

}  // namespace ptbrief::compose
