// The pack runner decides what to rebuild from content hashes: nothing when nothing changed,
// exactly the briefs an edited article or layout feeds, and it reports what changed.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <thread>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "pack/fake_builder.h"
#include "pack/pack.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;
using Status = pack::BriefResult::Status;

namespace {

/// A scratch pack: three toy articles, a layout that extends another, all parks and topics.
fs::path make_pack(const std::string& name) {
  fs::path dir = test::scratch_dir("pack-" + name);
  test::put(dir / "corpus/a.txt", "ParkA|T1|firms|10|家\nParkA|T1|jobs|200|人\n");
  test::put(dir / "corpus/b.txt", "ParkB|T2|firms|5|家\n");
  test::put(dir / "corpus/c.txt", "ParkA|T1|output|3|亿元\nParkC|T1|firms|7|家\n");
  test::put(dir / "lay/main.json", R"({"extends": "base.json"})");
  test::put(dir / "lay/base.json", R"({"page": "A4"})");
  test::put(dir / "lay/other.json", R"({"page": "A5"})");
  test::put(dir / "pack.json", R"({"name": "t", "corpus": "corpus", "output": "out",
    "layout": "lay/main.json",
    "briefs": [{"park": "ParkC", "layout": "lay/other.json"}, "all parks", "all topics"]})");
  return dir;
}

pack::RunReport run(const fs::path& dir, test::FakeBuilder& b, pack::RunOptions o = {}) {
  if (o.tool_version.empty()) o.tool_version = "test";
  CollectingSink sink;
  return pack::run_pack(pack::load_pack(dir / "pack.json"), b, o, sink);
}

std::set<std::string> with_status(const pack::RunReport& r, Status s) {
  std::set<std::string> names;
  for (const auto& b : r.briefs)
    if (b.status == s) names.insert(b.output_name);
  return names;
}

const pack::BriefResult& find(const pack::RunReport& r, const std::string& name) {
  for (const auto& b : r.briefs)
    if (b.output_name == name) return b;
  FAIL("no brief " << name);
  throw;
}

}  // namespace

TEST_CASE("a first run builds every park and topic brief of the pack") {
  auto dir = make_pack("first");
  test::FakeBuilder b;
  auto r = run(dir, b);
  CHECK(with_status(r, Status::Built) ==
        std::set<std::string>{"ParkA.pdf", "ParkB.pdf", "ParkC.pdf", "专题-T1.pdf", "专题-T2.pdf"});
  CHECK_FALSE(r.failed());
  CHECK(fs::exists(dir / "out" / pack::kManifestName));
  CHECK(test::run_shell("qpdf --check '" + (dir / "out/ParkA.pdf").string() + "'").exit_code == 0);
}

TEST_CASE("a second run with nothing changed rebuilds nothing and does not load the corpus") {
  auto dir = make_pack("nochange");
  test::FakeBuilder b;
  run(dir, b);
  auto manifest_before = test::slurp(dir / "out" / pack::kManifestName);
  test::FakeBuilder again;
  auto r = run(dir, again);
  CHECK(r.count(Status::UpToDate) == 5);
  CHECK(r.count(Status::Built) == 0);
  CHECK(again.loads == 0);
  CHECK(again.builds == 0);
  CHECK_FALSE(r.facts_loaded);
  CHECK(test::slurp(dir / "out" / pack::kManifestName) == manifest_before);
}

TEST_CASE("changing one article rebuilds exactly the briefs that draw on it") {
  auto dir = make_pack("one-article");
  test::FakeBuilder b;
  run(dir, b);
  test::put(dir / "corpus/b.txt", "ParkB|T2|firms|6|家\n");
  auto r = run(dir, b);
  CHECK(with_status(r, Status::Built) == std::set<std::string>{"ParkB.pdf", "专题-T2.pdf"});
  CHECK(r.count(Status::UpToDate) == 3);

  test::put(dir / "corpus/c.txt", "ParkA|T1|output|3|亿元\nParkC|T1|firms|8|家\n");
  r = run(dir, b);
  CHECK(with_status(r, Status::Built) ==
        std::set<std::string>{"ParkA.pdf", "ParkC.pdf", "专题-T1.pdf"});
  for (const auto& brief : r.briefs)
    if (brief.status == Status::Built)
      CHECK(brief.reasons.at(0).find("articles changed: c.txt") != std::string::npos);
}

