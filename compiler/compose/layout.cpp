// layout: loading (`extends` chains) and validation of layout specs, with precise errors.
#include "compose/layout.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "base/i18n.h"
#include "base/limits.h"
#include "base/paths.h"

namespace ptbrief::compose {

namespace {

using json::Value;
using Type = json::Value::Type;

/// Chinese type sizes (字号) in points, as used by Chinese word processors and GB/T 9704.
struct NamedSize {
  std::string_view name;
  Pt pt;
};
constexpr NamedSize kChineseSizes[] = {
    {"初号", 42}, {"小初", 36}, {"一号", 26}, {"小一", 24}, {"二号", 22}, {"小二", 18},
    {"三号", 16}, {"小三", 15}, {"四号", 14}, {"小四", 12}, {"五号", 10.5}, {"小五", 9},
    {"六号", 7.5}};

/// Paper sizes in mm (ISO 216; B5 is ISO B5 176 × 250).
struct Paper {
  std::string_view name;
  double width_mm, height_mm;
};
constexpr Paper kPapers[] = {{"A4", 210, 297}, {"A3", 297, 420}, {"B5", 176, 250}};

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

[[noreturn]] void layout_error(std::string code, const json::Position& pos,
                               const std::string& path, std::string message, std::string hint) {
  Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message) + " at " + path;
  d.hint = std::move(hint);
  d.file = pos.file ? *pos.file : std::string();
  d.line = pos.line;
  d.column = pos.column;
  d.offset = static_cast<long long>(pos.offset);
  d.json_path = path;
  throw Error(d);
}

/// Validation of one JSON object: the keys it may have and typed accessors that fail with
/// the file, line:column, JSON path and what is allowed.
class Obj {
 public:
  Obj(const Value& v, std::string path) : v_(v), path_(std::move(path)) {
    if (v.type != Type::Object)
      layout_error("layout.type", v.pos, path_,
                   trf("expected an object, found {1}", {json::type_name(v.type)}),
                   tr("write { \"key\": value, … }"));
  }

  /// Every key must be one of `allowed`; an unknown key gets a did-you-mean hint.
  void allow(const std::vector<std::string>& allowed) const {
    for (std::size_t i = 0; i < v_.members.size(); ++i) {
      const std::string& key = v_.members[i].key;
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      const auto near = nearest_names(key, allowed);
      std::string hint = near.empty() ? "" : trf("did you mean {1}? ", {"'" + near.front() + "'"});
      hint += trf("allowed keys here: {1}", {join(allowed, ", ")});
      layout_error("layout.unknown_key", v_.key_positions.at(i), child(key),
                   trf("unknown key '{1}'", {key}), hint);
    }
  }

  const Value* get(const std::string& key) const { return v_.find(key); }
  std::string child(const std::string& key) const { return path_ + "." + key; }
  const std::string& path() const { return path_; }
  const Value& value() const { return v_; }

  const Value& typed(const std::string& key, Type t, const char* example) const {
    const Value& x = *get(key);
    if (x.type != t)
      layout_error("layout.type", x.pos, child(key),
                   trf("expected {1}, found {2}", {json::type_name(t), json::type_name(x.type)}),
                   trf("write e.g. {1}", {example}));
    return x;
  }

  void string(const std::string& key, std::string& out) const {
    if (get(key)) out = typed(key, Type::String, "\"text\"").string;
  }

  void one_of(const std::string& key, const std::vector<std::string>& allowed,
              std::string& out) const {
    if (!get(key)) return;
    const Value& x = typed(key, Type::String, ("\"" + allowed.front() + "\"").c_str());
    if (std::find(allowed.begin(), allowed.end(), x.string) == allowed.end()) {
      const auto near = nearest_names(x.string, allowed);
      layout_error("layout.value", x.pos, child(key), trf("bad value \"{1}\"", {x.string}),
                   (near.empty() ? "" : trf("did you mean {1}? ", {"\"" + near.front() + "\""})) +
                       trf("allowed: {1}", {join(allowed, ", ")}));
    }
    out = x.string;
  }

  void boolean(const std::string& key, bool& out) const {
    if (get(key)) out = typed(key, Type::Bool, "true or false").boolean;
  }

