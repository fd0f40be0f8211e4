// cache: the corpus loader with a per-file fact cache — list the files, read each, then per
// file either its cached record (same bytes, same extraction version) or ingest + extract and
// store the record; finally the corpus-wide merge over every file's records.
#include "cache/cache.h"


#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "base/trace.h"
#include "cache/hash_memo.h"
#include "cache/record.h"
#include "cache/store.h"

namespace ptbrief::cache {
namespace {

class DroppingSink final : public DiagSink {
 public:
  void report(const Diagnostic&) override {}
};

// What the cached results depend on besides a file's bytes: this build of ptbrief (its build
// ID, else the executable's bytes) and the topic catalogue's bytes.
std::string extraction_version(const std::filesystem::path& topics_file) {
  Sha256 h;
  h.update("ptbrief fact cache\n");
  std::string id = running_build_id();
  if (id.empty()) {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    id = ec ? std::string() : sha256_file_hex(exe);
    if (id.empty()) id = "unknown build";
  }
  h.update(id).update("\n").update(read_file(topics_file, limits::kMaxJsonBytes));
  return h.hex();
}

// Ingest and extract one file: its record, with every diagnostic kept in it.
// Articles without their blocks (Options::article_text false).
void drop_text(std::vector<ingest::Article>& articles) {
  for (auto& a : articles) std::vector<ingest::Block>().swap(a.blocks);
}

// `keep_text` false: each article's blocks go once it is extracted (nothing stores them).
// `stream` set: each article's facts go to it as soon as they are extracted instead of into
// the record (nothing stores the record), so a big file never holds all its facts at once.
FileRecord build_record(std::string raw, const std::string& name,
                        const extract::ArticleExtractor& extractor, bool keep_text,
                        const std::function<void(extract::ArticleFacts&&)>* stream = nullptr) {
  FileRecord rec;
  CollectingSink ingest_sink;
  DroppingSink kept_in_facts;  // ArticleFacts::diagnostics keeps them
  std::set<std::string> seen;  // a practice repeated later in the file: merge() would drop it
  // Streaming: the facts of the first articles of each text (extracted without diagnostics), so
  // an exact copy later in the file is not extracted again (extract::reprint_facts).
  std::unordered_map<std::string, extract::ArticleFacts> first_of_text;
  constexpr std::size_t kMaxTexts = 256;
  // Article by article as ingest completes them: extracted, then only what the record keeps.
  ingest::ingest_stream(raw, name, ingest_sink, &rec.file, [&](ingest::Article&& a) {
    extract::ArticleFacts facts;
    if (stream) {
      std::string key = extract::extraction_key(a);
      if (auto it = first_of_text.find(key); it != first_of_text.end()) {
        facts = extract::reprint_facts(a, it->second);
      } else {
        facts = extractor.extract(a, kept_in_facts);
        if (facts.diagnostics.empty() && !facts.print.shingles.empty() &&
            first_of_text.size() < kMaxTexts)
          first_of_text.emplace(std::move(key), facts);
      }
    } else {
      facts = extractor.extract(a, kept_in_facts);
    }
    std::erase_if(facts.practices, [&](const extract::Practice& p) {
      return !seen.insert(p.park + '\x1f' + p.name + '\x1f' + p.category).second;
    });
    if (stream) (*stream)(std::move(facts));
    else rec.facts.push_back(std::move(facts));
    if (keep_text) {
      for (auto& b : a.blocks) std::vector<ingest::Block::CharSource>().swap(b.char_sources);
    } else {
      std::vector<ingest::Block>().swap(a.blocks);
    }
    rec.articles.push_back(std::move(a));
  });
  std::string().swap(raw);
  rec.ingest_diagnostics = std::move(ingest_sink.items);
  make_lean(rec.articles);  // the character map is not needed after extraction
  return rec;
}

// Article files above this size are ingested and extracted every run, streaming into the
// merge, and get no entry of their own (a 50 MB file of 10^5 articles: 1.5 GB to build one).
constexpr std::size_t kMaxCachedFileBytes = std::size_t{16} << 20;

// A corpus of at least this many files also gets one entry for its whole load result: below
// it, reading every file's record and merging them costs about as much as reading one entry
// (and every file is read twice when the corpus entry misses).
constexpr std::size_t kCorpusEntryMinFiles = 32;

// Passes diagnostics on and keeps them, in order, for the corpus entry.
class RecordingSink final : public DiagSink {
 public:
  RecordingSink(DiagSink& next, bool keep) : next_(next), keep_(keep) {}
  void report(const Diagnostic& d) override {
    if (keep_) items.push_back(d);
    next_.report(d);
  }
  std::vector<Diagnostic> items;

