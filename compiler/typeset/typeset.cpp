// typeset(): the stage driver — fonts, block layout, pagination, running lines.
#include "typeset/typeset.h"

#include <optional>

#include "base/paths.h"
#include "base/trace.h"
#include "typeset/fonts.h"
#include "typeset/paginate.h"

namespace ptbrief::typeset {

std::filesystem::path default_font_manifest() {
  return find_data_file("fonts/manifest.json");
}

PageList typeset(const Document& doc, const TypesetOptions& options, DiagSink& sink) {
  const std::filesystem::path manifest_path =
      options.font_manifest.empty() ? default_font_manifest() : options.font_manifest;
  std::optional<trace::Stage> stage(std::in_place, "typeset.fonts");
  const FontManifest& manifest = load_manifest(manifest_path);  // roles → families → files
  FontSet fonts(manifest, doc.font_roles, user_font_dirs(options.font_dirs));  // role chains
  Engine engine{ShapeContext{fonts, sink, doc.meta.lang, {}, {}}, {}, {}, {}, {}};

  // Document grid: pitch from the text block (公文: 28 characters × 22 lines).
  const TextBlock block = text_block(doc.page, 0);
  if (doc.page.grid && doc.page.grid->chars_per_line > 0)
    engine.char_pitch = block.width / doc.page.grid->chars_per_line;
  if (doc.page.grid && doc.page.grid->lines_per_page > 0)
    engine.line_pitch = block.height / doc.page.grid->lines_per_page;

  PageList out;
  out.meta = doc.meta;
  stage.emplace("typeset.layout_blocks");
  std::vector<Slab> flow = layout_blocks(doc.blocks, block.width, engine);  // lines, rows, charts
  stage.emplace("typeset.paginate");
  paginate(std::move(flow), doc.page, out);                                 // pages, outline
  add_running_lines(doc, out, engine);  // headers, footers, labels
  out.fonts = engine.fonts.fonts;       // faces actually used
  fonts.report_standins(sink);          // once: which stand-in replaced a missing first choice
  return out;
}

}  // namespace ptbrief::typeset
