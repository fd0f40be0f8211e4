// The hash memo's entry: a header line, then one line per file (see hash_memo.h).
#include "cache/hash_memo.h"

#include <sys/stat.h>

#include <charconv>
#include <chrono>
#include <string_view>
#include <vector>

#include "base/hash.h"

namespace ptbrief::cache {
namespace {

constexpr std::string_view kMagic = "ptbrief hash memo 1";
constexpr std::int64_t kRacyWindowNs = 2'000'000'000;  // FAT's 2 s; ext4/xfs are finer

std::int64_t ns(const timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// Splits `line` at tabs into exactly `n` fields.
bool fields(std::string_view line, std::size_t n, std::vector<std::string_view>& out) {
  out.clear();
  while (out.size() + 1 < n) {
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos) return false;
    out.push_back(line.substr(0, tab));
    line.remove_prefix(tab + 1);
  }
  out.push_back(line);
  return line.find('\t') == std::string_view::npos;
}

template <typename T>
bool number(std::string_view s, T& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool is_sha256_hex(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string to_string(const FileStamp& s) {
  return std::to_string(s.device) + ":" + std::to_string(s.inode) + ":" + std::to_string(s.size) +
         ":" + std::to_string(s.mtime_ns) + ":" + std::to_string(s.ctime_ns);
}

bool settled(const FileStamp& stamp, std::int64_t hashed_at_ns) {
  return std::max(stamp.mtime_ns, stamp.ctime_ns) < hashed_at_ns - kRacyWindowNs;
}

std::optional<FileStamp> stamp_of(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  FileStamp s;
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.inode = static_cast<std::uint64_t>(st.st_ino);
  s.device = static_cast<std::uint64_t>(st.st_dev);
  s.mtime_ns = ns(st.st_mtim);
  s.ctime_ns = ns(st.st_ctim);
  return s;
}

HashMemo::HashMemo(Store& store, const std::filesystem::path& corpus_dir)
    : store_(store), started_ns_(now_ns()) {
  std::error_code ec;
  const auto dir = std::filesystem::weakly_canonical(std::filesystem::absolute(corpus_dir), ec);
  key_ = Sha256().update(kMagic).update("\n").update((ec ? corpus_dir : dir).string()).hex();
  const auto bytes = store_.read(key_);
  if (!bytes) return;
  std::string_view text = *bytes;
  std::vector<std::string_view> f;
  std::map<std::string, Entry> entries;
  bool header = true;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) return;  // cut short: not trusted
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    if (header) {
      if (!fields(line, 2, f) || f[0] != kMagic || !number(f[1], written_ns_)) return;
      header = false;
      continue;
    }
    Entry e;
    if (!fields(line, 7, f) || f[0].empty() || !number(f[1], e.stamp.size) ||
        !number(f[2], e.stamp.mtime_ns) || !number(f[3], e.stamp.ctime_ns) ||
        !number(f[4], e.stamp.inode) || !number(f[5], e.stamp.device) || !is_sha256_hex(f[6]))
      return;
    e.hash = std::string(f[6]);
    entries.emplace(std::string(f[0]), std::move(e));
  }
  if (!header) loaded_ = std::move(entries);
}

std::optional<std::string> HashMemo::lookup(const std::string& name, const FileStamp& stamp) const {
  const auto it = loaded_.find(name);
  if (it == loaded_.end() || !(it->second.stamp == stamp)) return std::nullopt;
  if (!settled(stamp, written_ns_)) {  // as new as the run that hashed it: not to be trusted
    dirty_ = true;  // written again later, so the next run can trust it
    return std::nullopt;
  }
  kept_[name] = it->second;
  return it->second.hash;
}

void HashMemo::remember(const std::string& name, const FileStamp& stamp, const std::string& hash) {
  Entry& e = kept_[name];
  if (e.stamp == stamp && e.hash == hash) return;
  const auto old = loaded_.find(name);
  if (old == loaded_.end() || !(old->second.stamp == stamp) || old->second.hash != hash)
    dirty_ = true;
  e = {stamp, hash};
}

void HashMemo::save() {
  if (kept_.size() != loaded_.size()) dirty_ = true;  // files came or went
  if (!dirty_) return;
  std::string out = std::string(kMagic) + "\t" + std::to_string(started_ns_) + "\n";
  for (const auto& [name, e] : kept_) {
    if (name.find_first_of("\t\n") != std::string::npos) continue;  // not a name we can keep
    out += name + "\t" + std::to_string(e.stamp.size) + "\t" + std::to_string(e.stamp.mtime_ns) +
           "\t" + std::to_string(e.stamp.ctime_ns) + "\t" + std::to_string(e.stamp.inode) + "\t" +
           std::to_string(e.stamp.device) + "\t" + e.hash + "\n";
  }
  if (store_.write(key_, out)) {
    loaded_ = kept_;
    dirty_ = false;
  }
}

}  // namespace ptbrief::cache
