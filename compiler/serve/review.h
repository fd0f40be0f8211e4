// What the review page shows, as JSON: the parks and topics with their counts, a brief's
// figures and practices each beside its source sentence, and a whole article with its items
// marked. Built from the facts as extracted; the corrections are shown beside each item.
#pragma once

#include <string>

#include "serve/corrections_store.h"
#include "serve/workspace.h"

namespace ptbrief::serve {

/// {"parks": [{name, kind park|region, articles, figures, practices, brief}],
///  "topics": [{id, description, figures, practices}]}. `brief` is false for an entry that
/// gets no brief (no figure, practice or summary of its own): junk the page marks.
Json park_list(const Snapshot& snap);

/// The figures and practices of one park (`topic` false) or topic as they print (corrections
/// applied), plus the extracted ones a drop entry removed, in corpus order. Each has file,
/// quote, article id and title, its sentence as [before, marked, after] (the number and unit,
/// or the practice's name, marked) and "correction": the corrections.json entry that dropped,
/// changed or added it (with "section"), or null. "unmatched" lists the entries that match
/// nothing. Throws ptbrief::Error for an unknown park or topic.
Json review(const Snapshot& snap, bool topic, const std::string& name);

/// One article (by id, "<file stem>#<n>"): title, file, and its blocks as runs of text, the
/// runs that are extracted items marked {"text", "mark": "figure"|"practice", "quote"}.
/// Throws ptbrief::Error "serve.no_such_article".
Json article(const Snapshot& snap, const std::string& id);

}  // namespace ptbrief::serve
