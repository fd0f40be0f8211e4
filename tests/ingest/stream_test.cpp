// Ingest by chunks (ingest_stream) gives the articles, character maps and warnings of ingest
// over the whole file, whatever the chunk size.
#include <algorithm>
#include <filesystem>
#include <sstream>

#include "ingest_test_support.h"
#include "support/test_support.h"

using namespace ptbrief;
namespace fs = std::filesystem;

namespace {

// Everything ingest gives for one file, character maps and warnings included.
std::string everything(const std::string& raw, std::size_t chunk_bytes) {
  CollectingSink sink;
  ingest::SourceFile info;
  std::ostringstream out;
  std::size_t n = 0;
  ingest::ingest_stream(raw, "feed.txt", sink, &info, [&](ingest::Article&& a) {
    ++n;
    out << a.id << '|' << a.file << '|' << a.title << '|' << a.title_derived << '|' << a.byline
        << '|' << a.meta.title << '|' << a.meta.source << '|' << a.meta.date << '|'
        << a.meta.page << '|' << a.meta.url << '|' << a.meta.author << '\n';
    for (const auto& b : a.blocks) {
      out << ' ' << ingest::to_string(b.type) << b.level << ' ' << b.start << '-' << b.end << ' '
          << b.text << '\n';
      for (const auto& s : b.sentences) out << "  s" << s.begin << '-' << s.end;
      out << '\n';
      for (const auto& c : b.char_sources)
        out << c.text_offset << ':' << c.raw_start << '-' << c.raw_end << ' ';
      out << '\n';
    }
  });
  out << info.encoding << ' ' << info.size << ' ' << info.content_hash << '\n';
  for (const auto& d : sink.items) out << format(d) << '\n';
  INFO("chunk " << chunk_bytes);
  CHECK(n > 0);
  return out.str();
}

// Every seed and made-up article in one file, one after another (front matter, lead lines,
// markdown headings, PDF extraction noise, captions and datelines all meet chunk ends).
std::string feed() {
  std::vector<fs::path> files;
  for (const fs::path& d : {test::corpus_dir(), fs::path(PTBRIEF_SOURCE_DIR) / "tests/extract/articles"})
    for (const auto& e : fs::directory_iterator(d))
      if (ingest::is_article_file(e.path())) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string raw;
  for (const auto& f : files) raw += test::slurp(f) + "\n\n";
  return raw;
}

}  // namespace

TEST_CASE("ingest by chunks gives what ingest of the whole file gives", "[ingest]") {
  const std::string raw = feed();
  REQUIRE(raw.size() > 100000);
  const std::string whole = everything(raw, raw.size() + 1);
  CHECK(whole.find("feed#10|") != std::string::npos);  // many articles
  for (std::size_t chunk : {std::size_t{1}, std::size_t{700}, std::size_t{4096}, std::size_t{65536}})
    CHECK(everything(raw, chunk) == whole);
  CollectingSink sink;  // ingest_bytes: the default chunk size, one chunk here
  CHECK(ingest::ingest_bytes(raw, "feed.txt", sink).size() >= 10);
}

TEST_CASE("a file that opens with a header keeps it when read by chunks", "[ingest]") {
  std::string raw = "---\ntitle: 园区动态\nsource: 南通日报\ndate: 2025-03-01\n---\n\n";
  for (int i = 0; i < 300; ++i)
    raw += "本报讯（记者 李明）园区第" + std::to_string(i) + "家企业投产，新增就业岗位" +
           std::to_string(100 + i) + "个，年产值预计达到" + std::to_string(i * 3) + "亿元。\n\n";
  const std::string whole = everything(raw, raw.size() + 1);
  CHECK(whole.find("|园区动态|南通日报|2025-03-01|") != std::string::npos);
  CHECK(everything(raw, 64) == whole);
}
