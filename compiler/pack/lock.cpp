// The output folder's lock (flock) and removal of temp files left by killed runs.
#include "pack/lock.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "pack/pack.h"

namespace ptbrief::pack {
namespace {

namespace fs = std::filesystem;

/// The pid written in the lock file by its holder, or 0.
long read_holder(int fd) {
  char buf[32] = {};
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  return n > 0 ? std::strtol(buf, nullptr, 10) : 0;
}

/// A temp name of an older ptbrief, ".<name>.tmp.<pid>.<n>".
bool is_legacy_temp_name(const std::string& name) {
  if (name.size() < 2 || name[0] != '.') return false;
  auto at = name.rfind(".tmp.");
  if (at == std::string::npos) return false;
  std::string rest = name.substr(at + 5);  // "<pid>.<n>"
  auto dot = rest.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == rest.size()) return false;
  return std::count(rest.begin(), rest.end(), '.') == 1 &&
         rest.find_first_not_of(".0123456789") == std::string::npos;
}

[[noreturn]] void lock_fail(int fd, const fs::path& file, const std::string& why,
                            const std::string& hint) {
  if (fd >= 0) ::close(fd);
  fail("pack.lock", "cannot lock '" + file.string() + "': " + why, hint, file.string());
}

}  // namespace

FolderLock::FolderLock(const fs::path& folder, const std::function<void(long)>& on_wait) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  fs::path file = folder / kLockName;
  // O_NOFOLLOW: a symlink planted under the lock's name is refused, never followed; and the
  // file is never truncated (it may be anyone's), only its first bytes overwritten.
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
  if (fd_ < 0 && errno == ELOOP)
    lock_fail(-1, file, "it is a symbolic link",
              "remove it: the lock file must be a regular file in the output folder");
  if (fd_ < 0)
    lock_fail(-1, file, std::strerror(errno), "check that the output folder is writable");
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode))
    lock_fail(fd_, file, "it is not a regular file",
              "remove it: the lock file must be a regular file in the output folder");
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK)
      lock_fail(fd_, file, std::strerror(errno),
                "the output folder must be on a file system that supports flock");
    if (on_wait) on_wait(read_holder(fd_));
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      lock_fail(fd_, file, std::strerror(errno), "");
    }
  }
  // The pid is only for messages (a shorter pid leaves old digits after its newline, which
  // read_holder ignores); a failed write does not weaken the lock. A file with other names
  // (a hard link planted under the lock's name) is locked but never written.
  std::string pid = std::to_string(::getpid()) + "\n";
  if (st.st_nlink == 1 && ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
  }
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

std::size_t remove_stale_temp_files(const fs::path& folder) {
  // Under the folder lock no other pack writes here, so every temp file is a leftover: its
  // writer's pid proves nothing (a zombie or a reused pid still answers kill(pid, 0)).
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    const std::string name = e.path().filename().string();
    if (!is_temp_file_name(name) && !is_legacy_temp_name(name)) continue;
    std::error_code rm;
    if (fs::remove(e.path(), rm)) removed++;
  }
  return removed;
}

}  // namespace ptbrief::pack
