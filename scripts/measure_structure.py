#!/usr/bin/env python3
"""Measure the structure rules on the recall and hard-silent corpora.

usage: scripts/measure_structure.py [GALLEY] [--verbose] [--style=STYLE]
       (default galley: target/release/galley; run from the repository root)

Reads tests/corpus/structure/fragments.txt (RULE<TAB>TEXT<TAB>FLAGGED under "# class:" and
"# register:" directives) and tests/corpus/structure/hard-silent.txt (one sound sentence or
passage per line under the same directives). Each item becomes a draft of its own, built as
tests/integration/structure.rs builds them: "# A headline", a blank line, then the paragraph; a
"[caption] " line stands under an image and a "[heading] " line becomes "## TEXT". galley
checks all the drafts in one run (--format json).

Prints, per class and register:
  * recall: the item counts as found when its RULE flags a span overlapping FLAGGED (the
    criterion of tests/integration/structure.rs); "exact" counts findings whose span equals FLAGGED;
  * findings on the recall paragraphs that do not overlap the defect (their sound context
    sentences, or a wrong span);
  * false findings on the hard-silent corpus: any finding of sentence-fragment,
    orphaned-clause, missing-subject or dropped-suffix, with its text and message.
With --style=news (or blog, auto), galley reads every item in that style (a galley.toml
beside the drafts); by default it decides per draft (`auto`: a draft with code or written in
the first person reads as a post, where deliberate fragments are not reported).
With --verbose, also lists every missed item and what galley said instead, and the
findings on context sentences.
Exits 0 whatever the figures: this is a measuring tool, not a test.
"""
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
STRUCT = os.path.join(ROOT, "tests/corpus/structure")
RULES = {"sentence-fragment", "orphaned-clause", "missing-subject", "dropped-suffix"}


