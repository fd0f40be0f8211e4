// Fonts: manifest parsing, face lookup by family name inside collections, role fallback chains.
#include "typeset/fonts.h"

#include <fstream>
#include <memory>
#include <mutex>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_FONT_FORMATS_H
#include <hb-ot.h>
#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "base/limits.h"

namespace ptbrief::typeset {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::mutex g_mutex;  // guards every cache below

[[noreturn]] void manifest_error(const fs::path& file, const std::string& json_path,
                                 const std::string& message) {
  Diagnostic d;
  d.code = "typeset.font_manifest";
  d.message = message;
  d.hint = "see fonts/README.md for the manifest format";
  d.file = file.string();
  d.json_path = json_path;
  throw Error(d);
}

const json& member(const fs::path& file, const json& obj, const char* key, const std::string& at) {
  if (!obj.is_object() || !obj.contains(key))
    manifest_error(file, at, std::string("missing '") + key + "'");
  return obj.at(key);
}

FontManifest parse_manifest(const fs::path& path) {
  const std::string text = read_file(path, limits::kMaxJsonBytes);
  if (text.size() > limits::kMaxJsonBytes) manifest_error(path, "$", "font manifest is too large");
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    manifest_error(path, "$", "font manifest is not a JSON object");

  FontManifest m;
  m.path = path;
  for (const json& p : member(path, j, "search_paths", "$")) {
    if (!p.is_string()) manifest_error(path, "$.search_paths", "search paths must be strings");
    fs::path sp = p.get<std::string>();
    // A relative search path starts at the data folder holding fonts/manifest.json.
    m.search_paths.push_back(sp.is_absolute() ? sp : path.parent_path().parent_path() / sp);
  }
  for (const auto& [name, e] : member(path, j, "files", "$").items()) {
    const std::string at = "$.files[\"" + name + "\"]";
    const json& hash = member(path, e, "sha256", at);
    if (!hash.is_string()) manifest_error(path, at + ".sha256", "sha256 must be a string");
    m.files[name] = {e.value("package", ""), hash.get<std::string>()};
  }
  for (const auto& [name, e] : member(path, j, "faces", "$").items()) {
    const std::string at = "$.faces[\"" + name + "\"]";
    const json& file = member(path, e, "file", at);
    if (!file.is_string()) manifest_error(path, at + ".file", "file must be a string");
    const json idx = e.value("index", json(0));
    if (!idx.is_number_unsigned())
      manifest_error(path, at + ".index", "index must be a whole number >= 0");
    m.faces[name] = {file.get<std::string>(), idx.get<unsigned>()};
  }
  for (const auto& [name, chain] : member(path, j, "roles", "$").items()) {
    const std::string at = "$.roles." + name;
    if (!chain.is_array() || chain.empty())
      manifest_error(path, at, "a role is a non-empty list of faces");
    for (const json& f : chain) {
      if (!f.is_string()) manifest_error(path, at, "faces are named by strings \"Family:Style\"");
      m.roles[name].push_back(f.get<std::string>());
    }
  }
  return m;
}

// FreeType's objects are not thread-safe: it asks for one FT_Library per thread (or a lock
// around every use; FreeType 2 docs, "FT_Library" and "Multi-threading"). Each thread that
// opens faces gets its own library, freed when the thread ends; faces never leave the thread
// (read_names opens and closes its face).
FT_Library freetype() {
  struct Library {
    FT_Library lib = nullptr;
    Library() {
      if (FT_Init_FreeType(&lib) != 0) fail("internal", "FreeType failed to initialise");
    }
    ~Library() { FT_Done_FreeType(lib); }
  };
  thread_local Library library;
  return library.lib;
}

// Family and style names of face `index` in `file` as FreeType reports them.
struct FaceNames {
  std::string family, style, postscript;
  bool cff = false;
  unsigned upem = 1000;
  double ascender = 0.88, descender = 0.12;
  long num_faces = 0;
};

bool read_names(const fs::path& file, long index, FaceNames& out) {
  FT_Face f = nullptr;
  if (FT_New_Face(freetype(), file.c_str(), index, &f) != 0) return false;
  out.family = f->family_name ? f->family_name : "";
  out.style = f->style_name ? f->style_name : "";
  const char* ps = FT_Get_Postscript_Name(f);
  out.postscript = ps ? ps : "";
  const char* format = FT_Get_Font_Format(f);
  out.cff = format && std::string(format) == "CFF";
  out.upem = f->units_per_EM ? f->units_per_EM : 1000;
  out.ascender = double(f->ascender) / out.upem;
  out.descender = -double(f->descender) / out.upem;
  out.num_faces = f->num_faces;
  FT_Done_Face(f);
  return true;
}

// "Family:Style" → (family, style); style empty when not given.
std::pair<std::string, std::string> split_spec(const std::string& spec) {
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos) return {spec, ""};
  return {spec.substr(0, colon), spec.substr(colon + 1)};
}

