// The PDF document through libharu: catalog, pages, fonts, outlines, page labels, info. The only
// file of ptbrief that includes hpdf.h. Fonts are built with libharu's object layer (its public
// text API cannot show arbitrary glyph ids), from the libharu-free FontProgram.
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "base/diagnostic.h"
#include "base/parallel.h"
#include "base/trace.h"
#include "base/utf8.h"
#include "pdf/content.h"
#include "pdf/font_program.h"
#include "pdf/pdf.h"

namespace ptbrief::pdf {
namespace {

/// The first libharu error seen (libharu reports errors through a callback).
struct HaruStatus {
  HPDF_STATUS error = 0, detail = 0;
};

void on_haru_error(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
  auto* status = static_cast<HaruStatus*>(user);
  if (status->error == 0) *status = {error, detail};
}

void check(const HaruStatus& status, const char* step) {
  if (status.error == 0) return;
  char hex[16];
  auto res = std::to_chars(hex, hex + sizeof hex, static_cast<unsigned long>(status.error), 16);
  Diagnostic d;
  d.code = "internal";
  d.message = std::string("libharu failed while ") + step + ": error 0x" +
              std::string(hex, res.ptr) + " (detail " + std::to_string(status.detail) + ")";
  throw Error(d);
}

struct DocDeleter {
  void operator()(HPDF_Doc_Rec* doc) const { HPDF_Free(doc); }
};
using DocPtr = std::unique_ptr<HPDF_Doc_Rec, DocDeleter>;

/// Refuses a text string longer than libharu writes (HPDF_LIMIT_MAX_STRING_LEN bytes), as the
/// user's input it is: `what` says which ("the heading", "the title"), the message quotes its
/// start.
void check_string_length(std::size_t bytes, const std::string& utf8, const std::string& what) {
  if (bytes <= HPDF_LIMIT_MAX_STRING_LEN) return;
  std::u32string start = from_utf8(utf8).substr(0, 20);
  fail("pdf.text_too_long",
       what + " '" + to_utf8(start) + "…' is " + std::to_string(from_utf8(utf8).size()) +
           " characters long; a PDF bookmark or metadata string holds at most " +
           std::to_string(HPDF_LIMIT_MAX_STRING_LEN / 2) + " Chinese characters",
       "shorten it (a heading or title is one line, not a paragraph)");
}

/// A PDF text string (PDF 32000-1 §7.9.2.2): ASCII as a literal, anything else UTF-16BE with BOM.
void* text_string(HPDF_MMgr mmgr, const std::string& utf8, const std::string& what) {
  bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  if (ascii) {
    check_string_length(utf8.size(), utf8, what);
    return HPDF_String_New(mmgr, utf8.c_str(), nullptr);
  }
  std::string bytes = "\xFE\xFF" + utf16be(utf8);
  check_string_length(bytes.size(), utf8, what);
  return HPDF_Binary_New(mmgr, reinterpret_cast<HPDF_BYTE*>(bytes.data()),
                         static_cast<HPDF_UINT>(bytes.size()));
}

// --- Stream data ------------------------------------------------------------------------------
// libharu 2.3.0 compresses a stream only itself, at zlib's default level, and deletes any
// /Filter entry from a stream it did not compress. So every stream here is filled with bytes
// we encode, libharu's own filter stays off (HPDF_STREAM_FILTER_NONE: it copies the bytes and
// sets /Length), and the dictionary's write_fn — which libharu calls after the entries, before
// ">>" — adds the /Filter entry.

/// Every stream is deflated by libdeflate (zlib format, as /FlateDecode wants) at level 1.
/// Measured on the 南通 brief's streams (148 KB: CFF programs, CMaps, page content): zlib
/// level 1 gave 103.9 KB in 7.5 ms, libdeflate level 1 103.6 KB in 2.5 ms, level 6 99.5 KB
/// in 6.6 ms (Type 2 charstrings are already compact; 4 KB of PDF is not worth 4 ms).
constexpr int kLevel = 1;

using Compressor = std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)>;

/// Compressors lent to the streams being deflated and taken back, so the process makes only
/// as many as run at once: a compressor's hash tables take some hundred KB (a fresh mmap, its
/// zero pages faulted in, for every stream otherwise; the worker threads are new each call).
class CompressorLease {
 public:
  explicit CompressorLease(int level) : level_(level) {
    {
      std::lock_guard<std::mutex> hold(mutex());
      auto& idle = pool();
      auto it = std::find_if(idle.begin(), idle.end(), [&](const auto& p) { return p.first == level; });
      if (it != idle.end()) {
        c_ = std::move(it->second);
        idle.erase(it);
      }
    }
    if (!c_) c_.reset(libdeflate_alloc_compressor(level));
    if (!c_) throw std::bad_alloc();
  }
  ~CompressorLease() {
    std::lock_guard<std::mutex> hold(mutex());
    pool().emplace_back(level_, std::move(c_));
  }
  CompressorLease(const CompressorLease&) = delete;
  CompressorLease& operator=(const CompressorLease&) = delete;
  libdeflate_compressor* get() const { return c_.get(); }

