// typeset(): the stage driver — fonts, block layout, pagination, running lines.
#include "typeset/typeset.h"

#include <algorithm>
#include <optional>

#include "base/paths.h"
#include "base/trace.h"
#include "typeset/fonts.h"
#include "typeset/paginate.h"

namespace ptbrief::typeset {
namespace {

const FontManifest& manifest_for(const TypesetOptions& options) {
  return load_manifest(options.font_manifest.empty() ? default_font_manifest()
                                                     : options.font_manifest);
}

/// The per-document layout state, with the document grid's pitches (公文: 28 characters ×
/// 22 lines) taken from the text block.
Engine engine_for(const Document& doc, FontSet& fonts, DiagSink& sink) {
  Engine engine{ShapeContext{fonts, sink, doc.meta.lang, {}, {}}, {}, {}, {}, {}};
  const TextBlock block = text_block(doc.page, 0);
  if (doc.page.grid && doc.page.grid->chars_per_line > 0)
    engine.char_pitch = block.width / doc.page.grid->chars_per_line;
  if (doc.page.grid && doc.page.grid->lines_per_page > 0)
    engine.line_pitch = block.height / doc.page.grid->lines_per_page;
  return engine;
}

/// Lines, rows and charts of `doc`, paginated: pages and outline, no running lines yet.
PageList lay_out(const Document& doc, Engine& engine) {
  PageList out;
  out.meta = doc.meta;
  std::optional<trace::Stage> stage(std::in_place, "typeset.layout_blocks");
  std::vector<Slab> flow = layout_blocks(doc.blocks, text_block(doc.page, 0).width, engine);
  stage.emplace("typeset.paginate");
  paginate(std::move(flow), doc.page, out);  // pages, outline
  return out;
}

}  // namespace

std::filesystem::path default_font_manifest() {
  return find_data_file("fonts/manifest.json");
}

PageList typeset(const Document& doc, const TypesetOptions& options, DiagSink& sink) {
  std::optional<trace::Stage> stage(std::in_place, "typeset.fonts");
  FontSet fonts(manifest_for(options), doc.font_roles, user_font_dirs(options.font_dirs));
  Engine engine = engine_for(doc, fonts, sink);
  stage.reset();
  PageList out = lay_out(doc, engine);
  stage.emplace("typeset.running_lines");
  add_running_lines(doc, out, engine);  // headers, footers, labels
  out.fonts = engine.fonts.fonts;       // faces actually used
  fonts.report_standins(sink);          // once: which stand-in replaced a missing first choice
  return out;
}

PageList typeset_body(const Document& doc, const TypesetOptions& options, DiagSink& sink) {
  FontSet fonts(manifest_for(options), doc.font_roles, user_font_dirs(options.font_dirs));
  Engine engine = engine_for(doc, fonts, sink);
  PageList out = lay_out(doc, engine);
  out.fonts = engine.fonts.fonts;
  fonts.report_standins(sink);
  return out;
}

std::vector<std::size_t> merge_fonts(std::vector<FontFace>& into,
                                     const std::vector<FontFace>& faces) {
  std::vector<std::size_t> index;
  for (const FontFace& face : faces) {
    auto same = [&](const FontFace& f) { return f.path == face.path && f.index == face.index; };
    auto it = std::find_if(into.begin(), into.end(), same);
    index.push_back(static_cast<std::size_t>(it - into.begin()));
    if (it == into.end()) into.push_back(face);
  }
  return index;
}

void add_running_lines(const Document& doc, PageList& pages, const TypesetOptions& options,
                       DiagSink& sink) {
  FontSet fonts(manifest_for(options), doc.font_roles, user_font_dirs(options.font_dirs));
  Engine engine = engine_for(doc, fonts, sink);
  // The running lines are set on blank pages of the same count and size, then laid over
  // `pages`: their items and records come after the body's, and faces new to `pages` are
  // appended to its font list — the order typeset() gives them.
  PageList lines;
  lines.meta = doc.meta;
  for (const Page& p : pages.pages) {
    Page blank;
    blank.width = p.width;
    blank.height = p.height;
    lines.pages.push_back(std::move(blank));
  }
  add_running_lines(doc, lines, engine);
  const std::vector<std::size_t> font_index = merge_fonts(pages.fonts, engine.fonts.fonts);
  for (std::size_t i = 0; i < pages.pages.size(); ++i) {
    Page& into = pages.pages[i];
    Page& from = lines.pages[i];
    into.label = std::move(from.label);
    for (Item& item : from.items) {
      if (auto* run = std::get_if<GlyphRun>(&item)) run->font = font_index.at(run->font);
      into.items.push_back(std::move(item));
    }
    for (LineRecord& r : from.lines) into.lines.push_back(std::move(r));
  }
}

}  // namespace ptbrief::typeset
