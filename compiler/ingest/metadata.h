// Private to ingest: an article file's header — YAML-style front matter between `---` lines,
// or plain lead lines (来源：…, 发布日期：…, 作者：…) — read into fields, out of the text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "ingest/ingest.h"
#include "ingest/repair.h"

namespace ptbrief::ingest {

/// Removes the file's header lines from `lines` and returns what they say. Front matter is
/// recognised only as the first line of the file; lead lines anywhere before the first line of
/// running text. An unknown front-matter key, or front matter that is never closed, is a
/// warning naming `file` and the line (`chars` is the decoded file, for line numbers).
ArticleMeta read_metadata(std::vector<Line>& lines, const Text& chars, const std::string& file,
                          DiagSink& sink);

/// A date as written (2025-11-03, 2025/11/3, 2025.11.03, 2025年11月3日, with or without a
/// clock time after it) as YYYY-MM-DD; the text unchanged when it is none of those.
std::string iso_date(const std::string& written);

/// The same as iso_date(), or nothing when `written` is not a date.
std::optional<std::string> parse_date(const std::string& written);

}  // namespace ptbrief::ingest
