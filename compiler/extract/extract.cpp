// extract: the stage driver — per article: views, sentences, parks, then figures, practices
// and summary candidates per sentence; finally parks merged across the corpus and summaries
// picked.
#include "extract/extract.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "extract/figures.h"
#include "extract/parks.h"
#include "extract/practices.h"
#include "extract/quantity.h"
#include "extract/reprints.h"
#include "extract/summaries.h"
#include "extract/text.h"
#include "extract/topics.h"

namespace ptbrief::extract {
namespace {

// Fewer Han characters than this and a block is noise (a stray number, a vertical headline).
constexpr std::size_t kMinBodyHan = 6;
// Longest line that still counts as a section heading when ingest calls it a paragraph.
constexpr std::size_t kMaxHeadingChars = 30;

std::size_t han_count(const std::u32string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), is_han));
}

bool has_clause_mark(const std::u32string& s) {
  return s.find_first_of(U"，。；！？") != std::u32string::npos;
}

// Character index of byte offset `byte` in the view (the character that starts at or after it).
// A line of a table or list copied as text: a park's name and one figure, nothing else
// (沭阳经济开发区2705家, 宿迁高新技术产业开发区 980家). It reads like a short heading but states
// a fact of that park, so it is body text.
bool is_park_figure_line(const TextView& v) {
  const std::u32string_view t(v.norm);
  std::size_t end = t.size();
  while (end > 0 && (t[end - 1] == U' ' || t[end - 1] == U'　')) --end;
  auto qs = scan_quantities(t.substr(0, end));
  if (qs.size() != 1 || qs[0].end != end || has_clause_mark(v.norm)) return false;
  std::size_t at = qs[0].begin;
  while (at > 0 && (t[at - 1] == U' ' || t[at - 1] == U'　')) --at;
  auto ms = find_park_mentions(t.substr(0, at));
  return ms.size() == 1 && !ms[0].bare && ms[0].begin == 0 && ms[0].end == at;
}

// A photo caption with its credit (和林格尔新区大数据产业园全景　王志刚　摄): the picture's
// subject, a space, the photographer's name and 摄 (or 摄影). Neither a heading that opens a
// section nor body text, though the parks it names still count as named.
bool is_photo_caption(const TextView& v) {
  std::u32string_view t(v.norm);
  auto space = [](char32_t c) { return c == U' ' || c == U'　' || c == U'\t'; };
  while (!t.empty() && space(t.back())) t.remove_suffix(1);
  if (t.size() > 60 || t.find(U'。') != std::u32string_view::npos) return false;
  if (t.ends_with(U"摄影")) t.remove_suffix(2);
  else if (t.ends_with(U"摄")) t.remove_suffix(1);
  else return false;
  while (!t.empty() && space(t.back())) t.remove_suffix(1);
  // The photographer: two to four Han characters after a space, with a subject before it.
  std::size_t k = t.size();
  while (k > 0 && is_han(t[k - 1]) && t.size() - k < 4) --k;
  return t.size() - k >= 2 && k >= 5 && space(t[k - 1]);
}

std::size_t char_at(const TextView& v, std::size_t byte) {
  auto it = std::lower_bound(v.bytes.begin(), v.bytes.end(), byte);
  return static_cast<std::size_t>(it - v.bytes.begin());
}

// Raw byte range of block characters [b, e): ingest's source map (Block::raw_range). A block
// built without a map (made-up text) is taken as raw bytes from its start.
Span raw_span(const ingest::Article& a, const ingest::Block& block, const TextView& v,
              std::size_t b, std::size_t e) {
  Span s;
  s.file = a.file;
  const std::size_t tb = v.bytes.at(b), te = v.bytes.at(e);
  if (block.char_sources.empty()) {
    s.start = block.start + tb;
    s.end = block.start + te;
  } else {
    std::tie(s.start, s.end) = block.raw_range(tb, te);
  }
  return s;
}

// Sentences of one block as character ranges: ingest's, or split at 。！？ when it gave none.
void collect_sentences(const ingest::Block& block, const TextView& v, std::size_t block_index,
                       std::vector<SentenceRange>& out) {
  if (!block.sentences.empty()) {
    for (std::size_t s = 0; s < block.sentences.size(); ++s)
      out.push_back({block_index, s, char_at(v, block.sentences[s].begin),
                     char_at(v, block.sentences[s].end)});
    return;
  }
  std::size_t start = 0, n = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    char32_t c = v.norm[i];
    bool end = c == U'。' || c == U'！' || c == U'？';
    if (end && i + 1 < v.size() && is_close_quote(v.norm[i + 1])) continue;
    if (end || (is_close_quote(c) && i > 0 &&
                (v.norm[i - 1] == U'。' || v.norm[i - 1] == U'！' || v.norm[i - 1] == U'？'))) {
      out.push_back({block_index, n++, start, i + 1});
      start = i + 1;
    }
  }
  if (start < v.size()) out.push_back({block_index, n, start, v.size()});
}

