// Layout spec validation: one test per kind of mistake, each checking file, line:column, JSON
// path and the hint; and the shipped layouts load with the geometry they promise.
#include <catch2/catch.hpp>

#include <fstream>

#include "base/diagnostic.h"
#include "compose/layout.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;
using namespace ptbrief::compose;

namespace {

fs::path write(const fs::path& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

Diagnostic load_error(const fs::path& file) {
  try {
    load_layout(file.string());
  } catch (const Error& e) {
    return e.diagnostic();
  }
  FAIL("expected the layout to be rejected: " << file);
  return {};
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("layout: unknown key names path, position and the nearest key", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_unknown_key");
  const auto f = write(dir, "a.json",
                       "{\n  \"sections\": [\n    {\"type\": \"overview\"},\n    {\"type\": \"overview\"},\n"
                       "    {\"type\": \"figures\", \"max_figure\": 5}\n  ]\n}\n");
  const auto d = load_error(f);
  CHECK(d.code == "layout.unknown_key");
  CHECK(d.file == f.string());
  CHECK(d.json_path == "$.sections[2].max_figure");
  CHECK(d.line == 5);
  CHECK(d.column == 25);
  CHECK(has(d.hint, "did you mean 'max_figures'"));
  CHECK(has(format(d), f.string() + ":5:25"));
}

TEST_CASE("layout: wrong type says what was found and what to write", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_type");
  const auto f = write(dir, "a.json", "{\"margins\": {\"top_mm\": \"37\"}}");
  const auto d = load_error(f);
  CHECK(d.code == "layout.type");
  CHECK(d.json_path == "$.margins.top_mm");
  CHECK(d.line == 1);
  CHECK(d.column == 24);
  CHECK(has(d.message, "expected number, found string"));
}

TEST_CASE("layout: bad enum value lists what is allowed", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_value");
  const auto f = write(dir, "a.json", "{\"orientation\": \"landscap\"}");
  const auto d = load_error(f);
  CHECK(d.code == "layout.value");
  CHECK(d.json_path == "$.orientation");
  CHECK(d.column == 17);
  CHECK(has(d.hint, "did you mean \"landscape\""));
  CHECK(has(d.hint, "portrait, landscape"));
}

TEST_CASE("layout: number out of range names the range", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_range");
  const auto f = write(dir, "a.json", "{\"grid\": {\"chars_per_line\": 2, \"lines_per_page\": 22}}");
  const auto d = load_error(f);
  CHECK(d.json_path == "$.grid.chars_per_line");
  CHECK(has(d.hint, "from 5 to 200"));
}

TEST_CASE("layout: unknown Chinese font size suggests the nearest", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_size");
  const auto f = write(dir, "a.json", "{\"fonts\": {\"body\": {\"role\": \"serif\", \"size\": \"三 号\"}}}");
  const auto d = load_error(f);
  CHECK(d.json_path == "$.fonts.body.size");
  CHECK(has(d.hint, "三号"));
}

TEST_CASE("layout: unknown font role is checked against the manifest", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_role");
  const auto f = write(dir, "a.json", "{\"fonts\": {\"body\": {\"role\": \"fangsnog\"}}}");
  const auto d = load_error(f);
  CHECK(d.json_path == "$.fonts.body.role");
  CHECK(has(d.hint, "did you mean \"fangsong\""));
}

TEST_CASE("layout: unknown template field in a running line", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_template");
  const auto f = write(dir, "a.json", "{\"footer\": {\"center\": \"第{pgae}页\"}}");
  const auto d = load_error(f);
  CHECK(d.json_path == "$.footer.center");
  CHECK(has(d.message, "{pgae}"));
  CHECK(has(d.hint, "did you mean {page}"));
}

TEST_CASE("layout: bad colour", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_colour");
  const auto f = write(dir, "a.json", "{\"colors\": {\"accent\": \"red\"}}");
  const auto d = load_error(f);
  CHECK(d.json_path == "$.colors.accent");
  CHECK(has(d.hint, "#rrggbb"));
}

TEST_CASE("layout: a section without a type", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_section");
  const auto f = write(dir, "a.json", "{\"sections\": [{\"heading\": \"x\"}]}");
  const auto d = load_error(f);
  CHECK(d.code == "layout.missing_key");
  CHECK(d.json_path == "$.sections[0]");
}

TEST_CASE("layout: margins that leave no text block", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_margins");
  const auto f = write(dir, "a.json", "{\"margins\": {\"inner_mm\": 100, \"outer_mm\": 100}}");
  const auto d = load_error(f);
  CHECK(d.json_path == "$.margins");
  CHECK(has(d.message, "10 × 247 mm"));
}

TEST_CASE("layout: extends merges objects and reports errors in the base file", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_extends");
  write(dir, "base.json", "{\"fonts\": {\"body\": {\"role\": \"serif\", \"size\": \"小四\"}},\n \"leading\": 9}");
  const auto child = write(dir, "child.json", "{\"extends\": \"base\", \"fonts\": {\"body\": {\"size\": 11}}}");
  const auto d = load_error(child);
  CHECK(d.file == (dir / "base.json").string());
  CHECK(d.json_path == "$.leading");
  CHECK(d.line == 2);

  write(dir, "base2.json", "{\"fonts\": {\"body\": {\"role\": \"sans\", \"size\": \"小四\"}}}");
  const auto ok = write(dir, "child2.json", "{\"extends\": \"base2\", \"fonts\": {\"body\": {\"size\": 11}}}");
  const auto spec = load_layout(ok.string());
  CHECK(spec->font("body").role == "sans");
  CHECK(spec->font("body").size == 11);
}

TEST_CASE("layout: extends cycles and unknown bases are refused", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_cycle");
  write(dir, "a.json", "{\"extends\": \"b\"}");
  const auto b = write(dir, "b.json", "{\"extends\": \"a\"}");
  CHECK(load_error(b).code == "layout.extends_cycle");
  const auto c = write(dir, "c.json", "{\"extends\": \"nosuch\"}");
  const auto d = load_error(c);
  CHECK(d.json_path == "$.extends");
  CHECK(d.column == 13);
}

TEST_CASE("layout: unknown layout name suggests the nearest", "[compose][layout]") {
  try {
    load_layout("gongwn");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "layout.unknown");
    CHECK(has(e.diagnostic().hint, "did you mean 'gongwen'"));
  }
}

TEST_CASE("layout: Chinese size names convert to points", "[compose][layout]") {
  CHECK(chinese_font_size("初号") == 42);
  CHECK(chinese_font_size("二号") == 22);
  CHECK(chinese_font_size("三号") == 16);
  CHECK(chinese_font_size("小四") == 12);
  CHECK(chinese_font_size("五号") == 10.5);
  CHECK(chinese_font_size("六号") == 7.5);
  CHECK(chinese_font_size("七号") == 0);
}

TEST_CASE("layout: gongwen has the GB/T 9704 text block and grid", "[compose][layout]") {
  const auto g = load_layout("gongwen");
  CHECK(to_mm(g->page.width) == Approx(210));
  CHECK(to_mm(g->page.height) == Approx(297));
  CHECK(to_mm(g->page.margin_top) == Approx(37));
  CHECK(to_mm(g->page.margin_inner) == Approx(28));
  CHECK(to_mm(g->page.width - g->page.margin_inner - g->page.margin_outer) == Approx(156));
  CHECK(to_mm(g->page.height - g->page.margin_top - g->page.margin_bottom) == Approx(225));
  REQUIRE(g->page.grid.has_value());
  CHECK(g->page.grid->chars_per_line == 28);
  CHECK(g->page.grid->lines_per_page == 22);
  CHECK(g->font("body").role == "fangsong");
  CHECK(g->font("body").size == 16);
  CHECK(g->font("title").size == 22);
  CHECK(g->font("heading1").role == "hei");
  CHECK(g->font("heading2").role == "kai");
  CHECK(has(g->page.footer.outer, "— {page} —"));
  CHECK(g->colors.at("accent").r > 0.8);
}

TEST_CASE("layout: every shipped layout loads", "[compose][layout]") {
  const auto names = list_layouts();
  CHECK(std::find(names.begin(), names.end(), "briefing") != names.end());
  CHECK(std::find(names.begin(), names.end(), "gongwen") != names.end());
  for (const auto& n : names) CHECK_NOTHROW(load_layout(n));
}

TEST_CASE("layout: extends chains deeper than the limit are refused", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_depth");
  write(dir, "l0.json", "{}");
  for (int i = 1; i <= 12; ++i)
    write(dir, "l" + std::to_string(i) + ".json", "{\"extends\": \"l" + std::to_string(i - 1) + "\"}");
  CHECK_NOTHROW(load_layout((dir / "l5.json").string()));
  CHECK(load_error(dir / "l12.json").code == "layout.extends_depth");
}

TEST_CASE("layout: paper names, explicit sizes and orientation", "[compose][layout]") {
  const auto dir = test::scratch_dir("layout_paper");
  auto b5 = load_layout(write(dir, "b5.json", "{\"paper\": \"B5\", \"orientation\": \"landscape\"}").string());
  CHECK(to_mm(b5->page.width) == Approx(250));
  CHECK(to_mm(b5->page.height) == Approx(176));
  auto custom = load_layout(write(dir, "c.json", "{\"paper\": {\"width_mm\": 200, \"height_mm\": 280}}").string());
  CHECK(to_mm(custom->page.width) == Approx(200));
  const auto d = load_error(write(dir, "bad.json", "{\"paper\": \"A5\"}"));
  CHECK(d.json_path == "$.paper");
  CHECK(has(d.hint, "\"A4\", \"A3\", \"B5\""));
}
