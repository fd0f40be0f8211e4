// Terminal display width of UTF-8 text (UAX #11 through ICU).
#include "cli/display_width.h"

#include <unicode/uchar.h>

#include "base/utf8.h"

namespace ptbrief::cli {
namespace {

std::size_t columns_of(char32_t c) {
  const auto cp = static_cast<UChar32>(c);
  if (u_getCombiningClass(cp) != 0 || u_charType(cp) == U_NON_SPACING_MARK) return 0;
  const auto width = static_cast<UEastAsianWidth>(u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH));
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) w += columns_of(decode_utf8(s, i));
  return w;
}

std::string clip(const std::string& s, std::size_t cols) {
  if (display_width(s) <= cols) return s;
  const std::size_t room = cols == 0 ? 0 : cols - 1;  // one column for "…"
  std::size_t w = 0, i = 0;
  while (i < s.size()) {
    std::size_t next = i;
    const std::size_t cw = columns_of(decode_utf8(s, next));
    if (w + cw > room) break;
    w += cw;
    i = next;
  }
  return s.substr(0, i) + "…";
}

std::string pad_to(const std::string& s, std::size_t cols) {
  const std::size_t w = display_width(s);
  return w >= cols ? s : s + std::string(cols - w, ' ');
}

}  // namespace ptbrief::cli
