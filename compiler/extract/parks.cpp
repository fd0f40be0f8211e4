// parks: park mentions, the article's subject, and clause attribution.
//
// A park mention is [PROVINCE] PLACE [（PAREN）] [国家|国家级|省级] TYPE: 江苏 南通 高新技术产业
// 开发区, 长丰县 （双凤） 经开区, 重庆 两江 新区. The type words come from data/park_types.tsv;
// the place is an administrative division from the gazetteer (南通, 长丰县, 昆山), a name
// written right after one (两江 after 重庆, 稀土 after 包头), or a name the article itself
// establishes (repeated, in its title or headings, or declared with 以下简称). A park named right
// after another park is a park inside it (南通高新区创新创业服务园区). The spellings of one park
// share a key (park_key) and take the name the article uses most.
//
// Attribution works clause by clause. The article's subject park (its title, its declared
// short name, the park it names most) is the default; within a paragraph the last park named
// takes over; a region cue at the start of a clause (全市…, 全省…, 自贡市共有…) makes that clause
// and the rest of its sentence region-wide, but never the next sentence; a cue after the
// subject (占全市的30%, 高于全省平均) is a comparison and changes nothing; lists of parks
// (等开发区, 24家园区) belong to the region the article reports on.
#include "extract/parks.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "extract/lexicon.h"
#include "extract/park_shapes.h"

