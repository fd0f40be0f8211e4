// The ptbrief application: top-level help, version, dispatch and error reporting.
#include "cli/app.h"

#include <exception>
#include <iostream>

#include "base/diagnostic.h"
#include "base/paths.h"
#include "base/suggest.h"
#include "cli/commands.h"
#include "ingest/ingest.h"
#include "pdf/pdf.h"
#include "typeset/typeset.h"

namespace ptbrief::cli {
namespace {

std::string top_usage() {
  std::string s =
      "usage: ptbrief <command> [options]\n"
      "       ptbrief --help | --version\n\n"
      "ptbrief compiles noisy Chinese news articles about industrial parks into printable\n"
      "PDF briefings, one per park or per topic.\n\ncommands:\n";
  for (const auto& c : all_commands()) {
    std::string left = "  " + c.name;
    s += left + std::string(left.size() < 12 ? 12 - left.size() : 1, ' ') + c.summary + "\n";
  }
  s += "\nRun 'ptbrief <command> --help' for a command's options.\n";
  return s;
}

/// "ptbrief 0.1.0", the versions of the libraries that do the work, and the data folders in
/// the order they are searched.
std::string version_text() {
  std::string data;
  for (const auto& d : data_dirs()) data += (data.empty() ? "" : ", ") + d.string();
  return std::string("ptbrief ") + PTBRIEF_VERSION + "\nICU " + ingest::icu_version() +
         "\nHarfBuzz " + typeset::harfbuzz_version() + "\nlibharu " + pdf::libharu_version() +
         "\ndata: " + (data.empty() ? "(none found)" : data) + "\n";
}

/// "; did you mean 'make'?" for a mistyped command, or "".
std::string command_suggestion(const std::string& name) {
  std::vector<std::string> names;
  for (const auto& c : all_commands()) names.push_back(c.name);
  const auto near = nearest_names(name, names);
  return near.empty() ? "" : "; did you mean '" + near.front() + "'?";
}

const CommandSpec* find_command(const std::string& name) {
  for (const auto& c : all_commands())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace

const std::vector<CommandSpec>& all_commands() {
  static const std::vector<CommandSpec> commands = {
      make_command(), pack_command(), list_command(), extract_command(), ingest_command(),
      debug_command()};
  return commands;
}

int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << "ptbrief: no command given\n" << top_usage();
    return kExitError;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    if (args.size() > 1) {
      if (const CommandSpec* c = find_command(args[1])) {
        out << command_help(*c);
        return kExitOk;
      }
      err << "ptbrief: unknown command '" << args[1] << "'" << command_suggestion(args[1]) << "\n"
          << top_usage();
      return kExitError;
    }
    out << top_usage();
    return kExitOk;
  }
  if (first == "--version" || first == "-V") {
    out << version_text();
    return kExitOk;
  }
  const CommandSpec* cmd = find_command(first);
  if (!cmd) {
    const bool option = first[0] == '-';
    err << "ptbrief: unknown " << (option ? "option" : "command") << " '" << first << "'"
        << (option ? "" : command_suggestion(first)) << "\n"
        << top_usage();
    return kExitError;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const auto& a : rest) {
    if (a == "--") break;
    if (a == "--help" || a == "-h") {
      out << command_help(*cmd);
      return kExitOk;
    }
  }
  try {
    Invocation inv = parse_command_args(*cmd, rest);
    inv.out = &out;
    inv.err = &err;
    return cmd->run(inv);
  } catch (const UsageError& e) {
    // The mistake, the synopsis and where the rest is — not the whole help.
    err << "ptbrief " << cmd->name << ": " << e.what() << "\nusage: " << cmd->synopsis
        << "\nRun 'ptbrief " << cmd->name << " --help' for the options.\n";
    return kExitError;
  } catch (const Error& e) {
    err << "ptbrief " << cmd->name << ": " << format(e.diagnostic()) << "\n";
    return kExitError;
  } catch (const std::exception& e) {
    err << "ptbrief " << cmd->name << ": internal error: " << e.what()
        << "\n  hint: this is a bug in ptbrief; please report it with the command line\n";
    return kExitError;
  }
}

}  // namespace ptbrief::cli