struct ParkBook {
  std::vector<Park> parks;
  std::map<std::string, std::size_t> index;
  std::set<std::pair<std::size_t, std::string>> cited;  // (park, article id) already listed

  Park& get(const std::string& name) {
    auto it = index.find(name);
    if (it != index.end()) return parks[it->second];
    index[name] = parks.size();
    parks.push_back(Park{name, {}, false, {}});
    return parks.back();
  }

  // Adds article `id` to park `p`'s articles once (a set, not a scan: a 50 MB file has 10^5
  // articles about one park).
  void cite(Park& p, const std::string& id) {
    if (cited.emplace(index.at(p.name), id).second) p.articles.push_back(id);
  }
};

// Diagnostics of one article go to `sink` and are kept in the result, so a cached result can
// replay them.
class KeepingSink final : public DiagSink {
 public:
  KeepingSink(DiagSink& next, std::vector<Diagnostic>& kept) : next_(next), kept_(kept) {}
  void report(const Diagnostic& d) override {
    kept_.push_back(d);
    next_.report(d);
  }

 private:
  DiagSink& next_;
  std::vector<Diagnostic>& kept_;
};

ArticleRef article_ref(const ingest::Article& a) {
  return {a.id, a.file, a.title, a.meta.source, a.meta.date, a.meta.page, a.meta.url, {}, {}};
}

