// lexicon: the word lists the extraction rules consult (practice head nouns and verbs, words
// that never begin a park's name …), from data/lexicon.tsv, embedded at build time and read
// once. Vocabulary lives there; the rules that combine it live in parks.cpp and practices.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/text.h"

namespace ptbrief::extract {

/// One named list of words, as normalised text.
class WordList {
 public:
  WordList() = default;
  explicit WordList(std::vector<std::u32string> words);

  std::size_t size() const { return words_.size(); }
  auto begin() const { return words_.begin(); }
  auto end() const { return words_.end(); }

  /// Is `w` one of the words?
  bool contains(std::u32string_view w) const;
  /// The longest word starting at character `at` of `t`; empty when none.
  std::u32string_view match_at(std::u32string_view t, std::size_t at) const;
  /// Does some word end just before character `at` of `t`?
  bool ends_at(std::u32string_view t, std::size_t at) const;
  /// Does some word occur anywhere in `t`?
  bool found_in(std::u32string_view t) const;
  /// False only when no word begins with `c`.
  bool may_start(char32_t c) const { return firsts_.may_start(c); }

 private:
  std::vector<std::u32string> words_;  ///< longest first
  FirstChars firsts_;
};

/// Calls `fn(line_number, line)` for each line of a data file that is neither empty nor a
/// comment (#); line numbers count from 1. The data files' shared reader.
template <typename Fn>
void for_each_data_line(std::string_view text, Fn&& fn) {
  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line[0] != '#') fn(line_no, line);
  }
}

/// The list called `name` in data/lexicon.tsv. A name the file does not have is a bug
/// (std::logic_error naming it).
const WordList& lexicon(std::string_view name);

}  // namespace ptbrief::extract
