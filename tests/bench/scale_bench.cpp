// Issue 14's corpus-size goals on their own (no peer needed), each a cold `ptbrief make`:
//   scale/1k-warm   one brief from 1,000 files (the 5 seed files, each under 200 names), warm
//                   cache, paired against the same brief from the 5 files: ratio goal ≤ 2.
//   scale/1k-cold   cold runs (empty fact cache) over the 1,000 reprints and over 1,000 distinct
//                   made-up articles: MB/s of article text (goal ≥ 50 MB/s).
//   scale/50MB-feed one ~50 MiB feed file of many different articles, --no-cache: peak RSS
//                   goal ≤ 200 MiB, and the throughput (goal ≥ 50 MB/s).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "base/paths.h"
#include "bench/bench.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

const fs::path kScratch = fs::path(PTBRIEF_BENCH_SCRATCH) / "bench-scale";

int runs() {
  const char* v = std::getenv("PTBRIEF_BENCH_RUNS");
  return v ? std::max(1, std::atoi(v)) : 7;
}

std::vector<std::string> make_argv(const fs::path& corpus, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {PTBRIEF_BENCH_BINARY, "make", "--park", "南通高新区",
                                   "--corpus", corpus.string(), "-o",
                                   (kScratch / "brief.pdf").string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string cell(const bench::Summary& s) {
  char b[200];
  std::snprintf(b, sizeof b, "%7.1f ms wall, %7.1f ms cpu, %6.1f ms sys, %6.0f faults, %6.1f MiB",
                s.wall_ms, s.cpu_ms, s.sys_ms, s.faults, s.peak_mib);
  return b;
}

const bench::Register k1k("scale/1k-warm", [] {
  ::setenv("XDG_CACHE_HOME", (kScratch / "xdg-cache").c_str(), 1);
  const fs::path small = default_corpus_dir();
  const fs::path big = kScratch / "corpus-1k";
  fs::remove_all(big);
  fs::create_directories(big);
  for (const auto& e : fs::directory_iterator(small))
    for (int i = 0; i < 200; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "r%03d_", i);
      fs::copy_file(e.path(), big / (name + e.path().filename().string()));
    }
  const auto fill = bench::run_once(make_argv(big));  // fills the fact cache
  std::printf("scale/1k-warm: first run (empty cache) %.1f ms wall, %.1f ms cpu, %.1f MiB\n",
              fill.wall_ms, fill.user_ms + fill.sys_ms, fill.rss_mib);
  const auto p = bench::measure_paired(make_argv(big), make_argv(small), runs());
  std::printf("scale/1k-warm: 1,000 files %s\n", cell(p.a).c_str());
  std::printf("scale/1k-warm:     5 files %s\n", cell(p.b).c_str());
  std::printf("scale/1k-warm: ratio %.2f (median of per-pair wall ratios; goal ≤ 2)%s\n", p.ratio,
              p.a.exit_code || p.b.exit_code ? " [exit != 0]" : "");
});

// The seed corpus's and the made-up test articles' texts, in name order.
std::vector<std::string> source_articles() {
  std::vector<std::string> sources;
  for (const fs::path& d : {default_corpus_dir(),
                            fs::path(PTBRIEF_SOURCE_DIR) / "tests/extract/articles"}) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(d))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) sources.push_back(slurp(f));
  }
  return sources;
}

// Article `n` made from `src`: a 本报讯 dateline naming its issue, then `src` with about
// `keep` tenths of its sentences kept and every number replaced by another of as many digits.
std::string varied_article(const std::string& src, std::size_t n, unsigned keep, std::mt19937& rng) {
  std::string a = "本报讯（记者 李明）第" + std::to_string(n + 1) + "期园区动态。\n\n";
  std::string sentence;
  auto flush = [&] {
    if (rng() % 10 < keep) a += sentence;
    sentence.clear();
  };
  for (std::size_t i = 0; i < src.size(); ++i) {
    const char c = src[i];
    if (c >= '0' && c <= '9') {  // a number: another one of as many digits
      std::size_t j = i;
      while (j < src.size() && src[j] >= '0' && src[j] <= '9') ++j;
      for (std::size_t k = i; k < j; ++k)
        sentence += static_cast<char>('0' + (k == i ? 1 + rng() % 9 : rng() % 10));
      i = j - 1;
      continue;
    }
    sentence += c;
    if (c == '\n') {
      a += sentence;  // line ends stay, so paragraphs do
      sentence.clear();
    } else if (sentence.size() >= 3 && sentence.compare(sentence.size() - 3, 3, "。") == 0) {
      flush();
    }
  }
  a += sentence + "\n\n";
  return a;
}

