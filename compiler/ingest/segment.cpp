// Segmentation: line classification, paragraph rejoining, article splitting, sentences.
#include "ingest/segment.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>

namespace ptbrief::ingest {
namespace {

const std::u32string kDateline = U"本报讯";

std::size_t han_count(const Text& t) {
  return static_cast<std::size_t>(
      std::count_if(t.begin(), t.end(), [](const Char& ch) { return is_han(ch.c); }));
}

bool contains(const Text& t, const std::u32string& s) {
  for (std::size_t i = 0; i + s.size() <= t.size(); ++i)
    if (starts_with(t, s, i)) return true;
  return false;
}

/// Last character that is not a closing quote or bracket, or 0.
char32_t last_core(const Text& t) {
  for (auto it = t.rbegin(); it != t.rend(); ++it)
    if (!is_closer(it->c)) return it->c;
  return 0;
}

bool ends_sentence(const Text& t) { return is_terminal(last_core(t)); }

void strip_front(Text& t, std::size_t n) {
  // One erase for the characters and the blanks after them: linear however long the run.
  std::size_t k = std::min(n, t.size());
  while (k < t.size() && is_blank(t[k].c)) ++k;
  t.erase(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(k));
}

bool is_marker(char32_t c) {
  return c == U'▶' || c == U'►' || c == U'□' || c == U'■' || c == U'●' || c == U'◆' ||
         c == U'◇' || c == U'○';
}

/// Byline lines: 本报记者 刘茜 · □ 记者 吴善良 · 夏海军 自贡网记者 缪静 (a short line naming
/// reporters, without sentence punctuation).
bool is_byline(const Text& t) {
  for (const std::u32string p : {U"本报记者", U"本报通讯员", U"通讯员", U"特约记者", U"记者"})
    if (starts_with(t, p) && t.size() <= 40 && !ends_sentence(t)) return true;
  if (t.size() > 30 || ends_sentence(t) || !contains(t, U"记者") || contains(t, U"。"))
    return false;
  return std::none_of(t.begin(), t.end(), [](const Char& ch) {
    return ch.c == U'，' || ch.c == ',' || ch.c == U'“' || ch.c == '"';
  });
}

/// Credits like (本版图片均由昌吉高新区党工委提供).
bool is_note(const Text& t) {
  if (t.size() < 4) return false;
  bool wrapped = (t.front().c == '(' || t.front().c == U'（') &&
                 (t.back().c == ')' || t.back().c == U'）');
  return wrapped && (contains(t, U"图片") || contains(t, U"提供") || contains(t, U"来源") ||
                     contains(t, U"摄"));
}

bool is_image(const Text& t) {
  return starts_with(t, U"[图") || starts_with(t, U"【图") || starts_with(t, U"图片来源") ||
         starts_with(t, U"<img") || starts_with(t, U"![");
}

/// A heading or title line: short, and it does not end a sentence or a clause.
bool is_heading_like(const Text& t, std::size_t max_len) {
  if (t.empty() || t.size() > max_len || ends_sentence(t) || han_count(t) == 0) return false;
  // A comma means a clause of running text, not a heading.
  if (std::any_of(t.begin(), t.end(), [](const Char& ch) { return ch.c == U'，' || ch.c == ','; }))
    return false;
  char32_t c = t.back().c;
  return c != U'，' && c != U'、' && c != U'：' && c != ',' && c != ':' && c != ';' &&
         c != U'；';
}

/// Splits a byline trailing a paragraph: "…综合报道)" in parentheses naming 记者, or a
/// 2–4 character name after the closing sentence ("…有序推进。 宋腾").
std::optional<Text> split_trailing_byline(Text& t) {
  if (!t.empty() && (t.back().c == ')' || t.back().c == U'）')) {
    for (std::size_t i = t.size(); i-- > 0;) {
      if (t[i].c != '(' && t[i].c != U'（') continue;
      Text inner(t.begin() + static_cast<std::ptrdiff_t>(i) + 1, t.end() - 1);
      if (i > 0 && (starts_with(inner, U"记者") || starts_with(inner, U"本报记者") ||
                    starts_with(inner, U"通讯员"))) {
        t.resize(i);
        while (!t.empty() && is_blank(t.back().c)) t.pop_back();
        return inner;
      }
      break;
    }
  }
  // A credit after the last sentence: 。 记者 李明 摄, 。通讯员 王红 摄影.
  {
    std::size_t k = t.size();
    while (k > 0 && t.size() - k < 20 && (is_han(t[k - 1].c) || is_blank(t[k - 1].c))) --k;
    Text tail(t.begin() + static_cast<std::ptrdiff_t>(k), t.end());
    while (!tail.empty() && is_blank(tail.front().c)) tail.erase(tail.begin());
    const bool credit = !tail.empty() && (starts_with(tail, U"记者") ||
                                          starts_with(tail, U"通讯员") ||
                                          starts_with(tail, U"本报记者")) &&
                        (tail.back().c == U'摄' || starts_with(tail, U"摄影", tail.size() - 2));
    if (credit && k > 0 && (is_terminal(t[k - 1].c) || is_closer(t[k - 1].c))) {
      t.resize(k);
      return tail;
    }
  }
  std::size_t n = t.size(), k = n;
  while (k > 0 && is_han(t[k - 1].c)) --k;
  std::size_t name_len = n - k;
  if (name_len >= 2 && name_len <= 4 && k >= 2 && is_blank(t[k - 1].c)) {
    std::size_t j = k - 1;
    while (j > 0 && is_blank(t[j - 1].c)) --j;
    if (j > 0 && (is_terminal(t[j - 1].c) || is_closer(t[j - 1].c)) && ends_sentence(Text(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(j)))) {
      Text name(t.begin() + static_cast<std::ptrdiff_t>(k), t.end());
      t.resize(j);
      return name;
    }
  }
  return std::nullopt;
}

/// Length of a dateline opening a paragraph, or 0: 本报讯, 本报长春讯, 新华社北京3月5日电, each
/// optionally followed by a parenthesised byline (（记者 李明 通讯员 王红）) and a colon; or a
/// parenthesised byline alone (（记者 李明）). The blanks after it are included.
std::size_t dateline_length(const Text& t) {
  std::size_t i = 0;
  if (starts_with(t, U"本报")) {
    std::size_t k = 2;
    while (k < t.size() && k <= 10 && (is_han(t[k].c) || is_blank(t[k].c)) && t[k].c != U'讯')
      ++k;
    if (k < t.size() && t[k].c == U'讯') i = k + 1;
  } else {
    // 新华社北京3月5日电（记者 …）: a short lead ending in 电 or 讯 right before a byline.
    for (std::size_t k = 2; k < t.size() && k <= 16; ++k)
      if ((t[k].c == U'电' || t[k].c == U'讯') && k + 1 < t.size() &&
          (t[k + 1].c == U'（' || t[k + 1].c == '(')) {
        i = k + 1;
        break;
      }
  }
  std::size_t j = i;
  while (j < t.size() && is_blank(t[j].c)) ++j;
  if (j < t.size() && (t[j].c == U'（' || t[j].c == '(')) {
    std::size_t close = j + 1;
    while (close < t.size() && close - j <= 40 && t[close].c != U'）' && t[close].c != ')') ++close;
    if (close < t.size() && close - j <= 40) {
      Text inner(t.begin() + static_cast<std::ptrdiff_t>(j) + 1,
                 t.begin() + static_cast<std::ptrdiff_t>(close));
      if (contains(inner, U"记者") || contains(inner, U"通讯员")) i = close + 1;
    }
  }
  if (i == 0) return 0;
  while (i < t.size() && (is_blank(t[i].c) || t[i].c == U'：' || t[i].c == ':' ||
                          t[i].c == U'　'))
    ++i;
  return i < t.size() ? i : 0;  // a dateline with nothing after it is the paragraph itself
}

}  // namespace

void DebrisFilter::apply(std::vector<Line>& lines) {
  std::vector<Line> kept;
  for (Line& l : lines) {
    bool debris = is_debris_line(l.text) || (after_debris && is_short_non_han(l.text));
    if (debris) {
      carried_blanks += l.blank_before;
      after_debris = true;
      continue;
    }
    // A dropped run leaves no image gap behind: keep the larger of the gaps around it.
    if (after_debris) l.blank_before = std::max(l.blank_before, carried_blanks > 0 ? 1 : 0);
    after_debris = false;
    carried_blanks = 0;
    kept.push_back(std::move(l));
  }
  lines = std::move(kept);
}

void drop_debris_lines(std::vector<Line>& lines) { DebrisFilter{}.apply(lines); }

bool any_markdown_heading(const std::vector<Line>& lines) {
  return std::any_of(lines.begin(), lines.end(), [](const Line& l) { return l.md_level > 0; });
}

std::vector<Piece> classify(std::vector<Line> lines, bool extraction_spacing) {
  std::vector<Piece> out;
  Classifier(extraction_spacing, any_markdown_heading(lines)).run(std::move(lines), out);
  return out;
}

void Classifier::run(std::vector<Line> lines, std::vector<Piece>& out) {
  bool& seen_body = seen_body_;
  // A file that marks its headings with '#' gets no guessed headings.
  const bool marked = marked_;
  const bool extraction_spacing = spacing_;
  auto emit = [&](Piece p) {
    last_ = p.type;
    last_level_ = p.level;
    out.push_back(std::move(p));
  };
  for (Line& l : lines) {
    Text& t = l.text;
    Piece p;
    if (starts_with(t, kDateline)) seen_body = false;
    const bool title_above = !seen_body && last_ == BlockType::Title;
    if (t.front().c == U'▲' || t.front().c == U'△') {
      strip_front(t, 1);
      p.type = BlockType::Caption;
    } else if (Text s = t; (is_marker(s.front().c) && (strip_front(s, 1), true)) && is_byline(s)) {
      t = s;
      p.type = BlockType::Byline;
    } else if (is_byline(t)) {
      p.type = BlockType::Byline;
    } else if (is_note(t)) {
      p.type = BlockType::Note;
    } else if (is_image(t)) {
      p.type = BlockType::Image;
    } else if (l.md_level > 0) {
      p.type = seen_body ? BlockType::Heading : BlockType::Title;
    } else if (l.blank_before >= 3 && t.size() <= 60) {
      p.type = BlockType::Caption;  // a short line after an image gap names the photo
    } else if (is_heading_like(t, seen_body ? 40 : 80) && !(marked && seen_body) &&
               !(title_above && l.blank_before > 0)) {
      // Title lines stack without blank lines between them (003's two-line headline); a
      // short line set off below a title is running text cut by a break.
      p.type = seen_body ? BlockType::Heading : BlockType::Title;
    } else {
      p.type = BlockType::Paragraph;
      seen_body = true;
    }
    if (p.type == BlockType::Heading)
      p.level = (last_ == BlockType::Heading && l.blank_before == 0 && last_level_ == 1)
                    ? 2 : 1;

    std::optional<Text> trailing;
    if (p.type == BlockType::Paragraph) trailing = split_trailing_byline(t);
    // A dateline (本报讯（记者 李明）) is a byline block of its own, never body text.
    if (std::size_t n = p.type == BlockType::Paragraph ? dateline_length(t) : 0) {
      Text head(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(n));
      while (!head.empty() && (is_blank(head.back().c) || head.back().c == U'：' ||
                               head.back().c == ':'))
        head.pop_back();
      t.erase(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(n));
      emit({BlockType::Byline, 0, std::move(head), true});
    }
    if (extraction_spacing && p.type != BlockType::Byline) {
      if (p.type == BlockType::Paragraph) drop_isolated_chars(t);
      remove_extraction_spaces(t);
    }
    p.text = std::move(t);
    emit(std::move(p));
    if (trailing) emit({BlockType::Byline, 0, std::move(*trailing)});
  }
}

/// A paragraph that opens with a reporting clause ("会议要求，", "据介绍，") starts afresh: it
/// is not the continuation of a cut sentence even if the paragraph before stops mid-way.
bool opens_fresh(const Text& t) {
  for (std::size_t i = 2; i < t.size() && i <= 8; ++i) {
    if (t[i].c != U'，' && t[i].c != ',') continue;
    Text lead(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(i));
    for (const std::u32string v : {U"指出", U"要求", U"强调", U"表示", U"认为", U"介绍", U"了解", U"统计"})
      if (lead.size() >= v.size() && starts_with(lead, v, lead.size() - v.size())) return true;
    return false;
  }
  return false;
}

void Rejoiner::release() {
  for (Piece& h : held_) out_.push_back(std::move(h));
  held_.clear();
  open_ = SIZE_MAX;
}

// One linear pass: `open_` is the unfinished paragraph, `held_` the captions, images and notes
// met while waiting for its continuation (they follow it once it is complete).
void Rejoiner::push(Piece p) {
  if (open_ != SIZE_MAX) {
    if (p.type == BlockType::Caption || p.type == BlockType::Image || p.type == BlockType::Note) {
      held_.push_back(std::move(p));
      return;
    }
    if (p.type == BlockType::Paragraph && !starts_with(p.text, kDateline) &&
        !opens_fresh(p.text)) {
      Text& a = out_[open_].text;
      // Latin words cut at a line end keep a (synthetic, empty-range) space.
      if (!a.empty() && !p.text.empty() && is_ascii_alnum(a.back().c) &&
          is_ascii_alnum(p.text.front().c))
        a.push_back({' ', a.back().e, a.back().e});
      a.insert(a.end(), p.text.begin(), p.text.end());
      if (ends_sentence(a)) release();
      return;
    }
    release();
  }
  out_.push_back(std::move(p));
  if (out_.back().type == BlockType::Paragraph && !ends_sentence(out_.back().text))
    open_ = out_.size() - 1;
}

void Rejoiner::finish() { release(); }

std::vector<Piece> Rejoiner::take_ready() {
  std::vector<Piece> ready;
  const std::size_t n = open_ == SIZE_MAX ? out_.size() : open_;  // the open one may still grow
  ready.reserve(n);
  for (std::size_t k = 0; k < n; ++k) ready.push_back(std::move(out_[k]));
  out_.erase(out_.begin(), out_.begin() + static_cast<std::ptrdiff_t>(n));
  if (open_ != SIZE_MAX) open_ = 0;
  return ready;
}

void rejoin_broken_paragraphs(std::vector<Piece>& pieces) {
  Rejoiner r;
  for (Piece& p : pieces) r.push(std::move(p));
  r.finish();
  pieces = r.take_ready();
}

std::string derive_title(const Text& lead) {
  Text t = lead;
  if (starts_with(t, kDateline)) strip_front(t, kDateline.size());
  // The leading run of blanks and punctuation goes in one erase (linear, however long).
  std::size_t skip = 0;
  while (skip < t.size() && (is_blank(t[skip].c) || is_cjk_punct(t[skip].c))) ++skip;
  t.erase(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(skip));
  // A leading time phrase ends at the first comma within 10 characters and ends in a
  // time word (日, 以来, 期间, 前, 后, 时, 月, 年, 近期).
  for (std::size_t i = 0; i < t.size() && i <= 10; ++i) {
    if (t[i].c != U'，' && t[i].c != ',') continue;
    char32_t e = i ? t[i - 1].c : 0;
    bool time = e == U'日' || e == U'来' || e == U'间' || e == U'前' || e == U'后' ||
                e == U'时' || e == U'月' || e == U'年' || e == U'期' || e == U'天';
    if (time) strip_front(t, i + 1);
    break;
  }
  std::size_t end = 0;
  while (end < t.size() && t[end].c != U'，' && t[end].c != U'。' && t[end].c != U'；' &&
         t[end].c != U'！' && t[end].c != U'？' && t[end].c != U'：')
    ++end;
  t.resize(std::min<std::size_t>(end, 60));
  return to_utf8(t);
}

std::vector<Sentence> split_sentences(const std::string& text) {
  std::vector<Sentence> out;
  std::u32string u = from_utf8(text);
  std::size_t begin = 0, byte = 0;
  for (std::size_t i = 0; i < u.size(); ++i) {
    byte += utf8_size(u[i]);
    bool cut = is_terminal(u[i]) && !(i + 1 < u.size() && is_terminal(u[i + 1]));
    if (!cut) continue;
    while (i + 1 < u.size() && is_closer(u[i + 1]) && u[i + 1] != '\'' ) byte += utf8_size(u[++i]);
    out.push_back({begin, byte});
    begin = byte;
  }
  if (begin < text.size()) out.push_back({begin, text.size()});
  return out;
}

ArticleSplitter::ArticleSplitter(std::string file)
    : file_(std::move(file)), stem_(file_.substr(0, file_.rfind('.'))) {}

void ArticleSplitter::flush(const std::function<void(Article&&)>& emit) {
  Article a;
  a.id = stem_ + "#" + std::to_string(count_ + 1);
  a.file = file_;
  for (Piece& p : group_) {
    if (p.text.size() <= 1) continue;  // never a lone debris character
    if (a.title.empty() && p.type == BlockType::Title) a.title = to_utf8(p.text);
    // A bare dateline (本报讯) names no one: a reporter's byline later wins.
    const bool names = !p.dateline || contains(p.text, U"记者") || contains(p.text, U"通讯员");
    if (a.byline.empty() && p.type == BlockType::Byline && names) a.byline = to_utf8(p.text);
    Block b;
    b.type = p.type;
    b.level = p.level;
    b.start = p.text.front().s;
    b.end = p.text.front().e;
    b.char_sources.reserve(p.text.size());
    b.text.reserve(p.text.size() * 3);
    for (const Char& ch : p.text) {
      b.char_sources.push_back({static_cast<std::uint32_t>(b.text.size()), ch.s, ch.e});
      append_utf8(b.text, ch.c);
      if (ch.s < ch.e) {
        b.start = std::min<std::size_t>(b.start, ch.s);
        b.end = std::max<std::size_t>(b.end, ch.e);
      }
    }
    b.sentences = split_sentences(b.text);
    if (a.title.empty() && p.type == BlockType::Paragraph && !a.title_derived) {
      a.title = derive_title(p.text);
      a.title_derived = !a.title.empty();
    }
    b.text.shrink_to_fit();  // reserved for 3 bytes a character
    a.blocks.push_back(std::move(b));
    Text().swap(p.text);  // a 50 MB file's pieces go as its blocks are made
  }
  // A Title block found after the lead paragraph still wins over a derived title.
  for (const Block& b : a.blocks)
    if (b.type == BlockType::Title && a.title_derived) {
      a.title = b.text;
      a.title_derived = false;
      break;
    }
  group_.clear();
  if (a.blocks.empty()) return;
  ++count_;
  emit(std::move(a));
}

void ArticleSplitter::push(Piece p, const std::function<void(Article&&)>& emit) {
  bool opens = (p.type == BlockType::Paragraph && starts_with(p.text, kDateline)) ||
               (p.type == BlockType::Byline && p.dateline);
  if (!started_ || (opens && body_)) {
    if (started_) flush(emit);
    started_ = true;
    body_ = false;
  }
  body_ = body_ || p.type == BlockType::Paragraph;
  group_.push_back(std::move(p));
}

void ArticleSplitter::finish(const std::function<void(Article&&)>& emit) {
  if (started_) flush(emit);
  started_ = false;
}

std::vector<Article> split_articles(std::vector<Piece> pieces, const std::string& file) {
  std::vector<Article> articles;
  ArticleSplitter split(file);
  auto keep = [&](Article&& a) { articles.push_back(std::move(a)); };
  for (Piece& p : pieces) split.push(std::move(p), keep);
  split.finish(keep);
  return articles;
}

}  // namespace ptbrief::ingest
