// `ptbrief make`: build one briefing PDF for a park or a topic
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <vector>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/limits.h"
#include "base/paths.h"
#include "base/trace.h"
#include "cache/cache.h"
#include "cli/app.h"
#include "cli/brief_request.h"
#include "cli/commands.h"
#include "cli/corpus_facts.h"
#include "cli/defaults.h"
#include "compose/compose.h"
#include "pack/build.h"
#include "pdf/pdf.h"
#include "typeset/typeset.h"

namespace ptbrief::cli {
namespace {

constexpr const char* kDefaultLayout = "briefing";

/// A file name from a park or topic name: path separators, control and shell-hostile
/// characters become '_', so the name can never leave the output folder.
std::string safe_file_stem(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    const bool bad = c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' ||
                     c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
    out += bad ? '_' : static_cast<char>(c);
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  if (out.size() > 150) {  // keep file names short, cut on a UTF-8 character boundary
    std::size_t cut = 150;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out.empty() ? "brief" : out;
}

}  // namespace

std::vector<compose::LayoutOverride> layout_overrides(const Invocation& inv) {
  std::vector<compose::LayoutOverride> out;
  if (auto issue = inv.value("issue")) {
    const bool number = !issue->empty() && issue->size() <= 6 && (*issue)[0] != '0' &&
                        issue->find_first_not_of("0123456789") == std::string::npos;
    if (!number)
      throw UsageError(
          tr("--issue takes the issue number, a whole number from 1 (e.g. --issue 12)"));
    out.push_back({"masthead.issue", "第" + *issue + "期"});
  }
  for (const auto& kv : inv.lists.count("set") ? inv.lists.at("set") : std::vector<std::string>{}) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError(tr("--set takes KEY=VALUE, e.g. --set masthead.title=园区党建工作简报"));
    out.push_back({kv.substr(0, eq), kv.substr(eq + 1)});
  }
  return out;
}

namespace {

/// Where the PDF goes: `-o FILE`; `-o DIR` (an existing folder, or ending in '/') for
/// DIR/<default name>; without -o, the default name in the current folder. Empty for `-o -`.
std::filesystem::path output_path(const Invocation& inv, const std::string& default_name) {
  const auto o = inv.value("output");
  if (!o) return std::filesystem::current_path() / default_name;
  if (o->empty()) throw UsageError(tr("-o takes a file, a folder or - (standard output)"));
  if (*o == "-") return {};
  std::error_code ec;
  if (o->back() == '/' || std::filesystem::is_directory(*o, ec))
    return std::filesystem::path(*o) / default_name;
  return *o;
}

/// The folders of --font-dir (each must exist), then those of PTBRIEF_FONT_DIRS.
std::vector<std::filesystem::path> font_dirs(const Invocation& inv) {
  std::vector<std::filesystem::path> given;
  if (inv.lists.count("font-dir"))
    for (const auto& d : inv.lists.at("font-dir")) given.emplace_back(d);
  return typeset::user_font_dirs(given);
}

/// Notes of one kind printed in full; the rest of that kind are counted in one line (a corpus
/// of a thousand reprints would otherwise print thousands of lines).
constexpr std::size_t kNotesPerKind = 5;

/// Prints each diagnostic as it is reported, in one write (a corpus load can report one per
/// article: a 50 MB file of reprints, 10^5 notes, is not held until the load ends), and counts
/// the warnings. Every warning and error is printed; notes up to kNotesPerKind of each code,
/// then print_hidden() says how many more there were.
class PrintingSink final : public DiagSink {
 public:
  explicit PrintingSink(const Invocation& inv) : inv_(inv) {}
  void report(const Diagnostic& d) override {
    if (d.severity == Severity::Warning) ++warnings;
    if (d.severity == Severity::Note && ++notes_of_code_[d.code] > kNotesPerKind) return;
    *inv_.err << ("ptbrief make: " + format(d) + "\n");
  }
  void print_hidden() const {
    for (const auto& [code, n] : notes_of_code_)
      if (n > kNotesPerKind)
        *inv_.err << ("ptbrief make: " +
                      trf("note: {1} more notes like these ({2}) not shown",
                          {std::to_string(n - kNotesPerKind), code}) +
                      "\n");
  }
  std::size_t warnings = 0;

