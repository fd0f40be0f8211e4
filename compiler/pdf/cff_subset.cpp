// ptbrief's CID-keyed CFF subsetter (see cff_subset.h). Section numbers cite Adobe TN #5176
// (CFF) and TN #5177 (Type 2 charstrings).
#include "pdf/cff_subset.h"

#include <algorithm>
#include <map>
#include <optional>

#include "base/diagnostic.h"
#include "base/limits.h"
#include "base/parallel.h"

namespace ptbrief::pdf::cff {
namespace {

[[noreturn]] void malformed(const std::string& what) {
  Diagnostic d;
  d.code = "pdf.font";
  d.message = "malformed CFF table: " + what;
  d.hint = "the font file is damaged or not a valid OpenType/CFF font; reinstall it or choose "
           "another font for this role";
  throw Error(d);
}

std::string num(std::size_t v) { return std::to_string(v); }

/// Bounds-checked big-endian reads from a table.
struct Reader {
  std::string_view b;
  unsigned u8(std::size_t at) const {
    if (at >= b.size()) malformed("offset " + num(at) + " past the end (" + num(b.size()) + " bytes)");
    return static_cast<unsigned char>(b[at]);
  }
  unsigned u16(std::size_t at) const { return u8(at) << 8 | u8(at + 1); }
  std::size_t uint(std::size_t at, std::size_t size) const {
    std::size_t v = 0;
    for (std::size_t i = 0; i < size; ++i) v = v << 8 | u8(at + i);
    return v;
  }
  std::string_view range(std::size_t at, std::size_t n, const char* what) const {
    if (at > b.size() || n > b.size() - at)
      malformed(std::string(what) + " at " + num(at) + " (" + num(n) + " bytes) past the end");
    return b.substr(at, n);
  }
};

// --- DICTs (§4) ----------------------------------------------------------------------------------

/// Operators as numbers: one-byte operators as themselves, escaped ones (12 x) as 1200 + x.
constexpr int esc(int x) { return 1200 + x; }

struct DictEntry {
  int op = 0;
  std::string_view raw_args;      ///< the operands' bytes as in the DICT
  std::vector<long> args;         ///< the operands (reals as their integer part, see below)
  std::vector<bool> arg_is_real;  ///< which operands were reals
};

/// Parses a DICT (§4): operands then operator, numbers in the DICT encoding of Table 3.
std::vector<DictEntry> parse_dict(std::string_view dict, const char* what) {
  Reader r{dict};
  std::vector<DictEntry> out;
  DictEntry cur;
  std::size_t args_begin = 0, at = 0;
  while (at < dict.size()) {
    unsigned b0 = r.u8(at);
    if (b0 <= 21) {
      int op = static_cast<int>(b0);
      std::size_t op_len = 1;
      if (b0 == 12) {
        op = esc(static_cast<int>(r.u8(at + 1)));
        op_len = 2;
      }
      cur.op = op;
      cur.raw_args = dict.substr(args_begin, at - args_begin);
      out.push_back(std::move(cur));
      cur = DictEntry{};
      at += op_len;
      args_begin = at;
      continue;
    }
    if (cur.args.size() >= static_cast<std::size_t>(limits::kMaxCffStack))
      malformed(std::string(what) + " has an entry with more than " +
                num(limits::kMaxCffStack) + " operands");
    long v = 0;
    bool real = false;
    if (b0 == 28) {
      v = static_cast<std::int16_t>(r.u16(at + 1));
      at += 3;
    } else if (b0 == 29) {
      v = static_cast<std::int32_t>(static_cast<std::uint32_t>(r.uint(at + 1, 4)));
      at += 5;
    } else if (b0 == 30) {  // real: nibbles up to the 0xf terminator (§4, Table 5)
      real = true;
      ++at;
      while (true) {
        unsigned b = r.u8(at++);
        if ((b >> 4) == 0xf || (b & 0xf) == 0xf) break;
      }
    } else if (b0 >= 32 && b0 <= 246) {
      v = static_cast<long>(b0) - 139;
      at += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      v = (static_cast<long>(b0) - 247) * 256 + r.u8(at + 1) + 108;
      at += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      v = -(static_cast<long>(b0) - 251) * 256 - r.u8(at + 1) - 108;
      at += 2;
    } else {
      malformed(std::string(what) + " has the reserved byte " + num(b0) + " at " + num(at));
    }
    cur.args.push_back(v);
    cur.arg_is_real.push_back(real);
  }
  if (!cur.args.empty()) malformed(std::string(what) + " ends with operands but no operator");
  return out;
}

/// An integer operand `i` of `e`, checked.
long int_arg(const DictEntry& e, std::size_t i, const char* what) {
  if (i >= e.args.size() || e.arg_is_real[i])
    malformed(std::string(what) + " needs an integer operand");
  return e.args[i];
}

std::size_t offset_arg(const DictEntry& e, std::size_t i, const char* what, std::size_t table) {
  long v = int_arg(e, i, what);
  if (v < 0 || static_cast<std::size_t>(v) >= table)
    malformed(std::string(what) + " offset " + std::to_string(v) + " outside the table");
  return static_cast<std::size_t>(v);
}

const DictEntry* find(const std::vector<DictEntry>& dict, int op) {
  for (const auto& e : dict)
    if (e.op == op) return &e;
  return nullptr;
}

// DICT number encoders (§4, Table 3).
void put_int(std::string& out, long v) {
  if (v >= -107 && v <= 107) {
    out += static_cast<char>(v + 139);
  } else if (v >= 108 && v <= 1131) {
    v -= 108;
    out += static_cast<char>((v >> 8) + 247);
    out += static_cast<char>(v & 0xff);
  } else if (v >= -1131 && v <= -108) {
    v = -v - 108;
    out += static_cast<char>((v >> 8) + 251);
    out += static_cast<char>(v & 0xff);
  } else if (v >= -32768 && v <= 32767) {
    out += '\x1c';
    out += static_cast<char>((v >> 8) & 0xff);
    out += static_cast<char>(v & 0xff);
  } else {
    out += '\x1d';
    for (int s = 24; s >= 0; s -= 8) out += static_cast<char>((v >> s) & 0xff);
  }
}
/// Always five bytes, so a DICT holding offsets has its size before the offsets are known.
void put_int32(std::string& out, long v) {
  out += '\x1d';
  for (int s = 24; s >= 0; s -= 8) out += static_cast<char>((v >> s) & 0xff);
}
void put_op(std::string& out, int op) {
  if (op >= 1200) {
    out += '\x0c';
    out += static_cast<char>(op - 1200);
  } else {
    out += static_cast<char>(op);
  }
}

// --- INDEX writer (§5) -----------------------------------------------------------------------

std::string write_index(const std::vector<std::string_view>& items) {
  std::string out;
  std::size_t count = items.size();
  out += static_cast<char>(count >> 8);
  out += static_cast<char>(count & 0xff);
  if (count == 0) return out;
  std::size_t total = 1;
  for (auto it : items) total += it.size();
  unsigned off_size = total <= 0xff ? 1 : total <= 0xffff ? 2 : total <= 0xffffff ? 3 : 4;
  out += static_cast<char>(off_size);
  auto put_off = [&](std::size_t v) {
    for (int s = static_cast<int>(off_size) - 1; s >= 0; --s)
      out += static_cast<char>((v >> (8 * s)) & 0xff);
  };
  std::size_t off = 1;
  put_off(off);
  for (auto it : items) put_off(off += it.size());
  for (auto it : items) out.append(it);
  return out;
}

std::size_t index_size(std::size_t count, std::size_t data) {
  if (count == 0) return 2;
  std::size_t total = data + 1;
  unsigned off_size = total <= 0xff ? 1 : total <= 0xffff ? 2 : total <= 0xffffff ? 3 : 4;
  return 3 + (count + 1) * off_size + data;
}

// --- Strings (§10) ---------------------------------------------------------------------------

constexpr long kStdStrings = 391;  // SIDs below are the standard strings (Appendix A)

/// The custom strings the subset keeps, renumbered in order of first use.
class StringTable {
 public:
  explicit StringTable(const Index& in) : in_(in) {}
  long remap(long sid) {
    if (sid < kStdStrings) return sid;
    std::size_t i = static_cast<std::size_t>(sid - kStdStrings);
    if (sid > 65000 || i >= in_.count()) malformed("string id " + std::to_string(sid) + " past the String INDEX");
    auto [it, fresh] = new_of_old_.emplace(sid, kStdStrings + static_cast<long>(kept_.size()));
    if (fresh) kept_.push_back(in_.item(i));
    return it->second;
  }
  std::string write() const { return write_index(kept_); }

