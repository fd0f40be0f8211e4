// The pack manifest: what the last run built in an output folder and from which input hashes.
// Private to compiler/pack/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace ptbrief::pack {

/// A big input file (a font, the ptbrief binary) hashed once and then recognised by its stat
/// data: the content hash is reused while path, size, mtime and inode all stay the same.
struct FileStamp {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  std::string sha256;
  bool operator==(const FileStamp&) const = default;
};

/// A figure as it appeared in a brief: `key` identifies it across builds, `value` is compared.
struct FigureRecord {
  std::string key;    ///< "<park>|<subject>|<unit>" (+ "#n" for repeats)
  std::string label;  ///< "<park> <subject>", for the change list
  std::string value;  ///< qualifier + value + unit, e.g. "约2360家"
  bool operator==(const FigureRecord&) const = default;
};

/// One brief of the pack after expansion.
struct BriefEntry {
  std::string kind;         ///< "park" or "topic"
  std::string name;         ///< park name or topic id
  std::string layout;       ///< layout name or path
  std::string output_name;  ///< file name in the output folder
  bool operator==(const BriefEntry&) const = default;
};

/// What was last built for one brief. Written only after its PDF is in place.
struct BriefRecord {
  BriefEntry entry;
  std::map<std::string, std::string> inputs;   ///< input class → hash ("layout", "fonts", …)
  std::map<std::string, std::string> sources;  ///< corpus file name → sha256
  std::vector<std::string> font_files;         ///< font files the PDF embeds
  std::vector<FigureRecord> figures;
  std::uintmax_t pdf_size = 0;
  bool operator==(const BriefRecord&) const = default;
};

/// What was last built for the combined meeting PDF. Written only after it is in place.
struct CombinedRecord {
  std::string output_name;  ///< file name in the output folder
  std::string key;          ///< hash of everything it was built from (see plan_combined)
  std::uintmax_t pdf_size = 0;
  bool operator==(const CombinedRecord&) const = default;
};

struct Manifest {
  std::string pack;
  /// Hash of everything the "all parks"/"all topics" expansion depends on, and its result.
  std::string expansion_key;
  std::vector<BriefEntry> expansion;
  std::map<std::string, FileStamp> stamps;     ///< path → stamp (fonts, the tool binary)
  std::map<std::string, BriefRecord> briefs;   ///< output name → record
  std::optional<CombinedRecord> combined;      ///< the combined PDF, once built
  bool operator==(const Manifest&) const = default;
};

/// Reads the manifest; a missing one is empty. A damaged one is reported to `sink` and treated
/// as empty (everything is rebuilt), since the manifest is only a cache of past work.
Manifest read_manifest(const std::filesystem::path& file, DiagSink& sink);

/// Serialises the manifest as stable, sorted JSON.
std::string to_json(const Manifest& m);

}  // namespace ptbrief::pack
