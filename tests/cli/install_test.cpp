// Installed like a real tool: `cmake --install` into a prefix gives a binary that finds its data
// beside itself and writes into the current folder; the man page renders; completion works.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/test_support.h"

namespace fs = std::filesystem;
using ptbrief::test::run_shell;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const fs::path kBuildDir = fs::path(PTBRIEF_BINARY).parent_path();

/// Installs the build into a fresh prefix under the scratch folder (DESTDIR staging included).
fs::path install_prefix(const std::string& name) {
  const fs::path stage = ptbrief::test::scratch_dir(name);
  const fs::path prefix = "/opt/ptbrief-test";
  const auto r = run_shell("DESTDIR='" + stage.string() + "' cmake --install '" +
                           kBuildDir.string() + "' --prefix " + prefix.string() + " >/dev/null");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  return stage / prefix.relative_path();
}

}  // namespace

TEST_CASE("install: binary, data, man page and completion where the FHS puts them") {
  const fs::path p = install_prefix("install_layout");
  for (const char* f : {"bin/ptbrief", "libexec/ptbrief/ptbrief-serve",
                        "share/ptbrief/layouts/briefing.json",
                        "share/ptbrief/layouts/gongwen.json", "share/ptbrief/layouts/base.json",
                        "share/ptbrief/fonts/manifest.json", "share/ptbrief/extract/topics.json",
                        "share/man/man1/ptbrief.1", "share/bash-completion/completions/ptbrief"}) {
    INFO(f);
    CHECK(fs::is_regular_file(p / f));
  }
}

TEST_CASE("install: the installed binary reads its own share/ptbrief and writes into the cwd") {
  const fs::path p = install_prefix("install_run");
  const fs::path cwd = ptbrief::test::scratch_dir("install_run_cwd");
  const std::string bin = "'" + (p / "bin" / "ptbrief").string() + "'";
  auto r = run_shell("cd '" + cwd.string() + "' && HOME=/nonexistent " + bin + " --version");
  INFO(r.out);
  CHECK(has(r.out, "data: " + (p / "share" / "ptbrief").string()));
  r = run_shell("cd '" + cwd.string() + "' && HOME=/nonexistent " + bin +
                " make --park 南通高新区 --corpus '" + ptbrief::test::corpus_dir().string() + "'");
  INFO(r.out);
  CHECK((r.exit_code == 0 || r.exit_code == 3));
  CHECK(fs::is_regular_file(cwd / "南通高新区.pdf"));
}

TEST_CASE("install: the installed ptbrief serve starts libexec/ptbrief/ptbrief-serve") {
  const fs::path p = install_prefix("install_serve");
  const std::string bin = "'" + (p / "bin" / "ptbrief").string() + "'";
  // The corpus check is the helper's: its error proves ptbrief found and started it.
  auto r = run_shell(bin + " serve --corpus /nonexistent/corpus --port 0 2>&1");
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(has(r.out, "/nonexistent/corpus"));
  CHECK_FALSE(has(r.out, "ptbrief-serve is missing"));
  // Without the helper, the error says which files were looked for and what to do.
  fs::remove(p / "libexec" / "ptbrief" / "ptbrief-serve");
  r = run_shell(bin + " serve --port 0 2>&1");
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(has(r.out, (p / "libexec" / "ptbrief" / "ptbrief-serve").string()));
}

TEST_CASE("install: a user layout in $XDG_DATA_HOME/ptbrief/layouts extends a shipped one") {
  const fs::path p = install_prefix("install_xdg");
  const fs::path xdg = ptbrief::test::scratch_dir("install_xdg_home");
  fs::create_directories(xdg / "ptbrief" / "layouts");
  run_shell("printf '%s' '{\"extends\": \"briefing\", \"description\": \"我们的简报\"}' > '" +
            (xdg / "ptbrief" / "layouts" / "ours.json").string() + "'");
  const auto r = run_shell("XDG_DATA_HOME='" + xdg.string() + "' '" +
                           (p / "bin" / "ptbrief").string() + "' list layouts");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "ours\t我们的简报\n"));
  CHECK(has(r.out, "briefing\t"));
  CHECK(has(r.out, "gongwen\t"));
}

TEST_CASE("the man page renders without warnings and names every command") {
  const std::string page = PTBRIEF_SOURCE_DIR "/dist/ptbrief.1";
  CHECK(run_shell("groff -k -man -Tutf8 -ww -z '" + page + "'").out.empty());
  const std::string text = run_shell("groff -k -man -Tutf8 -P-cbou '" + page + "'").out;
  for (const char* cmd : {"make", "pack", "list", "extract", "ingest", "debug"})
    CHECK(has(text, std::string("ptbrief ") + cmd));
}

TEST_CASE("bash completion offers the commands, a command's options and park names") {
  const std::string script = PTBRIEF_SOURCE_DIR "/dist/ptbrief.bash-completion";
  auto complete = [&](const std::string& words, int cword) {
    return run_shell("bash -c 'source \"" + script + "\"; COMP_WORDS=(\"" PTBRIEF_BINARY "\" " +
                     words + "); COMP_CWORD=" + std::to_string(cword) +
                     "; _ptbrief; printf \"%s\\n\" \"${COMPREPLY[@]}\"'")
        .out;
  };
  CHECK(has(complete("ma", 1), "make\n"));
  CHECK(has(complete("make --pa", 2), "--park\n"));
  CHECK(has(complete("make --is", 2), "--issue\n"));
  CHECK(has(complete("list pa", 2), "parks\n"));
  CHECK(has(complete("make --park 南通", 3), "南通高新区\n"));
}

TEST_CASE("install: the tool loads no ICU, Nettle, libdeflate or libstdc++ at start-up") {
  // Linked from the -dev packages' archives (CMakeLists.txt, PTBRIEF_STATIC_DEPS): the dynamic
  // loader's symbol lookups for them were ~2.3 ms of every cold brief. Sanitizer builds and
  // machines without the archives link them shared.
  if (!PTBRIEF_TEST_STATIC_DEPS) SUCCEED("this build links them shared");
  const auto r = run_shell("readelf -d '" + std::string(PTBRIEF_BINARY) + "'");
  REQUIRE(r.exit_code == 0);
  INFO(r.out);
  CHECK(has(r.out, "(NEEDED)"));
  for (const char* lib : {"libicuuc", "libicui18n", "libicudata", "libnettle", "libdeflate",
                          "libstdc++", "libgcc_s"})
    CHECK(has(r.out, lib) != bool(PTBRIEF_TEST_STATIC_DEPS));
  // What stays shared: HarfBuzz and libharu (Debian ships no archives of them).
  CHECK(has(r.out, "libharfbuzz"));
  CHECK(has(r.out, "libhpdf"));
}
