#!/usr/bin/env python3
"""Rebuild data/lexicon/lexicon.tsv from public, permissively licensed word data.

Regenerate (as root on a Debian machine; nothing here needs the network except
the two package clients):

    apt-get update && apt-get install -y scowl wordnet-base
    pip download --no-deps --dest /tmp/lexicon-src pyinflect==0.5.1 lemminflect==0.2.3
    python3 scripts/build_lexicon.py --wheels /tmp/lexicon-src

Sources (licence texts and credits are in data/lexicon/LICENCES.md):

* SCOWL 2020.12.07 (Debian `scowl`, /usr/share/dict/scowl): which words exist,
  their commonness (the SCOWL size level, 10 = most common ... 95), their case
  and which spelling regions list them.
* SPECIALIST Lexicon inflection table as shipped by LemmInflect 0.2.3 (PyPI
  `lemminflect`, resources/infl_lu.csv.gz): noun/verb/adjective/adverb bases and
  their inflected forms. Preferred source for inflections.
* AGID (Kevin Atkinson's inflection database) as shipped by pyinflect 0.5.1
  (PyPI `pyinflect`, infl.csv): supplementary verb and noun inflections.
* WordNet 3.0 (Debian `wordnet-base`, /usr/share/wordnet/data.*): noun, verb,
  adjective and adverb classes of base words (case as WordNet stores it).

The closed-class words (determiners, pronouns, auxiliaries, ...) are NOT built
here: they are curated by hand in data/lexicon/closed-class.tsv and merged by
build.rs, which lets the curated row override whatever this table says.

Output format (data/lexicon/lexicon.tsv), one entry per line, sorted by bytes:

    word <TAB> rank <TAB> tags <TAB> regions <TAB> inflections

* rank: the lowest SCOWL size level listing the word (10, 20, 35, 40, 50, 55,
  60, 70, 80, 95).
* tags: comma-separated codes, see TAGS below (may be empty for a word SCOWL
  lists but no source classifies, such as many abbreviations).
* regions: empty when SCOWL lists the word for every spelling region, else the
  letters of the regions whose lists hold it: u (American), g (British -ise),
  z (British -ize), c (Canadian), a (Australian), v (a listed variant only).
* inflections: only on bases, `;`-separated groups:
    V=past|past participle|-ing|-s    (verb base)
    N=plural                           (noun base)
    A=comparative|superlative          (adjective base)
  Each slot may hold several spellings separated by `/`, the preferred first.
  A spelling "~ed" stands for the base followed by "ed". Only forms that are
  themselves entries are written.
"""

import argparse
import glob
import gzip
import io
import os
import re
import sys
import zipfile
from collections import defaultdict

SCOWL_DIR = "/usr/share/dict/scowl"
WORDNET_DIR = "/usr/share/wordnet"

# Tag codes, shared with closed-class.tsv and build.rs.
TAGS = [
    "NN", "NNS", "NNP", "VB", "VBD", "VBN", "VBG", "VBZ", "JJ", "JJR", "JJS", "RB",
    "DT", "PRP", "AUX", "MD", "IN", "CC", "SUB", "WH", "RP", "NEG", "CD", "UH",
]

# SCOWL spelling categories we take, and the region letter each stands for.
# "english" lists hold words common to every region (no letter).
CATEGORIES = {
    "english": "",
    "american": "u",
    "british": "g",
    "british_z": "z",
    "canadian": "c",
    "australian": "a",
    "variant_1": "v",
    "variant_2": "v",
    "british_variant_1": "v",
    "british_variant_2": "v",
    "canadian_variant_1": "v",
    "canadian_variant_2": "v",
    "australian_variant_1": "v",
    "australian_variant_2": "v",
}
# Sub-lists and the largest level taken unconditionally. Level-95 words
# (and proper names above 80) are kept only with corroboration (see below).
SUBLISTS = {
    "words": 80,
    "upper": 80,
    "proper-names": 80,
    "abbreviations": 70,
    "contractions": 70,
}
LEVELS = (10, 20, 35, 40, 50, 55, 60, 70, 80, 95)


