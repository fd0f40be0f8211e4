// One face of a font file as the PDF writer needs it: memory-mapped, never read whole, and
// showing only the tables an embedded PDF font program is made from. Private to the pdf stage.
#pragma once

#include <hb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ptbrief::pdf {

/// One table record of a face's table directory (OpenType spec, "Table Directory").
struct TableRecord {
  std::uint32_t tag = 0;
  std::uint32_t offset = 0;  ///< from the start of the file (also inside a .ttc collection)
  std::uint32_t length = 0;
};

/// The sfnt version and table records of face `index` of a font file's bytes (an .otf/.ttf
/// or a .ttc collection). Throws ptbrief::Error ("pdf.font") when the bytes are not a font or
/// `index` is past the last face.
struct TableDirectory {
  std::uint32_t sfnt_version = 0;
  std::vector<TableRecord> tables;  ///< in file order (sorted by tag in a valid font)
};
TableDirectory read_table_directory(const unsigned char* data, std::size_t size, unsigned index);

/// Whether a table, by tag, is kept in a font view. Everything hb-subset would otherwise read
/// and throw away stays out: above all `cmap` (with an explicit glyph set,
/// HarfBuzz 6's subset plan maps every code point of the font — some 45,000 hash-map inserts
/// per Noto CJK face — even when cmap is dropped from the output), and the layout tables.
bool kept_in_view(std::uint32_t tag);

/// An hb_blob_t holding a single-face font: a private page with a new table directory that
/// lists only the kept tables, followed — in the same address range, without copying — by a
/// read-only mapping of the whole font file, so the directory's offsets point straight into the
/// file's pages. Only the pages HarfBuzz touches are read from disk. Destroying the blob
/// unmaps both. Throws ptbrief::Error ("pdf.font") naming the file when it cannot be mapped or
/// is not a font.
hb_blob_t* map_font_view(const std::string& path, unsigned index);

}  // namespace ptbrief::pdf
