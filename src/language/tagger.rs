//! Part-of-speech tagger: a greedy, left-to-right averaged perceptron.
//!
//! The weights are trained by `scripts/tagger/train.py` on the CC BY part of the GUM corpus
//! (credits in `data/tagger/README.md`) and embedded from `data/tagger/model.bin`. The file is
//! read in place: its layout is checked at compile time and nothing is parsed or allocated
//! when the program starts.
//!
//! Input is one sentence, tokenised the Penn Treebank way as GUM is: clitics split ("do"
//! "n't", "Russia" "'s", "they" "'re"), punctuation separate, hyphenated compounds kept whole
//! ("well-known"). Curly apostrophes and quotes are read as straight ones.
//!
//! Each class of the model is a joint label (Penn tag, universal tag, finiteness), so one
//! prediction gives all three. Every feature is a 64-bit hash computed from the token bytes;
//! the functions here mirror `scripts/tagger/train.py` exactly, which the test
//! `agrees_with_python_on_heldout_gum` checks token by token.

use std::cell::RefCell;

/// Universal part-of-speech tags (Universal Dependencies v2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// All tags, in the order the model file numbers them.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as Universal Dependencies writes it ("ADJ", "PROPN", ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag named `name` ("NOUN"), if there is one.
    pub fn parse(name: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// Penn Treebank tags as GUM uses them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Xpos {
    /// CC: coordinating conjunction.
    Cc,
    /// CD: cardinal number.
    Cd,
    /// DT: determiner.
    Dt,
    /// EX: existential "there".
    Ex,
    /// FW: foreign word.
    Fw,
    /// IN: preposition or subordinating conjunction.
    In,
    /// JJ: adjective.
    Jj,
    /// JJR: comparative adjective.
    Jjr,
    /// JJS: superlative adjective.
    Jjs,
    /// LS: list item marker.
    Ls,
    /// MD: modal.
    Md,
    /// NN: singular or mass noun.
    Nn,
    /// NNS: plural noun.
    Nns,
    /// NNP: singular proper noun.
    Nnp,
    /// NNPS: plural proper noun.
    Nnps,
    /// PDT: predeterminer.
    Pdt,
    /// POS: possessive ending.
    Pos,
    /// PRP: personal pronoun.
    Prp,
    /// PRP$: possessive pronoun.
    PrpS,
    /// RB: adverb.
    Rb,
    /// RBR: comparative adverb.
    Rbr,
    /// RBS: superlative adverb.
    Rbs,
    /// RP: particle.
    Rp,
    /// SYM: symbol.
    Sym,
    /// TO: infinitival "to".
    To,
    /// UH: interjection.
    Uh,
    /// VB: verb, base form.
    Vb,
    /// VBD: verb, past tense.
    Vbd,
    /// VBG: verb, gerund or present participle.
    Vbg,
    /// VBN: verb, past participle.
    Vbn,
    /// VBP: verb, present tense, not third person singular.
    Vbp,
    /// VBZ: verb, present tense, third person singular.
    Vbz,
    /// WDT: wh-determiner.
    Wdt,
    /// WP: wh-pronoun.
    Wp,
    /// WP$: possessive wh-pronoun.
    WpS,
    /// WRB: wh-adverb.
    Wrb,
    /// ``: opening quotation mark.
    OpenQuote,
    /// '': closing quotation mark.
    CloseQuote,
    /// ,: comma.
    Comma,
    /// .: sentence-final punctuation.
    Period,
    /// :: colon, semicolon, dash, ellipsis.
    Colon,
    /// -LRB-: opening bracket.
    Lrb,
    /// -RRB-: closing bracket.
    Rrb,
    /// HYPH: hyphen.
    Hyph,
    /// NFP: superfluous punctuation.
    Nfp,
    /// $: currency sign.
    Dollar,
    /// #: number sign.
    NumberSign,
    /// ADD: e-mail or web address.
    Add,
    /// AFX: affix.
    Afx,
    /// GW: goes-with (part of a word split in two).
    Gw,
    /// XX: unknown.
    Xx,
}

impl Xpos {
    /// All tags, in the order the model file numbers them.
    pub const ALL: [Xpos; 51] = [
        Xpos::Cc,
        Xpos::Cd,
        Xpos::Dt,
        Xpos::Ex,
        Xpos::Fw,
        Xpos::In,
        Xpos::Jj,
        Xpos::Jjr,
        Xpos::Jjs,
        Xpos::Ls,
        Xpos::Md,
        Xpos::Nn,
        Xpos::Nns,
        Xpos::Nnp,
        Xpos::Nnps,
        Xpos::Pdt,
        Xpos::Pos,
        Xpos::Prp,
        Xpos::PrpS,
        Xpos::Rb,
        Xpos::Rbr,
        Xpos::Rbs,
        Xpos::Rp,
        Xpos::Sym,
        Xpos::To,
        Xpos::Uh,
        Xpos::Vb,
        Xpos::Vbd,
        Xpos::Vbg,
        Xpos::Vbn,
        Xpos::Vbp,
        Xpos::Vbz,
        Xpos::Wdt,
        Xpos::Wp,
        Xpos::WpS,
        Xpos::Wrb,
        Xpos::OpenQuote,
        Xpos::CloseQuote,
        Xpos::Comma,
        Xpos::Period,
        Xpos::Colon,
        Xpos::Lrb,
        Xpos::Rrb,
        Xpos::Hyph,
        Xpos::Nfp,
        Xpos::Dollar,
        Xpos::NumberSign,
        Xpos::Add,
        Xpos::Afx,
        Xpos::Gw,
        Xpos::Xx,
    ];

