// Block layout: paragraphs, headings, lists, tables, rules, bar charts and spacers → slabs.
#include "typeset/blocks.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/limits.h"
#include "base/utf8.h"

namespace ptbrief::typeset {
namespace {

void shift(LineRecord& r, Pt dx, Pt dy) {
  r.x_start += dx;
  r.x_end += dx;
  r.left += dx;
  r.right += dx;
  r.baseline += dy;
}

// Content cut into pieces of at most limits::kMaxParagraphChars characters, so the line
// breaker never sees more than that at once (a hostile paragraph cannot make it quadratic).
std::vector<std::vector<Inline>> split_long(const std::vector<Inline>& content) {
  std::size_t total = 0;
  for (const Inline& in : content) total += from_utf8(in.text).size();
  if (total <= limits::kMaxParagraphChars) return {content};
  std::vector<std::vector<Inline>> pieces(1);
  std::size_t in_piece = 0;
  for (const Inline& in : content) {
    const std::u32string text = from_utf8(in.text);
    for (std::size_t at = 0; at < text.size();) {
      if (in_piece == limits::kMaxParagraphChars) {
        pieces.emplace_back();
        in_piece = 0;
      }
      const std::size_t n = std::min(text.size() - at, limits::kMaxParagraphChars - in_piece);
      pieces.back().push_back({to_utf8(std::u32string_view(text).substr(at, n)), in.style});
      at += n;
      in_piece += n;
    }
  }
  return pieces;
}

// A paragraph: one slab per line. Widows and orphans (a single line of a body paragraph
// alone at a page top or bottom) are prevented by keeping the first two and the last two
// lines together (Chicago Manual of Style 2.113; clreq §3.7 on 孤行).
std::vector<Slab> paragraph_slabs(const Paragraph& p, Pt width, Engine& e, bool body) {
  e.shaping.source = p.source;  // for the warnings of the shaper
  std::vector<SetLine> lines;
  for (const auto& piece : split_long(p.content)) {
    ParagraphStyle style = p.style;
    if (!lines.empty()) style.first_indent_em = 0;  // a continuation of the same paragraph
    std::vector<SetLine> more =
        set_text(piece, style, width, e, body, lines.empty() ? p.marker : "");
    if (!lines.empty() && !more.empty()) lines.back().record.paragraph_end = false;
    for (SetLine& l : more) lines.push_back(std::move(l));
  }
  e.shaping.source = {};  // headings and cells that follow have no source of their own
  std::vector<Slab> slabs;
  for (SetLine& line : lines) {
    Slab s;
    s.height = line.height;
    s.on_grid = p.style.snap_to_grid && e.line_pitch.has_value();
    emit_line(std::move(line), 0, 0, s.items, s.lines);
    slabs.push_back(std::move(s));
  }
  const std::size_t n = slabs.size();
  if (n == 0) return slabs;
  if (n >= 2) {
    slabs[0].keep_with_next = true;
    slabs[n - 2].keep_with_next = true;
  }
  if (p.style.keep_together)
    for (std::size_t i = 0; i + 1 < n; ++i) slabs[i].keep_with_next = true;
  slabs.back().keep_with_next = p.style.keep_with_next;
  slabs.front().space_before = p.style.space_before;
  return slabs;
}

std::string plain_text(const std::vector<Inline>& content) {
  std::string s;
  for (const Inline& in : content) s += in.text;
  return s;
}

// One table row: cell fills, wrapped cell text, and the rules around every cell.
Slab table_row(const Table& t, const std::vector<TableCell>& row, const std::vector<Pt>& col_x,
               const ParagraphStyle& style, std::optional<Color> row_fill, Engine& e) {
  struct SetCell {
    Pt x, w;
    std::vector<SetLine> lines;
    std::optional<Color> fill;
  };
  std::vector<SetCell> cells;
  Pt height = 0;
  std::size_t col = 0;
  for (const TableCell& cell : row) {
    if (col + 1 >= col_x.size()) break;
    const std::size_t span = std::max(1, cell.colspan);
    const std::size_t end = std::min(col + span, col_x.size() - 1);
    SetCell sc{col_x[col], col_x[end] - col_x[col], {}, cell.fill ? cell.fill : row_fill};
    ParagraphStyle ps = style;
    ps.align = cell.align;
    ps.first_indent_em = 0;
    ps.left_indent = ps.right_indent = 0;
    ps.snap_to_grid = false;  // ECMA-376 §17.6.5: no line pitch in table cells; text at its size
    sc.lines = set_text(cell.content, ps, sc.w - 2 * t.cell_padding, e, false);
    Pt h = 0;
    for (const SetLine& l : sc.lines) h += l.height;
    height = std::max(height, h);
    cells.push_back(std::move(sc));
    col = end;
  }
  Slab s;
  s.height = height + 2 * t.cell_padding;
  for (SetCell& c : cells)
    if (c.fill) s.items.push_back(Box{c.x, 0, c.w, s.height, c.fill, std::nullopt, 0});
  for (SetCell& c : cells) {
    Pt y = t.cell_padding;
    for (SetLine& l : c.lines) {
      const Pt h = l.height;
      emit_line(std::move(l), c.x + t.cell_padding, y, s.items, s.lines);
      y += h;
    }
  }
  if (!t.rules) return s;
  const Pt right = col_x.back();
  s.items.push_back(Stroke{col_x.front(), 0, right, 0, t.rule_width, t.rule_color});
  s.items.push_back(Stroke{col_x.front(), s.height, right, s.height, t.rule_width, t.rule_color});
  for (const SetCell& c : cells)
    s.items.push_back(Stroke{c.x, 0, c.x, s.height, t.rule_width, t.rule_color});
  s.items.push_back(Stroke{right, 0, right, s.height, t.rule_width, t.rule_color});
  return s;
}

// A table: one slab per body row, each able to repeat the header rows when it starts a page.
std::vector<Slab> table_slabs(const Table& t, Pt width, Engine& e) {
  std::vector<double> weights = t.column_weights;
  std::size_t ncols = weights.size();
  for (const auto& r : t.header_rows) ncols = std::max(ncols, r.size());
  for (const auto& r : t.rows) ncols = std::max(ncols, r.size());
  weights.resize(ncols, weights.empty() ? 1.0 : 0.0);
  for (double& w : weights) w = std::max(w, 0.0);
  double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (total <= 0) {
    std::fill(weights.begin(), weights.end(), 1.0);
    total = double(ncols);
  }
  // Columns sized from their content: the natural width of their widest single-column cell.
  std::vector<Pt> fixed(ncols, -1);
  Pt fixed_total = 0;
  for (std::size_t c : t.fit_columns) {
    if (c >= ncols || fixed[c] >= 0) continue;
    Pt widest = 0;
    auto measure = [&](const std::vector<std::vector<TableCell>>& rows, const ParagraphStyle& st) {
      for (const auto& row : rows) {
        std::size_t col = 0;
        for (const TableCell& cell : row) {
          const std::size_t span = std::max(1, cell.colspan);
          if (col == c && span == 1) {
            ParagraphStyle ps = st;
            ps.align = Align::Start;
            ps.first_indent_em = 0;
            ps.left_indent = ps.right_indent = 0;
            ps.snap_to_grid = false;
            for (const SetLine& l : set_text(cell.content, ps, 1e6, e, false))
              widest = std::max(widest, l.record.x_end);
          }
          col += span;
        }
      }
    };
    measure(t.header_rows, t.header_style);
    measure(t.rows, t.cell_style);
    fixed[c] = std::min(widest + 2 * t.cell_padding + t.cell_style.text.size, width / 2);
    fixed_total += fixed[c];
    total -= weights[c];
  }
  std::vector<Pt> col_x{0};
  for (std::size_t c = 0; c < ncols; ++c)
    col_x.push_back(col_x.back() + (fixed[c] >= 0 ? fixed[c]
                                    : total > 0 ? (width - fixed_total) * weights[c] / total
                                                : 0));

  auto header = std::make_shared<std::vector<Slab>>();
  for (const auto& row : t.header_rows)
    header->push_back(table_row(t, row, col_x, t.header_style, t.header_fill, e));
  std::vector<Slab> slabs;
  for (const auto& row : t.rows) {
    Slab s = table_row(t, row, col_x, t.cell_style, std::nullopt, e);
    if (!header->empty()) s.header = header;
    // A group label (one cell across the whole table) heads the rows below it: never the
    // last row on a page, like a heading.
    s.keep_with_next = row.size() == 1 && std::size_t(std::max(1, row[0].colspan)) >= ncols;
    slabs.push_back(std::move(s));
  }
  if (!slabs.empty()) slabs.back().keep_with_next = false;
  if (slabs.empty() && !header->empty())
    slabs = *header;
  else if (!slabs.empty())
    slabs.front().header_always = true;
  if (!slabs.empty()) slabs.front().space_before = t.space_before;
  return slabs;
}

Slab rule_slab(const Rule& r, Pt width) {
  Slab s;
  const Pt w = r.width > 0 ? std::min(r.width, width) : width;
  s.space_before = r.space_before;
  s.items.push_back(Stroke{0, r.thickness / 2, w, r.thickness / 2, r.thickness, r.color});
  s.height = r.thickness;
  if (r.double_gap > 0) {
    // 公文 style: a thick rule over a thin one (GB/T 9704-2012 §7.2.4 uses a single red
    // rule; briefings commonly pair a 1.5 pt and a 0.5 pt rule).
    const Pt thin = std::max<Pt>(0.5, r.thickness / 3);
    const Pt y = r.thickness + r.double_gap + thin / 2;
    s.items.push_back(Stroke{0, y, w, y, thin, r.color});
    s.height = y + thin / 2;
  }
  return s;
}

// A horizontal bar chart: one row per bar — its label (right-aligned in the label column,
// wrapped over at most two lines), the bar, and its value label at the bar's end — then the
// title below the chart, as Chinese figure captions go (GB/T 7713.1 §6.5: 图题 under the figure).
Slab chart_slab(const BarChart& c, Pt width, Engine& e) {
  Slab s;
  s.space_before = c.space_before;
  s.keep_with_next = false;
  Pt y = 0;
  const Pt label_w = width * 0.25, value_w = width * 0.15;
  const Pt bar_x = label_w + c.label_style.size * 0.5;
  const Pt bar_max = std::max<Pt>(1, width - bar_x - value_w);
  double vmax = 0;
  auto value = [&c](std::size_t i) {
    return std::isfinite(c.values[i]) ? std::max(0.0, c.values[i]) : 0.0;
  };
  for (std::size_t i = 0; i < c.values.size(); ++i) vmax = std::max(vmax, value(i));
  const std::size_t n = std::min(c.labels.size(), c.values.size());
  ParagraphStyle label_style;
  label_style.text = c.label_style;
  label_style.align = Align::End;
  label_style.first_indent_em = 0;
  label_style.leading = 1.2 * c.label_style.size;
  label_style.snap_to_grid = false;
  const Pt axis_top = y;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<SetLine> label = set_text({Inline{c.labels[i], std::nullopt}}, label_style,
                                          label_w, e, false);
    if (label.size() > 2) label.resize(2);  // compose keeps labels to two lines' worth
    Pt label_h = 0;
    for (const SetLine& l : label) label_h += l.height;
    const Pt row_h = std::max(c.bar_height, label_h);
    const Pt bar_y = y + (row_h - c.bar_height) / 2;
    const Pt bar_w = vmax > 0 ? bar_max * value(i) / vmax : 0;
    s.items.push_back(Box{bar_x, bar_y, bar_w, c.bar_height, c.bar_color, std::nullopt, 0});
    Pt ly = y + (row_h - label_h) / 2;
    for (SetLine& l : label) {
      const Pt h = l.height;
      emit_line(std::move(l), 0, ly, s.items, s.lines);
      ly += h;
    }
    if (i < c.value_labels.size()) {
      SetLine value_label = set_label(c.value_labels[i], c.label_style, e);
      const Pt value_dy = bar_y + (c.bar_height - value_label.height) / 2;
      emit_line(std::move(value_label), bar_x + bar_w + c.label_style.size * 0.3, value_dy, s.items,
                s.lines);
    }
    y += row_h + c.bar_gap;
  }
  s.items.push_back(
      Stroke{bar_x, axis_top - c.bar_gap / 2, bar_x, y - c.bar_gap / 2, 0.5, Color{0.3, 0.3, 0.3}});
  if (!c.title.empty()) {
    SetLine title = set_label(c.title, c.label_style, e);
    const Pt h = title.height;
    const Pt dx = (width - title.record.x_end) / 2;
    emit_line(std::move(title), dx, y, s.items, s.lines);
    y += h;
  }
  s.height = y;
  return s;
}

}  // namespace

