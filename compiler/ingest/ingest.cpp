// The ingest driver: files → decoded text → repaired lines → typed blocks → articles.
#include "ingest/ingest.h"

#include <unicode/uversion.h>

#include <algorithm>
#include <iterator>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "base/i18n.h"
#include "base/limits.h"
#include "ingest/decode.h"
#include "ingest/metadata.h"
#include "ingest/repair.h"
#include "ingest/segment.h"

namespace ptbrief::ingest {

bool is_article_file(const std::filesystem::path& p) {
  const std::string base = p.filename().string();
  if (base.empty() || base[0] == '.') return false;
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".txt" || ext == ".md" || ext == ".text";
}

std::string_view to_string(BlockType t) {
  switch (t) {
    case BlockType::Title: return "title";
    case BlockType::Heading: return "heading";
    case BlockType::Byline: return "byline";
    case BlockType::Paragraph: return "paragraph";
    case BlockType::Caption: return "caption";
    case BlockType::Image: return "image";
    case BlockType::Note: return "note";
  }
  return "paragraph";
}

std::pair<std::size_t, std::size_t> Block::raw_range(std::size_t text_begin,
                                                     std::size_t text_end) const {
  auto first = std::lower_bound(
      char_sources.begin(), char_sources.end(), text_begin,
      [](const CharSource& c, std::size_t off) { return c.text_offset < off; });
  std::size_t lo = end, hi = start;
  for (auto it = first; it != char_sources.end() && it->text_offset < text_end; ++it) {
    if (it->raw_start >= it->raw_end) continue;  // inserted character
    lo = std::min<std::size_t>(lo, it->raw_start);
    hi = std::max<std::size_t>(hi, it->raw_end);
  }
  if (lo > hi) return {start, start};
  return {lo, hi};
}

std::vector<Article> ingest_bytes(std::string_view raw, const std::string& name,
                                  DiagSink& sink, SourceFile* info) {
  Decoded decoded = decode(raw, name);                        // code points + raw ranges
  if (info) {
    info->name = name;
    info->encoding = decoded.encoding;
    info->size = raw.size();
    info->content_hash = sha256_hex(raw);
  }
  std::vector<Line> lines = split_lines(decoded.chars);       // trimmed lines, blank gaps
  for (Line& l : lines) {
    normalize_width(l.text);                                  // full-width Latin → ASCII
    drop_foreign_script(l.text);                              // "Щ", "ルラー" debris
    drop_pinyin_glosses(l.text);                              // 園區(qū) → 園區
  }
  std::erase_if(lines, [](const Line& l) { return l.text.empty(); });
  const ArticleMeta meta = read_metadata(lines, decoded.chars, name, sink);  // header lines out
  Text().swap(decoded.chars);  // freed: lines hold the text (read_metadata counts lines in it)
  drop_debris_lines(lines);                                   // vertical-text debris
  const bool spacing = has_extraction_spacing(lines);         // PDF spaces between Han?
  std::vector<Piece> pieces = classify(std::move(lines), spacing);  // typed pieces
  rejoin_broken_paragraphs(pieces);                           // page/column breaks
  for (Piece& p : pieces) normalize_punctuation(p.text);      // ，：（）“” by context
  std::vector<Article> articles = split_articles(std::move(pieces), name);
  for (Article& a : articles) {                               // the header's fields
    a.meta = meta;
    if (!meta.title.empty() && &a == &articles.front()) {
      a.title = meta.title;
      a.title_derived = false;
    }
  }

  if (articles.empty()) {
    Diagnostic d;
    d.severity = Severity::Warning;
    d.code = "ingest.empty";
    d.message = tr("the file holds no text; it yields no articles");
    d.hint = tr("remove the file from the corpus or fill it");
    d.file = name;
    sink.report(d);
  }
  if (spacing) {
    Diagnostic d;
    d.severity = Severity::Note;
    d.code = "ingest.extraction_spacing";
    d.message = "PDF extraction spaces between Chinese characters were removed";
    d.file = name;
    sink.report(d);
  }
  return articles;
}

void report_skipped(Diagnostic d, const std::filesystem::path& path, DiagSink& sink) {
  d.severity = Severity::Warning;
  d.code = "ingest.skipped";
  if (d.file.empty()) d.file = path.string();
  d.message = "left out of the corpus: " + d.message;
  if (d.hint.empty()) d.hint = "fix or remove the file; the other articles are used";
  sink.report(d);
}

std::vector<std::filesystem::path> list_article_files(const std::filesystem::path& dir,
                                                     DiagSink& sink) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    fail("ingest.no_corpus", tr("the corpus folder does not exist or is not a folder"),
         tr("pass --corpus DIR or set PTBRIEF_CORPUS"), dir.string());
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (!is_article_file(e.path()) || !e.is_regular_file()) continue;
    paths.push_back(e.path());
    if (paths.size() > limits::kMaxCorpusFiles)
      fail("ingest.too_many_files", "the corpus folder holds too many files", "", dir.string());
  }
  std::sort(paths.begin(), paths.end());
  if (paths.empty()) {
    Diagnostic d;
    d.severity = Severity::Warning;
    d.code = "ingest.no_files";
    d.message = tr("the corpus folder holds no article files (*.txt, *.md, *.text)");
    d.hint = tr("put the articles there, or pass --corpus DIR for the folder that has them");
    d.file = dir.string();
    sink.report(d);
  }
  return paths;
}

Corpus ingest(const std::filesystem::path& dir, DiagSink& sink, BadFile bad) {
  Corpus corpus;
  for (const auto& path : list_article_files(dir, sink)) {
    SourceFile info;
    std::vector<Article> articles;
    try {
      std::string raw = read_file(path);
      articles = ingest_bytes(raw, path.filename().string(), sink, &info);
    } catch (const Error& e) {
      if (bad == BadFile::Fail) throw;
      report_skipped(e.diagnostic(), path, sink);
      continue;
    } catch (const std::filesystem::filesystem_error& e) {
      if (bad == BadFile::Fail) throw;
      report_skipped(access_error(e), path, sink);
      continue;
    }
    info.path = path;
    corpus.files.push_back(std::move(info));
    std::move(articles.begin(), articles.end(), std::back_inserter(corpus.articles));
  }
  return corpus;
}

std::string icu_version() {
  UVersionInfo v;
  u_getVersion(v);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(v, text);
  return text;
}

}  // namespace ptbrief::ingest