 private:
  const Invocation& inv_;
  std::map<std::string, std::size_t> notes_of_code_;
};

/// The facts a brief is made from: the corpus (ingested, extracted, corrected), or with
/// --facts FILE exactly the facts in that file, the corpus unread.
struct BriefFacts {
  extract::Facts facts;
  extract::FactsScope scope;  ///< what a facts file was extracted for
};

BriefFacts brief_facts(const Invocation& inv, DiagSink& sink) {
  BriefFacts out;
  if (auto file = inv.value("facts")) {
    const std::string text = read_file(*file, limits::kMaxJsonBytes);
    out.facts = extract::read_facts_json(text, *file, &out.scope);  // checked, JSON paths
    return out;
  }
  pack::LoadOptions load = load_options(inv);
  load.article_text = false;  // only the facts are used
  trace::Stage stage("make.load_facts");
  out.facts = pack::load_facts(corpus_dir(inv), sink, load).facts;
  return out;
}

int run(const Invocation& given) {
  auto park = given.value("park"), topic = given.value("topic");
  const bool from_file = given.value("facts").has_value();
  if (from_file && (given.value("corpus") || given.value("corrections")))
    throw UsageError(tr("--facts FILE is made without the corpus: leave out --corpus and "
                        "--corrections (they apply when the facts file is extracted)"));
  if (park && topic) throw UsageError(tr("give exactly one of --park NAME or --topic NAME"));
  if (!from_file && !park && !topic)
    throw UsageError(tr("give exactly one of --park NAME or --topic NAME"));
  Invocation inv = given;
  std::optional<trace::Stage> stage(std::in_place, "make.defaults_and_layout");
  if (!from_file) apply_corpus_defaults(inv, corpus_dir(inv));            // + ptbrief.json
  const std::string layout_name = inv.value_or("layout", kDefaultLayout);
  const auto layout = compose::load_layout(layout_name, layout_overrides(inv));  // validated
  stage.reset();

  PrintingSink sink(inv);
  const BriefFacts loaded = brief_facts(inv, sink);                        // corpus or file → facts
  if (!park && !topic) {  // a facts file names its brief
    if (!loaded.scope.park.empty()) park = loaded.scope.park;
    else if (!loaded.scope.topic.empty()) topic = loaded.scope.topic;
    else
      throw UsageError(tr("this facts file covers the whole corpus: give --park NAME or --topic NAME"));
  }
  compose::BriefRequest request = brief_request(loaded.facts, park, topic);  // resolved name
  pdf::PdfOptions options;
  options.source_date_epoch = pdf::source_date_epoch_from_env();           // never the clock
  options.glyph_store = cache::open_store(cache_options(inv), corpus_dir(inv));  // --no-cache
  if (options.source_date_epoch) request.date = compose::brief_date(*options.source_date_epoch);
  if (auto date = inv.value("date")) request.date = compose::brief_date(*date);  // as asked
  typeset::TypesetOptions typeset_options;
  typeset_options.font_dirs = font_dirs(inv);                               // --font-dir
  const std::string bytes = pack::render_brief(loaded.facts, request, *layout, options, sink,
                                               typeset_options);           // the PDF

  const std::string stem = safe_file_stem(request.name);
  const std::string layout_stem = std::filesystem::path(layout_name).stem().string();
  trace::Stage write_stage("make.write_output");
  const std::filesystem::path out = output_path(
      inv, layout_name == kDefaultLayout ? stem + ".pdf" : stem + "." + layout_stem + ".pdf");
  sink.print_hidden();
  if (out.empty()) {  // -o -: the PDF itself on standard output
    inv.out->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    inv.out->flush();
  } else {
    write_file_atomically(out, bytes);
    *inv.out << out.string() << "\n";
  }
  return sink.warnings ? kExitWarnings : kExitOk;
}

}  // namespace

CommandSpec make_command() {
  CommandSpec c;
  c.name = "make";
  c.summary = tr("build one briefing PDF for a park or a topic");
  c.synopsis =
      "ptbrief make (--park NAME | --topic NAME) [--layout NAME] [--corpus DIR] [-o FILE|DIR|-]\n"
      "                    [--date YYYY-MM-DD] [--issue N] [--set KEY=VALUE]... [--corrections FILE]\n"
      "                    [--font-dir DIR]... [--no-cache]\n"
      "       ptbrief make --facts FILE [--park NAME | --topic NAME] [--layout NAME] [-o …]";
  c.description =
      tr("Reads the corpus, extracts the facts and writes the brief as a PDF, by default\n"
         "<name>.pdf in the current folder (<name>.<layout>.pdf for a layout other than\n"
         "briefing); -o DIR writes DIR/<name>.pdf, -o - the PDF itself to standard output.\n"
         "The printed date is --date, else SOURCE_DATE_EPOCH's, else none; the same input and\n"
         "options give byte-identical PDFs. --issue and --set change layout fields for this run.\n"
         "A ptbrief.json in the corpus folder gives defaults for --layout, --issue, --date and\n"
         "--set: {\"layout\": \"gongwen\", \"issue\": 12, \"set\": {\"masthead.publisher\": \"…\"}}.\n"
         "--facts FILE typesets exactly the facts of a facts file ('ptbrief extract -o'), which may\n"
         "be hand-edited, without reading the corpus; the brief is the one the file was extracted for.\n"
         "Fonts are looked for in each --font-dir, then PTBRIEF_FONT_DIRS (DIR:DIR…), then the\n"
         "system; when a layout's first-choice face (公文: 方正小标宋, 仿宋_GB2312) is missing, a\n"
         "note names the stand-in used.");
  c.options = {
      {"park", "NAME", tr("park brief (canonical name or alias; see ptbrief list parks)"), ""},
      {"topic", "NAME", tr("topic brief comparing parks (see ptbrief list topics)"), ""},
      {"layout", "NAME", tr("layout name or .json path (default briefing)"), ""},
      {"corpus", "DIR", tr("corpus folder (default ../shared/corpus)"), ""},
      {"output", "FILE", tr("write the PDF to FILE, into folder DIR, or to stdout (-)"), "o"},
      {"date", "YYYY-MM-DD", tr("the brief's date, printed in the masthead"), ""},
      {"issue", "N", tr("issue number, printed as 第N期 (masthead.issue)"), ""},
      {"set", "KEY=VALUE", tr("set a layout field, e.g. masthead.title=…"), "", true},
      corrections_option(),
      {"facts", "FILE", tr("make the brief from this facts file, not from the corpus"), ""},
      {"font-dir", "DIR", tr("a folder of font files searched first (e.g. the office's fonts)"), "",
       true},
      no_cache_option()};
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
