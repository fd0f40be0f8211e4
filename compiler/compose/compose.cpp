// compose: facts + layout → the document tree of a park brief or a topic brief. The layout
// lists the sections in print order; each section below turns the brief's selection of facts
// into blocks, citing its sources, and prints nothing when it has nothing to say.
#include "compose/compose.h"

#include <algorithm>
#include <map>
#include <set>

#include "compose/brief.h"
#include "compose/layout.h"

namespace ptbrief::compose {

namespace {

using typeset::Block;
using typeset::Inline;
using typeset::Paragraph;
using typeset::TableCell;

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(sep) : "") + items[i];
  return out;
}

/// Strips parenthesised qualifications so that 党组织覆盖率(园区非公企业) and 党组织覆盖率
/// compare as one measure.
std::string measure_key(const std::string& subject) {
  std::string out;
  int depth = 0;
  for (std::size_t i = 0; i < subject.size();) {
    const std::string_view rest(subject.data() + i, subject.size() - i);
    if (rest.substr(0, 1) == "(" || rest.substr(0, 3) == "（") {
      ++depth;
      i += rest[0] == '(' ? 1 : 3;
    } else if (rest.substr(0, 1) == ")" || rest.substr(0, 3) == "）") {
      depth = std::max(0, depth - 1);
      i += rest[0] == ')' ? 1 : 3;
    } else {
      if (depth == 0) out += subject[i];
      ++i;
    }
  }
  return out;
}

/// A chart label of at most `max` characters (the chart wraps it over two lines): a longer
/// one is cut with "…", before a quotation it would leave open (持续开展“党课… → 持续开展…).
std::string short_label(const std::string& text, std::size_t max) {
  std::vector<std::string> chars;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = 1;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    chars.push_back(text.substr(i, n));
    i += n;
  }
  if (chars.size() <= max) return text;
  std::size_t keep = max - 1;
  // The last opening quotation mark left without its closing one: cut before it.
  std::size_t open = keep;
  int depth = 0;
  for (std::size_t i = 0; i < keep; ++i) {
    if (chars[i] == "“" || chars[i] == "‘") {
      if (depth++ == 0) open = i;
    } else if ((chars[i] == "”" || chars[i] == "’") && depth > 0) {
      --depth;
    }
  }
  if (depth > 0 && open >= 2) keep = open;
  std::string out;
  for (std::size_t i = 0; i < keep; ++i) out += chars[i];
  if (depth > 0 && open < 2) out += chars[open] == "“" ? "”" : "’";  // too short to cut: close it
  return out + "…";
}

/// Month-day mentions (9月12日) in a text, as month * 100 + day.
void collect_dates(const std::string& text, std::vector<int>& out) {
  for (std::size_t at = text.find("月"); at != std::string::npos; at = text.find("月", at + 1)) {
    std::size_t b = at;
    while (b > 0 && text[b - 1] >= '0' && text[b - 1] <= '9' && at - b < 2) --b;
    std::size_t e = at + 3, d = e;
    while (d < text.size() && text[d] >= '0' && text[d] <= '9' && d - e < 2) ++d;
    if (b == at || d == e || text.compare(d, 3, "日") != 0) continue;
    // "2019年9月" style years before the month are fine; "1-8月" ranges are not dates.
    if (b > 0 && (text[b - 1] == '-' || text[b - 1] == '.')) continue;
    const int month = std::stoi(text.substr(b, at - b)), day = std::stoi(text.substr(e, d - e));
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) out.push_back(month * 100 + day);
  }
}

/// Builds the blocks of one brief, section by section.
class Composer {
 public:
  Composer(const extract::Facts& facts, const Selection& sel, const LayoutSpec& layout,
           const BriefRequest& request)
      : facts_(facts), sel_(sel), layout_(layout), request_(request),
        styles_(make_styles(layout)), cites_(facts) {}

