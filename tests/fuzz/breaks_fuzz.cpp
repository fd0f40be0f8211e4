// Fuzz target: UTF-8 → code points → line-break opportunities (ICU and the clreq passes).
#include <string_view>

#include "base/utf8.h"
#include "fuzz_target.h"
#include "typeset/breaks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::u32string text = ptbrief::from_utf8(bytes);
  // Also the raw values as code points, as a caller with unchecked input would pass them.
  for (std::size_t i = 0; i + 4 <= size && i < 64; i += 4)
    text.push_back(static_cast<char32_t>(data[i] | data[i + 1] << 8 | data[i + 2] << 16 |
                                         std::uint32_t{data[i + 3]} << 24));
  const auto breaks = ptbrief::typeset::find_breaks(text);
  fuzz_require(breaks.size() == text.size(), "one break entry per code point");
  fuzz_require(text.empty() || breaks.back() == ptbrief::typeset::BreakAfter::Forced,
               "the text ends with a forced break");
  return 0;
}
