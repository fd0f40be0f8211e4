// CJK typography passes: character classes, punctuation compression, Han–Latin spacing,
// inter-character stretch (see cjk.h for the rules cited).
#include "typeset/cjk.h"

#include <algorithm>
#include <string_view>

namespace ptbrief::typeset {
namespace {

bool in(char32_t c, std::u32string_view set) {
  return set.find(c) != std::u32string_view::npos;
}

constexpr std::u32string_view kOpening = U"（〔［｛《〈「『【〖〘“‘";
constexpr std::u32string_view kClosing = U"）〕］｝》〉」』】〗〙”’、。，．";
constexpr std::u32string_view kMiddle = U"：；？！";

bool is_han(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3005 && c <= 0x3007) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A) || (c >= 0x20000 && c <= 0x3FFFF);
}

// Stretch per joint between characters, in em: small, so that a 30-character line can absorb
// about one em at ratio 0.33 (clreq §3.8 prefers spreading slack evenly to visible gaps).
constexpr double kInterCharStretchEm = 0.1;

}  // namespace

CharClass classify(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF) return CharClass::Han;  // fast path: most characters
  if (c == U'\n' || c == 0x2028 || c == 0x2029) return CharClass::Newline;
  if (c == U' ' || c == U'\t' || c == 0x3000 || c == 0x00A0 || (c >= 0x2000 && c <= 0x200A))
    return CharClass::Space;
  if (in(c, kOpening)) return CharClass::Opening;
  if (in(c, kClosing)) return CharClass::Closing;
  if (in(c, kMiddle)) return CharClass::Middle;
  if (c == 0x2014 || c == 0x2015 || c == 0xFF5E || c == 0x2E3A) return CharClass::Dash;
  if (c == 0x2026 || c == 0x22EF) return CharClass::Ellipsis;
  if (c == 0x00B7 || c == 0x30FB || c == 0x2027) return CharClass::Interpunct;
  if (is_han(c)) return CharClass::Han;
  if (c >= U'0' && c <= U'9') return CharClass::Digit;
  if ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || (c >= 0xC0 && c <= 0x24F) ||
      (c >= 0x370 && c <= 0x52F))
    return CharClass::Latin;
  if (c < 0x80 && c > 0x20) return CharClass::Symbol;  // ASCII punctuation and symbols
  return CharClass::Other;
}

bool is_cjk_punctuation(CharClass k) {
  return k == CharClass::Opening || k == CharClass::Closing || k == CharClass::Middle ||
         k == CharClass::Dash || k == CharClass::Ellipsis || k == CharClass::Interpunct;
}

bool prohibited_at_line_start(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF) return false;
  return in(c, kClosing) || in(c, kMiddle) || in(c, U"…⋯—―～·・‧%‰℃°)]},.;:?!、ゝゞヽヾー々〻") ||
         c == 0xFF05 /* ％ */;
}

bool prohibited_at_line_end(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF) return false;
  return in(c, kOpening) || in(c, U"([{");
}

void compress_punctuation(std::vector<SpacedCluster>& clusters, std::vector<Joint>& joints) {
  const std::size_t n = clusters.size();
  // Half-width ink plus a shrinkable blank glue for every full-width bracket or stop.
  for (std::size_t i = 0; i < n; ++i) {
    SpacedCluster& c = clusters[i];
    if (c.width < 0.9 * c.em) continue;  // proportional (Western) marks are left alone
    // The blank removed is half the advance, but never so much that less than half the font's
    // em is left: on a grid whose pitch is under the font size (公文: 15.79 pt for 16 pt) the
    // inked half keeps its 8 pt, and the glyph never overlaps its neighbour by more than the
    // blank half it really has (PDF text extraction reads a deeper overlap as a new line).
    const Pt half = std::min(c.width / 2, c.width - c.em / 2);
    auto blank = [&](Pt measured) { return measured < 0 || measured >= 0.4 * c.em; };
    // ：；？！ whose ink is in the left of the em (measured, never assumed) compress as closing.
    const bool left_placed = c.cls == CharClass::Middle && c.blank_right >= 0.4 * c.em &&
                             c.blank_left >= 0 && c.blank_left < 0.25 * c.em;
    if ((c.cls == CharClass::Closing || left_placed) && i + 1 < n && blank(c.blank_right)) {
      c.trim_right = half;
      joints[i].width += half;
      joints[i].shrink += half;
    } else if (c.cls == CharClass::Opening && i > 0 && blank(c.blank_left)) {
      c.trim_left = half;
      joints[i - 1].width += half;
      joints[i - 1].shrink += half;
    }
  }
  // Consecutive marks: remove the blank that lies between them.
  for (std::size_t i = 0; i + 1 < n; ++i) {
    SpacedCluster& a = clusters[i];
    const SpacedCluster& b = clusters[i + 1];
    if (a.trim_right > 0 && (is_cjk_punctuation(b.cls) || b.note)) {
      joints[i].width -= a.trim_right;  // 。」 ，“ ）（ 。[9] : the closing mark's blank goes
      joints[i].shrink -= a.trim_right;
    } else if (b.trim_left > 0 && a.cls == CharClass::Opening) {
      joints[i].width -= b.trim_left;  // （“ : the second opening mark's blank goes
      joints[i].shrink -= b.trim_left;
    }
    joints[i].width = std::max<Pt>(0, joints[i].width);
    joints[i].shrink = std::max<Pt>(0, joints[i].shrink);
  }
}

void add_han_latin_spacing(const std::vector<SpacedCluster>& clusters, std::vector<Joint>& joints,
                           double gap_em) {
  if (gap_em <= 0) return;
  auto western = [](CharClass k) { return k == CharClass::Latin || k == CharClass::Digit; };
  for (std::size_t i = 0; i + 1 < clusters.size(); ++i) {
    const SpacedCluster& a = clusters[i];
    const SpacedCluster& b = clusters[i + 1];
    const bool mixed =
        (a.cls == CharClass::Han && western(b.cls)) || (western(a.cls) && b.cls == CharClass::Han);
    if (!mixed || a.note || b.note) continue;
    const Pt em = std::min(a.em, b.em);
    joints[i].width += gap_em * em;
    joints[i].stretch += 0.1 * em;
    joints[i].shrink += 0.1 * em;
  }
}

void add_inter_character_stretch(const std::vector<SpacedCluster>& clusters,
                                 std::vector<Joint>& joints) {
  auto plain = [](CharClass k) {
    return k == CharClass::Han || k == CharClass::Latin || k == CharClass::Digit ||
           k == CharClass::Symbol || k == CharClass::Other;
  };
  for (std::size_t i = 0; i + 1 < clusters.size(); ++i) {
    const SpacedCluster& a = clusters[i];
    const SpacedCluster& b = clusters[i + 1];
    if (!plain(a.cls) || !plain(b.cls)) continue;
    if (a.cls != CharClass::Han && b.cls != CharClass::Han) continue;  // inside Latin words: none
    joints[i].stretch += kInterCharStretchEm * std::min(a.em, b.em);
  }
}

}  // namespace ptbrief::typeset
