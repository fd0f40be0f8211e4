// The corpus folder a server works on: facts reloaded on change, briefs and previews cached.
#include "serve/workspace.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "base/atomic_file.h"
#include "base/i18n.h"
#include "compose/compose.h"
#include "pack/build.h"
#include "ingest/ingest.h"
#include "pdf/pdf.h"

extern char** environ;

namespace ptbrief::serve {
namespace fs = std::filesystem;
namespace {

/// The layout called `name`, which must be one of the shipped or user layouts, or the corpus
/// folder's ptbrief.json layout `own` (never another path: the page may not make the server
/// read a file of its choice), with `overrides` (ptbrief.json's issue and set).
std::shared_ptr<const compose::LayoutSpec> named_layout(
    const std::string& name, const std::string& own,
    const std::vector<compose::LayoutOverride>& overrides) {
  const auto names = compose::list_layouts();
  if (name != own && std::find(names.begin(), names.end(), name) == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    fail("serve.unknown_layout", trf("unknown layout '{1}'", {name}), trf("choose one of {1}", {known}));
  }
  return compose::load_layout(name, overrides);
}

/// Drops cache entries made from another state of the folder than `fingerprint`.
template <typename Map>
void prune(Map& map, const std::string& fingerprint) {
  for (auto it = map.begin(); it != map.end();)
    it = it->first.first == fingerprint ? std::next(it) : map.erase(it);
}

/// A private temporary folder, removed with its contents when the object goes.
struct TempDir {
  fs::path path;
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/ptbrief-serve-XXXXXX";
    if (!mkdtemp(tmpl.data()))
      fail("serve.preview", tr("cannot create a temporary folder for the preview"), tr("check $TMPDIR"));
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

/// The page number of pdftoppm's "page-07.png".
int page_number(const fs::path& p) {
  const std::string stem = p.stem().string();
  return std::atoi(stem.substr(stem.rfind('-') + 1).c_str());
}

}  // namespace

Workspace::Workspace(fs::path corpus, DefaultsReader defaults)
    : corpus_(std::move(corpus)), defaults_(std::move(defaults)) {}

std::string Workspace::fingerprint() const {
  std::vector<std::string> entries;
  std::error_code ec;
  for (fs::directory_iterator it(corpus_, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (!ingest::is_article_file(p) && name != "corrections.json" && name != "ptbrief.json")
      continue;
    std::error_code e2;
    const auto size = fs::file_size(p, e2);
    const auto time = fs::last_write_time(p, e2).time_since_epoch().count();
    entries.push_back(name + "\t" + std::to_string(e2 ? 0 : size) + "\t" + std::to_string(time));
  }
  std::sort(entries.begin(), entries.end());
  std::string out;
  for (const auto& e : entries) out += e + "\n";
  return out;
}

std::shared_ptr<const Articles> Workspace::articles(const std::string& fingerprint) {
  // The article files' lines of the fingerprint: corrections.json and ptbrief.json left out.
  std::string files;
  for (std::size_t at = 0, end; at < fingerprint.size(); at = end + 1) {
    end = fingerprint.find('\n', at);
    const std::string line = fingerprint.substr(at, end - at);
    if (line.rfind("corrections.json\t", 0) != 0 && line.rfind("ptbrief.json\t", 0) != 0)
      files += line + "\n";
  }
  if (articles_ && articles_->fingerprint == files) return articles_;
  auto a = std::make_shared<Articles>();
  a->fingerprint = files;
  CollectingSink sink;
  cache::Options cache;  // the fact cache, as make and pack use it: unchanged files are not redone
  cache.bad_files = ingest::BadFile::Skip;
  cache::Loaded loaded = cache::load(corpus_, extract::default_topics_file(), cache, sink);
  a->corpus = std::make_shared<const ingest::Corpus>(std::move(loaded.corpus));  // articles
  a->extracted = std::move(loaded.facts);                                          // facts
  a->cache = loaded.stats;
  a->diagnostics = std::move(sink.items);
  articles_ = a;
  std::lock_guard lock(mutex_);
  ++article_loads_;
  cache_stats_ = a->cache;
  return articles_;
}

std::size_t Workspace::article_loads() const {
  std::lock_guard lock(mutex_);
  return article_loads_;
}

cache::Stats Workspace::last_cache_stats() const {
  std::lock_guard lock(mutex_);
  return cache_stats_;
}

std::shared_ptr<const Snapshot> Workspace::snapshot() {
  std::string now = fingerprint();
  {
    std::lock_guard lock(mutex_);
    if (snapshot_ && snapshot_->fingerprint == now) return snapshot_;
  }
  std::lock_guard load(load_mutex_);  // one load at a time; the others wait and reuse it
  now = fingerprint();
  {
    std::lock_guard lock(mutex_);
    if (snapshot_ && snapshot_->fingerprint == now) return snapshot_;
  }
  // The articles only when an article file changed; a correction reuses them.
  const auto arts = articles(now);
  Json corrections;
  std::optional<extract::Corrections> parsed;
  std::string corrections_error;
  try {  // the staff's corrections, as make and pack read them
    const CorrectionsStore store(corpus_);
    corrections = store.read();
    parsed = parse_for_make(corrections, store.path().string());
  } catch (const Error& e) {
    corrections_error = format(e.diagnostic());
  }
  std::shared_ptr<const ingest::Corpus> corpus = arts->corpus;
  if (parsed && !parsed->add.empty()) {  // an add cites a quote: its file with full source maps
    auto full = std::make_shared<ingest::Corpus>(*arts->corpus);
    pack::restore_quoted_files(*parsed, *full);
    corpus = full;
  }
  auto snap = std::make_shared<Snapshot>(arts, corpus);
  snap->fingerprint = now;
  snap->facts = snap->extracted;
  snap->corrections = std::move(corrections);
  snap->corrections_error = std::move(corrections_error);
  CollectingSink sink;
  if (parsed) {
    try {  // applied as make and pack apply them (pack::load_facts)
      snap->outcomes = extract::apply_corrections(*parsed, snap->corpus, snap->facts, sink);
    } catch (const Error& e) {
      snap->corrections_error = format(e.diagnostic());
      snap->facts = snap->extracted;
    }
  }
  try {  // ptbrief.json, as make applies it
    if (defaults_) snap->defaults = defaults_(corpus_);
  } catch (const Error& e) {
    snap->defaults_error = e.diagnostic();
  }
  snap->diagnostics = std::move(sink.items);
  std::lock_guard lock(mutex_);
  snapshot_ = snap;
  prune(pdfs_, now);
  prune(pngs_, now);
  return snapshot_;
}

std::string Workspace::layout_for(const Snapshot& snap, const std::string& asked) {
  if (!asked.empty()) return asked;
  return snap.defaults.layout.empty() ? "briefing" : snap.defaults.layout;
}

std::shared_ptr<const std::string> Workspace::pdf(const BriefKey& key) {
  const auto snap = snapshot();
  const auto cache_key = std::make_pair(snap->fingerprint, key);
  {
    std::lock_guard lock(mutex_);
    if (auto it = pdfs_.find(cache_key); it != pdfs_.end()) return it->second;
  }
  std::lock_guard render(render_mutex_);
  {
    std::lock_guard lock(mutex_);
    if (auto it = pdfs_.find(cache_key); it != pdfs_.end()) return it->second;
  }
  if (snap->defaults_error) throw Error(*snap->defaults_error);  // ptbrief.json is wrong: say so
  const auto& facts = snap->facts;
  compose::BriefRequest request;
  request.kind = key.topic ? compose::BriefRequest::Kind::Topic : compose::BriefRequest::Kind::Park;
  request.name = key.topic ? compose::resolve_topic(facts, key.name)
                           : compose::resolve_park(facts, key.name);
  pdf::PdfOptions options;
  options.source_date_epoch = pdf::source_date_epoch_from_env();  // never the clock
  options.glyph_store = cache::open_store(cache::Options{}, corpus_);  // as the fact cache
  if (options.source_date_epoch) request.date = compose::brief_date(*options.source_date_epoch);
  const BriefDefaults& d = snap->defaults;  // ptbrief.json: layout, issue, date, set
  if (!d.date.empty()) request.date = compose::brief_date(d.date);
  const std::string layout = layout_for(*snap, key.layout);
  CollectingSink sink;
  auto bytes = std::make_shared<const std::string>(pack::render_brief(
      facts, request, *named_layout(layout, d.layout, d.overrides), options, sink));
  std::lock_guard lock(mutex_);
  if (snapshot_ && snapshot_->fingerprint == snap->fingerprint) pdfs_[cache_key] = bytes;
  return bytes;
}

std::shared_ptr<const std::vector<std::string>> Workspace::pages(const BriefKey& key) {
  const auto bytes = pdf(key);
  const std::string state = snapshot()->fingerprint;
  const auto cache_key = std::make_pair(state, key);
  {
    std::lock_guard lock(mutex_);
    if (auto it = pngs_.find(cache_key); it != pngs_.end()) return it->second;
  }
  std::lock_guard render(render_mutex_);
  {
    std::lock_guard lock(mutex_);
    if (auto it = pngs_.find(cache_key); it != pngs_.end()) return it->second;
  }
  auto pngs = std::make_shared<const std::vector<std::string>>(render_pages(*bytes, 60));
  std::lock_guard lock(mutex_);
  if (snapshot_ && snapshot_->fingerprint == state) pngs_[cache_key] = pngs;
  return pngs;
}

std::vector<std::string> render_pages(const std::string& pdf, int dpi) {
  TempDir dir;
  const fs::path in = dir.path / "brief.pdf";
  write_file_atomically(in, pdf);
  const std::string dpi_text = std::to_string(dpi), in_text = in.string(),
                    out_text = (dir.path / "page").string();
  std::vector<char*> argv = {const_cast<char*>("pdftoppm"), const_cast<char*>("-r"),
                             const_cast<char*>(dpi_text.c_str()), const_cast<char*>("-png"),
                             const_cast<char*>(in_text.c_str()),
                             const_cast<char*>(out_text.c_str()), nullptr};
  pid_t pid = 0;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);  // O_WRONLY
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // Nothing else: the server's client sockets (accept()ed without close-on-exec) stay out of
  // pdftoppm, which would otherwise hold connections open until it exits.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  const int rc = posix_spawnp(&pid, "pdftoppm", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    fail("serve.preview", tr("cannot run pdftoppm for the preview pages"),
         tr("install poppler-utils (make deps); the PDF download works without it"));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    fail("serve.preview", tr("pdftoppm failed on the brief"), tr("download the PDF instead"));
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir.path))
    if (e.path().extension() == ".png") files.push_back(e.path());
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return page_number(a) < page_number(b); });
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(read_file(f));
  return out;
}

}  // namespace ptbrief::serve