 private:
  const Index& in_;
  std::map<long, long> new_of_old_;
  std::vector<std::string_view> kept_;
};

bool is_sid_op(int op) {
  switch (op) {
    case 0: case 1: case 2: case 3: case 4:  // version Notice FullName FamilyName Weight
    case esc(0): case esc(21): case esc(22): case esc(38):  // Copyright PostScript BaseFontName FontName
      return true;
    default:
      return false;
  }
}

/// Copies a DICT entry, its SID operands renumbered through `strings`.
void copy_entry(std::string& out, const DictEntry& e, StringTable& strings) {
  if (is_sid_op(e.op)) {
    put_int(out, strings.remap(int_arg(e, 0, "a string operator")));
  } else if (e.op == esc(30)) {  // ROS: Registry and Ordering are SIDs, Supplement a number
    put_int(out, strings.remap(int_arg(e, 0, "ROS")));
    put_int(out, strings.remap(int_arg(e, 1, "ROS")));
    put_int(out, int_arg(e, 2, "ROS"));
  } else {
    out.append(e.raw_args);
  }
  put_op(out, e.op);
}

/// Private DICT operators that only carry hinting (§15, Table 23).
bool is_hint_value(int op) {
  switch (op) {
    case 6: case 7: case 8: case 9: case 10: case 11:  // Blues, StdHW, StdVW
    case esc(9): case esc(10): case esc(11): case esc(12): case esc(13): case esc(14):
    case esc(17): case esc(18):  // BlueScale … ForceBold, LanguageGroup, ExpansionFactor
      return true;
    default:
      return false;
  }
}

// --- Charstrings (TN #5177) -------------------------------------------------------------------

/// §4.7: the bias added to a subroutine number.
long subr_bias(std::size_t count) { return count < 1240 ? 107 : count < 33900 ? 1131 : 32768; }

class Flattener {
 public:
  Flattener(const Index& global, const Index& local, bool drop_hints)
      : global_(global), local_(local), drop_hints_(drop_hints),
        gbias_(subr_bias(global.count())), lbias_(subr_bias(local.count())) {}

