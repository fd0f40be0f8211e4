// prepare_fonts(): the head start on fonts that `ptbrief make` runs on a thread of its own —
// the same pages after it, on any thread, and its errors met again by typeset() as they always are.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "support/test_support.h"
#include "typeset/fonts.h"
#include "typeset/typeset.h"

using namespace ptbrief;
using namespace ptbrief::typeset;

namespace {

Document paragraphs(const std::string& role) {
  Document doc;
  for (const char* text : {"南通高新区坚持党建引领，2025年新增企业120家，增长12.5%。",
                           "“红色引擎”——Park Brief 第1期"}) {
    Paragraph p;
    p.content.push_back({text, std::nullopt});
    p.style.text.font = role;
    doc.blocks.push_back(p);
  }
  return doc;
}

}  // namespace

TEST_CASE("fonts prepared on another thread while a document is typeset give the same pages",
          "[fonts][prepare]") {
  CollectingSink sink;
  const std::string before = dump(typeset::typeset(paragraphs("sans"), {}, sink), true);
  // The first typeset of "kai" in this process races its preparation on another thread.
  std::thread ahead([] { prepare_fonts({"kai", "hei"}, {}, {}); });
  const std::string during = dump(typeset::typeset(paragraphs("kai"), {}, sink), true);
  ahead.join();
  prepare_fonts({"kai", "sans"}, {}, {});  // again, with everything cached: no change
  CHECK(dump(typeset::typeset(paragraphs("kai"), {}, sink), true) == during);
  CHECK(dump(typeset::typeset(paragraphs("sans"), {}, sink), true) == before);
  CHECK(sink.items.empty());
}

TEST_CASE("a font the preparation cannot open is reported by typeset(), naming the file",
          "[fonts][prepare]") {
  const auto dir = test::scratch_dir("prepare_fonts");
  const auto broken = dir / "Broken.ttf";
  std::ofstream(broken) << "not a font";
  const auto manifest = dir / "manifest.json";
  std::ofstream(manifest) << R"({"search_paths": [")" << dir.string()
                          << R"("], "files": {}, "faces": {"Broken Face:Regular": {"file": "Broken.ttf", "index": 0}},)"
                          << R"( "roles": {"serif": ["Broken Face:Regular"]}})";
  TypesetOptions options;
  options.font_manifest = manifest;
  // On a thread of its own, as `ptbrief make` runs it: it reports and throws nothing.
  std::thread ahead([&] { prepare_fonts({"serif", "no such role"}, {}, options); });
  ahead.join();
  CollectingSink sink;
  try {
    typeset::typeset(paragraphs("serif"), options, sink);
    FAIL("no error");
  } catch (const Error& e) {
    INFO(e.diagnostic().message << " " << e.diagnostic().json_path);
    CHECK(e.diagnostic().code == "typeset.font_unreadable");
    CHECK(e.diagnostic().file == broken.string());
    CHECK(e.diagnostic().message.find(broken.string()) != std::string::npos);
  }
  // Prepared or not, the same error every time.
  prepare_fonts({"serif"}, {}, options);
  CHECK_THROWS_AS(typeset::typeset(paragraphs("serif"), options, sink), Error);
}
