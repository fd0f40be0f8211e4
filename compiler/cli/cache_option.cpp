// --no-cache: the fact cache switch shared by the commands that load a corpus's facts.
#include "base/i18n.h"
#include "cli/commands.h"

namespace ptbrief::cli {

OptionSpec no_cache_option() {
  return {"no-cache", "", tr("read and write no fact cache: ingest and extract every file"), ""};
}

cache::Options cache_options(const Invocation& inv) {
  cache::Options options;
  options.enabled = !inv.has("no-cache");
  return options;
}

}  // namespace ptbrief::cli
