// Commands that run in an executable of their own: `ptbrief serve` is ptbrief-serve, so the
// HTTP server's libraries (cpp-httplib, OpenSSL, Brotli) are loaded by the server only and
// not by every `make` (they were a third of a cold brief's start-up).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ptbrief::cli {

/// The environment variable through which ptbrief tells a helper which ptbrief started it
/// (a pack built by the server is stamped with the ptbrief binary, as `ptbrief pack` stamps).
inline constexpr const char* kToolBinaryEnv = "PTBRIEF_TOOL_BINARY";
/// … and that ptbrief's ELF build ID (hex), which `ptbrief pack` stamps its packs with.
inline constexpr const char* kToolBuildIdEnv = "PTBRIEF_TOOL_BUILD_ID";

/// Where the helper executable `name` is: beside this executable (the build tree), else in
/// <bindir>/PTBRIEF_HELPER_DIR (the installed libexec/ptbrief). Throws Error naming both
/// places when neither holds an executable file.
std::filesystem::path helper_path(const std::string& name);

/// Replaces this process by the helper `name` with `args`, after setting kToolBinaryEnv and
/// kToolBuildIdEnv to this executable's. Returns only by throwing Error (not found, or exec
/// failed).
[[noreturn]] void exec_helper(const std::string& name, const std::vector<std::string>& args);

/// The ptbrief binary that started this helper (kToolBinaryEnv), else this executable.
std::filesystem::path tool_binary();

/// The build ID (hex) of the ptbrief that started this helper (kToolBuildIdEnv), else this
/// executable's; empty when it has none.
std::string tool_build_id();

}  // namespace ptbrief::cli