  typeset::Document run() {
    typeset::Document doc;
    doc.page = layout_.page;
    doc.font_roles = layout_.font_families;
    doc.meta.title = title();
    doc.meta.subject = layout_.masthead.title + "：" + sel_.name;
    doc.meta.keywords = join(keywords(), ", ");
    doc.meta.author = layout_.masthead.publisher;
    doc.meta.date = request_.date;

    masthead();
    std::size_t sources_at = std::string::npos;
    const SectionSpec* sources = nullptr;
    for (const auto& section : layout_.sections) {
      if (section.type == "overview") overview(section);
      else if (section.type == "figures") figures(section);
      else if (section.type == "practices") practices(section);
      else if (section.type == "topics") topics(section);
      else if (section.type == "sources") {
        sources_at = blocks_.size();
        sources = &section;
      }
    }
    // Sources are numbered as the other sections cite them, so they are composed last and
    // put where the layout placed them.
    if (sources && !cites_.empty()) {
      std::vector<Block> list;
      std::swap(list, blocks_);
      heading(sources->heading.empty() ? "资料来源" : sources->heading);
      for (auto& p : cites_.list(styles_.source)) blocks_.push_back(std::move(p));
      list.insert(list.begin() + static_cast<std::ptrdiff_t>(sources_at), blocks_.begin(),
                  blocks_.end());
      blocks_ = std::move(list);
    }
    imprint();
    doc.blocks = std::move(blocks_);
    return doc;
  }

 private:
  const extract::Facts& facts_;
  const Selection& sel_;
  const LayoutSpec& layout_;
  const BriefRequest& request_;
  Styles styles_;
  Citations cites_;
  std::vector<Block> blocks_;
  int heading1_count_ = 0, heading2_count_ = 0;
  std::set<std::string> printed_;
  bool any_topic_ = false;         ///< a topic subsection was printed  ///< sentences already printed (practice explanations)

  bool park() const { return sel_.kind == BriefRequest::Kind::Park; }

  std::string title() const {
    return park() ? sel_.name + "党建工作情况简报" : "“" + sel_.name + "”专题简报";
  }

  std::vector<std::string> keywords() const {
    std::vector<std::string> k = {sel_.name};
    for (const auto& t : facts_.topics)
      if (park() && std::any_of(sel_.summaries.begin(), sel_.summaries.end(), [&](auto* s) {
            return std::find(s->topics.begin(), s->topics.end(), t.id) != s->topics.end();
          }))
        k.push_back(t.id);
    if (!park()) k.insert(k.end(), sel_.parks.begin(), sel_.parks.end());
    return k;
  }

  /// A paragraph; `source` is the raw-file span its text is taken from, if any.
  void paragraph(std::vector<Inline> content, const typeset::ParagraphStyle& style,
                 const Span& source = {}) {
    Paragraph p;
    p.content = std::move(content);
    p.style = style;
    p.source = source;
    blocks_.push_back(std::move(p));
  }

  void heading(const std::string& text, int level = 1) {
    typeset::Heading h;
    std::string number;
    if (layout_.heading_numbering == "chinese") {
      if (level == 1) {
        number = chinese_number(++heading1_count_) + "、";
        heading2_count_ = 0;
      } else {
        number = "（" + chinese_number(++heading2_count_) + "）";
      }
    }
    h.level = level;
    h.paragraph.content.push_back(plain(number + text));
    h.paragraph.style = level == 1 ? styles_.heading1 : styles_.heading2;
    blocks_.push_back(std::move(h));
  }

  /// 报头: the masthead title, the 期号 / 编印单位 / date line, the red rule; then the title.
  void masthead() {
    const MastheadSpec& m = layout_.masthead;
    if (m.enabled) {
      if (layout_.page.grid) {
        // GB/T 9704-2012 §7.2.2: the 发文机关标志's top edge (its em box) 35 mm below the top
        // of the text block.
        const auto& ms = styles_.masthead;
        typeset::Spacer top;
        top.height = std::max<Pt>(0, mm(35) - (ms.leading - ms.text.size) / 2);
        top.keep_at_top = true;
        blocks_.push_back(top);
      }
      paragraph({plain(m.title)}, styles_.masthead);
      std::vector<std::string> info;
      if (!m.issue.empty()) info.push_back(m.issue);
      if (!m.publisher.empty()) info.push_back(m.publisher);
      if (m.show_date && !request_.date.empty()) info.push_back(request_.date);
      if (!info.empty()) paragraph({plain(join(info, "　　"))}, styles_.masthead_info);
      if (m.rule != "none") {
        typeset::Rule r;
        r.color = styles_.rule;
        r.thickness = m.rule == "double" ? 2.0 : 1.5;
        r.double_gap = m.rule == "double" ? 2.0 : 0;
        r.space_before = 4;
        r.space_after = layout_.page.grid ? 0 : 12;
        blocks_.push_back(r);
        // GB/T 9704-2012 §7.3.1: the title sits two blank lines (空二行) below the red
        // separator line; on the document grid that is two line pitches.
        if (const auto& grid = layout_.page.grid; grid && grid->lines_per_page > 0)
          blocks_.push_back(typeset::Spacer{2 * (layout_.page.height - layout_.page.margin_top -
                                                 layout_.page.margin_bottom) /
                                            grid->lines_per_page});
      }
    }
    typeset::Heading h;
    h.level = 1;
    h.paragraph.content.push_back(plain(title()));
    h.paragraph.style = styles_.title;
    blocks_.push_back(std::move(h));
  }

