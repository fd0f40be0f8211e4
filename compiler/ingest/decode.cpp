// Encoding detection and conversion with a per-code-point map back to the raw bytes.
#include "ingest/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>
#include <optional>

#include "base/diagnostic.h"
#include "base/utf8.h"

namespace ptbrief::ingest {
namespace {

[[noreturn]] void refuse(const std::string& code, const std::string& message,
                         const std::string& hint, const std::string& name, std::size_t offset) {
  Diagnostic d;
  d.code = code;
  d.message = message + " at byte offset " + std::to_string(offset);
  d.hint = hint;
  d.file = name;
  d.offset = static_cast<long long>(offset);
  throw Error(d);
}

/// Binary input: NUL or C0 control bytes other than tab, line feed, form feed, carriage
/// return and escape-free text controls. Only meaningful for byte-oriented encodings.
std::optional<std::size_t> find_binary_byte(std::string_view raw) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(raw[i]);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v') return i;
    if (b == 0x7F) return i;
  }
  return std::nullopt;
}

/// How UTF-8-like some bytes are: well-formed multi-byte sequences against ill-formed ones.
/// Legacy Chinese encodings almost never form a well-formed multi-byte UTF-8 sequence, so a
/// file with many of them and a few bad bytes is UTF-8 with damage, not GB18030.
struct Utf8Census {
  std::size_t multibyte = 0;  ///< well-formed sequences of 2–4 bytes
  std::size_t invalid = 0;    ///< ill-formed sequences (each a maximal subpart)
};

Utf8Census count_utf8(std::string_view raw, std::size_t from) {
  Utf8Census c;
  for (std::size_t i = from; i < raw.size();) {
    const std::size_t at = i;
    const char32_t ch = ptbrief::decode_utf8(raw, i);
    if (ch == kReplacementChar && !(i - at == 3 && raw.substr(at, 3) == "\xEF\xBF\xBD"))
      ++c.invalid;
    else if (i - at > 1)
      ++c.multibyte;
  }
  return c;
}

/// Decodes well-formed UTF-8 from `from` with base's codec, '\r' dropped.
Text decode_utf8_text(std::string_view raw, std::size_t from) {
  Text out;
  out.reserve((raw.size() - from) / 2);
  for (std::size_t i = from; i < raw.size();) {
    const std::size_t at = i;
    const char32_t c = ptbrief::decode_utf8(raw, i);
    if (c != '\r')
      out.push_back({c, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(i)});
  }
  return out;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

/// Converts raw[from..] with the ICU converter `charset`, keeping for each code point the raw
/// offset ICU reports; stops at the first illegal or truncated sequence and throws.
Text decode_icu(std::string_view raw, std::size_t from, const char* charset,
                const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(charset, &status));
  if (U_FAILURE(status)) fail("internal", std::string("ICU has no converter for ") + charset);
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);

  // UTF-16 code units never outnumber the source bytes for the charsets used here, so one
  // call converts everything (linear time, no chunk seams to stitch).
  const std::size_t cap = raw.size() - from + 1;
  std::vector<UChar> units(cap);
  std::vector<int32_t> offsets(cap);
  UChar* target = units.data();
  const char* source = raw.data() + from;
  ucnv_toUnicode(cnv.get(), &target, units.data() + cap, &source, raw.data() + raw.size(),
                 offsets.data(), true, &status);
  if (U_FAILURE(status)) {
    char bad[32];
    int8_t bad_len = sizeof bad;
    UErrorCode st = U_ZERO_ERROR;
    ucnv_getInvalidChars(cnv.get(), bad, &bad_len, &st);
    std::size_t at = static_cast<std::size_t>(source - raw.data()) - (U_SUCCESS(st) ? bad_len : 0);
    bool truncated = status == U_TRUNCATED_CHAR_FOUND;
    refuse(truncated ? "ingest.truncated" : "ingest.undecodable",
           std::string(truncated ? "truncated " : "invalid ") + charset + " sequence",
           "re-save the file as UTF-8, or check that it is not cut short", name, at);
  }

  // Pair surrogates; each code point ends where the next one starts.
  const std::size_t n = static_cast<std::size_t>(target - units.data());
  Text out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    char32_t c = units[i];
    std::uint32_t s = static_cast<std::uint32_t>(from + static_cast<std::size_t>(offsets[i]));
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n) {
      c = 0x10000 + ((c - 0xD800) << 10) + (units[i + 1] - 0xDC00);
      ++i;
    }
    if (!out.empty()) out.back().e = s;
    out.push_back({c, s, static_cast<std::uint32_t>(raw.size())});
  }
  std::erase_if(out, [](const Char& ch) { return ch.c == '\r'; });
  return out;
}

