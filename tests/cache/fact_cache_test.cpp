// The per-file fact cache: cached facts are the facts a fresh run gives; only new or changed
// files are extracted; copies reuse their original's entry; torn, altered or foreign entries
// are rebuilt, never trusted; the folder stays under its bound; concurrent runs are safe.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>
#include <sstream>

#include "cache/cache.h"
#include "cache/record.h"
#include "pack/build.h"
#include "support/test_support.h"

using namespace ptbrief;
namespace fs = std::filesystem;

namespace {

fs::path articles_dir() { return fs::path(PTBRIEF_SOURCE_DIR) / "tests/extract/articles"; }

// A scratch corpus holding the first `n` made-up articles.
fs::path corpus_of(const std::string& name, std::size_t n) {
  const fs::path dir = test::scratch_dir(name) / "corpus";
  fs::create_directories(dir);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(articles_dir()))
    if (ingest::is_article_file(e.path())) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= n);
  for (std::size_t i = 0; i < n; ++i) fs::copy_file(files[i], dir / files[i].filename());
  return dir;
}

// The facts (and what was reported) as a run without any cache gives them.
std::string fresh(const fs::path& corpus, const fs::path& topics = extract::default_topics_file()) {
  CollectingSink sink;
  const auto c = ingest::ingest(corpus, sink);
  const auto facts = extract::extract(c, topics, sink);
  std::string out = extract::dump(facts) + extract::to_json(facts);
  for (const auto& d : sink.items) out += format(d) + "\n";
  return out;
}

struct Run {
  std::string text;  ///< as fresh() renders it
  cache::Stats stats;
  std::size_t articles = 0;
};

/// `per_file_only`: no corpus entry, so every run reads (or builds) each file's record.
Run cached(const fs::path& corpus, const fs::path& cache_dir,
           const fs::path& topics = extract::default_topics_file(), bool per_file_only = false) {
  cache::Options options;
  options.dir = cache_dir;
  if (per_file_only) options.corpus_entry_min_files = SIZE_MAX;
  CollectingSink sink;
  const auto loaded = cache::load(corpus, topics, options, sink);
  Run r{extract::dump(loaded.facts) + extract::to_json(loaded.facts), loaded.stats,
        loaded.corpus.articles.size()};
  for (const auto& d : sink.items) r.text += format(d) + "\n";
  return r;
}

