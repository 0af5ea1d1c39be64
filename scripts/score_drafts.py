#!/usr/bin/env python3
"""Score galley on the project's own annotated drafts.

usage: scripts/score_drafts.py [GALLEY] [DIR ...]
       (default galley: target/release/galley; default dirs: examples/drafts tests/corpus/sound
        tests/corpus/drafts)

Each NAME.md may have NAME.gold.json beside it: {"items": [{"id", "class", "quote", "nth"}]}.
A finding matches an item when the rule's class equals the item's class and the byte spans
overlap; items of class "optional" are neither required nor false. Files without a key must be
silent: every finding there is false. Prints per-class recall and precision and every miss and
false finding.
"""
import json, os, subprocess, sys
from collections import defaultdict

CLASS_OF = {
    "spliced-headline": "repeated-headline", "orphaned-clause": "fragment",
    "sentence-fragment": "fragment", "missing-subject": "fragment",
}

def spans(data, item):
    quotes = item["quote"].split("|") if item.get("any") else [item["quote"]]
    out = []
    for q in quotes:
        qb, pos, n = q.encode(), -1, 0
        while True:
            pos = data.find(qb, pos + 1)
            if pos < 0:
                break
            if item.get("any") or n == item.get("nth", 0):
                out.append((pos, pos + len(qb)))
            n += 1
    return out

def main():
    args = sys.argv[1:]
    exe = args[0] if args else "target/release/galley"
    dirs = args[1:] or ["examples/drafts", "tests/corpus/sound", "tests/corpus/drafts"]
    files = sorted(os.path.join(d, f) for d in dirs for f in os.listdir(d) if f.endswith(".md"))
    p = subprocess.run([exe, "check", "--format", "json", *files], capture_output=True, text=True)
    report = json.loads(p.stdout)
    by_path = defaultdict(list)
    for d in report["diagnostics"]:
        by_path[d["path"]].append(d)
    found, total, false = defaultdict(int), defaultdict(int), defaultdict(int)
    words = 0
    for f in files:
        data = open(f, "rb").read()
        words += len(data.split())
        gold_path = f[:-3] + ".gold.json"
        items = json.load(open(gold_path))["items"] if os.path.exists(gold_path) else []
        item_spans = {it["id"]: spans(data, it) for it in items}
        hit, used = set(), set()
        diags = by_path.get(f, [])
        for i, d in enumerate(diags):
            s, e = d["byte_start"], max(d["byte_end"], d["byte_start"] + 1)
            c = CLASS_OF.get(d["rule"], d["rule"])
            for it in items:
                if any(s < b and a < e for a, b in item_spans[it["id"]]):
                    if it["class"] == "optional":
                        used.add(i)
                    elif it["class"] == c:
                        hit.add(it["id"]); used.add(i)
        for it in items:
            if it["class"] == "optional":
                continue
            total[it["class"]] += 1
            if it["id"] in hit:
                found[it["class"]] += 1
            else:
                print("MISS  %s %s %r" % (f, it["class"], it["quote"][:70]))
        for i, d in enumerate(diags):
            if i not in used:
                c = CLASS_OF.get(d["rule"], d["rule"])
                false[c] += 1
                snippet = data[d["byte_start"]:d["byte_end"]].decode("utf-8", "replace")[:60]
                print("FALSE %s:%d %s %r" % (f, d["line"], d["rule"], snippet))
    print("\nclass                   recall        precision")
    for c in sorted(set(total) | set(false)):
        tp = found[c]
        prec = tp / (tp + false[c]) if tp + false[c] else 1.0
        rec = tp / total[c] if total[c] else 1.0
        print("%-22s %3d/%-3d %5.2f   %5.2f (%d false)" % (c, tp, total[c], rec, prec, false[c]))
    print("words checked: %d" % words)

main()
