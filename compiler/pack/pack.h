// pack: briefing packs — pack files, content-hash manifest, incremental parallel rebuilds.
//
// Public interface of the pack stage. Everything else in compiler/pack/ is private.
// A pack file (briefs/<name>.json, format in briefs/README.md) names a corpus, an output
// folder, a layout and the briefs to build. run_pack() rebuilds only the briefs whose inputs
// (source articles, layout files, fonts, pack entry, ptbrief version) changed, as recorded by
// content hashes in the manifest `<output>/.ptbrief-manifest.json`, and — when the pack asks for
// it — the combined meeting PDF of all its briefs (cover, contents, bookmarks, page labels).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "cache/cache.h"
#include "compose/compose.h"
#include "extract/extract.h"
#include "pdf/pdf.h"
#include "typeset/typeset.h"

namespace ptbrief::pack {

/// One line of a pack's "briefs" list as written: a single brief or a whole class of them.
struct BriefSelector {
  enum class Kind { Park, Topic, AllParks, AllTopics } kind = Kind::Park;
  std::string name;     ///< park name or topic id (empty for AllParks/AllTopics)
  std::string layout;   ///< per-entry layout override (empty = the pack's layout)
  std::string json_path;///< where it stands in the pack file, e.g. "$.briefs[2]"
};

/// A validated pack file. Relative paths in the file are resolved against its folder.
struct PackSpec {
  std::filesystem::path file;         ///< the pack file read
  std::string name;                   ///< "name"
  std::filesystem::path corpus;       ///< "corpus", or the default corpus folder
  /// "corrections": the corrections file; unset = the corpus folder's corrections.json, if any
  std::optional<std::filesystem::path> corrections;
  std::filesystem::path output;       ///< "output" folder (absolute after resolution)
  std::string layout;                 ///< "layout": a layout name in layouts/ or a path
  std::vector<BriefSelector> briefs;  ///< "briefs", in file order
  /// "combined": file name of the meeting PDF in the output folder ("<name>.pdf" for `true`),
  /// or empty for none.
  std::string combined;
  std::string title;                  ///< "title" printed on the combined PDF's cover
};

/// Finds a pack by NAME (briefs/NAME.json in the project root or the current folder) or path.
/// Throws ptbrief::Error (code "pack.not_found") listing the packs that exist.
std::filesystem::path find_pack(const std::string& name_or_path);

/// Reads and validates a pack file. Errors name the file, the JSON path and what to write.
PackSpec load_pack(const std::filesystem::path& file);

/// The pack-file rule for every name that becomes a file in the output folder (brief and
/// combined names, and the names read back from the manifest): not empty, no '/' or NUL, not
/// starting with '.' (so never ".." or a hidden file).
bool is_plain_file_name(std::string_view name);

/// One brief of a pack after "all parks"/"all topics" are expanded.
struct BriefJob {
  compose::BriefRequest request;
  std::string layout;           ///< layout name or path
  std::string output_name;      ///< file name inside the output folder, e.g. "南通高新区.pdf"
  pdf::PdfOptions pdf_options;
  typeset::TypesetOptions typeset_options;  ///< the user's font folders
  /// The combined PDF of the run takes this brief's pages too: the builder may keep them,
  /// laid out, for it (instead of typesetting the brief twice).
  bool shared_layout = false;
};

/// The combined meeting PDF: every brief of the pack, in pack order, behind a cover and a
/// table of contents (see pack/combined.h for what it holds).
struct CombinedJob {
  std::string title;             ///< the pack's title, on the cover
  std::string layout;            ///< the pack's layout: page geometry and running lines
  std::string output_name;       ///< file name inside the output folder
  std::vector<BriefJob> briefs;  ///< the briefs, in pack order
  pdf::PdfOptions pdf_options;
  typeset::TypesetOptions typeset_options;  ///< the user's font folders
};

/// What a builder hands back for one brief (or the combined PDF).
struct BuiltBrief {
  std::string pdf;                                 ///< the complete PDF bytes
  std::vector<std::filesystem::path> font_files;   ///< font files embedded (for the manifest)
};

/// The brief pipeline as seen by the pack runner, injectable so tests can run the runner's
/// incremental, locking and crash logic with a fast fake. `build` is called from several
/// threads at once on the same `facts` (read-only) and must be thread-safe.
class Builder {
 public:
  virtual ~Builder() = default;
  /// Ingest + extract the corpus folder and apply the corrections file `corrections` (empty
  /// path: none); called at most once per run, only when needed. An article that cannot be
  /// read or decoded is a warning, not an error: the other briefs still build.
  virtual extract::Facts load_facts(const std::filesystem::path& corpus,
                                    const std::filesystem::path& corrections, DiagSink& sink) = 0;
  /// Compose, typeset and write one brief.
  virtual BuiltBrief build(const extract::Facts& facts, const BriefJob& job, DiagSink& sink) = 0;
  /// Compose every brief of `job`, typeset them as one document with a cover, contents,
  /// bookmarks and page labels, and write it. Same threading rules as `build`.
  virtual BuiltBrief build_combined(const extract::Facts& facts, const CombinedJob& job,
                                    DiagSink& sink) = 0;
  /// Data files besides the corpus that the facts depend on (the topic catalogue).
  virtual std::vector<std::filesystem::path> facts_inputs() const { return {}; }
};

/// The real pipeline: pack::load_facts and compose → typeset → pdf (pack/pipeline.cpp).
std::unique_ptr<Builder> pipeline_builder(const cache::Options& cache = {});

/// A figure of a brief as remembered between builds, for the change list.
struct FigureChange {
  enum class Kind { New, Changed } kind = Kind::New;
  std::string label;      ///< "企业 2360家" (park: subject value+unit)
  std::string previous;   ///< the earlier value for Changed, e.g. "2100家"
};

/// The outcome for one brief.
struct BriefResult {
  enum class Status { UpToDate, Built, WouldBuild, Failed, Removed } status = Status::UpToDate;
  std::string output_name;
  std::string title;                  ///< "park 南通高新区" / "topic 产业链党建"
  std::vector<std::string> reasons;   ///< why it was (or would be) rebuilt
  std::vector<FigureChange> changes;  ///< figures new or changed since the last build
  bool first_build = false;           ///< no earlier build to compare with
  std::string error;                  ///< for Failed: the formatted diagnostic
  double seconds = 0;                 ///< build time
};

/// Progress events, delivered from worker threads one at a time (the runner serialises them).
struct Event {
  enum class Kind { WaitingForLock, LoadingFacts, Started, Finished } kind = Kind::Started;
  const BriefResult* brief = nullptr; ///< for Finished
  std::string subject;                ///< output name (Started) or folder (WaitingForLock)
  std::size_t done = 0, total = 0;    ///< briefs finished so far / to build
};

struct RunOptions {
  unsigned jobs = 0;          ///< worker threads; 0 = number of cores
  bool dry_run = false;       ///< plan only: list what would be rebuilt and why
  bool force = false;         ///< rebuild everything
  std::string tool_version;   ///< ptbrief's version; a change rebuilds everything
  /// The ptbrief executable; its content hash joins the version, so a rebuilt ptbrief
  /// rebuilds the pack even without a version bump (empty = version only).
  std::filesystem::path tool_binary;
  /// The ELF build ID of tool_binary when it is the running program (running_build_id(), as
  /// hex): it stands for the binary's content hash, so the executable is never read.
  std::string tool_build_id;
  /// The cache folder that remembers the content hashes of fonts and tool_binary by their stat
  /// stamps (cache::file_hash), so a pack into an empty output folder does not read 70 MB of
  /// font collections again. Off by default; `ptbrief pack` passes the fact cache's options.
  cache::Options hash_cache = cache::disabled();
  std::optional<std::int64_t> source_date_epoch;  ///< passed to the PDF writer
  /// The user's font folders (--font-dir, PTBRIEF_FONT_DIRS), searched first for every font
  /// family; a change of the list rebuilds every brief.
  std::vector<std::filesystem::path> font_dirs;
  std::function<void(const Event&)> on_event;     ///< progress (may be empty)
  /// Test knob: pause this long before writing each brief, so crash tests can kill mid-build.
  std::chrono::milliseconds slow_build{0};
};

/// What one run did.
struct RunReport {
  std::vector<BriefResult> briefs;    ///< one per brief of the pack, in pack order, then removed
  /// The combined meeting PDF when the pack has one (or had one: status Removed). Failed when
  /// it could not be built, including when a brief of the pack failed.
  std::optional<BriefResult> combined;
  bool facts_loaded = false;          ///< the corpus had to be ingested and extracted
  double seconds = 0;
  std::size_t count(BriefResult::Status s) const;
  bool failed() const;                ///< any brief or the combined PDF failed
};

/// Rebuilds the out-of-date briefs of `pack` with `builder`. Takes the output folder's lock
/// (waits for another run holding it), cleans temp files a killed run left, writes each PDF
/// atomically and the manifest after each brief. A failing brief is reported, not thrown;
/// throws ptbrief::Error only for problems that stop the whole run (bad corpus, locked-out
/// or unwritable folder).
RunReport run_pack(const PackSpec& pack, Builder& builder, const RunOptions& options,
                   DiagSink& sink);

/// The file names used in an output folder.
inline constexpr const char* kManifestName = ".ptbrief-manifest.json";
inline constexpr const char* kLockName = ".ptbrief-pack.lock";

}  // namespace ptbrief::pack
