#!/usr/bin/env python3
"""Rebuild rules/spelling/variants.tsv from the SCOWL word lists.

Usage (from the repository root):

    apt-get update && apt-get install -y scowl    # Debian package "scowl"
    python3 scripts/build_variants.py             # writes the files below
    python3 scripts/build_variants.py --check     # exit 1 if they are stale

Writes rules/spelling/variants.tsv and rules/spelling/LICENSE-SCOWL.txt (a
verbatim copy of the package's copyright file, which SCOWL's licence asks to
travel with the data). Options: --scowl DIR (default /usr/share/dict/scowl),
--level N (largest SCOWL size read, default 60: SCOWL's recommended size for
spell checking; 70 and above add archaic words and false pairs), --out FILE,
--problems (print groups the lists could not resolve). Python 3, stdlib only.
compounds.tsv and abbreviations.tsv in the same folder are hand-curated and
not touched by this script.

How it works
------------
The Debian package installs SCOWL's final/ lists but not VarCon's variant
table, so the script pairs the spellings itself. Each dialect has a "main"
list of the words it spells its own way (american-words.N, british-words.N,
british_z-words.N, canadian-words.N, australian-words.N); english-words.N
holds the words every dialect spells alike; the *variant_1 lists hold other
spellings a dialect accepts.

1. Seeds are the words of the dialect main lists (lower case, no
   possessives).
2. A seed is linked to another listed word when a known spelling
   correspondence (SWAPS: -ize/-ise, -or/-our, -er/-re, l/ll, -ense/-ence,
   e/ae, e/oe, -og/-ogue, ..., plus a few irregular stems such as curb/kerb
   and gray/grey) turns one into the other, once or by two different swaps
   (anesthetize/anaesthetise). Links are only ever made between listed words.
3. Linked words form a group, kept only when the dialects disagree about it.
   Where one dialect's main list (with the common list) holds BOTH forms,
   they are different words or senses there (program/programme, meter/metre,
   check/cheque) and the group is marked sense-dependent. Pairs that every
   dialect keeps alike (ton/tonne, both in the common list) never form a
   group. REJECT drops the few false links a review of the output found.

Output: a header row, then one word form per line (every inflection has its
own line), tab-separated:

    us  gb  ca  au  gb_ize  sense  also  note

us, gb, ca, au: the spelling that dialect's SCOWL main list prefers;
gb_ize: British with Oxford -ize spelling (SCOWL "british_z");
sense: "-" for plain variants; otherwise the dialects in which both forms are
standard (e.g. "gb,ca,au"), or "all" for groups marked by hand (FORCE_SENSE):
such groups depend on meaning and a rule must treat them cautiously;
also: other spellings a dialect accepts (SCOWL *variant_1 lists), written
"form=dialect+dialect", separated by ","; "-" when none;
note: a hand-written hint for sense-dependent groups (NOTES), or "-".
"""

import argparse
import os
import sys
from collections import defaultdict

SIZES = [10, 20, 35, 40, 50, 55, 60, 70, 80, 95]
DIALECTS = ["us", "gb", "ca", "au", "gbz"]
MAIN = {
    "us": "american",
    "gb": "british",
    "gbz": "british_z",
    "ca": "canadian",
    "au": "australian",
}
VARIANT1 = {
    "us": "variant_1",
    "gb": "british_variant_1",
    "gbz": "british_variant_1",
    "ca": "canadian_variant_1",
    "au": "australian_variant_1",
}

