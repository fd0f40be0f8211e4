// Building one made-up article for extraction tests: blocks, the article, its facts.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "extract/extract.h"
#include "ingest/ingest.h"

namespace ptbrief::extracttest {

inline ingest::Block block(ingest::BlockType type, const std::string& text) {
  ingest::Block b;
  b.type = type;
  b.text = text;
  return b;
}

inline ingest::Block para(const std::string& text) {
  return block(ingest::BlockType::Paragraph, text);
}

/// A corpus of one article "t#1" (file t.txt) with `title` and `blocks`.
inline ingest::Corpus article(std::vector<ingest::Block> blocks, const std::string& title) {
  ingest::Corpus c;
  ingest::Article a;
  a.id = "t#1";
  a.file = "t.txt";
  a.title = title;
  a.blocks = std::move(blocks);
  c.articles.push_back(std::move(a));
  return c;
}

/// The facts of `c` with the default topic catalogue; diagnostics go to `sink` when given.
inline extract::Facts facts_of(const ingest::Corpus& c, CollectingSink* sink = nullptr) {
  CollectingSink dropped;
  return extract::extract(c, extract::default_topics_file(), sink ? *sink : dropped);
}

}  // namespace ptbrief::extracttest
