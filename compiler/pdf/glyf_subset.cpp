// ptbrief's TrueType subsetter (see glyf_subset.h). Chapter names cite the OpenType spec.
#include "pdf/glyf_subset.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/diagnostic.h"
#include "base/limits.h"

namespace ptbrief::pdf::glyf {
namespace {

[[noreturn]] void malformed(const std::string& what) {
  Diagnostic d;
  d.code = "pdf.font";
  d.message = "malformed TrueType font: " + what;
  d.hint = "the font file is damaged or not a valid TrueType font; reinstall it or choose "
           "another font for this role";
  throw Error(d);
}

std::string num(std::size_t v) { return std::to_string(v); }

struct Reader {
  std::string_view b;
  const char* name;
  unsigned u8(std::size_t at) const {
    if (at >= b.size())
      malformed(std::string(name) + ": offset " + num(at) + " past the end (" + num(b.size()) + " bytes)");
    return static_cast<unsigned char>(b[at]);
  }
  unsigned u16(std::size_t at) const { return u8(at) << 8 | u8(at + 1); }
  std::uint32_t u32(std::size_t at) const {
    return std::uint32_t{u16(at)} << 16 | u16(at + 2);
  }
};

void put16(std::string& s, std::size_t at, unsigned v) {
  s[at] = static_cast<char>((v >> 8) & 0xff);
  s[at + 1] = static_cast<char>(v & 0xff);
}
void put32(std::string& s, std::size_t at, std::uint32_t v) {
  put16(s, at, v >> 16);
  put16(s, at + 2, v & 0xffff);
}
void append16(std::string& s, unsigned v) {
  s += static_cast<char>((v >> 8) & 0xff);
  s += static_cast<char>(v & 0xff);
}
void append32(std::string& s, std::uint32_t v) {
  append16(s, v >> 16);
  append16(s, v & 0xffff);
}

// Composite glyph flags ("glyf": Composite Glyph Description).
constexpr unsigned kArgsAreWords = 0x0001, kHaveScale = 0x0008, kMoreComponents = 0x0020,
                   kXYScale = 0x0040, kTwoByTwo = 0x0080, kHaveInstructions = 0x0100;

class Font {
 public:
  explicit Font(const Tables& t) : t_(t) {
    if (t.head.size() < 54) malformed("head table missing or shorter than 54 bytes");
    if (t.maxp.size() < 6) malformed("maxp table missing or shorter than 6 bytes");
    if (t.hhea.size() < 36) malformed("hhea table missing or shorter than 36 bytes");
    glyphs_ = Reader{t.maxp, "maxp"}.u16(4);
    metrics_ = Reader{t.hhea, "hhea"}.u16(34);
    long_loca_ = Reader{t.head, "head"}.u16(50) != 0;
    if (glyphs_ == 0) malformed("maxp says the font has no glyphs");
    if (metrics_ == 0 || metrics_ > glyphs_) malformed("hhea numberOfHMetrics " + num(metrics_));
    if (t.hmtx.size() < 4 * metrics_ + 2 * (glyphs_ - metrics_)) malformed("hmtx table too short");
    if (t.loca.size() < (glyphs_ + 1) * (long_loca_ ? 4 : 2)) malformed("loca table too short");
  }
  std::size_t glyphs() const { return glyphs_; }

  std::string_view glyph(std::size_t gid) const {
    Reader loca{t_.loca, "loca"};
    std::size_t a = long_loca_ ? loca.u32(4 * gid) : 2 * std::size_t{loca.u16(2 * gid)};
    std::size_t z = long_loca_ ? loca.u32(4 * gid + 4) : 2 * std::size_t{loca.u16(2 * gid + 2)};
    if (a > z || z > t_.glyf.size())
      malformed("loca: glyph " + num(gid) + " at " + num(a) + "…" + num(z) + " out of order or past glyf's " +
                num(t_.glyf.size()) + " bytes");
    return t_.glyf.substr(a, z - a);
  }
  std::pair<unsigned, unsigned> metric(std::size_t gid) const {  // advance, lsb
    Reader h{t_.hmtx, "hmtx"};
    if (gid < metrics_) return {h.u16(4 * gid), h.u16(4 * gid + 2)};
    return {h.u16(4 * (metrics_ - 1)), h.u16(4 * metrics_ + 2 * (gid - metrics_))};
  }

