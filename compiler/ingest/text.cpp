// Character classes and UTF-8 helpers for the ingest passes.
#include "ingest/text.h"

namespace ptbrief::ingest {

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x3134F) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

bool is_cjk_punct(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'、': case U'；': case U'：': case U'？': case U'！':
    case U'（': case U'）': case U'《': case U'》': case U'〈': case U'〉': case U'…':
    case U'—': case U'·': case U'【': case U'】': case U'〔': case U'〕':
      return true;
    default:
      return false;
  }
}

bool is_cjk_quote(char32_t c) {
  return c == U'“' || c == U'”' || c == U'‘' || c == U'’' || c == U'「' || c == U'」' ||
         c == U'『' || c == U'』';
}

bool is_cjk(char32_t c) { return is_han(c) || is_cjk_punct(c) || is_cjk_quote(c); }

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool is_blank(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || c == 0x2002 || c == 0x2003 ||
         c == 0x2009 || c == 0x202F || c == '\f' || c == '\v';
}

bool is_foreign_script(char32_t c) {
  return (c >= 0x0370 && c <= 0x052F) ||  // Greek, Cyrillic
         (c >= 0x0530 && c <= 0x08FF) ||  // Armenian, Hebrew, Arabic, Syriac, …
         (c >= 0x0E00 && c <= 0x0E7F) ||  // Thai
         (c >= 0x10A0 && c <= 0x10FF) ||  // Georgian
         (c >= 0x3040 && c <= 0x30FF) ||  // Hiragana, Katakana
         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F) ||  // kana extensions
         (c >= 0x1100 && c <= 0x11FF) || (c >= 0xAC00 && c <= 0xD7AF);     // Hangul
}

bool is_invisible(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\v') ||
         (c >= 0x7F && c < 0xA0) || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF ||
         c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) || c == 0x2060;
}

bool is_terminal(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == '!' || c == '?' ||
         c == U'…';
}

bool is_closer(char32_t c) {
  return c == U'”' || c == U'’' || c == U'）' || c == U'」' || c == U'』' || c == U'》' ||
         c == ')' || c == '"' || c == '\'';
}


std::string to_utf8(const Text& t) {
  std::string out;
  out.reserve(t.size() * 3);
  for (const Char& ch : t) append_utf8(out, ch.c);
  return out;
}

bool starts_with(const Text& t, const std::u32string& prefix, std::size_t at) {
  if (at + prefix.size() > t.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (t[at + i].c != prefix[i]) return false;
  return true;
}

}  // namespace ptbrief::ingest
