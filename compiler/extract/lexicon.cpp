// lexicon: data/lexicon.tsv (embedded by CMake as one raw string), parsed on first use.
#include "extract/lexicon.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace ptbrief::extract {
namespace {

constexpr std::string_view kLexiconTsv =
#include "lexicon_data.inc"
    ;

std::map<std::string, WordList, std::less<>> parse(std::string_view tsv) {
  std::map<std::string, std::vector<std::u32string>, std::less<>> lists;
  for_each_data_line(tsv, [&](std::size_t line_no, std::string_view line) {
    std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      throw std::logic_error("lexicon.tsv:" + std::to_string(line_no) +
                             ": expected a list name, a tab and words");
    auto& words = lists[std::string(line.substr(0, tab))];
    std::string_view rest = line.substr(tab + 1);
    for (std::size_t b = 0; b < rest.size();) {
      std::size_t e = rest.find(' ', b);
      if (e == std::string_view::npos) e = rest.size();
      if (e > b) words.push_back(to_u32(rest.substr(b, e - b)));
      b = e + 1;
    }
  });
  std::map<std::string, WordList, std::less<>> out;
  for (auto& [name, words] : lists) out.emplace(name, WordList(std::move(words)));
  return out;
}

}  // namespace

WordList::WordList(std::vector<std::u32string> words) : words_(std::move(words)) {
  std::stable_sort(words_.begin(), words_.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& w : words_) firsts_.add(w);
}

bool WordList::contains(std::u32string_view w) const {
  return std::find(words_.begin(), words_.end(), w) != words_.end();
}

std::u32string_view WordList::match_at(std::u32string_view t, std::size_t at) const {
  if (at >= t.size() || !firsts_.may_start(t[at])) return {};
  for (const auto& w : words_)
    if (starts_with_at(t, at, w)) return w;
  return {};
}

bool WordList::ends_at(std::u32string_view t, std::size_t at) const {
  for (const auto& w : words_)
    if (ends_with_at(t, at, w)) return true;
  return false;
}

bool WordList::found_in(std::u32string_view t) const {
  for (std::size_t i = 0; i < t.size(); ++i)
    if (firsts_.may_start(t[i]) && !match_at(t, i).empty()) return true;
  return false;
}

const WordList& lexicon(std::string_view name) {
  static const auto lists = parse(kLexiconTsv);
  auto it = lists.find(name);
  if (it == lists.end())
    throw std::logic_error("lexicon.tsv has no list '" + std::string(name) + "'");
  return it->second;
}

}  // namespace ptbrief::extract
