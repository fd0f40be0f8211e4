// cache: a corpus folder → its Corpus and Facts, reading each unchanged article file's
// ingest and extraction results from a per-file fact cache; only new or changed files are
// ingested and extracted.
//
// Public interface of the cache stage. Everything else in compiler/cache/ is private.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "base/byte_store.h"
#include "base/diagnostic.h"
#include "extract/extract.h"
#include "ingest/ingest.h"

namespace ptbrief::cache {

/// Where and whether the cache is used.
struct Options {
  bool enabled = true;            ///< false: ingest and extract every file, read and write nothing
  std::filesystem::path dir;      ///< the cache folder; empty: default_dir(corpus folder)
  std::uint64_t max_bytes = std::uint64_t{256} << 20;  ///< entries above this are evicted, oldest first
  /// A file that cannot be read or decoded: an error (Fail), or left out of the corpus with a
  /// warning naming it (Skip, packs), as ingest::ingest() does.
  ingest::BadFile bad_files = ingest::BadFile::Fail;
  /// false: Loaded::corpus's articles keep no blocks (their text goes as soon as a file is
  /// extracted and, with the cache on, stored), for callers that use only the facts (make,
  /// extract): a big corpus then never holds its cleaned text all at once.
  bool article_text = true;
  /// Threads that ingest and extract files (and a big file's articles) on a miss; 0: one per
  /// core. The result does not depend on it.
  unsigned threads = 0;
  /// Files above this size get no entry: they are ingested and extracted every run, their
  /// articles' facts streaming into the merge (their record would take many times their size).
  std::size_t max_cached_file_bytes = std::size_t{16} << 20;
  /// A corpus of at least this many files also gets one entry for its whole load result
  /// (merged facts, articles, diagnostics): an unchanged corpus is then one entry read, not a
  /// record per file and their merge.
  std::size_t corpus_entry_min_files = 2;
};

/// Options with the cache switched off (`--no-cache`).
inline Options disabled() {
  Options o;
  o.enabled = false;
  return o;
}

/// What a load did, for tests and benchmarks.
struct Stats {
  std::size_t files = 0;     ///< article files in the corpus
  std::size_t hits = 0;      ///< read from the cache
  std::size_t misses = 0;    ///< ingested and extracted (new, changed, or cache off)
  std::size_t rejected = 0;  ///< entries present but not valid (torn, altered, foreign): rebuilt
  std::size_t written = 0;   ///< entries written
  std::size_t evicted = 0;   ///< entries removed to stay under Options::max_bytes
  bool corpus_hit = false;      ///< the whole load read from the corpus entry (32+ files)
  bool corpus_written = false;  ///< the corpus entry written (not counted in `written`)
};

/// A corpus as the cache keeps it, and its facts.
struct Loaded {
  /// Files in name order (SourceFile::path set), articles in file order. Blocks carry their
  /// text, type, raw range and sentences but no char_sources: the facts hold their spans.
  /// With Options::article_text false, articles have no blocks.
  ingest::Corpus corpus;
  extract::Facts facts;  ///< as extract::extract() gives for the whole corpus
  Stats stats;
};

/// The cache folder used when Options::dir is empty: $XDG_CACHE_HOME/ptbrief, else
/// ~/.cache/ptbrief, else .ptbrief-cache/ beside the corpus folder.
std::filesystem::path default_dir(const std::filesystem::path& corpus_dir);

/// The cache folder of `options` (Options::dir, else default_dir(`corpus_dir`)) as a store for
/// other stages' derived data (the pdf stage's flattened glyphs), sharing the fact entries'
/// eviction; null with the cache off (--no-cache).
std::shared_ptr<ByteStore> open_store(const Options& options, const std::filesystem::path& corpus_dir);

/// The corpus of `corpus_dir` and its facts (extraction with `topics_file`). An entry is keyed
/// by the file's SHA-256 and ptbrief's extraction version (this build's identity and the topic
/// catalogue), so a rebuilt ptbrief or a changed catalogue never reads old facts; a file copied
/// under another name reuses its original's entry. Diagnostics are reported as a fresh run
/// reports them. Entries are written to a temp file and renamed (concurrent runs and crashes
/// leave whole entries or none); an entry that does not validate is ignored and rebuilt. A
/// cache folder that cannot be written is not an error: the run goes on without it. Input
/// errors throw ptbrief::Error as ingest::ingest() and extract::extract() do. A file above
/// Options::max_cached_file_bytes (16 MiB) gets no entry: it is ingested and extracted every
/// run, its articles' facts streaming into the merge (its record would take many times its
/// size). With the cache off, the other files are ingested and extracted as on a miss.
Loaded load(const std::filesystem::path& corpus_dir, const std::filesystem::path& topics_file,
            const Options& options, DiagSink& sink);

/// The SHA-256 (lower-case hex) of a large input file (a font, an executable), remembered in
/// the cache folder (`options.dir`, else default_dir(`corpus_dir`)) under the file's path and
/// stat stamp (device, inode, size, modification and change times): a file nobody touched is
/// read once per cache, not once per run or output folder. A file that changes while it is
/// hashed is not remembered. With the cache off (or not writable) the file is simply hashed.
/// Returns an empty string when the file cannot be read.
std::string file_hash(const std::filesystem::path& file, const Options& options,
                      const std::filesystem::path& corpus_dir);

}  // namespace ptbrief::cache
