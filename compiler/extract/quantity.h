// quantity: the grammar of written quantities — a small scanner that reads
//   [qualifier-prefix] NUMBER [range] [余|多] [万|亿|千|百万|千万] [余|多] UNIT [左右|以上|以下…]
// from normalised text, and the rules that say what is NOT a key figure (dates, years, clock
// times, formula names, list numbering, ordinals, phone numbers, quoted names).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"

namespace ptbrief::extract {

/// One quantity found in a sentence. Offsets are character indices into the scanned text.
struct Quantity {
  std::size_t begin = 0;       ///< first character (qualifier prefix or first digit)
  std::size_t end = 0;         ///< one past the unit and any trailing qualifier
  std::size_t num_begin = 0;   ///< first digit
  std::size_t unit_begin = 0;  ///< first character after the number (and 余/多)
  std::string value;           ///< digits as written, thousands separators dropped: "2360"
  double number = 0;           ///< value parsed
  std::string high;            ///< upper end of a range ("3-5个" → "5"), else empty
  std::string unit;            ///< 家, 万人, 亿元, %, 个百分点, 元/月 …
  Qualifier qualifier = Qualifier::Exact;
  FigureKind kind = FigureKind::Count;  ///< from the unit; growth is decided by context later
};

/// Scans normalised text (see TextView::norm) for quantities, left to right.
std::vector<Quantity> scan_quantities(std::u32string_view text);

/// The kind a unit implies on its own: % → percent, 元 → money, 平方米 → area, 天/年 → other.
FigureKind kind_of_unit(std::u32string_view unit);

}  // namespace ptbrief::extract
