// Fuzz target: the layout JSON reader and the layout validation behind it.
#include <string_view>

#include "base/diagnostic.h"
#include "compose/json_reader.h"
#include "compose/layout.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto root = ptbrief::compose::json::parse(text, "fuzz.json");
    ptbrief::compose::validate_layout(root, "fuzz");
  } catch (const ptbrief::Error& e) {
    const auto& d = e.diagnostic();
    fuzz_require(!d.message.empty(), "an error says what is wrong");
  }
  return 0;
}
