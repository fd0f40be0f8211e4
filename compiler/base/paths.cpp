// Paths: project root and default corpus discovery.
#include "base/paths.h"

#include <cstdlib>

namespace ptbrief {

std::filesystem::path project_root() {
  if (const char* env = std::getenv("PTBRIEF_ROOT"); env && *env) return env;
#ifdef PTBRIEF_SOURCE_DIR
  std::error_code ec;
  if (std::filesystem::is_directory(std::filesystem::path(PTBRIEF_SOURCE_DIR) / "layouts", ec))
    return PTBRIEF_SOURCE_DIR;
#endif
  return std::filesystem::current_path();
}

std::filesystem::path default_corpus_dir() {
  if (const char* env = std::getenv("PTBRIEF_CORPUS"); env && *env) return env;
  std::error_code ec;
  auto beside_cwd = std::filesystem::current_path() / ".." / "shared" / "corpus";
  if (std::filesystem::is_directory(beside_cwd, ec)) return beside_cwd.lexically_normal();
  return (project_root() / ".." / "shared" / "corpus").lexically_normal();
}

}  // namespace ptbrief