namespace ptbrief::extract {
namespace {

// The rules' vocabulary: lists of data/lexicon.tsv, each looked up once.
const WordList& generic_place_words() {
  static const auto& w = lexicon("park.generic_place");
  return w;
}
const WordList& light_words() {
  static const auto& w = lexicon("park.light");
  return w;
}
const WordList& actor_words() {
  static const auto& w = lexicon("park.actors");
  return w;
}
const WordList& office_ends() {
  static const auto& w = lexicon("park.office_ends");
  return w;
}
const WordList& bare_references() {
  static const auto& w = lexicon("park.bare_references");
  return w;
}
const WordList& industry_words() {
  static const auto& w = lexicon("park.industry");
  return w;
}
const WordList& not_in_name() {
  static const auto& w = lexicon("park.not_in_name");
  return w;
}
const WordList& instrument_words() {
  static const auto& w = lexicon("park.instruments");
  return w;
}
const WordList& organ_words() {
  static const auto& w = lexicon("park.organs");
  return w;
}
const WordList& media_words() {
  static const auto& w = lexicon("park.media_words");
  return w;
}

const WordList& partner_prefixes() {
  static const auto& w = lexicon("park.partner_prefixes");
  return w;
}
const WordList& former_name_words() {
  static const auto& w = lexicon("park.former_name");
  return w;
}
const WordList& clause_openers() {
  static const auto& w = lexicon("park.clause_openers");
  return w;
}

// Administrative levels written before a park's name (国家级…开发区, 省级…园区).
constexpr std::u32string_view kLevels[] = {U"国家级", U"省级", U"市级", U"县级", U"区级"};

// The start of an administrative level written right before `at` (省级, 国家级, 省级以上,
// 省级及以上), or `at` itself: 9个省级以上开发区 counts parks as 9个开发区 does.
std::size_t level_start(std::u32string_view t, std::size_t at, std::size_t floor) {
  std::size_t k = at;
  for (std::u32string_view w : {U"及以上", U"以上"})
    if (k >= floor + w.size() && ends_with_at(t, k, w)) {
      k -= w.size();
      break;
    }
  for (std::u32string_view w : kLevels)
    if (k >= floor + w.size() && ends_with_at(t, k, w)) return k - w.size();
  return at;
}

// Characters that cannot be part of a place name: they end the place run (走进|南通高新区).
bool is_place_stop(char32_t c) {
  static const std::u32string_view kStops =
      U"的在和与及对向从由把将被为是有到了等于以让使给跟同各全本我该其此这那们个家走取"
      U"达至第即或并";
  return kStops.find(c) != std::u32string_view::npos;
}

// Function characters: never inside a name written after a division (民权县委把…, 嘉兴市以…).
bool is_function_char(char32_t c) {
  return std::u32string_view(U"的在和与及对向从由把将被为是了以让使给跟同该其此这那们").find(c) !=
         std::u32string_view::npos;
}

// Words that make a place run a description of a class, not a name (特色产业园, 千亿产业园).
bool is_generic_place(std::u32string_view place) {
  return generic_place_words().found_in(place) ||
         std::any_of(place.begin(), place.end(), [](char32_t c) { return is_digit(c); });
}

// 南宁国际铁路港, 成都国际陆港: after a division, class words that open the rest of a name
// (国际, 综合 …) are part of it when at least three characters of no class word follow them.
// (国际合作产业园 and 特色产业园 stay classes: nothing, or another class word, follows.)
bool generic_words_open_name(std::u32string_view place) {
  const WordList& generic = generic_place_words();
  std::size_t k = 0;
  for (std::u32string_view w = generic.match_at(place, k); !w.empty(); w = generic.match_at(place, k))
    k += w.size();
  std::u32string_view rest = place.substr(k);
  return k > 0 && rest.size() >= 3 && !is_generic_place(rest) &&
         std::all_of(rest.begin(), rest.end(), is_han);
}

// Last characters of offices and bodies, never of place names: 商务厅, 管委会, 开发区处.
bool is_office_end(char32_t c) {
  return office_ends().contains(std::u32string_view(&c, 1));
}

// Actor words after a region name: 自贡市委、市政府高度重视 is context, not a region-wide fact.
bool is_actor_after(std::u32string_view t, std::size_t at) {
  return !actor_words().match_at(t, at).empty();
}

// Words that open a phrase but never a name: 推动开发区…, 首批高新区, 服务园区 (verbs, counts
// and determiners before a reference to "the park").
bool starts_with_light_word(std::u32string_view s) {
  return !light_words().match_at(s, 0).empty();
}

struct PlaceMatch {
  std::size_t begin = 0;  ///< first character of the place in the text
  bool found = false;
  bool strong = false;  ///< a province, city or county, or a district's full name
  const Place* place = nullptr;
};

// Longest gazetteer entry that ends at `end` and starts at or after `floor`.
PlaceMatch place_ending_at(std::u32string_view t, std::size_t floor, std::size_t end) {
  constexpr std::size_t kLongest = 10;
  PlaceMatch best;
  for (std::size_t b = end >= kLongest && end - kLongest > floor ? end - kLongest : floor;
       b + 2 <= end; ++b) {
    auto places = places_named(t.substr(b, end - b));
    if (places.empty()) continue;
    best.begin = b;
    best.found = true;
    best.place = &places.front();
    for (const auto& p : places) {
      // A district's short form alone (红旗, 新兴, 光明) is too often a common word.
      // So is a district named by one character and 区 (城区, 郊区, 矿区).
      bool weak = (p.is_short() && p.level == PlaceLevel::County && p.full.ends_with("区")) ||
                  (!p.is_short() && p.full.ends_with("区") && p.full.size() <= 6);
      if (!weak) {
        best.strong = true;
        best.place = &p;
        break;
      }
    }
    return best;
  }
  return best;
}

// A division [at, end) written right after a city or province [floor, at) that does not hold
// it: the pair is one name (潍坊 + 滨海, 滨海 being a county of 盐城), not two divisions.
bool foreign_division(std::u32string_view t, std::size_t floor, std::size_t at, std::size_t end) {
  PlaceMatch anchor = place_ending_at(t, floor, at);
  if (!anchor.found || !anchor.strong || anchor.place->level == PlaceLevel::County) return false;
  const Place* outer = anchor.place;
  for (const auto& p : places_named(t.substr(at, end - at)))
    if (p.code == outer->code || p.city == outer->code || p.province == outer->code ||
        (outer->level == PlaceLevel::City && p.province == outer->province &&
         p.level == PlaceLevel::City))
      return false;
  return true;
}

// A province or city [.., at - 1) written before one character and a division [at, end)
// (宁夏 + 太 + 阳山): the character and the division are one name that the gazetteer does not
// know (太阳山), not a division of its own. Returns the province or city, if so.
PlaceMatch province_cut_into_name(std::u32string_view t, std::size_t floor, std::size_t at,
                                  std::size_t end) {
  char32_t c = t[at - 1];
  if (is_function_char(c) || is_place_stop(c) ||
      std::u32string_view(U"省市县区州盟旗").find(c) != std::u32string_view::npos ||
      !places_named(t.substr(at - 1, end - at + 1)).empty())
    return {};
  PlaceMatch anchor = place_ending_at(t, floor, at - 1);
  if (!anchor.found || !anchor.strong ||
      (anchor.place->level != PlaceLevel::Province && anchor.place->level != PlaceLevel::City))
    return {};
  return anchor;
}

bool is_municipality_code(std::uint32_t province) {
  return province == 110000 || province == 120000 || province == 310000 || province == 500000;
}

// A province (not a city) before a type word names a class: 安徽省开发区协会, 江苏省高新区;
// so does a city written in full before 开发区 or 园区: 临江市开发区 (the city's zones; but
// 鹿寨县工业园区 is a park), and a prefecture-level city's 产业园区.
bool names_a_class(const PlaceMatch& m, const ParkType& type) {
  if (!m.found) return false;
  // 梧州市产业园区完成…, 锡林郭勒盟工业园区: a prefecture-level city (or league) written in full
  // before 产业园区 or 工业园区 is its parks as a class (a county-level city's may be one park).
  if ((type.written == U"产业园区" || type.written == U"工业园区") && !m.place->is_short() &&
      (m.place->full.ends_with("市") || m.place->full.ends_with("盟")) &&
      m.place->level == PlaceLevel::City)
    return true;
  if ((type.written == U"开发区" || type.written == U"园区") && !m.place->is_short() &&
      m.place->full.ends_with("市") && m.place->level != PlaceLevel::Province)
    return true;
  if (m.place->level != PlaceLevel::Province || is_municipality_code(m.place->province))
    return false;
  return type.written.find(U"自贸") == std::u32string::npos &&
         type.written.find(U"自由贸易") == std::u32string::npos;
}

// 成都高新综合保税区, 郑州经开综保区: a bonded zone inside a 高新区 or 经开区 is named after the
// city and that zone's abbreviation, which alone would be a class word (高新, 经开).
bool bonded_zone_in_zone(const ParkMention& m) {
  return m.anchored && !m.anchor.empty() && m.type && (m.place == U"高新" || m.place == U"经开") &&
         (m.type->group == U"综保区" || m.type->group == U"保税区" ||
          m.type->group == U"保税港区" || m.type->group == U"出口加工区");
}

// 沭阳、泗阳、泗洪经济开发区, 成都、绵阳、广安经济技术开发区: divisions joined by 、 before
// the place of a park name one type word for all of them; each item is a park of that type.
// Returns the items before `m` (whose place is a division written in full at m.begin), in
// text order; each starts after a boundary (、, punctuation, a function word) and is a whole
// division of the gazetteer, not a district's short form.
std::vector<ParkMention> shared_type_items(std::u32string_view t, std::size_t floor,
                                           const ParkMention& m) {
  std::vector<ParkMention> items;
  if (m.bare || m.nested || m.collective || !m.in_gazetteer || !m.anchor.empty() ||
      !m.paren.empty())
    return items;
  for (std::size_t at = m.begin; at > floor + 2 && t[at - 1] == U'、';) {
    PlaceMatch pm = place_ending_at(t, floor, at - 1);
    if (!pm.found || !pm.strong || pm.begin + 2 > at - 1) break;
    if (pm.begin > floor && is_han(t[pm.begin - 1]) && t[pm.begin - 1] != U'、' &&
        !is_place_stop(t[pm.begin - 1]))
      break;  // (the item is the end of a longer word)
    ParkMention item = m;
    item.begin = pm.begin;
    item.end = at - 1;
    item.place = t.substr(pm.begin, at - 1 - pm.begin);
    item.shared_type = true;
    items.insert(items.begin(), std::move(item));
    at = pm.begin;
  }
  return items;
}

}  // namespace

std::vector<ParkMention> find_park_mentions(std::u32string_view t) {
  std::vector<ParkMention> out;
  std::size_t floor = 0;                       // where the previous mention ended
  std::size_t prev_named = std::string::npos;  // index in `out` of the previous named mention
  const FirstChars& type_firsts = park_type_firsts();
  for (std::size_t i = 0; i < t.size();) {
    const ParkType* ty = type_firsts.may_start(t[i]) ? match_park_type(t, i) : nullptr;
    if (!ty) {
      ++i;
      continue;
    }
    if (std::size_t after = i + ty->written.size();
        after < t.size() && (t[after] == U'区' || t[after] == U'域') && !ty->written.ends_with(U'区')) {
      // 西安市新城区 is a district, 投资区域 a field: the type word is part of a longer word.
      ++i;
      continue;
    }
    ParkMention m;
    m.type = ty;
    m.end = i + ty->written.size();
    std::size_t k = i;
    for (std::u32string_view w : {U"国家级", U"国家", U"省级"})
      if (ends_with_at(t, k, w) && k - w.size() >= floor) {
        k -= w.size();
        break;
      }
    if (k > floor && t[k - 1] == U'）') {
      std::size_t open = t.rfind(U'（', k - 1);
      if (open != std::u32string_view::npos && open >= floor && k - 1 - open <= 6 &&
          k - 1 - open >= 1) {
        m.paren = t.substr(open + 1, k - 2 - open);
        k = open;
      }
    }
    // The Han run before the type word, up to 10 characters, stopped by function words.
    // Divisions are looked up in the whole run (和田, 武进 hold function characters).
    std::size_t han = k;
    while (han > floor && k - han < 10 && is_han(t[han - 1])) --han;
    // 国家级宜宾临港经济技术开发区, 省级南溪经济开发区: a level before the name is no part of it.
    for (std::size_t j = k; j > han; --j)
      if (t[j - 1] == U'级' && std::any_of(std::begin(kLevels), std::end(kLevels),
                                             [&](std::u32string_view w) {
                                               return ends_with_at(t, j, w) && j - w.size() >= han;
                                             })) {
        han = j;
        break;
      }
    // 省级以上开发区, 省级及以上园区: a level and 以上 before the type word leave no name.
    if (level_start(t, k, han) < k) han = k;
    std::size_t run = k;
    while (run > han && !is_place_stop(t[run - 1])) --run;
    PlaceMatch pm = place_ending_at(t, han, k);
    if (!pm.found && k - han >= 3 &&
        (t[k - 1] == U'县' || t[k - 1] == U'市' || t[k - 1] == U'区' || t[k - 1] == U'旗')) {
      // 金坛县经开区: a former county, or a short form with its marker: still a division.
      pm = place_ending_at(t, han, k - 1);
      pm.strong = pm.found;
    }
    std::size_t b = k;
    bool nested = prev_named != std::string::npos && run == floor && floor == out[prev_named].end &&
                  k - run >= 2 && !pm.found && !starts_with_light_word(t.substr(run, k - run)) &&
                  !is_actor_after(t, run) && !not_in_name().found_in(t.substr(run, k - run));
    // 中国—东盟数字贸易产业园, 中德（常州）创新产业园: a partner written with a dash, or a
    // division in parentheses after the partners or a city, opens a name that is no division.
    const NameOpening opening =
        !nested && run == han && k - han >= 2 ? name_opening(t, floor, han) : NameOpening{};
    // 中韩（盐城）产业园: the partners, then the host city in parentheses before the type word.
    const bool partners_paren = !nested && run == han && !m.paren.empty() &&
                                !places_named(m.paren).empty() &&
                                partner_prefixes().contains(t.substr(han, k - han));
    if (nested) {
      // 南通高新区 + 创新创业服务 + 园区: a park inside the park just named.
      const ParkMention& parent = out[prev_named];
      b = parent.begin;
      m.place = std::u32string(t.substr(parent.begin, k - parent.begin));
      m.own = parent.end - parent.begin;
      m.nested = true;
      m.in_gazetteer = parent.in_gazetteer;
    } else if (opening.found) {
      // (The run after the opening is the name, whatever its words: 数字贸易, 创新.)
      b = opening.begin;
      m.place = t.substr(han, k - han);
      m.anchor = opening.text;
      m.anchored = m.opened = true;
    } else if (partners_paren) {
      b = han;
      m.place = t.substr(han, k - han);
      m.opened = true;
    } else if (pm.found && !pm.strong && pm.begin >= han + 2 &&
               place_ending_at(t, han, pm.begin).strong) {
      // 泰兴城区工业园区: a weak division after a real one is part of the park's name.
      PlaceMatch anchor = place_ending_at(t, han, pm.begin);
      b = anchor.begin;
      m.place = t.substr(pm.begin, k - pm.begin);
      m.anchored = true;
      std::u32string_view written = t.substr(anchor.begin, pm.begin - anchor.begin);
      m.anchor = anchor.place->is_short() || written.ends_with(U"县")
                     ? std::u32string(written)
                     : to_u32(short_key(*anchor.place));
      // 湖北东西湖经开区, 重庆璧山高新区: a province (or municipality) before a district of its
      // own is no part of the name (东西湖经开区), as 宁夏 before 贺兰工业园区 is not.
      if (anchor.place->level == PlaceLevel::Province)
        for (const auto& p : places_named(m.place))
          if (p.province == anchor.place->code) {
            m.prefix_anchor = true;
            break;
          }
    } else if (pm.found && pm.strong && pm.begin >= han + 2 &&
               foreign_division(t, han, pm.begin, k)) {
      // 潍坊滨海经济技术开发区: 滨海 is a county elsewhere (盐城); after 潍坊 it is the name of
      // 潍坊's zone, not that county.
      PlaceMatch anchor = place_ending_at(t, han, pm.begin);
      b = anchor.begin;
      m.place = t.substr(pm.begin, k - pm.begin);
      m.anchored = true;
      m.anchor = to_u32(short_key(*anchor.place));
    } else if (const PlaceMatch cut = pm.found && pm.begin >= han + 3 && pm.begin + 2 <= k
                                          ? province_cut_into_name(t, han, pm.begin, k)
                                          : PlaceMatch{};
               cut.found) {
      // 宁夏太阳山开发区: a province or city, one character, then a county's short form (阳山):
      // the character belongs to the name (太阳山), the prefix is no part of it.
      b = pm.begin - 1;
      m.place = t.substr(b, k - b);
      m.in_gazetteer = true;
    } else if (pm.found && pm.begin + 2 <= k &&
               !(pm.place->is_short() &&
                 is_generic_place(t.substr(std::max(run, pm.begin >= 2 ? pm.begin - 2 : 0),
                                           k - std::max(run, pm.begin >= 2 ? pm.begin - 2 : 0))))) {
      // (合作 is a city too, but 国际合作产业园 is a class of parks. Only the words right before
      // the place count: 擦亮党建底色佳木斯高新区, a headline run into a caption, is a park.)
      b = pm.begin;
      m.place = t.substr(b, k - b);
      if (names_a_class(pm, *ty)) m.collective = true;
      m.in_gazetteer = pm.strong;
      m.weak_place = !pm.strong;
      // 中马钦州产业园区: the partner countries before the city open the park's name.
      for (std::size_t n = 3; n >= 2; --n)
        if (pm.begin >= han + n && pm.begin - n >= run &&
            partner_prefixes().contains(t.substr(pm.begin - n, n))) {
          m.anchor = t.substr(pm.begin - n, n);
          b = pm.begin - n;
          break;
        }
    } else {
      // Not a division: a name after one (重庆|两江新区) or the run's tail (decided later by
      // frequency over the article, see resolve_parks).
      std::size_t tail_begin = run;
      PlaceMatch anchor;
      // (Not across a function character: 福清市今年将在|元洪投资区 is no anchor.)
      // (Nor across a count or an ordinal: 江西首个内陆口岸综保区 is no name.)
      for (std::size_t j = k >= 2 ? k - 2 : 0;
           j >= han + 2 && j + 6 >= k && !is_function_char(t[j]) && !is_function_char(t[j + 1]) &&
           t[j] != U'个' && t[j] != U'第' && t[j + 1] != U'个';
           --j) {
        anchor = place_ending_at(t, han, j);
        // (南宁国际…: 宁国 is a city too, but it starts inside 南宁, which ends before 际.)
        if (anchor.found && anchor.begin > han && anchor.begin + 1 < j &&
            place_ending_at(t, han, anchor.begin + 1).found &&
            place_ending_at(t, han, anchor.begin + 1).begin < anchor.begin) {
          anchor.found = false;
          continue;
        }
        // A generic type word needs a real division before it (上海漕河泾开发区); a district's
        // short form will do before a specific one (南康家具产业园).
        if (anchor.found && (anchor.strong || !ty->generic)) {
          tail_begin = j;
          break;
        }
        anchor.found = false;
      }
      std::u32string_view tail = t.substr(tail_begin, k - tail_begin);
      bool name_like = std::none_of(tail.begin(), tail.end(), is_function_char) &&
                       !starts_with_light_word(tail) && !is_actor_after(tail, 0);
      if (k - tail_begin >= 2 && name_like) {
        b = tail_begin;
        m.place = tail;
        m.bounded = tail_begin == run && run > 0 && run > floor &&
                    (!is_han(t[run - 1]) || is_function_char(t[run - 1]));
        if (anchor.found) {  // 江西赣江新区: a name, though 江西 alone before 新区 would be a class
          m.anchored = true;
          b = anchor.begin;
          std::u32string_view written = t.substr(anchor.begin, tail_begin - anchor.begin);
          // 赣州市南康区家具产业园 → 南康家具产业园: the nearest division, in its short form.
          m.anchor = anchor.place->is_short() || written.ends_with(U"县")
                         ? std::u32string(written)
                         : to_u32(short_key(*anchor.place));
        }
      }
    }
    // No name, or a description of a class (特色产业园, 千亿级产业园区): a bare reference when
    // the type word can stand for the park (园区, 高新区), else nothing.
    // An industry alone before the type word (在新材料产业园、高端装备产业园…) names a kind of
    // park; after a division it is a name (南康家具产业园). Organs and verbs are never names
    // (分别成立产业园党委).
    bool industry_only = !m.in_gazetteer && !m.nested && !m.anchored &&
                         (industry_words().found_in(m.place) || not_in_name().found_in(m.place));
    // 湖北日报园区周刊, 扫码关注某某发布开发区频道: a paper's, site's or channel's section,
    // not a park, even after a division.
    if (!m.nested && media_words().found_in(m.place)) {
      i = m.end;
      floor = m.end;
      continue;
    }
    // 仁怀化工产业园: an industry written right after a city or county names the park, though
    // the word alone is a class (全省化工园区).
    bool named_industry = m.anchored && !m.anchor.empty() && industry_words().found_in(m.place) &&
                          std::none_of(m.place.begin(), m.place.end(), is_digit) &&
                          m.place.size() <= 4;
    if (m.anchored && named_industry) {
      auto anchors = places_named(m.anchor);
      named_industry = !anchors.empty() && std::none_of(anchors.begin(), anchors.end(),
                                                        [](const Place& p) {
                                                          return p.level == PlaceLevel::Province;
                                                        });
    }
    const bool no_name =
        m.place.size() < 2 || industry_only ||
        (!m.in_gazetteer && !m.nested && !m.opened && !named_industry && !bonded_zone_in_zone(m) &&
         !(m.anchored && !m.anchor.empty() &&
           (generic_words_open_name(m.place) || generic_words_close_name(m.place))) &&
         (is_generic_place(m.place) || is_office_end(m.place.back())));
    // 海南生态软件园: a class word after a division, before a kind that alone is no park,
    // may be the park's name; resolve_parks keeps it only if the article repeats it.
    m.class_named = no_name && !ty->bare && !industry_only && m.anchored && !m.anchor.empty() &&
                    m.place.size() >= 2 && m.place.size() <= 4 && !is_office_end(m.place.back()) &&
                    std::none_of(m.place.begin(), m.place.end(), [](char32_t c) { return is_digit(c); });
    if (no_name && !m.class_named) {
      if (!ty->bare) {
        i = m.end;
        floor = m.end;
        continue;
      }
      m.place.clear();
      m.paren.clear();
      m.bare = true;
      m.anchored = m.in_gazetteer = m.weak_place = false;
      b = i;
    }
    if (m.collective) {
      m.place.clear();
      m.paren.clear();
      m.bare = true;
      m.anchored = m.in_gazetteer = m.weak_place = false;
    } else if (m.bare) {
      // 长丰、叶集等开发区, 各园区, 全省开发区, 24家园区: many parks, not the one of the text.
      std::size_t q = level_start(t, b, floor);
      if (q >= 2 && (ends_with_at(t, q, U"全省") || ends_with_at(t, q, U"全市") ||
                     ends_with_at(t, q, U"多个") || ends_with_at(t, q, U"所有") ||
                     ends_with_at(t, q, U"各类")))
        m.collective = true;
      if (q >= 1 && (t[q - 1] == U'等' || t[q - 1] == U'各' || t[q - 1] == U'、'))
        m.collective = true;
      if (q >= 2 && (t[q - 1] == U'家' || t[q - 1] == U'个') &&
          (is_digit(t[q - 2]) || t[q - 2] == U'余'))
        m.collective = true;
    }
    // 6家国际合作产业园: a counted class, not a name.
    bool counted = b >= 2 && (t[b - 1] == U'家' || t[b - 1] == U'个' || t[b - 1] == U'类') &&
                   (is_digit(t[b - 2]) || t[b - 2] == U'等');
    if (counted && !m.bare) {
      m.place.clear();
      m.paren.clear();
      m.bare = m.collective = true;
      m.anchored = m.in_gazetteer = m.weak_place = false;
    }
    // 中国（黑龙江）自由贸易试验区哈尔滨片区: the free trade zone's area of a city is the park
    // (哈尔滨自贸片区), not the province's zone.
    if (ty->group == U"自贸区") {
      static const ParkType* area = match_park_type(U"自贸片区", 0);
      for (std::size_t n = 4; area && n >= 2; --n) {
        std::size_t at = m.end;
        if (at + n + 2 > t.size() || !starts_with_at(t, at + n, U"片区")) continue;
        std::u32string_view name = t.substr(at, n);
        auto places = places_named(name);
        if (places.empty()) continue;
        m.place = std::u32string(name);
        m.type = area;
        m.end = at + n + 2;
        m.paren.clear();
        m.anchor.clear();
        m.in_gazetteer = true;
        m.bare = m.collective = m.anchored = m.weak_place = m.nested = false;
        break;
      }
    }
    m.begin = b;
    const bool named = !m.bare;
    for (auto& item : shared_type_items(t, floor, m)) out.push_back(std::move(item));
    i = floor = m.end;
    out.push_back(std::move(m));
    if (named) prev_named = out.size() - 1;
  }
  return out;
}

namespace {

std::u32string name_part(const ParkMention& m) {
  std::u32string place = m.place;
  // 南通市高新区 → 南通高新区: a city's marker is dropped (its short form is the name).
  if (!m.nested && place.size() >= 3 && place.back() == U'市') place.pop_back();
  if (!m.paren.empty()) place += U"(" + m.paren + U")";
  return place;
}

}  // namespace

std::string canonical_park_name(const ParkMention& m) {
  return to_utf8((m.prefix_anchor ? std::u32string() : m.anchor) + name_part(m) +
                 (m.type ? m.type->canonical : U""));
}

std::string park_key(const ParkMention& m) {
  std::u32string place = name_part(m);
  // 长丰县(双凤)经开区 ~ 长丰(双凤)经开区: one park, whether its county marker is written.
  if (!m.nested && place.size() >= 3) {
    std::size_t county = place.find(U'县');
    if (county != std::u32string::npos && county >= 2 && county + 1 < place.size() + 1)
      place.erase(county, 1);
  }
  // 南宁(深圳)东盟产业合作区 is not 中国—东盟产业合作区: a host city in parentheses tells
  // parks apart (a dash opening does not: 中国—东盟X and 东盟X are one park).
  if (m.opened && !m.anchor.empty() && m.anchor.back() == U')') place = m.anchor + place;
  return to_utf8(place + (m.type ? m.type->group : U""));
}

const std::string& ArticleParks::subject_at(std::size_t s, std::size_t at) const {
  if (s >= clauses.size() || clauses[s].empty()) return names.front();
  const auto& cs = clauses[s];
  for (const auto& c : cs)
    if (at >= c.begin && at < c.end) return names.at(c.name);
  return names.at(cs.back().name);
}

bool ArticleParks::is_region(const std::string& name) const {
  return std::find(regions.begin(), regions.end(), name) != regions.end();
}

}  // namespace ptbrief::extract

