// json_reader: recursive-descent JSON (RFC 8259) with line:column tracking.
#include "base/json_reader.h"

#include <charconv>
#include <cstdint>
#include <unordered_set>

#include "base/diagnostic.h"
#include "base/limits.h"
#include "base/utf8.h"

namespace ptbrief::json {

const Value* Value::find(std::string_view key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

const Position& Value::key_position(std::string_view key) const {
  for (std::size_t i = 0; i < members.size(); ++i)
    if (members[i].key == key) return key_positions.at(i);
  return pos;
}

std::string_view type_name(Value::Type t) {
  switch (t) {
    case Value::Type::Null: return "null";
    case Value::Type::Bool: return "boolean";
    case Value::Type::Number: return "number";
    case Value::Type::String: return "string";
    case Value::Type::Array: return "array";
    case Value::Type::Object: return "object";
  }
  return "?";
}

namespace {

/// The parser state: the text, the cursor and its line:column.
class Reader {
 public:
  Reader(std::string_view text, const std::string& file, std::string_view kind)
      : text_(text), file_(std::make_shared<const std::string>(file)), kind_(kind) {}

  Value document() {
    if (auto bad = find_invalid_utf8(text_)) {
      while (at_ < *bad) advance();
      error("invalid UTF-8 (byte offset " + std::to_string(*bad) + ")",
            "save the file as UTF-8; the " + std::string(kind_) + " reader accepts nothing else");
    }
    skip_space();
    Value v = value(0);
    skip_space();
    if (at_ < text_.size()) error("unexpected text after the JSON value", "remove it");
    return v;
  }

 private:
  std::string_view text_;
  std::shared_ptr<const std::string> file_;
  std::string_view kind_;  ///< "layout", "facts", … for codes and hints
  std::size_t at_ = 0, line_ = 1, column_ = 1;

  Position here() const { return Position{file_, line_, column_, at_}; }

  [[noreturn]] void error(const std::string& message, const std::string& hint) const {
    Diagnostic d;
    d.code = std::string(kind_) + ".json_syntax";
    d.message = message;
    d.hint = hint;
    d.file = *file_;
    d.line = line_;
    d.column = column_;
    d.offset = static_cast<long long>(at_);
    throw Error(d);
  }

  /// Advances one character (the whole UTF-8 sequence), keeping line and column.
  void advance() {
    if (text_[at_] == '\n') {
      ++at_;
      ++line_;
      column_ = 1;
    } else {
      decode_utf8(text_, at_);
      ++column_;
    }
  }

  bool done() const { return at_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[at_]; }

  void skip_space() {
    while (!done() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
      advance();
  }

  void expect(char c, const char* what) {
    if (peek() != c) error(std::string("expected ") + what, "check the JSON syntax here");
    advance();
  }

  Value value(int depth) {
    if (depth > limits::kMaxJsonDepth)
      error("JSON nested too deeply", "nest at most " + std::to_string(limits::kMaxJsonDepth) + " levels");
    Value v;
    v.pos = here();
    switch (peek()) {
      case '{': object(v, depth); break;
      case '[': array(v, depth); break;
      case '"': v.type = Value::Type::String; v.string = string(); break;
      case 't': literal("true"); v.type = Value::Type::Bool; v.boolean = true; break;
      case 'f': literal("false"); v.type = Value::Type::Bool; break;
      case 'n': literal("null"); break;
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
          v.type = Value::Type::Number;
          v.number = number();
        } else if (done()) {
          error("unexpected end of file, expected a value", "the file is truncated");
        } else {
          error("expected a value (object, array, string, number, true, false or null)",
                "strings need double quotes");
        }
    }
    return v;
  }

  void literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word)
      error("invalid literal", "did you mean true, false or null?");
    for (std::size_t i = 0; i < word.size(); ++i) advance();
  }

  void object(Value& v, int depth) {
    v.type = Value::Type::Object;
    advance();  // {
    skip_space();
    if (peek() == '}') return advance();
    std::unordered_set<std::string> keys;  // the duplicate check stays linear in the members
    for (;;) {
      skip_space();
      if (peek() != '"') error("expected a key in double quotes", "JSON keys are quoted strings; no trailing commas");
      Position key_pos = here();
      std::string key = string();
      if (!keys.insert(key).second) {
        line_ = key_pos.line;
        column_ = key_pos.column;
        at_ = key_pos.offset;
        error("duplicate key '" + key + "'", "each key may appear once in an object");
      }
      skip_space();
      expect(':', "':' after the key");
      skip_space();
      Value member = value(depth + 1);
      v.members.push_back({std::move(key), std::move(member)});
      v.key_positions.push_back(std::move(key_pos));
      skip_space();
      if (peek() == ',') { advance(); continue; }
      expect('}', "',' or '}' in the object");
      return;
    }
  }

  void array(Value& v, int depth) {
    v.type = Value::Type::Array;
    advance();  // [
    skip_space();
    if (peek() == ']') return advance();
    for (;;) {
      skip_space();
      v.items.push_back(value(depth + 1));
      skip_space();
      if (peek() == ',') { advance(); continue; }
      expect(']', "',' or ']' in the array");
      return;
    }
  }

  double number() {
    const std::size_t start = at_;
    if (peek() == '-') advance();
    if (peek() == '0') {
      advance();
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') advance();
    } else {
      error("invalid number", "write numbers like 12, 10.5 or -3");
    }
    if (peek() == '.') {
      advance();
      if (!(peek() >= '0' && peek() <= '9')) error("invalid number: digits must follow '.'", "write 10.5, not 10.");
      while (peek() >= '0' && peek() <= '9') advance();
    }
    if (peek() == 'e' || peek() == 'E') {
      advance();
      if (peek() == '+' || peek() == '-') advance();
      if (!(peek() >= '0' && peek() <= '9')) error("invalid number exponent", "write 1e3");
      while (peek() >= '0' && peek() <= '9') advance();
    }
    double out = 0;
    const auto* first = text_.data() + start;
    auto [ptr, ec] = std::from_chars(first, text_.data() + at_, out);
    if (ec != std::errc() || ptr != text_.data() + at_) error("number out of range", "use a smaller number");
    return out;
  }

  unsigned hex4() {
    unsigned cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = peek();
      unsigned d = 0;
      if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
      else error("invalid \\u escape", "write \\u followed by four hex digits");
      cp = cp * 16 + d;
      advance();
    }
    return cp;
  }


