// The corrections file the page edits: corrections.json in the corpus folder, in the format
// `make` and `pack` read (issue 10): {"drop": […], "fix": […], "add": […], "parks": […]}.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <mutex>
#include <string>

#include "extract/corrections.h"

namespace ptbrief::serve {

using Json = nlohmann::ordered_json;

/// The sections of a corrections file, in file order.
inline constexpr const char* kCorrectionSections[] = {"drop", "fix", "add", "parks"};

/// Checks a corrections document posted by the page or a script against the format: an object
/// whose members are the sections, each an array of objects with the fields its kind needs
/// (file and quote; fix: set; add: type figure|practice and its fields; parks: name). File
/// names must be article files in `corpus`. Throws ptbrief::Error "serve.bad_corrections"
/// naming the JSON path ($.drop[0].file) and what to do.
void check_corrections(const Json& doc, const std::filesystem::path& corpus);

/// Reads, merges and writes corrections.json in one corpus folder. Every change re-reads the
/// file (so a hand edit between two changes is kept), applies the change and writes the whole
/// file atomically (write_file_atomically: fsync, rename) before it returns: an accepted change
/// survives a killed server. Changes from threads of one server are serialised.
class CorrectionsStore {
 public:
  explicit CorrectionsStore(std::filesystem::path corpus);

  /// The path of the file (it may not exist yet).
  const std::filesystem::path& path() const { return path_; }

  /// The current file, {} (every section empty) when there is none. Throws ptbrief::Error
  /// "serve.corrections_file" when the file is not valid JSON in the format.
  Json read() const;

  /// Merges `posted` (checked with check_corrections) into the file: an entry replaces the
  /// entry of its section with the same identity (file, quote, type and, for drop and fix, the
  /// figure's "value"; name for parks), else it is appended. Each merged entry gets "by" (`by`, when the entry has none)
  /// and "at" (`at`, UTC ISO 8601). Returns the new file.
  Json merge(const Json& posted, const std::string& by, const std::string& at);

  /// Removes the entries of the file with the identities of `posted`'s entries (an undo).
  /// Returns the new file.
  Json remove(const Json& posted);

 private:
  Json read_unlocked() const;
  void write_unlocked(const Json& doc);

  std::filesystem::path corpus_, path_;
  mutable std::mutex mutex_;
};

/// `doc` as extract's parser reads it ("by" and "at" included: they are fields of the format).
/// Throws what extract::parse_corrections throws ("corrections.invalid" with the JSON path).
extract::Corrections parse_for_make(const Json& doc, const std::string& file);

/// The current UTC time as "2026-12-01T11:05:49Z" (the "at" of a correction).
std::string utc_now();

}  // namespace ptbrief::serve
