// Fonts: pinned files, lookup by family inside collections (CFF and TrueType), fallback
// chains, and the missing-glyph warning.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "support/test_support.h"
#include "typeset/fonts.h"
#include "typeset/typeset.h"

using namespace ptbrief;
using namespace ptbrief::typeset;

namespace {

Document one_paragraph(const std::string& text, const std::string& role = "serif") {
  Document doc;
  Paragraph p;
  p.content.push_back({text, std::nullopt});
  p.style.text.font = role;
  doc.blocks.push_back(p);
  return doc;
}

const FontFace& font_of_glyph(const PageList& pages, const std::string& ch) {
  for (const Item& item : pages.pages.at(0).items)
    if (const auto* run = std::get_if<GlyphRun>(&item))
      for (const PlacedGlyph& g : run->glyphs)
        if (g.text == ch) return pages.fonts.at(run->font);
  FAIL("no glyph for " << ch);
  throw;
}

}  // namespace

TEST_CASE("installed font files match the pinned hashes in fonts/manifest.json", "[fonts]") {
  // Fails loudly (never skips): a different font changes every line break and golden file.
  const FontManifest& m = load_manifest(default_font_manifest());
  REQUIRE(m.files.size() >= 8);
  for (const FontPinProblem& p : verify_font_pins(m)) {
    FAIL_CHECK(
        p.file << ": expected sha256 " << p.expected << ", found " << p.actual
               << " — install the packages in fonts/README.md, or update the pins after review");
  }
}

TEST_CASE("faces are found by family name inside collections, CFF and TrueType", "[fonts]") {
  const FontManifest& m = load_manifest(default_font_manifest());
  FontSet set(m, {});
  const LoadedFace* serif = set.resolve("Noto Serif CJK SC:Regular");
  REQUIRE(serif);
  CHECK(serif->info.index == 2);
  CHECK(serif->info.cff);
  CHECK(serif->info.postscript_name == "NotoSerifCJKsc-Regular");
  const LoadedFace* sans_bold = set.resolve("Noto Sans CJK SC:Bold");
  REQUIRE(sans_bold);
  CHECK(sans_bold->info.family == "Noto Sans CJK SC");
  const LoadedFace* wqy = set.resolve("WenQuanYi Micro Hei");
  REQUIRE(wqy);
  CHECK_FALSE(wqy->info.cff);
  const LoadedFace* kai = set.resolve("AR PL UKai CN:Book");
  REQUIRE(kai);
  CHECK(kai->glyph(U'楷') != 0);
  CHECK(set.resolve("No Such Family:Regular") == nullptr);
}

TEST_CASE("a family not in the manifest is found by scanning the search paths",
          "[fonts]") {
  const FontManifest& m = load_manifest(default_font_manifest());
  FontSet set(m, {});
  const LoadedFace* dejavu = set.resolve("DejaVu Sans:Book");
  REQUIRE(dejavu);
  CHECK(dejavu->info.family == "DejaVu Sans");
}

TEST_CASE("a character the first face lacks comes from the next face of the chain", "[fonts]") {
  // AR PL UKai has no 𠮷 (U+20BB7); Noto Serif CJK SC has it.
  Document doc = one_paragraph("吉祥的𠮷字");
  doc.font_roles["serif"] = {"AR PL UKai CN:Book", "Noto Serif CJK SC:Regular"};
  CollectingSink sink;
  const PageList pages = typeset::typeset(doc, {}, sink);
  CHECK(sink.items.empty());
  CHECK(font_of_glyph(pages, "吉").family == "AR PL UKai CN");
  CHECK(font_of_glyph(pages, "𠮷").family == "Noto Serif CJK SC");
}

TEST_CASE("a character no face has is reported with its U+ code, once", "[fonts]") {
  Document doc = one_paragraph("音乐𝄞与𝄞");
  doc.font_roles["serif"] = {"Noto Serif CJK SC:Regular"};
  CollectingSink sink;
  const PageList pages = typeset::typeset(doc, {}, sink);
  REQUIRE(sink.items.size() == 1);
  CHECK(sink.items[0].severity == Severity::Warning);
  CHECK(sink.items[0].code == "typeset.missing_glyph");
  CHECK(sink.items[0].message.find("U+1D11E") != std::string::npos);
  CHECK(sink.items[0].message.find("𝄞") != std::string::npos);
  CHECK(!sink.items[0].hint.empty());
  CHECK(pages.pages.size() == 1);
}