TEST_CASE("a new article about a park rebuilds that park's brief and adds new parks") {
  auto dir = make_pack("new-article");
  test::FakeBuilder b;
  run(dir, b);
  test::put(dir / "corpus/d.txt", "ParkB|T2|labs|2|个\nParkD|T2|firms|1|家\n");
  auto r = run(dir, b);
  CHECK(with_status(r, Status::Built) ==
        std::set<std::string>{"ParkB.pdf", "ParkD.pdf", "专题-T2.pdf"});
}

TEST_CASE("changing a layout rebuilds the briefs that use it, through extends") {
  auto dir = make_pack("layout");
  test::FakeBuilder b;
  run(dir, b);
  test::put(dir / "lay/base.json", R"({"page": "B5"})");
  auto r = run(dir, b);
  CHECK(with_status(r, Status::Built) ==
        std::set<std::string>{"ParkA.pdf", "ParkB.pdf", "专题-T1.pdf", "专题-T2.pdf"});
  CHECK(with_status(r, Status::UpToDate) == std::set<std::string>{"ParkC.pdf"});  // other.json

  test::put(dir / "lay/other.json", R"({"page": "A6"})");
  r = run(dir, b);
  CHECK(with_status(r, Status::Built) == std::set<std::string>{"ParkC.pdf"});
}

TEST_CASE("a new ptbrief version, --force or a deleted PDF rebuilds") {
  auto dir = make_pack("version");
  test::FakeBuilder b;
  run(dir, b);
  pack::RunOptions o;
  o.tool_version = "test-2";
  CHECK(run(dir, b, o).count(Status::Built) == 5);
  o.force = true;
  CHECK(run(dir, b, o).count(Status::Built) == 5);
  o.force = false;
  fs::remove(dir / "out/ParkB.pdf");
  auto r = run(dir, b, o);
  CHECK(with_status(r, Status::Built) == std::set<std::string>{"ParkB.pdf"});
  CHECK(find(r, "ParkB.pdf").reasons == std::vector<std::string>{"output missing or altered"});
}

TEST_CASE("a rebuilt brief lists the figures new or changed since its last build") {
  auto dir = make_pack("changes");
  test::FakeBuilder b;
  auto first = run(dir, b);
  CHECK(find(first, "ParkA.pdf").first_build);
  test::put(dir / "corpus/a.txt", "ParkA|T1|firms|12|家\nParkA|T1|jobs|200|人\nParkA|T1|labs|3|个\n");
  auto r = run(dir, b);
  const pack::BriefResult* park_a = &find(r, "ParkA.pdf");
  REQUIRE(park_a->changes.size() == 2);
  CHECK(park_a->changes[0].kind == pack::FigureChange::Kind::Changed);
  CHECK(park_a->changes[0].label == "ParkA firms 12家");
  CHECK(park_a->changes[0].previous == "10家");
  CHECK(park_a->changes[1].kind == pack::FigureChange::Kind::New);
  CHECK(park_a->changes[1].label == "ParkA labs 3个");
}

TEST_CASE("a failing brief does not stop the others and is retried next run") {
  auto dir = make_pack("failing");
  test::put(dir / "corpus/e.txt", "FAIL|T3|x|1|家\n");
  test::FakeBuilder b;
  pack::RunOptions o;
  o.jobs = 2;
  auto r = run(dir, b, o);
  CHECK(r.failed());
  CHECK(with_status(r, Status::Failed) == std::set<std::string>{"FAIL.pdf"});
  CHECK(r.count(Status::Built) == 6);
  CHECK(find(r, "FAIL.pdf").error.find("this brief always fails") != std::string::npos);
  auto again = run(dir, b, o);
  CHECK(with_status(again, Status::Failed) == std::set<std::string>{"FAIL.pdf"});
  CHECK(again.count(Status::UpToDate) == 6);
}