namespace ptbrief::extract {
namespace {

// Character positions inside quotation marks or book-title marks (cues there are names).
// Reported speech (a quotation holding clause marks) is not a name: cues in it count.
std::vector<bool> quoted_positions(std::u32string_view t) {
  std::vector<bool> q(t.size() + 1, false);
  for (std::size_t i = 0; i < t.size(); ++i) {
    char32_t c = t[i];
    if (!is_open_quote(c) && c != U'《') continue;
    std::size_t e = i + 1;
    while (e < t.size() && !is_close_quote(t[e]) && t[e] != U'》' && !is_open_quote(t[e])) ++e;
    if (e >= t.size()) continue;
    std::u32string_view inner = t.substr(i + 1, e - i - 1);
    if (inner.find_first_of(U"，。；！？") != std::u32string_view::npos) continue;
    for (std::size_t k = i; k <= e; ++k) q[k] = true;
    i = e;
  }
  return q;
}

// Declared short names: …（以下简称“昌吉高新区”） / （以下简称大庆高新区）. Returns the declared
// name and the character index of the opening parenthesis.
std::vector<std::pair<std::u32string, std::size_t>> declared_aliases(std::u32string_view t) {
  std::vector<std::pair<std::u32string, std::size_t>> out;
  // 以下简称, 简称, 以下称, 下称: all end in 称.
  for (std::size_t p = t.find(U'称'); p != std::u32string_view::npos; p = t.find(U'称', p + 1)) {
    if (p == 0 || (t[p - 1] != U'简' && t[p - 1] != U'下')) continue;
    std::size_t open = t.rfind(U'（', p);
    if (open == std::u32string_view::npos) continue;
    // （原吉安经济开发区，2010年升级为国家级开发区，以下简称“…”）: the declaration may close a
    // parenthesis that says more, after a comma.
    if (p - open > 4) {
      std::size_t w = p - 1;  // first character of 以下简称 / 简称 / 以下称 / 下称
      for (std::u32string_view word : {U"以下简称", U"以下称", U"简称", U"下称"})
        if (ends_with_at(t, p + 1, word)) {
          w = p + 1 - word.size();
          break;
        }
      if (p - open > 60 || w == 0 || (t[w - 1] != U'，' && t[w - 1] != U'；') ||
          t.substr(open, p - open).find(U'）') != std::u32string_view::npos)
        continue;
    }
    std::size_t b = p + 1;
    if (b < t.size() && (t[b] == U'：' || t[b] == U'为')) ++b;
    if (b < t.size() && is_open_quote(t[b])) ++b;
    std::size_t e = b;
    while (e < t.size() && e - b < 20 && !is_close_quote(t[e]) && t[e] != U'）' && t[e] != U'，')
      ++e;
    if (e > b && e < t.size()) out.emplace_back(std::u32string(t.substr(b, e - b)), open);
  }
  return out;
}

// Company names (…有限公司, …公司, …集团): used to carry a park to sentences about the company.
std::vector<std::u32string> find_companies(std::u32string_view t) {
  std::vector<std::u32string> out;
  for (std::u32string_view suffix : {U"有限公司", U"公司", U"集团"}) {
    for (std::size_t p = t.find(suffix); p != std::u32string_view::npos;
         p = t.find(suffix, p + suffix.size())) {
      if (suffix != U"有限公司" && ends_with_at(t, p, U"有限")) continue;
      std::size_t b = p;
      while (b > 0 && p - b < 12 && is_han(t[b - 1]) && t[b - 1] != U'在' && t[b - 1] != U'的' &&
             t[b - 1] != U'和' && t[b - 1] != U'与')
        --b;
      if (p - b >= 4) out.emplace_back(t.substr(b, p + suffix.size() - b));
    }
  }
  return out;
}

// A region named in full (安徽省, 自贡市, 长丰县, 昌吉州): the longest gazetteer entry ending
// at a division suffix character.
struct RegionMention {
  std::size_t begin = 0, end = 0;
  const Place* place = nullptr;
};

// 区 ends too many words (园区, 高新区) to look each up: of the 区 divisions only 自治区 is
// taken as a region subject.
const FirstChars kDivisionSuffixes = [] {
  FirstChars f;
  for (std::u32string_view c : {U"省", U"市", U"县", U"州", U"盟", U"旗", U"区"}) f.add(c);
  return f;
}();

bool is_division_suffix(std::u32string_view t, std::size_t i) {
  char32_t c = t[i];
  return kDivisionSuffixes.may_start(c) && (c != U'区' || ends_with_at(t, i, U"自治"));
}

std::vector<RegionMention> find_region_mentions(std::u32string_view t) {
  std::vector<RegionMention> out;
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (!is_division_suffix(t, i)) continue;
    std::size_t end = i + 1;
    for (std::size_t b = end >= 10 ? end - 10 : 0; b + 2 <= end; ++b) {
      if (!is_han(t[b])) continue;
      auto places = places_named(t.substr(b, end - b));
      const Place* hit = nullptr;
      for (const auto& p : places) {
        bool informal = (p.key.ends_with("州") && p.full.ends_with("自治州")) ||
                        (p.key.ends_with("县") && p.full.ends_with("自治县"));
        if (!p.is_short() || informal) {
          hit = &p;
          break;
        }
      }
      if (!hit) continue;
      out.push_back({b, end, hit});
      break;
    }
  }
  return out;
}

// Words that may open a clause before its subject: 其中，全市…; 截至目前，园区….
std::size_t skip_clause_openers(std::u32string_view t, std::size_t b, std::size_t e) {
  const WordList& openers = clause_openers();
  for (std::u32string_view w = openers.match_at(t, b); !w.empty() && b + w.size() < e;
       w = openers.match_at(t, b))
    b += w.size();
  return b;
}

// 南宁市晋江福源食品有限公司党支部…: a city's name that begins a company's is no region cue.
bool opens_company_name(std::u32string_view t, std::size_t at, std::size_t end) {
  for (std::size_t k = at; k < end && k - at < 24 && is_han(t[k]); ++k)
    if (starts_with_at(t, k, U"公司") || starts_with_at(t, k, U"集团")) return true;
  return false;
}

// 兵团第六师五家渠市: a division of the Production and Construction Corps and the city it
// governs as one body (师市合一) name one region, the city. Returns where the city's name
// starts, or `at` when no 第…师 opens there.
std::size_t skip_corps_division(std::u32string_view t, std::size_t at, std::size_t end) {
  std::size_t k = at;
  for (std::u32string_view w : {U"新疆生产建设兵团", U"兵团"})
    if (starts_with_at(t, k, w)) {
      k += w.size();
      break;
    }
  if (k >= end || t[k] != U'第') return at;
  std::size_t n = k + 1;
  while (n < end && n - k <= 3 && std::u32string_view(U"一二三四五六七八九十").find(t[n]) !=
                                       std::u32string_view::npos)
    ++n;
  if (n == k + 1 || n >= end || t[n] != U'师') return at;
  return n + 1;
}

// The text before `at` ends with a figure: a number and at most a four-character unit (31个,
// 2.6亿元, 12个百分点), not a date (1至9月).
bool ends_with_figure(std::u32string_view t, std::size_t floor, std::size_t at) {
  for (std::size_t k = at; k > floor && at - k <= 4; --k) {
    char32_t c = t[k - 1];
    if (is_digit(c)) return k < at;
    if (c == U'%') return true;
    if (c == U'月' || c == U'日' || c == U'年' || !is_han(c)) return false;
  }
  return false;
}

enum class Cue { None, Province, City, County, Zone };

// A region cue that opens a clause: 全市共有…, 我省…, 全区 (the zone the article is about).
Cue cue_at(std::u32string_view t, std::size_t p) {
  struct Word {
    std::u32string_view text;
    Cue cue;
  };
  static constexpr Word kCues[] = {
      {U"全市", Cue::City},     {U"我市", Cue::City},     {U"本市", Cue::City},
      {U"全省", Cue::Province}, {U"我省", Cue::Province}, {U"本省", Cue::Province},
      {U"全区", Cue::Zone},     {U"我区", Cue::Zone},     {U"本区", Cue::Zone},
      {U"全县", Cue::County},   {U"我县", Cue::County},   {U"本县", Cue::County},
      {U"全州", Cue::City},     {U"全师", Cue::City},  // 师市合一: the corps division is the city
  };
  if (p >= t.size() || (t[p] != U'全' && t[p] != U'我' && t[p] != U'本')) return Cue::None;
  for (const auto& w : kCues)
    if (starts_with_at(t, p, w.text) && !is_actor_after(t, p + w.text.size()) &&
        !(w.text == U"全师" && starts_with_at(t, p + 2, U"生")))  // 全师生: teachers and students
      return w.cue;
  return Cue::None;
}

std::string full_name(const Place* p) {
  return p ? std::string(p->full) : std::string();
}

}  // namespace

