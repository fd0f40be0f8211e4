// compose: facts + a JSON layout spec (layouts/) → a typeset::Document for a park or topic brief.
//
// Public interface of the compose stage. Everything else in compiler/compose/ is private.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "extract/extract.h"
#include "typeset/document.h"

namespace ptbrief::compose {

/// What a brief is about.
struct BriefRequest {
  enum class Kind { Park, Topic } kind = Kind::Park;
  std::string name;            ///< canonical park name or topic id
};

/// A validated layout spec (layouts/<name>.json, after `extends` is resolved).
struct LayoutSpec;

/// Loads and validates layouts/<name>.json (or a path). Errors name the file, the JSON path,
/// line:column and what is allowed.
std::shared_ptr<const LayoutSpec> load_layout(const std::string& name_or_path);

/// Layout names available in the layouts folder, sorted.
std::vector<std::string> list_layouts();

/// The layouts folder (layouts/ in the project root).
std::filesystem::path layouts_dir();

/// Builds the document tree for one brief.
typeset::Document compose(const extract::Facts& facts, const BriefRequest& request,
                          const LayoutSpec& layout, DiagSink& sink);

}  // namespace ptbrief::compose
