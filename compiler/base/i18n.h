// Messages in the user's language: GNU gettext, domain "ptbrief", catalogues built from po/.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace ptbrief {

/// Chooses the message language once, as gettext users expect: LC_ALL, else LC_MESSAGES, else
/// LANG (then LANGUAGE, as GNU reads it, unless the locale is C/POSIX). Only messages change:
/// LC_NUMERIC and LC_COLLATE stay "C", so output bytes never depend on the locale. Works even
/// when the locale itself is not generated on the machine. Without a call every message is
/// English. Called once, by cli/main.cpp.
void init_messages();

/// Messages in `language` ("zh_CN": po/zh_CN.po) whatever the environment says, for a front
/// end whose readers have one language (ptbrief serve's page is in Chinese). Like
/// init_messages(), only messages change. Called once, before any thread starts.
void use_messages(const char* language);

/// `msgid` in the chosen language (its translation in po/<lang>.po), else `msgid` itself.
const char* tr(const char* msgid);

/// tr(msgid) with {1}, {2}, … replaced by `args` (so a translation can reorder them).
std::string trf(const char* msgid, std::initializer_list<std::string_view> args);

}  // namespace ptbrief
