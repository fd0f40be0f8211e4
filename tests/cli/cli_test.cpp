// The command-line front end: help, version, and how it refuses what it does not know.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/test_support.h"

using ptbrief::test::run_ptbrief;

TEST_CASE("ptbrief --help lists every command and exits 0") {
  auto r = run_ptbrief({"--help"});
  CHECK(r.exit_code == 0);
  for (const char* cmd : {"make", "pack", "list", "extract", "ingest", "debug"})
    CHECK(r.out.find(std::string("  ") + cmd) != std::string::npos);
}

TEST_CASE("ptbrief <command> --help prints that command's usage") {
  auto r = run_ptbrief({"ingest", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("usage: ptbrief ingest", 0) == 0);
  CHECK(r.out.find("--corpus") != std::string::npos);
}

TEST_CASE("ptbrief --version prints the version, the ICU, HarfBuzz and libharu versions") {
  auto r = run_ptbrief({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("ptbrief ", 0) == 0);
  for (const char* line : {"\nICU ", "\nHarfBuzz ", "\nlibharu ", "\ndata: "})
    CHECK(r.out.find(line) != std::string::npos);
}

TEST_CASE("an unknown command is a one-line error plus usage, exit 2") {
  auto r = run_ptbrief({"frobnicate"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("ptbrief: unknown command 'frobnicate'\nusage: ptbrief", 0) == 0);
}

TEST_CASE("a mistyped command gets a did-you-mean") {
  auto r = run_ptbrief({"mkae"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("ptbrief: unknown command 'mkae'; did you mean 'make'?\n", 0) == 0);
}

TEST_CASE("an unknown option is a one-line error, the synopsis and a pointer to --help, exit 2") {
  auto r = run_ptbrief({"ingest", "--frob"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ptbrief ingest: unknown option '--frob' for 'ptbrief ingest'\n"
                 "usage: ptbrief ingest [--corpus DIR] [--format json|text]\n"
                 "Run 'ptbrief ingest --help' for the options.\n");
}

TEST_CASE("a mistyped option gets a did-you-mean, not the whole help") {
  auto r = run_ptbrief({"make", "--prak", "南通高新区"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("ptbrief make: unknown option '--prak' for 'ptbrief make'; did you mean "
                    "'--park'?\n", 0) == 0);
  CHECK(r.err.find("options:") == std::string::npos);
}

TEST_CASE("no command at all is an error with usage, exit 2") {
  auto r = run_ptbrief({});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("usage: ptbrief <command>") != std::string::npos);
}

TEST_CASE("a symlink loop in the corpus folder is a user error naming it, not an internal error") {
  const auto dir = ptbrief::test::scratch_dir("cli-loop");
  std::filesystem::create_symlink(dir / "loop.txt", dir / "loop.txt");
  auto r = run_ptbrief({"ingest", "--corpus", dir.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("internal error") == std::string::npos);
  CHECK(r.err.find((dir / "loop.txt").string() + ": error: cannot access") != std::string::npos);
  CHECK(r.err.find("hint: a symbolic link there points back at itself") != std::string::npos);
}

// Permission bits do not stop root: as root the command runs as nobody (setpriv, util-linux).
static ptbrief::test::RunResult run_unprivileged(const std::vector<std::string>& args) {
  std::string line = ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  line += std::string("'") + PTBRIEF_BINARY + "'";
  for (const auto& a : args) line += " '" + a + "'";
  return ptbrief::test::run_shell(line);
}

TEST_CASE("an unreadable corpus folder or article is a user error naming it, not an internal error") {
  namespace fs = std::filesystem;
  const auto dir = ptbrief::test::scratch_dir("cli-unreadable");
  fs::create_directories(dir / "corpus");
  {
    std::ofstream(dir / "corpus" / "a.txt") << "某某高新区召开党建工作会议。\n";
  }
  fs::permissions(dir / "corpus", fs::perms::none);
  auto r = run_unprivileged({"ingest", "--corpus", (dir / "corpus").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("internal error") == std::string::npos);
  CHECK(r.out.find((dir / "corpus").string() + ": error: cannot access") != std::string::npos);
  CHECK(r.out.find("Permission denied") != std::string::npos);
  CHECK(r.out.find("hint: make the folder readable") != std::string::npos);

  fs::permissions(dir / "corpus", fs::perms::owner_all | fs::perms::group_read |
                                      fs::perms::group_exec | fs::perms::others_read |
                                      fs::perms::others_exec);
  fs::permissions(dir / "corpus" / "a.txt", fs::perms::none);
  r = run_unprivileged({"ingest", "--corpus", (dir / "corpus").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("internal error") == std::string::npos);
  CHECK(r.out.find((dir / "corpus" / "a.txt").string() + ": error: cannot open") !=
        std::string::npos);
  CHECK(r.out.find("hint: check the path and its permissions") != std::string::npos);
}

TEST_CASE("a layout that is a folder or a device is refused before it is read, naming it") {
  const auto dir = ptbrief::test::scratch_dir("cli-layout-kind");
  std::filesystem::create_directories(dir / "folder.json");
  for (const std::string& layout : {(dir / "folder.json").string(), std::string("/dev/zero")}) {
    INFO(layout);
    auto r = run_ptbrief({"make", "--park", "某园区", "--layout", layout});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("internal error") == std::string::npos);
    CHECK(r.err.find(layout + ": error: cannot read '" + layout + "': it is a") != std::string::npos);
  }
}
