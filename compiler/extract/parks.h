// parks: recognise development zones and high-tech zones in an article, resolve their
// aliases to one canonical short name, and attribute every sentence to the park (or the
// city/province) it speaks about.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "extract/text.h"

namespace ptbrief::extract {

/// A park name as written in the text, split into its parts.
struct ParkMention {
  std::size_t begin = 0, end = 0;  ///< character range of the whole mention
  std::u32string place;            ///< place-name run before the type word (≤ 4 chars)
  std::u32string paren;            ///< parenthesised part: 双凤 in 长丰(双凤)经开区
  std::u32string type;             ///< short type word: 高新区, 经开区, 产业园 …
  bool bare = false;               ///< no place name: 高新区, 园区 (refers to the subject park)
};

/// Finds park mentions (with and without a place name) in normalised text.
std::vector<ParkMention> find_park_mentions(std::u32string_view norm);

/// Short type word for a long one: 高新技术产业开发区 → 高新区, 经济技术开发区 → 经开区.
std::u32string short_park_type(std::u32string_view type);

/// Canonical short name from parts: 长丰 + 双凤 + 经开区 → 长丰(双凤)经开区 (ASCII parens).
std::string canonical_park_name(std::u32string_view place, std::u32string_view paren,
                                std::u32string_view type);

/// One sentence of an article, as a character range of its block's view.
struct SentenceRange {
  std::size_t block = 0;     ///< index into Article::blocks
  std::size_t sentence = 0;  ///< index into Block::sentences (or the fallback split)
  std::size_t begin = 0, end = 0;
};

/// What park analysis found in one article.
struct ArticleParks {
  /// Parks named in the article: canonical name → spellings seen (normalised, ASCII parens).
  std::map<std::string, std::vector<std::string>> parks;
  std::string province;      ///< e.g. 安徽省, or empty
  std::string city;          ///< e.g. 自贡市, or empty
  std::string main_park;     ///< the park the article reports on most (target of bare 高新区)
  std::string default_name;  ///< attribution when nothing in the text says otherwise
  /// Attribution of each sentence, parallel to the `sentences` passed in.
  std::vector<std::string> sentence_park;
};

/// Resolves parks and attributes sentences. `views[i]` is the view of block i; `headings[i]`
/// says whether block i opens a section (a heading, or a short title-like line); `title` is
/// the article's headline view.
ArticleParks resolve_parks(const std::vector<TextView>& views, const std::vector<bool>& headings,
                           const std::vector<bool>& body, const TextView& title,
                           const std::vector<SentenceRange>& sentences);

}  // namespace ptbrief::extract
