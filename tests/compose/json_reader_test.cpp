// Tests of the position-tracking JSON reader used for layout specs.
#include <catch2/catch.hpp>

#include <chrono>

#include "base/diagnostic.h"
#include "compose/json_reader.h"

using ptbrief::compose::json::parse;
using ptbrief::compose::json::Value;

namespace {

ptbrief::Diagnostic parse_error(const std::string& text) {
  try {
    parse(text, "x.json");
  } catch (const ptbrief::Error& e) {
    return e.diagnostic();
  }
  FAIL("expected a parse error for: " << text);
  return {};
}

}  // namespace

TEST_CASE("json reader records line and column of values and keys", "[compose][json]") {
  const Value v = parse("{\n  \"a\": 1,\n  \"名称\": [true, \"x\"],\n\t\"b\": {\"c\": null}\n}", "f.json");
  REQUIRE(v.type == Value::Type::Object);
  CHECK(v.pos.line == 1);
  CHECK(v.pos.column == 1);
  CHECK(v.find("a")->pos.line == 2);
  CHECK(v.find("a")->pos.column == 8);
  CHECK(v.key_position("名称").line == 3);
  CHECK(v.key_position("名称").column == 3);
  // columns count characters, not bytes: "名称" is two characters
  const Value& arr = *v.find("名称");
  CHECK(arr.pos.column == 9);
  CHECK(arr.items.at(1).pos.column == 16);
  CHECK(v.find("b")->find("c")->pos.line == 4);
  CHECK(*v.find("b")->find("c")->pos.file == "f.json");
}

TEST_CASE("json reader decodes strings, escapes and numbers", "[compose][json]") {
  const Value v = parse(R"({"s": "a\"b\u4e2d\ud83d\ude00", "n": -12.5e1, "z": 0})", "f.json");
  CHECK(v.find("s")->string == "a\"b中😀");
  CHECK(v.find("n")->number == -125);
  CHECK(v.find("z")->number == 0);
}

TEST_CASE("json reader reports the position of a syntax error", "[compose][json]") {
  const auto d = parse_error("{\n  \"a\": 1,\n  \"b\": tru\n}");
  CHECK(d.code == "layout.json_syntax");
  CHECK(d.file == "x.json");
  CHECK(d.line == 3);
  CHECK(d.column == 8);
  CHECK_FALSE(d.hint.empty());
}

TEST_CASE("json reader rejects trailing commas, duplicates and truncation", "[compose][json]") {
  CHECK(parse_error("{\"a\": 1,}").column == 9);
  const auto dup = parse_error("{\"a\": 1, \"a\": 2}");
  CHECK(dup.message.find("duplicate key 'a'") != std::string::npos);
  CHECK(dup.column == 10);
  CHECK(parse_error("[1, 2").message.find("expected") != std::string::npos);
  CHECK(parse_error("\"abc").message.find("unterminated") != std::string::npos);
  CHECK(parse_error("{} x").line == 1);
  CHECK(parse_error("01").message.find("unexpected text") != std::string::npos);
}

TEST_CASE("json reader refuses nesting deeper than the limit", "[compose][json]") {
  const std::string deep = std::string(200, '[') + std::string(200, ']');
  CHECK(parse_error(deep).message.find("nested too deeply") != std::string::npos);
}

TEST_CASE("json reader refuses invalid UTF-8 naming its line and column", "[compose][json]") {
  // F4 90 80 80 would be U+110000; ED A0 80 is a surrogate; C0 AF an overlong '/'.
  for (std::string bad : {"\xF4\x90\x80\x80", "\xED\xA0\x80", "\xC0\xAF"}) {
    const auto d = parse_error("{\n  \"名\": \"ab" + bad + "\"\n}");
    CHECK(d.code == "layout.json_syntax");
    CHECK(d.message.find("invalid UTF-8") != std::string::npos);
    CHECK(d.file == "x.json");
    CHECK(d.line == 2);
    CHECK(d.column == 11);
    CHECK_FALSE(d.hint.empty());
  }
}

TEST_CASE("json reader checks duplicate keys in linear time", "[compose][json]") {
  // 150,000 members: a quadratic duplicate check makes ~10^10 comparisons (minutes); a linear
  // one takes well under a second. The bound is generous on purpose.
  std::string text = "{";
  for (int i = 0; i < 150000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  text += "}";
  const auto start = std::chrono::steady_clock::now();
  const Value v = parse(text, "big.json");
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(v.members.size() == 150000);
  CHECK(took < std::chrono::seconds(20));
}
