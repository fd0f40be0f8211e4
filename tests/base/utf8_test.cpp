// The project's UTF-8 codec is strict (RFC 3629): what it accepts, what becomes U+FFFD.
#include <catch2/catch.hpp>

#include <string>

#include "base/utf8.h"

using namespace ptbrief;

namespace {

std::u32string decode_all(std::string_view s) { return from_utf8(s); }

}  // namespace

TEST_CASE("utf8 decoder round-trips every kind of well-formed sequence", "[utf8]") {
  const std::u32string text = U"a\u00E9\u4E2D\U0001F600\U0010FFFF";
  CHECK(decode_all(to_utf8(text)) == text);
  CHECK(find_invalid_utf8(to_utf8(text)) == std::nullopt);
}

TEST_CASE("utf8 decoder refuses code points above U+10FFFF", "[utf8]") {
  CHECK(decode_all("\xF4\x90\x80\x80").find(char32_t(0x110000)) == std::u32string::npos);
  for (char32_t c : decode_all("\xF4\x90\x80\x80")) CHECK(c == kReplacementChar);
  CHECK(find_invalid_utf8("ab\xF4\x90\x80\x80") == 2u);
  CHECK(decode_all("\xF5\x80\x80\x80").find_first_not_of(kReplacementChar) == std::u32string::npos);
}

TEST_CASE("utf8 decoder refuses surrogates and overlong forms", "[utf8]") {
  for (std::string bad : {"\xED\xA0\x80", "\xED\xBF\xBF", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF",
                          "\xF0\x80\x80\xAF"}) {
    INFO("bytes " << bad.size());
    const std::u32string d = decode_all(bad);
    CHECK(d.find_first_not_of(kReplacementChar) == std::u32string::npos);
    CHECK(find_invalid_utf8(bad) == 0u);
  }
}

TEST_CASE("every byte of ill-formed input belongs to exactly one character", "[utf8]") {
  const std::string s = "x\x80\xE4\xB8y\xF0\x9F\x98";
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++count) {
    const std::size_t before = i;
    decode_utf8(s, i);
    CHECK(i > before);
  }
  CHECK(count == 5);  // x, stray trail byte, truncated 中, y, truncated emoji
}

TEST_CASE("utf8 encoder writes U+FFFD for values that are not scalar values", "[utf8]") {
  CHECK(to_utf8(std::u32string(1, char32_t(0x110000))) == "\xEF\xBF\xBD");
  CHECK(to_utf8(std::u32string(1, char32_t(0xD800))) == "\xEF\xBF\xBD");
  CHECK(utf8_size(char32_t(0x110000)) == 3);
  CHECK(utf8_size(U'\U0010FFFF') == 4);
}

TEST_CASE("a sequence cut short by the end of the input is told apart from a wrong one",
          "[utf8]") {
  CHECK(is_truncated_utf8("ab\xE4\xB8", 2));
  CHECK_FALSE(is_truncated_utf8("ab\xE4\x41", 2));
  CHECK_FALSE(is_truncated_utf8("ab\xFF", 2));
}
