// PageList: the typesetting engine's output — a display list of positioned glyphs, rules and
// boxes per page. The PDF writer and the text dump are two readers of it.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "base/units.h"
#include "typeset/document.h"

namespace ptbrief::typeset {

/// A font face used on the pages. The PDF writer embeds a subset of it.
struct FontFace {
  std::string path;             ///< font file (.ttf, .otf, .ttc)
  unsigned index = 0;           ///< face index inside a collection
  std::string family;           ///< family name as found, e.g. "Noto Serif CJK SC"
  std::string postscript_name;  ///< e.g. "NotoSerifCJKsc-Regular"
  bool cff = false;             ///< CFF outlines (OpenType/CFF) rather than TrueType glyf
  unsigned units_per_em = 1000;
};

/// One glyph at its final position. Coordinates are points, origin at the top-left corner of
/// the page, y growing downwards; (x, y) is the glyph origin on the baseline.
struct PlacedGlyph {
  std::uint32_t gid = 0;  ///< glyph id in the face (not a CID)
  Pt x = 0, y = 0;
  /// Advance actually used (after compression/justification): the distance to the next glyph
  /// of the line; for the line's last glyph, the distance to the line's end (x_end). A
  /// compressed opening mark is drawn half an em left of its box (x may lie left of the
  /// measure at a line start: its blank half hangs, its ink is inside); a compressed closing
  /// mark's advance is half an em (its blank half is dropped at a line end).
  Pt advance = 0;
  std::string text;  ///< characters this glyph stands for (first glyph of a cluster)
};

/// Glyphs of one face, size and colour, in reading order.
struct GlyphRun {
  std::size_t font = 0;  ///< index into PageList::fonts
  Pt size = 10.5;
  Color color;
  std::vector<PlacedGlyph> glyphs;
};

/// A filled and/or stroked rectangle; (x, y) is its top-left corner.
struct Box {
  Pt x = 0, y = 0, width = 0, height = 0;
  std::optional<Color> fill;
  std::optional<Color> stroke;
  Pt stroke_width = 0.5;
};

/// A straight line segment.
struct Stroke {
  Pt x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  Pt width = 0.5;
  Color color;
};

using Item = std::variant<GlyphRun, Box, Stroke>;

/// What a printed line was, for checks and dumps (kinsoku, justification, grid).
struct LineRecord {
  std::string text;  ///< the characters on the line, in order
  /// Extent of the set boxes: left edge of the first character's box, right edge of the last
  /// (a compressed punctuation mark's box is its inked half).
  Pt x_start = 0, x_end = 0;
  Pt left = 0, right = 0;  ///< the measure it was set to
  Pt baseline = 0;
  bool justified = false;      ///< stretched/shrunk to the full measure
  bool paragraph_end = false;  ///< last line of its paragraph
  bool body = false;           ///< body paragraph text (not heading, table, header/footer)
};

struct Page {
  Pt width = 0, height = 0;
  std::vector<Item> items;
  std::vector<LineRecord> lines;
  std::string label;  ///< printed page label, e.g. "1"
};

struct OutlineEntry {
  std::string title;
  int level = 1;
  std::size_t page = 0;  ///< 0-based page index
  Pt y = 0;              ///< top of the heading on that page
};

struct PageList {
  Metadata meta;
  std::vector<FontFace> fonts;
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
};

}  // namespace ptbrief::typeset
