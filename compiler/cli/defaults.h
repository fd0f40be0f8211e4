// Per-corpus defaults for `ptbrief make`: a ptbrief.json in the corpus folder.
#pragma once

#include <filesystem>
#include <vector>

#include "cli/args.h"
#include "compose/compose.h"

namespace ptbrief::cli {

/// Fills the options `inv` lacks from <corpus>/ptbrief.json, if that file exists:
///   {"layout": "gongwen", "issue": 12, "date": "2025-09-22",
///    "set": {"masthead.publisher": "…编辑组"}}
/// The command line wins: --layout, --issue and --date given there are kept, and its --set
/// values apply after the file's. Throws ptbrief::Error naming the file and the JSON path of a
/// wrong key or value.
void apply_corpus_defaults(Invocation& inv, const std::filesystem::path& corpus);

/// The layout fields the options set: --issue N (期号 第N期), then each --set KEY=VALUE.
/// Throws UsageError for an issue that is not a whole number from 1 or a --set without '='.
std::vector<compose::LayoutOverride> layout_overrides(const Invocation& inv);

}  // namespace ptbrief::cli