  std::string run(std::string_view cs) {
    out_.reserve(2 * cs.size() + 64);
    execute(cs, 0);
    if (!ended_) {  // a charstring that runs out without endchar: end it (FreeType does)
      if (sp_ != 0) malformed("charstring ends with operands but no operator");
      emit("\x0e", {});
    }
    return std::move(out_);
  }

 private:
  struct Arg {
    const char* raw = nullptr;  // the operand's bytes as encoded (`len` of them)
    long value = 0;             // its integer part
    unsigned char len = 0;
    bool integral = true;
  };

  void execute(std::string_view cs, int depth) {
    Reader r{cs};
    std::size_t at = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(cs.data());
    while (at < cs.size() && !ended_) {
      unsigned b0 = p[at];
      if (b0 >= 32 || b0 == 28) {
        push_number(cs, at);
        continue;
      }
      if (++ops_ > limits::kMaxCharstringOps) too_much_work();
      int op = static_cast<int>(b0);
      std::size_t len = 1;
      if (b0 == 12) {
        op = esc(static_cast<int>(r.u8(at + 1)));
        len = 2;
      }
      std::string_view op_bytes = cs.substr(at, len);
      at += len;
      switch (op) {
        case 1: case 3: case 18: case 23: {  // hstem vstem hstemhm vstemhm
          take_width(sp_ % 2 == 1);
          add_stems(sp_ - first_);
          hint(op_bytes, {});
          break;
        }
        case 19: case 20: {  // hintmask cntrmask: an implicit vstem before, then the mask
          take_width(sp_ % 2 == 1);
          add_stems(sp_ - first_);
          std::size_t mask = (static_cast<std::size_t>(stems_) + 7) / 8;
          std::string_view bytes = r.range(at, mask, "hint mask");
          at += mask;
          hint(op_bytes, bytes);
          break;
        }
        case 21:  // rmoveto
          take_width(sp_ > 2);
          path(op_bytes);
          break;
        case 4: case 22:  // vmoveto hmoveto
          take_width(sp_ > 1);
          path(op_bytes);
          break;
        case 14:  // endchar
          take_width(sp_ == 1 || sp_ == 5);
          if (sp_ - first_ != 0)
            malformed("endchar with accent operands (seac) in a CID-keyed font");
          path(op_bytes);
          ended_ = true;
          break;
        case 5: case 6: case 7: case 8: case 24: case 25: case 26: case 27: case 30: case 31:
        case esc(34): case esc(35): case esc(36): case esc(37):  // lines, curves, flex
          width_done_ = true;
          path(op_bytes);
          break;
        case esc(0):  // dotsection: deprecated, a hint without effect
          hint(op_bytes, {});
          break;
        case 10: case 29: {  // callsubr callgsubr
          if (sp_ == 0) malformed("subroutine call with an empty stack");
          Arg n = stack_[--sp_];
          if (!n.integral) malformed("subroutine number is not an integer");
          const Index& subrs = op == 10 ? local_ : global_;
          long i = n.value + (op == 10 ? lbias_ : gbias_);
          if (i < 0 || static_cast<std::size_t>(i) >= subrs.count())
            malformed(std::string(op == 10 ? "local" : "global") + " subroutine " +
                      std::to_string(n.value) + " out of range (" + num(subrs.count()) + ")");
          if (depth + 1 > limits::kMaxCffSubrDepth)
            malformed("subroutines nest deeper than " + num(limits::kMaxCffSubrDepth));
          execute(subrs.item(static_cast<std::size_t>(i)), depth + 1);
          break;
        }
        case 11:  // return
          if (depth == 0) malformed("return outside a subroutine");
          return;
        default:
          if (op >= esc(3) && op <= esc(30))
            throw Unsupported("Type 2 arithmetic or storage operator 12 " + num(op - 1200));
          malformed("reserved charstring operator " +
                    (op >= 1200 ? "12 " + num(op - 1200) : num(op)));
      }
    }
    // Running off the end of a subroutine is an implicit return.
  }

