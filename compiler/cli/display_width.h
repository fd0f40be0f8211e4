// How wide text is in a terminal, for the aligned columns of `extract` and `review`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ptbrief::cli {

/// Display columns of UTF-8 text: East Asian Wide and Fullwidth characters (UAX #11, from
/// ICU's property data) take two, combining marks none, everything else one.
std::size_t display_width(std::string_view s);

/// `s` cut to at most `cols` display columns, the cut marked with "…".
std::string clip(const std::string& s, std::size_t cols);

/// `s` followed by spaces up to `cols` display columns (nothing when it is already wider).
std::string pad_to(const std::string& s, std::size_t cols);

}  // namespace ptbrief::cli
