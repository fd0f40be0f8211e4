// The PDF writer's font file views (pdf/font_file.h): the right face of a collection, only the
// kept tables, the same table bytes as the file, and errors that name the file.
#include <catch2/catch.hpp>

#include <hb.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "page_builder.h"
#include "pdf/font_file.h"
#include "support/test_support.h"

using namespace ptbrief;

namespace {

std::vector<hb_tag_t> table_tags(hb_face_t* face) {
  hb_tag_t tags[64];
  unsigned n = 64;
  hb_face_get_table_tags(face, 0, &n, tags);
  return std::vector<hb_tag_t>(tags, tags + n);
}

bool has(const std::vector<hb_tag_t>& tags, const char* tag) {
  return std::find(tags.begin(), tags.end(), hb_tag_from_string(tag, 4)) != tags.end();
}

std::string table(hb_face_t* face, const char* tag) {
  hb_blob_t* blob = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  std::string bytes(data ? data : "", len);
  hb_blob_destroy(blob);
  return bytes;
}

/// The view of face `index` next to the same face opened the ordinary way.
void check_view(const char* path, unsigned index, const char* outlines) {
  hb_blob_t* file = hb_blob_create_from_file(path);
  hb_face_t* whole = hb_face_create(file, index);
  hb_blob_t* view_blob = pdf::map_font_view(path, index);
  hb_face_t* view = hb_face_create(view_blob, 0);

  std::vector<hb_tag_t> tags = table_tags(view);
  INFO(path << " face " << index);
  CHECK(has(table_tags(whole), "cmap"));
  CHECK_FALSE(has(tags, "cmap"));
  CHECK_FALSE(has(tags, "GSUB"));
  CHECK_FALSE(has(tags, "GPOS"));
  CHECK_FALSE(has(tags, "name"));
  for (const char* t : {outlines, "head", "hhea", "hmtx", "maxp"}) {
    INFO("table " << t);
    CHECK(has(tags, t));
    std::string a = table(view, t), b = table(whole, t);
    CHECK(a.size() == b.size());
    CHECK(a == b);
  }
  CHECK(hb_face_get_glyph_count(view) == hb_face_get_glyph_count(whole));
  CHECK(hb_face_get_upem(view) == hb_face_get_upem(whole));

  hb_face_destroy(view);
  hb_blob_destroy(view_blob);
  hb_face_destroy(whole);
  hb_blob_destroy(file);
}

}  // namespace

TEST_CASE("pdf font view: a CFF face of a .ttc collection keeps its outlines and drops cmap",
          "[pdf]") {
  check_view(pdftest::kNotoSerif, 2, "CFF ");
  check_view(pdftest::kNotoSans, 0, "CFF ");
}

TEST_CASE("pdf font view: a TrueType face keeps glyf and loca and drops cmap", "[pdf]") {
  check_view(pdftest::kWqy, 0, "glyf");
  check_view(pdftest::kWqy, 0, "loca");
}

TEST_CASE("pdf font view: a missing file, a face past the collection and a non-font name the file",
          "[pdf]") {
  auto code_and_file = [](const std::string& path, unsigned index) {
    try {
      hb_blob_destroy(pdf::map_font_view(path, index));
    } catch (const Error& e) {
      return e.diagnostic().code + " " + e.diagnostic().file + " " + e.diagnostic().message;
    }
    return std::string("no error");
  };
  std::string missing = code_and_file("/nonexistent/font.ttc", 0);
  CHECK(missing.rfind("pdf.font /nonexistent/font.ttc ", 0) == 0);
  std::string past = code_and_file(pdftest::kNotoSerif, 99);
  CHECK(past.rfind(std::string("pdf.font ") + pdftest::kNotoSerif + " ", 0) == 0);
  CHECK(past.find("face index 99") != std::string::npos);
  std::string single = code_and_file(pdftest::kWqy, 0);
  CHECK(single == "no error");
  std::string manifest = PTBRIEF_SOURCE_DIR "/fonts/manifest.json";
  std::string not_font = code_and_file(manifest, 0);
  CHECK(not_font.rfind("pdf.font " + manifest + " ", 0) == 0);
}

TEST_CASE("pdf font view: table directories are read with bounds checks", "[pdf]") {
  // An sfnt header with one table record whose data lies past the end of the bytes.
  std::vector<unsigned char> b(12 + 16, 0);
  b[1] = 1;  // version 0x00010000
  b[5] = 1;  // numTables = 1
  std::memcpy(b.data() + 12, "head", 4);
  b[12 + 8 + 3] = 200;  // offset 200
  b[12 + 12 + 3] = 54;  // length 54
  CHECK_THROWS_AS(pdf::read_table_directory(b.data(), b.size(), 0), Error);
  CHECK_THROWS_AS(pdf::read_table_directory(b.data(), 8, 0), Error);
  CHECK_THROWS_AS(pdf::read_table_directory(b.data(), b.size(), 1), Error);
  b[12 + 8 + 3] = 0;  // offset 0, length 28: inside
  b[12 + 12 + 3] = 28;
  pdf::TableDirectory dir = pdf::read_table_directory(b.data(), b.size(), 0);
  REQUIRE(dir.tables.size() == 1);
  CHECK(dir.tables[0].tag == HB_TAG('h', 'e', 'a', 'd'));
  CHECK(dir.tables[0].length == 28);
  CHECK(dir.sfnt_version == 0x00010000u);
}

TEST_CASE("pdf font view: a directory repeating a kept table past one page is rejected", "[pdf]") {
  const unsigned n = 400;  // 12 + 16 * 400 bytes of directory: more than a 4 KB page
  std::string b(12 + 16 * n, '\0');
  b[1] = 1;  // version 0x00010000
  b[4] = static_cast<char>(n >> 8);
  b[5] = static_cast<char>(n & 0xff);
  for (unsigned i = 0; i < n; ++i) {
    std::memcpy(&b[12 + 16 * i], "head", 4);
    b[12 + 16 * i + 15] = 12;  // offset 0, length 12
  }
  auto path = test::scratch_dir("pdf_font_view") / "repeated.ttf";
  std::ofstream(path, std::ios::binary) << b;
  try {
    hb_blob_destroy(pdf::map_font_view(path.string(), 0));
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "pdf.font");
    CHECK(e.diagnostic().file == path.string());
    CHECK_FALSE(e.diagnostic().hint.empty());
  }
}
