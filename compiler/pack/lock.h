// The output folder's lock and crash clean-up. Private to compiler/pack/.
#pragma once

#include <filesystem>
#include <functional>

namespace ptbrief::pack {

/// An exclusive flock(2) on `<folder>/.ptbrief-pack.lock`, held for the object's lifetime.
/// The kernel drops it when the process dies (even by SIGKILL), so a crash never leaves the
/// folder locked. The holder writes its pid into the file for the waiter's message. The lock
/// file is opened with O_NOFOLLOW and never truncated; a symlink or a non-regular file under
/// its name is refused (code "pack.lock").
class FolderLock {
 public:
  /// Creates the folder if needed and takes the lock. When another process holds it, calls
  /// `on_wait(holder_pid)` once (0 when unknown) and then blocks until it is released.
  FolderLock(const std::filesystem::path& folder, const std::function<void(long)>& on_wait);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

/// Removes every temp file that write_file_atomically (or an older ptbrief, ".<name>.tmp.<pid>.<n>")
/// left in `folder`: called while holding the lock, when no other pack can be writing there, so
/// all of them are stale whatever their writer's pid. Returns how many were removed.
std::size_t remove_stale_temp_files(const std::filesystem::path& folder);

}  // namespace ptbrief::pack
