// The fact cache's binary entry format: little-endian varints, length-prefixed strings, IEEE
// doubles as 8 bytes; a header with a format version and the payload's CRC-32 so a torn,
// truncated or altered entry is rejected (and rebuilt), never trusted.
#include "cache/record.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "base/hash.h"

namespace ptbrief::cache {
namespace {

constexpr char kMagic[8] = {'P', 'T', 'B', 'F', 'C', 'A', 'C', 'H'};
// Bump when the payload changes (a field added to a cached type below).
constexpr std::uint32_t kFormatVersion = 4;  // 2: ArticleRef, Fingerprint, ArticleMeta, Block::sentences; 3: corpus entries; 4: CRC-32 for SHA-256

#if defined(__GLIBCXX__) && defined(__x86_64__) && !defined(_GLIBCXX_DEBUG)
// A field added to one of these types must be written and read below (and kFormatVersion
// bumped); these sizes make the compiler say so.
static_assert(sizeof(extract::Figure) == 320, "extract::Figure changed: update cache/record.cpp");
static_assert(sizeof(extract::Practice) == 272, "extract::Practice changed: update cache/record.cpp");
static_assert(sizeof(extract::SummarySentence) == 192, "SummarySentence changed: update cache/record.cpp");
static_assert(sizeof(extract::ArticlePark) == 64, "ArticlePark changed: update cache/record.cpp");
static_assert(sizeof(extract::ArticleFacts) == 1000, "ArticleFacts changed: update cache/record.cpp");
static_assert(sizeof(extract::ArticleRef) == 280, "ArticleRef changed: update cache/record.cpp");
static_assert(sizeof(extract::Fingerprint) == 568, "Fingerprint changed: update cache/record.cpp");
static_assert(sizeof(ingest::Article) == 352, "ingest::Article changed: update cache/record.cpp");
static_assert(sizeof(ingest::Block) == 104, "ingest::Block changed: update cache/record.cpp");
static_assert(sizeof(ingest::SourceFile) == 144, "SourceFile changed: update cache/record.cpp");
static_assert(sizeof(Diagnostic) == 192, "Diagnostic changed: update cache/record.cpp");
#endif

// Thrown by Reader on anything malformed; decode() turns it into "no entry".
struct Corrupt {};

class Writer {
 public:
  void u(std::uint64_t v) {
    while (v >= 0x80) {
      out += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out += static_cast<char>(v);
  }
  void i(long long v) { u((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }
  void b(bool v) { out += v ? '\1' : '\0'; }
  void fixed64(std::uint64_t v) {
    for (int k = 0; k < 8; ++k) out += static_cast<char>((v >> (8 * k)) & 0xff);
  }
  void f(double v) {
    auto bits = std::bit_cast<std::uint64_t>(v);
    for (int k = 0; k < 8; ++k) out += static_cast<char>((bits >> (8 * k)) & 0xff);
  }
  void s(std::string_view v) {
    u(v.size());
    out.append(v);
  }
  void strings(const std::vector<std::string>& v) {
    u(v.size());
    for (const auto& x : v) s(x);
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint64_t u() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) throw Corrupt{};
      const auto c = static_cast<unsigned char>(in_[pos_++]);
      v |= std::uint64_t(c & 0x7f) << shift;
      if (!(c & 0x80)) return v;
    }
    throw Corrupt{};
  }
  long long i() {
    const std::uint64_t z = u();
    return static_cast<long long>((z >> 1) ^ (~(z & 1) + 1));
  }
  bool b() {
    const std::uint64_t v = u();
    if (v > 1) throw Corrupt{};
    return v == 1;
  }
  std::uint64_t fixed64() {
    if (in_.size() - pos_ < 8) throw Corrupt{};
    std::uint64_t bits = 0;
    for (int k = 0; k < 8; ++k) bits |= std::uint64_t(static_cast<unsigned char>(in_[pos_ + k])) << (8 * k);
    pos_ += 8;
    return bits;
  }
  double f() { return std::bit_cast<double>(fixed64()); }
  std::string s() {
    const std::uint64_t n = u();
    if (n > in_.size() - pos_) throw Corrupt{};
    std::string v(in_.substr(pos_, n));
    pos_ += n;
    return v;
  }
  /// A count of items that take at least one byte each: never more than the bytes left.
  std::size_t count() {
    const std::uint64_t n = u();
    if (n > in_.size() - pos_) throw Corrupt{};
    return static_cast<std::size_t>(n);
  }
  /// An enum stored as its index, below `limit`.
  int choice(int limit) {
    const std::uint64_t v = u();
    if (v >= static_cast<std::uint64_t>(limit)) throw Corrupt{};
    return static_cast<int>(v);
  }
  std::vector<std::string> strings() {
    std::vector<std::string> v(count());
    for (auto& x : v) x = s();
    return v;
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

// --- one write/read pair per cached type, field by field in declaration order ---

void put(Writer& w, const Diagnostic& d) {
  w.u(static_cast<std::uint64_t>(d.severity));
  w.s(d.code);
  w.s(d.message);
  w.s(d.hint);
  w.s(d.file);
  w.u(d.line);
  w.u(d.column);
  w.i(d.offset);
  w.s(d.json_path);
}
void get(Reader& r, Diagnostic& d) {
  d.severity = static_cast<Severity>(r.choice(3));
  d.code = r.s();
  d.message = r.s();
  d.hint = r.s();
  d.file = r.s();
  d.line = r.u();
  d.column = r.u();
  d.offset = r.i();
  d.json_path = r.s();
}

void put(Writer& w, const extract::Location& l) {
  w.s(l.span.file);
  w.u(l.span.start);
  w.u(l.span.end);
  w.s(l.article_id);
  w.u(l.block);
  w.u(l.sentence);
}
void get(Reader& r, extract::Location& l) {
  l.span.file = r.s();
  l.span.start = r.u();
  l.span.end = r.u();
  if (l.span.start > l.span.end) throw Corrupt{};
  l.article_id = r.s();
  l.block = r.u();
  l.sentence = r.u();
}

void put(Writer& w, const extract::Figure& f) {
  w.s(f.park);
  w.s(f.subject);
  w.s(f.value);
  w.f(f.number);
  w.s(f.unit);
  w.u(static_cast<std::uint64_t>(f.qualifier));
  w.u(static_cast<std::uint64_t>(f.kind));
  w.s(f.quote);
  put(w, f.source);
  w.strings(f.topics);
}
void get(Reader& r, extract::Figure& f) {
  f.park = r.s();
  f.subject = r.s();
  f.value = r.s();
  f.number = r.f();
  f.unit = r.s();
  f.qualifier = static_cast<extract::Qualifier>(r.choice(4));
  f.kind = static_cast<extract::FigureKind>(r.choice(7));
  f.quote = r.s();
  get(r, f.source);
  f.topics = r.strings();
}

void put(Writer& w, const extract::Practice& p) {
  w.s(p.park);
  w.s(p.name);
  w.s(p.category);
  w.s(p.summary);
  put(w, p.source);
  w.strings(p.topics);
}
void get(Reader& r, extract::Practice& p) {
  p.park = r.s();
  p.name = r.s();
  p.category = r.s();
  p.summary = r.s();
  get(r, p.source);
  p.topics = r.strings();
}

void put(Writer& w, const extract::SummarySentence& c) {
  w.s(c.park);
  w.s(c.text);
  w.f(c.score);
  put(w, c.source);
  w.strings(c.topics);
}
void get(Reader& r, extract::SummarySentence& c) {
  c.park = r.s();
  c.text = r.s();
  c.score = r.f();
  get(r, c.source);
  c.topics = r.strings();
}

template <class T>
void put_all(Writer& w, const std::vector<T>& v) {
  w.u(v.size());
  for (const auto& x : v) put(w, x);
}
template <class T>
void get_all(Reader& r, std::vector<T>& v) {
  v.resize(r.count());
  for (auto& x : v) get(r, x);
}

void put(Writer& w, const extract::ArticlePark& p) {
  w.s(p.name);
  w.b(p.is_region);
  w.strings(p.spellings);
}
void get(Reader& r, extract::ArticlePark& p) {
  p.name = r.s();
  p.is_region = r.b();
  p.spellings = r.strings();
}

// Before corrections: Figure::corrections and Practice::corrections are not stored (empty).
// Reprint fields (reprint_of, reprints) are set by merge(), never cached.
void put(Writer& w, const extract::ArticleRef& a) {
  w.s(a.id);
  w.s(a.file);
  w.s(a.title);
  w.s(a.source);
  w.s(a.date);
  w.s(a.page);
  w.s(a.url);
}
void get(Reader& r, extract::ArticleRef& a) {
  a.id = r.s();
  a.file = r.s();
  a.title = r.s();
  a.source = r.s();
  a.date = r.s();
  a.page = r.s();
  a.url = r.s();
}

void put(Writer& w, const extract::Fingerprint& f) {
  w.s(f.article_id);
  w.u(f.shingles.size());
  for (auto x : f.shingles) w.fixed64(x);
  for (auto x : f.signature) w.fixed64(x);
}
void get(Reader& r, extract::Fingerprint& f) {
  f.article_id = r.s();
  f.shingles.resize(r.count());
  for (auto& x : f.shingles) x = r.fixed64();
  for (auto& x : f.signature) x = r.fixed64();
  // find_reprints relies on sorted, unique shingles (it merges them to count the overlap).
  for (std::size_t k = 1; k < f.shingles.size(); ++k)
    if (f.shingles[k - 1] >= f.shingles[k]) throw Corrupt{};
}

void put(Writer& w, const extract::ArticleFacts& a) {
  w.s(a.id);
  put(w, a.ref);
  put(w, a.print);
  put_all(w, a.parks);
  put_all(w, a.figures);
  put_all(w, a.practices);
  put_all(w, a.candidates);
  put_all(w, a.diagnostics);
}
void get(Reader& r, extract::ArticleFacts& a) {
  a.id = r.s();
  get(r, a.ref);
  get(r, a.print);
  get_all(r, a.parks);
  get_all(r, a.figures);
  get_all(r, a.practices);
  get_all(r, a.candidates);
  get_all(r, a.diagnostics);
}

void put(Writer& w, const ingest::Block& b) {
  w.u(static_cast<std::uint64_t>(b.type));
  w.i(b.level);
  w.s(b.text);
  w.u(b.start);
  w.u(b.end);
  w.u(b.sentences.size());
  for (const auto& x : b.sentences) {
    w.u(x.begin);
    w.u(x.end);
  }
}
void get(Reader& r, ingest::Block& b) {
  b.type = static_cast<ingest::BlockType>(r.choice(7));
  b.level = static_cast<int>(r.i());
  b.text = r.s();
  b.start = r.u();
  b.end = r.u();
  if (b.start > b.end) throw Corrupt{};
  b.sentences.resize(r.count());
  for (auto& x : b.sentences) {
    x.begin = r.u();
    x.end = r.u();
    if (x.begin > x.end || x.end > b.text.size()) throw Corrupt{};
  }
}

void put(Writer& w, const ingest::Article& a) {
  w.s(a.id);
  w.s(a.file);
  w.s(a.title);
  w.b(a.title_derived);
  w.s(a.byline);
  w.s(a.meta.title);
  w.s(a.meta.source);
  w.s(a.meta.date);
  w.s(a.meta.page);
  w.s(a.meta.url);
  w.s(a.meta.author);
  put_all(w, a.blocks);
}
void get(Reader& r, ingest::Article& a) {
  a.id = r.s();
  a.file = r.s();
  a.title = r.s();
  a.title_derived = r.b();
  a.byline = r.s();
  a.meta.title = r.s();
  a.meta.source = r.s();
  a.meta.date = r.s();
  a.meta.page = r.s();
  a.meta.url = r.s();
  a.meta.author = r.s();
  get_all(r, a.blocks);
}

void put(Writer& w, const extract::Park& p) {
  w.s(p.name);
  w.strings(p.aliases);
  w.b(p.is_region);
  w.strings(p.articles);
}
void get(Reader& r, extract::Park& p) {
  p.name = r.s();
  p.aliases = r.strings();
  p.is_region = r.b();
  p.articles = r.strings();
}
void put(Writer& w, const extract::Topic& t) {
  w.s(t.id);
  w.s(t.description);
}
void get(Reader& r, extract::Topic& t) {
  t.id = r.s();
  t.description = r.s();
}
void put(Writer& w, const ingest::SourceFile& f) {
  w.s(f.name);
  w.s(f.path.string());
  w.s(f.encoding);
  w.u(f.size);
  w.s(f.content_hash);
}
void get(Reader& r, ingest::SourceFile& f) {
  f.name = r.s();
  f.path = r.s();
  f.encoding = r.s();
  f.size = r.u();
  f.content_hash = r.s();
}

// The merged facts (after merge(): reprint fields set, corrections not yet applied).
std::string payload_of(const CorpusRecord& rec) {
  Writer w;
  w.u(rec.files.size());
  for (const auto& f : rec.files) put(w, f);
  put_all(w, rec.articles);
  put_all(w, rec.facts.parks);
  put_all(w, rec.facts.figures);
  put_all(w, rec.facts.practices);
  put_all(w, rec.facts.summaries);
  put_all(w, rec.facts.topics);
  w.u(rec.facts.articles.size());
  for (const auto& a : rec.facts.articles) {
    put(w, a);
    w.s(a.reprint_of);
    w.strings(a.reprints);
  }
  put_all(w, rec.diagnostics);
  return std::move(w.out);
}

CorpusRecord corpus_record_of(std::string_view payload) {
  Reader r(payload);
  CorpusRecord rec;
  rec.files.resize(r.count());
  for (auto& f : rec.files) get(r, f);
  get_all(r, rec.articles);
  get_all(r, rec.facts.parks);
  get_all(r, rec.facts.figures);
  get_all(r, rec.facts.practices);
  get_all(r, rec.facts.summaries);
  get_all(r, rec.facts.topics);
  rec.facts.articles.resize(r.count());
  for (auto& a : rec.facts.articles) {
    get(r, a);
    a.reprint_of = r.s();
    a.reprints = r.strings();
  }
  get_all(r, rec.diagnostics);
  if (!r.done() || rec.facts.articles.size() != rec.articles.size()) throw Corrupt{};
  for (std::size_t k = 0; k < rec.articles.size(); ++k)
    if (rec.facts.articles[k].id != rec.articles[k].id) throw Corrupt{};
  return rec;
}

std::string payload_of(const FileRecord& rec) {
  Writer w;
  w.s(rec.file.name);
  w.s(rec.file.encoding);
  w.u(rec.file.size);
  w.s(rec.file.content_hash);
  put_all(w, rec.ingest_diagnostics);
  put_all(w, rec.articles);
  put_all(w, rec.facts);
  return std::move(w.out);
}

FileRecord record_of(std::string_view payload) {
  Reader r(payload);
  FileRecord rec;
  rec.file.name = r.s();
  rec.file.encoding = r.s();
  rec.file.size = r.u();
  rec.file.content_hash = r.s();
  get_all(r, rec.ingest_diagnostics);
  get_all(r, rec.articles);
  get_all(r, rec.facts);
  if (!r.done() || rec.facts.size() != rec.articles.size()) throw Corrupt{};
  for (std::size_t k = 0; k < rec.articles.size(); ++k)
    if (rec.facts[k].id != rec.articles[k].id || rec.facts[k].ref.id != rec.articles[k].id ||
        rec.articles[k].file != rec.file.name ||
        (!rec.facts[k].print.article_id.empty() && rec.facts[k].print.article_id != rec.articles[k].id))
      throw Corrupt{};
  return rec;
}

void put_fixed(std::string& out, std::uint64_t v, int bytes) {
  for (int k = 0; k < bytes; ++k) out += static_cast<char>((v >> (8 * k)) & 0xff);
}
std::uint64_t get_fixed(std::string_view in, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int k = 0; k < bytes; ++k) v |= std::uint64_t(static_cast<unsigned char>(in[at + k])) << (8 * k);
  return v;
}

// Header: magic (8), format version (4), key length (2), key, payload length (8), payload
// CRC-32 (4). The checksum finds a torn or damaged entry (SHA-256 over a 1,000-file corpus
// entry took ~0.9 ms of a 30 ms brief); the key says what the entry is for.
constexpr std::size_t kFixedHeader = 8 + 4 + 2 + 8 + 4;

}  // namespace

void make_lean(std::vector<ingest::Article>& articles) {
  for (auto& a : articles)
    for (auto& b : a.blocks) b.char_sources = {};
}

namespace {

// The header and the payload after it.
std::string wrap(const std::string& payload, std::string_view key) {
  std::string out(kMagic, sizeof kMagic);
  put_fixed(out, kFormatVersion, 4);
  put_fixed(out, key.size(), 2);
  out.append(key);
  put_fixed(out, payload.size(), 8);
  put_fixed(out, crc32(payload), 4);
  out.append(payload);
  return out;
}

// The payload of a whole, unaltered entry for `key`.
std::optional<std::string_view> unwrap(std::string_view bytes, std::string_view key) {
  if (bytes.size() < kFixedHeader + key.size()) return std::nullopt;
  if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return std::nullopt;
  std::size_t at = sizeof kMagic;
  if (get_fixed(bytes, at, 4) != kFormatVersion) return std::nullopt;
  at += 4;
  if (get_fixed(bytes, at, 2) != key.size() || bytes.substr(at + 2, key.size()) != key)
    return std::nullopt;
  at += 2 + key.size();
  const std::uint64_t length = get_fixed(bytes, at, 8);
  at += 8;
  const std::uint64_t sum = get_fixed(bytes, at, 4);
  at += 4;
  if (length != bytes.size() - at) return std::nullopt;
  const std::string_view payload = bytes.substr(at);
  if (crc32(payload) != sum) return std::nullopt;
  return payload;
}

}  // namespace

std::string encode(const FileRecord& record, std::string_view key) {
  return wrap(payload_of(record), key);
}

std::optional<FileRecord> decode(std::string_view bytes, std::string_view key) {
  const auto payload = unwrap(bytes, key);
  if (!payload) return std::nullopt;
  try {
    return record_of(*payload);
  } catch (const Corrupt&) {
    return std::nullopt;
  }
}

std::string encode(const CorpusRecord& record, std::string_view key) {
  return wrap(payload_of(record), key);
}

std::optional<CorpusRecord> decode_corpus(std::string_view bytes, std::string_view key) {
  const auto payload = unwrap(bytes, key);
  if (!payload) return std::nullopt;
  try {
    return corpus_record_of(*payload);
  } catch (const Corrupt&) {
    return std::nullopt;
  }
}

void rename(FileRecord& record, const std::string& to) {
  const std::string from = record.file.name;
  if (from == to) return;
  const std::string old_stem = std::filesystem::path(from).stem().string() + "#";
  const std::string new_stem = std::filesystem::path(to).stem().string() + "#";
  auto id = [&](std::string& s) {
    if (s.starts_with(old_stem)) s = new_stem + s.substr(old_stem.size());
  };
  auto file = [&](std::string& s) {
    if (s == from) s = to;
  };
  auto location = [&](extract::Location& l) {
    file(l.span.file);
    id(l.article_id);
  };
  record.file.name = to;
  for (auto& d : record.ingest_diagnostics) file(d.file);
  for (auto& a : record.articles) {
    id(a.id);
    file(a.file);
  }
  for (auto& a : record.facts) {
    id(a.id);
    id(a.ref.id);
    file(a.ref.file);
    id(a.print.article_id);
    for (auto& f : a.figures) location(f.source);
    for (auto& p : a.practices) location(p.source);
    for (auto& c : a.candidates) location(c.source);
    for (auto& d : a.diagnostics) file(d.file);
  }
}

}  // namespace ptbrief::cache