  /// Pushes the number at `at` (TN #5177 §3.2) and moves past it.
  void push_number(std::string_view cs, std::size_t& at) {
    const auto* p = reinterpret_cast<const unsigned char*>(cs.data()) + at;
    const std::size_t left = cs.size() - at;
    unsigned b0 = p[0];
    Arg a;
    std::size_t len = 1;
    if (b0 <= 246 && b0 != 28) {
      a.value = static_cast<long>(b0) - 139;
    } else if (b0 <= 254 && b0 != 28) {
      len = 2;
      if (left < len) truncated_number(at);
      a.value = b0 <= 250 ? (static_cast<long>(b0) - 247) * 256 + p[1] + 108
                          : -(static_cast<long>(b0) - 251) * 256 - p[1] - 108;
    } else if (b0 == 28) {
      len = 3;
      if (left < len) truncated_number(at);
      a.value = static_cast<std::int16_t>(p[1] << 8 | p[2]);
    } else {  // 255: 16.16 fixed
      len = 5;
      if (left < len) truncated_number(at);
      auto v = static_cast<std::int32_t>(std::uint32_t{p[1]} << 24 | std::uint32_t{p[2]} << 16 |
                                         std::uint32_t{p[3]} << 8 | p[4]);
      a.value = v / 65536;
      a.integral = v % 65536 == 0;
    }
    a.raw = reinterpret_cast<const char*>(p);
    a.len = static_cast<unsigned char>(len);
    at += len;
    if (sp_ >= limits::kMaxCffStack) stack_overflow();
    stack_[sp_++] = a;
  }

  [[noreturn, gnu::cold, gnu::noinline]] static void truncated_number(std::size_t at) {
    malformed("charstring number at byte " + num(at) + " runs past the end");
  }
  [[noreturn, gnu::cold, gnu::noinline]] static void stack_overflow() {
    malformed("charstring argument stack overflow (more than " + num(limits::kMaxCffStack) + ")");
  }
  [[noreturn, gnu::cold, gnu::noinline]] static void too_much_work() {
    malformed("a charstring executes more than " + num(limits::kMaxCharstringOps) + " operators");
  }
  [[noreturn, gnu::cold, gnu::noinline]] static void too_long() {
    malformed("a charstring grows past " + num(limits::kMaxFlatCharstringBytes) +
              " bytes when its subroutines are inlined");
  }

  /// At the first stack-clearing operator, an extra first operand is the advance width.
  void take_width(bool present) {
    first_ = 0;
    if (width_done_) return;
    width_done_ = true;
    if (present) {
      width_ = std::string_view(stack_[0].raw, stack_[0].len);
      first_ = 1;
    }
  }

  void add_stems(int operands) {
    stems_ += operands / 2;
    if (stems_ > limits::kMaxCffStems)
      malformed("more than " + num(limits::kMaxCffStems) + " stem hints in one glyph");
  }

  /// Writes the pending width, the operands and the operator (and a hint mask); clears the stack.
  void emit(std::string_view op_bytes, std::string_view extra) {
    std::size_t n = width_.size() + op_bytes.size() + extra.size();
    for (int i = first_ ? 1 : 0; i < sp_; ++i) n += stack_[i].len;
    std::size_t at = out_.size();
    if (at + n > limits::kMaxFlatCharstringBytes) too_long();
    out_.resize(at + n);
    char* o = out_.data() + at;
    auto put = [&o](const char* b, std::size_t len) {
      for (std::size_t k = 0; k < len; ++k) *o++ = b[k];
    };
    put(width_.data(), width_.size());
    width_ = {};
    for (int i = first_ ? 1 : 0; i < sp_; ++i) put(stack_[i].raw, stack_[i].len);
    put(op_bytes.data(), op_bytes.size());
    put(extra.data(), extra.size());
    sp_ = 0;
    first_ = 0;
  }
  void path(std::string_view op_bytes) { emit(op_bytes, {}); }
  void hint(std::string_view op_bytes, std::string_view mask) {
    if (!drop_hints_) return emit(op_bytes, mask);
    sp_ = 0;  // the width, if any, stays pending for the next operator kept
    first_ = 0;
  }

