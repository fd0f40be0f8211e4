// topics: the briefing-topic catalogue (a JSON data file) and keyword classification.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "extract/text.h"

namespace ptbrief::extract {

/// A topic with the keywords (simplified, code points) that place text in it.
struct TopicRule {
  Topic topic;
  std::vector<std::u32string> keywords;
};

/// Loads the catalogue. Throws ptbrief::Error naming the file and JSON path on bad input.
std::vector<TopicRule> load_topics(const std::filesystem::path& file);

/// The catalogue's keywords indexed by first character, so that classifying a text is one
/// scan of it rather than one scan per keyword.
class TopicIndex {
 public:
  explicit TopicIndex(const std::vector<TopicRule>& rules);

  /// Topic ids for normalised text: those with the most keyword hits (at most two), best
  /// first; ties keep catalogue order. A keyword's hits do not overlap each other.
  std::vector<std::string> classify(std::u32string_view norm) const;

 private:
  struct Keyword {
    char32_t first;            ///< keyword[0], the sort key
    std::size_t rule;     ///< index into rules_
    std::size_t keyword;  ///< index into rules_[rule].keywords
  };
  std::vector<TopicRule> rules_;
  std::vector<Keyword> keywords_;  ///< sorted by first character, then catalogue order
  FirstChars firsts_;              ///< the first characters of keywords_
};

}  // namespace ptbrief::extract
