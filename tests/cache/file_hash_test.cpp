// The remembered hashes of large inputs (fonts, the executable): the hash of the bytes, read
// once per file version and cache folder, never a stale one after the file changed.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "cache/cache.h"
#include "support/test_support.h"

using namespace ptbrief;
namespace fs = std::filesystem;

namespace {

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) n += e.path().extension() == ".fc";
  return n;
}

void put(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace

TEST_CASE("a file's hash is remembered once in the cache folder and follows the file's changes") {
  const fs::path dir = test::scratch_dir("file-hash");
  const fs::path font = dir / "font.ttc", store = dir / "cache";
  put(font, std::string(300000, 'x'));
  cache::Options o;
  o.dir = store;
  // Just written: as new as the clock tick it is read in, so not remembered yet (an edit in
  // the same tick could leave its stamp as it is).
  CHECK(cache::file_hash(font, o, dir) == sha256_hex(std::string(300000, 'x')));
  CHECK(entries(store) == 0);
  // Older than that: remembered.
  fs::last_write_time(font, fs::file_time_type::clock::now() - std::chrono::minutes(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // and its status change time
  CHECK(cache::file_hash(font, o, dir) == sha256_hex(std::string(300000, 'x')));
  CHECK(entries(store) == 1);
  CHECK(cache::file_hash(font, o, dir) == sha256_hex(std::string(300000, 'x')));
  CHECK(entries(store) == 1);  // the second call read the entry, wrote nothing new

  // The entry is what answers: an entry whose hash was altered is returned for the same stamp
  // (so the file is not read again) ...
  fs::path entry;
  for (const auto& e : fs::directory_iterator(store)) entry = e.path();
  std::string text = read_file(entry);
  const std::string fake = sha256_hex("not the file");
  text.replace(text.size() - 64, 64, fake);
  put(entry, text);
  CHECK(cache::file_hash(font, o, dir) == fake);
  // ... and a damaged entry is not trusted.
  put(entry, text.substr(0, text.size() - 3));
  CHECK(cache::file_hash(font, o, dir) == sha256_hex(std::string(300000, 'x')));

  // A rewritten file (new size, new times) gets its new hash, never the remembered one.
  put(font, "changed");
  CHECK(cache::file_hash(font, o, dir) == sha256_hex("changed"));
  CHECK(cache::file_hash(dir / "missing.ttc", o, dir).empty());
}

TEST_CASE("with the cache off a file's hash is computed and nothing is written") {
  const fs::path dir = test::scratch_dir("file-hash-off");
  put(dir / "f.bin", "bytes");
  cache::Options o = cache::disabled();
  o.dir = dir / "cache";
  CHECK(cache::file_hash(dir / "f.bin", o, dir) == sha256_hex("bytes"));
  CHECK_FALSE(fs::exists(dir / "cache"));
}
