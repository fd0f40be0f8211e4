// Page content streams: glyph runs as TJ arrays, boxes and strokes as path operators.
#include "pdf/content.h"

#include <charconv>
#include <cmath>
#include <variant>

namespace ptbrief::pdf {
namespace {

void append_code(std::string& out, std::uint16_t code) {
  static const char* digits = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) out += digits[(code >> shift) & 0xf];
}

std::string rgb(const typeset::Color& c) {
  return pdf_number(c.r) + " " + pdf_number(c.g) + " " + pdf_number(c.b);
}

/// One baseline's worth of glyphs: "1 0 0 1 x y Tm [<codes> adj <codes>] TJ". A TJ number
/// moves the pen left by n/1000 em (PDF 32000-1 §9.4.3), so the adjustment before a glyph is
/// (where the pen is - where the glyph goes) in thousandths of the font size. The pen is
/// tracked with the rounded numbers actually written, so rounding never accumulates.
void write_line(std::string& out, const typeset::GlyphRun& run, std::size_t begin, std::size_t end,
                const FontProgram& font, double page_height) {
  const auto& glyphs = run.glyphs;
  double pen = glyphs[begin].x;
  out += "1 0 0 1 " + pdf_number(pen) + " " + pdf_number(page_height - glyphs[begin].y) +
         " Tm\n[<";
  for (std::size_t i = begin; i < end; ++i) {
    const auto& g = glyphs[i];
    double adj = std::round((pen - g.x) * 1000.0 / run.size * 100.0) / 100.0;
    if (std::abs(adj) >= 0.01) {
      out += "> " + pdf_number(adj) + " <";
      pen -= adj * run.size / 1000.0;
    }
    std::uint16_t code = font.code_of_gid.at(g.gid);
    append_code(out, code);
    pen += font.widths.at(code) * run.size / 1000.0;
  }
  out += ">] TJ\n";
}

void write_run(std::string& out, const typeset::GlyphRun& run, const FontProgram& font,
               double page_height) {
  if (run.glyphs.empty()) return;
  out += "BT\n/" + font_resource_name(run.font) + " " + pdf_number(run.size) + " Tf\n" +
         rgb(run.color) + " rg\n";
  // Split where the baseline changes (a run may span several printed lines).
  std::size_t begin = 0;
  for (std::size_t i = 1; i <= run.glyphs.size(); ++i) {
    if (i == run.glyphs.size() || run.glyphs[i].y != run.glyphs[begin].y) {
      write_line(out, run, begin, i, font, page_height);
      begin = i;
    }
  }
  out += "ET\n";
}

void write_box(std::string& out, const typeset::Box& box, double page_height) {
  if (!box.fill && !box.stroke) return;
  out += "q\n";
  if (box.fill) out += rgb(*box.fill) + " rg\n";
  if (box.stroke) out += rgb(*box.stroke) + " RG\n" + pdf_number(box.stroke_width) + " w\n";
  out += pdf_number(box.x) + " " + pdf_number(page_height - box.y - box.height) + " " +
         pdf_number(box.width) + " " + pdf_number(box.height) + " re\n";
  out += box.fill && box.stroke ? "B\n" : box.fill ? "f\n" : "S\n";
  out += "Q\n";
}

void write_stroke(std::string& out, const typeset::Stroke& s, double page_height) {
  out += "q\n" + rgb(s.color) + " RG\n" + pdf_number(s.width) + " w\n" + pdf_number(s.x1) + " " +
         pdf_number(page_height - s.y1) + " m\n" + pdf_number(s.x2) + " " +
         pdf_number(page_height - s.y2) + " l\nS\nQ\n";
}

}  // namespace

std::string font_resource_name(std::size_t index) { return "F" + std::to_string(index); }

std::string pdf_number(double v) {
  double r = std::round(v * 1000.0) / 1000.0;
  if (r == 0) return "0";  // also turns -0 into 0
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, r, std::chars_format::fixed, 3);
  std::string s(buf, res.ptr);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string page_content(const typeset::Page& page, const std::vector<FontProgram>& fonts) {
  std::string out;
  for (const auto& item : page.items) {
    if (const auto* run = std::get_if<typeset::GlyphRun>(&item))
      write_run(out, *run, fonts.at(run->font), page.height);
    else if (const auto* box = std::get_if<typeset::Box>(&item))
      write_box(out, *box, page.height);
    else if (const auto* stroke = std::get_if<typeset::Stroke>(&item))
      write_stroke(out, *stroke, page.height);
  }
  return out;
}

}  // namespace ptbrief::pdf
