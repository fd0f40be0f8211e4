// corrections: the staff's corrections file (corrections.json) — load and validate it, apply
// it to a corpus's facts, report the entries that match nothing.
//
// Public interface (with extract.h) of the extract stage; used by the CLI (extract, list, make,
// review, pack) and meant for any other front end (an HTTP review page): every function is a
// library function that returns values, throws ptbrief::Error for bad input and reports
// warnings to a DiagSink — nothing prints or exits.
//
// The file, as staff write it (every list optional):
//   {"drop":  [{"file": "004_….txt", "quote": "426份"}],
//    "fix":   [{"file": "…", "quote": "…", "set": {"park": "…", "value": 3, "unit": "个",
//               "qualifier": "over", "kind": "percent", "subject": "…"}}],
//    "add":   [{"type": "figure", "file": "…", "quote": "…", "park": "…", "subject": "…",
//               "value": 12, "unit": "个"},
//              {"type": "practice", "file": "…", "quote": "…", "park": "…", "name": "…"}],
//    "parks": [{"name": "南通高新区", "aliases": ["…"], "merge": ["…"]}]}
//
// Matching (robust to re-extraction: no offsets, no ids): a drop or fix entry matches every
// figure whose source file is `file` and whose quote contains `quote`, and every practice of
// that file whose name contains `quote` or is contained in it (whitespace ignored on both
// sides). "type": "figure" | "practice" restricts an entry to one kind of item. "value": N
// (drop and fix) restricts it to the figures whose number is N when the entry applies (drops
// see the extracted numbers, fixes those left by the fixes before them), so one of two figures
// that share a quote ("新增企业12家、项目30个") can be dropped alone:
//   {"drop": [{"type": "figure", "file": "…", "quote": "新增企业12家、项目30个", "value": 12}]}
// An add entry
// must cite a `quote` that occurs in the cleaned text of `file`; the new item points at it.
// A summary sentence holding a dropped figure, or one whose number a fix changed, leaves the
// facts too (it would print the old number beside the corrected one).
//
// Typical use:
//   Corrections c = load_corrections_for(corpus_dir, given_path);   // may be empty()
//   std::vector<CorrectionOutcome> r = apply_corrections(c, corpus, facts, sink);
//   for (auto& o : r) if (o.matched == 0) …   // also reported to `sink` as warnings
//   c.drop.push_back(…); write_file_atomically(path, to_json(c));   // a front end's edit
// pack::load_facts() (pack/build.h) does ingest → extract → apply_corrections in one call and
// keeps the Corrections and outcomes beside the facts.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "extract/extract.h"
#include "ingest/ingest.h"

