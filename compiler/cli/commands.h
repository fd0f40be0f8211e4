// The commands of ptbrief, one file each (cmd_<name>.cpp).
#pragma once

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

}  // namespace ptbrief::cli
