// Planning a pack run: which briefs exist, what each depends on, and which are out of date.
#include "pack/plan.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "base/hash.h"
#include "extract/corrections.h"

namespace ptbrief::pack {
namespace {

namespace fs = std::filesystem;

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : std::string(sep)) + p;
  return s;
}

/// A name from the facts made safe as a file name.
std::string file_safe(std::string name) {
  for (char& c : name)
    if (c == '/' || c == '\\' || c == '\0') c = '_';
  if (!name.empty() && name[0] == '.') name[0] = '_';
  return name;
}

BriefEntry make_entry(bool park, const std::string& name, const std::string& layout) {
  return {park ? "park" : "topic", name, layout,
          (park ? "" : "专题-") + file_safe(name) + ".pdf"};
}

/// What a selector list means, as text (part of the expansion key).
std::string selectors_text(const PackSpec& pack) {
  std::string s = pack.layout + "\n";
  for (const auto& b : pack.briefs)
    s += std::to_string(static_cast<int>(b.kind)) + "\x1f" + b.name + "\x1f" + b.layout + "\n";
  return s;
}

/// Names of the corpus files whose hashes differ between `before` and `now`.
std::vector<std::string> changed_files(const std::map<std::string, std::string>& before,
                                       const std::map<std::string, std::string>& now) {
  std::set<std::string> names;
  for (const auto& [k, v] : before)
    if (auto it = now.find(k); it == now.end() || it->second != v) names.insert(k);
  for (const auto& [k, v] : now)
    if (!before.count(k)) names.insert(k);
  return {names.begin(), names.end()};
}

/// Human words for each input class, in the order they are checked.
const std::vector<std::pair<std::string, std::string>>& input_words() {
  static const std::vector<std::pair<std::string, std::string>> words = {
      {"version", "ptbrief version changed"}, {"entry", "pack entry changed"},
      {"layout", "layout changed"},           {"fonts", "fonts changed"},
      {"catalogue", "topic catalogue changed"}, {"sources", "articles changed"},
      {"facts", "extracted facts changed"}};
  return words;
}

/// Whether any figure, practice or summary sentence is about the park (a brief worth printing).
bool has_facts(const extract::Facts& facts, const std::string& park) {
  auto about = [&](const auto& item) { return item.park == park; };
  return std::any_of(facts.figures.begin(), facts.figures.end(), about) ||
         std::any_of(facts.practices.begin(), facts.practices.end(), about) ||
         std::any_of(facts.summaries.begin(), facts.summaries.end(), about);
}

}  // namespace

GlobalInputs hash_globals(const PackSpec& pack, const Builder& builder, const RunOptions& options,
                          Manifest& manifest) {
  GlobalInputs g;
  g.version = options.tool_version;
  g.memo = {options.hash_cache, pack.corpus};
  if (!options.tool_build_id.empty())
    g.version += "+build " + options.tool_build_id;  // the linker's hash of the program
  else if (!options.tool_binary.empty())
    g.version += "+" + stamped_hash(options.tool_binary, manifest.stamps, g.memo).substr(0, 16);
  g.corpus = hash_folder(pack.corpus);
  for (const auto& [name, hash] : g.corpus) g.corpus_names.push_back(name);
  g.facts_inputs = hash_files(builder.facts_inputs());
  // The corrections change facts, so they join the expansion key: a changed file reloads the
  // facts, and only the briefs whose facts it changed rebuild ("extracted facts changed").
  g.corrections = extract::corrections_path_for(pack.corpus, pack.corrections);
  if (!g.corrections.empty()) g.corrections_hash = hash_files({g.corrections});
  g.font_manifest = hash_files({font_manifest_path()});
  if (!options.font_dirs.empty()) {  // the user's font folders come before the manifest's
    Sha256 dirs;
    dirs.update(g.font_manifest);
    for (const auto& d : options.font_dirs) dirs.update("\nfont-dir ").update(d.string());
    g.font_manifest = dirs.hex();
  }
  g.expansion_key = Sha256()
                        .update(g.version).update("\n")
                        .update(digest(g.corpus)).update("\n")
                        .update(g.facts_inputs).update("\n")
                        .update(g.corrections_hash).update("\n")
                        .update(selectors_text(pack))
                        .hex();
  return g;
}

