// corrections: reading the corrections file and applying it to extracted facts (see
// corrections.h for the file format and the matching rules).
#include "extract/corrections.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "base/json_reader.h"
#include "base/limits.h"
#include "extract/json_fields.h"

namespace ptbrief::extract {
namespace {

namespace fs = std::filesystem;
using fields::item_path;
using fields::member_path;
using Type = json::Value::Type;

// ---- Reading ----------------------------------------------------------------------------

/// Checks one corrections document and turns it into Corrections.
class CorrectionsReader {
 public:
  explicit CorrectionsReader(const json::Value& root) : root_(root) {}

  Corrections read() {
    c_.object(root_, "$", {"drop", "fix", "add", "parks", "note"});
    Corrections out;
    each("drop", [&](const json::Value& v, const std::string& p) {
      c_.object(v, p, {"type", "file", "quote", "value", "note", "by", "at"});
      out.drop.push_back(entry(v, p, Correction::Action::Drop));
    });
    each("fix", [&](const json::Value& v, const std::string& p) {
      c_.object(v, p, {"type", "file", "quote", "value", "set", "note", "by", "at"});
      Correction e = entry(v, p, Correction::Action::Fix);
      const json::Value* set = v.find("set");
      if (!set) c_.fail(v, p, "missing key 'set'", "give the fields to change, e.g. \"set\": {\"value\": 3}");
      const std::string sp = member_path(p, "set");
      c_.object(*set, sp, {"park", "subject", "value", "unit", "qualifier", "kind", "name",
                           "category", "summary"});
      if (set->members.empty()) c_.fail(*set, sp, "'set' changes nothing", "name a field to change");
      e.fields = fact_fields(*set, sp);
      out.fix.push_back(std::move(e));
    });
    each("add", [&](const json::Value& v, const std::string& p) {
      c_.object(v, p, {"type", "file", "quote", "park", "subject", "value", "unit", "qualifier",
                       "kind", "name", "category", "summary", "topics", "note", "by", "at"});
      Correction e = entry(v, p, Correction::Action::Add);
      if (e.target == Correction::Target::Any)
        c_.fail(v, p, "missing key 'type'", "write \"type\": \"figure\" or \"type\": \"practice\"");
      e.fields = fact_fields(v, p);
      e.fields.topics = c_.strings(v, p, "topics");
      const bool figure = e.target == Correction::Target::Figure;
      static const std::vector<std::string> figure_keys = {"park", "subject", "value", "unit"};
      static const std::vector<std::string> practice_keys = {"park", "name"};
      for (const std::string& key : figure ? figure_keys : practice_keys)
        if (!v.find(key))
          c_.fail(v, p, "missing key '" + key + "'",
                  figure ? "an added figure needs park, subject, value and unit"
                         : "an added practice needs park and name");
      out.add.push_back(std::move(e));
    });
    each("parks", [&](const json::Value& v, const std::string& p) {
      c_.object(v, p, {"name", "aliases", "merge", "note", "by", "at"});
      ParkCorrection pc;
      pc.json_path = p;
      pc.line = v.pos.line;
      pc.column = v.pos.column;
      pc.name = *c_.string(v, p, "name", true);
      pc.aliases = c_.strings(v, p, "aliases");
      pc.merge = c_.strings(v, p, "merge");
      pc.note = c_.string(v, p, "note", false, false).value_or("");
      pc.by = c_.string(v, p, "by", false, false).value_or("");
      pc.at = c_.string(v, p, "at", false, false).value_or("");
      out.parks.push_back(std::move(pc));
    });
    c_.string(root_, "$", "note", false, false);
    return out;
  }

 private:
  const json::Value& root_;
  fields::Checker c_{"corrections"};

  template <class F>
  void each(std::string_view key, F&& read_one) {
    const json::Value* list = root_.find(key);
    const std::string path = member_path("$", key);
    if (!list) return;
    c_.array(*list, path);
    for (std::size_t i = 0; i < list->items.size(); ++i) read_one(list->items[i], item_path(path, i));
  }

