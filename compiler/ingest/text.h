// Private to ingest: the decoded character stream (code point + raw byte range) and the
// character classes the repair passes test.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/utf8.h"

namespace ptbrief::ingest {

/// One decoded code point and the raw bytes [s, e) it came from. s == e marks a character
/// inserted by a repair pass (it maps to an empty range at the insertion point).
struct Char {
  char32_t c = 0;
  std::uint32_t s = 0;
  std::uint32_t e = 0;
};

/// A run of decoded characters (a line or a block under repair).
using Text = std::vector<Char>;

/// CJK unified ideographs (all planes ptbrief meets) and 〇.
bool is_han(char32_t c);
/// Full-width Chinese punctuation that carries its own spacing (，。、；：？！ …).
bool is_cjk_punct(char32_t c);
/// Curly quotes “ ” ‘ ’ and corner brackets.
bool is_cjk_quote(char32_t c);
/// Han, CJK punctuation or quotes: the "Chinese context" of the width rules.
bool is_cjk(char32_t c);
/// ASCII letters and digits.
bool is_ascii_alnum(char32_t c);
/// Horizontal white space (ASCII blank, tab, U+3000, NBSP, …). Not newlines.
bool is_blank(char32_t c);
/// Scripts that never belong inside Chinese news text here (Cyrillic, kana, Hangul, …).
bool is_foreign_script(char32_t c);
/// Invisible or control characters dropped outright (ZWSP, BOM, U+FFFD, private use, C0/C1).
bool is_invisible(char32_t c);
/// Sentence-final punctuation: 。！？；!?… (GB/T 15834-2011 §4.1–4.3).
bool is_terminal(char32_t c);
/// Closing quotes and brackets that belong to the sentence before them.
bool is_closer(char32_t c);

/// UTF-8 of a Text.
std::string to_utf8(const Text& t);

/// True when `t` starts with `prefix` at position `at`.
bool starts_with(const Text& t, const std::u32string& prefix, std::size_t at = 0);

}  // namespace ptbrief::ingest
