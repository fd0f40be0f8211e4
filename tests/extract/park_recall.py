#!/usr/bin/env python3
"""Per-file park recall and precision of `ptbrief extract --format json` output.

usage: park_recall.py PREDICTED.json GOLD_DIR

score_extraction.py counts parks over the whole corpus; this prints, for every gold file, which
gold parks the extractor found in that file (a predicted park counts for a file when its
`articles` list names the file) and which parks it predicted there that are not in the gold.
Park names are compared the way score_extraction.py compares them (gold aliases, 高新技术产业开发区
= 高新区, 经济技术开发区 = 经开区, traditional = simplified). Region entries (kind "region") and
gold city/province names are not parks and are ignored.
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCORER = os.path.join(HERE, "..", "..", "..", "shared", "tools", "score_extraction.py")


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    scorer_path = os.environ.get("PTBRIEF_SCORER", SCORER)
    if not os.path.exists(scorer_path):
        print(f"park_recall.py: scorer not found at {scorer_path}; set PTBRIEF_SCORER", file=sys.stderr)
        return 2
    sc = load_scorer(scorer_path)
    pred = sc.load_json(argv[1])
    gold = {}
    for name in sorted(os.listdir(argv[2])):
        if name.endswith(".json"):
            g = sc.load_json(os.path.join(argv[2], name))
            gold[os.path.splitext(g["source"])[0]] = g
            for park in g.get("parks", []):
                canon = sc.canon_park(park["name"])
                for alias in park.get("aliases", []):
                    sc.ALIASES.setdefault(sc.canon_park(alias), canon)
    by_file = {}
    for p in pred.get("parks", []):
        if p.get("kind", "park") != "park":
            continue
        for art in p.get("articles", []):
            by_file.setdefault(art.split("#")[0], set()).add(sc.canon_park(p.get("name")))
    tp_all = gold_all = pred_all = 0
    for stem, g in gold.items():
        gparks = {sc.canon_park(p["name"]) for p in g.get("parks", [])}
        pparks = by_file.get(stem, set())
        tp = len(gparks & pparks)
        tp_all, gold_all, pred_all = tp_all + tp, gold_all + len(gparks), pred_all + len(pparks)
        r = tp / len(gparks) if gparks else 1.0
        p = tp / len(pparks) if pparks else (1.0 if not gparks else 0.0)
        missed = "、".join(sorted(gparks - pparks)) or "-"
        extra = "、".join(sorted(pparks - gparks)) or "-"
        print(f"{stem}: parks R={r:.2f} P={p:.2f}  missed: {missed}  extra: {extra}")
    r = tp_all / gold_all if gold_all else 0.0
    p = tp_all / pred_all if pred_all else 0.0
    print(f"per-file parks: R={r:.3f} P={p:.3f} ({tp_all} found, {pred_all} predicted, {gold_all} gold)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
