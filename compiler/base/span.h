// Span: a byte range in one raw input file — how every derived fact points back to its source.
#pragma once

#include <cstddef>
#include <string>

namespace ptbrief {

/// A half-open byte range [start, end) in the raw (undecoded) bytes of an input file.
/// `file` is the file's base name (e.g. "004_9ba627a398b53b10.txt"), as cited in outputs.
struct Span {
  std::string file;
  std::size_t start = 0;  ///< first byte, inclusive
  std::size_t end = 0;    ///< one past the last byte; start <= end

  bool empty() const { return start >= end; }
  bool operator==(const Span&) const = default;
};

}  // namespace ptbrief
