// brief: the pieces compose() assembles a brief from — the styles a layout implies, the
// citation register, and what one brief covers (its selection of facts).
//
// Private to compose/.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "compose/compose.h"
#include "compose/layout.h"
#include "typeset/document.h"

namespace ptbrief::compose {

/// A run of text in the paragraph's own style.
inline typeset::Inline plain(std::string text) { return typeset::Inline{std::move(text), std::nullopt}; }

/// Paragraph and table styles derived from a layout.
struct Styles {
  typeset::ParagraphStyle body, masthead, masthead_info, title, heading1, heading2, item,
      source, note;
  typeset::TextStyle marker;       ///< superscript citation markers
  typeset::TextStyle item_name;    ///< the name of a practice
  typeset::Table table;            ///< an empty table with the layout's table styling
  typeset::BarChart chart;         ///< an empty chart with the layout's chart styling
  typeset::Color accent, rule, muted, table_header;
};
Styles make_styles(const LayoutSpec& layout);

/// Numbered sources, numbered in order of first citation. One source is one paragraph of
/// one article; the list names each article by title, paper or site, date and page (where
/// known) and the reprints folded into it, never by corpus file name.
class Citations {
 public:
  explicit Citations(const extract::Facts& facts);
  /// The number of the source `where` points at (1-based), registering it if new.
  int cite(const extract::Location& where);
  /// "[n]" as a superscript inline.
  typeset::Inline marker(const extract::Location& where, const typeset::TextStyle& style);
  /// The sources list, one paragraph each, in number order.
  std::vector<typeset::Paragraph> list(const typeset::ParagraphStyle& style) const;
  bool empty() const { return order_.empty(); }
  /// The article's title ("" when unknown).
  std::string title_of(const std::string& article_id) const;

 private:
  /// How the list names an article: 《title》，source，date，page.
  std::string describe(const std::string& article_id) const;

  std::map<std::string, std::string> titles_;                 ///< article id → title
  std::map<std::string, extract::ArticleRef> articles_;       ///< article id → metadata
  std::map<std::pair<std::string, std::size_t>, int> numbers_;///< (article, block) → number
  std::vector<extract::Location> order_;                      ///< by number − 1
};

/// The facts one brief covers, in corpus order.
struct Selection {
  BriefRequest::Kind kind = BriefRequest::Kind::Park;
  std::string name;                                   ///< canonical park name or topic id
  std::string description;                            ///< topic description (topic briefs)
  const extract::Park* park = nullptr;                ///< park briefs
  std::vector<const extract::Figure*> figures;        ///< achievements, de-duplicated
  std::vector<const extract::Figure*> targets;        ///< kind target: plans and forecasts
  std::vector<const extract::Practice*> practices;    ///< de-duplicated by name
  std::vector<const extract::SummarySentence*> summaries;
  std::vector<std::string> parks;                     ///< parks present (topic briefs)
  std::vector<std::string> articles;                  ///< article ids reported on
};
Selection select(const extract::Facts& facts, const BriefRequest& request);

/// The label a table or chart row shows for a figure: its subject when that is a balanced
/// (quotes and brackets paired), meaningful noun phrase — not a fragment that starts or ends
/// on a connective or a predicate (到全球储能标杆, 合格率达到) — else the subject repaired
/// that way, else the clause the figure came from.
std::string figure_label(const extract::Figure& f);

/// Whole-sentence shortening for one-line explanations: cut at the last clause boundary
/// (，；) before `max_chars` characters and close with 。. Shorter text is returned as is.
std::string one_line(const std::string& text, std::size_t max_chars);

/// Chinese heading numbers: 一、 … for level 1, （一） … for level 2.
std::string chinese_number(int n);

}  // namespace ptbrief::compose
