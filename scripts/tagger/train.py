#!/usr/bin/env python3
"""Train galley's part-of-speech tagger on the GUM documents in data/tagger/gum/.

Usage (from the repository root; Python 3.11, standard library only):

    python3 scripts/tagger/copy_gum.py      # only when refreshing data/tagger/gum/
    python3 scripts/tagger/train.py         # about two minutes on one core

Writes
    data/tagger/model.bin          weights read in place by src/language/tagger/model.rs
    data/tagger/heldout.tsv        the held-out documents as the tagger sees them
    data/tagger/heldout_accuracy.txt  accuracy of model.bin on heldout.tsv (checked by a Rust test)

The model is a greedy left-to-right averaged perceptron. Its classes are joint labels
XPOS|UPOS (plus |fin for imperative or subjunctive VB), so one prediction gives the Penn
tag, the universal tag and the finiteness of the token. Every document whose index in
sorted order is 9 modulo 10 is held out for evaluation and never trained on.

Besides the words themselves, the features read the word classes that galley's embedded
lexicon (data/lexicon/lexicon.tsv with closed-class.tsv, as build.rs merges them) gives the
token and its neighbours, looked up as `lexicon::classes_folded` does; the held-out file
lists them so that a Rust test can check the two look-ups agree.

The feature functions here and in src/language/tagger/mod.rs must stay identical: both hash
byte strings with FNV-1a 64 and combine the parts of a feature with the murmur3
finaliser. The Rust test `agrees_with_python_on_heldout_gum` compares the Rust tagger with
this script's predictions (written to heldout.tsv) token by token, and
`heldout_accuracy_matches_python` compares accuracies.
"""

import argparse
import math
import os
import random
import struct
import sys
import time

MASK = (1 << 64) - 1
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
TEMPLATE_MUL = 0x9E3779B97F4A7C15

# Penn tags in the order of the Rust `Xpos` enum. Do not reorder without changing src/language/tagger/mod.rs.
XPOS = [
    "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS",
    "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO",
    "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "``",
    "''", ",", ".", ":", "-LRB-", "-RRB-", "HYPH", "NFP", "$", "#", "ADD", "AFX", "GW",
    "XX",
]
# Universal tags in the order of the Rust `Upos` enum.
UPOS = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
    "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
]
FINITE_XPOS = {"VBD", "VBZ", "VBP", "MD"}
HYPHENS = {"-", "\u2010", "\u2011"}

# Feature templates. The numbers are part of the hash; never reuse one for something else.
T_BIAS = 0
T_WORD = 1
T_LOWER = 2
T_SUF1, T_SUF2, T_SUF3, T_SUF4 = 3, 4, 5, 6
T_PRE1, T_PRE2, T_PRE3 = 7, 8, 9
T_SHAPE = 10
T_SHAPE_FIRST = 11
T_LOWER_M1 = 12
T_LOWER_M2 = 13
T_LOWER_P1 = 14
T_LOWER_P2 = 15
T_SUF3_M1 = 16
T_SUF3_P1 = 17
T_SHAPE_M1 = 18
T_SHAPE_P1 = 19
T_TAG_M1 = 20
T_TAG_M2 = 21
T_TAG_M1_M2 = 22
T_TAG_M1_LOWER = 23
T_LOWER_LOWER_P1 = 24
T_LOWER_M1_LOWER = 25
T_TAG_M1_SUF3 = 26
T_TAG_M1_LOWER_P1 = 27
T_SUF2_P1 = 28
T_QUOTE = 29
T_LOWER_SUF3_P1 = 30
# Word classes the embedded lexicon gives a word (`lexicon::classes_folded`), as a bit set.
T_CLS = 31
T_CLS_M1 = 32
T_CLS_P1 = 33
T_CLS_CLS_P1 = 34
T_CLS_M1_CLS = 35
# The class a first pass gives the next token: the tag dictionary's, else the best on the
# features of `static_keys` alone.
T_GUESS_P1 = 36
T_TAGDICT = 63

FILE_MAGIC = b"GTAG"
FILE_VERSION = 3


# ---------------------------------------------------------------------------
# Hashing and feature extraction (mirrored in src/language/tagger/mod.rs)
# ---------------------------------------------------------------------------


def fnv(data):
    h = FNV_OFFSET
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & MASK
    return h


def fmix(x):
    x ^= x >> 33
    x = (x * 0xFF51AFD7ED558CCD) & MASK
    x ^= x >> 33
    x = (x * 0xC4CEB9FE1A85EC53) & MASK
    x ^= x >> 33
    return x


def key(template, *parts):
    h = fmix(((template + 1) * TEMPLATE_MUL) & MASK)
    for p in parts:
        h = fmix(h ^ p)
    return h


