// report: the readers of Facts — JSON for `ptbrief extract`, the stable text dump, selection
// by park or topic, and name look-up with "did you mean" suggestions.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "extract/extract.h"
#include "extract/parks.h"
#include "extract/text.h"

namespace ptbrief::extract {
namespace {

// Long official type words and their short forms, for matching names as users type them.
std::string short_form(std::string name) {
  name = normalize_name(name);
  for (auto [from, to] : {std::pair<std::string, std::string>{"高新技术产业开发区", "高新区"},
                          {"经济技术开发区", "经开区"}, {"经济开发区", "经开区"},
                          {"国家高新区", "高新区"}}) {
    for (auto p = name.find(from); p != std::string::npos; p = name.find(from))
      name.replace(p, from.size(), to);
  }
  return name;
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string fixed(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

std::string span_text(const Location& l) {
  return l.span.file + ":" + std::to_string(l.span.start) + "-" + std::to_string(l.span.end);
}

}  // namespace

// The park a name stands for, whatever its spelling (parks.h park_key: 包头稀土高新技术产业
// 开发区 = 稀土高新区, 长丰县(双凤)经开区 = 长丰(双凤)经开区, 宜宾综合保税区 = 宜宾综保区);
// empty when the name is not one park mention.
namespace {
std::string park_key_of(std::string_view name) {
  TextView v = make_view(normalize_name(name));
  auto ms = find_park_mentions(v.norm);
  if (ms.size() != 1 || ms[0].bare || ms[0].end != v.size()) return {};
  return park_key(ms[0]);
}
}  // namespace

const Park* find_park(const Facts& facts, std::string_view name) {
  std::string want = short_form(std::string(name));
  for (const auto& p : facts.parks) {
    if (short_form(p.name) == want) return &p;
    for (const auto& a : p.aliases)
      if (short_form(a) == want) return &p;
  }
  const std::string key = park_key_of(name);
  if (key.empty()) return nullptr;
  for (const auto& p : facts.parks) {
    if (p.is_region) continue;
    if (park_key_of(p.name) == key) return &p;
    for (const auto& a : p.aliases)
      if (park_key_of(a) == key) return &p;
  }
  return nullptr;
}

std::vector<std::string> closest_names(std::string_view query,
                                       const std::vector<std::string>& names, std::size_t n) {
  std::u32string q = to_u32(short_form(std::string(query)));
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& name : names) scored.emplace_back(edit_distance(q, to_u32(short_form(name))), name);
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(scored[i].second);
  return out;
}

Facts select(const Facts& facts, std::string_view park, std::string_view topic) {
  Facts out;
  out.topics = facts.topics;
  out.citations = facts.citations;
  auto has_topic = [&](const std::vector<std::string>& ts) {
    return topic.empty() || std::find(ts.begin(), ts.end(), topic) != ts.end();
  };
  auto in_park = [&](const std::string& p) { return park.empty() || p == park; };
  for (const auto& f : facts.figures)
    if (in_park(f.park) && has_topic(f.topics)) out.figures.push_back(f);
  for (const auto& p : facts.practices)
    if (in_park(p.park) && has_topic(p.topics)) out.practices.push_back(p);
  for (const auto& s : facts.summaries)
    if (in_park(s.park) && has_topic(s.topics)) out.summaries.push_back(s);
  for (const auto& p : facts.parks) {
    bool used = std::any_of(out.figures.begin(), out.figures.end(), [&](auto& f) { return f.park == p.name; }) ||
                std::any_of(out.practices.begin(), out.practices.end(), [&](auto& x) { return x.park == p.name; });
    if (park.empty() ? (topic.empty() || used) : p.name == park) out.parks.push_back(p);
  }
  if (!topic.empty()) {
    out.topics.clear();
    for (const auto& t : facts.topics)
      if (t.id == topic) out.topics.push_back(t);
  }
  return out;
}

std::string to_json(const Facts& facts) { return to_facts_json(facts, FactsScope{}); }

std::string dump(const Facts& facts) {
  std::ostringstream s;
  s << "parks " << facts.parks.size() << "\n";
  for (const auto& p : facts.parks)
    s << "  park " << p.name << (p.is_region ? " [region]" : "") << " aliases=["
      << join(p.aliases, ",") << "] articles=[" << join(p.articles, ",") << "]\n";
  s << "figures " << facts.figures.size() << "\n";
  for (const auto& f : facts.figures)
    s << "  figure " << f.park << " | " << f.subject << " | " << f.value << " " << f.unit << " | "
      << to_string(f.qualifier) << " " << to_string(f.kind) << " | " << f.quote << " | "
      << span_text(f.source) << " | " << join(f.topics, ",") << "\n";
  s << "practices " << facts.practices.size() << "\n";
  for (const auto& p : facts.practices)
    s << "  practice " << p.park << " | " << p.name << " | " << p.category << " | "
      << span_text(p.source) << " | " << join(p.topics, ",") << "\n";
  s << "summaries " << facts.summaries.size() << "\n";
  for (const auto& x : facts.summaries)
    s << "  summary " << x.park << " | " << fixed(x.score) << " | " << x.text << " | "
      << span_text(x.source) << " | " << join(x.topics, ",") << "\n";
  s << "topics " << facts.topics.size() << "\n";
  for (const auto& t : facts.topics) s << "  topic " << t.id << " | " << t.description << "\n";
  return s.str();
}

}  // namespace ptbrief::extract