# Known spelling correspondences between dialects, as substring swaps. Every
# link they propose is checked against the word lists, so a swap only ever
# pairs two real, listed words, one of which a dialect spells its own way.
SWAPS = [
    ("iz", "is"),  # organize / organise, realization / realisation
    ("yz", "ys"),  # analyze / analyse
    ("or", "our"),  # color / colour, favorite / favourite
    ("er", "re"),  # center / centre, fiber / fibre (see ER_BEFORE)
    ("ere", "re"),  # centered / centred
    ("eri", "ri"),  # centering / centring
    ("l", "ll"),  # traveled / travelled, fulfill / fulfil
    ("nse", "nce"),  # defense / defence
    ("e", "ae"),  # anemia / anaemia (see DIGRAPH_TAIL)
    ("e", "oe"),  # estrogen / oestrogen
    ("og", "ogue"),  # catalog / catalogue
    ("og", "ogu"),  # cataloged / catalogued
    ("gment", "gement"),  # judgment / judgement
    ("agi", "agei"),  # aging / ageing
    ("o", "ou"),  # mold / mould, smolder / smoulder
    ("am", "amme"),  # program / programme
    ("ow", "ough"),  # plow / plough
    ("um", "ium"),  # aluminum / aluminium
    ("f", "ph"),  # sulfur / sulphur
    ("sk", "sc"),  # skeptic / sceptic
    ("ck", "que"),  # check / cheque
    ("ck", "qu"),  # checked / chequed
    ("ire", "yre"),  # tire / tyre
    ("ory", "orey"),  # story / storey
    ("ories", "oreys"),  # stories / storeys
    ("aft", "aught"),  # draft / draught
    ("oz", "os"),  # cozy / cosy
    ("ax", "axe"),  # ax / axe
    ("ctic", "ctis"),  # practice / practise, practicing / practising
    # Irregular stems: each still has to meet the word lists, and covers
    # the stem's inflections and derivatives (curbs, pajamas, airplanes).
    ("curb", "kerb"),
    ("gray", "grey"),
    ("pajam", "pyjam"),
    ("maneuv", "manoeuv"),
    ("jewelry", "jewellery"),
    ("mom", "mum"),
    ("tidbit", "titbit"),
    ("whiskey", "whisky"),
    ("whiskeys", "whiskies"),
    ("mustach", "moustach"),
    ("airplan", "aeroplan"),
    ("omelet", "omelette"),
    ("artifact", "artefact"),
    ("behoov", "behov"),
    ("yogurt", "yoghurt"),
]

# -er/-re only after these letters (fiber, meager, center, maneuver, ocher),
# and never at the start of a word: keeps "ergo/rego", "fayer/fayre" out.
ER_BEFORE = set("bgtvh")
ER_SWAPS = {("er", "re"), ("ere", "re"), ("eri", "ri")}
# ae/oe must have at least this many letters after it, so that Latin plurals
# (trabecula/trabeculae) and verb forms (shoed) are not taken for variants.
DIGRAPH_TAIL = 2
DIGRAPH_SWAPS = {("e", "ae"), ("e", "oe")}

# Links the swaps find between words that are not spellings of one word.
# Each was found in a review of the generated table; never emitted.
REJECT = {
    ("hem", "haem"),
    ("lily", "lilly"),
    ("nowt", "nought"),
    ("maters", "matres"),
    ("ecus", "oecus"),
}

# Groups that depend on meaning although SCOWL's lists do not show it:
# "a prized possession" is British too; a "parliamentary draftsman" drafts
# laws in Britain as well; Scotch is "whisky" in American copy.
FORCE_SENSE = {
    "whiskey",
    "whiskeys",
    "mom",
    "moms",
    "prized",
    "prizing",
    "draftsman",
    "draftsmen",
    "draftswoman",
    "draftswomen",
}

# Spellings a dialect accepts beyond SCOWL's variant_1 lists, added to the
# "also" column: American writers use "theatre" for the art form and in many
# names (a drama theatre, an IMAX theatre), so it is no sign of British copy;
# American dictionaries give "ax or axe".
EXTRA_ALSO = {"us": {"theatre", "theatres", "axe"}}

