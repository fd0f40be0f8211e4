// facts_file: the self-contained facts file (`ptbrief extract -o facts.json`), written and read
// back with every bad field reported at its JSON path (`ptbrief make --facts`).
#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/json_reader.h"
#include "extract/extract.h"
#include "extract/json_fields.h"

namespace ptbrief::extract {
namespace {

using Json = nlohmann::ordered_json;
using fields::item_path;
using fields::member_path;

// Every name an enum's to_string gives, in enum order. Loops over the underlying values so an
// enum that gains a member is read without a second list to keep in step.
template <class E>
std::vector<std::string> enum_names() {
  std::vector<std::string> out;
  for (int i = 0; i < 32; ++i) {
    std::string n(to_string(static_cast<E>(i)));
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

template <class E>
std::optional<E> enum_from(std::string_view name) {
  for (int i = 0; i < 32; ++i)
    if (to_string(static_cast<E>(i)) == name) return static_cast<E>(i);
  return std::nullopt;
}

// A figure's value: a JSON number when that number prints back as written, else the string.
Json value_json(const Figure& f) {
  if (fields::value_text(f.number) == f.value) {
    if (f.value.find('.') == std::string::npos && f.value.size() < 16) return std::stoll(f.value);
    return f.number;
  }
  return f.value;
}

Json location_json(const Location& l) {
  return {{"file", l.span.file},   {"start", l.span.start},   {"end", l.span.end},
          {"article", l.article_id}, {"block", l.block}, {"sentence", l.sentence}};
}

/// Reads the documents and checks each field, naming its JSON path.
class FactsReader {
 public:
  explicit FactsReader(const json::Value& root) : root_(root) {}

  Facts read(FactsScope* scope) {
    c_.object(root_, "$", {"schema", "brief", "parks", "regions", "figures", "practices", "summaries",
                           "topics", "articles"});
    schema();
    Facts f;
    FactsScope s = brief();
    articles(f);
    parks(f);
    topics(f);
    each("figures", [&](const json::Value& v, const std::string& p) { f.figures.push_back(figure(v, p)); });
    each("practices", [&](const json::Value& v, const std::string& p) { f.practices.push_back(practice(v, p)); });
    each("summaries", [&](const json::Value& v, const std::string& p) { f.summaries.push_back(summary(v, p)); });
    if (!s.park.empty() && !park_names_.count(s.park))
      c_.fail(*root_.find("brief"), "$.brief.park", "park '" + s.park + "' is not in $.parks",
              "name one of the parks the file lists, or remove \"brief\"");
    if (!s.topic.empty() && !topic_ids_.count(s.topic))
      c_.fail(*root_.find("brief"), "$.brief.topic", "topic '" + s.topic + "' is not in $.topics",
              "name one of the topics the file lists, or remove \"brief\"");
    if (scope) *scope = s;
    return f;
  }

 private:
  const json::Value& root_;
  fields::Checker c_{"facts"};
  std::set<std::string> park_names_, topic_ids_, article_ids_;

  void schema() {
    auto n = c_.number(root_, "$", "schema", true);
    if (*n != kFactsSchema)
      c_.fail(*root_.find("schema"), "$.schema",
              "schema " + fields::value_text(*n) + " is not one this ptbrief reads (" +
                  std::to_string(kFactsSchema) + ")",
              *n > kFactsSchema ? "the file was written by a newer ptbrief; use that one"
                                : "write it again with 'ptbrief extract -o'");
  }

  FactsScope brief() {
    FactsScope s;
    const json::Value* b = root_.find("brief");
    if (!b) return s;
    c_.object(*b, "$.brief", {"park", "topic"});
    s.park = c_.string(*b, "$.brief", "park", false).value_or("");
    s.topic = c_.string(*b, "$.brief", "topic", false).value_or("");
    if (!s.park.empty() && !s.topic.empty())
      c_.fail(*b, "$.brief", "a brief is for a park or a topic, not both", "keep one of them");
    return s;
  }

  template <class F>
  void each(std::string_view key, F&& read_one) {
    const json::Value* list = root_.find(key);
    const std::string path = member_path("$", key);
    if (!list) return;
    c_.array(*list, path);
    for (std::size_t i = 0; i < list->items.size(); ++i) read_one(list->items[i], item_path(path, i));
  }

  void articles(Facts& f) {
    each("articles", [&](const json::Value& v, const std::string& p) {
      c_.object(v, p,
                {"id", "title", "file", "source", "date", "page", "url", "reprint_of", "reprints"});
      ArticleRef a;
      a.id = *c_.string(v, p, "id", true);
      a.file = *c_.string(v, p, "file", true);
      for (auto [key, field] : {std::pair{"title", &a.title}, std::pair{"source", &a.source},
                                std::pair{"date", &a.date}, std::pair{"page", &a.page},
                                std::pair{"url", &a.url}, std::pair{"reprint_of", &a.reprint_of}})
        *field = c_.string(v, p, key, false, false).value_or("");
      a.reprints = c_.strings(v, p, "reprints");
      if (!article_ids_.insert(a.id).second)
        c_.fail(*v.find("id"), member_path(p, "id"), "article '" + a.id + "' is listed twice",
                "keep one entry per article");
      f.articles.push_back(std::move(a));
    });
  }

  // "parks" and "regions" (cities and provinces that figures are about) share one shape; an
  // older file lists its regions among the parks with "kind": "region".
  void parks(Facts& f) {
    for (const char* list : {"parks", "regions"}) {
      each(list, [&, list](const json::Value& v, const std::string& p) {
        c_.object(v, p, {"name", "aliases", "kind", "articles"});
        Park park;
        park.name = *c_.string(v, p, "name", true);
        park.aliases = c_.strings(v, p, "aliases");
        const std::string fallback = std::string(list) == "regions" ? "region" : "park";
        park.is_region =
            c_.choice(v, p, "kind", {"park", "region"}).value_or(fallback) == "region";
        park.articles = c_.strings(v, p, "articles");
        for (std::size_t i = 0; i < park.articles.size(); ++i) known_article(v.find("articles")->items[i], item_path(member_path(p, "articles"), i), park.articles[i]);
        if (!park_names_.insert(park.name).second)
          c_.fail(*v.find("name"), member_path(p, "name"), "park '" + park.name + "' is listed twice",
                  "merge the two entries");
        f.parks.push_back(std::move(park));
      });
    }
  }

  void topics(Facts& f) {
    each("topics", [&](const json::Value& v, const std::string& p) {
      c_.object(v, p, {"id", "description"});
      Topic t{*c_.string(v, p, "id", true), c_.string(v, p, "description", false, false).value_or("")};
      topic_ids_.insert(t.id);
      f.topics.push_back(std::move(t));
    });
  }

  void known_article(const json::Value& at, const std::string& path, const std::string& id) {
    if (!article_ids_.count(id))
      c_.fail(at, path, "article '" + id + "' is not in $.articles",
              "list the article in \"articles\" (id, title, file) or correct the id");
  }

  void known_park(const json::Value& obj, const std::string& path, const std::string& name) {
    if (!park_names_.count(name))
      c_.fail(*obj.find("park"), member_path(path, "park"), "park '" + name + "' is not in $.parks",
              "add it to \"parks\" or name a park listed there");
  }

  /// An item's topic ids. They need not be in $.topics: a topic's facts file lists only its
  /// own topic, while its figures keep every topic they belong to.
  std::vector<std::string> topic_list(const json::Value& obj, const std::string& path) {
    return c_.strings(obj, path, "topics");
  }

  Location location(const json::Value& obj, const std::string& path) {
    const json::Value* v = obj.find("source");
    if (!v) c_.fail(obj, path, "missing key 'source'", "give the file, start, end, article, block, sentence");
    const std::string p = member_path(path, "source");
    c_.object(*v, p, {"file", "start", "end", "article", "block", "sentence"});
    Location l;
    l.span.file = *c_.string(*v, p, "file", true);
    l.span.start = *c_.index(*v, p, "start", true);
    l.span.end = *c_.index(*v, p, "end", true);
    if (l.span.end < l.span.start)
      c_.fail(*v->find("end"), member_path(p, "end"), "end lies before start", "end ≥ start");
    l.article_id = *c_.string(*v, p, "article", true);
    known_article(*v->find("article"), member_path(p, "article"), l.article_id);
    l.block = c_.index(*v, p, "block", false).value_or(0);
    l.sentence = c_.index(*v, p, "sentence", false).value_or(0);
    return l;
  }

  Figure figure(const json::Value& v, const std::string& p) {
    c_.object(v, p, {"park", "subject", "value", "unit", "qualifier", "kind", "quote", "source",
                     "topics", "corrections"});
    Figure f;
    f.park = *c_.string(v, p, "park", true);
    known_park(v, p, f.park);
    f.subject = c_.string(v, p, "subject", false, false).value_or("");
    read_value(v, p, f);
    f.unit = c_.string(v, p, "unit", false, false).value_or("");
    f.qualifier = choose<Qualifier>(v, p, "qualifier").value_or(Qualifier::Exact);
    f.kind = choose<FigureKind>(v, p, "kind").value_or(FigureKind::Count);
    f.quote = c_.string(v, p, "quote", false, false).value_or("");
    f.source = location(v, p);
    f.topics = topic_list(v, p);
    f.corrections = c_.strings(v, p, "corrections");
    return f;
  }

  /// "value": a number, or the number as written in a string ("2,360" is not one).
  void read_value(const json::Value& v, const std::string& p, Figure& f) {
    const json::Value* x = v.find("value");
    if (!x) c_.fail(v, p, "missing key 'value'", "write the figure's number, e.g. \"value\": 12");
    const std::string path = member_path(p, "value");
    if (x->type == json::Value::Type::Number) {
      f.number = *c_.number(v, p, "value", true);
      f.value = fields::value_text(f.number);
      return;
    }
    if (x->type != json::Value::Type::String)
      c_.fail(*x, path, "expected a number, found " + std::string(json::type_name(x->type)),
              "write the figure's number, e.g. \"value\": 12");
    const std::string& s = x->string;
    double n = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), n);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || s[0] == '-' ||
        s[0] == '+')
      c_.fail(*x, path, "'" + s + "' is not a number", "write digits with an optional '.', e.g. 11.60");
    f.value = s;
    f.number = n;
  }

