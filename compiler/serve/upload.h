// Articles dropped onto the page: checked as ingest checks them, then added to the corpus.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "serve/corrections_store.h"

namespace ptbrief::serve {

/// Largest article file the page may upload (bytes).
inline constexpr std::size_t kMaxUploadBytes = std::size_t{16} << 20;

/// Adds article file `name` with `bytes` to `corpus`: the name must be a plain article file
/// name (corpus_file), not one the folder has already ("serve.file_exists"); the bytes must
/// decode and segment as ingest reads them (UTF-8, GB18030 or UTF-16 with BOM; ingest's error,
/// naming the file and byte, otherwise). Written atomically. Returns {"file", "encoding",
/// "articles": n, "titles": […], "warnings": […]}.
Json add_article(const std::filesystem::path& corpus, std::string_view name,
                 std::string_view bytes);

}  // namespace ptbrief::serve
