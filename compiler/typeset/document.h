// Document: the typesetting engine's input — styled blocks of text, tables, rules and charts
// on pages described by a PageSpec. compose/ builds it; typeset/ lays it out.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/span.h"
#include "base/units.h"

namespace ptbrief::typeset {

/// An RGB colour, components in [0, 1]; `cmyk` (components in [0, 1]) when the colour is a
/// process colour to print as given (公文 red: C0 M100 Y100 K0), r g b then approximate it
/// for screens and the PDF writer paints it in DeviceCMYK.
struct Color {
  double r = 0, g = 0, b = 0;
  std::optional<std::array<double, 4>> cmyk = std::nullopt;
  bool operator==(const Color&) const = default;
};

/// Character formatting. `font` is a role name from the font manifest (fonts/manifest.json),
/// e.g. "serif", "sans", "kai", "fangsong", "title"; its fallback chain comes from there.
struct TextStyle {
  std::string font = "serif";
  Pt size = 10.5;  ///< font size (em) in points
  Color color;
  bool superscript = false;  ///< footnote-style markers: smaller, raised
  bool no_break = false;     ///< no line break inside this run (a label kept with what it labels)
};

enum class Align { Justify, Start, Center, End };

/// Paragraph formatting. Lengths in points unless the name says em.
struct ParagraphStyle {
  TextStyle text;
  Pt leading = 0;  ///< baseline-to-baseline distance; 0 = 1.6 × size
  Align align = Align::Justify;
  double first_indent_em = 2;  ///< first-line indent in em of text.size (clreq: 2 characters)
  Pt left_indent = 0, right_indent = 0;
  Pt space_before = 0, space_after = 0;
  bool keep_with_next = false;  ///< never end a page after this block
  bool keep_together = false;   ///< never split this block across pages
  /// Extra gap between Han and Latin/digit runs in em (clreq §3.2.3: about 1/4 em); 0 disables.
  double han_latin_gap_em = 0.25;
  /// Whether the paragraph follows the page's document grid (PageSpec::grid), as Word's
  /// "snap to grid" (ECMA-376 §17.3.1.32 paragraph, §17.3.2.34 run): its leading becomes a
  /// whole number of line pitches, its lines start on grid lines, and its full-width characters
  /// of the grid's size take exactly one character pitch. Text much larger or smaller than the
  /// pitch keeps its natural advance even when this is set (see grid_fits in paragraph.cpp).
  bool snap_to_grid = true;
};

/// A run of text with one style inside a paragraph.
struct Inline {
  std::string text;                ///< UTF-8
  std::optional<TextStyle> style;  ///< overrides the paragraph's text style
};

struct Paragraph {
  std::vector<Inline> content;
  ParagraphStyle style;
  std::string marker;  ///< list marker drawn in the left indent ("1.", "•"), or empty
  Span source;         ///< raw-file bytes its text was taken from; no file for composed text
};

/// A heading: a paragraph that also becomes a PDF bookmark at `level` (1 = top).
struct Heading {
  Paragraph paragraph;
  int level = 1;
  bool outline = true;  ///< add to the PDF outline
};

struct TableCell {
  std::vector<Inline> content;
  Align align = Align::Start;
  std::optional<Color> fill;
  int colspan = 1;
};

/// A table whose cells wrap; splits between rows with the header rows repeated.
struct Table {
  std::vector<double> column_weights;  ///< relative widths, one per column
  /// Columns (by index) as wide as their widest cell (one line, padding included, at most half
  /// the table); the other columns share what is left by weight.
  std::vector<std::size_t> fit_columns;
  std::vector<std::vector<TableCell>> header_rows;
  std::vector<std::vector<TableCell>> rows;
  ParagraphStyle cell_style;  ///< text style in cells (indent ignored)
  ParagraphStyle header_style;
  Color rule_color{0.3, 0.3, 0.3};
  Pt rule_width = 0.5;
  Pt cell_padding = 3;
  bool rules = true;  ///< draw the rules around cells (false: a borderless layout table)
  std::optional<Color> header_fill;
  Pt space_before = 0, space_after = 0;
};

/// A horizontal rule across the text block (or `width` points, if > 0).
struct Rule {
  Pt thickness = 0.5;
  Color color;
  Pt width = 0;
  Pt space_before = 0, space_after = 0;
  /// A second rule this far below the first (0 = single rule), e.g. 公文 double red rule.
  Pt double_gap = 0;
};

/// A horizontal bar chart of comparable values.
struct BarChart {
  std::string title;
  std::vector<std::string> labels;        ///< one per bar
  std::vector<double> values;             ///< one per bar, >= 0
  std::vector<std::string> value_labels;  ///< printed at the bar end, e.g. "92.5%"
  TextStyle label_style;
  Color bar_color{0.75, 0.1, 0.1};
  Pt bar_height = 10, bar_gap = 5;
  Pt space_before = 0, space_after = 0;
};

struct Spacer {
  Pt height = 0;
  /// The blocks after this one go to the foot of the page: the last of them ends on the text
  /// block's bottom edge (公文 版记, GB/T 9704-2012 §7.4: its last rule is the bottom edge of
  /// the last page's text block). When they do not fit below the text above, a new page.
  bool to_foot = false;
  /// Kept at the top of a page, where space is otherwise dropped: a fixed distance from the
  /// text block's top (公文 发文机关标志, GB/T 9704-2012 §7.2.2: 35 mm below it).
  bool keep_at_top = false;
};
struct PageBreak {};

using Block = std::variant<Paragraph, Heading, Table, Rule, BarChart, Spacer, PageBreak>;

/// A header or footer line. Templates may use the fields {page}, {pages}, {title}, {date}.
struct RunningLine {
  std::string left, center, right;  ///< templates for the three slots (empty = nothing)
  /// Place `outer` at the outer edge (right on odd pages, left on even), as 公文 page numbers.
  std::string outer;
  TextStyle style;
  bool rule = false;  ///< a thin rule between it and the text block
  Pt offset = 0;      ///< distance from the text block edge to its baseline
  bool on_first_page = true;
};

/// Page geometry. A Grid, when set, fixes the character pitch and line pitch from the text
/// block (as a document grid does): pitch = block width / chars, line = block height / lines.
/// Only text whose size is within 10% of the character pitch snaps to it (a 公文 body in 三号
/// on a 156/28 mm pitch); titles, tables, labels and small print keep their natural advance,
/// and table cells keep their own leading (ECMA-376 §17.6.5: the line pitch is not added to
/// lines in table cells).
struct Grid {
  int chars_per_line = 0;
  int lines_per_page = 0;
};

struct PageSpec {
  Pt width = mm(210), height = mm(297);
  Pt margin_top = mm(25), margin_bottom = mm(25);
  Pt margin_inner = mm(25), margin_outer = mm(25);  ///< left/right on odd pages
  bool mirrored = false;                            ///< swap inner/outer on even pages (duplex)
  std::optional<Grid> grid;
  RunningLine header, footer;
};

struct Metadata {
  std::string title, subject, keywords, author;
  std::string creator = "ptbrief";
  std::string date;              ///< shown in {date}, e.g. "2025年9月"
  std::string lang = "zh-Hans";  ///< BCP 47 language of the text (locl, breaking)
};

/// The engine's whole input.
struct Document {
  Metadata meta;
  PageSpec page;
  std::vector<Block> blocks;
  /// Font role overrides: role → family names (first choice first), on top of the manifest.
  std::map<std::string, std::vector<std::string>> font_roles;
};

}  // namespace ptbrief::typeset
