// `ptbrief pack` end to end with the real pipeline on a copy of the corpus: incremental
// rebuilds, kill -9 recovery, concurrent runs, reproducible bytes, and its messages.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "base/atomic_file.h"
#include "pack/fake_builder.h"
#include "pack/pack.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

/// A scratch folder with a copy of the corpus and a pack of every park and topic (with a
/// combined PDF t.pdf if `combined`).
fs::path make_pack(const std::string& name, bool combined = false) {
  fs::path dir = test::scratch_dir("cli-pack-" + name);
  fs::copy(test::corpus_dir(), dir / "corpus");
  for (const auto& e : fs::directory_iterator(dir / "corpus"))
    fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::add);
  test::put(dir / "pack.json", std::string(R"({"name": "t", "corpus": "corpus", "output": "out",
    "layout": "briefing", "combined": )") + (combined ? "true" : "false") +
                                  R"(, "briefs": ["all parks", "all topics"]})");
  return dir;
}

test::RunResult run_pack(const fs::path& dir, std::vector<std::string> extra = {},
                     std::vector<std::string> env = {}) {
  std::vector<std::string> args = {"pack", (dir / "pack.json").string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return test::run_ptbrief(args, env);
}

bool ok(const test::RunResult& r) { return r.exit_code == 0 || r.exit_code == 3; }

std::set<std::string> pdfs(const fs::path& out) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(out))
    if (e.path().extension() == ".pdf") names.insert(e.path().filename().string());
  return names;
}

/// Output names whose manifest record lists `file` among its sources.
std::set<std::string> drawing_on(const fs::path& out, const std::string& file) {
  auto m = nlohmann::json::parse(read_file(out / pack::kManifestName));
  std::set<std::string> names;
  for (const auto& [name, rec] : m.at("briefs").items())
    if (rec.at("sources").contains(file)) names.insert(name);
  return names;
}

/// Brief names from the "built X (…)" log lines (stderr is not a terminal here).
std::set<std::string> built(const test::RunResult& r) {
  std::set<std::string> names;
  const std::string tag = "ptbrief pack: built ";
  for (std::size_t at = r.err.find(tag); at != std::string::npos; at = r.err.find(tag, at + 1)) {
    auto start = at + tag.size();
    names.insert(r.err.substr(start, r.err.find(" (", start) - start));
  }
  return names;
}

pid_t spawn_ptbrief(const fs::path& dir, const std::string& slow_ms) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(devnull, 0), ::dup2(devnull, 1), ::dup2(devnull, 2);
    ::setenv("PTBRIEF_PACK_SLOW_MS", slow_ms.c_str(), 1);
    std::string bin = PTBRIEF_BINARY, p = (dir / "pack.json").string();
    ::execl(bin.c_str(), bin.c_str(), "pack", p.c_str(), "--jobs", "2", nullptr);
    ::_exit(127);
  }
  return pid;
}

void check_pdfs(const fs::path& out) {
  for (const auto& name : pdfs(out)) {
    INFO(name);
    CHECK(test::run_shell("qpdf --check '" + (out / name).string() + "' >/dev/null").exit_code == 0);
  }
}

}  // namespace

TEST_CASE("ptbrief pack builds every brief, then nothing, an edited article rebuilds its briefs") {
  auto dir = make_pack("incremental");
  auto first = run_pack(dir);
  INFO(first.err);
  REQUIRE(ok(first));
  CHECK(first.out.find(" 0 failed") != std::string::npos);
  auto all = pdfs(dir / "out");
  CHECK(all.size() >= 10);
  CHECK(built(first) == all);
  check_pdfs(dir / "out");

  auto second = run_pack(dir);
  CHECK(ok(second));
  CHECK(second.out.find("pack t: 0 built, " + std::to_string(all.size()) + " up to date") !=
        std::string::npos);

  // Touch-free edit: one more line at the end of one article.
  const std::string file = "003_c1bd32abbb7e348e.txt";
  auto expected = drawing_on(dir / "out", file);
  REQUIRE_FALSE(expected.empty());
  REQUIRE(expected.size() < all.size());
  { std::ofstream(dir / "corpus" / file, std::ios::app) << "\n"; }
  auto dry = run_pack(dir, {"--dry-run"});
  CHECK(dry.out.find("articles changed: " + file) != std::string::npos);
  auto third = run_pack(dir);
  CHECK(ok(third));
  CHECK(built(third) == expected);
}

TEST_CASE("ptbrief pack killed with SIGKILL at random points is completed by the next run") {
  auto dir = make_pack("killed", true);
  std::random_device seed_source;
  unsigned seed = seed_source();
  INFO("random seed " << seed);
  std::mt19937 random(seed);
  for (int round = 0; round < 4; ++round) {
    { std::ofstream(dir / "corpus" / "000_0b44c4796a9b6fd5.txt", std::ios::app) << "\n"; }
    pid_t pid = spawn_ptbrief(dir, "40");
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 900));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (fs::exists(dir / "out")) check_pdfs(dir / "out");
  }
  auto r = run_pack(dir);
  INFO(r.err);
  CHECK(ok(r));
  check_pdfs(dir / "out");
  CHECK(fs::exists(dir / "out/t.pdf"));
  for (const auto& e : fs::directory_iterator(dir / "out"))
    CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
  CHECK(run_pack(dir).out.find(" 0 built") != std::string::npos);
}

