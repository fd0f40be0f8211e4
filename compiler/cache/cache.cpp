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
#include <thread>
#include <unordered_map>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "base/parallel.h"
#include "base/paths.h"
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
// `threads` > 1: the articles are extracted in batches (a few dozen, a few MiB of text) on
// that many threads; everything that depends on the articles before (the copies of an earlier
// text, the practices already seen) is decided in article order, so the record and what
// `stream` gets are the same for any number of threads.
FileRecord build_record(std::string raw, const std::string& name,
                        const extract::ArticleExtractor& extractor, bool keep_text,
                        unsigned threads,
                        const std::function<void(extract::ArticleFacts&&)>* stream = nullptr) {
  FileRecord rec;
  CollectingSink ingest_sink;
  std::set<std::string> seen;  // a practice repeated later in the file: merge() would drop it
  // Streaming: the facts of the first articles of each text (extracted without diagnostics), so
  // an exact copy later in the file is not extracted again (extract::reprint_facts).
  std::unordered_map<std::string, extract::ArticleFacts> first_of_text;
  constexpr std::size_t kMaxTexts = 256;
  const std::size_t batch_articles = threads > 1 ? 64 : 1;
  constexpr std::size_t kBatchBytes = std::size_t{4} << 20;
  std::vector<ingest::Article> batch;
  std::size_t batch_bytes = 0;
  auto extract_one = [&](const ingest::Article& a) {
    DroppingSink kept_in_facts;  // ArticleFacts::diagnostics keeps them
    return extractor.extract(a, kept_in_facts);
  };
  auto flush = [&] {
    const std::size_t n = batch.size();
    std::vector<std::string> keys(n);
    std::vector<std::optional<extract::ArticleFacts>> done(n);
    std::vector<std::size_t> todo;  // extracted in parallel: what the in-order pass would extract
    if (stream) {
      std::set<std::string_view> first_in_batch;
      for (std::size_t i = 0; i < n; ++i) {
        keys[i] = extract::extraction_key(batch[i]);
        if (!first_of_text.count(keys[i]) && first_in_batch.insert(keys[i]).second) todo.push_back(i);
      }
    } else {
      for (std::size_t i = 0; i < n; ++i) todo.push_back(i);
    }
    parallel_for(todo.size(), threads, [&](std::size_t t) { done[todo[t]] = extract_one(batch[todo[t]]); });
    // In article order, as one article at a time would.
    for (std::size_t i = 0; i < n; ++i) {
      ingest::Article& a = batch[i];
      extract::ArticleFacts facts;
      if (stream) {
        if (auto it = first_of_text.find(keys[i]); it != first_of_text.end()) {
          facts = extract::reprint_facts(a, it->second);
        } else {
          facts = done[i] ? std::move(*done[i]) : extract_one(a);
          if (facts.diagnostics.empty() && !facts.print.shingles.empty() &&
              first_of_text.size() < kMaxTexts)
            first_of_text.emplace(std::move(keys[i]), facts);
        }
      } else {
        facts = std::move(*done[i]);
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
    }
    batch.clear();
    batch_bytes = 0;
  };
  // Article by article as ingest completes them: extracted, then only what the record keeps.
  ingest::ingest_stream(raw, name, ingest_sink, &rec.file, [&](ingest::Article&& a) {
    for (const auto& b : a.blocks) batch_bytes += b.text.size();
    batch.push_back(std::move(a));
    if (batch.size() >= batch_articles || batch_bytes >= kBatchBytes) flush();
  });
  flush();
  std::string().swap(raw);
  rec.ingest_diagnostics = std::move(ingest_sink.items);
  make_lean(rec.articles);  // the character map is not needed after extraction
  return rec;
}


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

// The file name of a corpus path (base/paths.h: without path::filename()'s splitting).
std::string file_name(const std::filesystem::path& path) { return std::string(file_name_of(path)); }

// The corpus entry's key: the extraction version, whether article text is kept, and every
// file's name and content hash in order; a file whose status is as remembered in `memo` is not
// read again. Nothing when a file cannot be read (the full load then reports it).
std::optional<std::string> corpus_key(const std::vector<std::filesystem::path>& paths,
                                      const std::string& version, bool article_text,
                                      HashMemo& memo) {
  Sha256 h;
  h.update(version).update(article_text ? "\ncorpus with text\n" : "\ncorpus without text\n");
  for (const auto& path : paths) {
    const std::string name = file_name(path);
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

std::shared_ptr<ByteStore> open_store(const Options& options, const std::filesystem::path& corpus_dir) {
  if (!options.enabled) return nullptr;
  return std::make_shared<Store>(options.dir.empty() ? default_dir(corpus_dir) : options.dir);
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
  // Options::corpus_entry_min_files is 2: even for the 5 seed files, one entry instead of five
  // records and their merge made the whole cold brief 8.5 % faster (paired, 11.1 vs 12.1 ms);
  // a miss reads each file twice (hashed for the corpus key, then for its record), which small
  // corpora do not notice.
  if (store && paths.size() >= options.corpus_entry_min_files) {
    HashMemo memo(*store, corpus_dir);
    whole_key = corpus_key(paths, version, options.article_text, memo);
    memo.save();
  }
  if (whole_key) {
    if (auto bytes = store->read(*whole_key)) {
      std::optional<CorpusRecord> rec = decode_corpus(*bytes, *whole_key);
      bool same = rec && rec->files.size() == paths.size();
      for (std::size_t k = 0; same && k < paths.size(); ++k)
        same = rec->files[k].name == file_name(paths[k]);
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
  // reuses that one's record.
  //
  // Files go in windows (a few dozen, a few MiB): each window's files are read, hashed, looked
  // up and (on a miss) ingested, extracted and stored on every core (the per-file work shares
  // nothing), then taken in file order — diagnostics reported, records merged — so the result
  // does not depend on the number of threads. A file above Options::max_cached_file_bytes is
  // a window of its own, read and streamed into the merge by this thread (its articles
  // extracted on every core, in batches, by build_record).
  extract::Merger merger(extractor.topics());
  std::vector<Diagnostic> extraction_diagnostics;
  const std::function<void(extract::ArticleFacts&&)> to_merge = [&](extract::ArticleFacts&& f) {
    for (auto& d : f.diagnostics) extraction_diagnostics.push_back(std::move(d));
    merger.add(std::move(f));
  };
  const unsigned threads = options.threads ? options.threads
                                           : std::max(1u, std::thread::hardware_concurrency());
  // What one file's turn produced, until the ordered step takes it.
  struct Slot {
    std::optional<Diagnostic> skipped;  // read or decoding failed (BadFile::Skip)
    std::exception_ptr error;           // read or decoding failed (BadFile::Fail)
    std::string raw;                    // a file too big for an entry: streamed in order
    bool big = false;
    std::string hash;                   // content hash (files with an entry)
    std::optional<FileRecord> rec;
    bool hit = false, rejected = false, written = false, copy_of_earlier = false;
  };
  auto read_slot = [&](const std::filesystem::path& path, Slot& slot) {
    try {
      slot.raw = read_file(path);
    } catch (const std::filesystem::filesystem_error& e) {
      if (options.bad_files == ingest::BadFile::Fail) slot.error = std::current_exception();
      else slot.skipped = access_error(e);
      return false;
    } catch (const Error& e) {
      if (options.bad_files == ingest::BadFile::Fail) slot.error = std::current_exception();
      else slot.skipped = e.diagnostic();
      return false;
    }
    return true;
  };
  // One file's record (not one too big for an entry, not a copy of an earlier file of its
  // window): from the store, else built and stored.
  auto fill_slot = [&](const std::string& name, Slot& slot) {
    std::string key;
    const bool cached = store.has_value();  // a file too big for an entry is not here
    if (cached) {
      key = Sha256().update(version).update("\n").update(slot.hash).hex();
      if (auto bytes = store->read(key)) {
        slot.rec = decode(*bytes, key);
        if (slot.rec && (slot.rec->file.content_hash != slot.hash || slot.rec->file.size != slot.raw.size()))
          slot.rec.reset();
        slot.rejected = !slot.rec;
      }
    }
    if (slot.rec) {
      slot.hit = true;
      std::string().swap(slot.raw);
      return;
    }
    try {
      slot.rec = build_record(std::move(slot.raw), name, extractor, cached || options.article_text, 1);
    } catch (const Error& e) {  // undecodable: never cached, so reported again next run
      if (options.bad_files == ingest::BadFile::Fail) slot.error = std::current_exception();
      else slot.skipped = e.diagnostic();
      return;
    }
    if (cached) slot.written = store->write(key, encode(*slot.rec, key));
  };
  // The ordered step: what the file's turn produced goes to the sink, the merge and the corpus.
  auto take = [&](const std::filesystem::path& path, FileRecord& rec) {
    if (!options.article_text) drop_text(rec.articles);
    for (const auto& d : rec.ingest_diagnostics) sink.report(d);  // as ingest reports them
    for (auto& f : rec.facts) to_merge(std::move(f));
    rec.file.path = path;
    out.corpus.files.push_back(std::move(rec.file));
    if (out.corpus.articles.empty()) {
      out.corpus.articles = std::move(rec.articles);  // a big first file is not copied
    } else {
      for (auto& a : rec.articles) out.corpus.articles.push_back(std::move(a));
    }
  };
  constexpr std::size_t kWindowFiles = 64;
  constexpr std::uintmax_t kWindowBytes = std::uintmax_t{32} << 20;
  for (std::size_t first = 0; first < paths.size();) {
    // The window: consecutive files up to kWindowFiles / kWindowBytes; a big file alone.
    std::size_t last = first;
    std::uintmax_t bytes = 0;
    while (last < paths.size() && last - first < kWindowFiles) {
      std::error_code ec;
      const std::uintmax_t size = std::filesystem::file_size(paths[last], ec);
      const bool big = !ec && size > options.max_cached_file_bytes;
      if (last > first && (big || bytes + (ec ? 0 : size) > kWindowBytes)) break;
      bytes += ec ? 0 : size;
      ++last;
      if (big) break;
    }
    const std::size_t n = last - first;
    std::vector<Slot> slots(n);
    // Read and hash on every core; a file too big for an entry is kept for the ordered step.
    parallel_for(n, threads, [&](std::size_t k) {
      Slot& slot = slots[k];
      if (!read_slot(paths[first + k], slot)) return;
      slot.big = slot.raw.size() > options.max_cached_file_bytes;
      if (!slot.big) slot.hash = sha256_hex(slot.raw);
    });
    // A file with the bytes of an earlier one of the window waits for that one's record.
    std::vector<std::size_t> original(n);
    std::unordered_map<std::string_view, std::size_t> by_hash;
    std::vector<std::size_t> todo;
    for (std::size_t k = 0; k < n; ++k) {
      original[k] = k;
      if (slots[k].error || slots[k].skipped || slots[k].big) continue;
      auto [it, fresh] = by_hash.emplace(slots[k].hash, k);
      if (fresh) todo.push_back(k);
      else original[k] = it->second, slots[k].copy_of_earlier = true, std::string().swap(slots[k].raw);
    }
    parallel_for(todo.size(), threads, [&](std::size_t t) {
      const std::size_t k = todo[t];
      fill_slot(file_name(paths[first + k]), slots[k]);
    });
    // In file order.
    for (std::size_t k = 0; k < n; ++k) {
      const std::filesystem::path& path = paths[first + k];
      const std::string name = file_name(path);
      Slot& slot = slots[k];
      if (slot.copy_of_earlier) {
        const Slot& from = slots[original[k]];
        if (from.error) std::rethrow_exception(from.error);
        if (from.skipped) {  // the same bytes fail the same way, under this file's name
          ingest::report_skipped(*from.skipped, path, sink);
          continue;
        }
        ++out.stats.hits;  // its record was handed down by the previous file of these bytes
        rename(*slot.rec, name);  // a copy of a file seen under another name
      }
      if (slot.error) std::rethrow_exception(slot.error);
      if (slot.skipped) {
        ingest::report_skipped(*slot.skipped, path, sink);
        continue;
      }
      if (slot.big) {
        ++out.stats.misses;
        // Without the cache nothing stores the record: its facts stream into the merge (not
        // when a file that fails half-way is to be left out: its first articles would be merged).
        const bool stream = options.bad_files == ingest::BadFile::Fail;
        try {
          slot.rec = build_record(std::move(slot.raw), name, extractor, options.article_text,
                                  threads, stream ? &to_merge : nullptr);
        } catch (const Error& e) {
          if (options.bad_files == ingest::BadFile::Fail) throw;
          ingest::report_skipped(e.diagnostic(), path, sink);
          continue;
        }
      } else if (!slot.copy_of_earlier) {
        if (slot.rejected) ++out.stats.rejected;
        if (slot.hit) {
          ++out.stats.hits;
          rename(*slot.rec, name);  // a copy of a file seen under another name
        } else {
          ++out.stats.misses;
          if (slot.written) ++out.stats.written;
        }
      }
      // The next file of the window with these bytes gets a copy of the record.
      if (!slot.big)
        for (std::size_t j = k + 1; j < n; ++j)
          if (original[j] == original[k] && slots[j].copy_of_earlier) {
            slots[j].rec = *slot.rec;
            break;
          }
      take(path, *slot.rec);
      slot.rec.reset();
    }
    first = last;
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
