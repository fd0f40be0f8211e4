// Article metadata: front matter (`---` … `---`, key: value) and lead lines (来源：…).
#include "ingest/metadata.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <string_view>

namespace ptbrief::ingest {
namespace {

enum class Field { Title, Source, Date, Page, Url, Author, Ignored };

struct Key {
  std::u32string_view word;
  Field field;
};

// Front-matter keys, English as in static-site front matter and their Chinese equivalents.
constexpr std::array<Key, 22> kFrontKeys = {{
    {U"title", Field::Title},      {U"标题", Field::Title},       {U"source", Field::Source},
    {U"paper", Field::Source},     {U"site", Field::Source},      {U"来源", Field::Source},
    {U"date", Field::Date},        {U"published", Field::Date},   {U"日期", Field::Date},
    {U"发布日期", Field::Date},    {U"page", Field::Page},        {U"版面", Field::Page},
    {U"版次", Field::Page},        {U"url", Field::Url},          {U"link", Field::Url},
    {U"链接", Field::Url},         {U"author", Field::Author},    {U"作者", Field::Author},
    {U"tags", Field::Ignored},     {U"categories", Field::Ignored},
    {U"lang", Field::Ignored},     {U"id", Field::Ignored},
}};

// Lead-line keys of newspaper pages and web sites (来源：太仓新闻网  发布时间：2024-03-25 10:20).
// Editor and page-view lines are page furniture: read and dropped.
constexpr std::array<Key, 29> kLeadKeys = {{
    {U"来源", Field::Source},     {U"稿源", Field::Source},     {U"出处", Field::Source},
    {U"信息来源", Field::Source}, {U"文章来源", Field::Source}, {U"新闻来源", Field::Source},
    {U"发布日期", Field::Date},   {U"发布时间", Field::Date},   {U"发稿时间", Field::Date},
    {U"更新时间", Field::Date},   {U"日期", Field::Date},       {U"时间", Field::Date},
    {U"作者", Field::Author},     {U"撰稿", Field::Author},     {U"版面", Field::Page},
    {U"版次", Field::Page},       {U"版号", Field::Page},       {U"原文链接", Field::Url},
    {U"原文地址", Field::Url},    {U"链接", Field::Url},        {U"网址", Field::Url},
    {U"URL", Field::Url},         {U"责任编辑", Field::Ignored}, {U"编辑", Field::Ignored},
    {U"责编", Field::Ignored},    {U"审核", Field::Ignored},    {U"校对", Field::Ignored},
    {U"浏览次数", Field::Ignored}, {U"阅读", Field::Ignored},
}};

std::u32string text_of(const Text& t, std::size_t b, std::size_t e) {
  std::u32string s;
  for (std::size_t i = b; i < e && i < t.size(); ++i) s += t[i].c;
  return s;
}

std::u32string trimmed(std::u32string s) {
  auto blank = [](char32_t c) { return is_blank(c); };
  while (!s.empty() && blank(s.back())) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && blank(s[b])) ++b;
  s.erase(0, b);
  // A quoted YAML scalar: "…" or '…'.
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    s = s.substr(1, s.size() - 2);
  return s;
}

std::string utf8(const std::u32string& s) { return ptbrief::to_utf8(std::u32string_view(s)); }

std::u32string lower_ascii(std::u32string s) {
  for (char32_t& c : s)
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  return s;
}

void store(ArticleMeta& m, Field f, const std::u32string& value) {
  std::string v = utf8(value);
  if (v.empty()) return;
  switch (f) {
    case Field::Title: m.title = v; break;
    case Field::Source: m.source = v; break;
    case Field::Date: m.date = iso_date(v); break;
    case Field::Page: m.page = v; break;
    case Field::Url: m.url = v; break;
    case Field::Author: m.author = v; break;
    case Field::Ignored: break;
  }
}

bool is_fence(const Line& l) {
  if (l.text.size() != 3) return false;
  return std::all_of(l.text.begin(), l.text.end(), [](const Char& c) { return c.c == '-'; });
}

// 1-based line number of raw byte offset `at` (newlines counted in the decoded text).
std::size_t line_of(const Text& chars, std::uint32_t at) {
  std::size_t n = 1;
  for (const Char& c : chars) {
    if (c.s >= at) break;
    n += c.c == '\n';
  }
  return n;
}

void warn(DiagSink& sink, const std::string& code, std::string message, std::string hint,
          const std::string& file, const Text& chars, const Line& l) {
  Diagnostic d;
  d.severity = Severity::Warning;
  d.code = code;
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.file = file;
  if (!l.text.empty()) {
    d.offset = l.text.front().s;
    d.line = line_of(chars, l.text.front().s);
  }
  sink.report(d);
}

// Front matter: a `---` first line, `key: value` lines, a closing `---`. Returns false (lines
// untouched) when the file does not open with it or never closes it.
bool read_front_matter(std::vector<Line>& lines, const Text& chars, const std::string& file,
                       DiagSink& sink, ArticleMeta& meta) {
  if (lines.empty() || !is_fence(lines.front())) return false;
  constexpr std::size_t kMaxLines = 64;
  std::size_t close = 1;
  while (close < lines.size() && close <= kMaxLines && !is_fence(lines[close])) ++close;
  if (close >= lines.size() || close > kMaxLines) {
    warn(sink, "ingest.front_matter_open",
         "the file opens with '---' but the front matter is never closed; it is read as text",
         "close the header with a line '---' after its 'key: value' lines", file, chars,
         lines.front());
    return false;
  }
  for (std::size_t i = 1; i < close; ++i) {
    const Text& t = lines[i].text;
    std::size_t colon = 0;
    while (colon < t.size() && t[colon].c != ':' && t[colon].c != U'：') ++colon;
    if (colon == t.size()) {
      warn(sink, "ingest.front_matter_line", "a front-matter line without 'key: value' is ignored",
           "write each header line as 'key: value'", file, chars, lines[i]);
      continue;
    }
    const std::u32string key = lower_ascii(trimmed(text_of(t, 0, colon)));
    auto k = std::find_if(kFrontKeys.begin(), kFrontKeys.end(),
                          [&](const Key& x) { return x.word == key; });
    if (k == kFrontKeys.end()) {
      warn(sink, "ingest.front_matter_key",
           "unknown front-matter key '" + utf8(key) + "' is ignored",
           "known keys: title, source, date, page, url, author", file, chars, lines[i]);
      continue;
    }
    store(meta, k->field, trimmed(text_of(t, colon + 1, t.size())));
  }
  lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(close) + 1);
  return true;
}

