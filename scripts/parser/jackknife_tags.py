#!/usr/bin/env python3
"""Jackknifed part-of-speech tags for training galley's parser.

Usage (from the repository root; Python 3.11, standard library only):

    python3 scripts/parser/jackknife_tags.py     # about five minutes on one core

The parser reads the tagger's tags, which are wrong about one time in twenty on text the
tagger never saw. Trained on the tagger's tags of its own training documents (right 99
times in 100), the parser would learn to trust them too much. So the training documents
(every GUM document in data/tagger/gum/ but the held-out ones, index 9 modulo 10) are
split into five folds; for each fold, a tagger is trained as scripts/tagger/train.py
trains data/tagger/model.bin (but for five epochs instead of eight), on the other folds
only, and tags the fold. The held-out
documents are never trained on here either.

Writes data/parser/jackknife_tags.tsv: `# doc NAME` lines, then per sentence one line per
token (word, XPOS, UPOS, tab-separated) and a blank line. Deterministic.
"""

import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts", "tagger"))

import train as T  # noqa: E402  (scripts/tagger/train.py)

FOLDS = 5
EPOCHS = 5


def classes_of(train_sents, min_class=3):
    """The joint classes as train.py's main() builds them."""
    counts = {}
    for s in train_sents:
        for _, lab in s:
            counts[lab] = counts.get(lab, 0) + 1
    by_xpos = {}
    for lab, n in counts.items():
        by_xpos.setdefault(lab[0], []).append((n, lab))
    classes = []
    class_of = {}
    for xp in T.XPOS:
        labs = sorted(by_xpos.get(xp, []), key=lambda t: (-t[0], t[1]))
        if not labs:
            continue
        main_lab = labs[0][1]
        for n, lab in labs:
            if n >= min_class or lab == main_lab:
                class_of[lab] = len(classes)
                classes.append(lab)
        for n, lab in labs:
            if lab not in class_of:
                class_of[lab] = class_of[main_lab]
    return classes, class_of


def main():
    T.load_lexicon(os.path.join(ROOT, "data", "lexicon"))
    docs = T.load(os.path.join(ROOT, "data", "tagger", "gum"))
    train_docs = [d for i, d in enumerate(docs) if i % 10 != 9]
    out_path = os.path.join(ROOT, "data", "parser", "jackknife_tags.tsv")
    tagged = {}
    for fold in range(FOLDS):
        rest = [d for k, d in enumerate(train_docs) if k % FOLDS != fold]
        part = [d for k, d in enumerate(train_docs) if k % FOLDS == fold]
        sents = [s for _, ss in rest for s in ss]
        classes, class_of = classes_of(sents)
        tagdict = T.build_tagdict(sents, class_of, 20, 0.995)
        avg = T.train(sents, len(classes), class_of, tagdict, EPOCHS, 1)
        rows, book = T.quantise(avg, 0.5)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "model.bin")
            T.write_model(path, rows, tagdict, classes, book, 0.5, 12)
            tagger, file_classes = T.read_model(path)
        for name, ss in part:
            tagged[name] = [
                [(w, file_classes[c][0], file_classes[c][1]) for (w, _), c in zip(s, tagger.tag([w for w, _ in s]))]
                for s in ss
            ]
        print("fold %d: %d documents tagged" % (fold, len(part)), file=sys.stderr)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        for name, _ in train_docs:
            f.write("# doc %s\n" % name)
            for s in tagged[name]:
                for w, xp, up in s:
                    f.write("%s\t%s\t%s\n" % (w, xp, up))
                f.write("\n")


if __name__ == "__main__":
    main()
