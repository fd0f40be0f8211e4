// Paragraph setting: CJK passes → Knuth–Plass items → breaks → positioned glyphs and records.
#include "typeset/paragraph.h"

#include <algorithm>
#include <cmath>

#include "base/utf8.h"
#include "typeset/breaks.h"
#include "typeset/linebreak.h"

namespace ptbrief::typeset {
namespace {

using BItem = lb::Item;

// Ideographic em box: the baseline sits 0.88 em below the top of the em square (the usual
// CJK convention, e.g. Noto CJK's ideographic embox: top 880, bottom -120).
constexpr double kEmBoxAscent = 0.88;

// What each break item stands for, to place glyphs after breaking.
struct ItemSource {
  enum Kind : std::uint8_t { Indent, ClusterBox, SpaceGlue, JointGlue, Other } kind = Other;
  std::uint32_t cluster = 0;
};

// The paragraph turned into break items, with the spacing decided by the CJK passes.
struct Prepared {
  StyledText text;
  ShapedText shaped;
  std::vector<SpacedCluster> spaced;
  std::vector<BItem> items;
  std::vector<ItemSource> sources;
  /// The character pitch this paragraph's grid-sized text snaps to, if it follows the grid.
  std::optional<Pt> pitch;
};

// Document grid (PageSpec::grid). Word's character grid puts one East Asian character in each
// grid unit, centred (ECMA-376 §17.18.14 linesAndChars; MS-OI29500 §2.1.534), which is right
// for text of the grid's size only: a 二号 title squeezed into a 三号 pitch overlaps itself,
// and 小四 table text spread over it is letter-spaced — 公文 templates switch 对齐网格 off for
// such paragraphs (ECMA-376 §17.3.2.34 snapToGrid). Whole multiples of the pitch are no
// better (a 22 pt title at two 15.8 pt pitches a character is letter-spaced by 9 pt), so
// here text snaps when its size is within 10% of the pitch and keeps its natural advance
// otherwise.
bool grid_fits(Pt size, Pt pitch) {
  return std::abs(size - pitch) <= 0.1 * pitch;
}

// The pitch a paragraph's grid-sized text snaps to, if any.
std::optional<Pt> paragraph_pitch(const ParagraphStyle& style, const Engine& e) {
  if (!style.snap_to_grid || !e.char_pitch || !grid_fits(style.text.size, *e.char_pitch))
    return std::nullopt;
  return e.char_pitch;
}

// Tracking that brings a full-width cluster of the grid's size to exactly one pitch.
Pt grid_track(const SpacedCluster& c, std::optional<Pt> pitch) {
  if (!pitch || c.width < 0.9 * c.em || !grid_fits(c.em, *pitch)) return 0;
  return *pitch - c.width;
}

std::vector<SpacedCluster> spaced_clusters(const Prepared& p, Engine& e) {
  std::vector<SpacedCluster> out;
  out.reserve(p.shaped.clusters.size());
  for (const Cluster& c : p.shaped.clusters) {
    SpacedCluster s;
    s.cls = c.cls;
    s.width = c.width;
    s.em = effective_size(p.text.styles[c.style]);
    s.note = p.text.styles[c.style].superscript;
    if ((s.cls == CharClass::Opening || s.cls == CharClass::Closing ||
         s.cls == CharClass::Middle) &&
        c.glyph_end > c.glyph_begin) {
      // Where the ink is: the blank on each side of the mark's glyph, from its extents.
      const std::uint32_t gid = p.shaped.glyphs[c.glyph_begin].gid;
      auto [it, fresh] = e.ink.try_emplace({c.face, gid}, 0, -1);
      if (fresh) {
        hb_glyph_extents_t ext{};
        if (hb_font_get_glyph_extents(c.face->font, gid, &ext))
          it->second = {ext.x_bearing, ext.width};
      }
      if (it->second.second >= 0) {
        const double scale = s.em / c.face->info.units_per_em;
        s.blank_left = it->second.first * scale;
        s.blank_right = c.width - (it->second.first + it->second.second) * scale;
      }
    }
    out.push_back(s);
  }
  for (SpacedCluster& s : out) s.width += grid_track(s, p.pitch);
  return out;
}

// A note marker (a superscript such as ¹ or [15]) belongs to the text it annotates: no line
// may start with it (like a closing mark under clreq §3.1.7 行首禁则; Chicago Manual of Style
// 14.26 places the reference right after the word or punctuation it follows).
void keep_note_markers(const Prepared& p, std::vector<BreakAfter>& breaks) {
  const auto& clusters = p.shaped.clusters;
  for (std::size_t i = 0; i + 1 < clusters.size(); ++i) {
    const std::size_t at = clusters[i].end - 1;
    if (p.text.styles[clusters[i + 1].style].superscript && breaks[at] == BreakAfter::Allowed)
      breaks[at] = BreakAfter::Never;
  }
}

// A run styled no_break is set on one line: "[4]第7段" never splits after its label.
void keep_no_break_runs(const Prepared& p, std::vector<BreakAfter>& breaks) {
  const auto& clusters = p.shaped.clusters;
  for (std::size_t i = 0; i + 1 < clusters.size(); ++i) {
    const std::uint32_t st = clusters[i].style;
    if (p.text.styles[st].no_break && clusters[i + 1].style == st)
      breaks[clusters[i].end - 1] = BreakAfter::Never;
  }
}

// Builds the items: boxes for clusters, glue for spaces and joints, penalties where the
// break rules forbid or allow a break without glue.
void build_items(Prepared& p, const ParagraphStyle& style) {
  const auto& clusters = p.shaped.clusters;
  const std::size_t n = clusters.size();
  std::vector<Joint> joints(n ? n - 1 : 0);
  // On the document grid too: marks are compressed, and the justification spreads the slack
  // so that a justified line still starts and ends on the grid (its first and last cells).
  compress_punctuation(p.spaced, joints);
  add_han_latin_spacing(p.spaced, joints, style.han_latin_gap_em);
  add_inter_character_stretch(p.spaced, joints);
  std::vector<BreakAfter> breaks = find_breaks(p.text.text);
  keep_note_markers(p, breaks);
  keep_no_break_runs(p, breaks);

  auto push = [&](BItem it, ItemSource::Kind k, std::uint32_t cl = 0) {
    p.items.push_back(it);
    p.sources.push_back({k, cl});
  };
  const Pt indent = style.first_indent_em * (p.pitch ? *p.pitch : style.text.size);
  if (indent > 0) push(BItem::box(indent, false), ItemSource::Indent);
  for (std::size_t i = 0; i < n; ++i) {
    const SpacedCluster& s = p.spaced[i];
    if (s.cls == CharClass::Newline) {
      push(BItem::glue(0, lb::kFil, 0), ItemSource::Other);
      push(BItem::penalty_item(0, -lb::kInfinitePenalty), ItemSource::Other, std::uint32_t(i));
      continue;
    }
    if (s.cls == CharClass::Space) {
      // A break at a space is a break after it: the break rules decide whether it is allowed.
      if (breaks[clusters[i].end - 1] == BreakAfter::Never)
        push(BItem::penalty_item(0, lb::kInfinitePenalty), ItemSource::Other);
      push(BItem::glue(s.width, s.width / 2, s.width / 3), ItemSource::SpaceGlue, std::uint32_t(i));
      continue;
    }
    // 孤字 counts characters only: marks and note markers do not make a last line long enough.
    const bool counts = !is_cjk_punctuation(s.cls) && !s.note && s.cls != CharClass::Symbol;
    push(BItem::box(s.width - s.trim_left - s.trim_right, counts), ItemSource::ClusterBox,
         std::uint32_t(i));
    if (i + 1 >= n) break;
    const CharClass next = p.spaced[i + 1].cls;
    if (next == CharClass::Space || next == CharClass::Newline) continue;
    const Joint& j = joints[i];
    const bool allowed = breaks[clusters[i].end - 1] != BreakAfter::Never;
    if (!allowed && j.has_glue())
      push(BItem::penalty_item(0, lb::kInfinitePenalty), ItemSource::Other);
    if (j.has_glue())
      push(BItem::glue(j.width, j.stretch, j.shrink), ItemSource::JointGlue, std::uint32_t(i));
    else if (allowed)
      push(BItem::penalty_item(0, 0), ItemSource::Other);
  }
  push(BItem::glue(0, lb::kFil, 0), ItemSource::Other);
  push(BItem::penalty_item(0, -lb::kInfinitePenalty), ItemSource::Other);
}

// Places the glyphs of one line; returns the line with x relative to the text's left edge.
struct LinePlacer {
  const Prepared& p;
  Engine& e;
  Pt baseline;

