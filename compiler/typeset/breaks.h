// Break opportunities: ICU's line break iterator (locale zh), then the Chinese rules of clreq
// and GB/T 15834 as named passes on top. Private to typeset/; ICU stays inside breaks.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace ptbrief::typeset {

/// May a line end after a code point?
enum class BreakAfter : std::uint8_t { Never, Allowed, Forced };

/// Break opportunities for `text`: one entry per code point, saying whether a line may end
/// right after it. The last entry is always Forced (end of paragraph). Runs, in order:
/// ICU opportunities, break_long_names, then forbid_kinsoku_breaks, keep_inseparable_marks,
/// keep_numbers_with_units and keep_interpunct.
std::vector<BreakAfter> find_breaks(std::u32string_view text);

/// ICU line break opportunities (UAX #14 with the zh locale tailoring).
std::vector<BreakAfter> icu_breaks(std::u32string_view text);

/// File names and URLs (a run of at least kLongNameChars ASCII letters, digits and . _ / -)
/// may break before a separator . _ / - (Chicago Manual of Style 17th ed. §14.18), never
/// between the digits of a number (3.5): "001_d795a93a0c409709.txt" need not letter-space a
/// justified line. Runs before the Chinese rules, which may forbid such a break again.
inline constexpr std::size_t kLongNameChars = 12;
void break_long_names(std::u32string_view text, std::vector<BreakAfter>& breaks);

/// clreq §3.1.7 (行首行尾禁则) / GB/T 15834-2011 §5.1: no break before a mark that may not
/// start a line, none after a mark that may not end one.
void forbid_kinsoku_breaks(std::u32string_view text, std::vector<BreakAfter>& breaks);

/// GB/T 15834-2011 §4.13, §4.14 and clreq §3.1.7: the two-em dash —— and the six-dot ellipsis
/// …… are one mark and are never split across lines.
void keep_inseparable_marks(std::u32string_view text, std::vector<BreakAfter>& breaks);

/// clreq §3.1.7 (分离禁则, unbreakable strings): a number stays with the measure words and
/// units that follow it (3.5亿元, 300元, 2360家, 34.65%, 2025年) and with the ordinal
/// prefix 第 before it (第20段).
void keep_numbers_with_units(std::u32string_view text, std::vector<BreakAfter>& breaks);

/// GB/T 15834-2011 §4.15: no break before the interpunct · (nor after it: it joins the two
/// parts of a name).
void keep_interpunct(std::u32string_view text, std::vector<BreakAfter>& breaks);

}  // namespace ptbrief::typeset
