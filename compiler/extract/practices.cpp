// practices: rules for named practices (quoted names with head nouns, verb objects).
#include "extract/practices.h"

#include <algorithm>
#include <initializer_list>

#include "extract/lexicon.h"

namespace ptbrief::extract {
namespace {

// The rules' vocabulary: lists of data/lexicon.tsv, each looked up once.
const WordList& heads() {
  static const auto& w = lexicon("practice.heads");
  return w;
}
const WordList& unquoted_heads() {
  static const auto& w = lexicon("practice.unquoted_heads");
  return w;
}
const WordList& slogan_heads() {
  static const auto& w = lexicon("practice.slogan_heads");
  return w;
}
const WordList& verbs() {
  static const auto& w = lexicon("practice.verbs");
  return w;
}
const WordList& head_followers() {
  static const auto& w = lexicon("practice.head_followers");
  return w;
}
const WordList& generic_modifiers() {
  static const auto& w = lexicon("practice.generic_modifiers");
  return w;
}
const WordList& instruments() {
  static const auto& w = lexicon("practice.instruments");
  return w;
}
const WordList& speech_verbs() {
  static const auto& w = lexicon("practice.speech");
  return w;
}
const WordList& honour_verbs() {
  static const auto& w = lexicon("practice.honour_verbs");
  return w;
}
const WordList& honour_after() {
  static const auto& w = lexicon("practice.honour_after");
  return w;
}
const WordList& honour_ends() {
  static const auto& w = lexicon("practice.honour_ends");
  return w;
}
const WordList& metaphor_cues() {
  static const auto& w = lexicon("practice.metaphor");
  return w;
}

bool is_clause_mark(char32_t c) {
  return c == U'，' || c == U'。' || c == U'；' || c == U'！' || c == U'？' || c == U'：' ||
         c == U'…';
}

bool is_chinese_numeral(char32_t c) {
  return std::u32string_view(U"一二两三四五六七八九十").find(c) != std::u32string_view::npos;
}

char32_t closing_for(char32_t open) {
  return open == U'“' ? U'”' : open == U'‘' ? U'’' : U'》';
}

// Index one past the last head noun in n[p, limit) that completes a word (single-character
// heads like 团/组 must not run into another Han character: 组织 is not a head).
std::size_t last_head_end(std::u32string_view n, std::size_t p, std::size_t limit,
                          const WordList& heads) {
  std::size_t best = 0;
  for (std::size_t k = p; k < limit; ++k) {
    if (!heads.may_start(n[k])) continue;
    for (std::u32string_view w : heads) {
      if (n[k] != w[0] || k + w.size() > limit || n.substr(k, w.size()) != w) continue;
      std::size_t end = k + w.size();
      if (w.size() == 1 && end < n.size() && is_han(n[end])) continue;
      best = std::max(best, end);
    }
  }
  return best;
}

bool ends_with_verb(std::u32string_view n, std::size_t at) {
  return verbs().ends_at(n, at);
}

// Verb before a quoted name, allowing 了, a count (组建7个‘星火攻坚组’) or two characters of
// modifier (开展园区“最美党员工匠”).
bool verb_leads(std::u32string_view n, std::size_t open) {
  std::size_t k = open;
  while (k > 0 &&
         (is_digit(n[k - 1]) || n[k - 1] == U'个' || n[k - 1] == U'项' || n[k - 1] == U'了'))
    --k;
  for (std::size_t skip = 0; skip <= 2 && k >= skip; ++skip) {
    if (skip > 0 && !is_han(n[k - skip])) break;
    if (ends_with_verb(n, k - skip)) return true;
  }
  return false;
}

std::u32string strip_title_words(std::u32string s) {
  for (std::u32string_view w : {U"关于", U"试行", U"印发", U"进一步"})
    if (s.compare(0, w.size(), w) == 0) s.erase(0, w.size());
  return s;
}

// A quoted span in its sentence, for scoring: n[open] and n[close] are its quote marks.
struct QuotedContext {
  std::u32string_view n;
  std::size_t open, close;
  bool head_after;    ///< a head noun follows (“四步走”工作机制)
  bool verb_led;      ///< an action verb leads (推行“全程代办”)
  std::size_t group;  ///< quoted names listed together (“A”“B”等活动)
};

struct PracticeScore {
  double score = 0;
  std::string category;  ///< when no head noun follows: the name's own head, or 做法
};

// Practices are chosen by score, not by shape. Evidence for a named method: a head noun after
// it, a head noun ending it, an action verb or an instrument (以/用/依托) before it, a list of
// such names, a formula (1+3+N) or a numbered slogan (三化联动, 一窗受理、一网通办). Evidence
// against: reported speech, honours and titles, company names, metaphors (企业的“娘家”).
constexpr double kPracticeThreshold = 2.0;

bool any_before(std::u32string_view n, std::size_t at, std::size_t window, const WordList& words) {
  std::size_t from = at > window ? at - window : 0;
  std::u32string_view before = n.substr(from, at - from);
  for (const auto& w : words)
    if (before.ends_with(w) || (window > w.size() && before.find(w) != std::u32string_view::npos))
      return true;
  return false;
}

PracticeScore score_quoted(const QuotedContext& c) {
  PracticeScore out;
  std::u32string_view n = c.n;
  std::u32string_view name = n.substr(c.open + 1, c.close - c.open - 1);
  std::size_t after = c.close + 1;
  auto next_is = [&](std::initializer_list<std::u32string_view> words) {
    for (auto w : words)
      if (starts_with_at(n, after, w)) return true;
    return false;
  };
  double& s = out.score;
  std::size_t own = last_head_end(name, 0, name.size(), heads());
  bool own_head = own == name.size() && own > 0 && name.size() >= 4;
  if (c.head_after) s += 3;
  if (own_head) {
    s += 2;
    std::u32string_view head;
    for (std::u32string_view h : heads())
      if (name.ends_with(h) && h.size() > head.size()) head = h;
    out.category = to_utf8(head);
  }
  if (c.verb_led) s += 2;
  // 以“三化联动”优化营商环境 names a method; 以“先进”带动“后进” is a figure of speech.
  bool parallel = n.substr(after, 5).find_first_of(U"“‘") != std::u32string_view::npos;
  if (any_before(n, c.open, 2, instruments()) && !next_is({U"的", U"为主", U"著称"}) && !parallel &&
      name.size() >= 3)
    s += 2;
  if (c.group >= 2) s += 1;
  bool formula = std::any_of(name.begin(), name.end(), [](char32_t ch) { return ch == U'+'; });
  if (formula) s += 2;
  // A numbered or enumerated slogan (三化联动, 一窗受理、一网通办) hints at a method.
  std::size_t parts = static_cast<std::size_t>(std::count(name.begin(), name.end(), U'、')) + 1;
  if ((is_chinese_numeral(name[0]) && name.size() <= 8) ||
      (parts >= 2 && name.size() / parts >= 3 && name.size() / parts <= 8))
    s += 1;
  if (!c.head_after && next_is({U"型", U"式", U"化"})) s -= 2;  // “发展强、党建强”型企业
  // Against.
  bool clause_marks = name.find_first_of(U"，。！？；") != std::u32string_view::npos;
  if (clause_marks && !c.head_after) s -= 4;  // reported speech, a slogan sentence
  if (any_before(n, c.open, 3, speech_verbs()) || next_is({U"说"})) s -= 3;
  if (any_before(n, c.open, 8, honour_verbs()) || !honour_after().match_at(n, after).empty())
    s -= 4;
  if (honour_ends().ends_at(name, name.size())) s -= 3;
  if (!c.head_after && !own_head && any_before(n, c.open, 2, metaphor_cues()))
    s -= 2;  // 企业的“娘家”, 成为“主战场”: a figure of speech
  if (name.size() > 24) s -= 2;
  if (out.category.empty()) out.category = "做法";
  return out;
}

struct QuotedName {
  std::size_t open, close;  // positions of the quote marks
};

void find_quoted(const TextView& v, std::size_t b, std::size_t e, std::vector<PracticeDraft>& out,
                 std::vector<bool>& used) {
  std::u32string_view n(v.norm);
  for (std::size_t i = b; i < e; ++i) {
    if (!is_open_quote(n[i]) && n[i] != U'《') continue;
    // Collect a group of quoted names: “A”“B”, “A”、“B”, “A”和支持党建工作“B”.
    std::vector<QuotedName> group;
    std::size_t k = i;
    while (k < e && (is_open_quote(n[k]) || n[k] == U'《')) {
      std::size_t close = n.find(closing_for(n[k]), k + 1);
      std::size_t max_len = n[k] == U'《' ? 40 : 26;
      if (close == std::u32string_view::npos || close >= e || close - k > max_len) break;
      group.push_back({k, close});
      std::size_t next = close + 1;
      if (next < e &&
          (n[next] == U'、' || n[next] == U'和' || n[next] == U'与' || n[next] == U'及')) {
        std::size_t m = next + 1;
        while (m < e && m - next <= 10 && is_han(n[m])) ++m;
        if (m < e && is_open_quote(n[m])) next = m;
      }
      k = next;
    }
    if (group.empty()) continue;
    std::size_t after = group.back().close + 1;
    i = group.back().close;
    if (ends_with_at(n, group.front().open, U"简称")) continue;

    // Skip 等, a parenthesis, a count (3项), 的 between the names and the head.
    std::size_t p = after;
    if (p < e && n[p] == U'等') {
      ++p;
      // 推行“党建+项目”“党建+服务”等“党建+X”模式: the names before 等 are instances of the
      // quoted name after it, which is the practice (found on its own).
      if (p < e && is_open_quote(n[p])) continue;
    }
    if (p < e && n[p] == U'（') {
      std::size_t close = n.find(U'）', p);
      if (close != std::u32string_view::npos && close < e && close - p < 60) p = close + 1;
    }
    while (p < e && is_digit(n[p])) ++p;
    if (p > after && p < e && (n[p] == U'个' || n[p] == U'项' || n[p] == U'种' || n[p] == U'大'))
      ++p;
    if (p < e && n[p] == U'的') ++p;
    std::size_t limit = p;
    while (limit < e && limit - p < 10 && !is_clause_mark(n[limit]) && !is_open_quote(n[limit]) &&
           n[limit] != U'（' && n[limit] != U'《')
      ++limit;
    std::size_t head_end = last_head_end(n, p, limit, heads());
    std::string category = head_end ? v.text(p, head_end) : std::string();
    std::size_t match_end = head_end ? head_end : after;

    // A numbered list name: “需求”“资源”和“服务”三张清单 → 三张清单.
    bool numbered =
        p + 1 < e && is_chinese_numeral(n[p]) &&
        std::u32string_view(U"张个项大类条种份").find(n[p + 1]) != std::u32string_view::npos;
    if (head_end && numbered && head_end - p <= 6) {
      out.push_back({v.text(p, head_end), category, group.front().open, head_end});
      std::fill(used.begin() + static_cast<long>(group.front().open),
                used.begin() + static_cast<long>(head_end), true);
      continue;
    }
    bool led = verb_leads(n, group.front().open);
    for (const auto& q : group) {
      std::u32string name = v.orig.substr(q.open + 1, q.close - q.open - 1);
      std::u32string nname(n.substr(q.open + 1, q.close - q.open - 1));
      if (name.size() < 2 || nname.find(U'。') != std::u32string::npos) continue;
      bool book = n[q.open] == U'《';
      std::string cat = category;
      if (book) {
        // Book titles are practices only when they name a system: 《关于试行…津贴制度》.
        std::size_t h = last_head_end(nname, 0, nname.size(), unquoted_heads());
        if (h != nname.size() || !(nname.ends_with(U"制度") || nname.ends_with(U"机制"))) continue;
        name = strip_title_words(name);
        cat = to_utf8(nname.substr(nname.size() - 2));
      } else {
        QuotedContext ctx{n, q.open, q.close, head_end != 0, led, group.size()};
        PracticeScore sc = score_quoted(ctx);
        if (sc.score < kPracticeThreshold) continue;
        if (cat.empty()) cat = sc.category;
      }
      out.push_back({to_utf8(name), cat, q.open, book ? q.close + 1 : match_end});
      std::fill(used.begin() + static_cast<long>(q.open),
                used.begin() + static_cast<long>(std::max(q.close + 1, match_end)), true);
    }
  }
}

bool is_generic(std::u32string_view modifier) {
  return modifier.empty() || generic_modifiers().contains(modifier);
}

// Unquoted: VERB [了|的] NP-ending-in-head.
void find_unquoted(const TextView& v, std::size_t b, std::size_t e, std::vector<PracticeDraft>& out,
                   const std::vector<bool>& used) {
  std::u32string_view n(v.norm);
  for (std::size_t i = b; i < e; ++i) {
    if (used[i]) continue;
    std::u32string_view verb = verbs().match_at(n, i);
    // 形成 introduces unquoted mechanisms only (形成A、B的联动机制); before a quote it usually
    // introduces a state of affairs (形成“…”的格局).
    if (verb.empty() && starts_with_at(n, i, U"形成")) verb = U"形成";
    // 建 alone is a verb only at a clause start: 建生物医药…等产业党建联盟.
    if (verb.empty() && n[i] == U'建' && (i == b || is_clause_mark(n[i - 1]))) verb = U"建";
    if (verb.empty() || verb == U"通过") continue;
    std::size_t p = i + verb.size();
    while (p < e && (n[p] == U'了' || n[p] == U'的')) ++p;
    // 组建6个产业链党建联盟: the count is no part of the name.
    if (std::size_t c = p; c < e && is_digit(n[c])) {
      while (c < e && (is_digit(n[c]) || n[c] == U'.')) ++c;
      if (c < e && std::u32string_view(U"个支家项条类批").find(n[c]) != std::u32string_view::npos)
        p = c + 1;
    }
    std::size_t limit = p;
    while (limit < e && limit - p < 40 && !is_clause_mark(n[limit]) && !is_open_quote(n[limit]) &&
           n[limit] != U'（' && n[limit] != U'《' && !used[limit])
      ++limit;
    std::size_t head_end = last_head_end(n, p, limit, unquoted_heads());
    if (!head_end) continue;
    // The head must end the phrase (or be followed by 建设/活动…): not …产业体系新格局.
    bool ends_phrase = head_end == limit;
    for (std::u32string_view f : head_followers())
      if (starts_with_at(n, head_end, f) &&
          (head_end + f.size() == limit ||
           is_clause_mark(n[std::min(head_end + f.size(), n.size() - 1)])))
        ends_phrase = true;
    if (!ends_phrase) continue;
    std::u32string_view np = n.substr(p, head_end - p);
    std::size_t de = np.rfind(U'的'), deng = np.rfind(U'等');
    std::u32string_view head;
    for (std::u32string_view h : unquoted_heads())
      if (np.ends_with(h) && h.size() > head.size()) head = h;
    auto add = [&](std::size_t nb, std::size_t ne, std::size_t cb) {
      out.push_back({v.text(nb, ne), v.text(cb, head_end), i, head_end});
    };
    if (deng != std::u32string_view::npos) {
      std::size_t after = p + deng + 1;
      if (head_end - after <= 4 && np.ends_with(U"品牌")) {
        // 推出了一场两园、红色代办员等党建品牌: the listed items are the brands.
        std::size_t s = p;
        for (std::size_t k = p; k <= p + deng; ++k)
          if (k == p + deng || n[k] == U'、') {
            if (k - s >= 2) add(s, k, after);
            s = k + 1;
          }
      } else if (head_end - after >= 4) {
        add(after, head_end, after);
      }
      i = head_end;
      continue;
    }
    if (de != std::u32string_view::npos) {
      std::u32string_view x = np.substr(0, de), y = np.substr(de + 1);
      bool slogan = x.find(U'、') != std::u32string_view::npos &&
                    std::none_of(x.begin(), x.end(), [](char32_t c) { return is_digit(c); });
      bool slogan_head = std::any_of(slogan_heads().begin(), slogan_heads().end(),
                                     [&](const auto& h) { return y.ends_with(h); });
      if (slogan && slogan_head)
        add(p, p + de, p + de + 1);
      else if (!slogan && y.size() >= 4 && !is_generic(y.substr(0, y.size() - head.size())))
        add(p + de + 1, head_end, p + de + 1);
      i = head_end;
      continue;
    }
    if (np.find(U'和') != std::u32string_view::npos ||
        np.find(U'、') != std::u32string_view::npos || np.find(U'与') != std::u32string_view::npos)
      continue;
    if (np.size() < 4 || np.size() > 20 || is_generic(np.substr(0, np.size() - head.size())))
      continue;
    // A long head (攻坚党支部) names a practice only with a modifier of its own length or more
    // (重大产业项目服务攻坚党支部), not as a bare unit (成立攻坚党支部).
    if (head.size() >= 5 && np.size() - head.size() < head.size()) continue;
    add(p, head_end, head_end - head.size());
    i = head_end;
  }
}

}  // namespace

std::vector<PracticeDraft> find_practices(const TextView& v, std::size_t begin, std::size_t end) {
  std::vector<PracticeDraft> out;
  std::vector<bool> used(v.size() + 1, false);
  find_quoted(v, begin, end, out, used);
  find_unquoted(v, begin, end, out, used);
  std::sort(out.begin(), out.end(),
            [](const PracticeDraft& a, const PracticeDraft& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace ptbrief::extract
