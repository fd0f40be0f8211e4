// Atomic file output and bounded whole-file reads.
#include "base/atomic_file.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "base/diagnostic.h"

namespace ptbrief {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTempInfix = ".tmp.";
constexpr std::size_t kTempSuffixLength = 6;
constexpr std::string_view kTempAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

[[noreturn]] void io_fail(const std::string& what, const fs::path& path) {
  fail("io.write", what + " '" + path.string() + "': " + std::strerror(errno),
       "check that the folder exists, is writable and the disk is not full", path.string());
}

/// "a folder", "a device", … for messages about a file that is not a regular one.
std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

void write_all(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      io_fail("cannot write", path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

/// Six random characters from the kernel's generator (mkstemp's scheme, with our own name).
std::string random_suffix() {
  unsigned char raw[kTempSuffixLength];
  std::size_t got = 0;
  while (got < sizeof raw) {
    ssize_t n = ::getrandom(raw + got, sizeof raw - got, 0);
    if (n < 0 && errno != EINTR) io_fail("cannot get random bytes for a temp name", ".");
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  std::string out;
  for (unsigned char b : raw) out += kTempAlphabet[b % kTempAlphabet.size()];
  return out;
}

/// Creates a new temp file beside `path` (O_EXCL|O_NOFOLLOW: never an existing file or a
/// symlink); returns its descriptor and sets `tmp` to its name.
int create_temp(const fs::path& dir, const fs::path& path, fs::path& tmp) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    tmp = dir / ("." + path.filename().string() + std::string(kTempInfix) + random_suffix());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0) return fd;
    if (errno != EEXIST) io_fail("cannot create", tmp);
  }
  io_fail("cannot find a free temp name for", path);
}

/// Refuses a target that is there and is not a regular file; returns whether one exists and
/// fills `old` with its status.
bool check_target(const fs::path& path, struct stat& old) {
  if (::lstat(path.c_str(), &old) != 0) {
    if (errno == ENOENT) return false;
    io_fail("cannot inspect", path);
  }
  if (S_ISREG(old.st_mode)) return true;
  fail("io.not_regular",
       "refusing to replace '" + path.string() + "': it is " + kind_of(old.st_mode) +
           ", not a regular file",
       "choose an output path that is a regular file or does not exist yet", path.string());
}

/// Gives the temp file the replaced file's group and permission bits. Without the group the
/// group bits are dropped, so the old group's access never passes to another group.
void keep_mode_and_group(int fd, const struct stat& old) {
  mode_t mode = old.st_mode & 07777;
  if (::fchown(fd, static_cast<uid_t>(-1), old.st_gid) != 0) mode &= ~mode_t{070};
  (void)::fchmod(fd, mode);
}

}  // namespace

bool is_temp_file_name(std::string_view name) {
  if (name.size() < 1 + 1 + kTempInfix.size() + kTempSuffixLength || name[0] != '.') return false;
  const std::string_view suffix = name.substr(name.size() - kTempSuffixLength);
  const std::string_view infix =
      name.substr(name.size() - kTempSuffixLength - kTempInfix.size(), kTempInfix.size());
  return infix == kTempInfix && suffix.find_first_not_of(kTempAlphabet) == std::string_view::npos;
}

void write_file_atomically(const fs::path& path, std::string_view bytes, Sync sync) {
  const auto dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  struct stat old {};
  const bool replacing = check_target(path, old);
  fs::path tmp;
  int fd = create_temp(dir, path, tmp);
  try {
    if (replacing) keep_mode_and_group(fd, old);
    write_all(fd, bytes, tmp);
    if (sync == Sync::Now && ::fsync(fd) != 0) io_fail("cannot flush", tmp);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    io_fail("cannot rename into", path);
  }
  if (sync == Sync::Later) return;
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

void sync_files(const std::vector<fs::path>& files) {
  std::vector<fs::path> dirs;
  for (const fs::path& file : files) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) continue;
      io_fail("cannot open to flush", file);
    }
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) io_fail("cannot flush", file);
    fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(std::move(dir));
  }
  for (const fs::path& dir : dirs) {
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      ::fsync(dfd);
      ::close(dfd);
    }
  }
}

std::string read_file(const fs::path& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer before the type check refuses it.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    fail("io.read", "cannot open '" + path.string() + "': " + std::strerror(errno),
         "check the path and its permissions", path.string());
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const std::string kind = S_ISREG(st.st_mode) ? "unreadable" : kind_of(st.st_mode);
    ::close(fd);
    fail("io.not_regular", "cannot read '" + path.string() + "': it is " + kind,
         "give the path of a regular file", path.string());
  }
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
    ::close(fd);
    fail("io.too_large",
         "'" + path.string() + "' is " + std::to_string(st.st_size) + " bytes, more than the " +
             std::to_string(max_bytes) + "-byte limit",
         "check that this is the right file", path.string());
  }
  // Read up to one byte past the limit, so a file that grows meanwhile is refused too.
  // One allocation: the look past the end fits the capacity (growing would double it, so a
  // 50 MB file once took 100 MB to read).
  std::string data;
  data.reserve(static_cast<std::size_t>(st.st_size) + 4096);
  data.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  for (;;) {
    if (got == data.size()) {
      if (data.size() > max_bytes) break;
      data.resize(data.size() + 4096);
    }
    ssize_t n = ::read(fd, data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
      fail("io.read", "cannot read '" + path.string() + "': " + std::strerror(errno),
           "check the file's permissions", path.string());
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (got > max_bytes)
    fail("io.too_large", "'" + path.string() + "' grew past the " + std::to_string(max_bytes) +
                             "-byte limit while it was read",
         "check that this is the right file", path.string());
  data.resize(got);
  return data;
}

}  // namespace ptbrief