 private:
  const Tables& t_;
  std::size_t glyphs_ = 0, metrics_ = 0;
  bool long_loca_ = false;
};

/// Calls f(offset of the glyphIndex field, flags) for each component of a composite glyph;
/// returns the offset just past the last component.
template <typename F>
std::size_t for_each_component(std::string_view g, std::size_t gid, F&& f) {
  Reader r{g, "glyf"};
  std::size_t at = 10;
  unsigned flags = 0;
  std::size_t count = 0;
  do {
    flags = r.u16(at);
    f(at + 2, flags);
    at += 4 + ((flags & kArgsAreWords) ? 4 : 2);
    if (flags & kHaveScale) at += 2;
    else if (flags & kXYScale) at += 4;
    else if (flags & kTwoByTwo) at += 8;
    if (at > g.size()) malformed("composite glyph " + num(gid) + " is truncated");
    if (++count > 0xffff) malformed("composite glyph " + num(gid) + " has too many components");
  } while (flags & kMoreComponents);
  return at;
}

bool composite(std::string_view g) {
  return g.size() >= 10 && (static_cast<unsigned char>(g[0]) & 0x80) != 0;
}

/// Adds `gid` and (depth-first) its components to `keep`; `path` holds the glyphs being
/// expanded, to catch a composite that contains itself.
void close_over(const Font& font, std::size_t gid, int depth, std::set<std::uint32_t>& keep,
                std::vector<std::size_t>& path) {
  if (std::find(path.begin(), path.end(), gid) != path.end())
    malformed("composite glyph " + num(gid) + " contains itself");
  if (!keep.insert(static_cast<std::uint32_t>(gid)).second) return;
  std::string_view g = font.glyph(gid);
  if (!composite(g)) return;
  if (depth >= limits::kMaxCompositeDepth)
    malformed("composite glyphs nest deeper than " + num(limits::kMaxCompositeDepth) + " at glyph " + num(gid));
  path.push_back(gid);
  for_each_component(g, gid, [&](std::size_t at, unsigned) {
    std::size_t c = Reader{g, "glyf"}.u16(at);
    if (c >= font.glyphs()) malformed("composite glyph " + num(gid) + " refers to glyph " + num(c) + " past the last");
    close_over(font, c, depth + 1, keep, path);
  });
  path.pop_back();
}

/// Glyph `gid`'s data for the subset: components renumbered, instructions left out if asked.
std::string rewrite_glyph(std::string_view g, std::size_t gid,
                          const std::map<std::uint32_t, std::uint32_t>& new_gid, bool drop_hints) {
  if (g.empty()) return {};
  Reader r{g, "glyf"};
  if (g.size() < 10) malformed("glyph " + num(gid) + " is shorter than its header");
  std::string out(g);
  if (composite(g)) {
    std::size_t end = for_each_component(g, gid, [&](std::size_t at, unsigned) {
      put16(out, at, new_gid.at(r.u16(at)));
    });
    if (drop_hints) {
      for_each_component(g, gid, [&](std::size_t at, unsigned flags) {
        put16(out, at - 2, flags & ~kHaveInstructions);
      });
      out.resize(end);
    }
    return out;
  }
  if (!drop_hints) return out;
  std::size_t contours = r.u16(0);
  std::size_t at = 10 + 2 * contours;  // instructionLength
  std::size_t len = r.u16(at);
  if (at + 2 + len > g.size()) malformed("glyph " + num(gid) + ": instructions run past its end");
  return out.substr(0, at) + std::string("\0\0", 2) + out.substr(at + 2 + len);
}

std::uint32_t checksum(std::string_view s) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < s.size(); i += 4) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k)
      v = v << 8 | (i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u);
    sum += v;
  }
  return sum;
}

}  // namespace