// The lead-line key starting at character `i` of `t` and followed by a colon, or nullptr.
const Key* lead_key_at(const Text& t, std::size_t i) {
  const Key* best = nullptr;
  for (const Key& k : kLeadKeys) {
    std::size_t n = k.word.size();
    if (i + n >= t.size() || (best && best->word.size() >= n)) continue;
    bool same = true;
    for (std::size_t j = 0; j < n && same; ++j) same = t[i + j].c == k.word[j];
    std::size_t c = i + n;
    while (same && c < t.size() && is_blank(t[c].c)) ++c;
    if (same && c < t.size() && (t[c].c == ':' || t[c].c == U'：')) best = &k;
  }
  return best;
}

// A lead line: nothing but `key：value` pairs, the first at its start (来源：太仓新闻网
// 发布时间：2024-03-25). Stores its fields and returns true; false leaves `meta` alone.
bool read_lead_line(const Line& l, ArticleMeta& meta) {
  const Text& t = l.text;
  if (!lead_key_at(t, 0)) return false;
  std::vector<std::pair<std::size_t, const Key*>> keys;
  // (A key of four characters may follow the previous value without a blank, as pages glue
  // them: 信息来源：杜集经济开发区发布时间：2012-03-02.)
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool after_blank =
        i == 0 || is_blank(t[i - 1].c) || t[i - 1].c == U'｜' || t[i - 1].c == '|';
    if (const Key* k = lead_key_at(t, i); k && (after_blank || k->word.size() >= 4)) {
      keys.emplace_back(i, k);
      i += k->word.size() - 1;
    }
  }
  ArticleMeta found = meta;
  for (std::size_t n = 0; n < keys.size(); ++n) {
    std::size_t b = keys[n].first + keys[n].second->word.size();
    while (b < t.size() && t[b].c != ':' && t[b].c != U'：') ++b;
    const std::size_t e = n + 1 < keys.size() ? keys[n + 1].first : t.size();
    std::u32string value = trimmed(text_of(t, b + 1, e));
    while (!value.empty() && (value.back() == U'｜' || value.back() == '|')) value.pop_back();
    // 来源：柳州日报  2025-07-18 08:30 — a date written after the source without its own key.
    if (keys[n].second->field == Field::Source) {
      const std::size_t blank = value.find(U' ');
      if (blank != std::u32string::npos && blank + 1 < value.size()) {
        const std::string rest = utf8(trimmed(value.substr(blank + 1)));
        if (parse_date(rest)) {
          store(found, Field::Date, from_utf8(rest));
          value.resize(blank);
        }
      }
    }
    store(found, keys[n].second->field, trimmed(value));
  }
  meta = found;
  return true;
}

