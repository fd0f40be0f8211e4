// Command-line parsing: commands, their options, and usage text.
#include "cli/args.h"

#include <algorithm>
#include <sstream>

#include "base/i18n.h"
#include "base/suggest.h"

namespace ptbrief::cli {

bool Invocation::has(const std::string& flag) const {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

std::optional<std::string> Invocation::value(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::string Invocation::value_or(const std::string& name, const std::string& fallback) const {
  return value(name).value_or(fallback);
}

namespace {

const OptionSpec* find_option(const CommandSpec& spec, const std::string& name, bool is_short) {
  for (const auto& o : spec.options) {
    if ((is_short ? o.short_name : o.name) == name) return &o;
  }
  return nullptr;
}

/// "unknown option '--prak' for 'ptbrief make'; did you mean '--park'?"
UsageError unknown_option(const CommandSpec& spec, const std::string& arg,
                          const std::string& name) {
  std::vector<std::string> names;
  for (const auto& o : spec.options) names.push_back(o.name);
  std::string message = trf("unknown option '{1}' for 'ptbrief {2}'", {arg, spec.name});
  std::string near;
  for (const auto& n : nearest_names(name, names))
    near += (near.empty() ? "'--" : ", '--") + n + "'";
  if (!near.empty()) message += trf("; did you mean {1}?", {near});
  return UsageError(message);
}

}  // namespace

Invocation parse_command_args(const CommandSpec& spec, const std::vector<std::string>& args) {
  Invocation inv;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      inv.positional.insert(inv.positional.end(), args.begin() + i + 1, args.end());
      break;
    }
    if (a.size() > 1 && a[0] == '-') {
      bool is_short = a.rfind("--", 0) != 0;
      std::string name = a.substr(is_short ? 1 : 2);
      std::optional<std::string> inline_value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name.resize(eq);
      }
      const OptionSpec* opt = find_option(spec, name, is_short);
      if (!opt) throw unknown_option(spec, a, name);
      if (opt->value_name.empty()) {
        if (inline_value) throw UsageError(trf("option '--{1}' takes no value", {opt->name}));
        inv.flags.push_back(opt->name);
        continue;
      }
      if (!inline_value) {
        if (i + 1 >= args.size())
          throw UsageError(trf("option '--{1}' needs a value ({2})", {opt->name, opt->value_name}));
        inline_value = args[++i];
      }
      if (inv.values.count(opt->name) && !opt->repeatable)
        throw UsageError(trf("option '--{1}' given twice", {opt->name}));
      inv.values[opt->name] = *inline_value;
      inv.lists[opt->name].push_back(*inline_value);
      continue;
    }
    inv.positional.push_back(a);
  }
  if (inv.positional.size() > spec.max_positional) {
    throw UsageError(trf("unexpected argument '{1}' for 'ptbrief {2}'",
                         {inv.positional[spec.max_positional], spec.name}));
  }
  return inv;
}

std::string command_help(const CommandSpec& spec) {
  std::ostringstream s;
  s << tr("usage: ") << spec.synopsis << "\n\n" << spec.summary << "\n";
  if (!spec.description.empty()) s << "\n" << spec.description << "\n";
  if (!spec.options.empty()) {
    s << "\n" << tr("options:") << "\n";
    for (const auto& o : spec.options) {
      std::string left = "  ";
      if (!o.short_name.empty()) left += "-" + o.short_name + ", ";
      left += "--" + o.name;
      if (!o.value_name.empty()) left += " " + o.value_name;
      s << left;
      if (left.size() < 26) s << std::string(26 - left.size(), ' ');
      else s << "\n" << std::string(26, ' ');
      s << o.help << "\n";
    }
  }
  return s.str();
}

}  // namespace ptbrief::cli
