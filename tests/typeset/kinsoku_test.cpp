// Break opportunities: ICU (zh) plus the clreq / GB/T 15834 passes — kinsoku, inseparable
// marks, numbers with units, the interpunct.
#include <catch2/catch.hpp>

#include "base/utf8.h"
#include "typeset/breaks.h"
#include "typeset/cjk.h"
#include "typeset/shape.h"

using namespace ptbrief::typeset;
using ptbrief::from_utf8;
using ptbrief::to_utf8;

namespace {

// The text with '|' at every allowed break (the final forced break not shown).
std::string marked(const std::string& utf8) {
  const std::u32string t = from_utf8(utf8);
  const std::vector<BreakAfter> b = find_breaks(t);
  std::u32string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    out += t[i];
    if (i + 1 < t.size() && b[i] != BreakAfter::Never) out += U'|';
  }
  return to_utf8(out);
}

}  // namespace

TEST_CASE("no line starts with a closing mark or stop (clreq 行首禁则)", "[kinsoku]") {
  CHECK(marked("中文。好") == "中|文。|好");
  CHECK(marked("甲，乙、丙；丁：戊？己！") == "甲，|乙、|丙；|丁：|戊？|己！");
  CHECK(marked("（甲）》」』”’") == "（甲）》」』”’");
}

TEST_CASE("spaces do not open a way around the rules", "[kinsoku]") {
  CHECK(marked("甲 。乙") == "甲 。|乙");
  CHECK(marked("AI ——发展") == "AI ——|发|展");
  CHECK(marked("甲（ 乙") == "甲|（ 乙");
}

TEST_CASE("no line ends with an opening mark (clreq 行尾禁则)", "[kinsoku]") {
  CHECK(marked("甲（乙）") == "甲|（乙）");
  CHECK(marked("甲《乙》丙") == "甲|《乙》|丙");
  CHECK(marked("甲「乙」『丙』") == "甲|「乙」|『丙』");
}

TEST_CASE("the zh locale breaks inside quoted text, unlike the root locale", "[kinsoku]") {
  CHECK(marked("坚持“党建引领”的思路") == "坚|持|“党|建|引|领”|的|思|路");
}

TEST_CASE("the two-em dash and the six-dot ellipsis are never split", "[kinsoku]") {
  CHECK(marked("答案是——以项目") == "答|案|是——|以|项|目");
  CHECK(marked("品牌……等") == "品|牌……|等");
}

TEST_CASE("numbers stay with their units", "[kinsoku]") {
  CHECK(marked("总值3.5亿元，") == "总|值|3.5亿元，");
  CHECK(marked("岗位300元") == "岗|位|300元");
  CHECK(marked("共2360家企业") == "共|2360家|企|业");
  CHECK(marked("占比34.65%的") == "占|比|34.65%|的");
  CHECK(marked("见第28段，") == "见|第28段，");
}

TEST_CASE("no break before or after the interpunct", "[kinsoku]") {
  CHECK(marked("张江·李明同志") == "张|江·李|明|同|志");
}

TEST_CASE("a newline is a forced break", "[kinsoku]") {
  const std::vector<BreakAfter> b = find_breaks(U"甲\n乙");
  CHECK(b[1] == BreakAfter::Forced);
  CHECK(b.back() == BreakAfter::Forced);
}

TEST_CASE("random mixed text never breaks before a closing mark or after an opening one",
          "[kinsoku]") {
  // A property check over pseudo-random strings (fixed seed: deterministic) of ideographs,
  // Latin, digits, units and every class of mark, including runs of marks.
  const std::u32string alphabet =
      U"中文党建园区企业亿元家%。，、；：？！）》」』”’…—·（《「『“‘ AI5G0123.";
  std::uint32_t state = 12345;
  for (int round = 0; round < 300; ++round) {
    std::u32string t;
    const int len = 1 + int(state % 60);
    for (int i = 0; i < len; ++i) {
      state = state * 1664525u + 1013904223u;
      t += alphabet[(state >> 8) % alphabet.size()];
    }
    const std::vector<BreakAfter> b = find_breaks(t);
    REQUIRE(b.size() == t.size());
    CHECK(b.back() == BreakAfter::Forced);
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
      if (b[i] == BreakAfter::Never) continue;
      INFO(to_utf8(t) << " at " << i);
      CHECK_FALSE(prohibited_at_line_end(t[i]));
      CHECK_FALSE(prohibited_at_line_start(t[i + 1]));
    }
  }
}

TEST_CASE("a long file name may break before its separators, a number never", "[kinsoku]") {
  CHECK(marked("（001_d795a93a0c409709.txt）") == "（001|_d795a93a0c409709.txt）");
  CHECK(marked("d795a93a0c409709_abc") == "d795a93a0c409709|_abc");
  CHECK(marked("3.5亿元") == "3.5亿元");          // short: untouched
  CHECK(marked("12345678901.2345") == "12345678901.2345");  // digits on both sides
}