def is_capitalised(word):
    return word[:1].isupper()


def read_scowl():
    """word -> [rank, set of region letters, set of sublists]."""
    words = {}
    pattern = re.compile(r"^([a-z_0-9]+)-([a-z-]+)\.(\d+)$")
    for path in sorted(glob.glob(os.path.join(SCOWL_DIR, "*"))):
        m = pattern.match(os.path.basename(path))
        if not m:
            continue
        cat, sub, level = m.group(1), m.group(2), int(m.group(3))
        if cat not in CATEGORIES or sub not in SUBLISTS:
            continue
        if sub in ("abbreviations", "contractions") and level > SUBLISTS[sub]:
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                if not w or " " in w:
                    continue
                if sub != "contractions" and (w.endswith("'s") or w.endswith("'")):
                    continue  # possessives: the tokenizer splits them off
                rec = words.get(w)
                if rec is None:
                    rec = words[w] = [level, set(), set()]
                rec[0] = min(rec[0], level)
                region = CATEGORIES[cat]
                rec[1].add(region if region else "*")
                rec[2].add(sub)
    return words


def read_wheel_member(wheels, wheel_prefix, member_suffix):
    paths = sorted(glob.glob(os.path.join(wheels, wheel_prefix + "-*.whl")))
    if not paths:
        sys.exit(f"no {wheel_prefix} wheel in {wheels}; see the commands at the top of this script")
    with zipfile.ZipFile(paths[-1]) as z:
        for name in z.namelist():
            if name.endswith(member_suffix):
                return z.read(name)
    sys.exit(f"{member_suffix} not found in {paths[-1]}")


def split_variants(field):
    return [v for v in field.split("/") if v]


def read_specialist(wheels):
    """(word, pos) -> list of slots, each a list of spellings. pos in n v a r."""
    raw = read_wheel_member(wheels, "lemminflect", "resources/infl_lu.csv.gz")
    out = {}
    posmap = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
    for line in gzip.GzipFile(fileobj=io.BytesIO(raw)).read().decode("utf-8").splitlines():
        parts = line.split(",")
        word, pos = parts[0], posmap[parts[1]]
        slots = [split_variants(p) for p in parts[2:]]
        out[(word, pos)] = slots
    return out


def read_agid(wheels):
    """(word, pos) -> slots; pos in n v a. Verb slots: past, pp, ing, 3sg."""
    raw = read_wheel_member(wheels, "pyinflect", "pyinflect/infl.csv").decode("utf-8")
    out = {}
    for line in raw.splitlines():
        parts = line.split(",")
        word, pos = parts[0], parts[1].lower()
        forms = parts[2:]
        if word == "be":
            continue  # special layout; the curated closed-class table covers "be"
        if pos == "v":
            if len(forms) != 4:
                continue
            past = split_variants(forms[0])
            pp = past if forms[1] == "<>" else split_variants(forms[1])
            slots = [past, pp, split_variants(forms[2]), split_variants(forms[3])]
        else:
            slots = [split_variants(f) for f in forms]
        out[(word, pos)] = slots
    return out


