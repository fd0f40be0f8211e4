// summaries: rank sentences by the information they carry and pick a few per park and topic.
#pragma once

#include <vector>

#include "extract/extract.h"

namespace ptbrief::extract {

/// Information score of a sentence: figures and practices it carries, its length, minus
/// boilerplate (slogans without facts, reported speech).
double information_score(std::u32string_view norm, std::size_t figures, std::size_t practices);

/// Trims lead-in words that carry nothing (此外，据介绍，) from a summary sentence (UTF-8).
std::string trim_lead_in(const std::string& text);

/// Keeps, for every park and every topic, the `per_group` best candidates (score > 0), drops
/// near-duplicates (same characters ≥ 70%), and returns them in corpus order.
std::vector<SummarySentence> pick_summaries(std::vector<SummarySentence> candidates,
                                            std::size_t per_group = 6);

}  // namespace ptbrief::extract
