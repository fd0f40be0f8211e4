// Pagination: slabs → pages, with keep rules, repeated table headers, running headers and
// footers, page labels and the outline. Private to typeset/.
#pragma once

#include <vector>

#include "typeset/blocks.h"

namespace ptbrief::typeset {

/// The text block of a page: its left edge and width (mirrored margins swap on even pages).
struct TextBlock {
  Pt left = 0, top = 0, width = 0, height = 0;
};

/// The text block of page `index` (0-based) of `spec`.
TextBlock text_block(const PageSpec& spec, std::size_t index);

/// Places the flow on pages: a group of slabs joined by keep_with_next moves to the next page
/// whole when it does not fit (a group taller than a page is split slab by slab); space before
/// a slab is dropped at a page top; a table row that starts a page repeats the header rows.
/// Fills Page::items, Page::lines and the outline (with page coordinates).
void paginate(std::vector<Slab>&& flow, const PageSpec& spec, PageList& out);

/// Adds the running header and footer to every page, expanding {page}, {pages}, {title} and
/// {date}, and sets each page's label.
void add_running_lines(const Document& doc, PageList& out, Engine& e);

}  // namespace ptbrief::typeset
