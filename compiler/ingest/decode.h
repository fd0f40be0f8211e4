// Private to ingest: raw bytes → code points, each with the raw byte range it came from.
#pragma once

#include <string>
#include <string_view>

#include "ingest/text.h"

namespace ptbrief::ingest {

/// The decoded file: the encoding name and every code point with its raw byte range.
/// Line ends stay in the stream ('\r' is dropped, '\n' kept).
struct Decoded {
  std::string encoding;  ///< "UTF-8", "UTF-8 (BOM)", "GB18030", "UTF-16LE", "UTF-16BE"
  Text chars;
  /// decode(…, defer_utf8): the raw bytes are valid UTF-8 from this offset on and `chars` is
  /// left empty; decode_utf8_range gives them a chunk at a time.
  bool deferred = false;
  std::size_t utf8_from = 0;
};

/// Detects the encoding (BOM sniffing, then strict UTF-8 validation, then ICU charset
/// detection for GB18030) and decodes. Throws ptbrief::Error naming `name` and the byte
/// offset for binary input (NUL or control bytes) and undecodable or truncated input.
Decoded decode(std::string_view raw, const std::string& name, bool defer_utf8 = false);

/// The code points of valid UTF-8 bytes raw[from, to) with their raw byte ranges ('\r'
/// dropped), as decode() gives them.
Text decode_utf8_range(std::string_view raw, std::size_t from, std::size_t to);

}  // namespace ptbrief::ingest