    /// The tag as the Penn Treebank writes it ("VBD", "PRP$", "``", "-LRB-", ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Xpos::Cc => "CC",
            Xpos::Cd => "CD",
            Xpos::Dt => "DT",
            Xpos::Ex => "EX",
            Xpos::Fw => "FW",
            Xpos::In => "IN",
            Xpos::Jj => "JJ",
            Xpos::Jjr => "JJR",
            Xpos::Jjs => "JJS",
            Xpos::Ls => "LS",
            Xpos::Md => "MD",
            Xpos::Nn => "NN",
            Xpos::Nns => "NNS",
            Xpos::Nnp => "NNP",
            Xpos::Nnps => "NNPS",
            Xpos::Pdt => "PDT",
            Xpos::Pos => "POS",
            Xpos::Prp => "PRP",
            Xpos::PrpS => "PRP$",
            Xpos::Rb => "RB",
            Xpos::Rbr => "RBR",
            Xpos::Rbs => "RBS",
            Xpos::Rp => "RP",
            Xpos::Sym => "SYM",
            Xpos::To => "TO",
            Xpos::Uh => "UH",
            Xpos::Vb => "VB",
            Xpos::Vbd => "VBD",
            Xpos::Vbg => "VBG",
            Xpos::Vbn => "VBN",
            Xpos::Vbp => "VBP",
            Xpos::Vbz => "VBZ",
            Xpos::Wdt => "WDT",
            Xpos::Wp => "WP",
            Xpos::WpS => "WP$",
            Xpos::Wrb => "WRB",
            Xpos::OpenQuote => "``",
            Xpos::CloseQuote => "''",
            Xpos::Comma => ",",
            Xpos::Period => ".",
            Xpos::Colon => ":",
            Xpos::Lrb => "-LRB-",
            Xpos::Rrb => "-RRB-",
            Xpos::Hyph => "HYPH",
            Xpos::Nfp => "NFP",
            Xpos::Dollar => "$",
            Xpos::NumberSign => "#",
            Xpos::Add => "ADD",
            Xpos::Afx => "AFX",
            Xpos::Gw => "GW",
            Xpos::Xx => "XX",
        }
    }

    /// The tag named `name` ("VBD"), if there is one.
    pub fn parse(name: &str) -> Option<Xpos> {
        Xpos::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// Any verb form or modal (VB, VBD, VBG, VBN, VBP, VBZ, MD).
    pub const fn is_verb(self) -> bool {
        matches!(
            self,
            Xpos::Vb | Xpos::Vbd | Xpos::Vbg | Xpos::Vbn | Xpos::Vbp | Xpos::Vbz | Xpos::Md
        )
    }

    /// Common or proper noun, singular or plural.
    pub const fn is_noun(self) -> bool {
        matches!(self, Xpos::Nn | Xpos::Nns | Xpos::Nnp | Xpos::Nnps)
    }
}

/// The tagger's reading of one token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tagged {
    pub upos: Upos,
    pub xpos: Xpos,
    /// A finite verb: VBD, VBZ, VBP, MD, and VB read as an imperative or subjunctive.
    pub finite: bool,
}

/// Tag one sentence.
pub fn tag(words: &[&str]) -> Vec<Tagged> {
    tag_constrained(words, &|_, _| true)
}

thread_local! {
    static TAGGER: RefCell<Tagger> = RefCell::new(Tagger::new());
}

/// Same as [`tag`], but `allowed(i, xpos)` can veto tags for token `i` (a word the lexicon
/// knows only as a noun cannot be tagged VB). When every tag is vetoed, the best
/// unconstrained one is used.
pub fn tag_constrained(words: &[&str], allowed: &dyn Fn(usize, Xpos) -> bool) -> Vec<Tagged> {
    let mut out = Vec::with_capacity(words.len());
    TAGGER.with(|t| match t.try_borrow_mut() {
        Ok(mut t) => t.tag_constrained_into(words, allowed, &mut out),
        // Called again from inside `allowed`: use a fresh tagger.
        Err(_) => Tagger::new().tag_constrained_into(words, allowed, &mut out),
    });
    out
}

/// A tagger with reusable buffers: after the first few sentences it allocates nothing.
#[derive(Default)]
pub struct Tagger {
    lexes: Vec<Lex>,
    quotes: Vec<u8>,
    scratch: Vec<u8>,
    /// Per token: the tag dictionary's class, if the word has one.
    dict: Vec<Option<usize>>,
    /// Per token: the summed weights of the features that do not depend on earlier tags
    /// (filled for the tokens the tag dictionary does not settle).
    word_scores: Vec<Scores>,
    /// Slot look-ups of a batch of feature keys, resolved before any weight is added so
    /// that the memory reads overlap.
    hits: Vec<(u32, u32)>,
    keys: Vec<u64>,
    homes: Vec<u64>,
    /// Per scored token: bit `k` set when the weights of `PARTS[k]` were not remembered.
    missing: Vec<u8>,
    /// Per part of `PARTS`: remembered sums of weights, by what they are computed from
    /// (direct-mapped).
    memos: [Vec<Memo>; 3],
    /// Summed weights of the features of the two previous tags alone, by the pair
    /// (`t1 << 16 | t2`; `u32::MAX` for an empty slot).
    pair_memo: Vec<(u32, Scores)>,
}

/// Slots of a tagger's memo of tag-pair features (a power of two).
const PAIR_SLOTS: usize = 512;

/// Slots of each of a tagger's memos of summed weights (a power of two).
const MEMO_SLOTS: usize = 2048;

/// What the features of a part are computed from (hashes, padded with zeros). Two tokens
/// with the same id have the same features in that part, so the same weights.
type MemoId = [u64; 11];

/// Features of a token that depend on one word only, so that their summed weights can be
/// remembered by that word: its own features, those its previous word gives it and those
/// its next word gives it.
#[derive(Clone, Copy)]
enum Part {
    Own,
    FromPrev,
    FromNext,
}

const PARTS: [Part; 3] = [Part::Own, Part::FromPrev, Part::FromNext];

impl Part {
    /// What the part's features for token `i` are computed from.
    fn id(self, lexes: &[Lex], i: usize) -> MemoId {
        match self {
            Part::Own => {
                let c = &lexes[i + 2];
                [
                    c.word,
                    c.lower,
                    c.suf[0],
                    c.suf[1],
                    c.suf[2],
                    c.suf[3],
                    c.pre[0],
                    c.pre[1],
                    c.pre[2],
                    c.shape,
                    u64::from(i == 0),
                ]
            }
            Part::FromPrev => {
                let m1 = &lexes[i + 1];
                [m1.lower, m1.suf[2], m1.shape, 0, 0, 0, 0, 0, 0, 0, 0]
            }
            Part::FromNext => {
                let p1 = &lexes[i + 3];
                [
                    p1.lower, p1.suf[1], p1.suf[2], p1.shape, 0, 0, 0, 0, 0, 0, 0,
                ]
            }
        }
    }

