// Hashing a brief's inputs: corpus files, layouts with their `extends` chain, fonts (with a stat
// cache), and the slice of the extracted facts a brief draws on.
#include "pack/inputs.h"

#include <sys/stat.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "base/limits.h"
#include "base/paths.h"
#include "ingest/ingest.h"

namespace ptbrief::pack {
namespace {

namespace fs = std::filesystem;

/// Reads `file` and hashes it; "missing" when it cannot be read.
std::string hash_or_missing(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return "missing";
  std::string hash = sha256_file_hex(file);  // in chunks: never the whole file in memory
  return hash.empty() ? "unreadable" : hash;
}

/// "约", "超过", "不到" or "" for a qualifier, as the value is written in a brief.
std::string qualifier_word(extract::Qualifier q) {
  switch (q) {
    case extract::Qualifier::About: return "约";
    case extract::Qualifier::Over: return "超";
    case extract::Qualifier::Under: return "不到";
    case extract::Qualifier::Exact: break;
  }
  return "";
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

std::map<std::string, std::string> hash_folder(const fs::path& dir) {
  // Only the files ingest reads (same rule, same size limit), so pack never reads or hashes a
  // file it will not use. The folder's error and each entry's are kept apart: an entry that
  // cannot be inspected (a dangling symlink) is skipped, as ingest skips it.
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::error_code entry_ec;
    if (!ingest::is_article_file(e.path()) || !e.is_regular_file(entry_ec)) continue;
    // A file that cannot be read is left out of the facts with a warning (ingest, BadFile::Skip);
    // here it only needs a hash that changes once it can be read.
    try {
      out[e.path().filename().string()] = sha256_hex(read_file(e.path()));
    } catch (const Error&) {
      out[e.path().filename().string()] = "unreadable";
    } catch (const fs::filesystem_error&) {
      out[e.path().filename().string()] = "unreadable";
    }
  }
  if (ec) fail("pack.corpus", "cannot read the corpus folder '" + dir.string() + "': " + ec.message(),
               "set \"corpus\" in the pack file or PTBRIEF_CORPUS", dir.string());
  return out;
}

std::string digest(const std::map<std::string, std::string>& hashes) {
  Sha256 h;
  for (const auto& [k, v] : hashes) h.update(k).update(std::string_view("\0", 1)).update(v).update("\n");
  return h.hex();
}

std::vector<fs::path> layout_files(const std::string& name_or_path) {
  // A bare name is layouts/<name>.json; a path is taken from the folder of the file naming it.
  auto resolve = [](const std::string& ref, const fs::path& relative_to) {
    fs::path p(ref);
    if (!p.has_parent_path() && p.extension() != ".json")
      return find_data_file("layouts/" + ref + ".json");
    return (p.is_absolute() ? p : relative_to / p).lexically_normal();
  };
  std::vector<fs::path> files;
  std::string next = name_or_path;
  fs::path relative_to = fs::current_path();
  for (int depth = 0; !next.empty() && depth <= limits::kMaxLayoutExtends; ++depth) {
    fs::path file = resolve(next, relative_to);
    if (std::find(files.begin(), files.end(), file) != files.end()) break;  // a cycle
    files.push_back(file);
    next.clear();
    relative_to = file.parent_path();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) break;
    auto j = nlohmann::json::parse(read_file(file, limits::kMaxJsonBytes), nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && j.contains("extends") && j["extends"].is_string())
      next = j["extends"].get<std::string>();
  }
  return files;
}

std::string hash_files(const std::vector<fs::path>& files) {
  Sha256 h;
  for (const auto& f : files) h.update(f.filename().string()).update(":").update(hash_or_missing(f)).update("\n");
  return h.hex();
}

std::string stamped_hash(const fs::path& file, std::map<std::string, FileStamp>& stamps,
                         const HashMemo& memo) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    stamps.erase(file.string());
    return "missing";
  }
  FileStamp now;
  now.size = static_cast<std::uintmax_t>(st.st_size);
  now.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  now.inode = static_cast<std::uint64_t>(st.st_ino);
  auto it = stamps.find(file.string());
  if (it != stamps.end() && it->second.size == now.size && it->second.mtime_ns == now.mtime_ns &&
      it->second.inode == now.inode)
    return it->second.sha256;
  if (memo.cache.enabled && S_ISREG(st.st_mode))
    now.sha256 = cache::file_hash(file, memo.cache, memo.corpus_dir);
  if (now.sha256.empty()) now.sha256 = hash_or_missing(file);
  stamps[file.string()] = now;
  return now.sha256;
}

fs::path font_manifest_path() { return find_data_file("fonts/manifest.json"); }

BriefFacts select_facts(const extract::Facts& facts, const BriefEntry& entry,
                        const std::vector<std::string>& corpus_files) {
  const bool park = entry.kind == "park";
  auto mine = [&](const std::string& p, const std::vector<std::string>& topics) {
    return park ? p == entry.name : has(topics, entry.name);
  };
  std::set<std::string> files;
  Sha256 h;
  auto add = [&](const extract::Location& at, std::initializer_list<std::string_view> parts) {
    files.insert(at.span.file);
    for (auto part : parts) h.update(part).update("\x1f");
    h.update(at.span.file).update(std::to_string(at.span.start)).update("\x1e");
  };

  // Figures, remembered for the change list; repeats of one key get "#2", "#3".
  BriefFacts out;
  std::map<std::string, int> seen;
  for (const auto& f : facts.figures) {
    if (!mine(f.park, f.topics)) continue;
    std::string value = qualifier_word(f.qualifier) + f.value + f.unit;
    add(f.source, {"figure", f.park, f.subject, value, to_string(f.kind), f.quote});
    std::string key = f.park + "|" + f.subject + "|" + f.unit;
    if (int n = ++seen[key]; n > 1) key += "#" + std::to_string(n);
    out.figures.push_back({key, f.park + " " + f.subject, value});
  }
  for (const auto& p : facts.practices)
    if (mine(p.park, p.topics)) add(p.source, {"practice", p.park, p.name, p.category, p.summary});
  for (const auto& s : facts.summaries)
    if (mine(s.park, s.topics)) add(s.source, {"summary", s.park, s.text});

  // A park brief also draws on every article that reports on the park.
  if (park) {
    for (const auto& p : facts.parks) {
      if (p.name != entry.name) continue;
      for (const auto& id : p.articles) {
        std::string stem = id.substr(0, id.find('#'));
        for (const auto& name : corpus_files)
          if (fs::path(name).stem().string() == stem) files.insert(name);
        h.update("article").update(id).update("\x1e");
      }
    }
  }
  out.files.assign(files.begin(), files.end());
  out.digest = h.hex();
  return out;
}

}  // namespace ptbrief::pack
