// Did-you-mean suggestions: the known names closest to a mistyped one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ptbrief {

/// Edit distance (Levenshtein) in code points, so one mistyped Chinese character counts 1.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidates closest to `word` (at most 3, close enough to be a plausible typo: distance
/// at most max(2, half its length), or one contains the other), closest first.
std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& candidates);

}  // namespace ptbrief
