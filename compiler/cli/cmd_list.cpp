// `ptbrief list`: list the parks, topics or layouts that exist
#include <ostream>

#include "base/diagnostic.h"
#include "base/paths.h"
#include "cli/app.h"
#include "cli/commands.h"
#include "compose/compose.h"
#include "pack/build.h"

namespace ptbrief::cli {
namespace {

/// One line per layout: name, tab, its description (or why it does not load).
void list_layouts(std::ostream& out) {
  for (const auto& name : compose::list_layouts()) {
    out << name;
    try {
      out << "\t" << compose::describe(*compose::load_layout(name));
    } catch (const Error& e) {
      out << "\tinvalid: " << e.diagnostic().message;
    }
    out << "\n";
  }
}

int run(const Invocation& inv) {
  if (inv.positional.size() != 1) throw UsageError("say what to list: parks, topics or layouts");
  const std::string& what = inv.positional[0];
  if (what == "layouts") {
    list_layouts(*inv.out);
    return kExitOk;
  }
  if (what != "parks" && what != "topics")
    throw UsageError("cannot list '" + what + "': choose parks, topics or layouts");
  CollectingSink sink;
  const auto loaded = pack::load_facts(inv.value_or("corpus", default_corpus_dir().string()), sink);
  const extract::Facts& facts = loaded.facts;
  if (what == "topics") {
    for (const auto& t : facts.topics) *inv.out << t.id << "\t" << t.description << "\n";
    return kExitOk;
  }
  for (const auto& name : compose::brief_parks(facts)) {
    std::size_t figures = 0, practices = 0, articles = 0;
    bool region = false;
    for (const auto& f : facts.figures) figures += f.park == name;
    for (const auto& p : facts.practices) practices += p.park == name;
    for (const auto& p : facts.parks)
      if (p.name == name) articles = p.articles.size(), region = p.is_region;
    *inv.out << name << "\t" << articles << " articles, " << figures << " figures, " << practices
             << " practices" << (region ? "\tregion" : "") << "\n";
  }
  return kExitOk;
}

}  // namespace

CommandSpec list_command() {
  CommandSpec c;
  c.name = "list";
  c.summary = "list the parks, topics or layouts that exist";
  c.synopsis = "ptbrief list parks|topics|layouts [--corpus DIR]";
  c.description =
      "One name per line; details, if any, after a tab. Parks lists parks and, marked "
      "\"region\" in a last column, the cities, counties and provinces that figures are "
      "attributed to (names from the gazetteer of administrative divisions).";
  c.options = {{"corpus", "DIR", "corpus folder (default ../shared/corpus)", ""}};
  c.max_positional = 1;
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