// A feed file as a wire service's would look: many articles one after another, each opening
// with a 本报讯 dateline, drawn from the seed corpus and the made-up test articles with about
// 60 % of their sentences kept and their numbers changed, so most are different articles
// (reprint folding keeps them) and some are near-copies.
fs::path feed_corpus(std::size_t bytes) {
  const fs::path dir = kScratch / "corpus-feed";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::vector<std::string> sources = source_articles();
  std::mt19937 rng(14);
  std::ofstream out(dir / "feed.txt", std::ios::binary);
  std::size_t written = 0;
  for (std::size_t n = 0; written < bytes; ++n) {
    const std::string a = varied_article(sources[n % sources.size()], n, 6, rng);
    out << a;
    written += a.size();
  }
  return dir;
}

// 1,000 article files, each a different article (as varied_article makes them, 80 % of the
// sentences kept): a cold corpus whose every file is ingested and extracted, unlike the
// reprinted one, where 995 files read the entries of the 5 first ones.
fs::path distinct_corpus(std::size_t files) {
  const fs::path dir = kScratch / "corpus-distinct";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::vector<std::string> sources = source_articles();
  std::mt19937 rng(1000);
  for (std::size_t n = 0; n < files; ++n) {
    char name[32];
    std::snprintf(name, sizeof name, "d%04zu.txt", n);
    std::ofstream(dir / name, std::ios::binary) << varied_article(sources[n % sources.size()], n, 8, rng);
  }
  return dir;
}

double folder_mb(const fs::path& dir) {
  std::uintmax_t bytes = 0;
  for (const auto& e : fs::directory_iterator(dir)) bytes += e.file_size();
  return static_cast<double>(bytes) / 1e6;
}

// Cold runs (each with an empty fact cache) over a corpus: MB/s of article text.
void cold_runs(const char* label, const fs::path& dir) {
  const fs::path cache = kScratch / "xdg-cold";
  ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
  std::vector<bench::RunSample> samples;
  for (int i = 0; i < runs(); ++i) {
    fs::remove_all(cache);
    samples.push_back(bench::run_once(make_argv(dir)));
  }
  const auto s = bench::summarize(samples);
  const double mb = folder_mb(dir);
  std::printf("%s: %.1f MB, cold (empty cache each run): %s\n", label, mb, cell(s).c_str());
  std::printf("%s: %.1f MB/s wall, %.1f MB/s cpu (goal ≥ 50 MB/s)%s\n", label,
              mb / (s.wall_ms / 1e3), mb / (s.cpu_ms / 1e3), s.exit_code ? " [exit != 0]" : "");
}

const bench::Register kCold("scale/1k-cold", [] {
  const fs::path reprints = kScratch / "corpus-1k";
  if (!fs::exists(reprints)) {
    fs::create_directories(reprints);
    for (const auto& e : fs::directory_iterator(default_corpus_dir()))
      for (int i = 0; i < 200; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "r%03d_", i);
        fs::copy_file(e.path(), reprints / (name + e.path().filename().string()));
      }
  }
  cold_runs("scale/1k-cold reprints (5 × 200)", reprints);
  cold_runs("scale/1k-cold distinct (1,000 articles)", distinct_corpus(1000));
});

const bench::Register kFeed("scale/50MB-feed", [] {
  const std::size_t bytes = std::size_t{50} << 20;
  const fs::path dir = feed_corpus(bytes);
  const double mb = static_cast<double>(fs::file_size(dir / "feed.txt")) / 1e6;
  const auto s = bench::summarize({bench::run_once(make_argv(dir, {"--no-cache"}))});
  std::printf("scale/50MB-feed: %.1f MB, make --no-cache: %s (goal ≤ 200 MiB)\n", mb,
              cell(s).c_str());
  std::printf("scale/50MB-feed: %.1f MB/s wall, %.1f MB/s cpu (goal ≥ 50 MB/s)%s\n",
              mb / (s.wall_ms / 1e3), mb / (s.cpu_ms / 1e3), s.exit_code ? " [exit != 0]" : "");
});

}  // namespace
