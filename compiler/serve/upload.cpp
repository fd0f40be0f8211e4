// Articles dropped onto the page: name and content checks, then an atomic write.
#include "serve/upload.h"

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "base/i18n.h"
#include "ingest/ingest.h"
#include "serve/corpus_files.h"

namespace ptbrief::serve {
namespace fs = std::filesystem;

Json add_article(const fs::path& corpus, std::string_view name, std::string_view bytes) {
  const fs::path path = corpus_file(corpus, name, false);
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec)))
    fail("serve.file_exists", trf("the corpus already has a file '{1}'", {name}),
         tr("rename the file before dropping it, or remove the old one first"));
  if (bytes.size() > kMaxUploadBytes)
    fail("serve.too_large", trf("'{1}' is larger than 16 MiB", {name}),
         tr("split the file into articles"));
  CollectingSink sink;
  ingest::SourceFile info;
  const auto articles = ingest::ingest_bytes(bytes, std::string(name), sink, &info);  // checks
  write_file_atomically(path, bytes);
  Json titles = Json::array(), warnings = Json::array();
  for (const auto& a : articles) titles.push_back(a.title);
  for (const auto& d : sink.items)
    if (d.severity != Severity::Note) warnings.push_back(format(d));
  return {{"file", std::string(name)}, {"encoding", info.encoding},
          {"articles", articles.size()}, {"titles", titles}, {"warnings", warnings}};
}

}  // namespace ptbrief::serve
