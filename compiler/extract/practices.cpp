// practices: rules for named practices (quoted names with head nouns, verb objects).
#include "extract/practices.h"

#include <algorithm>
#include <initializer_list>

namespace ptbrief::extract {
namespace {

// Head nouns that make a quoted term a practice: “四步走”工作机制, “火炬红”党建品牌.
constexpr std::u32string_view kHeads[] = {
    U"模式", U"机制", U"制度", U"品牌", U"工程", U"行动", U"平台", U"工作法", U"体系", U"团",
    U"联盟", U"活动", U"计划", U"服务", U"理念", U"战略", U"台账", U"清单", U"小组", U"专班",
    U"评选", U"讲座", U"课题", U"座谈会", U"点评会", U"中心", U"做法", U"载体", U"生态",
    U"指导站", U"工作室", U"示范带", U"街区", U"课堂", U"协议", U"集群", U"架构", U"培训班",
    U"资源包", U"组", U"队", U"工作组", U"服务队", U"规范", U"工作规范", U"举措", U"阵地", U"驿站",
    U"之家", U"讲堂", U"学院", U"夜校", U"论坛", U"沙龙", U"工作站", U"服务站", U"先锋岗",
    U"示范岗", U"责任区", U"示范线", U"联席会议", U"改革", U"书屋", U"矩阵", U"链长制"};
// Head nouns for unquoted names (fewer: 活动, 服务 alone are too common).
constexpr std::u32string_view kUnquotedHeads[] = {
    U"机制", U"制度", U"联盟", U"行动", U"计划", U"平台", U"模式", U"品牌", U"专班", U"示范带",
    U"专栏", U"体系", U"联席会议", U"工作法", U"攻坚党支部"};
// Heads allowed after an enumerated slogan with 的: 建立A、B、C的推进模式.
constexpr std::u32string_view kSloganHeads[] = {U"模式", U"机制", U"工作法", U"制度"};
// Action verbs that introduce a practice: 推行“…”, 实施全员包联机制.
constexpr std::u32string_view kVerbs[] = {
    U"实施", U"建立", U"开展", U"探索", U"打造", U"构建", U"成立", U"推进", U"召开", U"设立",
    U"搭建", U"组建", U"创建", U"推出", U"运用", U"启动", U"建成", U"深化", U"优化", U"推行",
    U"践行", U"铸就", U"创新", U"落实", U"通过"};
// Words after a head that still belong to the phrase (联盟建设, 联盟活动, 专栏上).
constexpr std::u32string_view kHeadFollowers[] = {U"建设", U"创建", U"工作", U"活动", U"上",
                                                  U"便", U"是", U"已", U"正", U"也"};
// Names that are descriptions, not names, once the head is removed.
constexpr std::u32string_view kGenericModifiers[] = {
    U"", U"工作", U"运行", U"组织", U"管理", U"服务", U"长效", U"体制", U"相关", U"各项", U"一系列",
    U"一批", U"完善", U"工作运行", U"协调", U"长效工作"};

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
                          const std::u32string_view* heads, std::size_t count) {
  // First characters of every head list in use (a bit test before trying each head).
  static const FirstChars firsts = [] {
    FirstChars f;
    for (auto w : kHeads) f.add(w);
    for (auto w : kUnquotedHeads) f.add(w);
    return f;
  }();
  std::size_t best = 0;
  for (std::size_t k = p; k < limit; ++k) {
    if (!firsts.may_start(n[k])) continue;
    for (std::size_t h = 0; h < count; ++h) {
      auto w = heads[h];
      if (n[k] != w[0] || k + w.size() > limit || n.substr(k, w.size()) != w) continue;
      std::size_t end = k + w.size();
      if (w.size() == 1 && end < n.size() && is_han(n[end])) continue;
      best = std::max(best, end);
    }
  }
  return best;
}

bool ends_with_verb(std::u32string_view n, std::size_t at) {
  for (auto v : kVerbs)
    if (ends_with_at(n, at, v)) return true;
  return false;
}

// Verb before a quoted name, allowing 了, a count (组建7个‘星火攻坚组’) or two characters of
// modifier (开展园区“最美党员工匠”).
bool verb_leads(std::u32string_view n, std::size_t open) {
  std::size_t k = open;
  while (k > 0 && (is_digit(n[k - 1]) || n[k - 1] == U'个' || n[k - 1] == U'项' || n[k - 1] == U'了'))
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
  bool head_after;      ///< a head noun follows (“四步走”工作机制)
  bool verb_led;        ///< an action verb leads (推行“全程代办”)
  std::size_t group;    ///< quoted names listed together (“A”“B”等活动)
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

bool any_before(std::u32string_view n, std::size_t at, std::size_t window,
                std::initializer_list<std::u32string_view> words) {
  std::size_t from = at > window ? at - window : 0;
  std::u32string_view before = n.substr(from, at - from);
  for (auto w : words)
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
  std::size_t own = last_head_end(name, 0, name.size(), kHeads, std::size(kHeads));
  bool own_head = own == name.size() && own > 0 && name.size() >= 4;
  if (c.head_after) s += 3;
  if (own_head) {
    s += 2;
    std::u32string_view head;
    for (auto h : kHeads)
      if (name.ends_with(h) && h.size() > head.size()) head = h;
    out.category = to_utf8(head);
  }
  if (c.verb_led) s += 2;
  // 以“三化联动”优化营商环境 names a method; 以“先进”带动“后进” is a figure of speech.
  bool parallel = n.substr(after, 5).find_first_of(U"“‘") != std::u32string_view::npos;
  if (any_before(n, c.open, 2, {U"以", U"用", U"依托", U"借助", U"凭借"}) &&
      !next_is({U"的", U"为主", U"著称"}) && !parallel && name.size() >= 3)
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
  if (any_before(n, c.open, 3, {U"说", U"表示", U"指出", U"认为", U"：", U"称"}) || next_is({U"说"}))
    s -= 3;
  if (any_before(n, c.open, 8, {U"获评", U"荣获", U"被评为", U"评为", U"授予", U"获得", U"荣膺", U"入选", U"获批"}) ||
      next_is({U"称号", U"荣誉", U"奖", U"表彰", U"殊荣"}))
    s -= 4;
  for (std::u32string_view w : {U"单位", U"标兵", U"模范", U"集体", U"称号", U"公司", U"集团", U"有限", U"厂"})
    if (name.ends_with(w)) s -= 3;
  if (!c.head_after && !own_head &&
      any_before(n, c.open, 2, {U"的", U"成为", U"作为", U"当好", U"争当", U"变成", U"是", U"叫"}))
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
      if (next < e && (n[next] == U'、' || n[next] == U'和' || n[next] == U'与' || n[next] == U'及')) {
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
    if (p < e && n[p] == U'等') ++p;
    if (p < e && n[p] == U'（') {
      std::size_t close = n.find(U'）', p);
      if (close != std::u32string_view::npos && close < e && close - p < 60) p = close + 1;
    }
    while (p < e && is_digit(n[p])) ++p;
    if (p > after && p < e && (n[p] == U'个' || n[p] == U'项' || n[p] == U'种' || n[p] == U'大')) ++p;
    if (p < e && n[p] == U'的') ++p;
    std::size_t limit = p;
    while (limit < e && limit - p < 10 && !is_clause_mark(n[limit]) && !is_open_quote(n[limit]) &&
           n[limit] != U'（' && n[limit] != U'《')
      ++limit;
    std::size_t head_end = last_head_end(n, p, limit, kHeads, std::size(kHeads));
    std::string category = head_end ? v.text(p, head_end) : std::string();
    std::size_t match_end = head_end ? head_end : after;

    // A numbered list name: “需求”“资源”和“服务”三张清单 → 三张清单.
    bool numbered = p + 1 < e && is_chinese_numeral(n[p]) &&
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
        std::size_t h = last_head_end(nname, 0, nname.size(), kUnquotedHeads,
                                      std::size(kUnquotedHeads));
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
  for (auto g : kGenericModifiers)
    if (modifier == g) return true;
  return false;
}

// Unquoted: VERB [了|的] NP-ending-in-head.
void find_unquoted(const TextView& v, std::size_t b, std::size_t e, std::vector<PracticeDraft>& out,
                   const std::vector<bool>& used) {
  std::u32string_view n(v.norm);
  for (std::size_t i = b; i < e; ++i) {
    if (used[i]) continue;
    static const FirstChars kVerbFirsts(kVerbs);
    std::u32string_view verb;
    if (kVerbFirsts.may_start(n[i]))
      for (auto w : kVerbs)
        if (starts_with_at(n, i, w) && w.size() > verb.size()) verb = w;
    // 形成 introduces unquoted mechanisms only (形成A、B的联动机制); before a quote it usually
    // introduces a state of affairs (形成“…”的格局).
    if (verb.empty() && starts_with_at(n, i, U"形成")) verb = U"形成";
    // 建 alone is a verb only at a clause start: 建生物医药…等产业党建联盟.
    if (verb.empty() && n[i] == U'建' && (i == b || is_clause_mark(n[i - 1]))) verb = U"建";
    if (verb.empty() || verb == U"通过") continue;
    std::size_t p = i + verb.size();
    while (p < e && (n[p] == U'了' || n[p] == U'的')) ++p;
    std::size_t limit = p;
    while (limit < e && limit - p < 40 && !is_clause_mark(n[limit]) && !is_open_quote(n[limit]) &&
           n[limit] != U'（' && n[limit] != U'《' && !used[limit])
      ++limit;
    std::size_t head_end = last_head_end(n, p, limit, kUnquotedHeads, std::size(kUnquotedHeads));
    if (!head_end) continue;
    // The head must end the phrase (or be followed by 建设/活动…): not …产业体系新格局.
    bool ends_phrase = head_end == limit;
    for (auto f : kHeadFollowers)
      if (starts_with_at(n, head_end, f) &&
          (head_end + f.size() == limit || is_clause_mark(n[std::min(head_end + f.size(), n.size() - 1)])))
        ends_phrase = true;
    if (!ends_phrase) continue;
    std::u32string_view np = n.substr(p, head_end - p);
    std::size_t de = np.rfind(U'的'), deng = np.rfind(U'等');
    std::u32string_view head;
    for (auto h : kUnquotedHeads)
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
      bool slogan_head = std::any_of(std::begin(kSloganHeads), std::end(kSloganHeads),
                                     [&](auto h) { return y.ends_with(h); });
      if (slogan && slogan_head) add(p, p + de, p + de + 1);
      else if (!slogan && y.size() >= 4 && !is_generic(y.substr(0, y.size() - head.size())))
        add(p + de + 1, head_end, p + de + 1);
      i = head_end;
      continue;
    }
    if (np.find(U'和') != std::u32string_view::npos || np.find(U'、') != std::u32string_view::npos ||
        np.find(U'与') != std::u32string_view::npos)
      continue;
    if (np.size() < 4 || np.size() > 20 || is_generic(np.substr(0, np.size() - head.size())))
      continue;
    if (head == U"攻坚党支部" && np.size() < 8) continue;
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