TEST_CASE("an unknown font role is an error naming the role, with the known roles as hint",
          "[fonts]") {
  Document doc = one_paragraph("文字", "gothic");
  CollectingSink sink;
  try {
    typeset::typeset(doc, {}, sink);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "typeset.font_role");
    CHECK(e.diagnostic().message.find("gothic") != std::string::npos);
    CHECK(e.diagnostic().hint.find("serif") != std::string::npos);
    CHECK(e.diagnostic().json_path == "$.roles");
  }
}

TEST_CASE("a malformed manifest is an error with the JSON path", "[fonts]") {
  const auto dir = std::filesystem::temp_directory_path() / "ptbrief_fonts_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "bad_manifest.json";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(R"({"search_paths": [], "files": {}, "faces": {"X:Y": {"file": 3}}, "roles": {}})",
               f);
    std::fclose(f);
  }
  try {
    load_manifest(path);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().json_path == "$.faces[\"X:Y\"].file");
    CHECK(e.diagnostic().file == path.string());
  }
}

TEST_CASE("a manifest face without an index is the file's first face", "[fonts]") {
  const auto dir = std::filesystem::temp_directory_path() / "ptbrief_fonts_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "no_index_manifest.json";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(R"({"search_paths": [], "files": {}, "faces": {"X:Y": {"file": "x.ttf"}},
                  "roles": {"serif": ["X:Y"]}})",
               f);
    std::fclose(f);
  }
  const FontManifest& m = load_manifest(path);
  REQUIRE(m.faces.count("X:Y") == 1);
  CHECK(m.faces.at("X:Y").index == 0);
}

TEST_CASE("a layout family that is not installed is blamed on the layout, naming the family",
          "[fonts]") {
  Document doc = one_paragraph("文字");
  doc.font_roles["serif"] = {"No Such Family:Regular"};
  CollectingSink sink;
  try {
    typeset::typeset(doc, {}, sink);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "typeset.font_role");
    CHECK(e.diagnostic().message.find("'No Such Family:Regular'") != std::string::npos);
    CHECK(e.diagnostic().message.find("font_families") != std::string::npos);
    CHECK(e.diagnostic().json_path == "$.font_families.serif");
    CHECK(e.diagnostic().file.empty());
    CHECK(e.diagnostic().hint.find("layout") != std::string::npos);
  }
}

TEST_CASE("a missing character's warning names the source file, byte and its place", "[fonts]") {
  Document doc = one_paragraph("音乐𝄞与");
  std::get<Paragraph>(doc.blocks.at(0)).source = {"004_article.txt", 120, 180};
  doc.font_roles["serif"] = {"Noto Serif CJK SC:Regular"};
  CollectingSink sink;
  typeset::typeset(doc, {}, sink);
  REQUIRE(sink.items.size() == 1);
  CHECK(sink.items[0].file == "004_article.txt");
  CHECK(sink.items[0].offset == 120);
  CHECK(sink.items[0].message.find("first at character 3 of the paragraph '音乐𝄞与'") !=
        std::string::npos);
}

namespace {

/// A manifest in `dir` whose only search path is an empty folder: a face can come from the
/// user's font folders only.
std::filesystem::path folder_only_manifest(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "empty");
  const auto path = dir / "manifest.json";
  std::FILE* f = std::fopen(path.c_str(), "w");
  std::fputs(("{\"search_paths\": [\"" + (dir / "empty").string() +
              "\"], \"files\": {}, \"faces\": {}, \"roles\": {\"serif\": [\"文鼎ＰＬ简报宋\"]}}")
                 .c_str(),
             f);
  std::fclose(f);
  return path;
}

/// A scratch fonts folder holding a copy of AR PL SungtiL GB (Chinese name 文鼎ＰＬ简报宋).
std::filesystem::path fonts_folder(const std::string& name) {
  const auto dir = test::scratch_dir(name) / "office fonts";
  std::filesystem::create_directories(dir / "sub");
  std::filesystem::copy_file("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
                             dir / "sub" / "GBSN00LP.TTF");
  return dir;
}

}  // namespace

