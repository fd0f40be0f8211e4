// Private to ingest: the noise-repair passes, each a named function over decoded text.
#pragma once

#include <string>
#include <vector>

#include "ingest/text.h"

namespace ptbrief::ingest {

/// One physical line of the file, trimmed, with layout facts the classifier needs.
struct Line {
  Text text;             ///< trimmed, invisible characters removed
  int blank_before = 0;  ///< empty lines directly above it (an image gap shows as ≥ 3)
  int md_level = 0;      ///< number of leading '#' of a markdown heading, 0 if none
};

/// Splits the decoded stream into lines: drops invisible/control characters, trims blanks,
/// strips markdown '#' markers (recording their level) and counts the blank lines above.
std::vector<Line> split_lines(const Text& chars);
/// split_lines over a file given in chunks that end after a '\n' (the last one anywhere):
/// the blank lines counted at a chunk's end belong to the next chunk's first line.
struct LineSplitter {
  int blanks = 0;
  void split(const Text& chars, std::vector<Line>& out, bool last);
};

/// Width rule: full-width ASCII letters, digits and symbols (U+FF01–FF5E except Chinese
/// punctuation ，：；？！（）) become ASCII; U+3000 and other wide blanks become ' '.
void normalize_width(Text& t);

/// Drops characters of scripts foreign to Chinese news text (Cyrillic, kana, Hangul, …)
/// from a line that holds Han text — the debris of bad OCR or PDF extraction.
void drop_foreign_script(Text& t);
/// Drops pinyin glosses that some sites print after characters: 園區(qū) → 園區,
/// 長(cháng)豐 → 長豐, and glosses of whole words: 增长(zēngzhǎng) → 增长. A gloss is (…) of up to
/// 40 Latin letters holding a tone-marked vowel, right after a Han character.
void drop_pinyin_glosses(Text& t);

/// True when a file's long lines are broken by the regular spaces PDF text extraction
/// inserts at column-line ends (most long lines have ≥ 3 Han␠Han gaps every ~8–30 chars).
/// Headlines with one or two deliberate spaces never trigger it.
bool has_extraction_spacing(const std::vector<Line>& lines);
/// has_extraction_spacing counted over a file's lines a chunk at a time.
struct SpacingCensus {
  std::size_t long_lines = 0, gappy = 0;
  void add(const std::vector<Line>& lines);
  bool spacing() const { return long_lines > 0 && gappy * 2 > long_lines; }
};

/// A line that is vertical-text debris: nothing but one-character tokens or a lone
/// one-character line ("力", "江 助阴 高 新", "Щ 高 新 区即").
bool is_debris_line(const Text& t);

/// A short line without any Han character (e.g. "97.7%") — debris when it follows debris.
bool is_short_non_han(const Text& t);

/// In a line with extraction spacing: drops single Han characters standing alone between
/// blanks — letters of a vertical sidebar interleaved into column text ("作 速 用").
void drop_isolated_chars(Text& t);

/// In a line with extraction spacing: removes blanks next to a Chinese character or
/// punctuation mark; keeps blanks between two Latin/number tokens ("GB/T 15834").
void remove_extraction_spaces(Text& t);

/// Punctuation rules for one block of Chinese text (GB/T 15834-2011):
/// half-width , ; : ? ! ( ) next to Chinese text become ，；：？！（）, but stay ASCII between
/// Latin letters or digits (1,000  12:30); straight quotes become “…” / ‘…’ by alternation;
/// blanks around full-width punctuation are removed and runs of blanks collapse to one.
void normalize_punctuation(Text& t);

/// normalize_width + normalize_punctuation on a UTF-8 string (raw ranges are meaningless);
/// for comparisons such as gold quotes against cleaned text.
std::string normalize_string(const std::string& utf8);

}  // namespace ptbrief::ingest
