// Itemize and shape: split a paragraph's text into runs by style, font (role fallback chain)
// and script, and shape each run with HarfBuzz. Private to typeset/.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "typeset/cjk.h"
#include "typeset/document.h"
#include "typeset/fonts.h"

namespace ptbrief::typeset {

/// One glyph as HarfBuzz placed it. Lengths in points at the run's font size.
struct ShapedGlyph {
  std::uint32_t gid = 0;
  Pt advance = 0, x_offset = 0, y_offset = 0;
};

/// The smallest unit the line breaker and justifier see: the glyphs of one HarfBuzz cluster
/// (normally one character), with the characters they stand for.
struct Cluster {
  std::uint32_t begin = 0, end = 0;              ///< code points [begin, end) of StyledText::text
  std::uint32_t glyph_begin = 0, glyph_end = 0;  ///< into ShapedText::glyphs
  std::uint32_t style = 0;                       ///< into StyledText::styles
  const LoadedFace* face = nullptr;
  Pt width = 0;                      ///< sum of the glyph advances (points)
  CharClass cls = CharClass::Other;  ///< class of the first character
};

/// A paragraph's text with its style runs. `style_starts[k]` is the first code point set in
/// `styles[k]`; starts are increasing and begin at 0.
struct StyledText {
  std::u32string text;
  std::vector<TextStyle> styles;
  std::vector<std::uint32_t> style_starts;
};

/// Builds the styled text of inline content; `base` is the paragraph's text style.
/// Carriage returns are dropped; tabs become spaces.
StyledText styled_text(const std::vector<Inline>& content, const TextStyle& base);

/// The shaped paragraph: glyphs in logical order, grouped into clusters.
struct ShapedText {
  std::vector<ShapedGlyph> glyphs;
  std::vector<Cluster> clusters;
};

/// Per-document shaping state: the font set, and the characters already reported missing
/// (each is reported once per document).
struct ShapeContext {
  FontSet& fonts;
  DiagSink& sink;
  std::string language = "zh-Hans";
  std::set<char32_t> reported_missing;
  Span source;  ///< where the paragraph being shaped came from (Paragraph::source), for warnings
};

/// The size at which a style's glyphs are drawn (superscripts are smaller).
Pt effective_size(const TextStyle& s);

/// Itemizes `text` by style, font and script and shapes every run with HarfBuzz (script,
/// language → locl, kerning). A character no face of its role has is reported to the sink as
/// a warning "typeset.missing_glyph" naming it, its U+ code, where it first occurs (the source
/// file and byte of ctx.source, the character's position and its context) and drawn with the
/// first face's .notdef glyph.
ShapedText shape(const StyledText& text, ShapeContext& ctx);

}  // namespace ptbrief::typeset
