// reprints: shingled fingerprints, MinHash banding for candidates, exact overlap to confirm,
// and the folding of copies into their original (Broder 1997, "On the resemblance and
// containment of documents"; Leskovec, Rajaraman, Ullman, Mining of Massive Datasets §3.4).
#include "extract/reprints.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "extract/text.h"

namespace ptbrief::extract {
namespace {

constexpr std::size_t kShingle = 5;        // characters per window
constexpr std::size_t kMinShingles = 40;   // shorter articles are not compared
constexpr std::size_t kRows = 4;           // rows per LSH band
constexpr std::size_t kBands = Fingerprint::kHashes / kRows;

// A 64-bit mixer (splitmix64's finaliser). The project links no non-cryptographic hash
// library, and SHA-256 per 5-character window would be wasteful; this is the standard
// avalanche function, not a home-made hash.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t hash_window(const std::u32string& s, std::size_t at) {
  std::uint64_t h = 0;
  for (std::size_t i = at; i < at + kShingle; ++i) h = mix(h ^ s[i]);
  return h;
}

// Shared shingles as a share of the larger set (both sorted, unique).
double overlap(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::size_t i = 0, j = 0, shared = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++shared, ++i, ++j;
  }
  const std::size_t larger = std::max(a.size(), b.size());
  return larger ? static_cast<double>(shared) / static_cast<double>(larger) : 0.0;
}

}  // namespace

Fingerprint fingerprint(const ingest::Article& article) {
  Fingerprint fp;
  fp.article_id = article.id;
  std::u32string text;
  std::size_t bytes = 0;
  for (const auto& b : article.blocks) bytes += b.text.size();
  text.reserve(bytes / 2);
  for (const auto& b : article.blocks) {
    if (b.type != ingest::BlockType::Paragraph && b.type != ingest::BlockType::Heading) continue;
    for (char32_t c : to_u32(b.text)) {
      c = normalize_char(c);
      if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
      if (is_han(c) || is_digit(c) || (c >= U'a' && c <= U'z')) text += c;
    }
  }
  if (text.size() < kShingle + kMinShingles) return fp;
  fp.shingles.reserve(text.size() - kShingle + 1);
  for (std::size_t i = 0; i + kShingle <= text.size(); ++i) fp.shingles.push_back(hash_window(text, i));
  std::sort(fp.shingles.begin(), fp.shingles.end());
  fp.shingles.erase(std::unique(fp.shingles.begin(), fp.shingles.end()), fp.shingles.end());
  fp.shingles.shrink_to_fit();  // kept for the corpus-wide search: no spare capacity
  if (fp.shingles.size() < kMinShingles) {
    fp.shingles.clear();
    return fp;
  }
  // MinHash: the least value of each of kHashes hash functions over the shingle set (hash k
  // is mix(s ^ seed[k]), seed[k] = mix(k + 1), computed once).
  static const std::array<std::uint64_t, Fingerprint::kHashes> seeds = [] {
    std::array<std::uint64_t, Fingerprint::kHashes> out{};
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = mix(k + 1);
    return out;
  }();
  fp.signature.fill(~std::uint64_t{0});
  for (std::uint64_t s : fp.shingles)
    for (std::size_t k = 0; k < Fingerprint::kHashes; ++k)
      fp.signature[k] = std::min(fp.signature[k], mix(s ^ seeds[k]));
  return fp;
}

// One LSH band of a signature: kRows values, all equal for two articles in one bucket.
struct BandKey {
  std::array<std::uint64_t, kRows> rows;
  bool operator==(const BandKey&) const = default;
};
struct BandHash {
  std::size_t operator()(const BandKey& k) const {
    std::uint64_t h = 0;
    for (std::uint64_t x : k.rows) h = mix(h ^ x);
    return static_cast<std::size_t>(h);
  }
};

constexpr std::uint32_t kNone = UINT32_MAX;

struct ReprintFinder::State {
  std::vector<std::string> ids;                  // every article added, in order
  std::vector<std::uint32_t> original;           // the article each one copies (itself: none)
  std::vector<double> share;                     // its share of shingles shared with that one
  std::vector<std::uint32_t> set_of;             // index into `sets`, kNone without shingles
  std::vector<std::vector<std::uint64_t>> sets;  // the distinct shingle sets
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> sets_by_hash;
  // Per band: the articles (ascending) whose signatures agree on every row of it.
  std::array<std::unordered_map<BandKey, std::vector<std::uint32_t>, BandHash>, kBands> buckets;
};

ReprintFinder::ReprintFinder() : state_(std::make_unique<State>()) {}
ReprintFinder::~ReprintFinder() = default;
ReprintFinder::ReprintFinder(ReprintFinder&&) noexcept = default;
ReprintFinder& ReprintFinder::operator=(ReprintFinder&&) noexcept = default;

