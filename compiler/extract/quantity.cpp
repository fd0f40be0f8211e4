// quantity: scanner for written quantities and the rules that exclude non-figures.
//
// The scanner is driven by the NUMBER token: every maximal run of ASCII digits (with thousands
// separators and one decimal point) is read, then the grammar around it is matched from
// tables — qualifier cues, multipliers, units — and the exclusion rules decide whether the
// number is a key figure at all. Values are kept exactly as written: 近3万人 is value 3,
// unit 万人, qualifier about; 个百分点 stays apart from %.
#include "extract/quantity.h"

#include <cstdlib>

#include "extract/text.h"

namespace ptbrief::extract {
namespace {

struct UnitWord {
  std::u32string_view text;
  FigureKind kind;
};

// Measure words and units. Longest match wins, so 场次 beats 场 and 个百分点 beats 个.
constexpr UnitWord kUnits[] = {
    {U"个百分点", FigureKind::Growth}, {U"平方公里", FigureKind::Area},
    {U"平方千米", FigureKind::Area},   {U"平方米", FigureKind::Area},
    {U"公顷", FigureKind::Area},       {U"亩", FigureKind::Area},
    {U"%", FigureKind::Percent},       {U"元", FigureKind::Money},
    {U"美元", FigureKind::Money},      {U"个月", FigureKind::Other},
    {U"小时", FigureKind::Other},      {U"分钟", FigureKind::Other},
    {U"天", FigureKind::Other},        {U"年", FigureKind::Other},
    {U"周", FigureKind::Other},        {U"倍", FigureKind::Other},
    {U"岁", FigureKind::Other},        {U"吨", FigureKind::Other},
    {U"公里", FigureKind::Other},      {U"千米", FigureKind::Other},
    {U"米", FigureKind::Other},        {U"千瓦", FigureKind::Other},
    {U"人次", FigureKind::Count},      {U"场次", FigureKind::Count},
    {U"户次", FigureKind::Count},      {U"家次", FigureKind::Count},
    {U"艘次", FigureKind::Count},      {U"航次", FigureKind::Count},
    {U"架次", FigureKind::Count},      {U"车次", FigureKind::Count},
    {U"件次", FigureKind::Count},      {U"项次", FigureKind::Count},
    {U"台（套）", FigureKind::Count},  {U"套（台）", FigureKind::Count},
    {U"个工作日", FigureKind::Other},  {U"工作日", FigureKind::Other},
    {U"家", FigureKind::Count},        {U"艘", FigureKind::Count},
    {U"架", FigureKind::Count},        {U"尾", FigureKind::Count},
    {U"口", FigureKind::Count},        {U"宗", FigureKind::Count},
    {U"头", FigureKind::Count},        {U"棵", FigureKind::Count},
    {U"株", FigureKind::Count},        {U"部", FigureKind::Count},
    {U"个", FigureKind::Count},        {U"名", FigureKind::Count},
    {U"人", FigureKind::Count},        {U"次", FigureKind::Count},
    {U"件", FigureKind::Count},        {U"场", FigureKind::Count},
    {U"篇", FigureKind::Count},        {U"条", FigureKind::Count},
    {U"项", FigureKind::Count},        {U"户", FigureKind::Count},
    {U"位", FigureKind::Count},        {U"份", FigureKind::Count},
    {U"批", FigureKind::Count},        {U"所", FigureKind::Count},
    {U"座", FigureKind::Count},        {U"栋", FigureKind::Count},
    {U"台", FigureKind::Count},        {U"套", FigureKind::Count},
    {U"辆", FigureKind::Count},        {U"支", FigureKind::Count},
    {U"组", FigureKind::Count},        {U"类", FigureKind::Count},
    {U"种", FigureKind::Count},        {U"处", FigureKind::Count},
    {U"间", FigureKind::Count},        {U"张", FigureKind::Count},
    {U"本", FigureKind::Count},        {U"期", FigureKind::Count},
    {U"轮", FigureKind::Count},        {U"例", FigureKind::Count},
    {U"笔", FigureKind::Count},        {U"枚", FigureKind::Count},
    {U"堂", FigureKind::Count},        {U"节", FigureKind::Count},
    {U"届", FigureKind::Count},        {U"所", FigureKind::Count},
    {U"块", FigureKind::Count},        {U"封", FigureKind::Count},
    {U"单", FigureKind::Count},
    // Units of bonded-zone, port and energy reports: 报关单3600票, 吞吐量120万标箱, 光伏
    // 装机85兆瓦, 用水1.2万立方米.
    {U"票", FigureKind::Count},        {U"标箱", FigureKind::Other},
    {U"兆瓦", FigureKind::Other},      {U"吉瓦", FigureKind::Other},
    {U"千瓦时", FigureKind::Other},    {U"立方米", FigureKind::Other},
    {U"公斤", FigureKind::Other},      {U"千克", FigureKind::Other},
    {U"幢", FigureKind::Count},        {U"门", FigureKind::Count},
    // Trains of a rail port (开行班列416列) and the currencies of foreign-invested parks
    // (总投资6.2亿欧元).
    {U"列", FigureKind::Count},        {U"欧元", FigureKind::Money},
    {U"港元", FigureKind::Money},      {U"日元", FigureKind::Money},
};

// A single-character unit followed by these characters is the start of another word
// (党支部, 期间, 只有 …), not a measure word.
constexpr std::u32string_view kNotUnitWords[] = {U"支部", U"部门", U"期间", U"单位", U"间隔",
                                                 U"本地", U"本身", U"本次", U"处理", U"组织",
                                                 U"名单", U"类似", U"种植", U"台账", U"份额",
                                                 U"位于", U"人员", U"项目", U"次日",
                                                 U"部分", U"部署", U"口岸", U"口径", U"头部",
                                                 U"宗旨", U"尾款", U"架构",
                                                 U"单独", U"单项", U"单个", U"单元",
                                                 U"单一", U"单笔", U"票据", U"门户",
                                                 U"门槛", U"门类", U"门口", U"门店",
                                                 U"门诊", U"门前", U"列入", U"列为", U"列出"};

constexpr std::u32string_view kMultipliers[] = {U"千万", U"百万", U"万", U"亿", U"千"};

struct Cue {
  std::u32string_view word;
  Qualifier qualifier;
};

// Cue words before the number (longest first).
constexpr Cue kPrefixCues[] = {
    {U"不足", Qualifier::Under}, {U"不到", Qualifier::Under}, {U"超过", Qualifier::Over},
    {U"将近", Qualifier::About}, {U"接近", Qualifier::About}, {U"大约", Qualifier::About},
    {U"约", Qualifier::About},   {U"近", Qualifier::About},   {U"超", Qualifier::Over},
    {U"逾", Qualifier::Over}};
// Cue words directly after the number (before the unit): 2000余家, 100多名.
constexpr Cue kNumberSuffixCues[] = {{U"余", Qualifier::Over}, {U"多", Qualifier::Over}};
// Cue words after the unit: 20人左右, 100家以上.
constexpr Cue kUnitSuffixCues[] = {{U"左右", Qualifier::About}, {U"以上", Qualifier::Over},
                                   {U"以下", Qualifier::Under}, {U"以内", Qualifier::Under},
                                   {U"余", Qualifier::Over},    {U"多", Qualifier::Over}};

// Characters that join numbers into formula names: 1+1+4+n, 1+1>2, 3×5.
bool is_formula_operator(char32_t c) {
  return c == U'+' || c == U'>' || c == U'<' || c == U'=' || c == U'×' || c == U'*' ||
         c == U'＞' || c == U'＝';
}

bool is_range_mark(char32_t c) {
  return c == U'-' || c == U'~' || c == U'—' || c == U'–' || c == U'至' || c == U'到';
}

// NUMBER := digit+ ( ',' digit{3} )* ( '.' digit+ )?   — returns one past its end.
std::size_t read_number(std::u32string_view t, std::size_t i, std::string& value) {
  value.clear();
  while (i < t.size() && is_digit(t[i])) value += static_cast<char>(t[i++]);
  while (i + 3 < t.size() && t[i] == U',' && is_digit(t[i + 1]) && is_digit(t[i + 2]) &&
         is_digit(t[i + 3]) && (i + 4 >= t.size() || !is_digit(t[i + 4]))) {
    for (std::size_t k = 1; k <= 3; ++k) value += static_cast<char>(t[i + k]);
    i += 4;
  }
  if (i + 1 < t.size() && t[i] == U'.' && is_digit(t[i + 1])) {
    value += '.';
    ++i;
    while (i < t.size() && is_digit(t[i])) value += static_cast<char>(t[i++]);
  }
  return i;
}

template <typename Table>
const auto* match_table(const Table& table, std::u32string_view t, std::size_t at) {
  decltype(&table[0]) best = nullptr;
  for (const auto& entry : table) {
    std::u32string_view w = entry.word;
    if (starts_with_at(t, at, w) && (!best || w.size() > best->word.size())) best = &entry;
  }
  return best;
}

const UnitWord* match_unit(std::u32string_view t, std::size_t at) {
  const UnitWord* best = nullptr;
  for (const auto& u : kUnits)
    if (starts_with_at(t, at, u.text) && (!best || u.text.size() > best->text.size())) best = &u;
  if (best && best->text.size() == 1) {
    for (auto w : kNotUnitWords)
      if (starts_with_at(t, at, w)) return nullptr;
  }
  return best;
}

// Rule: a number inside a short quoted name (“早班10分钟”, “3+3”) names a practice, not a
// quantity. "Short" = the quotation closes within 14 characters and holds no clause mark.
bool inside_quoted_name(std::u32string_view t, std::size_t b, std::size_t e) {
  constexpr std::size_t kMaxName = 14;
  std::size_t open = std::u32string_view::npos;
  for (std::size_t k = b; k-- > 0 && b - k <= kMaxName;) {
    if (is_close_quote(t[k]) || t[k] == U'，' || t[k] == U'。') return false;
    if (is_open_quote(t[k])) {
      open = k;
      break;
    }
  }
  if (open == std::u32string_view::npos) return false;
  for (std::size_t k = e; k < t.size() && k - open <= kMaxName + 1; ++k) {
    if (is_open_quote(t[k]) || t[k] == U'，' || t[k] == U'。') return false;
    if (is_close_quote(t[k])) return true;
  }
  return false;
}

// Rule: dates and clock times. 9月12日, 2019年, 2019年度, 10:30, 8时, 8点半 are not figures.
bool is_date_or_time(std::u32string_view t, std::size_t after, const std::string& value) {
  if (after >= t.size()) return false;
  char32_t c = t[after];
  if (c == U'月' || c == U'日' || c == U'号' || c == U'时' || c == U'点' || c == U':' ||
      c == U'：')
    return !(c == U'点' && starts_with_at(t, after, U"点位"));
  if (c == U'年') {
    bool four_digits = value.size() == 4 && value.find('.') == std::string::npos;
    return four_digits || starts_with_at(t, after, U"年度");
  }
  return starts_with_at(t, after, U"季度") || starts_with_at(t, after, U"世纪");
}

// Rule: a duration followed by 来/以来/内/前/后 or preceded by 近/这/每 is a time frame
// (近3年来, 3天内), not a key figure. 持续开展…12年 and 只用了20天 are figures.
bool is_time_frame(std::u32string_view t, std::size_t b, std::size_t unit_end,
                   FigureKind kind) {
  if (kind != FigureKind::Other) return false;
  for (std::u32string_view w : {U"来", U"以来", U"内", U"前", U"后", U"间", U"里", U"底",
                                U"初", U"末"})
    if (starts_with_at(t, unit_end, w)) return true;
  if (b > 0) {
    char32_t p = t[b - 1];
    if (p == U'近' || p == U'这' || p == U'每' || p == U'前' || p == U'后' || p == U'第')
      return true;
  }
  return false;
}

// Rule: ordinals (第3名), codes and phone numbers (0813-8888888, long digit runs), numbers glued
// to Latin letters (5G, G20), formula operands (1+1+4+n, 1+1>2, 7×24小时).
bool is_not_a_quantity(std::u32string_view t, std::size_t b, std::size_t e,
                       const std::string& value) {
  if (b > 0 && (t[b - 1] == U'第' || is_ascii_alpha(t[b - 1]) || t[b - 1] == U'.')) return true;
  if (b > 1 && t[b - 1] == U' ' && t[b - 2] == U'第') return true;  // 第 3 届 (spaced text)
  if (e < t.size() && (is_ascii_alpha(t[e]) || is_formula_operator(t[e]))) return true;
  // (7×24小时: the right operand of a product names a schedule, not an amount.)
  if (b >= 2 && (t[b - 1] == U'×' || t[b - 1] == U'*') && is_digit(t[b - 2])) return true;
  std::size_t digits = 0;
  for (char ch : value) digits += (ch >= '0' && ch <= '9');
  if (digits >= 7 && value.find('.') == std::string::npos) return true;
  if (b >= 2 && (t[b - 1] == U'-' || t[b - 1] == U'—') && is_digit(t[b - 2])) return true;
  return false;
}

double parse_value(const std::string& value) { return std::strtod(value.c_str(), nullptr); }

}  // namespace

FigureKind kind_of_unit(std::u32string_view unit) {
  for (const auto& u : kUnits)
    if (unit.size() >= u.text.size() && unit.substr(unit.size() - u.text.size()) == u.text &&
        u.kind != FigureKind::Count)
      return u.kind;
  if (unit.find(U'元') != std::u32string_view::npos) return FigureKind::Money;
  return FigureKind::Count;
}

std::vector<Quantity> scan_quantities(std::u32string_view t) {
  std::vector<Quantity> out;
  std::string value, high;
  for (std::size_t i = 0; i < t.size();) {
    if (!is_digit(t[i]) || (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == U'.'))) {
      ++i;
      continue;
    }
    Quantity q;
    q.num_begin = i;
    std::size_t p = read_number(t, i, value);
    std::size_t num_end = p;
    i = p;
    if (is_not_a_quantity(t, q.num_begin, num_end, value)) continue;

    // Range: 3-5个, 10至15家, 2019~2021年.
    high.clear();
    if (p + 1 < t.size() && is_range_mark(t[p]) && is_digit(t[p + 1])) {
      p = read_number(t, p + 1, high);
      i = p;
    }
    // 入驻企业 147 家, 18.6 亿元: a space (or two) between the number and its unit, as web
    // editors and PDF copies leave them, is no break.
    if (p < t.size() && t[p] == U' ') {
      std::size_t s = p;
      while (s < t.size() && s - p < 2 && t[s] == U' ') ++s;
      if (s < t.size() && (is_han(t[s]) || t[s] == U'%')) p = s;
    }
    if (is_date_or_time(t, p, high.empty() ? value : high)) continue;

    // [余|多] [multiplier] [余|多] UNIT [trailing cue]
    Qualifier qualifier = Qualifier::Exact;
    if (const Cue* c = match_table(kNumberSuffixCues, t, p)) {
      qualifier = c->qualifier;
      p += c->word.size();
    }
    std::u32string unit;
    for (auto m : kMultipliers) {
      if (starts_with_at(t, p, m)) {
        unit = m;
        p += m.size();
        break;
      }
    }
    if (const Cue* c = match_table(kNumberSuffixCues, t, p); c && !unit.empty()) {
      qualifier = c->qualifier;
      p += c->word.size();
    }
    q.unit_begin = p;
    FigureKind kind = FigureKind::Count;
    if (const UnitWord* u = match_unit(t, p)) {
      unit += u->text;
      kind = u->kind;
      p += u->text.size();
      // Rates: 元/月, 元/人, 元/平方米.
      if (u->kind == FigureKind::Money && p + 1 < t.size() && t[p] == U'/') {
        for (std::u32string_view per : {U"平方米", U"月", U"年", U"人", U"天", U"次", U"户", U"吨", U"亩"})
          if (starts_with_at(t, p + 1, per)) {
            unit += U"/" + std::u32string(per);
            p += 1 + per.size();
            break;
          }
      }
    } else if (unit.empty()) {
      continue;  // a bare number: list numbering, years, codes — not a figure
    }
    if (unit == U"年" && value.size() >= 4) continue;
    if (is_time_frame(t, q.num_begin, p, kind)) continue;
    if (const Cue* c = match_table(kUnitSuffixCues, t, p)) {
      qualifier = c->qualifier;
      p += c->word.size();
      // 投资10亿元以上项目9个, 年营收2000万元以上企业36家: a bound before a noun that another
      // number counts is a threshold of the class, not a figure.
      if (c->word == U"以上" || c->word == U"以下") {
        std::size_t k = p;
        while (k < t.size() && k - p < 8 && is_han(t[k])) ++k;
        if (k > p && k < t.size() && is_digit(t[k])) continue;
      }
    }
    q.begin = q.num_begin;
    // (超过 900 个: a space may stand between the cue and the number too.)
    const std::size_t cue_end =
        q.num_begin > 0 && t[q.num_begin - 1] == U' ' ? q.num_begin - 1 : q.num_begin;
    if (const Cue* c = [&]() -> const Cue* {
          for (const auto& cue : kPrefixCues)
            if (ends_with_at(t, cue_end, cue.word)) return &cue;
          return nullptr;
        }()) {
      if (qualifier == Qualifier::Exact) qualifier = c->qualifier;
      q.begin = cue_end - c->word.size();
    }
    if (inside_quoted_name(t, q.num_begin, p)) continue;
    q.end = p;
    q.value = value;
    q.number = parse_value(value);
    q.high = high;
    q.unit = to_utf8(unit);
    q.qualifier = high.empty() ? qualifier : Qualifier::About;
    q.kind = kind;
    i = p;
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace ptbrief::extract
