// pdf: PageList → PDF bytes, through libharu, with subset, embedded CID fonts and ToUnicode.
//
// Public interface of the pdf stage. Everything else in compiler/pdf/ is private.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/byte_store.h"
#include "typeset/pagelist.h"

namespace ptbrief::pdf {

struct PdfOptions {
  bool compress = true;
  /// Creation/modification date as seconds since 1970 (from SOURCE_DATE_EPOCH); none = no date.
  std::optional<std::int64_t> source_date_epoch;
  std::string producer = "ptbrief";
  /// Threads for subsetting the faces and deflating the pages (0: one per core; 1: only the
  /// calling thread, for callers that already run one brief per core). Same bytes either way.
  unsigned threads = 0;
  /// Subset every face with hb-subset instead of ptbrief's own subsetter where it applies: the
  /// reference the own subsetter's output is compared with (tests, measurements).
  bool harfbuzz_subset = false;
  /// Where flattened CFF charstrings are kept between runs (the cache folder:
  /// cache::open_store); null: none (--no-cache). The PDF is the same bytes either way.
  std::shared_ptr<ByteStore> glyph_store;
};

/// Reads SOURCE_DATE_EPOCH from the environment (unset or invalid → nullopt).
std::optional<std::int64_t> source_date_epoch_from_env();

/// Writes the pages as a PDF document and returns its bytes. Deterministic: the same pages
/// and options give the same bytes. Throws ptbrief::Error on a font that cannot be embedded.
std::string write_pdf(const typeset::PageList& pages, const PdfOptions& options);

/// The libharu version the PDF writer was built with (libharu has no run-time query).
std::string libharu_version();

}  // namespace ptbrief::pdf
