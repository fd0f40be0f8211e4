// ptbrief's CFF subsetter (pdf/cff_subset.h) on hand-made charstrings and damaged tables: subroutine
// inlining with biases, endchar inside a subroutine, hint masks after an implicit vstem, widths
// kept when hints are dropped, and errors (never undefined behaviour) on hostile input.
#include <catch2/catch.hpp>

#include <hb.h>

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/limits.h"
#include "page_builder.h"
#include "pdf/cff_subset.h"
#include "pdf/font_file.h"

using namespace ptbrief;
using namespace ptbrief::pdf;

namespace {

/// A Type 2 number (TN #5177 §3.2), in the shortest encoding.
std::string n(int v) {
  std::string s;
  if (v >= -107 && v <= 107) {
    s += static_cast<char>(v + 139);
  } else if (v >= 108 && v <= 1131) {
    s += static_cast<char>(((v - 108) >> 8) + 247);
    s += static_cast<char>((v - 108) & 0xff);
  } else if (v >= -1131 && v <= -108) {
    s += static_cast<char>(((-v - 108) >> 8) + 251);
    s += static_cast<char>((-v - 108) & 0xff);
  } else {
    s += '\x1c';
    s += static_cast<char>((v >> 8) & 0xff);
    s += static_cast<char>(v & 0xff);
  }
  return s;
}

const std::string hstem = "\x01", vstem = "\x03", rlineto = "\x05", callsubr = "\x0a",
                  ret = "\x0b", endchar = "\x0e", hstemhm = "\x12", hintmask = "\x13",
                  rmoveto = "\x15", callgsubr = "\x1d";

/// An INDEX (TN #5176 §5) of `items`, with 4-byte offsets, preceded by `pad` bytes so the
/// Index is read at an offset other than 0.
struct BuiltIndex {
  std::string bytes;
  cff::Index index;
};
BuiltIndex make_index(const std::vector<std::string>& items) {
  BuiltIndex b;
  std::string& s = b.bytes;
  s = "pad";
  s += static_cast<char>(items.size() >> 8);
  s += static_cast<char>(items.size() & 0xff);
  if (!items.empty()) {
    s += '\x04';
    std::uint32_t off = 1;
    auto put = [&](std::uint32_t v) {
      for (int k = 24; k >= 0; k -= 8) s += static_cast<char>((v >> k) & 0xff);
    };
    put(off);
    for (const auto& it : items) put(off += static_cast<std::uint32_t>(it.size()));
    for (const auto& it : items) s += it;
  }
  return b;
}
/// The Index must point into bytes that outlive it: built in place.
struct Subrs {
  explicit Subrs(const std::vector<std::string>& items) : built(make_index(items)) {
    index = cff::Index(built.bytes, 3);
  }
  BuiltIndex built;
  cff::Index index;
};

std::string flat(const std::string& cs, const Subrs& global, const Subrs& local, bool drop) {
  return cff::flatten(cs, global.index, local.index, drop);
}

std::string message_of(const std::string& cs, const Subrs& g, const Subrs& l, bool drop = true) {
  try {
    flat(cs, g, l, drop);
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "pdf.font");
    return e.diagnostic().message;
  }
  return "(no error)";
}

const Subrs none{{}};

}  // namespace

TEST_CASE("cff flatten: nested global and local subroutines are inlined with their biases",
          "[pdf][cff]") {
  // Fewer than 1240 subroutines: bias 107, so subroutine 0 is called as -107.
  Subrs local({n(10) + n(20) + rlineto + ret,          // local 0: a line
               n(-107) + callsubr + n(5) + ret});       // local 1: calls local 0, leaves 5
  Subrs global({n(-106) + callsubr + n(6) + rlineto + ret});  // global 0: local 1, then a line
  std::string cs = n(100) + n(200) + rmoveto + n(-107) + callgsubr + endchar;
  std::string want = n(100) + n(200) + rmoveto + n(10) + n(20) + rlineto + n(5) + n(6) + rlineto +
                     endchar;
  CHECK(flat(cs, global, local, true) == want);
  CHECK(flat(cs, global, local, false) == want);
}

TEST_CASE("cff flatten: the bias follows the subroutine count (1131 from 1240 subroutines)",
          "[pdf][cff]") {
  std::vector<std::string> many(1240, n(1) + n(1) + rlineto + ret);
  many[0] = n(7) + n(7) + rlineto + ret;
  Subrs local(many);
  CHECK(flat(n(0) + n(0) + rmoveto + n(-1131) + callsubr + endchar, none, local, true) ==
        n(0) + n(0) + rmoveto + n(7) + n(7) + rlineto + endchar);
}

TEST_CASE("cff flatten: endchar inside a subroutine ends the glyph", "[pdf][cff]") {
  Subrs local({n(3) + n(4) + rlineto + endchar});
  std::string cs = n(1) + n(2) + rmoveto + n(-107) + callsubr + n(9) + n(9) + rlineto + endchar;
  CHECK(flat(cs, none, local, true) == n(1) + n(2) + rmoveto + n(3) + n(4) + rlineto + endchar);
}

