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

// Font subsetting (pdf/cff_subset, pdf/glyf_subset): bounds on what a font file may ask for.
/// Deepest subroutine nesting in a Type 2 charstring (Adobe TN #5177, Appendix B).
inline constexpr int kMaxCffSubrDepth = 10;
/// Operands on the Type 2 argument stack and in one CFF DICT entry (TN #5177 App. B, #5176).
inline constexpr int kMaxCffStack = 48;
/// Stem hints in one charstring (TN #5177, Appendix B).
inline constexpr int kMaxCffStems = 96;
/// Largest charstring after its subroutines are inlined, in bytes.
inline constexpr std::size_t kMaxFlatCharstringBytes = 65535;
/// Operators one glyph's charstring may execute, subroutine calls included.
inline constexpr std::size_t kMaxCharstringOps = std::size_t{1} << 20;
/// Deepest nesting of TrueType composite glyphs (components of components).
inline constexpr int kMaxCompositeDepth = 16;

}  // namespace ptbrief::limits
