// reprints: near-identical articles (the same report in another paper, a website's copy) found
// across the corpus and counted once. A corpus-wide step after per-article extraction: it
// needs only each article's fingerprint and the facts' article ids, so per-file results
// (cached or fresh) fold the same way.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "extract/extract.h"
#include "ingest/ingest.h"

namespace ptbrief::extract {

/// Share of the longer article's text the shorter one must hold for the two to be one
/// article (the "≥ 90 % of their text the same").
constexpr double kReprintOverlap = 0.9;

// Fingerprint (what the comparison needs of one article) is in extract/extract.h: the fact
// cache stores it with the article's facts.

/// The fingerprint of an article's body (paragraphs and headings; Han, Latin letters and
/// digits only — punctuation, spacing and width do not count). Articles too short to judge
/// (under 40 shingles) get none.
Fingerprint fingerprint(const ingest::Article& article);

/// One article and its copies, in corpus order (the first is the one kept).
struct ReprintGroup {
  std::string original;
  std::vector<std::pair<std::string, double>> copies;  ///< id, share of shingles shared
};

/// find_reprints one article at a time, in corpus order: whether an article copies an earlier
/// one depends only on the articles before it, so it is known as soon as the article is added
/// (a streaming merge drops a copy's facts at once). Keeps each distinct shingle set once
/// (n copies of one text hold one set) and 16 bucket entries per article.
class ReprintFinder {
 public:
  ReprintFinder();
  ~ReprintFinder();
  ReprintFinder(ReprintFinder&&) noexcept;
  ReprintFinder& operator=(ReprintFinder&&) noexcept;

  /// Adds the next article's fingerprint; true when it is a copy of an earlier article.
  bool add(Fingerprint print);
  /// The groups found so far, as find_reprints gives them.
  std::vector<ReprintGroup> groups() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Groups of near-identical articles: candidates by MinHash banding (locality-sensitive
/// hashing), confirmed by exact shingle overlap ≥ kReprintOverlap. `prints` in corpus order.
std::vector<ReprintGroup> find_reprints(const std::vector<Fingerprint>& prints);

/// Counts each group once: the copies' figures, practices and summary candidates go, their
/// ids leave the parks' article lists, the articles are marked (ArticleRef::reprint_of and
/// ::reprints, so both are cited); a note per copy goes to `sink` (code "extract.reprint").
void fold_reprints(const std::vector<ReprintGroup>& groups, Facts& facts,
                   std::vector<SummarySentence>& candidates, DiagSink& sink);

}  // namespace ptbrief::extract
