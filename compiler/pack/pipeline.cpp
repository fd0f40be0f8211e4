// The real brief pipeline behind the pack runner: load_facts, then compose → typeset → pdf,
// for each brief and for the combined meeting PDF.
#include <future>
#include <map>
#include <memory>
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
    {
      std::lock_guard<std::mutex> hold(mutex_);
      glyph_store_ = cache::open_store(cache_, corpus);  // the same folder keeps glyphs
    }
    return pack::load_facts(corpus, sink, options).facts;
  }

  BuiltBrief build(const extract::Facts& facts, const BriefJob& job, DiagSink& sink) override {
    if (!job.shared_layout) {
      typeset::Document doc = compose_brief(facts, job, sink);                       // document
      typeset::PageList pages = typeset::typeset(doc, job.typeset_options, sink);    // pages
      return write(pages, job.pdf_options);                                         // PDF bytes
    }
    std::shared_ptr<const LaidOut> laid = laid_out(facts, job, sink);  // shared with the combined
    typeset::PageList pages = *laid->pages;
    typeset::add_running_lines(laid->doc, pages, job.typeset_options, sink);
    return write(pages, job.pdf_options);
  }

  BuiltBrief build_combined(const extract::Facts& facts, const CombinedJob& job,
                            DiagSink& sink) override {
    // Every brief composed and laid out as for its own PDF (or taken from its own build); the
    // first in the pack's layout sets the page. The briefs' workers take them first to last,
    // so this one takes them last to first: each is laid out once, by whoever needs it first.
    std::vector<std::shared_ptr<const LaidOut>> laid(job.briefs.size());
    for (std::size_t i = job.briefs.size(); i-- > 0;) {
      CollectingSink held;  // reported in pack order below
      laid[i] = laid_out(facts, job.briefs[i], held);
    }
    CombinedInfo info;
    info.title = job.title;
    if (job.pdf_options.source_date_epoch)
      info.date = compose::brief_date(*job.pdf_options.source_date_epoch);
    std::vector<CombinedBrief> briefs;
    bool page_found = false;
    for (std::size_t i = 0; i < job.briefs.size(); ++i) {
      for (const Diagnostic& d : laid[i]->diagnostics) sink.report(d);
      if (!page_found && job.briefs[i].layout == job.layout) {
        info.page_from = briefs.size();
        page_found = true;
      }
      briefs.push_back({laid[i]->doc, laid[i]->pages});
    }
    if (!briefs.empty()) info.publisher = briefs[info.page_from].doc.meta.author;  // 编印单位
    CombinedPages combined = combine(std::move(briefs), info, job.typeset_options, sink);
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

  BuiltBrief write(const typeset::PageList& pages, const pdf::PdfOptions& job_options) {
    pdf::PdfOptions options = job_options;
    {
      std::lock_guard<std::mutex> hold(mutex_);
      if (!options.glyph_store) options.glyph_store = glyph_store_;
    }
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

  /// A brief composed and laid out before its running lines, with what composing and laying
  /// it out reported: shared by the brief's own PDF and the combined one.
  struct LaidOut {
    typeset::Document doc;
    std::shared_ptr<const typeset::PageList> pages;
    std::vector<Diagnostic> diagnostics;
  };

  /// The brief of `job`, laid out once per run by whichever worker asks first; the others
  /// wait for it. Its diagnostics are reported to every asker's `sink`; an error is thrown
  /// to every asker.
  std::shared_ptr<const LaidOut> laid_out(const extract::Facts& facts, const BriefJob& job,
                                          DiagSink& sink) {
    std::promise<std::shared_ptr<const LaidOut>> promise;
    std::shared_future<std::shared_ptr<const LaidOut>> future;
    bool mine = false;
    {
      std::lock_guard<std::mutex> hold(mutex_);
      auto [it, fresh] = laid_out_.try_emplace(LaidOutKey{&facts, job.output_name});
      if (fresh) it->second = promise.get_future().share();
      future = it->second;
      mine = fresh;
    }
    if (mine) {
      auto laid = std::make_shared<LaidOut>();
      CollectingSink held;
      try {
        laid->doc = compose_brief(facts, job, held);
        laid->pages = std::make_shared<const typeset::PageList>(
            typeset::typeset_body(laid->doc, job.typeset_options, held));
        laid->diagnostics = std::move(held.items);
        promise.set_value(std::move(laid));
      } catch (...) {
        for (const Diagnostic& d : held.items) sink.report(d);
        promise.set_exception(std::current_exception());
        throw;
      }
    }
    std::shared_ptr<const LaidOut> laid = future.get();  // rethrows another asker's error
    for (const Diagnostic& d : laid->diagnostics) sink.report(d);
    return laid;
  }

  using LaidOutKey = std::pair<const extract::Facts*, std::string>;

  cache::Options cache_;
  std::mutex mutex_;
  std::shared_ptr<ByteStore> glyph_store_;  // the cache folder of the corpus loaded, if on
  std::map<std::string, std::shared_ptr<const compose::LayoutSpec>> layouts_;
  std::map<LaidOutKey, std::shared_future<std::shared_ptr<const LaidOut>>> laid_out_;
};

}  // namespace

std::unique_ptr<Builder> pipeline_builder(const cache::Options& cache) {
  return std::make_unique<PipelineBuilder>(cache);
}

}  // namespace ptbrief::pack
