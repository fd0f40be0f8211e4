// text: UTF-8 ⇄ code points, per-character normalisation (Hant→Hans via ICU, punctuation).
#include "extract/text.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "base/utf8.h"

namespace ptbrief::extract {
namespace {

// Cache of simplified forms for the CJK blocks that hold traditional characters
// (U+3400–U+9FFF). 0 = not looked up yet. The transliterator itself is not thread-safe, so
// look-ups that miss the cache take a lock.
constexpr char32_t kCacheFirst = 0x3400, kCacheLast = 0x9FFF;
std::array<std::atomic<char32_t>, kCacheLast - kCacheFirst + 1> g_simplified{};
std::mutex g_translit_mutex;

char32_t transliterate(char32_t c) {
  std::lock_guard<std::mutex> lock(g_translit_mutex);
  static std::unique_ptr<icu::Transliterator> hant_hans = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  if (!hant_hans) return c;
  icu::UnicodeString s(static_cast<UChar32>(c));
  hant_hans->transliterate(s);
  if (s.countChar32() != 1) return c;
  return static_cast<char32_t>(s.char32At(0));
}

}  // namespace

std::u32string to_u32(std::string_view utf8) { return from_utf8(utf8); }

char32_t simplify(char32_t c) {
  if (c < kCacheFirst || c > kCacheLast) return c;
  auto& slot = g_simplified[c - kCacheFirst];
  char32_t cached = slot.load(std::memory_order_relaxed);
  if (cached != 0) return cached;
  char32_t s = transliterate(c);
  slot.store(s, std::memory_order_relaxed);
  return s;
}

char32_t normalize_char(char32_t c) {
  switch (c) {
    case U',': return U'，';
    case U';': return U'；';
    case U':': return U'：';
    case U'(': return U'（';
    case U')': return U'）';
    case U'!': return U'！';
    case U'?': return U'？';
    case U'％': return U'%';
    case U'＋': return U'+';
    case U'～': return U'~';
    case U'「': return U'“';
    case U'」': return U'”';
    case U'『': return U'‘';
    case U'』': return U'’';
    case U'\u3000': return U' ';
    default: break;
  }
  if (c >= U'０' && c <= U'９') return U'0' + (c - U'０');
  return simplify(c);
}

TextView make_view(std::string_view utf8) {
  TextView v;
  v.orig.reserve(utf8.size() / 2);
  v.bytes.reserve(utf8.size() / 2 + 1);
  for (std::size_t i = 0; i < utf8.size();) {
    v.bytes.push_back(i);
    v.orig += decode_utf8(utf8, i);
  }
  v.bytes.push_back(utf8.size());
  v.norm.resize(v.orig.size());
  const bool traditional = may_be_traditional(v.orig);
  // ASCII quotes have no direction: alternate open/close within the text. Commas and colons
  // between digits stay ASCII (1,000 and 10:30 are parts of numbers and clock times).
  bool double_open = false, single_open = false;
  for (std::size_t i = 0; i < v.orig.size(); ++i) {
    char32_t c = v.orig[i];
    bool digit_before = i > 0 && is_digit(v.orig[i - 1]);
    bool digit_after = i + 1 < v.orig.size() && is_digit(v.orig[i + 1]);
    if (c == U'"') {
      v.norm[i] = double_open ? U'”' : U'“';
      double_open = !double_open;
    } else if (c == U'\'') {
      v.norm[i] = single_open ? U'’' : U'‘';
      single_open = !single_open;
    } else if ((c == U',' || c == U':') && digit_before && digit_after) {
      v.norm[i] = c;
    } else if (!traditional && c >= 0x3400 && c <= 0x9FFF) {
      v.norm[i] = c;  // simplified text: Han characters stay as they are
    } else {
      v.norm[i] = normalize_char(c);
    }
  }
  return v;
}

std::string TextView::text(std::size_t b, std::size_t e) const {
  return to_utf8(std::u32string_view(orig).substr(b, e - b));
}

std::string TextView::norm_text(std::size_t b, std::size_t e) const {
  return to_utf8(std::u32string_view(norm).substr(b, e - b));
}

std::string normalize_name(std::string_view utf8) {
  std::u32string out;
  const std::u32string text = to_u32(utf8);
  // Like make_view: simplified text keeps its Han characters, so the (costly to create)
  // Hant→Hans transliterator is only ever built for text that holds traditional characters.
  const bool traditional = may_be_traditional(text);
  for (char32_t c : text) {
    if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000') continue;
    char32_t n = (!traditional && c >= 0x3400 && c <= 0x9FFF) ? c : normalize_char(c);
    if (n == U'（') n = U'(';
    if (n == U'）') n = U')';
    if (n == U'“' || n == U'”' || n == U'"') continue;
    out += n;
  }
  return to_utf8(out);
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

bool may_be_traditional(std::u32string_view text) {
  static constexpr std::u32string_view kCommonTraditional =
      U"們個國區園黨組織這為與發會業經開對實現產務專體進關時來過說動長員導設網幹總級變點"
      U"將幾數從記萬項層務範強聯達質應還當機構場條計劃創規環營";
  // A bit per character of the CJK Unified Ideographs block, set for the characters above:
  // one test per character instead of a scan of the list.
  static const std::vector<bool> kTraditionalBits = [] {
    std::vector<bool> bits(0xA000 - 0x4E00, false);
    for (char32_t c : kCommonTraditional) bits[c - 0x4E00] = true;
    return bits;
  }();
  for (char32_t c : text)
    if (c >= 0x4E00 && c < 0xA000 && kTraditionalBits[c - 0x4E00]) return true;
  return false;
}

}  // namespace ptbrief::extract