 private:
  DiagSink& next_;
  bool keep_;  // only when a corpus entry is written
};

// The corpus entry's key: the extraction version, whether article text is kept, and every
// file's name and content hash in order; a file whose status is as remembered in `memo` is not
// read again. Nothing when a file cannot be read (the full load then reports it).
std::optional<std::string> corpus_key(const std::vector<std::filesystem::path>& paths,
                                      const std::string& version, bool article_text,
                                      HashMemo& memo) {
  Sha256 h;
  h.update(version).update(article_text ? "\ncorpus with text\n" : "\ncorpus without text\n");
  for (const auto& path : paths) {
    const std::string name = path.filename().string();
    const std::optional<FileStamp> stamp = stamp_of(path);  // before the bytes are read
    std::optional<std::string> hash = stamp ? memo.lookup(name, *stamp) : std::nullopt;
    if (!hash) {
      try {
        hash = sha256_hex(read_file(path));
      } catch (const std::filesystem::filesystem_error&) {
        return std::nullopt;
      } catch (const Error&) {
        return std::nullopt;
      }
      if (stamp) memo.remember(name, *stamp, *hash);
    }
    h.update(std::to_string(name.size())).update(":").update(name).update(*hash).update("\n");
  }
  return h.hex();
}

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

}  // namespace

std::filesystem::path default_dir(const std::filesystem::path& corpus_dir) {
  if (const char* xdg = env("XDG_CACHE_HOME"); xdg && std::filesystem::path(xdg).is_absolute())
    return std::filesystem::path(xdg) / "ptbrief";
  if (const char* home = env("HOME")) return std::filesystem::path(home) / ".cache" / "ptbrief";
  return std::filesystem::absolute(corpus_dir).lexically_normal().parent_path() / ".ptbrief-cache";
}

Loaded load(const std::filesystem::path& corpus_dir, const std::filesystem::path& topics_file,
            const Options& options, DiagSink& outer) {
  Loaded out;
  std::optional<trace::Stage> stage(std::in_place, "cache.setup");
  const extract::ArticleExtractor extractor(topics_file);              // the topic catalogue
  const auto paths = ingest::list_article_files(corpus_dir, outer);     // sorted article files
  std::optional<Store> store;
  std::string version;
  if (options.enabled) {
    store.emplace(options.dir.empty() ? default_dir(corpus_dir) : options.dir);
    version = extraction_version(topics_file);
  }

  // 0. An unchanged corpus of many files: its whole load result from one entry.
  std::optional<std::string> whole_key;
  if (store && paths.size() >= kCorpusEntryMinFiles) {
    HashMemo memo(*store, corpus_dir);
    whole_key = corpus_key(paths, version, options.article_text, memo);
    memo.save();
  }
  if (whole_key) {
    if (auto bytes = store->read(*whole_key)) {
      std::optional<CorpusRecord> rec = decode_corpus(*bytes, *whole_key);
      bool same = rec && rec->files.size() == paths.size();
      for (std::size_t k = 0; same && k < paths.size(); ++k)
        same = rec->files[k].name == paths[k].filename().string();
      if (same) {
        for (const auto& d : rec->diagnostics) outer.report(d);  // as the full load reported them
        for (std::size_t k = 0; k < paths.size(); ++k) rec->files[k].path = paths[k];
        out.corpus.files = std::move(rec->files);
        out.corpus.articles = std::move(rec->articles);
        out.facts = std::move(rec->facts);
        out.stats.files = out.stats.hits = paths.size();
        out.stats.corpus_hit = true;
        return out;
      }
      ++out.stats.rejected;
    }
  }
  RecordingSink sink(outer, whole_key.has_value());  // what the corpus entry replays
  stage.emplace("cache.files");

  // 1. Each file's record: from the cache when its bytes are known, else built and stored.
  // Its facts go to the corpus-wide merge at once (a reprint's are dropped there), so the load
  // holds the merged facts, not every article's; extraction's diagnostics wait until every
  // file is read (as extract() reports them). A file with the same bytes as an earlier one
  // reads the entry that one wrote.
  extract::Merger merger(extractor.topics());
  std::vector<Diagnostic> extraction_diagnostics;
  const std::function<void(extract::ArticleFacts&&)> to_merge = [&](extract::ArticleFacts&& f) {
    for (auto& d : f.diagnostics) extraction_diagnostics.push_back(std::move(d));
    merger.add(std::move(f));
  };
  for (const auto& path : paths) {
    const std::string name = path.filename().string();
    std::string raw;
    try {
      raw = read_file(path);
    } catch (const std::filesystem::filesystem_error& e) {
      if (options.bad_files == ingest::BadFile::Fail) throw;
      ingest::report_skipped(access_error(e), path, sink);
      continue;
    } catch (const Error& e) {
      if (options.bad_files == ingest::BadFile::Fail) throw;
      ingest::report_skipped(e.diagnostic(), path, sink);
      continue;
    }
    std::optional<FileRecord> rec;
    std::string key;
    // A file bigger than kMaxCachedFileBytes gets no entry: its record (every article's facts)
    // would take many times its size to build and outgrow the cache's bound.
    const bool cached = store && raw.size() <= kMaxCachedFileBytes;
    if (cached) {
      const std::string hash = sha256_hex(raw);
      key = Sha256().update(version).update("\n").update(hash).hex();
      if (auto bytes = store->read(key)) {
        rec = decode(*bytes, key);
        if (rec && (rec->file.content_hash != hash || rec->file.size != raw.size())) rec.reset();
        if (!rec) ++out.stats.rejected;
      }
    }
    if (rec) {
      ++out.stats.hits;
      rename(*rec, name);  // a copy of a file seen under another name
    } else {
      ++out.stats.misses;
      // Without the cache nothing stores the record: its facts stream into the merge (not when
      // a file that fails half-way is to be left out: its first articles would be merged).
      const bool stream = !cached && options.bad_files == ingest::BadFile::Fail;
      try {
        rec = build_record(std::move(raw), name, extractor, cached || options.article_text,
                           stream ? &to_merge : nullptr);
      } catch (const Error& e) {  // undecodable: never cached, so reported again next run
        if (options.bad_files == ingest::BadFile::Fail) throw;
        ingest::report_skipped(e.diagnostic(), path, sink);
        continue;
      }
      if (cached && store->write(key, encode(*rec, key))) ++out.stats.written;
    }
    if (!options.article_text) drop_text(rec->articles);
    for (const auto& d : rec->ingest_diagnostics) sink.report(d);  // as ingest reports them
    for (auto& f : rec->facts) to_merge(std::move(f));
    rec->file.path = path;
    out.corpus.files.push_back(std::move(rec->file));
    if (out.corpus.articles.empty()) {
      out.corpus.articles = std::move(rec->articles);  // a big first file is not copied
    } else {
      for (auto& a : rec->articles) out.corpus.articles.push_back(std::move(a));
    }
  }
  out.stats.files = out.corpus.files.size();
  if (store && out.stats.written) out.stats.evicted = store->evict(options.max_bytes);

  // 2. Extraction's diagnostics after every file is read (as extract() reports them), then the
  // corpus-wide merge's.
  stage.emplace("cache.merge");
  for (const auto& d : extraction_diagnostics) sink.report(d);
  std::vector<Diagnostic>().swap(extraction_diagnostics);
  out.facts = merger.finish(sink);
  // 3. The corpus entry, when every file was read (a skipped one is reported again next run).
  if (whole_key && out.corpus.files.size() == paths.size()) {
    CorpusRecord whole{out.corpus.files, out.corpus.articles, out.facts, std::move(sink.items)};
    out.stats.corpus_written = store->write(*whole_key, encode(whole, *whole_key));
  }
  return out;
}

namespace {

// What identifies one version of a file without reading it; empty when it cannot be stat'ed.
}  // namespace

std::string file_hash(const std::filesystem::path& file, const Options& options,
                      const std::filesystem::path& corpus_dir) {
  if (!options.enabled) return sha256_file_hex(file);
  const std::optional<FileStamp> stamp = stamp_of(file);
  if (!stamp) return sha256_file_hex(file);
  // The entry names the file and its stamp, so a key collision or a foreign entry is refused.
  const std::string header = "ptbrief file hash\n" + file.string() + "\n" + to_string(*stamp) + "\n";
  const std::string key = sha256_hex(header);
  Store store(options.dir.empty() ? default_dir(corpus_dir) : options.dir);
  if (auto entry = store.read(key); entry && entry->size() == header.size() + 64 &&
                                    entry->compare(0, header.size(), header) == 0 &&
                                    is_sha256_hex(std::string_view(*entry).substr(header.size())))
    return entry->substr(header.size());
  const std::int64_t hashed_at = now_ns();
  std::string hash = sha256_file_hex(file);
  // Remembered only when the file did not change while it was read and is older than the
  // clock tick it was read in (hash_memo.h).
  if (!hash.empty() && stamp_of(file) == stamp && settled(*stamp, hashed_at))
    store.write(key, header + hash);
  return hash;
}

}  // namespace ptbrief::cache
