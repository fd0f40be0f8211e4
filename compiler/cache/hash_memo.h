// Content hashes of a corpus's files remembered by their file status (size, times, inode), as
// git's index does: an unchanged corpus of many files is then checked without reading and
// hashing every byte of it (private to compiler/cache/).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "cache/store.h"

namespace ptbrief::cache {

/// What a file's status says about its bytes: equal stamps, same bytes — unless the file was
/// written in the same instant the memo was (the "racy" case, see HashMemo::lookup).
struct FileStamp {
  std::uint64_t size = 0, inode = 0, device = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

/// The stamp of `path` (following no symlink beyond what the corpus listing followed), or
/// nothing when it cannot be read.
std::optional<FileStamp> stamp_of(const std::filesystem::path& path);

/// The stamp as one line of text ("device:inode:size:mtime:ctime", times in ns).
std::string to_string(const FileStamp& stamp);

/// True when a hash taken at `hashed_at_ns` (or later) may be remembered under `stamp`: its
/// times are older than that by more than the coarsest file-system time step (2 s), so an
/// edit in the same clock tick cannot leave the stamp as it was (git's "racy" entries).
bool settled(const FileStamp& stamp, std::int64_t hashed_at_ns);

/// Now, in ns since 1970, as file times are.
std::int64_t now_ns();

/// True for 64 lower-case hex digits (a SHA-256 as stored).
bool is_sha256_hex(std::string_view s);

/// One corpus folder's remembered hashes, kept as one entry of the cache's Store.
class HashMemo {
 public:
  /// Loads the memo of `corpus_dir` from `store` (an empty memo when there is none or it is
  /// damaged: every file is then hashed once).
  HashMemo(Store& store, const std::filesystem::path& corpus_dir);

  /// The remembered SHA-256 (hex) of the file named `name`, when `stamp` equals the stamp it
  /// was hashed under and that stamp's times are older, by more than the coarsest file-system
  /// time step (2 s), than the start of the run that hashed it: a file rewritten in the same
  /// tick as it was read is never taken for unchanged (git's "racy" entries).
  std::optional<std::string> lookup(const std::string& name, const FileStamp& stamp) const;

  /// Remembers `hash` for `name` under `stamp` (written by save()).
  void remember(const std::string& name, const FileStamp& stamp, const std::string& hash);

  /// Writes the memo back when remember() changed it or some entry was too new to trust;
  /// files no longer in the corpus are forgotten (only names passed to lookup/remember since
  /// loading are kept).
  void save();

 private:
  struct Entry {
    FileStamp stamp;
    std::string hash;
  };
  Store& store_;
  std::string key_;
  std::int64_t written_ns_ = 0;   ///< when the run that wrote the loaded memo started
  std::int64_t started_ns_ = 0;   ///< when this run's memo was loaded (before any hashing)
  std::map<std::string, Entry> loaded_;        ///< as read
  mutable std::map<std::string, Entry> kept_;  ///< names seen in this run
  mutable bool dirty_ = false;
};

}  // namespace ptbrief::cache
