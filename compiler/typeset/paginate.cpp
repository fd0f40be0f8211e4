// Pagination and running lines.
#include "typeset/paginate.h"

#include <algorithm>
#include <cmath>

#include "base/limits.h"
#include "typeset/typeset.h"

namespace ptbrief::typeset {
namespace {

void translate(Item& item, Pt dx, Pt dy) {
  if (auto* run = std::get_if<GlyphRun>(&item)) {
    for (PlacedGlyph& g : run->glyphs) {
      g.x += dx;
      g.y += dy;
    }
  } else if (auto* box = std::get_if<Box>(&item)) {
    box->x += dx;
    box->y += dy;
  } else if (auto* st = std::get_if<Stroke>(&item)) {
    st->x1 += dx;
    st->x2 += dx;
    st->y1 += dy;
    st->y2 += dy;
  }
}

class Paginator {
 public:
  Paginator(const PageSpec& spec, PageList& out) : spec_(spec), out_(out) {
    if (spec.grid && spec.grid->lines_per_page > 0)
      line_pitch_ = text_block(spec, 0).height / spec.grid->lines_per_page;
  }

  void run(std::vector<Slab>& flow) {
    std::size_t i = 0;
    while (i < flow.size()) {
      // A group: slabs joined by keep_with_next.
      std::size_t j = i;
      while (j + 1 < flow.size() && flow[j].keep_with_next && !flow[j + 1].break_before) ++j;
      if (flow[i].break_before && !page_empty()) new_page();
      if (flow[i].to_foot) {
        to_foot(flow, i);
        return;
      }
      const Pt h = group_height(flow, i, j, page_empty()) + grid_shift(flow[i]);
      if (!fits(h) && !page_empty() && group_height(flow, i, j, true) <= block_.height) new_page();
      for (std::size_t k = i; k <= j; ++k) {
        if (!fits(slab_height(flow[k], page_empty()) + grid_shift(flow[k])) && !page_empty())
          new_page();
        place(flow[k]);
      }
      i = j + 1;
    }
    if (out_.pages.empty()) new_page();
  }

 private:
  // The slabs from `i` to the end at the foot of the page, off the grid, the last one ending
  // on the text block's bottom edge; on a new page when they do not fit below the text.
  void to_foot(std::vector<Slab>& flow, std::size_t i) {
    if (out_.pages.empty()) new_page();
    Pt h = 0;
    for (std::size_t k = i; k < flow.size(); ++k) h += flow[k].space_before + flow[k].height;
    if (!fits(h) && !page_empty()) new_page();
    for (std::size_t k = i; k < flow.size(); ++k) {
      y_ = std::max(y_, block_.height - h);
      flow[k].on_grid = false;
      put(flow[k], true);
      h -= flow[k].space_before + flow[k].height;
    }
  }

  bool page_empty() const { return out_.pages.empty() || y_ == 0; }
  bool fits(Pt h) const { return !out_.pages.empty() && y_ + h <= block_.height + 0.01; }

  Pt header_height(const Slab& s, bool at_top) const {
    Pt h = 0;
    if (s.header && (s.header_always || at_top))
      for (const Slab& hs : *s.header) h += hs.height;
    return h;
  }

  Pt slab_height(const Slab& s, bool at_top) const {
    return (at_top && !s.keep_space ? 0 : s.space_before) + header_height(s, at_top) + s.height;
  }

  // Where a slab that follows the document grid starts: the grid line nearest to where its
  // space above would put it, but never above the end of the slab before it. On a grid,
  // vertical space is counted in lines (GB/T 9704 §7.3.3 says 空一行, not 6 mm): a space
  // under half a line vanishes, a larger one becomes a whole line.
  Pt grid_top(const Slab& s, bool with_space) const {
    const Pt natural = with_space ? y_ + s.space_before : y_;
    if (!line_pitch_ || !s.on_grid) return natural;
    Pt top = std::round(natural / *line_pitch_) * *line_pitch_;
    if (top < y_ - 0.01) top += *line_pitch_;
    return top;
  }

  // The distance grid_top moves a slab from its natural place (may be negative).
  Pt grid_shift(const Slab& s) const {
    const bool with_space = !page_empty() || s.keep_space;
    return grid_top(s, with_space) - (with_space ? y_ + s.space_before : y_);
  }

  Pt group_height(const std::vector<Slab>& flow, std::size_t i, std::size_t j, bool at_top) const {
    Pt h = 0;
    for (std::size_t k = i; k <= j; ++k) h += slab_height(flow[k], at_top && k == i);
    return h;
  }

  void new_page() {
    if (out_.pages.size() >= limits::kMaxPages)
      fail("typeset.too_many_pages",
           "the document needs more than " + std::to_string(limits::kMaxPages) + " pages",
           "split the document");
    Page p;
    p.width = spec_.width;
    p.height = spec_.height;
    out_.pages.push_back(std::move(p));
    block_ = text_block(spec_, out_.pages.size() - 1);
    y_ = 0;
  }

  void place(Slab& s) {
    if (out_.pages.empty()) new_page();
    const bool at_top = page_empty();
    bool space = !at_top || s.keep_space;
    if (s.header && (s.header_always || at_top)) {
      if (space) y_ += s.space_before;  // the table's space goes above its header
      space = false;
      for (Slab hs : *s.header) put(hs, false);  // a copy: headers repeat
    }
    put(s, space);
  }