  void number(const std::string& key, double lo, double hi, double& out) const {
    if (!get(key)) return;
    const Value& x = typed(key, Type::Number, "12.5");
    if (!(x.number >= lo && x.number <= hi))
      layout_error("layout.value", x.pos, child(key),
                   trf("value {1} out of range", {fmt(x.number)}),
                   trf("allowed: a number from {1} to {2}", {fmt(lo), fmt(hi)}));
    out = x.number;
  }

  void integer(const std::string& key, long lo, long hi, std::size_t& out) const {
    double d = 0;
    if (!get(key)) return;
    number(key, static_cast<double>(lo), static_cast<double>(hi), d);
    if (d != std::floor(d))
      layout_error(
          "layout.value", get(key)->pos, child(key), tr("expected a whole number"),
          trf("allowed: a whole number from {1} to {2}", {std::to_string(lo), std::to_string(hi)}));
    out = static_cast<std::size_t>(d);
  }

  static std::string fmt(double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", d);
    return buf;
  }

 private:
  const Value& v_;
  std::string path_;
};

Pt read_size(const Obj& o, const std::string& key, Pt fallback) {
  const Value* x = o.get(key);
  if (!x) return fallback;
  std::vector<std::string> names;
  for (const auto& s : kChineseSizes) names.emplace_back(s.name);
  if (x->type == Type::Number) {
    double pt = 0;
    o.number(key, 4, 96, pt);
    return pt;
  }
  if (x->type == Type::String) {
    if (Pt pt = chinese_font_size(x->string); pt > 0) return pt;
    const auto near = nearest_names(x->string, names);
    layout_error("layout.value", x->pos, o.child(key),
                 "unknown font size \"" + x->string + "\"",
                 (near.empty() ? "" : "did you mean \"" + near.front() + "\"? ") +
                     "allowed: a size in points (4–96) or " + join(names, " "));
  }
  layout_error("layout.type", x->pos, o.child(key),
               "expected a number or a string, found " + std::string(json::type_name(x->type)),
               "write 10.5 or \"三号\"");
}

/// "cmyk(0, 100, 100, 0)": a process colour in percent (GB/T 9704 red is printed, not an RGB
/// approximation); its RGB for screens is the naive conversion.
typeset::Color read_cmyk(const Value& x, const std::string& path) {
  const std::string& s = x.string;
  std::array<double, 4> v{};
  std::size_t at = 5, n = 0;
  bool ok = s.size() > 6 && s.back() == ')';
  while (ok && n < 4) {
    while (at < s.size() && s[at] == ' ') ++at;
    std::size_t end = at;
    while (end < s.size() && ((s[end] >= '0' && s[end] <= '9') || s[end] == '.')) ++end;
    double value = -1;
    ok = end > at && std::from_chars(s.data() + at, s.data() + end, value).ptr == s.data() + end &&
         value >= 0 && value <= 100;
    if (!ok) break;
    v[n++] = value / 100;
    while (end < s.size() && s[end] == ' ') ++end;
    ok = end < s.size() && s[end] == (n == 4 ? ')' : ',');
    at = end + 1;
  }
  if (!ok || at != s.size())
    layout_error("layout.value", x.pos, path, "bad colour \"" + s + "\"",
                 "allowed: \"cmyk(c, m, y, k)\" with four percentages 0-100, e.g. "
                 "\"cmyk(0, 100, 100, 0)\"");
  typeset::Color c{(1 - v[0]) * (1 - v[3]), (1 - v[1]) * (1 - v[3]), (1 - v[2]) * (1 - v[3])};
  c.cmyk = v;
  return c;
}

typeset::Color read_color(const Value& x, const std::string& path) {
  if (x.type != Type::String)
    layout_error("layout.type", x.pos, path,
                 "expected a string, found " + std::string(json::type_name(x.type)),
                 "write a colour as \"#rrggbb\", e.g. \"#c00000\", or \"cmyk(0, 100, 100, 0)\"");
  const std::string& s = x.string;
  if (s.rfind("cmyk(", 0) == 0) return read_cmyk(x, path);
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  bool ok = s.size() == 7 && s[0] == '#';
  for (std::size_t i = 1; ok && i < 7; ++i) ok = hex(s[i]) >= 0;
  if (!ok)
    layout_error("layout.value", x.pos, path, "bad colour \"" + s + "\"",
                 "allowed: \"#rrggbb\" with six hex digits, e.g. \"#c00000\", or "
                 "\"cmyk(c, m, y, k)\" in percent");
  auto channel = [&](std::size_t i) { return (hex(s[i]) * 16 + hex(s[i + 1])) / 255.0; };
  return typeset::Color{channel(1), channel(3), channel(5)};
}

/// Checks a header/footer template: only the fields {page} {pages} {title} {date}.
void check_template(const Obj& o, const std::string& key, std::string& out) {
  o.string(key, out);
  static const std::vector<std::string> fields = {"page", "pages", "title", "date"};
  for (std::size_t at = out.find('{'); at != std::string::npos; at = out.find('{', at + 1)) {
    const std::size_t close = out.find('}', at);
    const std::string field =
        close == std::string::npos ? out.substr(at + 1) : out.substr(at + 1, close - at - 1);
    if (close == std::string::npos ||
        std::find(fields.begin(), fields.end(), field) == fields.end()) {
      const auto near = nearest_names(field, fields);
      layout_error("layout.value", o.get(key)->pos, o.child(key),
                   "unknown template field {" + field + "}",
                   (near.empty() ? "" : "did you mean {" + near.front() + "}? ") +
                       "allowed fields: {page} {pages} {title} {date}");
    }
  }
}

void read_paper(const Obj& root, LayoutSpec& spec) {
  double w = 210, h = 297;
  if (const Value* p = root.get("paper")) {
    const std::string path = root.child("paper");
    if (p->type == Type::String) {
      std::vector<std::string> names;
      bool found = false;
      for (const auto& paper : kPapers) {
        names.emplace_back(paper.name);
        if (p->string == paper.name) {
          w = paper.width_mm;
          h = paper.height_mm;
          found = true;
        }
      }
      if (!found)
        layout_error("layout.value", p->pos, path, "unknown paper \"" + p->string + "\"",
                     "allowed: \"A4\", \"A3\", \"B5\" or {\"width_mm\": …, \"height_mm\": …}");
    } else if (p->type == Type::Object) {
      Obj o(*p, path);
      o.allow({"width_mm", "height_mm"});
      o.number("width_mm", 50, 1000, w);
      o.number("height_mm", 50, 1000, h);
    } else {
      layout_error("layout.type", p->pos, path,
                   "expected a string or an object, found " + std::string(json::type_name(p->type)),
                   "write \"A4\" or {\"width_mm\": 210, \"height_mm\": 297}");
    }
  }
  std::string orientation = "portrait";
  root.one_of("orientation", {"portrait", "landscape"}, orientation);
  if ((orientation == "landscape") != (w > h)) std::swap(w, h);
  spec.page.width = mm(w);
  spec.page.height = mm(h);
}

void read_margins(const Obj& root, LayoutSpec& spec) {
  const Value* m = root.get("margins");
  if (!m) return;
  Obj o(*m, root.child("margins"));
  o.allow({"top_mm", "bottom_mm", "inner_mm", "outer_mm", "mirrored"});
  double top = to_mm(spec.page.margin_top), bottom = to_mm(spec.page.margin_bottom);
  double inner = to_mm(spec.page.margin_inner), outer = to_mm(spec.page.margin_outer);
  o.number("top_mm", 0, 200, top);
  o.number("bottom_mm", 0, 200, bottom);
  o.number("inner_mm", 0, 200, inner);
  o.number("outer_mm", 0, 200, outer);
  o.boolean("mirrored", spec.page.mirrored);
  spec.page.margin_top = mm(top);
  spec.page.margin_bottom = mm(bottom);
  spec.page.margin_inner = mm(inner);
  spec.page.margin_outer = mm(outer);
}

void read_running(const Obj& root, const std::string& key, typeset::RunningLine& line,
                  std::string& font_role) {
  const Value* v = root.get(key);
  if (!v) return;
  Obj o(*v, root.child(key));
  o.allow({"left", "center", "right", "outer", "font", "rule", "offset_mm", "first_page"});
  check_template(o, "left", line.left);
  check_template(o, "center", line.center);
  check_template(o, "right", line.right);
  check_template(o, "outer", line.outer);
  o.one_of("font", font_text_roles(), font_role);
  o.boolean("rule", line.rule);
  double offset = to_mm(line.offset);
  o.number("offset_mm", 0, 100, offset);
  line.offset = mm(offset);
  o.boolean("first_page", line.on_first_page);
}

/// Role names of the font manifest (fonts/manifest.json), empty when it cannot be read.
const std::vector<std::string>& manifest_roles() {
  static const std::vector<std::string> roles = [] {
    std::vector<std::string> out;
    try {
      const auto file = find_data_file("fonts/manifest.json");
      const json::Value m = json::parse(read_file(file, limits::kMaxJsonBytes), file.string());
      if (const json::Value* r = m.find("roles"))
        for (const auto& member : r->members) out.push_back(member.key);
    } catch (const Error&) {
      out.clear();  // no manifest: the typesetter reports unresolvable roles itself
    }
    return out;
  }();
  return roles;
}

void read_fonts(const Obj& root, LayoutSpec& spec) {
  const Value* f = root.get("fonts");
  if (!f) return;
  Obj o(*f, root.child("fonts"));
  o.allow(font_text_roles());
  for (const auto& [key, value] : f->members) {
    Obj fo(value, o.child(key));
    fo.allow({"role", "size"});
    FontSpec& font = spec.fonts[key];
    fo.string("role", font.role);
    if (font.role.empty())
      layout_error("layout.value", fo.get("role")->pos, fo.child("role"), "empty font role",
                   "name a role of fonts/manifest.json, e.g. \"serif\", \"sans\", \"kai\"");
    font.size = read_size(fo, "size", font.size);
    std::vector<std::string> known = manifest_roles();
    for (const auto& [role, families] : spec.font_families) known.push_back(role);
    if (fo.get("role") && !manifest_roles().empty() &&
        std::find(known.begin(), known.end(), font.role) == known.end()) {
      const auto near = nearest_names(font.role, known);
      layout_error("layout.value", fo.get("role")->pos, fo.child("role"),
                   "unknown font role \"" + font.role + "\"",
                   (near.empty() ? "" : "did you mean \"" + near.front() + "\"? ") +
                       "allowed: the roles of fonts/manifest.json: " + join(known, ", "));
    }
  }
}

void read_colors(const Obj& root, LayoutSpec& spec) {
  const Value* c = root.get("colors");
  if (!c) return;
  Obj o(*c, root.child("colors"));
  o.allow({"text", "accent", "rule", "muted", "table_header", "chart"});
  for (const auto& [key, value] : c->members) spec.colors[key] = read_color(value, o.child(key));
}

void read_masthead(const Obj& root, LayoutSpec& spec) {
  const Value* m = root.get("masthead");
  if (!m) return;
  Obj o(*m, root.child("masthead"));
  o.allow({"enabled", "title", "issue", "publisher", "date", "rule"});
  o.boolean("enabled", spec.masthead.enabled);
  o.string("title", spec.masthead.title);
  o.string("issue", spec.masthead.issue);
  o.string("publisher", spec.masthead.publisher);
  o.boolean("date", spec.masthead.show_date);
  o.one_of("rule", {"none", "single", "double"}, spec.masthead.rule);
}

void read_imprint(const Obj& root, LayoutSpec& spec) {
  const Value* m = root.get("imprint");
  if (!m) return;
  Obj o(*m, root.child("imprint"));
  o.allow({"enabled", "copy_to", "issuer"});
  o.boolean("enabled", spec.imprint.enabled);
  o.string("copy_to", spec.imprint.copy_to);
  o.string("issuer", spec.imprint.issuer);
}

SectionSpec read_section(const Value& v, const std::string& path) {
  static const std::vector<std::string> types = {"overview", "figures", "practices", "topics",
                                                 "sources"};
  Obj o(v, path);
  SectionSpec s;
  s.json_path = path;
  if (!o.get("type"))
    layout_error("layout.missing_key", v.pos, path, "section without \"type\"",
                 "add \"type\": one of " + join(types, ", "));
  o.one_of("type", types, s.type);
  std::vector<std::string> keys = {"type", "heading"};
  if (s.type == "figures") {
    keys.insert(keys.end(), {"max_figures", "chart", "table", "max_bars", "group_by"});
    s.chart = true;
  } else if (s.type == "practices") {
    keys.push_back("max_practices");
  } else if (s.type == "topics") {
    keys.push_back("max_sentences");
    s.max_items = 3;
  }
  o.allow(keys);
  o.string("heading", s.heading);
  o.integer("max_figures", 1, 1000, s.max_items);
  o.integer("max_practices", 1, 1000, s.max_items);
  o.integer("max_sentences", 1, 100, s.max_items);
  o.boolean("chart", s.chart);
  o.boolean("table", s.table);
  o.integer("max_bars", 2, 40, s.max_bars);
  std::string group = "topic";
  o.one_of("group_by", {"topic", "none"}, group);
  s.group_by_topic = group == "topic";
  return s;
}

void read_sections(const Obj& root, LayoutSpec& spec) {
  const Value* s = root.get("sections");
  if (!s) return;
  const Value& list = root.typed("sections", Type::Array, "[{\"type\": \"overview\"}, …]");
  spec.sections.clear();
  for (std::size_t i = 0; i < list.items.size(); ++i)
    spec.sections.push_back(
        read_section(list.items[i], root.child("sections") + "[" + std::to_string(i) + "]"));
}

void read_font_families(const Obj& root, LayoutSpec& spec) {
  const Value* f = root.get("font_families");
  if (!f) return;
  Obj o(*f, root.child("font_families"));
  for (const auto& [role, list] : f->members) {
    const std::string path = o.child(role);
    if (list.type != Type::Array)
      layout_error("layout.type", list.pos, path,
                   "expected array, found " + std::string(json::type_name(list.type)),
                   "write a list of family names, first choice first: [\"AR PL KaitiM GB\"]");
    auto& out = spec.font_families[role];
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const Value& x = list.items[i];
      if (x.type != Type::String || x.string.empty())
        layout_error("layout.type", x.pos, path + "[" + std::to_string(i) + "]",
                     "expected a font family name", "write e.g. \"Noto Serif CJK SC\"");
      out.push_back(x.string);
    }
  }
}