TEST_CASE("cff flatten: a hint mask after an implicit vstem is as long as all the stems",
          "[pdf][cff]") {
  // 6 hstems declared, 4 vstems implied by the operands before hintmask: 10 stems, so the mask
  // takes 2 bytes. Counting only the declared stems would read 1 and take the second mask byte
  // (0x15 = rmoveto) for an operator.
  std::string stems;
  for (int i = 0; i < 6; ++i) stems += n(10 * i) + n(5);
  std::string implicit;
  for (int i = 0; i < 4; ++i) implicit += n(20 * i) + n(5);
  std::string mask = "\xff\x15";
  std::string path = n(50) + n(60) + rmoveto + n(1) + n(2) + rlineto;
  std::string cs = stems + hstemhm + implicit + hintmask + mask + path + endchar;
  CHECK(flat(cs, none, none, false) == cs);
  CHECK(flat(cs, none, none, true) == path + endchar);
  // A mask whose bytes run past the end of the charstring is an error.
  CHECK(message_of(stems + hstemhm + implicit + hintmask + "\xff", none, none)
            .find("hint mask") != std::string::npos);
}

TEST_CASE("cff flatten: the advance width survives dropped hints", "[pdf][cff]") {
  // width 300, then one hstem: hints dropped, the width moves to rmoveto (3 operands).
  std::string cs = n(300) + n(0) + n(50) + hstem + n(10) + n(20) + rmoveto + endchar;
  CHECK(flat(cs, none, none, true) == n(300) + n(10) + n(20) + rmoveto + endchar);
  // width before a hint mask with implicit vstems: 1 + 4 operands is odd, the first is the width.
  std::string cs2 = n(400) + n(0) + n(10) + n(30) + n(10) + hintmask + "\xc0" + n(1) + n(1) +
                    rmoveto + endchar;
  CHECK(flat(cs2, none, none, true) == n(400) + n(1) + n(1) + rmoveto + endchar);
  // no width: an even number of stem operands leaves rmoveto's two alone
  std::string cs3 = n(0) + n(50) + vstem + n(10) + n(20) + rmoveto + endchar;
  CHECK(flat(cs3, none, none, true) == n(10) + n(20) + rmoveto + endchar);
  // width on an empty glyph's endchar is kept as it is
  CHECK(flat(n(500) + endchar, none, none, true) == n(500) + endchar);
}

TEST_CASE("cff flatten: hostile charstrings are errors, not undefined behaviour", "[pdf][cff]") {
  SECTION("subroutines nesting deeper than 10") {
    Subrs local({n(-107) + callsubr + ret});  // calls itself
    CHECK(message_of(n(-107) + callsubr + endchar, none, local).find("nest deeper than 10") !=
          std::string::npos);
  }
  SECTION("10 levels are fine") {
    std::vector<std::string> chain;
    for (int i = 0; i < 10; ++i) chain.push_back(n(-107 + i + 1) + callsubr + ret);
    chain.back() = n(1) + n(1) + rlineto + ret;
    Subrs local(chain);
    CHECK(flat(n(0) + n(0) + rmoveto + n(-107) + callsubr + endchar, none, local, true) ==
          n(0) + n(0) + rmoveto + n(1) + n(1) + rlineto + endchar);
  }
  SECTION("argument stack overflow") {
    std::string cs;
    for (int i = 0; i < limits::kMaxCffStack + 1; ++i) cs += n(1);
    CHECK(message_of(cs + rlineto, none, none).find("stack overflow") != std::string::npos);
  }
  SECTION("a subroutine number out of range") {
    CHECK(message_of(n(5) + callsubr, none, Subrs({ret})).find("out of range") !=
          std::string::npos);
    CHECK(message_of(n(-107) + callgsubr, none, none).find("global subroutine") !=
          std::string::npos);
  }
  SECTION("a call with an empty stack, return at the top level, a reserved operator") {
    CHECK(message_of(callsubr, none, none).find("empty stack") != std::string::npos);
    CHECK(message_of(ret, none, none).find("return outside") != std::string::npos);
    CHECK(message_of("\x02", none, none).find("reserved") != std::string::npos);
  }
  SECTION("a truncated number") {
    CHECK(message_of(std::string("\x1c\x01", 2), none, none).find("past the end") !=
          std::string::npos);
  }
  SECTION("too many stems") {
    std::string one;  // 24 stems, as many as one operator can take
    for (int i = 0; i < 24; ++i) one += n(1) + n(1);
    std::string cs;
    for (int i = 0; i < 5; ++i) cs += one + hstemhm;  // 120 stems
    CHECK(message_of(cs, none, none).find("stem hints") != std::string::npos);
  }
  SECTION("work is bounded: a subroutine that calls an empty one forty times, ten deep") {
    std::vector<std::string> levels;
    for (int d = 0; d < 10; ++d) {
      std::string s;
      for (int k = 0; k < 40; ++k) s += n(-107 + d + 1) + callsubr;
      levels.push_back(s + ret);
    }
    levels.back() = ret;
    Subrs local(levels);
    CHECK(message_of(n(-107) + callsubr + endchar, none, local).find("more than") !=
          std::string::npos);
  }
  SECTION("arithmetic operators go to hb-subset") {
    CHECK_THROWS_AS(flat(n(1) + n(2) + std::string("\x0c\x0a") + endchar, none, none, true),
                    cff::Unsupported);
  }
}

