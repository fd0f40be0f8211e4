// Private to ingest: lines → typed pieces → rejoined paragraphs → articles.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/repair.h"

namespace ptbrief::ingest {

/// A typed run of text on its way to becoming a Block.
struct Piece {
  BlockType type = BlockType::Paragraph;
  int level = 0;
  Text text;
  bool dateline = false;  ///< a Byline split off a paragraph's start (本报讯（记者 …）): opens an article
};

/// Drops vertical-text debris lines (see is_debris_line) and the short non-Han lines that
/// trail them ("97.7%" under a vertical sidebar).
void drop_debris_lines(std::vector<Line>& lines);
/// drop_debris_lines over a file's lines given a chunk at a time: the state a run of debris
/// carries from one line to the next lives here.
struct DebrisFilter {
  bool after_debris = false;
  int carried_blanks = 0;
  void apply(std::vector<Line>& lines);
};

/// Whether a file marks its headings with '#' (it then gets no guessed headings).
bool any_markdown_heading(const std::vector<Line>& lines);

/// classify() over a file's lines given a chunk at a time: `extraction_spacing` and
/// `marked` (any_markdown_heading) are the whole file's; what a line's class depends on from
/// the lines before it (body seen, the last piece's type and level) is kept here.
class Classifier {
 public:
  Classifier(bool extraction_spacing, bool marked) : spacing_(extraction_spacing), marked_(marked) {}
  /// Appends the pieces of `lines` (the next lines of the file) to `out`.
  void run(std::vector<Line> lines, std::vector<Piece>& out);

 private:
  bool spacing_, marked_;
  bool seen_body_ = false;
  std::optional<BlockType> last_;  ///< type of the last piece made
  int last_level_ = 0;             ///< and its level
};

/// rejoin_broken_paragraphs() a piece at a time: take_ready() gives the pieces no later piece
/// can change (everything before an unfinished paragraph); finish() closes the file.
class Rejoiner {
 public:
  void push(Piece p);
  void finish();
  std::vector<Piece> take_ready();

 private:
  void release();
  std::vector<Piece> out_, held_;
  std::size_t open_ = SIZE_MAX;
};

/// split_articles() a piece at a time: each article is given to `emit` once the piece that
/// opens the next one (or finish()) arrives.
class ArticleSplitter {
 public:
  explicit ArticleSplitter(std::string file);
  void push(Piece p, const std::function<void(Article&&)>& emit);
  void finish(const std::function<void(Article&&)>& emit);

 private:
  void flush(const std::function<void(Article&&)>& emit);
  std::string file_, stem_;
  std::vector<Piece> group_;
  bool started_ = false, body_ = false;
  std::size_t count_ = 0;  ///< articles given out (ids are 1-based counts)
};

/// Classifies each line (caption, byline, note, image, title, heading, paragraph), splits
/// leading datelines (本报讯（记者 李明）) and trailing bylines and photo credits off paragraphs, and — when `extraction_spacing` — repairs the PDF
/// extraction spaces and interleaved sidebar characters of every non-byline piece.
std::vector<Piece> classify(std::vector<Line> lines, bool extraction_spacing);

/// Rejoins paragraphs cut by a page or column break: a paragraph that does not end a
/// sentence continues in the next paragraph, across captions, images and notes (which stay
/// separate blocks, after the joined paragraph) but never across a heading or a new article.
void rejoin_broken_paragraphs(std::vector<Piece>& pieces);

/// Splits pieces into articles ("本报讯" opens a new one), names them "<stem>#<n>", and
/// gives each a title: its Title piece, else one derived from its lead sentence.
std::vector<Article> split_articles(std::vector<Piece> pieces, const std::string& file);

/// Title derived from a lead paragraph: drops the "本报讯" dateline and a leading time phrase
/// ("近日，", "今年以来，", "3月18日，"), then keeps the first clause.
std::string derive_title(const Text& lead);

/// Byte offsets in `text` where its sentences end (after 。！？；… and closing quotes).
std::vector<Sentence> split_sentences(const std::string& text);

}  // namespace ptbrief::ingest
