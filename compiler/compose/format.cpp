// format: figures and dates written the way Chinese reports write them (2360家, 近3万人,
// 同比增长34.65%, 2000余家, 2025年9月22日) — locale-independent.
#include <array>
#include <cstdio>
#include <string>
#include <string_view>

#include "compose/compose.h"

namespace ptbrief::compose {

namespace {

/// Words that may stand right before the number in the quote and belong to the figure.
constexpr std::array<std::string_view, 9> kQualifierPrefixes = {
    "超过", "不足", "不到", "将近", "近", "约", "超", "逾", "达"};
/// Growth wording (kind growth), longest first.
constexpr std::array<std::string_view, 10> kGrowthPrefixes = {
    "同比增长", "同比下降", "同比提高", "同比减少", "同比增加", "增长", "提高", "提升", "下降",
    "减少"};
/// Qualifiers written between the number and its measure word (2000余家, 150多人).
constexpr std::array<std::string_view, 2> kInfixes = {"余", "多"};
/// Qualifiers written after the unit (150人以上, 3万人左右).
constexpr std::array<std::string_view, 3> kSuffixes = {"以上", "左右", "以下"};

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}
bool starts_with(std::string_view s, std::string_view start) {
  return s.substr(0, start.size()) == start;
}

std::string number_text(const extract::Figure& f) {
  if (!f.value.empty()) return f.value;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", f.number);  // digits only: no locale grouping
  return buf;
}

/// Finds the number in the quote where it is followed by the unit (or its infix form).
std::size_t find_number(std::string_view quote, const std::string& value, const std::string& unit) {
  std::size_t fallback = std::string_view::npos;
  for (std::size_t at = quote.find(value); at != std::string_view::npos;
       at = quote.find(value, at + 1)) {
    // not in the middle of a longer number
    if (at > 0 && ((quote[at - 1] >= '0' && quote[at - 1] <= '9') || quote[at - 1] == '.'))
      continue;
    const std::string_view after = quote.substr(at + value.size());
    if (!after.empty() && ((after[0] >= '0' && after[0] <= '9') || after[0] == '.')) continue;
    if (fallback == std::string_view::npos) fallback = at;
    if (starts_with(after, unit)) return at;
    for (auto infix : kInfixes)
      if (starts_with(after, infix) && starts_with(after.substr(infix.size()), unit)) return at;
  }
  return fallback;
}

}  // namespace

std::string format_figure(const extract::Figure& f) {
  const std::string value = number_text(f);
  std::string prefix, infix, suffix;
  bool level = false;  // "提升至92.5%": a level reached, not an increase
  const std::size_t at = find_number(f.quote, value, f.unit);
  if (at != std::string_view::npos) {
    const std::string_view before = std::string_view(f.quote).substr(0, at);
    const std::string_view after = std::string_view(f.quote).substr(at + value.size());
    if (f.kind == extract::FigureKind::Growth)
      for (auto word : kGrowthPrefixes)
        if (ends_with(before, word)) {
          prefix = word;
          break;
        }
    if (prefix.empty() && f.qualifier != extract::Qualifier::Exact)
      for (auto word : kQualifierPrefixes)
        if (word != "达" && ends_with(before, word)) {
          prefix = word;
          break;
        }
    for (auto word : {"至", "到", "为", "达"}) level = level || ends_with(before, word);
    for (auto word : kInfixes)
      if (starts_with(after, word) && starts_with(after.substr(word.size()), f.unit)) infix = word;
    if (starts_with(after, f.unit) || !infix.empty()) {
      const std::string_view tail = after.substr(infix.size() + f.unit.size());
      for (auto word : kSuffixes)
        if (starts_with(tail, word)) suffix = word;
    }
  }
  // The qualifier the extractor found, when the quote does not show how it was written.
  if (prefix.empty() && infix.empty() && suffix.empty()) {
    switch (f.qualifier) {
      case extract::Qualifier::About: prefix = "约"; break;
      case extract::Qualifier::Over: prefix = "超"; break;
      case extract::Qualifier::Under: prefix = "不足"; break;
      case extract::Qualifier::Exact: break;
    }
  }
  if (f.kind == extract::FigureKind::Growth && !level &&
      prefix.find("增") == std::string::npos && prefix.find("降") == std::string::npos &&
      prefix.find("提") == std::string::npos && prefix.find("减") == std::string::npos)
    prefix = "增长" + prefix;
  return prefix + value + infix + f.unit + suffix;
}

std::string brief_date(std::string_view iso) {
  // YYYY-MM-DD, digits only, a day that exists in that month (Gregorian leap years).
  auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  const bool shape = iso.size() == 10 && iso[4] == '-' && iso[7] == '-';
  const int year = shape ? digits(0, 4) : -1, month = shape ? digits(5, 2) : -1,
            day = shape ? digits(8, 2) : -1;
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      day > kDays[month - 1] + (month == 2 && leap ? 1 : 0))
    fail("compose.bad_date", "not a date: '" + std::string(iso) + "'",
         "write the date as YYYY-MM-DD, e.g. 2025-09-22");
  return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::string brief_date(long long seconds) {
  // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil inverse).
  long long days = seconds / 86400;
  if (seconds % 86400 < 0) --days;
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const long long doe = days - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long day = doy - (153 * mp + 2) / 5 + 1;
  const long long month = mp < 10 ? mp + 3 : mp - 9;
  const long long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

}  // namespace ptbrief::compose
