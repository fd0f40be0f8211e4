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

TEST_CASE("：；？！ are compressed when the font draws them in the left of the em, not when centred",
          "[cjk]") {
  // Noto Serif SC's ：；: ink in the left 0.3 em (blank right 0.6 em) — compressed like 。
  auto left = clusters(U"中：“文");
  left[1].blank_left = 1.5;
  left[1].blank_right = 6;
  std::vector<Joint> j(3);
  compress_punctuation(left, j);
  CHECK(left[1].trim_right == 5);
  CHECK(j[1].width == 5);  // ：“ : half an em between the two inks, as ，“
  CHECK(left[1].width - left[1].trim_right + j[1].width + left[2].width - left[2].trim_left ==
        Approx(15));  // the pair takes 1.5 em, not 2

  // A centred ？ (blank 0.3 em each side) and a mark of unknown ink keep their full em.
  auto centred = clusters(U"中？文");
  centred[1].blank_left = centred[1].blank_right = 3;
  std::vector<Joint> k(2);
  compress_punctuation(centred, k);
  CHECK(centred[1].trim_right == 0);
  CHECK(k[1].width == 0);
  auto unknown = clusters(U"中；文");
  std::vector<Joint> m(2);
  compress_punctuation(unknown, m);
  CHECK(unknown[1].trim_right == 0);
}

TEST_CASE("a note marker after a closing mark takes the mark's blank half", "[cjk]") {
  auto c = clusters(U"能。[9]");
  for (std::size_t i = 2; i < c.size(); ++i) c[i].note = true;
  std::vector<Joint> j(c.size() - 1);
  compress_punctuation(c, j);
  CHECK(c[1].trim_right == 5);
  CHECK(j[1].width == 0);  // 。[ : no half-em hole before the marker
  CHECK(j[1].shrink == 0);
}

TEST_CASE("no Han–Latin gap beside symbols or note markers", "[cjk]") {
  auto c = clusters(U"党建+项目300元/月");
  std::vector<Joint> j(c.size() - 1);
  add_han_latin_spacing(c, j, 0.25);
  CHECK(classify(U'+') == CharClass::Symbol);
  CHECK(j[1].width == 0);            // 建|+
  CHECK(j[2].width == 0);            // +|项
  CHECK(j[4].width == Approx(2.5));  // 目|3
  CHECK(j[7].width == Approx(2.5));  // 0|元
  CHECK(j[8].width == 0);            // 元|/
  CHECK(j[9].width == 0);            // /|月

  auto m = clusters(U"7个[1]第");
  m[2].note = m[3].note = m[4].note = true;
  std::vector<Joint> k(m.size() - 1);
  add_han_latin_spacing(m, k, 0.25);
  CHECK(k[0].width == Approx(2.5));  // 7|个
  for (std::size_t i = 1; i < k.size(); ++i) CHECK(k[i].width == 0);

  auto d = clusters(U"第1段");  // a note digit beside Han is not a Latin run either
  d[1].note = true;
  std::vector<Joint> n(2);
  add_han_latin_spacing(d, n, 0.25);
  CHECK(n[0].width == 0);
  CHECK(n[1].width == 0);
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