def normalise(word):
    """UTF-8 bytes of the word with curly quotes and backticks made straight."""
    b = word.encode("utf-8")
    if b"\xe2\x80" not in b and b"`" not in b:
        return b
    out = bytearray()
    i = 0
    n = len(b)
    while i < n:
        c = b[i]
        if c == 0xE2 and i + 2 < n and b[i + 1] == 0x80 and b[i + 2] in (0x98, 0x99, 0x9B):
            out.append(0x27)  # ‘ ’ ‛ -> '
            i += 3
        elif c == 0xE2 and i + 2 < n and b[i + 1] == 0x80 and b[i + 2] in (0x9C, 0x9D, 0x9E, 0x9F):
            out.append(0x22)  # “ ” „ ‟ -> "
            i += 3
        elif c == 0x60:
            out.append(0x27)  # ` -> '
            i += 1
        else:
            out.append(c)
            i += 1
    return bytes(out)


def ascii_lower(b):
    return bytes(c + 32 if 65 <= c <= 90 else c for c in b)


def shape_hash(b):
    h = FNV_OFFSET
    last = -1
    for c in b:
        if 65 <= c <= 90:
            s = 88  # X
        elif 97 <= c <= 122:
            s = 120  # x
        elif 48 <= c <= 57:
            s = 100  # d
        elif c >= 0x80:
            if c & 0xC0 == 0x80:
                continue
            s = 117  # u
        else:
            s = c
        if s != last:
            h = ((h ^ s) * FNV_PRIME) & MASK
            last = s
    return h

# ---------------------------------------------------------------------------
# The embedded lexicon's word classes (mirrors src/language/lexicon.rs and build.rs)
# ---------------------------------------------------------------------------

# Tag codes of data/lexicon/*.tsv in bit order (build.rs `TAGS`, the `Classes` bits).
LEXICON_TAGS = [
    "NN", "NNS", "NNP", "VB", "VBD", "VBN", "VBG", "VBZ", "JJ", "JJR", "JJS", "RB", "DT",
    "PRP", "AUX", "MD", "IN", "CC", "SUB", "WH", "RP", "NEG", "CD", "UH",
]

LEXICON = {}  # word -> class bits, filled by load_lexicon
MAX_WORD_LEN = 0  # bytes of the longest word in LEXICON


def _lexicon_tags(field, where):
    bits = 0
    for t in field.split(","):
        t = t.strip()
        if t:
            if t not in LEXICON_TAGS:
                raise ValueError("%s: unknown tag %r" % (where, t))
            bits |= 1 << LEXICON_TAGS.index(t)
    return bits