  SetLine place(std::size_t start, std::size_t end, double ratio, Pt offset) {
    SetLine line;
    Pt x = offset;
    Pt ink_start = -1, ink_end = offset;
    std::uint32_t first_cp = UINT32_MAX, last_cp = 0;
    PlacedGlyph* last_glyph = nullptr;
    for (std::size_t k = start; k < end; ++k) {
      const BItem& it = p.items[k];
      const ItemSource& src = p.sources[k];
      if (it.kind == BItem::Kind::Penalty) continue;
      Pt w = it.width;
      if (it.kind == BItem::Kind::Glue) w += ratio > 0 ? ratio * it.stretch : ratio * it.shrink;
      if (src.kind == ItemSource::ClusterBox || src.kind == ItemSource::SpaceGlue) {
        const Cluster& c = p.shaped.clusters[src.cluster];
        const SpacedCluster& s = p.spaced[src.cluster];
        if (src.kind == ItemSource::ClusterBox && ink_start < 0) ink_start = x;
        last_glyph = draw_cluster(line, c, x - s.trim_left + grid_track(s, p.pitch) / 2);
        first_cp = std::min(first_cp, c.begin);
        last_cp = std::max(last_cp, c.end);
        if (src.kind == ItemSource::ClusterBox) ink_end = x + w;
      }
      x += w;
    }
    // Each glyph's advance is the distance to the next one actually set (compression and
    // justification included); the last one ends at the last box's edge.
    fix_advances(line, ink_end);
    (void)last_glyph;
    line.record.x_start = ink_start < 0 ? offset : ink_start;
    line.record.x_end = ink_end;
    line.record.baseline = baseline;
    if (first_cp < last_cp)
      line.record.text =
          to_utf8(std::u32string_view(p.text.text).substr(first_cp, last_cp - first_cp));
    while (!line.record.text.empty() &&
           (line.record.text.back() == ' ' || line.record.text.back() == '\n'))
      line.record.text.pop_back();
    return line;
  }