  template <class E>
  std::optional<E> choose(const json::Value& v, const std::string& p, std::string_view key) {
    auto s = c_.string(v, p, key, false);
    if (!s) return std::nullopt;
    if (auto e = enum_from<E>(*s)) return e;
    std::string list;
    for (const auto& n : enum_names<E>()) list += (list.empty() ? "" : ", ") + n;
    c_.fail(*v.find(key), member_path(p, key), "'" + *s + "' is not a " + std::string(key),
            "write one of: " + list);
  }

  Practice practice(const json::Value& v, const std::string& p) {
    c_.object(v, p, {"park", "name", "category", "summary", "source", "topics", "corrections"});
    Practice x;
    x.park = *c_.string(v, p, "park", true);
    known_park(v, p, x.park);
    x.name = *c_.string(v, p, "name", true);
    x.category = c_.string(v, p, "category", false, false).value_or("");
    x.summary = c_.string(v, p, "summary", false, false).value_or("");
    x.source = location(v, p);
    x.topics = topic_list(v, p);
    x.corrections = c_.strings(v, p, "corrections");
    return x;
  }

  SummarySentence summary(const json::Value& v, const std::string& p) {
    c_.object(v, p, {"park", "text", "score", "source", "topics"});
    SummarySentence s;
    s.park = *c_.string(v, p, "park", true);
    known_park(v, p, s.park);
    s.text = *c_.string(v, p, "text", true);
    s.score = c_.number(v, p, "score", false).value_or(0);
    s.source = location(v, p);
    s.topics = topic_list(v, p);
    return s;
  }
};

}  // namespace

