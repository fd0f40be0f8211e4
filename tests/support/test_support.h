// Helpers shared by the tests: corpus location, scratch folders, running the ptbrief binary.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ptbrief::test {

/// ../shared/corpus (via ptbrief's default lookup). Fails the test if it is missing.
std::filesystem::path corpus_dir();

/// ../shared/gold beside the corpus.
std::filesystem::path gold_dir();

/// A fresh, empty scratch folder under the build tree, unique to `name`. ctest runs every test
/// case in a process of its own, in parallel: a name must belong to one test case (a helper
/// used by several cases must make the name its caller's, or the cases empty each other's
/// folder).
std::filesystem::path scratch_dir(const std::string& name);

/// Result of running the ptbrief binary.
struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

/// Runs the built `ptbrief` with `args` (no shell; stdout and stderr captured), optionally with
/// extra environment assignments "NAME=value".
RunResult run_ptbrief(const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {});

/// Runs a shell command line and captures stdout (stderr is folded into `err`).
RunResult run_shell(const std::string& command_line);

/// Reads a whole file (test helper: fails the test on error).
std::string slurp(const std::filesystem::path& path);

}  // namespace ptbrief::test