  /// 版记 (GB/T 9704-2012 §7.4) at the foot of the last page: rules the width of the text
  /// block, 0.35 mm first and last, 0.25 mm between 抄送 and the 印发 line; 4号 text one
  /// character in from either side.
  void imprint() {
    const ImprintSpec& im = layout_.imprint;
    if (!im.enabled) return;
    typeset::ParagraphStyle line = styles_.source;
    line.snap_to_grid = false;
    line.keep_together = true;
    const Pt em = line.text.size;
    line.left_indent = line.right_indent = em;
    line.leading = 2 * em;
    auto rule = [&](double mm_thick) {
      typeset::Rule r;
      r.thickness = mm(mm_thick);
      r.color = line.text.color;
      blocks_.push_back(r);
    };
    blocks_.push_back(typeset::Spacer{0, true});
    rule(0.35);
    if (!im.copy_to.empty()) {
      std::string text = "抄送：" + im.copy_to;
      if (text.size() < 3 || text.compare(text.size() - 3, 3, "。") != 0) text += "。";
      paragraph({plain(text)}, line);
      rule(0.25);
    }
    // 印发机关 left, 印发日期 right: a borderless table of one row, a character in each side.
    typeset::Table t;
    t.rules = false;
    t.cell_padding = 0;
    t.cell_style = line;
    t.cell_style.left_indent = t.cell_style.right_indent = 0;
    t.cell_style.first_indent_em = 0;
    t.header_style = t.cell_style;
    const std::string issuer = im.issuer.empty() ? layout_.masthead.publisher : im.issuer;
    const Pt width = layout_.page.width - layout_.page.margin_inner - layout_.page.margin_outer;
    t.column_weights = {em, width / 2 - em, width / 2 - em, em};
    std::vector<TableCell> row = {cell(""), cell(issuer), cell(""), cell("")};
    if (!request_.date.empty()) row[2] = cell(request_.date + "印发", typeset::Align::End);
    t.rows.push_back(std::move(row));
    blocks_.push_back(std::move(t));
    rule(0.35);
  }