  PlacedGlyph* draw_cluster(SetLine& line, const Cluster& c, Pt pen) {
    const TextStyle& style = p.text.styles[c.style];
    const std::size_t font = e.fonts.index(c.face);
    const Pt size = effective_size(style);
    if (line.runs.empty() || line.runs.back().font != font || line.runs.back().size != size ||
        !(line.runs.back().color == style.color)) {
      GlyphRun run;
      run.font = font;
      run.size = size;
      run.color = style.color;
      line.runs.push_back(std::move(run));
    }
    GlyphRun& run = line.runs.back();
    const Pt rise = style.superscript ? 0.4 * style.size : 0;
    PlacedGlyph* placed = nullptr;
    for (std::uint32_t g = c.glyph_begin; g < c.glyph_end; ++g) {
      const ShapedGlyph& sg = p.shaped.glyphs[g];
      PlacedGlyph pg;
      pg.gid = sg.gid;
      pg.x = pen + sg.x_offset;
      pg.y = baseline - sg.y_offset - rise;
      pg.advance = sg.advance;
      if (g == c.glyph_begin)
        pg.text = to_utf8(std::u32string_view(p.text.text).substr(c.begin, c.end - c.begin));
      pen += sg.advance;
      run.glyphs.push_back(std::move(pg));
      placed = &run.glyphs.back();
    }
    return placed;
  }