ArticleFacts extract_article(const ingest::Article& a, const TopicIndex& topics, DiagSink& outer) {
  ArticleFacts out;
  out.id = a.id;
  KeepingSink sink(outer, out.diagnostics);
  // 1. Views, section headings, body blocks and sentences.
  std::vector<TextView> views;
  std::vector<bool> headings, body;
  std::string title_text = a.title;
  std::vector<SentenceRange> sentences;
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    const auto& b = a.blocks[i];
    views.push_back(make_view(b.text));
    const auto& v = views.back();
    bool short_line = v.size() <= kMaxHeadingChars && !has_clause_mark(v.norm);
    const bool figure_line = b.type != ingest::BlockType::Caption &&
                             b.type != ingest::BlockType::Byline && is_park_figure_line(v);
    const bool caption = b.type != ingest::BlockType::Title && is_photo_caption(v);
    headings.push_back(!figure_line && !caption &&
                       (b.type == ingest::BlockType::Heading ||
                        (b.type == ingest::BlockType::Paragraph && short_line)));
    body.push_back(figure_line || (!caption && b.type == ingest::BlockType::Paragraph &&
                                   !short_line && han_count(v.orig) >= kMinBodyHan));
    if (b.type == ingest::BlockType::Title && !figure_line) title_text += " " + b.text;
    collect_sentences(b, v, i, sentences);
  }
  TextView title = make_view(title_text);
  const TextView origin = make_view(a.meta.source);  // 来源：太仓新闻网 names the city

  // 2. Parks and the attribution of every sentence.
  ArticleParks ap = resolve_parks(views, headings, body, title, sentences, &origin);
  for (const auto& [name, spellings] : ap.parks)
    out.parks.push_back(ArticlePark{name, ap.is_region(name), spellings});
  out.ref = article_ref(a);
  out.print = fingerprint(a);

  // The park the headline is about (not a region).
  const std::string title_park =
      ap.parks.count(ap.default_name) && !ap.is_region(ap.default_name) ? ap.default_name : "";
  // 3. Figures, practices and summary candidates, sentence by sentence.
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const auto& sr = sentences[s];
    if (!body[sr.block]) continue;
    const auto& block = a.blocks[sr.block];
    const TextView& v = views[sr.block];
    auto location = [&](std::size_t b, std::size_t e) {
      return Location{raw_span(a, block, v, b, e), a.id, sr.block, sr.sentence};
    };
    std::u32string_view sentence_norm = std::u32string_view(v.norm).substr(sr.begin, sr.end - sr.begin);
    auto sentence_topics = topics.classify(sentence_norm);

    auto drafts = find_figures(v, sr.begin, sr.end, &sink);
    for (const auto& d : drafts) {
      Figure f;
      f.park = ap.subject_at(s, d.quantity.num_begin);
      f.subject = d.subject;
      f.value = d.quantity.value;
      f.number = d.quantity.number;
      f.unit = d.quantity.unit;
      f.qualifier = d.quantity.qualifier;
      f.kind = d.quantity.kind;
      f.quote = v.text(d.quote_begin, d.quote_end);
      f.source = location(d.quote_begin, d.quote_end);
      f.topics = topics.classify(to_u32(normalize_name(f.subject + f.quote)));
      if (f.topics.empty()) f.topics = sentence_topics;
      out.figures.push_back(std::move(f));
    }
    auto practices = find_practices(v, sr.begin, sr.end);
    for (const auto& d : practices) {
      Practice p;
      p.park = ap.subject_at(s, d.begin);
      // 璧山高新区 | “链上党建”让企业抱团发展: a practice the headline names with its park is
      // that park's, even where the body mentions it in a city-wide clause.
      if (!title_park.empty() && p.park != title_park &&
          title.norm.find(U"“" + to_u32(normalize_name(d.name)) + U"”") != std::u32string::npos)
        p.park = title_park;
      p.name = d.name;
      p.category = d.category;
      p.summary = trim_lead_in(v.text(sr.begin, sr.end));
      p.source = location(d.begin, d.end);
      p.topics = topics.classify(to_u32(normalize_name(p.name + p.category)));
      for (const auto& t : sentence_topics)
        if (p.topics.size() < 2 && std::find(p.topics.begin(), p.topics.end(), t) == p.topics.end())
          p.topics.push_back(t);
      // 营口高新区与鞍山高新区…共同成立“辽河两岸”产业链党建联盟: a practice the partners set
      // up together is each partner's too.
      if (s < ap.partners.size() && !ap.partners[s].empty() &&
          (sentence_norm.find(U"共同") != std::u32string_view::npos ||
           sentence_norm.find(U"联合成立") != std::u32string_view::npos ||
           sentence_norm.find(U"携手") != std::u32string_view::npos ||
           sentence_norm.find(U"共建") != std::u32string_view::npos))
        for (std::uint32_t idx : ap.partners[s])
          if (const std::string& partner = ap.names.at(idx); !partner.empty() && partner != p.park) {
            Practice copy = p;
            copy.park = partner;
            out.practices.push_back(std::move(copy));
          }
      out.practices.push_back(std::move(p));
    }
    SummarySentence c;
    c.park = ap.subject_at(s, sr.begin);
    c.text = trim_lead_in(v.text(sr.begin, sr.end));
    c.score = information_score(sentence_norm, drafts.size(), practices.size());
    c.source = location(sr.begin, sr.end);
    c.topics = sentence_topics;
    out.candidates.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::string_view to_string(Qualifier q) {
  switch (q) {
    case Qualifier::Exact: return "exact";
    case Qualifier::About: return "about";
    case Qualifier::Over: return "over";
    case Qualifier::Under: return "under";
  }
  return "exact";
}

std::string_view to_string(FigureKind k) {
  switch (k) {
    case FigureKind::Count: return "count";
    case FigureKind::Percent: return "percent";
    case FigureKind::Money: return "money";
    case FigureKind::Growth: return "growth";
    case FigureKind::Area: return "area";
    case FigureKind::Other: return "other";
    case FigureKind::Target: return "target";
  }
  return "other";
}

struct ArticleExtractor::Index {
  std::vector<Topic> topics;
  TopicIndex index;
};

ArticleExtractor::ArticleExtractor(const std::filesystem::path& topics_file) {
  auto rules = load_topics(topics_file);
  std::vector<Topic> topics;
  for (const auto& t : rules) topics.push_back(t.topic);
  index_ = std::make_shared<const Index>(Index{std::move(topics), TopicIndex(rules)});
}

const std::vector<Topic>& ArticleExtractor::topics() const { return index_->topics; }

ArticleFacts ArticleExtractor::extract(const ingest::Article& article, DiagSink& sink) const {
  return extract_article(article, index_->index, sink);
}