/// Built-in defaults every layout starts from (a plain A4 brief).
LayoutSpec defaults() {
  LayoutSpec spec;
  for (const auto& role : font_text_roles()) spec.fonts[role] = FontSpec{};
  spec.fonts["title"] = {"title", 22};
  spec.fonts["masthead"] = {"title", 26};
  spec.fonts["heading1"] = {"sans", 14};
  spec.fonts["heading2"] = {"sans", 12};
  spec.fonts["table"] = {"serif", 9};
  spec.fonts["small"] = {"serif", 9};
  spec.fonts["header"] = {"serif", 9};
  spec.fonts["footer"] = {"serif", 9};
  spec.fonts["chart"] = {"sans", 8};
  spec.colors = {{"text", {0, 0, 0}},           {"accent", {0.75, 0, 0}},
                 {"rule", {0.75, 0, 0}},        {"muted", {0.35, 0.35, 0.35}},
                 {"table_header", {0.93, 0.93, 0.93}}, {"chart", {0.75, 0.1, 0.1}}};
  spec.masthead.title = "工作简报";
  spec.sections.clear();
  for (const char* type : {"overview", "figures", "practices", "topics", "sources"}) {
    SectionSpec s;
    s.type = type;
    s.chart = s.type == "figures";
    s.max_items = s.type == "topics" ? 3 : 0;
    spec.sections.push_back(s);
  }
  return spec;
}

