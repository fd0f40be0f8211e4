// `ptbrief pack`: rebuild a pack of briefings, only what is out of date
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <ostream>
#include <set>
#include <sstream>
#include <thread>

#include "base/diagnostic.h"
#include "base/hash.h"
#include "base/i18n.h"
#include "cli/app.h"
#include "cli/commands.h"
#include "cli/corpus_facts.h"
#include "pack/pack.h"
#include "typeset/typeset.h"

namespace ptbrief::cli {
namespace {

using pack::BriefResult;
using Status = BriefResult::Status;

/// "3" from "--jobs 3"; a usage error for anything but a whole number 1…256.
unsigned parse_jobs(const Invocation& inv) {
  auto text = inv.value("jobs");
  if (!text) return 0;
  char* end = nullptr;
  long n = std::strtol(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || n < 1 || n > 256)
    throw UsageError(trf("--jobs takes a number of threads from 1 to 256, not '{1}'", {*text}));
  return static_cast<unsigned>(n);
}

std::string seconds(double s) {
  std::ostringstream o;
  o.imbue(std::locale::classic());
  o << std::fixed << std::setprecision(s < 10 ? 2 : 1) << s << " s";
  return o.str();
}

std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "; ") + p;
  return s;
}

/// Progress: a rewritten status line on a terminal, one log line per brief otherwise.
class Progress {
 public:
  Progress(std::ostream& err, bool terminal, std::string pack)
      : err_(err), terminal_(terminal), pack_(std::move(pack)) {}

  void operator()(const pack::Event& e) {
    switch (e.kind) {
      case pack::Event::Kind::WaitingForLock:
        clear();
        err_ << "ptbrief pack: waiting for another 'ptbrief pack' writing " << e.subject
             << (e.done ? " (pid " + std::to_string(e.done) + ")" : "") << "\n";
        break;
      case pack::Event::Kind::LoadingFacts:
        if (terminal_) status("reading the corpus " + e.subject);
        break;
      case pack::Event::Kind::Started:
        if (terminal_) status("[" + std::to_string(e.done) + "/" + std::to_string(e.total) +
                              "] building " + e.subject);
        break;
      case pack::Event::Kind::Finished: finished(*e.brief, e.done, e.total); break;
    }
  }

  void clear() {
    if (terminal_ && shown_) err_ << "\r\033[K" << std::flush;
    shown_ = false;
  }

 private:
  void status(const std::string& line) {
    err_ << "\r\033[K" << line << std::flush;
    shown_ = true;
  }

  void finished(const BriefResult& b, std::size_t done, std::size_t total) {
    if (b.status == Status::Failed) {
      clear();
      err_ << "ptbrief pack: FAILED " << b.output_name << ": " << b.error << "\n";
    } else if (!terminal_) {
      err_ << "ptbrief pack: built " << b.output_name << " (" << seconds(b.seconds) << ") — "
           << join(b.reasons) << "\n";
    }
    if (terminal_) status("[" + std::to_string(done) + "/" + std::to_string(total) + "] built " +
                          b.output_name);
  }

  std::ostream& err_;
  bool terminal_;
  std::string pack_;
  bool shown_ = false;
};

/// The short list of figures new or changed in the rebuilt briefs.
void print_changes(std::ostream& out, const pack::RunReport& r) {
  constexpr std::size_t kPerBrief = 5;
  bool header = false;
  for (const auto& b : r.briefs) {
    if (b.status != Status::Built || b.changes.empty()) continue;
    if (!header) out << "what changed:\n";
    header = true;
    out << "  " << b.output_name << ":";
    for (std::size_t i = 0; i < b.changes.size() && i < kPerBrief; ++i) {
      const auto& c = b.changes[i];
      out << (i ? ";" : "") << " "
          << (c.kind == pack::FigureChange::Kind::New ? "new " + c.label
                                                      : c.label + " (was " + c.previous + ")");
    }
    if (b.changes.size() > kPerBrief) out << "; … and " << b.changes.size() - kPerBrief << " more";
    out << "\n";
  }
}

void print_dry_run(std::ostream& out, const pack::RunReport& r) {
  for (const auto& b : r.briefs)
    if (b.status == Status::WouldBuild)
      out << "would build " << b.output_name << ": " << join(b.reasons) << "\n";
  if (r.combined && r.combined->status == Status::WouldBuild)
    out << "would build " << r.combined->output_name << " (combined): " << join(r.combined->reasons)
        << "\n";
  out << r.count(Status::WouldBuild) << " to build, " << r.count(Status::UpToDate)
      << " up to date\n";
}

/// Warnings from the build, and the font stand-in note, each distinct one once; returns how
/// many were printed.
std::size_t print_warnings(std::ostream& err, const CollectingSink& sink) {
  std::set<std::string> seen;
  for (const auto& d : sink.items)
    if (d.severity != Severity::Note || d.code == "typeset.font_standin")
      if (std::string line = format(d); seen.insert(line).second)
        err << "ptbrief pack: " << line << "\n";
  return seen.size();
}