TEST_CASE("two ptbrief pack runs on one folder: the second waits, neither corrupts it") {
  auto dir = make_pack("concurrent");
  pid_t first = spawn_ptbrief(dir, "20");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto second = run_pack(dir);  // starts while the first holds the lock
  int status = 0;
  ::waitpid(first, &status, 0);
  CHECK((WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 3)));
  CHECK(ok(second));
  CHECK(second.err.find("waiting for another 'ptbrief pack'") != std::string::npos);
  CHECK(second.out.find(" 0 built") != std::string::npos);
  check_pdfs(dir / "out");
}

TEST_CASE("ptbrief pack with SOURCE_DATE_EPOCH builds byte-identical PDFs") {
  auto a = make_pack("repro-a");
  auto b = make_pack("repro-b");
  std::vector<std::string> env = {"SOURCE_DATE_EPOCH=1758500000"};
  REQUIRE(ok(run_pack(a, {"--jobs", "2"}, env)));
  REQUIRE(ok(run_pack(b, {"--jobs", "1"}, env)));
  for (const auto& name : pdfs(a / "out")) {
    INFO(name);
    CHECK(read_file(a / "out" / name) == read_file(b / "out" / name));
  }
}

TEST_CASE("ptbrief pack reports a bad pack file with its JSON path and hint, exit 2") {
  auto dir = test::scratch_dir("cli-pack-bad");
  test::put(dir / "pack.json", R"({"name": "t", "output": "out", "layout": "briefing",
    "briefs": ["all park"]})");
  auto r = run_pack(dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("pack.json") != std::string::npos);
  CHECK(r.err.find("$.briefs[0]") != std::string::npos);
  CHECK(r.err.find("hint: write \"all parks\"") != std::string::npos);
  auto usage = test::run_ptbrief({"pack", "all", "--jobs", "0"});
  CHECK(usage.exit_code == 2);
  CHECK(usage.err.find("--jobs takes a number") != std::string::npos);
}

TEST_CASE("ptbrief pack --font-dir: the folder's face is embedded, a changed folder rebuilds") {
  // A copy of an installed face in a fonts folder, named by its Chinese family name in a
  // layout: the folder's copy wins over the system's, so the manifest records its path.
  fs::path dir = test::scratch_dir("cli-pack-font-dir");
  fs::copy(test::corpus_dir(), dir / "corpus");
  fs::create_directories(dir / "fonts");
  fs::copy_file("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
                dir / "fonts" / "gbsn00lp.ttf");
  test::put(dir / "sung.json", R"({"extends": "gongwen", "font_families": {
    "fangsong": ["文鼎ＰＬ简报宋", "Noto Serif CJK SC:Regular"]}})");
  test::put(dir / "pack.json", R"({"name": "t", "corpus": "corpus", "output": "out",
    "layout": ")" + (dir / "sung.json").string() + R"(", "briefs": [{"park": "南通高新区"}]})");
  const fs::path font = dir / "fonts" / "gbsn00lp.ttf";

  auto r = run_pack(dir, {"--font-dir", (dir / "fonts").string()});
  INFO(r.err);
  REQUIRE(ok(r));
  CHECK(r.err.find("(role title)") != std::string::npos);       // 方正小标宋 is nowhere
  CHECK(r.err.find("(role fangsong)") == std::string::npos);    // 文鼎ＰＬ简报宋 was found
  auto m = nlohmann::json::parse(read_file(dir / "out" / pack::kManifestName));
  REQUIRE(m.at("briefs").size() == 1);
  const auto files = m.at("briefs").begin()->at("font_files").get<std::vector<std::string>>();
  CHECK(std::find(files.begin(), files.end(), font.string()) != files.end());
  const auto pdf = dir / "out" / m.at("briefs").begin().key();
  const auto fonts = test::run_shell("pdffonts '" + pdf.string() + "'");
  CHECK(fonts.out.find("BousungEG-Light-GB") != std::string::npos);

  CHECK(built(run_pack(dir, {"--font-dir", (dir / "fonts").string()})).empty());  // up to date
  auto without = run_pack(dir);  // the folder no longer named: rebuilt from the system's copy
  CHECK(built(without).size() == 1);
  auto m2 = nlohmann::json::parse(read_file(dir / "out" / pack::kManifestName));
  const auto files2 = m2.at("briefs").begin()->at("font_files").get<std::vector<std::string>>();
  CHECK(std::find(files2.begin(), files2.end(), font.string()) == files2.end());
  // The stand-in note, once.
  const auto note = without.err.find("first-choice fonts not installed");
  CHECK(note != std::string::npos);
  CHECK(without.err.find("first-choice fonts not installed", note + 1) == std::string::npos);

  auto missing = run_pack(dir, {"--font-dir", (dir / "no fonts").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no fonts") != std::string::npos);
}