namespace ptbrief::extract {

/// The fields a `fix` sets, or an `add` gives its new item. Absent (nullopt) = unchanged for a
/// fix, the default for an add (qualifier exact; kind percent for unit "%", else count).
struct FactFields {
  std::optional<std::string> park;      ///< a park's name or any spelling of it
  std::optional<std::string> subject;   ///< figure: what is counted
  std::optional<std::string> value;     ///< figure: the number as written ("3", "11.66")
  std::optional<double> number;         ///< figure: `value` as a number
  std::optional<std::string> unit;      ///< figure: 个, %, 亿元 …
  std::optional<Qualifier> qualifier;   ///< figure
  std::optional<FigureKind> kind;       ///< figure
  std::optional<std::string> name;      ///< practice: its name, without quotes
  std::optional<std::string> category;  ///< practice: 工作机制, 平台 …
  std::optional<std::string> summary;   ///< practice: the sentence that explains it
  std::vector<std::string> topics;      ///< add only: topic ids (default: the sentence's)
};

/// One drop, fix or add entry of the file.
struct Correction {
  enum class Action { Drop, Fix, Add } action = Action::Drop;
  /// What it applies to: for an add, the new item's kind ("type", required); for drop and fix
  /// an optional restriction.
  enum class Target { Any, Figure, Practice } target = Target::Any;
  std::string json_path;         ///< where it stands in the file: "$.drop[0]"
  std::size_t line = 0, column = 0;  ///< where it starts in the file (1-based)
  std::string file;              ///< corpus file base name
  std::string quote;             ///< a piece of the item's quote; for add, the text it cites
  /// drop and fix: "value", only figures with this number match (practices never); unset = any
  std::optional<double> match_number;
  std::string match_value;       ///< "value" as written in the file ("12"), when set
  FactFields fields;             ///< fix: "set"; add: the new item's fields
  std::string note;              ///< "note": free text for people, ignored
  std::string by;                ///< "by": who made the entry (ptbrief serve writes it), kept
  std::string at;                ///< "at": when, ISO 8601 UTC (ptbrief serve writes it), kept
};

/// One "parks" entry: the park's name as it should print, more spellings of it, and parks that
/// are really the same one (their facts, aliases and articles move to it).
struct ParkCorrection {
  std::string json_path;             ///< "$.parks[0]"
  std::size_t line = 0, column = 0;
  std::string name;                  ///< canonical name from now on
  std::vector<std::string> aliases;  ///< spellings `ptbrief make --park` accepts too
  std::vector<std::string> merge;    ///< names (any spelling) of parks merged into this one
  std::string note;                  ///< "note": free text for people, ignored
  std::string by;                    ///< "by": who made the entry, kept
  std::string at;                    ///< "at": when, ISO 8601 UTC, kept
};

/// A validated corrections file. Empty (no file) is valid and changes nothing.
struct Corrections {
  std::string file;    ///< the path read, as given (for messages); "" when there is none
  std::string hash;    ///< sha256 hex of the file's bytes; "" when there is none
  std::vector<Correction> drop, fix, add;
  std::vector<ParkCorrection> parks;
  bool empty() const { return drop.empty() && fix.empty() && add.empty() && parks.empty(); }
};

/// The corrections file's name in a corpus folder.
inline constexpr const char* kCorrectionsName = "corrections.json";

/// Parses and validates the text of a corrections file (`file` names it in messages and
/// citations). Throws ptbrief::Error ("corrections.invalid", "corrections.json_syntax") with
/// line:column and JSON path for a bad field: unknown key, wrong type, missing file or quote,
/// unknown qualifier or kind, an add without its required fields.
Corrections parse_corrections(std::string_view text, const std::string& file);

/// The corrections as a file's text (stable key order, two-space indent), so a front end can
/// add an entry and write the file back: parse_corrections(to_json(c)) gives `c` again
/// (except `file`, `hash`, `json_path` and positions, which describe a file as read).
std::string to_json(const Corrections& c);

/// Reads and validates `file` (errors as parse_corrections, io.* when it cannot be read).
Corrections load_corrections(const std::filesystem::path& file);

/// The corrections for a corpus: `given` (--corrections FILE; must exist) when set, else
/// <corpus_dir>/corrections.json when it exists, else none (empty).
Corrections load_corrections_for(const std::filesystem::path& corpus_dir,
                                 const std::optional<std::filesystem::path>& given);

/// The file load_corrections_for would read, or "" when none: for hashing (packs).
std::filesystem::path corrections_path_for(const std::filesystem::path& corpus_dir,
                                           const std::optional<std::filesystem::path>& given);

/// What applying one entry did.
struct CorrectionOutcome {
  std::string json_path;     ///< the entry ("$.drop[0]", or "$.parks[1].merge[0]")
  std::size_t matched = 0;   ///< items dropped, changed or added (parks: parks renamed/merged)
  std::string message;       ///< when matched == 0: why, e.g. "matches nothing in 004_….txt"
};

/// Applies `c` to `facts` (in place), in this order: parks (rename, aliases, merges), drop,
/// fix, add. `corpus` is the corpus the facts were extracted from (add looks its quote up
/// there). Every item changed or added lists the entry in its `corrections`
/// ("corrections.json $.fix[0]"). An entry that matches nothing is a warning to `sink` (code
/// "corrections.unmatched", naming the corrections file, the entry's JSON path and the corpus
/// file), and its outcome has matched == 0. Returns one outcome per entry, in file order
/// (parks, drop, fix, add).
std::vector<CorrectionOutcome> apply_corrections(const Corrections& c,
                                                 const ingest::Corpus& corpus, Facts& facts,
                                                 DiagSink& sink);

}  // namespace ptbrief::extract
