// Pack files: finding briefs/<name>.json and validating it into a PackSpec.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
#include "base/limits.h"
#include "base/paths.h"
#include "pack/pack.h"

namespace ptbrief::pack {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kFormatHint = "see briefs/README.md for the pack file format";

/// Throws an input error located at `json_path` of `file`.
[[noreturn]] void bad(const fs::path& file, const std::string& json_path, std::string message,
                      std::string hint = kFormatHint) {
  Diagnostic d;
  d.code = "pack.invalid";
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.file = file.string();
  d.json_path = json_path;
  throw Error(d);
}

/// The string at `key` of `obj`, or "" when absent; anything else than a string is an error.
std::string string_field(const fs::path& file, const json& obj, const std::string& key,
                         const std::string& path, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) bad(file, path, "missing required field \"" + key + "\"");
    return {};
  }
  if (!it->is_string() || it->get_ref<const std::string&>().empty())
    bad(file, path + "." + key, "\"" + key + "\" must be a non-empty string");
  return it->get<std::string>();
}

void reject_unknown_keys(const fs::path& file, const json& obj, const std::string& path,
                         std::initializer_list<const char*> allowed) {
  for (const auto& item : obj.items()) {
    const std::string& key = item.key();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      bad(file, path + "." + key, "unknown field \"" + key + "\"", "allowed here: " + list);
    }
  }
}

/// A name that becomes part of a file name must not climb out of the output folder.
void check_file_name(const fs::path& file, const std::string& path, const std::string& name) {
  if (!is_plain_file_name(name))
    bad(file, path, "\"" + name + "\" cannot be used as a file name",
        "use a plain name without '/' that does not start with '.'");
}

BriefSelector parse_selector(const fs::path& file, const json& entry, const std::string& path) {
  BriefSelector s;
  s.json_path = path;
  if (entry.is_string()) {
    const auto& word = entry.get_ref<const std::string&>();
    if (word == "all parks") s.kind = BriefSelector::Kind::AllParks;
    else if (word == "all topics") s.kind = BriefSelector::Kind::AllTopics;
    else
      bad(file, path, "unknown brief selector \"" + word + "\"",
          "write \"all parks\", \"all topics\", {\"park\": NAME} or {\"topic\": ID}");
    return s;
  }
  if (!entry.is_object())
    bad(file, path, "a brief must be a string or an object",
        "write \"all parks\", \"all topics\", {\"park\": NAME} or {\"topic\": ID}");
  reject_unknown_keys(file, entry, path, {"park", "topic", "layout"});
  bool park = entry.contains("park"), topic = entry.contains("topic");
  if (park == topic)
    bad(file, path, "a brief names exactly one of \"park\" or \"topic\"",
        "write {\"park\": \"南通高新区\"} or {\"topic\": \"产业链党建\"}");
  s.kind = park ? BriefSelector::Kind::Park : BriefSelector::Kind::Topic;
  s.name = string_field(file, entry, park ? "park" : "topic", path, true);
  check_file_name(file, path + (park ? ".park" : ".topic"), s.name);
  s.layout = string_field(file, entry, "layout", path, false);
  return s;
}

/// Thrown by the parser callback when the nesting passes limits::kMaxJsonDepth.
struct TooDeep {};

/// Parses `text` as JSON; a syntax error names the line and column. The nesting depth is
/// checked while parsing (nlohmann's parser is iterative), so no deep document is ever built.
json parse_json(const fs::path& file, const std::string& text) {
  // `depth` is the number of open containers around the event; a new one is one deeper.
  const json::parser_callback_t limit_depth = [](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        depth >= limits::kMaxJsonDepth)
      throw TooDeep{};
    return true;
  };
  try {
    return json::parse(text, limit_depth);
  } catch (const TooDeep&) {
    bad(file, "$", "pack file nests deeper than " + std::to_string(limits::kMaxJsonDepth) +
                       " levels", "pack files nest only a few levels");
  } catch (const json::parse_error& e) {
    Diagnostic d;
    d.code = "pack.syntax";
    d.message = std::string("not valid JSON: ") + e.what();
    d.hint = kFormatHint;
    d.file = file.string();
    d.offset = static_cast<long long>(e.byte);
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') line++, col = 1;
      else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) col++;
    }
    d.line = line;
    d.column = col;
    throw Error(d);
  }
}

}  // namespace

