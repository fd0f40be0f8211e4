// figures: subjects, clauses, growth and 分别 lists for the quantities of a sentence.
//
// Chinese puts what is counted either before the number (集聚企业2360家, 覆盖率达到100%) or
// after the measure word (选派15名专职党建指导员). The rule: when the measure word is followed
// by more text in the same clause, the subject is that following noun phrase; otherwise it is
// the phrase before the number, from the clause start (or the previous figure), with light
// verbs, adverbs, park names and 等-lists trimmed.
#include "extract/figures.h"

#include <algorithm>

#include "extract/lexicon.h"
#include "extract/parks.h"

namespace ptbrief::extract {
namespace {

bool is_clause_mark(char32_t c) {
  return c == U'，' || c == U'。' || c == U'；' || c == U'！' || c == U'？' || c == U'：' ||
         c == U'…' || c == U'\n';
}

// Parentheses end a clause unless they are short inserts such as 党(总)支部.
bool is_break(std::u32string_view t, std::size_t i) {
  if (is_clause_mark(t[i])) return true;
  if (t[i] == U'（') {
    std::size_t close = t.find(U'）', i);
    return close == std::u32string_view::npos || close - i > 4;
  }
  if (t[i] == U'）') {
    std::size_t open = t.rfind(U'（', i);
    return open == std::u32string_view::npos || i - open > 4;
  }
  return false;
}

// Words that carry no meaning of their own at the start of a subject (目前, 已, 累计, 有 …).
constexpr std::u32string_view kLeadFillers[] = {
    U"截至目前", U"今年以来", U"近年来", U"据统计", U"其中", U"此外", U"同时", U"目前", U"如今",
    U"已经", U"已", U"累计", U"共计", U"共有", U"共", U"总共", U"合计", U"拥有", U"有",
    U"先后", U"预计", U"完成", U"实现", U"达到", U"建立", U"成立", U"设立", U"明确", U"培育",
    U"打造", U"新建", U"建成", U"举办", U"提供", U"办理", U"召开", U"各类", U"各级", U"各",
    U"全市", U"全省", U"我市", U"我省", U"全区", U"园区", U"区内", U"今年", U"去年", U"还",
    U"也", U"都", U"均", U"并", U"从", U"为", U"把", U"将", U"了", U"在", U"对", U"向", U"和",
    U"与", U"及", U"、", U"“", U"的"};
// Words at the end of a pre-number subject that belong to the predicate (覆盖率达到100%).
constexpr std::u32string_view kTrailFillers[] = {
    U"提升至", U"提高至", U"提高到", U"增长至", U"增至", U"已达", U"达到", U"达", U"为", U"至",
    U"到", U"是", U"共", U"计", U"约", U"近", U"超过", U"超", U"逾", U"多达", U"的", U"共有",
    U"分别", U"累计", U"有", U"、", U"和", U"从", U"由"};

// Trims filler words from characters [b, e) of a view, comparing in normalised form.
void strip_range(std::u32string_view norm, std::size_t& b, std::size_t& e) {
  for (bool changed = true; changed && b < e;) {
    changed = false;
    for (auto w : kLeadFillers)
      if (e - b > w.size() && norm.substr(b, w.size()) == w &&
          !(w == U"“" && norm.substr(b + 1, e - b - 1).find(U'”') != std::u32string_view::npos)) {
        // An opening quote stays when its closing one is in the phrase: “三有”非公企业.
        b += w.size();
        changed = true;
      }
    for (auto w : kTrailFillers)
      if (e - b > w.size() && norm.substr(e - w.size(), w.size()) == w) {
        e -= w.size();
        changed = true;
      }
  }
}

std::u32string strip_fillers(std::u32string s) {
  std::size_t b = 0, e = s.size();
  strip_range(s, b, e);
  return s.substr(b, e - b);
}

// Original characters of [b, e) with fillers trimmed.
std::u32string stripped(const TextView& v, std::size_t b, std::size_t e) {
  strip_range(v.norm, b, e);
  return v.orig.substr(b, e - b);
}

// Drops park names from a subject: everything up to the last named park, or a bare reference
// at its start (昌吉高新区有高新技术企业50家, 今年第三季度乐山高新区共受理…).
std::size_t skip_leading_parks(std::u32string_view norm, std::size_t b, std::size_t e) {
  std::size_t from = b;
  for (const auto& m : find_park_mentions(norm.substr(b, e - b)))
    if ((!m.bare || m.begin <= 1) && b + m.end < e) from = std::max(from, b + m.end);
  return from;
}

// Ends with a change verb (optionally 了): 增长, 提高了, 下降 (lexicon figure.growth_verbs).
bool ends_with_growth_verb(std::u32string_view s) {
  if (!s.empty() && s.back() == U'了') s.remove_suffix(1);
  return lexicon("figure.growth_verbs").ends_at(s, s.size());
}

// Is the predicate written right before a percentage a change (增长34.65%, 提高了2%, 同比
// 上升, 同比12%) rather than a level reached (提升至92.5%, 分别达97.5%, 增至, 为)? A level
// marker (至/到/为/达) ends the predicate of a level; 增长达12% is still a change.
bool states_change(std::u32string_view before) {
  const WordList& level = lexicon("figure.level_markers");
  for (std::u32string_view w : {std::u32string_view(U"达到"), std::u32string_view(U"达")})
    if (ends_with_at(before, before.size(), w) &&
        ends_with_growth_verb(before.substr(0, before.size() - w.size())))
      return true;
  if (level.ends_at(before, before.size())) return false;
  return ends_with_growth_verb(before) ||
         lexicon("figure.growth_cues").ends_at(before, before.size());
}

// A deadline year opening a plan at character `i`: 到2027年, 至2030年 (but not 截至2024年,
// a cut-off date).
bool deadline_year_at(std::u32string_view t, std::size_t i) {
  if (t[i] != U'到' && t[i] != U'至') return false;
  if (i > 0 && (t[i - 1] == U'截' || t[i - 1] == U'直')) return false;
  std::size_t k = i + 1;
  while (k < t.size() && is_digit(t[k]) && k - i <= 4) ++k;
  return k == i + 5 && k < t.size() && t[k] == U'年';
}

// Rule: a number after a target cue in its sentence (力争, 计划, 预计, 将达到, 到2027年) is a
// target, unless a word of what is done (已, 目前 …) stands between them. A cue is a verb
// with its predicate right after it (计划投资, 目标是); as a noun it names a programme — in
// quotation marks or a title, after one (“英才”计划), or ending its phrase (培育计划，).
bool is_target(std::u32string_view t, std::size_t sentence_begin, std::size_t number) {
  const WordList& cues = lexicon("figure.target_cues");
  const WordList& realis = lexicon("figure.realis");
  bool target = false;
  int depth = 0;
  for (std::size_t i = sentence_begin; i < number; ++i) {
    if (is_open_quote(t[i]) || t[i] == U'《') ++depth;
    if ((is_close_quote(t[i]) || t[i] == U'》') && depth > 0) --depth;
    if (depth > 0) continue;
    const bool after_quote = i > 0 && is_close_quote(t[i - 1]);
    std::u32string_view w = cues.match_at(t, i);
    const bool verb = !w.empty() && i + w.size() < t.size() &&
                      (is_han(t[i + w.size()]) || is_digit(t[i + w.size()]));
    if (verb && !after_quote) {
      target = true;
      i += w.size() - 1;
    } else if (deadline_year_at(t, i)) {
      target = true;
    } else if (target && !realis.match_at(t, i).empty()) {
      target = false;
    }
  }
  return target;
}

// Subject before the number: characters [from, to) of the clause, trimmed.
std::u32string subject_before(const TextView& v, std::size_t from, std::size_t to) {
  from = skip_leading_parks(v.norm, from, to);
  std::u32string_view n(v.norm);
  // After a list with 等, the head noun is what follows: …等主题活动10余场 → 主题活动.
  std::size_t deng = n.substr(from, to - from).rfind(U'等');
  if (deng != std::u32string_view::npos && to - (from + deng + 1) >= 2) from += deng + 1;
  // X有Y: Y is counted (昌吉高新区有高新技术企业50家, 企业有党员近20名).
  std::size_t you = n.substr(from, to - from).rfind(U'有');
  if (you != std::u32string_view::npos && to - (from + you + 1) >= 2 &&
      !(from + you + 1 < to && n[from + you + 1] == U'限'))
    from += you + 1;
  std::u32string s = stripped(v, from, to);
  constexpr std::size_t kMaxSubject = 18;
  if (s.size() > kMaxSubject) s = s.substr(s.size() - kMaxSubject);
  return s;
}

// Subject after the measure word: up to the next break, list comma, number, '+' or the 到/至
// of a 从…到… span (从3人创业团队到全球储能标杆 → 创业团队); a trailing level predicate goes
// (合格率达到). Empty when what follows is the predicate itself (由210名增加到430名).
std::u32string subject_after(const TextView& v, std::size_t from, std::size_t limit) {
  std::size_t e = from;
  while (e < limit && !is_break(v.norm, e) && v.norm[e] != U'、' && v.norm[e] != U'+' &&
         !is_digit(v.norm[e]) && v.norm[e] != U'到' && v.norm[e] != U'至' && e - from < 16)
    ++e;
  std::size_t b = from;
  while (b < e && (v.norm[b] == U'的' || v.norm[b] == U'了')) ++b;
  if (lexicon("figure.growth_verbs").match_at(v.norm, b).size() >= 2 ||
      starts_with_at(v.norm, b, U"达到"))
    return {};
  for (bool changed = true; changed;) {
    changed = false;
    for (auto w : kTrailFillers)
      if (e - b > w.size() && v.norm.substr(e - w.size(), w.size()) == w) {
        e -= w.size();
        changed = true;
      }
  }
  return v.orig.substr(b, e - b);
}

// Quotation marks and brackets of a subject in pairs: an unmatched one is dropped (a subject
// cut in the middle of a quoted name must not print as 三有”非公企业).
std::u32string balanced(std::u32string s) {
  auto pair_of = [](char32_t c) -> char32_t {
    switch (c) {
      case U'”': return U'“';
      case U'’': return U'‘';
      case U'）': return U'（';
      case U')': return U'(';
      case U'》': return U'《';
      case U'」': return U'「';
      default: return 0;
    }
  };
  auto is_opener = [](char32_t c) {
    return c == U'“' || c == U'‘' || c == U'（' || c == U'(' || c == U'《' || c == U'「';
  };
  std::vector<std::size_t> open, drop;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_opener(s[i])) open.push_back(i);
    else if (char32_t o = pair_of(s[i])) {
      if (!open.empty() && s[open.back()] == o) open.pop_back();
      else drop.push_back(i);
    }
  }
  drop.insert(drop.end(), open.begin(), open.end());
  std::sort(drop.rbegin(), drop.rend());
  for (std::size_t i : drop) s.erase(i, 1);
  // 入驻企业 147 家: the space before a spaced-out number is no part of the subject.
  auto space = [](char32_t c) { return c == U' ' || c == U'\u3000' || c == U'\t'; };
  while (!s.empty() && space(s.back())) s.pop_back();
  std::size_t lead = 0;
  while (lead < s.size() && space(s[lead])) ++lead;
  return s.substr(lead);
}

