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
//! prediction gives all three. Every feature is a 64-bit hash computed from the token bytes,
//! the word classes the embedded lexicon gives them (`lexicon::classes_folded`), earlier
//! tags, and the class a first pass (on the features that read no tag) gives the next
//! token; the functions here mirror `scripts/tagger/train.py` exactly, which the test
//! `agrees_with_python_on_heldout_gum` checks token by token.

use std::cell::RefCell;

use super::{lexicon, prefetch};

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

/// The tags of a sentence's first tokens, which [`tag_more`] continues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partial {
    pub tags: Vec<Tagged>,
    /// The classes chosen for the last two tokens (markers of the sentence start before
    /// its first token).
    last: [u32; 2],
}

impl Default for Partial {
    fn default() -> Partial {
        let start = MODEL.n_classes as u32;
        Partial {
            tags: Vec::new(),
            last: [start, start + 1],
        }
    }
}

/// Extend `part` to the tags of the first `to` tokens of `words` (all of them when `to`
/// is the length): the same tags as [`tag`] gives the whole sentence.
pub fn tag_more(words: &[&str], part: &mut Partial, to: usize) {
    TAGGER.with(|t| match t.try_borrow_mut() {
        Ok(mut t) => t.extend(words, part, to, &|_, _| true),
        Err(_) => Tagger::new().extend(words, part, to, &|_, _| true),
    });
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
///
/// Most of a token's features depend on one word only (its own, and those it gives its
/// neighbours), so the tagger keeps a table of the words it has seen with the summed
/// weights of those features: tagging a known word costs a few vector additions. The
/// remaining look-ups of the model (word pairs, quotation marks, earlier tags) are batched
/// so that their memory reads overlap.
#[derive(Default)]
pub struct Tagger {
    /// The four pads, then the word table (`WORD_SLOTS` entries), then the entries of this
    /// sentence's words that the table could not keep.
    entries: Vec<Entry>,
    /// The index of the word table: open addressing by a hash of the word.
    slots: Vec<Slot>,
    /// Entries of the word table given to a slot so far.
    used: usize,
    /// Sentences tagged so far: a slot stamped with the current count is in use and is
    /// not replaced.
    stamp: u32,
    /// Per token: its table key (if it has one) and the key's hash.
    word_keys: Vec<(Option<[u64; 4]>, u64)>,
    /// Per token, with two pads on each side: the index of its entry.
    ids: Vec<u32>,
    /// Entries created for this sentence, whose sums are still to be computed.
    pending: Vec<u32>,
    quotes: Vec<u8>,
    scratch: Vec<u8>,
    /// Per token: the summed weights of the features that do not depend on earlier tags
    /// (filled for the tokens the tag dictionary does not settle).
    word_scores: Vec<Scores>,
    /// Per scored token: the previous token's class as predicted before the greedy pass,
    /// and the slots of the tag features for that class.
    predicted: Vec<u32>,
    tag_hits: Vec<(u32, u32)>,
    /// Slot look-ups of a batch of feature keys, resolved before any weight is added so
    /// that the memory reads overlap.
    hits: Vec<(u32, u32)>,
    keys: Vec<u64>,
    /// Summed weights of the features of the two previous tags alone, by the pair
    /// (`t1 << 16 | t2`; `u32::MAX` for an empty slot).
    pair_memo: Vec<(u32, Scores)>,
    /// Per token: the slot of the feature of the next token's first-pass class.
    guesses: Vec<(u32, u32)>,
    /// The slot of that feature for each class (filled on first use).
    guess_memo: Vec<(u32, u32)>,
}

/// Slots of a tagger's memo of tag-pair features (a power of two).
const PAIR_SLOTS: usize = 2048;

/// Slots of a tagger's word table (a power of two).
const WORD_SLOTS: usize = 8192;

/// How many slots from its home slot a word may be kept.
const WORD_PROBE: usize = 4;

/// The longest word, in bytes, the table keeps (the key holds the bytes and the length).
const WORD_KEY_BYTES: usize = 31;

/// Index of the first table slot in `Tagger::entries`; the pads come first.
const FIRST_SLOT: usize = 4;

/// The key of an empty slot (no word has length 255).
const EMPTY_KEY: [u64; 4] = [u64::MAX; 4];

/// No class from the tag dictionary.
const NO_DICT: u32 = u32::MAX;

/// A slot of the word index (tag 0 for an empty one).
#[derive(Clone, Copy, Default)]
struct Slot {
    /// Bits of the word's hash, to skip most slots of other words without reading their
    /// entry.
    tag: u32,
    /// Its entry in the word table (after the pads).
    entry: u32,
    /// The sentence count when it was last used.
    stamp: u32,
}

/// A word and the summed weights of the features that depend on it alone.
#[derive(Clone, Copy)]
struct Entry {
    /// The word's raw bytes, zero-padded, with its length in the last byte.
    key: [u64; 4],
    /// The tag dictionary's class, or `NO_DICT`.
    dict: u32,
    word: u64,
    lower: u64,
    suf3: u64,
    shape: u64,
    /// The lexicon's classes of the word.
    cls: u64,
    /// Its own features except the one of shape and sentence start.
    own: Scores,
    /// The slots of that feature when the word is not first, and when it is.
    first: [(u32, u32); 2],
    /// The features it gives the next token (as that token's previous word).
    to_next: Scores,
    /// The slot of the feature it gives the token two after it.
    to_next2: (u32, u32),
    /// The features it gives the previous token (as that token's next word).
    to_prev: Scores,
    /// The slot of the feature it gives the token two before it.
    to_prev2: (u32, u32),
}

const EMPTY_ENTRY: Entry = Entry {
    key: EMPTY_KEY,
    dict: NO_DICT,
    word: 0,
    lower: 0,
    suf3: 0,
    shape: 0,
    cls: 0,
    own: [0; N_PAD],
    first: [(K_EMPTY, 0); 2],
    to_next: [0; N_PAD],
    to_next2: (K_EMPTY, 0),
    to_prev: [0; N_PAD],
    to_prev2: (K_EMPTY, 0),
};

/// How many keys [`entry_keys`] gives.
const ENTRY_KEYS: usize = 25;

/// The keys of the features of a word alone, in the order [`Entry::sum`] reads their slots.
fn entry_keys(c: &Lex) -> [u64; ENTRY_KEYS] {
    [
        // Own, except the shape at sentence start.
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
        key1(T_CLS, c.cls),
        // The shape, not first and first.
        key2(T_SHAPE_FIRST, c.shape, 0),
        key2(T_SHAPE_FIRST, c.shape, 1),
        // Given to the next token.
        key1(T_LOWER_M1, c.lower),
        key1(T_SUF3_M1, c.suf[2]),
        key1(T_SHAPE_M1, c.shape),
        key1(T_CLS_M1, c.cls),
        // Given to the token two after.
        key1(T_LOWER_M2, c.lower),
        // Given to the previous token.
        key1(T_LOWER_P1, c.lower),
        key1(T_SUF3_P1, c.suf[2]),
        key1(T_SHAPE_P1, c.shape),
        key1(T_SUF2_P1, c.suf[1]),
        key1(T_CLS_P1, c.cls),
        // Given to the token two before.
        key1(T_LOWER_P2, c.lower),
    ]
}

impl Entry {
    /// Set the hashes of the word; its sums are filled later by [`Entry::sum`].
    fn set_lex(&mut self, key: [u64; 4], lex: &Lex) {
        self.key = key;
        self.dict = MODEL.dict(lex.word).map_or(NO_DICT, |c| c as u32);
        self.word = lex.word;
        self.lower = lex.lower;
        self.suf3 = lex.suf[2];
        self.shape = lex.shape;
        self.cls = lex.cls;
    }

    /// Fill the sums from the slots of [`entry_keys`].
    fn sum(&mut self, hits: &[(u32, u32)]) {
        let sum = |hits: &[(u32, u32)]| {
            let mut s = [0; N_PAD];
            for &(kind, p) in hits {
                MODEL.add_hit(kind, p, &mut s);
            }
            s
        };
        self.own = sum(&hits[..12]);
        self.first = [hits[12], hits[13]];
        self.to_next = sum(&hits[14..18]);
        self.to_next2 = hits[18];
        self.to_prev = sum(&hits[19..24]);
        self.to_prev2 = hits[24];
    }

    #[inline]
    fn dict(&self) -> Option<usize> {
        (self.dict != NO_DICT).then_some(self.dict as usize)
    }
}

/// The table key of a word: its bytes and length (None when it is too long to keep).
#[inline]
fn word_key(raw: &[u8]) -> Option<[u64; 4]> {
    if raw.len() > WORD_KEY_BYTES {
        return None;
    }
    let mut key = [0u64; 4];
    for (k, &b) in raw.iter().enumerate() {
        key[k / 8] |= u64::from(b) << (8 * (k % 8));
    }
    key[3] |= (raw.len() as u64) << 56;
    Some(key)
}

/// A hash of a word key.
#[inline]
fn word_hash(key: &[u64; 4]) -> u64 {
    fmix(
        key[0]
            ^ key[1].wrapping_mul(TEMPLATE_MUL)
            ^ key[2].rotate_left(29)
            ^ key[3].wrapping_mul(FNV_PRIME),
    )
}

/// The home slot in the word index of a word with hash `hash`, and its (non-zero) tag.
#[inline]
fn slot_of(hash: u64) -> (usize, u32) {
    ((hash as usize) & (WORD_SLOTS - 1), (hash >> 32) as u32 | 1)
}

#[inline]
fn add_scores(scores: &mut Scores, more: &Scores) {
    for (s, w) in scores.iter_mut().zip(more) {
        *s = s.wrapping_add(*w);
    }
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
        let mut part = Partial {
            tags: std::mem::take(out),
            ..Partial::default()
        };
        part.tags.clear();
        self.extend(words, &mut part, words.len(), allowed);
        *out = part.tags;
    }

    /// Tag tokens `part.tags.len()..to` of the sentence `words`, continuing `part` (the
    /// tags of the tokens before, as this gives them). A token's tag depends only on the
    /// words up to two each side of it and on the two classes chosen before it, so the
    /// tags are those of tagging the whole sentence at once.
    pub fn extend(
        &mut self,
        words: &[&str],
        part: &mut Partial,
        to: usize,
        allowed: &dyn Fn(usize, Xpos) -> bool,
    ) {
        let from = part.tags.len();
        let to = to.min(words.len());
        if from >= to {
            return;
        }
        // A token's features include the class a first pass gives the token after it, so
        // that token is scored too (when there is one).
        let m = (to + 1).min(words.len()) - from;
        self.prepare(words, from, from + m);
        // `i` below counts tokens from `from`.
        let n = to - from;
        let out = &mut part.tags;
        // The features that do not depend on earlier tags, for every token the dictionary
        // does not settle: the word sums from the table, and the features of word pairs and
        // quotation marks looked up in one batch. The sums are wrapping i16 additions, so
        // the order in which weights are added does not change them.
        self.keys.clear();
        for i in 0..m {
            if self.entry(i, 0).dict == NO_DICT {
                self.context_keys(i);
            }
        }
        self.resolve_keys();
        MODEL.prefetch_rows(&self.hits);
        self.word_scores.clear();
        self.word_scores.resize(m, [0; N_PAD]);
        let mut at = 0;
        for i in 0..m {
            if self.entry(i, 0).dict == NO_DICT {
                self.word_sums(i, from + i == 0);
                let count = self.context_count(i);
                for &(kind, p) in &self.hits[at..at + count] {
                    MODEL.add_hit(kind, p, &mut self.word_scores[i]);
                }
                at += count;
            }
        }
        // The first pass: each token's class on those features alone (the dictionary's
        // class if it has one; a class of its own past the sentence's end). All are taken
        // before any token's scores gain the feature of the next one's.
        self.guesses.clear();
        for i in 0..n {
            let g = if from + i + 1 >= words.len() {
                MODEL.n_classes + 2
            } else {
                self.entry(i + 1, 0)
                    .dict()
                    .unwrap_or_else(|| argmax(&self.word_scores[i + 1]))
            };
            let hit = self.guess_hit(g);
            self.guesses.push(hit);
        }
        for i in 0..n {
            if self.entry(i, 0).dict == NO_DICT {
                let (kind, p) = self.guesses[i];
                MODEL.add_hit(kind, p, &mut self.word_scores[i]);
            }
        }
        // The features of the previous tag depend on the greedy choice before, which would
        // make their look-ups wait for one another. Predict that tag (the dictionary's
        // class, else the best class on the word features alone) and look up the features
        // for the prediction in one batch; when the prediction comes true the slots are
        // the ones a look-up would find (same key, same slot), else they are looked up then.
        self.keys.clear();
        self.predicted.clear();
        for i in 0..n {
            if self.entry(i, 0).dict == NO_DICT {
                let t1 = if i == 0 {
                    // Known: the class chosen before, or the start of the sentence.
                    part.last[0] as usize
                } else if let Some(c) = self.entry(i - 1, 0).dict() {
                    c
                } else {
                    argmax(&self.word_scores[i - 1])
                };
                self.predicted.push(t1 as u32);
                let keys = self.tag_keys(i, t1 as u64);
                self.keys.extend_from_slice(&keys);
            }
        }
        self.resolve_keys();
        std::mem::swap(&mut self.hits, &mut self.tag_hits);
        let [mut t1, mut t2] = part.last.map(u64::from);
        let mut scored = 0;
        for i in 0..n {
            let class = match self.entry(i, 0).dict() {
                Some(c) if allowed(from + i, MODEL.xpos(c)) => c,
                found => {
                    // The scores are completed in place.
                    if found.is_some() {
                        // A dictionary word whose class was vetoed: score it in full.
                        self.word_sums(i, from + i == 0);
                        self.keys.clear();
                        self.context_keys(i);
                        for &k in &self.keys {
                            let (kind, p) = MODEL.lookup(k);
                            MODEL.add_hit(kind, p, &mut self.word_scores[i]);
                        }
                        let (kind, p) = self.guesses[i];
                        MODEL.add_hit(kind, p, &mut self.word_scores[i]);
                    }
                    if found.is_none() && u64::from(self.predicted[scored]) == t1 {
                        for &(kind, p) in &self.tag_hits[3 * scored..3 * scored + 3] {
                            MODEL.add_hit(kind, p, &mut self.word_scores[i]);
                        }
                    } else {
                        for k in self.tag_keys(i, t1) {
                            let (kind, p) = MODEL.lookup(k);
                            MODEL.add_hit(kind, p, &mut self.word_scores[i]);
                        }
                    }
                    if found.is_none() {
                        scored += 1;
                    }
                    self.add_pair(t1, t2, i);
                    best_class(&self.word_scores[i], |c| allowed(from + i, MODEL.xpos(c)))
                }
            };
            out.push(MODEL.tagged(class));
            t2 = t1;
            t1 = class as u64;
        }
        part.last = [t1 as u32, t2 as u32];
        // Marks the same token on a prefix as on the whole sentence, or none (when every
        // token so far is one it passes over).
        mark_imperative(out);
    }

    /// The entry of token `i + d - 2`: `entry(i, 0)` is token `i`'s, `entry(i, -1)` its
    /// previous word's (a pad before the sentence and after it).
    #[inline]
    fn entry(&self, i: usize, d: isize) -> &Entry {
        &self.entries[self.ids[(i + 2).wrapping_add_signed(d)] as usize]
    }

    /// Find the entries of tokens `from..to` of the sentence `words` and of the two words
    /// each side of them (pads past the sentence's ends), adding the words the table lacks,
    /// and number their quotation marks (counting those before `from`).
    fn prepare(&mut self, words: &[&str], from: usize, to: usize) {
        if self.entries.is_empty() {
            // Entries are added as words come (a one-paragraph draft touches a few pages,
            // not the whole table).
            self.entries.resize(FIRST_SLOT, EMPTY_ENTRY);
            self.slots = vec![Slot::default(); WORD_SLOTS];
            self.pending.clear();
            for (k, p) in [PAD_M2, PAD_M1, PAD_P1, PAD_P2].iter().enumerate() {
                self.entries[k].set_lex(EMPTY_KEY, p);
                self.keys_of_pending(p);
                self.pending.push(k as u32);
            }
            self.fill_pending();
        }
        // Drop the last sentence's temporary entries.
        self.entries.truncate(FIRST_SLOT + self.used);
        self.stamp = self.stamp.wrapping_add(1);
        self.pending.clear();
        // The index is small enough to stay in cache, the entries are not: ask for the
        // entry each word's index slot points to first, so that the reads overlap. `find`
        // then checks the words.
        let window = &words[from.saturating_sub(2)..(to + 2).min(words.len())];
        self.word_keys.clear();
        for w in window {
            let key = word_key(w.as_bytes());
            let hash = key.map_or(0, |k| word_hash(&k));
            self.word_keys.push((key, hash));
            let home = slot_of(hash).0;
            prefetch(&self.slots, home);
            prefetch(&self.slots, (home + WORD_PROBE - 1) & (WORD_SLOTS - 1));
        }
        for &(_, hash) in &self.word_keys {
            let (home, tag) = slot_of(hash);
            if let Some(slot) = (0..WORD_PROBE)
                .map(|d| self.slots[(home + d) & (WORD_SLOTS - 1)])
                .find(|slot| slot.tag == tag)
                && let Some(e) = self.entries.get(FIRST_SLOT + slot.entry as usize)
            {
                prefetch(&e.key, 0);
                for row in [&e.own, &e.to_next, &e.to_prev] {
                    for at in (0..N_PAD).step_by(32) {
                        prefetch(row, at);
                    }
                    prefetch(row, N_PAD - 1);
                }
            }
        }
        // Positions `from - 2 .. to + 2`: pads 0 and 1 before the sentence, 2 and 3 after.
        self.ids.clear();
        self.ids.extend([0, 1].into_iter().skip(from.min(2)));
        for (k, w) in window.iter().enumerate() {
            let (key, hash) = self.word_keys[k];
            let id = self.find(w, key, hash);
            self.ids.push(id);
        }
        self.ids.extend(
            [2, 3]
                .into_iter()
                .take((to + 2).saturating_sub(words.len())),
        );
        self.fill_pending();
        self.quotes.clear();
        let mut seen = 0u8;
        for w in &words[..from] {
            if word_hash_only(w.as_bytes(), &mut self.scratch) == QUOTE_HASH {
                seen ^= 1;
            }
        }
        for &id in &self.ids[2..2 + (to - from)] {
            if self.entries[id as usize].word == QUOTE_HASH {
                self.quotes.push(1 + (seen & 1));
                seen ^= 1;
            } else {
                self.quotes.push(0);
            }
        }
    }

    /// The index of the entry of `word` (whose key and hash are given), created (and listed
    /// in `pending`) if new.
    fn find(&mut self, word: &str, key: Option<[u64; 4]>, hash: u64) -> u32 {
        let (home, tag) = slot_of(hash);
        let mut victim = None;
        if let Some(key) = key {
            let mut oldest = 0;
            for d in 0..WORD_PROBE {
                let s = (home + d) & (WORD_SLOTS - 1);
                let slot = self.slots[s];
                let id = FIRST_SLOT + slot.entry as usize;
                if slot.tag == tag && self.entries[id].key == key {
                    self.slots[s].stamp = self.stamp;
                    return id as u32;
                }
                // Replace an empty slot, else the one used longest ago, never one this
                // sentence uses.
                let age = if slot.tag == 0 {
                    u32::MAX
                } else {
                    self.stamp.wrapping_sub(slot.stamp)
                };
                if age > oldest {
                    oldest = age;
                    victim = Some(s);
                }
            }
        }
        // Kept entries sit before this sentence's temporary ones: a slot that has none yet
        // takes a new one only while no temporary entry follows them (else the word is
        // kept for this sentence only, which gives the same sums).
        let kept_end = FIRST_SLOT + self.used;
        let id = match victim {
            Some(s) if self.slots[s].tag != 0 || self.entries.len() == kept_end => {
                let slot = &mut self.slots[s];
                if slot.tag == 0 {
                    // Each slot takes a new entry once: there are as many entries.
                    slot.entry = self.used as u32;
                    self.used += 1;
                    self.entries.push(EMPTY_ENTRY);
                }
                slot.tag = tag;
                slot.stamp = self.stamp;
                FIRST_SLOT + slot.entry as usize
            }
            _ => {
                self.entries.push(EMPTY_ENTRY);
                self.entries.len() - 1
            }
        };
        let lex = Lex::new(word, &mut self.scratch);
        self.entries[id].set_lex(key.unwrap_or(EMPTY_KEY), &lex);
        // The other hashes are needed only for the sums.
        self.keys_of_pending(&lex);
        self.pending.push(id as u32);
        id as u32
    }

    /// Queue the keys of a new entry's features (see [`Tagger::fill_pending`]).
    fn keys_of_pending(&mut self, lex: &Lex) {
        if self.pending.is_empty() {
            self.keys.clear();
        }
        self.keys.extend_from_slice(&entry_keys(lex));
    }

    /// Compute the sums of the entries in `pending`, whose keys are in `keys`.
    fn fill_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        self.resolve_keys();
        MODEL.prefetch_rows(&self.hits);
        for (k, &id) in self.pending.iter().enumerate() {
            self.entries[id as usize].sum(&self.hits[ENTRY_KEYS * k..ENTRY_KEYS * (k + 1)]);
        }
        self.pending.clear();
    }

    /// Set `word_scores[i]` to the sums of token `i`'s features that depend on one word
    /// each (`first`: the token is the sentence's first).
    #[inline]
    fn word_sums(&mut self, i: usize, first: bool) {
        let entry = |d: usize| &self.entries[self.ids[i + d] as usize];
        let (c, m1, p1) = (entry(2), entry(1), entry(3));
        let scores = &mut self.word_scores[i];
        for (((s, a), b), c) in scores
            .iter_mut()
            .zip(&c.own)
            .zip(&m1.to_next)
            .zip(&p1.to_prev)
        {
            *s = a.wrapping_add(*b).wrapping_add(*c);
        }
        for (kind, p) in [
            c.first[usize::from(first)],
            entry(0).to_next2,
            entry(4).to_prev2,
        ] {
            MODEL.add_hit(kind, p, scores);
        }
    }

    /// Look up every key in `keys` into `hits`, in order.
    fn resolve_keys(&mut self) {
        // First ask for each key's home slot, so the reads of the (large) table overlap;
        // then resolve the probes, mostly from cache.
        for &k in &self.keys {
            MODEL.prefetch_home(k);
        }
        self.hits.clear();
        self.hits.extend(self.keys.iter().map(|&k| MODEL.lookup(k)));
    }

    /// How many keys [`Tagger::context_keys`] pushes for token `i`.
    fn context_count(&self, i: usize) -> usize {
        if self.quotes[i] != 0 { 7 } else { 5 }
    }

    /// Push the keys of the features of token `i` that depend on no earlier tag and on
    /// more than one word (or on the quotation-mark count).
    fn context_keys(&mut self, i: usize) {
        let [m1, c, p1] = [self.entry(i, -1), self.entry(i, 0), self.entry(i, 1)];
        let keys = [
            key2(T_LOWER_LOWER_P1, c.lower, p1.lower),
            key2(T_LOWER_M1_LOWER, m1.lower, c.lower),
            key2(T_LOWER_SUF3_P1, c.lower, p1.suf3),
            key2(T_CLS_CLS_P1, c.cls, p1.cls),
            key2(T_CLS_M1_CLS, m1.cls, c.cls),
        ];
        let quote = self.quotes[i];
        let shape = p1.shape;
        self.keys.extend_from_slice(&keys);
        if quote != 0 {
            self.keys.extend_from_slice(&[
                key1(T_QUOTE, u64::from(quote)),
                key2(T_QUOTE, u64::from(quote), shape),
            ]);
        }
    }

    /// The keys of the features of token `i` that depend on the tag before it, `t1`.
    #[inline]
    fn tag_keys(&self, i: usize, t1: u64) -> [u64; 3] {
        let c = self.entry(i, 0);
        let p1 = self.entry(i, 1);
        [
            key2(T_TAG_M1_LOWER, t1, c.lower),
            key2(T_TAG_M1_SUF3, t1, c.suf3),
            key2(T_TAG_M1_LOWER_P1, t1, p1.lower),
        ]
    }

    /// The slot of the feature of the next token's first-pass class `g`.
    #[inline]
    fn guess_hit(&mut self, g: usize) -> (u32, u32) {
        if self.guess_memo.is_empty() {
            self.guess_memo = (0..MODEL.n_classes + 3)
                .map(|c| MODEL.lookup(key1(T_GUESS_P1, c as u64)))
                .collect();
        }
        self.guess_memo[g]
    }

    /// Add the weights of the features of the two tags before token `i` alone to its
    /// scores (summed once per pair of tags and remembered).
    fn add_pair(&mut self, t1: u64, t2: u64, i: usize) {
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
        add_scores(&mut self.word_scores[i], &self.pair_memo[slot].1);
    }
}

