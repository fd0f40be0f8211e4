// File names from the page, confined to the corpus folder.
#include "serve/corpus_files.h"

#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "ingest/ingest.h"

namespace ptbrief::serve {
namespace fs = std::filesystem;

fs::path corpus_file(const fs::path& corpus, std::string_view name, bool must_exist) {
  const std::string shown(name.substr(0, 80));
  auto bad = [&](const std::string& why) {
    fail("serve.bad_file_name", trf("file name '{1}' {2}", {shown, why}),
         tr("use the article's plain file name, e.g. 2025-11-03_新闻.txt"));
  };
  if (name.empty()) bad(tr("is empty"));
  if (name.size() > 200) bad(tr("is longer than 200 bytes"));
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7F || c == '/' || c == '\\') bad(tr("holds a folder separator or a control character"));
  if (name == "." || name == ".." || name.front() == '.') bad(tr("is hidden or names a folder"));
  if (find_invalid_utf8(name)) bad(tr("is not valid UTF-8"));
  const fs::path path = corpus / fs::path(std::string(name));
  if (!ingest::is_article_file(path)) bad(tr("does not end in .txt, .md or .text"));
  if (must_exist) {
    std::error_code ec;
    const auto st = fs::symlink_status(path, ec);
    if (ec || !fs::is_regular_file(st))
      fail("serve.no_such_file", trf("no article file '{1}' in the corpus folder", {shown}),
           tr("the page may be out of date: reload it"));
  }
  return path;
}

}  // namespace ptbrief::serve
