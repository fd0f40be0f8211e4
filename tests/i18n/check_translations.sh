#!/bin/sh
# The messages test: every message marked with tr()/trf() under compiler/ has a translation in
# each po/<lang>.po — none missing, none fuzzy or empty, every {N} placeholder kept.
# usage: check_translations.sh ROOT SCRATCH
set -eu
root=$1
pot="$2/messages.pot"
mkdir -p "$2"
cd "$root"
grep -rl --include='*.cpp' -e 'tr(' -e 'trf(' compiler | sort |
  xargs xgettext --language=C++ --from-code=UTF-8 --keyword=tr --keyword=trf --no-location \
    --sort-output -o "$pot"
status=0
for po in po/*.po; do
  # msgcmp: every msgid of the code is in the .po file (and translated, with --use-untranslated off).
  msgcmp "$po" "$pot" || status=1
  stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
  echo "$po: $stats"
  case $stats in *fuzzy*|*untranslated*) status=1 ;; esac
  # Each translation keeps the placeholders of its message.
  python3 - "$po" <<'PY' || status=1
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
bad = 0
for msgid, msgstr in re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', text, re.M):
    mid = "".join(re.findall(r'"(.*)"', msgid)); mstr = "".join(re.findall(r'"(.*)"', msgstr))
    if sorted(re.findall(r"\{\d\}", mid)) != sorted(re.findall(r"\{\d\}", mstr)):
        print(f"{sys.argv[1]}: placeholders differ: {mid!r}"); bad = 1
sys.exit(bad)
PY
done
exit $status
