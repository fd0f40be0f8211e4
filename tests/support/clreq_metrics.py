#!/usr/bin/env python3
"""clreq / GB/T 9704 checks measured from glyph positions (`ptbrief debug --dump=pages`).

  ptbrief debug --dump=pages --park 南通高新区 --layout gongwen | clreq_metrics.py [--list]
                                                                  [--size=PT]

Prints one count per rule of issue 12 (line-start/line-end violations, non-final lines short of
the margin, adjacent punctuation pairs wider than 1.6 em, full-em line-end marks, 孤字 last
lines, letter-spaced lines, number/unit splits). Glyphs are assigned to the printed line whose
baseline and measure hold them; a glyph's em is its run's size. With --list, each hit is
printed with its line.
"""
import re
import sys
from collections import Counter

OPEN = set("（〔［｛《〈「『【〖〘“‘")
CLOSE = set("）〕］｝》〉」』】〗〙”’、。，．")
MIDDLE = set("：；？！")
PUNCT = OPEN | CLOSE | MIDDLE
NO_START = CLOSE | MIDDLE | set("…⋯—―～·・‧%‰℃°)]},.;:?!、ゝゞヽヾー々〻％")
NO_END = OPEN | set("([{")
LINE_END_MARKS = CLOSE | MIDDLE


def is_han(ch):
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


LINE = re.compile(r"  line y=(\S+) x=(\S+)\.\.(\S+) \[(\S+),(\S+)\] (\S\S\S) ?(.*)$")
RUN = re.compile(r"    run f(\d+) size=(\S+)$")
GLYPH = re.compile(r"    glyph f(\d+) (\d+) (\S+),(\S+) \+(\S+) ?(.*)$")
MARKER = re.compile(r"\[\d+\]")


def parse(stream, default_size):
    pages = []
    size = default_size
    for raw in stream:
        raw = raw.rstrip("\n")
        if raw.startswith("page "):
            pages.append({"lines": [], "glyphs": []})
            size = default_size
            continue
        m = LINE.match(raw)
        if m:
            y, x0, x1, left, right = map(float, m.groups()[:5])
            pages[-1]["lines"].append(dict(y=y, x0=x0, x1=x1, left=left, right=right,
                                           flags=m.group(6), text=m.group(7), glyphs=[]))
            continue
        m = RUN.match(raw)
        if m:
            size = float(m.group(2))
            continue
        m = GLYPH.match(raw)
        if m:
            x, y, adv = float(m.group(3)), float(m.group(4)), float(m.group(5))
            pages[-1]["glyphs"].append(dict(x=x, y=y, adv=adv, text=m.group(6), size=size))
    for page in pages:
        for g in page["glyphs"]:
            best = None
            for ln in page["lines"]:
                if not (ln["y"] - 0.6 * g["size"] <= g["y"] <= ln["y"] + 0.05):
                    continue
                if not (ln["left"] - 1.5 * g["size"] <= g["x"] <= ln["right"] + 0.5 * g["size"]):
                    continue
                if best is None or abs(ln["y"] - g["y"]) < abs(best["y"] - g["y"]):
                    best = ln
            if best is not None:
                best["glyphs"].append(g)
        for ln in page["lines"]:
            ln["glyphs"].sort(key=lambda g: g["x"])
    return pages


def main():
    listing = "--list" in sys.argv
    # Dumps older than the run lines: every glyph is taken to be of the body size given.
    default = next((float(a.split("=")[1]) for a in sys.argv if a.startswith("--size=")), None)
    pages = parse(sys.stdin, default)
    lines = [ln for p in pages for ln in p["lines"]]
    hits = {k: [] for k in ("start/end violations", "non-final lines short of the margin",
                            "punctuation pairs > 1.6 em", "full-em line-end marks",
                            "孤字 last lines", "lines letter-spaced > 5 %",
                            "number/unit splits")}
    # The natural Han pitch per size: the most common Han-to-Han distance.
    pitch = {}
    dist = {}
    for ln in lines:
        gs = [g for g in ln["glyphs"] if g["text"]]
        for a, b in zip(gs, gs[1:]):
            if is_han(a["text"][:1]) and is_han(b["text"][:1]) and a["size"] == b["size"]:
                dist.setdefault(a["size"], Counter())[round(b["x"] - a["x"], 2)] += 1
    for s, c in dist.items():
        pitch[s] = c.most_common(1)[0][0]
    body = [ln for ln in lines if ln["flags"][0] == "B"]
    letter_spaced = 0
    for i, ln in enumerate(lines):
        text = ln["text"]
        gs = [g for g in ln["glyphs"] if g["text"]]
        if text and (text[0] in NO_START or text[-1] in NO_END):
            hits["start/end violations"].append(text)
        if not gs:
            continue
        last = gs[-1]
        em = last["size"]
        ch = last["text"][-1]
        if ln["flags"] == "BJ-" and ch in LINE_END_MARKS and last["adv"] >= 0.9 * em:
            hits["full-em line-end marks"].append(text)
        if ln["flags"] == "BJ-":
            ink_end = last["x"] + (min(last["adv"], 0.5 * em) if ch in LINE_END_MARKS
                                   else last["adv"])
            if ln["right"] - ink_end > 0.25 * em:
                hits["non-final lines short of the margin"].append(text)
        for a, b in zip(gs, gs[1:]):
            if a["text"][-1] in PUNCT and b["text"][:1] in PUNCT and a["size"] == b["size"]:
                w = a["adv"] + b["adv"]
                if w > 1.6 * a["size"] + 0.01:
                    hits["punctuation pairs > 1.6 em"].append(a["text"] + b["text"] + " in " + text)
        if ln["flags"] == "BJ-":
            excess = []
            for a, b in zip(gs, gs[1:]):
                if is_han(a["text"][:1]) and is_han(b["text"][:1]) and a["size"] in pitch:
                    excess.append((b["x"] - a["x"] - pitch[a["size"]]) / a["size"])
            if excess and sum(excess) / len(excess) > 0.05:
                hits["lines letter-spaced > 5 %"].append(
                    "%.1f%% %s" % (100 * sum(excess) / len(excess), text))
        if ln["flags"][0] == "B" and ln["flags"][2] == "E" and i > 0:
            prev = lines[i - 1]
            if prev["flags"][0] == "B" and prev["flags"][2] != "E":
                content = MARKER.sub("", text)
                if sum(1 for c in content if is_han(c)) < 2:
                    hits["孤字 last lines"].append(text)
        if ln["flags"][0] == "B" and ln["flags"][2] != "E" and i + 1 < len(lines):
            nxt = lines[i + 1]["text"]
            if text and nxt and text[-1].isdigit() and (is_han(nxt[0]) or nxt[0] in "%％"):
                hits["number/unit splits"].append(text + " | " + nxt)
    print("body lines %d" % len(body))
    for k, v in hits.items():
        print("%-40s %d" % (k, len(v)))
        if listing:
            for t in v:
                print("    " + t)


if __name__ == "__main__":
    main()
