#!/usr/bin/env python3
"""Sanity checks for galley's hand-written test corpus and example drafts.

usage: python3 tests/corpus/check_corpus.py        (run from the repository root)

Checks, and prints figures for:
  * examples/drafts/*.gold.json: each item has a known class, a unique id, and its quote
    occurs in the draft at least nth+1 times (for "any" items, every alternative occurs);
  * tests/corpus/structure/fire.txt: RULE<TAB>TEXT<TAB>FLAGGED, a known rule, FLAGGED
    occurs exactly once in TEXT;
  * tests/corpus/structure/silent.txt: one sentence per line, no tabs, no duplicates;
  * tests/corpus/sound/*.md: word and (roughly counted) sentence totals.
Exit status 1 when any check fails.
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLASSES = {
    "repeated-headline", "dropped-suffix", "fragment", "unbalanced-quotes",
    "inconsistent-spelling", "boilerplate", "duplicate-sentence", "repeated-word",
    "unbalanced-brackets", "optional",
}
FIRE_RULES = {"sentence-fragment", "orphaned-clause", "missing-subject", "dropped-suffix"}
errors = []


def fail(msg):
    errors.append(msg)


def body_words(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            text = text[end + 5:]
    return len(re.findall(r"[A-Za-z0-9£$€’'][\w’'.,%-]*", text))


def rough_sentences(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            text = text[end + 5:]
    n = 0
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block or block.startswith("|") or block.startswith("!["):
            continue
        # sentence ends: . ! ? optionally followed by closing quotes/brackets, then space/end
        ends = re.findall(r"[.!?][”’\"')\]]*(?:\s|$)", block)
        n += max(1, len(ends))
    return n


def check_gold():
    rows = []
    for gold_path in sorted(glob.glob(os.path.join(ROOT, "examples/drafts/*.gold.json"))):
        gold = json.load(open(gold_path, encoding="utf-8"))
        doc = os.path.join(os.path.dirname(gold_path), gold["doc"])
        if not os.path.exists(doc):
            fail(f"{gold_path}: doc {gold['doc']} missing")
            continue
        text = open(doc, encoding="utf-8").read()
        ids = set()
        per_class = {}
        for item in gold["items"]:
            if item["id"] in ids:
                fail(f"{gold['doc']}: duplicate id {item['id']}")
            ids.add(item["id"])
            if item["class"] not in CLASSES:
                fail(f"{gold['doc']}: {item['id']}: unknown class {item['class']}")
            quotes = item["quote"].split("|") if item.get("any") else [item["quote"]]
            for q in quotes:
                count = text.count(q)
                need = 1 if item.get("any") else item.get("nth", 0) + 1
                if count < need:
                    fail(f"{gold['doc']}: {item['id']}: quote {q!r} occurs {count} times, need {need}")
            per_class[item["class"]] = per_class.get(item["class"], 0) + 1
        rows.append((gold["doc"], body_words(text), per_class))
    return rows


def check_fire():
    path = os.path.join(ROOT, "tests/corpus/structure/fire.txt")
    per_rule = {}
    for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            fail(f"fire.txt:{lineno}: expected 3 tab-separated fields, got {len(parts)}")
            continue
        rule, text, flagged = parts
        if rule not in FIRE_RULES:
            fail(f"fire.txt:{lineno}: unknown rule {rule}")
        if text.count(flagged) != 1:
            fail(f"fire.txt:{lineno}: FLAGGED {flagged!r} occurs {text.count(flagged)} times in TEXT")
        per_rule[rule] = per_rule.get(rule, 0) + 1
    return per_rule


def check_silent():
    path = os.path.join(ROOT, "tests/corpus/structure/silent.txt")
    seen = set()
    n = 0
    for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if "\t" in line:
            fail(f"silent.txt:{lineno}: contains a tab")
        if line in seen:
            fail(f"silent.txt:{lineno}: duplicate line")
        seen.add(line)
        n += 1
    return n


def main():
    for doc, words, per_class in check_gold():
        summary = ", ".join(f"{k} {v}" for k, v in sorted(per_class.items())) or "clean"
        print(f"draft {doc}: {words} words; {summary}")
    for doc in sorted(glob.glob(os.path.join(ROOT, "examples/drafts/*.md"))):
        if not os.path.exists(doc[:-3] + ".gold.json"):
            fail(f"{doc}: no answer key")
    per_rule = check_fire()
    print("fire.txt: " + ", ".join(f"{k} {v}" for k, v in sorted(per_rule.items())))
    print(f"silent.txt: {check_silent()} sentences")
    total_w = total_s = 0
    files = sorted(glob.glob(os.path.join(ROOT, "tests/corpus/sound/*.md")))
    for f in files:
        text = open(f, encoding="utf-8").read()
        w, s = body_words(text), rough_sentences(text)
        total_w += w
        total_s += s
        print(f"sound {os.path.basename(f)}: {w} words, ~{s} sentences")
    print(f"sound total: {len(files)} files, {total_w} words, ~{total_s} sentences")
    for e in errors:
        print("ERROR:", e)
    sys.exit(1 if errors else 0)


main()
