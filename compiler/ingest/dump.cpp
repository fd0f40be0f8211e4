// Text renderings of a Corpus: the stable dump (test oracle) and readable clean text.
#include "ingest/dump.h"

namespace ptbrief::ingest {

std::string dump(const Corpus& corpus) {
  std::string s;
  for (const SourceFile& f : corpus.files)
    s += "file " + f.name + " encoding=" + f.encoding + " size=" + std::to_string(f.size) +
         " sha256=" + f.content_hash + "\n";
  for (const Article& a : corpus.articles) {
    s += "\narticle " + a.id + "\n  title" + (a.title_derived ? "(derived)" : "") + ": " +
         a.title + "\n  byline: " + a.byline + "\n";
    if (!a.meta.empty())
      s += "  meta: source=" + a.meta.source + " date=" + a.meta.date + " page=" + a.meta.page +
           " url=" + a.meta.url + " author=" + a.meta.author + "\n";
    for (const Block& b : a.blocks) {
      s += "  [" + std::string(to_string(b.type));
      if (b.level) s += " " + std::to_string(b.level);
      s += "] " + std::to_string(b.start) + "-" + std::to_string(b.end) + " s=" +
           std::to_string(b.sentences.size()) + " | " + b.text + "\n";
    }
  }
  return s;
}

std::string clean_text(const Corpus& corpus) {
  std::string s;
  for (const Article& a : corpus.articles) {
    s += "==== " + a.id + " ====\n";
    for (const Block& b : a.blocks) {
      switch (b.type) {
        case BlockType::Title: s += "# " + b.text + "\n\n"; break;
        case BlockType::Heading: s += std::string(b.level + 1, '#') + " " + b.text + "\n\n"; break;
        case BlockType::Caption: s += "[图注] " + b.text + "\n\n"; break;
        case BlockType::Byline: s += "[署名] " + b.text + "\n\n"; break;
        case BlockType::Note: s += "[说明] " + b.text + "\n\n"; break;
        case BlockType::Image: s += "[图片]\n\n"; break;
        case BlockType::Paragraph: s += b.text + "\n\n"; break;
      }
    }
  }
  return s;
}

}  // namespace ptbrief::ingest
