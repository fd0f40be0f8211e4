// park_shapes: park name shapes beyond "division + type word": openings that are not a
// division (中国—东盟…, 中德（常州）…, 南宁（深圳）…), names closed by class or industry words,
// the state-level new areas, and parks inside parks named by an industry. Private to the
// extract stage; parks.cpp combines them with the type words.
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extract/parks.h"

namespace ptbrief::extract {

/// The opening of a park name written before the Han run that ends at the type word.
struct NameOpening {
  bool found = false;
  std::size_t begin = 0;  ///< first character of the opening in the text
  std::u32string text;    ///< as it goes into the canonical name: 中国—, 中德(常州)
};

/// The opening written right before `run` (the first character of the Han run before a type
/// word), not before `floor`: 中国— before 东盟数字贸易产业园 (a bilateral or regional
/// cooperation park named with a dash), or 中德（常州） before 创新产业园 / 南宁（深圳） before
/// 东盟产业合作区 (the host city in parentheses after the partners or the sponsoring city).
NameOpening name_opening(std::u32string_view t, std::size_t floor, std::size_t run);

struct ParkType;

/// Whether `place` (after a division) is a name of its own followed by class or industry words
/// (金栗 + 特色食品, 蒙古源流 + 文化): at least two Han characters that hold no class word, then
/// only words of lexicons `park.generic_place` and `park.industry` up to the type word.
bool generic_words_close_name(std::u32string_view place);

/// Whether `place` before the type word `type` is one of the state-level new areas (lexicon
/// `park.national_new_areas`): 赣江 before 新区 names the area even written once or twice.
bool national_new_area(std::u32string_view place, const ParkType& type);

/// Whether a park inside a park is named by an industry alone after its host (兰州新区 +
/// 化工 + 园区, lexicon `park.industry`): a real park even written once, unlike a goal
/// (昌吉高新区 + 锚定建设千亿 + 产业园区).
bool industry_park_inside(const ParkMention& m);

/// Keys of the parks an article writes only as the opening of an accepted park inside them
/// (兰州新区 in 兰州新区化工园区, written once in a list of provincial parks): the text names
/// the inner park, not the zone around it — unless the type word alone (高新区 for 牡丹江
/// 高新区新能源装备产业园) speaks of the host elsewhere.
std::set<std::string> named_only_as_openings(
    const std::vector<std::vector<ParkMention>>& mentions,
    const std::function<bool(const ParkMention&)>& accepted);

}  // namespace ptbrief::extract
