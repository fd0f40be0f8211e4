// The ptbrief application: dispatches a command line to its command; picks the exit code.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/args.h"

namespace ptbrief::cli {

/// Exit codes (qpdf's scheme): 0 success, 2 errors (usage or input), 3 success with warnings.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 2;
inline constexpr int kExitWarnings = 3;

/// Every command ptbrief knows, in help order.
const std::vector<CommandSpec>& all_commands();

/// Runs ptbrief with `args` (without the program name). Never throws.
int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// Runs one command with `args` (after the command's name): its --help, or parse and run,
/// with every error reported as run_app does. A command with a helper executable is handed to
/// it (exec: this returns only when that fails). Never throws.
int run_command(const CommandSpec& cmd, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);

}  // namespace ptbrief::cli
