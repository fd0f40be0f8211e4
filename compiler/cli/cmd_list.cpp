// `ptbrief list`: list the parks, topics or layouts that exist
#include <nlohmann/json.hpp>

#include <ostream>

#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "cli/app.h"
#include "cli/commands.h"
#include "cli/corpus_facts.h"
#include "compose/compose.h"
#include "pack/build.h"

namespace ptbrief::cli {
namespace {

using Json = nlohmann::ordered_json;

/// One row per layout: name, its description, or why it does not load.
Json layout_rows() {
  Json rows = Json::array();
  for (const auto& name : compose::list_layouts()) {
    Json row = {{"name", name}};
    try {
      row["description"] = compose::describe(*compose::load_layout(name));
    } catch (const Error& e) {
      row["invalid"] = e.diagnostic().message;
    }
    rows.push_back(row);
  }
  return rows;
}

/// One row per topic (id, description) or per park with facts (name and counts).
Json corpus_rows(const std::string& what, const extract::Facts& facts) {
  Json rows = Json::array();
  if (what == "topics") {
    for (const auto& t : facts.topics)
      rows.push_back({{"id", t.id}, {"description", t.description}});
    return rows;
  }
  for (const auto& name : compose::brief_parks(facts)) {
    std::size_t figures = 0, practices = 0, articles = 0;
    bool region = false;  // a city, county or province of the gazetteer, not a park
    for (const auto& f : facts.figures) figures += f.park == name;
    for (const auto& p : facts.practices) practices += p.park == name;
    for (const auto& p : facts.parks)
      if (p.name == name) articles = p.articles.size(), region = p.is_region;
    rows.push_back({{"name", name}, {"kind", region ? "region" : "park"}, {"articles", articles},
                    {"figures", figures}, {"practices", practices}});
  }
  return rows;
}

/// The text form: the name, then its details after a tab.
void print_text(std::ostream& out, const std::string& what, const Json& rows) {
  for (const auto& r : rows) {
    if (what == "parks") {
      out << r["name"].get<std::string>() << "\t" << r["articles"].get<std::size_t>()
          << " articles, " << r["figures"].get<std::size_t>() << " figures, "
          << r["practices"].get<std::size_t>() << " practices"
          << (r["kind"] == "region" ? "\tregion" : "") << "\n";
    } else if (what == "topics") {
      out << r["id"].get<std::string>() << "\t" << r["description"].get<std::string>() << "\n";
    } else {
      out << r["name"].get<std::string>() << "\t"
          << (r.contains("invalid") ? "invalid: " + r["invalid"].get<std::string>()
                                    : r["description"].get<std::string>())
          << "\n";
    }
  }
}

int run(const Invocation& inv) {
  if (inv.positional.size() != 1)
    throw UsageError(tr("say what to list: parks, topics or layouts"));
  const std::string& what = inv.positional[0];
  if (what != "parks" && what != "topics" && what != "layouts")
    throw UsageError(trf("cannot list '{1}': choose parks, topics or layouts", {what}));
  const std::string fmt = inv.value_or("format", "text");
  if (fmt != "text" && fmt != "json")
    throw UsageError(trf("--format must be text or json, not '{1}'", {fmt}));

  CollectingSink sink;
  Json rows;
  if (what == "layouts") {
    rows = layout_rows();
  } else {
    const auto loaded = pack::load_facts(corpus_dir(inv), sink, load_options(inv));
    rows = corpus_rows(what, loaded.facts);
  }
  if (fmt == "json")
    *inv.out << rows.dump(2) << "\n";
  else
    print_text(*inv.out, what, rows);
  for (const auto& d : sink.items)
    if (d.severity != Severity::Note) *inv.err << "ptbrief list: " << format(d) << "\n";
  return sink.count(Severity::Warning) ? kExitWarnings : kExitOk;
}

}  // namespace

CommandSpec list_command() {
  CommandSpec c;
  c.name = "list";
  c.summary = tr("list the parks, topics or layouts that exist");
  c.synopsis =
      "ptbrief list parks|topics|layouts [--corpus DIR] [--corrections FILE] [--format text|json]\n"
      "                    [--no-cache]";
  c.description =
      tr("text: one name per line, details after a tab; regions (cities, counties, provinces)\n"
         "end in a \"region\" column. json: an array of objects (parks: name, kind park|region,\n"
         "articles, figures, practices; topics: id, description; layouts: name, description or\n"
         "invalid).");
  c.options = {{"corpus", "DIR", tr("corpus folder (default ../shared/corpus)"), ""},
               {"format", "FMT", tr("text or json (default: text)"), ""},
               corrections_option(),
               no_cache_option()};
  c.max_positional = 1;
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
