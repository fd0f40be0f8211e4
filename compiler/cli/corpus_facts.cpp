// The corpus folder and corrections file a command names.
#include "cli/corpus_facts.h"

#include "base/i18n.h"
#include "base/paths.h"
#include "cli/commands.h"

namespace ptbrief::cli {

std::filesystem::path corpus_dir(const Invocation& inv) {
  return inv.value_or("corpus", default_corpus_dir().string());
}

pack::LoadOptions load_options(const Invocation& inv) {
  pack::LoadOptions options;
  if (auto c = inv.value("corrections")) {
    if (c->empty()) throw UsageError(tr("--corrections takes a file, e.g. --corrections corrections.json"));
    options.corrections = *c;
  }
  options.cache = cache_options(inv);  // --no-cache
  return options;
}

OptionSpec corrections_option() {
  return {"corrections", "FILE",
          tr("corrections file (default: corrections.json in the corpus folder, if any)"), ""};
}

}  // namespace ptbrief::cli
