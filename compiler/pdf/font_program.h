// Font embedding data: one face subset to the glyphs a document uses (ptbrief's own
// subsetters, pdf/cff_subset.h and pdf/glyf_subset.h, or hb-subset), with the
// content-stream code of every glyph, widths, descriptor metrics and the ToUnicode CMap.
// Private to the pdf stage; holds no libharu types (document.cpp turns it into PDF objects).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/byte_store.h"
#include "typeset/pagelist.h"

namespace ptbrief::pdf {

/// What a Type0/CIDFont pair needs (PDF 32000-1 §9.7). Codes are 2-byte Identity-H codes,
/// equal to the CIDs of the embedded program: for CID-keyed CFF the font's own CIDs (read from
/// the subset's charset), otherwise the glyph index inside the subset.
struct FontProgram {
  bool cff = false;       ///< true: FontFile3 /CIDFontType0C; false: FontFile2 (glyf)
  std::string program;    ///< bare CFF table, or the whole subset TrueType file
  std::string base_font;  ///< "ABCDEF+PostScriptName" (tag derived from the glyph set)
  std::map<std::uint16_t, int> widths;  ///< code → advance in 1/1000 em (the /W array)
  std::map<std::uint16_t, std::string> text_of_code;  ///< code → UTF-8 text (ToUnicode)
  /// Original gid → its code in the stream and its width: one lookup per glyph shown in a
  /// content stream (never iterated, so its order cannot reach the output).
  struct Shown {
    std::uint16_t code = 0;
    int width = 0;
  };
  std::unordered_map<std::uint32_t, Shown> shown;
  int bbox[4] = {0, 0, 1000, 1000};  ///< font bounding box, 1/1000 em
  int ascent = 880, descent = -120, cap_height = 700, stem_v = 80;
  int flags = 4;  ///< FontDescriptor /Flags (bit 3: symbolic, bit 2: serif)
};

/// The glyphs a document shows in one face: gid → text of the cluster it starts (may be empty).
using GlyphUse = std::map<std::uint32_t, std::string>;

/// Who subsets a face.
enum class Subsetter {
  own,  ///< ptbrief's own subsetters where they take the face (CID-keyed CFF, glyf), else hb-subset
  harfbuzz,  ///< hb-subset for every face (the reference the own subsetter is tested against)
};

/// Subsets `face` to `used` and collects everything the PDF font objects need. Throws
/// ptbrief::Error (code "pdf.font") naming the font file when it cannot be read or subset.
/// `threads`: for the subsetter's own work (0: one per core). `glyph_store`: where the own CFF
/// subsetter keeps flattened charstrings between runs (pdf/glyph_memo.h); the program is the
/// same bytes with or without it.
FontProgram build_font_program(const typeset::FontFace& face, const GlyphUse& used,
                               Subsetter subsetter = Subsetter::own, unsigned threads = 1,
                               const std::shared_ptr<ByteStore>& glyph_store = {});

/// Reads the charset of a bare CFF table: glyph index → CID for a CID-keyed font (one with
/// ROS), or the identity for a name-keyed font. Throws ptbrief::Error on a malformed table.
std::vector<std::uint16_t> cff_gid_to_cid(const std::string& cff);

/// The ToUnicode CMap (PDF 32000-1 §9.10.3) for `text_of_code`: bfchar entries whose
/// destinations are UTF-16BE, with surrogate pairs for characters above U+FFFF.
std::string to_unicode_cmap(const std::map<std::uint16_t, std::string>& text_of_code);

/// UTF-8 → UTF-16BE bytes (surrogate pairs above U+FFFF; invalid bytes become U+FFFD).
std::string utf16be(const std::string& utf8);
/// The same as upper-case hex digits, for a PDF hex string.
std::string utf16be_hex(const std::string& utf8);

/// The six-letter subset tag (PDF 32000-1 §9.6.4) for a set of glyph ids: a hash of the set,
/// so the same glyphs always give the same tag.
std::string subset_tag(const std::vector<std::uint32_t>& gids);

}  // namespace ptbrief::pdf
