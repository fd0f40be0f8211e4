// Finding and starting a command's own executable (see helper.h).
#include "cli/helper.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "base/diagnostic.h"
#include "base/hash.h"
#include "base/i18n.h"

namespace ptbrief::cli {
namespace {

namespace fs = std::filesystem;

fs::path self_executable() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p;
}

bool is_executable_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

}  // namespace

fs::path helper_path(const std::string& name) {
  const fs::path dir = self_executable().parent_path();
  const fs::path beside = dir / name;
  const fs::path installed = (dir / PTBRIEF_HELPER_DIR / name).lexically_normal();
  for (const fs::path& p : {beside, installed})
    if (is_executable_file(p)) return p;
  Diagnostic d;
  d.code = "cli.helper_missing";
  d.message = trf("the program {1} is missing: looked for {2} and {3}",
                  {name, beside.string(), installed.string()});
  d.hint = tr("build it with 'make' in the source folder, or reinstall ptbrief");
  throw Error(d);
}

void exec_helper(const std::string& name, const std::vector<std::string>& args) {
  const fs::path program = helper_path(name);
  const fs::path self = self_executable();
  if (!self.empty()) ::setenv(kToolBinaryEnv, self.c_str(), 1);
  ::setenv(kToolBuildIdEnv, to_hex(running_build_id()).c_str(), 1);
  std::vector<std::string> words = {program.string()};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  ::execv(program.c_str(), argv.data());
  const int error = errno;
  Diagnostic d;
  d.code = "cli.helper_exec";
  d.message = trf("cannot start {1}: {2}", {program.string(), std::strerror(error)});
  d.hint = tr("check that the file is executable, or reinstall ptbrief");
  d.file = program.string();
  throw Error(d);
}

std::string tool_build_id() {
  if (const char* given = std::getenv(kToolBuildIdEnv); given && *given) return given;
  return to_hex(running_build_id());
}

fs::path tool_binary() {
  if (const char* given = std::getenv(kToolBinaryEnv); given && *given) return given;
  return self_executable();
}

}  // namespace ptbrief::cli
