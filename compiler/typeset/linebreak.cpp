// Knuth–Plass total-fit line breaking, with a first-fit fallback.
//
// The paragraph is a list of boxes (fixed width), glue (width that may stretch or shrink) and
// penalties (possible breaks with a cost). A line may end at a glue that follows a box (the
// glue is dropped) or at a penalty below +infinity. For every legal break b the algorithm
// keeps, per "active" earlier break a, the cost of a line a→b: its adjustment ratio r (how
// much of the line's stretch or shrink must be used to fill the measure) gives badness
// 100·|r|³, and demerits (line_penalty + badness)² plus penalty and fitness terms. Each break
// remembers the cheapest way to reach it (one per fitness class, so that a tight line next to
// a loose one can be charged); active breaks whose line has become too long (r < -1) are
// dropped. At the end the cheapest path to the final forced break is followed back. This is
// the dynamic programme of Knuth & Plass, "Breaking Paragraphs into Lines" (1981), without
// hyphenation and looseness. Sums are prefix sums, so each line costs O(1) to evaluate.
#include "typeset/linebreak.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ptbrief::typeset::lb {
namespace {

using Kind = Item::Kind;

struct Node {
  std::size_t end = 0;    // break item index (0 with start = 0 for the paragraph start)
  std::size_t start = 0;  // first item of the line after this break
  std::size_t line = 0;   // number of lines before the break
  int fitness = 1;
  double demerits = 0;
  double ratio = 0;  // ratio of the line ending here
  std::size_t prev = SIZE_MAX;
};

struct Sums {
  std::vector<Pt> width, stretch, shrink;
  std::vector<Pt> boxes;  // widths of the boxes that count toward the last line's minimum
  explicit Sums(const std::vector<Item>& items) {
    const std::size_t n = items.size();
    width.assign(n + 1, 0);
    stretch.assign(n + 1, 0);
    shrink.assign(n + 1, 0);
    boxes.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const Item& it = items[i];
      const bool counts = it.kind != Kind::Penalty;
      width[i + 1] = width[i] + (counts ? it.width : 0);
      stretch[i + 1] = stretch[i] + (it.kind == Kind::Glue ? it.stretch : 0);
      shrink[i + 1] = shrink[i] + (it.kind == Kind::Glue ? it.shrink : 0);
      boxes[i + 1] = boxes[i] + (it.kind == Kind::Box && it.counts ? it.width : 0);
    }
  }
};

bool legal_break(const std::vector<Item>& items, std::size_t b) {
  const Item& it = items[b];
  if (it.kind == Kind::Penalty) return it.penalty < kInfinitePenalty;
  if (it.kind == Kind::Glue) return b > 0 && items[b - 1].kind == Kind::Box;
  return false;
}

Pt measure(const std::vector<Pt>& widths, std::size_t line) {
  return widths.empty() ? 0 : widths[std::min(line, widths.size() - 1)];
}

// Adjustment ratio of the line [start, end) set to width w.
double adjustment_ratio(const Sums& s, const std::vector<Item>& items, std::size_t start,
                        std::size_t end, Pt w) {
  Pt natural = s.width[end] - s.width[start];
  if (items[end].kind == Kind::Penalty) natural += items[end].width;
  if (std::abs(natural - w) < 1e-9) return 0;
  if (natural < w) {
    const Pt st = s.stretch[end] - s.stretch[start];
    return st > 0 ? (w - natural) / st : std::numeric_limits<double>::infinity();
  }
  const Pt sh = s.shrink[end] - s.shrink[start];
  return sh > 0 ? (w - natural) / sh : -std::numeric_limits<double>::infinity();
}

int fitness_class(double r) {
  if (r < -0.5) return 0;
  if (r <= 0.5) return 1;
  if (r <= 1) return 2;
  return 3;
}

}  // namespace

std::size_t line_start_after(const std::vector<Item>& items, std::size_t end) {
  std::size_t i = end + 1;
  while (i < items.size() && items[i].kind != Kind::Box &&
         !(items[i].kind == Kind::Penalty && items[i].penalty <= -kInfinitePenalty))
    ++i;
  return i;
}

