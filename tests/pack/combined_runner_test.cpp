// The combined meeting PDF in the pack runner: built with the briefs, kept when nothing
// changed, rebuilt when a brief or the pack's title changed or the file went, removed when
// the pack drops it, never half-written when the run is killed.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
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

const std::string kPackFile = R"({"name": "t", "title": "TITLE", "corpus": "corpus",
  "output": "out", "layout": "lay.json", "combined": true, "briefs": ["all parks", "all topics"]})";

/// A pack of three parks (one article each) and their topics, with a combined PDF t.pdf.
fs::path make_pack(const std::string& name, const std::string& pack_file = kPackFile) {
  fs::path dir = test::scratch_dir("pack-combined-" + name);
  for (int i = 0; i < 3; ++i)
    test::put(dir / "corpus" / ("a" + std::to_string(i) + ".txt"),
              "Park" + std::to_string(i) + "|T" + std::to_string(i % 2) + "|firms|" +
                  std::to_string(i) + "|家\n");
  test::put(dir / "lay.json", "{}");
  test::put(dir / "pack.json", pack_file);
  return dir;
}

pack::RunReport run(const fs::path& dir, pack::Builder& b, pack::RunOptions o = {}) {
  o.tool_version = "test";
  CollectingSink sink;
  return pack::run_pack(pack::load_pack(dir / "pack.json"), b, o, sink);
}

pack::RunReport run(const fs::path& dir, pack::RunOptions o = {}) {
  test::FakeBuilder b;
  return run(dir, b, o);
}

Status combined_status(const pack::RunReport& r) {
  REQUIRE(r.combined.has_value());
  return r.combined->status;
}

bool qpdf_ok(const fs::path& pdf) {
  return test::run_shell("qpdf --check '" + pdf.string() + "' >/dev/null").exit_code == 0;
}

/// A fake pipeline whose combined PDF is 32 MB and which says (by creating `marker`) when it
/// is about to hand it to the runner for writing.
class SlowCombined final : public pack::Builder {
 public:
  explicit SlowCombined(fs::path marker) : marker_(std::move(marker)) {}
  extract::Facts load_facts(const fs::path& corpus, const fs::path& corrections,
                            DiagSink& sink) override {
    return fake_.load_facts(corpus, corrections, sink);
  }
  pack::BuiltBrief build(const extract::Facts& f, const pack::BriefJob& j, DiagSink& s) override {
    return fake_.build(f, j, s);
  }
  pack::BuiltBrief build_combined(const extract::Facts&, const pack::CombinedJob&,
                                  DiagSink&) override {
    pack::BuiltBrief out{test::tiny_pdf("big combined", 32u << 20), {}};
    test::put(marker_, "");
    return out;
  }

 private:
  test::FakeBuilder fake_;
  fs::path marker_;
};

}  // namespace

TEST_CASE("a pack with a combined PDF builds it once, then leaves it alone") {
  auto dir = make_pack("once");
  test::FakeBuilder b;
  auto first = run(dir, b);
  CHECK(first.count(Status::Built) == 5);  // 3 parks, 2 topics
  CHECK(combined_status(first) == Status::Built);
  CHECK(first.combined->output_name == "t.pdf");
  CHECK(b.combined_builds == 1);
  REQUIRE(fs::exists(dir / "out/t.pdf"));
  CHECK(qpdf_ok(dir / "out/t.pdf"));
  // The combined PDF holds every brief, in pack order.
  CHECK(read_file(dir / "out/t.pdf").find("(combined Park0 Park1 Park2 T0 T1)") !=
        std::string::npos);

  test::FakeBuilder again;
  auto second = run(dir, again);
  CHECK(second.count(Status::Built) == 0);
  CHECK(combined_status(second) == Status::UpToDate);
  CHECK(again.combined_builds == 0);
  CHECK(again.loads == 0);
  CHECK_FALSE(second.failed());
}

