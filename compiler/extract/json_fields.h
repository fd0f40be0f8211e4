// json_fields: typed, path-checked access to the members of a JSON document read with
// base/json_reader.h, for the facts file and the corrections file. Private to compiler/extract/.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_reader.h"

namespace ptbrief::extract::fields {

/// Throws ptbrief::Error code "<kind>.invalid" at `at`'s line:column with JSON path `path`.
[[noreturn]] void fail_at(std::string_view kind, const json::Value& at, const std::string& path,
                          std::string message, std::string hint);

/// The checks one document needs; `kind` ("facts", "corrections") prefixes error codes.
class Checker {
 public:
  explicit Checker(std::string_view kind) : kind_(kind) {}

  /// `v` must be an object whose keys are all in `allowed` (an unknown key: did you mean).
  void object(const json::Value& v, const std::string& path,
              std::initializer_list<std::string_view> allowed) const;
  /// `v` must be an array.
  void array(const json::Value& v, const std::string& path) const;
  /// Member `key` as a string; nullopt when absent (an error when `required`). Empty strings
  /// are refused when `nonempty`.
  std::optional<std::string> string(const json::Value& obj, const std::string& path,
                                    std::string_view key, bool required,
                                    bool nonempty = true) const;
  /// Member `key` as a finite number; nullopt when absent (an error when `required`).
  std::optional<double> number(const json::Value& obj, const std::string& path,
                               std::string_view key, bool required) const;
  /// Member `key` as a whole number ≥ 0 below 2^53 (byte offsets, indexes).
  std::optional<std::size_t> index(const json::Value& obj, const std::string& path,
                                   std::string_view key, bool required) const;
  /// Member `key` as a boolean; nullopt when absent.
  std::optional<bool> boolean(const json::Value& obj, const std::string& path,
                              std::string_view key) const;
  /// Member `key` as an array of strings; empty when absent.
  std::vector<std::string> strings(const json::Value& obj, const std::string& path,
                                   std::string_view key) const;
  /// Member `key`, which must be one of `choices`; nullopt when absent.
  std::optional<std::string> choice(const json::Value& obj, const std::string& path,
                                    std::string_view key,
                                    std::initializer_list<std::string_view> choices) const;
  [[noreturn]] void fail(const json::Value& at, const std::string& path, std::string message,
                         std::string hint) const {
    fail_at(kind_, at, path, std::move(message), std::move(hint));
  }

 private:
  std::string kind_;
};

/// "$.figures[3]" from "$.figures" and 3; "$.a.b" from "$.a" and "b".
std::string item_path(const std::string& path, std::size_t i);
std::string member_path(const std::string& path, std::string_view key);

/// The number as a figure's value is written: shortest round-trip decimal, no exponent for
/// ordinary magnitudes ("3", "11.66", "0.5").
std::string value_text(double x);

}  // namespace ptbrief::extract::fields