std::string extraction_key(const ingest::Article& a) {
  std::string k;
  auto put = [&](std::string_view s) {
    k += std::to_string(s.size());
    k += ':';
    k += s;
  };
  put(a.title);
  put(a.byline);
  put(a.meta.source);
  k += a.title_derived ? '1' : '0';
  for (const auto& b : a.blocks) {
    k += std::to_string(static_cast<int>(b.type)) + '/' + std::to_string(b.level) + '/';
    put(b.text);
    for (const auto& s : b.sentences) k += std::to_string(s.begin) + ',' + std::to_string(s.end) + ';';
  }
  return k;
}

ArticleFacts reprint_facts(const ingest::Article& a, const ArticleFacts& same_text) {
  ArticleFacts out;
  out.id = a.id;
  out.ref = article_ref(a);
  out.print.article_id = a.id;
  out.print.shingles = same_text.print.shingles;
  out.print.signature = same_text.print.signature;
  out.parks = same_text.parks;
  for (const auto& p : same_text.practices) {
    Practice q;
    q.park = p.park;
    q.name = p.name;
    q.category = p.category;
    q.source.article_id = a.id;
    out.practices.push_back(std::move(q));
  }
  return out;
}

struct Merger::State {
  Facts facts;
  ParkBook book;
  ReprintFinder reprints;
  std::vector<SummarySentence> candidates;
  std::set<std::string> seen_practices;  // park, name, category: the first mention is kept
};

Merger::Merger(std::vector<Topic> topics) : state_(std::make_unique<State>()) {
  state_->facts.topics = std::move(topics);
}
Merger::~Merger() = default;
Merger::Merger(Merger&&) noexcept = default;
Merger& Merger::operator=(Merger&&) noexcept = default;

void Merger::add(ArticleFacts&& a) {
  State& st = *state_;
  // 1. Reprints, from the fingerprints alone and the articles before this one: a copy's
  // figures, practices and candidates never join the corpus's (fold_reprints in finish()
  // finds none left to drop).
  const bool copy = st.reprints.add(std::move(a.print));
  // The article's parks join the corpus-wide list, in order of first appearance (a copy's too:
  // its spellings count); a copy is not cited (fold_reprints would take it out again).
  for (const auto& ap : a.parks) {
    Park& p = st.book.get(ap.name);
    p.is_region = p.is_region || ap.is_region;
    for (const auto& s : ap.spellings)
      if (std::find(p.aliases.begin(), p.aliases.end(), s) == p.aliases.end())
        p.aliases.push_back(s);
    if (!copy) st.book.cite(p, a.id);
  }
  st.facts.articles.push_back(std::move(a.ref));
  // 2. Figures as they are; a practice once per park (a copy's mention counts as the first,
  // as when copies were dropped after the merge); summary candidates pooled, except those
  // pick_summaries never takes (score ≤ 0).
  if (!copy) std::move(a.figures.begin(), a.figures.end(), std::back_inserter(st.facts.figures));
  for (auto& p : a.practices)
    if (st.seen_practices.insert(p.park + '\x1f' + p.name + '\x1f' + p.category).second && !copy)
      st.facts.practices.push_back(std::move(p));
  if (!copy)
    for (auto& c : a.candidates)
      if (c.score > 0) st.candidates.push_back(std::move(c));
  a = ArticleFacts{};  // its moved-from vectors go now, not after the whole corpus
}

Facts Merger::finish(DiagSink& sink) {
  State& st = *state_;
  Facts facts = std::move(st.facts);
  facts.parks = std::move(st.book.parks);
  // 3. Reprints: near-identical articles count once, both are cited.
  fold_reprints(st.reprints.groups(), facts, st.candidates, sink);
  // 4. Parks in order of first appearance; the few most informative sentences.
  facts.summaries = pick_summaries(std::move(st.candidates));
  state_ = std::make_unique<State>();
  return facts;
}

Facts merge(const std::vector<Topic>& topics, std::vector<ArticleFacts> articles,
            DiagSink& sink) {
  Merger merger(topics);
  for (ArticleFacts& a : articles) merger.add(std::move(a));
  return merger.finish(sink);
}

Facts extract(const ingest::Corpus& corpus, const std::filesystem::path& topics_file,
              DiagSink& sink) {
  const ArticleExtractor extractor(topics_file);                    // the topic catalogue
  std::vector<ArticleFacts> per_article;                            // each article alone
  per_article.reserve(corpus.articles.size());
  for (const auto& a : corpus.articles) per_article.push_back(extractor.extract(a, sink));
  return merge(extractor.topics(), std::move(per_article), sink);   // across the corpus
}

}  // namespace ptbrief::extract