TEST_CASE("cff index: truncated INDEXes and offsets past the end are errors", "[pdf][cff]") {
  auto error_of = [](const std::string& bytes, bool read_item) {
    try {
      cff::Index ix(bytes, 0);
      if (read_item) ix.item(0);
      ix.end();
    } catch (const Error& e) {
      return e.diagnostic().message;
    }
    return std::string("(no error)");
  };
  CHECK(error_of(std::string("\x00", 1), false).find("past the end") != std::string::npos);
  CHECK(error_of(std::string("\x00\x02\x05", 3), false).find("offSize 5") != std::string::npos);
  CHECK(error_of(std::string("\x00\x02\x01\x01\x02", 5), false).find("offset array") !=
        std::string::npos);
  // one item whose end offset (0x40) lies past the table
  CHECK(error_of(std::string("\x00\x01\x01\x01\x40" "ab", 7), true).find("past the end") !=
        std::string::npos);
  // offsets out of order
  CHECK(error_of(std::string("\x00\x01\x01\x03\x01" "ab", 7), true).find("out of order") !=
        std::string::npos);
  // a good one
  CHECK(error_of(std::string("\x00\x01\x01\x01\x03" "ab", 7), true) == "(no error)");
}

namespace {

/// The CFF table of Noto Serif CJK SC (the font view's table, so only the pages read fault in).
struct NotoCff {
  NotoCff() {
    blob = pdf::map_font_view(pdftest::kNotoSerif, 2);
    face = hb_face_create(blob, 0);
    table = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
    unsigned len = 0;
    const char* d = hb_blob_get_data(table, &len);
    bytes = std::string_view(d, len);
  }
  ~NotoCff() {
    hb_blob_destroy(table);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
  }
  hb_blob_t* blob;
  hb_face_t* face;
  hb_blob_t* table;
  std::string_view bytes;
};

}  // namespace

TEST_CASE("cff subset: Noto Serif CJK is CID-keyed and its subset keeps CIDs and Font DICTs",
          "[pdf][cff]") {
  NotoCff noto;
  REQUIRE(cff::classify(noto.bytes) == cff::Kind::cid_keyed);
  std::vector<std::uint32_t> gids = {5000, 17, 17, 30000, 1200};
  cff::Subset sub = cff::subset(noto.bytes, gids, true);
  CHECK(sub.gids == std::vector<std::uint32_t>{0, 17, 1200, 5000, 30000});
  CHECK(sub.cids.size() == 5);
  CHECK(sub.cids[0] == 0);
  // The subset reads back as a CID-keyed CFF with the same CIDs, and subsets again to itself.
  REQUIRE(cff::classify(sub.program) == cff::Kind::cid_keyed);
  cff::Subset again = cff::subset(sub.program, {1, 2, 3, 4}, true);
  CHECK(again.cids == sub.cids);
  CHECK(again.program == sub.program);
  // Glyphs past the font's glyph count are refused.
  CHECK_THROWS_AS(cff::subset(noto.bytes, {70000}, true), Error);
}

TEST_CASE("cff subset: a truncated or damaged table is an error, never a crash", "[pdf][cff]") {
  NotoCff noto;
  std::string whole(noto.bytes);
  // Cut the table at many points: each cut either still subsets (the cut is past what the
  // glyphs need) or throws ptbrief::Error.
  std::size_t errors = 0;
  for (std::size_t cut : {std::size_t{3}, std::size_t{20}, std::size_t{200}, std::size_t{2000},
                          whole.size() / 4, whole.size() / 2, whole.size() - 10}) {
    std::string part = whole.substr(0, cut);
    INFO("cut at " << cut);
    try {
      cff::subset(part, {17, 30000}, true);
    } catch (const Error& e) {
      ++errors;
      CHECK(e.diagnostic().message.find("malformed CFF table") == 0);
    }
  }
  CHECK(errors >= 5);
  // Every single-byte corruption of the first 600 bytes (header, INDEXes, Top DICT) is either
  // harmless or a clean error.
  std::size_t clean = 0;
  for (std::size_t at = 0; at < 600; ++at) {
    whole[at] = static_cast<char>(whole[at] ^ 0x5a);
    try {
      if (cff::classify(whole) == cff::Kind::cid_keyed) cff::subset(whole, {17}, true);
    } catch (const Error& e) {
      ++clean;
      CHECK(e.diagnostic().code == "pdf.font");
    } catch (const cff::Unsupported&) {
    }
    whole[at] = static_cast<char>(whole[at] ^ 0x5a);
  }
  CHECK(clean > 20);  // many bytes (names, strings) are harmless to change
}
