// The corpus folder a server works on: its facts, loaded once per change of the folder, and
// the briefs and preview pages made from them, cached until the folder changes.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "cache/cache.h"
#include "extract/corrections.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "serve/corrections_store.h"
#include "serve/serve.h"

namespace ptbrief::serve {

/// The article files of the folder, ingested and extracted: what a change of corrections.json
/// or ptbrief.json leaves as it is (they are loaded again only when an article file changes).
struct Articles {
  std::string fingerprint;              ///< the article files' state (see Workspace)
  /// The articles (a file ingest refuses is left out), as the fact cache keeps them: blocks
  /// without char_sources (cache::Loaded), so review.cpp places marks by their quotes.
  std::shared_ptr<const ingest::Corpus> corpus;
  extract::Facts extracted;             ///< the facts as extracted
  std::vector<Diagnostic> diagnostics;  ///< warnings from ingest and extract
  cache::Stats cache;                   ///< what the fact cache did for this load
};

/// The facts of the corpus as of one state of its folder.
struct Snapshot {
  /// `corpus`: articles->corpus, or a copy with the files an "add" entry quotes in full.
  Snapshot(std::shared_ptr<const Articles> a, std::shared_ptr<const ingest::Corpus> c)
      : articles(std::move(a)), corpus_data(std::move(c)), corpus(*corpus_data),
        extracted(articles->extracted) {}
  std::shared_ptr<const Articles> articles;  ///< shared by the snapshots of one article state
  std::shared_ptr<const ingest::Corpus> corpus_data;
  std::string fingerprint;              ///< the folder state it was loaded from (see Workspace)
  const ingest::Corpus& corpus;         ///< *corpus_data
  const extract::Facts& extracted;      ///< articles->extracted
  extract::Facts facts;                 ///< with corrections.json applied: what prints
  Json corrections;                     ///< corrections.json as read (with "by" and "at")
  std::vector<extract::CorrectionOutcome> outcomes;  ///< one per correction entry
  std::string corrections_error;        ///< why corrections.json was not applied, or ""
  BriefDefaults defaults;               ///< ptbrief.json's brief settings (none: all empty)
  std::optional<Diagnostic> defaults_error;  ///< why ptbrief.json could not be read
  std::vector<Diagnostic> diagnostics;  ///< warnings from corrections (articles: see above)
};

/// A brief's identity: a park or a topic, and the layout name (one of list_layouts()).
struct BriefKey {
  bool topic = false;
  std::string name;    ///< as the page gives it; resolved against the facts
  std::string layout;  ///< layout name; "" = ptbrief.json's layout, else briefing
  auto operator<=>(const BriefKey&) const = default;
};

/// The corpus folder, its facts and the briefs made from them. Thread-safe: request threads
/// share one Workspace; loads and renders of the same state happen once.
class Workspace {
 public:
  explicit Workspace(std::filesystem::path corpus, DefaultsReader defaults = {});

  const std::filesystem::path& corpus() const { return corpus_; }

  /// The facts of the folder as it is now: reloaded when an article file, corrections.json or
  /// ptbrief.json changed (name, size or modification time) since the last load.
  std::shared_ptr<const Snapshot> snapshot();

  /// The brief's PDF bytes for the current snapshot. Throws ptbrief::Error for an unknown park,
  /// topic or layout.
  std::shared_ptr<const std::string> pdf(const BriefKey& key);

  /// The brief's pages as PNG images (pdftoppm at `dpi`), for the preview.
  std::shared_ptr<const std::vector<std::string>> pages(const BriefKey& key);

  /// The state of the folder: every article file, corrections.json and ptbrief.json with its
  /// size and modification time, as one string (the article files' lines first).
  std::string fingerprint() const;

  /// How many times the article files were loaded (ingest + extract through the fact cache),
  /// and what the cache did the last time: for tests and the server's log.
  std::size_t article_loads() const;
  cache::Stats last_cache_stats() const;

  /// The layout a brief is made with: `asked` when given, else ptbrief.json's, else briefing.
  static std::string layout_for(const Snapshot& snap, const std::string& asked);

 private:
  std::shared_ptr<const Articles> articles(const std::string& fingerprint);

  std::filesystem::path corpus_;
  DefaultsReader defaults_;
  std::shared_ptr<const Articles> articles_;  // guarded by load_mutex_
  std::size_t article_loads_ = 0;             // guarded by mutex_
  cache::Stats cache_stats_;                  // guarded by mutex_
  std::mutex load_mutex_;    // one load at a time
  std::mutex render_mutex_;  // one render at a time: clients asking for the same brief wait for
                             // it and take it from the cache instead of rendering it again
  mutable std::mutex mutex_;  // guards the members below
  std::shared_ptr<const Snapshot> snapshot_;
  std::map<std::pair<std::string, BriefKey>, std::shared_ptr<const std::string>> pdfs_;
  std::map<std::pair<std::string, BriefKey>, std::shared_ptr<const std::vector<std::string>>> pngs_;
};

/// Renders PDF bytes to one PNG per page with pdftoppm (poppler-utils) at `dpi`. Throws
/// ptbrief::Error "serve.preview" when pdftoppm is missing or fails.
std::vector<std::string> render_pages(const std::string& pdf, int dpi);

}  // namespace ptbrief::serve