  const Index& global_;
  const Index& local_;
  bool drop_hints_;
  long gbias_, lbias_;
  Arg stack_[limits::kMaxCffStack];
  int sp_ = 0, first_ = 0, stems_ = 0;
  bool width_done_ = false, ended_ = false;
  std::string_view width_;
  std::size_t ops_ = 0;
  std::string out_;
};

// --- The font's structures ---------------------------------------------------------------------

struct Top {
  std::string_view name;
  std::vector<DictEntry> dict;
  Index strings, global_subrs;
};

Top read_top(std::string_view cff) {
  Reader r{cff};
  unsigned major = r.u8(0), hdr_size = r.u8(2);
  if (major != 1) malformed("CFF major version " + num(major) + " (only 1 is CFF)");
  if (hdr_size < 4) malformed("header size " + num(hdr_size));
  Index names(cff, hdr_size);
  Index tops(cff, names.end());
  if (names.count() != 1 || tops.count() != 1)
    throw Unsupported("a CFF table with " + num(tops.count()) + " fonts");
  Top t;
  t.name = names.item(0);
  t.dict = parse_dict(tops.item(0), "Top DICT");
  t.strings = Index(cff, tops.end());
  t.global_subrs = Index(cff, t.strings.end());
  return t;
}

/// FDSelect (§19): the Font DICT of a glyph.
class FdSelect {
 public:
  FdSelect(std::string_view cff, std::size_t at, std::size_t glyphs) : r_{cff}, at_(at) {
    format_ = r_.u8(at);
    if (format_ == 0) {
      r_.range(at + 1, glyphs, "FDSelect");
    } else if (format_ == 3) {
      ranges_ = r_.u16(at + 1);
      if (ranges_ == 0) malformed("FDSelect has no ranges");
      r_.range(at + 3, 3 * ranges_ + 2, "FDSelect ranges");
      if (r_.u16(at + 3) != 0) malformed("FDSelect's first range does not start at glyph 0");
      if (r_.u16(at + 3 + 3 * ranges_) < glyphs) malformed("FDSelect does not cover every glyph");
    } else {
      malformed("FDSelect format " + num(format_));
    }
  }
  unsigned fd(std::size_t gid) const {
    if (format_ == 0) return r_.u8(at_ + 1 + gid);
    // The last range whose first glyph is ≤ gid (binary search; firsts must increase).
    std::size_t lo = 0, hi = ranges_;  // answer in [lo, hi)
    while (hi - lo > 1) {
      std::size_t mid = (lo + hi) / 2;
      if (r_.u16(at_ + 3 + 3 * mid) <= gid) lo = mid; else hi = mid;
    }
    std::size_t rec = at_ + 3 + 3 * lo;
    if (r_.u16(rec) > gid || r_.u16(rec + 3) <= gid)
      malformed("FDSelect ranges out of order near glyph " + num(gid));
    return r_.u8(rec + 2);
  }