std::vector<fs::path> entries(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".fc") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void write(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("cached facts are the facts a fresh run gives, and a second run extracts nothing") {
  const fs::path corpus = articles_dir();
  const fs::path dir = test::scratch_dir("cache_same") / "cache";
  const std::string expected = fresh(corpus);
  const Run cold = cached(corpus, dir);
  CHECK(cold.stats.misses == cold.stats.files);
  CHECK(cold.stats.written == cold.stats.files);
  CHECK(cold.text == expected);
  const Run warm = cached(corpus, dir);
  CHECK(warm.stats.hits == warm.stats.files);
  CHECK(warm.stats.misses == 0);
  CHECK(warm.articles == cold.articles);
  CHECK(warm.text == expected);
}

TEST_CASE("the shared corpus gives the same facts from the cache") {
  const fs::path dir = test::scratch_dir("cache_corpus") / "cache";
  const std::string expected = fresh(test::corpus_dir());
  CHECK(cached(test::corpus_dir(), dir).text == expected);
  const Run warm = cached(test::corpus_dir(), dir);
  CHECK(warm.stats.hits == 5);
  CHECK(warm.text == expected);
}

TEST_CASE("only a new or changed file is ingested and extracted again") {
  const fs::path corpus = corpus_of("cache_changed", 4);
  const fs::path dir = corpus.parent_path() / "cache";
  cached(corpus, dir);
  const fs::path first = *fs::directory_iterator(corpus);
  {
    std::ofstream(first, std::ios::app) << "\n\n本报讯 园区新增企业党组织12个，覆盖职工3000余人。\n";
  }
  const Run after = cached(corpus, dir);
  CHECK(after.stats.misses == 1);
  CHECK(after.stats.hits == 3);
  CHECK(after.text == fresh(corpus));
  CHECK(after.text.find("3000") != std::string::npos);
}

TEST_CASE("a copy under another name reuses the entry and cites its own name") {
  const fs::path corpus = corpus_of("cache_copy", 2);
  const fs::path dir = corpus.parent_path() / "cache";
  cached(corpus, dir);
  const fs::path original = *fs::directory_iterator(corpus);
  fs::copy_file(original, corpus / "zz_reprint.txt");
  const Run r = cached(corpus, dir);
  CHECK(r.stats.misses == 0);
  CHECK(r.stats.hits == 3);
  CHECK(r.text == fresh(corpus));
  CHECK(r.text.find("zz_reprint#1") != std::string::npos);
  CHECK(r.text.find("zz_reprint.txt") != std::string::npos);
}

TEST_CASE("a torn, altered or foreign cache entry is ignored and rebuilt") {
  const fs::path corpus = corpus_of("cache_corrupt", 3);
  const fs::path dir = corpus.parent_path() / "cache";
  const std::string expected = fresh(corpus);
  cached(corpus, dir, extract::default_topics_file(), true);
  const auto files = entries(dir);
  REQUIRE(files.size() == 3);
  std::string bytes = test::slurp(files[0]);
  write(files[0], bytes.substr(0, bytes.size() / 2));            // torn
  std::string altered = test::slurp(files[1]);
  altered[altered.size() - 3] = static_cast<char>(altered[altered.size() - 3] ^ 0x20);
  write(files[1], altered);                                      // one bit changed
  write(files[2], test::slurp(files[0]));                        // another entry's bytes
  const Run r = cached(corpus, dir, extract::default_topics_file(), true);
  CHECK(r.stats.rejected == 3);
  CHECK(r.stats.misses == 3);
  CHECK(r.text == expected);
  const Run again = cached(corpus, dir, extract::default_topics_file(), true);  // rebuilt entries are good again
  CHECK(again.stats.hits == 3);
  CHECK(again.text == expected);
}

TEST_CASE("an entry decodes only whole, unaltered and under its own key") {
  const fs::path corpus = corpus_of("cache_decode", 1);
  const fs::path file = *fs::directory_iterator(corpus);
  cache::FileRecord rec;
  CollectingSink sink;
  const std::string raw = test::slurp(file);
  rec.articles = ingest::ingest_bytes(raw, file.filename().string(), sink, &rec.file);
  const extract::ArticleExtractor extractor(extract::default_topics_file());
  for (const auto& a : rec.articles) rec.facts.push_back(extractor.extract(a, sink));
  cache::make_lean(rec.articles);
  const std::string key(64, 'a');
  const std::string bytes = cache::encode(rec, key);
  const auto back = cache::decode(bytes, key);
  REQUIRE(back);
  CHECK(cache::encode(*back, key) == bytes);
  CHECK_FALSE(cache::decode(bytes, std::string(64, 'b')));
  for (std::size_t n = 0; n < bytes.size(); n += 1 + bytes.size() / 97)
    CHECK_FALSE(cache::decode(bytes.substr(0, n), key));
  for (std::size_t at = 0; at < bytes.size(); at += 1 + bytes.size() / 61) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 1);
    CHECK_FALSE(cache::decode(flipped, key));
  }
}

TEST_CASE("a changed topic catalogue is a new extraction version") {
  const fs::path corpus = corpus_of("cache_topics", 2);
  const fs::path dir = corpus.parent_path() / "cache";
  const fs::path topics = corpus.parent_path() / "topics.json";
  fs::copy_file(extract::default_topics_file(), topics);
  cached(corpus, dir, topics);
  CHECK(cached(corpus, dir, topics).stats.hits == 2);
  std::ofstream(topics, std::ios::app) << "\n";
  const Run r = cached(corpus, dir, topics);
  CHECK(r.stats.misses == 2);
  CHECK(r.text == fresh(corpus, topics));
}

