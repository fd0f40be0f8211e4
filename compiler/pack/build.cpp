// The brief pipeline, shared by `ptbrief make` and `ptbrief pack`.
#include "pack/build.h"

#include <optional>
#include <set>

#include "base/atomic_file.h"
#include "base/trace.h"
#include "typeset/typeset.h"

namespace ptbrief::pack {
namespace {

class DroppingSink final : public DiagSink {
 public:
  void report(const Diagnostic&) override {}
};

}  // namespace

void restore_quoted_files(const extract::Corrections& corrections, ingest::Corpus& corpus) {
  std::set<std::string> names;
  for (const auto& e : corrections.add) names.insert(e.file);
  for (const auto& f : corpus.files) {
    if (!names.count(f.name) || f.path.empty()) continue;
    std::vector<ingest::Article> full;
    try {
      DroppingSink reported_already;
      full = ingest::ingest_bytes(read_file(f.path), f.name, reported_already);
    } catch (const Error&) {
      continue;
    } catch (const std::filesystem::filesystem_error&) {
      continue;
    }
    std::vector<ingest::Article*> lean;
    for (auto& a : corpus.articles)
      if (a.file == f.name) lean.push_back(&a);
    if (lean.size() != full.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < full.size() && same; ++k)
      same = lean[k]->id == full[k].id &&
             (lean[k]->blocks.empty() || lean[k]->blocks.size() == full[k].blocks.size());
    if (!same) continue;
    for (std::size_t k = 0; k < full.size(); ++k) *lean[k] = std::move(full[k]);
  }
}

CorpusFacts load_facts(const std::filesystem::path& corpus_dir, DiagSink& sink,
                       const LoadOptions& options) {
  CorpusFacts out;
  std::optional<trace::Stage> stage(std::in_place, "facts.corrections_file");
  out.corrections = extract::load_corrections_for(corpus_dir, options.corrections);  // validated
  stage.emplace("facts.cache_load");
  cache::Options cache = options.cache;
  cache.bad_files = options.bad_files;
  cache.article_text = cache.article_text && options.article_text;
  cache::Loaded loaded = cache::load(corpus_dir, extract::default_topics_file(), cache, sink);
  out.corpus = std::move(loaded.corpus);                                            // + facts
  out.facts = std::move(loaded.facts);
  stage.emplace("facts.apply_corrections");
  restore_quoted_files(out.corrections, out.corpus);  // an add cites a quote: full source maps
  out.outcomes = extract::apply_corrections(out.corrections, out.corpus, out.facts, sink);  // staff's
  return out;
}

std::string render_brief(const extract::Facts& facts, const compose::BriefRequest& request,
                         const compose::LayoutSpec& layout, const pdf::PdfOptions& options,
                         DiagSink& sink, const typeset::TypesetOptions& typeset_options) {
  std::optional<trace::Stage> stage(std::in_place, "render.compose");
  typeset::Document doc = compose::compose(facts, request, layout, sink);  // document tree
  stage.emplace("render.typeset");
  typeset::PageList pages = typeset::typeset(doc, typeset_options, sink);  // pages
  stage.emplace("render.write_pdf");
  return pdf::write_pdf(pages, options);                                        // PDF bytes
}

}  // namespace ptbrief::pack