  void escape(std::string& out) {
    advance();  // backslash
    const char c = peek();
    switch (c) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        advance();
        std::uint32_t cp = hex4();
        if (cp >= 0xD800 && cp < 0xDC00) {
          if (peek() != '\\') error("unpaired surrogate in \\u escape", "write the pair \\uD8xx\\uDCxx");
          advance();
          if (peek() != 'u') error("unpaired surrogate in \\u escape", "write the pair \\uD8xx\\uDCxx");
          advance();
          const std::uint32_t lo = hex4();
          if (lo < 0xDC00 || lo > 0xDFFF) error("invalid low surrogate", "write the pair \\uD8xx\\uDCxx");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          error("unpaired low surrogate in \\u escape", "write the pair \\uD8xx\\uDCxx");
        }
        append_utf8(out, cp);
        return;
      }
      default: error("invalid escape in string", "valid escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
    }
    advance();
  }

  std::string string() {
    advance();  // opening quote
    std::string out;
    for (;;) {
      if (done()) error("unterminated string", "close the string with '\"'");
      const char c = peek();
      if (c == '"') { advance(); return out; }
      if (c == '\\') { escape(out); continue; }
      if (static_cast<unsigned char>(c) < 0x20) error("control character in string", "write \\n or \\t instead");
      const std::size_t begin = at_;
      advance();
      out.append(text_.substr(begin, at_ - begin));
    }
  }
};

}  // namespace

Value parse(std::string_view text, const std::string& file, std::string_view kind) {
  if (text.size() > limits::kMaxJsonBytes)
    fail(std::string(kind) + ".too_large", "JSON file is larger than the " +
                                 std::to_string(limits::kMaxJsonBytes >> 20) + " MiB limit",
         "check that this is the right file", file);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return Reader(text, file, kind).document();
}

}  // namespace ptbrief::json
