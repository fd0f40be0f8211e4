// Limits: every size and nesting bound that protects ptbrief from hostile input, in one place.
#pragma once

#include <cstddef>

namespace ptbrief::limits {

/// Largest article file ingest accepts (bytes). Larger files are refused with a clear error.
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{512} << 20;
/// Most files read from one corpus directory.
inline constexpr std::size_t kMaxCorpusFiles = 100000;
/// Largest JSON spec (layout, pack, font manifest, topic file) accepted, in bytes.
inline constexpr std::size_t kMaxJsonBytes = std::size_t{4} << 20;
/// Deepest JSON nesting accepted in specs.
inline constexpr int kMaxJsonDepth = 64;
/// Longest paragraph handed to the line breaker, in characters (longer ones are split).
inline constexpr std::size_t kMaxParagraphChars = 200000;
/// Most pages one document may have.
inline constexpr std::size_t kMaxPages = 5000;
/// Deepest `extends` chain for layouts.
inline constexpr int kMaxLayoutExtends = 8;

}  // namespace ptbrief::limits
