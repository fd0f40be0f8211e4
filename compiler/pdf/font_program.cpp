// Font embedding data: one face subset by ptbrief's own subsetter or hb-subset, CFF charset reading, widths, metrics, ToUnicode.
#include "pdf/font_program.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

#include "base/diagnostic.h"
#include "base/utf8.h"
#include "pdf/cff_subset.h"
#include "pdf/font_file.h"
#include "pdf/glyf_subset.h"
#include "pdf/glyph_memo.h"

namespace ptbrief::pdf {
namespace {

// --- HarfBuzz handles with their destroy functions -------------------------------------------
template <typename T, void (*Destroy)(T*)>
struct HbDeleter {
  void operator()(T* p) const { Destroy(p); }
};
using Blob = std::unique_ptr<hb_blob_t, HbDeleter<hb_blob_t, hb_blob_destroy>>;
using Face = std::unique_ptr<hb_face_t, HbDeleter<hb_face_t, hb_face_destroy>>;
using Font = std::unique_ptr<hb_font_t, HbDeleter<hb_font_t, hb_font_destroy>>;
using Input =
    std::unique_ptr<hb_subset_input_t, HbDeleter<hb_subset_input_t, hb_subset_input_destroy>>;
using Plan = std::unique_ptr<hb_subset_plan_t, HbDeleter<hb_subset_plan_t, hb_subset_plan_destroy>>;

[[noreturn]] void font_error(const typeset::FontFace& face, const std::string& what) {
  Diagnostic d;
  d.code = "pdf.font";
  d.message = "cannot embed font face " + std::to_string(face.index) + ": " + what;
  d.hint = "check that the font file is a readable TrueType or OpenType/CFF font";
  d.file = face.path;
  throw Error(d);
}

[[noreturn]] void cff_error(const std::string& what) {
  Diagnostic d;
  d.code = "pdf.font";
  d.message = "malformed CFF table: " + what;
  throw Error(d);
}

std::string table_bytes(hb_face_t* face, const char* tag) {
  Blob blob(hb_face_reference_table(face, hb_tag_from_string(tag, 4)));
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob.get(), &len);
  return data ? std::string(data, len) : std::string();
}

// --- CFF reading (Adobe TN #5176): just enough to find the charset ---------------------------
class CffReader {
 public:
  explicit CffReader(const std::string& b) : b_(b) {}
  unsigned u8(std::size_t at) const {
    if (at >= b_.size()) cff_error("offset " + std::to_string(at) + " past the end");
    return static_cast<unsigned char>(b_[at]);
  }
  unsigned u16(std::size_t at) const { return u8(at) << 8 | u8(at + 1); }
  unsigned offset(std::size_t at, unsigned size) const {
    unsigned v = 0;
    for (unsigned i = 0; i < size; ++i) v = v << 8 | u8(at + i);
    return v;
  }
  /// An INDEX at `at`: the byte ranges of its items and the offset just past it.
  struct Index {
    std::vector<std::pair<std::size_t, std::size_t>> items;  // [begin, end)
    std::size_t end = 0;
  };
  Index index(std::size_t at) const {
    Index ix;
    unsigned count = u16(at);
    if (count == 0) {
      ix.end = at + 2;
      return ix;
    }
    unsigned off_size = u8(at + 2);
    if (off_size < 1 || off_size > 4) cff_error("bad INDEX offSize");
    std::size_t offsets = at + 3, data = offsets + (count + 1) * std::size_t{off_size} - 1;
    for (unsigned i = 0; i < count; ++i) {
      std::size_t a = data + offset(offsets + i * off_size, off_size);
      std::size_t z = data + offset(offsets + (i + 1) * off_size, off_size);
      if (z < a || z > b_.size()) cff_error("bad INDEX offsets");
      ix.items.emplace_back(a, z);
    }
    ix.end = ix.items.back().second;
    return ix;
  }

