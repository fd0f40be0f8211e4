// Fuzz target: the font table readers of ptbrief's own subsetters and the flattened-glyph cache
// entry, on bytes a damaged font file or cache folder could hold. The first byte picks:
//   0  the rest is a CFF table: classify(), and subset() of a few glyphs when CID-keyed
//   1  the rest is one Type 2 charstring, flattened without subroutines
//   2  the rest is an INDEX of global subroutines followed by a charstring that calls them
//   3  the rest is split into a TrueType face's tables (2-byte lengths first): glyf::subset()
//   4  the rest is a flattened-glyph cache entry: decode, and encode gives the same bytes
// Errors (ptbrief::Error, cff::Unsupported) are the expected outcome of bad bytes; a crash,
// hang or sanitizer report is a finding.
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "fuzz_target.h"
#include "pdf/cff_subset.h"
#include "pdf/glyf_subset.h"
#include "pdf/glyph_memo.h"

using namespace ptbrief::pdf;

namespace {

void cff_table(std::string_view cff) {
  if (cff::classify(cff) != cff::Kind::cid_keyed) return;
  for (unsigned threads : {1u, 2u}) {
    cff::Subset s = cff::subset(cff, {1, 2, 3, 40}, threads == 1, threads);
    fuzz_require(s.cids.size() == s.gids.size(), "one CID per subset glyph");
    fuzz_require(!s.gids.empty() && s.gids[0] == 0, ".notdef comes first");
    fuzz_require(cff::classify(s.program) == cff::Kind::cid_keyed, "the subset is CID-keyed");
  }
}

void with_subroutines(std::string_view bytes) {
  cff::Index global(bytes, 0);
  const std::size_t end = global.end();
  fuzz_require(end <= bytes.size(), "an INDEX ends inside its table");
  const std::string flat = cff::flatten(bytes.substr(end), global, cff::Index(), true);
  fuzz_require(!flat.empty() && flat.back() == '\x0e', "a flattened glyph ends with endchar");
}

void truetype(std::string_view bytes) {
  glyf::Tables t;
  std::string_view* tables[] = {&t.head, &t.hhea, &t.hmtx, &t.maxp, &t.loca, &t.glyf, &t.post};
  for (std::string_view* table : tables) {
    if (bytes.size() < 2) break;
    std::size_t n = static_cast<unsigned char>(bytes[0]) << 8 | static_cast<unsigned char>(bytes[1]);
    bytes.remove_prefix(2);
    n = std::min(n, bytes.size());
    *table = bytes.substr(0, n);
    bytes.remove_prefix(n);
  }
  glyf::Subset s = glyf::subset(t, {1, 2, 3}, true);
  fuzz_require(!s.gids.empty() && s.gids[0] == 0, ".notdef comes first");
}

void cache_entry(std::string_view bytes) {
  if (auto glyphs = decode_flat_glyphs(bytes))
    fuzz_require(encode_flat_glyphs(*glyphs) == bytes, "an entry that decodes is canonical");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 5) {
      case 0: cff_table(rest); break;
      case 1: {
        const std::string flat = cff::flatten(rest, cff::Index(), cff::Index(), data[0] & 0x80);
        fuzz_require(!flat.empty() && flat.back() == '\x0e', "a flattened glyph ends with endchar");
        break;
      }
      case 2: with_subroutines(rest); break;
      case 3: truetype(rest); break;
      case 4: cache_entry(rest); break;
    }
  } catch (const cff::Unsupported&) {
  } catch (const ptbrief::Error&) {
  }
  return 0;
}
