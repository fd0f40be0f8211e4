// ptbrief's own subsetter for CID-keyed CFF tables (Adobe TN #5176, "The Compact Font Format
// Specification", and TN #5177, "The Type 2 Charstring Format"). Written for the PDF writer's
// hot path: a brief shows a few hundred glyphs of a 65,000-glyph Noto CJK face, and hb-subset
// spent more time planning the subset than the rest of the PDF writer took. Only the used
// glyphs' charstrings, FDSelect and charset entries and the used Font DICTs are read, so a
// memory-mapped font faults in only those pages. Private to the pdf stage.
//
// What it writes: a CID-keyed CFF with the used glyphs in glyph-id order (.notdef first), their
// original CIDs in the charset, charstrings with every subroutine call inlined (empty global and
// local Subrs), only the Font DICTs the glyphs use (FDSelect renumbered), and — when hints are
// dropped, as the PDF writer does — no stem hints in the charstrings and no hint values in the
// Private DICTs. Advance widths in the charstrings stay as they are.
//
// What it does not take: name-keyed CFF (no ROS), synthetic fonts, CFF2; classify() says so,
// and the caller uses hb-subset for those. Charstrings with the deprecated arithmetic and
// storage operators (TN #5177 §4.4–4.5) throw Unsupported for the same reason.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ptbrief::pdf::cff {

/// A structure the subsetter does not handle (not a malformed font): the caller falls back to
/// hb-subset. Malformed input throws ptbrief::Error ("pdf.font") instead.
class Unsupported : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What a CFF table is, for choosing its subsetter.
enum class Kind {
  cid_keyed,  ///< ROS in the Top DICT, FDArray and FDSelect: ptbrief's subsetter
  other,      ///< name-keyed, synthetic or several fonts in one table: hb-subset
};

/// Reads the header, Name INDEX and Top DICT. Throws ptbrief::Error on a malformed table.
Kind classify(std::string_view cff);

/// Flattened charstrings known before a subset (flatten()'s output for the same table and
/// drop_hints, kept between runs: pdf/glyph_memo.h), by glyph id.
using KnownFlat = std::unordered_map<std::uint32_t, const std::string*>;

/// The subset of a CID-keyed table.
struct Subset {
  std::string program;              ///< the new bare CFF table (FontFile3 /CIDFontType0C)
  std::vector<std::uint16_t> cids;  ///< cids[i]: the CID of new glyph i (= the PDF code)
  std::vector<std::uint32_t> gids;  ///< gids[i]: the input glyph id of new glyph i
  /// The glyphs this subset flattened (those not known), when `known` was given.
  std::vector<std::pair<std::uint32_t, std::string>> flattened;
};

/// Subsets `cff` (classify() == cid_keyed) to `gids` (any order, duplicates allowed; glyph 0
/// is always kept). `drop_hints`: leave out stem hints, hint masks and the Private DICT's hint
/// values. `threads`: flatten the charstrings on at most that many threads (0: one per core).
/// `known`: glyphs flattened before, taken as they are (the program is the same bytes).
/// Throws ptbrief::Error ("pdf.font", "malformed CFF table: …") on a malformed table,
/// Unsupported on a structure listed above (the first glyph's error, whatever the threads).
Subset subset(std::string_view cff, const std::vector<std::uint32_t>& gids, bool drop_hints,
              unsigned threads = 1, const KnownFlat* known = nullptr);

/// A read-only view of one CFF INDEX (TN #5176 §5), checked as it is read.
class Index {
 public:
  Index() = default;
  /// The INDEX at byte `at` of `table`: checks the header and that the offset array fits.
  Index(std::string_view table, std::size_t at);
  std::size_t count() const { return count_; }
  /// Item `i` (< count()); throws ptbrief::Error when its offsets are out of order or past
  /// the end of the table.
  std::string_view item(std::size_t i) const;
  /// The byte just past the INDEX (reads the last offset).
  std::size_t end() const;

 private:
  std::size_t offset(std::size_t i) const;
  std::string_view table_;
  std::size_t at_ = 0, count_ = 0, off_size_ = 0, data_ = 0;
};

/// Flattens one Type 2 charstring: inlines callsubr/callgsubr (with the bias of TN #5177
/// §4.7), stops at endchar (also inside a subroutine), leaves out return, and with
/// `drop_hints` leaves out hstem/vstem/hstemhm/vstemhm/hintmask/cntrmask/dotsection and their
/// operands — but not the advance width, which moves to the next operator kept. Throws
/// ptbrief::Error on a malformed charstring (stack overflow or underflow, subroutine nesting
/// deeper than 10, a subroutine number out of range, a hint mask past the end, a charstring
/// that grows past the limit).
std::string flatten(std::string_view charstring, const Index& global_subrs,
                    const Index& local_subrs, bool drop_hints);

}  // namespace ptbrief::pdf::cff