/// Object members merge key by key (the extending side wins); anything else is replaced.
void merge_into(Value& base, const Value& over) {
  if (base.type != Type::Object || over.type != Type::Object) {
    base = over;
    return;
  }
  for (std::size_t i = 0; i < over.members.size(); ++i) {
    const auto& [key, value] = over.members[i];
    bool found = false;
    for (std::size_t j = 0; j < base.members.size(); ++j) {
      if (base.members[j].key != key) continue;
      merge_into(base.members[j].value, value);
      base.key_positions[j] = over.key_positions[i];
      found = true;
    }
    if (!found) {
      base.members.push_back({key, value});
      base.key_positions.push_back(over.key_positions[i]);
    }
  }
}

}  // namespace

const std::vector<std::string>& font_text_roles() {
  static const std::vector<std::string> roles = {"body",     "title",  "masthead", "heading1",
                                                 "heading2", "table",  "small",    "header",
                                                 "footer",   "chart"};
  return roles;
}

Pt chinese_font_size(std::string_view name) {
  for (const auto& s : kChineseSizes)
    if (s.name == name) return s.pt;
  return 0;
}

namespace {

/// The file `"extends": name` in `current` means: <name>.json beside it, else the first
/// layouts/<name>.json of the layout folders that is not `current` itself — so a user's
/// ~/.local/share/ptbrief/layouts/ours.json can extend the shipped briefing, and a layout that
/// shadows a later folder's namesake can extend it. When only `current` matches, `current` (the
/// caller reports the cycle); empty when nothing matches.
std::filesystem::path extended_layout(const std::filesystem::path& current,
                                      const std::string& name) {
  std::vector<std::filesystem::path> candidates = {current.parent_path() / (name + ".json")};
  for (const auto& dir : layout_dirs()) candidates.push_back(dir / (name + ".json"));
  std::error_code ec;
  std::filesystem::path self;
  for (const auto& c : candidates) {
    if (!std::filesystem::exists(c, ec)) continue;
    if (!std::filesystem::equivalent(c, current, ec)) return c;
    self = c;
  }
  return self;
}

/// `o.value` as a JSON value: parsed when it is JSON and the field it replaces is not a string
/// (so --set masthead.issue=2025 stays the text "2025"), else the text itself.
json::Value override_value(const LayoutOverride& o, const json::Value* replaced) {
  const std::string where = "--set " + o.key;
  if (!replaced || replaced->type != Type::String) {
    try {
      return json::parse(o.value, where);
    } catch (const Error&) {
      // not JSON: the text itself
    }
  }
  json::Value text;
  text.type = Type::String;
  text.string = o.value;
  text.pos.file = std::make_shared<const std::string>(where);
  text.pos.line = text.pos.column = 1;
  return text;
}

/// Sets the field `o.key` (dotted: "masthead.issue") of `tree`, creating objects on the way.
void apply_override(json::Value& tree, const LayoutOverride& o) {
  json::Value* node = &tree;
  for (std::size_t start = 0;;) {
    const std::size_t dot = o.key.find('.', start);
    const std::string name = o.key.substr(start, dot == std::string::npos ? dot : dot - start);
    const std::string path = o.key.substr(0, dot);
    if (name.empty())
      fail("layout.bad_set", "'--set " + o.key + "=…' names no layout field",
           "write --set masthead.issue=第2期 (a dotted path into the layout JSON)");
    if (node->type != Type::Object)
      fail("layout.bad_set",
           "'--set " + o.key + "=…': the layout's '" + path + "' is not an object",
           "set a field of an object, e.g. --set masthead.title=…");
    auto it = std::find_if(node->members.begin(), node->members.end(),
                           [&](const auto& m) { return m.key == name; });
    if (it == node->members.end()) {
      json::Value fresh = override_value(o, nullptr);
      if (dot != std::string::npos) {  // an object to hold the rest of the path
        fresh.type = Type::Object;
        fresh.items.clear();
        fresh.members.clear();
        fresh.key_positions.clear();
      }
      node->key_positions.push_back(fresh.pos);
      node->members.push_back(json::Member{name, std::move(fresh)});
      it = std::prev(node->members.end());
    }
    if (dot == std::string::npos) {
      it->value = override_value(o, &it->value);
      return;
    }
    node = &it->value;
    start = dot + 1;
  }
}

}  // namespace

