// reprints: shingled fingerprints, MinHash banding for candidates, exact overlap to confirm,
// and the folding of copies into their original (Broder 1997, "On the resemblance and
// containment of documents"; Leskovec, Rajaraman, Ullman, Mining of Massive Datasets §3.4).
#include "extract/reprints.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

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
  for (const auto& b : article.blocks) {
    if (b.type != ingest::BlockType::Paragraph && b.type != ingest::BlockType::Heading) continue;
    for (char32_t c : to_u32(b.text)) {
      c = normalize_char(c);
      if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
      if (is_han(c) || is_digit(c) || (c >= U'a' && c <= U'z')) text += c;
    }
  }
  if (text.size() < kShingle + kMinShingles) return fp;
  for (std::size_t i = 0; i + kShingle <= text.size(); ++i) fp.shingles.push_back(hash_window(text, i));
  std::sort(fp.shingles.begin(), fp.shingles.end());
  fp.shingles.erase(std::unique(fp.shingles.begin(), fp.shingles.end()), fp.shingles.end());
  if (fp.shingles.size() < kMinShingles) {
    fp.shingles.clear();
    return fp;
  }
  // MinHash: the least value of each of kHashes hash functions over the shingle set.
  fp.signature.fill(~std::uint64_t{0});
  for (std::uint64_t s : fp.shingles)
    for (std::size_t k = 0; k < Fingerprint::kHashes; ++k)
      fp.signature[k] = std::min(fp.signature[k], mix(s ^ mix(k + 1)));
  return fp;
}

std::vector<ReprintGroup> find_reprints(const std::vector<Fingerprint>& prints) {
  // Article by article in corpus order: its candidates are the earlier articles whose
  // signatures agree with its own on every row of some band; the first of them (in corpus
  // order) that the exact overlap confirms is what it copies, and it joins that one's
  // original. Each pair is looked at once, from its later article, and the search for an
  // article stops at its first confirmed candidate, so n copies of one text cost O(n·bands)
  // bucket steps and n overlaps, not n² of each.
  std::vector<std::size_t> original(prints.size());
  std::vector<double> share(prints.size(), 0.0);
  for (std::size_t i = 0; i < prints.size(); ++i) original[i] = i;
  std::array<std::map<std::vector<std::uint64_t>, std::vector<std::size_t>>, kBands> buckets;
  std::vector<std::size_t> earlier;
  std::vector<std::size_t> listed(prints.size(), SIZE_MAX);  // listed[a] == b: a is in `earlier`
  for (std::size_t b = 0; b < prints.size(); ++b) {
    if (prints[b].shingles.empty()) continue;
    earlier.clear();
    for (std::size_t band = 0; band < kBands; ++band) {
      std::vector<std::uint64_t> key(prints[b].signature.begin() + band * kRows,
                                     prints[b].signature.begin() + (band + 1) * kRows);
      auto& members = buckets[band][std::move(key)];
      for (std::size_t a : members)
        if (listed[a] != b) listed[a] = b, earlier.push_back(a);
      members.push_back(b);
    }
    std::sort(earlier.begin(), earlier.end());
    for (std::size_t a : earlier) {
      const double o = overlap(prints[a].shingles, prints[b].shingles);
      if (o < kReprintOverlap) continue;
      original[b] = original[a];
      share[b] = o;
      break;
    }
  }
  std::vector<ReprintGroup> groups;
  std::map<std::size_t, std::size_t> group_of;
  for (std::size_t i = 0; i < prints.size(); ++i) {
    if (original[i] == i) continue;
    auto [it, fresh] = group_of.emplace(original[i], groups.size());
    if (fresh) groups.push_back({prints[original[i]].article_id, {}});
    groups[it->second].copies.emplace_back(prints[i].article_id, share[i]);
  }
  return groups;
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
