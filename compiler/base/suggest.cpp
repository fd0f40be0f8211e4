// Did-you-mean suggestions: edit distance over code points.
#include "base/suggest.h"

#include <algorithm>
#include <utility>

namespace ptbrief {
namespace {

/// The code points of `s`, each as its UTF-8 bytes (the lead byte gives the length).
std::vector<std::string> utf8_chars(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto x = utf8_chars(a), y = utf8_chars(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[y.size()];
}

std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& candidates) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  const std::size_t len = utf8_chars(word).size();
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    const bool contains = !word.empty() && (c.find(word) != std::string::npos ||
                                            std::string_view(word).find(c) != std::string::npos);
    if (contains) d = std::min<std::size_t>(d, 1);
    if (d <= std::max<std::size_t>(2, len / 2)) scored.emplace_back(d, c);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& l, const auto& r) { return l.first < r.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
  return out;
}

}  // namespace ptbrief