    /// How many keys [`Part::push_keys`] pushes.
    fn len(self) -> usize {
        match self {
            Part::Own => 12,
            Part::FromPrev => 3,
            Part::FromNext => 4,
        }
    }

    /// Push the keys of the part's features for token `i`.
    fn push_keys(self, lexes: &[Lex], i: usize, keys: &mut Vec<u64>) {
        match self {
            Part::Own => keys.extend_from_slice(&own_keys(&lexes[i + 2], i == 0)),
            Part::FromPrev => {
                let m1 = &lexes[i + 1];
                keys.extend_from_slice(&[
                    key1(T_LOWER_M1, m1.lower),
                    key1(T_SUF3_M1, m1.suf[2]),
                    key1(T_SHAPE_M1, m1.shape),
                ]);
            }
            Part::FromNext => {
                let p1 = &lexes[i + 3];
                keys.extend_from_slice(&[
                    key1(T_LOWER_P1, p1.lower),
                    key1(T_SUF3_P1, p1.suf[2]),
                    key1(T_SHAPE_P1, p1.shape),
                    key1(T_SUF2_P1, p1.suf[1]),
                ]);
            }
        }
    }
}

/// The memo slot of an id.
fn slot_of(id: &MemoId) -> usize {
    (fmix(id[0] ^ id[1].rotate_left(21) ^ id[10]) as usize) & (MEMO_SLOTS - 1)
}

#[derive(Clone, Copy)]
struct Memo {
    /// None for an empty slot.
    id: Option<MemoId>,
    scores: Scores,
}

const EMPTY_MEMO: Memo = Memo {
    id: None,
    scores: [0; N_PAD],
};

/// The keys of the features of a word alone.
fn own_keys(c: &Lex, first: bool) -> [u64; 12] {
    [
        key0(T_BIAS),
        key1(T_WORD, c.word),
        key1(T_LOWER, c.lower),
        key1(T_SUF1, c.suf[0]),
        key1(T_SUF2, c.suf[1]),
        key1(T_SUF3, c.suf[2]),
        key1(T_SUF4, c.suf[3]),
        key1(T_PRE1, c.pre[0]),
        key1(T_PRE2, c.pre[1]),
        key1(T_PRE3, c.pre[2]),
        key1(T_SHAPE, c.shape),
        key2(T_SHAPE_FIRST, c.shape, u64::from(first)),
    ]
}

impl Tagger {
    pub fn new() -> Tagger {
        Tagger::default()
    }

    /// Tag one sentence, replacing the contents of `out`.
    pub fn tag_into(&mut self, words: &[&str], out: &mut Vec<Tagged>) {
        self.tag_constrained_into(words, &|_, _| true, out);
    }

    /// [`tag_constrained`] with reusable buffers, replacing the contents of `out`.
    pub fn tag_constrained_into(
        &mut self,
        words: &[&str],
        allowed: &dyn Fn(usize, Xpos) -> bool,
        out: &mut Vec<Tagged>,
    ) {
        out.clear();
        if words.is_empty() {
            return;
        }
        self.prepare(words);
        let n = words.len();
        // The tag dictionary first: independent look-ups, one per token.
        self.dict.clear();
        self.dict
            .extend((0..n).map(|i| MODEL.dict(self.lexes[i + 2].word)));
        // The features that do not depend on earlier tags, for every token the dictionary
        // does not settle, all at once. The sums are wrapping i16 additions, so the order in
        // which weights are added does not change them.
        // The features of the word alone, and those its neighbours give it, are summed once
        // per word and remembered (see `Part`).
        self.word_scores.clear();
        self.word_scores.resize(n, [0; N_PAD]);
        self.missing.clear();
        self.keys.clear();
        for memo in &mut self.memos {
            if memo.is_empty() {
                memo.resize(MEMO_SLOTS, EMPTY_MEMO);
            }
        }
        for i in 0..n {
            if self.dict[i].is_none() {
                let mut missing = 0u8;
                for (k, part) in PARTS.into_iter().enumerate() {
                    let id = part.id(&self.lexes, i);
                    let slot = &self.memos[k][slot_of(&id)];
                    if slot.id == Some(id) {
                        let known = slot.scores;
                        for (s, w) in self.word_scores[i].iter_mut().zip(known) {
                            *s = s.wrapping_add(w);
                        }
                    } else {
                        missing |= 1 << k;
                        part.push_keys(&self.lexes, i, &mut self.keys);
                    }
                }
                self.missing.push(missing);
                self.context_keys(i);
            }
        }
        self.resolve_keys();
        MODEL.touch_rows(&self.hits);
        let mut at = 0;
        let mut scored = 0;
        for i in 0..n {
            if self.dict[i].is_none() {
                let mut scores = self.word_scores[i];
                let missing = self.missing[scored];
                for (k, part) in PARTS.into_iter().enumerate() {
                    if missing & (1 << k) == 0 {
                        continue;
                    }
                    let mut sum = [0; N_PAD];
                    for &(kind, p) in &self.hits[at..at + part.len()] {
                        MODEL.add_hit(kind, p, &mut sum);
                    }
                    at += part.len();
                    let id = part.id(&self.lexes, i);
                    self.memos[k][slot_of(&id)] = Memo {
                        id: Some(id),
                        scores: sum,
                    };
                    for (s, w) in scores.iter_mut().zip(sum) {
                        *s = s.wrapping_add(w);
                    }
                }
                let count = self.context_count(i);
                for &(kind, p) in &self.hits[at..at + count] {
                    MODEL.add_hit(kind, p, &mut scores);
                }
                self.word_scores[i] = scores;
                at += count;
                scored += 1;
            }
        }
        let n_classes = MODEL.n_classes;
        let (mut t1, mut t2) = (n_classes as u64, n_classes as u64 + 1);
        for i in 0..n {
            let class = match self.dict[i] {
                Some(c) if allowed(i, MODEL.xpos(c)) => c,
                found => {
                    let mut scores: Scores = if found.is_none() {
                        self.word_scores[i]
                    } else {
                        // A dictionary word whose class was vetoed: score it in full.
                        self.keys.clear();
                        self.word_keys(i);
                        self.resolve_keys();
                        let mut scores = [0; N_PAD];
                        for &(kind, p) in &self.hits {
                            MODEL.add_hit(kind, p, &mut scores);
                        }
                        scores
                    };
                    self.score_tags(i, t1, t2, &mut scores);
                    best_class(&scores[..n_classes], |c| allowed(i, MODEL.xpos(c)))
                }
            };
            out.push(MODEL.tagged(class));
            t2 = t1;
            t1 = class as u64;
        }
        mark_imperative(out);
    }

