// layout: the validated layout spec (layouts/<name>.json) — page geometry, fonts per role,
// colours, running lines, masthead and the ordered sections of a brief.
//
// Private to compose/ (tests include it to check validation).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/suggest.h"
#include "base/units.h"
#include "compose/compose.h"
#include "compose/json_reader.h"
#include "typeset/document.h"

namespace ptbrief::compose {

/// A font for one typographic role of the brief: a manifest role and a size.
struct FontSpec {
  std::string role = "serif";  ///< font role in fonts/manifest.json
  Pt size = 10.5;              ///< points (Chinese size names are converted on load)
};

/// The 报头 (masthead) of a brief.
struct MastheadSpec {
  bool enabled = true;
  std::string title;       ///< e.g. 园区党建工作简报
  std::string issue;       ///< 期号 line, e.g. 第1期 (empty = none)
  std::string publisher;   ///< 编印单位, e.g. 园区党工委办公室 (empty = none)
  bool show_date = true;   ///< print the brief's date on the info line
  std::string rule = "single";  ///< none | single | double
};

/// 版记 (GB/T 9704-2012 §7.4): at the foot of the last page, between a 0.35 mm rule above and
/// below and a 0.25 mm rule between its lines: 抄送 (when `copy_to` names recipients), then
/// 印发机关 (left, one character in) and 印发日期 + 印发 (right, one character in). The date is
/// the brief's date (--date, else SOURCE_DATE_EPOCH's); without one only 印发机关 is printed.
struct ImprintSpec {
  bool enabled = false;
  std::string copy_to;  ///< 抄送 recipients, e.g. 各园区党工委 (empty = no 抄送 line)
  std::string issuer;   ///< 印发机关 (empty = the masthead's publisher)
};

/// One section of the brief, in print order.
struct SectionSpec {
  std::string type;          ///< overview | figures | practices | topics | sources
  std::string heading;       ///< printed heading (empty = the section's default)
  std::size_t max_items = 0; ///< figures / practices / sentences shown (0 = all)
  bool chart = false;        ///< figures: add a bar chart of comparable figures
  bool table = true;         ///< figures: print the table
  std::size_t max_bars = 8;  ///< figures: most bars in the chart
  bool group_by_topic = true;///< figures: group table rows under topic headings
  std::string json_path;     ///< where it was defined, for messages
};

/// A validated layout, `extends` resolved.
struct LayoutSpec {
  std::string name;                    ///< file stem, e.g. "gongwen"
  std::string description;
  std::filesystem::path file;          ///< the file it was loaded from
  typeset::PageSpec page;              ///< geometry, grid and running lines
  std::map<std::string, FontSpec> fonts;  ///< by text role: body, title, heading1, …
  double leading = 1.6;                ///< baseline distance as a multiple of the body size
  std::map<std::string, typeset::Color> colors;  ///< text, accent, rule, muted, table_header
  std::string heading_numbering = "none";        ///< none | chinese (一、 and （一）)
  MastheadSpec masthead;
  ImprintSpec imprint;
  std::vector<SectionSpec> sections;
  /// Font family overrides by manifest role (first choice first), passed to the typesetter.
  std::map<std::string, std::vector<std::string>> font_families;

  const FontSpec& font(const std::string& role) const { return fonts.at(role); }
  typeset::Color color(const std::string& key) const { return colors.at(key); }
};

/// The text roles a layout may (and the shipped base defines) set fonts for.
const std::vector<std::string>& font_text_roles();

/// Chinese font size name (初号 … 六号) → points; throws nothing, returns 0 for unknown names.
Pt chinese_font_size(std::string_view name);

/// Validates a parsed layout tree (already merged with what it extends) into a LayoutSpec.
/// Throws ptbrief::Error ("layout.unknown_key", "layout.type", "layout.value") naming the
/// file, line:column, JSON path and what is allowed.
LayoutSpec validate_layout(const json::Value& root, const std::string& name);

/// Loads a layout file with its `extends` chain merged (objects merge key by key, the
/// extending file wins; arrays are replaced whole).
json::Value load_layout_tree(const std::filesystem::path& file);

}  // namespace ptbrief::compose
