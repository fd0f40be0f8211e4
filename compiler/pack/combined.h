// The combined meeting PDF of a pack: a cover, a table of contents with page numbers, then
// every brief, typeset as one PageList with a bookmark per brief and continuous page labels.
// Private to compiler/pack/.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "typeset/document.h"
#include "typeset/pagelist.h"
#include "typeset/typeset.h"

namespace ptbrief::pack {

/// What the front matter says about the pack.
struct CombinedInfo {
  std::string title;      ///< the pack's title: on the cover, in {title} and the PDF info
  std::string date;       ///< printed on the cover, e.g. "2025年9月22日"; empty = none
  std::string publisher;  ///< 编印单位 on the cover; empty = none
  /// The brief whose page geometry and running lines the combined pages take (the first
  /// brief set in the pack's own layout).
  std::size_t page_from = 0;
};

/// The combined pages and where each part starts in them.
struct CombinedPages {
  typeset::PageList pages;
  std::size_t front_pages = 0;            ///< cover + contents pages, labelled i, ii, …
  std::vector<std::size_t> brief_starts;  ///< 0-based page index of each brief's first page
};

/// One brief of the combined PDF.
struct CombinedBrief {
  typeset::Document doc;  ///< composed as for its own PDF
  /// Its pages as laid out for its own PDF, before running lines (typeset::typeset_body of
  /// `doc`), when there are any; combine() takes them instead of typesetting `doc` again
  /// when they fit the combined body (see combine()). May be null.
  std::shared_ptr<const typeset::PageList> pages;
};

/// Typesets `briefs` (in pack order) as one meeting document:
///  - the briefs, each starting on a new page, as one body whose pages are labelled (and,
///    through the layout's footer, numbered) 1…N; each brief's first heading (its title) is a
///    level-1 bookmark and its own headings are nested one level below it;
///  - a cover (pack title, 编印单位, date, the list of briefs) and a table of contents giving
///    each brief's first page number, both labelled i, ii, … and without running lines.
/// The body is typeset first, so the contents know the page numbers; the front matter cannot
/// move them (it is numbered apart). A brief starts on a new page, so its body pages are the
/// pages of its own PDF, shifted sideways when mirrored margins put them on the other side:
/// a brief's laid-out `pages` are reused when its page geometry and fonts are the body's and
/// its first heading is its bookmarked title; otherwise it is typeset again. Either way the
/// pages are the same. Throws ptbrief::Error when `briefs` is empty.
CombinedPages combine(std::vector<CombinedBrief> briefs, const CombinedInfo& info,
                      const typeset::TypesetOptions& options, DiagSink& sink);

/// Lower-case Roman numeral for 1…3999 ("iv"); decimal beyond.
std::string roman(std::size_t n);

}  // namespace ptbrief::pack