    /// Compute the word-level hashes of the sentence, with two pads on each side.
    fn prepare(&mut self, words: &[&str]) {
        self.lexes.clear();
        self.lexes.push(PAD_M2);
        self.lexes.push(PAD_M1);
        for w in words {
            let lex = Lex::new(w.as_bytes(), &mut self.scratch);
            self.lexes.push(lex);
        }
        self.lexes.push(PAD_P1);
        self.lexes.push(PAD_P2);
        self.quotes.clear();
        let mut seen = 0u8;
        for lex in &self.lexes[2..2 + words.len()] {
            if lex.word == QUOTE_HASH {
                self.quotes.push(1 + (seen & 1));
                seen ^= 1;
            } else {
                self.quotes.push(0);
            }
        }
    }

    /// Look up every key in `keys` into `hits`, in order.
    fn resolve_keys(&mut self) {
        // First read each key's home slot with no branch in between, so the reads of the
        // (large) table overlap; then resolve the probes, mostly from cache.
        self.homes.clear();
        self.homes
            .extend(self.keys.iter().map(|&k| MODEL.home_slot(k)));
        self.hits.clear();
        self.hits.extend(
            self.keys
                .iter()
                .zip(&self.homes)
                .map(|(&k, &home)| MODEL.lookup_from(k, home)),
        );
    }

    /// How many keys [`Tagger::context_keys`] pushes for token `i`.
    fn context_count(&self, i: usize) -> usize {
        if self.quotes[i] != 0 { 7 } else { 5 }
    }

    /// Push the keys of the features of token `i` that do not depend on earlier tags.
    fn word_keys(&mut self, i: usize) {
        for part in PARTS {
            part.push_keys(&self.lexes, i, &mut self.keys);
        }
        self.context_keys(i);
    }

    /// Push the keys of the features of token `i` that depend on no earlier tag and are in
    /// no [`Part`].
    fn context_keys(&mut self, i: usize) {
        let [m2, m1, c, p1, p2] = [
            &self.lexes[i],
            &self.lexes[i + 1],
            &self.lexes[i + 2],
            &self.lexes[i + 3],
            &self.lexes[i + 4],
        ];
        self.keys.extend_from_slice(&[
            key1(T_LOWER_M2, m2.lower),
            key1(T_LOWER_P2, p2.lower),
            key2(T_LOWER_LOWER_P1, c.lower, p1.lower),
            key2(T_LOWER_M1_LOWER, m1.lower, c.lower),
            key2(T_LOWER_SUF3_P1, c.lower, p1.suf[2]),
        ]);
        let quote = self.quotes[i];
        if quote != 0 {
            self.keys.extend_from_slice(&[
                key1(T_QUOTE, u64::from(quote)),
                key2(T_QUOTE, u64::from(quote), p1.shape),
            ]);
        }
    }

    /// Add the weights of the features of token `i` that depend on the two tags before it.
    fn score_tags(&mut self, i: usize, t1: u64, t2: u64, scores: &mut Scores) {
        let c = &self.lexes[i + 2];
        let p1 = &self.lexes[i + 3];
        let keys = [
            key2(T_TAG_M1_LOWER, t1, c.lower),
            key2(T_TAG_M1_SUF3, t1, c.suf[2]),
            key2(T_TAG_M1_LOWER_P1, t1, p1.lower),
        ];
        let hits = keys.map(|k| MODEL.lookup(k));
        // The features of the two tags alone, summed once per pair of tags and remembered.
        if self.pair_memo.is_empty() {
            self.pair_memo.resize(PAIR_SLOTS, (u32::MAX, [0; N_PAD]));
        }
        let pair = (t1 as u32) << 16 | t2 as u32;
        let slot = (fmix(u64::from(pair)) as usize) & (PAIR_SLOTS - 1);
        if self.pair_memo[slot].0 != pair {
            let mut sum = [0; N_PAD];
            for k in [
                key1(T_TAG_M1, t1),
                key1(T_TAG_M2, t2),
                key2(T_TAG_M1_M2, t1, t2),
            ] {
                let (kind, p) = MODEL.lookup(k);
                MODEL.add_hit(kind, p, &mut sum);
            }
            self.pair_memo[slot] = (pair, sum);
        }
        for (s, w) in scores.iter_mut().zip(self.pair_memo[slot].1) {
            *s = s.wrapping_add(w);
        }
        for (kind, p) in hits {
            MODEL.add_hit(kind, p, scores);
        }
    }
}

/// A VB that starts the sentence (after punctuation, interjections, conjunctions and
/// adverbs: "Please call", "Just do n't") is an imperative, so finite. (Mirrors
/// `finite_flags` in the training script.)
fn mark_imperative(out: &mut [Tagged]) {
    use Xpos::*;
    let first = out.iter_mut().find(|t| {
        !matches!(
            t.xpos,
            OpenQuote | CloseQuote | Comma | Period | Colon | Lrb | Rrb | Uh | Cc | Rb
        )
    });
    if let Some(t) = first
        && t.xpos == Vb
    {
        t.finite = true;
    }
}