TEST_CASE("the combined PDF is rebuilt when a brief, the title or the file changes") {
  auto dir = make_pack("rebuild");
  run(dir);

  SECTION("an article changed") {
    test::put(dir / "corpus/a1.txt", "Park1|T1|firms|99|家\n");
    auto r = run(dir);
    CHECK(r.count(Status::Built) == 2);  // Park1 and T1
    CHECK(combined_status(r) == Status::Built);
    CHECK(r.combined->reasons == std::vector<std::string>{"briefs or pack title changed"});
  }
  SECTION("the pack's title changed, no brief did") {
    std::string text = kPackFile;
    text.replace(text.find("TITLE"), 5, "OTHER");
    test::put(dir / "pack.json", text);
    auto r = run(dir);
    CHECK(r.count(Status::Built) == 0);
    CHECK(combined_status(r) == Status::Built);
  }
  SECTION("the file was deleted: rebuilt from the facts, briefs untouched") {
    fs::remove(dir / "out/t.pdf");
    test::FakeBuilder b;
    auto r = run(dir, b);
    CHECK(r.count(Status::Built) == 0);
    CHECK(combined_status(r) == Status::Built);
    CHECK(r.combined->reasons == std::vector<std::string>{"output missing or altered"});
    CHECK(b.loads == 1);
    CHECK(fs::exists(dir / "out/t.pdf"));
  }
  SECTION("--dry-run says so and writes nothing") {
    fs::remove(dir / "out/t.pdf");
    pack::RunOptions o;
    o.dry_run = true;
    auto r = run(dir, o);
    CHECK(combined_status(r) == Status::WouldBuild);
    CHECK_FALSE(fs::exists(dir / "out/t.pdf"));
    CHECK(combined_status(run(dir)) == Status::Built);
  }
  SECTION("--force rebuilds it") {
    pack::RunOptions o;
    o.force = true;
    CHECK(combined_status(run(dir, o)) == Status::Built);
  }
  CHECK(combined_status(run(dir)) == Status::UpToDate);
}

TEST_CASE("a pack that drops its combined PDF removes the file") {
  auto dir = make_pack("dropped");
  run(dir);
  REQUIRE(fs::exists(dir / "out/t.pdf"));
  std::string text = kPackFile;
  text.replace(text.find("\"combined\": true"), 16, "\"combined\": false");
  test::put(dir / "pack.json", text);
  auto r = run(dir);
  CHECK(combined_status(r) == Status::Removed);
  CHECK_FALSE(fs::exists(dir / "out/t.pdf"));
  CHECK(fs::exists(dir / "out/Park0.pdf"));
  CHECK_FALSE(run(dir).combined.has_value());
}

TEST_CASE("a failing brief keeps the previous combined PDF and fails the run") {
  auto dir = make_pack("failing");
  run(dir);
  auto before = read_file(dir / "out/t.pdf");
  test::put(dir / "corpus/a9.txt", "FAIL|T0|firms|1|家\n");
  auto r = run(dir);
  CHECK(r.failed());
  CHECK(combined_status(r) == Status::Failed);
  CHECK(r.combined->error.find("FAIL.pdf failed") != std::string::npos);
  CHECK(read_file(dir / "out/t.pdf") == before);

  // Once the brief is fixed, the combined PDF follows.
  test::put(dir / "corpus/a9.txt", "Park9|T0|firms|1|家\n");
  auto fixed = run(dir);
  CHECK_FALSE(fixed.failed());
  CHECK(combined_status(fixed) == Status::Built);
}

TEST_CASE("a combined PDF named like a brief is an error, the briefs are still built") {
  std::string text = kPackFile;
  text.replace(text.find("true"), 4, "\"Park0.pdf\"");
  auto dir = make_pack("clash", text);
  auto r = run(dir);
  CHECK(r.count(Status::Built) == 5);
  CHECK(combined_status(r) == Status::Failed);
  CHECK(r.combined->error.find("also the name of a brief") != std::string::npos);
}

