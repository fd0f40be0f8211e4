// Helpers for the ingest tests: encoding test text with ICU, running ingest on bytes.
#pragma once

#include <unicode/ucnv.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "ingest/ingest.h"

namespace ptbrief::ingest::test {

/// Encodes UTF-8 text into `charset` with ICU ("GB18030", "UTF-16LE", …).
inline std::string encode(const std::string& utf8, const char* charset) {
  UErrorCode st = U_ZERO_ERROR;
  std::vector<char> buf(utf8.size() * 4 + 16);
  int32_t n = ucnv_convert(charset, "UTF-8", buf.data(), static_cast<int32_t>(buf.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &st);
  REQUIRE(U_SUCCESS(st));
  return std::string(buf.data(), static_cast<std::size_t>(n));
}

/// Decodes `raw` from `charset` to UTF-8 with ICU.
inline std::string decode_with(const std::string& raw, const char* charset) {
  UErrorCode st = U_ZERO_ERROR;
  std::vector<char> buf(raw.size() * 4 + 16);
  int32_t n = ucnv_convert("UTF-8", charset, buf.data(), static_cast<int32_t>(buf.size()),
                           raw.data(), static_cast<int32_t>(raw.size()), &st);
  REQUIRE(U_SUCCESS(st));
  return std::string(buf.data(), static_cast<std::size_t>(n));
}

/// All block texts of `articles`, one per line, as "type|text".
inline std::string blocks_of(const std::vector<Article>& articles) {
  std::string s;
  for (const auto& a : articles)
    for (const auto& b : a.blocks) s += std::string(to_string(b.type)) + "|" + b.text + "\n";
  return s;
}

/// Ingests UTF-8 bytes named "t.txt"; warnings land in `sink`.
inline std::vector<Article> run(const std::string& raw, CollectingSink* sink = nullptr) {
  CollectingSink local;
  return ingest_bytes(raw, "t.txt", sink ? *sink : local);
}

}  // namespace ptbrief::ingest::test