  void overview(const SectionSpec& s) {
    std::vector<Inline> text;
    if (park()) {
      std::string who = sel_.name;
      if (sel_.park && !sel_.park->aliases.empty())
        who += "（" + join(sel_.park->aliases, "、") + "）";
      text.push_back(plain("本简报依据" + std::to_string(sel_.articles.size()) + "篇新闻报道，整理" +
                      who + "党建工作的情况"));
    } else {
      text.push_back(plain("本简报围绕“" + sel_.name + "”专题" +
                      (sel_.description.empty() ? "" : "（" + sel_.description + "）") +
                      "，比较" + std::to_string(sel_.parks.size()) + "个园区（地区）的做法与数据：" +
                      join(sel_.parks, "、")));
    }
    std::vector<std::string> titles;
    for (const auto& id : sel_.articles)
      if (auto t = cites_.title_of(id); !t.empty()) titles.push_back("《" + t + "》");
    std::string covers = "。";
    if (!titles.empty()) covers += "所据报道为" + join(titles, "、") + "。";
    std::vector<std::string> topic_names;
    for (const auto& t : facts_.topics) {
      auto in = [&](const std::vector<std::string>& ts) {
        return std::find(ts.begin(), ts.end(), t.id) != ts.end();
      };
      bool any = std::any_of(sel_.figures.begin(), sel_.figures.end(), [&](auto* f) { return in(f->topics); }) ||
                 std::any_of(sel_.practices.begin(), sel_.practices.end(), [&](auto* p) { return in(p->topics); }) ||
                 std::any_of(sel_.summaries.begin(), sel_.summaries.end(), [&](auto* x) { return in(x->topics); });
      if (park() && any) topic_names.push_back(t.id);
    }
    if (!topic_names.empty()) covers += "报道涉及" + join(topic_names, "、") + "等方面。";
    std::vector<int> dates;
    for (auto* x : sel_.summaries) collect_dates(x->text, dates);
    for (auto* f : sel_.figures) collect_dates(f->quote, dates);
    if (!dates.empty()) {
      const auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
      auto md = [](int v) { return std::to_string(v / 100) + "月" + std::to_string(v % 100) + "日"; };
      covers += "报道所述活动见于" + md(*lo) + (*hi != *lo ? "至" + md(*hi) : "") + "。";
    }
    covers += "共摘录关键数据" + std::to_string(sel_.figures.size()) + "项、特色做法" +
              std::to_string(sel_.practices.size()) + "项" +
              (sel_.targets.empty() ? "" : "、工作目标" + std::to_string(sel_.targets.size()) + "项") +
              "。";
    if (sel_.figures.empty() && sel_.targets.empty())
      covers += "报道中没有可摘录的量化数据，本简报只列出做法与要点。";
    if (sel_.figures.empty() && sel_.targets.empty() && sel_.practices.empty() &&
        sel_.summaries.empty())
      covers += "报道对该" + std::string(park() ? "园区" : "专题") + "只有简略提及，暂无可整理的内容。";
    text.push_back(plain(covers));
    heading(s.heading.empty() ? "概况" : s.heading);
    paragraph(std::move(text), styles_.body);
  }

  std::vector<const extract::Figure*> limited(std::size_t max) const {
    std::vector<const extract::Figure*> f = sel_.figures;
    if (max && f.size() > max) f.resize(max);
    return f;
  }

  /// A value cell: the figure as written plus its citation marker.
  TableCell value_cell(const extract::Figure& f) {
    TableCell c;
    c.content = {plain(format_figure(f)), cites_.marker(f.source, styles_.marker)};
    return c;
  }

  TableCell group_row_cell(const std::string& text, int colspan) {
    TableCell c;
    c.content = {{text, styles_.table.header_style.text}};
    c.fill = styles_.table_header;
    c.colspan = colspan;
    return c;
  }

  static TableCell cell(const std::string& text, typeset::Align align = typeset::Align::Start) {
    TableCell c;
    c.content = {plain(text)};
    c.align = align;
    return c;
  }

  /// Targets, plans and forecasts (kind target), apart from what was achieved: never in the
  /// table or a chart, each as the clause that states it, marked 目标.
  void targets() {
    if (sel_.targets.empty()) return;
    heading("工作目标", 2);
    for (const auto& owner : park() ? std::vector<std::string>{sel_.name} : sel_.parks) {
      // One line per sentence: its target clauses joined (…投资11.66亿元，同比增长34.65%).
      std::vector<std::vector<const extract::Figure*>> lines;
      for (auto* f : sel_.targets) {
        if (f->park != owner) continue;
        auto same = std::find_if(lines.begin(), lines.end(), [&](const auto& l) {
          const extract::Location& a = l.front()->source;
          return a.article_id == f->source.article_id && a.block == f->source.block &&
                 a.sentence == f->source.sentence;
        });
        if (same == lines.end()) lines.push_back({f});
        else if (std::none_of(same->begin(), same->end(), [&](auto* g) { return g->quote == f->quote; }))
          same->push_back(f);
      }
      for (const auto& line : lines) {
        std::vector<std::string> clauses;
        for (auto* f : line) clauses.push_back(f->quote);
        const std::string who = park() ? "" : owner + "：";
        paragraph({plain("目标：" + who + join(clauses, "，") + "。"),
                   cites_.marker(line.front()->source, styles_.marker)},
                  styles_.body, line.front()->source.span);
      }
    }
  }

