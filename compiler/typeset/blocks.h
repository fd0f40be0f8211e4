// Block layout: every Document block becomes a list of slabs — vertical slices that the
// paginator places whole (a paragraph line, a table row, a chart). Private to typeset/.
#pragma once

#include <memory>
#include <vector>

#include "typeset/paragraph.h"

namespace ptbrief::typeset {

/// A vertical slice of the flow. Positions inside are relative to the slab: x from the left
/// edge of the text block, y from the slab's top.
struct Slab {
  Pt height = 0;
  Pt space_before = 0;  ///< vertical space above, dropped at the top of a page
  std::vector<Item> items;
  std::vector<LineRecord> lines;
  bool keep_with_next = false;        ///< no page break between this slab and the next
  bool break_before = false;          ///< start a new page here (PageBreak)
  std::vector<OutlineEntry> outline;  ///< headings starting in this slab (y relative)
  /// Table header rows, drawn above this slab when it starts a page (and always when
  /// `header_always`, for the first row of a table).
  std::shared_ptr<const std::vector<Slab>> header;
  bool header_always = false;
  /// The slab starts on a line of the document grid (a line of a paragraph that snaps to it):
  /// the paginator moves it to the nearest grid line at or below the end of the slab above.
  bool on_grid = false;
  /// This slab and every one after it sit at the foot of the page (Spacer::to_foot).
  bool to_foot = false;
  bool keep_space = false;  ///< space_before is kept at the top of a page (Spacer::keep_at_top)
};

/// Lays out the document's blocks in a text block `width` points wide.
std::vector<Slab> layout_blocks(const std::vector<Block>& blocks, Pt width, Engine& e);

/// Moves a set line's runs into `items`, shifted by (dx, dy).
void emit_line(SetLine&& line, Pt dx, Pt dy, std::vector<Item>& items,
               std::vector<LineRecord>& records);

}  // namespace ptbrief::typeset