json::Value load_layout_tree(const std::filesystem::path& file) {
  std::vector<std::filesystem::path> chain;
  json::Value merged;
  std::vector<json::Value> trees;
  std::filesystem::path current = file;
  for (;;) {
    for (const auto& seen : chain)
      if (std::filesystem::weakly_canonical(seen) == std::filesystem::weakly_canonical(current))
        fail("layout.extends_cycle", "layout 'extends' chain loops back to " + current.string(),
             "remove the cycle: a layout may not extend itself, directly or indirectly",
             file.string());
    if (static_cast<int>(chain.size()) > limits::kMaxLayoutExtends)
      fail("layout.extends_depth",
           "layout 'extends' chain is longer than " + std::to_string(limits::kMaxLayoutExtends),
           "flatten the chain", file.string());
    chain.push_back(current);
    json::Value tree = json::parse(read_file(current, limits::kMaxJsonBytes), current.string());
    const json::Value* ext = tree.type == Type::Object ? tree.find("extends") : nullptr;
    std::filesystem::path next;
    if (ext) {
      if (ext->type != Type::String || ext->string.empty())
        layout_error("layout.type", ext->pos, "$.extends", "expected a layout name",
                     "write \"extends\": \"briefing\"");
      next = extended_layout(current, ext->string);
      if (next.empty())
        layout_error(
            "layout.value", ext->pos, "$.extends",
            trf("layout \"{1}\" not found in {2} nor in the layouts folders",
                {ext->string, current.parent_path().string()}),
            tr("name a layout file in the same folder or a shipped layout, without .json"));
    }
    trees.push_back(std::move(tree));
    if (next.empty()) break;
    current = next;
  }
  merged = trees.back();
  for (std::size_t i = trees.size() - 1; i-- > 0;) merge_into(merged, trees[i]);
  return merged;
}

