// Test helpers that read a written PDF back with poppler-utils: pdffonts rows and printed lines
// rebuilt from `pdftotext -bbox` word boxes (grouped by baseline). Header-only (inline).
#pragma once

#include <cmath>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace ptbrief::pdftest {

struct FontRow {
  std::string line, type;
  bool embedded = false, subset = false;
};

/// The rows of `pdffonts file` (type column and the emb/sub flags).
inline std::vector<FontRow> pdffonts(const std::filesystem::path& file) {
  auto r = test::run_shell("pdffonts '" + file.string() + "'");
  std::vector<FontRow> rows;
  std::istringstream in(r.out);
  std::string line;
  int n = 0;
  static const std::regex row(R"(^(\S+)\s+(CID Type 0C|CID TrueType|Type 1|TrueType|CID Type 0)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no))");
  while (std::getline(in, line)) {
    if (++n <= 2) continue;  // header and dashes
    std::smatch m;
    if (!std::regex_search(line, m, row)) {
      rows.push_back({line, "?", false, false});
      continue;
    }
    rows.push_back({line, m[2], m[4] == "yes", m[5] == "yes"});
  }
  return rows;
}

struct PrintedLine {
  std::size_t page = 0;  // 1-based
  double y_max = 0, x_min = 0, x_max = 0;
  std::string text;
};

/// Printed lines of every page, from word boxes with the same yMax (within 0.5 pt), left to right.
inline std::vector<PrintedLine> printed_lines(const std::filesystem::path& file) {
  auto r = test::run_shell("pdftotext -bbox -enc UTF-8 '" + file.string() + "' -");
  static const std::regex word(
      R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  std::vector<PrintedLine> lines;
  std::size_t page = 0, first_of_page = 0;
  std::istringstream in(r.out);
  std::string l;
  while (std::getline(in, l)) {
    if (l.find("<page ") != std::string::npos) {
      ++page;
      first_of_page = lines.size();
      continue;
    }
    std::smatch m;
    if (!std::regex_search(l, m, word)) continue;
    double x0 = std::stod(m[1]), x1 = std::stod(m[3]), y1 = std::stod(m[4]);
    PrintedLine* target = nullptr;
    for (std::size_t i = first_of_page; i < lines.size(); ++i)
      if (std::abs(lines[i].y_max - y1) < 0.5) target = &lines[i];
    if (!target) {
      lines.push_back({page, y1, x0, x1, ""});
      target = &lines.back();
    }
    // Words arrive in reading order; keep them sorted by x within the line.
    if (x0 < target->x_min) {
      target->text = std::string(m[5]) + target->text;
      target->x_min = x0;
    } else {
      target->text += m[5];
    }
    target->x_max = std::max(target->x_max, x1);
  }
  return lines;
}

/// The printed line on `page` whose box bottom is just below `baseline` (within 5 pt).
inline const PrintedLine* line_at(const std::vector<PrintedLine>& lines, std::size_t page,
                                  double baseline) {
  const PrintedLine* best = nullptr;
  for (const auto& l : lines)
    if (l.page == page && l.y_max >= baseline - 0.5 && l.y_max - baseline < 5 &&
        (!best || l.y_max < best->y_max))
      best = &l;
  return best;
}

/// True when `text` starts with one of the UTF-8 characters in `set`.
inline bool starts_with_any(const std::string& text, const std::string& set) {
  for (std::size_t len = 1; len <= 4 && len <= text.size(); ++len)
    if (set.find(text.substr(0, len)) != std::string::npos &&
        (len == text.size() || (static_cast<unsigned char>(text[len]) & 0xC0) != 0x80))
      return true;
  return false;
}

inline bool ends_with_any(const std::string& text, const std::string& set) {
  std::size_t i = text.size();
  while (i > 0 && (static_cast<unsigned char>(text[i - 1]) & 0xC0) == 0x80) --i;
  if (i == 0) return false;
  return set.find(text.substr(i - 1)) != std::string::npos;
}

}  // namespace ptbrief::pdftest
