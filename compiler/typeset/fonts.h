// Fonts: the font manifest, face loading and name lookup (HarfBuzz), the user's font folders,
// and per-role fallback chains. Private to typeset/.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <hb.h>

#include "base/diagnostic.h"
#include "typeset/pagelist.h"

namespace ptbrief::typeset {

/// fonts/manifest.json, parsed. See fonts/README.md for the meaning of each part.
struct FontManifest {
  struct FileEntry {
    std::string package;
    std::string sha256;  ///< pinned hash of the file, lower-case hex
  };
  struct FaceEntry {
    std::string file;    ///< relative to a search path
    unsigned index = 0;  ///< face index hint inside a collection
  };
  std::filesystem::path path;                       ///< where it was read from
  std::vector<std::filesystem::path> search_paths;  ///< absolute
  std::map<std::string, FileEntry> files;           ///< relative file → pin
  std::map<std::string, FaceEntry> faces;           ///< "Family:Style" → file
  std::map<std::string, std::vector<std::string>> roles;
};

/// Reads and checks a manifest (cached per path for the process). Throws ptbrief::Error with
/// the JSON path of a malformed entry.
const FontManifest& load_manifest(const std::filesystem::path& path);

/// Finds a manifest-relative font file in the search paths; empty path when absent.
std::filesystem::path locate_font_file(const FontManifest& m, const std::string& rel);

/// A face opened for shaping. Lives for the whole process (faces are cached and shared).
struct LoadedFace {
  FontFace info;  ///< what the PDF writer needs (path, index, names, cff, upem)
  hb_face_t* face = nullptr;
  hb_font_t* font = nullptr;  ///< scale = units_per_em, so advances are in font units
  std::string style;          ///< style name, e.g. "Regular", "Bold", "Book"
  double ascender_em = 0.88, descender_em = 0.12;  ///< from hhea/OS2, as fractions of the em

  LoadedFace() = default;
  LoadedFace(const LoadedFace&) = delete;
  LoadedFace& operator=(const LoadedFace&) = delete;
  /// Releases the HarfBuzz font and face it owns.
  ~LoadedFace() {
    hb_font_destroy(font);
    hb_face_destroy(face);
  }

  /// The nominal glyph of `c`, or 0 when the face lacks it.
  std::uint32_t glyph(char32_t c) const {
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(font, c, &g) ? g : 0;
  }
};

/// Opens (or returns the cached) face `index` of `file`. Throws ptbrief::Error if unreadable.
const LoadedFace& load_face(const std::filesystem::path& file, unsigned index);

/// A pinned file whose installed bytes differ from the manifest (or that is missing).
struct FontPinProblem {
  std::string file;      ///< manifest-relative name
  std::string expected;  ///< pinned SHA-256
  std::string actual;    ///< SHA-256 found, or "missing"
};

/// Hashes every pinned file; returns the files that are missing or differ (empty = all good).
std::vector<FontPinProblem> verify_font_pins(const FontManifest& m);

/// The font roles of one document: each role's fallback chain, resolved to loaded faces.
class FontSet {
 public:
  /// `overrides` replaces the chains of the roles it names (Document::font_roles). A family is
  /// looked for in `font_dirs` (the user's font folders) first, then in the manifest's faces,
  /// then by name in the manifest's search paths and the per-user font folders fontconfig
  /// reads (~/.local/share/fonts, ~/.fonts). A family matches any of a face's family names,
  /// in any language ("仿宋_GB2312" or "FangSong_GB2312").
  FontSet(const FontManifest& manifest,
          const std::map<std::string, std::vector<std::string>>& overrides,
          std::vector<std::filesystem::path> font_dirs = {});

  /// The fallback chain of `role`, first choice first; faces that are not installed are left
  /// out. Throws ptbrief::Error (code "typeset.font_role") if the role is unknown or none of
  /// its faces can be found.
  const std::vector<const LoadedFace*>& chain(const std::string& role);

  /// Resolves one face spec "Family:Style" or "Family"; nullptr when not installed.
  const LoadedFace* resolve(const std::string& spec);

  /// One note (code "typeset.font_standin") naming, for every role resolved so far whose
  /// first choice is not installed, that face and the stand-in used instead; nothing when
  /// every first choice was found.
  void report_standins(DiagSink& sink) const;

 private:
  const LoadedFace* find(const std::string& spec);
  const FontManifest& manifest_;
  std::map<std::string, std::vector<std::string>> roles_;
  std::set<std::string> from_layout_;  ///< roles whose chain the document (its layout) gave
  std::map<std::string, std::vector<const LoadedFace*>> chains_;
  std::vector<std::filesystem::path> font_dirs_;
  std::string dirs_key_;
  std::map<std::string, std::string> first_missing_;  ///< role → its first choice, not installed  ///< font_dirs_ joined, for the process-wide resolution cache
};



}  // namespace ptbrief::typeset