 private:
  const std::string& b_;
};

/// Top DICT operators we need: charset (15), CharStrings (17), ROS (12 30).
struct TopDict {
  long charset = 0, charstrings = -1;
  bool cid_keyed = false;
};

TopDict read_top_dict(const CffReader& r, std::size_t at, std::size_t end) {
  TopDict top;
  std::vector<long> operands;
  while (at < end) {
    unsigned b0 = r.u8(at);
    if (b0 == 12) {  // two-byte operator
      if (r.u8(at + 1) == 30) top.cid_keyed = true;
      operands.clear();
      at += 2;
    } else if (b0 <= 21) {
      if (b0 == 15 && !operands.empty()) top.charset = operands.back();
      if (b0 == 17 && !operands.empty()) top.charstrings = operands.back();
      operands.clear();
      at += 1;
    } else if (b0 == 28) {
      operands.push_back(static_cast<std::int16_t>(r.u16(at + 1)));
      at += 3;
    } else if (b0 == 29) {
      operands.push_back(static_cast<std::int32_t>(r.offset(at + 1, 4)));
      at += 5;
    } else if (b0 == 30) {  // real: skip nibbles up to the 0xf terminator
      do ++at;
      while ((r.u8(at) & 0x0f) != 0x0f && (r.u8(at) & 0xf0) != 0xf0);
      operands.push_back(0);
      at += 1;
    } else if (b0 >= 32 && b0 <= 246) {
      operands.push_back(static_cast<long>(b0) - 139);
      at += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      operands.push_back((static_cast<long>(b0) - 247) * 256 + r.u8(at + 1) + 108);
      at += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      operands.push_back(-(static_cast<long>(b0) - 251) * 256 - r.u8(at + 1) - 108);
      at += 2;
    } else {
      cff_error("bad Top DICT byte " + std::to_string(b0));
    }
  }
  return top;
}

// --- UTF-8 → UTF-16BE for ToUnicode -----------------------------------------------------------
void append_hex16(std::string& out, unsigned v) {
  static const char* digits = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) out += digits[(v >> shift) & 0xf];
}

std::string clean_ps_name(const std::string& name) {
  std::string out;
  for (char c : name)
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_')
      out += c;
  return out.empty() ? "Font" : out;
}

/// The face's PostScript name, from the FontFace or the name table.
std::string postscript_name(const typeset::FontFace& face, hb_face_t* hb) {
  if (!face.postscript_name.empty()) return clean_ps_name(face.postscript_name);
  char buf[128];
  unsigned len = sizeof buf;
  hb_ot_name_get_utf8(hb, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf);
  return clean_ps_name(std::string(buf, len));
}

/// FontDescriptor metrics in 1/1000 em from head, hhea/OS2 (PDF 32000-1 §9.8.1).
void read_metrics(hb_face_t* hb, const typeset::FontFace& face, FontProgram& fp) {
  unsigned upem = hb_face_get_upem(hb);
  auto scale = [upem](double v) { return static_cast<int>(std::lround(v * 1000.0 / upem)); };
  std::string head = table_bytes(hb, "head");
  if (head.size() >= 54) {
    auto s16 = [&](std::size_t at) {
      return static_cast<std::int16_t>(static_cast<unsigned char>(head[at]) << 8 |
                                       static_cast<unsigned char>(head[at + 1]));
    };
    fp.bbox[0] = scale(s16(36));
    fp.bbox[1] = scale(s16(38));
    fp.bbox[2] = scale(s16(40));
    fp.bbox[3] = scale(s16(42));
  }
  Font font(hb_font_create(hb));
  hb_position_t v = 0;
  if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v))
    fp.ascent = scale(v);
  if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v))
    fp.descent = scale(v);
  if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_CAP_HEIGHT, &v) && v > 0)
    fp.cap_height = scale(v);
  else
    fp.cap_height = fp.ascent;
  const std::string& fam = face.family;
  bool serif = fam.find("Serif") != std::string::npos || fam.find("Ming") != std::string::npos ||
               fam.find("Song") != std::string::npos;
  fp.flags = 4 | (serif ? 2 : 0);
}