TEST_CASE("the cache folder stays under its bound, oldest entries first") {
  const fs::path corpus = corpus_of("cache_bound", 6);
  const fs::path dir = corpus.parent_path() / "cache";
  cached(corpus, dir);
  std::uintmax_t total = 0, largest = 0;
  for (const auto& e : entries(dir)) {
    total += fs::file_size(e);
    largest = std::max(largest, fs::file_size(e));
  }
  fs::create_directories(dir);
  write(dir / ".dead.fc.tmp.1.2.3", "left by a killed run");
  fs::last_write_time(dir / ".dead.fc.tmp.1.2.3", fs::file_time_type::clock::now() - std::chrono::hours(2));
  std::ofstream(fs::directory_iterator(corpus)->path(), std::ios::app) << "\n本报讯 新增12个。\n";
  cache::Options options;
  options.dir = dir;
  options.max_bytes = total / 2;
  CollectingSink sink;
  const auto loaded = cache::load(corpus, extract::default_topics_file(), options, sink);
  CHECK(loaded.stats.evicted > 0);
  std::uintmax_t after = 0;
  for (const auto& e : entries(dir)) after += fs::file_size(e);
  CHECK(after <= options.max_bytes);
  CHECK_FALSE(fs::exists(dir / ".dead.fc.tmp.1.2.3"));
  (void)largest;
}

TEST_CASE("with the cache off nothing is read or written") {
  const fs::path corpus = corpus_of("cache_off", 2);
  const fs::path dir = corpus.parent_path() / "cache";
  cached(corpus, dir);
  cache::Options options;
  options.enabled = false;
  options.dir = corpus.parent_path() / "other";
  CollectingSink sink;
  const auto loaded = cache::load(corpus, extract::default_topics_file(), options, sink);
  CHECK(loaded.stats.misses == 2);
  CHECK(loaded.stats.hits == 0);
  CHECK_FALSE(fs::exists(options.dir));
}

TEST_CASE("a cache folder that cannot be made is no error") {
  const fs::path corpus = corpus_of("cache_unwritable", 2);
  write(corpus.parent_path() / "file", "x");
  const Run r = cached(corpus, corpus.parent_path() / "file" / "cache");
  CHECK(r.stats.misses == 2);
  CHECK(r.stats.written == 0);
  CHECK(r.text == fresh(corpus));
}

TEST_CASE("runs at the same time on one cache folder all get the right facts") {
  const fs::path corpus = corpus_of("cache_concurrent", 8);
  const fs::path dir = corpus.parent_path() / "cache";
  const std::string expected = fresh(corpus);
  std::vector<std::string> got(4);
  std::vector<std::thread> runs;
  for (std::size_t t = 0; t < got.size(); ++t)
    runs.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) got[t] = cached(corpus, dir, extract::default_topics_file(), true).text;
    });
  for (auto& t : runs) t.join();
  for (const auto& g : got) CHECK(g == expected);
  CHECK(entries(dir).size() == 8);
  for (const auto& e : fs::directory_iterator(dir))
    CHECK(e.path().extension() == ".fc");  // no temp file left behind
}

TEST_CASE("ptbrief writes its cache under XDG_CACHE_HOME, and --no-cache bypasses it") {
  const fs::path corpus = corpus_of("cache_cli", 2);
  const fs::path home = corpus.parent_path() / "xdg";
  const auto off = test::run_ptbrief({"list", "parks", "--corpus", corpus.string(), "--no-cache"},
                                     {"XDG_CACHE_HOME=" + home.string()});
  CHECK(off.exit_code == 0);
  CHECK_FALSE(fs::exists(home / "ptbrief"));
  const auto on = test::run_ptbrief({"list", "parks", "--corpus", corpus.string()},
                                    {"XDG_CACHE_HOME=" + home.string()});
  CHECK(on.exit_code == 0);
  CHECK(on.out == off.out);
  CHECK(entries(home / "ptbrief").size() >= 3);  // the 2 files' records and the corpus entry
  for (const char* command : {"make", "extract", "pack"}) {
    const auto help = test::run_ptbrief({command, "--help"});
    CHECK(help.out.find("--no-cache") != std::string::npos);
  }
}

