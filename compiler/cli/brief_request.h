// The brief a command line names with --park or --topic, shared by `make` and `debug`.
#pragma once

#include <optional>
#include <string>

#include "compose/compose.h"
#include "extract/extract.h"

namespace ptbrief::cli {

/// The brief for exactly one of `park` / `topic`, its name resolved against `facts` (aliases,
/// long forms); an unknown name throws an error that suggests the nearest names.
compose::BriefRequest brief_request(const extract::Facts& facts,
                                    const std::optional<std::string>& park,
                                    const std::optional<std::string>& topic);

}  // namespace ptbrief::cli