std::vector<Break> break_optimal(const std::vector<Item>& items, const std::vector<Pt>& widths,
                                 const Params& params) {
  if (items.empty()) return {};
  const Sums sums(items);
  std::vector<Node> nodes;
  nodes.reserve(items.size() / 8 + 16);
  nodes.push_back(Node{});  // paragraph start
  std::vector<std::size_t> active{0};

  for (std::size_t b = 0; b < items.size(); ++b) {
    if (!legal_break(items, b)) continue;
    const Item& brk = items[b];
    const bool forced = brk.kind == Kind::Penalty && brk.penalty <= -kInfinitePenalty;
    const bool last = b + 1 == items.size();

    // Best way to reach b, per fitness class of the line ending at b.
    double best[4];
    std::size_t from[4];
    double ratio_of[4];
    std::fill(std::begin(best), std::end(best), std::numeric_limits<double>::infinity());

    std::size_t kept = 0;
    for (std::size_t k = 0; k < active.size(); ++k) {
      const Node& a = nodes[active[k]];
      const double r = adjustment_ratio(sums, items, a.start, b, measure(widths, a.line));
      if (r >= -1 && r <= params.tolerance) {
        const double badness = std::min(100 * std::abs(r * r * r), 10000.0);
        const double lb = params.line_penalty + badness;
        double d = lb * lb;
        if (brk.kind == Kind::Penalty && brk.penalty > 0)
          d += double(brk.penalty) * brk.penalty;
        else if (brk.kind == Kind::Penalty && !forced && brk.penalty < 0)
          d -= double(brk.penalty) * brk.penalty;
        if (brk.kind == Kind::Penalty && brk.flagged && a.end < items.size() &&
            items[a.end].kind == Kind::Penalty && items[a.end].flagged && a.line > 0)
          d += params.flagged_demerits;
        const int fit = fitness_class(r);
        if (std::abs(fit - a.fitness) > 1 && a.line > 0) d += params.fitness_demerits;
        if (last && sums.boxes[b] - sums.boxes[a.start] < params.min_last_line_width - 1e-9)
          d += params.short_last_line_demerits;
        d += a.demerits;
        if (d < best[fit]) {
          best[fit] = d;
          from[fit] = active[k];
          ratio_of[fit] = r;
        }
      }
      // A line that is already too long only gets longer; a forced break ends every line.
      if (!(r < -1 || forced)) active[kept++] = active[k];
    }
    active.resize(kept);

    const std::size_t start = line_start_after(items, b);
    for (int fit = 0; fit < 4; ++fit) {
      if (best[fit] == std::numeric_limits<double>::infinity()) continue;
      Node n;
      n.end = b;
      n.start = start;
      n.line = nodes[from[fit]].line + 1;
      n.fitness = fit;
      n.demerits = best[fit];
      n.ratio = ratio_of[fit];
      n.prev = from[fit];
      active.push_back(nodes.size());
      nodes.push_back(n);
    }
    if (active.empty()) return {};  // no feasible way past this point
  }

  // The cheapest node at the final break.
  std::size_t best = SIZE_MAX;
  for (std::size_t k : active)
    if (nodes[k].end + 1 == items.size() &&
        (best == SIZE_MAX || nodes[k].demerits < nodes[best].demerits))
      best = k;
  if (best == SIZE_MAX) return {};
  std::vector<Break> out;
  for (std::size_t k = best; k != 0 && k != SIZE_MAX; k = nodes[k].prev)
    out.push_back({nodes[k].end, nodes[k].ratio, false});
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<Break> break_greedy(const std::vector<Item>& items, const std::vector<Pt>& widths) {
  std::vector<Break> out;
  if (items.empty()) return out;
  const Sums sums(items);
  std::size_t start = 0, candidate = SIZE_MAX;
  auto emit = [&](std::size_t end) {
    const double r = adjustment_ratio(sums, items, start, end, measure(widths, out.size()));
    out.push_back({end, std::max(r, -1.0), r < -1});
    start = line_start_after(items, end);
    candidate = SIZE_MAX;
  };
  for (std::size_t b = 0; b < items.size(); ++b) {
    if (!legal_break(items, b)) continue;
    const bool forced = items[b].kind == Kind::Penalty && items[b].penalty <= -kInfinitePenalty;
    const double r = adjustment_ratio(sums, items, start, b, measure(widths, out.size()));
    if (r < -1 && candidate != SIZE_MAX) {
      emit(candidate);
      // Re-examine b against the new line start.
      const double r2 = adjustment_ratio(sums, items, start, b, measure(widths, out.size()));
      if (r2 < -1 && !forced) {
        emit(b);
        continue;
      }
    }
    if (forced)
      emit(b);
    else
      candidate = b;
  }
  return out;
}

std::vector<Break> break_lines(const std::vector<Item>& items, const std::vector<Pt>& widths,
                               const Params& params) {
  std::vector<Break> breaks = break_optimal(items, widths, params);
  if (!breaks.empty()) return breaks;
  Params relaxed = params;
  relaxed.tolerance = 1e6;  // any stretch: loose lines rather than overfull ones
  breaks = break_optimal(items, widths, relaxed);
  if (!breaks.empty()) return breaks;
  return break_greedy(items, widths);
}

}  // namespace ptbrief::typeset::lb