TEST_CASE("with BadFile::Skip an undecodable file is a warning naming it, cached or not") {
  const fs::path corpus = corpus_of("cache_bad_file", 2);
  const fs::path dir = corpus.parent_path() / "cache";
  write(corpus / "zz_broken.txt", std::string("如皋\0\x01\x02", 9));
  cache::Options options;
  options.dir = dir;
  {
    CollectingSink sink;
    CHECK_THROWS_AS(cache::load(corpus, extract::default_topics_file(), options, sink), Error);
  }
  options.bad_files = ingest::BadFile::Skip;
  // The failed run cached the two good files (read before the bad one); the bad file is
  // never cached, so every run reports it again.
  for (int round = 0; round < 2; ++round) {
    CollectingSink sink;
    const auto loaded = cache::load(corpus, extract::default_topics_file(), options, sink);
    CHECK(loaded.corpus.files.size() == 2);
    CHECK(loaded.stats.hits == 2);
    CHECK(loaded.stats.written == 0);
    std::size_t skipped = 0;
    for (const auto& d : sink.items)
      if (d.code == "ingest.skipped") {
        ++skipped;
        CHECK(d.severity == Severity::Warning);
        CHECK(d.file.find("zz_broken.txt") != std::string::npos);
      }
    CHECK(skipped == 1);
  }
}

TEST_CASE("corrections apply after the cache: an added figure and the sentences are as without it") {
  const fs::path corpus = corpus_of("cache_corrections", 3);
  const fs::path dir = corpus.parent_path() / "cache";
  // A quote from the middle of a made-up article's body, and a park the corpus has.
  CollectingSink probe;
  const auto c = ingest::ingest(corpus, probe);
  const auto facts = extract::extract(c, extract::default_topics_file(), probe);
  REQUIRE(!facts.parks.empty());
  std::string file, quote;
  for (const auto& a : c.articles)
    for (const auto& b : a.blocks)
      if (quote.empty() && b.type == ingest::BlockType::Paragraph && b.sentences.size() >= 2) {
        file = a.file;
        quote = b.text.substr(b.sentences[1].begin, b.sentences[1].end - b.sentences[1].begin);
      }
  REQUIRE(!quote.empty());
  const nlohmann::json add = {{"add", {{{"type", "figure"}, {"file", file}, {"quote", quote},
                                         {"park", facts.parks[0].name}, {"subject", "测试"},
                                         {"value", 7}, {"unit", "项"}}}}};
  const fs::path corrections = corpus.parent_path() / "corrections.json";
  write(corrections, add.dump());

  auto load = [&](bool use_cache) {
    pack::LoadOptions options;
    options.corrections = corrections;
    options.cache.enabled = use_cache;
    options.cache.dir = dir;
    CollectingSink sink;
    const auto loaded = pack::load_facts(corpus, sink, options);
    REQUIRE(loaded.outcomes.size() == 1);
    std::string out = extract::to_json(loaded.facts);
    for (const auto& d : sink.items) out += format(d) + "\n";
    for (const auto& a : loaded.corpus.articles)  // review shows a fact's sentence from these
      for (const auto& b : a.blocks)
        for (const auto& x : b.sentences)
          out += a.id + " " + std::to_string(x.begin) + "-" + std::to_string(x.end) + "\n";
    return out;
  };
  const std::string expected = load(false);
  CHECK(expected.find("测试") != std::string::npos);
  CHECK(load(true) == expected);  // cold: records written
  CHECK(load(true) == expected);  // warm: lean blocks from the cache
}