 private:
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
  static std::vector<std::pair<int, Compressor>>& pool() {
    static auto* idle = new std::vector<std::pair<int, Compressor>>;  // outlives every thread
    return *idle;
  }
  int level_;
  Compressor c_{nullptr, libdeflate_free_compressor};
};

std::string deflate_bytes(const std::string& data, int level) {
  CompressorLease lease(level);
  libdeflate_compressor* c = lease.get();
  std::string out(libdeflate_zlib_compress_bound(c, data.size()), '\0');
  const std::size_t n = libdeflate_zlib_compress(c, data.data(), data.size(), out.data(), out.size());
  if (n == 0) {  // cannot happen with a buffer of the bound's size
    Diagnostic d;
    d.code = "internal";
    d.message = "libdeflate could not compress a stream of " + std::to_string(data.size()) + " bytes";
    throw Error(d);
  }
  out.resize(n);
  return out;
}

HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream out) {
  return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/// A stream's bytes as they go into the file.
struct StreamData {
  std::string bytes;
  bool flate = false;  ///< Flate-encoded (written with /Filter /FlateDecode)
};

StreamData encode(const std::string& data, bool compress) {
  if (!compress) return {data, false};
  return {deflate_bytes(data, kLevel), true};
}

/// Fills the stream of `dict` (a libharu stream dictionary) with `data`.
void fill_stream(HPDF_Dict dict, const StreamData& data) {
  dict->filter = HPDF_STREAM_FILTER_NONE;
  HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(data.bytes.data()),
                    static_cast<HPDF_UINT>(data.bytes.size()));
  if (data.flate) dict->write_fn = write_flate_filter;
}

/// A new stream object holding `data`.
HPDF_Dict data_stream(HPDF_Doc pdf, const StreamData& data) {
  HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  if (stream) fill_stream(stream, data);
  return stream;
}

/// The encoded streams of one used face: its subset program and its ToUnicode CMap.
struct EmbeddedFont {
  StreamData file, to_unicode;
};

HPDF_Array int_array(HPDF_MMgr mmgr, std::initializer_list<int> values) {
  HPDF_Array a = HPDF_Array_New(mmgr);
  for (int v : values) HPDF_Array_AddNumber(a, v);
  return a;
}

/// The /W array (PDF 32000-1 §9.7.4.3): runs of consecutive codes as `c [w1 w2 …]`, leaving
/// out codes whose width equals /DW.
HPDF_Array width_array(HPDF_MMgr mmgr, const std::map<std::uint16_t, int>& widths, int dw) {
  HPDF_Array w = HPDF_Array_New(mmgr);
  HPDF_Array run = nullptr;
  long last = -2;
  for (const auto& [code, width] : widths) {
    if (width == dw) continue;
    if (!run || code != last + 1) {
      HPDF_Array_AddNumber(w, code);
      run = HPDF_Array_New(mmgr);
      HPDF_Array_Add(w, run);
    }
    HPDF_Array_AddNumber(run, width);
    last = code;
  }
  return w;
}