ArticleParks resolve_parks(const std::vector<TextView>& views, const std::vector<bool>& headings,
                           const std::vector<bool>& body, const TextView& title,
                           const std::vector<SentenceRange>& sentences, const TextView* origin) {
  ArticleParks ap;
  std::vector<std::vector<ParkMention>> mentions(views.size());
  for (std::size_t i = 0; i < views.size(); ++i) mentions[i] = find_park_mentions(views[i].norm);
  auto title_mentions = find_park_mentions(title.norm);
  auto each_mention = [&](auto&& fn) {
    for (auto& ms : mentions)
      for (auto& m : ms) fn(m);
    for (auto& m : title_mentions) fn(m);
  };

  // 1. Names that are not divisions: which tail of the run is the name — the longest tail
  //    (≥ 2 characters) seen at least twice and in at least half the mentions sharing its last
  //    two characters (走进两江新区 and 两江新区始终… → 两江).
  std::map<std::u32string, int> tails;
  each_mention([&](ParkMention& m) {
    if (m.bare || m.in_gazetteer || m.weak_place || m.nested || m.opened) return;
    for (std::size_t n = 2; n <= m.place.size(); ++n) tails[m.place.substr(m.place.size() - n)]++;
  });
  each_mention([&](ParkMention& m) {
    if (m.bare || m.in_gazetteer || m.weak_place || m.nested || m.opened || m.class_named) return;
    std::size_t best = 2;
    int base = tails[m.place.substr(m.place.size() - 2)];
    // 在湄洲湾投资区 written once: a short run that starts after a function word is the name
    // as it stands; nothing in the article says where else it would begin.
    if (base == 1 && m.bounded && m.place.size() <= 4) {
      bool light = false;  // (首批 in 国首批高新区 is still a light word)
      for (std::size_t n = 2; n < m.place.size(); ++n)
        light = light || starts_with_light_word(std::u32string_view(m.place).substr(n - 1));
      if (!light) best = m.place.size();
    }
    // 龙岩白鹭湾综保区 written once: after a division the whole run up to
    // the type word is the name (no repeated shorter tail says otherwise), unless a verb or
    // other light word sits inside it (重庆市大力推进两江新区).
    // (观山湖区金栗特色食品产业园: a longer run when class words close a name of its own.)
    if (base == 1 && m.anchored && !m.anchor.empty() &&
        (m.place.size() <= 5 || (m.place.size() <= 8 && generic_words_close_name(m.place)))) {
      bool light = false;
      for (std::size_t n = 1; n + 1 < m.place.size(); ++n)
        light = light || starts_with_light_word(std::u32string_view(m.place).substr(n));
      if (!light) best = m.place.size();
    }
    for (std::size_t n = 3; n <= m.place.size() && n <= 6; ++n) {
      int c = tails[m.place.substr(m.place.size() - n)];
      if (c >= 2 && 2 * c >= base) best = n;
    }
    // 钦州港经济技术开发区 written once: no tail may cut into the city that opens the name
    // (州港).
    if (best < m.place.size() && m.place.size() <= 6)
      for (std::size_t d = m.place.size() - 1; d > m.place.size() - best && d >= 2; --d) {
        auto places = places_named(std::u32string_view(m.place).substr(0, d));
        if (std::any_of(places.begin(), places.end(), [](const Place& p) {
              return p.level == PlaceLevel::Province || p.level == PlaceLevel::City;
            })) {
          best = m.place.size();
          break;
        }
      }
    // (沿途感受枢纽港产业园 written once: nothing says where the name begins; two characters
    // cut from a longer run are a guess, a park only if the article repeats them.)
    m.guessed = base == 1 && best == 2 && m.place.size() > 2;
    m.begin += m.place.size() - best;
    m.place = m.place.substr(m.place.size() - best);
    // (仁怀化工产业园: an industry after a city stays a name, see find_park_mentions.)
    if (starts_with_light_word(m.place) ||
        (is_generic_place(m.place) && !bonded_zone_in_zone(m) &&
         !(m.anchored && !m.anchor.empty() &&
           (industry_words().found_in(m.place) || generic_words_open_name(m.place) ||
            generic_words_close_name(m.place))))) {
      // 全国首批高新区: no name after all, a reference to "the park" (or to none).
      m.place.clear();
      m.bare = m.type->bare;
      m.begin = m.end - m.type->written.size();
    }
  });

  each_mention([&](ParkMention& m) {
    m.canonical = canonical_park_name(m);
    m.key = park_key(m);
  });

  // 2. Evidence for each spelling: how often, and whether the title, a heading, the lead or a
  //    declaration (以下简称) names it.
  std::map<std::string, int> counts;
  std::set<std::string> prominent;  // in the title, a heading or the first body paragraph
  std::set<std::string> headed;     // in the title or a heading
  std::map<std::string, std::string> declared;  // canonical of the full form → declared name
  std::map<std::string, const Place*> place_of;
  std::size_t lead = views.size();
  for (std::size_t i = 0; i < views.size(); ++i)
    if (body[i]) {
      lead = i;
      break;
    }
  for (std::size_t i = 0; i < views.size(); ++i) {
    for (const auto& m : mentions[i]) {
      if (m.bare) continue;
      std::string c = m.canonical;
      counts[c]++;
      if (headings[i] || i == lead) prominent.insert(c);
      if (headings[i]) headed.insert(c);
    }
    for (const auto& [name, open] : declared_aliases(views[i].norm)) {
      for (const auto& m : mentions[i]) {
        if (m.bare || m.end != open) continue;
        auto short_mentions = find_park_mentions(name);
        bool park_like = short_mentions.size() == 1 && !short_mentions[0].bare &&
                         short_mentions[0].end == name.size();
        std::string short_name = park_like ? canonical_park_name(short_mentions[0]) : m.canonical;
        // 山西转型综合改革示范区晋中开发区（以下简称“综改区晋中开发区”): the abbreviation of the
        // zone that holds the park is part of the declared name; a division before it is not
        // (以下简称“江苏南通高新区” is 南通高新区).
        if (park_like && short_mentions[0].begin > 0) {
          std::u32string_view prefix = std::u32string_view(name).substr(0, short_mentions[0].begin);
          if (prefix.size() >= 2 && std::all_of(prefix.begin(), prefix.end(), is_han) &&
              std::none_of(prefix.begin(), prefix.end(), is_function_char) &&
              places_named(prefix).empty() && !starts_with_light_word(prefix) &&
              !place_ending_at(prefix, 0, prefix.size()).found)
            short_name = to_utf8(prefix) + short_name;
        }
        declared[m.canonical] = short_name;
      }
    }
  }
  for (const auto& m : title_mentions)
    if (!m.bare) {
      prominent.insert(m.canonical);
      headed.insert(m.canonical);
      counts[m.canonical]++;
    }
  for (const auto& [full, name] : declared) prominent.insert(name);
  std::map<std::string, int> key_counts;  // mentions of each park, whatever the spelling
  each_mention([&](ParkMention& m) {
    if (!m.bare) key_counts[m.key]++;
  });
  std::map<std::string, int> body_key_counts;  // the same in body paragraphs only
  for (std::size_t i = 0; i < views.size(); ++i)
    if (body[i] && !headings[i])
      for (const auto& m : mentions[i])
        if (!m.bare) body_key_counts[m.key]++;
  std::set<std::string> anchored;  // keys of parks written after a division somewhere
  each_mention([&](ParkMention& m) {
    if (m.anchored && !m.bare) anchored.insert(m.key);
  });

  std::set<std::u32string> specific_places;  // places of parks named with a specific kind
  // Keys of names listed with 、 next to a park whose place is a division (昆明经济技术开发区、
  // 滇中新区、红河综合保税区): an item of a list of parks is a park.
  std::set<std::string> listed;
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto& ms = mentions[i];
    const auto& t = views[i].norm;
    for (std::size_t j = 0; j + 1 < ms.size(); ++j) {
      const ParkMention& a = ms[j];
      const ParkMention& b = ms[j + 1];
      if (a.bare || b.bare || a.end + 1 != b.begin || t[a.end] != U'、') continue;
      if (a.in_gazetteer && !a.type->generic) listed.insert(b.key);
      if (b.in_gazetteer && !b.type->generic) listed.insert(a.key);
    }
    // 城东工业园区、湟中工业园区、海湖工业园区投资分别增长…: three or more names of parks joined
    // by 、, at least two of one type word, are a list of parks, each of them.
    for (std::size_t j = 0; j < ms.size();) {
      std::size_t e = j + 1, same = 1;
      while (e < ms.size() && !ms[e - 1].bare && !ms[e].bare &&
             ms[e - 1].end + 1 == ms[e].begin && t[ms[e - 1].end] == U'、') {
        same += ms[e].type == ms[j].type;
        ++e;
      }
      if (e - j >= 3 && same >= 2 && !ms[j].bare)
        for (std::size_t x = j; x < e; ++x)
          if (!ms[x].nested && !ms[x].collective) listed.insert(ms[x].key);
      j = e;
    }
    // 在元洪投资区等园区推广…, 与A、B等开发区共建…: the items before 等 and a word for many
    // parks are parks, each of them.
    for (std::size_t j = 0; j + 1 < ms.size(); ++j) {
      const ParkMention& c = ms[j + 1];
      if (ms[j].bare || !c.collective || c.begin != ms[j].end + 1 || t[ms[j].end] != U'等')
        continue;
      for (std::size_t a = j + 1; a-- > 0;) {
        const ParkMention& x = ms[a];
        if (x.bare || x.weak_place) break;
        listed.insert(x.key);
        if (a == 0 || ms[a - 1].end + 1 != x.begin || t[ms[a - 1].end] != U'、') break;
      }
    }
  }
  // A park inside a park named once in full and again by its own name alone (佳木斯高新区农机
  // 装备产业园 … 在农机装备产业园，…): the own name establishes it like a repetition does.
  std::set<std::string> own_repeated;
  std::map<std::u32string, bool> own_seen_twice;  // each own name is looked for once (and at
                                                  // most 64 per article): one scan per name
  each_mention([&](ParkMention& m) {
    if (!m.nested || m.own + 2 > m.place.size() || own_repeated.count(m.canonical)) return;
    std::u32string own = m.place.substr(m.own) + m.type->written;
    auto memo = own_seen_twice.find(own);
    if (memo == own_seen_twice.end()) {
      if (own_seen_twice.size() >= 64) return;
      int seen = 0;
      auto count_in = [&](std::u32string_view t) {
        for (std::size_t p = t.find(own); p != std::u32string_view::npos && seen < 2;
             p = t.find(own, p + own.size()))
          ++seen;
      };
      count_in(title.norm);
      for (std::size_t i = 0; i < views.size() && seen < 2; ++i) count_in(views[i].norm);
      memo = own_seen_twice.emplace(own, seen >= 2).first;
    }
    if (memo->second) own_repeated.insert(m.canonical);
  });
  // 同时，古雷港经济开发区党工委打造…: a name written once, from its first character (after
  // punctuation or a function word), before a specific kind and the park's own organ is a
  // park's (落实园区党工委…: a generic kind after a verb is not).
  std::set<std::string> organ_named;
  for (std::size_t i = 0; i < views.size(); ++i)
    for (const auto& m : mentions[i])
      if (!m.bare && m.bounded && !m.collective && !m.type->generic &&
          !organ_words().match_at(views[i].norm, m.end).empty())
        organ_named.insert(m.canonical);
  // A mention names a park when its place is a division, when it sits inside a known park,
  // or when the article establishes the name (repeated and prominent, or declared).
  auto accepted = [&](const ParkMention& m) {
    if (m.bare || m.place.empty()) return false;
    std::string c = m.canonical;
    if (declared.count(c)) return true;
    int n = counts[c];
    if (m.nested)  // 昌吉高新区锚定建设千亿产业园区 is a goal, not a park inside the park
      return (n >= 2 || prominent.count(c) || own_repeated.count(c) || industry_park_inside(m)) &&
             std::none_of(m.place.begin(), m.place.end(),
                          [](char32_t ch) { return is_digit(ch) || ch == U'亿' || ch == U'万'; });
    if (m.in_gazetteer || m.opened || national_new_area(m.place, *m.type)) return true;
    if (m.guessed && n < 2) return false;
    // (海南生态软件园: a class word after a division names a park only when repeated.)
    if (m.class_named) return n >= 2;
    // (海港新城 in a headline is a phrase: a district's short form before a generic type word
    // must be repeated.)
    // (城东工业园区、湟中工业园区、海湖工业园区: an item of a list of parks is one, once.)
    // (青山湖高新技术产业园区 once: a district's short form of three characters or more is
    // no common word, so before a specific kind it names the park.)
    if (m.weak_place)
      return m.type->generic ? body_key_counts[m.key] >= 2 || listed.count(m.key) > 0
                             : n >= 2 || prominent.count(c) > 0 || m.place.size() >= 3;
    // 服务园区, 抓实园区: before a word that alone means "the park", a name that is not a
    // division needs one to stand before it somewhere (重庆两江新区).
    // A name written after a division must still be established: repeated or prominent
    // (鹿寨县立足园区 once is a verb phrase; 江西赣江新区 … 赣江新区 is a park).
    bool established =
        key_counts[m.key] >= 2 || prominent.count(c) > 0 || organ_named.count(c) > 0;
    // 惠州大亚湾经济技术开发区 … 大亚湾开发区: the generic word for a park the article names
    // with a specific kind is its short name. A name the article repeats three times before a
    // generic word is established without a division (滇中新区).
    if (m.type->generic)
      return (anchored.count(m.key) > 0 && established) || specific_places.count(m.place) > 0 ||
             body_key_counts[m.key] >= 3 || listed.count(m.key) > 0;
    // A specific kind written after a division names a park even once (在泉州台商投资区, 潍坊
    // 滨海经济技术开发区管委会).
    // An item of a list of parks is one too (与钦州港经济技术开发区、钦州保税港区开展…).
    return n >= 2 || prominent.count(c) || m.anchored || (anchored.count(m.key) && established) ||
           listed.count(m.key) > 0 || organ_named.count(c) > 0;
  };
  each_mention([&](ParkMention& m) {
    if (!m.type->generic && !m.nested && accepted(m)) specific_places.insert(m.place);
  });

  // 3. One name per park: the spellings of one park (包头稀土高新区, 稀土高新区; 长丰县(双凤)
  //    经开区, 长丰(双凤)经开区) share a key; the name is the declared short name, else the
  //    spelling the article uses most (the longer on a tie).
  std::map<std::string, std::string> entity;  // canonical spelling → park name
  // (兰州新区 only in 兰州新区化工园区: the zone around a park named inside it is no park.)
  const std::set<std::string> openings_only = named_only_as_openings(mentions, accepted);
  {
    std::map<std::string, int> spelled;
    std::map<std::string, std::string> key_of;
    each_mention([&](ParkMention& m) {
      if (!accepted(m) || openings_only.count(m.key) > 0) return;
      std::string c = m.canonical;
      spelled[c] = counts[c];
      key_of[c] = m.key;
    });
    // 昆山经济技术开发区 … 昆山开发区: with one more specific kind of the same place in the
    // article, X开发区 is its short name.
    std::map<std::string, std::vector<std::string>> specific;  // place → keys of specific kinds
    for (const auto& [c, key] : key_of)
      for (std::string_view kind : {"经开区", "高新区"})
        if (key.ends_with(kind)) {
          auto& v = specific[key.substr(0, key.size() - kind.size())];
          if (std::find(v.begin(), v.end(), key) == v.end()) v.push_back(key);
        }
    for (auto& [c, key] : key_of)
      if (key.ends_with("开发区") && !key.ends_with("经开区")) {
        auto it = specific.find(key.substr(0, key.size() - std::string_view("开发区").size()));
        if (it != specific.end() && it->second.size() == 1) key = it->second.front();
      }
    std::map<std::string, std::vector<std::string>> groups;
    for (const auto& [c, n] : spelled) groups[key_of[c]].push_back(c);
    for (const auto& [key, members] : groups) {
      std::string best = members.front();
      for (const auto& c : members)
        if (spelled[c] > spelled[best] ||
            (spelled[c] == spelled[best] && to_u32(c).size() > to_u32(best).size()))
          best = c;
      for (const auto& c : members) {
        auto d = declared.find(c);
        if (d != declared.end()) best = d->second;
      }
      // 仪征市刘集工业集中区 … 刘集工业集中区 (again and again): the name without the division
      // before it is how the article abbreviates the park, so it is the park's short name.
      // (藏青工业园 as a digest item's heading, 拉萨市藏青工业园 in its text: the heading's
      // spelling is the abbreviation too.)
      for (const auto& c : members)
        if (c != best && best.ends_with(c) && (spelled[c] >= 2 || headed.count(c) > 0))
          best = c;
      for (const auto& c : members) entity[c] = best;
      entity[best] = best;
    }
    for (const auto& [full, name] : declared)
      entity[full] = entity.count(name) ? entity[name] : name;
    // 井冈山经济技术开发区（原吉安经济开发区…）: a former name is the renamed park's alias.
    for (std::size_t i = 0; i < views.size(); ++i) {
      const auto& ms = mentions[i];
      const auto& t = views[i].norm;
      for (std::size_t j = 0; j + 1 < ms.size(); ++j) {
        const ParkMention& now = ms[j];
        if (now.bare || t.size() <= now.end || t[now.end] != U'（') continue;
        std::u32string_view w = former_name_words().match_at(t, now.end + 1);
        std::size_t j2 = j + 1;
        while (j2 < ms.size() && ms[j2].bare) ++j2;
        if (w.empty() || j2 >= ms.size() || ms[j2].begin != now.end + 1 + w.size()) continue;
        auto cur = entity.find(now.canonical);
        auto old_it = entity.find(ms[j2].canonical);
        if (cur == entity.end() || old_it == entity.end() || cur->second == old_it->second) continue;
        const std::string from = old_it->second, to = cur->second;
        for (auto& [spelling, name] : entity)
          if (name == from) name = to;
      }
      // 大连保税区更名为大连综合保税区: the old name, then the new one.
      for (std::size_t j = 0; j + 1 < ms.size(); ++j) {
        const ParkMention& before = ms[j];
        const ParkMention& after = ms[j + 1];
        if (before.bare || after.bare) continue;
        std::size_t gap = after.begin - before.end;
        if (after.begin < before.end || gap > 5) continue;
        std::u32string_view between = std::u32string_view(t).substr(before.end, gap);
        if (between != U"更名为" && between != U"正式更名为" && between != U"改名为" &&
            between != U"更名" && between != U"整合更名为")
          continue;
        auto old_it = entity.find(before.canonical);
        auto cur = entity.find(after.canonical);
        if (cur == entity.end() || old_it == entity.end() || cur->second == old_it->second) continue;
        const std::string from = old_it->second, to = cur->second;
        for (auto& [spelling, name] : entity)
          if (name == from) name = to;
      }
    }
  }
  std::unordered_map<const ParkMention*, std::string> known_cache;  // asked once per clause
  auto known = [&](const ParkMention& m) -> const std::string& {
    auto [slot, fresh] = known_cache.try_emplace(&m);
    if (fresh && accepted(m) && openings_only.count(m.key) == 0) {
      auto it = entity.find(m.canonical);
      slot->second = it == entity.end() ? m.canonical : it->second;
    }
    return slot->second;
  };
  std::map<std::string, int> known_counts;
  for (std::size_t i = 0; i < views.size(); ++i)
    for (const auto& m : mentions[i])
      if (auto k = known(m); !k.empty()) {
        std::string spelled = normalize_name(views[i].text(m.begin, m.end));
        auto& list = ap.parks[k];
        if (spelled != k && !m.shared_type &&
            std::find(list.begin(), list.end(), spelled) == list.end())
          list.push_back(spelled);
        known_counts[k] += 1 + (i == lead);
        if (m.in_gazetteer && !m.nested && !place_of.count(k)) {
          std::size_t pb = m.begin + m.anchor.size();  // (中马 of 中马钦州产业园区)
          auto pm = place_ending_at(views[i].norm, pb, pb + m.place.size());
          // (太阳山开发区: a division inside the name is not the park's place.)
          if (pm.found && pm.begin == pb) place_of[k] = pm.place;
        }
        // 重庆永川高新区: a district's short form after the city or municipality that holds it
        // is the park's place.
        if (m.anchored && !m.nested && !m.anchor.empty() && !place_of.count(k)) {
          auto outer = places_named(m.anchor);
          for (const auto& p : places_named(m.place)) {
            bool inside = std::any_of(outer.begin(), outer.end(), [&](const Place& o) {
              return o.level != PlaceLevel::County && (p.city == o.code || p.province == o.code);
            });
            if (inside) {
              place_of[k] = place_by_code(p.code);
              break;
            }
          }
        }
      }

  for (const auto& m : title_mentions)
    if (auto k = known(m); !k.empty()) ap.parks[k];

  // 4. The article's subject: the park its title names, else the one it declares, else the
  //    one it names most (the lead counts twice).
  std::string title_park;
  for (const auto& m : title_mentions)
    if (auto k = known(m); !k.empty() && title_park.empty()) title_park = k;
  for (const auto& [name, n] : known_counts)
    if (ap.main_park.empty() || n > known_counts[ap.main_park]) ap.main_park = name;
  if (!title_park.empty()) ap.main_park = title_park;

  // A page whose header names a park as its source (信息来源：杜集经济开发区) and whose text
  // names none but says 开发区, 园区 … is that park's own page.
  if (ap.main_park.empty() && origin) {
    int bare_refs = 0;
    each_mention([&](ParkMention& m) { bare_refs += m.bare && !m.collective; });
    auto from = find_park_mentions(origin->norm);
    if (bare_refs >= 2 && from.size() == 1 && !from[0].bare && !from[0].collective &&
        from[0].place.size() >= 2 && !starts_with_light_word(from[0].place)) {
      ap.main_park = canonical_park_name(from[0]);
      ap.parks[ap.main_park];
      known_counts[ap.main_park] = bare_refs;
      auto pm = place_ending_at(origin->norm, from[0].begin, from[0].begin + from[0].place.size());
      if (pm.found && pm.begin == from[0].begin) place_of[ap.main_park] = pm.place;
    }
  }
  // A page that only ever says 高新区 (a park's own paper or site: 来源：太仓新闻网) is about
  // the park of the first city or county it names.
  if (ap.main_park.empty()) {
    std::map<const ParkType*, int> bare_types;
    each_mention([&](ParkMention& m) {
      if (m.bare && !m.collective && !m.type->generic) bare_types[m.type]++;
    });
    const ParkType* type = nullptr;
    for (const auto& [ty, n] : bare_types)
      if (n >= 2 && (!type || n > bare_types[type])) type = ty;
    const Place* place = nullptr;
    std::vector<const TextView*> opening{&title};
    if (origin) opening.push_back(origin);  // the paper or site of the file's header
    for (std::size_t i = 0; i < views.size() && i < 4; ++i) opening.push_back(&views[i]);
    for (const TextView* v : opening) {
      const auto& t = v->norm;
      for (std::size_t b = 0; type && !place && b + 2 <= t.size(); ++b)
        for (std::size_t n = 4; n >= 2 && !place; --n) {
          if (b + n > t.size() || !is_han(t[b])) continue;
          for (const auto& p : places_named(t.substr(b, n)))
            if (p.level != PlaceLevel::Province &&
                !(p.is_short() && p.level == PlaceLevel::County && p.full.ends_with("区"))) {
              place = place_by_code(p.code);
              break;
            }
        }
      if (place) break;
    }
    if (type && place) {
      std::string stem =
          place->full.ends_with("县") ? std::string(place->full) : std::string(short_key(*place));
      ap.main_park = stem + to_utf8(type->canonical);
      ap.parks[ap.main_park];
      place_of[ap.main_park] = place;
      known_counts[ap.main_park] = bare_types[type];
    }
  }

  // 5. Regions: named in full (安徽省, 自贡市, 长丰县), or those of the main park's place.
  std::vector<std::vector<RegionMention>> regions(views.size());
  std::map<std::uint32_t, int> region_counts;
  for (std::size_t i = 0; i < views.size(); ++i) {
    regions[i] = find_region_mentions(views[i].norm);
    for (const auto& r : regions[i]) region_counts[r.place->code]++;
  }
  auto title_regions = find_region_mentions(title.norm);
  if (title_regions.empty()) {
    // Headlines use short forms: 自贡非公党建…, 助推安徽开发区…
    const auto& t = title.norm;
    for (std::size_t b = 0; b + 2 <= t.size(); ++b)
      for (std::size_t n = 4; n >= 2; --n) {
        if (b + n > t.size()) continue;
        auto places = places_named(t.substr(b, n));
        auto it = std::find_if(places.begin(), places.end(), [](const Place& p) {
          return p.level == PlaceLevel::Province || p.level == PlaceLevel::City;
        });
        if (it != places.end()) {
          title_regions.push_back({b, b + n, place_by_code(it->code)});
          b += n - 1;
          break;
        }
      }
  }
  auto most_frequent = [&](PlaceLevel level) -> const Place* {
    const Place* best = nullptr;
    int n = 0;
    for (const auto& [code, c] : region_counts) {
      const Place* p = place_by_code(code);
      if (p && p->level == level && c > n) best = p, n = c;
    }
    return best;
  };
  const Place* home =
      ap.main_park.empty() || !place_of.count(ap.main_park) ? nullptr : place_of[ap.main_park];
  const Place* province =
      home ? place_by_code(home->province) : most_frequent(PlaceLevel::Province);
  const Place* city = home
                          ? (home->level == PlaceLevel::Province ? home : place_by_code(home->city))
                          : most_frequent(PlaceLevel::City);
  const Place* county = home && home->level == PlaceLevel::County
                            ? place_by_code(home->code)
                            : most_frequent(PlaceLevel::County);
  if (!city && county) city = place_by_code(county->city);
  if (!province && city) province = place_by_code(city->province);
  // 重庆璧山高新区 … 全市: a district of a municipality has no prefecture; 全市 is the
  // municipality.
  if (!city && province && province->is_municipality()) city = province;
  // 全市 in an article about a county-level city (昆山, 临江市) is that city — unless the
  // headline names the prefecture-level city that holds it (宣城：… about 宁国开发区 and others).
  bool title_names_city = false;
  for (const auto& r : title_regions)
    if (county && r.place->level == PlaceLevel::City && r.place->code == county->city)
      title_names_city = true;
  if (county && county->full.ends_with("市") && !title_names_city &&
      ((home && home->code == county->code) ||
       (!home && region_counts[county->code] >= 1 &&
        (!city || region_counts[county->code] >= region_counts[city->code]))))
    city = county;
  ap.province = full_name(province);
  ap.city = full_name(city);
  ap.county = full_name(county);

  // The most specific division the headline names (广西玉林… → 玉林市).
  std::string title_region;
  const Place* title_place = nullptr;
  auto rank = [](PlaceLevel l) {
    return l == PlaceLevel::County ? 3 : l == PlaceLevel::City ? 2 : 1;
  };
  for (const auto& r : title_regions)
    if (!title_place || rank(r.place->level) > rank(title_place->level)) title_place = r.place;
  if (title_place) title_region = full_name(title_place);
  ap.default_name = !title_park.empty()                             ? title_park
                    : !title_region.empty() && ap.main_park.empty() ? title_region
                    : !ap.main_park.empty()                         ? ap.main_park
                    : !title_region.empty()                         ? title_region
                                            : (city ? ap.city : ap.province);
  if (!title_region.empty() && title_park.empty() && !ap.main_park.empty()) {
    // A report on a region that also names parks (全省开发区…): the region is the subject
    // unless a park dominates the article.
    const Place* tr = title_place;
    // A park named once in full and then only by its kind (佳木斯高新区 … 高新区党工委 … 高新区
    // 推行…: an e-paper page) dominates through those references too, when no other park of
    // the article is of that kind.
    const ParkType* main_type = nullptr;
    bool kind_shared = false;
    each_mention([&](ParkMention& m) {
      if (m.bare || m.type->generic) return;
      const std::string& k = known(m);
      if (k.empty()) return;
      if (k == ap.main_park && !main_type) main_type = m.type;
    });
    each_mention([&](ParkMention& m) {
      if (m.bare || m.type->generic || !main_type) return;
      const std::string& k = known(m);
      if (!k.empty() && k != ap.main_park && m.type->group == main_type->group) kind_shared = true;
    });
    int references = known_counts[ap.main_park];
    if (main_type && !kind_shared)
      each_mention([&](ParkMention& m) {
        if (m.bare && !m.collective && m.type->group == main_type->group) ++references;
      });
    // (A municipality in the headline — a site's name, 天津市…网站 — is a city there: a park
    // the article names again and again still dominates it.)
    bool region_report =
        (tr->level == PlaceLevel::Province && !tr->is_municipality()) || references < 3;
    if (region_report) ap.default_name = title_region;
  }

  if (!ap.default_name.empty() && !ap.parks.count(ap.default_name))
    ap.regions.push_back(ap.default_name);

  // A park inside a park is also called by the end of its own name: 株洲高新区创新创业服务
  // 园区 → 服务园区, 创业服务园区.
  std::map<std::u32string, std::string> nested_refs;
  // …and by its whole own name (和林格尔新区大数据产业园 … 大数据产业园党委…), a mention that
  // on its own would be no known park.
  std::map<std::u32string, std::string> nested_own;
  each_mention([&](ParkMention& m) {
    if (!m.nested) return;
    std::string k = known(m);
    if (k.empty()) return;
    std::u32string own = m.place.substr(std::min(m.place.size(), m.own));
    for (std::size_t n = 2; n <= 4 && n < own.size(); ++n)
      nested_refs.emplace(own.substr(own.size() - n) + m.type->written, k);
    if (own.size() >= 2) nested_own.emplace(own + m.type->written, k);
  });
  auto nested_ref_at = [&](std::u32string_view t, const ParkMention& m) -> const std::string* {
    for (std::size_t n = 4; n >= 2; --n) {
      if (m.begin < n) continue;
      auto it = nested_refs.find(std::u32string(t.substr(m.begin - n, n + m.type->written.size())));
      if (it != nested_refs.end()) return &it->second;
    }
    return nullptr;
  };

  // 6. Companies located in a park: named in a paragraph that names exactly one park.
  std::map<std::u32string, std::string> company_park;
  for (std::size_t i = 0; i < views.size(); ++i) {
    std::set<std::string> named;
    for (const auto& m : mentions[i])
      if (auto k = known(m); !k.empty()) named.insert(k);
    if (named.size() != 1) continue;
    for (auto& c : find_companies(views[i].norm)) company_park.emplace(c, *named.begin());
  }

  // 7. Clause by clause. Subjects are pointers to names that live as long as this function
  // (known_cache, ap, kept); each clause stores an index into ap.names.
  std::set<std::string> kept;  // names made here (regions in full), node-stable
  auto keep = [&](std::string name) -> const std::string* {
    return &*kept.insert(std::move(name)).first;
  };
  static const std::string kNone;  // names[0]
  const std::string* const none = &kNone;
  std::unordered_map<const std::string*, std::uint32_t> name_index{{none, 0}};
  auto index_of = [&](const std::string* name) {
    auto [it, fresh] = name_index.try_emplace(name, 0);
    if (fresh) {
      auto same = std::find(ap.names.begin(), ap.names.end(), *name);
      it->second = static_cast<std::uint32_t>(same - ap.names.begin());
      if (same == ap.names.end()) ap.names.push_back(*name);
    }
    return it->second;
  };
  auto note_region = [&](const std::string* name) {
    if (!name->empty() && !ap.is_region(*name)) ap.regions.push_back(*name);
  };
  auto cue_subject = [&](Cue cue) -> const std::string* {
    switch (cue) {
      case Cue::Province:
        return &ap.province;
      case Cue::City:
        return &ap.city;
      case Cue::County:
        return ap.county.empty() ? &ap.city : &ap.county;
      case Cue::Zone:
        return !ap.main_park.empty() ? &ap.main_park : &ap.county;
      case Cue::None:
        break;
    }
    return none;
  };
  // 宁国开发区、广德经开区、郎溪经开区规上工业产值分别增长12.4%、15.1%、9.6%: a list of as
  // many known parks as values after 分别 gives each value its own park, in order.
  auto split_respectively = [&](std::u32string_view t, std::size_t cb, std::size_t ce,
                                std::vector<ParkMention>::const_iterator first,
                                const std::vector<ParkMention>& ms, auto& out) {
    std::size_t fb = t.substr(cb, ce - cb).find(U"分别");
    if (fb == std::u32string_view::npos) return false;
    fb += cb;
    std::vector<const std::string*> listed_parks;
    std::size_t last_end = 0;
    for (auto mi = first; mi != ms.end() && mi->begin < fb; ++mi) {
      const std::string& k = known(*mi);
      if (k.empty()) continue;
      // Items joined by 、 和 与 及, nothing else between them.
      if (!listed_parks.empty() &&
          !(mi->begin == last_end + 1 && std::u32string_view(U"、和与及").find(t[last_end]) !=
                                             std::u32string_view::npos))
        return false;
      listed_parks.push_back(&k);
      last_end = mi->end;
    }
    if (listed_parks.size() < 2) return false;
    // The values: the text after 分别 split at 、 (and a final 和).
    std::vector<std::size_t> cuts;  // positions of the separators
    for (std::size_t p = fb + 2; p < ce; ++p)
      if (t[p] == U'、' || (t[p] == U'和' && p > 0 && is_digit(t[p - 1]))) cuts.push_back(p);
    if (cuts.size() + 1 != listed_parks.size()) return false;
    std::size_t b = cb;
    for (std::size_t k = 0; k < listed_parks.size(); ++k) {
      std::size_t e = k < cuts.size() ? cuts[k] + 1 : ce;
      out.push_back({b, e, index_of(listed_parks[k])});
      b = e;
    }
    return true;
  };
  ap.clauses.assign(sentences.size(), {});
  ap.partners.assign(sentences.size(), {});
  const std::string* section = &ap.default_name;
  const std::string* paragraph = section;    // subject of clauses that name nothing
  const std::string* paragraph_park = none;  // the park 园区/高新区 refer to here
  bool paragraph_named = false;              // the paragraph has had an explicit subject
  std::size_t current_block = static_cast<std::size_t>(-1);
  std::vector<bool> quoted;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const auto& sr = sentences[s];
    const auto& t = views[sr.block].norm;
    const auto& ms = mentions[sr.block];  // in text order
    if (sr.block != current_block) {
      current_block = sr.block;
      if (headings[sr.block]) {
        const std::string* first = ms.empty() || ms[0].begin > 1 ? none : &known(ms[0]);
        section = !first->empty() ? first : &ap.default_name;
      }
      paragraph = section;
      // In a report on a region, 园区 and 开发区 mean parks in general, not one park.
      paragraph_park = ap.parks.count(*section) && !ap.is_region(*section) ? section
                       : ap.is_region(ap.default_name)                     ? none
                                                                           : &ap.main_park;
      paragraph_named = false;
      quoted = quoted_positions(t);
    }
    auto& out = ap.clauses[s];
    if (!body[sr.block] && !headings[sr.block]) {
      out.push_back({sr.begin, sr.end, index_of(section)});
      continue;
    }
    const std::string* carried = nullptr;  // the subject of the previous clause of this sentence
    bool carried_region = false;           // …set by a region cue or a list of many parks
    const ParkType* carried_type = nullptr;  // …whose parks it named with this type word
    int depth = 0;
    for (std::size_t cb = sr.begin; cb < sr.end;) {
      std::size_t ce = cb;
      for (; ce < sr.end; ++ce) {
        char32_t c = t[ce];
        if (c == U'（') ++depth;
        if (c == U'）' && depth > 0) --depth;
        if (depth == 0 && !quoted[ce] &&
            (c == U'，' || c == U'；' || c == U'：' || c == U'。' || c == U'！' || c == U'？')) {
          ++ce;
          break;
        }
        // 营口高新区企业党组织31个、鞍山高新区企业党组织21个: after a figure, an item of a
        // 、 list that opens with another park is that park's clause.
        if (depth == 0 && c == U'、' && !quoted[ce] && ends_with_figure(t, cb, ce)) {
          auto at = std::lower_bound(
              ms.begin(), ms.end(), ce + 1,
              [](const ParkMention& m, std::size_t pos) { return m.begin < pos; });
          if (at != ms.end() && at->begin == ce + 1 && !at->bare && !known(*at).empty()) {
            ++ce;
            break;
          }
        }
      }
      const std::string* subject = none;
      bool bare = false, collective = false, region_cue = false, unnamed = false,
           named_park = false, bare_specific = false, list_item = false;
      const ParkType* bare_type = nullptr;        // the first bare type word of the clause
      const ParkType* collective_type = nullptr;  // the first type word for many parks
      auto first =
          std::lower_bound(ms.begin(), ms.end(), cb,
                           [](const ParkMention& m, std::size_t at) { return m.begin < at; });
      std::size_t partner_end = std::string::npos;  // end of the last partner park
      std::size_t means_end = std::string::npos;    // end of the last park after 依托…
      for (auto mi = first; mi != ms.end() && mi->begin < ce; ++mi) {
        const ParkMention& m = *mi;
        if (quoted[m.begin]) continue;
        // 该综保区（含A园区）实现…: a part named in a parenthesis is no subject of the clause.
        if ((m.begin >= 2 && t[m.begin - 1] == U'含' && t[m.begin - 2] == U'（') ||
            (m.begin >= 3 && ends_with_at(t, m.begin, U"（包括")))
          continue;
        // 园区与钦州港经济技术开发区、钦州保税港区开展党建联建: parks after 与/同 (and the items
        // listed with them) are partners, not the clause's subject.
        if (m.begin > cb && !known(m).empty() &&
            (t[m.begin - 1] == U'与' || t[m.begin - 1] == U'同' ||
             (partner_end != std::string::npos && m.begin == partner_end + 1 &&
              t[partner_end] == U'、'))) {
          partner_end = m.end;
          std::uint32_t idx = index_of(&known(m));
          auto& ps = ap.partners[s];
          if (std::find(ps.begin(), ps.end(), idx) == ps.end()) ps.push_back(idx);
          continue;
        }
        // 依托A、B、C等“园中园”，建成…: parks after an instrument word (and the items listed
        // with them) are the clause's means, not its subject.
        if (m.begin > cb && !known(m).empty() &&
            (instrument_words().ends_at(t, m.begin) ||
             (means_end != std::string::npos && m.begin == means_end + 1 &&
              t[means_end] == U'、'))) {
          means_end = m.end;
          continue;
        }
        if (const auto& k = known(m); !k.empty()) {
          subject = &k;
          // (A、B、C…: an item of a list of parks is this clause's subject, not the
          // paragraph's: 各园区中，A、B、C分别增长…，大项目…占该区投资83.4%.)
          list_item = m.end < t.size() && t[m.end] == U'、' && std::next(mi) != ms.end() &&
                      std::next(mi)->begin == m.end + 1;
          // 衢州智造新城新材料产业园是…: the park inside the park, written from the same
          // first character, is the subject, not the outer park.
          for (auto ni = std::next(mi); ni != ms.end() && ni->begin == m.begin; ++ni)
            if (ni->nested && !known(*ni).empty()) subject = &known(*ni);
          paragraph_named = named_park = true;
          break;
        }
        if (const std::string* n = nested_refs.empty() ? nullptr : nested_ref_at(t, m)) {
          subject = n;
          break;
        }
        // (The mention may have kept only the end of the own name: 数据产业园.)
        const std::string* own_of = nullptr;
        for (const auto& [own, k] : nested_own)
          if (!m.bare && m.end >= own.size() && m.end - own.size() >= cb &&
              m.end - own.size() <= m.begin && ends_with_at(t, m.end, own))
            own_of = &k;
        if (own_of) {
          subject = own_of;
          paragraph_named = named_park = true;
          break;
        }
        if (m.collective) {
          collective = collective || !bare;
          if (!collective_type) collective_type = m.type;
        } else {
          bare = bare || (m.type->bare && !collective);
          bare_specific = bare_specific || (m.type->bare && !m.type->generic);
          if (m.type->bare && !bare_type) bare_type = m.type;
        }
      }
      // Partners after the subject (营口高新区与鞍山高新区…) are noted for the sentence too.
      for (auto mi = first; mi != ms.end() && mi->begin < ce; ++mi) {
        const ParkMention& m = *mi;
        if (m.begin <= cb || quoted[m.begin] || known(m).empty() ||
            !(t[m.begin - 1] == U'与' || t[m.begin - 1] == U'同'))
          continue;
        std::uint32_t idx = index_of(&known(m));
        auto& ps = ap.partners[s];
        if (std::find(ps.begin(), ps.end(), idx) == ps.end()) ps.push_back(idx);
      }
      if (subject->empty()) {
        std::size_t p = skip_clause_openers(t, cb, ce);
        // 昆山全市…, 德阳全市…: a division's short form before the cue names it.
        const Place* named_region = nullptr;
        for (std::size_t n = 4; n >= 2 && !named_region; --n) {
          if (p + n + 2 > ce || cue_at(t, p + n) == Cue::None) continue;
          for (const auto& pl : places_named(t.substr(p, n)))
            if (pl.level != PlaceLevel::County || pl.full.ends_with("市") ||
                pl.full.ends_with("县")) {
              named_region = place_by_code(pl.code);
              break;
            }
          if (named_region) p += n;
        }
        if (named_region) {
          subject = keep(full_name(named_region));
          note_region(subject);
          region_cue = true;
        } else if (Cue cue = cue_at(t, p); cue != Cue::None) {
          subject = cue_subject(cue);
          // 全市 of a city the gazetteer cannot name: the clause is still not the park's.
          if (cue != Cue::Zone) note_region(subject), region_cue = true, unnamed = subject->empty();
        } else {
          std::size_t q = skip_corps_division(t, starts_with_at(t, p, U"在") ? p + 1 : p, ce);
          for (const auto& r : regions[sr.block])
            if (r.begin == q && !is_actor_after(t, r.end) && !quoted[r.begin] &&
                !opens_company_name(t, r.begin, ce)) {
              subject = keep(full_name(r.place));
              note_region(subject);
              region_cue = true;
              break;
            }
        }
      }
      std::u32string_view clause = std::u32string_view(t).substr(cb, ce - cb);
      if (subject->empty() && !bare && !unnamed && bare_references().found_in(clause)) bare = true;
      // 全省开发区已建立…，开发区党组织覆盖率达到91%: after a clause about the region's parks,
      // a bare 开发区/园区 in the same sentence still means them.
      // The plain word 园区 means the parks of any kind just counted (全市5个工业园区共有…，
      // 园区非公企业党组织覆盖率…; 全市9个开发区…，建成园区党群服务中心11个).
      if (subject->empty() && bare && !bare_specific && carried && carried_region &&
          !carried->empty() && bare_type && carried_type &&
          (bare_type == carried_type || bare_type->written == U"园区"))
        subject = carried;
      if (subject->empty() && bare && !unnamed && !paragraph_park->empty()) {
        subject = paragraph_park;
        if (!paragraph_named) paragraph = subject;
        paragraph_named = true;
      }
      if (subject->empty() && collective && !unnamed) {
        // Many parks at once: the region the article reports on, if it is about one.
        std::size_t at = cb;
        for (auto mi = first; mi != ms.end() && mi->begin < ce; ++mi)
          if (mi->collective) at = mi->begin;
        std::u32string_view before = std::u32string_view(t).substr(cb, at - cb);
        // 占全省开发区…的15.8%: a comparison, the subject is elsewhere.
        bool compared = before.find(U'占') != std::u32string_view::npos ||
                        before.find(U"高于") != std::u32string_view::npos ||
                        before.find(U"低于") != std::u32string_view::npos;
        subject = compared                                            ? none
                  : before.find(U"全市") != std::u32string_view::npos ? &ap.city
                  : before.find(U"全省") != std::u32string_view::npos ? &ap.province
                  : ap.is_region(ap.default_name) || ap.parks.count(ap.default_name) == 0
                      ? &ap.default_name
                      : none;
        if (!subject->empty() && *subject != ap.main_park) note_region(subject);
      }
      // A company known to be in a park (only clauses naming a company can name one).
      if (subject->empty() && !unnamed && !company_park.empty() &&
          (clause.find(U"公司") != std::u32string_view::npos ||
           clause.find(U"集团") != std::u32string_view::npos))
        for (const auto& [company, park] : company_park)
          if (clause.find(company) != std::u32string_view::npos) {
            subject = &park;
            break;
          }
      bool inherited = false;  // the clause names nothing and continues the previous one
      if (subject->empty() && !unnamed) {
        unnamed = carried && carried->empty();
        inherited = carried && !bare && !collective;
        subject = carried ? carried : paragraph;
      }
      if (named_park && !list_item) paragraph = paragraph_park = subject;
      // A paragraph whose first explicit subject is a region (紧扣…，我市聚焦…) is about it.
      if (region_cue && !paragraph_named && !subject->empty()) paragraph = subject;
      if (region_cue) paragraph_named = true;
      // A clause that names nothing (…，党员3180名，) keeps the region and its parks' type
      // for the rest of the sentence.
      if (!inherited || !carried_region) {
        carried_region = (region_cue || (collective && !named_park)) && ap.is_region(*subject);
        carried_type = carried_region ? collective_type : nullptr;
      }
      carried = subject;
      if (!split_respectively(t, cb, ce, first, ms, out)) out.push_back({cb, ce, index_of(subject)});
      cb = ce;
    }
  }
  // 楚雄彝族自治州 written 楚雄州 (全州…): an autonomous prefecture is named the short way
  // the article writes it, when it never writes the full name.
  {
    std::map<std::string, std::string> short_of;
    auto consider = [&](const std::string& full) {
      if (!full.ends_with("自治州") || short_of.count(full)) return;
      auto places = places_named(full);
      if (places.empty()) return;
      std::u32string f = to_u32(full);
      for (std::size_t n = 1; n + 3 < f.size(); ++n) {
        std::u32string cand = f.substr(0, n) + U"州";
        bool same = false;
        for (const auto& pl : places_named(to_utf8(cand))) same = same || pl.code == places.front().code;
        if (!same) continue;
        bool written_short = false, written_full = false;
        for (const auto& v : views) {
          written_short = written_short || v.norm.find(cand) != std::u32string::npos;
          written_full = written_full || v.norm.find(f) != std::u32string::npos;
        }
        if (written_short && !written_full) short_of[full] = to_utf8(cand);
        return;
      }
    };
    for (const auto& n : ap.names) consider(n);
    for (const auto& n : ap.regions) consider(n);
    if (!short_of.empty()) {
      auto rename = [&](std::string& n) {
        auto it = short_of.find(n);
        if (it != short_of.end()) n = it->second;
      };
      for (auto& n : ap.names) rename(n);
      for (auto& n : ap.regions) rename(n);
      rename(ap.city), rename(ap.county), rename(ap.default_name);
      for (const auto& [full, shortened] : short_of) {
        auto node = ap.parks.extract(full);
        if (!node.empty()) {
          node.key() = shortened;
          ap.parks.insert(std::move(node));
        }
      }
    }
  }
  // Every attributed name is listed (regions too, so a figure's park always resolves).
  for (const auto& name : ap.names)
    if (!name.empty() && !ap.parks.count(name)) {
      ap.parks[name];
      if (!ap.is_region(name) && name != ap.main_park) ap.regions.push_back(name);
    }
  return ap;
}

}  // namespace ptbrief::extract
