// Paths: data folder lookup, project root and default corpus discovery.
#include "base/paths.h"

#include <algorithm>
#include <cstdlib>

namespace ptbrief {
namespace fs = std::filesystem;
namespace {

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

/// The source tree, when this binary was built from one that still exists.
fs::path source_tree() {
#ifdef PTBRIEF_SOURCE_DIR
  if (is_dir(fs::path(PTBRIEF_SOURCE_DIR) / "layouts")) return PTBRIEF_SOURCE_DIR;
#endif
  return {};
}

/// The folder of the running executable (Linux: /proc/self/exe), or empty.
fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

/// Whether `exe_dir` is where the build puts its binaries (the build folder, tests/ in it).
bool is_build_tree(const fs::path& exe_dir) {
#ifdef PTBRIEF_BUILD_DIR
  const fs::path build = fs::path(PTBRIEF_BUILD_DIR).lexically_normal();
  const fs::path dir = exe_dir.lexically_normal();
  return dir == build || dir == build / "tests";
#else
  (void)exe_dir;
  return false;
#endif
}

}  // namespace

std::vector<fs::path> data_dirs() {
  if (const char* env = std::getenv("PTBRIEF_ROOT"); env && *env) return {fs::path(env)};
  const fs::path exe_dir = executable_dir(), source = source_tree();
  const bool in_build_tree = !exe_dir.empty() && is_build_tree(exe_dir);
  std::vector<fs::path> candidates;
  if (in_build_tree) candidates.push_back(source);
  if (!exe_dir.empty())
    candidates.push_back((exe_dir / ".." / "share" / "ptbrief").lexically_normal());
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg && fs::path(xdg).is_absolute())
    candidates.push_back(fs::path(xdg) / "ptbrief");
  else if (const char* home = std::getenv("HOME"); home && *home)
    candidates.push_back(fs::path(home) / ".local" / "share" / "ptbrief");
  candidates.push_back("/usr/share/ptbrief");
  if (!in_build_tree) candidates.push_back(source);

  std::vector<fs::path> dirs;
  for (const auto& c : candidates)
    if (!c.empty() && is_dir(c) && std::find(dirs.begin(), dirs.end(), c) == dirs.end())
      dirs.push_back(c);
  return dirs;
}

std::vector<fs::path> find_data_files(const fs::path& relative) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& dir : data_dirs())
    for (const fs::path& p : {dir / relative, dir / "compiler" / relative})
      if (fs::exists(p, ec)) found.push_back(p);
  return found;
}

fs::path find_data_file(const fs::path& relative) {
  auto found = find_data_files(relative);
  if (!found.empty()) return found.front();
  const auto dirs = data_dirs();
  return (dirs.empty() ? fs::current_path() : dirs.front()) / relative;
}

fs::path locale_dir() {
  const fs::path exe_dir = executable_dir();
#ifdef PTBRIEF_BUILD_DIR
  if (!exe_dir.empty() && is_build_tree(exe_dir)) return fs::path(PTBRIEF_BUILD_DIR) / "locale";
#endif
  const fs::path beside = (exe_dir / ".." / "share" / "locale").lexically_normal();
  if (!exe_dir.empty() && is_dir(beside)) return beside;
  return "/usr/share/locale";
}

fs::path project_root() {
  if (const char* env = std::getenv("PTBRIEF_ROOT"); env && *env) return env;
  if (fs::path source = source_tree(); !source.empty()) return source;
  return fs::current_path();
}

fs::path default_corpus_dir() {
  if (const char* env = std::getenv("PTBRIEF_CORPUS"); env && *env) return env;
  auto beside_cwd = fs::current_path() / ".." / "shared" / "corpus";
  if (is_dir(beside_cwd)) return beside_cwd.lexically_normal();
  return (project_root() / ".." / "shared" / "corpus").lexically_normal();
}

}  // namespace ptbrief
