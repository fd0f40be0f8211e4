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

TEST_CASE("a dangling symlink in the corpus folder is skipped by pack as by ingest") {
  auto dir = test::scratch_dir("pack-hash-dangling");
  test::put(dir / "a.txt", "article");
  fs::create_symlink(dir / "gone.txt", dir / "link.txt");
  const auto hashes = pack::hash_folder(dir);
  CHECK(hashes.size() == 1);
  CHECK(hashes.count("a.txt") == 1);
}