/// ICU's best guess for bytes that are not UTF-8 (for messages and the GB18030 decision).
std::string detect_charset(std::string_view raw) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  std::string result;
  const std::size_t sample = raw.size() < (1u << 20) ? raw.size() : (1u << 20);
  ucsdet_setText(det, raw.data(), static_cast<int32_t>(sample), &status);
  const UCharsetMatch* m = ucsdet_detect(det, &status);
  if (U_SUCCESS(status) && m) {
    const char* nm = ucsdet_getName(m, &status);
    if (U_SUCCESS(status) && nm) result = nm;
  }
  ucsdet_close(det);
  return result;
}

/// The evidence that a decoded text is real GB18030 (which maps nearly every byte pair, so "it
/// converts" alone proves little): at least two Han characters, and Han characters, CJK
/// punctuation and quotes make up most of what is not ASCII.
bool looks_chinese(const Text& t) {
  std::size_t non_ascii = 0, chinese = 0, han = 0;
  for (const Char& ch : t) {
    if (ch.c < 0x80) continue;
    ++non_ascii;
    if (is_han(ch.c)) ++han;
    if (is_han(ch.c) || is_cjk_punct(ch.c) || is_cjk_quote(ch.c)) ++chinese;
  }
  return han >= 2 && chinese * 10 >= non_ascii * 6;
}

void check_controls(const Text& t, const std::string& name) {
  for (const Char& ch : t)
    if (ch.c == 0 || (ch.c < 0x20 && ch.c != '\t' && ch.c != '\n' && ch.c != '\f' &&
                      ch.c != '\v'))
      refuse("ingest.binary", "binary data (control character)",
             "ptbrief reads plain-text articles only", name, ch.s);
}

}  // namespace

Text decode_utf8_range(std::string_view raw, std::size_t from, std::size_t to) {
  return decode_utf8_text(raw.substr(0, to), from);
}

Decoded decode(std::string_view raw, const std::string& name, bool defer_utf8) {
  auto u8 = [](std::string_view s, std::string_view lit) { return s.substr(0, lit.size()) == lit; };
  if (u8(raw, "\xFF\xFE")) {
    Decoded d{"UTF-16LE", decode_icu(raw, 2, "UTF-16LE", name), false, 0};
    check_controls(d.chars, name);
    return d;
  }
  if (u8(raw, "\xFE\xFF")) {
    Decoded d{"UTF-16BE", decode_icu(raw, 2, "UTF-16BE", name), false, 0};
    check_controls(d.chars, name);
    return d;
  }
  if (auto bad = find_binary_byte(raw))
    refuse("ingest.binary", "binary data (NUL or control byte)",
           "ptbrief reads plain-text articles only (UTF-16 needs a byte-order mark)", name, *bad);

  const bool bom = u8(raw, "\xEF\xBB\xBF");
  const std::size_t from = bom ? 3 : 0;
  auto invalid = find_invalid_utf8(raw, from);
  if (!invalid && defer_utf8) return {bom ? "UTF-8 (BOM)" : "UTF-8", {}, true, from};
  if (!invalid) return {bom ? "UTF-8 (BOM)" : "UTF-8", decode_utf8_text(raw, from), false, 0};
  const bool truncated = is_truncated_utf8(raw, *invalid);
  if (bom || truncated)
    refuse(truncated ? "ingest.truncated" : "ingest.undecodable",
           truncated ? "truncated UTF-8 sequence" : "invalid UTF-8 sequence",
           "re-save the file as UTF-8, or check that it is not cut short", name, *invalid);

  // Valid UTF-8 but for a few bytes is damaged UTF-8: say where, never guess another encoding.
  const Utf8Census census = count_utf8(raw, from);
  if (census.multibyte > census.invalid)
    refuse("ingest.undecodable",
           "UTF-8 text with " + std::to_string(census.invalid) +
               " invalid sequence(s), the first",
           "fix or remove the bytes there (the rest of the file is UTF-8)", name, *invalid);

  // Not UTF-8: try GB18030 (a superset of GBK and GB2312), the usual legacy Chinese encoding.
  // It converts nearly any bytes, so the result must also read as Chinese.
  const std::string guess = detect_charset(raw);
  Text t = decode_icu(raw, 0, "GB18030", name);
  if (!looks_chinese(t))
    refuse("ingest.undecodable",
           "neither UTF-8 nor Chinese GB18030 text (ICU guesses " +
               (guess.empty() ? std::string("nothing") : guess) + "); first invalid UTF-8 byte",
           "convert the file to UTF-8 before ingesting it", name, *invalid);
  return {"GB18030", std::move(t), false, 0};
}

}  // namespace ptbrief::ingest
