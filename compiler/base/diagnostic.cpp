// Diagnostic formatting and the Error exception.
#include "base/diagnostic.h"

#include "base/i18n.h"

namespace ptbrief {

std::string format(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) {
      out += ':' + std::to_string(d.line);
      if (d.column > 0) out += ':' + std::to_string(d.column);
    } else if (d.offset >= 0) {
      out += ": byte " + std::to_string(d.offset);
    }
    out += ": ";
  }
  switch (d.severity) {
    case Severity::Error: out += tr("error: "); break;
    case Severity::Warning: out += tr("warning: "); break;
    case Severity::Note: out += tr("note: "); break;
  }
  if (!d.json_path.empty()) out += trf("at {1}: ", {d.json_path});
  out += d.message;
  if (!d.hint.empty()) out += std::string("\n  ") + tr("hint: ") + d.hint;
  return out;
}

std::size_t CollectingSink::count(Severity s) const {
  std::size_t n = 0;
  for (const auto& d : items) n += (d.severity == s);
  return n;
}

Error::Error(Diagnostic d) : std::runtime_error(format(d)), diag_(std::move(d)) {}

Diagnostic access_error(const std::filesystem::filesystem_error& e) {
  Diagnostic d;
  d.code = "io.access";
  d.file = e.path1().string();
  d.message = "cannot access '" + e.path1().string() + "': " + e.code().message();
  if (e.code() == std::errc::too_many_symbolic_link_levels)
    d.hint = "a symbolic link there points back at itself (a loop); remove or fix it";
  else if (e.code() == std::errc::permission_denied)
    d.hint = "make the folder readable by the user running ptbrief";
  else
    d.hint = "check that the path exists and can be read";
  return d;
}

void fail(std::string code, std::string message, std::string hint, std::string file) {
  Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.file = std::move(file);
  throw Error(std::move(d));
}

}  // namespace ptbrief
