// Private to ingest: lines → typed pieces → rejoined paragraphs → articles.
#pragma once

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