TEST_CASE("a user's font folder is searched first, a face answers to its names in any language",
          "[fonts]") {
  const auto folder = fonts_folder("fonts_user_folder");
  const FontManifest& m = load_manifest(folder_only_manifest(folder.parent_path()));
  FontSet without(m, {});
  CHECK(without.resolve("文鼎ＰＬ简报宋") == nullptr);
  CHECK(without.resolve("AR PL SungtiL GB") == nullptr);

  FontSet with(m, {}, {folder});
  const LoadedFace* zh = with.resolve("文鼎ＰＬ简报宋");  // the Chinese family name
  REQUIRE(zh);
  CHECK(zh->info.path == (folder / "sub" / "GBSN00LP.TTF").string());  // upper-case .TTF too
  CHECK(zh->info.postscript_name == "BousungEG-Light-GB");
  CHECK(with.resolve("AR PL SungtiL GB:Regular") == zh);  // the English one, with its style
  CHECK(with.resolve("AR PL SungtiL GB:Bold") == nullptr);

  // The default manifest: the folder's copy wins over the system's file of the same family.
  FontSet system(load_manifest(default_font_manifest()), {}, {folder});
  const LoadedFace* sung = system.resolve("AR PL SungtiL GB:Regular");
  REQUIRE(sung);
  CHECK(sung->info.path == (folder / "sub" / "GBSN00LP.TTF").string());
}

TEST_CASE("user font folders: --font-dir first, then PTBRIEF_FONT_DIRS, a missing one is an error",
          "[fonts]") {
  const auto a = test::scratch_dir("fonts_dirs_a"), b = test::scratch_dir("fonts_dirs_b");
  ::setenv("PTBRIEF_FONT_DIRS", (":" + b.string() + "::" + a.string()).c_str(), 1);
  const auto dirs = user_font_dirs({a});
  ::unsetenv("PTBRIEF_FONT_DIRS");
  REQUIRE(dirs.size() == 2);  // empty parts skipped, a twice named folder once
  CHECK(dirs[0] == a);
  CHECK(dirs[1] == b);
  CHECK(user_font_dirs({}).empty());
  try {
    user_font_dirs({a / "no such folder"});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "typeset.font_dir");
    CHECK(e.diagnostic().message.find("no such folder") != std::string::npos);
    CHECK(e.diagnostic().message.find("--font-dir") != std::string::npos);
  }
  ::setenv("PTBRIEF_FONT_DIRS", (a / "gone").c_str(), 1);
  CHECK_THROWS_AS(user_font_dirs({}), Error);
  ::unsetenv("PTBRIEF_FONT_DIRS");
}

TEST_CASE("a role whose first choice is not installed gets one note naming the stand-in",
          "[fonts]") {
  Document doc = one_paragraph("标题与正文");
  doc.font_roles["serif"] = {"方正仿宋 Not Installed", "Noto Serif CJK SC:Regular"};
  doc.font_roles["sans"] = {"黑体 Not Installed", "Noto Sans CJK SC:Regular"};
  Paragraph second;
  second.content.push_back({"黑体段落", std::nullopt});
  second.style.text.font = "sans";
  doc.blocks.push_back(second);
  CollectingSink sink;
  typeset::typeset(doc, {}, sink);
  REQUIRE(sink.items.size() == 1);  // one note for every role of the document
  const Diagnostic& d = sink.items[0];
  CHECK(d.severity == Severity::Note);
  CHECK(d.code == "typeset.font_standin");
  CHECK(d.message.find("方正仿宋 Not Installed → Noto Serif CJK SC Regular (role serif)") !=
        std::string::npos);
  CHECK(d.message.find("黑体 Not Installed → Noto Sans CJK SC Regular (role sans)") !=
        std::string::npos);
  CHECK(d.hint.find("--font-dir") != std::string::npos);

  // Found through the user's folder: no note.
  const auto folder = fonts_folder("fonts_standin_found");
  Document found = one_paragraph("正文");
  found.font_roles["serif"] = {"文鼎ＰＬ简报宋", "Noto Serif CJK SC:Regular"};
  TypesetOptions options;
  options.font_dirs = {folder};
  CollectingSink quiet;
  const PageList pages = typeset::typeset(found, options, quiet);
  CHECK(quiet.items.empty());
  CHECK(font_of_glyph(pages, "正").path == (folder / "sub" / "GBSN00LP.TTF").string());
}