  /// Park brief: a table of figures grouped by topic, and a chart of comparable ones; then
  /// the targets.
  void figures(const SectionSpec& s) {
    if (sel_.figures.empty() && sel_.targets.empty()) return;
    if (!park()) {
      if (!sel_.figures.empty()) compare(s);
      else heading(s.heading.empty() ? "数据比较" : s.heading);
      return targets();
    }
    heading(s.heading.empty() ? "关键数据" : s.heading);
    if (sel_.figures.empty()) return targets();
    const auto figs = limited(s.max_items);
    if (s.table) {
      typeset::Table t = styles_.table;
      t.column_weights = {3, 2};
      t.fit_columns = {1};  // values ("7个[1]") take their width, labels the rest
      t.header_rows = {{cell("指标"), cell("数据")}};
      std::vector<std::pair<std::string, std::vector<const extract::Figure*>>> groups;
      auto group_of = [&](const std::string& name) -> auto& {
        for (auto& g : groups)
          if (g.first == name) return g.second;
        groups.emplace_back(name, std::vector<const extract::Figure*>{});
        return groups.back().second;
      };
      if (s.group_by_topic) {
        for (const auto& topic : facts_.topics)
          for (auto* f : figs)
            if (!f->topics.empty() && f->topics.front() == topic.id) group_of(topic.id).push_back(f);
        for (auto* f : figs)
          if (f->topics.empty() || std::none_of(facts_.topics.begin(), facts_.topics.end(),
                                                [&](const auto& known) { return known.id == f->topics.front(); }))
            group_of("其他").push_back(f);
      } else {
        group_of("").insert(group_of("").end(), figs.begin(), figs.end());
      }
      for (const auto& [name, list] : groups) {
        if (list.empty()) continue;
        if (!name.empty()) t.rows.push_back({group_row_cell(name, 2)});
        for (auto* f : list)
          t.rows.push_back({cell(figure_label(*f)), value_cell(*f)});
      }
      blocks_.push_back(std::move(t));
    }
    if (s.chart) chart(figs, s.max_bars);
    targets();
  }

  /// The largest set of comparable figures — one topic, one unit, one kind, at least 3 —
  /// as a bar chart.
  void chart(const std::vector<const extract::Figure*>& figs, std::size_t max_bars) {
    std::map<std::string, std::vector<const extract::Figure*>> sets;
    std::vector<std::string> order;
    for (auto* f : figs) {
      const std::string topic = f->topics.empty() ? std::string() : f->topics.front();
      const std::string key = topic + "|" + f->unit + "|" + std::string(extract::to_string(f->kind));
      if (!sets.count(key)) order.push_back(key);
      auto& list = sets[key];
      const bool repeat = std::any_of(list.begin(), list.end(),
                                      [&](auto* g) { return g->subject == f->subject; });
      if (!repeat && f->number >= 0) list.push_back(f);
    }
    const std::string* best = nullptr;
    for (const auto& key : order)
      if (sets[key].size() >= 3 && (!best || sets[key].size() > sets[*best].size())) best = &key;
    if (!best) return;
    std::vector<const extract::Figure*> bars = sets[*best];
    std::stable_sort(bars.begin(), bars.end(),
                     [](auto* a, auto* b) { return a->number > b->number; });
    if (bars.size() > max_bars) bars.resize(max_bars);
    const std::string topic = best->substr(0, best->find('|'));
    typeset::BarChart c = styles_.chart;
    c.title = (topic.empty() ? "数据对比" : topic) + "（单位：" + bars.front()->unit + "）";
    for (auto* f : bars) {
      c.labels.push_back(short_label(figure_label(*f), 18));
      c.values.push_back(f->number);
      c.value_labels.push_back(format_figure(*f));
    }
    blocks_.push_back(std::move(c));
  }

