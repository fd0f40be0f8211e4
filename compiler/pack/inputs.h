// The inputs a brief depends on, hashed: corpus files, layout files, fonts, per-brief facts.
// Private to compiler/pack/.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cache/cache.h"
#include "extract/extract.h"
#include "pack/manifest.h"

namespace ptbrief::pack {

/// sha256 of every regular, non-hidden file directly in `dir`, by base name (sorted).
std::map<std::string, std::string> hash_folder(const std::filesystem::path& dir);

/// One hash over a sorted name → hash map.
std::string digest(const std::map<std::string, std::string>& hashes);

/// The layout file named by `name_or_path` and the files it `extends`, nearest first.
/// A layout name is layouts/<name>.json in the project root; a missing file is still listed
/// (the build then fails with the layout loader's error).
std::vector<std::filesystem::path> layout_files(const std::string& name_or_path);

/// Hash of the contents of `files` (a missing file hashes as "missing").
std::string hash_files(const std::vector<std::filesystem::path>& files);

/// Where stamped_hash looks up and remembers hashes between runs and output folders: the fact
/// cache's folder (cache::file_hash); `cache.enabled` false: nowhere.
struct HashMemo {
  cache::Options cache = cache::disabled();
  std::filesystem::path corpus_dir;  ///< for the cache's default folder
};

/// Content hash of a large file, reusing `stamps[path]` while its size, mtime and inode are
/// unchanged (so a no-change run does not re-read 20 MB fonts), else `memo`'s remembered hash,
/// else reading it (in chunks). Updates `stamps`.
std::string stamped_hash(const std::filesystem::path& file,
                         std::map<std::string, FileStamp>& stamps, const HashMemo& memo = {});

/// The font manifest (fonts/manifest.json in the project root).
std::filesystem::path font_manifest_path();

/// What one brief draws on in the extracted facts.
struct BriefFacts {
  std::vector<std::string> files;     ///< corpus file names its facts come from, sorted
  std::string digest;                 ///< hash of the facts themselves
  std::vector<FigureRecord> figures;  ///< its figures, keyed for the change list
};

/// Selects the facts of a park or topic brief. `corpus_files` maps article ids' file stems
/// back to file names.
BriefFacts select_facts(const extract::Facts& facts, const BriefEntry& entry,
                        const std::vector<std::string>& corpus_files);

}  // namespace ptbrief::pack