/// The highest-scoring class that `ok` accepts (the first on ties), else the highest.
fn best_class(scores: &[i16], ok: impl Fn(usize) -> bool) -> usize {
    let max = scores.iter().copied().max().unwrap_or(0);
    let top = scores.iter().position(|&s| s == max).unwrap_or(0);
    if ok(top) {
        return top;
    }
    let mut best: Option<usize> = None;
    for (c, &s) in scores.iter().enumerate() {
        if best.is_none_or(|b| s > scores[b]) && ok(c) {
            best = Some(c);
        }
    }
    best.unwrap_or(top)
}

// ---------------------------------------------------------------------------------------
// Features (mirrors scripts/tagger/train.py)
// ---------------------------------------------------------------------------------------

const T_BIAS: u64 = 0;
const T_WORD: u64 = 1;
const T_LOWER: u64 = 2;
const T_SUF1: u64 = 3;
const T_SUF2: u64 = 4;
const T_SUF3: u64 = 5;
const T_SUF4: u64 = 6;
const T_PRE1: u64 = 7;
const T_PRE2: u64 = 8;
const T_PRE3: u64 = 9;
const T_SHAPE: u64 = 10;
const T_SHAPE_FIRST: u64 = 11;
const T_LOWER_M1: u64 = 12;
const T_LOWER_M2: u64 = 13;
const T_LOWER_P1: u64 = 14;
const T_LOWER_P2: u64 = 15;
const T_SUF3_M1: u64 = 16;
const T_SUF3_P1: u64 = 17;
const T_SHAPE_M1: u64 = 18;
const T_SHAPE_P1: u64 = 19;
const T_TAG_M1: u64 = 20;
const T_TAG_M2: u64 = 21;
const T_TAG_M1_M2: u64 = 22;
const T_TAG_M1_LOWER: u64 = 23;
const T_LOWER_LOWER_P1: u64 = 24;
const T_LOWER_M1_LOWER: u64 = 25;
const T_TAG_M1_SUF3: u64 = 26;
const T_TAG_M1_LOWER_P1: u64 = 27;
const T_SUF2_P1: u64 = 28;
const T_QUOTE: u64 = 29;
const T_LOWER_SUF3_P1: u64 = 30;
const T_TAGDICT: u64 = 63;
/// The most features a token can have: 24 of its words, 2 for quotation marks, 6 of tags.
const MAX_FEATURES: usize = 32;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;
const TEMPLATE_MUL: u64 = 0x9e37_79b9_7f4a_7c15;

/// The murmur3 64-bit finaliser.
#[inline]
const fn fmix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

#[inline]
const fn key0(template: u64) -> u64 {
    fmix((template + 1).wrapping_mul(TEMPLATE_MUL))
}

#[inline]
const fn key1(template: u64, a: u64) -> u64 {
    fmix(key0(template) ^ a)
}

#[inline]
const fn key2(template: u64, a: u64, b: u64) -> u64 {
    fmix(key1(template, a) ^ b)
}

/// FNV-1a over `bytes`, ASCII-lower-cased when `lower` is set.
#[inline]
const fn fnv(bytes: &[u8], lower: bool) -> u64 {
    let mut h = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        let b = if lower {
            bytes[i].to_ascii_lowercase()
        } else {
            bytes[i]
        };
        h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    h
}

/// FNV-1a over the word's shape: X for A-Z, x for a-z, d for 0-9, u for a non-ASCII
/// character, other bytes as they are; runs of one symbol collapsed.
#[inline]
fn shape_hash(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    let mut last = 256u16;
    for &c in bytes {
        let s = match c {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            0x80..=0xBF => continue,
            0xC0..=0xFF => b'u',
            _ => c,
        };
        if u16::from(s) != last {
            h = (h ^ u64::from(s)).wrapping_mul(FNV_PRIME);
            last = u16::from(s);
        }
    }
    h
}

const QUOTE_HASH: u64 = fnv(b"\"", false);

/// The hashes of one token that its features are built from.
#[derive(Clone, Copy, Debug, Default)]
struct Lex {
    word: u64,
    lower: u64,
    /// Suffixes of 1 to 4 bytes, lower-cased.
    suf: [u64; 4],
    /// Prefixes of 1 to 3 bytes, lower-cased.
    pre: [u64; 3],
    shape: u64,
}

const fn pad(name: &[u8]) -> Lex {
    let h = fnv(name, false);
    Lex {
        word: h,
        lower: h,
        suf: [h; 4],
        pre: [h; 3],
        shape: h,
    }
}

const PAD_M2: Lex = pad(b"\x00-2");
const PAD_M1: Lex = pad(b"\x00-1");
const PAD_P1: Lex = pad(b"\x00+1");
const PAD_P2: Lex = pad(b"\x00+2");

impl Lex {
    fn new(raw: &[u8], scratch: &mut Vec<u8>) -> Lex {
        let b = if raw.iter().any(|&c| c == 0xE2 || c == b'`') {
            normalise(raw, scratch);
            &scratch[..]
        } else {
            raw
        };
        let n = b.len();
        Lex {
            word: fnv(b, false),
            lower: fnv(b, true),
            suf: [1, 2, 3, 4].map(|k| fnv(&b[n.saturating_sub(k)..], true)),
            pre: [1, 2, 3].map(|k| fnv(&b[..k.min(n)], true)),
            shape: shape_hash(b),
        }
    }
}

/// Copy `raw` into `out` with curly quotes (‘ ’ ‛ “ ” „ ‟) and backticks made straight.
fn normalise(raw: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let n = raw.len();
    let mut i = 0;
    while i < n {
        let c = raw[i];
        if c == 0xE2 && i + 2 < n && raw[i + 1] == 0x80 {
            match raw[i + 2] {
                0x98 | 0x99 | 0x9B => {
                    out.push(b'\'');
                    i += 3;
                    continue;
                }
                0x9C..=0x9F => {
                    out.push(b'"');
                    i += 3;
                    continue;
                }
                _ => {}
            }
        }
        out.push(if c == b'`' { b'\'' } else { c });
        i += 1;
    }
}

// ---------------------------------------------------------------------------------------
// The model file (layout documented in scripts/tagger/train.py, `write_model`)
// ---------------------------------------------------------------------------------------

const BYTES: &[u8] = include_bytes!("../../data/tagger/model.bin");
const HEADER_LEN: usize = 48;