  void put(Slab& s, bool with_space) {
    y_ = grid_top(s, with_space);
    Page& page = out_.pages.back();
    const Pt dx = block_.left, dy = block_.top + y_;
    for (Item& item : s.items) {
      translate(item, dx, dy);
      page.items.push_back(std::move(item));
    }
    for (LineRecord& r : s.lines) {
      r.x_start += dx;
      r.x_end += dx;
      r.left += dx;
      r.right += dx;
      r.baseline += dy;
      page.lines.push_back(std::move(r));
    }
    for (OutlineEntry o : s.outline) {
      o.page = out_.pages.size() - 1;
      o.y = dy + o.y;
      out_.outline.push_back(std::move(o));
    }
    y_ += s.height;
  }

  const PageSpec& spec_;
  PageList& out_;
  TextBlock block_;
  Pt y_ = 0;
  std::optional<Pt> line_pitch_;  ///< the document grid's line pitch, if the page has one
};

std::string expand(std::string t, const std::string& page, const std::string& pages,
                   const Metadata& meta) {
  auto replace_all = [&t](const std::string& key, const std::string& value) {
    for (std::size_t at = t.find(key); at != std::string::npos; at = t.find(key, at + value.size()))
      t.replace(at, key.size(), value);
  };
  replace_all("{page}", page);
  replace_all("{pages}", pages);
  replace_all("{title}", meta.title);
  replace_all("{date}", meta.date);
  return t;
}

// One running line (header or footer) on one page, baseline at `baseline`.
void running_line(const RunningLine& rl, const Document& doc, std::size_t index, Pt baseline,
                  bool header, PageList& out, Engine& e) {
  if (index == 0 && !rl.on_first_page) return;
  const TextBlock tb = text_block(doc.page, index);
  const std::string page = std::to_string(index + 1), pages = std::to_string(out.pages.size());
  Page& p = out.pages[index];
  const bool odd = index % 2 == 0;
  struct Slot {
    const std::string* tmpl;
    int where;  // 0 left, 1 center, 2 right
  };
  // With mirrored margins, left and right mean inner and outer: an even page swaps them, so a
  // running head set right sits on the outer side of every page, never on the binding side.
  const bool swap = doc.page.mirrored && !odd;
  const Slot slots[] = {{&rl.left, swap ? 2 : 0},
                        {&rl.center, 1},
                        {&rl.right, swap ? 0 : 2},
                        {&rl.outer, odd ? 2 : 0}};
  for (const Slot& slot : slots) {
    if (slot.tmpl->empty()) continue;
    SetLine line = set_label(expand(*slot.tmpl, page, pages, doc.meta), rl.style, e);
    const Pt w = line.record.x_end;
    const Pt x = slot.where == 0   ? tb.left
                 : slot.where == 1 ? tb.left + (tb.width - w) / 2
                                   : tb.left + tb.width - w;
    const Pt dy = baseline - line.record.baseline;
    std::vector<LineRecord> records;
    emit_line(std::move(line), x, dy, p.items, records);
    for (LineRecord& r : records) p.lines.push_back(std::move(r));
  }
  if (rl.rule) {
    // The rule sits between the running line and the text block, 0.4 em from the baseline.
    const Pt y = header ? baseline + 0.4 * rl.style.size : baseline - 1.1 * rl.style.size;
    p.items.push_back(Stroke{tb.left, y, tb.left + tb.width, y, 0.4, rl.style.color});
  }
}

}  // namespace

TextBlock text_block(const PageSpec& spec, std::size_t index) {
  const bool even = index % 2 == 1;
  TextBlock tb;
  tb.left = spec.mirrored && even ? spec.margin_outer : spec.margin_inner;
  tb.top = spec.margin_top;
  tb.width = std::max<Pt>(10, spec.width - spec.margin_inner - spec.margin_outer);
  tb.height = std::max<Pt>(10, spec.height - spec.margin_top - spec.margin_bottom);
  return tb;
}

void paginate(std::vector<Slab>&& flow, const PageSpec& spec, PageList& out) {
  Paginator(spec, out).run(flow);
}

void move_pages(PageList& pages, const PageSpec& spec, std::size_t first) {
  for (std::size_t k = 0; k < pages.pages.size(); ++k) {
    const Pt dx = text_block(spec, first + k).left - text_block(spec, k).left;
    if (dx == 0) continue;
    Page& page = pages.pages[k];
    for (Item& item : page.items) translate(item, dx, 0);
    for (LineRecord& r : page.lines) {
      r.x_start += dx;
      r.x_end += dx;
      r.left += dx;
      r.right += dx;
    }
  }
}

void add_running_lines(const Document& doc, PageList& out, Engine& e) {
  const PageSpec& spec = doc.page;
  for (std::size_t i = 0; i < out.pages.size(); ++i) {
    out.pages[i].label = std::to_string(i + 1);
    const Pt hoff = spec.header.offset > 0 ? spec.header.offset : 1.2 * spec.header.style.size;
    const Pt foff = spec.footer.offset > 0 ? spec.footer.offset : 2 * spec.footer.style.size;
    running_line(spec.header, doc, i, spec.margin_top - hoff, true, out, e);
    running_line(spec.footer, doc, i, spec.height - spec.margin_bottom + foff, false, out, e);
  }
}

}  // namespace ptbrief::typeset
