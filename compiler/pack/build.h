// The brief pipeline, shared by `ptbrief make` and `ptbrief pack`:
// corpus folder → Corpus → Facts (load_facts), then Facts + request + layout → PDF (render_brief).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "cache/cache.h"
#include "compose/compose.h"
#include "extract/corrections.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "pdf/pdf.h"
#include "typeset/typeset.h"

namespace ptbrief::pack {

/// How load_facts reads a corpus.
struct LoadOptions {
  /// The corrections file (--corrections); unset = <corpus>/corrections.json when it exists.
  std::optional<std::filesystem::path> corrections;
  /// Articles that cannot be read or decoded: an error (make) or a warning (pack).
  ingest::BadFile bad_files = ingest::BadFile::Fail;
  /// The fact cache (--no-cache); its bad_files is replaced by the one above.
  cache::Options cache;
  /// false: CorpusFacts::corpus keeps no article blocks (callers that use only the facts:
  /// make, extract, packs), except the files a corrections "add" entry quotes.
  bool article_text = true;
};

/// A whole corpus folder ingested and extracted through the fact cache (cache::load: only new
/// or changed files are ingested and extracted), with its corrections applied after. `corpus`
/// is as cache::Loaded holds it (blocks without char_sources), except the files a corrections
/// "add" entry quotes, which are ingested again in full.
struct CorpusFacts {
  ingest::Corpus corpus;
  extract::Facts facts;
  extract::Corrections corrections;                    ///< as read (empty when none)
  std::vector<extract::CorrectionOutcome> outcomes;   ///< one per correction entry
};
CorpusFacts load_facts(const std::filesystem::path& corpus_dir, DiagSink& sink,
                       const LoadOptions& options = {});

/// The cache keeps blocks without their character maps; a corrections "add" entry finds its
/// quote in the cleaned text and needs the map for the new fact's raw span. The files such
/// entries name are ingested again (their warnings were reported by the load already); a file
/// that cannot be read again, or now reads differently, stays lean. (load_facts calls it.)
void restore_quoted_files(const extract::Corrections& corrections, ingest::Corpus& corpus);

/// Compose, typeset and write one brief; returns the PDF bytes.
std::string render_brief(const extract::Facts& facts, const compose::BriefRequest& request,
                         const compose::LayoutSpec& layout, const pdf::PdfOptions& options,
                         DiagSink& sink, const typeset::TypesetOptions& typeset_options = {});

}  // namespace ptbrief::pack
