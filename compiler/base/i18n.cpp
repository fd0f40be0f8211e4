// Messages in the user's language: choosing the language, binding the catalogue, lookups.
#include "base/i18n.h"

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <vector>

#include "base/paths.h"

namespace ptbrief {
namespace {

constexpr const char* kDomain = "ptbrief";
bool g_translating = false;  ///< a catalogue is bound (init_messages() chose a language)

/// The locale name the environment asks for messages, in POSIX precedence order.
std::string wanted_locale() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "C";
}

/// Whether `name` is the C/POSIX locale, whose messages are the untranslated ones.
bool is_c_locale(const std::string& name) {
  return name == "C" || name == "POSIX" || name.rfind("C.", 0) == 0;
}

}  // namespace

void init_messages() {
  const std::string wanted = wanted_locale();
  if (is_c_locale(wanted)) return;  // English; GNU ignores LANGUAGE here too
  if (!std::setlocale(LC_MESSAGES, "")) {
    // The locale is not generated on this machine (common for zh_CN.UTF-8): gettext still
    // finds the catalogue under C.UTF-8 when LANGUAGE names the language.
    std::setlocale(LC_MESSAGES, "C.UTF-8");
    const char* language = std::getenv("LANGUAGE");  // the user's own list wins
    if (!language || !*language)
      ::setenv("LANGUAGE", wanted.substr(0, wanted.find_first_of(".@")).c_str(), 1);
  }
  ::bindtextdomain(kDomain, locale_dir().c_str());
  ::bind_textdomain_codeset(kDomain, "UTF-8");  // whatever LC_CTYPE says; output is UTF-8
  g_translating = true;
}

void use_messages(const char* language) {
  // The C.UTF-8 locale is always there; gettext then takes the language from LANGUAGE.
  std::setlocale(LC_MESSAGES, "C.UTF-8");
  ::setenv("LANGUAGE", language, 1);
  ::bindtextdomain(kDomain, locale_dir().c_str());
  ::bind_textdomain_codeset(kDomain, "UTF-8");
  g_translating = true;
}

const char* tr(const char* msgid) {
  return g_translating ? ::dgettext(kDomain, msgid) : msgid;
}

std::string trf(const char* msgid, std::initializer_list<std::string_view> args) {
  const std::vector<std::string_view> values(args);
  const std::string_view text = tr(msgid);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // {N}: the Nth argument (1-based, one digit); anything else is copied as it is.
    if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9' &&
        text[i + 2] == '}' && static_cast<std::size_t>(text[i + 1] - '1') < values.size()) {
      out += values[static_cast<std::size_t>(text[i + 1] - '1')];
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace ptbrief