 private:
  Reader r_;
  std::size_t at_, ranges_ = 0;
  unsigned format_ = 0;
};

/// charset (§13): the CIDs of the sorted glyph ids `gids`.
std::vector<std::uint16_t> read_cids(std::string_view cff, std::size_t at, std::size_t glyphs,
                                     const std::vector<std::uint32_t>& gids) {
  Reader r{cff};
  std::vector<std::uint16_t> cids(gids.size(), 0);
  unsigned format = r.u8(at);
  if (format == 0) {
    for (std::size_t i = 0; i < gids.size(); ++i)
      if (gids[i] > 0) cids[i] = static_cast<std::uint16_t>(r.u16(at + 1 + 2 * (gids[i] - 1)));
    return cids;
  }
  if (format != 1 && format != 2) malformed("charset format " + num(format));
  std::size_t pos = at + 1, first_gid = 1, k = 0;
  while (k < gids.size() && gids[k] == 0) ++k;
  while (k < gids.size()) {
    if (first_gid >= glyphs) malformed("charset ranges run past the glyph count");
    std::size_t first = r.u16(pos), left = format == 1 ? r.u8(pos + 2) : r.u16(pos + 2);
    pos += format == 1 ? 3 : 4;
    std::size_t end_gid = first_gid + left + 1;  // glyphs [first_gid, end_gid) of this range
    for (; k < gids.size() && gids[k] < end_gid; ++k) {
      std::size_t cid = first + (gids[k] - first_gid);
      if (cid > 0xffff) malformed("charset CID past 65535");
      cids[k] = static_cast<std::uint16_t>(cid);
    }
    first_gid = end_gid;
  }
  return cids;
}

std::string write_charset(const std::vector<std::uint16_t>& cids) {
  // Ranges of consecutive CIDs over glyphs 1…; format 0, 1 or 2, whichever is smallest.
  std::vector<std::pair<unsigned, unsigned>> runs;  // first CID, glyphs in the run
  for (std::size_t i = 1; i < cids.size(); ++i) {
    if (!runs.empty() && cids[i] == runs.back().first + runs.back().second) ++runs.back().second;
    else runs.emplace_back(cids[i], 1);
  }
  std::size_t f0 = 2 * (cids.size() > 0 ? cids.size() - 1 : 0), f1 = 0, f2 = 4 * runs.size();
  for (auto [first, n] : runs) f1 += 3 * ((n + 255) / 256);
  std::string out;
  auto put16 = [&](unsigned v) {
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v & 0xff);
  };
  if (f0 <= f1 && f0 <= f2) {
    out += '\0';
    for (std::size_t i = 1; i < cids.size(); ++i) put16(cids[i]);
  } else if (f1 <= f2) {
    out += '\x01';
    for (auto [first, n] : runs)
      for (unsigned done = 0; done < n; done += 256) {
        put16(first + done);
        out += static_cast<char>(std::min(256u, n - done) - 1);
      }
  } else {
    out += '\x02';
    for (auto [first, n] : runs) {
      put16(first);
      put16(n - 1);
    }
  }
  return out;
}

std::string write_fdselect(const std::vector<unsigned>& fds) {
  std::vector<std::pair<unsigned, unsigned>> ranges;  // first glyph, fd
  for (std::size_t g = 0; g < fds.size(); ++g)
    if (ranges.empty() || ranges.back().second != fds[g]) ranges.emplace_back(g, fds[g]);
  std::string out;
  auto put16 = [&](std::size_t v) {
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v & 0xff);
  };
  if (1 + fds.size() <= 5 + 3 * ranges.size()) {
    out += '\0';
    for (unsigned fd : fds) out += static_cast<char>(fd);
  } else {
    out += '\x03';
    put16(ranges.size());
    for (auto [first, fd] : ranges) {
      put16(first);
      out += static_cast<char>(fd);
    }
    put16(fds.size());
  }
  return out;
}

/// One Font DICT of the FDArray with its Private DICT and local subroutines.
struct FontDict {
  std::vector<DictEntry> dict;
  std::vector<DictEntry> priv;
  Index subrs;
};

FontDict read_font_dict(std::string_view cff, std::string_view fd_bytes, unsigned index) {
  FontDict fd;
  fd.dict = parse_dict(fd_bytes, "Font DICT");
  const DictEntry* p = find(fd.dict, 18);
  if (!p) malformed("Font DICT " + num(index) + " has no Private DICT");
  long size = int_arg(*p, 0, "Private"), off = int_arg(*p, 1, "Private");
  if (size < 0 || off < 0) malformed("Private DICT of Font DICT " + num(index) + " has a negative size or offset");
  std::string_view priv = Reader{cff}.range(static_cast<std::size_t>(off), static_cast<std::size_t>(size), "Private DICT");
  fd.priv = parse_dict(priv, "Private DICT");
  if (const DictEntry* s = find(fd.priv, 19)) {
    long rel = int_arg(*s, 0, "Subrs");
    if (rel <= 0) malformed("Subrs offset " + std::to_string(rel) + " in a Private DICT");
    std::size_t at = static_cast<std::size_t>(off) + static_cast<std::size_t>(rel);
    if (at >= cff.size()) malformed("Subrs offset past the end of the table");
    fd.subrs = Index(cff, at);
  }
  return fd;
}

}  // namespace

// --- Index -----------------------------------------------------------------------------------

Index::Index(std::string_view table, std::size_t at) : table_(table), at_(at) {
  Reader r{table};
  count_ = r.u16(at);
  if (count_ == 0) return;
  off_size_ = r.u8(at + 2);
  if (off_size_ < 1 || off_size_ > 4) malformed("INDEX at " + num(at) + " has offSize " + num(off_size_));
  r.range(at + 3, (count_ + 1) * off_size_, "INDEX offset array");
  data_ = at + 3 + (count_ + 1) * off_size_ - 1;  // offsets count from the byte before the data
}