// Slot kinds.
const K_EMPTY: u32 = 0;
const K_ONE: u32 = 1;
const K_TWO: u32 = 2;
const K_ROW: u32 = 3;
const K_DICT: u32 = 4;
const K_DENSE: u32 = 5;

/// Number of classes, and the same rounded up to a multiple of 8 (the length of a score
/// vector). Weights are small enough that the scores of a token always fit in an i16.
const N_CLASSES: usize = read_u32(BYTES, 8) as usize;
const N_PAD: usize = N_CLASSES.div_ceil(8) * 8;
const DENSE_ROW_BYTES: usize = 2 * N_PAD;

type Scores = [i16; N_PAD];

const fn read_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// A view of the model file; built at compile time, so a model that does not fit this code
/// fails the build.
struct Model {
    n_classes: usize,
    classes: &'static [[u8; 4]],
    /// The weight of each one-byte weight code.
    codes: [i16; 256],
    slots: &'static [[u8; 8]],
    mask: u64,
    dense: &'static [[u8; DENSE_ROW_BYTES]],
    pairs: &'static [[u8; 2]],
}

const fn names_match(b: &[u8], at: usize) -> bool {
    let mut t = 0;
    while t < Xpos::ALL.len() {
        let name = Xpos::ALL[t].as_str().as_bytes();
        let mut j = 0;
        while j < 8 {
            let want = if j < name.len() { name[j] } else { 0 };
            if b[at + 8 * t + j] != want {
                return false;
            }
            j += 1;
        }
        t += 1;
    }
    true
}

impl Model {
    const fn from_bytes(b: &'static [u8]) -> Model {
        assert!(
            read_u32(b, 0) == u32::from_le_bytes(*b"GTAG"),
            "not a tagger model"
        );
        assert!(read_u32(b, 4) == 3, "unsupported tagger model version");
        let n_classes = read_u32(b, 8) as usize;
        let n_xpos = read_u32(b, 12) as usize;
        let bits = read_u32(b, 16);
        let n_pairs = read_u32(b, 20) as usize;
        let n_dense = read_u32(b, 24) as usize;
        assert!(read_u32(b, 28) as usize == N_PAD, "bad row length");
        assert!(n_classes >= 1 && n_classes < 254, "bad class count");
        assert!(n_xpos == Xpos::ALL.len(), "model and Xpos disagree");
        assert!(bits < 32, "bad slot count");
        let classes_at = HEADER_LEN;
        let names_at = classes_at + 4 * n_classes;
        let codes_at = names_at + 8 * n_xpos;
        let slots_at = codes_at + 512;
        let n_slots = 1usize << bits;
        let dense_at = slots_at + 8 * n_slots;
        let pairs_at = dense_at + DENSE_ROW_BYTES * n_dense;
        assert!(
            pairs_at + 2 * n_pairs == b.len(),
            "model file has the wrong length"
        );
        assert!(
            names_match(b, names_at),
            "model and Xpos name tags differently"
        );
        let (_, rest) = b.split_at(classes_at);
        let (classes, rest) = rest.split_at(4 * n_classes);
        let (_, rest) = rest.split_at(8 * n_xpos);
        let (_, rest) = rest.split_at(512);
        let (slots, rest) = rest.split_at(8 * n_slots);
        let (dense, pairs) = rest.split_at(DENSE_ROW_BYTES * n_dense);
        let (classes, _) = classes.as_chunks::<4>();
        let mut c = 0;
        while c < n_classes {
            assert!(
                (classes[c][0] as usize) < Xpos::ALL.len(),
                "bad class table"
            );
            assert!(
                (classes[c][1] as usize) < Upos::ALL.len(),
                "bad class table"
            );
            c += 1;
        }
        let mut codes = [0i16; 256];
        let mut k = 0;
        while k < 256 {
            codes[k] = i16::from_le_bytes([b[codes_at + 2 * k], b[codes_at + 2 * k + 1]]);
            assert!(
                codes[k] as i32 * MAX_FEATURES as i32 <= i16::MAX as i32,
                "weights too big"
            );
            assert!(
                codes[k] as i32 * MAX_FEATURES as i32 >= -(i16::MAX as i32),
                "weights too big"
            );
            k += 1;
        }
        Model {
            n_classes,
            classes,
            codes,
            slots: slots.as_chunks::<8>().0,
            mask: (n_slots - 1) as u64,
            dense: dense.as_chunks::<DENSE_ROW_BYTES>().0,
            pairs: pairs.as_chunks::<2>().0,
        }
    }

    /// The kind and payload of the slot holding `key` (kind 0 when there is none).
    #[inline]
    fn lookup(&self, key: u64) -> (u32, u32) {
        self.lookup_from(key, self.home_slot(key))
    }

    /// The contents of the slot where the probe for `key` starts.
    #[inline]
    fn home_slot(&self, key: u64) -> u64 {
        u64::from_le_bytes(self.slots[(key & self.mask) as usize])
    }

    /// [`Model::lookup`], given the contents of the key's home slot.
    #[inline]
    fn lookup_from(&self, key: u64, home: u64) -> (u32, u32) {
        let fp = (key >> 36) as u32;
        let mut s = key & self.mask;
        let mut e = home;
        loop {
            let low = e as u32;
            if low & 0x0FFF_FFFF == fp && low != 0 {
                return (low >> 28, (e >> 32) as u32);
            }
            if low == 0 {
                return (K_EMPTY, 0);
            }
            s = (s + 1) & self.mask;
            e = u64::from_le_bytes(self.slots[s as usize]);
        }
    }

    /// The class the tag dictionary gives the word with hash `word`, if any.
    #[inline]
    fn dict(&self, word: u64) -> Option<usize> {
        match self.lookup(key1(T_TAGDICT, word)) {
            (K_DICT, class) => Some(class as usize),
            _ => None,
        }
    }

