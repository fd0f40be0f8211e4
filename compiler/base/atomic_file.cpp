// Atomic file output and whole-file reads.
#include "base/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <atomic>
#include <string>

#include "base/diagnostic.h"

namespace ptbrief {
namespace {

[[noreturn]] void io_fail(const std::string& what, const std::filesystem::path& path) {
  fail("io.write", what + " '" + path.string() + "': " + std::strerror(errno),
       "check that the folder exists, is writable and the disk is not full", path.string());
}

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      io_fail("cannot write", path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  const auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  // A temp name that cannot clash with a concurrent writer: pid plus a counter.
  static std::atomic<unsigned> counter{0};
  auto tmp = dir / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                    std::to_string(counter++));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) io_fail("cannot create", tmp);
  try {
    write_all(fd, bytes, tmp);
    if (::fsync(fd) != 0) io_fail("cannot flush", tmp);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    io_fail("cannot rename into", path);
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail("io.read", "cannot open '" + path.string() + "': " + std::strerror(errno),
         "check the path and its permissions", path.string());
  }
  std::string data;
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size > 0) {
    data.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(data.data(), size);
  } else {
    data.assign(std::istreambuf_iterator<char>(in), {});
  }
  return data;
}

}  // namespace ptbrief
