// Page content streams: glyph runs as TJ arrays, boxes and strokes as path operators.
#include "pdf/content.h"

#include <charconv>
#include <cmath>
#include <variant>

namespace ptbrief::pdf {
namespace {

/// Appends `v` as pdf_number() writes it, without building a string per number.
void append_number(std::string& out, double v) {
  double thousandths = std::round(v * 1000.0);
  if (thousandths == 0 || !std::isfinite(thousandths)) {  // also turns -0 into 0
    out += '0';
    return;
  }
  if (std::abs(thousandths) >= 1e15) {  // far beyond any page coordinate: whole units
    char buf[400];                      // DBL_MAX has 309 digits
    auto res =
        std::to_chars(buf, buf + sizeof buf, thousandths / 1000.0, std::chars_format::fixed, 0);
    out.append(buf, res.ptr);
    return;
  }
  // Digits from the integer count of thousandths, written backwards; trailing zeros of the
  // fraction are left out, and so is a fraction of zero.
  auto n = static_cast<long long>(thousandths);
  unsigned long long a =
      n < 0 ? 0ull - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
  char buf[32];
  char* p = buf + sizeof buf;
  unsigned frac = static_cast<unsigned>(a % 1000), digits = 3;
  a /= 1000;
  if (frac != 0) {
    for (; frac % 10 == 0; frac /= 10) --digits;
    for (unsigned i = 0; i < digits; ++i, frac /= 10) *--p = static_cast<char>('0' + frac % 10);
    *--p = '.';
  }
  do *--p = static_cast<char>('0' + a % 10);
  while ((a /= 10) != 0);
  if (n < 0) *--p = '-';
  out.append(p, buf + sizeof buf);
}

void append_code(std::string& out, std::uint16_t code) {
  static const char* digits = "0123456789ABCDEF";
  char hex[4] = {digits[code >> 12], digits[(code >> 8) & 0xf], digits[(code >> 4) & 0xf],
                 digits[code & 0xf]};
  out.append(hex, 4);
}

// The colour operands with their operator's name: "r g b rg" (DeviceRGB) or "c m y k k"
// (DeviceCMYK, for process colours); `stroke` selects RG / K.
std::string paint(const typeset::Color& c, bool stroke) {
  if (c.cmyk) {
    const auto& v = *c.cmyk;
    return pdf_number(v[0]) + " " + pdf_number(v[1]) + " " + pdf_number(v[2]) + " " +
           pdf_number(v[3]) + (stroke ? " K" : " k");
  }
  return pdf_number(c.r) + " " + pdf_number(c.g) + " " + pdf_number(c.b) + (stroke ? " RG" : " rg");
}

/// One baseline's worth of glyphs: "1 0 0 1 x y Tm [<codes> adj <codes>] TJ". A TJ number
/// moves the pen left by n/1000 em (PDF 32000-1 §9.4.3), so the adjustment before a glyph is
/// (where the pen is - where the glyph goes) in thousandths of the font size. The pen is
/// tracked with the rounded numbers actually written, so rounding never accumulates.
void write_line(std::string& out, const typeset::GlyphRun& run, std::size_t begin, std::size_t end,
                const FontProgram& font, double page_height) {
  const auto& glyphs = run.glyphs;
  double pen = glyphs[begin].x;
  out += "1 0 0 1 ";
  append_number(out, pen);
  out += ' ';
  append_number(out, page_height - glyphs[begin].y);
  out += " Tm\n[<";
  for (std::size_t i = begin; i < end; ++i) {
    const auto& g = glyphs[i];
    double adj = std::round((pen - g.x) * 1000.0 / run.size * 100.0) / 100.0;
    if (std::abs(adj) >= 0.01) {
      out += "> ";
      append_number(out, adj);
      out += " <";
      pen -= adj * run.size / 1000.0;
    }
    const FontProgram::Shown& shown = font.shown.at(g.gid);
    if (g.gid == 0 && !g.text.empty()) {
      // A .notdef glyph carries the character it stands for as /ActualText (PDF 32000-1
      // §14.9.4), so text extraction gives each missing character itself.
      out += ">] TJ\n/Span <</ActualText <FEFF" + utf16be_hex(g.text) + ">>> BDC\n[<";
      append_code(out, shown.code);
      out += ">] TJ\nEMC\n[<";
    } else {
      append_code(out, shown.code);
    }
    pen += shown.width * run.size / 1000.0;
  }
  out += ">] TJ\n";
}

void write_run(std::string& out, const typeset::GlyphRun& run, const FontProgram& font,
               double page_height) {
  if (run.glyphs.empty()) return;
  out += "BT\n/" + font_resource_name(run.font) + " " + pdf_number(run.size) + " Tf\n" +
         paint(run.color, false) + "\n";
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
  if (box.fill) out += paint(*box.fill, false) + "\n";
  if (box.stroke) out += paint(*box.stroke, true) + "\n" + pdf_number(box.stroke_width) + " w\n";
  out += pdf_number(box.x) + " " + pdf_number(page_height - box.y - box.height) + " " +
         pdf_number(box.width) + " " + pdf_number(box.height) + " re\n";
  out += box.fill && box.stroke ? "B\n" : box.fill ? "f\n" : "S\n";
  out += "Q\n";
}

void write_stroke(std::string& out, const typeset::Stroke& s, double page_height) {
  out += "q\n" + paint(s.color, true) + "\n" + pdf_number(s.width) + " w\n" + pdf_number(s.x1) + " " +
         pdf_number(page_height - s.y1) + " m\n" + pdf_number(s.x2) + " " +
         pdf_number(page_height - s.y2) + " l\nS\nQ\n";
}

}  // namespace

std::string font_resource_name(std::size_t index) {
  return "F" + std::to_string(index);
}

std::string pdf_number(double v) {
  std::string s;
  append_number(s, v);
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
