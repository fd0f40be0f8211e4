// typeset: Document → PageList. HarfBuzz shaping, ICU + clreq line breaking, justification and
// pagination, with fonts resolved from the font manifest.
//
// Public interface of the typeset stage. Everything else in compiler/typeset/ is private.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "typeset/document.h"
#include "typeset/pagelist.h"

namespace ptbrief::typeset {

struct TypesetOptions {
  /// Font manifest (JSON). Default: fonts/manifest.json in the project root.
  std::filesystem::path font_manifest;
  /// The user's font folders (`--font-dir`), searched first for every family; typeset() adds
  /// PTBRIEF_FONT_DIRS after them (see user_font_dirs in fonts.h).
  std::vector<std::filesystem::path> font_dirs;
};

/// Lays out `doc`. A character no font of its role's fallback chain has is reported to `sink`
/// as a warning naming the character and its U+ code (never drawn as a silent tofu box).
/// Throws ptbrief::Error when a font role cannot be resolved. When a role's first choice is not
/// installed (公文's 方正小标宋, 仿宋_GB2312), one note names the stand-ins used.
PageList typeset(const Document& doc, const TypesetOptions& options, DiagSink& sink);

/// typeset() in two steps, for pages laid out once and used in two documents (a pack's brief
/// and its combined PDF): the pages and outline without running lines (labels empty) …
PageList typeset_body(const Document& doc, const TypesetOptions& options, DiagSink& sink);

/// … then the header, footer and label of every page of `pages`, as `doc`'s page spec and
/// metadata give them ({page}, {pages}, {title}, {date}). typeset_body() followed by this with
/// the same `doc` gives exactly typeset()'s pages.
void add_running_lines(const Document& doc, PageList& pages, const TypesetOptions& options,
                       DiagSink& sink);

/// Adds to `into` each face of `faces` it does not hold yet (same file and index), in order;
/// returns, for each face of `faces`, its index in `into` (to renumber GlyphRun::font).
std::vector<std::size_t> merge_fonts(std::vector<FontFace>& into,
                                     const std::vector<FontFace>& faces);

/// Pages laid out for `spec` as pages 0, 1, … of a document, moved to stand as pages `first`,
/// `first` + 1, … of a longer one: with mirrored margins a page whose side changes moves
/// sideways by the difference of the margins (vertical positions never depend on the side).
/// Items and line records move; outline entries keep their page indices.
void move_pages(PageList& pages, const PageSpec& spec, std::size_t first);

/// The user's font folders: `given` (--font-dir, in order), then PTBRIEF_FONT_DIRS
/// (colon-separated; empty parts are skipped). Throws ptbrief::Error (code "typeset.font_dir")
/// naming a folder that does not exist.
std::vector<std::filesystem::path> user_font_dirs(const std::vector<std::filesystem::path>& given);

/// The default font manifest path.
std::filesystem::path default_font_manifest();

/// The HarfBuzz version typeset shapes with (the shared library's), for `ptbrief --version`.
std::string harfbuzz_version();

/// A stable text rendering of the pages for golden tests and `ptbrief debug --dump=lines|pages`:
/// fonts, outline, and per page every LineRecord (baseline, extent, measure, flags B = body,
/// J = justified, E = paragraph end, and the text) plus item counts; with `with_glyphs`, every
/// glyph (font, gid, position, advance, text), box and stroke too. Numbers have two decimals,
/// formatted independently of the C locale.
std::string dump(const PageList& pages, bool with_glyphs = false);

}  // namespace ptbrief::typeset
