// The brief pipeline, shared by `ptbrief make` and `ptbrief pack`.
#include "pack/build.h"

#include "typeset/typeset.h"

namespace ptbrief::pack {

CorpusFacts load_facts(const std::filesystem::path& corpus_dir, DiagSink& sink,
                       const LoadOptions& options) {
  CorpusFacts out;
  out.corrections = extract::load_corrections_for(corpus_dir, options.corrections);  // validated
  out.corpus = ingest::ingest(corpus_dir, sink, options.bad_files);                // clean articles
  out.facts = extract::extract(out.corpus, extract::default_topics_file(), sink);  // facts
  out.outcomes = extract::apply_corrections(out.corrections, out.corpus, out.facts, sink);  // staff's
  return out;
}

std::string render_brief(const extract::Facts& facts, const compose::BriefRequest& request,
                         const compose::LayoutSpec& layout, const pdf::PdfOptions& options,
                         DiagSink& sink, const typeset::TypesetOptions& typeset_options) {
  typeset::Document doc = compose::compose(facts, request, layout, sink);  // document tree
  typeset::PageList pages = typeset::typeset(doc, typeset_options, sink);  // pages
  return pdf::write_pdf(pages, options);                                        // PDF bytes
}

}  // namespace ptbrief::pack
