#!/usr/bin/env python3
"""Measure false findings of the structure rules on real, edited prose (GUM, CC BY part).

usage: python3 scripts/measure_gum.py [GALLEY_BINARY] [--gum DIR] [--rules a,b,c] [--list]
                                      [--keep DIR]

Rebuilds each GUM document in ../shared/data/gum-ccby/ (or --gum DIR) as a Markdown draft:
`# text =` sentences grouped back into paragraphs at `# newpar` markers; headings become
`#`/`##` lines, list items `- ` lines, block quotes `> ` lines; captions, figures and table
rows are left out, and so is every sentence annotated `# s_type = frag` (real fragments such
as datelines and captions). Then it runs `GALLEY check --format json` on the drafts and
counts the findings of the structure rules (sentence-fragment, orphaned-clause,
missing-subject by default) per 1,000 words of paragraph prose, for the written genres
(news, bio, voyage, textbook), the spoken ones (interview, speech, vlog, conversation) and
all. GUM is edited or transcribed text with no planted defects, so every finding here is
a false alarm unless a reader judges otherwise; `--list` prints each one with its sentence.

The default binary is target/release/galley. Exit status 0 always when it could measure.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WRITTEN = {"news", "bio", "voyage", "textbook"}
SPOKEN = {"interview", "speech", "vlog", "conversation"}
DEFAULT_RULES = ["sentence-fragment", "orphaned-clause", "missing-subject"]


def block_kind(desc):
    """The Markdown block a `# newpar_block` description maps to."""
    parts = [p.strip().split(" ")[0] for p in desc.split("|")]
    if any(p in ("figure", "caption", "row", "cell", "table") for p in parts):
        return "skip"
    if "head" in parts:
        return "head"
    if "item" in parts:
        return "item"
    if "quote" in parts:
        return "quote"
    return "p"


def escape(text):
    text = re.sub(r"([\\`*_<])", r"\\\1", text)
    if re.match(r"^(#|>|[-+=]|\d+[.)]\s)", text):
        text = "\\" + text
    return text


def words(text):
    return len(re.findall(r"[A-Za-z0-9][\w'’.,-]*", text))


def convert(path):
    """Markdown text of one GUM document and its count of checked words."""
    blocks = []  # (kind, [sentences])
    kind = "p"
    s_type = None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newpar_block = "):
            kind = block_kind(line[len("# newpar_block = "):])
            blocks.append((kind, []))
        elif line.startswith("# newpar") and not line.startswith("# newpar_block"):
            pass
        elif line.startswith("# s_type = "):
            s_type = line[len("# s_type = "):].strip()
        elif line.startswith("# text = "):
            if not blocks:
                blocks.append(("p", []))
            text = line[len("# text = "):].strip()
            blocks[-1][1].append((text, s_type))
            s_type = None
    out, checked, first_head = [], 0, True
    for kind, sents in blocks:
        kept = [t for t, st in sents if st != "frag"]
        if kind == "skip" or not kept:
            continue
        body = escape(" ".join(kept))
        if kind == "head":
            out.append(("# " if first_head else "## ") + body)
            first_head = False
        elif kind == "item":
            out.append("- " + body)
        elif kind == "quote":
            out.append("> " + body)
        else:
            out.append(body)
            checked += sum(words(t) for t in kept)
    return "\n\n".join(out) + "\n", checked


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("galley", nargs="?", default=os.path.join(ROOT, "target/release/galley"))
    ap.add_argument("--gum", default=os.path.join(ROOT, "..", "shared", "data", "gum-ccby"))
    ap.add_argument("--rules", default=",".join(DEFAULT_RULES))
    ap.add_argument("--list", action="store_true", help="print every finding")
    ap.add_argument("--keep", help="write the Markdown drafts to this folder and keep them")
    args = ap.parse_args()
    rules = set(args.rules.split(","))
    files = sorted(glob.glob(os.path.join(args.gum, "*.conllu")))
    if not files:
        print("measure_gum: no .conllu files in %s" % args.gum)
        sys.exit(2)
    outdir = args.keep or tempfile.mkdtemp(prefix="galley-gum-")
    os.makedirs(outdir, exist_ok=True)
    genre_of, words_of, text_of = {}, {}, {}
    for f in files:
        name = os.path.basename(f)[:-len(".conllu")]
        md, n = convert(f)
        path = os.path.join(outdir, name + ".md")
        with open(path, "w", encoding="utf-8") as w:
            w.write(md)
        genre_of[path] = name.split("_")[1]
        words_of[path] = n
        text_of[path] = md
    p = subprocess.run([args.galley, "check", "--format", "json"] + sorted(genre_of),
                       capture_output=True, text=True)
    try:
        report = json.loads(p.stdout)
    except ValueError:
        print(p.stdout[-2000:], p.stderr[-2000:])
        print("measure_gum: galley printed no JSON report")
        sys.exit(2)
    found = {}
    for d in report.get("diagnostics", []):
        if d["rule"] not in rules:
            continue
        path = os.path.abspath(d["path"]) if os.path.exists(d["path"]) else d["path"]
        found.setdefault(path, []).append(d)
    rows = {}
    for path, g in genre_of.items():
        w, n = rows.get(g, (0, 0))
        rows[g] = (w + words_of[path], n + len(found.get(path, [])))
    by_rule = {}
    for ds in found.values():
        for d in ds:
            by_rule[d["rule"]] = by_rule.get(d["rule"], 0) + 1

    def line(label, genres):
        w = sum(rows[g][0] for g in genres if g in rows)
        n = sum(rows[g][1] for g in genres if g in rows)
        rate = 1000.0 * n / w if w else 0.0
        print("%-14s %8d words %4d findings %6.3f per 1,000 words" % (label, w, n, rate))

    for g in sorted(rows):
        line(g, [g])
    line("written", WRITTEN)
    line("spoken", SPOKEN)
    line("all", list(rows))
    print("by rule: " + ", ".join("%s %d" % kv for kv in sorted(by_rule.items())))
    if args.list:
        for path in sorted(found):
            data = text_of[path].encode("utf-8")
            for d in found[path]:
                s, e = d["byte_start"], d["byte_end"]
                a = data.rfind(b"\n", 0, s) + 1
                z = data.find(b"\n", e)
                ctx = data[max(a, s - 160):min(z if z >= 0 else len(data), e + 80)]
                print("\n%s [%s] %s: %s" % (os.path.basename(path), genre_of[path], d["rule"],
                                            d["message"]))
                print("   flagged: %s" % data[s:e].decode("utf-8", "replace"))
                print("   context: %s" % ctx.decode("utf-8", "replace"))
    if not args.keep:
        for path in genre_of:
            os.remove(path)
        os.rmdir(outdir)


main()
