// Test-only PageList builder for the PDF writer's tests and bench: places the nominal glyphs of
// a font chain (HarfBuzz cmap lookup, no shaping) on justified lines with a simple kinsoku rule,
// so the writer can be checked without the typesetting engine. Header-only (inline).
#pragma once

#include <hb-ot.h>
#include <hb.h>

#include <memory>
#include <string>
#include <vector>

#include "pdf/font_program.h"
#include "typeset/pagelist.h"
#include "typeset/sample.h"

namespace ptbrief::pdftest {

inline const char* kNotoSerif = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
inline const char* kNotoSans = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
inline const char* kWqy = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// An open face: its FontFace record for the PageList plus a HarfBuzz font (scale = upem).
struct TestFace {
  typeset::FontFace info;
  hb_blob_t* blob = nullptr;
  hb_face_t* face = nullptr;
  hb_font_t* font = nullptr;
  /// Releases blob, face and font when the last copy of this TestFace goes.
  std::shared_ptr<void> owner;
  std::uint32_t glyph(char32_t c) const {
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(font, c, &g) ? g : 0;
  }
  double advance_em(std::uint32_t gid) const {
    return hb_font_get_glyph_h_advance(font, gid) / double(info.units_per_em);
  }
};

/// Opens the face of `path` whose family (name id 1) is `family`; REQUIREs that it exists.
inline TestFace open_face(const std::string& path, const std::string& family) {
  TestFace f;
  f.blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (!f.blob) throw std::runtime_error("cannot read font " + path);
  unsigned n = hb_face_count(f.blob);
  for (unsigned i = 0; i < n; ++i) {
    hb_face_t* face = hb_face_create(f.blob, i);
    char buf[256];
    unsigned len = sizeof buf;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, hb_language_from_string("en", -1), &len,
                        buf);
    if (std::string(buf, len) == family) {
      f.face = face;
      f.font = hb_font_create(face);
      f.info.path = path;
      f.info.index = i;
      f.info.family = family;
      f.info.units_per_em = hb_face_get_upem(face);
      hb_blob_t* cff = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
      f.info.cff = hb_blob_get_length(cff) > 0;
      hb_blob_destroy(cff);
      len = sizeof buf;
      hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf);
      f.info.postscript_name.assign(buf, len);
      f.owner = std::shared_ptr<void>(nullptr, [blob = f.blob, face, font = f.font](void*) {
        hb_font_destroy(font);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
      });
      return f;
    }
    hb_face_destroy(face);
  }
  hb_blob_destroy(f.blob);
  throw std::runtime_error("no face " + family + " in " + path);
}