bool is_plain_file_name(std::string_view name) {
  return !name.empty() && name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos && name.front() != '.';
}

fs::path find_pack(const std::string& name_or_path) {
  fs::path given(name_or_path);
  std::error_code ec;
  if (given.has_parent_path() || given.extension() == ".json") {
    if (fs::is_regular_file(given, ec)) return given;
  }
  for (const fs::path& dir : {fs::current_path() / "briefs", project_root() / "briefs"}) {
    fs::path candidate = dir / (name_or_path + ".json");
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  std::string known;
  for (const auto& e : fs::directory_iterator(project_root() / "briefs", ec))
    if (e.path().extension() == ".json") known += " " + e.path().stem().string();
  fail("pack.not_found", "no pack named '" + name_or_path + "'",
       known.empty() ? "give a pack file path, or add briefs/NAME.json (see briefs/README.md)"
                     : "packs in briefs/:" + known + " (or give a path to a pack file)");
}

PackSpec load_pack(const fs::path& file) {
  std::string text = read_file(file, limits::kMaxJsonBytes);
  if (text.size() > limits::kMaxJsonBytes)
    bad(file, "$", "pack file is larger than " + std::to_string(limits::kMaxJsonBytes) + " bytes");
  json root = parse_json(file, text);
  if (!root.is_object()) bad(file, "$", "a pack file is one JSON object");
  reject_unknown_keys(file, root, "$",
                      {"name", "title", "corpus", "corrections", "output", "layout", "briefs",
                       "combined"});

  // Scalars; relative paths are taken from the pack file's folder.
  PackSpec p;
  p.file = file;
  fs::path base = fs::absolute(file).parent_path();
  p.name = string_field(file, root, "name", "$", true);
  check_file_name(file, "$.name", p.name);
  p.title = string_field(file, root, "title", "$", false);
  if (p.title.empty()) p.title = p.name;
  std::string corpus = string_field(file, root, "corpus", "$", false);
  p.corpus = corpus.empty() ? default_corpus_dir() : (base / corpus).lexically_normal();
  std::string corrections = string_field(file, root, "corrections", "$", false);
  if (!corrections.empty()) p.corrections = (base / corrections).lexically_normal();
  p.output = (base / string_field(file, root, "output", "$", true)).lexically_normal();
  p.layout = string_field(file, root, "layout", "$", true);
  if (fs::path(p.layout).has_parent_path() || fs::path(p.layout).extension() == ".json")
    p.layout = (base / p.layout).lexically_normal().string();
  // "combined": true names the meeting PDF after the pack; a string names it; false: none.
  if (auto c = root.find("combined"); c != root.end() && c->is_boolean())
    p.combined = c->get<bool>() ? p.name + ".pdf" : "";
  else if (c != root.end() && !c->is_string())
    bad(file, "$.combined", "\"combined\" must be true, false or a file name",
        "e.g. \"combined\": true (writes " + p.name + ".pdf) or \"combined\": \"meeting.pdf\"");
  else
    p.combined = string_field(file, root, "combined", "$", false);
  if (!p.combined.empty()) {
    check_file_name(file, "$.combined", p.combined);
    if (fs::path(p.combined).extension() != ".pdf")
      bad(file, "$.combined", "the combined PDF's name must end in .pdf",
          "e.g. \"combined\": \"pack.pdf\"");
  }

  // The briefs list.
  auto briefs = root.find("briefs");
  if (briefs == root.end()) bad(file, "$", "missing required field \"briefs\"");
  if (!briefs->is_array() || briefs->empty())
    bad(file, "$.briefs", "\"briefs\" must be a non-empty list",
        "e.g. \"briefs\": [\"all parks\", {\"topic\": \"产业链党建\"}]");
  for (std::size_t i = 0; i < briefs->size(); ++i)
    p.briefs.push_back(parse_selector(file, briefs->at(i), "$.briefs[" + std::to_string(i) + "]"));
  for (auto& s : p.briefs)
    if (fs::path(s.layout).has_parent_path() || fs::path(s.layout).extension() == ".json")
      s.layout = (base / s.layout).lexically_normal().string();
  return p;
}

}  // namespace ptbrief::pack
