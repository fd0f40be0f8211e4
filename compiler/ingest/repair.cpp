// Noise-repair passes: width, foreign-script debris, extraction spacing, punctuation.
#include "ingest/repair.h"

#include <algorithm>

namespace ptbrief::ingest {
namespace {

void trim(Text& t) {
  std::size_t b = 0, e = t.size();
  while (b < e && is_blank(t[b].c)) ++b;
  while (e > b && is_blank(t[e - 1].c)) --e;
  t.erase(t.begin() + static_cast<std::ptrdiff_t>(e), t.end());
  t.erase(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(b));
}

/// Nearest non-blank character left (dir = -1) or right (dir = +1) of i, or 0.
char32_t neighbour(const Text& t, std::size_t i, int dir) {
  for (std::ptrdiff_t k = static_cast<std::ptrdiff_t>(i) + dir;
       k >= 0 && k < static_cast<std::ptrdiff_t>(t.size()); k += dir)
    if (!is_blank(t[static_cast<std::size_t>(k)].c)) return t[static_cast<std::size_t>(k)].c;
  return 0;
}

std::size_t count_han(const Text& t) {
  return static_cast<std::size_t>(
      std::count_if(t.begin(), t.end(), [](const Char& ch) { return is_han(ch.c); }));
}

/// Blank runs with a Han character on both sides.
std::size_t han_gaps(const Text& t) {
  std::size_t gaps = 0;
  for (std::size_t i = 1; i + 1 < t.size(); ++i)
    if (is_blank(t[i].c) && !is_blank(t[i - 1].c) && is_han(t[i - 1].c) &&
        is_han(neighbour(t, i, +1)))
      ++gaps;
  return gaps;
}

/// Whitespace-separated token lengths (code points).
std::vector<std::size_t> token_lengths(const Text& t) {
  std::vector<std::size_t> lens;
  std::size_t run = 0;
  for (const Char& ch : t) {
    if (is_blank(ch.c)) {
      if (run) lens.push_back(run);
      run = 0;
    } else {
      ++run;
    }
  }
  if (run) lens.push_back(run);
  return lens;
}

}  // namespace

std::vector<Line> split_lines(const Text& chars) {
  std::vector<Line> lines;
  LineSplitter{}.split(chars, lines, true);
  return lines;
}

void LineSplitter::split(const Text& chars, std::vector<Line>& lines, bool last) {
  Text cur;
  auto flush = [&] {
    // Invisible characters go; blank runs shrink to their first blank, so later passes
    // never rescan long runs (hostile input stays linear).
    std::erase_if(cur, [](const Char& ch) { return is_invisible(ch.c); });
    cur.erase(std::unique(cur.begin(), cur.end(),
                          [](const Char& a, const Char& b) { return is_blank(a.c) && is_blank(b.c); }),
              cur.end());
    trim(cur);
    if (cur.empty()) {
      ++blanks;
      return;
    }
    Line l;
    while (l.md_level < static_cast<int>(cur.size()) && cur[static_cast<std::size_t>(l.md_level)].c == '#')
      ++l.md_level;
    // "#tag" without a blank is not a markdown heading.
    if (l.md_level > 0 && (l.md_level > 6 || static_cast<std::size_t>(l.md_level) >= cur.size() ||
                           !is_blank(cur[static_cast<std::size_t>(l.md_level)].c)))
      l.md_level = 0;
    if (l.md_level > 0) {
      cur.erase(cur.begin(), cur.begin() + l.md_level);
      trim(cur);
    }
    l.text = std::move(cur);
    l.blank_before = blanks;
    blanks = 0;
    lines.push_back(std::move(l));
    cur.clear();
  };
  // Each line is copied out whole, not character by character.
  auto line_begin = chars.begin();
  for (auto it = chars.begin(); it != chars.end(); ++it) {
    if (it->c == '\n' || it->c == 0x2028 || it->c == 0x2029) {
      cur.assign(line_begin, it);
      flush();
      line_begin = it + 1;
    }
  }
  if (!last && line_begin == chars.end()) return;  // the next chunk's first line starts here
  cur.assign(line_begin, chars.end());
  flush();
}

void normalize_width(Text& t) {
  for (Char& ch : t) {
    char32_t c = ch.c;
    if (c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F) {
      ch.c = ' ';
    } else if (c >= 0xFF01 && c <= 0xFF5E) {
      // Chinese punctuation keeps its full-width form; everything else in the block is a
      // wide copy of an ASCII character.
      switch (c) {
        case U'，': case U'：': case U'；': case U'？': case U'！': case U'（': case U'）':
          break;
        default:
          ch.c = c - 0xFF01 + 0x21;
      }
    }
  }
}

void drop_foreign_script(Text& t) {
  if (count_han(t) == 0) return;
  std::erase_if(t, [](const Char& ch) { return is_foreign_script(ch.c); });
  trim(t);
}

namespace {

bool is_tone_marked(char32_t c) {
  return std::u32string_view(U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü").find(c) != std::u32string_view::npos;
}

bool is_pinyin_letter(char32_t c) { return (c >= U'a' && c <= U'z') || is_tone_marked(c); }

}  // namespace

void drop_pinyin_glosses(Text& t) {
  Text out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    bool open = (t[i].c == U'(' || t[i].c == U'（') && !out.empty() && is_han(out.back().c);
    if (open) {
      std::size_t e = i + 1;
      bool tone = false;
      while (e < t.size() && e - i <= 40 && is_pinyin_letter(t[e].c)) tone |= is_tone_marked(t[e++].c);
      if (tone && e < t.size() && e > i + 1 && (t[e].c == U')' || t[e].c == U'）')) {
        i = e;  // skip the gloss and its parentheses
        continue;
      }
    }
    out.push_back(t[i]);
  }
  if (out.size() != t.size()) t = std::move(out);
}

void SpacingCensus::add(const std::vector<Line>& lines) {
  for (const Line& l : lines) {
    std::size_t han = count_han(l.text);
    if (han < 40) continue;
    ++long_lines;
    std::size_t gaps = han_gaps(l.text);
    if (gaps >= 3 && han / (gaps + 1) <= 30) ++gappy;
  }
}

bool has_extraction_spacing(const std::vector<Line>& lines) {
  SpacingCensus c;
  c.add(lines);
  return c.spacing();
}

bool is_debris_line(const Text& t) {
  auto lens = token_lengths(t);
  if (lens.empty()) return false;
  if (lens.size() == 1) return lens[0] == 1;
  std::size_t total = 0;
  for (std::size_t n : lens) {
    if (n > 2) return false;
    total += n;
  }
  return total <= 12;
}

bool is_short_non_han(const Text& t) { return t.size() <= 8 && count_han(t) == 0; }

void drop_isolated_chars(Text& t) {
  if (token_lengths(t).size() < 3) return;
  Text out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    bool left_open = i == 0 || is_blank(t[i - 1].c);
    bool right_open = i + 1 < t.size() && is_blank(t[i + 1].c);
    if (is_han(t[i].c) && left_open && right_open) continue;
    out.push_back(t[i]);
  }
  t = std::move(out);
  trim(t);
}

