// Paths: where ptbrief finds its own data (layouts/, fonts/, extract/) and the default corpus.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace ptbrief {

/// The last component of `path` as a view of its native string ("" after a trailing '/').
/// path::filename() splits the whole path into components: noticeable when a thousand-file
/// corpus is listed and keyed on every run.
inline std::string_view file_name_of(const std::filesystem::path& path) {
  std::string_view s = path.native();
  if (const auto slash = s.rfind('/'); slash != std::string_view::npos) s.remove_prefix(slash + 1);
  return s;
}

/// ptbrief's data folders, first match first. $PTBRIEF_ROOT alone when set. Otherwise
/// ../share/ptbrief beside the running binary, $XDG_DATA_HOME/ptbrief (default
/// ~/.local/share/ptbrief), /usr/share/ptbrief, and the source tree ptbrief was built from —
/// first instead of last when the running binary is in its build tree, so a build never reads
/// an older installed copy. Only folders that exist are listed.
std::vector<std::filesystem::path> data_dirs();

/// Every existing `<dir>/<relative>` over data_dirs(), in their order. The data has one shape
/// everywhere (layouts/*.json, fonts/manifest.json, extract/topics.json); in the source tree a
/// stage's data lives beside its code, so `<dir>/compiler/<relative>` is tried too.
std::vector<std::filesystem::path> find_data_files(const std::filesystem::path& relative);

/// The first of find_data_files(relative); when there is none, the path it would have in the
/// first data folder (so an error names a real place).
std::filesystem::path find_data_file(const std::filesystem::path& relative);

/// Where ptbrief's message catalogues are (<dir>/<lang>/LC_MESSAGES/ptbrief.mo): the build
/// tree's locale/ for a build-tree binary, else ../share/locale beside the binary when that
/// exists (make install), else /usr/share/locale.
std::filesystem::path locale_dir();

/// The project root (pack files in briefs/, golden tests): $PTBRIEF_ROOT if set, else the
/// source tree ptbrief was built from while it exists, else the current directory.
std::filesystem::path project_root();

/// Default corpus folder: $PTBRIEF_CORPUS if set; else ../shared/corpus beside the current
/// directory; else ../shared/corpus beside the project root (where this project's machines and
/// CI keep the shared corpus).
std::filesystem::path default_corpus_dir();

}  // namespace ptbrief
