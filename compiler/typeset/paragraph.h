// Paragraph setting: shaped text → break items (with the CJK passes) → optimal breaks →
// positioned lines. Also the per-document engine state shared by all block layouts.
// Private to typeset/.
#pragma once

#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "typeset/pagelist.h"
#include "typeset/shape.h"

namespace ptbrief::typeset {

/// Faces used on the pages, numbered in first-use order (PageList::fonts).
class FontTable {
 public:
  std::size_t index(const LoadedFace* face);
  std::vector<FontFace> fonts;

 private:
  std::map<const LoadedFace*, std::size_t> index_;
};

/// Per-document layout state.
struct Engine {
  ShapeContext shaping;
  FontTable fonts;
  /// Document grid (PageSpec::grid): character pitch and line pitch in points, when set.
  std::optional<Pt> char_pitch, line_pitch;
  /// Horizontal ink extent (x bearing, width; font units) of punctuation glyphs, computed once
  /// per glyph: extents of CFF glyphs cost a charstring interpretation.
  std::map<std::pair<const LoadedFace*, std::uint32_t>, std::pair<int, int>> ink;
};

/// One set line. Positions are relative to the line box: x from the left edge of the block the
/// paragraph was set in, y from the top of the line (the baseline is at record.baseline).
struct SetLine {
  std::vector<GlyphRun> runs;
  LineRecord record;
  Pt height = 0;  ///< the line's share of vertical space (the leading)
};

/// The leading of a paragraph style (0 = 1.6 × size), rounded to a whole number of the grid's
/// line pitches when the paragraph snaps to the document grid (at least one pitch).
Pt leading_of(const ParagraphStyle& style, const Engine& e);

/// Sets `content` in a column `width` points wide: first-line indent, left/right indents,
/// alignment and justification from `style`; `marker` (a list marker, may be empty) is drawn
/// in the left indent of the first line. `body` marks the lines as body text in the records.
std::vector<SetLine> set_text(const std::vector<Inline>& content, const ParagraphStyle& style,
                              Pt width, Engine& e, bool body, std::string_view marker = {});

/// Sets one line of text at its natural width (labels, headers, footers); x from 0.
SetLine set_label(std::string_view text, const TextStyle& style, Engine& e);

}  // namespace ptbrief::typeset