/// The running executable, whose hash joins the version (a rebuilt ptbrief rebuilds packs).
std::filesystem::path self_binary() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : p;
}

int run(const Invocation& inv) {
  if (inv.positional.size() != 1) throw UsageError(tr("name one pack, e.g. 'ptbrief pack all'"));
  pack::PackSpec spec = pack::load_pack(pack::find_pack(inv.positional[0]));
  if (auto c = inv.value("corrections")) spec.corrections = std::filesystem::absolute(*c);

  pack::RunOptions options;
  options.jobs = parse_jobs(inv);
  options.dry_run = inv.has("dry-run");
  options.force = inv.has("force");
  options.tool_version = PTBRIEF_VERSION;
  options.tool_binary = self_binary();
  options.tool_build_id = to_hex(running_build_id());  // empty: tool_binary's bytes are hashed
  options.hash_cache = cache_options(inv);
  options.source_date_epoch = pdf::source_date_epoch_from_env();
  std::vector<std::filesystem::path> font_dirs;
  if (inv.lists.count("font-dir"))
    for (const auto& d : inv.lists.at("font-dir")) font_dirs.emplace_back(d);
  options.font_dirs = typeset::user_font_dirs(font_dirs);  // + PTBRIEF_FONT_DIRS
  // Undocumented test knob: slow every brief down so crash tests can kill a run mid-build.
  if (const char* slow = std::getenv("PTBRIEF_PACK_SLOW_MS"))
    options.slow_build = std::chrono::milliseconds(std::atol(slow));
  Progress progress(*inv.err, ::isatty(STDERR_FILENO) == 1, spec.name);
  options.on_event = [&](const pack::Event& e) { progress(e); };

  CollectingSink sink;
  auto builder = pack::pipeline_builder(options.hash_cache);
  pack::RunReport r = pack::run_pack(spec, *builder, options, sink);
  progress.clear();
  const std::size_t warnings = print_warnings(*inv.err, sink);
  std::ostream& out = *inv.out;
  if (options.dry_run) {
    print_dry_run(out, r);
    return kExitOk;
  }
  print_changes(out, r);
  for (const auto& b : r.briefs)
    if (b.status == Status::Removed) out << "removed " << b.output_name << " (no longer in the pack)\n";
  if (const auto& c = r.combined) {
    if (c->status == Status::Built)
      out << "combined: " << (spec.output / c->output_name).string() << " (" << seconds(c->seconds)
          << ")\n";
    else if (c->status == Status::Removed)
      out << "removed " << c->output_name << " (the pack has no combined PDF now)\n";
  }
  out << "pack " << spec.name << ": " << r.count(Status::Built) << " built, "
      << r.count(Status::UpToDate) << " up to date, " << r.count(Status::Failed) << " failed"
      << (warnings ? ", " + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings") : "")
      << " in " << seconds(r.seconds) << " → " << spec.output.string() << "\n";
  if (r.failed()) return kExitError;
  return sink.count(Severity::Warning) ? kExitWarnings : kExitOk;
}

}  // namespace

CommandSpec pack_command() {
  CommandSpec c;
  c.name = "pack";
  c.summary = tr("rebuild a pack of briefings, only what is out of date");
  c.synopsis =
      "ptbrief pack NAME [--jobs N] [--dry-run] [--force] [--corrections FILE] [--font-dir DIR]...\n"
      "                  [--no-cache]";
  c.description = tr(
      "Builds the briefs of the pack NAME (briefs/NAME.json, or a path to a pack file) that are\n"
      "out of date: their articles, layout, fonts, pack entry or ptbrief version changed since\n"
      "the last build, as recorded by content hashes in <output>/.ptbrief-manifest.json.\n"
      "PDFs are written atomically; a second run on the same output folder waits for the\n"
      "first. With \"combined\" in the pack file it also writes one meeting PDF of all the\n"
      "briefs (cover, contents, bookmarks, page labels), rebuilt when any brief changed.\n"
      "Fonts are looked for in each --font-dir, then PTBRIEF_FONT_DIRS (DIR:DIR…), then the\n"
      "system; a change of these folders rebuilds every brief.\n"
      "Exit code 2 when any brief or the combined PDF failed (the others are still built).\n"
      "The corrections file (the pack's \"corrections\", else corrections.json in its corpus)\n"
      "is hashed: a changed correction rebuilds the briefs whose facts it changes. An article\n"
      "that cannot be read or decoded is a warning (exit 3); the other briefs still build.");
  c.options = {
      {"jobs", "N", tr("build N briefs at once (default: the number of cores)"), "j"},
      {"dry-run", "", tr("list what would be rebuilt and why; write nothing"), "n"},
      {"force", "", tr("rebuild every brief"), ""},
      corrections_option(),
      {"font-dir", "DIR", tr("a folder of font files searched first (e.g. the office's fonts)"), "",
       true},
      no_cache_option(),
  };
  c.max_positional = 1;
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
