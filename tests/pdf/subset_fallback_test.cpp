// Which subsetter takes a face, and what a damaged font gives: a name-keyed CFF goes to hb-subset
// (chosen by the table's shape, not by a failure), a damaged CFF or TrueType font is an error
// naming the font file, and the TrueType subsetter's closure, renumbering and limits.
#include <catch2/catch.hpp>

#include <hb.h>

#include <fstream>
#include <map>

#include "base/diagnostic.h"
#include "page_builder.h"
#include "pdf/cff_subset.h"
#include "pdf/font_file.h"
#include "pdf/font_program.h"
#include "pdf/glyf_subset.h"
#include "pdf/pdf.h"
#include "support/test_support.h"

using namespace ptbrief;
using namespace ptbrief::pdftest;

namespace {

void be16(std::string& s, unsigned v) {
  s += static_cast<char>((v >> 8) & 0xff);
  s += static_cast<char>(v & 0xff);
}
void be32(std::string& s, std::uint32_t v) {
  be16(s, v >> 16);
  be16(s, v & 0xffff);
}

/// An sfnt file of `tables` (tag → bytes; a std::map is sorted by tag, as the directory must be).
std::string sfnt(std::uint32_t version, const std::map<std::string, std::string>& tables) {
  std::string f;
  be32(f, version);
  be16(f, static_cast<unsigned>(tables.size()));
  be16(f, 0);
  be16(f, 0);
  be16(f, 0);
  std::size_t at = 12 + 16 * tables.size();
  for (const auto& [tag, bytes] : tables) {
    f += tag;
    be32(f, 0);
    be32(f, static_cast<std::uint32_t>(at));
    be32(f, static_cast<std::uint32_t>(bytes.size()));
    at += (bytes.size() + 3) / 4 * 4;
  }
  for (const auto& [tag, bytes] : tables) {
    f += bytes;
    f.append((4 - bytes.size() % 4) % 4, '\0');
  }
  return f;
}

/// head, hhea, maxp (0.5) and hmtx for `glyphs` glyphs of advance 1000 in a 1000-unit em.
std::map<std::string, std::string> metric_tables(unsigned glyphs, bool long_loca = false) {
  std::string head;
  be32(head, 0x00010000);
  be32(head, 0);
  be32(head, 0);  // checkSumAdjustment
  be32(head, 0x5F0F3CF5);
  be16(head, 0);
  be16(head, 1000);  // unitsPerEm
  head.append(16, '\0');
  be16(head, 0);
  be16(head, static_cast<unsigned>(-120) & 0xffff);
  be16(head, 1000);
  be16(head, 880);
  head.append(6, '\0');
  be16(head, long_loca ? 1 : 0);
  be16(head, 0);
  REQUIRE(head.size() == 54);
  std::string hhea;
  be32(hhea, 0x00010000);
  be16(hhea, 880);
  be16(hhea, static_cast<unsigned>(-120) & 0xffff);
  hhea.append(26, '\0');
  be16(hhea, glyphs);
  REQUIRE(hhea.size() == 36);
  std::string maxp;
  be32(maxp, 0x00005000);
  be16(maxp, glyphs);
  std::string hmtx;
  for (unsigned g = 0; g < glyphs; ++g) {
    be16(hmtx, 1000);
    be16(hmtx, 0);
  }
  return {{"head", head}, {"hhea", hhea}, {"maxp", maxp}, {"hmtx", hmtx}};
}

std::string dict_int(int v) {  // CFF DICT integer, always 5 bytes
  std::string s = "\x1d";
  be32(s, static_cast<std::uint32_t>(v));
  return s;
}
std::string t2(int v) { return std::string(1, static_cast<char>(v + 139)); }  // |v| ≤ 107

std::string index_of(const std::vector<std::string>& items) {
  std::string s;
  be16(s, static_cast<unsigned>(items.size()));
  if (items.empty()) return s;
  s += '\x04';
  std::uint32_t off = 1;
  be32(s, off);
  for (const auto& it : items) be32(s, off += static_cast<std::uint32_t>(it.size()));
  for (const auto& it : items) s += it;
  return s;
}

/// A name-keyed CFF (no ROS) with .notdef and one square glyph named "A".
std::string name_keyed_cff() {
  std::string charstrings = index_of(
      {"\x0e", t2(0) + t2(0) + "\x15" + t2(100) + t2(0) + "\x05" + t2(0) + t2(100) + "\x05" +
                   t2(-100) + t2(0) + "\x05" + "\x0e"});
  std::string priv = t2(0) + "\x14";  // defaultWidthX 0
  std::string header("\x01\x00\x04\x04", 4);
  std::string names = index_of({"TestFont"});
  std::size_t top_size = 3 * 5 + 3 + 5;  // charset, CharStrings, Private (2 operands)
  std::size_t top_index = 2 + 1 + 8 + top_size;
  std::size_t at_charset = header.size() + names.size() + top_index + 2 + 2;
  std::size_t at_cs = at_charset + 3, at_priv = at_cs + charstrings.size();
  std::string top = dict_int(static_cast<int>(at_charset)) + "\x0f" +
                    dict_int(static_cast<int>(at_cs)) + "\x11" +
                    dict_int(static_cast<int>(priv.size())) + dict_int(static_cast<int>(at_priv)) +
                    "\x12";
  REQUIRE(top.size() == top_size);
  std::string cff = header + names + index_of({top}) + index_of({}) + index_of({});
  REQUIRE(cff.size() == at_charset);
  cff += std::string("\x00\x00\x22", 3);  // charset format 0: glyph 1 is SID 34 ("A")
  cff += charstrings + priv;
  return cff;
}

typeset::FontFace face_of(const std::filesystem::path& path, bool cff) {
  typeset::FontFace f;
  f.path = path.string();
  f.index = 0;
  f.family = "Test";
  f.units_per_em = 1000;
  f.cff = cff;
  f.postscript_name = "TestFont";
  return f;
}

// Each font gets a scratch folder of its own: ctest runs these cases in parallel, and
// scratch_dir empties the folder it names.
std::filesystem::path write_font(const std::string& name, const std::string& bytes) {
  auto path = test::scratch_dir("pdf_fallback_" + std::filesystem::path(name).stem().string()) / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

Diagnostic error_of(const typeset::FontFace& face, const pdf::GlyphUse& use) {
  try {
    pdf::build_font_program(face, use);
  } catch (const Error& e) {
    return e.diagnostic();
  }
  FAIL("no error");
  return {};
}

}  // namespace

TEST_CASE("pdf subset: a name-keyed CFF font is subset by hb-subset, chosen by its shape",
          "[pdf][subset]") {
  std::string cff = name_keyed_cff();
  CHECK(pdf::cff::classify(cff) == pdf::cff::Kind::other);
  CHECK_THROWS_AS(pdf::cff::subset(cff, {1}, true), pdf::cff::Unsupported);
  auto tables = metric_tables(2);
  tables["CFF "] = cff;
  auto path = write_font("namekeyed.otf", sfnt(0x4F54544F, tables));
  pdf::FontProgram fp = pdf::build_font_program(face_of(path, true), {{1, "A"}});
  REQUIRE(fp.cff);
  // hb-subset keeps the font name-keyed; ptbrief's subsetter writes only CID-keyed fonts.
  CHECK(pdf::cff::classify(fp.program) == pdf::cff::Kind::other);
  CHECK(fp.shown.at(1).code == 1);

  // And the PDF with it is sound.
  typeset::PageList pl;
  pl.fonts.push_back(face_of(path, true));
  typeset::Page page;
  page.width = 200;
  page.height = 100;
  typeset::GlyphRun run{0, 20, {}, {}};
  run.glyphs.push_back({1, 10, 50, 20, "A"});
  page.items.push_back(run);
  pl.pages.push_back(page);
  auto pdf_path = path.parent_path() / "namekeyed.pdf";
  std::ofstream(pdf_path, std::ios::binary) << pdf::write_pdf(pl, {});
  auto r = test::run_shell("qpdf --check '" + pdf_path.string() + "'");
  INFO(r.out);
  CHECK(r.exit_code == 0);
}

TEST_CASE("pdf subset: a damaged CFF table is an error naming the font file", "[pdf][subset]") {
  // Noto Serif CJK's CFF cut after its Top DICT: it classifies as CID-keyed, and the
  // charstrings it points at lie past the end.
  hb_blob_t* view = pdf::map_font_view(kNotoSerif, 2);
  hb_face_t* face = hb_face_create(view, 0);
  hb_blob_t* table = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
  unsigned len = 0;
  const char* data = hb_blob_get_data(table, &len);
  // The shortest cut (in steps of 4 KB) that still classifies: past the global subroutines'
  // offset array, short of the charstrings.
  std::string cut;
  for (unsigned n = 4096; n < len; n += 4096) {
    cut.assign(data, n);
    try {
      if (pdf::cff::classify(cut) == pdf::cff::Kind::cid_keyed) break;
    } catch (const Error&) {
    }
  }
  hb_blob_destroy(table);
  hb_face_destroy(face);
  hb_blob_destroy(view);
  REQUIRE(cut.size() < len / 2);
  REQUIRE(pdf::cff::classify(cut) == pdf::cff::Kind::cid_keyed);

  auto tables = metric_tables(100);
  tables["CFF "] = cut;
  auto path = write_font("cut.otf", sfnt(0x4F54544F, tables));
  Diagnostic d = error_of(face_of(path, true), {{17, "x"}});
  CHECK(d.code == "pdf.font");
  CHECK(d.file == path.string());
  CHECK(d.message.find("malformed CFF table") != std::string::npos);
  CHECK_FALSE(d.hint.empty());
}

namespace {

/// A TrueType font's glyf/loca (short) from glyph data blobs; with metric tables.
struct TinyTtf {
  std::map<std::string, std::string> tables;
  explicit TinyTtf(const std::vector<std::string>& glyphs) {
    tables = metric_tables(static_cast<unsigned>(glyphs.size()));
    std::string glyf, loca;
    for (const auto& g : glyphs) {
      be16(loca, static_cast<unsigned>(glyf.size() / 2));
      glyf += g;
      if (glyf.size() % 2) glyf += '\0';
    }
    be16(loca, static_cast<unsigned>(glyf.size() / 2));
    tables["glyf"] = glyf;
    tables["loca"] = loca;
  }
  pdf::glyf::Tables views() const {
    pdf::glyf::Tables t;
    t.head = tables.at("head");
    t.hhea = tables.at("hhea");
    t.hmtx = tables.at("hmtx");
    t.maxp = tables.at("maxp");
    t.loca = tables.at("loca");
    t.glyf = tables.at("glyf");
    return t;
  }
};

/// A simple glyph: one contour of three on-curve points, with `instructions` bytes of
/// instructions.
std::string triangle(std::size_t instructions) {
  std::string g;
  be16(g, 1);
  g.append(8, '\0');  // bbox
  be16(g, 2);         // endPtsOfContours[0]
  be16(g, static_cast<unsigned>(instructions));
  g.append(instructions, '\x4b');  // MPPEM, harmless
  g += std::string("\x01\x01\x01", 3);  // flags: on curve, long coordinates
  for (int k = 0; k < 6; ++k) be16(g, static_cast<unsigned>(k * 10));
  return g;
}

/// A composite glyph of `components` (glyph ids), byte offsets, the last with instructions.
std::string composite(const std::vector<unsigned>& components, bool instructions) {
  std::string g;
  be16(g, 0xffff);  // numberOfContours -1
  g.append(8, '\0');
  for (std::size_t i = 0; i < components.size(); ++i) {
    unsigned flags = 0x0002;  // ARGS_ARE_XY_VALUES, byte arguments
    if (i + 1 < components.size()) flags |= 0x0020;
    else if (instructions) flags |= 0x0100;
    be16(g, flags);
    be16(g, components[i]);
    g += std::string("\x05\x05", 2);
  }
  if (instructions) {
    be16(g, 3);
    g += "\x4b\x4b\x4b";
  }
  return g;
}

std::string glyf_error(const TinyTtf& f, const std::vector<std::uint32_t>& gids) {
  try {
    pdf::glyf::subset(f.views(), gids, true);
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "pdf.font");
    return e.diagnostic().message;
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("glyf subset: composite components are kept, renumbered, instructions dropped",
          "[pdf][subset]") {
  // glyphs: 0 notdef (empty), 1 triangle, 2 unused, 3 triangle, 4 composite of 3 and 1,
  // 5 composite of 4 (nested).
  TinyTtf f({"", triangle(4), triangle(0), triangle(2), composite({3, 1}, true),
             composite({4}, false)});
  pdf::glyf::Subset s = pdf::glyf::subset(f.views(), {5}, true);
  CHECK(s.gids == std::vector<std::uint32_t>{0, 1, 3, 4, 5});
  // The subset reads back through the PDF writer's own directory reader.
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.program.data());
  pdf::TableDirectory dir = pdf::read_table_directory(bytes, s.program.size(), 0);
  std::map<std::string, std::string> got;
  for (const auto& t : dir.tables) {
    std::string tag;
    for (int k = 24; k >= 0; k -= 8) tag += static_cast<char>((t.tag >> k) & 0xff);
    got[tag] = s.program.substr(t.offset, t.length);
  }
  REQUIRE(got.count("glyf"));
  REQUIRE(got.count("loca"));
  TinyTtf again({});
  again.tables = got;
  // Subsetting the subset to everything gives the same glyphs: nothing was lost or misnumbered.
  pdf::glyf::Subset s2 = pdf::glyf::subset(again.views(), {1, 2, 3, 4}, true);
  CHECK(s2.gids == std::vector<std::uint32_t>{0, 1, 2, 3, 4});
  // Glyph 4 (old 5) is a composite of new glyph 3 (old 4), which is one of 2 (old 3) and 1.
  const std::string& glyf = got["glyf"];
  auto u16 = [](const std::string& b, std::size_t at) {
    return static_cast<unsigned>(static_cast<unsigned char>(b[at]) << 8 |
                                 static_cast<unsigned char>(b[at + 1]));
  };
  const std::string& loca = got["loca"];
  std::size_t g3 = 2 * u16(loca, 6), g4 = 2 * u16(loca, 8), end = 2 * u16(loca, 10);
  CHECK(u16(glyf, g3 + 12) == 2);
  CHECK(u16(glyf, g3 + 18) == 1);
  CHECK((u16(glyf, g3 + 16) & 0x0100) == 0);  // instructions flag cleared on the last component
  CHECK(u16(glyf, g4 + 12) == 3);
  CHECK(end - g4 == 16);
  // The simple glyph lost its instructions: instructionLength 0.
  std::size_t g1 = 2 * u16(loca, 2);
  CHECK(u16(glyf, g1 + 12) == 0);
  // head's checksum adjustment makes the whole file sum to 0xB1B0AFBA.
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < s.program.size(); i += 4)
    sum += static_cast<std::uint32_t>(u16(s.program, i)) << 16 | u16(s.program, i + 2);
  CHECK(sum == 0xB1B0AFBAu);
}

TEST_CASE("glyf subset: damaged glyf and loca tables are errors, not undefined behaviour",
          "[pdf][subset]") {
  SECTION("a composite that contains itself") {
    TinyTtf f({"", composite({2}, false), composite({1}, false)});
    CHECK(glyf_error(f, {1}).find("contains itself") != std::string::npos);
  }
  SECTION("composites nested deeper than the limit") {
    std::vector<std::string> chain{""};
    for (unsigned g = 1; g < 30; ++g) chain.push_back(composite({g + 1}, false));
    chain.push_back(triangle(0));
    TinyTtf f(chain);
    CHECK(glyf_error(f, {1}).find("nest deeper than") != std::string::npos);
  }
  SECTION("a component past the last glyph") {
    TinyTtf f({"", composite({9}, false)});
    CHECK(glyf_error(f, {1}).find("past the last") != std::string::npos);
  }
  SECTION("a truncated composite") {
    TinyTtf f({"", composite({0}, false).substr(0, 13)});
    CHECK(glyf_error(f, {1}).find("truncated") != std::string::npos);
  }
  SECTION("instructions running past the glyph") {
    std::string g = triangle(0);
    g[12] = '\x7f';  // instructionLength
    TinyTtf f({"", g});
    CHECK(glyf_error(f, {1}).find("instructions run past") != std::string::npos);
  }
  SECTION("loca pointing past glyf") {
    TinyTtf f({"", triangle(0)});
    f.tables["loca"][5] = '\x7f';
    CHECK(glyf_error(f, {1}).find("past glyf") != std::string::npos);
  }
  SECTION("a glyph past the font's glyph count") {
    TinyTtf f({"", triangle(0)});
    CHECK(glyf_error(f, {7}).find("past the font's 2 glyphs") != std::string::npos);
  }
  SECTION("a missing head table") {
    TinyTtf f({"", triangle(0)});
    pdf::glyf::Tables t = f.views();
    t.head = {};
    CHECK_THROWS_AS(pdf::glyf::subset(t, {1}, true), Error);
  }
}

TEST_CASE("glyf subset: a damaged TrueType font is an error naming the font file",
          "[pdf][subset]") {
  TinyTtf f({"", composite({1}, false)});
  auto path = write_font("selfref.ttf", sfnt(0x00010000, f.tables));
  Diagnostic d = error_of(face_of(path, false), {{1, "x"}});
  CHECK(d.code == "pdf.font");
  CHECK(d.file == path.string());
  CHECK(d.message.find("malformed TrueType font") != std::string::npos);
}