std::vector<BriefEntry> expand(const PackSpec& pack, const extract::Facts& facts) {
  std::vector<BriefEntry> out;
  std::set<std::string> names;
  auto push = [&](BriefEntry e) {
    if (names.insert(e.output_name).second) out.push_back(std::move(e));
  };
  auto layout_of = [&](const BriefSelector& s) { return s.layout.empty() ? pack.layout : s.layout; };
  using K = BriefSelector::Kind;
  for (const auto& s : pack.briefs)
    if (s.kind == K::Park || s.kind == K::Topic) push(make_entry(s.kind == K::Park, s.name, layout_of(s)));
  for (const auto& s : pack.briefs) {
    if (s.kind == K::AllParks)
      for (const auto& p : facts.parks)
        if (!p.is_region && has_facts(facts, p.name)) push(make_entry(true, p.name, layout_of(s)));
    if (s.kind == K::AllTopics)
      for (const auto& t : facts.topics) push(make_entry(false, t.id, layout_of(s)));
  }
  return out;
}

std::string fonts_hash(const GlobalInputs& globals, const std::vector<std::string>& font_files,
                       Manifest& manifest) {
  Sha256 h;
  h.update(globals.font_manifest).update("\n");
  for (const auto& f : font_files) h.update(f).update(":").update(stamped_hash(f, manifest.stamps, globals.memo)).update("\n");
  return h.hex();
}

PlannedBrief plan_brief(const BriefEntry& entry, const GlobalInputs& globals, const PackSpec& pack,
                        const RunOptions& options, Manifest& manifest, const extract::Facts* facts) {
  PlannedBrief p;
  p.entry = entry;
  auto record = manifest.briefs.find(entry.output_name);
  const BriefRecord* old = record == manifest.briefs.end() ? nullptr : &record->second;

  // The brief's inputs as they are now.
  std::string sde = options.source_date_epoch ? std::to_string(*options.source_date_epoch) : "";
  p.inputs["version"] = globals.version;
  p.inputs["entry"] = sha256_hex(entry.kind + "\n" + entry.name + "\n" + entry.layout + "\n" +
                                 entry.output_name + "\n" + sde);
  std::string& layout_hash = globals.layout_hashes[entry.layout];
  if (layout_hash.empty()) layout_hash = hash_files(layout_files(entry.layout));
  p.inputs["layout"] = layout_hash;
  p.inputs["fonts"] = fonts_hash(globals, old ? old->font_files : std::vector<std::string>{}, manifest);
  p.inputs["catalogue"] = globals.facts_inputs;
  std::vector<std::string> files;
  if (facts) {
    p.facts = select_facts(*facts, entry, globals.corpus_names);
    files = p.facts->files;
    p.inputs["facts"] = p.facts->digest;
  } else if (old) {
    for (const auto& [name, hash] : old->sources) files.push_back(name);
    if (auto it = old->inputs.find("facts"); it != old->inputs.end()) p.inputs["facts"] = it->second;
  }
  for (const auto& f : files) {
    auto it = globals.corpus.find(f);
    p.sources[f] = it == globals.corpus.end() ? "missing" : it->second;
  }
  p.inputs["sources"] = digest(p.sources);

  // The verdict, with every reason that applies.
  if (options.force) p.reasons.push_back("forced (--force)");
  if (!old) {
    p.reasons.push_back("not built yet");
    return p;
  }
  for (const auto& [key, words] : input_words()) {
    auto was = old->inputs.find(key);
    if (was != old->inputs.end() && was->second == p.inputs[key]) continue;
    if (key == "sources")
      p.reasons.push_back(words + ": " + join(changed_files(old->sources, p.sources), ", "));
    else
      p.reasons.push_back(words);
  }
  std::error_code ec;
  auto size = fs::file_size(pack.output / entry.output_name, ec);
  if (ec || size != old->pdf_size) p.reasons.push_back("output missing or altered");
  return p;
}

}  // namespace ptbrief::pack