// Running text: a line that ends a sentence or carries a clause, longer than a header line.
bool is_running_text(const Line& l) {
  if (l.text.size() <= 40) return false;
  return std::any_of(l.text.begin(), l.text.end(),
                     [](const Char& c) { return c.c == U'，' || c.c == U'。' || c.c == ','; });
}

}  // namespace

std::optional<std::string> parse_date(const std::string& written) {
  // YYYY sep M sep D, sep one of - / . 年 月; then optionally 日 and anything (a clock time).
  std::u32string u = from_utf8(written);
  std::size_t i = 0;
  auto number = [&](std::size_t max_digits) {
    int v = 0;
    std::size_t n = 0;
    while (i < u.size() && u[i] >= '0' && u[i] <= '9' && n < max_digits) v = v * 10 + (u[i++] - '0'), ++n;
    return n ? v : -1;
  };
  auto sep = [&](char32_t word) {
    if (i < u.size() && (u[i] == '-' || u[i] == '/' || u[i] == '.' || u[i] == word)) return ++i, true;
    return false;
  };
  const int y = number(4);
  if (y < 1000 || !sep(U'年')) return std::nullopt;
  const int m = number(2);
  if (m < 1 || m > 12 || !sep(U'月')) return std::nullopt;
  const int d = number(2);
  if (d < 1 || d > 31 || (i < u.size() && u[i] >= '0' && u[i] <= '9')) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

std::string iso_date(const std::string& written) { return parse_date(written).value_or(written); }

ArticleMeta read_metadata(std::vector<Line>& lines, const Text& chars, const std::string& file,
                          DiagSink& sink) {
  ArticleMeta meta;
  // A file named by its date (2025-11-03_苏州工业园区.txt) was published then, unless its
  // header says otherwise.
  if (auto d = parse_date(file.substr(0, 10))) meta.date = *d;
  read_front_matter(lines, chars, file, sink, meta);
  // Lead lines: before the first line of running text, among the first few lines.
  constexpr std::size_t kHeaderLines = 12;
  std::vector<Line> kept;
  kept.reserve(lines.size());
  bool body = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    body = body || i >= kHeaderLines || is_running_text(lines[i]);
    if (!body && read_lead_line(lines[i], meta)) continue;
    kept.push_back(std::move(lines[i]));
  }
  lines = std::move(kept);
  return meta;
}

}  // namespace ptbrief::ingest