  /// Topic brief: the measures several parks report, side by side; then each park's figures.
  void compare(const SectionSpec& s) {
    heading(s.heading.empty() ? "数据比较" : s.heading);
    std::vector<std::string> keys;
    std::map<std::string, std::map<std::string, const extract::Figure*>> table;  // key → park
    for (auto* f : sel_.figures) {
      const std::string key = measure_key(figure_label(*f)) + "|" + f->unit;
      if (!table.count(key)) keys.push_back(key);
      table[key].emplace(f->park, f);
    }
    std::vector<std::string> shared;
    for (const auto& k : keys)
      if (table[k].size() >= 2) shared.push_back(k);
    if (!shared.empty()) {
      std::vector<std::string> parks;
      for (const auto& p : sel_.parks)
        for (const auto& k : shared)
          if (table[k].count(p) && std::find(parks.begin(), parks.end(), p) == parks.end())
            parks.push_back(p);
      typeset::Table t = styles_.table;
      t.column_weights = {3};
      t.header_rows = {{cell("指标")}};
      for (const auto& p : parks) {
        t.column_weights.push_back(2);
        t.header_rows[0].push_back(cell(p));
      }
      for (const auto& k : shared) {
        std::vector<TableCell> row = {cell(k.substr(0, k.rfind('|')))};
        for (const auto& p : parks)
          row.push_back(table[k].count(p) ? value_cell(*table[k][p]) : cell("—", typeset::Align::Center));
        t.rows.push_back(std::move(row));
      }
      blocks_.push_back(std::move(t));
      // The measure most parks report, as a chart across parks.
      const auto& top = *std::max_element(shared.begin(), shared.end(), [&](auto& a, auto& b) {
        return table[a].size() < table[b].size();
      });
      if (s.chart && table[top].size() >= 2) {
        typeset::BarChart c = styles_.chart;
        c.title = top.substr(0, top.rfind('|')) + "（单位：" + top.substr(top.rfind('|') + 1) + "）";
        for (const auto& p : parks)
          if (table[top].count(p)) {
            c.labels.push_back(p);
            c.values.push_back(table[top][p]->number);
            c.value_labels.push_back(format_figure(*table[top][p]));
          }
        blocks_.push_back(std::move(c));
      }
    }
    if (!s.table) return;
    typeset::Table t = styles_.table;
    t.column_weights = {3, 2};
    t.header_rows = {{cell("指标"), cell("数据")}};
    std::size_t shown = 0;
    for (const auto& p : sel_.parks) {
      bool opened = false;
      for (auto* f : sel_.figures) {
        if (f->park != p || (s.max_items && shown >= s.max_items)) continue;
        if (!opened) t.rows.push_back({group_row_cell(p, 2)});
        opened = true;
        t.rows.push_back({cell(figure_label(*f)), value_cell(*f)});
        ++shown;
      }
    }
    blocks_.push_back(std::move(t));
  }

  /// One item for the practices one sentence explains: “A”“B”（category）：the sentence [n].
  void practice_item(const std::vector<const extract::Practice*>& same) {
    std::vector<Inline> content;
    std::vector<std::string> categories;
    for (auto* p : same) {
      content.push_back({"“" + p->name + "”", styles_.item_name});
      if (!p->category.empty() &&
          std::find(categories.begin(), categories.end(), p->category) == categories.end())
        categories.push_back(p->category);
    }
    if (!categories.empty()) content.push_back(plain("（" + join(categories, "、") + "）"));
    const std::string& summary = same.front()->summary;
    content.push_back(plain(summary.empty() ? "。" : "：" + one_line(summary, 90)));
    content.push_back(cites_.marker(same.front()->source, styles_.marker));
    paragraph(std::move(content), styles_.item, same.front()->source.span);
    printed_.insert(summary);
  }

  /// Practices of `owner`, those explained by one sentence merged into one item.
  std::size_t practice_items(const std::string& owner, std::size_t budget) {
    std::vector<std::vector<const extract::Practice*>> items;
    for (auto* p : sel_.practices) {
      if (p->park != owner) continue;
      auto same = std::find_if(items.begin(), items.end(), [&](const auto& item) {
        return !p->summary.empty() && item.front()->summary == p->summary;
      });
      if (same != items.end()) same->push_back(p);
      else items.push_back({p});
    }
    if (budget && items.size() > budget) items.resize(budget);
    for (const auto& item : items) practice_item(item);
    return items.size();
  }

  void practices(const SectionSpec& s) {
    if (sel_.practices.empty()) return;
    heading(s.heading.empty() ? (park() ? "特色做法" : "各园区做法") : s.heading);
    std::size_t shown = 0;
    for (const auto& owner : park() ? std::vector<std::string>{sel_.name} : sel_.parks) {
      const bool any = std::any_of(sel_.practices.begin(), sel_.practices.end(),
                                   [&](auto* p) { return p->park == owner; });
      if (!any || (s.max_items && shown >= s.max_items)) continue;
      if (!park()) heading(owner, 2);
      shown += practice_items(owner, s.max_items ? s.max_items - shown : 0);
    }
  }