/// Runs hb-subset over `used`; returns the subset face and fills old → new glyph ids.
Face subset_face(hb_face_t* hb, const typeset::FontFace& face, const GlyphUse& used,
                 std::map<std::uint32_t, std::uint32_t>& new_gid) {
  Input input(hb_subset_input_create_or_fail());
  if (!input) font_error(face, "hb-subset input allocation failed");
  hb_set_t* glyphs = hb_subset_input_glyph_set(input.get());
  for (const auto& [gid, text] : used) hb_set_add(glyphs, gid);
  // Layout and vertical tables are not used by PDF consumers; dropping GSUB also keeps its
  // closure (vertical forms, locl variants) out of the subset.
  hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG",
                          "kern", "DSIG", "cmap", "name", "hdmx", "LTSH", "VDMX", "gasp"})
    hb_set_add(drop, hb_tag_from_string(tag, 4));
  // Desubroutinized CFF: HarfBuzz then skips subroutine closure and renumbering, which on the
  // engine's sample cut subsetting from 29M to 12M instructions — and the flat charstrings
  // deflate better than the subset subroutines, so the PDF is ~10 KB smaller too.
  hb_subset_input_set_flags(input.get(),
                            HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE);

  Plan plan(hb_subset_plan_create_or_fail(hb, input.get()));
  if (!plan) font_error(face, "hb-subset could not plan the subset");
  const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
  for (const auto& [gid, text] : used) {
    hb_codepoint_t g = hb_map_get(map, gid);
    if (g == HB_MAP_VALUE_INVALID) font_error(face, "glyph " + std::to_string(gid) + " missing");
    new_gid[gid] = g;
  }
  Face out(hb_subset_plan_execute_or_fail(plan.get()));
  if (!out) font_error(face, "hb-subset failed");
  return out;
}

}  // namespace

std::vector<std::uint16_t> cff_gid_to_cid(const std::string& cff) {
  CffReader r(cff);
  std::size_t names = r.u8(2);  // hdrSize
  CffReader::Index name_index = r.index(names);
  CffReader::Index top_index = r.index(name_index.end);
  if (top_index.items.empty()) cff_error("no Top DICT");
  TopDict top = read_top_dict(r, top_index.items[0].first, top_index.items[0].second);
  if (top.charstrings < 0) cff_error("no CharStrings");
  std::size_t glyphs = r.index(static_cast<std::size_t>(top.charstrings)).items.size();

  std::vector<std::uint16_t> cid(glyphs);
  for (std::size_t g = 0; g < glyphs; ++g) cid[g] = static_cast<std::uint16_t>(g);
  if (!top.cid_keyed || glyphs <= 1) return cid;  // name-keyed: CIDs are glyph indices
  if (top.charset <= 2) cff_error("CID-keyed font with a predefined charset");

  // Charset formats 0, 1 and 2 (TN #5176 §13); glyph 0 (.notdef) is CID 0 and not listed.
  std::size_t at = static_cast<std::size_t>(top.charset);
  unsigned format = r.u8(at++);
  std::size_t g = 1;
  if (format == 0) {
    for (; g < glyphs; ++g, at += 2) cid[g] = static_cast<std::uint16_t>(r.u16(at));
  } else if (format == 1 || format == 2) {
    while (g < glyphs) {
      unsigned first = r.u16(at);
      unsigned left = format == 1 ? r.u8(at + 2) : r.u16(at + 2);
      at += format == 1 ? 3 : 4;
      for (unsigned k = 0; k <= left && g < glyphs; ++k, ++g)
        cid[g] = static_cast<std::uint16_t>(first + k);
    }
  } else {
    cff_error("unknown charset format " + std::to_string(format));
  }
  return cid;
}

std::string utf16be_hex(const std::string& utf8) {
  std::string hex;
  for (char c : utf16be(utf8)) {
    unsigned b = static_cast<unsigned char>(c);
    hex += "0123456789ABCDEF"[b >> 4];
    hex += "0123456789ABCDEF"[b & 0xf];
  }
  return hex;
}

std::string utf16be(const std::string& utf8) {
  std::string out;
  auto unit = [&out](unsigned u) {
    out += static_cast<char>(u >> 8);
    out += static_cast<char>(u & 0xff);
  };
  for (char32_t cp : from_utf8(utf8)) {
    if (cp >= 0x10000) {  // surrogate pair (Unicode §3.9, D91)
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3ff));
    } else {
      unit(static_cast<unsigned>(cp));
    }
  }
  return out;
}

