// The brief pipeline, shared by `ptbrief make` and `ptbrief pack`:
// corpus folder → Corpus → Facts (load_facts), then Facts + request + layout → PDF (render_brief).
#pragma once

#include <filesystem>
#include <string>

#include "base/diagnostic.h"
#include "compose/compose.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "pdf/pdf.h"
#include "typeset/typeset.h"

namespace ptbrief::pack {

/// Ingest and extract a whole corpus folder.
struct CorpusFacts {
  ingest::Corpus corpus;
  extract::Facts facts;
};
CorpusFacts load_facts(const std::filesystem::path& corpus_dir, DiagSink& sink);

/// Compose, typeset and write one brief; returns the PDF bytes.
std::string render_brief(const extract::Facts& facts, const compose::BriefRequest& request,
                         const compose::LayoutSpec& layout, const pdf::PdfOptions& options,
                         DiagSink& sink, const typeset::TypesetOptions& typeset_options = {});

}  // namespace ptbrief::pack
