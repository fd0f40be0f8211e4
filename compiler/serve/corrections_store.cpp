// corrections.json: format checks, merge and undo, atomic writes.
#include "serve/corrections_store.h"

#include <ctime>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/limits.h"
#include "serve/corpus_files.h"

namespace ptbrief::serve {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void bad(const std::string& path, const std::string& what, const std::string& hint) {
  Diagnostic d;
  d.code = "serve.bad_corrections";
  d.message = path + ": " + what;  // `what` and `hint` are translated by the callers
  d.hint = hint;
  d.json_path = path;
  throw Error(d);
}

bool is_section(const std::string& key) {
  for (const char* s : kCorrectionSections)
    if (key == s) return true;
  return false;
}

void need_string(const Json& entry, const std::string& path, const char* key) {
  if (!entry.contains(key) || !entry[key].is_string() || entry[key].get<std::string>().empty())
    bad(path + "." + key, tr("must be a non-empty string"), trf("give the item's {1}", {key}));
}

void optional_type(const Json& entry, const std::string& path, const char* key, bool number) {
  if (!entry.contains(key)) return;
  const bool ok = number ? entry[key].is_number() : entry[key].is_string();
  if (!ok) bad(path + "." + key, number ? tr("must be a number") : tr("must be a string"),
               number ? tr("write the value as a number, e.g. 12") : tr("write it in quotes"));
}

/// The fields a fix may set and whether each is a number.
const std::pair<const char*, bool> kFixFields[] = {
    {"park", false}, {"value", true}, {"unit", false}, {"qualifier", false}, {"kind", false},
    {"subject", false}, {"name", false}, {"category", false}};

void check_fix_set(const Json& set, const std::string& path) {
  if (!set.is_object() || set.empty())
    bad(path, tr("must be an object with the fields to change"),
        tr("e.g. {\"subject\": \"党组织\", \"value\": 3}"));
  for (const auto& [key, value] : set.items()) {
    bool known = false;
    for (const auto& [name, number] : kFixFields)
      if (key == name) known = true, optional_type(set, path, name, number);
    if (!known)
      bad(path + "." + key, tr("is not a field a fix can set"),
          tr("use park, value, unit, qualifier, kind, subject, name or category"));
  }
}

void check_entry(const std::string& section, const Json& e, const std::string& path,
                 const fs::path& corpus) {
  if (!e.is_object()) bad(path, tr("must be an object"), tr("each correction is {\"file\": …, \"quote\": …}"));
  optional_type(e, path, "by", false);
  optional_type(e, path, "at", false);
  if (section == "parks") {
    need_string(e, path, "name");
    for (const char* list : {"aliases", "merge"})
      if (e.contains(list)) {
        if (!e[list].is_array()) bad(path + "." + list, tr("must be an array of names"), "");
        for (std::size_t i = 0; i < e[list].size(); ++i)
          if (!e[list][i].is_string())
            bad(path + "." + list + "[" + std::to_string(i) + "]", tr("must be a string"), "");
      }
    return;
  }
  need_string(e, path, "file");
  need_string(e, path, "quote");
  if (section != "add" && e.contains("type") &&
      !(e["type"] == "figure" || e["type"] == "practice"))
    bad(path + ".type", tr("must be \"figure\" or \"practice\""), tr("or leave it out for both"));
  if (section != "add" && e.contains("value")) {  // which figure of the quote
    if (!e["value"].is_number()) bad(path + ".value", tr("must be a number"), tr("the figure's value as extracted, e.g. 12"));
    if (e.value("type", "") == "practice") bad(path + ".value", tr("a practice has no value"), tr("leave it out"));
  }
  try {
    corpus_file(corpus, e["file"].get<std::string>(), true);
  } catch (const Error& err) {
    bad(path + ".file", err.diagnostic().message, err.diagnostic().hint);
  }
  if (section == "fix") {
    if (!e.contains("set")) bad(path + ".set", tr("is missing"), tr("say what to change"));
    check_fix_set(e["set"], path + ".set");
  } else if (section == "add") {
    need_string(e, path, "type");
    const std::string type = e["type"].get<std::string>();
    need_string(e, path, "park");
    if (type == "figure") {
      if (!e.contains("value") || !e["value"].is_number())
        bad(path + ".value", tr("must be a number"), tr("the figure's value, e.g. 12"));
      need_string(e, path, "unit");
      optional_type(e, path, "subject", false);
    } else if (type == "practice") {
      need_string(e, path, "name");
    } else {
      bad(path + ".type", tr("must be \"figure\" or \"practice\""), "");
    }
  }
}

/// The identity of an entry within its section: what merge replaces and remove removes.
Json identity(const std::string& section, const Json& e) {
  if (section == "parks") return Json{{"name", e.value("name", "")}};
  Json id = {{"file", e.value("file", "")}, {"quote", e.value("quote", "")},
             {"type", e.value("type", "")}};
  if (section != "add" && e.contains("value")) id["value"] = e["value"];  // one figure of the quote
  return id;
}

/// An empty document with every section.
Json empty_document() {
  Json doc = Json::object();
  for (const char* s : kCorrectionSections) doc[s] = Json::array();
  return doc;
}

}  // namespace

