// Sample documents for tests and benchmarks: a ~5,000-character mixed Chinese/Latin/digit
// briefing with headings, a list, a table and a bar chart, built without reading any file.
#pragma once

#include <cstddef>

#include "typeset/document.h"

namespace ptbrief::typeset {

/// A deterministic briefing-like Document with at least `han_chars` Han characters of body
/// text (default 5,000, four A4 pages, set in two CJK faces: Noto Serif and Noto Sans CJK SC): headings at two levels, body paragraphs with
/// Latin words, numbers with units (3.5亿元, 34.65%), every kind of Chinese punctuation, a
/// character above U+FFFF (𠮷 U+20BB7), a list, a table with a repeated header, a bar chart,
/// rules, and a running header/footer using {title}, {page}, {pages} and {date}.
/// The same call always returns the same document.
Document sample_document(std::size_t han_chars = 5000);

/// Every character of text in `doc`'s paragraphs, headings (with list markers) and table cells,
/// in block order, concatenated. Table header rows appear once (a table split across pages
/// repeats them, so an extraction holds them again); chart labels and running headers/footers
/// are not included. Extracted page text, with those removed, must equal this (whitespace
/// aside).
std::string sample_body_text(const Document& doc);

}  // namespace ptbrief::typeset