/// The index of the first highest of the class scores.
#[inline]
fn argmax(scores: &Scores) -> usize {
    // A fold of `max` over a fixed length compiles to vector instructions.
    let scores = &scores[..N_CLASSES];
    let max = scores.iter().fold(i16::MIN, |m, &s| m.max(s));
    scores.iter().position(|&s| s == max).unwrap_or(0)
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
fn best_class(scores: &Scores, ok: impl Fn(usize) -> bool) -> usize {
    let top = argmax(scores);
    if ok(top) {
        return top;
    }
    let scores = &scores[..N_CLASSES];
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
const T_CLS: u64 = 31;
const T_CLS_M1: u64 = 32;
const T_CLS_P1: u64 = 33;
const T_CLS_CLS_P1: u64 = 34;
const T_CLS_M1_CLS: u64 = 35;
const T_GUESS_P1: u64 = 36;
const T_TAGDICT: u64 = 63;
/// The most features a token can have (at least): 24 of its words, 5 of the lexicon's
/// classes, 2 for quotation marks, 1 of the next token's first-pass class, 6 of tags. The
/// file's weights are scaled to it.
const MAX_FEATURES: usize = 40;

pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub(crate) const FNV_PRIME: u64 = 0x0100_0000_01b3;
const TEMPLATE_MUL: u64 = 0x9e37_79b9_7f4a_7c15;

/// The murmur3 64-bit finaliser.
#[inline]
pub(crate) const fn fmix(mut x: u64) -> u64 {
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
    /// The lexicon's classes of the word as written (`lexicon::classes_folded`).
    cls: u64,
}

const fn pad(name: &[u8]) -> Lex {
    let h = fnv(name, false);
    Lex {
        word: h,
        lower: h,
        suf: [h; 4],
        pre: [h; 3],
        shape: h,
        cls: h,
    }
}

const PAD_M2: Lex = pad(b"\x00-2");
const PAD_M1: Lex = pad(b"\x00-1");
const PAD_P1: Lex = pad(b"\x00+1");
const PAD_P2: Lex = pad(b"\x00+2");

impl Lex {
    fn new(word: &str, scratch: &mut Vec<u8>) -> Lex {
        let raw = word.as_bytes();
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
            cls: u64::from(lexicon::classes_and_entry(word).0.0),
        }
    }
}

/// The `word` hash of [`Lex::new`] alone.
fn word_hash_only(raw: &[u8], scratch: &mut Vec<u8>) -> u64 {
    if raw.iter().any(|&c| c == 0xE2 || c == b'`') {
        normalise(raw, scratch);
        fnv(scratch, false)
    } else {
        fnv(raw, false)
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

mod model;
use model::*;

#[cfg(test)]
mod tests;
