// Output paths are someone's files: what write_file_atomically refuses, keeps and never follows;
// read_file's checks before it reads anything.
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

/// The diagnostic `f` throws (fails the test when it throws none).
template <class F>
Diagnostic error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.diagnostic();
  }
  FAIL("expected a ptbrief::Error");
  return {};
}

void put(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode;
}

}  // namespace

TEST_CASE("an output path that is a folder, a FIFO or a symlink is refused and left alone") {
  auto dir = test::scratch_dir("atomic-refuse");
  fs::create_directories(dir / "folder.pdf");
  REQUIRE(::mkfifo((dir / "fifo.pdf").c_str(), 0644) == 0);
  put(dir / "victim.txt", "precious");
  fs::create_symlink(dir / "victim.txt", dir / "link.pdf");
  for (const char* name : {"folder.pdf", "fifo.pdf", "link.pdf"}) {
    INFO(name);
    const mode_t before = mode_of(dir / name);
    const Diagnostic d = error_of([&] { write_file_atomically(dir / name, "%PDF-1.4"); });
    CHECK(d.code == "io.not_regular");
    CHECK(d.file == (dir / name).string());
    CHECK(d.message.find("not a regular file") != std::string::npos);
    CHECK_FALSE(d.hint.empty());
    CHECK(mode_of(dir / name) == before);
  }
  CHECK(test::slurp(dir / "victim.txt") == "precious");
  for (const auto& e : fs::directory_iterator(dir))
    CHECK_FALSE(is_temp_file_name(e.path().filename().string()));
}

TEST_CASE("symlinks planted at predictable temp names are never written through") {
  auto dir = test::scratch_dir("atomic-planted");
  put(dir / "victim.txt", "precious");
  // The names an older ptbrief used: ".<name>.tmp.<pid>.<counter>".
  for (int n = 0; n < 50; ++n)
    fs::create_symlink(dir / "victim.txt",
                       dir / (".out.pdf.tmp." + std::to_string(::getpid()) + "." +
                              std::to_string(n)));
  for (int i = 0; i < 5; ++i) write_file_atomically(dir / "out.pdf", "new " + std::to_string(i));
  CHECK(test::slurp(dir / "victim.txt") == "precious");
  CHECK(test::slurp(dir / "out.pdf") == "new 4");
}

TEST_CASE("temp file names are random and recognisable") {
  CHECK(is_temp_file_name(".out.pdf.tmp.a8Zk3Q"));
  CHECK_FALSE(is_temp_file_name("out.pdf"));
  CHECK_FALSE(is_temp_file_name(".out.pdf.tmp.a8Z"));
  CHECK_FALSE(is_temp_file_name(".out.pdf.tmp.a8Zk3Q.pdf"));
}

TEST_CASE("a rebuilt file keeps the replaced file's permission bits and group") {
  auto dir = test::scratch_dir("atomic-mode");
  const fs::path out = dir / "brief.pdf";
  write_file_atomically(out, "first");
  // A supplementary group of ours, when there is one, shows the group is carried over.
  gid_t groups[64];
  const int n = ::getgroups(64, groups);
  const gid_t group = n > 0 ? groups[n - 1] : ::getegid();
  REQUIRE(::chown(out.c_str(), static_cast<uid_t>(-1), group) == 0);
  REQUIRE(::chmod(out.c_str(), 0640) == 0);
  write_file_atomically(out, "second");
  struct stat st {};
  REQUIRE(::stat(out.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  CHECK(st.st_gid == group);
  REQUIRE(::chmod(out.c_str(), 0600) == 0);
  write_file_atomically(out, "third");
  CHECK((mode_of(out) & 07777) == 0600);
  CHECK(test::slurp(out) == "third");
}

TEST_CASE("read_file refuses a folder or a FIFO before reading, naming it") {
  auto dir = test::scratch_dir("read-refuse");
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0644) == 0);  // would block a naive reader forever
  for (const fs::path& p : {dir, dir / "fifo"}) {
    const Diagnostic d = error_of([&] { read_file(p); });
    CHECK(d.code == "io.not_regular");
    CHECK(d.file == p.string());
    CHECK_FALSE(d.hint.empty());
  }
}

TEST_CASE("read_file refuses a file larger than its limit, naming it") {
  auto dir = test::scratch_dir("read-large");
  put(dir / "big.json", std::string(5000, ' '));
  const Diagnostic d = error_of([&] { read_file(dir / "big.json", 4096); });
  CHECK(d.code == "io.too_large");
  CHECK(d.file == (dir / "big.json").string());
  CHECK(d.message.find("4096") != std::string::npos);
  CHECK(read_file(dir / "big.json", 5000).size() == 5000);
}

TEST_CASE("a file written with Sync::Later is complete at once, sync_files flushes it and skips a gone one") {
  const fs::path dir = test::scratch_dir("atomic-later");
  ptbrief::write_file_atomically(dir / "a.pdf", "old", ptbrief::Sync::Later);
  ptbrief::write_file_atomically(dir / "a.pdf", "new bytes", ptbrief::Sync::Later);
  CHECK(ptbrief::read_file(dir / "a.pdf") == "new bytes");
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) entries += e.is_regular_file();
  CHECK(entries == 1);  // no temp file left beside it
  CHECK_NOTHROW(ptbrief::sync_files({dir / "a.pdf", dir / "gone.pdf"}));
  CHECK(ptbrief::read_file(dir / "a.pdf") == "new bytes");
}
