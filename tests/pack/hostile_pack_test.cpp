// Pack inputs from a shared folder are hostile: a deep pack file, an edited manifest, another
// pack's output folder.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
#include "pack/fake_builder.h"
#include "pack/pack.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

/// A pack named `name` of two parks whose output folder is `out` (relative to `dir`).
void write_pack(const fs::path& dir, const std::string& file, const std::string& name,
                const std::string& out) {
  test::put(dir / "corpus/a.txt", "ParkA|T1|firms|10|家\n");
  test::put(dir / "corpus/b.txt", "ParkB|T2|firms|5|家\n");
  test::put(dir / "lay.json", "{}");
  test::put(dir / file, R"({"name": ")" + name + R"(", "corpus": "corpus", "output": ")" + out +
                            R"(", "layout": "lay.json", "briefs": ["all parks"]})");
}

pack::RunReport run(const fs::path& pack_file, CollectingSink& sink) {
  test::FakeBuilder b;
  pack::RunOptions o;
  o.tool_version = "test";
  return pack::run_pack(pack::load_pack(pack_file), b, o, sink);
}

}  // namespace

TEST_CASE("a pack file nested a million levels deep is refused at the depth limit") {
  auto dir = test::scratch_dir("pack-deep");
  // 2 MB, under the size limit: only a depth check made while parsing stops it safely (a
  // recursive check after parsing overflows the stack).
  test::put(dir / "p.json", std::string(1000000, '[') + std::string(1000000, ']'));
  try {
    pack::load_pack(dir / "p.json");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "pack.invalid");
    CHECK(e.diagnostic().message.find("nests deeper") != std::string::npos);
    CHECK(e.diagnostic().file == (dir / "p.json").string());
  }
}

TEST_CASE("manifest names that leave the output folder are refused and nothing outside is touched") {
  auto dir = test::scratch_dir("pack-manifest-escape");
  write_pack(dir, "pack.json", "t", "out");
  CollectingSink first;
  run(dir / "pack.json", first);
  test::put(dir / "victim.pdf", "someone's file");
  test::put(dir / "out/.hidden.pdf", "someone's file");
  const fs::path manifest = dir / "out" / pack::kManifestName;
  for (const std::string evil : {"../victim.pdf", ".hidden.pdf"}) {
    INFO(evil);
    auto j = nlohmann::json::parse(test::slurp(manifest));
    auto record = j["briefs"].begin().value();
    record["entry"]["output"] = evil;
    j["briefs"][evil] = record;
    test::put(manifest, j.dump());
    CollectingSink sink;
    auto r = run(dir / "pack.json", sink);
    CHECK_FALSE(r.failed());
    REQUIRE(sink.items.size() == 1);
    CHECK(sink.items[0].code == "pack.manifest_damaged");
    CHECK(sink.items[0].message.find(evil) != std::string::npos);
    CHECK(test::slurp(dir / "victim.pdf") == "someone's file");
    CHECK(test::slurp(dir / "out/.hidden.pdf") == "someone's file");
  }
}

TEST_CASE("a pack whose output folder holds another pack's briefs is refused, naming it") {
  auto dir = test::scratch_dir("pack-shared-output");
  write_pack(dir, "one.json", "one", "out");
  write_pack(dir, "two.json", "two", "out");
  CollectingSink sink;
  run(dir / "one.json", sink);
  const auto before = test::slurp(dir / "out" / pack::kManifestName);
  try {
    run(dir / "two.json", sink);
    FAIL("the second pack ran in the first one's folder");
  } catch (const Error& e) {
    CHECK(e.diagnostic().code == "pack.shared_output");
    CHECK(e.diagnostic().message.find("'one'") != std::string::npos);
    CHECK(e.diagnostic().file == (dir / "two.json").string());
    CHECK(e.diagnostic().json_path == "$.output");
    CHECK_FALSE(e.diagnostic().hint.empty());
  }
  CHECK(test::slurp(dir / "out" / pack::kManifestName) == before);
  CHECK(fs::exists(dir / "out/ParkA.pdf"));
}