/// FontDescriptor plus the embedded program (FontFile2, or FontFile3 /CIDFontType0C).
HPDF_Dict font_descriptor(HPDF_Doc pdf, const FontProgram& fp, const StreamData& program) {
  HPDF_MMgr mm = pdf->mmgr;
  HPDF_Dict file = data_stream(pdf, program);
  if (fp.cff) {
    HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C");
  } else {
    HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(fp.program.size()));
  }
  HPDF_Dict d = HPDF_Dict_New(mm);
  HPDF_Xref_Add(pdf->xref, d);
  HPDF_Dict_AddName(d, "Type", "FontDescriptor");
  HPDF_Dict_AddName(d, "FontName", fp.base_font.c_str());
  HPDF_Dict_AddNumber(d, "Flags", fp.flags);
  HPDF_Dict_Add(d, "FontBBox", int_array(mm, {fp.bbox[0], fp.bbox[1], fp.bbox[2], fp.bbox[3]}));
  HPDF_Dict_AddNumber(d, "ItalicAngle", 0);
  HPDF_Dict_AddNumber(d, "Ascent", fp.ascent);
  HPDF_Dict_AddNumber(d, "Descent", fp.descent);
  HPDF_Dict_AddNumber(d, "CapHeight", fp.cap_height);
  HPDF_Dict_AddNumber(d, "StemV", fp.stem_v);
  HPDF_Dict_Add(d, fp.cff ? "FontFile3" : "FontFile2", file);
  return d;
}

/// The Type0 font over one CIDFont (PDF 32000-1 §9.7.6) with Identity-H codes and ToUnicode.
HPDF_Dict type0_font(HPDF_Doc pdf, const FontProgram& fp, const EmbeddedFont& streams) {
  HPDF_MMgr mm = pdf->mmgr;
  HPDF_Dict cid = HPDF_Dict_New(mm);
  HPDF_Xref_Add(pdf->xref, cid);
  HPDF_Dict_AddName(cid, "Type", "Font");
  HPDF_Dict_AddName(cid, "Subtype", fp.cff ? "CIDFontType0" : "CIDFontType2");
  HPDF_Dict_AddName(cid, "BaseFont", fp.base_font.c_str());
  HPDF_Dict info = HPDF_Dict_New(mm);
  HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", nullptr));
  HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", nullptr));
  HPDF_Dict_AddNumber(info, "Supplement", 0);
  HPDF_Dict_Add(cid, "CIDSystemInfo", info);
  HPDF_Dict_Add(cid, "FontDescriptor", font_descriptor(pdf, fp, streams.file));
  HPDF_Dict_AddNumber(cid, "DW", 1000);
  HPDF_Dict_Add(cid, "W", width_array(mm, fp.widths, 1000));
  if (!fp.cff) HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");

  HPDF_Dict font = HPDF_Dict_New(mm);
  HPDF_Xref_Add(pdf->xref, font);
  HPDF_Dict_AddName(font, "Type", "Font");
  HPDF_Dict_AddName(font, "Subtype", "Type0");
  HPDF_Dict_AddName(font, "BaseFont", fp.base_font.c_str());
  HPDF_Dict_AddName(font, "Encoding", "Identity-H");
  HPDF_Array descendants = HPDF_Array_New(mm);
  HPDF_Array_Add(descendants, cid);
  HPDF_Dict_Add(font, "DescendantFonts", descendants);
  HPDF_Dict_Add(font, "ToUnicode", data_stream(pdf, streams.to_unicode));
  return font;
}

/// The glyphs each face shows anywhere in the document, with the text of their clusters.
std::vector<GlyphUse> collect_glyphs(const typeset::PageList& pages) {
  std::vector<GlyphUse> use(pages.fonts.size());
  for (const auto& page : pages.pages)
    for (const auto& item : page.items)
      if (const auto* run = std::get_if<typeset::GlyphRun>(&item))
        for (const auto& g : run->glyphs) {
          auto [it, fresh] = use.at(run->font).emplace(g.gid, g.text);
          if (!fresh && it->second.empty()) it->second = g.text;
        }
  return use;
}

