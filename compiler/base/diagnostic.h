// Diagnostic, DiagSink and Error: how library stages report problems without printing or exiting.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace ptbrief {

enum class Severity { Note, Warning, Error };

/// One problem report. Input mistakes name where they are (file plus byte offset, line:column
/// or JSON path) and what to do (`hint`); internal bugs use code "internal".
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;       ///< stable machine-readable id, e.g. "ingest.undecodable"
  std::string message;    ///< what is wrong, one sentence
  std::string hint;       ///< what the user can do about it (may be empty)
  std::string file;       ///< path or base name of the file concerned (may be empty)
  std::size_t line = 0;   ///< 1-based line, 0 when unknown
  std::size_t column = 0; ///< 1-based column (in characters), 0 when unknown
  long long offset = -1;  ///< byte offset in the file, -1 when unknown
  std::string json_path;  ///< e.g. "$.sections[2].figures", empty when not JSON
};

/// Renders a diagnostic as one or two human lines: "file:line:col: error: message\n  hint: …".
std::string format(const Diagnostic& d);

/// Receives warnings and notes while a stage runs; errors are thrown as `Error`.
class DiagSink {
 public:
  virtual ~DiagSink() = default;
  virtual void report(const Diagnostic& d) = 0;
};

/// A sink that keeps everything it is told, in order (used by the CLI and by tests).
class CollectingSink final : public DiagSink {
 public:
  void report(const Diagnostic& d) override { items.push_back(d); }
  std::size_t count(Severity s) const;
  std::vector<Diagnostic> items;
};

/// The exception a stage throws for a problem it cannot continue past.
class Error : public std::runtime_error {
 public:
  explicit Error(Diagnostic d);
  const Diagnostic& diagnostic() const { return diag_; }

 private:
  Diagnostic diag_;
};

/// A file system failure (a symbolic link loop, a folder that cannot be read, …) as the input
/// problem it is: code "io.access", naming the path, with a hint. Not an internal error.
Diagnostic access_error(const std::filesystem::filesystem_error& e);

/// Shorthand for throwing an input error with a location-free message and hint.
[[noreturn]] void fail(std::string code, std::string message, std::string hint = {},
                       std::string file = {});

}  // namespace ptbrief