LayoutSpec validate_layout(const json::Value& root, const std::string& name) {
  LayoutSpec spec = defaults();
  spec.name = name;
  Obj o(root, "$");
  o.allow({"$schema", "extends", "description", "paper", "orientation", "margins", "grid",
           "fonts", "leading", "colors", "header", "footer", "masthead", "imprint", "sections",
           "heading_numbering", "font_families"});
  o.string("description", spec.description);
  read_paper(o, spec);
  read_margins(o, spec);
  if (const Value* g = o.get("grid")) {
    Obj go(*g, o.child("grid"));
    go.allow({"chars_per_line", "lines_per_page"});
    std::size_t chars = 0, lines = 0;
    go.integer("chars_per_line", 5, 200, chars);
    go.integer("lines_per_page", 5, 200, lines);
    if (!chars || !lines)
      layout_error("layout.missing_key", g->pos, o.child("grid"),
                   "grid needs both chars_per_line and lines_per_page",
                   "write {\"chars_per_line\": 28, \"lines_per_page\": 22}");
    spec.page.grid = typeset::Grid{static_cast<int>(chars), static_cast<int>(lines)};
  }
  read_font_families(o, spec);
  read_fonts(o, spec);
  o.number("leading", 1, 3, spec.leading);
  read_colors(o, spec);
  std::string header_font = "header", footer_font = "footer";
  read_running(o, "header", spec.page.header, header_font);
  read_running(o, "footer", spec.page.footer, footer_font);
  spec.page.header.style = {spec.font(header_font).role, spec.font(header_font).size,
                            spec.color("text")};
  spec.page.footer.style = {spec.font(footer_font).role, spec.font(footer_font).size,
                            spec.color("text")};
  read_masthead(o, spec);
  read_imprint(o, spec);
  read_sections(o, spec);
  o.one_of("heading_numbering", {"none", "chinese"}, spec.heading_numbering);

  // The text block must leave room for text.
  const Pt block_w = spec.page.width - spec.page.margin_inner - spec.page.margin_outer;
  const Pt block_h = spec.page.height - spec.page.margin_top - spec.page.margin_bottom;
  if (block_w < mm(30) || block_h < mm(30))
    layout_error("layout.value", root.key_position("margins"), "$.margins",
                 "margins leave a text block of " + Obj::fmt(std::round(to_mm(block_w))) + " × " +
                     Obj::fmt(std::round(to_mm(block_h))) + " mm",
                 "allowed: margins that leave at least 30 × 30 mm for text");
  return spec;
}

