// Crash safety and concurrency: a pack run killed (SIGKILL) at random points leaves only
// complete PDFs and a readable manifest, and the next run repairs everything; two runs on one
// output folder take turns through the folder lock.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "base/atomic_file.h"
#include "pack/fake_builder.h"
#include "pack/pack.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;
using Status = pack::BriefResult::Status;

namespace {

/// A pack of `parks` parks (one article each) plus their topics, output in out/.
fs::path make_pack(const std::string& name, int parks) {
  fs::path dir = test::scratch_dir("pack-" + name);
  for (int i = 0; i < parks; ++i)
    test::put(dir / "corpus" / ("a" + std::to_string(i) + ".txt"),
              "Park" + std::to_string(i) + "|T" + std::to_string(i % 3) + "|firms|" +
                  std::to_string(i) + "|家\n");
  test::put(dir / "lay.json", "{}");
  test::put(dir / "pack.json", R"({"name": "t", "corpus": "corpus", "output": "out",
    "layout": "lay.json", "briefs": ["all parks", "all topics"]})");
  return dir;
}

pack::RunReport run_here(const fs::path& dir, unsigned jobs = 2, int slow_ms = 0) {
  test::FakeBuilder b;
  pack::RunOptions o;
  o.tool_version = "test";
  o.jobs = jobs;
  o.slow_build = std::chrono::milliseconds(slow_ms);
  CollectingSink sink;
  return pack::run_pack(pack::load_pack(dir / "pack.json"), b, o, sink);
}

/// Runs the pack in a child process; its exit code is the number of briefs it built (or 200+
/// on failure).
pid_t spawn(const fs::path& dir, int slow_ms) {
  pid_t pid = ::fork();
  if (pid == 0) {
    try {
      auto r = run_here(dir, 2, slow_ms);
      ::_exit(r.failed() ? 201 : static_cast<int>(r.count(Status::Built)));
    } catch (...) {
      ::_exit(202);
    }
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// Every PDF in the folder passes qpdf --check; the manifest, if any, is valid JSON.
void check_folder(const fs::path& out) {
  if (!fs::exists(out)) return;
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.path().extension() != ".pdf") continue;
    INFO(e.path().string());
    CHECK(test::run_shell("qpdf --check '" + e.path().string() + "' >/dev/null").exit_code == 0);
  }
  if (fs::exists(out / pack::kManifestName))
    CHECK_NOTHROW(nlohmann::json::parse(read_file(out / pack::kManifestName)));
}

std::vector<std::string> temp_files(const fs::path& out) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out))
    if (e.path().filename().string().find(".tmp.") != std::string::npos)
      names.push_back(e.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("a pack killed at random points is repaired by the next run") {
  auto dir = make_pack("killed", 8);
  std::random_device seed_source;
  unsigned seed = seed_source();
  INFO("random seed " << seed);
  std::mt19937 random(seed);
  for (int round = 0; round < 6; ++round) {
    // Change two articles so every round has work, then kill the run part-way.
    for (int k = 0; k < 2; ++k) {
      int i = static_cast<int>(random() % 8);
      test::put(dir / "corpus" / ("a" + std::to_string(i) + ".txt"),
                "Park" + std::to_string(i) + "|T" + std::to_string(i % 3) + "|firms|" +
                    std::to_string(random() % 1000) + "|家\n");
    }
    pid_t pid = spawn(dir, 15);
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 120));
    ::kill(pid, SIGKILL);
    wait_exit(pid);
    check_folder(dir / "out");
  }

  // The next run completes the pack; the one after has nothing to do.
  auto r = run_here(dir);
  CHECK_FALSE(r.failed());
  check_folder(dir / "out");
  CHECK(temp_files(dir / "out").empty());
  auto again = run_here(dir);
  CHECK(again.count(Status::Built) == 0);
  CHECK(again.count(Status::UpToDate) == 11);

  // What is there is what a clean build makes.
  auto fresh = make_pack("killed-fresh", 0);
  fs::remove_all(fresh / "corpus");
  fs::copy(dir / "corpus", fresh / "corpus");
  run_here(fresh);
  for (const auto& e : fs::directory_iterator(fresh / "out"))
    if (e.path().extension() == ".pdf")
      CHECK(read_file(e.path()) == read_file(dir / "out" / e.path().filename()));
}

TEST_CASE("temp files left by a killed writer are removed by the next run") {
  auto dir = make_pack("stale-temp", 2);
  run_here(dir);
  test::put(dir / "out/.Park0.pdf.tmp.4000000.0", "%PDF-1.4 trunc");
  test::put(dir / "out/notes.txt", "kept");
  run_here(dir);
  CHECK(temp_files(dir / "out").empty());
  CHECK(fs::exists(dir / "out/notes.txt"));
}

TEST_CASE("a damaged manifest is reported and everything is rebuilt") {
  auto dir = make_pack("damaged", 2);
  run_here(dir);
  test::put(dir / "out" / pack::kManifestName, "{\"format\": 1, \"pack\"");
  test::FakeBuilder b;
  pack::RunOptions o;
  o.tool_version = "test";
  CollectingSink sink;
  auto r = pack::run_pack(pack::load_pack(dir / "pack.json"), b, o, sink);
  CHECK(r.count(Status::Built) == 4);
  REQUIRE(sink.items.size() == 1);
  CHECK(sink.items[0].code == "pack.manifest_damaged");
  CHECK(run_here(dir).count(Status::Built) == 0);
}

TEST_CASE("two concurrent runs on one output folder take turns and never corrupt it") {
  for (int round = 0; round < 3; ++round) {
    auto dir = make_pack("concurrent", 6);
    pid_t first = spawn(dir, 20);
    pid_t second = spawn(dir, 20);
    int a = wait_exit(first), b = wait_exit(second);
    INFO("built by the two runs: " << a << " and " << b);
    // One run built all 9 briefs; the other waited for the lock and found them up to date.
    CHECK(std::min(a, b) == 0);
    CHECK(std::max(a, b) == 9);
    check_folder(dir / "out");
    CHECK(run_here(dir).count(Status::Built) == 0);
  }
}
