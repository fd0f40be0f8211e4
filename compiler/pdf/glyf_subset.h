// ptbrief's own subsetter for TrueType (glyf) fonts, written from the OpenType specification's
// glyf, loca, hmtx, hhea, maxp, head and post chapters, for the PDF writer's FontFile2 programs.
// Private to the pdf stage.
//
// What it writes: a TrueType file with an empty .notdef (as hb-subset writes it) and the used glyphs and every component of a composite glyph
// among them (the closure), in glyph-id order with .notdef first; composite components
// renumbered; loca short when it fits, else long; hmtx with trailing equal advances folded;
// hhea, maxp and head updated (numberOfHMetrics, numGlyphs, indexToLocFormat, the checksum
// adjustment); OS/2 as it is; post as a version 3 header (no glyph names). With `drop_hints`,
// as the PDF writer does, glyph instructions are left out and maxp says the font has no
// programs; cvt, fpgm and prep are then not embedded (PDF viewers draw unhinted outlines).
// No cmap: a CIDFontType2 with /CIDToGIDMap /Identity shows glyph ids directly (PDF 32000-1
// §9.7.4.2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ptbrief::pdf::glyf {

/// The tables of the face (empty views for tables it lacks).
struct Tables {
  std::string_view head, hhea, hmtx, maxp, loca, glyf, os2, post, cvt, fpgm, prep;
};

struct Subset {
  std::string program;              ///< the new TrueType file (FontFile2)
  std::vector<std::uint32_t> gids;  ///< gids[i]: the input glyph id of new glyph i
};

/// Subsets to `gids` (any order, duplicates allowed; glyph 0 and composite components are
/// added). Throws ptbrief::Error ("pdf.font", "malformed TrueType font: …") on missing or
/// malformed tables, composite glyphs nesting deeper than limits::kMaxCompositeDepth or
/// referring to themselves.
Subset subset(const Tables& tables, const std::vector<std::uint32_t>& gids, bool drop_hints);

}  // namespace ptbrief::pdf::glyf