std::size_t Index::offset(std::size_t i) const {
  return Reader{table_}.uint(at_ + 3 + i * off_size_, off_size_);
}

std::string_view Index::item(std::size_t i) const {
  if (i >= count_) malformed("INDEX item " + num(i) + " of " + num(count_));
  std::size_t a = offset(i), z = offset(i + 1);
  if (a < 1 || z < a || data_ + z > table_.size())
    malformed("INDEX at " + num(at_) + ": item " + num(i) + " has offsets " + num(a) + "…" + num(z) +
              " out of order or past the end");
  return table_.substr(data_ + a, z - a);
}

std::size_t Index::end() const {
  if (count_ == 0) return at_ + 2;
  std::size_t z = offset(count_);
  if (z < 1 || data_ + z > table_.size()) malformed("INDEX at " + num(at_) + " runs past the end of the table");
  return data_ + z;
}

// --- Entry points ------------------------------------------------------------------------------

Kind classify(std::string_view cff) {
  Top t;
  try {
    t = read_top(cff);
  } catch (const Unsupported&) {
    return Kind::other;
  }
  bool ros = find(t.dict, esc(30)), fdarray = find(t.dict, esc(36)), fdselect = find(t.dict, esc(37));
  bool synthetic = find(t.dict, esc(20));
  bool type2 = true;
  if (const DictEntry* cst = find(t.dict, esc(6))) type2 = int_arg(*cst, 0, "CharstringType") == 2;
  return ros && fdarray && fdselect && !synthetic && type2 ? Kind::cid_keyed : Kind::other;
}

std::string flatten(std::string_view charstring, const Index& global_subrs,
                    const Index& local_subrs, bool drop_hints) {
  return Flattener(global_subrs, local_subrs, drop_hints).run(charstring);
}

