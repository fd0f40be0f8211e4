// dump(): a stable text rendering of a PageList for golden tests and `ptbrief debug`.
#include <cstdio>
#include <string>

#include "typeset/typeset.h"

namespace ptbrief::typeset {
namespace {

// Fixed two-decimal formatting, independent of the C locale's decimal separator.
std::string num(double v) {
  long long centi = static_cast<long long>(v * 100 + (v < 0 ? -0.5 : 0.5));
  const bool neg = centi < 0;
  if (neg) centi = -centi;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", neg ? "-" : "", centi / 100, centi % 100);
  return buf;
}

}  // namespace

std::string dump(const PageList& pages, bool with_glyphs) {
  std::string out;
  out += "fonts " + std::to_string(pages.fonts.size()) + "\n";
  for (std::size_t i = 0; i < pages.fonts.size(); ++i)
    out += "  font " + std::to_string(i) + " " + pages.fonts[i].family + " (" +
           pages.fonts[i].postscript_name + (pages.fonts[i].cff ? ", CFF" : ", TrueType") + ")\n";
  for (const OutlineEntry& o : pages.outline)
    out += "outline " + std::to_string(o.level) + " p" + std::to_string(o.page + 1) +
           " y=" + num(o.y) + " " + o.title + "\n";
  for (std::size_t p = 0; p < pages.pages.size(); ++p) {
    const Page& page = pages.pages[p];
    out += "page " + std::to_string(p + 1) + " label=" + page.label + " " + num(page.width) + "x" +
           num(page.height) + "\n";
    for (const LineRecord& l : page.lines) {
      std::string flags;
      flags += l.body ? 'B' : '-';
      flags += l.justified ? 'J' : '-';
      flags += l.paragraph_end ? 'E' : '-';
      out += "  line y=" + num(l.baseline) + " x=" + num(l.x_start) + ".." + num(l.x_end) + " [" +
             num(l.left) + "," + num(l.right) + "] " + flags + " " + l.text + "\n";
    }
    std::size_t runs = 0, glyphs = 0, boxes = 0, strokes = 0;
    for (const Item& item : page.items) {
      if (const auto* run = std::get_if<GlyphRun>(&item)) {
        ++runs;
        glyphs += run->glyphs.size();
        if (with_glyphs)
          out += "    run f" + std::to_string(run->font) + " size=" + num(run->size) + "\n";
        if (with_glyphs)
          for (const PlacedGlyph& g : run->glyphs)
            out += "    glyph f" + std::to_string(run->font) + " " + std::to_string(g.gid) + " " +
                   num(g.x) + "," + num(g.y) + " +" + num(g.advance) + " " + g.text + "\n";
      } else if (const auto* b = std::get_if<Box>(&item)) {
        ++boxes;
        if (with_glyphs)
          out += "    box " + num(b->x) + "," + num(b->y) + " " + num(b->width) + "x" +
                 num(b->height) + "\n";
      } else if (const auto* s = std::get_if<Stroke>(&item)) {
        ++strokes;
        if (with_glyphs)
          out += "    stroke " + num(s->x1) + "," + num(s->y1) + " " + num(s->x2) + "," +
                 num(s->y2) + "\n";
      }
    }
    out += "  items runs=" + std::to_string(runs) + " glyphs=" + std::to_string(glyphs) +
           " boxes=" + std::to_string(boxes) + " strokes=" + std::to_string(strokes) + "\n";
  }
  return out;
}

}  // namespace ptbrief::typeset
