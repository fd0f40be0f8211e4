// topics: loading the topic catalogue and classifying text by keyword hits.
#include "extract/topics.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/limits.h"
#include "base/paths.h"
#include "extract/text.h"

namespace ptbrief::extract {
namespace {

[[noreturn]] void bad_topics(const std::filesystem::path& file, const std::string& path,
                             const std::string& message) {
  Diagnostic d;
  d.code = "extract.topics";
  d.message = message;
  d.hint = "each topic needs \"id\" (string), \"description\" (string), \"keywords\" (strings)";
  d.file = file.string();
  d.json_path = path;
  throw Error(d);
}

const nlohmann::json& member(const nlohmann::json& j, const char* key,
                             const std::filesystem::path& file, const std::string& path) {
  if (!j.is_object() || !j.contains(key)) bad_topics(file, path, std::string("missing \"") + key + "\"");
  return j.at(key);
}

}  // namespace

std::filesystem::path default_topics_file() {
  return project_root() / "compiler" / "extract" / "topics.json";
}

std::vector<TopicRule> load_topics(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    Diagnostic d;
    d.code = "extract.topics_missing";
    d.message = "cannot read the topic catalogue";
    d.hint = "pass an existing topics JSON file (default: compiler/extract/topics.json)";
    d.file = file.string();
    throw Error(d);
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.size() > limits::kMaxJsonBytes) bad_topics(file, "$", "topic catalogue is too large");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    Diagnostic d;
    d.code = "extract.topics";
    d.message = std::string("topic catalogue is not valid JSON: ") + e.what();
    d.hint = "fix the JSON syntax";
    d.file = file.string();
    d.offset = static_cast<long long>(e.byte);
    throw Error(d);
  }
  const auto& list = member(j, "topics", file, "$");
  if (!list.is_array()) bad_topics(file, "$.topics", "\"topics\" must be an array");
  std::vector<TopicRule> rules;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string path = "$.topics[" + std::to_string(i) + "]";
    const auto& t = list[i];
    const auto& id = member(t, "id", file, path);
    const auto& desc = member(t, "description", file, path);
    const auto& kw = member(t, "keywords", file, path);
    if (!id.is_string() || id.get<std::string>().empty())
      bad_topics(file, path + ".id", "\"id\" must be a non-empty string");
    if (!desc.is_string()) bad_topics(file, path + ".description", "\"description\" must be a string");
    if (!kw.is_array() || kw.empty()) bad_topics(file, path + ".keywords", "\"keywords\" must be a non-empty array");
    TopicRule r;
    r.topic.id = id.get<std::string>();
    r.topic.description = desc.get<std::string>();
    for (std::size_t k = 0; k < kw.size(); ++k) {
      if (!kw[k].is_string() || kw[k].get<std::string>().empty())
        bad_topics(file, path + ".keywords[" + std::to_string(k) + "]", "keywords must be non-empty strings");
      r.keywords.push_back(to_u32(normalize_name(kw[k].get<std::string>())));
    }
    for (const auto& other : rules)
      if (other.topic.id == r.topic.id) bad_topics(file, path + ".id", "duplicate topic id " + r.topic.id);
    rules.push_back(std::move(r));
  }
  return rules;
}

std::vector<std::string> classify(std::u32string_view norm, const std::vector<TopicRule>& rules) {
  std::vector<std::pair<int, std::size_t>> hits;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    int n = 0;
    for (const auto& k : rules[i].keywords)
      for (auto p = norm.find(k); p != std::u32string_view::npos; p = norm.find(k, p + k.size())) ++n;
    if (n > 0) hits.emplace_back(-n, i);
  }
  std::stable_sort(hits.begin(), hits.end());
  std::vector<std::string> out;
  for (std::size_t k = 0; k < hits.size() && k < 2; ++k) out.push_back(rules[hits[k].second].topic.id);
  return out;
}

}  // namespace ptbrief::extract
