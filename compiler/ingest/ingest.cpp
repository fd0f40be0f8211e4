// The ingest driver: files → decoded text → repaired lines → typed blocks → articles.
#include "ingest/ingest.h"

#include <unicode/uversion.h>

#include <algorithm>
#include <string_view>
#include <functional>
#include <iterator>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "base/i18n.h"
#include "base/limits.h"
#include "base/paths.h"
#include "ingest/decode.h"
#include "ingest/metadata.h"
#include "ingest/repair.h"
#include "ingest/segment.h"

namespace ptbrief::ingest {

bool is_article_file(const std::filesystem::path& p) {
  // On the native string, not path::filename() and extension() (base/paths.h).
  const std::string_view base = file_name_of(p);
  if (base.empty() || base[0] == '.') return false;
  const auto dot = base.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(base.substr(dot));
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

namespace {

class DroppingSink final : public DiagSink {
 public:
  void report(const Diagnostic&) override {}
};

// A chunk never ends before this many line ends: the header (front matter: 64 lines, lead
// lines: 12) is always read from the first chunk whole.
constexpr std::size_t kMinChunkLines = 80;

// The decoded file a chunk at a time, each ending after a '\n' (the last one at the end):
// UTF-8 is decoded chunk by chunk; other encodings were decoded whole and are one chunk.
class Chunks {
 public:
  Chunks(std::string_view raw, Decoded& d, std::size_t chunk_bytes)
      : raw_(raw), d_(d), chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)) {
    rewind();
  }
  void rewind() { pos_ = d_.deferred ? d_.utf8_from : 0, done_ = false; }
  /// The next chunk into `out`; false when there is none. `*last` says it is the last.
  bool next(Text& out, bool* last) {
    if (done_) return false;
    if (!d_.deferred) {
      out = std::move(d_.chars);  // read once: a file of one chunk is not read again
      done_ = *last = true;
      return true;
    }
    std::size_t end = std::min(raw_.size(), pos_ + chunk_bytes_);
    std::size_t lines = 0;
    for (std::size_t k = pos_; k < end; ++k) lines += raw_[k] == '\n';
    while (end < raw_.size()) {  // on to the end of a line, and past the header's lines
      const std::size_t nl = raw_.find('\n', end);
      if (nl == std::string_view::npos) {
        end = raw_.size();
        break;
      }
      end = nl + 1;
      if (pos_ != d_.utf8_from || ++lines >= kMinChunkLines) break;
    }
    out = decode_utf8_range(raw_, pos_, end);
    pos_ = end;
    done_ = *last = end >= raw_.size();
    return true;
  }
  /// Whether the whole file is one chunk.
  bool single() const {
    if (!d_.deferred) return true;
    return raw_.size() - d_.utf8_from <= chunk_bytes_;
  }

 private:
  std::string_view raw_;
  Decoded& d_;
  std::size_t chunk_bytes_;
  std::size_t pos_ = 0;
  bool done_ = false;
};

// The line passes of one chunk: trimmed lines, width, foreign debris, pinyin glosses.
std::vector<Line> chunk_lines(const Text& chars, LineSplitter& split, bool last) {
  std::vector<Line> lines;
  split.split(chars, lines, last);                            // trimmed lines, blank gaps
  for (Line& l : lines) {
    normalize_width(l.text);                                  // full-width Latin → ASCII
    drop_foreign_script(l.text);                              // "Щ", "ルラー" debris
    drop_pinyin_glosses(l.text);                              // 園區(qū) → 園區
  }
  std::erase_if(lines, [](const Line& l) { return l.text.empty(); });
  return lines;
}

}  // namespace

void ingest_stream(std::string_view raw, const std::string& name, DiagSink& sink,
                   SourceFile* info, const std::function<void(Article&&)>& emit,
                   std::size_t chunk_bytes) {
  Decoded decoded = decode(raw, name, /*defer_utf8=*/true);   // encoding; UTF-8 by chunks
  if (info) {
    info->name = name;
    info->encoding = decoded.encoding;
    info->size = raw.size();
    info->content_hash = sha256_hex(raw);
  }
  Chunks chunks(raw, decoded, chunk_bytes);
  Text chars;
  bool last = false;

  // 1. What the passes need of the whole file (extraction spacing, '#' headings): from the
  // lines themselves when the file is one chunk, else from a first pass over every chunk.
  ArticleMeta meta;
  std::vector<Line> first;  // the single chunk's lines, kept for step 2
  SpacingCensus census;
  bool marked = false;
  {
    LineSplitter split;
    DebrisFilter debris;
    DroppingSink reported_in_step_2;
    const bool single = chunks.single();
    for (bool head = true; chunks.next(chars, &last); head = false) {
      std::vector<Line> lines = chunk_lines(chars, split, last);
      if (head) meta = read_metadata(lines, chars, name, single ? sink : reported_in_step_2);
      debris.apply(lines);                                    // vertical-text debris
      census.add(lines);                                      // PDF spaces between Han?
      marked = marked || any_markdown_heading(lines);
      if (single) first = std::move(lines);
    }
    Text().swap(chars);
  }
  const bool spacing = census.spacing();

  // 2. Chunk by chunk: typed pieces, rejoined paragraphs, clean punctuation, articles.
  Classifier classify(spacing, marked);
  Rejoiner rejoin;
  ArticleSplitter split_articles(name);
  std::size_t count = 0;
  auto give = [&](Article&& a) {                              // the header's fields
    a.meta = meta;
    if (!meta.title.empty() && count == 0) {
      a.title = meta.title;
      a.title_derived = false;
    }
    ++count;
    emit(std::move(a));
  };
  auto pieces_of = [&](std::vector<Line> lines) {
    std::vector<Piece> pieces;
    classify.run(std::move(lines), pieces);                   // typed pieces
    for (Piece& p : pieces) rejoin.push(std::move(p));        // page/column breaks
    for (Piece& p : rejoin.take_ready()) {
      normalize_punctuation(p.text);                          // ，：（）“” by context
      split_articles.push(std::move(p), give);
    }
  };
  if (!first.empty() || chunks.single()) {
    pieces_of(std::move(first));
  } else {
    chunks.rewind();
    LineSplitter split;
    DebrisFilter debris;
    for (bool head = true; chunks.next(chars, &last); head = false) {
      std::vector<Line> lines = chunk_lines(chars, split, last);
      if (head) read_metadata(lines, chars, name, sink);      // header lines out (reported)
      Text().swap(chars);
      debris.apply(lines);
      pieces_of(std::move(lines));
    }
  }
  rejoin.finish();
  for (Piece& p : rejoin.take_ready()) {
    normalize_punctuation(p.text);
    split_articles.push(std::move(p), give);
  }
  split_articles.finish(give);

  if (count == 0) {
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
}

std::vector<Article> ingest_bytes(std::string_view raw, const std::string& name,
                                  DiagSink& sink, SourceFile* info) {
  std::vector<Article> articles;
  ingest_stream(raw, name, sink, info, [&](Article&& a) { articles.push_back(std::move(a)); });
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
  // By name: all are in `dir`, so this is path order, without path::compare's splitting
  // into components (a tenth of listing a thousand files).
  std::sort(paths.begin(), paths.end(),
            [](const std::filesystem::path& a, const std::filesystem::path& b) {
              return a.native() < b.native();
            });
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