# Hand-written hints for sense-dependent groups, keyed by the US form.
# Written for this project; shown by a rule as help text.
_NOTES = [
    (
        "check checks checked checking",
        (
            "'check' is standard in every dialect (to check, a check mark); "
            "'cheque' is only the bank order outside the US"
        ),
    ),
    (
        "meter metre meters metres micrometer micrometers",
        (
            "'meter' (a measuring device) is standard everywhere; "
            "'metre' is the unit outside the US"
        ),
    ),
    (
        "program programs",
        (
            "British English writes 'program' for software and 'programme' "
            "for broadcasts, plans and events"
        ),
    ),
    (
        "license licenses",
        "outside the US 'licence' is the noun and 'license' the verb",
    ),
    (
        "practice practices practiced practicing",
        "outside the US 'practice' is the noun and 'practise' the verb",
    ),
    (
        "tire tires",
        "'tire' (to grow weary) is standard everywhere; 'tyre' is the wheel",
    ),
    (
        "curb curbs curbed curbing",
        "'curb' (to restrain) is standard everywhere; 'kerb' is the road edge",
    ),
    ("story stories", "'story' (a tale) is standard everywhere; 'storey' is a floor"),
    (
        "draft drafts",
        (
            "'draft' (a version, conscription) is standard everywhere; "
            "'draught' is air, beer, a ship's depth and the game"
        ),
    ),
    (
        "analyzes catalyzes dialyzes hydrolyzes paralyzes psychoanalyzes reanalyzes",
        "'analyses' and the like are also plural nouns in every dialect",
    ),
    (
        "prize prizes prized prizing",
        (
            "'prize' (an award; to value) is standard everywhere; "
            "'prise' is to force open outside North America"
        ),
    ),
    (
        "draftsman draftsmen draftswoman draftswomen",
        (
            "a 'draftsman' drafts documents in every dialect; "
            "'draughtsman' draws plans outside North America"
        ),
    ),
    (
        "whiskey whiskeys",
        (
            "house styles often keep 'whisky' for Scotch and 'whiskey' for Irish "
            "and American spirits"
        ),
    ),
    ("mom moms", "'mum' (silent, and the flower) is a separate word everywhere"),
    (
        "analog analogs",
        "'analog' is common everywhere for electronics; 'analogue' for a comparable thing",
    ),
]
NOTES = {us: text for forms, text in _NOTES for us in forms.split()}


def read_list(scowl_dir, category, level):
    words = set()
    for size in SIZES:
        if size > level:
            break
        path = os.path.join(scowl_dir, f"{category}-words.{size}")
        if not os.path.exists(path):
            continue
        with open(path, encoding="latin-1") as fh:
            for line in fh:
                w = line.strip()
                if not w or "'" in w or not w.islower() or not w.isalpha():
                    continue
                words.add(w)
    return words


def swaps_of(word):
    """All single applications of a swap, in both directions, as
    (swap index, new word) pairs."""
    out = set()
    for n, (a, b) in enumerate(SWAPS):
        for src, dst in ((a, b), (b, a)):
            start = 0
            while True:
                i = word.find(src, start)
                if i < 0:
                    break
                start = i + 1
                new = word[:i] + dst + word[i + len(src) :]
                if (a, b) in ER_SWAPS and (i == 0 or word[i - 1] not in ER_BEFORE):
                    continue
                if (a, b) in DIGRAPH_SWAPS:
                    # position of the digraph in whichever form has it
                    longer, j = (new, i) if len(dst) > len(src) else (word, i)
                    if len(longer) - (j + 2) < DIGRAPH_TAIL:
                        continue
                out.add((n, new))
    return out


