// Itemize by style, font fallback and script; shape each run with HarfBuzz.
#include "typeset/shape.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/utf8.h"
#include "typeset/typeset.h"

namespace ptbrief::typeset {
namespace {

// Scripts that do not start a new run: they take the script of the text around them.
bool is_neutral(hb_script_t s) {
  return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

// The script of every code point, neutral ones resolved to the preceding (else following)
// real script, so that punctuation and digits shape with the text around them.
std::vector<hb_script_t> resolve_scripts(const std::u32string& text) {
  hb_unicode_funcs_t* uf = hb_unicode_funcs_get_default();
  std::vector<hb_script_t> scripts(text.size());
  hb_script_t last = HB_SCRIPT_INVALID;
  for (std::size_t i = 0; i < text.size(); ++i) {
    hb_script_t s = hb_unicode_script(uf, text[i]);
    if (is_neutral(s))
      s = last;
    else
      last = s;
    scripts[i] = s;
  }
  hb_script_t next = HB_SCRIPT_HAN;
  for (std::size_t i = text.size(); i-- > 0;) {
    if (scripts[i] == HB_SCRIPT_INVALID)
      scripts[i] = next;
    else
      next = scripts[i];
  }
  return scripts;
}

void report_missing(ShapeContext& ctx, std::u32string_view text, std::size_t at,
                    const std::string& role) {
  const char32_t c = text[at];
  if (!ctx.reported_missing.insert(c).second) return;
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", unsigned(c));
  Diagnostic d;
  d.severity = Severity::Warning;
  d.code = "typeset.missing_glyph";
  std::string ch;
  append_utf8(ch, c);
  // Where: the paragraph's source (file and byte), the character's place and its neighbours.
  const std::size_t from = at > 8 ? at - 8 : 0;
  const std::string context = to_utf8(text.substr(from, 16));
  d.message = "no font of role '" + role + "' has the character '" + ch + "' (" + code +
              "), first at character " + std::to_string(at + 1) + " of the paragraph '" +
              context + "'";
  if (!ctx.source.file.empty()) {
    d.file = ctx.source.file;
    d.offset = static_cast<long long>(ctx.source.start);
  }
  d.hint = "add a face that covers it to the role in fonts/manifest.json, or replace the character";
  ctx.sink.report(d);
}

// The face for code point i: the previous character's face when it has the glyph and the
// character is a space or a mark (keeps runs long), else the first face of the chain that has it.
const LoadedFace* pick_face(const std::vector<const LoadedFace*>& chain, char32_t c,
                            const LoadedFace* prev, bool& missing) {
  missing = false;
  if (prev && (c == U' ' || (c >= 0x300 && c <= 0x36F) || (c >= 0xFE00 && c <= 0xFE0F)) &&
      prev->glyph(c))
    return prev;
  for (const LoadedFace* f : chain)
    if (f->glyph(c)) return f;
  missing = true;
  return chain.front();
}

hb_buffer_t* shared_buffer() {
  thread_local struct Holder {
    hb_buffer_t* b = hb_buffer_create();
    ~Holder() { hb_buffer_destroy(b); }
  } holder;
  hb_buffer_clear_contents(holder.b);
  return holder.b;
}

// Shapes text[begin, end) with one face, style and script; appends glyphs and clusters.
void shape_run(const StyledText& st, std::uint32_t begin, std::uint32_t end, std::uint32_t style,
               const LoadedFace* face, hb_script_t script, hb_language_t lang, ShapedText& out) {
  // locl selects the zh-Hans forms; fwid makes the em dash a full em, so that —— is exactly
  // two ems (GB/T 15834-2011 §4.13: the dash occupies two character spaces).
  hb_feature_t features[16] = {
      {HB_TAG('l', 'o', 'c', 'l'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
  };
  unsigned nfeatures = 2;
  for (std::uint32_t i = begin; i < end && nfeatures < 16; ++i)
    if (st.text[i] == 0x2014) features[nfeatures++] = {HB_TAG('f', 'w', 'i', 'd'), 1, i, i + 1};
  hb_buffer_t* buf = shared_buffer();
  hb_buffer_add_utf32(buf, reinterpret_cast<const std::uint32_t*>(st.text.data()),
                      int(st.text.size()), begin, int(end - begin));
  hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, script);
  hb_buffer_set_language(buf, lang);
  hb_shape(face->font, buf, features, nfeatures);

  unsigned n = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
  const double scale = effective_size(st.styles[style]) / face->info.units_per_em;
  for (unsigned g = 0; g < n; ++g) {
    if (g == 0 || info[g].cluster != info[g - 1].cluster) {
      if (!out.clusters.empty() && out.clusters.back().end == 0)
        out.clusters.back().end = info[g].cluster;
      Cluster c;
      c.begin = info[g].cluster;
      c.glyph_begin = std::uint32_t(out.glyphs.size());
      c.style = style;
      c.face = face;
      c.cls = classify(st.text[c.begin]);
      out.clusters.push_back(c);
    }
    const ShapedGlyph sg{info[g].codepoint, pos[g].x_advance * scale, pos[g].x_offset * scale,
                         pos[g].y_offset * scale};
    out.glyphs.push_back(sg);
    Cluster& c = out.clusters.back();
    c.glyph_end = std::uint32_t(out.glyphs.size());
    c.width += sg.advance;
  }
  if (!out.clusters.empty() && out.clusters.back().end == 0) out.clusters.back().end = end;
}

}  // namespace

Pt effective_size(const TextStyle& s) {
  return s.superscript ? s.size * 0.6 : s.size;
}


StyledText styled_text(const std::vector<Inline>& content, const TextStyle& base) {
  StyledText st;
  for (const Inline& in : content) {
    TextStyle style = in.style ? *in.style : base;
    style.size =
        std::clamp<Pt>(std::isfinite(style.size) ? style.size : 10.5, 0.5, 2000);  // hostile sizes
    // A no_break run is a style run of its own, and so is what follows it: merged into the
    // run before, plain text after a label would become unbreakable too (a 另见 list of
    // reprints set as one overfull line).
    if (st.styles.empty() ||
        !(st.styles.back().font == style.font && st.styles.back().size == style.size &&
          st.styles.back().color == style.color &&
          st.styles.back().superscript == style.superscript && !style.no_break &&
          !st.styles.back().no_break)) {
      st.styles.push_back(style);
      st.style_starts.push_back(std::uint32_t(st.text.size()));
    }
    for (char32_t c : from_utf8(in.text)) {
      if (c == U'\r') continue;
      st.text += c == U'\t' ? U' ' : c;
    }
  }
  return st;
}

ShapedText shape(const StyledText& st, ShapeContext& ctx) {
  ShapedText out;
  const std::u32string& text = st.text;
  out.glyphs.reserve(text.size());
  out.clusters.reserve(text.size());
  if (text.empty()) return out;
  const hb_language_t lang = hb_language_from_string(ctx.language.c_str(), -1);
  const std::vector<hb_script_t> scripts = resolve_scripts(text);

  // Walk the text, cutting a run wherever style, face or script changes.
  std::uint32_t style = 0, run_start = 0;
  const LoadedFace* run_face = nullptr;
  const std::vector<const LoadedFace*>* chain = &ctx.fonts.chain(st.styles.at(0).font);
  for (std::uint32_t i = 0; i <= text.size(); ++i) {
    bool cut = i == text.size();
    std::uint32_t next_style = style;
    const LoadedFace* face = run_face;
    if (!cut) {
      while (next_style + 1 < st.styles.size() && st.style_starts[next_style + 1] <= i)
        ++next_style;
      if (next_style != style) chain = &ctx.fonts.chain(st.styles[next_style].font);
      bool missing = false;
      face = text[i] == U'\n' ? (run_face ? run_face : chain->front())
                              : pick_face(*chain, text[i], run_face, missing);
      if (missing) report_missing(ctx, text, i, st.styles[next_style].font);
      cut = i > run_start &&
            (next_style != style || face != run_face || scripts[i] != scripts[run_start]);
    }
    if (cut && i > run_start) {
      shape_run(st, run_start, i, style, run_face, scripts[run_start], lang, out);
      run_start = i;
    }
    style = next_style;
    run_face = face;
  }
  return out;
}

std::string harfbuzz_version() { return hb_version_string(); }

}  // namespace ptbrief::typeset
