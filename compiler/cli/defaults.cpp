// Per-corpus defaults for `ptbrief make`: reading and checking ptbrief.json.
#include "cli/defaults.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/limits.h"
#include "base/suggest.h"

namespace ptbrief::cli {
namespace {

using Json = nlohmann::json;

/// An input error at `json_path` of the defaults file.
[[noreturn]] void bad_defaults(const std::filesystem::path& file, const std::string& json_path,
                               const std::string& message, const std::string& hint) {
  Diagnostic d;
  d.code = "cli.bad_defaults";
  d.file = file.string();
  d.json_path = json_path;
  d.message = message;
  d.hint = hint;
  throw Error(d);
}

/// A scalar as option text: strings as they are, whole numbers and booleans in JSON.
std::string option_text(const Json& v, const std::filesystem::path& file, const std::string& at) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_boolean()) return v.dump();
  bad_defaults(file, at, tr("expected a string or a whole number"),
               tr("write e.g. \"issue\": 12 or \"date\": \"2025-09-22\""));
}

}  // namespace

void apply_corpus_defaults(Invocation& inv, const std::filesystem::path& corpus) {
  const std::filesystem::path file = corpus / "ptbrief.json";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return;
  const std::string text = read_file(file);
  if (text.size() > limits::kMaxJsonBytes)
    bad_defaults(file, "$", tr("the file is too large"), tr("a defaults file is a few lines"));
  const Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    bad_defaults(file, "$", tr("not a JSON object"),
                 tr("write e.g. {\"layout\": \"gongwen\", \"issue\": 12}"));

  static const std::vector<std::string> keys = {"layout", "issue", "date", "set"};
  for (const auto& [key, value] : j.items()) {
    const std::string at = "$." + key;
    if (key == "set") {
      if (!value.is_object())
        bad_defaults(file, at, tr("expected an object of layout fields"),
                     tr("write e.g. \"set\": {\"masthead.publisher\": \"…\"}"));
      std::vector<std::string> sets;
      for (const auto& [field, v] : value.items())
        sets.push_back(field + "=" + option_text(v, file, at + "." + field));
      auto& given = inv.lists["set"];
      given.insert(given.begin(), sets.begin(), sets.end());  // the command line's come last
    } else if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
      if (!inv.values.count(key)) inv.values[key] = option_text(value, file, at);
    } else {
      const auto near = nearest_names(key, keys);
      bad_defaults(file, at, trf("unknown key '{1}'", {key}),
                   (near.empty() ? "" : trf("did you mean {1}? ", {"'" + near.front() + "'"})) +
                       tr("allowed keys: layout, issue, date, set"));
    }
  }
}

}  // namespace ptbrief::cli
