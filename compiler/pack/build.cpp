// The brief pipeline, shared by `ptbrief make` and `ptbrief pack`.
#include "pack/build.h"

#include "typeset/typeset.h"

namespace ptbrief::pack {

CorpusFacts load_facts(const std::filesystem::path& corpus_dir, DiagSink& sink,
                       const cache::Options& cache) {
  cache::Loaded loaded = cache::load(corpus_dir, extract::default_topics_file(), cache, sink);
  return {std::move(loaded.corpus), std::move(loaded.facts)};
}

std::string render_brief(const extract::Facts& facts, const compose::BriefRequest& request,
                         const compose::LayoutSpec& layout, const pdf::PdfOptions& options,
                         DiagSink& sink) {
  typeset::Document doc = compose::compose(facts, request, layout, sink);      // document tree
  typeset::PageList pages = typeset::typeset(doc, typeset::TypesetOptions{}, sink);  // pages
  return pdf::write_pdf(pages, options);                                        // PDF bytes
}

}  // namespace ptbrief::pack
