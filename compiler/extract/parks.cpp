// parks: park mentions, alias resolution and sentence attribution.
//
// A park mention is PLACE [（PAREN）] [国家|省级] TYPE, e.g. 昌吉 国家 高新技术产业开发区,
// 长丰县 （双凤） 经开区. The place is the run of Han characters before the type word, cut at
// function words; which tail of that run is the name is decided by frequency over the article
// (南通 in 走进南通高新区 and 南通高新区始终…). Attribution then walks the article in order:
// section headings that name a park open that park's section; within a paragraph a sentence
// is attributed by (1) the one park it names, (2) a city/province cue (全市, 全省, 省商务厅),
// (3) a bare reference (高新区, 园区) to the section's or article's park, (4) a company known
// to be in a park, else (5) the previous sentence.
#include "extract/parks.h"

#include <algorithm>
#include <set>

namespace ptbrief::extract {
namespace {

struct TypeWord {
  std::u32string_view text;
  std::u32string_view short_form;
  bool named;  ///< can carry a place name (开发区 and 园区 alone are only bare references)
};

constexpr TypeWord kTypes[] = {
    {U"高新技术产业开发区", U"高新区", true}, {U"高新技术开发区", U"高新区", true},
    {U"高新技术产业园区", U"高新区", true},   {U"经济技术开发区", U"经开区", true},
    {U"经济开发区", U"经开区", true},         {U"高新区", U"高新区", true},
    {U"经开区", U"经开区", true},             {U"工业园区", U"工业园区", true},
    {U"产业园区", U"产业园", true},           {U"产业园", U"产业园", true},
    {U"开发园区", U"开发区", false},          {U"开发区", U"开发区", false},
    {U"园区", U"园区", false},
};

// Characters that cannot be part of a place name: they end the place run (走进|南通高新区).
bool is_place_stop(char32_t c) {
  static const std::u32string_view kStops =
      U"的在和与及对向从由把将被为是有到了等于以让使给跟同各全本我该其此这那们个家走取"
      U"达至省市县区两第即或并";
  return kStops.find(c) != std::u32string_view::npos;
}

// Place-name fragments that mark a generic class, not a name (国际合作产业园, 千亿产业园).
bool is_generic_place(std::u32string_view place) {
  for (std::u32string_view w : {U"国际", U"合作", U"特色", U"现代", U"亿", U"示范", U"创新",
                                U"科技", U"生态", U"数字", U"智慧", U"申报", U"评定", U"一流"})
    if (place.find(w) != std::u32string_view::npos) return true;
  return false;
}

// Parses the place run ending at `k` (exclusive); returns its start.
std::size_t place_start(std::u32string_view t, std::size_t k) {
  // County and city markers are dropped: 长丰县(双凤)经开区 = 长丰(双凤)经开区.
  std::size_t b = k;
  while (b > 0 && k - b < 4 && is_han(t[b - 1]) && !is_place_stop(t[b - 1])) --b;
  return b;
}

const TypeWord* match_type(std::u32string_view t, std::size_t i) {
  static const FirstChars kTypeFirsts = [] {
    std::u32string_view words[std::size(kTypes)];
    for (std::size_t k = 0; k < std::size(kTypes); ++k) words[k] = kTypes[k].text;
    return FirstChars(words);
  }();
  if (i >= t.size() || !kTypeFirsts.may_start(t[i])) return nullptr;
  for (const auto& ty : kTypes)
    if (starts_with_at(t, i, ty.text)) return &ty;  // table is longest-first per prefix
  return nullptr;
}

// City/province cue words: a sentence containing one speaks about the whole city/province.
constexpr std::u32string_view kCityCues[] = {U"全市", U"我市", U"本市", U"市委", U"市政府"};
constexpr std::u32string_view kProvinceCues[] = {U"全省", U"我省", U"本省", U"省委", U"省政府",
                                                 U"省商务厅", U"省直"};

// Character positions inside quotation marks or book-title marks (cues there are names).
// Reported speech (a quotation holding clause marks) is not a name: cues in it count.
std::vector<bool> quoted_positions(std::u32string_view t) {
  std::vector<bool> q(t.size(), false);
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

// A region named near the start of a sentence is its subject (在安徽省开发区协会网站…).
bool region_leads(std::u32string_view t, std::size_t b, std::size_t e,
                  const std::vector<bool>& quoted, std::u32string_view region) {
  constexpr std::size_t kLead = 12;
  std::size_t p = t.substr(0, e).find(region, b);  // searching past e could only fail later
  return p != std::u32string_view::npos && p + region.size() <= e && p - b <= kLead && !quoted[p];
}

// Where the first unquoted word of `cues` occurs within characters [b, e) (npos: nowhere).
// One scan of the sentence.
// `firsts` holds the first characters of `cues`.
template <std::size_t N>
std::size_t find_cue(std::u32string_view t, std::size_t b, std::size_t e,
                     const std::vector<bool>& quoted, const std::u32string_view (&cues)[N],
                     const FirstChars& firsts) {
  for (std::size_t p = b; p < e; ++p) {
    if (!firsts.may_start(t[p]) || quoted[p]) continue;
    for (auto cue : cues)
      if (p + cue.size() <= e && t.substr(p, cue.size()) == cue) return p;
  }
  return std::u32string_view::npos;
}

// 2-character region names before 省/市: 安徽省, 自贡市. Returns name → count.
std::map<std::u32string, int> count_regions(const std::vector<TextView>& views, char32_t mark) {
  std::map<std::u32string, int> counts;
  for (const auto& v : views) {
    const auto& t = v.norm;
    for (std::size_t i = 2; i < t.size(); ++i) {
      if (t[i] != mark || !is_han(t[i - 1]) || !is_han(t[i - 2])) continue;
      if (is_place_stop(t[i - 1]) || is_place_stop(t[i - 2])) continue;
      if (i + 1 < t.size() && t[i + 1] == U'级') continue;  // 省级, 市级 are ranks, not places
      counts[t.substr(i - 2, 3)]++;
    }
  }
  return counts;
}

std::u32string most_frequent(const std::map<std::u32string, int>& counts) {
  std::u32string best;
  int n = 0;
  for (const auto& [k, c] : counts)
    if (c > n) best = k, n = c;
  return best;
}

// Declared short names: …（以下简称“昌吉高新区”） / （以下简称大庆高新区）. Returns the declared
// name and the character index of the opening parenthesis.
std::vector<std::pair<std::u32string, std::size_t>> declared_aliases(std::u32string_view t) {
  std::vector<std::pair<std::u32string, std::size_t>> out;
  for (std::size_t p = t.find(U"简称"); p != std::u32string_view::npos;
       p = t.find(U"简称", p + 2)) {
    std::size_t open = t.rfind(U'（', p);
    if (open == std::u32string_view::npos || p - open > 4) continue;
    std::size_t b = p + 2;
    if (b < t.size() && (t[b] == U'：' || t[b] == U'为')) ++b;
    if (b < t.size() && is_open_quote(t[b])) ++b;
    std::size_t e = b;
    while (e < t.size() && e - b < 20 && !is_close_quote(t[e]) && t[e] != U'）') ++e;
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

}  // namespace

std::u32string short_park_type(std::u32string_view type) {
  for (const auto& ty : kTypes)
    if (ty.text == type) return std::u32string(ty.short_form);
  return std::u32string(type);
}

std::string canonical_park_name(std::u32string_view place, std::u32string_view paren,
                                std::u32string_view type) {
  std::u32string s(place);
  if (!paren.empty()) s += U"(" + std::u32string(paren) + U")";
  s += short_park_type(type);
  return to_utf8(s);
}

std::vector<ParkMention> find_park_mentions(std::u32string_view t) {
  std::vector<ParkMention> out;
  for (std::size_t i = 0; i < t.size();) {
    const TypeWord* ty = match_type(t, i);
    if (!ty) {
      ++i;
      continue;
    }
    ParkMention m;
    m.end = i + ty->text.size();
    m.type = ty->text;
    std::size_t k = i;
    // Optional qualifiers between place and type: 国家, 国家级, 省级.
    for (std::u32string_view w : {U"国家级", U"国家", U"省级"})
      if (ends_with_at(t, k, w)) {
        k -= w.size();
        break;
      }
    // Optional parenthesised part: 长丰(双凤)经开区.
    if (k > 0 && t[k - 1] == U'）') {
      std::size_t open = t.rfind(U'（', k - 1);
      if (open != std::u32string_view::npos && k - 1 - open <= 6 && k - 1 - open >= 1) {
        m.paren = t.substr(open + 1, k - 2 - open);
        k = open;
      }
    }
    if (k >= 2 && (t[k - 1] == U'县' || t[k - 1] == U'市') && is_han(t[k - 2]) &&
        !is_place_stop(t[k - 2]))
      --k;
    std::size_t b = place_start(t, k);
    m.place = t.substr(b, k - b);
    if (!ty->named || m.place.size() < 2) {
      m.place.clear();
      m.paren.clear();
      m.bare = true;
      b = i;
    }
    // 6家国际合作产业园: a counted class, not a name.
    bool counted = b >= 2 && (t[b - 1] == U'家' || t[b - 1] == U'个') &&
                   (is_digit(t[b - 2]) || t[b - 2] == U'等');
    bool industrial = short_park_type(m.type) == U"产业园" || short_park_type(m.type) == U"工业园区";
    if (!m.bare && (counted || (industrial && is_generic_place(m.place)))) {
      i = m.end;
      continue;
    }
    m.begin = b;
    out.push_back(m);
    i = m.end;
  }
  return out;
}

ArticleParks resolve_parks(const std::vector<TextView>& views, const std::vector<bool>& headings,
                           const std::vector<bool>& body, const TextView& title,
                           const std::vector<SentenceRange>& sentences) {
  ArticleParks ap;
  std::vector<std::vector<ParkMention>> mentions(views.size());
  for (std::size_t i = 0; i < views.size(); ++i) mentions[i] = find_park_mentions(views[i].norm);
  auto title_mentions = find_park_mentions(title.norm);

  // 1. Which tail of each place run is the name: the longest tail (≥ 2 characters) seen at
  //    least twice and in at least half the mentions sharing its last two characters.
  std::map<std::u32string, int> tails;
  auto each_mention = [&](auto&& fn) {
    for (auto& ms : mentions)
      for (auto& m : ms) fn(m);
    for (auto& m : title_mentions) fn(m);
  };
  each_mention([&](ParkMention& m) {
    for (std::size_t n = 2; n <= m.place.size(); ++n) tails[m.place.substr(m.place.size() - n)]++;
  });
  each_mention([&](ParkMention& m) {
    if (m.bare) return;
    std::size_t best = 2;
    int base = tails[m.place.substr(m.place.size() - 2)];
    for (std::size_t n = 3; n <= m.place.size(); ++n) {
      int c = tails[m.place.substr(m.place.size() - n)];
      if (c >= 2 && 2 * c >= base) best = n;
    }
    m.begin += m.place.size() - best;
    m.place = m.place.substr(m.place.size() - best);
  });

  // 2. Canonical names, declared short names and counts.
  std::map<std::string, int> counts;
  std::map<std::string, std::string> declared;  // canonical of full form → declared name
  std::set<std::string> strong;                 // named in the title, a heading or declared
  auto canon = [](const ParkMention& m) { return canonical_park_name(m.place, m.paren, m.type); };
  for (std::size_t i = 0; i < views.size(); ++i) {
    for (const auto& m : mentions[i]) {
      if (m.bare) continue;
      counts[canon(m)]++;
      if (headings[i]) strong.insert(canon(m));
    }
    for (const auto& [name, open] : declared_aliases(views[i].norm)) {
      for (const auto& m : mentions[i]) {
        if (m.bare || m.end != open) continue;
        auto short_mentions = find_park_mentions(name);
        std::string target = short_mentions.size() == 1 && !short_mentions[0].bare
                                 ? canonical_park_name(short_mentions[0].place,
                                                       short_mentions[0].paren,
                                                       short_mentions[0].type)
                                 : canon(m);
        declared[canon(m)] = target;
        strong.insert(target);
      }
    }
  }
  for (const auto& m : title_mentions)
    if (!m.bare) strong.insert(canon(m)), counts[canon(m)]++;
  auto resolve = [&](const std::string& c) {
    auto it = declared.find(c);
    return it == declared.end() ? c : it->second;
  };
  auto known = [&](const ParkMention& m) -> std::string {
    if (m.bare) return {};
    std::string c = canon(m);
    if (counts[c] < 2 && !strong.count(c) && !declared.count(c)) return {};
    return resolve(c);
  };
  auto record_spelling = [&](const TextView& v, const ParkMention& m, const std::string& name) {
    std::string spelled = normalize_name(v.text(m.begin, m.end));
    auto& list = ap.parks[name];
    if (spelled != name && std::find(list.begin(), list.end(), spelled) == list.end())
      list.push_back(spelled);
  };
  std::map<std::string, int> known_counts;
  for (std::size_t i = 0; i < views.size(); ++i)
    for (const auto& m : mentions[i])
      if (auto k = known(m); !k.empty()) {
        record_spelling(views[i], m, k);
        known_counts[k]++;
      }

  // 3. Regions, the main park and the default attribution.
  std::u32string province = most_frequent(count_regions(views, U'省'));
  std::u32string city = most_frequent(count_regions(views, U'市'));
  std::string title_park;
  for (const auto& m : title_mentions)
    if (auto k = known(m); !k.empty() && title_park.empty()) title_park = k;
  for (const auto& [name, n] : known_counts)
    if (ap.main_park.empty() || n > known_counts[ap.main_park]) ap.main_park = name;
  if (!title_park.empty()) ap.main_park = title_park;
  if (city.empty() && !ap.main_park.empty()) {
    // 全市 without a named city: the city of the main park (自贡高新区 → 自贡市).
    city = to_u32(ap.main_park).substr(0, 2) + U"市";
  }
  ap.province = province.empty() ? "" : to_utf8(province);
  ap.city = to_utf8(city);
  auto in_title = [&](const std::u32string& region) {
    return !region.empty() && title.norm.find(region.substr(0, 2)) != std::u32string::npos;
  };
  ap.default_name = !title_park.empty()  ? title_park
                    : in_title(province) ? ap.province
                    : in_title(city)     ? ap.city
                                         : ap.main_park;

  // 4. Companies located in a park: named in a paragraph that names exactly one park.
  std::map<std::u32string, std::string> company_park;
  for (std::size_t i = 0; i < views.size(); ++i) {
    std::set<std::string> named;
    for (const auto& m : mentions[i])
      if (auto k = known(m); !k.empty()) named.insert(k);
    if (named.size() != 1) continue;
    for (auto& c : find_companies(views[i].norm)) company_park.emplace(c, *named.begin());
  }

  // 5. Walk the article: sections, then sentences within paragraphs.
  ap.sentence_park.assign(sentences.size(), ap.default_name);
  std::string section = ap.default_name;
  std::size_t current_block = static_cast<std::size_t>(-1);
  std::string current;
  std::vector<bool> quoted;  // quoted_positions of the current block
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const auto& sr = sentences[s];
    const TextView& v = views[sr.block];
    const auto& t = v.norm;
    if (sr.block != current_block) {
      current_block = sr.block;
      if (headings[sr.block]) {
        const auto& ms = mentions[sr.block];
        std::string first = ms.empty() || ms[0].begin > 1 ? std::string() : known(ms[0]);
        section = !first.empty() ? first : ap.default_name;
      }
      current = section;
      quoted = quoted_positions(t);
    }
    if (!body[sr.block] && !headings[sr.block]) {
      ap.sentence_park[s] = section;
      continue;
    }
    std::vector<std::string> named;
    bool bare = false;
    std::size_t bare_at = std::u32string_view::npos;  // first unquoted bare mention (园区, 高新区)
    for (const auto& m : mentions[sr.block]) {
      if (m.begin < sr.begin || m.end > sr.end) continue;
      if (m.bare) {
        if (!quoted[m.begin]) bare_at = std::min(bare_at, m.begin);
        bare = bare || !quoted[m.begin];
      } else if (auto k = known(m); !k.empty() &&
                                    std::find(named.begin(), named.end(), k) == named.end()) {
        named.push_back(k);
      }
    }
    static const FirstChars kProvinceFirsts(kProvinceCues), kCityFirsts(kCityCues);
    // A region cue makes the sentence region-wide unless the park itself is named before it:
    // in "园区实现产值…，高于全市平均水平" the park is the subject, 全市 only a comparison.
    const auto cue_counts = [&](std::size_t at) { return at != std::u32string_view::npos && at < bare_at; };
    bool province_cue =
        cue_counts(find_cue(t, sr.begin, sr.end, quoted, kProvinceCues, kProvinceFirsts));
    bool city_cue = cue_counts(find_cue(t, sr.begin, sr.end, quoted, kCityCues, kCityFirsts));
    if (!province.empty())
      province_cue = province_cue || region_leads(t, sr.begin, sr.end, quoted, province);
    if (!city.empty()) city_cue = city_cue || region_leads(t, sr.begin, sr.end, quoted, city);
    std::string park_of_section = ap.parks.count(section) ? section : ap.main_park;
    if (named.size() == 1) {
      current = named[0];
    } else if (province_cue && !ap.province.empty()) {
      current = ap.province;
    } else if (city_cue && !ap.city.empty()) {
      current = ap.city;
    } else if (bare && !park_of_section.empty()) {
      current = park_of_section;
    } else {
      for (const auto& [company, park] : company_park)
        if (t.substr(sr.begin, sr.end - sr.begin).find(company) != std::u32string::npos) {
          current = park;
          break;
        }
    }
    ap.sentence_park[s] = current;
  }
  // Every attributed name is listed (regions too, so a figure's park always resolves).
  for (const auto& name : ap.sentence_park)
    if (!name.empty()) ap.parks[name];
  return ap;
}

}  // namespace ptbrief::extract
