// What pack reads of the corpus folder: exactly the files ingest reads.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "pack/fake_builder.h"
#include "pack/inputs.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

TEST_CASE("pack hashes only the article files of the corpus folder") {
  auto dir = test::scratch_dir("pack-hash-folder");
  test::put(dir / "a.txt", "article");
  test::put(dir / "B.MD", "article");
  test::put(dir / "photo.jpg", "not an article");
  test::put(dir / ".hidden.txt", "hidden");
  REQUIRE(::mkfifo((dir / "pipe.txt").c_str(), 0644) == 0);  // would block a reader
  fs::create_directories(dir / "sub.txt");
  const auto hashes = pack::hash_folder(dir);
  std::vector<std::string> names;
  for (const auto& [name, hash] : hashes) names.push_back(name);
  CHECK(names == std::vector<std::string>{"B.MD", "a.txt"});
}

TEST_CASE("an entry that cannot be inspected does not fail the corpus folder's hash") {
  // A dangling symlink and a symlink loop, and nothing after them whose check would clear a
  // reused error variable: their status errors are theirs, not the folder's.
  auto dir = test::scratch_dir("pack-hash-dangling");
  fs::create_symlink(dir / "gone.txt", dir / "dangling.txt");
  fs::create_symlink(dir / "loop.txt", dir / "loop.txt");
  CHECK(pack::hash_folder(dir).empty());
  test::put(dir / "a.txt", "article");
  CHECK(pack::hash_folder(dir).count("a.txt") == 1);
}
