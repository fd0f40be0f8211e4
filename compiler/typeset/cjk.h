// CJK typography rules as named passes: character classes, punctuation width adjustment,
// Han–Latin spacing and inter-character justification. Each pass cites its rule.
// Private to typeset/. Fonts are not needed: passes work on widths in points.
#pragma once

#include <cstdint>
#include <vector>

#include "base/units.h"

namespace ptbrief::typeset {

/// What a character is for spacing, compression and line-breaking rules.
enum class CharClass : std::uint8_t {
  Han,      ///< ideographs, kana, full-width letters: a 1-em square
  Opening,  ///< （〔［｛《〈「『【〖“‘ — ink on the right half of the em
  Closing,  ///< ）〕］｝》〉」』】〗”’、。，． — ink on the left half (GB placement)
  /// ：；？！ — placed by the font: GB/T 15834 puts them in the left of the em (compressed as a
  /// closing mark), other designs centre them (not compressed); see compress_punctuation.
  Middle,
  Dash,        ///< — (U+2014), ―, ～
  Ellipsis,    ///< … (U+2026), ⋯
  Interpunct,  ///< · (U+00B7), ・
  Latin,       ///< Latin, Greek and Cyrillic letters
  Digit,       ///< 0-9
  Symbol,      ///< ASCII punctuation and symbols (+ / % [ ] . , & #): set solid beside Han
  Space,       ///< spaces (become stretchable glue)
  Newline,     ///< forced line break
  Other,
};

CharClass classify(char32_t c);

/// True for the classes that are punctuation in the CJK sense (compressible or not).
bool is_cjk_punctuation(CharClass k);

/// clreq §3.1.7 / GB/T 15834-2011 §5.1: marks that may not begin a line
/// (、。，．：；？！）］｝」』〉》〕〗】”’…—·% and their ASCII counterparts).
bool prohibited_at_line_start(char32_t c);

/// clreq §3.1.7: marks that may not end a line (（［｛「『〈《〔〖【“‘ and ASCII openers).
bool prohibited_at_line_end(char32_t c);

/// The spacing between two adjacent clusters, as the line breaker sees it: a glue of natural
/// `width` that may grow by `stretch` and shrink by `shrink` (points). When the line breaks
/// there, the glue disappears.
struct Joint {
  Pt width = 0, stretch = 0, shrink = 0;
  bool has_glue() const { return width != 0 || stretch != 0 || shrink != 0; }
};

/// One cluster's width and class, and the compression applied to it.
struct SpacedCluster {
  CharClass cls = CharClass::Other;
  Pt width = 0;       ///< natural advance (points)
  Pt em = 10.5;       ///< the font size of this cluster
  Pt trim_left = 0;   ///< blank removed from the left (the glyph is drawn this much further left)
  Pt trim_right = 0;  ///< blank removed from the right
  /// Blank space beside the glyph's ink on each side (points), measured from the font; -1 =
  /// unknown, assume GB placement (half an em on the blank side). Fonts differ: WenQuanYi
  /// centres its brackets, and a centred mark must not be trimmed.
  Pt blank_left = -1, blank_right = -1;
  bool note = false;  ///< a note marker (superscript such as [9]): no blank is left before it
};

/// clreq §3.1.6 (punctuation width adjustment; 标点挤压): every full-width opening or closing
/// mark is set as half an em of ink plus half an em of blank; the blank becomes a glue on its
/// blank side (joint before an opening mark, after a closing one) that may shrink to nothing,
/// never stretches, and vanishes at a line break — so a line-start opening bracket and a
/// line-end closing mark take half an em. Where two marks meet, the blank between them is
/// removed (。」→ half + full, 」「 → half + full), as clreq prescribes for consecutive marks.
/// A mark at the very start of the paragraph keeps its full width; a mark whose glyph has less
/// than 0.4 em blank on that side (a centred design) is not compressed. ：；？！ are classed per
/// font from their ink box: with 0.4 em or more blank on the right (GB/T 15834-2011 §5.1.4:
/// Noto Serif SC's ：；) they are compressed as closing marks, centred ones or unknown ink are
/// left at a full em. A closing mark followed by a note marker loses its blank half, so that
/// "动能。[9]" has no hole before the marker (the marker is set solid after the mark's ink).
/// `joints[i]` lies between clusters i and i+1 (size = clusters.size() - 1, or 0).
void compress_punctuation(std::vector<SpacedCluster>& clusters, std::vector<Joint>& joints);

/// clreq §3.2.3 (mixed Han and Western text): a gap of `gap_em` (about 1/4 em) between a Han
/// character and an adjacent Latin letter or digit, unless punctuation or a space is already
/// between them. Symbols (+ / % [n]) and note markers are set solid: "党建+项目", "300元/月",
/// "7个[1]". The gap may stretch or shrink a little and vanishes at a line break.
void add_han_latin_spacing(const std::vector<SpacedCluster>& clusters, std::vector<Joint>& joints,
                           double gap_em);

/// clreq §3.8 (justification, 两端对齐): CJK text is justified by spreading the slack evenly
/// between characters. Adds stretch to every joint between two non-punctuation clusters of
/// which at least one is Han — never after or before a punctuation mark, so slack never
/// shows as a gap beside a mark.
void add_inter_character_stretch(const std::vector<SpacedCluster>& clusters,
                                 std::vector<Joint>& joints);

}  // namespace ptbrief::typeset