def build(scowl_dir, level):
    common = read_list(scowl_dir, "english", level)
    main = {d: read_list(scowl_dir, MAIN[d], level) | common for d in DIALECTS}
    specific = {d: main[d] - common for d in DIALECTS}
    var1 = {d: read_list(scowl_dir, VARIANT1[d], level) for d in DIALECTS}
    listed = set(common)
    for d in DIALECTS:
        listed |= main[d] | var1[d]
    seeds = set()
    for d in DIALECTS:
        seeds |= specific[d]

    # Union-find over linked words.
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def link(a, b):
        if (a, b) in REJECT or (b, a) in REJECT:
            return
        parent[find(a)] = find(b)

    for w in sorted(seeds):
        for n, c in swaps_of(w):
            if c != w and c in listed:
                link(w, c)
            elif c not in listed:
                # two different swaps (anesthetize / anaesthetise)
                for n2, c2 in swaps_of(c):
                    if n2 != n and c2 != w and c2 in listed:
                        link(w, c2)

    groups = defaultdict(set)
    for w in list(parent):
        groups[find(w)].add(w)

    rows = []
    problems = []
    for forms in groups.values():
        if len(forms) < 2:
            continue
        pref = {}
        both = []
        bad = False
        for d in DIALECTS:
            in_main = sorted(f for f in forms if f in main[d])
            if len(in_main) == 1:
                pref[d] = in_main[0]
            elif len(in_main) == 2:
                # Both standard in this dialect: the dialect-specific one is
                # its preference for the sense that differs.
                spec = [f for f in in_main if f not in common]
                if len(spec) == 1:
                    pref[d] = spec[0]
                    both.append(d)
                else:
                    bad = True
            elif len(in_main) == 0:
                v = sorted(f for f in forms if f in var1[d])
                if len(v) == 1:
                    pref[d] = v[0]
                else:
                    bad = True
            else:
                bad = True
        if bad:
            problems.append(sorted(forms))
            continue
        if len(set(pref.values())) < 2:
            continue
        also = []
        for f in sorted(forms):
            ds = [
                d
                for d in DIALECTS
                if d != "gbz"
                and pref[d] != f
                and (f in var1[d] or f in EXTRA_ALSO.get(d, ()))
            ]
            if ds:
                also.append(f + "=" + "+".join(ds))
        sense = ",".join(d for d in both if d != "gbz")
        if not sense and pref["us"] in FORCE_SENSE:
            sense = "all"
        rows.append(
            (
                pref["us"],
                pref["gb"],
                pref["ca"],
                pref["au"],
                pref["gbz"],
                sense or "-",
                ",".join(also) or "-",
                NOTES.get(pref["us"], "-") if sense else "-",
            )
        )
    rows.sort()
    return rows, problems


def main_():
    here = os.path.dirname(os.path.abspath(__file__))
    spelling = os.path.normpath(os.path.join(here, "..", "rules", "spelling"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scowl", default="/usr/share/dict/scowl")
    ap.add_argument("--copyright", default="/usr/share/doc/scowl/copyright")
    ap.add_argument("--level", type=int, default=60)
    ap.add_argument("--out", default=os.path.join(spelling, "variants.tsv"))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--problems", action="store_true", help="print unresolved groups")
    args = ap.parse_args()
    if not os.path.isdir(args.scowl):
        sys.exit(f"{args.scowl} not found: apt-get install scowl")
    rows, problems = build(args.scowl, args.level)
    if args.problems:
        for p in problems:
            print(" ".join(p), file=sys.stderr)
    header = [
        "# galley spelling variants, generated by scripts/build_variants.py",
        f"# from SCOWL final/ word lists (sizes <= {args.level}); see README.md for licence.",
        "# Columns: us gb ca au gb_ize sense also note (see README.md). Do not edit by hand.",
        "us\tgb\tca\tau\tgb_ize\tsense\talso\tnote",
    ]
    outputs = {args.out: "\n".join(header + ["\t".join(r) for r in rows]) + "\n"}
    with open(args.copyright, encoding="utf-8") as fh:
        outputs[os.path.join(os.path.dirname(args.out), "LICENSE-SCOWL.txt")] = (
            fh.read()
        )
    stale = False
    for path, text in outputs.items():
        if args.check:
            try:
                with open(path, encoding="utf-8") as fh:
                    same = fh.read() == text
            except FileNotFoundError:
                same = False
            if not same:
                print(
                    f"{path} is stale: run scripts/build_variants.py", file=sys.stderr
                )
                stale = True
        else:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
    if stale:
        sys.exit(1)
    if not args.check:
        print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main_()
