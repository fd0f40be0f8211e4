// Hostile article input: damaged UTF-8 is named, never guessed away; long runs stay linear.
#include <catch2/catch.hpp>
#include <chrono>

#include "ingest/segment.h"
#include "ingest_test_support.h"

using namespace ptbrief;
using namespace ptbrief::ingest;

namespace {

Diagnostic refusal(const std::string& raw) {
  try {
    test::run(raw);
  } catch (const Error& e) {
    return e.diagnostic();
  }
  FAIL("no error");
  return {};
}

}  // namespace

TEST_CASE("UTF-8 with one stray byte is refused as UTF-8 naming the byte, not read as GB18030",
          "[ingest][decode]") {
  const std::string text = "本报讯 园区召开党建工作推进会，部署下一阶段重点任务。会议强调要抓好落实。\n";
  for (const char* stray : {"\x80", "\xB0", "\xFF", "\xC0\xAF"}) {
    std::string raw = text;
    raw.insert(13, stray);  // after "本报讯 园"
    const Diagnostic d = refusal(raw);
    CHECK(d.code == "ingest.undecodable");
    CHECK(d.offset == 13);
    CHECK(d.message.find("UTF-8") != std::string::npos);
    CHECK(d.message.find("byte offset 13") != std::string::npos);
    CHECK(d.file == "t.txt");
  }
}

TEST_CASE("GB18030 is only taken with evidence of Chinese text", "[ingest][decode]") {
  // E9 41 is a valid GB18030 pair (one Han character), but one character is no evidence.
  const Diagnostic d = refusal("Caf\xE9" "A is a Latin-1 word\n");
  CHECK(d.code == "ingest.undecodable");
  CHECK(d.offset == 3);
  // A real GB18030 article still decodes.
  const auto articles = test::run(test::encode("本报讯 园区召开党建工作推进会，部署重点任务。\n", "GB18030"));
  CHECK(articles.size() == 1);
}

TEST_CASE("derive_title is linear in a long leading run of punctuation", "[ingest][repair]") {
  // A million leading commas: erasing them one at a time from the front moves ~10^12 bytes
  // (many minutes); one erase takes milliseconds. The bound is generous on purpose.
  Text t;
  for (int i = 0; i < 1000000; ++i) t.push_back({U'，', 0, 0});
  for (char32_t c : from_utf8("园区召开大会。")) t.push_back({c, 0, 0});
  const auto start = std::chrono::steady_clock::now();
  CHECK(derive_title(t) == "园区召开大会");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}
