// Encoding detection and conversion with a per-code-point map back to the raw bytes.
#include "ingest/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>
#include <optional>

#include "base/diagnostic.h"

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

/// Strict UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). Returns the offset of
/// the first invalid sequence, or nullopt; `truncated` tells whether it is a valid but
/// unfinished sequence at the very end of the input.
std::optional<std::size_t> find_invalid_utf8(std::string_view raw, std::size_t from,
                                             bool& truncated) {
  truncated = false;
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const std::size_t n = raw.size();
  for (std::size_t i = from; i < n;) {
    unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    int len = (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3
              : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
    if (len == 0) return i;
    for (int k = 1; k < len; ++k) {
      if (i + k >= n) {
        truncated = true;
        return i;
      }
      unsigned char c = p[i + k];
      unsigned char lo = 0x80, hi = 0xBF;
      if (k == 1) {
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
      }
      if (c < lo || c > hi) return i;
    }
    i += len;
  }
  return std::nullopt;
}

/// Decodes already-validated UTF-8 from `from`, '\r' dropped.
Text decode_utf8(std::string_view raw, std::size_t from) {
  Text out;
  out.reserve(raw.size() / 2);
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  for (std::size_t i = from; i < raw.size();) {
    unsigned char b = p[i];
    int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) c = (c << 6) | (p[i + k] & 0x3F);
    if (c != '\r')
      out.push_back({c, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + len)});
    i += len;
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

/// A decoded text that is mostly Han is taken as real GB18030 (GB18030 maps nearly every
/// byte pair, so "it converts" alone proves little).
bool looks_chinese(const Text& t) {
  std::size_t non_ascii = 0, han = 0;
  for (const Char& ch : t) {
    if (ch.c < 0x80) continue;
    ++non_ascii;
    if (is_han(ch.c) || is_cjk_punct(ch.c) || is_cjk_quote(ch.c)) ++han;
  }
  return non_ascii == 0 || han * 10 >= non_ascii * 6;
}

void check_controls(const Text& t, const std::string& name) {
  for (const Char& ch : t)
    if (ch.c == 0 || (ch.c < 0x20 && ch.c != '\t' && ch.c != '\n' && ch.c != '\f' &&
                      ch.c != '\v'))
      refuse("ingest.binary", "binary data (control character)",
             "ptbrief reads plain-text articles only", name, ch.s);
}

}  // namespace

Decoded decode(std::string_view raw, const std::string& name) {
  auto u8 = [](std::string_view s, std::string_view lit) { return s.substr(0, lit.size()) == lit; };
  if (u8(raw, "\xFF\xFE")) {
    Decoded d{"UTF-16LE", decode_icu(raw, 2, "UTF-16LE", name)};
    check_controls(d.chars, name);
    return d;
  }
  if (u8(raw, "\xFE\xFF")) {
    Decoded d{"UTF-16BE", decode_icu(raw, 2, "UTF-16BE", name)};
    check_controls(d.chars, name);
    return d;
  }
  if (auto bad = find_binary_byte(raw))
    refuse("ingest.binary", "binary data (NUL or control byte)",
           "ptbrief reads plain-text articles only (UTF-16 needs a byte-order mark)", name, *bad);

  const bool bom = u8(raw, "\xEF\xBB\xBF");
  const std::size_t from = bom ? 3 : 0;
  bool truncated = false;
  auto invalid = find_invalid_utf8(raw, from, truncated);
  if (!invalid) return {bom ? "UTF-8 (BOM)" : "UTF-8", decode_utf8(raw, from)};
  if (bom || truncated)
    refuse(truncated ? "ingest.truncated" : "ingest.undecodable",
           truncated ? "truncated UTF-8 sequence" : "invalid UTF-8 sequence",
           "re-save the file as UTF-8, or check that it is not cut short", name, *invalid);

  // Not UTF-8: try GB18030 (a superset of GBK and GB2312), the usual legacy Chinese encoding.
  const std::string guess = detect_charset(raw);
  Text t = decode_icu(raw, 0, "GB18030", name);
  if (!looks_chinese(t))
    refuse("ingest.undecodable",
           "neither UTF-8 nor Chinese GB18030 text (ICU guesses " +
               (guess.empty() ? std::string("nothing") : guess) + "); first invalid UTF-8 byte",
           "convert the file to UTF-8 before ingesting it", name, *invalid);
  return {"GB18030", std::move(t)};
}

}  // namespace ptbrief::ingest
