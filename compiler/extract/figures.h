// figures: key figures of one sentence — quantities (see quantity.h) with their subject (what
// is counted), the clause that carries them, growth vs level, and 分别 lists.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "extract/quantity.h"
#include "extract/text.h"

namespace ptbrief::extract {

/// A figure found in a sentence, before park and source are attached.
struct FigureDraft {
  Quantity quantity;
  std::string subject;                   ///< short noun phrase, original characters
  std::size_t quote_begin = 0, quote_end = 0;  ///< the clause, character range in the view
};

/// Figures of the sentence at characters [begin, end) of `view`. A 分别 list whose number of
/// values differs from its number of subjects is reported to `sink` (code
/// "extract.list_mismatch") and its figures share the whole subject phrase.
std::vector<FigureDraft> find_figures(const TextView& view, std::size_t begin, std::size_t end,
                                      DiagSink* sink = nullptr);

}  // namespace ptbrief::extract