/// Pages with their own /Resources (only the fonts they use) and content streams.
void add_pages(HPDF_Doc pdf, const typeset::PageList& pages,
               const std::vector<StreamData>& contents, const std::vector<HPDF_Dict>& fonts,
               std::vector<HPDF_Page>& out) {
  for (std::size_t k = 0; k < pages.pages.size(); ++k) {
    const typeset::Page& page = pages.pages[k];
    HPDF_Page p = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(page.width));
    HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(page.height));
    std::vector<bool> used(fonts.size());
    for (const auto& item : page.items)
      if (const auto* run = std::get_if<typeset::GlyphRun>(&item)) used.at(run->font) = true;
    HPDF_Dict resources = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict font_dict = HPDF_Dict_New(pdf->mmgr);
    for (std::size_t i = 0; i < fonts.size(); ++i)
      if (used[i]) HPDF_Dict_Add(font_dict, font_resource_name(i).c_str(), fonts[i]);
    HPDF_Dict_Add(resources, "Font", font_dict);
    HPDF_Dict_Add(p, "Resources", resources);
    fill_stream(static_cast<HPDF_PageAttr>(p->attr)->contents, contents.at(k));
    out.push_back(p);
  }
}

/// Bookmarks (PDF 32000-1 §12.3.3): nested by level, each pointing at its heading.
void add_outline(HPDF_Doc pdf, const typeset::PageList& pages,
                 const std::vector<HPDF_Page>& page_objs) {
  std::vector<std::pair<int, HPDF_Outline>> stack;  // open ancestors: level, outline item
  for (const auto& entry : pages.outline) {
    while (!stack.empty() && stack.back().first >= entry.level) stack.pop_back();
    HPDF_Outline parent = stack.empty() ? nullptr : stack.back().second;
    HPDF_Outline item = HPDF_CreateOutline(pdf, parent, "", nullptr);
    if (!item) return;
    HPDF_Dict_Add(item, "Title", text_string(pdf->mmgr, entry.title, "the heading"));
    HPDF_Outline_SetOpened(item, HPDF_TRUE);
    HPDF_Page page = page_objs.at(entry.page);
    // [page /XYZ left top null]: keep the reader's zoom (libharu's SetXYZ insists on one).
    HPDF_Array dest = HPDF_Array_New(pdf->mmgr);
    HPDF_Array_Add(dest, page);
    HPDF_Array_AddName(dest, "XYZ");
    HPDF_Array_AddNumber(dest, 0);
    HPDF_Array_AddReal(dest, static_cast<HPDF_REAL>(pages.pages.at(entry.page).height - entry.y));
    HPDF_Array_Add(dest, HPDF_Null_New(pdf->mmgr));
    HPDF_Dict_Add(item, "Dest", dest);
    stack.emplace_back(entry.level, item);
  }
  if (!pages.outline.empty()) HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

/// /PageLabels (PDF 32000-1 §12.4.2): runs of consecutive decimal labels become one /S /D
/// range; any other label is a literal prefix for its page.
void add_page_labels(HPDF_Doc pdf, const typeset::PageList& pages) {
  HPDF_MMgr mm = pdf->mmgr;
  HPDF_Array nums = HPDF_Array_New(mm);
  long expected = -1;  // the decimal label that would continue the current range
  for (std::size_t i = 0; i < pages.pages.size(); ++i) {
    const std::string& label = pages.pages[i].label;
    long value = -1;
    auto res = std::from_chars(label.data(), label.data() + label.size(), value);
    bool decimal = !label.empty() && res.ec == std::errc() &&
                   res.ptr == label.data() + label.size() && value > 0 && label[0] != '0';
    if (decimal && value == expected) {
      ++expected;
      continue;
    }
    HPDF_Dict range = HPDF_Dict_New(mm);
    if (decimal) {
      HPDF_Dict_AddName(range, "S", "D");
      HPDF_Dict_AddNumber(range, "St", static_cast<HPDF_INT32>(value));
      expected = value + 1;
    } else {
      if (!label.empty()) HPDF_Dict_Add(range, "P", text_string(mm, label, "the page label"));
      expected = -1;
    }
    HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(i));
    HPDF_Array_Add(nums, range);
  }
  HPDF_Dict labels = HPDF_Dict_New(mm);
  HPDF_Dict_Add(labels, "Nums", nums);
  HPDF_Dict_Add(pdf->catalog, "PageLabels", labels);
}

