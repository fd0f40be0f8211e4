// The fact cache's folder. Entries are written without fsync: a cache entry is not worth a
// disk flush, and one that a crash leaves torn fails its checksum and is rebuilt.
#include "cache/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <system_error>
#include <vector>

namespace ptbrief::cache {
namespace {

constexpr std::string_view kSuffix = ".fc";
// The largest entry read: a record is a few times its file's text at most.
constexpr std::uint64_t kMaxEntryBytes = std::uint64_t{2} << 30;
// A hit refreshes the entry's time when it is older than this (eviction is by last use).
constexpr auto kTouchAfter = std::chrono::hours(1);
// A temp file older than this belongs to a run that died.
constexpr auto kStaleTemp = std::chrono::minutes(10);

std::string temp_name(std::string_view key) {
  static std::atomic<unsigned> counter{0};
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return "." + std::string(key) + ".tmp." + std::to_string(::getpid()) + "." +
         std::to_string(counter++) + "." + std::to_string(rng() % 1000000007);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

Store::Store(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::optional<std::string> Store::read(std::string_view key) const {
  const auto path = dir_ / (std::string(key) + std::string(kSuffix));
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<std::uint64_t>(st.st_size) <= kMaxEntryBytes) {
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
      const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got == bytes.size()) out = std::move(bytes);
    const auto age = std::chrono::seconds(::time(nullptr) - st.st_mtime);
    if (out && age > kTouchAfter) ::futimens(fd, nullptr);  // marks it used; failure is harmless
  }
  ::close(fd);
  return out;
}

bool Store::write(std::string_view key, std::string_view bytes) {
  std::error_code ec;
  if (!ready_) {
    std::filesystem::create_directories(dir_, ec);
    if (ec || !std::filesystem::is_directory(dir_, ec)) return false;
    ready_ = true;
  }
  const auto temp = dir_ / temp_name(key);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  const bool ok = write_all(fd, bytes);
  if (::close(fd) != 0 || !ok ||
      ::rename(temp.c_str(), (dir_ / (std::string(key) + std::string(kSuffix))).c_str()) != 0) {
    ::unlink(temp.c_str());
    return false;
  }
  return true;
}

std::size_t Store::evict(std::uint64_t max_bytes) const {
  struct Entry {
    std::filesystem::file_time_type used;
    std::uint64_t size;
    std::filesystem::path path;
  };
  std::vector<Entry> entries;
  std::uint64_t total = 0;
  std::error_code ec;
  const auto now = std::filesystem::file_time_type::clock::now();
  for (auto it = std::filesystem::directory_iterator(dir_, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code e;
    if (!it->is_regular_file(e) || e) continue;
    const auto time = it->last_write_time(e);
    if (e) continue;
    if (name.starts_with(".") && name.find(".tmp.") != std::string::npos) {
      if (now - time > kStaleTemp) std::filesystem::remove(it->path(), e);
      continue;
    }
    if (!name.ends_with(kSuffix)) continue;
    const std::uint64_t size = it->file_size(e);
    if (e) continue;
    entries.push_back({time, size, it->path()});
    total += size;
  }
  if (total <= max_bytes) return 0;
  // Oldest first, down to 3/4 of the bound so the next few runs do not scan again.
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.used < b.used; });
  std::size_t removed = 0;
  for (const auto& e : entries) {
    if (total <= max_bytes / 4 * 3) break;
    std::error_code r;
    if (std::filesystem::remove(e.path, r)) ++removed;
    total -= e.size;
  }
  return removed;
}

}  // namespace ptbrief::cache