Subset subset(const Tables& t, const std::vector<std::uint32_t>& wanted, bool drop_hints) {
  Font font(t);
  std::set<std::uint32_t> keep;
  std::vector<std::size_t> path;
  keep.insert(0);  // .notdef first, without its outline (see below)
  for (std::uint32_t g : wanted) {
    if (g >= font.glyphs())
      malformed("glyph " + num(g) + " past the font's " + num(font.glyphs()) + " glyphs");
    close_over(font, g, 0, keep, path);
  }
  Subset out;
  out.gids.assign(keep.begin(), keep.end());
  std::map<std::uint32_t, std::uint32_t> new_gid;
  for (std::size_t i = 0; i < out.gids.size(); ++i) new_gid[out.gids[i]] = static_cast<std::uint32_t>(i);
  const std::size_t n = out.gids.size();

  // glyf and loca.
  std::string glyf;
  std::vector<std::size_t> offsets{0};
  for (std::uint32_t g : out.gids) {
    // .notdef is written empty, as hb-subset does (without HB_SUBSET_FLAGS_NOTDEF_OUTLINE):
    // a character no font has shows as a blank of .notdef's width, its text in /ActualText.
    if (g != 0) glyf += rewrite_glyph(font.glyph(g), g, new_gid, drop_hints);
    if (glyf.size() % 2) glyf += '\0';
    offsets.push_back(glyf.size());
  }
  if (glyf.empty()) glyf.assign(2, '\0');  // some consumers refuse an empty glyf table
  bool long_loca = glyf.size() > 2 * 0xffffu;
  std::string loca;
  for (std::size_t off : offsets) {
    if (long_loca) append32(loca, static_cast<std::uint32_t>(off));
    else append16(loca, static_cast<unsigned>(off / 2));
  }

  // hmtx: full metrics up to the last change of advance, then left side bearings.
  std::vector<std::pair<unsigned, unsigned>> m;
  for (std::uint32_t g : out.gids) m.push_back(font.metric(g));
  std::size_t hmetrics = n;
  while (hmetrics > 1 && m[hmetrics - 2].first == m[n - 1].first) --hmetrics;
  std::string hmtx;
  for (std::size_t i = 0; i < n; ++i) {
    if (i < hmetrics) append16(hmtx, m[i].first);
    append16(hmtx, m[i].second);
  }

  std::string hhea(t.hhea.substr(0, 36));
  put16(hhea, 34, static_cast<unsigned>(hmetrics));
  std::string maxp(t.maxp);
  put16(maxp, 4, static_cast<unsigned>(n));
  if (drop_hints && maxp.size() >= 28 && Reader{t.maxp, "maxp"}.u32(0) == 0x00010000) {
    put16(maxp, 14, 1);  // maxZones: no twilight zone
    for (std::size_t at = 16; at <= 26; at += 2) put16(maxp, at, 0);  // no programs, no storage
  }
  std::string head(t.head.substr(0, 54));
  put32(head, 8, 0);  // checkSumAdjustment, set below
  put16(head, 50, long_loca ? 1 : 0);
  std::string post;
  if (t.post.size() >= 32) {
    post = std::string(t.post.substr(0, 32));
    put32(post, 0, 0x00030000);  // version 3: no glyph names
  }

  // The file: tables sorted by tag ("Table Directory"), each 4-byte aligned.
  std::vector<std::pair<std::string, std::string>> tables;  // tag, bytes
  auto add = [&](const char* tag, std::string bytes) {
    if (!bytes.empty()) tables.emplace_back(tag, std::move(bytes));
  };
  add("OS/2", std::string(t.os2));
  if (!drop_hints) add("cvt ", std::string(t.cvt));
  if (!drop_hints) add("fpgm", std::string(t.fpgm));
  add("glyf", std::move(glyf));
  add("head", std::move(head));
  add("hhea", std::move(hhea));
  add("hmtx", std::move(hmtx));
  add("loca", std::move(loca));
  add("maxp", std::move(maxp));
  add("post", std::move(post));
  if (!drop_hints) add("prep", std::string(t.prep));
  std::sort(tables.begin(), tables.end());
  unsigned count = static_cast<unsigned>(tables.size()), pow2 = 1, log2 = 0;
  while (pow2 * 2 <= count) pow2 *= 2, ++log2;
  std::string& f = out.program;
  append32(f, 0x00010000);
  append16(f, count);
  append16(f, pow2 * 16);
  append16(f, log2);
  append16(f, count * 16 - pow2 * 16);
  std::size_t data = 12 + 16 * tables.size(), head_at = 0;
  for (const auto& [tag, bytes] : tables) {
    f += tag;
    append32(f, checksum(bytes));
    append32(f, static_cast<std::uint32_t>(data));
    append32(f, static_cast<std::uint32_t>(bytes.size()));
    if (tag == "head") head_at = data;
    data += (bytes.size() + 3) / 4 * 4;
  }
  for (const auto& [tag, bytes] : tables) {
    f += bytes;
    f.append((4 - bytes.size() % 4) % 4, '\0');
  }
  put32(f, head_at + 8, 0xB1B0AFBAu - checksum(f));
  return out;
}

}  // namespace ptbrief::pdf::glyf
