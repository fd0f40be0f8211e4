// summaries: sentence scoring, boilerplate trimming, de-duplication and selection.
#include "extract/summaries.h"

#include <algorithm>
#include <map>
#include <set>

#include "extract/lexicon.h"
#include "extract/text.h"

namespace ptbrief::extract {
namespace {

// Slogan vocabulary (data/lexicon.tsv): sentences made of it and nothing else are boilerplate.
const WordList& slogan_words() {
  static const auto& w = lexicon("summary.slogans");
  return w;
}
// Connectives that open a sentence and add nothing to it when it is quoted alone (此外，).
const WordList& lead_ins() {
  static const auto& w = lexicon("summary.lead_ins");
  return w;
}

// Share of the shorter text's characters that the other text also has (multiset overlap);
// both arguments are sorted character lists.
double overlap(const std::u32string& a, const std::u32string& b) {
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++common, ++i, ++j;
  }
  std::size_t shorter = std::min(a.size(), b.size());
  return shorter ? static_cast<double>(common) / static_cast<double>(shorter) : 1.0;
}

}  // namespace

double information_score(std::u32string_view norm, std::size_t figures, std::size_t practices) {
  double score = 2.0 * static_cast<double>(figures) + 1.5 * static_cast<double>(practices);
  score += std::min(static_cast<double>(norm.size()) / 60.0, 1.0);
  // Slogan words present (each counts once), found in one scan of the sentence.
  const WordList& slogans_list = slogan_words();
  std::vector<bool> present(slogans_list.size());
  for (std::size_t p = 0; p < norm.size(); ++p)
    if (slogans_list.may_start(norm[p])) {
      std::size_t k = 0;
      for (const auto& w : slogans_list) {
        if (starts_with_at(norm, p, w)) present[k] = true;
        ++k;
      }
    }
  int slogans = static_cast<int>(std::count(std::begin(present), std::end(present), true));
  if (figures == 0 && practices == 0) score -= 0.5 * slogans + 0.5;
  if (!norm.empty() && is_open_quote(norm.front())) score -= 1.0;  // reported speech
  if (norm.size() < 12) score -= 1.0;
  return score;
}

std::string trim_lead_in(const std::string& text) {
  // A reporter's clause (记者从会上获悉，记者了解到，), after a date (3月18日，) or not, is
  // dropped with its comma.
  const std::u32string u = to_u32(text);
  std::size_t at = 0;
  if (const std::size_t c = u.find(U'，'); c != std::u32string::npos && c <= 8 && c > 0 &&
                                           (u[c - 1] == U'日' || u[c - 1] == U'前'))
    at = c + 1;
  if (starts_with_at(u, at, U"记者")) {
    const std::size_t comma = u.find(U'，', at);
    if (comma != std::u32string::npos && comma - at <= 24 &&
        lexicon("summary.reporter_verbs").ends_at(u, comma))
      return to_utf8(std::u32string_view(u).substr(comma + 1));
  }
  // A lead-in followed by a comma (full-width or not) is dropped, once.
  const std::u32string head = to_u32(std::string_view(text).substr(0, 48));
  std::u32string_view word = lead_ins().match_at(head, 0);
  if (word.empty() || word.size() >= head.size() ||
      (head[word.size()] != U'，' && head[word.size()] != U','))
    return text;
  return text.substr(to_utf8(head.substr(0, word.size() + 1)).size());
}

std::vector<SummarySentence> pick_summaries(std::vector<SummarySentence> candidates,
                                            std::size_t per_group) {
  std::vector<std::size_t> order(candidates.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return candidates[a].score > candidates[b].score;
  });
  std::map<std::string, std::size_t> taken;  // group key → count
  std::vector<std::u32string> chosen_text;  // sorted characters of each chosen sentence
  std::vector<std::string> chosen_park;
  std::vector<std::size_t> chosen;
  for (std::size_t i : order) {
    const auto& c = candidates[i];
    if (c.score <= 0) break;
    std::vector<std::string> groups = {"park:" + c.park};
    for (const auto& t : c.topics) groups.push_back("topic:" + t);
    bool wanted = std::any_of(groups.begin(), groups.end(),
                              [&](const std::string& g) { return taken[g] < per_group; });
    if (!wanted) continue;
    std::u32string text = to_u32(c.text);
    std::sort(text.begin(), text.end());
    bool duplicate = false;
    for (std::size_t k = 0; k < chosen_text.size() && !duplicate; ++k)
      duplicate = chosen_park[k] == c.park && overlap(chosen_text[k], text) >= 0.7;
    if (duplicate) continue;
    for (const auto& g : groups) taken[g]++;
    chosen_text.push_back(text);
    chosen_park.push_back(c.park);
    chosen.push_back(i);
  }
  std::sort(chosen.begin(), chosen.end());
  std::vector<SummarySentence> out;
  for (std::size_t i : chosen) out.push_back(std::move(candidates[i]));
  return out;
}

}  // namespace ptbrief::extract
