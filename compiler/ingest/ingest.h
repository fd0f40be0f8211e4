// ingest: noisy article files → clean, segmented articles with a byte-exact map to the raw files.
//
// Public interface of the ingest stage. Everything else in compiler/ingest/ is private.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/span.h"

namespace ptbrief::ingest {

/// What a block of an article is. Only Paragraph (and Heading) blocks are body text.
enum class BlockType {
  Title,      ///< the article's headline (and its subtitle lines)
  Heading,    ///< a section heading inside the article
  Byline,     ///< 本报记者 …, □ 记者 …, (记者 … 报道)
  Paragraph,  ///< body text
  Caption,    ///< picture caption: ▲…, short lines naming a photo
  Image,      ///< image placeholder ([图片], 图片来源 …)
  Note,       ///< credits and editorial notes, e.g. (本版图片均由…提供)
};

/// Lower-case name used in JSON and text dumps: "title", "heading", "paragraph", …
std::string_view to_string(BlockType t);

/// One sentence of a block, as a byte range into Block::text.
struct Sentence {
  std::size_t begin = 0;  ///< byte offset into Block::text, inclusive
  std::size_t end = 0;    ///< byte offset into Block::text, exclusive
};

/// One block of cleaned text. `text` is NFC UTF-8 with noise repaired; every character of it
/// maps back to the raw bytes it came from.
struct Block {
  BlockType type = BlockType::Paragraph;
  int level = 0;                     ///< heading depth (1 = top section) for Heading, else 0
  std::string text;                  ///< cleaned UTF-8 text
  std::size_t start = 0, end = 0;    ///< raw byte range of the whole block in its file
  std::vector<Sentence> sentences;   ///< in order, covering the text (Paragraph/Heading)
  /// For each character (code point) of `text`, in order: its byte offset in `text` and the
  /// raw byte range it came from. Characters inserted by repair (none today) map to an empty
  /// range at the position they were inserted.
  struct CharSource {
    std::uint32_t text_offset;
    std::uint32_t raw_start;
    std::uint32_t raw_end;
  };
  std::vector<CharSource> char_sources;

  /// Raw byte range [start, end) covering text bytes [text_begin, text_end).
  /// Precondition: the offsets lie on character boundaries of `text`.
  std::pair<std::size_t, std::size_t> raw_range(std::size_t text_begin,
                                                std::size_t text_end) const;
};

/// Where and when an article was published, from its file's header: YAML-style front matter
/// between `---` lines (title, source, date, page, url, author) or lead lines (来源：…,
/// 发布日期：…, 作者：…, 版面：…). Every field is empty when the file does not say.
struct ArticleMeta {
  std::string title;   ///< headline from front matter (wins over the text's)
  std::string source;  ///< paper or site: 南通日报, 太仓新闻网
  std::string date;    ///< YYYY-MM-DD when it reads as a date, else as written
  std::string page;    ///< page or section as written: 第3版, A2
  std::string url;     ///< where the article was published on the web
  std::string author;  ///< writer(s) as written
  bool empty() const {
    return title.empty() && source.empty() && date.empty() && page.empty() && url.empty() &&
           author.empty();
  }
};

/// One news article. A file may hold several (本报讯 opens a new one).
struct Article {
  std::string id;      ///< stable id: "<file stem>#<n>", n = 1-based article index in the file
  std::string file;    ///< base name of the raw file
  std::string title;   ///< cleaned headline (empty if the article has none)
  bool title_derived = false;  ///< true when `title` was derived from the lead sentence
  std::string byline;  ///< cleaned byline or dateline (empty if none)
  ArticleMeta meta;    ///< the file's header (front matter, lead lines); never in `blocks`
  std::vector<Block> blocks;
};

/// One input file as read.
struct SourceFile {
  std::string name;               ///< base name
  std::filesystem::path path;     ///< full path as opened
  std::string encoding;           ///< detected: "UTF-8", "UTF-8 (BOM)", "GB18030", "UTF-16LE", …
  std::size_t size = 0;           ///< raw size in bytes
  std::string content_hash;       ///< hex digest of the raw bytes (for incremental packs)
};

/// The whole corpus: files in name order, articles in file order then position.
struct Corpus {
  std::vector<SourceFile> files;
  std::vector<Article> articles;
};

/// Whether a corpus folder entry named `p` is read as an article: not hidden, extension .txt,
/// .md or .text (any case). Pack hashes exactly these files.
bool is_article_file(const std::filesystem::path& p);

/// What ingest does with a file it cannot read or decode.
enum class BadFile {
  Fail,  ///< throw ptbrief::Error naming the file and byte offset (make, extract)
  Skip,  ///< report it as a warning ("ingest.skipped", naming the file) and go on (packs)
};

/// Reports file `path` as left out of the corpus (BadFile::Skip): `d`, the error reading or
/// decoding it, as a warning "ingest.skipped" naming the file.
void report_skipped(Diagnostic d, const std::filesystem::path& path, DiagSink& sink);

/// The article files of corpus folder `dir`, sorted by name (hidden files and non-article
/// extensions skipped); a warning (ingest.no_files) to `sink` when there are none. Throws
/// ptbrief::Error when `dir` is not a folder or holds more than limits::kMaxCorpusFiles.
std::vector<std::filesystem::path> list_article_files(const std::filesystem::path& dir,
                                                     DiagSink& sink);

/// Ingest every regular file of `dir` (sorted by name; hidden files and non-article
/// extensions are skipped, see README). Warnings go to `sink`; an unreadable, binary or
/// undecodable file throws ptbrief::Error naming the file and byte offset, or with
/// BadFile::Skip is left out of the corpus with a warning carrying that error.
Corpus ingest(const std::filesystem::path& dir, DiagSink& sink, BadFile bad = BadFile::Fail);

/// The ICU version ingest runs with (the shared library's, e.g. "72.1"), for `ptbrief --version`.
std::string icu_version();

/// Ingest one file's raw bytes (`name` is its base name, used in ids and spans).
std::vector<Article> ingest_bytes(std::string_view raw, const std::string& name,
                                  DiagSink& sink, SourceFile* info = nullptr);

/// How much of a UTF-8 file ingest decodes at a time (a chunk ends at the next line end).
inline constexpr std::size_t kIngestChunkBytes = std::size_t{1} << 20;

/// ingest_bytes, giving each article to `emit` as soon as it is complete, so a big file never
/// holds all its decoded text at once: UTF-8 is decoded and repaired `chunk_bytes` at a time
/// (a first pass over the chunks counts what the passes need of the whole file). The articles
/// are the same for every chunk size (tests use small ones).
void ingest_stream(std::string_view raw, const std::string& name, DiagSink& sink,
                   SourceFile* info, const std::function<void(Article&&)>& emit,
                   std::size_t chunk_bytes = kIngestChunkBytes);

}  // namespace ptbrief::ingest