TEST_CASE("a corpus of many files is read back whole from one entry while nothing changes") {
  // 36 files: the made-up articles, each under three names, one copy of each with a line added
  // (so reprints and distinct articles mix), enough for the corpus entry.
  const fs::path corpus = test::scratch_dir("cache_whole") / "corpus";
  fs::create_directories(corpus);
  std::vector<fs::path> sources;
  for (const auto& e : fs::directory_iterator(articles_dir()))
    if (ingest::is_article_file(e.path())) sources.push_back(e.path());
  std::sort(sources.begin(), sources.end());
  std::size_t n = 0;
  for (int copy = 0; n < 36; ++copy)
    for (const auto& src : sources) {
      if (n == 36) break;
      const fs::path to = corpus / ("c" + std::to_string(copy) + "_" + src.filename().string());
      fs::copy_file(src, to);
      if (copy == 1) std::ofstream(to, std::ios::app) << "\n\n本报讯 园区新增企业" << n << "家。\n";
      ++n;
    }
  const fs::path dir = corpus.parent_path() / "cache";
  const std::string expected = fresh(corpus);
  const Run cold = cached(corpus, dir);
  CHECK(cold.stats.misses + cold.stats.hits == 36);
  CHECK(cold.stats.corpus_written);
  CHECK(cold.text == expected);
  const Run warm = cached(corpus, dir);
  CHECK(warm.stats.hits == 36);
  CHECK(warm.stats.misses == 0);
  CHECK(warm.stats.written == 0);
  CHECK(warm.stats.corpus_hit);
  CHECK(warm.articles == cold.articles);
  CHECK(warm.text == expected);

  std::ofstream(corpus / ("c2_" + sources[0].filename().string()), std::ios::app)
      << "\n\n本报讯 园区新增企业党组织12个，覆盖职工3000余人。\n";
  const Run changed = cached(corpus, dir);
  CHECK_FALSE(changed.stats.corpus_hit);
  CHECK(changed.stats.misses == 1);
  CHECK(changed.text == fresh(corpus));
  CHECK(changed.text.find("3000") != std::string::npos);
}

TEST_CASE("a corpus entry decodes only whole, unaltered and under its own key") {
  const fs::path corpus = corpus_of("cache_whole_decode", 3);
  cache::Options options;
  options.enabled = false;
  CollectingSink sink;
  auto loaded = cache::load(corpus, extract::default_topics_file(), options, sink);
  cache::CorpusRecord rec{loaded.corpus.files, loaded.corpus.articles, loaded.facts, sink.items};
  const std::string key(64, 'c');
  const std::string bytes = cache::encode(rec, key);
  const auto back = cache::decode_corpus(bytes, key);
  REQUIRE(back);
  CHECK(cache::encode(*back, key) == bytes);
  CHECK(extract::dump(back->facts) == extract::dump(loaded.facts));
  CHECK_FALSE(cache::decode_corpus(bytes, std::string(64, 'd')));
  CHECK_FALSE(cache::decode(bytes, key));  // not a file's record
  for (std::size_t k = 0; k < bytes.size(); k += 1 + bytes.size() / 53)
    CHECK_FALSE(cache::decode_corpus(bytes.substr(0, k), key));
}

