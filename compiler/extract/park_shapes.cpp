// park_shapes: park name shapes beyond "division + type word" (see park_shapes.h).
#include "extract/park_shapes.h"

#include <algorithm>
#include <map>

#include "extract/gazetteer.h"
#include "extract/lexicon.h"
#include "extract/text.h"

namespace ptbrief::extract {
namespace {

// Dashes written between China and a partner: — (GB/T 15834 破折号 used as a connector), its
// half (–), the full-width and ASCII hyphens.
bool is_dash(char32_t c) {
  return c == U'—' || c == U'–' || c == U'－' || c == U'-' || c == U'‐';
}

// 中国—东盟, 中国-马来西亚: China, a dash, and the partner opening the run.
NameOpening dash_opening(std::u32string_view t, std::size_t floor, std::size_t run) {
  std::size_t d = run;
  while (d > floor && is_dash(t[d - 1]) && run - d < 2) --d;  // —— is written as two
  if (d == run || d < floor + 2 || !ends_with_at(t, d, U"中国")) return {};
  return {true, d - 2, std::u32string(U"中国") + U'—'};
}

// 中德（常州）, 南宁（深圳）: partners or a city, then a division in parentheses.
NameOpening paren_opening(std::u32string_view t, std::size_t floor, std::size_t run) {
  if (run < floor + 4 || t[run - 1] != U'）') return {};
  std::size_t open = t.rfind(U'（', run - 1);
  if (open == std::u32string_view::npos || open < floor + 2 || run - 1 - open < 2 ||
      run - 1 - open > 5)
    return {};
  std::u32string_view inner = t.substr(open + 1, run - 2 - open);
  if (places_named(inner).empty()) return {};
  // Before the parenthesis: partner countries (中德) or a division (南宁), Han only.
  const WordList& partners = lexicon("park.partner_prefixes");
  for (std::size_t n = 4; n >= 2; --n) {
    if (open < floor + n) continue;
    std::u32string_view before = t.substr(open - n, n);
    bool han = true;
    for (char32_t c : before) han = han && is_han(c);
    if (!han || (!partners.contains(before) && places_named(before).empty())) continue;
    std::u32string text(before);
    text += U'(';
    text += inner;
    text += U')';
    return {true, open - n, std::move(text)};
  }
  return {};
}

}  // namespace

NameOpening name_opening(std::u32string_view t, std::size_t floor, std::size_t run) {
  if (run == 0 || run <= floor) return {};
  NameOpening o = dash_opening(t, floor, run);
  return o.found ? o : paren_opening(t, floor, run);
}

bool generic_words_close_name(std::u32string_view place) {
  static const WordList& generic = lexicon("park.generic_place");
  static const WordList& industries = lexicon("park.industry");
  static const WordList& light = lexicon("park.light");
  // The tail from `at` to the end is class and industry words only.
  auto words_only = [&](std::size_t at) {
    while (at < place.size()) {
      std::u32string_view w = generic.match_at(place, at);
      std::u32string_view i = industries.match_at(place, at);
      if (w.empty() && i.empty()) return false;
      at += std::max(w.size(), i.size());
    }
    return true;
  };
  if (!light.match_at(place, 0).empty()) return false;
  for (std::size_t split = 2; split < place.size(); ++split) {
    std::u32string_view head = place.substr(0, split);
    if (generic.found_in(head) || industries.found_in(head) ||
        !std::all_of(head.begin(), head.end(), is_han))
      return false;  // (a longer head holds the same class word)
    if (words_only(split)) return true;
  }
  return false;
}

bool national_new_area(std::u32string_view place, const ParkType& type) {
  static const WordList& areas = lexicon("park.national_new_areas");
  return type.canonical == U"新区" && areas.contains(place);
}

bool industry_park_inside(const ParkMention& m) {
  static const WordList& industries = lexicon("park.industry");
  return m.nested && m.own < m.place.size() &&
         industries.contains(std::u32string_view(m.place).substr(m.own));
}

std::set<std::string> named_only_as_openings(
    const std::vector<std::vector<ParkMention>>& mentions,
    const std::function<bool(const ParkMention&)>& accepted) {
  std::map<std::string, std::pair<int, int>> written;  // key → (mentions, openings)
  std::map<std::string, std::u32string> group_of;      // key → its type's synonym class
  std::set<std::u32string> bare_groups;  // 高新区 alone later: the text speaks of the host
  for (const auto& ms : mentions)
    for (std::size_t j = 0; j < ms.size(); ++j) {
      if (ms[j].bare && !ms[j].collective) bare_groups.insert(ms[j].type->group);
      if (ms[j].bare || ms[j].nested) continue;
      group_of[ms[j].key] = ms[j].type->group;
      auto& [all, openings] = written[ms[j].key];
      ++all;
      const bool opens = j + 1 < ms.size() && ms[j + 1].nested &&
                         ms[j + 1].begin == ms[j].begin && accepted(ms[j + 1]);
      openings += opens ? 1 : 0;
    }
  std::set<std::string> keys;
  for (const auto& [key, n] : written)
    if (n.first > 0 && n.first == n.second && bare_groups.count(group_of[key]) == 0)
      keys.insert(key);
  return keys;
}

}  // namespace ptbrief::extract
