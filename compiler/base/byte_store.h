// A key → bytes store that lasts between runs (the cache folder), as the stages that keep
// derived data in it see it. cache::Store implements it; the pdf stage keeps flattened glyph
// outlines there (pdf/glyph_memo.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ptbrief {

/// Keys are 64 lower-case hex digits. Neither call throws: a store that cannot be read or
/// written is a miss, and the caller computes what it wanted again. Safe to call from several
/// threads and processes at once (a write replaces the entry atomically).
class ByteStore {
 public:
  virtual ~ByteStore() = default;
  /// The entry for `key`, or nothing.
  virtual std::optional<std::string> read(std::string_view key) const = 0;
  /// Stores `bytes` under `key`; false when the store cannot be written.
  virtual bool write(std::string_view key, std::string_view bytes) = 0;
};

}  // namespace ptbrief
