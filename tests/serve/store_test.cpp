// corrections.json as the page writes it, and article files dropped onto the page.
#include <catch2/catch.hpp>

#include <fstream>

#include "base/diagnostic.h"
#include "serve/corpus_files.h"
#include "serve/corrections_store.h"
#include "serve/serve_support.h"
#include "serve/upload.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;
using serve::Json;

namespace {

/// The diagnostic `f` throws (fails the test when it throws none).
template <typename F>
Diagnostic thrown(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.diagnostic();
  }
  FAIL("no ptbrief::Error thrown");
  return {};
}

const char* kFile = "a01_kaifaqu_county.txt";

}  // namespace

TEST_CASE("a merged drop is written in the corrections format with who and when") {
  const fs::path corpus = test::made_up_corpus("serve-store-merge", {kFile});
  serve::CorrectionsStore store(corpus);
  const Json out = store.merge(Json::parse(R"({"drop": [{"file": "a01_kaifaqu_county.txt", "quote": "142家"}]})"),
                               "李明", "2026-12-01T10:00:00Z");
  const Json file = Json::parse(test::slurp(corpus / "corrections.json"));
  CHECK(file == out);
  REQUIRE(file["drop"].size() == 1);
  CHECK(file["drop"][0]["file"] == kFile);
  CHECK(file["drop"][0]["quote"] == "142家");
  CHECK(file["drop"][0]["by"] == "李明");
  CHECK(file["drop"][0]["at"] == "2026-12-01T10:00:00Z");
  CHECK(file["fix"].empty());
}

TEST_CASE("a fix of the same item replaces the old one, other entries and hand edits stay") {
  const fs::path corpus = test::made_up_corpus("serve-store-replace", {kFile});
  {
    std::ofstream(corpus / "corrections.json") << R"({"drop": [{"file": "a01_kaifaqu_county.txt", "quote": "8600余家", "note": "by hand"}], "note": "kept"})";
  }
  serve::CorrectionsStore store(corpus);
  const Json fix1 = Json::parse(R"({"fix": [{"file": "a01_kaifaqu_county.txt", "quote": "组建产业链党委3个", "set": {"subject": "产业链党委"}}]})");
  const Json fix2 = Json::parse(R"({"fix": [{"file": "a01_kaifaqu_county.txt", "quote": "组建产业链党委3个", "set": {"subject": "链党委", "value": 3}}]})");
  store.merge(fix1, "", "2026-12-01T10:00:00Z");
  const Json out = store.merge(fix2, "王芳", "2026-12-01T10:01:00Z");
  REQUIRE(out["fix"].size() == 1);
  CHECK(out["fix"][0]["set"]["subject"] == "链党委");
  CHECK(out["fix"][0]["by"] == "王芳");
  CHECK(out["drop"][0]["note"] == "by hand");
  CHECK(out["note"] == "kept");
}

TEST_CASE("undo removes exactly the entries with the same identity") {
  const fs::path corpus = test::made_up_corpus("serve-store-undo", {kFile});
  serve::CorrectionsStore store(corpus);
  store.merge(Json::parse(R"({"drop": [{"file": "a01_kaifaqu_county.txt", "quote": "142家"},
                                       {"file": "a01_kaifaqu_county.txt", "quote": "57个"}],
                              "add": [{"type": "practice", "file": "a01_kaifaqu_county.txt", "quote": "红色引擎", "park": "昆山开发区", "name": "红色引擎"}]})"),
              "", "2026-12-01T10:00:00Z");
  const Json out = store.remove(Json::parse(R"({"drop": [{"file": "a01_kaifaqu_county.txt", "quote": "142家"}],
                                                "add": [{"type": "practice", "file": "a01_kaifaqu_county.txt", "quote": "红色引擎"}]})"));
  REQUIRE(out["drop"].size() == 1);
  CHECK(out["drop"][0]["quote"] == "57个");
  CHECK(out["add"].empty());
  CHECK(Json::parse(test::slurp(corpus / "corrections.json")) == out);
}

