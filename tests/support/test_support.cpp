// Helpers shared by the tests.
#include "support/test_support.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "base/paths.h"

namespace ptbrief::test {
namespace {

std::string read_fd(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<std::size_t>(n));
  return s;
}

}  // namespace

std::filesystem::path corpus_dir() {
  auto dir = ptbrief::default_corpus_dir();
  INFO("corpus folder " << dir.string());
  REQUIRE(std::filesystem::is_directory(dir));
  return dir;
}

std::filesystem::path gold_dir() {
  auto dir = corpus_dir().parent_path() / "gold";
  REQUIRE(std::filesystem::is_directory(dir));
  return dir;
}

std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::path(PTBRIEF_TEST_SCRATCH) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

RunResult run_ptbrief(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  // Capture stdout and stderr through temp files so large outputs cannot deadlock a pipe.
  auto dir = std::filesystem::path(PTBRIEF_TEST_SCRATCH);
  std::filesystem::create_directories(dir);
  std::string out_path = (dir / ("run." + std::to_string(::getpid()) + ".out")).string();
  std::string err_path = (dir / ("run." + std::to_string(::getpid()) + ".err")).string();
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(o, 1);
    ::dup2(e, 2);
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    for (const auto& kv : env) ::putenv(const_cast<char*>(kv.c_str()));
    std::vector<char*> argv;
    std::string bin = PTBRIEF_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return r;
}

RunResult run_shell(const std::string& command_line) {
  RunResult r;
  std::string cmd = command_line + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  r.out = read_fd(::fileno(p));
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return r;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  INFO("reading " << path.string());
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace ptbrief::test