  Correction entry(const json::Value& v, const std::string& p, Correction::Action action) {
    Correction e;
    e.action = action;
    e.json_path = p;
    e.line = v.pos.line;
    e.column = v.pos.column;
    if (auto t = c_.choice(v, p, "type", {"figure", "practice"}))
      e.target = *t == "figure" ? Correction::Target::Figure : Correction::Target::Practice;
    e.file = *c_.string(v, p, "file", true);
    if (e.file.find('/') != std::string::npos) e.file = fs::path(e.file).filename().string();
    e.quote = *c_.string(v, p, "quote", true);
    e.note = c_.string(v, p, "note", false, false).value_or("");
    e.by = c_.string(v, p, "by", false, false).value_or("");
    e.at = c_.string(v, p, "at", false, false).value_or("");
    if (action != Correction::Action::Add) {  // "value": which figure of the quote
      FactFields match;
      value(v, p, match);
      if (match.value) {
        if (e.target == Correction::Target::Practice)
          c_.fail(v, p, "a practice has no 'value'", "leave out \"value\" or write \"type\": \"figure\"");
        e.match_number = match.number;
        e.match_value = *match.value;
      }
    }
    return e;
  }

  FactFields fact_fields(const json::Value& v, const std::string& p) {
    FactFields f;
    f.park = c_.string(v, p, "park", false);
    f.subject = c_.string(v, p, "subject", false);
    f.unit = c_.string(v, p, "unit", false, false);
    f.name = c_.string(v, p, "name", false);
    f.category = c_.string(v, p, "category", false, false);
    f.summary = c_.string(v, p, "summary", false);
    if (auto q = c_.string(v, p, "qualifier", false)) f.qualifier = named(v, p, "qualifier", *q, parse_qualifier(*q), qualifier_names());
    if (auto k = c_.string(v, p, "kind", false)) f.kind = named(v, p, "kind", *k, parse_figure_kind(*k), figure_kind_names());
    value(v, p, f);
    return f;
  }

  template <class E>
  E named(const json::Value& v, const std::string& p, std::string_view key, const std::string& s,
          std::optional<E> e, const std::vector<std::string>& names) {
    if (e) return *e;
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    c_.fail(*v.find(key), member_path(p, key), "'" + s + "' is not a " + std::string(key),
            "write one of: " + list);
  }