/// The info dictionary: text fields as text strings, dates only from SOURCE_DATE_EPOCH.
void add_info(HPDF_Doc pdf, const typeset::Metadata& meta, const PdfOptions& options) {
  HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "ptbrief");  // makes libharu create /Info
  HPDF_Dict info = pdf->info;
  if (!info) return;
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) HPDF_Dict_Add(info, key, text_string(pdf->mmgr, value, std::string("the document's ") + key));
  };
  put("Producer", options.producer);
  put("Title", meta.title);
  put("Subject", meta.subject);
  put("Keywords", meta.keywords);
  put("Author", meta.author);
  put("Creator", meta.creator);
  if (options.source_date_epoch) {
    std::time_t t = static_cast<std::time_t>(*options.source_date_epoch);
    std::tm tm{};
    gmtime_r(&t, &tm);
    HPDF_Date date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                   tm.tm_sec,         'Z',           0,          0};
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
  }
  if (!meta.lang.empty())
    HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, meta.lang.c_str(), nullptr));
}

std::string save(HPDF_Doc pdf) {
  HPDF_SaveToStream(pdf);
  HPDF_ResetStream(pdf);
  std::string bytes(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  bytes.resize(size);
  return bytes;
}

}  // namespace

std::optional<std::int64_t> source_date_epoch_from_env() {
  const char* v = std::getenv("SOURCE_DATE_EPOCH");
  if (!v || !*v) return std::nullopt;
  std::int64_t value = 0;
  const char* end = v + std::char_traits<char>::length(v);
  auto res = std::from_chars(v, end, value);
  if (res.ec != std::errc() || res.ptr != end || value < 0) return std::nullopt;
  return value;
}

std::string write_pdf(const typeset::PageList& pages, const PdfOptions& options) {
  // Subset and encode every used face, then every page's content (its codes come from the
  // subsets). All of it happens before any PDF object exists, so font errors surface first.
  // Faces, then pages, each on its own thread: hb-subset and deflate are most of a brief's time.
  std::optional<trace::Stage> stage(std::in_place, "pdf.fonts");
  std::vector<GlyphUse> use = collect_glyphs(pages);
  std::vector<FontProgram> programs(pages.fonts.size());
  std::vector<EmbeddedFont> embedded(pages.fonts.size());
  parallel_for(pages.fonts.size(), options.threads, [&](std::size_t i) {
    if (use[i].empty()) return;
    trace::Stage face_stage("pdf.font_program");
    // The faces' own threads flatten charstrings too: the text face has most of the glyphs.
    programs[i] = build_font_program(pages.fonts[i], use[i],
                                     options.harfbuzz_subset ? Subsetter::harfbuzz : Subsetter::own,
                                     options.threads, options.glyph_store);
    embedded[i] = {encode(programs[i].program, options.compress),
                   encode(to_unicode_cmap(programs[i].text_of_code), options.compress)};
  });
  stage.emplace("pdf.page_contents");
  std::vector<StreamData> contents(pages.pages.size());
  parallel_for(pages.pages.size(), options.threads, [&](std::size_t i) {
    contents[i] = encode(page_content(pages.pages[i], programs), options.compress);
  });

  stage.emplace("pdf.objects");
  HaruStatus status;
  DocPtr doc(HPDF_New(on_haru_error, &status));
  if (!doc) check({HPDF_FAILD_TO_ALLOC_MEM, 0}, "creating the document");
  HPDF_Doc pdf = doc.get();
  pdf->pdf_version = HPDF_VER_17;
  HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);  // streams are encoded by fill_stream

  // One Type0 font per used face, then pages, navigation and metadata.
  std::vector<HPDF_Dict> fonts(pages.fonts.size(), nullptr);
  for (std::size_t i = 0; i < programs.size(); ++i)
    if (!use[i].empty()) fonts[i] = type0_font(pdf, programs[i], embedded[i]);
  check(status, "building fonts");
  std::vector<HPDF_Page> page_objs;
  add_pages(pdf, pages, contents, fonts, page_objs);
  check(status, "adding pages");
  add_outline(pdf, pages, page_objs);
  if (!pages.pages.empty()) add_page_labels(pdf, pages);
  add_info(pdf, pages.meta, options);
  check(status, "adding outline, labels and info");
  stage.emplace("pdf.save");
  std::string bytes = save(pdf);
  check(status, "saving");
  return bytes;
}

std::string libharu_version() { return HPDF_VERSION_TEXT; }

}  // namespace ptbrief::pdf