Subset subset(std::string_view cff, const std::vector<std::uint32_t>& wanted, bool drop_hints,
              unsigned threads, const KnownFlat* known) {
  Top top = read_top(cff);
  auto need = [&](int op, const char* what) -> const DictEntry& {
    const DictEntry* e = find(top.dict, op);
    if (!e) malformed(std::string("Top DICT has no ") + what);
    return *e;
  };
  if (!find(top.dict, esc(30))) throw Unsupported("a name-keyed CFF (no ROS)");
  Index charstrings(cff, offset_arg(need(17, "CharStrings"), 0, "CharStrings", cff.size()));
  Index fdarray(cff, offset_arg(need(esc(36), "FDArray"), 0, "FDArray", cff.size()));
  std::size_t glyphs = charstrings.count();
  FdSelect fdselect(cff, offset_arg(need(esc(37), "FDSelect"), 0, "FDSelect", cff.size()), glyphs);
  std::size_t charset_at = offset_arg(need(15, "charset"), 0, "charset", cff.size());
  if (charset_at <= 2) malformed("CID-keyed font with a predefined charset");

  // The glyphs, sorted, .notdef first; their CIDs and Font DICTs.
  Subset out;
  out.gids = wanted;
  out.gids.push_back(0);
  std::sort(out.gids.begin(), out.gids.end());
  out.gids.erase(std::unique(out.gids.begin(), out.gids.end()), out.gids.end());
  if (out.gids.back() >= glyphs)
    malformed("glyph " + num(out.gids.back()) + " past the font's " + num(glyphs) + " glyphs");
  out.cids = read_cids(cff, charset_at, glyphs, out.gids);

  std::map<unsigned, unsigned> new_fd;  // old FD → new FD, in order of the old FDs
  std::vector<unsigned> old_fd(out.gids.size());
  for (std::size_t i = 0; i < out.gids.size(); ++i) {
    old_fd[i] = fdselect.fd(out.gids[i]);
    if (old_fd[i] >= fdarray.count())
      malformed("FDSelect names Font DICT " + num(old_fd[i]) + " of " + num(fdarray.count()));
    new_fd.emplace(old_fd[i], 0);
  }
  std::vector<FontDict> fds;
  for (auto& [old, nu] : new_fd) {
    nu = static_cast<unsigned>(fds.size());
    fds.push_back(read_font_dict(cff, fdarray.item(old), old));
  }

  // Flat charstrings: the known ones as they are; the others flattened — most of a subset's
  // time (a CJK face's glyphs call deep subroutines) — on every thread given, or the big text
  // face of a brief would finish long after the others.
  std::vector<std::string_view> flat(out.gids.size());
  std::vector<unsigned> fd_of(out.gids.size());
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < out.gids.size(); ++i) {
    fd_of[i] = new_fd.at(old_fd[i]);
    const auto it = known ? known->find(out.gids[i]) : KnownFlat::const_iterator{};
    if (known && it != known->end()) {
      flat[i] = *it->second;
    } else {
      todo.push_back(i);
    }
  }
  std::vector<std::string> fresh(todo.size());
  parallel_for(todo.size(), threads, [&](std::size_t k) {
    const std::size_t i = todo[k];
    fresh[k] = flatten(charstrings.item(out.gids[i]), top.global_subrs, fds[fd_of[i]].subrs, drop_hints);
  });
  for (std::size_t k = 0; k < todo.size(); ++k) flat[todo[k]] = fresh[k];

  // Top DICT: everything but the offsets (written at fixed size below) and the Private DICT.
  StringTable strings(top.strings);
  std::string top_dict;
  for (const auto& e : top.dict) {
    switch (e.op) {
      case 15: case 16: case 17: case 18: case esc(36): case esc(37): case esc(20):
        continue;
      default:
        copy_entry(top_dict, e, strings);
    }
  }
  // Font DICTs without their Private entry, and the Private DICTs without Subrs (and hints).
  std::vector<std::string> font_dicts, privates;
  for (const auto& fd : fds) {
    std::string d, p;
    for (const auto& e : fd.dict)
      if (e.op != 18) copy_entry(d, e, strings);
    for (const auto& e : fd.priv)
      if (e.op != 19 && !(drop_hints && is_hint_value(e.op))) copy_entry(p, e, strings);
    font_dicts.push_back(std::move(d));
    privates.push_back(std::move(p));
  }
  const std::size_t top_fixed = 4 * 5 + 1 + 1 + 2 + 2;  // charset, CharStrings, FDSelect, FDArray
  const std::size_t fd_fixed = 5 + 5 + 1;               // Private: size offset 18

  std::string charset = write_charset(out.cids), fdsel = write_fdselect([&] {
    std::vector<unsigned> v(fd_of.begin(), fd_of.end());
    return v;
  }());
  std::size_t cs_data = 0, fd_data = 0;
  for (const auto& s : flat) cs_data += s.size();
  for (const auto& s : font_dicts) fd_data += s.size() + fd_fixed;
  std::string header("\x01\x00\x04\x04", 4);
  std::string name_index = write_index({top.name});
  std::string string_index = strings.write();
  std::size_t top_index = index_size(1, top_dict.size() + top_fixed);
  std::size_t at_charset = header.size() + name_index.size() + top_index + string_index.size() + 2;
  std::size_t at_fdselect = at_charset + charset.size();
  std::size_t at_charstrings = at_fdselect + fdsel.size();
  std::size_t at_fdarray = at_charstrings + index_size(flat.size(), cs_data);
  std::size_t at_private = at_fdarray + index_size(font_dicts.size(), fd_data);

  put_int32(top_dict, static_cast<long>(at_charset));
  put_op(top_dict, 15);
  put_int32(top_dict, static_cast<long>(at_charstrings));
  put_op(top_dict, 17);
  put_int32(top_dict, static_cast<long>(at_fdselect));
  put_op(top_dict, esc(37));
  put_int32(top_dict, static_cast<long>(at_fdarray));
  put_op(top_dict, esc(36));
  for (std::size_t i = 0; i < font_dicts.size(); ++i) {
    put_int32(font_dicts[i], static_cast<long>(privates[i].size()));
    put_int32(font_dicts[i], static_cast<long>(at_private));
    put_op(font_dicts[i], 18);
    at_private += privates[i].size();
  }

  std::string& p = out.program;
  p = header + name_index + write_index({top_dict}) + string_index;
  p.append("\0\0", 2);  // no global subroutines
  p += charset;
  p += fdsel;
  p += write_index(flat);
  p += write_index(std::vector<std::string_view>(font_dicts.begin(), font_dicts.end()));
  for (const auto& s : privates) p += s;
  if (p.size() != at_private) {
    Diagnostic d;
    d.code = "internal";
    d.message = "CFF subset layout: wrote " + num(p.size()) + " bytes, planned " + num(at_private);
    throw Error(d);
  }
  if (known) {
    out.flattened.reserve(todo.size());
    for (std::size_t k = 0; k < todo.size(); ++k)
      out.flattened.emplace_back(out.gids[todo[k]], std::move(fresh[k]));
  }
  return out;
}

}  // namespace ptbrief::pdf::cff
