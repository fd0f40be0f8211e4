// parks: recognise parks (development zones, high-tech zones, industrial parks, bonded zones,
// new areas …) and regions in an article, resolve each park's spellings to one name, pick the
// park the article is about, and attribute every clause to the park or region it speaks of.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "extract/gazetteer.h"
#include "extract/text.h"

namespace ptbrief::extract {

/// A park name as written in the text, split into its parts.
struct ParkMention {
  std::size_t begin = 0, end = 0;  ///< character range of the whole mention
  std::u32string place;  ///< the name part: 南通, 长丰县, 两江, 南通高新区创新创业服务
  std::u32string anchor;           ///< the division written before a non-division name: 包头 in
                                   ///< 包头稀土高新区 (short form), or empty
  std::u32string paren;            ///< parenthesised part: 双凤 in 长丰(双凤)经开区
  const ParkType* type = nullptr;  ///< the type word
  bool in_gazetteer = false;       ///< the place is an administrative division
  bool weak_place = false;  ///< the place is a district's short form (武进, but also 红旗)
  bool anchored = false;    ///< not a division, but written right after one (重庆两江新区)
  bool prefix_anchor = false;  ///< the anchor is a province before a district of its own
                               ///< (湖北东西湖经开区): no part of the canonical name
  bool nested = false;      ///< a park inside the park named just before it
  bool opened = false;      ///< the anchor is a name opening (park_shapes.h): 中国—, 中德(常州)
  bool class_named = false;  ///< the place is a class word after a division (海南生态软件园):
                             ///< a park only if the article repeats the name
  bool guessed = false;  ///< the name is two characters cut from a longer run written once
  bool shared_type = false;  ///< an item of a list before one type word: 沭阳 in 沭阳、泗阳
                             ///< 经济开发区 (the range holds the place only)
  bool bounded = false;     ///< the place starts right after a function word or punctuation
  std::size_t own = 0;      ///< nested: where the park's own name starts in `place` (农机装备)
  bool collective = false;  ///< bare, but for many parks: 等开发区, 各园区, 24家园区
  bool bare = false;        ///< no place name: 高新区, 园区 (refers to the subject park)
  std::string canonical;    ///< canonical_park_name(), once the place is settled
  std::string key;          ///< park_key(), once the place is settled
};

/// Finds park mentions (with and without a place name) in normalised text.
std::vector<ParkMention> find_park_mentions(std::u32string_view norm);

/// Canonical spelling of a mention: short type word (高新技术产业开发区 → 高新区), city
/// markers dropped (南通市高新区 → 南通高新区), counties kept (长丰县高新区), ASCII parens,
/// the anchor kept as written (包头稀土高新区).
std::string canonical_park_name(const ParkMention& m);
/// The park a mention belongs to, whatever the spelling: anchor and county marker dropped,
/// type synonyms merged (包头稀土高新技术产业开发区 and 稀土高新区 → 稀土高新区).
std::string park_key(const ParkMention& m);

/// One sentence of an article, as a character range of its block's view.
struct SentenceRange {
  std::size_t block = 0;     ///< index into Article::blocks
  std::size_t sentence = 0;  ///< index into Block::sentences (or the fallback split)
  std::size_t begin = 0, end = 0;
};

/// The subject of characters [begin, end) of a sentence (a clause, or the rest of it).
struct ClauseSubject {
  std::size_t begin = 0, end = 0;
  std::uint32_t name = 0;  ///< index into ArticleParks::names (0: unknown)
};

/// What park analysis found in one article.
struct ArticleParks {
  /// Parks named in the article: canonical name → spellings seen (normalised, ASCII parens).
  std::map<std::string, std::vector<std::string>> parks;
  /// Region names that subjects may carry (自贡市, 安徽省, 长丰县).
  std::vector<std::string> regions;
  std::string province, city, county;  ///< the article's regions (full names), or empty
  std::string main_park;     ///< the park the article reports on (target of bare 高新区)
  std::string default_name;  ///< subject when nothing in the text says otherwise
  /// Subjects of each sentence's clauses, parallel to the `sentences` passed in.
  std::vector<std::vector<ClauseSubject>> clauses;
  /// Partner parks of each sentence (园区与A、B共建…: A and B), as indices into `names`.
  std::vector<std::vector<std::uint32_t>> partners;
  /// The names clauses refer to; names[0] is empty (no subject known).
  std::vector<std::string> names{std::string()};

  /// The subject at character `at` of sentence `s`.
  const std::string& subject_at(std::size_t s, std::size_t at) const;
  bool is_region(const std::string& name) const;
};

/// Resolves parks and attributes clauses. `views[i]` is the view of block i; `headings[i]`
/// says whether block i opens a section (a heading, or a short title-like line); `title` is
/// the article's headline view; `origin`, when given, the paper or site of the file's header
/// (来源：太仓新闻网), read like the opening lines for the city of a page that only says 高新区.
ArticleParks resolve_parks(const std::vector<TextView>& views, const std::vector<bool>& headings,
                           const std::vector<bool>& body, const TextView& title,
                           const std::vector<SentenceRange>& sentences,
                           const TextView* origin = nullptr);

}  // namespace ptbrief::extract
