// Diagnostics render with their location and hint; atomic writes leave no temp files behind.
#include <catch2/catch.hpp>
#include <filesystem>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "support/test_support.h"

using namespace ptbrief;

TEST_CASE("a diagnostic names file, line:column, JSON path and hint") {
  Diagnostic d;
  d.file = "layouts/x.json";
  d.line = 3;
  d.column = 7;
  d.json_path = "$.page.size";
  d.message = "unknown paper size 'A7'";
  d.hint = "use A3, A4 or B5";
  CHECK(format(d) ==
        "layouts/x.json:3:7: error: at $.page.size: unknown paper size 'A7'\n  hint: use A3, A4 or B5");
}

TEST_CASE("a diagnostic without a line names the byte offset") {
  Diagnostic d;
  d.file = "a.txt";
  d.offset = 17;
  d.severity = Severity::Warning;
  d.message = "m";
  CHECK(format(d) == "a.txt: byte 17: warning: m");
}

TEST_CASE("write_file_atomically replaces the file whole and leaves no temp file") {
  auto dir = test::scratch_dir("atomic");
  auto path = dir / "sub" / "out.bin";
  write_file_atomically(path, "first");
  write_file_atomically(path, "second version");
  CHECK(read_file(path) == "second version");
  int entries = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir / "sub")) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("read_file of a missing file throws an error naming it") {
  try {
    read_file("/nonexistent/ptbrief.txt");
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "io.read");
    CHECK(std::string(e.what()).find("/nonexistent/ptbrief.txt") != std::string::npos);
  }
}
