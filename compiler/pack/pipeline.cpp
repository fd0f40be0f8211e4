// The real brief pipeline behind the pack runner: load_facts, then compose → typeset → pdf.
#include <map>
#include <mutex>

#include "pack/build.h"
#include "pack/pack.h"
#include "typeset/typeset.h"

namespace ptbrief::pack {
namespace {

class PipelineBuilder final : public Builder {
 public:
  extract::Facts load_facts(const std::filesystem::path& corpus, DiagSink& sink) override {
    return pack::load_facts(corpus, sink).facts;
  }

  BuiltBrief build(const extract::Facts& facts, const BriefJob& job, DiagSink& sink) override {
    std::shared_ptr<const compose::LayoutSpec> spec = layout(job.layout);
    compose::BriefRequest request = job.request;
    if (job.pdf_options.source_date_epoch)  // the masthead date, never the wall clock
      request.date = compose::brief_date(*job.pdf_options.source_date_epoch);
    typeset::Document doc = compose::compose(facts, request, *spec, sink);             // document
    typeset::PageList pages = typeset::typeset(doc, typeset::TypesetOptions{}, sink);  // pages
    BuiltBrief out;
    out.pdf = pdf::write_pdf(pages, job.pdf_options);                                  // PDF bytes
    for (const auto& face : pages.fonts) out.font_files.emplace_back(face.path);
    return out;
  }

  std::vector<std::filesystem::path> facts_inputs() const override {
    return {extract::default_topics_file()};
  }

 private:
  /// Each layout is loaded once per run, whichever worker needs it first.
  std::shared_ptr<const compose::LayoutSpec> layout(const std::string& name) {
    std::lock_guard<std::mutex> hold(mutex_);
    auto& slot = layouts_[name];
    if (!slot) slot = compose::load_layout(name);
    return slot;
  }

  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const compose::LayoutSpec>> layouts_;
};

}  // namespace

std::unique_ptr<Builder> pipeline_builder() { return std::make_unique<PipelineBuilder>(); }

}  // namespace ptbrief::pack