def load_lexicon(lexicon_dir):
    """Read lexicon.tsv and closed-class.tsv as build.rs merges them: a curated row
    replaces the generated row's classes."""
    global MAX_WORD_LEN
    LEXICON.clear()
    with open(os.path.join(lexicon_dir, "lexicon.tsv"), encoding="utf-8", newline="\n") as f:
        for n, line in enumerate(f):
            cols = line.rstrip("\n").removesuffix("\r").split("\t")
            if cols[0]:
                LEXICON[cols[0]] = _lexicon_tags(cols[2] if len(cols) > 2 else "", "lexicon.tsv:%d" % (n + 1))
    with open(os.path.join(lexicon_dir, "closed-class.tsv"), encoding="utf-8", newline="\n") as f:
        for n, line in enumerate(f):
            line = line.rstrip("\n").removesuffix("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            LEXICON[cols[0].strip()] = _lexicon_tags(cols[1] if len(cols) > 1 else "", "closed-class.tsv:%d" % (n + 1))
    MAX_WORD_LEN = max(len(w.encode("utf-8")) for w in LEXICON)


def _fold(word, first_upper):
    out = []
    for n, c in enumerate(word):
        if c in "\u2019\u02bc":
            c = "'"
        c = (c.upper() if n == 0 and first_upper else c.lower())[:1] or c
        out.append(c)
    return "".join(out)


def lexicon_classes(word):
    """`lexicon::classes_folded`: the union of the classes of the word as written, in lower
    case and (when it is all capitals) capitalised, with curly apostrophes straight."""
    if not word or len(word.encode("utf-8")) > 4 * MAX_WORD_LEN:
        return 0
    bits = LEXICON.get(word.replace("\u2019", "'").replace("\u02bc", "'"), 0)
    if not any(c.isupper() for c in word):
        return bits
    bits |= LEXICON.get(_fold(word, False), 0)
    if sum(c.isalpha() for c in word) > 1 and not any(c.islower() for c in word):
        bits |= LEXICON.get(_fold(word, True), 0)
    return bits


class Lex:
    """Word-level hashes of one token (the Rust `Lex` struct)."""

    __slots__ = ("word", "lower", "suf", "pre", "shape", "cls")

    def __init__(self, word, lower, suf, pre, shape, cls):
        self.word = word
        self.lower = lower
        self.suf = suf  # suffixes of 1..4 bytes (index 0..3)
        self.pre = pre  # prefixes of 1..3 bytes
        self.shape = shape
        self.cls = cls  # the lexicon's classes of the word as written (not normalised)


_LEX_CACHE = {}


def lex(token):
    lx = _LEX_CACHE.get(token)
    if lx is None:
        b = normalise(token)
        low = ascii_lower(b)
        n = len(low)
        lx = Lex(
            fnv(b),
            fnv(low),
            tuple(fnv(low[max(0, n - k):]) for k in (1, 2, 3, 4)),
            tuple(fnv(low[:k]) for k in (1, 2, 3)),
            shape_hash(b),
            lexicon_classes(token),
        )
        _LEX_CACHE[token] = lx
    return lx


PAD_M2 = Lex(*([fnv(b"\x00-2")] * 2 + [(fnv(b"\x00-2"),) * 4, (fnv(b"\x00-2"),) * 3, fnv(b"\x00-2"), fnv(b"\x00-2")]))
PAD_M1 = Lex(*([fnv(b"\x00-1")] * 2 + [(fnv(b"\x00-1"),) * 4, (fnv(b"\x00-1"),) * 3, fnv(b"\x00-1"), fnv(b"\x00-1")]))
PAD_P1 = Lex(*([fnv(b"\x00+1")] * 2 + [(fnv(b"\x00+1"),) * 4, (fnv(b"\x00+1"),) * 3, fnv(b"\x00+1"), fnv(b"\x00+1")]))
PAD_P2 = Lex(*([fnv(b"\x00+2")] * 2 + [(fnv(b"\x00+2"),) * 4, (fnv(b"\x00+2"),) * 3, fnv(b"\x00+2"), fnv(b"\x00+2")]))


QUOTE_HASH = fnv(b'"')


def sentence_lexes(words):
    return [PAD_M2, PAD_M1] + [lex(w) for w in words] + [PAD_P1, PAD_P2]


def quote_parities(lexes):
    """For each token: 0 when it is not a double quote, else 1 + (number of double quotes
    before it in the sentence) mod 2."""
    out = []
    seen = 0
    for lx in lexes[2:-2]:
        if lx.word == QUOTE_HASH:
            out.append(1 + (seen & 1))
            seen += 1
        else:
            out.append(0)
    return out


def static_keys(lexes, i, quote):
    """Keys of the features of token i that do not depend on earlier tags.

    `lexes` is padded with two entries on each side, so token i is lexes[i + 2]; `quote`
    is its entry from `quote_parities`."""
    m2, m1, c, p1, p2 = lexes[i], lexes[i + 1], lexes[i + 2], lexes[i + 3], lexes[i + 4]
    keys = (
        key(T_BIAS),
        key(T_WORD, c.word),
        key(T_LOWER, c.lower),
        key(T_SUF1, c.suf[0]),
        key(T_SUF2, c.suf[1]),
        key(T_SUF3, c.suf[2]),
        key(T_SUF4, c.suf[3]),
        key(T_PRE1, c.pre[0]),
        key(T_PRE2, c.pre[1]),
        key(T_PRE3, c.pre[2]),
        key(T_SHAPE, c.shape),
        key(T_SHAPE_FIRST, c.shape, 1 if i == 0 else 0),
        key(T_LOWER_M1, m1.lower),
        key(T_LOWER_M2, m2.lower),
        key(T_LOWER_P1, p1.lower),
        key(T_LOWER_P2, p2.lower),
        key(T_SUF3_M1, m1.suf[2]),
        key(T_SUF3_P1, p1.suf[2]),
        key(T_SHAPE_M1, m1.shape),
        key(T_SHAPE_P1, p1.shape),
        key(T_LOWER_LOWER_P1, c.lower, p1.lower),
        key(T_LOWER_M1_LOWER, m1.lower, c.lower),
        key(T_SUF2_P1, p1.suf[1]),
        key(T_LOWER_SUF3_P1, c.lower, p1.suf[2]),
    )
    keys += (
        key(T_CLS, c.cls),
        key(T_CLS_M1, m1.cls),
        key(T_CLS_P1, p1.cls),
        key(T_CLS_CLS_P1, c.cls, p1.cls),
        key(T_CLS_M1_CLS, m1.cls, c.cls),
    )
    if quote:
        keys += (key(T_QUOTE, quote), key(T_QUOTE, quote, p1.shape))
    return keys


def guess_key(g1):
    """Key of the feature of the next token's first-pass class (`first_guesses`)."""
    return key(T_GUESS_P1, g1)


def dynamic_keys(lexes, i, t1, t2):
    """Keys of the features of token i that depend on the two previous tags.

    Tags are class indices; the tags before the sentence are n_classes and n_classes + 1."""
    c, p1 = lexes[i + 2], lexes[i + 3]
    return (
        key(T_TAG_M1, t1),
        key(T_TAG_M2, t2),
        key(T_TAG_M1_M2, t1, t2),
        key(T_TAG_M1_LOWER, t1, c.lower),
        key(T_TAG_M1_SUF3, t1, c.suf[2]),
        key(T_TAG_M1_LOWER_P1, t1, p1.lower),
    )


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------


def read_conllu(path):
    """Sentences of a CoNLL-U file as lists of
    (id, form, xpos, upos, feats, head, space_after, joined).

    `joined` is the surface form of the multiword token the word belongs to, when galley's
    tokenizer keeps that one word ("cannot" = "can" "not", "gonna" = "gon" "na": every
    multiword token without an apostrophe), else None. Words inside a multiword token have
    no space after them but the last, which takes the multiword token's SpaceAfter."""
    sents = []
    cur = []
    mwt = None  # (first id, last id, space after, form)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                mwt = None
                continue
            if line.startswith("#"):
                continue
            c = line.split("\t")
            space = "SpaceAfter=No" not in c[9].split("|")
            if "-" in c[0]:
                first, last = c[0].split("-")
                mwt = (int(first), int(last), space, c[1])
                continue
            if not c[0].isdigit():
                continue
            i = int(c[0])
            joined = None
            if mwt and mwt[0] <= i <= mwt[1]:
                space = mwt[2] if i == mwt[1] else False
                if not any(q in mwt[3] for q in "'\u2019`"):
                    joined = mwt[3]
            cur.append((i, c[1], c[4], c[3], c[5], int(c[6]), space, joined))
    if cur:
        sents.append(cur)
    return sents


def label_of(tok):
    _id, _form, xpos, upos, feats, _head, _sp, _joined = tok
    fin = xpos == "VB" and "VerbForm=Fin" in feats.split("|")
    return (xpos, upos, fin)


def join_words(sent):
    """Join what GUM splits but galley's tokenizer keeps whole.

    - Hyphenated compounds: a run of tokens glued together by a HYPH token with no space on
      either side ("well" "-" "known") becomes one token ("well-known"), labelled like its
      syntactic head (the token of the run whose head lies outside the run).
    - Multiword tokens without an apostrophe ("cannot" = "can" "not", "gonna" = "gon"
      "na"): one token, labelled like the first word (MD, VBG)."""
    out = []
    i = 0
    n = len(sent)
    while i < n:
        j = i
        while (
            j + 2 < n
            and not sent[j][6]
            and sent[j + 1][2] == "HYPH"
            and sent[j + 1][1] in HYPHENS
            and not sent[j + 1][6]
        ):
            j += 2
        if j > i:
            run = sent[i:j + 1]
            ids = {t[0] for t in run}
            heads = [t for t in run if t[5] not in ids and t[2] != "HYPH"]
            if not heads:
                heads = [t for t in run if t[2] != "HYPH"]
            out.append(("".join(t[1] for t in run), label_of(heads[-1])))
        elif sent[i][7] is not None:
            while j + 1 < n and sent[j + 1][7] is not None and sent[j + 1][0] == sent[j][0] + 1:
                j += 1
            out.append((sent[i][7], label_of(sent[i])))
        else:
            out.append((sent[i][1], label_of(sent[i])))
        i = j + 1
    return out


def load(data_dir):
    names = sorted(n for n in os.listdir(data_dir) if n.endswith(".conllu"))
    docs = []
    for n in names:
        sents = [join_words(s) for s in read_conllu(os.path.join(data_dir, n))]
        docs.append((n, sents))
    return docs


# ---------------------------------------------------------------------------
# Averaged perceptron
# ---------------------------------------------------------------------------


class Perceptron:
    def __init__(self, n_classes):
        self.n = n_classes
        self.weights = {}  # key -> {class: weight}
        self.totals = {}  # (key, class) -> accumulated weight * time
        self.stamps = {}  # (key, class) -> time of last change
        self.i = 0

    def scores(self, keys):
        s = [0.0] * self.n
        w = self.weights
        for k in keys:
            row = w.get(k)
            if row:
                for c, v in row.items():
                    s[c] += v
        return s

    def update(self, truth, guess, keys):
        self.i += 1
        if truth == guess:
            return
        for k in keys:
            row = self.weights.setdefault(k, {})
            for c, d in ((truth, 1.0), (guess, -1.0)):
                v = row.get(c, 0.0)
                kc = (k, c)
                self.totals[kc] = self.totals.get(kc, 0.0) + (self.i - self.stamps.get(kc, 0)) * v
                self.stamps[kc] = self.i
                row[c] = v + d

    def average(self):
        avg = {}
        for k, row in self.weights.items():
            out = {}
            for c, v in row.items():
                kc = (k, c)
                total = self.totals.get(kc, 0.0) + (self.i - self.stamps.get(kc, 0)) * v
                a = total / self.i
                if a:
                    out[c] = a
            if out:
                avg[k] = out
        return avg


def argmax(scores):
    best = 0
    bv = scores[0]
    for c in range(1, len(scores)):
        if scores[c] > bv:
            bv = scores[c]
            best = c
    return best


def build_tagdict(train_sents, class_of, min_freq, min_ratio):
    counts = {}
    for s in train_sents:
        for w, lab in s:
            d = counts.setdefault(lex(w).word, {})
            c = class_of[lab]
            d[c] = d.get(c, 0) + 1
    td = {}
    for wh, d in counts.items():
        c, m = max(d.items(), key=lambda kv: (kv[1], -kv[0]))
        total = sum(d.values())
        if total >= min_freq and m / total >= min_ratio:
            td[wh] = c
    return td


def train(train_sents, n_classes, class_of, tagdict, epochs, seed):
    model = Perceptron(n_classes)
    start1, start2 = n_classes, n_classes + 1
    prepared = []
    for s in train_sents:
        words = [w for w, _ in s]
        lexes = sentence_lexes(words)
        gold = [class_of[lab] for _, lab in s]
        quotes = quote_parities(lexes)
        stat = [static_keys(lexes, i, quotes[i]) for i in range(len(words))]
        prepared.append((lexes, gold, stat))
    rng = random.Random(seed)
    order = list(range(len(prepared)))
    for ep in range(epochs):
        t0 = time.time()
        rng.shuffle(order)
        right = total = 0
        for si in order:
            lexes, gold, stat = prepared[si]
            t1, t2 = start1, start2
            n = len(gold)
            for i, g in enumerate(gold):
                guess = tagdict.get(lexes[i + 2].word)
                if guess is None:
                    # The next token's first-pass class, by the weights as they are now.
                    if i + 1 == n:
                        g1 = n_classes + 2
                    else:
                        g1 = tagdict.get(lexes[i + 3].word)
                        if g1 is None:
                            g1 = argmax(model.scores(stat[i + 1]))
                    keys = stat[i] + (guess_key(g1),) + dynamic_keys(lexes, i, t1, t2)
                    guess = argmax(model.scores(keys))
                    model.update(g, guess, keys)
                right += guess == g
                total += 1
                t2, t1 = t1, guess
        print(
            "  epoch %d: train accuracy %.2f%% (%.1fs)" % (ep + 1, 100.0 * right / total, time.time() - t0),
            file=sys.stderr,
        )
    return model.average()


# ---------------------------------------------------------------------------
# Pruning, quantisation and the binary file
# ---------------------------------------------------------------------------


class Quantised:
    """The model exactly as the Rust side sees it: integer weights, same lookups, same ties."""

    def __init__(self, rows, tagdict, n_classes):
        self.rows = rows  # key -> list of (class, int weight)
        self.tagdict = tagdict  # word hash -> class
        self.n = n_classes

    def tag(self, words):
        lexes = sentence_lexes(words)
        t1, t2 = self.n, self.n + 1
        quotes = quote_parities(lexes)
        # First pass: each token's class on the features that do not depend on tags.
        first = []
        for i in range(len(words)):
            c = self.tagdict.get(lexes[i + 2].word)
            if c is None:
                c = argmax(self.score(static_keys(lexes, i, quotes[i])))
            first.append(c)
        first.append(self.n + 2)
        out = []
        for i in range(len(words)):
            c = self.tagdict.get(lexes[i + 2].word)
            if c is None:
                keys = static_keys(lexes, i, quotes[i]) + (guess_key(first[i + 1]),) + dynamic_keys(lexes, i, t1, t2)
                assert len(keys) <= MAX_FEATURES
                c = argmax(self.score(keys))
            out.append(c)
            t2, t1 = t1, c
        return out

    def score(self, keys):
        s = [0] * self.n
        for k in keys:
            row = self.rows.get(k)
            if row:
                for cl, v in row:
                    s[cl] += v
        return s


class Codebook:
    """Weights become one byte: a sign bit and 128 steps on a log scale from `lo` to `hi`.
    The file stores the value of every code as an integer (`table`) no larger than
    MAX_WEIGHT, so that the scores of a token, summed over at most MAX_FEATURES features,
    always fit in an i16."""

    def __init__(self, lo, hi):
        self.lo = lo
        self.hi = hi
        self.step = math.log(hi / lo) / 127.0
        unit = MAX_WEIGHT / hi
        self.table = []
        for code in range(256):
            m = lo * math.exp(self.step * (code & 127)) * unit
            self.table.append(-int(round(m)) if code & 128 else int(round(m)))

    def code(self, w):
        k = int(round(math.log(max(abs(w), self.lo) / self.lo) / self.step))
        return min(127, k) | (128 if w < 0 else 0)


def quantise(avg, threshold):
    """Drop weights below `threshold` and code the rest: key -> sorted [(class, code)]."""
    big = max(abs(v) for row in avg.values() for v in row.values())
    book = Codebook(threshold, big)
    rows = {}
    for k, row in avg.items():
        q = sorted((c, book.code(v)) for c, v in row.items() if abs(v) >= threshold)
        if q:
            rows[k] = q
    return rows, book


# Slot kinds (bits 28..31 of a slot's low word).
K_EMPTY, K_ONE, K_TWO, K_ROW, K_DICT, K_DENSE = 0, 1, 2, 3, 4, 5
MAX_FEATURES = 40
MAX_WEIGHT = 32767 // MAX_FEATURES


def write_model(path, rows, tagdict, classes, book, max_load, dense_from):
    """Layout (little-endian):

    header   8 x u32: magic "GTAG", version, n_classes, n_xpos, slot_bits, n_pairs, n_dense,
             n_pad (n_classes rounded up to a multiple of 8), then 16 reserved bytes
             (header = 48 bytes)
    classes  n_classes x 4 bytes: xpos index, upos index, finite verb (0/1), 0
    xpos     n_xpos x 8 bytes: tag name, NUL padded
    codes    256 x i16: the weight of each one-byte weight code
    slots    2^slot_bits x u64. Low word: fingerprint (28 bits) | kind << 28; high word:
               kind 1 (one weight): class | code << 8
               kind 2 (two weights): class | code << 8 | class2 << 16 | code2 << 24
               kind 3 (longer row): start << 8 | length, into `pairs`
               kind 4 (tag dictionary): class
               kind 5 (dense row): index into `dense`
             kind 0 is an empty slot.
    dense    n_dense x n_pad x i16: weight rows with an entry for every class
    pairs    n_pairs x 2 bytes: class, code
    A key k lives in slot (k & mask) or the slots after it (linear probing, wrapping), with
    fingerprint (k >> 36), stored and compared as 28 bits.
    """
    entries = []  # (key, kind, payload)
    pairs = []
    dense = []
    n_pad = (len(classes) + 7) // 8 * 8
    for k in sorted(rows):
        row = rows[k]
        if len(row) >= dense_from:
            entries.append((k, K_DENSE, len(dense)))
            full = [0] * n_pad
            for c, code in row:
                full[c] = book.table[code]
            dense.append(full)
        elif len(row) == 1:
            entries.append((k, K_ONE, row[0][0] | row[0][1] << 8))
        elif len(row) == 2:
            entries.append((k, K_TWO, row[0][0] | row[0][1] << 8 | row[1][0] << 16 | row[1][1] << 24))
        else:
            entries.append((k, K_ROW, len(pairs) << 8 | len(row)))
            pairs.extend(row)
    for wh in sorted(tagdict):
        entries.append((key(T_TAGDICT, wh), K_DICT, tagdict[wh]))
    bits = 1
    while (1 << bits) * max_load < len(entries):
        bits += 1
    mask = (1 << bits) - 1
    slots = [0] * (1 << bits)
    clashes = 0
    for k, kind, payload in entries:
        fp = k >> 36
        s = k & mask
        while slots[s] != 0:
            if slots[s] & 0x0FFFFFFF == fp:
                clashes += 1
                break
            s = (s + 1) & mask
        else:
            slots[s] = fp | kind << 28 | payload << 32
    if len(pairs) >= 1 << 24:
        raise ValueError("too many weights")
    out = bytearray()
    out += struct.pack(
        "<4sIIIIIII", FILE_MAGIC, FILE_VERSION, len(classes), len(XPOS), bits, len(pairs), len(dense), n_pad
    )
    out += b"\0" * 16
    for xp, up, fin in classes:
        finite = fin or xp in FINITE_XPOS
        out += struct.pack("<BBBB", XPOS.index(xp), UPOS.index(up), 1 if finite else 0, 0)
    for name in XPOS:
        out += name.encode("ascii").ljust(8, b"\0")
    out += struct.pack("<256h", *book.table)
    out += struct.pack("<%dQ" % len(slots), *slots)
    for row in dense:
        out += struct.pack("<%dh" % n_pad, *row)
    for c, code in pairs:
        out += struct.pack("<BB", c, code)
    with open(path, "wb") as f:
        f.write(out)
    return len(out), clashes, bits, len(entries)


def read_model(path):
    """Read model.bin back into a `Quantised` (proves the file says what we meant)."""
    with open(path, "rb") as f:
        data = f.read()
    magic, version, n_classes, n_xpos, bits, n_pairs, n_dense, n_pad = struct.unpack_from("<4sIIIIIII", data, 0)
    assert magic == FILE_MAGIC and version == FILE_VERSION
    off = 48
    classes = []
    for c in range(n_classes):
        xp, up, fin, _ = struct.unpack_from("<BBBB", data, off + 4 * c)
        classes.append((XPOS[xp], UPOS[up], bool(fin) and XPOS[xp] == "VB"))
    off += 4 * n_classes + 8 * n_xpos
    table = struct.unpack_from("<256h", data, off)
    off += 512
    slots = struct.unpack_from("<%dQ" % (1 << bits), data, off)
    off += 8 << bits
    dense = [struct.unpack_from("<%dh" % n_pad, data, off + 2 * n_pad * i) for i in range(n_dense)]
    off += 2 * n_pad * n_dense
    pairs = [struct.unpack_from("<BB", data, off + 2 * i) for i in range(n_pairs)]
    assert off + 2 * n_pairs == len(data)
    mask = (1 << bits) - 1

    def lookup(k):
        fp = k >> 36
        s = k & mask
        while True:
            e = slots[s]
            if e & 0xFFFFFFFF == 0:
                return K_EMPTY, 0
            if e & 0x0FFFFFFF == fp:
                return (e >> 28) & 15, e >> 32
            s = (s + 1) & mask

    class Rows:
        def get(self, k):
            kind, p = lookup(k)
            if kind == K_ONE:
                return [(p & 255, table[(p >> 8) & 255])]
            if kind == K_TWO:
                return [(p & 255, table[(p >> 8) & 255]), ((p >> 16) & 255, table[p >> 24])]
            if kind == K_ROW:
                start, n = p >> 8, p & 255
                return [(c, table[code]) for c, code in pairs[start:start + n]]
            if kind == K_DENSE:
                return [(c, v) for c, v in enumerate(dense[p][:n_classes]) if v]
            return None

    class TagDict:
        def get(self, wh):
            kind, p = lookup(key(T_TAGDICT, wh))
            return p if kind == K_DICT else None

    return Quantised(Rows(), TagDict(), n_classes), classes


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------


# Tags that may come before an imperative at the start of a sentence.
BEFORE_IMPERATIVE = {"``", "''", ",", ".", ":", "-LRB-", "-RRB-", "UH", "CC", "RB"}


def finite_flags(labels):
    """Finiteness of each token of a tagged sentence (labels are (xpos, upos, fin)).

    On top of what the model says, a VB that starts the sentence (after punctuation,
    interjections, conjunctions and adverbs: "Please call", "Just do n't") is an imperative
    and so finite."""
    out = [xp in FINITE_XPOS or fin for xp, _, fin in labels]
    for k, (xp, _, _) in enumerate(labels):
        if xp in BEFORE_IMPERATIVE:
            continue
        if xp == "VB":
            out[k] = True
        break
    return out


def evaluate(tagger, sents, classes, class_of):
    n = right_x = right_u = right_f = right_all = 0
    for s in sents:
        words = [w for w, _ in s]
        pred = tagger.tag(words)
        pfins = finite_flags([classes[p] for p in pred])
        for (_, gold), p, pfin in zip(s, pred, pfins):
            gx, gu, gf = gold
            px, pu, pf = classes[p]
            gfin = gx in FINITE_XPOS or gf
            n += 1
            right_x += gx == px
            right_u += gu == pu
            right_f += gfin == pfin
            right_all += gx == px and gu == pu
    return n, right_x, right_u, right_f, right_all


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description="Train galley's part-of-speech tagger.")
    ap.add_argument("--data", default=os.path.join(root, "data", "tagger", "gum"))
    ap.add_argument("--out", default=os.path.join(root, "data", "tagger"))
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-class", type=int, default=3, help="rarer XPOS|UPOS labels merge into their XPOS's commonest")
    ap.add_argument("--threshold", type=float, default=0.5, help="drop averaged weights smaller than this")
    ap.add_argument("--max-load", type=float, default=0.5, help="load factor of the hash table")
    ap.add_argument("--dense-from", type=int, default=12, help="store rows this long as dense rows")
    ap.add_argument("--tagdict-freq", type=int, default=20)
    ap.add_argument("--tagdict-ratio", type=float, default=0.995)
    ap.add_argument("--lexicon", default=os.path.join(root, "data", "lexicon"))
    ap.add_argument("--dev", action="store_true", help="hold out index 4 mod 10 as well and report on it")
    args = ap.parse_args()

    t_start = time.time()
    load_lexicon(args.lexicon)
    docs = load(args.data)
    test_docs = [d for i, d in enumerate(docs) if i % 10 == 9]
    dev_docs = [d for i, d in enumerate(docs) if i % 10 == 4 and args.dev]
    train_docs = [d for i, d in enumerate(docs) if i % 10 != 9 and not (i % 10 == 4 and args.dev)]
    train_sents = [s for _, ss in train_docs for s in ss]
    test_sents = [s for _, ss in test_docs for s in ss]
    dev_sents = [s for _, ss in dev_docs for s in ss]
    print(
        "%d training documents (%d tokens), %d held out (%d tokens)"
        % (len(train_docs), sum(map(len, train_sents)), len(test_docs), sum(map(len, test_sents))),
        file=sys.stderr,
    )

    # Joint labels. Rare XPOS|UPOS pairs fold into the commonest pair of their XPOS.
    counts = {}
    for s in train_sents:
        for _, lab in s:
            counts[lab] = counts.get(lab, 0) + 1
    by_xpos = {}
    for lab, n in counts.items():
        by_xpos.setdefault(lab[0], []).append((n, lab))
    classes = []
    class_of = {}
    for xp in XPOS:
        labs = sorted(by_xpos.get(xp, []), key=lambda t: (-t[0], t[1]))
        if not labs:
            continue
        main_lab = labs[0][1]
        for n, lab in labs:
            if n >= args.min_class or lab == main_lab:
                class_of[lab] = len(classes)
                classes.append(lab)
        for n, lab in labs:
            if lab not in class_of:
                class_of[lab] = class_of[main_lab]
    unknown = set(lab for s in test_sents + dev_sents for _, lab in s) - set(class_of)
    for lab in unknown:
        # A label never seen in training: map to the commonest class of its XPOS, if any.
        same = [c for c in classes if c[0] == lab[0]]
        class_of[lab] = class_of[same[0]] if same else 0
    print("%d classes" % len(classes), file=sys.stderr)

    tagdict = build_tagdict(train_sents, class_of, args.tagdict_freq, args.tagdict_ratio)
    print("%d words in the tag dictionary" % len(tagdict), file=sys.stderr)
    avg = train(train_sents, len(classes), class_of, tagdict, args.epochs, args.seed)
    n_weights = sum(len(r) for r in avg.values())
    rows, book = quantise(avg, args.threshold)
    print(
        "%d features, %d weights; kept %d features, %d weights"
        % (len(avg), n_weights, len(rows), sum(len(r) for r in rows.values())),
        file=sys.stderr,
    )

    model_path = os.path.join(args.out, "model.bin")
    size, clashes, bits, n_entries = write_model(
        model_path, rows, tagdict, classes, book, args.max_load, args.dense_from
    )
    print(
        "wrote %s: %d bytes, %d entries in 2^%d slots, %d hash clashes dropped" % (model_path, size, n_entries, bits, clashes),
        file=sys.stderr,
    )
    tagger, file_classes = read_model(model_path)
    assert file_classes == classes

    def report(name, sents):
        n, rx, ru, rf, ra = evaluate(tagger, sents, classes, class_of)
        print(
            "%s: %d tokens, XPOS %.2f%%, UPOS %.2f%%, finite %.2f%%, both %.2f%%"
            % (name, n, 100.0 * rx / n, 100.0 * ru / n, 100.0 * rf / n, 100.0 * ra / n),
            file=sys.stderr,
        )
        return n, rx, ru, rf

    if dev_sents:
        report("dev", dev_sents)
    n, rx, ru, rf = report("held-out", test_sents)

    with open(os.path.join(args.out, "heldout.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# GUM documents held out from training: %s\n" % " ".join(d[0] for d in test_docs))
        f.write("# word, gold XPOS, gold UPOS, gold finite, then model.bin's XPOS, UPOS, finite,\n")
        f.write("# then the lexicon classes the features read (hexadecimal `Classes` bits)\n")
        f.write("# (tab-separated; hyphenated compounds joined as in training)\n")
        for s in test_sents:
            pred = tagger.tag([w for w, _ in s])
            pfins = finite_flags([classes[c] for c in pred])
            for (w, (xp, up, fin)), c, pfin in zip(s, pred, pfins):
                pxp, pup, _ = classes[c]
                f.write(
                    "%s\t%s\t%s\t%d\t%s\t%s\t%d\t%x\n"
                    % (w, xp, up, xp in FINITE_XPOS or fin, pxp, pup, pfin, lex(w).cls)
                )
            f.write("\n")
    with open(os.path.join(args.out, "heldout_accuracy.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("tokens %d\nxpos_correct %d\nupos_correct %d\nfinite_correct %d\n" % (n, rx, ru, rf))
    print("done in %.0fs" % (time.time() - t_start), file=sys.stderr)


if __name__ == "__main__":
    main()
