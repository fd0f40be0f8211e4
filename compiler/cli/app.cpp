// The ptbrief application: top-level help, version, dispatch and error reporting.
#include "cli/app.h"

#include <exception>
#include <iostream>

#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "base/suggest.h"
#include "cli/commands.h"
#include "cli/helper.h"
#include "ingest/ingest.h"
#include "pdf/pdf.h"
#include "typeset/typeset.h"

namespace ptbrief::cli {
namespace {

std::string top_usage() {
  std::string s = std::string(tr("usage: ")) +
                  "ptbrief <command> [options]\n       ptbrief --help | --version\n\n" +
                  tr("ptbrief compiles noisy Chinese news articles about industrial parks into "
                     "printable\nPDF briefings, one per park or per topic.\n") +
                  "\n" + tr("commands:") + "\n";
  for (const auto& c : all_commands()) {
    std::string left = "  " + c.name;
    s += left + std::string(left.size() < 12 ? 12 - left.size() : 1, ' ') + c.summary + "\n";
  }
  s += std::string("\n") + tr("Run 'ptbrief <command> --help' for a command's options.") + "\n";
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
  return near.empty() ? "" : trf("; did you mean {1}?", {"'" + near.front() + "'"});
}

const CommandSpec* find_command(const std::string& name) {
  for (const auto& c : all_commands())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace

const std::vector<CommandSpec>& all_commands() {
  static const std::vector<CommandSpec> commands = {
      make_command(), review_command(), pack_command(), list_command(), extract_command(),
      ingest_command(), debug_command(), serve_command()};
  return commands;
}

int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << "ptbrief: " << tr("no command given") << "\n" << top_usage();
    return kExitError;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    if (args.size() > 1) {
      if (const CommandSpec* c = find_command(args[1])) {
        out << command_help(*c);
        return kExitOk;
      }
      err << "ptbrief: " << trf("unknown command '{1}'", {args[1]}) << command_suggestion(args[1])
          << "\n"
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
    err << "ptbrief: "
        << (option ? trf("unknown option '{1}'", {first})
                   : trf("unknown command '{1}'", {first}) + command_suggestion(first))
        << "\n"
        << top_usage();
    return kExitError;
  }
  return run_command(*cmd, std::vector<std::string>(args.begin() + 1, args.end()), out, err);
}

int run_command(const CommandSpec& cmd, const std::vector<std::string>& rest, std::ostream& out,
                std::ostream& err) {
  for (const auto& a : rest) {
    if (a == "--") break;
    if (a == "--help" || a == "-h") {
      out << command_help(cmd);
      return kExitOk;
    }
  }
  try {
    if (!cmd.helper.empty()) {
      out.flush();
      err.flush();
      exec_helper(cmd.helper, rest);  // returns only by throwing
    }
    Invocation inv = parse_command_args(cmd, rest);
    inv.out = &out;
    inv.err = &err;
    return cmd.run(inv);
  } catch (const UsageError& e) {
    // The mistake, the synopsis and where the rest is — not the whole help.
    err << "ptbrief " << cmd.name << ": " << e.what() << "\n"
        << tr("usage: ") << cmd.synopsis << "\n"
        << trf("Run 'ptbrief {1} --help' for the options.", {cmd.name}) << "\n";
    return kExitError;
  } catch (const Error& e) {
    err << "ptbrief " << cmd.name << ": " << format(e.diagnostic()) << "\n";
    return kExitError;
  } catch (const std::filesystem::filesystem_error& e) {
    err << "ptbrief " << cmd.name << ": " << format(access_error(e)) << "\n";
    return kExitError;
  } catch (const std::exception& e) {
    err << "ptbrief " << cmd.name << ": " << trf("internal error: {1}", {e.what()}) << "\n  "
        << tr("hint: ") << tr("this is a bug in ptbrief; please report it with the command line")
        << "\n";
    return kExitError;
  }
}

}  // namespace ptbrief::cli
