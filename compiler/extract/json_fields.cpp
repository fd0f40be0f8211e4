// json_fields: typed, path-checked member access for the facts and corrections files.
#include "extract/json_fields.h"

#include <charconv>
#include <cmath>

#include "base/diagnostic.h"
#include "base/suggest.h"

namespace ptbrief::extract::fields {

using Type = json::Value::Type;

void fail_at(std::string_view kind, const json::Value& at, const std::string& path,
             std::string message, std::string hint) {
  Diagnostic d;
  d.code = std::string(kind) + ".invalid";
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.file = at.pos.file ? *at.pos.file : std::string();
  d.line = at.pos.line;
  d.column = at.pos.column;
  d.offset = static_cast<long long>(at.pos.offset);
  d.json_path = path;
  throw Error(d);
}

std::string item_path(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::string member_path(const std::string& path, std::string_view key) {
  return path + "." + std::string(key);
}

void Checker::object(const json::Value& v, const std::string& path,
                     std::initializer_list<std::string_view> allowed) const {
  if (v.type != Type::Object)
    fail(v, path, "expected an object, found " + std::string(json::type_name(v.type)),
         "write {\"key\": value, …} here");
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (std::size_t i = 0; i < v.members.size(); ++i) {
    const std::string& key = v.members[i].key;
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (known) continue;
    const auto near = nearest_names(key, names);
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    fail(v.members[i].value, member_path(path, key), "unknown key '" + key + "'",
         (near.empty() ? "" : "did you mean '" + near.front() + "'? ") + "allowed here: " + list);
  }
}

void Checker::array(const json::Value& v, const std::string& path) const {
  if (v.type != Type::Array)
    fail(v, path, "expected an array, found " + std::string(json::type_name(v.type)),
         "write [ … ] here");
}

namespace {
const json::Value* member(const Checker& c, const json::Value& obj, const std::string& path,
                          std::string_view key, bool required, Type type, const char* hint) {
  const json::Value* v = obj.find(key);
  if (!v) {
    if (required) c.fail(obj, path, "missing key '" + std::string(key) + "'", hint);
    return nullptr;
  }
  if (v->type != type)
    c.fail(*v, member_path(path, key),
           "expected " + std::string(json::type_name(type)) + ", found " +
               std::string(json::type_name(v->type)),
           hint);
  return v;
}
}  // namespace

std::optional<std::string> Checker::string(const json::Value& obj, const std::string& path,
                                           std::string_view key, bool required,
                                           bool nonempty) const {
  const auto* v = member(*this, obj, path, key, required, Type::String,
                         "write a string in double quotes");
  if (!v) return std::nullopt;
  if (nonempty && v->string.empty())
    fail(*v, member_path(path, key), "'" + std::string(key) + "' is empty", "write its text");
  return v->string;
}

std::optional<double> Checker::number(const json::Value& obj, const std::string& path,
                                      std::string_view key, bool required) const {
  const auto* v = member(*this, obj, path, key, required, Type::Number, "write a number, e.g. 12");
  if (!v) return std::nullopt;
  if (!std::isfinite(v->number))
    fail(*v, member_path(path, key), "number out of range", "write an ordinary number");
  return v->number;
}

std::optional<std::size_t> Checker::index(const json::Value& obj, const std::string& path,
                                          std::string_view key, bool required) const {
  auto x = number(obj, path, key, required);
  if (!x) return std::nullopt;
  if (*x < 0 || *x >= 9007199254740992.0 || std::floor(*x) != *x)
    fail(*obj.find(key), member_path(path, key), "expected a whole number from 0",
         "write a byte offset or index, e.g. 120");
  return static_cast<std::size_t>(*x);
}

std::optional<bool> Checker::boolean(const json::Value& obj, const std::string& path,
                                     std::string_view key) const {
  const auto* v = member(*this, obj, path, key, false, Type::Bool, "write true or false");
  if (!v) return std::nullopt;
  return v->boolean;
}

std::vector<std::string> Checker::strings(const json::Value& obj, const std::string& path,
                                          std::string_view key) const {
  std::vector<std::string> out;
  const auto* v = member(*this, obj, path, key, false, Type::Array,
                         "write a list of strings, e.g. [\"a\", \"b\"]");
  if (!v) return out;
  for (std::size_t i = 0; i < v->items.size(); ++i) {
    const auto& item = v->items[i];
    if (item.type != Type::String || item.string.empty())
      fail(item, item_path(member_path(path, key), i), "expected a non-empty string",
           "write each entry in double quotes");
    out.push_back(item.string);
  }
  return out;
}

std::optional<std::string> Checker::choice(const json::Value& obj, const std::string& path,
                                           std::string_view key,
                                           std::initializer_list<std::string_view> choices) const {
  auto s = string(obj, path, key, false);
  if (!s) return s;
  std::string list;
  for (auto c : choices) {
    if (c == *s) return s;
    list += (list.empty() ? "" : ", ") + std::string(c);
  }
  fail(*obj.find(key), member_path(path, key),
       "'" + *s + "' is not a " + std::string(key), "write one of: " + list);
}

std::string value_text(double x) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
  std::string fixed(buf, r.ptr);
  r = std::to_chars(buf, buf + sizeof buf, x);
  std::string shortest(buf, r.ptr);
  // to_chars(fixed) without precision is the shortest round trip in fixed notation.
  return fixed.size() <= 24 ? fixed : shortest;
}

}  // namespace ptbrief::extract::fields
