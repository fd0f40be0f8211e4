// Break opportunities: ICU line breaking with the zh locale, then clreq / GB/T 15834 passes.
#include "typeset/breaks.h"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "base/diagnostic.h"
#include "base/utf8.h"
#include "typeset/cjk.h"

namespace ptbrief::typeset {
namespace {

// ICU's iterator is costly to create (rule data) and not thread-safe: one per thread.
icu::BreakIterator& line_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    // With the root locale ICU glues text around “” into long unbreakable runs; zh does not.
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createLineInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !bi)
      fail("internal", "ICU line break iterator unavailable", "check the ICU data package");
    return bi;
  }();
  return *it;
}

bool is_digit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19);
}

// Measure words and units that follow numbers in briefings. A run of them after a number is
// kept with it: 3.5亿元, 300万平方米, 2360家, 12.8%, 2025年9月.
bool is_unit(char32_t c) {
  static constexpr std::u32string_view kUnits =
      U"%％‰℃°亿万千百十元角分家个项名人户次件台套座栋亩平方米千克公斤吨度倍岁年月日号期届批条所只"
      U"辆处位间"
      U"股份天时秒周层场余多株棵篇部册本页点克升瓦伏段章节款版";
  return kUnits.find(c) != std::u32string_view::npos;
}

void forbid(std::vector<BreakAfter>& breaks, std::size_t i) {
  if (i < breaks.size() && breaks[i] == BreakAfter::Allowed) breaks[i] = BreakAfter::Never;
}

}  // namespace

std::vector<BreakAfter> icu_breaks(std::u32string_view text) {
  std::vector<BreakAfter> breaks(text.size(), BreakAfter::Never);
  if (text.empty()) return breaks;
  // UTF-16 for ICU, one code point at a time (a value that is not a scalar value goes in as
  // U+FFFD, so every code point is there); ICU's own length after each append gives the map
  // from UTF-16 offsets back to code point indices.
  icu::UnicodeString u;
  std::vector<std::uint32_t> cp_at(text.size() * 2 + 1, 0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    u.append(static_cast<UChar32>(is_scalar_value(text[i]) ? text[i] : kReplacementChar));
    cp_at.at(static_cast<std::size_t>(u.length())) = static_cast<std::uint32_t>(i + 1);
  }
  icu::BreakIterator& it = line_iterator();
  it.setText(u);
  for (int32_t pos = it.next(); pos != icu::BreakIterator::DONE; pos = it.next()) {
    if (pos <= 0) continue;
    const std::uint32_t after = cp_at.at(std::size_t(pos)) - 1;  // code point before the break
    breaks.at(after) =
        it.getRuleStatus() >= UBRK_LINE_HARD ? BreakAfter::Forced : BreakAfter::Allowed;
  }
  breaks.back() = BreakAfter::Forced;
  return breaks;
}

void forbid_kinsoku_breaks(std::u32string_view text, std::vector<BreakAfter>& breaks) {
  // Spaces are transparent: a space next to the mark is no way around the rule.
  auto is_space = [](char32_t c) { return classify(c) == CharClass::Space; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (prohibited_at_line_end(text[i]))
      for (std::size_t j = i; j < text.size() && (j == i || is_space(text[j])); ++j)
        forbid(breaks, j);
    if (i > 0 && prohibited_at_line_start(text[i]))
      for (std::size_t j = i; j-- > 0;) {
        forbid(breaks, j);
        if (!is_space(text[j])) break;
      }
  }
}

void keep_inseparable_marks(std::u32string_view text, std::vector<BreakAfter>& breaks) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const CharClass a = classify(text[i]);
    if ((a == CharClass::Dash || a == CharClass::Ellipsis) && text[i + 1] == text[i])
      forbid(breaks, i);
  }
}

void keep_numbers_with_units(std::u32string_view text, std::vector<BreakAfter>& breaks) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    // The ordinal prefix 第 belongs to its number as much as the unit does: 第20段.
    if (text[i] == U'第' && is_digit(text[i + 1])) forbid(breaks, i);
    if (!is_digit(text[i])) continue;
    // Keep the digits' tail with every unit character that follows (at most four: 万平方米).
    for (std::size_t j = i + 1; j < text.size() && j <= i + 4 && is_unit(text[j]); ++j)
      forbid(breaks, j - 1);
  }
}

void keep_interpunct(std::u32string_view text, std::vector<BreakAfter>& breaks) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (classify(text[i]) != CharClass::Interpunct) continue;
    if (i > 0) forbid(breaks, i - 1);
    forbid(breaks, i);
  }
}

void break_long_names(std::u32string_view text, std::vector<BreakAfter>& breaks) {
  auto word_char = [](char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
           c == U'_' || c == U'.' || c == U'/' || c == U'-';
  };
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = start;
    while (end < text.size() && word_char(text[end])) ++end;
    if (end - start >= kLongNameChars)
      for (std::size_t i = start + 1; i + 1 < end; ++i) {
        const char32_t c = text[i];
        const bool separator = c == U'_' || c == U'.' || c == U'/' || c == U'-';
        const bool in_number = is_digit(text[i - 1]) && is_digit(text[i + 1]);
        if (separator && !in_number && breaks[i - 1] == BreakAfter::Never)
          breaks[i - 1] = BreakAfter::Allowed;
      }
    start = end > start ? end : start + 1;
  }
}

std::vector<BreakAfter> find_breaks(std::u32string_view text) {
  std::vector<BreakAfter> breaks = icu_breaks(text);  // UAX #14, zh tailoring
  break_long_names(text, breaks);                     // 001_d795….txt
  forbid_kinsoku_breaks(text, breaks);                // 行首行尾禁则
  keep_inseparable_marks(text, breaks);               // —— ……
  keep_numbers_with_units(text, breaks);              // 3.5亿元, 34.65%
  keep_interpunct(text, breaks);                      // 张江·李明
  return breaks;
}

}  // namespace ptbrief::typeset