std::string describe(const LayoutSpec& layout) { return layout.description; }

std::vector<std::filesystem::path> layout_dirs() {
  std::vector<std::filesystem::path> dirs;
  for (const auto& d : find_data_files("layouts"))
    if (std::filesystem::is_directory(d)) dirs.push_back(d);
  return dirs;
}

std::vector<std::string> list_layouts() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& dir : layout_dirs())
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.is_regular_file() && entry.path().extension() == ".json")
        names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::shared_ptr<const LayoutSpec> load_layout(const std::string& name_or_path,
                                              const std::vector<LayoutOverride>& overrides) {
  std::filesystem::path file = name_or_path;
  const bool is_path = name_or_path.find('/') != std::string::npos ||
                       file.extension() == ".json";
  if (!is_path) {
    const auto names = list_layouts();
    if (std::find(names.begin(), names.end(), name_or_path) == names.end()) {
      const auto near = nearest_names(name_or_path, names);
      fail("layout.unknown", trf("unknown layout '{1}'", {name_or_path}),
           (near.empty() ? "" : trf("did you mean {1}? ", {"'" + join(near, "', '") + "'"})) +
               trf("available layouts: {1} (ptbrief list layouts)", {join(names, ", ")}));
    }
    file = find_data_file("layouts/" + name_or_path + ".json");
  } else if (!std::filesystem::exists(file)) {
    fail("layout.unknown", trf("layout file not found: {1}", {file.string()}),
         tr("give a layout name (ptbrief list layouts) or an existing .json path"));
  }
  json::Value tree = load_layout_tree(file);
  for (const auto& o : overrides) apply_override(tree, o);
  auto spec = std::make_shared<LayoutSpec>(validate_layout(tree, file.stem().string()));
  spec->file = file;
  return spec;
}

}  // namespace ptbrief::compose
