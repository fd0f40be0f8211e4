// UTF-8: the project's one codec for single code points, strict per RFC 3629 (built on ICU's
// U8_NEXT / U8_APPEND, so overlong forms, surrogates and values above U+10FFFF are ill-formed).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ptbrief {

/// The replacement character every ill-formed sequence or invalid code point becomes.
inline constexpr char32_t kReplacementChar = 0xFFFD;

/// Whether `c` is a Unicode scalar value (≤ U+10FFFF and not a surrogate), i.e. encodable.
constexpr bool is_scalar_value(char32_t c) {
  return c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
}

/// Bytes the UTF-8 encoding of `c` takes (1–4); an invalid `c` counts as U+FFFD (3).
std::size_t utf8_size(char32_t c);

/// Writes the UTF-8 encoding of `c` at `p` (room for 4 bytes) and returns the byte after it. An
/// invalid `c` (see is_scalar_value) is written as U+FFFD.
char* encode_utf8(char32_t c, char* p);

/// Appends the UTF-8 encoding of `c` to `out` (U+FFFD for an invalid `c`).
void append_utf8(std::string& out, char32_t c);

/// Decodes the code point at byte `i` of `s` (i < s.size()) and advances `i` past it. An
/// ill-formed sequence yields U+FFFD and consumes its maximal subpart (Unicode §3.9, what ICU
/// does), at least one byte, so every byte belongs to exactly one character.
char32_t decode_utf8(std::string_view s, std::size_t& i);

/// Where the first ill-formed sequence of `s` at or after byte `from` starts, or nullopt when
/// the rest of `s` is well-formed UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view s, std::size_t from = 0);

/// Whether the ill-formed sequence at byte `at` of `s` is only cut short by the end of `s`
/// (a valid lead byte whose trail bytes are missing), as opposed to being wrong.
bool is_truncated_utf8(std::string_view s, std::size_t at);

/// Decodes a whole string (ill-formed sequences become U+FFFD, as decode_utf8 does).
std::u32string from_utf8(std::string_view s);

/// Encodes a whole string (invalid code points become U+FFFD, as encode_utf8 does).
std::string to_utf8(std::u32string_view s);

}  // namespace ptbrief