// Every face in the search paths (scanned once, only when a family is not in the manifest).
struct ScannedFace {
  fs::path file;
  unsigned index;
  std::string family, style;
};

const std::vector<ScannedFace>& scan_search_paths(const FontManifest& m) {
  static std::map<fs::path, std::vector<ScannedFace>> cache;
  auto [it, fresh] = cache.try_emplace(m.path);
  if (!fresh) return it->second;
  for (const fs::path& root : m.search_paths) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (auto e = fs::recursive_directory_iterator(root, ec);
         !ec && e != fs::recursive_directory_iterator(); e.increment(ec)) {
      const std::string ext = e->path().extension().string();
      if (ext != ".ttf" && ext != ".otf" && ext != ".ttc" && ext != ".otc") continue;
      FaceNames first;
      if (!read_names(e->path(), 0, first)) continue;
      for (long i = 0; i < first.num_faces; ++i) {
        FaceNames n;
        if (i == 0)
          n = first;
        else if (!read_names(e->path(), i, n))
          continue;
        it->second.push_back({e->path(), unsigned(i), n.family, n.style});
      }
    }
  }
  return it->second;
}

// A name-table string in English: `preferred` if the font has it, else `fallback`.
std::string face_name(hb_face_t* face, hb_ot_name_id_t preferred, hb_ot_name_id_t fallback) {
  for (hb_ot_name_id_t id : {preferred, fallback}) {
    char buf[256];
    unsigned len = sizeof buf;
    if (hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &len, buf) > 0)
      return std::string(buf);
  }
  return {};
}

bool style_matches(const std::string& want, const std::string& have) {
  if (want.empty())
    return have == "Regular" || have == "Book" || have == "Light" || have == "Medium";
  return want == have;
}

}  // namespace

const FontManifest& load_manifest(const fs::path& path) {
  static std::map<fs::path, std::unique_ptr<FontManifest>> cache;
  std::lock_guard lock(g_mutex);
  auto& slot = cache[path];
  if (!slot) slot = std::make_unique<FontManifest>(parse_manifest(path));
  return *slot;
}

fs::path locate_font_file(const FontManifest& m, const std::string& rel) {
  std::error_code ec;
  for (const fs::path& root : m.search_paths) {
    if (fs::is_regular_file(root / rel, ec)) return root / rel;
    if (fs::is_regular_file(root / fs::path(rel).filename(), ec))
      return root / fs::path(rel).filename();
  }
  return {};
}

const LoadedFace& load_face(const fs::path& file, unsigned index) {
  static std::map<std::pair<fs::path, unsigned>, std::unique_ptr<LoadedFace>> cache;
  std::lock_guard lock(g_mutex);
  auto& slot = cache[{file, index}];
  if (slot) return *slot;

  // HarfBuzz maps the file and reads tables lazily; names come from its `name` table reader,
  // which (unlike opening a FreeType face on a large CFF collection) costs microseconds.
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
  if (!blob)
    fail("typeset.font_unreadable", "cannot read font file " + file.string(),
         "reinstall the font package or fix fonts/manifest.json", file.string());
  const unsigned faces = hb_face_count(blob);
  if (index >= faces) {
    hb_blob_destroy(blob);
    fail("typeset.font_unreadable",
         "font file " + file.string() + " has no face " + std::to_string(index),
         "fix the face index in fonts/manifest.json", file.string());
  }
  auto face = std::make_unique<LoadedFace>();
  face->face = hb_face_create(blob, index);
  hb_blob_destroy(blob);
  face->font = hb_font_create(face->face);
  const unsigned upem = hb_face_get_upem(face->face);
  hb_font_set_scale(face->font, int(upem), int(upem));
  hb_blob_t* cff = hb_face_reference_table(face->face, HB_TAG('C', 'F', 'F', ' '));
  const bool is_cff = hb_blob_get_length(cff) > 0;
  hb_blob_destroy(cff);
  face->info = {file.string(),
                index,
                face_name(face->face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, HB_OT_NAME_ID_FONT_FAMILY),
                face_name(face->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_OT_NAME_ID_POSTSCRIPT_NAME),
                is_cff,
                upem};
  face->style =
      face_name(face->face, HB_OT_NAME_ID_TYPOGRAPHIC_SUBFAMILY, HB_OT_NAME_ID_FONT_SUBFAMILY);
  hb_font_extents_t ext{};
  if (hb_font_get_h_extents(face->font, &ext) && upem > 0) {
    face->ascender_em = double(ext.ascender) / upem;
    face->descender_em = -double(ext.descender) / upem;
  }
  slot = std::move(face);
  return *slot;
}

