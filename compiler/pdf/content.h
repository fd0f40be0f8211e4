// Page content streams: the PDF operators (PDF 32000-1 §8, §9.4) that draw one page's glyph
// runs, boxes and strokes. Private to the pdf stage; no libharu types.
#pragma once

#include <string>
#include <vector>

#include "pdf/font_program.h"
#include "typeset/pagelist.h"

namespace ptbrief::pdf {

/// The resource name under which font `index` is listed in a page's /Font dictionary.
std::string font_resource_name(std::size_t index);

/// A number as PDF writes it: fixed notation, at most 3 decimals, no trailing zeros, "C" locale.
std::string pdf_number(double v);

/// The uncompressed content stream of `page`. Glyph runs become TJ arrays of 2-byte codes from
/// `fonts[run.font].shown`, with position adjustments so each glyph lands on its
/// PlacedGlyph origin; layout y (down from the top) is flipped to PDF y (up from the bottom).
std::string page_content(const typeset::Page& page, const std::vector<FontProgram>& fonts);

}  // namespace ptbrief::pdf