void emit_line(SetLine&& line, Pt dx, Pt dy, std::vector<Item>& items,
               std::vector<LineRecord>& records) {
  for (GlyphRun& run : line.runs) {
    for (PlacedGlyph& g : run.glyphs) {
      g.x += dx;
      g.y += dy;
    }
    items.push_back(std::move(run));
  }
  shift(line.record, dx, dy);
  records.push_back(std::move(line.record));
}

std::vector<Slab> layout_blocks(const std::vector<Block>& blocks, Pt width, Engine& e) {
  std::vector<Slab> flow;
  Pt carried_space = 0;  // space_after of the previous block and spacers
  bool break_next = false, foot_next = false, keep_next = false;
  for (const Block& block : blocks) {
    std::vector<Slab> slabs;
    Pt space_after = 0;
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      slabs = paragraph_slabs(*p, width, e, true);
      space_after = p->style.space_after;
    } else if (const auto* h = std::get_if<Heading>(&block)) {
      Paragraph hp = h->paragraph;
      hp.style.keep_together = true;
      slabs = paragraph_slabs(hp, width, e, false);
      space_after = hp.style.space_after;
      if (!slabs.empty() && h->outline)
        slabs.front().outline.push_back({plain_text(hp.content), h->level, 0, 0});
    } else if (const auto* t = std::get_if<Table>(&block)) {
      slabs = table_slabs(*t, width, e);
      space_after = t->space_after;
    } else if (const auto* r = std::get_if<Rule>(&block)) {
      slabs.push_back(rule_slab(*r, width));
      space_after = r->space_after;
    } else if (const auto* c = std::get_if<BarChart>(&block)) {
      slabs.push_back(chart_slab(*c, width, e));
      space_after = c->space_after;
    } else if (const auto* sp = std::get_if<Spacer>(&block)) {
      carried_space += std::max<Pt>(0, sp->height);
      foot_next = foot_next || sp->to_foot;
      keep_next = keep_next || sp->keep_at_top;
    } else if (std::holds_alternative<PageBreak>(block)) {
      break_next = true;
      carried_space = 0;
    }
    if (slabs.empty()) continue;
    slabs.front().space_before = std::max<Pt>(0, slabs.front().space_before) + carried_space;
    slabs.front().break_before = break_next;
    slabs.front().to_foot = foot_next;
    slabs.front().keep_space = keep_next;
    break_next = foot_next = keep_next = false;
    carried_space = std::max<Pt>(0, space_after);
    for (Slab& s : slabs) flow.push_back(std::move(s));
  }
  return flow;
}

}  // namespace ptbrief::typeset
