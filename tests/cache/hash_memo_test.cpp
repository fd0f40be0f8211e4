// The hash memo: a file's remembered hash is used only while its status (size, times, inode)
// is unchanged and old enough that an edit in the same clock tick cannot hide; a damaged memo
// is ignored; a corpus edited without changing size or modification time is still seen.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "base/hash.h"
#include "cache/cache.h"
#include "cache/hash_memo.h"
#include "support/test_support.h"

using namespace ptbrief;
namespace fs = std::filesystem;

namespace {

void put(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

// Sets the file's modification time `seconds` into the past (its status change time stays now).
void age(const fs::path& p, int seconds) {
  fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::seconds(seconds));
}

}  // namespace

TEST_CASE("hash memo: a hash is reused for the same file status, never for a changed one") {
  const fs::path dir = test::scratch_dir("hash_memo_reuse");
  const fs::path corpus = dir / "corpus";
  fs::create_directories(corpus);
  const fs::path file = corpus / "a.txt";
  put(file, "园区新增企业12家。");
  age(file, 60);
  cache::Store store(dir / "cache");
  const std::string hash = sha256_hex("园区新增企业12家。");
  // age() set the status change time to now: the memo's run must start 2 s after it.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  {
    cache::HashMemo memo(store, corpus);
    auto stamp = cache::stamp_of(file);
    REQUIRE(stamp);
    CHECK_FALSE(memo.lookup("a.txt", *stamp));
    memo.remember("a.txt", *stamp, hash);
    memo.save();
  }
  {
    cache::HashMemo memo(store, corpus);
    CHECK(memo.lookup("a.txt", *cache::stamp_of(file)) == hash);
    CHECK_FALSE(memo.lookup("b.txt", *cache::stamp_of(file)));  // another name: not this entry
    memo.save();
  }
  // Same size, modification time put back: the status change time still tells.
  const auto mtime = fs::last_write_time(file);
  put(file, "园区新增企业13家。");
  fs::last_write_time(file, mtime);
  {
    cache::HashMemo memo(store, corpus);
    CHECK_FALSE(memo.lookup("a.txt", *cache::stamp_of(file)));
  }
  // Another corpus folder has a memo of its own.
  cache::HashMemo other(store, dir / "elsewhere");
  CHECK_FALSE(other.lookup("a.txt", *cache::stamp_of(file)));
}

TEST_CASE("hash memo: a file changed in the tick it was hashed in is hashed again") {
  const fs::path dir = test::scratch_dir("hash_memo_racy");
  const fs::path corpus = dir / "corpus";
  fs::create_directories(corpus);
  const fs::path file = corpus / "a.txt";
  put(file, "一");  // written now: as new as the run that hashes it
  cache::Store store(dir / "cache");
  {
    cache::HashMemo memo(store, corpus);
    memo.remember("a.txt", *cache::stamp_of(file), sha256_hex("一"));
    memo.save();
  }
  cache::HashMemo memo(store, corpus);
  CHECK_FALSE(memo.lookup("a.txt", *cache::stamp_of(file)));
}

TEST_CASE("hash memo: a damaged memo entry is ignored") {
  const fs::path dir = test::scratch_dir("hash_memo_damaged");
  const fs::path corpus = dir / "corpus";
  fs::create_directories(corpus);
  const fs::path file = corpus / "a.txt";
  put(file, "一");
  age(file, 60);
  cache::Store store(dir / "cache");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  {
    cache::HashMemo memo(store, corpus);
    memo.remember("a.txt", *cache::stamp_of(file), sha256_hex("一"));
    memo.save();
  }
  {  // intact, it is used
    cache::HashMemo memo(store, corpus);
    CHECK(memo.lookup("a.txt", *cache::stamp_of(file)));
  }
  for (const auto& e : fs::directory_iterator(dir / "cache")) {
    if (e.path().extension() != ".fc") continue;
    std::string text = test::slurp(e.path());
    REQUIRE(text.size() > 70);
    for (const std::string& bad : {text.substr(0, text.size() - 5),             // cut short
                                   std::string(text).replace(text.size() - 3, 1, "g"),  // not hex
                                   "ptbrief hash memo 9\t1\n" + text.substr(text.find('\n') + 1)}) {
      put(e.path(), bad);
      cache::HashMemo memo(store, corpus);
      CHECK_FALSE(memo.lookup("a.txt", *cache::stamp_of(file)));
    }
  }
}

TEST_CASE("hash memo: a corpus edited without a change of size or modification time is seen") {
  const fs::path dir = test::scratch_dir("hash_memo_corpus");
  const fs::path corpus = dir / "corpus";
  fs::create_directories(corpus);
  for (int i = 0; i < 40; ++i) {  // enough files for the corpus entry
    const fs::path f = corpus / ("a" + std::to_string(100 + i) + ".txt");
    put(f, "本报讯 南通高新区新增企业党组织" + std::to_string(10 + i) + "个。\n");
    age(f, 60);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  cache::Options options;
  options.dir = dir / "cache";
  auto load = [&] {
    CollectingSink sink;
    return cache::load(corpus, extract::default_topics_file(), options, sink);
  };
  CHECK(load().stats.corpus_written);
  CHECK(load().stats.corpus_hit);
  CHECK(load().stats.corpus_hit);  // the memo now holds every file: nothing is read
  const fs::path edited = corpus / "a120.txt";
  const auto mtime = fs::last_write_time(edited);
  put(edited, "本报讯 南通高新区新增企业党组织99个。\n");  // same size, same time
  fs::last_write_time(edited, mtime);
  const auto after = load();
  CHECK_FALSE(after.stats.corpus_hit);
  bool seen = false;
  for (const auto& f : after.facts.figures) seen = seen || f.value == "99";
  CHECK(seen);
}
