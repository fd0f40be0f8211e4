// CJK spacing passes on synthetic clusters: punctuation compression, Han–Latin spacing,
// inter-character stretch.
#include <catch2/catch.hpp>

#include "typeset/cjk.h"

using namespace ptbrief::typeset;

namespace {

std::vector<SpacedCluster> clusters(const std::u32string& s) {
  std::vector<SpacedCluster> out;
  for (char32_t c : s) {
    SpacedCluster k;
    k.cls = classify(c);
    k.em = 10;
    k.width = (k.cls == CharClass::Latin || k.cls == CharClass::Digit) ? 5 : 10;
    out.push_back(k);
  }
  return out;
}

}  // namespace

TEST_CASE("a closing mark is half ink plus a shrinkable, non-stretching blank", "[cjk]") {
  auto c = clusters(U"中。文");
  std::vector<Joint> j(2);
  compress_punctuation(c, j);
  CHECK(c[1].trim_right == 5);
  CHECK(j[1].width == 5);
  CHECK(j[1].shrink == 5);
  CHECK(j[1].stretch == 0);
}

TEST_CASE("an opening mark's blank is a glue before it, so it is half width at a line start",
          "[cjk]") {
  auto c = clusters(U"中（文");
  std::vector<Joint> j(2);
  compress_punctuation(c, j);
  CHECK(c[1].trim_left == 5);
  CHECK(j[0].width == 5);
  CHECK(j[1].width == 0);
}

TEST_CASE("adjacent marks lose the blank between them", "[cjk]") {
  auto c = clusters(U"中。」文");
  std::vector<Joint> j(3);
  compress_punctuation(c, j);
  CHECK(j[1].width == 0);  // 。」: no blank between
  CHECK(j[2].width == 5);  // 」 keeps its blank before 文

  auto d = clusters(U"中，“文");
  std::vector<Joint> k(3);
  compress_punctuation(d, k);
  CHECK(k[1].width == 5);  // ，“ : half an em in all between the two inks

  auto e = clusters(U"中（“文");
  std::vector<Joint> m(3);
  compress_punctuation(e, m);
  CHECK(m[1].width == 0);  // （“ : the second opening mark's blank goes
}

TEST_CASE("a mark at the paragraph start keeps its full width", "[cjk]") {
  auto c = clusters(U"“文");
  std::vector<Joint> j(1);
  compress_punctuation(c, j);
  CHECK(c[0].trim_left == 0);
}

TEST_CASE("a quarter em between Han and Latin or digits, none next to punctuation", "[cjk]") {
  auto c = clusters(U"在AI，5G中");
  std::vector<Joint> j(c.size() - 1);
  add_han_latin_spacing(c, j, 0.25);
  CHECK(j[0].width == Approx(2.5));  // 在|A
  CHECK(j[1].width == 0);            // A|I
  CHECK(j[2].width == 0);            // I|，
  CHECK(j[3].width == 0);            // ，|5
  CHECK(j[5].width == Approx(2.5));  // G|中
}

TEST_CASE("justification stretch goes between characters, never beside punctuation", "[cjk]") {
  auto c = clusters(U"中文。好AB");
  std::vector<Joint> j(c.size() - 1);
  add_inter_character_stretch(c, j);
  CHECK(j[0].stretch > 0);   // 中|文
  CHECK(j[1].stretch == 0);  // 文|。
  CHECK(j[2].stretch == 0);  // 。|好
  CHECK(j[3].stretch > 0);   // 好|A
  CHECK(j[4].stretch == 0);  // A|B: inside a word
}
