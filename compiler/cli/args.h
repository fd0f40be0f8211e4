// Command-line parsing: commands, their options, and usage text.
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ptbrief::cli {

/// One option of a command: `--name VALUE` or a flag `--name`.
struct OptionSpec {
  std::string name;         ///< long name without dashes, e.g. "corpus"
  std::string value_name;   ///< e.g. "DIR"; empty for a flag
  std::string help;
  std::string short_name;   ///< e.g. "o" for -o, or empty
  bool repeatable = false;  ///< may be given more than once (all values in Invocation::lists)
};

/// What the user asked for, after parsing and checking against the command's options.
struct Invocation {
  std::map<std::string, std::string> values;  ///< options given with a value (the last one)
  std::map<std::string, std::vector<std::string>> lists;  ///< every value of each option
  std::vector<std::string> flags;             ///< flags given
  std::vector<std::string> positional;        ///< remaining arguments
  std::ostream* out = nullptr;                ///< where results go (stdout)
  std::ostream* err = nullptr;                ///< where diagnostics go (stderr)

  bool has(const std::string& flag) const;
  std::optional<std::string> value(const std::string& name) const;
  std::string value_or(const std::string& name, const std::string& fallback) const;
};

struct CommandSpec {
  std::string name;
  std::string summary;                 ///< one line for `ptbrief --help`
  std::string synopsis;                ///< e.g. "ptbrief ingest [--corpus DIR] [--format json|text]"
  std::string description;             ///< paragraph(s) after the synopsis
  std::vector<OptionSpec> options;
  std::size_t max_positional = 0;
  int (*run)(const Invocation&) = nullptr;
  /// When set, the command runs in this separate executable (see cli/helper.h), so every
  /// other ptbrief run starts without loading its libraries; `run` is then unused here.
  std::string helper;
};

/// A mistake on the command line: one line of explanation; the caller prints usage, exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses `args` (after the command name) against `spec`. Throws UsageError; an unknown option
/// names the nearest known ones ("did you mean '--park'?").
Invocation parse_command_args(const CommandSpec& spec, const std::vector<std::string>& args);

/// Full help text for one command.
std::string command_help(const CommandSpec& spec);

}  // namespace ptbrief::cli
