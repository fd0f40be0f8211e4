// text: the code-point view the extraction rules work on — one char32_t per character of the
// cleaned text, a parallel "normalised" copy (traditional → simplified, ASCII punctuation →
// full-width) for matching, and the byte offset of every character so matches map back.
#pragma once

#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"

namespace ptbrief::extract {

/// A stretch of cleaned UTF-8 text as code points. `norm` has exactly as many characters as
/// `orig` (every normalisation is one character to one character), so an index range found
/// in `norm` names the same characters in `orig`.
struct TextView {
  std::u32string orig;             ///< the characters as written
  std::u32string norm;             ///< simplified and punctuation-unified, same length
  std::vector<std::size_t> bytes;  ///< byte offset of char i in the UTF-8 source; size()+1

  std::size_t size() const { return orig.size(); }
  /// Original text of characters [b, e) as UTF-8.
  std::string text(std::size_t b, std::size_t e) const;
  /// Normalised text of characters [b, e) as UTF-8.
  std::string norm_text(std::size_t b, std::size_t e) const;
};

/// Builds the view of `utf8` (invalid bytes become U+FFFD, keeping offsets).
TextView make_view(std::string_view utf8);

/// Decodes UTF-8 (ill-formed sequences become U+FFFD); to_utf8 is base/utf8.h's.
std::u32string to_u32(std::string_view utf8);

/// Simplified form of one character (ICU "Hant-Hans", cached per character; characters whose
/// simplified form is not a single character are kept as they are).
char32_t simplify(char32_t c);

/// One character's matching form: simplified, ASCII , ; : ( ) ! ? → full-width, full-width
/// digits and ％ ＋ → ASCII. Quote characters are unified by make_view (they need context).
char32_t normalize_char(char32_t c);

/// Normalised UTF-8 for comparing names: simplified, no whitespace, full-width parentheses
/// turned into ASCII ones (the canonical park-name spelling, e.g. 长丰(双凤)经开区).
std::string normalize_name(std::string_view utf8);

bool is_han(char32_t c);
inline bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool is_ascii_alpha(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
/// Opening or closing quotation marks after normalisation: “ ” ‘ ’.
inline bool is_open_quote(char32_t c) { return c == U'“' || c == U'‘'; }
inline bool is_close_quote(char32_t c) { return c == U'”' || c == U'’'; }

/// Does `text` contain `word` starting at character `at`?
inline bool starts_with_at(std::u32string_view text, std::size_t at, std::u32string_view word) {
  return at < text.size() && !word.empty() && text[at] == word[0] &&
         text.substr(at, word.size()) == word;
}
/// The characters that begin any of a list of words: one test per text position before
/// trying every word there (most positions begin none).
class FirstChars {
 public:
  FirstChars() = default;
  template <std::size_t N>
  explicit FirstChars(const std::u32string_view (&words)[N]) {
    for (auto w : words) add(w);
  }
  void add(std::u32string_view w) {
    if (w.empty()) return;
    if (w[0] < kBmp) bmp_.set(w[0]);
    else astral_ = true;
  }
  /// False only when no word begins with `c`.
  bool may_start(char32_t c) const { return c < kBmp ? bmp_[c] : astral_; }

 private:
  static constexpr char32_t kBmp = 0x10000;
  std::bitset<kBmp> bmp_;
  bool astral_ = false;  ///< some word begins outside the BMP (then such characters may match)
};

/// Does `text` end with `word` just before character `at`?
inline bool ends_with_at(std::u32string_view text, std::size_t at, std::u32string_view word) {
  return at >= word.size() && at <= text.size() &&
         text.substr(at - word.size(), word.size()) == word;
}

/// Might `text` be in traditional characters? True when it holds one of the commonest
/// traditional-only characters (們 個 國 區 黨 這 為 發 會 業 …). Simplified text skips the
/// (costly to load) ICU transliterator.
bool may_be_traditional(std::u32string_view text);

}  // namespace ptbrief::extract
