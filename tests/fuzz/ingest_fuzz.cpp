// Fuzz target: ingest (decode + repair + segment) of one file's bytes, with its offset
// invariants: every block and character maps into the raw bytes, in order.
#include <string_view>

#include "base/diagnostic.h"
#include "fuzz_target.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  ptbrief::CollectingSink sink;
  std::vector<ptbrief::ingest::Article> articles;
  try {
    articles = ptbrief::ingest::ingest_bytes(raw, "fuzz.txt", sink);
  } catch (const ptbrief::Error&) {
    return 0;  // a refused input (binary, undecodable, …) is a correct answer
  }
  for (const auto& a : articles)
    for (const auto& b : a.blocks) {
      fuzz_require(b.start <= b.end && b.end <= size, "block range inside the file");
      for (const auto& c : b.char_sources) {
        fuzz_require(c.raw_start <= c.raw_end && c.raw_end <= size, "character range in file");
        fuzz_require(c.text_offset <= b.text.size(), "character offset inside the block text");
      }
    }
  return 0;
}