std::optional<Qualifier> parse_qualifier(std::string_view name) { return enum_from<Qualifier>(name); }
std::optional<FigureKind> parse_figure_kind(std::string_view name) { return enum_from<FigureKind>(name); }
std::vector<std::string> qualifier_names() { return enum_names<Qualifier>(); }
std::vector<std::string> figure_kind_names() { return enum_names<FigureKind>(); }

std::string to_facts_json(const Facts& facts, const FactsScope& scope) {
  Json j;
  j["schema"] = kFactsSchema;
  if (!scope.park.empty()) j["brief"] = {{"park", scope.park}};
  if (!scope.topic.empty()) j["brief"] = {{"topic", scope.topic}};
  j["articles"] = Json::array();
  for (const auto& a : facts.articles) {
    Json x = {{"id", a.id}, {"title", a.title}, {"file", a.file}};
    // Metadata only where the article has it: a hand-written facts file may leave it out.
    for (auto [key, field] : {std::pair{"source", &a.source}, std::pair{"date", &a.date},
                              std::pair{"page", &a.page}, std::pair{"url", &a.url},
                              std::pair{"reprint_of", &a.reprint_of}})
      if (!field->empty()) x[key] = *field;
    if (!a.reprints.empty()) x["reprints"] = a.reprints;
    j["articles"].push_back(std::move(x));
  }
  // Parks and regions apart: a reader counting parks (the scorer, a spreadsheet) is not handed
  // 重庆市 as one.
  j["parks"] = Json::array();
  j["regions"] = Json::array();
  for (const auto& p : facts.parks)
    j[p.is_region ? "regions" : "parks"].push_back(
        {{"name", p.name}, {"aliases", p.aliases}, {"kind", p.is_region ? "region" : "park"},
         {"articles", p.articles}});
  j["topics"] = Json::array();
  for (const auto& t : facts.topics) j["topics"].push_back({{"id", t.id}, {"description", t.description}});
  j["figures"] = Json::array();
  for (const auto& f : facts.figures) {
    Json x = {{"park", f.park},  {"subject", f.subject},
              {"value", value_json(f)}, {"unit", f.unit},
              {"qualifier", to_string(f.qualifier)}, {"kind", to_string(f.kind)},
              {"quote", f.quote}, {"source", location_json(f.source)}, {"topics", f.topics}};
    if (!f.corrections.empty()) x["corrections"] = f.corrections;
    j["figures"].push_back(std::move(x));
  }
  j["practices"] = Json::array();
  for (const auto& p : facts.practices) {
    Json x = {{"park", p.park}, {"name", p.name}, {"category", p.category},
              {"summary", p.summary}, {"source", location_json(p.source)}, {"topics", p.topics}};
    if (!p.corrections.empty()) x["corrections"] = p.corrections;
    j["practices"].push_back(std::move(x));
  }
  j["summaries"] = Json::array();
  for (const auto& s : facts.summaries)
    j["summaries"].push_back({{"park", s.park}, {"text", s.text}, {"score", s.score},
                              {"source", location_json(s.source)}, {"topics", s.topics}});
  return j.dump(2) + "\n";
}

Facts read_facts_json(std::string_view text, const std::string& file, FactsScope* scope) {
  const json::Value root = json::parse(text, file, "facts");  // syntax, with line:column
  return FactsReader(root).read(scope);                       // fields, with JSON paths
}

}  // namespace ptbrief::extract