  /// "value": a number (12, 3.5) or the number as it should print ("11.60").
  void value(const json::Value& v, const std::string& p, FactFields& f) {
    const json::Value* x = v.find("value");
    if (!x) return;
    const std::string path = member_path(p, "value");
    if (x->type == Type::Number) {
      f.number = c_.number(v, p, "value", true);
      if (*f.number < 0) c_.fail(*x, path, "a figure's value is not negative", "write the number without its sign");
      f.value = fields::value_text(*f.number);
      return;
    }
    double n = 0;
    const std::string& s = x->string;
    auto r = std::from_chars(s.data(), s.data() + s.size(), n);
    if (x->type != Type::String || s.empty() || r.ec != std::errc() ||
        r.ptr != s.data() + s.size() || s[0] == '-' || s[0] == '+')
      c_.fail(*x, path, "expected a number", "write the figure's number, e.g. \"value\": 12");
    f.value = s;
    f.number = n;
  }
};

// ---- Applying ---------------------------------------------------------------------------

/// `s` without spaces (ASCII and U+3000), so a quote copied with PDF spaces still matches.
std::string squash(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') continue;
    if (s.substr(i, 3) == "\xE3\x80\x80") {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

bool contains(std::string_view hay, std::string_view needle) {
  const std::string n = squash(needle);
  return !n.empty() && squash(hay).find(n) != std::string::npos;
}

bool before(const Location& a, const Location& b) {
  return a.span.file != b.span.file ? a.span.file < b.span.file : a.span.start < b.span.start;
}

/// Inserts `item` into `items` keeping corpus order (file, then offset).
template <class T>
void insert_in_order(std::vector<T>& items, T item) {
  auto at = std::upper_bound(items.begin(), items.end(), item,
                             [](const T& x, const T& y) { return before(x.source, y.source); });
  items.insert(at, std::move(item));
}

void add_unique(std::vector<std::string>& v, const std::string& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

class Applier {
 public:
  Applier(const Corrections& c, const ingest::Corpus& corpus, Facts& facts, DiagSink& sink)
      : c_(c), corpus_(corpus), facts_(facts), sink_(sink),
        label_prefix_(fs::path(c.file).filename().string()) {
    for (const auto& f : corpus.files) files_.insert(f.name);
  }

  std::vector<CorrectionOutcome> run() {
    for (const auto& pc : c_.parks) park(pc);
    for (const auto& e : c_.drop) drop(e);
    for (const auto& e : c_.fix) fix(e);
    drop_summaries_of_corrected();
    for (const auto& e : c_.add) add(e);
    return std::move(out_);
  }

 private:
  const Corrections& c_;
  const ingest::Corpus& corpus_;
  Facts& facts_;
  DiagSink& sink_;
  std::string label_prefix_;
  std::set<std::string> files_;
  std::vector<CorrectionOutcome> out_;
  /// Sentences (article, block, sentence) holding a dropped or fixed figure.
  std::set<std::tuple<std::string, std::size_t, std::size_t>> corrected_sentences_;

  void note_corrected(const Location& l) {
    corrected_sentences_.insert({l.article_id, l.block, l.sentence});
  }

  /// A summary sentence that states a dropped or fixed figure would print the wrong number
  /// beside the corrected table: it leaves the brief too.
  void drop_summaries_of_corrected() {
    auto& s = facts_.summaries;
    s.erase(std::remove_if(s.begin(), s.end(),
                           [&](const SummarySentence& x) {
                             return corrected_sentences_.count(
                                 {x.source.article_id, x.source.block, x.source.sentence}) > 0;
                           }),
            s.end());
  }

  std::string label(const std::string& path) const { return label_prefix_ + " " + path; }

  /// Records an entry's outcome; one that matched nothing is also a warning.
  void outcome(const std::string& path, std::size_t line, std::size_t column, std::size_t matched,
               const std::string& why, const std::string& hint) {
    out_.push_back({path, matched, matched ? "" : why});
    if (matched) return;
    Diagnostic d;
    d.severity = Severity::Warning;
    d.code = "corrections.unmatched";
    d.file = c_.file;
    d.line = line;
    d.column = column;
    d.json_path = path;
    d.message = why;
    d.hint = hint;
    sink_.report(d);
  }

  void entry_outcome(const Correction& e, std::size_t matched) {
    const bool known = files_.count(e.file) > 0;
    outcome(e.json_path, e.line, e.column, matched,
            known ? "matches nothing in " + e.file : "no file " + e.file + " in the corpus",
            known ? (e.action == Correction::Action::Add
                         ? "copy the quote exactly from the article or from 'ptbrief review'"
                         : "the item may be gone after re-extraction; check 'ptbrief review' "
                           "and update or remove the entry")
                  : "write the article file's name as the corpus folder has it");
  }

  bool figure_matches(const Correction& e, const Figure& f) const {
    return e.target != Correction::Target::Practice && f.source.span.file == e.file &&
           contains(f.quote, e.quote) && (!e.match_number || f.number == *e.match_number);
  }
  bool practice_matches(const Correction& e, const Practice& p) const {
    return e.target != Correction::Target::Figure && !e.match_number && p.source.span.file == e.file &&
           (contains(p.name, e.quote) || contains(e.quote, p.name));
  }

  /// The canonical name for a park named `name` (any spelling); a name no park has becomes a
  /// new park, reported on by `article`.
  std::string resolve_park(const std::string& name, const std::string& article) {
    const Park* p = find_park(facts_, name);
    if (!p) {
      facts_.parks.push_back(Park{name, {}, false, {}});
      p = &facts_.parks.back();
    }
    Park& park = facts_.parks[static_cast<std::size_t>(p - facts_.parks.data())];
    if (!article.empty()) add_unique(park.articles, article);
    return park.name;
  }

  /// Moves every fact of park `from` to park `to`, noting `path` on figures and practices.
  void repark(const std::string& from, const std::string& to, const std::string& path) {
    for (auto& f : facts_.figures)
      if (f.park == from) f.park = to, f.corrections.push_back(label(path));
    for (auto& p : facts_.practices)
      if (p.park == from) p.park = to, p.corrections.push_back(label(path));
    for (auto& s : facts_.summaries)
      if (s.park == from) s.park = to;
  }

  std::optional<std::size_t> park_index(const std::string& name) const {
    const Park* p = find_park(facts_, name);
    if (!p) return std::nullopt;
    return static_cast<std::size_t>(p - facts_.parks.data());
  }

  void park(const ParkCorrection& pc) {
    std::optional<std::size_t> target = park_index(pc.name);
    for (std::size_t i = 0; !target && i < pc.aliases.size(); ++i) target = park_index(pc.aliases[i]);

    // The parks merged into it, by name (indexes shift as parks are erased).
    std::vector<std::string> merged;
    for (std::size_t j = 0; j < pc.merge.size(); ++j) {
      auto m = park_index(pc.merge[j]);
      const std::string path = item_path(member_path(pc.json_path, "merge"), j);
      if (!m) {
        outcome(path, pc.line, pc.column, 0, "no park named " + pc.merge[j] + " in the corpus",
                "'ptbrief list parks' shows the parks; remove the name or correct its spelling");
        continue;
      }
      if (target && *m == *target) continue;
      add_unique(merged, facts_.parks[*m].name);
    }
    if (!target && merged.empty()) {
      outcome(pc.json_path, pc.line, pc.column, 0, "no park named " + pc.name + " in the corpus",
              "'ptbrief list parks' shows the parks; to rename one, list its name in \"merge\"");
      return;
    }
    if (!target) {
      target = park_index(merged.front());
      merged.erase(merged.begin());
    }
    std::size_t changed = rename(*target, pc);
    for (const auto& m : merged) {
      const std::size_t mi = *park_index(m);
      Park gone = facts_.parks[mi];
      facts_.parks.erase(facts_.parks.begin() + static_cast<std::ptrdiff_t>(mi));
      Park& into = facts_.parks.at(*park_index(pc.name));
      add_unique(into.aliases, gone.name);
      for (const auto& a : gone.aliases) if (a != into.name) add_unique(into.aliases, a);
      for (const auto& a : gone.articles) add_unique(into.articles, a);
      into.is_region = into.is_region && gone.is_region;
      repark(gone.name, into.name, pc.json_path);
      ++changed;
    }
    Park& p = facts_.parks.at(*park_index(pc.name));
    for (const auto& a : pc.aliases)
      if (a != p.name) add_unique(p.aliases, a);
    outcome(pc.json_path, pc.line, pc.column, changed + 1, "", "");
  }

  /// Gives the park at `i` the entry's name (its old name stays an alias); 1 when renamed.
  std::size_t rename(std::size_t i, const ParkCorrection& pc) {
    Park& p = facts_.parks[i];
    if (p.name == pc.name) return 0;
    const std::string old = p.name;
    p.name = pc.name;
    add_unique(p.aliases, old);
    p.aliases.erase(std::remove(p.aliases.begin(), p.aliases.end(), pc.name), p.aliases.end());
    repark(old, pc.name, pc.json_path);
    return 1;
  }

  void drop(const Correction& e) {
    const std::size_t n = facts_.figures.size() + facts_.practices.size();
    facts_.figures.erase(std::remove_if(facts_.figures.begin(), facts_.figures.end(),
                                        [&](const Figure& f) {
                                          if (!figure_matches(e, f)) return false;
                                          note_corrected(f.source);
                                          return true;
                                        }),
                         facts_.figures.end());
    facts_.practices.erase(std::remove_if(facts_.practices.begin(), facts_.practices.end(),
                                          [&](const Practice& p) { return practice_matches(e, p); }),
                           facts_.practices.end());
    entry_outcome(e, n - facts_.figures.size() - facts_.practices.size());
  }

  void fix(const Correction& e) {
    std::size_t n = 0;
    const FactFields& s = e.fields;
    for (auto& f : facts_.figures) {
      if (!figure_matches(e, f)) continue;
      if (s.park) f.park = resolve_park(*s.park, f.source.article_id);
      if (s.subject) f.subject = *s.subject;
      if (s.value) f.value = *s.value, f.number = *s.number;
      if (s.unit) f.unit = *s.unit;
      if (s.qualifier) f.qualifier = *s.qualifier;
      if (s.kind) f.kind = *s.kind;
      if (s.value || s.unit || s.qualifier || s.kind) note_corrected(f.source);
      f.corrections.push_back(label(e.json_path));
      ++n;
    }
    for (auto& p : facts_.practices) {
      if (!practice_matches(e, p)) continue;
      if (s.park) p.park = resolve_park(*s.park, p.source.article_id);
      if (s.name) p.name = *s.name;
      if (s.category) p.category = *s.category;
      if (s.summary) p.summary = *s.summary;
      p.corrections.push_back(label(e.json_path));
      ++n;
    }
    entry_outcome(e, n);
  }

  /// Where `quote` occurs in the cleaned text of `file`, and the sentence around it.
  std::optional<std::pair<Location, std::string>> find_quote(const std::string& file,
                                                             const std::string& quote) const {
    for (const auto& a : corpus_.articles) {
      if (a.file != file) continue;
      for (std::size_t b = 0; b < a.blocks.size(); ++b) {
        const ingest::Block& block = a.blocks[b];
        const std::size_t at = block.text.find(quote);
        if (at == std::string::npos) continue;
        Location l;
        const auto [start, end] = block.raw_range(at, at + quote.size());
        l.span = Span{file, start, end};
        l.article_id = a.id;
        l.block = b;
        std::string sentence = block.text;
        for (std::size_t s = 0; s < block.sentences.size(); ++s)
          if (block.sentences[s].begin <= at && at < block.sentences[s].end) {
            l.sentence = s;
            sentence = block.text.substr(block.sentences[s].begin,
                                         block.sentences[s].end - block.sentences[s].begin);
          }
        return std::make_pair(l, sentence);
      }
    }
    return std::nullopt;
  }

  /// The topics of the facts from the same sentence (else the same paragraph) as `at`.
  std::vector<std::string> topics_near(const Location& at) const {
    std::vector<std::string> same_sentence, same_block;
    auto take = [&](const Location& l, const std::vector<std::string>& topics) {
      if (l.article_id != at.article_id || l.block != at.block) return;
      for (const auto& t : topics) {
        add_unique(same_block, t);
        if (l.sentence == at.sentence) add_unique(same_sentence, t);
      }
    };
    for (const auto& f : facts_.figures) take(f.source, f.topics);
    for (const auto& p : facts_.practices) take(p.source, p.topics);
    for (const auto& s : facts_.summaries) take(s.source, s.topics);
    return same_sentence.empty() ? same_block : same_sentence;
  }

  void add(const Correction& e) {
    const auto found = files_.count(e.file) ? find_quote(e.file, e.quote) : std::nullopt;
    if (!found) {
      entry_outcome(e, 0);
      return;
    }
    const auto& [where, sentence] = *found;
    const FactFields& s = e.fields;
    std::vector<std::string> topics = s.topics.empty() ? topics_near(where) : s.topics;
    const std::string park = resolve_park(*s.park, where.article_id);
    if (e.target == Correction::Target::Figure) {
      Figure f;
      f.park = park;
      f.subject = *s.subject;
      f.value = *s.value;
      f.number = *s.number;
      f.unit = *s.unit;
      f.qualifier = s.qualifier.value_or(Qualifier::Exact);
      f.kind = s.kind.value_or(f.unit == "%" ? FigureKind::Percent : FigureKind::Count);
      f.quote = e.quote;
      f.source = where;
      f.topics = topics;
      f.corrections.push_back(label(e.json_path));
      insert_in_order(facts_.figures, std::move(f));
    } else {
      Practice p;
      p.park = park;
      p.name = *s.name;
      p.category = s.category.value_or("");
      p.summary = s.summary.value_or(sentence);
      p.source = where;
      p.topics = topics;
      p.corrections.push_back(label(e.json_path));
      insert_in_order(facts_.practices, std::move(p));
    }
    entry_outcome(e, 1);
  }
};

// ---- Writing ----------------------------------------------------------------------------

using Json = nlohmann::ordered_json;

/// A value as the file writes it: a number when it prints back as written, else the text.
Json value_json(const std::string& value, double number) {
  if (fields::value_text(number) != value) return value;
  if (value.find('.') == std::string::npos && value.size() < 16) return std::stoll(value);
  return number;
}

void put_fields(Json& j, const FactFields& f) {
  if (f.park) j["park"] = *f.park;
  if (f.subject) j["subject"] = *f.subject;
  if (f.value) j["value"] = value_json(*f.value, f.number.value_or(0));
  if (f.unit) j["unit"] = *f.unit;
  if (f.qualifier) j["qualifier"] = to_string(*f.qualifier);
  if (f.kind) j["kind"] = to_string(*f.kind);
  if (f.name) j["name"] = *f.name;
  if (f.category) j["category"] = *f.category;
  if (f.summary) j["summary"] = *f.summary;
  if (!f.topics.empty()) j["topics"] = f.topics;
}

Json entry_json(const Correction& e) {
  Json j = Json::object();
  if (e.target != Correction::Target::Any)
    j["type"] = e.target == Correction::Target::Figure ? "figure" : "practice";
  j["file"] = e.file;
  j["quote"] = e.quote;
  if (e.match_number) j["value"] = value_json(e.match_value, *e.match_number);
  if (e.action == Correction::Action::Fix) {
    Json set = Json::object();
    put_fields(set, e.fields);
    j["set"] = set;
  } else if (e.action == Correction::Action::Add) {
    put_fields(j, e.fields);
  }
  if (!e.note.empty()) j["note"] = e.note;
  if (!e.by.empty()) j["by"] = e.by;
  if (!e.at.empty()) j["at"] = e.at;
  return j;
}

}  // namespace

std::string to_json(const Corrections& c) {
  Json j = Json::object();
  for (auto [key, list] : {std::pair{"drop", &c.drop}, {"fix", &c.fix}, {"add", &c.add}}) {
    if (list->empty()) continue;
    j[key] = Json::array();
    for (const auto& e : *list) j[key].push_back(entry_json(e));
  }
  if (!c.parks.empty()) {
    j["parks"] = Json::array();
    for (const auto& p : c.parks) {
      Json x = {{"name", p.name}};
      if (!p.aliases.empty()) x["aliases"] = p.aliases;
      if (!p.merge.empty()) x["merge"] = p.merge;
      if (!p.note.empty()) x["note"] = p.note;
      if (!p.by.empty()) x["by"] = p.by;
      if (!p.at.empty()) x["at"] = p.at;
      j["parks"].push_back(std::move(x));
    }
  }
  return j.dump(2) + "\n";
}

Corrections parse_corrections(std::string_view text, const std::string& file) {
  const json::Value root = json::parse(text, file, "corrections");  // syntax, line:column
  Corrections c = CorrectionsReader(root).read();                    // fields, JSON paths
  c.file = file;
  c.hash = sha256_hex(text);
  return c;
}

Corrections load_corrections(const fs::path& file) {
  return parse_corrections(read_file(file, limits::kMaxJsonBytes), file.string());
}

fs::path corrections_path_for(const fs::path& corpus_dir, const std::optional<fs::path>& given) {
  if (given) return *given;
  std::error_code ec;
  const fs::path in_corpus = corpus_dir / kCorrectionsName;
  return fs::exists(in_corpus, ec) ? in_corpus : fs::path();
}

Corrections load_corrections_for(const fs::path& corpus_dir, const std::optional<fs::path>& given) {
  const fs::path file = corrections_path_for(corpus_dir, given);
  if (file.empty()) return {};
  std::error_code ec;
  if (given && !fs::is_regular_file(file, ec))
    fail("corrections.not_found", "the corrections file '" + file.string() + "' does not exist",
         "give an existing file to --corrections, or leave the option out to use the corpus "
         "folder's corrections.json",
         file.string());
  return load_corrections(file);
}

std::vector<CorrectionOutcome> apply_corrections(const Corrections& c, const ingest::Corpus& corpus,
                                                 Facts& facts, DiagSink& sink) {
  if (c.empty()) return {};
  return Applier(c, corpus, facts, sink).run();
}

}  // namespace ptbrief::extract
