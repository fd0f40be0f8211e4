// Paths: where ptbrief finds its own data (layouts/, fonts/) and the default corpus.
#pragma once

#include <filesystem>

namespace ptbrief {

/// The project root: $PTBRIEF_ROOT if set, else the source tree ptbrief was built from,
/// else the current directory.
std::filesystem::path project_root();

/// Default corpus folder: $PTBRIEF_CORPUS if set; else ../shared/corpus beside the current
/// directory; else ../shared/corpus beside the project root (where this project's machines and
/// CI keep the shared corpus).
std::filesystem::path default_corpus_dir();

}  // namespace ptbrief
