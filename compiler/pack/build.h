// The brief pipeline, shared by `ptbrief make` and `ptbrief pack`:
// corpus folder → Corpus → Facts (load_facts), then Facts + request + layout → PDF (render_brief).
#pragma once

#include <filesystem>
#include <string>

#include "base/diagnostic.h"
#include "cache/cache.h"
#include "compose/compose.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "pdf/pdf.h"

namespace ptbrief::pack {

/// Ingest and extract a whole corpus folder, through the fact cache (cache::load): only new
/// or changed files are ingested and extracted. `corpus` is as cache::Loaded holds it (blocks
/// without char_sources or sentences).
struct CorpusFacts {
  ingest::Corpus corpus;
  extract::Facts facts;
};
CorpusFacts load_facts(const std::filesystem::path& corpus_dir, DiagSink& sink,
                       const cache::Options& cache = {});

/// Compose, typeset and write one brief; returns the PDF bytes.
std::string render_brief(const extract::Facts& facts, const compose::BriefRequest& request,
                         const compose::LayoutSpec& layout, const pdf::PdfOptions& options,
                         DiagSink& sink);

}  // namespace ptbrief::pack