std::string to_unicode_cmap(const std::map<std::uint16_t, std::string>& text_of_code) {
  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<std::pair<std::uint16_t, std::string>> entries;
  for (const auto& [code, text] : text_of_code)
    if (!text.empty()) entries.emplace_back(code, utf16be_hex(text));
  // At most 100 entries per bfchar block (PDF 32000-1 §9.10.3, Adobe TN #5014).
  for (std::size_t i = 0; i < entries.size(); i += 100) {
    std::size_t n = std::min<std::size_t>(100, entries.size() - i);
    out += std::to_string(n) + " beginbfchar\n";
    for (std::size_t k = i; k < i + n; ++k) {
      out += '<';
      append_hex16(out, entries[k].first);
      out += "> <" + entries[k].second + ">\n";
    }
    out += "endbfchar\n";
  }
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

std::string subset_tag(const std::vector<std::uint32_t>& gids) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a, 64 bit
  for (std::uint32_t g : gids)
    for (int i = 0; i < 4; ++i) {
      h ^= (g >> (8 * i)) & 0xff;
      h *= 1099511628211ull;
    }
  std::string tag;
  for (int i = 0; i < 6; ++i, h /= 26) tag += static_cast<char>('A' + h % 26);
  return tag;
}

/// The view of face `index` of `path` (see font_file.h) as an hb_face_t, opened once per process
/// and shared: the briefs of a pack, written on several threads, subset the same faces, and
/// each would otherwise map the file again, fault its pages in and unmap it. HarfBuzz faces are
/// safe to read from several threads (their tables load lazily through atomic pointers).
hb_face_t* shared_view_face(const typeset::FontFace& face) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, unsigned>, Face> faces;
  std::lock_guard<std::mutex> hold(mutex);
  Face& slot = faces[{face.path, face.index}];
  if (!slot) {
    // A view of the face without cmap and layout tables: what hb-subset does not see, it does
    // not spend time on.
    Blob blob(map_font_view(face.path, face.index));
    Face hb(hb_face_create(blob.get(), 0));
    if (hb_face_get_glyph_count(hb.get()) == 0) font_error(face, "no glyphs (bad face index?)");
    hb_face_make_immutable(hb.get());
    slot = std::move(hb);
  }
  return slot.get();
}

namespace {

/// The face's program through hb-subset: the fallback for what ptbrief's subsetters do not take
/// (name-keyed CFF, CFF2 — which the font view does not show —, charstrings with arithmetic
/// operators) and the reference the tests
/// compare them with. Fills `code_of` with each used glyph's code.
void harfbuzz_program(hb_face_t* hb, const typeset::FontFace& face, const GlyphUse& used,
                      FontProgram& fp, std::map<std::uint32_t, std::uint16_t>& code_of) {
  std::map<std::uint32_t, std::uint32_t> new_gid;
  Face sub = subset_face(hb, face, used, new_gid);
  fp.program = table_bytes(sub.get(), "CFF ");
  fp.cff = !fp.program.empty();
  if (!fp.cff) {
    Blob file(hb_face_reference_blob(sub.get()));
    unsigned len = 0;
    const char* data = hb_blob_get_data(file.get(), &len);
    fp.program.assign(data ? data : "", len);
  }
  if (fp.program.empty()) font_error(face, "the subset has no CFF or glyf outlines");

  // Codes: CIDs of a CID-keyed CFF program, else glyph indices inside the subset.
  std::vector<std::uint16_t> cid_of_new;
  if (fp.cff) cid_of_new = cff_gid_to_cid(fp.program);
  for (const auto& [gid, text] : used) {
    std::uint32_t ng = new_gid.at(gid);
    if (ng > 0xFFFF) font_error(face, "subset glyph index above 65535");
    code_of[gid] = fp.cff ? cid_of_new.at(ng) : static_cast<std::uint16_t>(ng);
  }
}

/// The tables of a face that glyf::subset reads, as views of the face's blobs (kept alive here).
class TableViews {
 public:
  explicit TableViews(hb_face_t* hb) : hb_(hb) {}
  glyf::Tables tables() {
    glyf::Tables t;
    t.head = get("head");
    t.hhea = get("hhea");
    t.hmtx = get("hmtx");
    t.maxp = get("maxp");
    t.loca = get("loca");
    t.glyf = get("glyf");
    t.os2 = get("OS/2");
    t.post = get("post");
    return t;
  }

