// Planning a pack run: expanding "all parks"/"all topics", hashing every brief's inputs and
// deciding which briefs are out of date and why. Private to compiler/pack/.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pack/inputs.h"
#include "pack/manifest.h"
#include "pack/pack.h"

namespace ptbrief::pack {

/// The run-wide inputs, hashed once.
struct GlobalInputs {
  std::string version;                          ///< tool version (+ binary hash)
  std::map<std::string, std::string> corpus;    ///< corpus file name → sha256
  std::vector<std::string> corpus_names;        ///< the keys of `corpus`, sorted
  std::string facts_inputs;                     ///< hash of the topic catalogue etc.
  std::filesystem::path corrections;            ///< the corrections file ("" = none)
  std::string corrections_hash;                 ///< its content hash ("" = none)
  std::string font_manifest;                    ///< hash of fonts/manifest.json
  std::string expansion_key;                    ///< what the brief list depends on
  HashMemo memo;                                ///< where font and binary hashes are remembered
  /// Layout name or path → hash of its files (through `extends`), filled as plan_brief meets
  /// them: eighteen briefs in one layout read and hash its files once. Planning is one thread.
  mutable std::map<std::string, std::string> layout_hashes;
};

/// One brief of the run, with its current input hashes and the verdict.
struct PlannedBrief {
  BriefEntry entry;
  std::map<std::string, std::string> inputs;    ///< as they are now (see BriefRecord::inputs)
  std::map<std::string, std::string> sources;   ///< corpus file → sha256, as they are now
  std::optional<BriefFacts> facts;              ///< set once the facts are loaded
  std::vector<std::string> reasons;             ///< empty = up to date
};

/// Hashes the run-wide inputs (corpus, topic catalogue, font manifest, version).
GlobalInputs hash_globals(const PackSpec& pack, const Builder& builder, const RunOptions& options,
                          Manifest& manifest);

/// Expands the pack's selectors against the facts: explicit entries first, then every
/// (non-region) park and every topic, without repeating an output name.
std::vector<BriefEntry> expand(const PackSpec& pack, const extract::Facts& facts);

/// Computes a brief's current inputs and the reasons it must be rebuilt (none = up to date).
/// With `facts`, its sources come from the facts; without, from the manifest's record (valid
/// because the facts are loaded whenever the corpus changed).
PlannedBrief plan_brief(const BriefEntry& entry, const GlobalInputs& globals,
                        const PackSpec& pack, const RunOptions& options, Manifest& manifest,
                        const extract::Facts* facts);

/// The hash of the fonts a brief embeds: font manifest + each font file (stat-cached).
std::string fonts_hash(const GlobalInputs& globals, const std::vector<std::string>& font_files,
                       Manifest& manifest);

}  // namespace ptbrief::pack
