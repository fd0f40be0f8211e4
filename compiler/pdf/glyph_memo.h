// Flattened CFF charstrings kept between runs (private to compiler/pdf/). Flattening a CJK
// face's charstrings — inlining their subroutines — is most of a brief's subsetting time, and
// the briefs of a park share most of their glyphs week after week: a glyph flattened once is
// read back from the cache folder (base/byte_store.h) instead of executed again.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/byte_store.h"
#include "pdf/cff_subset.h"

namespace ptbrief::pdf {

/// Flattened charstrings by glyph id (cff::flatten()'s output, hints dropped).
using FlatGlyphs = std::unordered_map<std::uint32_t, std::string>;

/// An entry's bytes: a magic line, the glyph count, (glyph id, length, bytes) in glyph order,
/// then the CRC-32 of all that (base/hash.h). The same glyphs give the same bytes.
std::string encode_flat_glyphs(const FlatGlyphs& glyphs);

/// The glyphs of an entry; nothing when it is damaged, truncated or of another format (a
/// torn or tampered entry is a miss, never a wrong outline).
std::optional<FlatGlyphs> decode_flat_glyphs(std::string_view bytes);

/// The store key of a face's flattened glyphs: the flattener's format, this build's version,
/// the file's path and stat stamp (device, inode, size, modification time) and the face
/// index. Nothing when the file cannot be stat'ed.
std::optional<std::string> flat_glyphs_key(const std::string& path, unsigned index);

/// One face's known glyphs in this process, shared by the briefs written on several threads,
/// loaded from the store on first use and written back when a brief adds glyphs. Used only
/// while its store lives (face_glyphs() drops it with the store).
class FaceGlyphs {
 public:
  FaceGlyphs(ByteStore& store, std::string key);  // reads the entry

  /// The known glyphs among `gids`, as pointers that stay valid for the object's life.
  cff::KnownFlat lookup(const std::vector<std::uint32_t>& gids);

  /// Adds glyphs flattened now and, when any is new, writes the entry (up to a bound of
  /// glyphs and bytes per face; past it, new glyphs are not remembered).
  void add(std::vector<std::pair<std::uint32_t, std::string>> fresh);

 private:
  ByteStore& store_;
  const std::string key_;
  std::mutex mutex_;
  FlatGlyphs glyphs_;  // never erased from: lookup()'s pointers stay valid
  std::size_t bytes_ = 0;
};

/// The process's FaceGlyphs for face `index` of `path` in `store` (one per store and face, while
/// the store lives); null when the font file cannot be stat'ed.
std::shared_ptr<FaceGlyphs> face_glyphs(const std::shared_ptr<ByteStore>& store,
                                        const std::string& path, unsigned index);

}  // namespace ptbrief::pdf