    /// Read the weight rows of `hits` once, with no branch on the data in between, so that
    /// the reads overlap and adding them later finds them in cache.
    fn touch_rows(&self, hits: &[(u32, u32)]) {
        let mut sink = 0u8;
        for &(kind, p) in hits {
            match kind {
                K_ROW => {
                    if let Some(pair) = self.pairs.get((p >> 8) as usize) {
                        sink ^= pair[0];
                    }
                }
                K_DENSE => {
                    if let Some(row) = self.dense.get(p as usize) {
                        for line in row.iter().step_by(64) {
                            sink ^= *line;
                        }
                    }
                }
                _ => {}
            }
        }
        std::hint::black_box(sink);
    }

    /// Add the weights of a slot found by [`Model::lookup`] to `scores`.
    #[inline]
    fn add_hit(&self, kind: u32, p: u32, scores: &mut Scores) {
        // Class indices come from the file: `get_mut` keeps a bad one from panicking. The
        // sums cannot overflow (see MAX_FEATURES); wrapping adds keep that free of checks.
        let mut add = |class: u32, code: u32| {
            if let Some(s) = scores.get_mut(class as usize) {
                *s = s.wrapping_add(self.codes[(code & 0xFF) as usize]);
            }
        };
        match kind {
            K_ONE => add(p & 0xFF, p >> 8),
            K_TWO => {
                add(p & 0xFF, p >> 8);
                add(p >> 16 & 0xFF, p >> 24);
            }
            K_ROW => {
                let start = (p >> 8) as usize;
                let len = (p & 0xFF) as usize;
                for &[class, code] in self.pairs.get(start..start + len).unwrap_or(&[]) {
                    add(u32::from(class), u32::from(code));
                }
            }
            K_DENSE => {
                if let Some(row) = self.dense.get(p as usize) {
                    for (s, w) in scores.iter_mut().zip(row.as_chunks::<2>().0) {
                        *s = s.wrapping_add(i16::from_le_bytes(*w));
                    }
                }
            }
            _ => {}
        }
    }

    #[inline]
    fn xpos(&self, class: usize) -> Xpos {
        Xpos::ALL[usize::from(self.classes[class][0])]
    }

    #[inline]
    fn tagged(&self, class: usize) -> Tagged {
        let [x, u, f, _] = self.classes[class];
        Tagged {
            upos: Upos::ALL[usize::from(u)],
            xpos: Xpos::ALL[usize::from(x)],
            finite: f != 0,
        }
    }
}