bool ReprintFinder::add(Fingerprint print) {
  // Its candidates are the earlier articles whose signatures agree with its own on every row of
  // some band; the first of them (in corpus order) that the exact overlap confirms is what it
  // copies, and it joins that one's original. The bands' member lists are ascending, so the
  // candidates are merged from them in order, one at a time, and the search stops at the
  // first confirmed: n copies of one text cost O(n·bands) steps and n overlaps, not n².
  State& st = *state_;
  const auto b = static_cast<std::uint32_t>(st.ids.size());
  if (st.ids.size() >= kNone) throw std::length_error("reprints: too many articles");
  st.ids.push_back(std::move(print.article_id));
  st.original.push_back(b);
  st.share.push_back(0.0);
  if (print.shingles.empty()) {
    st.set_of.push_back(kNone);
    return false;
  }
  std::uint64_t h = print.shingles.size();
  for (std::uint64_t x : print.shingles) h = mix(h ^ x);
  auto& same_hash = st.sets_by_hash[h];
  std::uint32_t set = kNone;
  for (std::uint32_t s : same_hash)
    if (set == kNone && st.sets[s] == print.shingles) set = s;
  if (set == kNone) {
    set = static_cast<std::uint32_t>(st.sets.size());
    st.sets.push_back(std::move(print.shingles));
    same_hash.push_back(set);
  }
  st.set_of.push_back(set);

  std::array<std::vector<std::uint32_t>*, kBands> lists;
  std::array<std::size_t, kBands> at{};
  for (std::size_t band = 0; band < kBands; ++band) {
    BandKey key;
    std::copy(print.signature.begin() + band * kRows, print.signature.begin() + (band + 1) * kRows,
              key.rows.begin());
    lists[band] = &st.buckets[band][key];
  }
  bool copy = false;
  for (;;) {
    std::uint32_t a = kNone;
    for (std::size_t band = 0; band < kBands; ++band)
      if (at[band] < lists[band]->size()) a = std::min(a, (*lists[band])[at[band]]);
    if (a == kNone) break;
    for (std::size_t band = 0; band < kBands; ++band)
      if (at[band] < lists[band]->size() && (*lists[band])[at[band]] == a) ++at[band];
    const double o = st.set_of[a] == set ? 1.0 : overlap(st.sets[st.set_of[a]], st.sets[set]);
    if (o < kReprintOverlap) continue;
    st.original[b] = st.original[a];
    st.share[b] = o;
    copy = true;
    break;
  }
  for (auto* members : lists) members->push_back(b);
  return copy;
}

std::vector<ReprintGroup> ReprintFinder::groups() const {
  const State& st = *state_;
  std::vector<ReprintGroup> groups;
  std::unordered_map<std::uint32_t, std::size_t> group_of;
  for (std::uint32_t i = 0; i < st.ids.size(); ++i) {
    if (st.original[i] == i) continue;
    auto [it, fresh] = group_of.emplace(st.original[i], groups.size());
    if (fresh) groups.push_back({st.ids[st.original[i]], {}});
    groups[it->second].copies.emplace_back(st.ids[i], st.share[i]);
  }
  return groups;
}

std::vector<ReprintGroup> find_reprints(const std::vector<Fingerprint>& prints) {
  ReprintFinder finder;
  for (const auto& p : prints) finder.add(p);
  return finder.groups();
}

void fold_reprints(const std::vector<ReprintGroup>& groups, Facts& facts,
                   std::vector<SummarySentence>& candidates, DiagSink& sink) {
  if (groups.empty()) return;
  std::map<std::string, std::string> original_of;
  for (const auto& g : groups)
    for (const auto& [copy, share] : g.copies) original_of[copy] = g.original;
  auto copied = [&](const Location& l) { return original_of.count(l.article_id) > 0; };

  // 1. The copies' facts go: the original's carry the same figures.
  std::erase_if(facts.figures, [&](const Figure& f) { return copied(f.source); });
  std::erase_if(facts.practices, [&](const Practice& p) { return copied(p.source); });
  std::erase_if(candidates, [&](const SummarySentence& s) { return copied(s.source); });
  // 2. Parks report on the original only; a park named only in copies is dropped.
  for (auto& p : facts.parks)
    std::erase_if(p.articles, [&](const std::string& id) { return original_of.count(id) > 0; });
  std::erase_if(facts.parks, [](const Park& p) { return p.articles.empty(); });
  // 3. Both are cited: the articles say who copies whom.
  std::map<std::string, ArticleRef*> refs;
  for (auto& a : facts.articles) refs[a.id] = &a;
  for (const auto& g : groups) {
    for (const auto& [copy, share] : g.copies) {
      if (refs.count(copy)) refs[copy]->reprint_of = g.original;
      if (refs.count(g.original)) refs[g.original]->reprints.push_back(copy);
      Diagnostic d;
      d.severity = Severity::Note;
      d.code = "extract.reprint";
      char pct[16];
      std::snprintf(pct, sizeof pct, "%.0f%%", share * 100);
      const std::string copy_file = refs.count(copy) ? refs[copy]->file : copy;
      const std::string original_file = refs.count(g.original) ? refs[g.original]->file : g.original;
      d.message = "article " + copy + " is a reprint of " + g.original + " (" + pct +
                  " of the text the same): its facts are counted once, both are cited";
      d.hint = "nothing to do; remove " + copy_file + " if it is not the same report as " +
               original_file;
      d.file = copy_file;
      sink.report(d);
    }
  }
}

}  // namespace ptbrief::extract
