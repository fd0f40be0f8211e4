// topics: loading the topic catalogue and classifying text by keyword hits.
#include "extract/topics.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
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
  return find_data_file("extract/topics.json");
}

std::vector<TopicRule> load_topics(const std::filesystem::path& file) {
  // Stat first (a folder, a device or a huge file is refused before anything is read).
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    Diagnostic d;
    d.code = "extract.topics_missing";
    d.message = "cannot read the topic catalogue";
    d.hint = "pass an existing topics JSON file (default: compiler/extract/topics.json)";
    d.file = file.string();
    throw Error(d);
  }
  const std::string text = read_file(file, limits::kMaxJsonBytes);
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

TopicIndex::TopicIndex(const std::vector<TopicRule>& rules) : rules_(rules) {
  for (std::size_t r = 0; r < rules_.size(); ++r)
    for (std::size_t k = 0; k < rules_[r].keywords.size(); ++k)
      if (!rules_[r].keywords[k].empty()) {
        keywords_.push_back({rules_[r].keywords[k][0], r, k});
        firsts_.add(rules_[r].keywords[k]);
      }
  std::stable_sort(keywords_.begin(), keywords_.end(),
                   [](const Keyword& a, const Keyword& b) { return a.first < b.first; });
}

std::vector<std::string> TopicIndex::classify(std::u32string_view norm) const {
  // Hits per rule. A keyword counts again only after its previous hit ends (next_free), which
  // is what repeated leftmost find() from the end of the last hit counts.
  std::vector<int> hits_per_rule(rules_.size(), 0);
  std::vector<std::size_t> next_free(keywords_.size(), 0);
  for (std::size_t i = 0; i < norm.size(); ++i) {
    if (!firsts_.may_start(norm[i])) continue;
    auto it = std::lower_bound(keywords_.begin(), keywords_.end(), norm[i],
                               [](const Keyword& k, char32_t c) { return k.first < c; });
    for (; it != keywords_.end() && it->first == norm[i]; ++it) {
      auto k = static_cast<std::size_t>(it - keywords_.begin());
      const std::u32string& word = rules_[it->rule].keywords[it->keyword];
      if (i < next_free[k] || norm.substr(i, word.size()) != word) continue;
      next_free[k] = i + word.size();
      ++hits_per_rule[it->rule];
    }
  }
  std::vector<std::pair<int, std::size_t>> hits;
  for (std::size_t r = 0; r < rules_.size(); ++r)
    if (hits_per_rule[r] > 0) hits.emplace_back(-hits_per_rule[r], r);
  std::stable_sort(hits.begin(), hits.end());
  std::vector<std::string> out;
  for (std::size_t k = 0; k < hits.size() && k < 2; ++k) out.push_back(rules_[hits[k].second].topic.id);
  return out;
}

}  // namespace ptbrief::extract