std::vector<FontPinProblem> verify_font_pins(const FontManifest& m) {
  std::vector<FontPinProblem> problems;
  for (const auto& [rel, entry] : m.files) {
    const fs::path file = locate_font_file(m, rel);
    if (file.empty()) {
      problems.push_back({rel, entry.sha256, "missing"});
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    Sha256 h;
    std::string buf(1 << 20, '\0');
    while (in.read(buf.data(), std::streamsize(buf.size())) || in.gcount() > 0)
      h.update(std::string_view(buf.data(), std::size_t(in.gcount())));
    const std::string actual = h.hex();
    if (actual != entry.sha256) problems.push_back({rel, entry.sha256, actual});
  }
  return problems;
}

FontSet::FontSet(const FontManifest& manifest,
                 const std::map<std::string, std::vector<std::string>>& overrides)
    : manifest_(manifest), roles_(manifest.roles) {
  for (const auto& [role, chain] : overrides) {
    roles_[role] = chain;
    from_layout_.insert(role);
  }
}

const LoadedFace* FontSet::resolve(const std::string& spec) {
  // Resolutions are cached for the process: reading names costs a FreeType face open each.
  static std::mutex mutex;
  static std::map<std::pair<fs::path, std::string>, const LoadedFace*> cache;
  const auto key = std::make_pair(manifest_.path, spec);
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  const LoadedFace* found = find(spec);
  std::lock_guard lock(mutex);
  return cache[key] = found;
}

const LoadedFace* FontSet::find(const std::string& spec) {
  auto [family, style] = split_spec(spec);
  // Manifest faces first: the index is a hint, checked against the family name.
  for (const auto& [key, entry] : manifest_.faces) {
    auto [kf, ks] = split_spec(key);
    if (kf != family || !(style.empty() ? style_matches("", ks) : ks == style)) continue;
    const fs::path file = locate_font_file(manifest_, entry.file);
    if (file.empty()) continue;
    const LoadedFace& hinted = load_face(file, entry.index);
    if (hinted.info.family == family) return &hinted;
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
    const unsigned count = blob ? hb_face_count(blob) : 0;
    hb_blob_destroy(blob);
    for (unsigned i = 0; i < count; ++i)
      if (const LoadedFace& f = load_face(file, i);
          f.info.family == family && style_matches(style, f.style))
        return &f;
  }
  // Otherwise any installed face with that family (and style) name.
  const std::vector<ScannedFace>* scanned = nullptr;
  {
    std::lock_guard lock(g_mutex);
    scanned = &scan_search_paths(manifest_);
  }
  for (const ScannedFace& f : *scanned)
    if (f.family == family && style_matches(style, f.style)) return &load_face(f.file, f.index);
  return nullptr;
}

const std::vector<const LoadedFace*>& FontSet::chain(const std::string& role) {
  if (auto it = chains_.find(role); it != chains_.end()) return it->second;
  auto r = roles_.find(role);
  if (r == roles_.end()) {
    std::string known;
    for (const auto& [name, _] : roles_) known += (known.empty() ? "" : ", ") + name;
    Diagnostic d;
    d.code = "typeset.font_role";
    d.message = "unknown font role '" + role + "'";
    d.hint = "use one of: " + known + " (or add the role to fonts/manifest.json)";
    d.file = manifest_.path.string();
    d.json_path = "$.roles";
    throw Error(d);
  }
  std::vector<const LoadedFace*> faces;
  for (const std::string& spec : r->second)
    if (const LoadedFace* f = resolve(spec)) faces.push_back(f);
  if (faces.empty()) {
    // Blame whoever named the families: the layout's "font_families" or the font manifest.
    std::string tried;
    for (const std::string& spec : r->second) tried += (tried.empty() ? "'" : ", '") + spec + "'";
    const bool layout = from_layout_.count(role) > 0;
    Diagnostic d;
    d.code = "typeset.font_role";
    d.message = "no font family for role '" + role + "' is installed (tried " +
                (tried.empty() ? std::string("none") : tried) + ", from " +
                (layout ? "the layout's \"font_families\")" : "the font manifest)");
    d.hint = layout ? "name an installed family in the layout (`fc-list : family` lists them), "
                      "or install it"
                    : "install the packages listed in fonts/README.md (e.g. fonts-noto-cjk)";
    if (!layout) d.file = manifest_.path.string();
    d.json_path = (layout ? "$.font_families." : "$.roles.") + role;
    throw Error(d);
  }
  return chains_[role] = std::move(faces);
}

}  // namespace ptbrief::typeset
