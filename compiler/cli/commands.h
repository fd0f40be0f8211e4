// The commands of ptbrief, one file each (cmd_<name>.cpp).
#pragma once

#include "cache/cache.h"
#include "cli/args.h"

namespace ptbrief::cli {

CommandSpec ingest_command();
CommandSpec extract_command();
CommandSpec make_command();
CommandSpec list_command();
CommandSpec pack_command();
CommandSpec debug_command();
CommandSpec review_command();
CommandSpec serve_command();

/// `--no-cache`, the option of every command that loads a corpus's facts (make, list,
/// extract, pack), and the fact cache options it gives.
OptionSpec no_cache_option();
cache::Options cache_options(const Invocation& inv);

}  // namespace ptbrief::cli
