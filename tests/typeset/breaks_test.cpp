// ICU line breaking maps its UTF-16 offsets back to code points for any input.
#include <catch2/catch.hpp>

#include <string>

#include "typeset/breaks.h"

using namespace ptbrief::typeset;

TEST_CASE("icu breaks give one entry per code point even for values ICU cannot represent",
          "[breaks]") {
  // U+110000 and lone surrogates are not scalar values; ICU sees U+FFFD for each (one UTF-16
  // unit) while a naive offset table counts two units for values above U+FFFF.
  std::u32string text;
  for (int i = 0; i < 200; ++i) text += U"中" + std::u32string{char32_t(0x110000), char32_t(0xD800)};
  text += U"\U0001F600文";
  const auto breaks = icu_breaks(text);
  REQUIRE(breaks.size() == text.size());
  CHECK(breaks.back() == BreakAfter::Forced);
  CHECK(find_breaks(text).size() == text.size());
}

TEST_CASE("icu breaks handle characters above U+FFFF", "[breaks]") {
  const std::u32string text = U"\U00020000\U00020001 ab";
  const auto breaks = icu_breaks(text);
  REQUIRE(breaks.size() == text.size());
  CHECK(breaks.back() == BreakAfter::Forced);
  CHECK(breaks[2] == BreakAfter::Allowed);  // after the space
}
