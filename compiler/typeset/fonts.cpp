// Fonts: manifest parsing, face lookup by family name inside collections, role fallback chains.
#include "typeset/fonts.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <tuple>

#include <hb-ot.h>
#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "base/limits.h"
#include "typeset/typeset.h"

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
    const json idx = e.value("index", json(0u));
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

// "Family:Style" → (family, style); style empty when not given.
std::pair<std::string, std::string> split_spec(const std::string& spec) {
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos) return {spec, ""};
  return {spec.substr(0, colon), spec.substr(colon + 1)};
}

// Every face of the font files under one folder (scanned once per folder and process, only when
// a family is not in the manifest or the user named the folder). Names come from HarfBuzz's
// `name` table reader: a face answers to each of its family names in every language, so
// "仿宋_GB2312" and "FangSong_GB2312" both find the same office face.
struct ScannedFace {
  fs::path file;
  unsigned index;
  std::vector<std::string> families;  ///< name IDs 16 and 1, every language
  std::string style;                  ///< name ID 17, else 2 (English when the font has it)
};

std::string name_string(hb_face_t* face, hb_ot_name_id_t id, hb_language_t lang) {
  char buf[256];
  unsigned len = sizeof buf;
  return hb_ot_name_get_utf8(face, id, lang, &len, buf) > 0 ? std::string(buf) : std::string();
}

// A name in English if the font has one, else in the first language it has.
std::string any_name(hb_face_t* face, hb_ot_name_id_t preferred, hb_ot_name_id_t fallback) {
  unsigned n = 0;
  const hb_ot_name_entry_t* entries = hb_ot_name_list_names(face, &n);
  for (hb_ot_name_id_t id : {preferred, fallback}) {
    if (std::string s = name_string(face, id, hb_language_from_string("en", -1)); !s.empty())
      return s;
    for (unsigned i = 0; i < n; ++i)
      if (entries[i].name_id == id)
        if (std::string s = name_string(face, id, entries[i].language); !s.empty()) return s;
  }
  return {};
}

std::vector<std::string> family_names(hb_face_t* face) {
  std::vector<std::string> out;
  unsigned n = 0;
  const hb_ot_name_entry_t* entries = hb_ot_name_list_names(face, &n);
  for (unsigned i = 0; i < n; ++i) {
    if (entries[i].name_id != HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY &&
        entries[i].name_id != HB_OT_NAME_ID_FONT_FAMILY)
      continue;
    std::string s = name_string(face, entries[i].name_id, entries[i].language);
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

const std::vector<ScannedFace>& scan_folder(const fs::path& root) {
  static std::map<fs::path, std::vector<ScannedFace>> cache;
  auto [it, fresh] = cache.try_emplace(root);
  if (!fresh) return it->second;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return it->second;
  std::vector<fs::path> files;
  for (auto e = fs::recursive_directory_iterator(root, ec);
       !ec && e != fs::recursive_directory_iterator(); e.increment(ec)) {
    std::string ext = e->path().extension().string();
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));  // SIMFANG.TTF
    if (ext == ".ttf" || ext == ".otf" || ext == ".ttc" || ext == ".otc") files.push_back(e->path());
  }
  std::sort(files.begin(), files.end());  // the same first match whatever the directory order
  for (const fs::path& file : files) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
    if (!blob) continue;
    const unsigned count = hb_face_count(blob);
    for (unsigned i = 0; i < count; ++i) {
      hb_face_t* face = hb_face_create(blob, i);
      ScannedFace f{file, i, family_names(face),
                    any_name(face, HB_OT_NAME_ID_TYPOGRAPHIC_SUBFAMILY, HB_OT_NAME_ID_FONT_SUBFAMILY)};
      hb_face_destroy(face);
      if (!f.families.empty()) it->second.push_back(std::move(f));
    }
    hb_blob_destroy(blob);
  }
  return it->second;
}

