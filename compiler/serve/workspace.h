// The corpus folder a server works on: its facts, loaded once per change of the folder, and
// the briefs and preview pages made from them, cached until the folder changes.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "extract/corrections.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "serve/corrections_store.h"

namespace ptbrief::serve {

/// The facts of the corpus as of one state of its folder.
struct Snapshot {
  std::string fingerprint;              ///< the folder state it was loaded from (see Workspace)
  ingest::Corpus corpus;                ///< the articles (a file ingest refuses is left out)
  extract::Facts extracted;             ///< the facts as extracted
  extract::Facts facts;                 ///< with corrections.json applied: what prints
  Json corrections;                     ///< corrections.json as read (with "by" and "at")
  std::vector<extract::CorrectionOutcome> outcomes;  ///< one per correction entry
  std::string corrections_error;        ///< why corrections.json was not applied, or ""
  std::vector<Diagnostic> diagnostics;  ///< warnings from ingest, extract and corrections
};

/// A brief's identity: a park or a topic, and the layout name (one of list_layouts()).
struct BriefKey {
  bool topic = false;
  std::string name;    ///< as the page gives it; resolved against the facts
  std::string layout;  ///< layout name, "briefing" by default
  auto operator<=>(const BriefKey&) const = default;
};

/// The corpus folder, its facts and the briefs made from them. Thread-safe: request threads
/// share one Workspace; loads and renders of the same state happen once.
class Workspace {
 public:
  explicit Workspace(std::filesystem::path corpus);

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
  /// size and modification time, as one string.
  std::string fingerprint() const;

 private:
  std::filesystem::path corpus_;
  std::mutex load_mutex_;    // one load at a time
  std::mutex render_mutex_;  // one render at a time: clients asking for the same brief wait for
                             // it and take it from the cache instead of rendering it again
  std::mutex mutex_;       // guards the members below
  std::shared_ptr<const Snapshot> snapshot_;
  std::map<std::pair<std::string, BriefKey>, std::shared_ptr<const std::string>> pdfs_;
  std::map<std::pair<std::string, BriefKey>, std::shared_ptr<const std::vector<std::string>>> pngs_;
};

/// Renders PDF bytes to one PNG per page with pdftoppm (poppler-utils) at `dpi`. Throws
/// ptbrief::Error "serve.preview" when pdftoppm is missing or fails.
std::vector<std::string> render_pages(const std::string& pdf, int dpi);

}  // namespace ptbrief::serve
