// Atomic file output (temp file beside the target, fsync, rename) and bounded whole-file reads.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/limits.h"

namespace ptbrief {

/// Writes `bytes` to `path` so that readers see either the old file or the complete new one,
/// never a partial write: a temp file with a random name created with O_EXCL|O_NOFOLLOW in the
/// same folder (so a planted file or symlink is never written through), fsync, rename, fsync of
/// the folder. `path` must be absent or a regular file: a folder, device, FIFO or symlink there
/// is refused (code "io.not_regular"), never replaced. A replaced file keeps its permission
/// bits and group. Creates missing parent folders. Throws ptbrief::Error naming the path.
///
/// `Sync::Later` skips both fsyncs: a process killed at any point still leaves the old file or
/// the whole new one (the page cache outlives the process), but a power cut may not. A caller
/// writing many files that way makes them durable at once with sync_files() at the end.
enum class Sync { Now, Later };
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           Sync sync = Sync::Now);

/// fsyncs each of `files` (written with Sync::Later and renamed into place), then each folder
/// holding them once, so their names are durable too. A file that is gone is skipped; an fsync
/// that fails throws ptbrief::Error naming the file.
void sync_files(const std::vector<std::filesystem::path>& files);

/// Whether `filename` is the name of a temp file write_file_atomically makes
/// (".<target>.tmp.<6 random letters or digits>").
bool is_temp_file_name(std::string_view filename);

/// Reads a whole regular file of at most `max_bytes`. Throws ptbrief::Error naming the path:
/// "io.read" when it cannot be opened, "io.not_regular" for a folder, device or FIFO,
/// "io.too_large" above the limit. Nothing is read before those checks.
std::string read_file(const std::filesystem::path& path,
                      std::size_t max_bytes = limits::kMaxInputFileBytes);

}  // namespace ptbrief
