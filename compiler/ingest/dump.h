// Private to ingest (shared with the CLI and tests): the stable text dump of a Corpus.
#pragma once

#include <string>

#include "ingest/ingest.h"

namespace ptbrief::ingest {

/// Stable, line-oriented text of a corpus: files (encoding, size, hash), articles (id, title,
/// byline) and every block (type, raw range, text, sentence count). The golden-test oracle.
std::string dump(const Corpus& corpus);

/// Readable clean text: per article its title, byline and blocks, separated by blank lines.
std::string clean_text(const Corpus& corpus);

}  // namespace ptbrief::ingest