inline std::vector<std::string> utf8_chars(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

inline char32_t code_point(const std::string& ch) {
  unsigned char c = ch[0];
  if (c < 0x80) return c;
  int len = ch.size();
  char32_t cp = c & (0x7f >> len);
  for (int k = 1; k < len; ++k) cp = cp << 6 | (static_cast<unsigned char>(ch[k]) & 0x3f);
  return cp;
}

/// Closing marks that may not start a line, opening marks that may not end one (clreq §3.1.7).
inline const std::string kNoStart = "。，、；：？！）》」』”’…—·%";
inline const std::string kNoEnd = "（《「『“‘";

inline bool in_set(const std::string& set, const std::string& ch) {
  return ch.size() > 0 && set.find(ch) != std::string::npos;
}

/// Lays text out on pages with a font chain (first face that has a character draws it).
class PageBuilder {
 public:
  PageBuilder(std::vector<TestFace> faces, Pt size) : faces_(std::move(faces)), size_(size) {
    for (const auto& f : faces_) pages_.fonts.push_back(f.info);
    new_page();
  }

  /// A paragraph (justified, last line flush left) or heading (one outline entry).
  void paragraph(const std::string& text, bool heading = false, int level = 1) {
    if (heading) {
      advance(size_ * 0.8);
      pages_.outline.push_back({text, level, pages_.pages.size() - 1, y_});
    }
    auto units = make_units(text);
    std::size_t begin = 0;
    bool first = true;
    while (begin < units.size()) {
      double indent = first && !heading ? 2 * size_ : 0;
      std::size_t end = fit(units, begin, kMeasure - indent);
      bool last = end == units.size();
      advance(size_ * 1.6);
      set_line(units, begin, end, kLeft + indent, last ? -1 : kLeft + kMeasure, !heading);
      begin = end;
      first = false;
    }
    body_ += text;
  }

  /// A one-line-per-row table with a shaded header and rules between rows.
  void table(const std::vector<std::vector<std::string>>& rows) {
    double col = kMeasure / rows.at(0).size();
    for (std::size_t r = 0; r < rows.size(); ++r) {
      advance(size_ * 1.8);
      if (r == 0)
        current().items.push_back(typeset::Box{kLeft, y_ - size_ * 1.3, kMeasure, size_ * 1.8,
                                                typeset::Color{0.85, 0.85, 0.85}, std::nullopt, 0.5});
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        auto units = make_units(rows[r][c]);
        set_line(units, 0, units.size(), kLeft + c * col + 3, -1, false);
        body_ += rows[r][c];
      }
      current().items.push_back(
          typeset::Stroke{kLeft, y_ + size_ * 0.5, kLeft + kMeasure, y_ + size_ * 0.5, 0.5, {}});
    }
  }

  /// A horizontal bar chart: label, bar (filled box) and value per row.
  void chart(const std::vector<std::pair<std::string, double>>& bars) {
    for (const auto& [label, value] : bars) {
      advance(size_ * 1.8);
      auto units = make_units(label);
      set_line(units, 0, units.size(), kLeft, -1, false);
      current().items.push_back(typeset::Box{kLeft + 80, y_ - size_, value * 3, size_,
                                              typeset::Color{0.75, 0.1, 0.1}, std::nullopt, 0.5});
      body_ += label;
    }
  }

  typeset::PageList finish() { return std::move(pages_); }
  /// All text laid out, in order (what a text extraction must return, whitespace aside).
  const std::string& body_text() const { return body_; }

  static constexpr double kLeft = 72, kMeasure = 451, kTop = 72, kBottom = 770;

 private:
  struct Unit {  // an unbreakable piece: one Han character or a Latin/digit word
    std::vector<std::pair<std::size_t, std::uint32_t>> glyphs;  // face, gid
    std::vector<std::string> chars;
    double width = 0;
  };

  std::vector<Unit> make_units(const std::string& text) const {
    std::vector<Unit> units;
    bool prev_word = false;
    for (const auto& ch : utf8_chars(text)) {
      char32_t cp = code_point(ch);
      bool word = cp < 0x80 && cp != ' ';
      if (!(word && prev_word)) units.emplace_back();
      prev_word = word;
      std::size_t f = 0;
      while (f + 1 < faces_.size() && faces_[f].glyph(cp) == 0) ++f;
      std::uint32_t gid = faces_[f].glyph(cp);
      units.back().glyphs.emplace_back(f, gid);
      units.back().chars.push_back(ch);
      units.back().width += faces_[f].advance_em(gid) * size_;
    }
    return units;
  }

  /// Greedy fit from `begin`, then kinsoku: push units down while the next line would start
  /// with a closing mark or this one ends with an opening mark.
  std::size_t fit(const std::vector<Unit>& u, std::size_t begin, double measure) const {
    double w = 0;
    std::size_t end = begin;
    while (end < u.size() && (end == begin || w + u[end].width <= measure)) w += u[end++].width;
    while (end < u.size() && end > begin + 1 &&
           (in_set(kNoStart, u[end].chars.front()) || in_set(kNoEnd, u[end - 1].chars.back())))
      --end;
    return end;
  }

  /// Places units [begin, end) from x; when `right` >= 0 the slack is spread between units.
  void set_line(const std::vector<Unit>& u, std::size_t begin, std::size_t end, double x,
                double right, bool body) {
    double natural = 0;
    for (std::size_t i = begin; i < end; ++i) natural += u[i].width;
    double gap = right >= 0 && end - begin > 1 ? (right - x - natural) / (end - begin - 1) : 0;
    typeset::LineRecord rec{"", x, 0, x, right >= 0 ? right : x + natural, y_, right >= 0,
                            right < 0, body};
    typeset::GlyphRun* run = nullptr;
    for (std::size_t i = begin; i < end; ++i) {
      for (std::size_t k = 0; k < u[i].glyphs.size(); ++k) {
        auto [face, gid] = u[i].glyphs[k];
        if (!run || run->font != face) {
          current().items.push_back(typeset::GlyphRun{face, size_, {}, {}});
          run = &std::get<typeset::GlyphRun>(current().items.back());
        }
        double adv = faces_[face].advance_em(gid) * size_;
        run->glyphs.push_back({gid, x, y_, adv, u[i].chars[k]});
        rec.text += u[i].chars[k];
        x += adv;
      }
      if (i + 1 < end) x += gap;
    }
    rec.x_end = x;
    current().lines.push_back(rec);
  }

  void advance(double dy) {
    if (y_ + dy > kBottom) new_page();
    y_ += dy;
  }
  void new_page() {
    typeset::Page p;
    p.width = 595.276;
    p.height = 841.89;
    p.label = std::to_string(pages_.pages.size() + 1);
    pages_.pages.push_back(p);
    y_ = kTop;
  }
  typeset::Page& current() { return pages_.pages.back(); }

  std::vector<TestFace> faces_;
  double size_;
  double y_ = kTop;
  typeset::PageList pages_;
  std::string body_;
};

/// Pages plus the text they must extract to.
struct Sample {
  typeset::PageList pages;
  std::string body;
};

/// The sample document's headings and paragraphs, a table and a chart, laid out with `faces`.
inline Sample sample_pages(std::vector<TestFace> faces, std::size_t han_chars = 5000) {
  PageBuilder b(std::move(faces), 10.5);
  typeset::Document doc = typeset::sample_document(han_chars);
  bool tabled = false;
  for (const auto& block : doc.blocks) {
    if (const auto* h = std::get_if<typeset::Heading>(&block)) {
      std::string t;
      for (const auto& in : h->paragraph.content) t += in.text;
      b.paragraph(t, true, h->level);
    } else if (const auto* p = std::get_if<typeset::Paragraph>(&block)) {
      std::string t = p->marker;
      for (const auto& in : p->content) t += in.text;
      b.paragraph(t);
    } else if (std::holds_alternative<typeset::Table>(block) && !tabled) {
      tabled = true;
      b.table({{"指标", "数值", "同比"}, {"地区生产总值", "3.5亿元", "12.8%"},
               {"高新技术企业", "2360家", "34.65%"}, {"新建党支部", "48个", "+6"}});
      b.chart({{"南通高新区", 92.5}, {"苏州工业园区", 88.0}, {"无锡经开区", 76.4}});
    }
  }
  std::string body = b.body_text();
  return {b.finish(), body};
}

/// Every glyph the pages show, with its text: what the PDF writer gives a face's subsetter.
inline pdf::GlyphUse glyph_use(const typeset::PageList& pl) {
  pdf::GlyphUse use;
  for (const auto& page : pl.pages)
    for (const auto& item : page.items)
      if (const auto* run = std::get_if<typeset::GlyphRun>(&item))
        for (const auto& g : run->glyphs) use.emplace(g.gid, g.text);
  return use;
}

}  // namespace ptbrief::pdftest
