// Line breaking on abstract boxes, glue and penalties (Knuth & Plass 1981), independent of
// fonts so it can be tested on synthetic 1-em boxes. Private to typeset/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/units.h"

namespace ptbrief::typeset::lb {

/// A penalty of this size or more forbids a break; its negation forces one.
inline constexpr int kInfinitePenalty = 10000;
/// Stretch that is "infinite" (the fill glue ending a paragraph).
inline constexpr Pt kFil = 1e7;

/// One element of the paragraph as the breaker sees it.
struct Item {
  enum class Kind : std::uint8_t { Box, Glue, Penalty };
  Kind kind = Kind::Box;
  Pt width = 0;     ///< natural width (points); for a penalty, the width added if broken there
  Pt stretch = 0;   ///< glue only
  Pt shrink = 0;    ///< glue only
  int penalty = 0;  ///< penalty only: cost of breaking here (±kInfinitePenalty = never/always)
  bool flagged = false;  ///< penalty only: flagged breaks in a row cost extra
  /// Box only: its width counts toward Params::min_last_line_width (characters do; an indent,
  /// punctuation marks and note markers do not).
  bool counts = true;

  static Item box(Pt w, bool counts = true) { return {Kind::Box, w, 0, 0, 0, false, counts}; }
  static Item glue(Pt w, Pt st, Pt sh) { return {Kind::Glue, w, st, sh, 0, false, false}; }
  static Item penalty_item(Pt w, int p, bool flag = false) {
    return {Kind::Penalty, w, 0, 0, p, flag, false};
  }
};

/// Tuning of the total-fit breaker.
struct Params {
  double tolerance = 1.0;  ///< largest adjustment ratio accepted (stretch used / stretch)
  int line_penalty = 10;   ///< added to each line's badness (fewer lines preferred)
  int flagged_demerits = 3000;
  int fitness_demerits = 3000;  ///< adjacent lines of very different tightness
  /// clreq §3.7 (避免孤字): extra demerits for a last line whose counting boxes (Item::counts)
  /// are narrower than `min_last_line_width` (points; e.g. a single character and its stop
  /// alone on the line).
  int short_last_line_demerits = 50000;
  Pt min_last_line_width = 0;
};

/// A chosen break: the line ends at item `end` (a glue, which is dropped, or a penalty, whose
/// width is added), and its glue is set with `ratio` (>0 stretch, <0 shrink, in units of the
/// line's total stretch or shrink).
struct Break {
  std::size_t end = 0;
  double ratio = 0;
  bool overfull = false;  ///< the line could not be shrunk enough (only from the greedy fallback)
};

/// The index of the first item of a line that starts after a break at `end` (leading glue and
/// penalties are discarded, as in TeX).
std::size_t line_start_after(const std::vector<Item>& items, std::size_t end);

/// Total-fit breaking (Knuth–Plass). `widths[k]` is the measure of line k; the last entry
/// repeats. The item list must end with a forced break (penalty -kInfinitePenalty), normally
/// after a fill glue. Returns the breaks of the paragraph with the fewest total demerits, or an
/// empty vector when no break sequence keeps every line within `tolerance`.
std::vector<Break> break_optimal(const std::vector<Item>& items, const std::vector<Pt>& widths,
                                 const Params& params = {});

/// First-fit breaking: each line takes as much as fits. Never fails; a box wider than the
/// measure gives an overfull line.
std::vector<Break> break_greedy(const std::vector<Item>& items, const std::vector<Pt>& widths);

/// Optimal breaking, then with tolerance relaxed, then first-fit: always returns breaks.
std::vector<Break> break_lines(const std::vector<Item>& items, const std::vector<Pt>& widths,
                               const Params& params = {});

}  // namespace ptbrief::typeset::lb