void remove_extraction_spaces(Text& t) {
  Text out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (is_blank(t[i].c)) {
      char32_t l = neighbour(t, i, -1), r = neighbour(t, i, +1);
      auto chinese = [](char32_t c) { return is_cjk(c) || c == '"' || c == '\'' || c >= 0x2E80; };
      if (chinese(l) || chinese(r) || (!out.empty() && is_blank(out.back().c))) continue;
    }
    out.push_back(t[i]);
  }
  t = std::move(out);
}

void normalize_punctuation(Text& t) {
  // Half-width marks in Chinese context → full width (GB/T 15834-2011 §4: Chinese text uses
  // full-width marks). Latin context on both sides keeps ASCII: 1,000  12:30  f(x).
  for (std::size_t i = 0; i < t.size(); ++i) {
    char32_t c = t[i].c;
    if (c != ',' && c != ';' && c != ':' && c != '?' && c != '!' && c != '(' && c != ')') continue;
    char32_t l = neighbour(t, i, -1), r = neighbour(t, i, +1);
    if (!is_cjk(l) && !is_cjk(r)) continue;
    switch (c) {
      case ',': t[i].c = U'，'; break;
      case ';': t[i].c = U'；'; break;
      case ':': t[i].c = U'：'; break;
      case '?': t[i].c = U'？'; break;
      case '!': t[i].c = U'！'; break;
      case '(': t[i].c = U'（'; break;
      case ')': t[i].c = U'）'; break;
    }
  }
  // Match parentheses: a pair is full-width if either half became full-width.
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].c == '(' || t[i].c == U'（') open.push_back(i);
    if ((t[i].c == ')' || t[i].c == U'）') && !open.empty()) {
      std::size_t o = open.back();
      open.pop_back();
      if (t[o].c == U'（' || t[i].c == U'）') t[o].c = U'（', t[i].c = U'）';
    }
  }

  // Straight quotes → curly, alternating open/close within the block (GB/T 15834 §4.1.8).
  bool has_chinese = count_han(t) > 0;
  bool dq_open = false, sq_open = false;
  for (std::size_t i = 0; i < t.size() && has_chinese; ++i) {
    if (t[i].c == '"') {
      t[i].c = dq_open ? U'”' : U'“';
      dq_open = !dq_open;
    } else if (t[i].c == '\'') {
      char32_t l = i ? t[i - 1].c : 0, r = i + 1 < t.size() ? t[i + 1].c : 0;
      if (is_ascii_alnum(l) && is_ascii_alnum(r)) continue;  // Latin apostrophe: don't
      t[i].c = sq_open ? U'’' : U'‘';
      sq_open = !sq_open;
    } else if (t[i].c == U'“') {
      dq_open = true;
    } else if (t[i].c == U'”') {
      dq_open = false;
    }
  }

  // Blanks: none around full-width marks (they carry their own spacing), none inside
  // quotes, none after a closed sentence ("。” 自"); runs collapse to one.
  Text out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!is_blank(t[i].c)) {
      out.push_back(t[i]);
      continue;
    }
    t[i].c = ' ';
    char32_t l = out.empty() ? 0 : out.back().c;
    char32_t r = neighbour(t, i, +1);
    char32_t ll = out.size() >= 2 ? out[out.size() - 2].c : 0;
    bool drop = l == 0 || r == 0 || l == ' ' || (is_cjk_punct(l) && l != U'…' && l != U'—') ||
                (is_cjk_punct(r) && r != U'…' && r != U'—' && r != U'（' && r != U'《') ||
                l == U'“' || l == U'‘' || r == U'”' || r == U'’' ||
                ((l == U'”' || l == U'’' || l == U'）') && is_terminal(ll));
    if (!drop) out.push_back(t[i]);
  }
  t = std::move(out);
}

std::string normalize_string(const std::string& utf8) {
  Text t;
  for (char32_t c : from_utf8(utf8)) t.push_back({c, 0, 0});
  normalize_width(t);
  normalize_punctuation(t);
  return to_utf8(t);
}

}  // namespace ptbrief::ingest
