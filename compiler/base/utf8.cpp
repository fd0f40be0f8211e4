// UTF-8 through ICU's macros (header-only; ICU's types stay out of base/utf8.h).
#include "base/utf8.h"

#include <unicode/utf8.h>

#include <cstdint>

namespace ptbrief {
namespace {

const std::uint8_t* bytes(std::string_view s) {
  return reinterpret_cast<const std::uint8_t*>(s.data());
}

}  // namespace

std::size_t utf8_size(char32_t c) {
  return is_scalar_value(c) ? static_cast<std::size_t>(U8_LENGTH(c)) : U8_LENGTH(kReplacementChar);
}

char* encode_utf8(char32_t c, char* p) {
  auto* out = reinterpret_cast<std::uint8_t*>(p);
  std::size_t i = 0;
  bool error = false;
  U8_APPEND(out, i, std::size_t{4}, static_cast<UChar32>(c), error);
  if (error) {
    i = 0;
    U8_APPEND_UNSAFE(out, i, kReplacementChar);
  }
  return p + i;
}

void append_utf8(std::string& out, char32_t c) {
  char buf[4];
  out.append(buf, static_cast<std::size_t>(encode_utf8(c, buf) - buf));
}

char32_t decode_utf8(std::string_view s, std::size_t& i) {
  UChar32 c = 0;
  U8_NEXT(bytes(s), i, s.size(), c);
  return c < 0 ? kReplacementChar : static_cast<char32_t>(c);
}

std::optional<std::size_t> find_invalid_utf8(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i < s.size();) {
    const std::size_t at = i;
    UChar32 c = 0;
    U8_NEXT(bytes(s), i, s.size(), c);
    if (c < 0) return at;
  }
  return std::nullopt;
}

bool is_truncated_utf8(std::string_view s, std::size_t at) {
  if (at >= s.size()) return false;
  const auto lead = static_cast<std::uint8_t>(s[at]);
  if (lead < 0xC2 || lead > 0xF4) return false;
  std::size_t i = at;
  UChar32 c = 0;
  U8_NEXT(bytes(s), i, s.size(), c);
  return c < 0 && i == s.size();
}

std::u32string from_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out += decode_utf8(s, i);
  return out;
}

std::string to_utf8(std::u32string_view s) {
  // Sized for the longest encoding, filled in place, then cut to what was written.
  std::string out(s.size() * 4, '\0');
  char* end = out.data();
  for (char32_t c : s) end = encode_utf8(c, end);
  out.resize(static_cast<std::size_t>(end - out.data()));
  return out;
}

}  // namespace ptbrief
