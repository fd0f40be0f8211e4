// Atomic file output: write to a temp file beside the target, fsync, then rename into place.
#pragma once

#include <filesystem>
#include <string_view>

namespace ptbrief {

/// Writes `bytes` to `path` so that readers see either the old file or the complete new one,
/// never a partial write: temp file in the same folder, fsync, rename, fsync of the folder.
/// Creates missing parent folders. Throws ptbrief::Error naming the path on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

/// Reads a whole file; throws ptbrief::Error (code "io.read") naming the path on failure.
std::string read_file(const std::filesystem::path& path);

}  // namespace ptbrief
