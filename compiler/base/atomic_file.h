// Atomic file output (temp file beside the target, fsync, rename) and bounded whole-file reads.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/limits.h"

namespace ptbrief {

/// Writes `bytes` to `path` so that readers see either the old file or the complete new one,
/// never a partial write: a temp file with a random name created with O_EXCL|O_NOFOLLOW in the
/// same folder (so a planted file or symlink is never written through), fsync, rename, fsync of
/// the folder. `path` must be absent or a regular file: a folder, device, FIFO or symlink there
/// is refused (code "io.not_regular"), never replaced. A replaced file keeps its permission
/// bits and group. Creates missing parent folders. Throws ptbrief::Error naming the path.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

/// Whether `filename` is the name of a temp file write_file_atomically makes
/// (".<target>.tmp.<6 random letters or digits>").
bool is_temp_file_name(std::string_view filename);

/// Reads a whole regular file of at most `max_bytes`. Throws ptbrief::Error naming the path:
/// "io.read" when it cannot be opened, "io.not_regular" for a folder, device or FIFO,
/// "io.too_large" above the limit. Nothing is read before those checks.
std::string read_file(const std::filesystem::path& path,
                      std::size_t max_bytes = limits::kMaxInputFileBytes);

}  // namespace ptbrief
