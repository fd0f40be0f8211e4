// The ptbrief application: top-level help, version, dispatch and error reporting.
#include "cli/app.h"

#include <exception>
#include <iostream>

#include "base/diagnostic.h"
#include "cli/commands.h"

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
      err << "ptbrief: unknown command '" << args[1] << "'\n" << top_usage();
      return kExitError;
    }
    out << top_usage();
    return kExitOk;
  }
  if (first == "--version" || first == "-V") {
    out << "ptbrief " << PTBRIEF_VERSION << "\n";
    return kExitOk;
  }
  const CommandSpec* cmd = find_command(first);
  if (!cmd) {
    err << "ptbrief: unknown " << (first[0] == '-' ? "option" : "command") << " '" << first
        << "'\n"
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
    err << "ptbrief " << cmd->name << ": " << e.what() << "\n" << command_help(*cmd);
    return kExitError;
  } catch (const Error& e) {
    err << "ptbrief " << cmd->name << ": " << format(e.diagnostic()) << "\n";
    return kExitError;
  } catch (const std::filesystem::filesystem_error& e) {
    err << "ptbrief " << cmd->name << ": " << format(access_error(e)) << "\n";
    return kExitError;
  } catch (const std::exception& e) {
    err << "ptbrief " << cmd->name << ": internal error: " << e.what()
        << "\n  hint: this is a bug in ptbrief; please report it with the command line\n";
    return kExitError;
  }
}

}  // namespace ptbrief::cli