TEST_CASE("a posted correction with a bad field is refused with its JSON path") {
  const fs::path corpus = test::made_up_corpus("serve-store-bad", {kFile});
  serve::CorrectionsStore store(corpus);
  auto path_of = [&](const char* body) {
    return thrown([&] { store.merge(Json::parse(body), "", "t"); }).json_path;
  };
  CHECK(path_of(R"({"drop": [{"file": "a01_kaifaqu_county.txt"}]})") == "$.drop[0].quote");
  CHECK(path_of(R"({"drop": [{"file": "../../etc/passwd.txt", "quote": "x"}]})") == "$.drop[0].file");
  CHECK(path_of(R"({"drop": [{"file": "missing.txt", "quote": "x"}]})") == "$.drop[0].file");
  CHECK(path_of(R"({"fix": [{"file": "a01_kaifaqu_county.txt", "quote": "x", "set": {"colour": "red"}}]})") == "$.fix[0].set.colour");
  CHECK(path_of(R"({"fix": [{"file": "a01_kaifaqu_county.txt", "quote": "x", "set": {"value": "3"}}]})") == "$.fix[0].set.value");
  CHECK(path_of(R"({"add": [{"type": "photo", "file": "a01_kaifaqu_county.txt", "quote": "x", "park": "p"}]})") == "$.add[0].type");
  CHECK(path_of(R"({"remove": []})") == "$.remove");
  CHECK(!fs::exists(corpus / "corrections.json"));  // nothing written
}

TEST_CASE("file names from the page never leave the corpus folder") {
  const fs::path corpus = test::made_up_corpus("serve-names", {kFile});
  for (const char* name : {"../x.txt", "/etc/passwd", "sub/x.txt", "..", ".hidden.txt", "x.exe",
                           "a\\b.txt", ""}) {
    INFO(name);
    CHECK(thrown([&] { serve::corpus_file(corpus, name, false); }).code == "serve.bad_file_name");
  }
  CHECK(serve::corpus_file(corpus, kFile, true) == corpus / kFile);
  fs::create_symlink("/etc/hostname", corpus / "link.txt");
  CHECK(thrown([&] { serve::corpus_file(corpus, "link.txt", true); }).code == "serve.no_such_file");
}

TEST_CASE("a dropped article in UTF-8, UTF-16 or GB18030 is added, a bad one is refused by name") {
  const fs::path corpus = test::made_up_corpus("serve-upload", {});
  const std::string text = "测试高新区召开党建工作会议\n\n本报讯 测试高新区今年新建党组织12个，覆盖企业300家。\n";
  const Json r = serve::add_article(corpus, "新文章.txt", text);
  CHECK(r["encoding"] == "UTF-8");
  CHECK(r["articles"] == 1);
  CHECK(test::slurp(corpus / "新文章.txt") == text);
  // UTF-16LE with BOM: 测试 = 6D4B 8BD5.
  const std::string utf16 = std::string("\xFF\xFE\x4B\x6D\xD5\x8B\x0A\x00", 8);
  CHECK(serve::add_article(corpus, "utf16.txt", utf16)["encoding"] == "UTF-16LE");
  // GB18030 for 测试高新区党建工作 (the ingest accepts it when mostly Chinese).
  const std::string gb = "\xB2\xE2\xCA\xD4\xB8\xDF\xD0\xC2\xC7\xF8\xB5\xB3\xBD\xA8\xB9\xA4\xD7\xF7\n";
  CHECK(serve::add_article(corpus, "gb.txt", gb)["encoding"] == "GB18030");

  const Diagnostic binary = thrown([&] { serve::add_article(corpus, "bad.txt", std::string("ab\0\x01\x02", 5)); });
  CHECK(binary.file.find("bad.txt") != std::string::npos);
  CHECK(!fs::exists(corpus / "bad.txt"));
  CHECK(thrown([&] { serve::add_article(corpus, "新文章.txt", text); }).code == "serve.file_exists");
  CHECK(thrown([&] { serve::add_article(corpus, "../escape.txt", text); }).code == "serve.bad_file_name");
  CHECK(!fs::exists(corpus.parent_path() / "escape.txt"));
}