// Splits a 分别 list's subject phrase at 、 和 与 及 (outside quotes).
std::vector<std::u32string> split_list(std::u32string_view s) {
  std::vector<std::u32string> items;
  std::u32string cur;
  int depth = 0;
  for (char32_t c : s) {
    if (is_open_quote(c)) ++depth;
    if (is_close_quote(c) && depth > 0) --depth;
    if (depth == 0 && (c == U'、' || c == U'和' || c == U'与' || c == U'及')) {
      items.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  items.push_back(cur);
  return items;
}

// Coordinated subjects share a head written once at the end: “三有”非公企业党组织、园区非公企业
// 党组织覆盖率 → each gets 覆盖率. The head is what the last item has beyond the part parallel
// to the first item.
void distribute_head(std::vector<std::u32string>& items) {
  if (items.size() < 2) return;
  const std::u32string& first = items.front();
  const std::u32string& last = items.back();
  if (last.size() < 3) return;
  std::u32string head;
  for (std::size_t n = std::min(first.size(), last.size() - 1); n >= 2; --n) {
    std::size_t p = last.find(first.substr(first.size() - n));
    if (p != std::u32string::npos) {
      head = last.substr(p + n);
      break;
    }
  }
  // No parallel part: the head is what the last item has beyond the first's length (a
  // quoted first item, “三有”…, may be as long as the last one and share its ending).
  if (head.empty() && last.size() > first.size() + 1) head = last.substr(first.size());
  if (head.size() < 2) return;
  for (std::size_t i = 0; i + 1 < items.size(); ++i) items[i] += head;
}

struct Clause {
  std::size_t begin, end;
};

Clause clause_of(std::u32string_view t, std::size_t sb, std::size_t se, std::size_t qb,
                 std::size_t qe) {
  std::size_t b = qb, e = qe;
  while (b > sb && !is_break(t, b - 1)) --b;
  while (e < se && !is_break(t, e)) ++e;
  return {b, e};
}

}  // namespace

std::vector<FigureDraft> find_figures(const TextView& v, std::size_t begin, std::size_t end,
                                      DiagSink* sink) {
  std::u32string_view n(v.norm);
  auto quantities = scan_quantities(n.substr(begin, end - begin));
  std::vector<FigureDraft> out;
  for (auto& q : quantities) {
    q.begin += begin, q.end += begin, q.num_begin += begin, q.unit_begin += begin;
    FigureDraft d;
    Clause c = clause_of(n, begin, end, q.begin, q.end);
    d.quote_begin = c.begin;
    d.quote_end = c.end;
    std::size_t from = c.begin;
    if (!out.empty() && out.back().quote_begin == c.begin) from = out.back().quantity.end;
    // Growth: the predicate before the number is a change verb (同比增长34.65%).
    std::u32string before(n.substr(from, q.begin - from));
    if (q.kind == FigureKind::Percent && states_change(before)) q.kind = FigureKind::Growth;
    bool followed = q.end < c.end && !is_break(n, q.end) && n[q.end] != U'、';
    std::u32string subject;
    if (followed) subject = subject_after(v, q.end, c.end);
    if (subject.size() < 2) subject = subject_before(v, from, q.begin);
    // A growth clause without its own noun continues the previous figure: …投资11.66亿元，
    // 同比增长34.65% → 固定资产投资同比增长.
    if (q.kind == FigureKind::Growth && !out.empty()) {
      std::u32string bare = strip_fillers(std::u32string(n.substr(from, q.begin - from)));
      bool only_verb = bare.size() <= 4 && ends_with_growth_verb(bare);
      if (only_verb) subject = to_u32(out.back().subject) + bare;
    } else if (!out.empty() && out.back().quote_begin == c.begin &&
               ends_with_growth_verb(subject) && subject.size() <= 4) {
      // The end of a span (由82%提高到95%): the same measure as the value before it.
      subject = to_u32(out.back().subject);
    }
    d.subject = to_utf8(balanced(std::move(subject)));
    d.quantity = q;
    out.push_back(std::move(d));
  }

  // 分别 lists: S1、S2分别(增长|达)N1、N2 — one subject per value.
  for (std::size_t i = 0; i < out.size();) {
    std::size_t j = i + 1;
    while (j < out.size() && out[j].quote_begin == out[i].quote_begin) ++j;
    std::u32string_view clause = n.substr(out[i].quote_begin, out[i].quantity.begin - out[i].quote_begin);
    std::size_t fb = clause.find(U"分别");
    if (j - i >= 2 && fb != std::u32string_view::npos) {
      std::size_t cb = skip_leading_parks(n, out[i].quote_begin, out[i].quote_begin + fb);
      std::u32string phrase = stripped(v, cb, out[i].quote_begin + fb);
      auto items = split_list(phrase);
      // The predicate between 分别 and the first value: 分别增长 (a change) or 分别提升至 (a level).
      std::u32string verb = strip_fillers(std::u32string(clause.substr(fb + 2)));
      bool growth = states_change(clause.substr(fb + 2));
      // 宁国开发区、广德经开区、郎溪经开区规上工业产值分别增长…: the list is of parks (each value
      // goes to its park, see resolve_parks); the measure is shared.
      std::vector<std::u32string> parks;
      for (const auto& m : find_park_mentions(n.substr(out[i].quote_begin, cb - out[i].quote_begin)))
        if (!m.bare)
          parks.push_back(to_u32(v.text(out[i].quote_begin + m.begin, out[i].quote_begin + m.end)));
      if (items.size() == 1 && parks.size() == j - i) {
        for (auto& park : parks) park += items.front();
        items = std::move(parks);
      }
      const auto phrase_parks = find_park_mentions(phrase);
      const bool phrase_is_park = phrase_parks.size() == 1 && !phrase_parks[0].bare &&
                                  phrase_parks[0].begin == 0 && phrase_parks[0].end == phrase.size();
      if ((phrase.empty() || phrase_is_park) && !verb.empty()) {
        // 沭阳、泗阳、泗洪经济开发区分别新建党组织41个、36个、28个: the list before 分别 is of
        // parks (each value goes to its park, see resolve_parks); what follows 分别 is the
        // measure of all of them.
        for (std::size_t k = i; k < j; ++k) out[k].subject = to_utf8(balanced(verb));
      } else if (items.size() == j - i) {
        distribute_head(items);
        for (std::size_t k = i; k < j; ++k) {
          out[k].subject = to_utf8(balanced(items[k - i] + (growth ? verb : U"")));
          if (growth && out[k].quantity.kind == FigureKind::Percent)
            out[k].quantity.kind = FigureKind::Growth;
        }
      } else {
        if (sink) {
          Diagnostic d;
          d.severity = Severity::Warning;
          d.code = "extract.list_mismatch";
          d.message = "a 分别 list has " + std::to_string(items.size()) + " subjects but " +
                      std::to_string(j - i) + " values: " + v.text(out[i].quote_begin, out[i].quote_end);
          d.hint = "the figures keep the whole subject phrase";
          sink->report(d);
        }
        for (std::size_t k = i; k < j; ++k) out[k].subject = to_utf8(phrase);
      }
    }
    i = j;
  }

  // Targets, plans and forecasts: the kind says so, whatever the unit.
  for (auto& d : out)
    if (is_target(n, begin, d.quantity.num_begin)) d.quantity.kind = FigureKind::Target;
  return out;
}

}  // namespace ptbrief::extract
