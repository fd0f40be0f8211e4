// `ptbrief make`: build one briefing PDF for a park or a topic
#include <ostream>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "base/paths.h"
#include "cli/app.h"
#include "cli/brief_request.h"
#include "cli/commands.h"
#include "compose/compose.h"
#include "pack/build.h"
#include "pdf/pdf.h"

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

int run(const Invocation& inv) {
  const auto park = inv.value("park"), topic = inv.value("topic");
  if (park.has_value() == topic.has_value())
    throw UsageError("give exactly one of --park NAME or --topic NAME");
  const std::string layout_name = inv.value_or("layout", kDefaultLayout);
  const auto layout = compose::load_layout(layout_name);                   // validated layout
  const std::filesystem::path corpus = inv.value_or("corpus", default_corpus_dir().string());

  CollectingSink sink;
  const pack::CorpusFacts loaded = pack::load_facts(corpus, sink);         // corpus → facts
  compose::BriefRequest request = brief_request(loaded.facts, park, topic);  // resolved name
  pdf::PdfOptions options;
  options.source_date_epoch = pdf::source_date_epoch_from_env();           // never the clock
  if (options.source_date_epoch) request.date = compose::brief_date(*options.source_date_epoch);
  const std::string bytes =
      pack::render_brief(loaded.facts, request, *layout, options, sink);  // the PDF

  std::filesystem::path out;
  if (auto o = inv.value("output")) {
    out = *o;
  } else {
    const std::string stem = safe_file_stem(request.name);
    out = project_root() / "briefs" / "out" /
          (layout_name == kDefaultLayout ? stem + ".pdf" : stem + "." + std::filesystem::path(layout_name).stem().string() + ".pdf");
  }
  write_file_atomically(out, bytes);
  for (const auto& d : sink.items) *inv.err << "ptbrief make: " << format(d) << "\n";
  *inv.out << out.string() << "\n";
  return sink.count(Severity::Warning) ? kExitWarnings : kExitOk;
}

}  // namespace

CommandSpec make_command() {
  CommandSpec c;
  c.name = "make";
  c.summary = "build one briefing PDF for a park or a topic";
  c.synopsis = "ptbrief make (--park NAME | --topic NAME) [--layout NAME] [--corpus DIR] [-o FILE]";
  c.description =
      "Reads the corpus, extracts the facts and writes the brief as a PDF. The default output\n"
      "is briefs/out/<name>.pdf under the project root (<name>.<layout>.pdf for a layout other\n"
      "than briefing). Dates come from SOURCE_DATE_EPOCH when set; the same input and\n"
      "SOURCE_DATE_EPOCH give byte-identical PDFs.";
  c.options = {{"park", "NAME", "park brief (canonical name or alias; see ptbrief list parks)", ""},
               {"topic", "NAME", "topic brief comparing parks (see ptbrief list topics)", ""},
               {"layout", "NAME", "layout name or .json path (default briefing)", ""},
               {"corpus", "DIR", "corpus folder (default ../shared/corpus)", ""},
               {"output", "FILE", "write the PDF here", "o"}};
  c.run = run;
  return c;
}

}  // namespace ptbrief::cli