// The folders fontconfig reads for one user's own fonts (besides the system folders, which
// the manifest's search paths hold): $XDG_DATA_HOME/fonts (~/.local/share/fonts) and ~/.fonts.
std::vector<fs::path> per_user_font_folders() {
  std::vector<fs::path> out;
  const char* home = std::getenv("HOME");
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    out.push_back(fs::path(xdg) / "fonts");
  else if (home && *home)
    out.push_back(fs::path(home) / ".local/share/fonts");
  if (home && *home) out.push_back(fs::path(home) / ".fonts");
  return out;
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
    return have == "Regular" || have == "Book" || have == "Light" || have == "Medium" ||
           have == "Normal" || have == "常规" || have.empty();
  return want == have;
}

bool family_matches(const ScannedFace& f, const std::string& family, const std::string& style) {
  return std::find(f.families.begin(), f.families.end(), family) != f.families.end() &&
         style_matches(style, f.style);
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
                 const std::map<std::string, std::vector<std::string>>& overrides,
                 std::vector<fs::path> font_dirs)
    : manifest_(manifest), roles_(manifest.roles), font_dirs_(std::move(font_dirs)) {
  for (const auto& [role, chain] : overrides) {
    roles_[role] = chain;
    from_layout_.insert(role);
  }
  for (const fs::path& d : font_dirs_) dirs_key_ += d.string() + '\n';
}

std::vector<fs::path> user_font_dirs(const std::vector<fs::path>& given) {
  std::vector<fs::path> out;
  auto add = [&](const fs::path& dir, const std::string& from) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
      fail("typeset.font_dir", "font folder " + dir.string() + " (" + from + ") does not exist",
           "name a folder holding .ttf/.otf/.ttc files", dir.string());
    fs::path abs = fs::absolute(dir, ec).lexically_normal();
    if (std::find(out.begin(), out.end(), abs) == out.end()) out.push_back(abs);
  };
  for (const fs::path& d : given) add(d, "--font-dir");
  if (const char* env = std::getenv("PTBRIEF_FONT_DIRS")) {
    const std::string list = env;
    for (std::size_t start = 0; start <= list.size();) {
      std::size_t end = list.find(':', start);
      if (end == std::string::npos) end = list.size();
      if (end > start) add(list.substr(start, end - start), "PTBRIEF_FONT_DIRS");
      start = end + 1;
    }
  }
  return out;
}

const LoadedFace* FontSet::resolve(const std::string& spec) {
  // Resolutions are cached for the process (per manifest and font folders).
  static std::mutex mutex;
  static std::map<std::tuple<fs::path, std::string, std::string>, const LoadedFace*> cache;
  const auto key = std::make_tuple(manifest_.path, dirs_key_, spec);
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
  // The folders the user named come first: an office's own copy of a face wins.
  for (const fs::path& dir : font_dirs_) {
    const std::vector<ScannedFace>* scanned = nullptr;
    {
      std::lock_guard lock(g_mutex);
      scanned = &scan_folder(dir);
    }
    for (const ScannedFace& f : *scanned)
      if (family_matches(f, family, style)) return &load_face(f.file, f.index);
  }
  // Then the manifest's faces: the index is a hint, checked against the family name.
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
  std::vector<fs::path> folders = manifest_.search_paths;
  for (const fs::path& d : per_user_font_folders()) folders.push_back(d);
  for (const fs::path& dir : folders) {
    const std::vector<ScannedFace>* scanned = nullptr;
    {
      std::lock_guard lock(g_mutex);
      scanned = &scan_folder(dir);
    }
    for (const ScannedFace& f : *scanned)
      if (family_matches(f, family, style)) return &load_face(f.file, f.index);
  }
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
  if (!faces.empty() && !resolve(r->second.front())) first_missing_[role] = r->second.front();
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

void FontSet::report_standins(DiagSink& sink) const {
  std::string list;
  for (const auto& [role, spec] : first_missing_) {
    const LoadedFace* used = chains_.at(role).front();
    list += (list.empty() ? "" : "; ") + spec + " → " + used->info.family +
            (used->style.empty() ? "" : " " + used->style) + " (role " + role + ")";
  }
  if (list.empty()) return;
  Diagnostic d;
  d.severity = Severity::Note;
  d.code = "typeset.font_standin";
  d.message = "first-choice fonts not installed, stand-ins used: " + list;
  d.hint = "install them (fontconfig's folders), or name their folder with --font-dir DIR or "
           "PTBRIEF_FONT_DIRS";
  sink.report(d);
}

}  // namespace ptbrief::typeset