  static void fix_advances(SetLine& line, Pt end) {
    PlacedGlyph* prev = nullptr;
    for (GlyphRun& run : line.runs)
      for (PlacedGlyph& g : run.glyphs) {
        if (prev) prev->advance = g.x - prev->x;
        prev = &g;
      }
    if (prev) prev->advance = std::max<Pt>(0, end - prev->x);
  }
};

// Centred text over several lines (titles) is balanced: broken at the narrowest measure that
// keeps its number of lines, so no line is left with a lone character ("…汇" / "编") — the
// lines are then centred in the full measure.
std::vector<lb::Break> balance(const std::vector<BItem>& items, Pt measure, const lb::Params& params,
                               std::vector<lb::Break> breaks) {
  if (breaks.size() < 2) return breaks;
  auto ok = [&](const std::vector<lb::Break>& b) {
    return b.size() == breaks.size() &&
           std::none_of(b.begin(), b.end(), [](const lb::Break& x) { return x.overfull; });
  };
  Pt lo = measure / double(breaks.size()), hi = measure;
  for (int step = 0; step < 10 && hi - lo > 0.5; ++step) {
    const Pt mid = (lo + hi) / 2;
    std::vector<lb::Break> b = lb::break_lines(items, {mid}, params);
    if (ok(b)) {
      hi = mid;
      breaks = std::move(b);
    } else {
      lo = mid;
    }
  }
  return breaks;
}

}  // namespace

std::size_t FontTable::index(const LoadedFace* face) {
  auto [it, fresh] = index_.try_emplace(face, fonts.size());
  if (fresh) fonts.push_back(face->info);
  return it->second;
}

Pt leading_of(const ParagraphStyle& style, const Engine& e) {
  const Pt natural = style.leading > 0 ? style.leading : 1.6 * style.text.size;
  if (!e.line_pitch || !style.snap_to_grid) return natural;
  return *e.line_pitch * std::max(1.0, std::round(natural / *e.line_pitch));
}

std::vector<SetLine> set_text(const std::vector<Inline>& content, const ParagraphStyle& given,
                              Pt width, Engine& e, bool body, std::string_view marker) {
  ParagraphStyle style = given;
  style.text.size =
      std::clamp<Pt>(std::isfinite(style.text.size) ? style.text.size : 10.5, 0.5, 2000);
  Prepared p;
  p.text = styled_text(content, style.text);
  if (p.text.text.empty()) return {};
  p.shaped = shape(p.text, e.shaping);
  p.pitch = paragraph_pitch(style, e);
  p.spaced = spaced_clusters(p, e);
  build_items(p, style);

  // Total-fit breaking over the measure left by the indents.
  const Pt measure = std::max<Pt>(width - style.left_indent - style.right_indent, style.text.size);
  lb::Params params;
  // 孤字 (clreq §3.7): a last line holds at least two characters, marks and markers not counted.
  params.min_last_line_width = 1.9 * (p.pitch ? *p.pitch : style.text.size);
  std::vector<lb::Break> breaks = lb::break_lines(p.items, {measure}, params);
  if (style.align == Align::Center) breaks = balance(p.items, measure, params, std::move(breaks));

  const Pt leading = leading_of(style, e);
  const Pt size = style.text.size;
  LinePlacer placer{p, e, (leading - size) / 2 + kEmBoxAscent * size};
  std::vector<SetLine> lines;
  std::size_t start = 0;
  for (std::size_t k = 0; k < breaks.size(); ++k) {
    const lb::Break& b = breaks[k];
    const bool last = k + 1 == breaks.size();
    const bool forced_end = p.items[b.end].kind == BItem::Kind::Penalty &&
                            p.items[b.end].penalty <= -lb::kInfinitePenalty;
    const bool justify = style.align == Align::Justify && !forced_end && !b.overfull;
    const double ratio = justify ? b.ratio : std::min(0.0, b.ratio);
    SetLine probe = placer.place(start, b.end, ratio, 0);
    Pt offset = style.left_indent;
    const Pt natural = probe.record.x_end;
    if (style.align == Align::Center)
      offset += (measure - natural) / 2;
    else if (style.align == Align::End)
      offset += measure - natural;
    SetLine line = offset == 0 ? std::move(probe) : placer.place(start, b.end, ratio, offset);
    line.height = leading;
    line.record.left = style.left_indent;
    line.record.right = style.left_indent + measure;
    line.record.justified = justify;
    line.record.paragraph_end = last;
    line.record.body = body;
    lines.push_back(std::move(line));
    start = lb::line_start_after(p.items, b.end);
  }

  // The list marker hangs in the left indent, on the first baseline.
  if (!marker.empty() && !lines.empty()) {
    SetLine m = set_label(marker, style.text, e);
    const Pt mx = std::max<Pt>(0, style.left_indent - m.record.x_end - 0.5 * size);
    for (GlyphRun& run : m.runs) {
      for (PlacedGlyph& g : run.glyphs) {
        g.x += mx;
        g.y += placer.baseline - m.record.baseline;
      }
      lines.front().runs.insert(lines.front().runs.begin(), std::move(run));
    }
    lines.front().record.text = std::string(marker) + lines.front().record.text;
    lines.front().record.x_start = mx;
  }
  return lines;
}

SetLine set_label(std::string_view text, const TextStyle& style, Engine& e) {
  ParagraphStyle ps;
  ps.text = style;
  ps.align = Align::Start;
  ps.first_indent_em = 0;
  ps.leading = 1.2 * style.size;
  ps.snap_to_grid = false;  // labels, running lines: natural spacing
  Inline in{std::string(text), std::nullopt};
  std::vector<SetLine> lines = set_text({in}, ps, 1e6, e, false);
  if (lines.empty()) return SetLine{};
  SetLine line = std::move(lines.front());
  line.record.right = line.record.x_end;  // a label's measure is its own width
  return line;
}

}  // namespace ptbrief::typeset
