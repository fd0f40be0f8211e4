// File names that come from the page: checked so that they never leave the corpus folder.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace ptbrief::serve {

/// The path of article file `name` inside `corpus`. `name` must be a plain base name (no
/// folder part, not hidden, no control characters, at most 200 bytes of valid UTF-8) that
/// ingest reads (.txt, .md, .text). Throws ptbrief::Error "serve.bad_file_name" saying why.
/// With `must_exist`, the file must also be a regular file there (symlinks are not followed
/// out of the folder): "serve.no_such_file" otherwise.
std::filesystem::path corpus_file(const std::filesystem::path& corpus, std::string_view name,
                                  bool must_exist);

}  // namespace ptbrief::serve
