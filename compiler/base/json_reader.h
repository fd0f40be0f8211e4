// json_reader: a small JSON parser that remembers the line:column of every value and key, so
// errors in layout specs, facts files and corrections files can point at the exact place
// (nlohmann::json does not). Moved here from compose/ when extract needed it too.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ptbrief::json {

/// Where a value or key starts in its file. `line` and `column` are 1-based; the column counts
/// characters (code points), not bytes.
struct Position {
  std::shared_ptr<const std::string> file;  ///< path of the file as given to parse()
  std::size_t line = 0, column = 0;
  std::size_t offset = 0;                   ///< byte offset
};

struct Member;

/// One JSON value with its position. Objects keep their members in file order.
struct Value {
  enum class Type { Null, Bool, Number, String, Array, Object };
  Type type = Type::Null;
  bool boolean = false;
  double number = 0;
  std::string string;                                ///< String: decoded UTF-8
  std::vector<Value> items;                          ///< Array elements
  std::vector<Member> members;                       ///< Object members, file order
  std::vector<Position> key_positions;               ///< one per member: where its key starts
  Position pos;                                      ///< where this value starts

  /// The member named `key`, or nullptr.
  const Value* find(std::string_view key) const;
  /// The position of member `key`'s key, or this value's position when it is absent.
  const Position& key_position(std::string_view key) const;
};

/// One member of an object. A struct rather than std::pair: a pair of the still incomplete
/// Value cannot be instantiated inside Value by every standard library (clang 14's fuzz build).
struct Member {
  std::string key;
  Value value;
};

/// Lower-case JSON type name for messages: "object", "array", "string", "number", …
std::string_view type_name(Value::Type t);

/// Parses `text` (the whole content of `file`). Throws ptbrief::Error with code
/// "<kind>.json_syntax" naming file, line and column on malformed JSON, duplicate keys, nesting
/// deeper than limits::kMaxJsonDepth, or "<kind>.too_large" for input larger than
/// limits::kMaxJsonBytes. `kind` names the sort of file in codes and hints: "layout", "facts",
/// "corrections".
Value parse(std::string_view text, const std::string& file, std::string_view kind = "layout");

}  // namespace ptbrief::json
