// Encodings, bad input and the offset map: every output character maps back to raw bytes
// that decode to the same character.
#include <random>

#include "ingest/repair.h"
#include "ingest/text.h"
#include "ingest_test_support.h"

using namespace ptbrief;
using namespace ptbrief::ingest;
using ptbrief::ingest::test::decode_with;
using ptbrief::ingest::test::encode;

namespace {

const std::string kArticle =
    "园区党建纪实\n\n本报记者 王明\n\n"
    "近年来,高新区坚持\"党建链\"赋能\"发展链\",建成ＧＢ/T 15834 示范点１２个,满意率达97.7%。\n\n"
    "他说:‘我们要干’。企业达到３００家,其中5G 基站建设提速?\n";

/// Characters equal modulo the width and punctuation normalisation ingest applies.
char32_t canon(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
  switch (c) {
    case U'“': case U'”': return '"';
    case U'‘': case U'’': return '\'';
    default: return c;
  }
}

void check_offset_map(const std::string& raw, const char* charset) {
  CollectingSink sink;
  SourceFile info;
  auto articles = ingest_bytes(raw, "t.txt", sink, &info);
  REQUIRE_FALSE(articles.empty());
  std::mt19937 rng(42);
  int checked = 0;
  for (const auto& a : articles)
    for (const auto& b : a.blocks)
      for (std::size_t k = 0; k < b.char_sources.size(); ++k) {
        if (rng() % 3 != 0) continue;  // a random third of all characters
        const auto& cs = b.char_sources[k];
        if (cs.raw_start == cs.raw_end) continue;  // inserted by repair
        std::string out_char = b.text.substr(
            cs.text_offset,
            (k + 1 < b.char_sources.size() ? b.char_sources[k + 1].text_offset : b.text.size()) -
                cs.text_offset);
        std::string raw_char =
            decode_with(raw.substr(cs.raw_start, cs.raw_end - cs.raw_start), charset);
        auto o = from_utf8(out_char), r = from_utf8(raw_char);
        REQUIRE(o.size() == 1);
        REQUIRE(r.size() == 1);
        // Half-width , : ? ( ) become full-width in Chinese text.
        char32_t rc = canon(r[0]), oc = canon(o[0]);
        if (oc != rc) oc = canon(from_utf8(normalize_string(raw_char))[0]);
        INFO(charset << " out=" << out_char << " raw=" << raw_char);
        bool same = oc == rc || (rc == ',' && o[0] == U'，') || (rc == ':' && o[0] == U'：') ||
                    (rc == '?' && o[0] == U'？') || (rc == ';' && o[0] == U'；') ||
                    (rc == '(' && o[0] == U'（') || (rc == ')' && o[0] == U'）') ||
                    (rc == '!' && o[0] == U'！');
        CHECK(same);
        ++checked;
      }
  CHECK(checked > 20);
}

}  // namespace

TEST_CASE("UTF-8 with and without BOM decode to the same articles", "[ingest][decode]") {
  CollectingSink s1, s2;
  SourceFile i1, i2;
  auto a = ingest_bytes(kArticle, "t.txt", s1, &i1);
  auto b = ingest_bytes("\xEF\xBB\xBF" + kArticle, "t.txt", s2, &i2);
  CHECK(i1.encoding == "UTF-8");
  CHECK(i2.encoding == "UTF-8 (BOM)");
  CHECK(test::blocks_of(a) == test::blocks_of(b));
  CHECK(i1.content_hash.size() == 64);
}

TEST_CASE("GB18030 and UTF-16 with BOM are detected and decoded", "[ingest][decode]") {
  const std::string want = test::blocks_of(test::run(kArticle));
  for (const char* cs : {"GB18030", "UTF-16LE", "UTF-16BE"}) {
    std::string raw = encode(kArticle, cs);
    if (std::string(cs) == "UTF-16LE") raw = "\xFF\xFE" + raw;
    if (std::string(cs) == "UTF-16BE") raw = "\xFE\xFF" + raw;
    CollectingSink sink;
    SourceFile info;
    auto articles = ingest_bytes(raw, "t.txt", sink, &info);
    CHECK(info.encoding == cs);
    CHECK(test::blocks_of(articles) == want);
  }
}