static MODEL: Model = Model::from_bytes(BYTES);

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(sentence: &str) -> Vec<(String, &'static str, &'static str, bool)> {
        let words: Vec<&str> = sentence.split(' ').collect();
        words
            .iter()
            .zip(tag(&words))
            .map(|(w, t)| (w.to_string(), t.xpos.as_str(), t.upos.as_str(), t.finite))
            .collect()
    }

    fn xpos_of(sentence: &str) -> Vec<&'static str> {
        tags(sentence).into_iter().map(|t| t.1).collect()
    }

    struct Heldout {
        sentences: Vec<Vec<String>>,
        /// Per token: gold (xpos, upos, finite), then Python's (xpos, upos, finite).
        rows: Vec<[String; 6]>,
    }

    fn heldout() -> Heldout {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/tagger/heldout.tsv");
        let text = std::fs::read_to_string(path).expect("data/tagger/heldout.tsv");
        let mut sentences = vec![Vec::new()];
        let mut rows = Vec::new();
        for line in text.lines().filter(|l| !l.starts_with("# ")) {
            if line.is_empty() {
                sentences.push(Vec::new());
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 7, "{line}");
            sentences.last_mut().unwrap().push(cols[0].to_string());
            rows.push(std::array::from_fn(|k| cols[k + 1].to_string()));
        }
        sentences.retain(|s| !s.is_empty());
        Heldout { sentences, rows }
    }

    fn python_figures() -> (f64, f64, f64) {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/tagger/heldout_accuracy.txt"
        );
        let text = std::fs::read_to_string(path).expect("data/tagger/heldout_accuracy.txt");
        let get = |name: &str| -> f64 {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.trim().parse().ok())
                .unwrap_or_else(|| panic!("{name} missing"))
        };
        let n = get("tokens");
        (
            100.0 * get("xpos_correct") / n,
            100.0 * get("upos_correct") / n,
            100.0 * get("finite_correct") / n,
        )
    }

    #[test]
    fn heldout_accuracy_matches_python() {
        let data = heldout();
        let mut tagger = Tagger::new();
        let mut out = Vec::new();
        let (mut n, mut xpos, mut upos, mut finite) = (0usize, 0usize, 0usize, 0usize);
        for s in &data.sentences {
            let words: Vec<&str> = s.iter().map(String::as_str).collect();
            tagger.tag_into(&words, &mut out);
            for t in &out {
                let gold = &data.rows[n];
                xpos += usize::from(t.xpos.as_str() == gold[0]);
                upos += usize::from(t.upos.as_str() == gold[1]);
                finite += usize::from(t.finite == (gold[2] == "1"));
                n += 1;
            }
        }
        assert_eq!(n, data.rows.len());
        assert!(n > 8_000, "held-out set too small: {n}");
        let pct = |k: usize| 100.0 * k as f64 / n as f64;
        let (px, pu, pf) = python_figures();
        eprintln!(
            "held-out GUM, {n} tokens: XPOS {:.2}% (Python {px:.2}%), UPOS {:.2}% (Python {pu:.2}%), finite {:.2}% (Python {pf:.2}%)",
            pct(xpos),
            pct(upos),
            pct(finite)
        );
        assert!(
            (pct(xpos) - px).abs() < 0.3,
            "XPOS accuracy drifted from Python's"
        );
        assert!(
            (pct(upos) - pu).abs() < 0.3,
            "UPOS accuracy drifted from Python's"
        );
        assert!(
            (pct(finite) - pf).abs() < 0.3,
            "finiteness drifted from Python's"
        );
        assert!(pct(xpos) > 94.0 && pct(upos) > 94.0, "accuracy too low");
    }

    #[test]
    fn agrees_with_python_on_heldout_gum() {
        // Python wrote its own predictions next to the gold tags: the feature functions
        // and the arithmetic are the same, so every token must agree.
        let data = heldout();
        let mut n = 0;
        let mut differ = Vec::new();
        for s in &data.sentences {
            let words: Vec<&str> = s.iter().map(String::as_str).collect();
            for (w, t) in words.iter().zip(tag(&words)) {
                let py = &data.rows[n];
                let finite = if t.finite { "1" } else { "0" };
                if (t.xpos.as_str(), t.upos.as_str(), finite)
                    != (py[3].as_str(), py[4].as_str(), py[5].as_str())
                {
                    differ.push(format!("{w}: Rust {t:?}, Python {py:?}"));
                }
                n += 1;
            }
        }
        assert!(
            differ.is_empty(),
            "{} of {n} tokens differ: {:?}",
            differ.len(),
            &differ[..differ.len().min(10)]
        );
    }

    #[test]
    fn passive_participle() {
        let t = xpos_of("The report was released on Monday .");
        assert_eq!(t, ["DT", "NN", "VBD", "VBN", "IN", "NNP", "."]);
    }

    #[test]
    fn simple_past_is_finite() {
        let t = tags("She reported the news .");
        assert_eq!(t[1].1, "VBD");
        assert!(t[1].3);
        assert_eq!(t[1].2, "VERB");
    }

    #[test]
    fn modal_and_base_form() {
        let t = tags("They will visit .");
        assert_eq!((t[1].1, t[1].2, t[1].3), ("MD", "AUX", true));
        assert_eq!((t[2].1, t[2].2, t[2].3), ("VB", "VERB", false));
    }

    #[test]
    fn auxiliaries_and_copulas() {
        let t = tags("The officials have said that the plan is ready .");
        assert_eq!((t[2].1, t[2].2), ("VBP", "AUX"));
        assert_eq!((t[3].1, t[3].2), ("VBN", "VERB"));
        assert_eq!((t[7].1, t[7].2), ("VBZ", "AUX"));
    }

    #[test]
    fn imperative_is_finite() {
        let t = tags("Take the ferry to the island .");
        assert_eq!((t[0].1, t[0].3), ("VB", true));
        let t = tags("\" Please call us , \" he said .");
        assert_eq!((t[2].0.as_str(), t[2].1, t[2].3), ("call", "VB", true));
        let t = tags("They will visit .");
        assert!(!t[2].3);
    }

    #[test]
    fn curly_apostrophes_read_as_straight() {
        for (straight, curly) in [
            ("The mayor did n't say .", "The mayor did n’t say ."),
            (
                "The council 's vote was close .",
                "The council ’s vote was close .",
            ),
            (
                "They 're leaving and it 's late .",
                "They ’re leaving and it ’s late .",
            ),
            (
                "\" We are ready , \" she said .",
                "“ We are ready , ” she said .",
            ),
        ] {
            assert_eq!(
                tags(straight)
                    .iter()
                    .map(|t| (t.1, t.2, t.3))
                    .collect::<Vec<_>>(),
                tags(curly)
                    .iter()
                    .map(|t| (t.1, t.2, t.3))
                    .collect::<Vec<_>>(),
                "{curly}"
            );
        }
        let t = tags("The council ’s vote was close .");
        assert_eq!(t[1].1, "NN");
        assert_eq!(t[2].1, "POS");
        let t = tags("“ We are ready , ” she said .");
        assert_eq!(t[0].1, "``");
        assert_eq!(t[5].1, "''");
    }

    #[test]
    fn hyphenated_compounds() {
        let t = xpos_of("A well-known author gave a long-awaited speech .");
        assert_eq!(t[1], "VBN");
        assert_eq!(t[2], "NN");
        assert!(matches!(t[5], "JJ" | "VBN"), "{t:?}");
    }

    #[test]
    fn vetoes_are_obeyed() {
        let words = ["They", "will", "visit", "."];
        let t = tag_constrained(&words, &|i, x| i != 2 || x != Xpos::Vb);
        assert_ne!(t[2].xpos, Xpos::Vb);
        // A vetoed tag-dictionary word falls back to the scored classes.
        let t = tag_constrained(&words, &|i, x| i != 0 || x != Xpos::Prp);
        assert_ne!(t[0].xpos, Xpos::Prp);
        // Nothing allowed: the best unconstrained tag.
        let t = tag_constrained(&words, &|i, _| i != 2);
        assert_eq!(t[2].xpos, Xpos::Vb);
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert!(tag(&[]).is_empty());
        let long = "x".repeat(10_000);
        let words = [
            "",
            "\u{2019}",
            "\u{e2}\u{80}",
            "é",
            long.as_str(),
            "``",
            "\u{201c}",
        ];
        assert_eq!(tag(&words).len(), words.len());
        let mut buf = Vec::new();
        normalise("\u{2019}".as_bytes(), &mut buf);
        assert_eq!(buf, b"'");
    }

    #[test]
    fn reentrant_veto_does_not_panic() {
        let words = ["She", "reported", "it", "."];
        let t = tag_constrained(&words, &|_, _| tag(&["Yes", "."]).len() == 2);
        assert_eq!(t.len(), 4);
    }

    #[test]
    fn names_round_trip() {
        for x in Xpos::ALL {
            assert_eq!(Xpos::parse(x.as_str()), Some(x));
        }
        for u in Upos::ALL {
            assert_eq!(Upos::parse(u.as_str()), Some(u));
        }
        assert_eq!(Xpos::parse("NOPE"), None);
    }

    /// `cargo test --release --lib tagger::tests::throughput -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn throughput() {
        // Words as slices of one text, as the linter's tokens are.
        let data = heldout();
        let text = data
            .sentences
            .iter()
            .map(|s| s.join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        let sentences: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
        let mut tagger = Tagger::new();
        let mut out = Vec::new();
        let mut best = 0f64;
        for _ in 0..5 {
            let mut tokens = 0usize;
            let start = std::time::Instant::now();
            for _ in 0..10 {
                for s in &sentences {
                    tagger.tag_into(s, &mut out);
                    tokens += out.len();
                }
            }
            best = best.max(tokens as f64 / start.elapsed().as_secs_f64());
        }
        eprintln!("tagger throughput, best of 5 runs: {best:.0} tokens/s");
    }
}
