// The output folder's lock (flock) and removal of temp files left by killed runs.
#include "pack/lock.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

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

/// The pid in a temp name ".<name>.tmp.<pid>.<n>", or 0 when `name` is not one.
long temp_file_pid(const std::string& name) {
  if (name.size() < 2 || name[0] != '.') return 0;
  auto at = name.rfind(".tmp.");
  if (at == std::string::npos) return 0;
  std::string rest = name.substr(at + 5);  // "<pid>.<n>"
  auto dot = rest.find('.');
  if (dot == std::string::npos || dot == 0) return 0;
  for (char c : rest)
    if (c != '.' && (c < '0' || c > '9')) return 0;
  return std::strtol(rest.substr(0, dot).c_str(), nullptr, 10);
}

}  // namespace

FolderLock::FolderLock(const fs::path& folder, const std::function<void(long)>& on_wait) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  fs::path file = folder / kLockName;
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    fail("pack.lock", "cannot open the lock file '" + file.string() + "': " + std::strerror(errno),
         "check that the output folder is writable", file.string());
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      ::close(fd_);
      fail("pack.lock", "cannot lock '" + file.string() + "': " + std::strerror(errno),
           "the output folder must be on a file system that supports flock", file.string());
    }
    if (on_wait) on_wait(read_holder(fd_));
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      ::close(fd_);
      fail("pack.lock", "cannot lock '" + file.string() + "': " + std::strerror(errno), "",
           file.string());
    }
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // The pid is only for messages; a failed write does not weaken the lock.
  }
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

std::size_t remove_stale_temp_files(const fs::path& folder) {
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    long pid = temp_file_pid(e.path().filename().string());
    if (pid <= 0) continue;
    bool alive = pid != ::getpid() && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
    if (!alive && fs::remove(e.path(), ec)) removed++;
  }
  return removed;
}

}  // namespace ptbrief::pack