def items(name, fields):
    """Content lines of a corpus file with their class and register."""
    cls, reg = None, None
    for lineno, line in enumerate(open(os.path.join(STRUCT, name), encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("# class:"):
            cls = line.split(":", 1)[1].strip()
            continue
        if line.startswith("# register:"):
            reg = line.split(":", 1)[1].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t") if fields > 1 else [line]
        yield lineno, cls, reg, parts


def draft(text):
    if text.startswith("[caption] "):
        return f"# A headline\n\n![A photo](photo.jpg)\n\n{text[len('[caption] '):]}\n"
    if text.startswith("[heading] "):
        return f"# A headline\n\n## {text[len('[heading] '):]}\n"
    return f"# A headline\n\n{text}\n"


def run(exe, drafts, style=None):
    """Check every draft in one galley run; returns {index: [diagnostic, ...]}."""
    with tempfile.TemporaryDirectory(prefix="galley-structure-") as tmp:
        if style:
            with open(os.path.join(tmp, "galley.toml"), "w", encoding="utf-8") as f:
                f.write(f'style = "{style}"\n')
        paths = []
        for i, src in enumerate(drafts):
            p = os.path.join(tmp, f"item{i:04}.md")
            with open(p, "w", encoding="utf-8") as f:
                f.write(src)
            paths.append(p)
        proc = subprocess.run([exe, "check", "--format", "json", *paths],
                              capture_output=True, text=True)
        if not proc.stdout.strip():
            sys.exit(f"galley printed nothing (status {proc.returncode}): {proc.stderr}")
        report = json.loads(proc.stdout)
        index = {p: i for i, p in enumerate(paths)}
        out = defaultdict(list)
        for d in report["diagnostics"]:
            if d["rule"] in RULES:
                out[index[d["path"]]].append(d)
        return out


def snippet(src, d):
    b = src.encode()
    return b[d["byte_start"]:d["byte_end"]].decode("utf-8", "replace")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv[1:]
    style = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--style=")), None)
    exe = args[0] if args else os.path.join(ROOT, "target/release/galley")

    fire = list(items("fragments.txt", 3))
    silent = list(items("hard-silent.txt", 1))
    fire_src = [draft(parts[1]) for _, _, _, parts in fire]
    silent_src = [draft(parts[0]) for _, _, _, parts in silent]
    found = run(exe, fire_src + silent_src, style)

    # recall
    tot, hit, exact = defaultdict(int), defaultdict(int), defaultdict(int)
    misses = []
    context = []  # findings on the paragraphs' sound sentences (not overlapping FLAGGED)
    for i, (lineno, cls, reg, (rule, text, flagged)) in enumerate(fire):
        src = fire_src[i].encode()
        at = src.find(flagged.encode(), src.find(text.encode()))  # within the paragraph
        want = (at, at + len(flagged.encode()))
        diags = found.get(i, [])
        ok = [d for d in diags if d["rule"] == rule
              and d["byte_start"] < want[1]
              and want[0] < max(d["byte_end"], d["byte_start"] + 1)]
        for key in (cls, reg, "all"):
            tot[key] += 1
            if ok:
                hit[key] += 1
            if any((d["byte_start"], d["byte_end"]) == want for d in ok):
                exact[key] += 1
        for d in diags:
            if not (d["byte_start"] < want[1]
                    and want[0] < max(d["byte_end"], d["byte_start"] + 1)):
                context.append(f"  fragments.txt:{lineno} [{cls}] {d['rule']}"
                               f" {snippet(fire_src[i], d)!r}: {d['message']}")
        if not ok:
            got = "; ".join(f'{d["rule"]} {snippet(fire_src[i], d)!r}' for d in diags)
            misses.append(f"  fragments.txt:{lineno} [{cls}] {rule} {flagged!r}"
                          f" -> {got or 'no findings'}")

    def pct(a, b):
        return f"{100.0 * a / b:5.1f}%" if b else "    -"

    print("recall corpus (tests/corpus/structure/fragments.txt)")
    print(f"  {'class':<34} {'items':>5} {'found':>5} {'recall':>7} {'exact':>5}")
    classes = list(dict.fromkeys(cls for _, cls, _, _ in fire))
    regs = list(dict.fromkeys(reg for _, _, reg, _ in fire))
    for key in classes + ["--"] + regs + ["--", "all"]:
        if key == "--":
            continue
        print(f"  {key:<34} {tot[key]:>5} {hit[key]:>5} {pct(hit[key], tot[key]):>7}"
              f" {exact[key]:>5}")
    print(f"  findings on the paragraphs' sound context sentences: {len(context)}")
    if verbose and misses:
        print(f"missed ({len(misses)}):")
        print("\n".join(misses))
    if verbose and context:
        print(f"findings on context sentences ({len(context)}):")
        print("\n".join(context))

    # silence
    n_lines = defaultdict(int)
    false = defaultdict(int)
    lines_false = defaultdict(int)
    per_rule = defaultdict(int)
    listing = []
    base = len(fire)
    for j, (lineno, cls, reg, (text,)) in enumerate(silent):
        diags = found.get(base + j, [])
        for key in (cls, reg, "all"):
            n_lines[key] += 1
            false[key] += len(diags)
            lines_false[key] += 1 if diags else 0
        for d in diags:
            per_rule[d["rule"]] += 1
            listing.append(f"  hard-silent.txt:{lineno} [{cls}] {d['rule']}"
                           f" {snippet(silent_src[j], d)!r}: {d['message']}")
    print()
    print("hard-silent corpus (tests/corpus/structure/hard-silent.txt)")
    print(f"  {'class':<34} {'lines':>5} {'noisy':>5} {'findings':>8}")
    classes = list(dict.fromkeys(cls for _, cls, _, _ in silent))
    regs = list(dict.fromkeys(reg for _, _, reg, _ in silent))
    for key in classes + regs + ["all"]:
        print(f"  {key:<34} {n_lines[key]:>5} {lines_false[key]:>5} {false[key]:>8}")
    if per_rule:
        print("  false findings by rule: "
              + ", ".join(f"{r} {n}" for r, n in sorted(per_rule.items())))
    if listing:
        print(f"false findings ({len(listing)}):")
        print("\n".join(listing))


main()