void check_corrections(const Json& doc, const fs::path& corpus) {
  if (!doc.is_object())
    bad("$", tr("must be a JSON object"), tr("e.g. {\"drop\": [{\"file\": \"…\", \"quote\": \"…\"}]}"));
  for (const auto& [key, value] : doc.items()) {
    if (!is_section(key))
      bad("$." + key, tr("is not a section of the corrections file"), tr("use drop, fix, add or parks"));
    if (!value.is_array()) bad("$." + key, tr("must be an array"), "");
    for (std::size_t i = 0; i < value.size(); ++i)
      check_entry(key, value[i], "$." + key + "[" + std::to_string(i) + "]", corpus);
  }
}

CorrectionsStore::CorrectionsStore(fs::path corpus)
    : corpus_(std::move(corpus)), path_(corpus_ / "corrections.json") {}

Json CorrectionsStore::read() const {
  std::lock_guard lock(mutex_);
  return read_unlocked();
}

Json CorrectionsStore::read_unlocked() const {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path_, ec))) return empty_document();
  const std::string text = read_file(path_, limits::kMaxJsonBytes);
  Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    fail("serve.corrections_file", tr("corrections file is not a JSON object"),
         tr("fix it by hand (or move it away) and reload the page"), path_.string());
  Json out = empty_document();
  for (auto& [key, value] : doc.items()) out[key] = value;  // keeps sections we do not know
  for (const char* s : kCorrectionSections)
    if (!out[s].is_array())
      fail("serve.corrections_file", trf("corrections file: $.{1} is not an array", {s}),
           tr("fix it by hand (or move it away) and reload the page"), path_.string());
  return out;
}

void CorrectionsStore::write_unlocked(const Json& doc) {
  write_file_atomically(path_, doc.dump(2) + "\n");
}

extract::Corrections parse_for_make(const Json& doc, const std::string& file) {
  // "by" and "at" are fields of the format (extract keeps them), so the file is read as is.
  return extract::parse_corrections(doc.dump(2), file);
}

Json CorrectionsStore::merge(const Json& posted, const std::string& by, const std::string& at) {
  check_corrections(posted, corpus_);
  std::lock_guard lock(mutex_);
  Json doc = read_unlocked();
  for (const auto& [section, entries] : posted.items()) {
    Json& list = doc[section];
    for (Json entry : entries) {
      if (!entry.contains("by") && !by.empty()) entry["by"] = by;
      entry["at"] = at;
      const Json id = identity(section, entry);
      bool replaced = false;
      for (auto& old : list)
        if (old.is_object() && identity(section, old) == id) old = entry, replaced = true;
      if (!replaced) list.push_back(entry);
    }
  }
  parse_for_make(doc, path_.string());  // what make and pack will read: checked before it is written
  write_unlocked(doc);
  return doc;
}

Json CorrectionsStore::remove(const Json& posted) {
  if (!posted.is_object()) bad("$", tr("must be a JSON object"), "");
  std::lock_guard lock(mutex_);
  Json doc = read_unlocked();
  for (const auto& [section, entries] : posted.items()) {
    if (!is_section(section) || !entries.is_array())
      bad("$." + section, tr("is not a section of the corrections file"), tr("use drop, fix, add or parks"));
    Json kept = Json::array();
    for (const auto& old : doc[section]) {
      bool gone = false;
      for (const auto& e : entries) gone = gone || (old.is_object() && identity(section, old) == identity(section, e));
      if (!gone) kept.push_back(old);
    }
    doc[section] = kept;
  }
  write_unlocked(doc);
  return doc;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace ptbrief::serve
