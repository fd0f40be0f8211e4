// The fact cache's folder: entries by key, written atomically, evicted oldest first (private
// to compiler/cache/).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/byte_store.h"

namespace ptbrief::cache {

/// One cache folder. Entries are files `<key>.fc`; a key is 64 hex digits.
class Store final : public ByteStore {
 public:
  explicit Store(std::filesystem::path dir);

  /// The entry for `key`, or nothing when there is none (or it cannot be read). A hit marks
  /// the entry used (its modification time), which eviction goes by.
  std::optional<std::string> read(std::string_view key) const override;

  /// Writes the entry for `key`: a temp file in the folder, renamed over the entry. Returns
  /// false (and leaves nothing behind) when the folder cannot be written.
  bool write(std::string_view key, std::string_view bytes) override;

  /// Removes entries, least recently used first, until they take at most 3/4 of `max_bytes`
  /// (when they take more than `max_bytes`), and temp files left by runs that died. Returns
  /// how many entries it removed.
  std::size_t evict(std::uint64_t max_bytes) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  /// The folder exists (made on first write; atomic: load() writes entries from several threads).
  std::atomic<bool> ready_{false};
};

}  // namespace ptbrief::cache
