// extract: clean articles → facts a briefing needs (parks, key figures, practices, topics,
// summary sentences), each carrying the raw-file span it came from.
//
// Public interface of the extract stage. Everything else in compiler/extract/ is private.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/span.h"
#include "ingest/ingest.h"

namespace ptbrief::extract {

/// A development zone or high-tech zone (or a city/province for region-wide statements).
struct Park {
  std::string name;                  ///< canonical short name: 昌吉高新区, 长丰(双凤)经开区
  std::vector<std::string> aliases;  ///< other spellings seen in the articles
  bool is_region = false;            ///< true for 自贡市, 安徽省 (city/province-wide facts)
  std::vector<std::string> articles; ///< ids of the articles that report on it
};

enum class Qualifier { Exact, About, Over, Under };
/// What a figure measures. Target: a plan, goal or forecast (力争…, 计划…, 预计…, 到2027年将
///达到…), whatever its unit — never an achievement.
enum class FigureKind { Count, Percent, Money, Growth, Area, Other, Target };
std::string_view to_string(Qualifier q);   ///< "exact", "about", "over", "under"
std::string_view to_string(FigureKind k);  ///< "count", "percent", …, "target"
/// The qualifier or kind `to_string` names `name`; nullopt for any other text.
std::optional<Qualifier> parse_qualifier(std::string_view name);
std::optional<FigureKind> parse_figure_kind(std::string_view name);
/// Every name to_string gives, for "write one of: …" hints.
std::vector<std::string> qualifier_names();
std::vector<std::string> figure_kind_names();

/// Where an extracted item sits in the ingested corpus.
struct Location {
  Span span;               ///< raw-file byte range (file base name, start, end)
  std::string article_id;  ///< ingest::Article::id
  std::size_t block = 0;   ///< index into Article::blocks
  std::size_t sentence = 0;///< index into Block::sentences
};

/// A key figure: an Arabic-digit quantity with a measure word, %, or currency.
struct Figure {
  std::string park;        ///< canonical park (or region) name
  std::string subject;     ///< what is counted, short noun phrase
  std::string value;       ///< the number as written, ASCII digits: "2360", "11.66"
  double number = 0;       ///< `value` parsed
  std::string unit;        ///< 家, 个, 万人, 亿元, %, 个百分点, 平方米, 元/月 …
  Qualifier qualifier = Qualifier::Exact;
  FigureKind kind = FigureKind::Count;
  std::string quote;       ///< the clause carrying the number, as in the cleaned text
  Location source;
  std::vector<std::string> topics;  ///< topic ids it belongs to
  /// The corrections that changed or added it, as "corrections.json $.fix[0]" (empty = as
  /// extracted). Set by apply_corrections() (extract/corrections.h).
  std::vector<std::string> corrections;
};

/// A named working method, mechanism, brand, programme, platform or model.
struct Practice {
  std::string park;
  std::string name;        ///< without surrounding quotes: 企业吹哨、部门报到, 1+1+4+n
  std::string category;    ///< head noun or kind: 工作制度, 组织架构模式, 党建品牌 …
  std::string summary;     ///< one sentence from the text that explains it
  Location source;
  std::vector<std::string> topics;
  std::vector<std::string> corrections;  ///< as Figure::corrections
};

/// A sentence ranked for a park's or a topic's summary section.
struct SummarySentence {
  std::string park;
  std::string text;
  double score = 0;        ///< higher carries more information
  Location source;
  std::vector<std::string> topics;
};

/// A briefing topic, as defined in the topics data file.
struct Topic {
  std::string id;           ///< e.g. 产业链党建
  std::string description;
};

/// An article as a brief cites it: its title and where it was published (the file's header,
/// ingest::ArticleMeta), and the reprints folded into it.
struct ArticleRef {
  std::string id;      ///< ingest::Article::id
  std::string file;    ///< base name of its file (for tools; briefs cite the fields below)
  std::string title;
  std::string source;  ///< paper or site, "" when unknown
  std::string date;    ///< YYYY-MM-DD (or as written), "" when unknown
  std::string page;    ///< 第3版, A2 …, "" when unknown
  std::string url;
  /// When this article is a near-identical copy of another (≥ 90 % of its text the same), the
  /// id of that one: its facts are counted there, once. Empty for an original.
  std::string reprint_of;
  std::vector<std::string> reprints;  ///< ids of the copies folded into this article
};

/// Everything extracted from a corpus. Vectors are in corpus order (file, then offset).
struct Facts {
  std::vector<Park> parks;
  std::vector<Figure> figures;
  std::vector<Practice> practices;
  std::vector<SummarySentence> summaries;
  std::vector<Topic> topics;
  /// Every article of the corpus in corpus order, with its metadata and reprints.
  std::vector<ArticleRef> articles;
};

/// A park as one article names it (before parks are merged across the corpus).
struct ArticlePark {
  std::string name;                    ///< canonical name
  bool is_region = false;              ///< a city, county or province
  std::vector<std::string> spellings;  ///< spellings the article uses
};

/// What reprint detection (extract/reprints.h) compares of one article: its shingles (5-character
/// windows of its normalised body text, hashed, sorted, unique) and their MinHash signature.
struct Fingerprint {
  static constexpr std::size_t kHashes = 64;  ///< signature length: 16 bands of 4 rows
  std::string article_id;
  std::vector<std::uint64_t> shingles;
  std::array<std::uint64_t, kHashes> signature{};
};

/// What extraction finds in one article alone: everything the corpus-wide steps (merge())
/// need, so it can be cached per article file and merged again without the article's text.
struct ArticleFacts {
  std::string id;                           ///< ingest::Article::id
  ArticleRef ref;                           ///< its title and metadata (no reprints yet)
  Fingerprint print;                        ///< for reprint detection across the corpus
  std::vector<ArticlePark> parks;           ///< in name order
  std::vector<Figure> figures;              ///< in text order
  std::vector<Practice> practices;          ///< in text order, repeats not yet dropped
  std::vector<SummarySentence> candidates;  ///< every body sentence, scored
  std::vector<Diagnostic> diagnostics;      ///< what extraction reported on the article
};

/// The per-article half of extract(): holds the topic catalogue, extracts one article at a
/// time. Copies share the catalogue; const use is safe from several threads.
class ArticleExtractor {
 public:
  explicit ArticleExtractor(const std::filesystem::path& topics_file);
  /// Parks, figures, practices and summary candidates of `article`; warnings also go to `sink`.
  ArticleFacts extract(const ingest::Article& article, DiagSink& sink) const;
  /// The catalogue's topics, in file order.
  const std::vector<Topic>& topics() const;

