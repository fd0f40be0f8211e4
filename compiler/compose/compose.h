// compose: facts + a JSON layout spec (layouts/) → a typeset::Document for a park or topic brief.
//
// Public interface of the compose stage. Everything else in compiler/compose/ is private.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "extract/extract.h"
#include "typeset/document.h"

namespace ptbrief::compose {

/// What a brief is about.
struct BriefRequest {
  enum class Kind { Park, Topic } kind = Kind::Park;
  std::string name;            ///< canonical park name (or an alias) or topic id
  /// The brief's date as printed in the masthead and {date}, e.g. "2025年9月22日"; empty =
  /// no date. Never the wall clock: the CLI derives it from SOURCE_DATE_EPOCH (brief_date()).
  std::string date;
};

/// "YYYY年M月D日" (UTC) for seconds since 1970 — how a brief's date is written.
std::string brief_date(long long seconds_since_epoch);

/// "YYYY年M月D日" for a calendar date written YYYY-MM-DD (ISO 8601, as `--date` takes it).
/// Throws ptbrief::Error ("compose.bad_date") for anything else, including 2025-02-30.
std::string brief_date(std::string_view iso_date);

/// Canonical names of the parks (and regions) with at least one fact, in corpus order.
std::vector<std::string> brief_parks(const extract::Facts& facts);

/// Resolves a user-given park name or alias to the canonical name. Throws ptbrief::Error
/// ("compose.unknown_park") suggesting the nearest names.
std::string resolve_park(const extract::Facts& facts, const std::string& name);

/// Resolves a topic id. Throws ptbrief::Error ("compose.unknown_topic") suggesting the nearest.
std::string resolve_topic(const extract::Facts& facts, const std::string& name);

/// A figure as people write it: 2360家, 近3万人, 11.66亿元, 同比增长34.65%, 2000余家.
std::string format_figure(const extract::Figure& figure);

/// A validated layout spec (layouts/<name>.json, after `extends` is resolved).
struct LayoutSpec;

/// One layout field set from outside the file (`--set masthead.issue=第2期`): `key` is a dotted
/// path into the layout JSON; `value` counts as JSON when it parses as JSON (12, true, "x",
/// [1, 2]), else as a string. Overrides apply after `extends` and are validated like the file;
/// their errors name "--set <key>".
struct LayoutOverride {
  std::string key, value;
};

/// Loads and validates layouts/<name>.json (or a path), then `overrides`. Errors name the file,
/// the JSON path, line:column and what is allowed.
std::shared_ptr<const LayoutSpec> load_layout(const std::string& name_or_path,
                                              const std::vector<LayoutOverride>& overrides = {});

/// The layout's one-line description (its "description" key).
std::string describe(const LayoutSpec& layout);

/// Layout names available in the layouts folders, sorted, each once.
std::vector<std::string> list_layouts();

/// The layouts folders, first match first: layouts/ in each data folder (see data_dirs()), so a
/// user's ~/.local/share/ptbrief/layouts/ comes before the shipped ones.
std::vector<std::filesystem::path> layout_dirs();

/// The facts one brief draws on, as compose selects them (its repeats left out), in corpus
/// order: what `ptbrief review` shows staff before printing. Pointers into `facts`.
struct BriefContents {
  std::vector<const extract::Figure*> figures;
  std::vector<const extract::Practice*> practices;
  std::vector<const extract::SummarySentence*> summaries;
};
BriefContents brief_contents(const extract::Facts& facts, const BriefRequest& request);

/// Builds the document tree for one brief.
typeset::Document compose(const extract::Facts& facts, const BriefRequest& request,
                          const LayoutSpec& layout, DiagSink& sink);

}  // namespace ptbrief::compose