 private:
  std::string_view get(const char* tag) {
    blobs_.emplace_back(hb_face_reference_table(hb_, hb_tag_from_string(tag, 4)));
    unsigned len = 0;
    const char* data = hb_blob_get_data(blobs_.back().get(), &len);
    return data ? std::string_view(data, len) : std::string_view();
  }
  hb_face_t* hb_;
  std::vector<Blob> blobs_;
};

/// The face's CFF table if ptbrief's own CFF subsetter takes it (CID-keyed), else empty.
std::string_view own_cff_table(hb_blob_t* cff_blob, const typeset::FontFace& face) {
  unsigned len = 0;
  const char* data = hb_blob_get_data(cff_blob, &len);
  if (!data || len == 0) return {};
  std::string_view cff(data, len);
  try {
    return cff::classify(cff) == cff::Kind::cid_keyed ? cff : std::string_view();
  } catch (const Error& e) {
    font_error(face, e.diagnostic().message);
  }
}

}  // namespace

FontProgram build_font_program(const typeset::FontFace& face, const GlyphUse& used,
                               Subsetter subsetter, unsigned threads,
                               const std::shared_ptr<ByteStore>& glyph_store) {
  Face hb(hb_face_reference(shared_view_face(face)));

  FontProgram fp;
  read_metrics(hb.get(), face, fp);
  std::map<std::uint32_t, std::uint16_t> code_of;  // used gid → its code in the PDF
  bool done = false;
  if (subsetter == Subsetter::own) {
    // CID-keyed CFF (the Noto CJK faces): ptbrief's subsetter, codes are the font's CIDs.
    Blob cff_blob(hb_face_reference_table(hb.get(), hb_tag_from_string("CFF ", 4)));
    std::string_view cff = own_cff_table(cff_blob.get(), face);
    if (!cff.empty()) {
      std::vector<std::uint32_t> gids;
      for (const auto& [gid, text] : used) gids.push_back(gid);
      try {
        std::shared_ptr<FaceGlyphs> memo = face_glyphs(glyph_store, face.path, face.index);
        const cff::KnownFlat known = memo ? memo->lookup(gids) : cff::KnownFlat{};
        cff::Subset sub = cff::subset(cff, gids, /*drop_hints=*/true, threads, memo ? &known : nullptr);
        if (memo && !sub.flattened.empty()) memo->add(std::move(sub.flattened));
        for (std::size_t i = 0; i < sub.gids.size(); ++i) code_of[sub.gids[i]] = sub.cids[i];
        fp.program = std::move(sub.program);
        fp.cff = true;
        done = true;
      } catch (const cff::Unsupported&) {
        // A structure only hb-subset takes (see cff_subset.h): it subsets this face.
      } catch (const Error& e) {
        font_error(face, e.diagnostic().message);
      }
    }
  }
  if (subsetter == Subsetter::own && !done) {
    // TrueType outlines: ptbrief's subsetter, codes are glyph indices inside the subset.
    TableViews views(hb.get());
    glyf::Tables t = views.tables();
    if (!t.glyf.empty() && !t.loca.empty()) {
      std::vector<std::uint32_t> gids;
      for (const auto& [gid, text] : used) gids.push_back(gid);
      try {
        glyf::Subset sub = glyf::subset(t, gids, /*drop_hints=*/true);
        if (sub.gids.size() > 0x10000) font_error(face, "subset glyph index above 65535");
        for (std::size_t i = 0; i < sub.gids.size(); ++i)
          code_of[sub.gids[i]] = static_cast<std::uint16_t>(i);
        fp.program = std::move(sub.program);
        fp.cff = false;
        done = true;
      } catch (const Error& e) {
        font_error(face, e.diagnostic().message);
      }
    }
  }
  if (!done) harfbuzz_program(hb.get(), face, used, fp, code_of);

  Font font(hb_font_create(hb.get()));
  double upem = hb_face_get_upem(hb.get());
  std::vector<std::uint32_t> gids;
  for (const auto& [gid, text] : used) {
    std::uint16_t code = code_of.at(gid);
    hb_position_t adv = hb_font_get_glyph_h_advance(font.get(), gid);
    int width = static_cast<int>(std::lround(adv * 1000.0 / upem));
    fp.widths[code] = width;
    fp.shown[gid] = {code, width};
    // .notdef (glyph 0) stands for every character no font has: one ToUnicode entry cannot
    // tell them apart, so the content stream gives each its own /ActualText instead.
    if (!text.empty() && gid != 0) fp.text_of_code.emplace(code, text);
    gids.push_back(gid);
  }
  fp.base_font = subset_tag(gids) + "+" + postscript_name(face, hb.get());
  return fp;
}

}  // namespace ptbrief::pdf