TEST_CASE("a load gives the same facts, diagnostics and corpus on 1, 2 or 4 threads") {
  // Made-up articles, copies of some under other names (in one window and across windows),
  // an undecodable file (BadFile::Skip), and a feed file of many articles, some of them exact
  // copies, above the entry size limit (streamed, its articles extracted in parallel batches).
  const fs::path corpus = corpus_of("cache_threads", 26);
  for (const char* name : {"a01_kaifaqu_county.txt", "a05_xinqu.txt"})
    fs::copy_file(corpus / name, corpus / (std::string("z_copy_") + name));
  write(corpus / "b_bad.txt", std::string("\xff\xfe\x00\xd8 broken", 10));
  std::string feed;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(articles_dir()))
    if (ingest::is_article_file(e.path())) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (std::size_t n = 0; n < 150; ++n) {
    std::ifstream in(files[n % files.size()], std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    feed += "本报讯（记者 李明）第" + std::to_string(n % 40 + 1) + "期园区动态。\n\n" + text.str() + "\n\n";
  }
  write(corpus / "c_feed.txt", feed);

  auto run = [&](unsigned threads, bool cache_on, const fs::path& cache_dir) {
    cache::Options options;
    options.enabled = cache_on;
    options.dir = cache_dir;
    options.threads = threads;
    options.bad_files = ingest::BadFile::Skip;
    options.max_cached_file_bytes = 64 * 1024;  // the feed file is "big"
    CollectingSink sink;
    const auto loaded = cache::load(corpus, extract::default_topics_file(), options, sink);
    std::string out = extract::dump(loaded.facts) + extract::to_json(loaded.facts);
    for (const auto& d : sink.items) out += format(d) + "\n";
    for (const auto& a : loaded.corpus.articles) {
      out += a.id + " " + std::to_string(a.blocks.size());
      for (const auto& b : a.blocks) out += "|" + b.text;
      out += "\n";
    }
    for (const auto& f : loaded.corpus.files) out += f.name + " " + f.content_hash + "\n";
    return std::make_pair(out, loaded.stats);
  };
  const fs::path scratch = test::scratch_dir("cache_threads_caches");
  const auto [off, off_stats] = run(1, false, scratch / "unused");
  const auto [cold1, cold1_stats] = run(1, true, scratch / "c1");
  std::size_t feed_articles = 0;  // the feed file's articles, one line each in the corpus part
  for (std::size_t at = 0; (at = off.find("\nc_feed", at)) != std::string::npos; ++at) ++feed_articles;
  CHECK(feed_articles >= 150);
  CHECK(off.find("b_bad.txt") != std::string::npos);  // the warning naming it
  for (unsigned threads : {2u, 4u}) {
    INFO("threads " << threads);
    const auto [off_n, off_n_stats] = run(threads, false, scratch / "unused");
    CHECK(off_n == off);
    const fs::path dir = scratch / ("c" + std::to_string(threads));
    const auto [cold, cold_stats] = run(threads, true, dir);
    CHECK(cold == cold1);
    CHECK(cold_stats.hits == cold1_stats.hits);
    CHECK(cold_stats.misses == cold1_stats.misses);
    CHECK(cold_stats.written == cold1_stats.written);
    const auto [warm, warm_stats] = run(threads, true, dir);
    CHECK(warm == cold1);
    CHECK(warm_stats.misses == 1);  // only the feed file, which has no entry
  }
  CHECK(cold1_stats.hits == 2);  // the two copies
}

TEST_CASE("make keeps flattened glyphs in the cache folder: the same PDF with or without them") {
  const fs::path home = test::scratch_dir("cache_glyphs") / "xdg";
  const fs::path out = home.parent_path();
  const std::vector<std::string> env = {"XDG_CACHE_HOME=" + home.string(), "SOURCE_DATE_EPOCH=1764547200"};
  auto make = [&](const std::string& name, bool cache) {
    std::vector<std::string> args = {"make", "--park", "南通高新区", "--corpus",
                                     test::corpus_dir().string(), "-o", (out / name).string()};
    if (!cache) args.push_back("--no-cache");
    const auto r = test::run_ptbrief(args, env);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return test::slurp(out / name);
  };
  const std::string plain = make("plain.pdf", false);
  CHECK_FALSE(fs::exists(home / "ptbrief"));
  const std::string first = make("first.pdf", true);  // flattens, stores
  const std::size_t files = entries(home / "ptbrief").size();
  CHECK(files > 5);  // the 5 articles' facts and each CFF face's glyphs
  const std::string second = make("second.pdf", true);  // reads them back
  CHECK(entries(home / "ptbrief").size() == files);
  CHECK(first == plain);
  CHECK(second == plain);
}
