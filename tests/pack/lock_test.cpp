// The output folder's lock never follows or truncates someone's file; under it every temp file
// is a leftover.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "base/diagnostic.h"
#include "pack/fake_builder.h"
#include "pack/lock.h"
#include "pack/pack.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

TEST_CASE("a symlink under the lock's name is refused and its target left untouched") {
  auto dir = test::scratch_dir("lock-symlink");
  test::put(dir / "victim.txt", "precious data");
  fs::create_directories(dir / "out");
  fs::create_symlink(dir / "victim.txt", dir / "out" / pack::kLockName);
  try {
    pack::FolderLock lock(dir / "out", {});
    FAIL("the lock followed a symlink");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "pack.lock");
    CHECK(e.diagnostic().message.find("symbolic link") != std::string::npos);
    CHECK_FALSE(e.diagnostic().hint.empty());
  }
  CHECK(test::slurp(dir / "victim.txt") == "precious data");
}

TEST_CASE("taking the lock never truncates the lock file") {
  auto dir = test::scratch_dir("lock-truncate");
  const std::string before(100, 'x');
  test::put(dir / "out" / pack::kLockName, before);
  { pack::FolderLock lock(dir / "out", {}); }
  CHECK(fs::file_size(dir / "out" / pack::kLockName) == before.size());
}

TEST_CASE("a lock file with another name (a hard link) is locked but never written") {
  auto dir = test::scratch_dir("lock-hardlink");
  test::put(dir / "victim.txt", "precious data");
  fs::create_directories(dir / "out");
  fs::create_hard_link(dir / "victim.txt", dir / "out" / pack::kLockName);
  { pack::FolderLock lock(dir / "out", {}); }
  CHECK(test::slurp(dir / "victim.txt") == "precious data");
}

TEST_CASE("under the folder lock every temp file is stale, whatever its writer's pid") {
  auto dir = test::scratch_dir("lock-stale");
  // pid 1 always runs, and so does this test: a pid check would keep both files.
  test::put(dir / ".a.pdf.tmp.1.0", "partial");
  test::put(dir / (".b.pdf.tmp." + std::to_string(::getpid()) + ".3"), "partial");
  test::put(dir / ".c.pdf.tmp.Ab3dE9", "partial");
  test::put(dir / "notes.tmp.txt", "kept");
  test::put(dir / ".hidden", "kept");
  pack::FolderLock lock(dir, {});
  CHECK(pack::remove_stale_temp_files(dir) == 3);
  CHECK(fs::exists(dir / "notes.tmp.txt"));
  CHECK(fs::exists(dir / ".hidden"));
}