TEST_CASE("a brief dropped from the pack loses its PDF and manifest entry") {
  auto dir = make_pack("dropped");
  test::FakeBuilder b;
  run(dir, b);
  test::put(dir / "corpus/b.txt", "");
  auto r = run(dir, b);
  CHECK(with_status(r, Status::Removed) == std::set<std::string>{"ParkB.pdf", "专题-T2.pdf"});
  CHECK_FALSE(fs::exists(dir / "out/ParkB.pdf"));
  CHECK(test::slurp(dir / "out" / pack::kManifestName).find("ParkB") == std::string::npos);
}

TEST_CASE("a dry run lists what would be rebuilt and why, and writes nothing") {
  auto dir = make_pack("dry");
  test::FakeBuilder b;
  pack::RunOptions o;
  o.dry_run = true;
  auto r = run(dir, b, o);
  CHECK(r.count(Status::WouldBuild) == 5);
  CHECK(r.briefs.at(0).reasons == std::vector<std::string>{"not built yet"});
  CHECK(b.builds == 0);
  CHECK_FALSE(fs::exists(dir / "out"));
  run(dir, b);
  test::put(dir / "corpus/b.txt", "ParkB|T2|firms|6|家\n");
  r = run(dir, b, o);
  CHECK(with_status(r, Status::WouldBuild) == std::set<std::string>{"ParkB.pdf", "专题-T2.pdf"});
  CHECK(run(dir, b).count(Status::Built) == 2);  // the dry run recorded nothing
}

TEST_CASE("a new build of ptbrief (its build ID) rebuilds, with an ID the binary is never read") {
  auto dir = make_pack("build-id");
  test::FakeBuilder b;
  pack::RunOptions o;
  // A binary that cannot be read: with the build ID given, it is not needed.
  o.tool_binary = dir / "no-such-ptbrief";
  o.tool_build_id = "0123abcd";
  CHECK(run(dir, b, o).count(Status::Built) == 5);
  CHECK(run(dir, b, o).count(Status::Built) == 0);
  const std::string manifest = read_file(dir / "out" / pack::kManifestName);
  CHECK(manifest.find("no-such-ptbrief") == std::string::npos);  // no stamp: never hashed
  o.tool_build_id = "0123abce";
  auto r = run(dir, b, o);
  CHECK(r.count(Status::Built) == 5);
  CHECK(find(r, "ParkA.pdf").reasons == std::vector<std::string>{"ptbrief version changed"});
}

TEST_CASE("the font hashes are remembered in the hash cache across output folders") {
  auto dir = make_pack("hash-cache");
  // A large made-up "font" the fake builder reports as embedded.
  test::put(dir / "fonts/Big.ttc", std::string(1 << 20, 'f'));
  // Older than the clock tick it is read in, as an installed font is (a file that new is not
  // remembered: cache/hash_memo.h).
  fs::last_write_time(dir / "fonts/Big.ttc", fs::file_time_type::clock::now() - std::chrono::minutes(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  test::FakeBuilder b;
  b.font_file = dir / "fonts/Big.ttc";
  pack::RunOptions o;
  o.hash_cache.enabled = true;
  o.hash_cache.dir = dir / "cache";
  CHECK(run(dir, b, o).count(Status::Built) == 5);
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir / "cache")) entries += e.path().extension() == ".fc";
  CHECK(entries == 1);
  // A new output folder (a cold pack): the remembered hash is used, and it is the file's.
  fs::remove_all(dir / "out");
  CHECK(run(dir, b, o).count(Status::Built) == 5);
  const std::string manifest = read_file(dir / "out" / pack::kManifestName);
  CHECK(manifest.find(sha256_hex(std::string(1 << 20, 'f'))) != std::string::npos);
  // A changed font rebuilds every brief that embeds it.
  test::put(dir / "fonts/Big.ttc", std::string(1 << 20, 'g'));
  auto r = run(dir, b, o);
  CHECK(r.count(Status::Built) == 5);
  CHECK(find(r, "ParkA.pdf").reasons == std::vector<std::string>{"fonts changed"});
}