 private:
  struct Index;
  std::shared_ptr<const Index> index_;
};

/// What extraction of `article` reads besides its id, file and raw offsets: its title, byline,
/// source and blocks (type, level, text, sentences). Two articles with equal keys get the same
/// parks, practices and fingerprint.
std::string extraction_key(const ingest::Article& article);

/// The facts merge() uses of `article` when an earlier article `same_text` has its extraction
/// key, extracted with no diagnostics and a fingerprint: `article` is then a reprint of it
/// (same shingles), so its figures and summary candidates would be dropped; they are left out,
/// and its parks, practices (park, name, category) and fingerprint are `same_text`'s, under its
/// own id and metadata. Skips extracting n copies of one text again.
ArticleFacts reprint_facts(const ingest::Article& article, const ArticleFacts& same_text);

/// The corpus-wide half of extract(): parks merged in order of first appearance, a practice
/// kept once per park (its first mention), reprints folded (notes "extract.reprint" to
/// `sink`), summaries picked. `articles` in corpus order; their figures, practices and
/// candidates are moved into the result.
Facts merge(const std::vector<Topic>& topics, std::vector<ArticleFacts> articles,
            DiagSink& sink);

/// merge() one article at a time, so a corpus streams through it (make keeps only what the
/// brief can use): whether an article is a reprint depends only on the articles before it, so a
/// copy's figures, practices and summary candidates go as soon as it is added, and candidates
/// that can never be picked (score ≤ 0) are not kept. finish() gives exactly what merge() of
/// the same articles gives.
class Merger {
 public:
  explicit Merger(std::vector<Topic> topics);
  ~Merger();
  Merger(Merger&&) noexcept;
  Merger& operator=(Merger&&) noexcept;
  /// The next article, in corpus order; its facts are moved out.
  void add(ArticleFacts&& article);
  /// The corpus-wide facts; notes "extract.reprint" to `sink`. Call once.
  Facts finish(DiagSink& sink);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Extract facts from an ingested corpus (ArticleExtractor on each article, then merge()).
/// `topics_file` is the JSON topic catalogue (default: the shipped one, see
/// default_topics_file()).
Facts extract(const ingest::Corpus& corpus, const std::filesystem::path& topics_file,
              DiagSink& sink);

/// The topics file shipped with ptbrief: extract/topics.json in the data folders (see
/// find_data_file(); compiler/extract/topics.json in the source tree).
std::filesystem::path default_topics_file();

/// The park (or region) called `name`: its canonical name, an alias, or the long/short form
/// (大庆高新技术产业开发区 = 大庆高新区); nullptr when none matches.
const Park* find_park(const Facts& facts, std::string_view name);

/// Up to `n` of `names` closest to `query` (edit distance over characters), for "did you mean".
std::vector<std::string> closest_names(std::string_view query,
                                       const std::vector<std::string>& names, std::size_t n = 3);

/// The facts about one park (`park` non-empty, canonical name) or one topic (`topic`
/// non-empty, a topic id); parks, figures, practices and summaries outside it are dropped.
Facts select(const Facts& facts, std::string_view park, std::string_view topic);

/// The JSON document `ptbrief extract --format json` prints for a whole corpus: the facts
/// file of to_facts_json() without a "brief".
std::string to_json(const Facts& facts);

/// The facts file's format version ("schema" in the file); a reader refuses other numbers.
inline constexpr int kFactsSchema = 1;

/// What a facts file was extracted for: one park (`park`, canonical name), one topic (`topic`,
/// an id), or neither (the whole corpus).
struct FactsScope {
  std::string park, topic;
};

/// The self-contained facts file `ptbrief extract -o facts.json` writes: {"schema": 1,
/// "brief": {"park"|"topic"}, "articles": [{id, title, file}], "parks": [{name, aliases, kind,
/// articles}], "topics": [{id, description}], "figures": [{park, subject, value, unit,
/// qualifier, kind, quote, source: {file, start, end, article, block, sentence}, topics,
/// corrections?}], "practices": [{park, name, category, summary, source, topics,
/// corrections?}], "summaries": [{park, text, score, source, topics}]}. Everything compose
/// reads is in it, so read_facts_json(to_facts_json(f)) briefs print the same bytes.
std::string to_facts_json(const Facts& facts, const FactsScope& scope);

/// Reads a facts file (`file` names it in messages). A bad field — wrong type, unknown key,
/// unknown qualifier or kind, a park, topic or article not listed — throws ptbrief::Error
/// ("facts.invalid", "facts.json_syntax") with its line:column and JSON path. Sets `*scope`.
Facts read_facts_json(std::string_view text, const std::string& file, FactsScope* scope);

/// A stable, line-oriented text dump of everything extracted (`ptbrief debug --dump=facts`).
std::string dump(const Facts& facts);

}  // namespace ptbrief::extract
