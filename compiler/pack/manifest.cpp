// The pack manifest as JSON: reading (tolerant: a damaged manifest means "rebuild") and writing.
#include "pack/manifest.h"

#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
#include "pack/pack.h"

namespace ptbrief::pack {
namespace {

using nlohmann::json;
constexpr int kFormat = 1;

json entry_json(const BriefEntry& e) {
  return {{"kind", e.kind}, {"name", e.name}, {"layout", e.layout}, {"output", e.output_name}};
}

/// A file name read back from the manifest, held to the pack-file rules: the manifest is
/// a file in a shared folder, and its names are deleted and written.
std::string output_name(const json& j) {
  std::string name = j.get<std::string>();
  if (!is_plain_file_name(name))
    throw std::runtime_error("\"" + name + "\" is not a plain file name in the output folder");
  return name;
}

BriefEntry entry_from(const json& j) {
  return {j.at("kind").get<std::string>(), j.at("name").get<std::string>(),
          j.at("layout").get<std::string>(), output_name(j.at("output"))};
}

Manifest from_json(const json& j) {
  if (j.at("format").get<int>() != kFormat) throw std::runtime_error("unknown manifest format");
  Manifest m;
  m.pack = j.at("pack").get<std::string>();
  m.expansion_key = j.at("expansion_key").get<std::string>();
  for (const auto& e : j.at("expansion")) m.expansion.push_back(entry_from(e));
  for (const auto& [path, s] : j.at("stamps").items())
    m.stamps[path] = {s.at("size").get<std::uintmax_t>(), s.at("mtime_ns").get<std::int64_t>(),
                      s.at("inode").get<std::uint64_t>(), s.at("sha256").get<std::string>()};
  for (const auto& [name, b] : j.at("briefs").items()) {
    BriefRecord r;
    r.entry = entry_from(b.at("entry"));
    if (r.entry.output_name != output_name(json(name)))
      throw std::runtime_error("brief \"" + name + "\" records another output name");
    r.inputs = b.at("inputs").get<std::map<std::string, std::string>>();
    r.sources = b.at("sources").get<std::map<std::string, std::string>>();
    r.font_files = b.at("font_files").get<std::vector<std::string>>();
    for (const auto& f : b.at("figures"))
      r.figures.push_back({f.at("key").get<std::string>(), f.at("label").get<std::string>(),
                           f.at("value").get<std::string>()});
    r.pdf_size = b.at("pdf_size").get<std::uintmax_t>();
    m.briefs[name] = std::move(r);
  }
  if (auto c = j.find("combined"); c != j.end())  // absent in manifests of older runs
    m.combined = CombinedRecord{output_name(c->at("output")), c->at("key").get<std::string>(),
                                c->at("pdf_size").get<std::uintmax_t>()};
  return m;
}

}  // namespace

Manifest read_manifest(const std::filesystem::path& file, DiagSink& sink) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return {};
  try {
    return from_json(json::parse(read_file(file, limits::kMaxJsonBytes)));
  } catch (const std::exception& e) {
    Diagnostic d;
    d.severity = Severity::Warning;
    d.code = "pack.manifest_damaged";
    d.message = std::string("the pack manifest cannot be read (") + e.what() + ")";
    d.hint = "every brief of the pack is rebuilt and the manifest rewritten";
    d.file = file.string();
    sink.report(d);
    return {};
  }
}

std::string to_json(const Manifest& m) {
  json j;
  j["format"] = kFormat;
  j["pack"] = m.pack;
  j["expansion_key"] = m.expansion_key;
  j["expansion"] = json::array();
  for (const auto& e : m.expansion) j["expansion"].push_back(entry_json(e));
  j["stamps"] = json::object();
  for (const auto& [path, s] : m.stamps)
    j["stamps"][path] = {{"size", s.size}, {"mtime_ns", s.mtime_ns}, {"inode", s.inode},
                         {"sha256", s.sha256}};
  j["briefs"] = json::object();
  for (const auto& [name, r] : m.briefs) {
    json figures = json::array();
    for (const auto& f : r.figures)
      figures.push_back({{"key", f.key}, {"label", f.label}, {"value", f.value}});
    j["briefs"][name] = {{"entry", entry_json(r.entry)}, {"inputs", r.inputs},
                         {"sources", r.sources},         {"font_files", r.font_files},
                         {"figures", figures},           {"pdf_size", r.pdf_size}};
  }
  if (m.combined)
    j["combined"] = {{"output", m.combined->output_name}, {"key", m.combined->key},
                     {"pdf_size", m.combined->pdf_size}};
  return j.dump(1) + "\n";
}

}  // namespace ptbrief::pack
