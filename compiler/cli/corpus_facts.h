// The facts a command works on: the corpus folder it names and the corrections file applied
// to it (--corpus, --corrections), shared by extract, list, make and review.
#pragma once

#include <filesystem>

#include "cli/args.h"
#include "pack/build.h"

namespace ptbrief::cli {

/// --corpus DIR, else the default corpus folder (README: $PTBRIEF_CORPUS, ../shared/corpus).
std::filesystem::path corpus_dir(const Invocation& inv);

/// How to load the corpus: --corrections FILE when given (else the corpus folder's
/// corrections.json, if any); bad articles are errors.
pack::LoadOptions load_options(const Invocation& inv);

/// The option lines every corpus-reading command takes.
OptionSpec corrections_option();

}  // namespace ptbrief::cli