TEST_CASE("a run killed while writing the combined PDF leaves no partial file") {
  std::random_device seed_source;
  unsigned seed = seed_source();
  INFO("random seed " << seed);
  std::mt19937 random(seed);
  auto dir = make_pack("killed");
  int killed_mid_write = 0;
  bool last_run_finished = false;  // the last round's run ended before the kill landed
  for (int round = 0; round < 4; ++round) {
    // Rebuild everything (so the combined is out of date) and kill the run at a random point
    // of the combined PDF's 32 MB write.
    test::put(dir / "corpus/a0.txt", "Park0|T0|firms|" + std::to_string(round + 10) + "|家\n");
    fs::path marker = dir / ("writing-" + std::to_string(round));
    pid_t pid = ::fork();
    if (pid == 0) {
      SlowCombined b(marker);
      try {
        run(dir, b);
      } catch (...) {
      }
      ::_exit(0);
    }
    for (int i = 0; i < 2000 && !fs::exists(marker); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 40000));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    last_run_finished = WIFEXITED(status);
    CHECK(fs::exists(marker));
    // Either no combined PDF yet, or a complete one (the previous round's or this one's).
    if (fs::exists(dir / "out/t.pdf")) CHECK(qpdf_ok(dir / "out/t.pdf"));
    for (const auto& e : fs::directory_iterator(dir / "out"))
      if (e.path().filename().string().find(".t.pdf.tmp.") == 0) killed_mid_write++;
  }
  // Timing decides how many kills land inside the write (on a slow disk most of them; on a
  // fast one the 32 MB write may end before the kill); shown when the test fails.
  INFO("kills that left a partly written combined temp file: " << killed_mid_write << " of 4");
  INFO("the last round's run " << (last_run_finished ? "finished" : "was killed"));
  auto r = run(dir);
  CHECK_FALSE(r.failed());
  // Built when the last round was killed before it recorded the combined PDF, up to date when
  // that round finished (or was killed after recording it): never a partial or missing file.
  const Status final_status = combined_status(r);
  if (last_run_finished) CHECK(final_status == Status::UpToDate);
  else CHECK((final_status == Status::Built || final_status == Status::UpToDate));
  CHECK(qpdf_ok(dir / "out/t.pdf"));
  for (const auto& e : fs::directory_iterator(dir / "out"))
    CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
  CHECK(combined_status(run(dir)) == Status::UpToDate);
}

namespace {

/// The fake pipeline, noting how many briefs were finished when the combined PDF's build
/// began, and reporting one warning from that build.
class WatchedCombined final : public pack::Builder {
 public:
  extract::Facts load_facts(const fs::path& corpus, const fs::path& corrections,
                            DiagSink& sink) override {
    return fake_.load_facts(corpus, corrections, sink);
  }
  pack::BuiltBrief build(const extract::Facts& f, const pack::BriefJob& j, DiagSink& s) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto out = fake_.build(f, j, s);
    finished++;
    return out;
  }
  pack::BuiltBrief build_combined(const extract::Facts& f, const pack::CombinedJob& j,
                                  DiagSink& s) override {
    finished_before_combined = finished.load();
    Diagnostic d;
    d.severity = Severity::Warning;
    d.code = "test.combined_warning";
    d.message = "from the combined build";
    s.report(d);
    return fake_.build_combined(f, j, s);
  }
  std::atomic<int> finished{0};
  int finished_before_combined = -1;

 private:
  test::FakeBuilder fake_;
};

std::size_t count_code(const CollectingSink& sink, const std::string& code) {
  std::size_t n = 0;
  for (const auto& d : sink.items) n += d.code == code;
  return n;
}

}  // namespace

TEST_CASE("a first build makes the combined PDF beside the briefs, the same PDF as a later rebuild") {
  auto dir = make_pack("beside");
  WatchedCombined b;
  pack::RunOptions o;
  o.tool_version = "test";
  o.jobs = 2;
  CollectingSink sink;
  auto r = pack::run_pack(pack::load_pack(dir / "pack.json"), b, o, sink);
  CHECK_FALSE(r.failed());
  CHECK(combined_status(r) == Status::Built);
  CHECK(b.finished_before_combined == 0);  // started first, not after the five briefs
  CHECK(count_code(sink, "test.combined_warning") == 1);
  const std::string early = read_file(dir / "out/t.pdf");

  // Rebuilt after the briefs when only their rebuilds tell whether it is out of date.
  WatchedCombined late;
  test::put(dir / "corpus/a0.txt", "Park0|T0|firms|77|家\n");
  auto third = pack::run_pack(pack::load_pack(dir / "pack.json"), late, o, sink);
  CHECK(combined_status(third) == Status::Built);
  CHECK(late.finished_before_combined == 2);  // Park0 and 专题-T0, then the combined
  CHECK(read_file(dir / "out/t.pdf") == early);
}

TEST_CASE("a combined PDF built beside a failing brief is dropped with its warnings") {
  auto dir = make_pack("beside-failing");
  test::put(dir / "corpus/a9.txt", "FAIL|T0|firms|1|家\n");
  WatchedCombined b;
  pack::RunOptions o;
  o.tool_version = "test";
  o.jobs = 2;
  CollectingSink sink;
  auto r = pack::run_pack(pack::load_pack(dir / "pack.json"), b, o, sink);
  CHECK(r.failed());
  CHECK(b.finished_before_combined == 0);
  CHECK(combined_status(r) == Status::Failed);
  CHECK(r.combined->error.find("FAIL.pdf failed") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out/t.pdf"));
  CHECK(count_code(sink, "test.combined_warning") == 0);
}
