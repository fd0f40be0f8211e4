// Flattened CFF charstrings kept between runs (pdf/glyph_memo.h): the entry format refuses what
// it did not write, the key follows the font file, and a font program made with known glyphs
// is the same bytes as one made without them.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "page_builder.h"
#include "pdf/cff_subset.h"
#include "pdf/font_program.h"
#include "pdf/glyph_memo.h"
#include "support/test_support.h"

using namespace ptbrief;

namespace {

/// A store in memory that counts its writes.
class MemoryStore final : public ByteStore {
 public:
  std::optional<std::string> read(std::string_view key) const override {
    auto it = entries.find(std::string(key));
    if (it == entries.end()) return std::nullopt;
    return it->second;
  }
  bool write(std::string_view key, std::string_view bytes) override {
    entries[std::string(key)] = std::string(bytes);
    ++writes;
    return true;
  }
  std::map<std::string, std::string> entries;
  int writes = 0;
};

}  // namespace

TEST_CASE("glyph memo: an entry reads back as written and refuses damage", "[pdf][glyph_memo]") {
  pdf::FlatGlyphs glyphs{{7, std::string("\x8b\x8b\x15\x0e", 4)}, {3, "\x0e"}, {65000, "\xf7\x0e"}};
  const std::string bytes = pdf::encode_flat_glyphs(glyphs);
  auto back = pdf::decode_flat_glyphs(bytes);
  REQUIRE(back.has_value());
  CHECK(*back == glyphs);
  CHECK(pdf::encode_flat_glyphs(*back) == bytes);  // deterministic: glyph order, not hash order

  for (std::size_t at : {std::size_t{0}, bytes.size() / 2, bytes.size() - 1}) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    INFO("byte " << at << " changed");
    CHECK_FALSE(pdf::decode_flat_glyphs(bad).has_value());
  }
  CHECK_FALSE(pdf::decode_flat_glyphs(bytes.substr(0, bytes.size() - 1)).has_value());
  CHECK_FALSE(pdf::decode_flat_glyphs("").has_value());
  CHECK(pdf::decode_flat_glyphs(pdf::encode_flat_glyphs({})).value().empty());
}

TEST_CASE("glyph memo: the key changes with the font file's path, face and modification time",
          "[pdf][glyph_memo]") {
  auto dir = test::scratch_dir("pdf_glyph_memo_key");
  auto file = dir / "face.otf";
  std::ofstream(file) << "not parsed: only its identity counts";
  auto key = pdf::flat_glyphs_key(file.string(), 0);
  REQUIRE(key.has_value());
  CHECK(key->size() == 64);
  CHECK(pdf::flat_glyphs_key(file.string(), 0) == key);
  CHECK(pdf::flat_glyphs_key(file.string(), 1) != key);
  std::filesystem::last_write_time(file, std::filesystem::last_write_time(file) - std::chrono::hours(1));
  CHECK(pdf::flat_glyphs_key(file.string(), 0) != key);
  CHECK_FALSE(pdf::flat_glyphs_key((dir / "missing.otf").string(), 0).has_value());
}

TEST_CASE("glyph memo: a CFF program from known glyphs is the same bytes, and only new glyphs are stored",
          "[pdf][glyph_memo]") {
  pdftest::TestFace face = pdftest::open_face(pdftest::kNotoSerif, "Noto Serif CJK SC");
  REQUIRE(face.info.cff);
  const pdf::GlyphUse all = pdftest::glyph_use(pdftest::sample_pages({face}, 600).pages);
  REQUIRE(all.size() > 100);
  pdf::GlyphUse half;
  for (const auto& [gid, text] : all)
    if (half.size() < all.size() / 2) half.emplace(gid, text);

  const pdf::FontProgram plain = pdf::build_font_program(face.info, all, pdf::Subsetter::own, 1);
  auto store = std::make_shared<MemoryStore>();
  std::shared_ptr<ByteStore> as_store = store;

  // Half the glyphs first: one entry, written once.
  pdf::build_font_program(face.info, half, pdf::Subsetter::own, 1, as_store);
  REQUIRE(store->entries.size() == 1);
  CHECK(store->writes == 1);
  auto first = pdf::decode_flat_glyphs(store->entries.begin()->second);
  REQUIRE(first.has_value());
  CHECK(first->size() == half.size() + (half.count(0) ? 0 : 1));  // + .notdef

  // Then all of them, on two threads: the same program as without the memo; the entry grows.
  const pdf::FontProgram cached = pdf::build_font_program(face.info, all, pdf::Subsetter::own, 2, as_store);
  CHECK(cached.program == plain.program);
  CHECK(store->writes == 2);
  auto second = pdf::decode_flat_glyphs(store->entries.begin()->second);
  REQUIRE(second.has_value());
  CHECK(second->size() == all.size() + (all.count(0) ? 0 : 1));

  // Nothing new: no write.
  CHECK(pdf::build_font_program(face.info, all, pdf::Subsetter::own, 1, as_store).program == plain.program);
  CHECK(store->writes == 2);

  // A damaged entry, read by a new store (a later run): ignored, the glyphs flattened again.
  auto later = std::make_shared<MemoryStore>();
  later->entries = store->entries;
  std::string& entry = later->entries.begin()->second;
  entry[entry.size() / 2] = static_cast<char>(entry[entry.size() / 2] ^ 1);
  std::shared_ptr<ByteStore> later_store = later;
  CHECK(pdf::build_font_program(face.info, all, pdf::Subsetter::own, 1, later_store).program ==
        plain.program);
  CHECK(later->writes == 1);
  CHECK(pdf::decode_flat_glyphs(later->entries.begin()->second).has_value());
}
