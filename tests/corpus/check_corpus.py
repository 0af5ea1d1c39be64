#!/usr/bin/env python3
"""Sanity checks for galley's hand-written test corpus and example drafts.

usage: python3 tests/corpus/check_corpus.py        (run from the repository root)

Checks, and prints figures for:
  * examples/drafts/*.gold.json: each item has a known class, a unique id, and its quote
    occurs in the draft at least nth+1 times (for "any" items, every alternative occurs);
  * tests/corpus/structure/fire.txt: RULE<TAB>TEXT<TAB>FLAGGED, a known rule, FLAGGED
    occurs exactly once in TEXT;
  * tests/corpus/structure/silent.txt: one sentence per line, no tabs, no duplicates;
  * tests/corpus/structure/fragments.txt (recall corpus): fire.txt's format, every line under
    a known "# class:" and a "# register: news|blog" directive, at least 150 items, every
    class and both registers present;
  * tests/corpus/structure/hard-silent.txt: silent.txt's format under the same directives,
    a known class, at least 300 sentences, no line shared with silent.txt;
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
# Classes of the recall corpus and the rule each must be flagged by.
FRAGMENT_CLASSES = {
    "verbless-pp": {"sentence-fragment"},
    "bare-np": {"sentence-fragment"},
    "subjectless-statement": {"missing-subject"},
    "split-clause": {"sentence-fragment"},
    "orphaned-that": {"orphaned-clause", "sentence-fragment"},
    "lone-subordinate": {"sentence-fragment"},
    "participial": {"sentence-fragment"},
    "base-after-be-have": {"dropped-suffix"},
}
HARD_SILENT_CLASSES = {
    "fronted-imperative", "code-or-link-subject", "verb-in-link-text", "noun-looking-verb",
    "plural-subject-looking-like-verb", "long-subject", "ing-or-noun-subject",
    "noun-after-be-have", "caption", "greeting-or-signoff", "heading",
}
REGISTERS = {"news", "blog"}
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


def directive_lines(name, classes):
    """Content lines of a structure corpus file under its "# class:" and "# register:"
    directives: yields (lineno, line, class, register)."""
    path = os.path.join(ROOT, "tests/corpus/structure", name)
    cls = reg = None
    for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("# class:"):
            cls = line.split(":", 1)[1].strip()
            if cls not in classes:
                fail(f"{name}:{lineno}: unknown class {cls}")
            reg = None
            continue
        if line.startswith("# register:"):
            reg = line.split(":", 1)[1].strip()
            if reg not in REGISTERS:
                fail(f"{name}:{lineno}: unknown register {reg}")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if line != line.strip():
            fail(f"{name}:{lineno}: leading or trailing white space")
        if cls is None or reg is None:
            fail(f"{name}:{lineno}: no class or register directive above the line")
        yield lineno, line, cls, reg


def check_fragments():
    name = "fragments.txt"
    per_class, per_reg, seen = {}, {}, set()
    for lineno, line, cls, reg in directive_lines(name, FRAGMENT_CLASSES):
        parts = line.split("\t")
        if len(parts) != 3:
            fail(f"{name}:{lineno}: expected 3 tab-separated fields, got {len(parts)}")
            continue
        rule, text, flagged = parts
        if rule not in FIRE_RULES:
            fail(f"{name}:{lineno}: unknown rule {rule}")
        elif cls in FRAGMENT_CLASSES and rule not in FRAGMENT_CLASSES[cls]:
            fail(f"{name}:{lineno}: rule {rule} does not belong to class {cls}")
        if text.count(flagged) != 1:
            fail(f"{name}:{lineno}: FLAGGED {flagged!r} occurs {text.count(flagged)} times in TEXT")
        if text in seen:
            fail(f"{name}:{lineno}: duplicate paragraph")
        seen.add(text)
        if rule in ("sentence-fragment", "orphaned-clause") and not re.search(r"[.!?]$", flagged):
            fail(f"{name}:{lineno}: FLAGGED should be the whole sentence, stop included")
        if rule == "dropped-suffix" and not re.fullmatch(r"[A-Za-z]+", flagged):
            fail(f"{name}:{lineno}: FLAGGED should be one word for dropped-suffix")
        if rule == "missing-subject" and not text.startswith(flagged) and \
                f". {flagged}" not in text:
            fail(f"{name}:{lineno}: FLAGGED should open a sentence for missing-subject")
        # the defect needs its paragraph: at least one other sentence around it
        if len(re.findall(r"[.!?](?:\s|$)", text)) < 2:
            fail(f"{name}:{lineno}: a paragraph needs context sentences around the defect")
        per_class[cls] = per_class.get(cls, 0) + 1
        per_reg[reg] = per_reg.get(reg, 0) + 1
    n = sum(per_class.values())
    if n < 150:
        fail(f"{name}: {n} items, want at least 150")
    for cls in FRAGMENT_CLASSES:
        if cls not in per_class:
            fail(f"{name}: no item of class {cls}")
    for reg in REGISTERS:
        if reg not in per_reg:
            fail(f"{name}: no item in register {reg}")
    return per_class, per_reg


def check_hard_silent():
    name = "hard-silent.txt"
    silent = set(
        l.rstrip("\n") for l in open(os.path.join(ROOT, "tests/corpus/structure/silent.txt"),
                                      encoding="utf-8"))
    per_class, per_reg, seen = {}, {}, set()
    sentences = 0
    for lineno, line, cls, reg in directive_lines(name, HARD_SILENT_CLASSES):
        if "\t" in line:
            fail(f"{name}:{lineno}: contains a tab")
        if line in seen:
            fail(f"{name}:{lineno}: duplicate line")
        if line in silent:
            fail(f"{name}:{lineno}: line also in silent.txt")
        seen.add(line)
        if cls == "caption" and not line.startswith("[caption] "):
            fail(f"{name}:{lineno}: a caption line starts with '[caption] '")
        if cls == "heading" and not line.startswith("[heading] "):
            fail(f"{name}:{lineno}: a heading line starts with '[heading] '")
        if line.startswith("[heading] ") and cls != "heading":
            fail(f"{name}:{lineno}: '[heading] ' outside the heading class")
        per_class[cls] = per_class.get(cls, 0) + 1
        per_reg[reg] = per_reg.get(reg, 0) + 1
        sentences += max(1, len(re.findall(r"[.!?][)\]`”’\"']*(?:\s|$)", line)))
    if sentences < 300:
        fail(f"{name}: {sentences} sentences, want at least 300")
    for cls in HARD_SILENT_CLASSES:
        if cls not in per_class:
            fail(f"{name}: no line of class {cls}")
    return per_class, per_reg, sentences


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
    per_class, per_reg = check_fragments()
    print(f"fragments.txt: {sum(per_class.values())} items; "
          + ", ".join(f"{k} {v}" for k, v in per_class.items()) + "; "
          + ", ".join(f"{k} {v}" for k, v in sorted(per_reg.items())))
    per_class, per_reg, sentences = check_hard_silent()
    print(f"hard-silent.txt: {sum(per_class.values())} lines, {sentences} sentences; "
          + ", ".join(f"{k} {v}" for k, v in per_class.items()) + "; "
          + ", ".join(f"{k} {v}" for k, v in sorted(per_reg.items())))
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