  /// The best `max` sentences (by score) of `pool`, printed in corpus order with markers.
  void sentences(std::vector<const extract::SummarySentence*> pool, std::size_t max) {
    std::vector<std::size_t> idx(pool.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(),
                     [&](auto a, auto b) { return pool[a]->score > pool[b]->score; });
    if (max && idx.size() > max) idx.resize(max);
    std::sort(idx.begin(), idx.end());
    for (auto i : idx)
      paragraph({plain(pool[i]->text), cites_.marker(pool[i]->source, styles_.marker)},
                styles_.body, pool[i]->source.span);
  }

  /// Park brief: one subsection per topic with its summary sentences. Topic brief: the
  /// topic's summary sentences per park.
  void topics(const SectionSpec& s) {
    if (sel_.summaries.empty()) return;
    const std::size_t mark = blocks_.size();
    const int numbered = heading1_count_;
    heading(s.heading.empty() ? (park() ? "分专题情况" : "各园区要点") : s.heading);
    topic_subsections(s);
    if (blocks_.size() == mark + 1) {  // nothing to say: leave the section out
      blocks_.resize(mark);
      heading1_count_ = numbered;
    }
  }

  void topic_subsections(const SectionSpec& s) {
    if (!park()) {
      for (const auto& owner : sel_.parks) {
        std::vector<const extract::SummarySentence*> pool;
        for (auto* x : sel_.summaries)
          if (x->park == owner && !printed_.count(x->text)) pool.push_back(x);
        if (pool.empty()) continue;
        heading(owner, 2);
        sentences(pool, s.max_items);
      }
      return;
    }
    std::set<const extract::SummarySentence*> used;
    for (const auto& topic : facts_.topics) {
      std::vector<const extract::SummarySentence*> pool;
      for (auto* x : sel_.summaries)
        if (!used.count(x) && !printed_.count(x->text) &&
            std::find(x->topics.begin(), x->topics.end(), topic.id) != x->topics.end())
          pool.push_back(x);
      // The practices under this topic, by name: their sentences are printed above already.
      std::vector<std::string> names;
      for (auto* p : sel_.practices)
        if (std::find(p->topics.begin(), p->topics.end(), topic.id) != p->topics.end() &&
            std::find(names.begin(), names.end(), "“" + p->name + "”") == names.end())
          names.push_back("“" + p->name + "”");
      if (pool.empty() && names.empty()) continue;
      heading(topic.id, 2);
      std::stable_sort(pool.begin(), pool.end(), [](auto* a, auto* b) { return a->score > b->score; });
      if (s.max_items && pool.size() > s.max_items) pool.resize(s.max_items);
      for (auto* x : pool) used.insert(x);
      std::vector<const extract::SummarySentence*> ordered;
      for (auto* x : sel_.summaries)
        if (std::find(pool.begin(), pool.end(), x) != pool.end()) ordered.push_back(x);
      sentences(ordered, 0);
      if (!names.empty()) paragraph({plain("相关做法：" + join(names, "") + "。")}, styles_.body);
      any_topic_ = true;
    }
    if (used.empty() && !any_topic_) {  // no topic tags: the park's best sentences not printed yet
      std::vector<const extract::SummarySentence*> pool;
      for (auto* x : sel_.summaries)
        if (!printed_.count(x->text)) pool.push_back(x);
      if (pool.empty()) return;
      heading("要点", 2);
      sentences(pool, s.max_items);
    }
  }
};

}  // namespace

typeset::Document compose(const extract::Facts& facts, const BriefRequest& request,
                          const LayoutSpec& layout, DiagSink& sink) {
  const Selection sel = select(facts, request);                 // the facts of this brief
  if (sel.figures.empty() && sel.targets.empty() && sel.practices.empty() &&
      sel.summaries.empty()) {
    Diagnostic d;
    d.severity = Severity::Warning;
    d.code = "compose.thin_brief";
    d.message = "no figures, practices or summary sentences for '" + sel.name + "'";
    d.hint = "the brief only says so; check ptbrief extract for what was found";
    sink.report(d);
  }
  return Composer(facts, sel, layout, request).run();           // masthead + sections
}

}  // namespace ptbrief::compose