TEST_CASE("offset map: random output characters decode back from their raw bytes",
          "[ingest][decode]") {
  check_offset_map(kArticle, "UTF-8");
  check_offset_map(encode(kArticle, "GB18030"), "GB18030");
  check_offset_map("\xFF\xFE" + encode(kArticle, "UTF-16LE"), "UTF-16LE");
  check_offset_map("\xFE\xFF" + encode(kArticle, "UTF-16BE"), "UTF-16BE");
  // A character outside the BMP (surrogate pair in UTF-16, 4 bytes in GB18030).
  const std::string wide = "𠀀字测试的段落内容。\n";
  check_offset_map("\xFF\xFE" + encode(wide + kArticle, "UTF-16LE"), "UTF-16LE");
  check_offset_map(encode(wide + kArticle, "GB18030"), "GB18030");
}

TEST_CASE("raw_range covers the raw bytes of a text range", "[ingest][decode]") {
  auto articles = test::run("前言\n\n这是第一句。这是第二句。\n");
  const Block& b = articles.at(0).blocks.at(1);
  REQUIRE(b.sentences.size() == 2);
  auto [s, e] = b.raw_range(b.sentences[1].begin, b.sentences[1].end);
  CHECK(std::string("前言\n\n这是第一句。这是第二句。\n").substr(s, e - s) == "这是第二句。");
}

TEST_CASE("an empty file gives a warning and no articles", "[ingest][decode]") {
  for (std::string raw : {std::string(), std::string("\xEF\xBB\xBF"), std::string(" \n\n\t\n")}) {
    CollectingSink sink;
    CHECK(test::run(raw, &sink).empty());
    REQUIRE(sink.count(Severity::Warning) == 1);
    CHECK(sink.items.at(0).code == "ingest.empty");
    CHECK(sink.items.at(0).file == "t.txt");
  }
}

namespace {
Diagnostic refusal(const std::string& raw) {
  try {
    test::run(raw);
  } catch (const Error& e) {
    return e.diagnostic();
  }
  FAIL("input was not refused");
  return {};
}
}  // namespace

TEST_CASE("binary input is refused with file and byte offset", "[ingest][decode]") {
  Diagnostic d = refusal(std::string("正文\0\x01\x02 data", 12));
  CHECK(d.code == "ingest.binary");
  CHECK(d.file == "t.txt");
  CHECK(d.offset == 6);
  CHECK(d.message.find("byte offset 6") != std::string::npos);
  CHECK_FALSE(d.hint.empty());
  CHECK(refusal("abc\x07").offset == 3);
}

TEST_CASE("truncated UTF-8 is refused at the offset of the cut sequence", "[ingest][decode]") {
  std::string raw = "党建引领发展";
  raw.pop_back();  // cut the last 3-byte character
  Diagnostic d = refusal(raw);
  CHECK(d.code == "ingest.truncated");
  CHECK(d.offset == 15);
}

TEST_CASE("undecodable bytes are refused, not guessed", "[ingest][decode]") {
  // Latin-1 accents: invalid UTF-8, and not Chinese when read as GB18030.
  Diagnostic d = refusal("caf\xE9 cr\xE8me br\xFBl\xE9" " et na\xEFve r\xE9sum\xE9");
  CHECK(d.code == "ingest.undecodable");
  CHECK(d.offset == 3);
  // A UTF-8 BOM followed by invalid bytes.
  CHECK(refusal("\xEF\xBB\xBF\xE5\x85").code == "ingest.truncated");
  // Truncated UTF-16.
  CHECK(refusal("\xFF\xFE\x41\x00\x42").code == "ingest.truncated");
}
