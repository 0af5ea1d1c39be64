#!/usr/bin/env python3
"""Copy the GUM documents the tagger trains on into data/tagger/gum/, slimmed down.

Usage (from the repository root):

    python3 scripts/tagger/copy_gum.py [--src ../shared/data/gum-ccby] [--genres news,interview,...]

Only what tagger training and evaluation need is kept, so the copy stays small and
remains valid CoNLL-U: the columns ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL, `SpaceAfter=No`
from MISC, multiword-token lines, and the comments naming the document and its source
(`newdoc id`, `meta::title`, `meta::author`, `meta::sourceURL`, `sent_id`, `s_type`,
`text`). Empty nodes of the enhanced graph and DEPS are dropped.

By default the `bio` and `voyage` genres are left out: their documents come from Wikipedia
and Wikivoyage (see their `meta::sourceURL`), whose texts are CC BY-SA rather than CC BY.
Pass `--genres` to choose differently.
"""

import argparse
import os
import re
import shutil
import sys

DEFAULT_GENRES = "news,interview,textbook,vlog,speech,conversation"
KEEP_COMMENTS = (
    "# newdoc id",
    "# meta::title",
    "# meta::author",
    "# meta::sourceURL",
    "# meta::genre",
    "# sent_id",
    "# s_type",
    "# text",
)


def slim(lines):
    out = []
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            out.append("")
            continue
        if line.startswith("#"):
            if line.startswith(KEEP_COMMENTS):
                out.append(line)
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError("bad CoNLL-U line: %r" % line)
        if "." in cols[0]:
            continue  # empty node of the enhanced graph
        misc = "SpaceAfter=No" if "SpaceAfter=No" in cols[9].split("|") else "_"
        if "-" in cols[0]:
            out.append("\t".join([cols[0], cols[1]] + ["_"] * 7 + [misc]))
        else:
            out.append("\t".join(cols[:8] + ["_", misc]))
    text = "\n".join(out).strip("\n") + "\n\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default=os.path.join(root, "..", "shared", "data", "gum-ccby"))
    ap.add_argument("--dst", default=os.path.join(root, "data", "tagger", "gum"))
    ap.add_argument("--genres", default=DEFAULT_GENRES)
    args = ap.parse_args()
    genres = set(args.genres.split(","))
    os.makedirs(args.dst, exist_ok=True)
    for name in os.listdir(args.dst):
        if name.endswith(".conllu"):
            os.remove(os.path.join(args.dst, name))
    n = 0
    for name in sorted(os.listdir(args.src)):
        m = re.match(r"GUM_([a-z]+)_.*\.conllu$", name)
        if not m or m.group(1) not in genres:
            continue
        with open(os.path.join(args.src, name), encoding="utf-8") as f:
            text = slim(f)
        with open(os.path.join(args.dst, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        n += 1
    shutil.copyfile(os.path.join(args.src, "LICENSE.txt"), os.path.join(args.dst, "LICENSE.txt"))
    print("copied %d documents to %s" % (n, args.dst), file=sys.stderr)


if __name__ == "__main__":
    main()
