// The fact cache's entry: one article file's ingest and extraction results, and their compact
// binary form (private to compiler/cache/).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "extract/extract.h"
#include "ingest/ingest.h"

namespace ptbrief::cache {

/// Everything the corpus-wide steps need from one article file, as cached.
struct FileRecord {
  ingest::SourceFile file;                       ///< name, encoding, size, content hash (no path)
  std::vector<Diagnostic> ingest_diagnostics;    ///< what ingest reported on the file
  /// The file's articles: ids, titles, bylines, metadata, blocks with their text, type, raw
  /// range and sentences (review shows a fact's sentence). Blocks carry no char_sources (the
  /// facts already hold their spans).
  std::vector<ingest::Article> articles;
  std::vector<extract::ArticleFacts> facts;      ///< parallel to `articles`
};

/// A whole corpus's load result (cache::Loaded without its stats), kept under a key made of
/// every file's name and content hash: a warm run over an unchanged corpus reads it instead of
/// one record per file and merging them again.
struct CorpusRecord {
  std::vector<ingest::SourceFile> files;      ///< with their paths
  std::vector<ingest::Article> articles;      ///< as Loaded::corpus holds them
  extract::Facts facts;                       ///< merged, before corrections
  std::vector<Diagnostic> diagnostics;        ///< everything the load reported, in order
};

/// Drops what a FileRecord does not keep (char_sources) from ingested articles.
void make_lean(std::vector<ingest::Article>& articles);

/// The record as bytes: magic, format version, `key`, payload length, payload CRC-32, payload.
std::string encode(const FileRecord& record, std::string_view key);

/// The record `bytes` hold, or nothing when they are not a complete, valid entry for `key`
/// (another format, another key, a torn or altered payload, values out of range). Never trusts
/// what it reads: every length and count is checked against the bytes left.
std::optional<FileRecord> decode(std::string_view bytes, std::string_view key);

/// A CorpusRecord as bytes (the same header as a FileRecord's), and back (nothing when the
/// bytes are not a whole, valid corpus entry for `key`).
std::string encode(const CorpusRecord& record, std::string_view key);
std::optional<CorpusRecord> decode_corpus(std::string_view bytes, std::string_view key);

/// Gives a record built from a file named `from` the name `to` (the same bytes under another
/// name: a reprint's copy): article ids, spans and diagnostics follow.
void rename(FileRecord& record, const std::string& to);

}  // namespace ptbrief::cache
