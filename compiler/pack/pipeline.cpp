// The real brief pipeline behind the pack runner: load_facts, then compose → typeset → pdf,
// for each brief and for the combined meeting PDF.
#include <map>
#include <mutex>

#include "pack/build.h"
#include "pack/combined.h"
#include "pack/pack.h"
#include "typeset/typeset.h"

namespace ptbrief::pack {
namespace {

class PipelineBuilder final : public Builder {
 public:
  explicit PipelineBuilder(cache::Options cache) : cache_(std::move(cache)) {}

  extract::Facts load_facts(const std::filesystem::path& corpus,
                            const std::filesystem::path& corrections, DiagSink& sink) override {
    LoadOptions options;
    if (!corrections.empty()) options.corrections = corrections;
    options.bad_files = ingest::BadFile::Skip;  // one bad article never stops a pack
    options.cache = cache_;
    options.article_text = false;  // only the facts are used
    return pack::load_facts(corpus, sink, options).facts;
  }

  BuiltBrief build(const extract::Facts& facts, const BriefJob& job, DiagSink& sink) override {
    typeset::Document doc = compose_brief(facts, job, sink);                           // document
    typeset::PageList pages = typeset::typeset(doc, job.typeset_options, sink);        // pages
    return write(pages, job.pdf_options);                                             // PDF bytes
  }

  BuiltBrief build_combined(const extract::Facts& facts, const CombinedJob& job,
                            DiagSink& sink) override {
    // Every brief composed as for its own PDF; the first in the pack's layout sets the page.
    CombinedInfo info;
    info.title = job.title;
    if (job.pdf_options.source_date_epoch)
      info.date = compose::brief_date(*job.pdf_options.source_date_epoch);
    std::vector<typeset::Document> docs;
    bool page_found = false;
    for (const BriefJob& brief : job.briefs) {
      if (!page_found && brief.layout == job.layout) {
        info.page_from = docs.size();
        page_found = true;
      }
      docs.push_back(compose_brief(facts, brief, sink));
    }
    if (!docs.empty()) info.publisher = docs[info.page_from].meta.author;  // the masthead's 编印单位
    CombinedPages combined = combine(std::move(docs), info, job.typeset_options, sink);
    return write(combined.pages, job.pdf_options);
  }

  std::vector<std::filesystem::path> facts_inputs() const override {
    return {extract::default_topics_file()};
  }

 private:
  typeset::Document compose_brief(const extract::Facts& facts, const BriefJob& job,
                                  DiagSink& sink) {
    std::shared_ptr<const compose::LayoutSpec> spec = layout(job.layout);
    compose::BriefRequest request = job.request;
    if (job.pdf_options.source_date_epoch)  // the masthead date, never the wall clock
      request.date = compose::brief_date(*job.pdf_options.source_date_epoch);
    return compose::compose(facts, request, *spec, sink);
  }

  static BuiltBrief write(const typeset::PageList& pages, const pdf::PdfOptions& options) {
    BuiltBrief out;
    out.pdf = pdf::write_pdf(pages, options);
    for (const auto& face : pages.fonts) out.font_files.emplace_back(face.path);
    return out;
  }

  /// Each layout is loaded once per run, whichever worker needs it first.
  std::shared_ptr<const compose::LayoutSpec> layout(const std::string& name) {
    std::lock_guard<std::mutex> hold(mutex_);
    auto& slot = layouts_[name];
    if (!slot) slot = compose::load_layout(name);
    return slot;
  }

  cache::Options cache_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const compose::LayoutSpec>> layouts_;
};

}  // namespace

std::unique_ptr<Builder> pipeline_builder(const cache::Options& cache) {
  return std::make_unique<PipelineBuilder>(cache);
}

}  // namespace ptbrief::pack
