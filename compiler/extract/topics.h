// topics: the briefing-topic catalogue (a JSON data file) and keyword classification.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"

namespace ptbrief::extract {

/// A topic with the keywords (simplified, code points) that place text in it.
struct TopicRule {
  Topic topic;
  std::vector<std::u32string> keywords;
};

/// Loads the catalogue. Throws ptbrief::Error naming the file and JSON path on bad input.
std::vector<TopicRule> load_topics(const std::filesystem::path& file);

/// Topic ids for normalised text: those with the most keyword hits (at most two), best first.
std::vector<std::string> classify(std::u32string_view norm, const std::vector<TopicRule>& rules);

}  // namespace ptbrief::extract