def read_wordnet():
    """lemma (case as stored) -> set of pos letters n v a r."""
    out = defaultdict(set)
    for fname, pos in (("data.noun", "n"), ("data.verb", "v"), ("data.adj", "a"), ("data.adv", "r")):
        with open(os.path.join(WORDNET_DIR, fname), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split(" ")
                count = int(fields[3], 16)
                for i in range(count):
                    lemma = fields[4 + 2 * i]
                    lemma = re.sub(r"\((a|p|ip)\)$", "", lemma)
                    if "_" in lemma:
                        continue
                    out[lemma].add(pos)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheels", required=True, help="folder holding the pyinflect and lemminflect wheels")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "lexicon", "lexicon.tsv"))
    args = ap.parse_args()

    scowl = read_scowl()
    spec = read_specialist(args.wheels)
    agid = read_agid(args.wheels)
    wordnet = read_wordnet()

    spec_words = {w for (w, _) in spec}

    # Which SCOWL words we keep: everything up to the unconditional level,
    # and a level-95 word only when SPECIALIST or WordNet knows it as a base
    # or when it is an inflected form of a base we keep.
    def corroborated(w):
        return w in spec_words or w in wordnet

    keep = {}
    for w, (rank, regions, subs) in scowl.items():
        limit = max(SUBLISTS[s] for s in subs)
        if rank <= limit or corroborated(w):
            keep[w] = (rank, regions)

    # Merge inflection tables: base (word, pos) -> slots, SPECIALIST first.
    infl = {}
    for (w, pos), slots in spec.items():
        if pos == "r":
            continue
        infl[(w, pos)] = [list(s) for s in slots]
    for (w, pos), slots in agid.items():
        if pos == "a":
            # AGID guesses comparatives for many non-gradable adjectives
            # ("go", "color"): use them only for SPECIALIST adjectives without
            # forms of their own, or words SPECIALIST does not know at all and
            # WordNet calls adjectives.
            spec_adj = spec.get((w, "a"))
            if spec_adj is not None:
                if any(spec_adj):
                    continue
            elif w in spec_words or "a" not in wordnet.get(w, ()):
                continue
        key = (w, pos)
        if key not in infl:
            infl[key] = [list(s) for s in slots]
            continue
        merged = infl[key]
        while len(merged) < len(slots):
            merged.append([])
        for i, s in enumerate(slots):
            for v in s:
                if v not in merged[i]:
                    merged[i].append(v)

    # Level-95 inflected forms of kept bases are kept too.
    for (w, pos), slots in infl.items():
        if w not in keep:
            continue
        for s in slots:
            for v in s:
                if v not in keep and v in scowl:
                    keep[v] = (scowl[v][0], scowl[v][1])

    tags = defaultdict(set)
    links = defaultdict(dict)

    def add(word, tag):
        if word in keep:
            tags[word].add(tag)

    for w in keep:
        if is_capitalised(w) and "abbreviations" not in scowl[w][2]:
            tags[w].add("NNP")
        else:
            tags[w]  # make sure every kept word has a (possibly empty) tag set

    # Plurals equal to the singular ("report" as an uncountable plural of
    # "report") are kept only when AGID agrees ("sheep", "aircraft").
    for (w, pos), slots in sorted(infl.items()):
        if w not in keep:
            continue
        if pos == "n":
            plural = [v for v in (slots[0] if slots else []) if v in keep]
            if w in plural and len(plural) > 1:
                agid_pl = agid.get((w, "n"), [[]])[0]
                if w not in agid_pl:
                    plural.remove(w)
            if w in plural and is_capitalised(w):
                plural.remove(w)  # "Paris", "I": no plural use worth a tag
            if w in plural and len(plural) == 1:
                agid_pl = agid.get((w, "n"), [[]])[0]
                if (w, "n") in agid and w not in agid_pl:
                    plural = []
            add(w, "NNP" if is_capitalised(w) else "NN")
            for v in plural:
                add(v, "NNS")
                if is_capitalised(v):
                    add(v, "NNP")
            if plural:
                links[w]["N"] = [plural]
        elif pos == "v":
            add(w, "VB")
            out = []
            for i, tag in enumerate(("VBD", "VBN", "VBG", "VBZ")):
                slot = [v for v in (slots[i] if i < len(slots) else []) if v in keep]
                for v in slot:
                    add(v, tag)
                out.append(slot)
            if any(out):
                links[w]["V"] = out
        elif pos == "a":
            add(w, "JJ")
            out = []
            for i, tag in enumerate(("JJR", "JJS")):
                slot = [v for v in (slots[i] if i < len(slots) else []) if v in keep]
                for v in slot:
                    add(v, tag)
                out.append(slot)
            if any(out):
                links[w]["A"] = out

    for (w, pos) in spec:
        if pos == "r":
            add(w, "RB")
        elif pos == "a":
            add(w, "JJ")

    for w in keep:
        for pos in wordnet.get(w, ()):
            if pos == "n":
                tags[w].add("NNP" if is_capitalised(w) else "NN")
            elif pos == "v":
                tags[w].add("VB")
            elif pos == "a":
                tags[w].add("JJ")
            elif pos == "r":
                tags[w].add("RB")

    # Newer words that SCOWL lists but no source classifies ("smartphone",
    # "selfie"), or classifies without forms ("blog"): a lower-case word
    # (untagged, or a noun without plural) whose regular plural is an untagged
    # entry is taken as a noun; likewise a verb when its regular -ed, -ing and
    # -s forms are all untagged entries.
    def untagged(w):
        return w in keep and not tags[w] and not is_capitalised(w)

    def regular_plural(w):
        if w.endswith(("s", "x", "z", "ch", "sh")):
            return w + "es"
        if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
            return w[:-1] + "ies"
        return w + "s"

    def regular_verb(w):
        if w.endswith("e"):
            return [w + "d"], [w[:-1] + "ing"], w + "s"
        if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
            return [w[:-1] + "ied"], [w + "ing"], w[:-1] + "ies"
        return [w + "ed", w + w[-1] + "ed"], [w + "ing", w + w[-1] + "ing"], regular_plural(w)

    guessed_nouns, guessed_verbs = [], []
    for w in sorted(keep):
        if is_capitalised(w) or len(w) < 3 or not w.isalpha():
            continue
        if untagged(w) or ("VB" in tags[w] and "V" not in links[w]):
            past, ing, third = regular_verb(w)
            past = [f for f in past if untagged(f)]
            ing = [f for f in ing if untagged(f)]
            if past and ing and untagged(third):
                guessed_verbs.append((w, past[:1], ing[:1], third))
        if untagged(w) or ("NN" in tags[w] and "N" not in links[w]):
            plural = regular_plural(w)
            if untagged(plural) and not w.endswith("s"):
                guessed_nouns.append((w, plural))
    for w, past, ing, third in guessed_verbs:
        tags[w].add("VB")
        for f in past:
            tags[f].update(("VBD", "VBN"))
        for f in ing:
            tags[f].add("VBG")
        tags[third].add("VBZ")
        links[w]["V"] = [past, past, ing, [third]]
    for w, plural in guessed_nouns:
        tags[w].add("NN")
        tags[plural].add("NNS")
        links[w]["N"] = [[plural]]
    print(f"guessed {len(guessed_nouns)} nouns and {len(guessed_verbs)} verbs", file=sys.stderr)

    # Adverbs in -ly that no source lists, derived from an adjective or
    # participle entry: "abhorrently" (abhorrent), "happily" (happy),
    # "affordably" (affordable), "gently" (gentle), "acerbically" (acerbic),
    # "achingly" (aching).
    for w in keep:
        if not w.endswith("ly") or "RB" in tags[w] or is_capitalised(w) or len(w) < 5:
            continue
        stem = w[:-2]
        candidates = [stem, stem + "e", stem + "le"]
        if w.endswith("ily"):
            candidates.append(w[:-3] + "y")
        if w.endswith("ally"):
            candidates.append(w[:-4])
        if any(c in keep and tags[c] & {"JJ", "VBG", "VBN"} for c in candidates):
            tags[w].add("RB")

    def compact(form, base):
        # A form that extends its base is written "~suffix" ("~ed").
        if form.startswith(base) and len(form) > len(base):
            return "~" + form[len(base):]
        return form

    order = {t: i for i, t in enumerate(TAGS)}
    lines = []
    for w in sorted(keep, key=lambda s: s.encode("utf-8")):
        rank, regions = keep[w]
        reg = "" if "*" in regions else "".join(sorted(regions, key="ugzcav".index))
        t = ",".join(sorted(tags[w], key=order.__getitem__))
        groups = []
        for kind in ("V", "N", "A"):
            if kind in links[w]:
                groups.append(kind + "=" + "|".join("/".join(compact(v, w) for v in s) for s in links[w][kind]))
        lines.append(f"{w}\t{rank}\t{t}\t{reg}\t{';'.join(groups)}\n")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(lines))
    print(f"wrote {len(lines)} entries to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
