//! Dependency parser: arc-eager transitions scored by an averaged perceptron and searched
//! with a beam (greedily for a model trained so), giving Universal Dependencies (v2)
//! relations.
//!
//! The weights are trained by `cargo run --release --example train_parser` (the training
//! code is [`train`]) on the CC BY part of the GUM corpus (credits in
//! `data/parser/README.md`) and embedded from `data/parser/model.bin`, which is read in
//! place. Input is one sentence as the tagger reads it, with the tagger's tags.
//!
//! Every input gives a tree: one token hangs from the root, every other token from a token
//! of the sentence, with no cycle (see [`Parser::parse_into`]).

pub mod deprel;
pub mod model;
pub mod train;

use std::cell::RefCell;

pub use deprel::Deprel;
use deprel::N_DEPRELS;
use model::{Model, N_CLASSES, Scores};

use super::lexicon;
use super::tagger::{Tagged, Upos, Xpos};

/// The head of one token and its relation to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arc {
    /// The head's position in the sentence counted from 1; 0 for the root.
    pub head: u16,
    pub deprel: Deprel,
}

/// Parse one sentence: one arc per token.
pub fn parse(words: &[&str], tags: &[Tagged]) -> Vec<Arc> {
    let mut out = Vec::with_capacity(words.len());
    PARSER.with(|p| match p.try_borrow_mut() {
        Ok(mut p) => {
            // Only here is the model always the same: the parses it remembers fit.
            p.remember = true;
            p.parse_into(&embedded(), words, tags, &mut out);
        }
        Err(_) => Parser::default().parse_into(&embedded(), words, tags, &mut out),
    });
    out
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new(Parser::default());
}

static BYTES: &[u8] = include_bytes!("../../../data/parser/model.bin");

/// The embedded model (an empty one if the file were unreadable, which a test rules out).
pub fn embedded() -> Model<'static> {
    Model::new(BYTES).unwrap_or(Model::empty())
}

/// A parsed sentence, with the questions rules ask of it. Token positions are counted
/// from 0 here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse {
    pub arcs: Vec<Arc>,
}

impl Parse {
    pub fn new(words: &[&str], tags: &[Tagged]) -> Parse {
        Parse {
            arcs: parse(words, tags),
        }
    }

    pub fn len(&self) -> usize {
        self.arcs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.arcs.is_empty()
    }

    /// The token that hangs from the root (None only for an empty sentence).
    pub fn root(&self) -> Option<usize> {
        self.arcs.iter().position(|a| a.head == 0)
    }

    /// The head of token `i` (None for the root).
    pub fn head(&self, i: usize) -> Option<usize> {
        match self.arcs.get(i)?.head {
            0 => None,
            h => Some(usize::from(h) - 1),
        }
    }

    pub fn deprel(&self, i: usize) -> Option<Deprel> {
        self.arcs.get(i).map(|a| a.deprel)
    }

    /// The tokens that hang from token `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.arcs
            .iter()
            .enumerate()
            .filter(move |(_, a)| usize::from(a.head) == i + 1)
            .map(|(k, _)| k)
    }

    /// The child of `i` with relation `rel`, the first if there are several.
    pub fn child_with(&self, i: usize, rel: Deprel) -> Option<usize> {
        self.children(i).find(|&k| self.arcs[k].deprel == rel)
    }

    /// The subject of the clause headed by token `i` (nsubj, csubj and their subtypes);
    /// for a conjunct without one of its own ("they came and went"), the subject of the
    /// clause it is conjoined to.
    pub fn subject_of(&self, i: usize) -> Option<usize> {
        let mut at = i;
        for _ in 0..self.arcs.len() {
            if let Some(s) = self
                .children(at)
                .find(|&k| self.arcs[k].deprel.is_subject())
            {
                return Some(s);
            }
            if self.arcs.get(at)?.deprel != Deprel::Conj {
                return None;
            }
            at = self.head(at)?;
        }
        None
    }

    /// Whether the clause headed by token `i` is finite: the token is a finite verb, or one
    /// of its auxiliaries or its copula is ("has gone", "is ready"), or it is a base-form
    /// verb with a subject and no auxiliary or "to" (present tense, which the tagger
    /// sometimes reads as a base form: "Farmers grow apples").
    pub fn is_finite(&self, tags: &[Tagged], i: usize) -> bool {
        let fin = |k: usize| tags.get(k).is_some_and(|t| t.finite);
        if fin(i)
            || self
                .children(i)
                .any(|k| self.arcs[k].deprel.is_aux_or_cop() && fin(k))
        {
            return true;
        }
        tags.get(i).is_some_and(|t| t.xpos == Xpos::Vb)
            && self.subject_of(i).is_some_and(|s| s < i)
            && !self.children(i).any(|k| {
                k < i
                    && (self.arcs[k].deprel.is_aux_or_cop()
                        || tags.get(k).is_some_and(|t| t.xpos == Xpos::To))
            })
    }

    /// Whether the clause headed by token `i` is an imperative: a base-form verb (or a
    /// copula construction with "be") with no subject, and no auxiliary or subordinating
    /// conjunction before it but "do" ("Do not enter", "Be careful").
    pub fn is_imperative(&self, words: &[&str], tags: &[Tagged], i: usize) -> bool {
        let Some(t) = tags.get(i) else {
            return false;
        };
        if self.subject_of(i).is_some() {
            return false;
        }
        // The tagger reads some imperatives as present tense ("please write"), and some as
        // nouns ("feel free"): a word the lexicon knows as a verb, with none of a noun's
        // dependents, is read as the verb.
        let base = |x: Xpos| matches!(x, Xpos::Vb | Xpos::Vbp);
        let noun_read_as_verb = t.xpos == Xpos::Nn
            && words
                .get(i)
                .is_some_and(|w| lexicon::classes_and_entry(w).0.0 & lexicon::Classes::VERB.0 != 0)
            && !self.children(i).any(|k| {
                matches!(
                    self.arcs[k].deprel,
                    Deprel::Det
                        | Deprel::Amod
                        | Deprel::NmodPoss
                        | Deprel::Case
                        | Deprel::Compound
                        | Deprel::Nummod
                )
            });
        let verb = if base(t.xpos) || noun_read_as_verb {
            Some(i)
        } else {
            self.children(i).find(|&k| {
                self.arcs[k].deprel == Deprel::Cop && tags.get(k).is_some_and(|c| base(c.xpos))
            })
        };
        let Some(v) = verb else {
            return false;
        };
        self.children(i).all(|k| {
            let d = self.arcs[k].deprel;
            k > v
                || !matches!(d, Deprel::Aux | Deprel::AuxPass | Deprel::Mark)
                || (d == Deprel::Aux && words.get(k).is_some_and(|w| w.eq_ignore_ascii_case("do")))
        })
    }
}

/// The universal tag of token `i` (counted from 0) once the parse is known: the tagger's,
/// except that in Universal Dependencies English an auxiliary or copula is AUX, and a
/// preposition heading no noun phrase but marking a clause is SCONJ ("before they left").
/// (The converse, VERB for an AUX the parse gives another relation, made the held-out
/// tags worse once the tagger read the lexicon: the tagger is more often right than the
/// parse there.)
pub fn parsed_upos(arcs: &[Arc], tags: &[Tagged], i: usize) -> Option<Upos> {
    let t = tags.get(i)?;
    let d = arcs.get(i)?.deprel;
    Some(match (t.upos, d) {
        (Upos::Verb, Deprel::Aux | Deprel::AuxPass | Deprel::Cop) => Upos::Aux,
        (Upos::Adp, Deprel::Mark) => Upos::Sconj,
        (Upos::Sconj, Deprel::Case) => Upos::Adp,
        (u, _) => u,
    })
}

// ---------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------

/// No token.
const NONE: u16 = u16::MAX;

/// The longest sentence parsed in one piece; longer ones are parsed in pieces of this
/// many tokens, each piece's root hanging from the first piece's.
pub const MAX_TOKENS: usize = 2048;

pub(crate) const SHIFT: usize = 0;
pub(crate) const REDUCE: usize = 1;
pub(crate) const fn left(l: usize) -> usize {
    2 + l
}
pub(crate) const fn right(l: usize) -> usize {
    2 + N_DEPRELS + l
}

/// The parser state: the stack, the next token of the buffer and the arcs made so far,
/// with what the features read of them. Token 0 is the root; words are 1..=n.
#[derive(Default)]
pub(crate) struct State {
    pub(crate) n: usize,
    pub(crate) stack: Vec<u16>,
    /// The first token of the buffer (n + 1 when it is empty).
    pub(crate) b: usize,
    pub(crate) head: Vec<u16>,
    pub(crate) label: Vec<u8>,
    /// Leftmost and second leftmost, rightmost and second rightmost children.
    lc1: Vec<u16>,
    lc2: Vec<u16>,
    rc1: Vec<u16>,
    rc2: Vec<u16>,
    /// Numbers of left and right children.
    vl: Vec<u8>,
    vr: Vec<u8>,
    /// Sets of the relations of the left and right children.
    ls: Vec<u64>,
    rs: Vec<u64>,
    /// The token hanging from the root, once there is one.
    pub(crate) root_child: u16,
}

impl State {
    pub(crate) fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        for v in [
            &mut self.head,
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
        ] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.label.clear();
        self.label.resize(n + 1, u8::MAX);
        for v in [&mut self.vl, &mut self.vr] {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.ls, &mut self.rs] {
            v.clear();
            v.resize(n + 1, 0);
        }
        self.root_child = NONE;
    }

    pub(crate) fn terminal(&self) -> bool {
        self.b > self.n
    }

    /// Become a copy of `o`, reusing this state's buffers.
    pub(crate) fn copy_from(&mut self, o: &State) {
        self.n = o.n;
        self.b = o.b;
        self.root_child = o.root_child;
        self.stack.clone_from(&o.stack);
        self.head.clone_from(&o.head);
        self.label.clone_from(&o.label);
        self.lc1.clone_from(&o.lc1);
        self.lc2.clone_from(&o.lc2);
        self.rc1.clone_from(&o.rc1);
        self.rc2.clone_from(&o.rc2);
        self.vl.clone_from(&o.vl);
        self.vr.clone_from(&o.vr);
        self.ls.clone_from(&o.ls);
        self.rs.clone_from(&o.rs);
    }

    #[inline]
    pub(crate) fn s0(&self) -> usize {
        usize::from(*self.stack.last().unwrap_or(&0))
    }

    /// Whether `class` may be taken now, for a model predicting the relations in `labels`.
    #[inline]
    pub(crate) fn valid(&self, class: usize, labels: u64) -> bool {
        let s0 = self.s0();
        let buffer = self.b <= self.n;
        match class {
            SHIFT => buffer,
            REDUCE => s0 != 0 && self.head[s0] != NONE,
            c if c < 2 + N_DEPRELS => {
                let l = c - 2;
                buffer
                    && s0 != 0
                    && self.head[s0] == NONE
                    && l != Deprel::Root.index()
                    && labels >> l & 1 == 1
            }
            c => {
                let l = c - 2 - N_DEPRELS;
                buffer
                    && labels >> l & 1 == 1
                    && if s0 == 0 {
                        self.root_child == NONE && l == Deprel::Root.index()
                    } else {
                        l != Deprel::Root.index()
                    }
            }
        }
    }

    /// The classes [`State::valid`] allows now, as a set of bits.
    #[inline]
    pub(crate) fn valid_classes(&self, labels: u64) -> u128 {
        const _: () = assert!(N_CLASSES <= 128);
        let s0 = self.s0();
        let root = Deprel::Root.index();
        let relations = u128::from(labels & !(1 << root)) & ((1 << N_DEPRELS) - 1);
        let mut set = 0u128;
        if s0 != 0 && self.head[s0] != NONE {
            set |= 1 << REDUCE;
        }
        if self.b <= self.n {
            set |= 1 << SHIFT;
            if s0 != 0 {
                if self.head[s0] == NONE {
                    set |= relations << left(0);
                }
                set |= relations << right(0);
            } else if self.root_child == NONE && labels >> root & 1 == 1 {
                set |= 1 << right(root);
            }
        }
        set
    }

    fn add_arc(&mut self, h: usize, d: usize, l: usize) {
        self.head[d] = h as u16;
        self.label[d] = l as u8;
        let d16 = d as u16;
        if h == 0 {
            self.root_child = d16;
        }
        if d < h {
            if self.lc1[h] == NONE || d16 < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d16;
            } else if self.lc2[h] == NONE || d16 < self.lc2[h] {
                self.lc2[h] = d16;
            }
            self.vl[h] = self.vl[h].saturating_add(1);
            self.ls[h] |= 1 << l;
        } else {
            if self.rc1[h] == NONE || d16 > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d16;
            } else if self.rc2[h] == NONE || d16 > self.rc2[h] {
                self.rc2[h] = d16;
            }
            self.vr[h] = self.vr[h].saturating_add(1);
            self.rs[h] |= 1 << l;
        }
    }

    /// Take a transition (which must be valid).
    pub(crate) fn apply(&mut self, class: usize) {
        let b = self.b;
        match class {
            SHIFT => {
                self.stack.push(b as u16);
                self.b += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            c if c < 2 + N_DEPRELS => {
                let s0 = self.s0();
                self.stack.pop();
                self.add_arc(b, s0, c - 2);
            }
            c => {
                let s0 = self.s0();
                self.add_arc(s0, b, c - 2 - N_DEPRELS);
                self.stack.push(b as u16);
                self.b += 1;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Features (shared by parsing and training)
// ---------------------------------------------------------------------------------------

/// What the features read of one token: a hash of its word and its tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    w: u64,
    p: u64,
    /// Commas, colons and semicolons before the token in the sentence.
    c: u64,
    /// A hash of its last three bytes, lower-cased (for words seldom or never seen).
    s: u64,
    /// The word classes the lexicon gives it ("work": noun and verb), whatever its tag.
    x: u64,
    /// Its universal tag (which tells auxiliaries from verbs).
    u: u64,
}

const ROOT_TOK: Tok = Tok {
    w: 0x5EED_0000_0000_0001,
    p: 60,
    c: 0,
    s: 1,
    x: 1 << 40,
    u: 60,
};
const NONE_TOK: Tok = Tok {
    w: 0x5EED_0000_0000_0002,
    p: 61,
    c: 0,
    s: 2,
    x: 1 << 41,
    u: 61,
};
const NO_LABEL: u64 = 99;

// The tagger's word hash: FNV-1a over the bytes, finished by murmur3's finaliser.
use super::tagger::{FNV_OFFSET, FNV_PRIME, fmix};

/// The word hash of a token: FNV-1a of its bytes, ASCII lower-cased, digits read as 0,
/// curly quotes as straight ones.
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut push = |b: u8| h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    for c in word.chars() {
        match c {
            'A'..='Z' => push(c.to_ascii_lowercase() as u8),
            '0'..='9' => push(b'0'),
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' => push(b'\''),
            '\u{201C}'..='\u{201F}' => push(b'"'),
            _ => {
                let mut buf = [0u8; 4];
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    push(b);
                }
            }
        }
    }
    h
}

/// The tag's number (its place in `Xpos::ALL`, which follows the declaration).
pub(crate) const fn xpos_index(x: Xpos) -> u64 {
    x as u64
}

/// The feature tokens of a sentence: the root, then each word.
pub(crate) fn sentence_toks(words: &[&str], tags: &[Tagged], out: &mut Vec<Tok>) {
    out.clear();
    out.push(ROOT_TOK);
    let mut commas = 0;
    for (i, w) in words.iter().enumerate() {
        let tag = tags.get(i);
        let tail = w.len() - w.char_indices().rev().nth(2).map_or(0, |(k, _)| k);
        out.push(Tok {
            w: word_hash(w),
            p: tag.map_or(NONE_TOK.p, |t| xpos_index(t.xpos)),
            c: commas,
            s: word_hash(&w[w.len() - tail..]),
            x: u64::from(lexicon::classes_and_entry(w).0.0),
            u: tag.map_or(NONE_TOK.u, |t| t.upos as u64),
        });
        if tag.is_some_and(|t| matches!(t.xpos, Xpos::Comma | Xpos::Colon)) {
            commas += 1;
        }
    }
}

/// How many feature keys [`features`] writes.
pub(crate) const N_FEATURES: usize = 93;

#[inline]
fn k(t: u64, a: u64, b: u64, c: u64) -> u64 {
    fmix(fmix(fmix(t.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a) ^ b.wrapping_mul(FNV_PRIME)) ^ c)
}

/// How many of [`features`]' keys read only the stack's top token and the buffer's first
/// three tokens, by position ([`static_features`]): every state with the same top and the
/// same buffer has them.
pub(crate) const N_STATIC: usize = 45;

/// How many of [`features`]' keys read the arcs made so far or the second stack token
/// ([`dynamic_features`]).
pub(crate) const N_DYNAMIC: usize = N_FEATURES - N_STATIC;

/// The feature keys of a state (the templates of Zhang and Nivre 2011 for arc-eager, and a
/// few of the second stack token): its [`static_features`] and [`dynamic_features`],
/// interleaved in the order of the templates.
pub(crate) fn features(st: &State, toks: &[Tok], out: &mut [u64; N_FEATURES]) {
    let mut fixed = [0; N_STATIC];
    let mut rest = [0; N_DYNAMIC];
    static_features(stack_top(st), st.b, st.n, toks, &mut fixed);
    dynamic_features(st, toks, &mut rest);
    out[..23].copy_from_slice(&fixed[..23]);
    out[23..27].copy_from_slice(&rest[..4]);
    out[27..33].copy_from_slice(&fixed[23..29]);
    out[33..76].copy_from_slice(&rest[4..47]);
    out[76..92].copy_from_slice(&fixed[29..]);
    out[92] = rest[47];
}

/// The stack's top token ([`NONE`] when the stack is empty).
#[inline]
pub(crate) fn stack_top(st: &State) -> u16 {
    *st.stack.last().unwrap_or(&NONE)
}

#[inline]
fn tok_at(toks: &[Tok], i: u16) -> Tok {
    if i == NONE {
        NONE_TOK
    } else {
        toks[usize::from(i)]
    }
}

#[inline]
fn wp(t: Tok) -> u64 {
    t.w ^ t.p.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// The keys of the templates that read only the stack's top token `s0i` and the tokens
/// from `b` (the buffer's first) in a sentence of `n` words: templates 0 to 22, 27 to 32
/// and 76 to 91, in that order.
pub(crate) fn static_features(
    s0i: u16,
    b: usize,
    n: usize,
    toks: &[Tok],
    out: &mut [u64; N_STATIC],
) {
    let bi = |d: usize| -> u16 { if b + d <= n { (b + d) as u16 } else { NONE } };
    let n0i = bi(0);
    let (s0, n0, n1, n2) = (
        tok_at(toks, s0i),
        tok_at(toks, n0i),
        tok_at(toks, bi(1)),
        tok_at(toks, bi(2)),
    );
    let d = if s0i != NONE && n0i != NONE {
        u64::from(n0i - s0i).min(15)
    } else {
        16
    };
    // Commas between s0 and n0.
    let between = if s0i != NONE && n0i != NONE {
        let s0_sep = s0.p == xpos_index(Xpos::Comma) || s0.p == xpos_index(Xpos::Colon);
        n0.c.saturating_sub(s0.c + u64::from(s0_sep)).min(3)
    } else {
        9
    };
    *out = [
        k(0, 0, 0, 0),
        k(1, s0.w, s0.p, 0),
        k(2, s0.w, 0, 0),
        k(3, s0.p, 0, 0),
        k(4, n0.w, n0.p, 0),
        k(5, n0.w, 0, 0),
        k(6, n0.p, 0, 0),
        k(7, n1.w, n1.p, 0),
        k(8, n1.w, 0, 0),
        k(9, n1.p, 0, 0),
        k(10, n2.w, n2.p, 0),
        k(11, n2.w, 0, 0),
        k(12, n2.p, 0, 0),
        // Pairs.
        k(13, wp(s0), wp(n0), 0),
        k(14, wp(s0), n0.w, 0),
        k(15, s0.w, wp(n0), 0),
        k(16, wp(s0), n0.p, 0),
        k(17, s0.p, wp(n0), 0),
        k(18, s0.w, n0.w, 0),
        k(19, s0.p, n0.p, 0),
        k(20, n0.p, n1.p, 0),
        // Triples of tags.
        k(21, n0.p, n1.p, n2.p),
        k(22, s0.p, n0.p, n1.p),
        // Distance.
        k(27, s0.w, d, 0),
        k(28, s0.p, d, 0),
        k(29, n0.w, d, 0),
        k(30, n0.p, d, 0),
        k(31, s0.w, n0.w, d),
        k(32, s0.p, n0.p, d),
        // Commas between.
        k(76, s0.p, n0.p, between),
        k(77, s0.w, n0.p, between),
        k(78, s0.p, n0.w, between),
        // Suffixes.
        k(79, s0.s, s0.p, 0),
        k(80, n0.s, n0.p, 0),
        k(81, n1.s, n1.p, 0),
        k(82, s0.s, n0.s, 0),
        // Lexicon classes.
        k(83, s0.x, s0.p, 0),
        k(84, n0.x, n0.p, 0),
        k(85, n1.x, n1.p, 0),
        k(86, s0.x, n0.x, s0.p),
        k(87, n0.x, n0.p, n1.p),
        // Universal tags.
        k(88, s0.u, n0.u, 0),
        k(89, s0.u, n0.u, n1.u),
        k(90, s0.w, s0.u, n0.u),
        k(91, s0.u, n0.w, n0.u),
    ];
}

/// The keys of the templates that read the arcs made so far or the second stack token:
/// templates 23 to 26, 33 to 75 and 92, in that order.
pub(crate) fn dynamic_features(st: &State, toks: &[Tok], out: &mut [u64; N_DYNAMIC]) {
    let tok = |i: u16| tok_at(toks, i);
    let at = |v: &Vec<u16>, i: u16| if i == NONE { NONE } else { v[usize::from(i)] };
    let lab = |i: u16| -> u64 {
        if i == NONE || st.label[usize::from(i)] == u8::MAX {
            NO_LABEL
        } else {
            u64::from(st.label[usize::from(i)])
        }
    };
    let s0i = stack_top(st);
    let s1i = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let n0i = if st.b <= st.n { st.b as u16 } else { NONE };
    let s0hi = at(&st.head, s0i);
    let s0h2i = at(&st.head, s0hi);
    let (s0li, s0l2i) = (at(&st.lc1, s0i), at(&st.lc2, s0i));
    let (s0ri, s0r2i) = (at(&st.rc1, s0i), at(&st.rc2, s0i));
    let (n0li, n0l2i) = (at(&st.lc1, n0i), at(&st.lc2, n0i));
    let (s0, s1, n0) = (tok(s0i), tok(s1i), tok(n0i));
    let (s0h, s0h2) = (tok(s0hi), tok(s0h2i));
    let (s0l, s0l2, s0r, s0r2) = (tok(s0li), tok(s0l2i), tok(s0ri), tok(s0r2i));
    let (n0l, n0l2) = (tok(n0li), tok(n0l2i));
    let val = |v: &Vec<u8>, i: u16| {
        if i == NONE {
            99
        } else {
            u64::from(v[usize::from(i)])
        }
    };
    let set = |v: &Vec<u64>, i: u16| {
        if i == NONE {
            1 << 63
        } else {
            v[usize::from(i)]
        }
    };
    let (s0vl, s0vr, n0vl) = (val(&st.vl, s0i), val(&st.vr, s0i), val(&st.vl, n0i));
    let (s0sl, s0sr, n0sl) = (set(&st.ls, s0i), set(&st.rs, s0i), set(&st.ls, n0i));
    *out = [
        // Triples of tags.
        k(23, s0h.p, s0.p, n0.p),
        k(24, s0.p, s0l.p, n0.p),
        k(25, s0.p, s0r.p, n0.p),
        k(26, s0.p, n0.p, n0l.p),
        // Valency.
        k(33, s0.w, s0vr, 0),
        k(34, s0.p, s0vr, 0),
        k(35, s0.w, s0vl, 0),
        k(36, s0.p, s0vl, 0),
        k(37, n0.w, n0vl, 0),
        k(38, n0.p, n0vl, 0),
        // Heads and children.
        k(39, s0h.w, 0, 0),
        k(40, s0h.p, 0, 0),
        k(41, lab(s0i), 0, 0),
        k(42, s0l.w, 0, 0),
        k(43, s0l.p, 0, 0),
        k(44, lab(s0li), 0, 0),
        k(45, s0r.w, 0, 0),
        k(46, s0r.p, 0, 0),
        k(47, lab(s0ri), 0, 0),
        k(48, n0l.w, 0, 0),
        k(49, n0l.p, 0, 0),
        k(50, lab(n0li), 0, 0),
        k(51, s0h2.w, 0, 0),
        k(52, s0h2.p, 0, 0),
        k(53, lab(s0hi), 0, 0),
        k(54, s0l2.w, 0, 0),
        k(55, s0l2.p, 0, 0),
        k(56, lab(s0l2i), 0, 0),
        k(57, s0r2.w, 0, 0),
        k(58, s0r2.p, 0, 0),
        k(59, lab(s0r2i), 0, 0),
        k(60, n0l2.w, 0, 0),
        k(61, n0l2.p, 0, 0),
        k(62, lab(n0l2i), 0, 0),
        k(63, s0.p, s0l.p, s0l2.p),
        k(64, s0.p, s0r.p, s0r2.p),
        k(65, s0.p, s0h.p, s0h2.p),
        k(66, n0.p, n0l.p, n0l2.p),
        // Sets of relations.
        k(67, s0.w, s0sr, 0),
        k(68, s0.p, s0sr, 0),
        k(69, s0.w, s0sl, 0),
        k(70, s0.p, s0sl, 0),
        k(71, n0.w, n0sl, 0),
        k(72, n0.p, n0sl, 0),
        // The second stack token.
        k(73, s1.w, s1.p, 0),
        k(74, s1.p, s0.p, n0.p),
        k(75, s1.p, lab(s1i), s0.p),
        // Universal tags.
        k(92, s0h.u, s0.u, n0.u),
    ];
}

// ---------------------------------------------------------------------------------------
// Beam search
// ---------------------------------------------------------------------------------------

/// One hypothesis of the beam: a state, the sum of the scores of the transitions that led
/// to it, and those transitions.
#[derive(Default)]
pub(crate) struct Item {
    pub(crate) st: State,
    pub(crate) score: i64,
    pub(crate) classes: Vec<u8>,
    /// Gold arcs lost on the way (training only).
    pub(crate) cost: u32,
}

impl Item {
    pub(crate) fn reset(&mut self, n: usize) {
        self.st.reset(n);
        self.score = 0;
        self.classes.clear();
        self.cost = 0;
    }

    pub(crate) fn copy_from(&mut self, o: &Item) {
        self.st.copy_from(&o.st);
        self.score = o.score;
        self.classes.clone_from(&o.classes);
        self.cost = o.cost;
    }
}

/// The class of a candidate that keeps a finished hypothesis as it is.
pub(crate) const STAY: u8 = u8::MAX;

/// The hypotheses of a beam search, best first.
#[derive(Default)]
pub(crate) struct Beam {
    pub(crate) items: Vec<Item>,
    spare: Vec<Item>,
    /// (score, hypothesis, class) of the extensions considered at a step.
    cands: Vec<(i64, u32, u8)>,
    /// One hypothesis's best transitions at a step, best first: (score, class).
    top: Vec<(i32, u8)>,
    /// For each hypothesis after a step, the hypothesis it extends and the class taken
    /// ([`STAY`] for a finished one).
    pub(crate) origin: Vec<(usize, u8)>,
}

impl Beam {
    /// Start a sentence of `n` tokens: one hypothesis, the initial state.
    pub(crate) fn reset(&mut self, n: usize) {
        if self.items.is_empty() {
            self.items.push(Item::default());
        }
        self.items.truncate(1);
        self.items[0].reset(n);
    }

    pub(crate) fn done(&self) -> bool {
        self.items.iter().all(|it| it.st.terminal())
    }

    /// Extend every hypothesis by each valid transition and keep the `width` best (ties go
    /// to the earlier hypothesis, then the lower class, as in greedy parsing). `score`
    /// gives the scores of the transitions from the state of hypothesis `i`. Finished
    /// hypotheses stay as they are.
    pub(crate) fn step(
        &mut self,
        width: usize,
        labels: u64,
        score: &mut dyn FnMut(usize, &State, &mut Scores),
    ) {
        self.cands.clear();
        let width = width.max(1);
        let mut s: Scores = [0; N_CLASSES];
        for (i, it) in self.items.iter().enumerate() {
            if it.st.terminal() {
                self.cands.push((it.score, i as u32, STAY));
                continue;
            }
            s.fill(0);
            score(i, &it.st, &mut s);
            // Only a hypothesis's own `width` best extensions can be among the `width`
            // best of all (the others have `width` better ones from the same hypothesis),
            // so only those are considered. Equal scores keep the lower class first.
            let top = &mut self.top;
            top.clear();
            for c in classes_in(it.st.valid_classes(labels)) {
                let v = s[c];
                if top.len() < width || v > top[top.len() - 1].0 {
                    let at = top.partition_point(|&(w, _)| w >= v);
                    if top.len() == width {
                        top.pop();
                    }
                    top.insert(at, (v, c as u8));
                }
            }
            self.cands.extend(
                top.iter()
                    .map(|&(v, c)| (it.score + i64::from(v), i as u32, c)),
            );
        }
        let order = |a: &(i64, u32, u8), b: &(i64, u32, u8)| {
            b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        };
        if self.cands.len() > width {
            self.cands.select_nth_unstable_by(width - 1, order);
            self.cands.truncate(width);
        }
        self.cands.sort_unstable_by(order);
        if self.spare.len() < self.cands.len() {
            self.spare.resize_with(self.cands.len(), Item::default);
        }
        self.origin.clear();
        for (j, &(score, i, c)) in self.cands.iter().enumerate() {
            let (new, old) = (&mut self.spare[j], &self.items[i as usize]);
            new.copy_from(old);
            new.score = score;
            if c != STAY {
                new.st.apply(usize::from(c));
                new.classes.push(c);
            }
            self.origin.push((i as usize, c));
        }
        std::mem::swap(&mut self.items, &mut self.spare);
        // Keep the spare buffers: the hypotheses past the new count stay allocated.
        let keep = self.cands.len();
        if self.items.len() > keep {
            let extra: Vec<Item> = self.items.drain(keep..).collect();
            self.spare.extend(extra);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------

/// A parser with reusable buffers.
pub struct Parser {
    state: State,
    toks: Vec<Tok>,
    keys: [u64; N_FEATURES],
    /// The transitions taken in the piece being parsed.
    classes: Vec<u8>,
    /// The hypotheses, for a model that parses with a beam.
    beam: Beam,
    /// Rows of the model's table found so far (see [`Model::add_memo`]).
    memo: model::RowMemo,
    /// The keys of a state's [`dynamic_features`].
    dynamic: [u64; N_DYNAMIC],
    /// The scores of the [`static_features`] of the sentence's states, by stack top and
    /// buffer (their positions and their tokens).
    fixed: ScoreCache,
    /// The scores of whole states of the sentence, by a hash of everything their features
    /// read.
    whole: ScoreCache,
    /// The scores of the features of the stack top's side, and of the buffer front's left
    /// children, by a hash of their keys.
    top_side: ScoreCache,
    front_side: ScoreCache,
    /// Whether to remember the last few parses and replay their start ([`Trace`]), and
    /// keep the score caches from one parse of a sentence to the next: set only where the
    /// model is always the same one.
    remember: bool,
    /// A hash of each of the sentence's tokens (all that a feature can read of it), which
    /// keys the caches by content rather than by position.
    tok_hash: Vec<u64>,
    /// The words of the sentence the caches hold scores for.
    cached_words: Vec<u64>,
    traces: Vec<Trace>,
    /// The trace to replace next.
    next_trace: usize,
}

/// A parse the parser remembers: its feature tokens and the transitions it took.
///
/// The structure rules parse the same sentence again with the tags of a few words changed
/// (a noun read as a verb). Until the buffer's third token reaches the first token that
/// differs, every feature reads the same tokens as before, so the same transitions
/// follow: they are taken again without scoring them.
#[derive(Default)]
struct Trace {
    toks: Vec<Tok>,
    classes: Vec<u8>,
}

/// How many parses a parser remembers.
const TRACES: usize = 4;

static EMPTY_TRACE: Trace = Trace {
    toks: Vec::new(),
    classes: Vec::new(),
};

impl Default for Parser {
    fn default() -> Parser {
        Parser {
            state: State::default(),
            toks: Vec::new(),
            keys: [0; N_FEATURES],
            classes: Vec::new(),
            beam: Beam::default(),
            memo: model::RowMemo::default(),
            dynamic: [0; N_DYNAMIC],
            fixed: ScoreCache::default(),
            whole: ScoreCache::default(),
            top_side: ScoreCache::default(),
            front_side: ScoreCache::default(),
            remember: false,
            tok_hash: Vec::new(),
            cached_words: Vec::new(),
            traces: Vec::new(),
            next_trace: 0,
        }
    }
}

/// The places in [`dynamic_features`]' keys of those that read the stack top's side: its
/// head, children, valency and relations (templates 23 to 25, 33 to 36, 39 to 47, 51 to
/// 59, 63 to 65, 67 to 70 and 92).
const TOP_SIDE: [usize; 33] = [
    0, 1, 2, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 18, 22, 23, 24, 25, 26, 27, 28, 29, 30,
    34, 35, 36, 38, 39, 40, 41, 47,
];

/// The places of those that read the buffer front's left children (templates 26, 37, 38,
/// 48 to 50, 60 to 62, 66, 71 and 72).
const FRONT_SIDE: [usize; 12] = [3, 8, 9, 19, 20, 21, 31, 32, 33, 37, 42, 43];

/// The places of those that read the second stack token (templates 73 to 75).
const SECOND: [usize; 3] = [44, 45, 46];

/// A 64-bit hash of `keys` (themselves hashes), started from `seed`.
#[inline]
fn key_hash(seed: u64, keys: &[u64]) -> u64 {
    let mut h = seed;
    for &k in keys {
        h = (h.rotate_left(23) ^ k).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    h
}

/// Add the scores of `keys` to `out`, summed once and remembered in `cache` by a hash of
/// the keys.
#[inline]
fn add_remembered(
    cache: &mut ScoreCache,
    model: &Model,
    memo: &mut model::RowMemo,
    keys: &[u64],
    out: &mut Scores,
) {
    let part = cache.get_or_insert(key_hash(0x2545_F491_4F6C_DD1D, keys), |part| {
        model.add_memo(keys, part, memo);
    });
    for (o, p) in out.iter_mut().zip(part) {
        *o += p;
    }
}

/// Scores by a 64-bit key: a small direct-mapped table, emptied for each sentence (kept
/// while the same words are parsed again, see [`Parser::parse_beam`]).
struct ScoreCache {
    keys: Vec<u64>,
    scores: Vec<Scores>,
}

impl Default for ScoreCache {
    fn default() -> ScoreCache {
        ScoreCache {
            keys: vec![ScoreCache::EMPTY; ScoreCache::SLOTS],
            scores: vec![[0; N_CLASSES]; ScoreCache::SLOTS],
        }
    }
}

impl ScoreCache {
    const SLOTS: usize = 256;
    const EMPTY: u64 = u64::MAX;

    fn clear(&mut self) {
        self.keys.fill(ScoreCache::EMPTY);
    }

    /// The scores for `key` (well mixed: its top bits pick the slot), made by `make`
    /// (from zero) when the table does not hold them.
    #[inline]
    fn get_or_insert(&mut self, key: u64, make: impl FnOnce(&mut Scores)) -> &Scores {
        let key = key.min(ScoreCache::EMPTY - 1);
        let at = (key >> 56) as usize % ScoreCache::SLOTS;
        if self.keys[at] != key {
            self.keys[at] = key;
            let out = &mut self.scores[at];
            out.fill(0);
            make(out);
        }
        &self.scores[at]
    }
}

/// The classes in a set of [`State::valid_classes`], lowest first.
#[inline]
fn classes_in(mut set: u128) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let c = set.trailing_zeros() as usize;
            set &= set - 1;
            c
        })
    })
}

/// The best valid class for `scores` (the first of equals), as if each class were tried
/// with [`State::valid`]; `usize::MAX` when none is valid.
#[inline]
pub(crate) fn best_valid(st: &State, scores: &Scores, labels: u64) -> usize {
    let mut best = usize::MAX;
    for c in classes_in(st.valid_classes(labels)) {
        if best == usize::MAX || scores[c] > scores[best] {
            best = c;
        }
    }
    best
}

impl Parser {
    /// Parse one sentence with `model`, replacing the contents of `out` with one arc per
    /// word. `tags` should give one tag per word; missing tags are read as unknown.
    pub fn parse_into(
        &mut self,
        model: &Model,
        words: &[&str],
        tags: &[Tagged],
        out: &mut Vec<Arc>,
    ) {
        out.clear();
        let n = words.len();
        if n == 0 {
            return;
        }
        let mut first_root = 1u16;
        for start in (0..n).step_by(MAX_TOKENS) {
            let end = (start + MAX_TOKENS).min(n);
            let at = out.len();
            if end >= usize::from(u16::MAX) {
                // Positions past what an arc can name: hang from the first piece's root.
                out.extend((start..end).map(|_| Arc {
                    head: first_root,
                    deprel: Deprel::Dep,
                }));
                continue;
            }
            let piece_tags = &tags[start.min(tags.len())..end.min(tags.len())];
            self.parse_piece(model, &words[start..end], piece_tags, out);
            for (j, a) in out[at..].iter_mut().enumerate() {
                if a.head != 0 {
                    a.head += start as u16;
                } else if start == 0 {
                    first_root = (j + 1) as u16;
                } else {
                    a.head = first_root;
                    a.deprel = Deprel::Parataxis;
                }
            }
        }
    }

    fn parse_piece(&mut self, model: &Model, words: &[&str], tags: &[Tagged], out: &mut Vec<Arc>) {
        let n = words.len();
        sentence_toks(words, tags, &mut self.toks);
        if model.beam > 1 {
            self.parse_beam(model, n);
        } else {
            self.parse_greedy(model, n);
        }
        let st = &mut self.state;
        finish(st, tags);
        punctuation_is_no_root(st, tags);
        out.extend((1..=n).map(|i| {
            Arc {
                head: st.head[i],
                deprel: Deprel::ALL
                    .get(usize::from(st.label[i]))
                    .copied()
                    .unwrap_or(Deprel::Dep),
            }
        }));
    }

    /// Beam search: the best-scoring hypothesis's state ends in `self.state`.
    fn parse_beam(&mut self, model: &Model, n: usize) {
        let beam = &mut self.beam;
        beam.reset(n);
        let (toks, keys, memo) = (&self.toks, &mut self.dynamic, &mut self.memo);
        let (fixed, whole) = (&mut self.fixed, &mut self.whole);
        let (top_side, front_side) = (&mut self.top_side, &mut self.front_side);
        // Every cache is keyed by what its features read, so scores found in one parse fit
        // any other with the same model. They are kept while the same sentence is parsed
        // again with a few tags changed (the structure rules read a noun as a verb), whose
        // states mostly repeat those of the parse before; another sentence starts afresh.
        let same_words = self.remember
            && self.cached_words.len() == toks.len()
            && self.cached_words.iter().zip(toks).all(|(&w, t)| w == t.w);
        if !same_words {
            for cache in [&mut *fixed, &mut *whole, &mut *top_side, &mut *front_side] {
                cache.clear();
            }
            self.cached_words.clear();
            self.cached_words.extend(toks.iter().map(|t| t.w));
        }
        let tok_hash = &mut self.tok_hash;
        tok_hash.clear();
        tok_hash.extend(
            toks.iter()
                .map(|t| key_hash(0x6A09_E667_F3BC_C908, &[t.w, t.p, t.c, t.s, t.x, t.u])),
        );
        let hash_at = |i: usize| tok_hash.get(i).copied().unwrap_or(0x243F_6A88_85A3_08D3);
        // The hypotheses of a beam keep meeting the same configurations, and scores are
        // integer sums (the same in any order), so parts of them are summed once and
        // remembered: the features that read only the stack top and the buffer, by that
        // pair; the other features of the stack top's side and those of the buffer front's
        // left children, each by a 64-bit hash of their keys; and a whole state's scores
        // by a hash of all its keys (two hypotheses that differ only where no feature
        // looks, an arc made long before, score alike).
        while !beam.done() {
            beam.step(model.beam, model.labels, &mut |_, st, s| {
                let s0 = stack_top(st);
                dynamic_features(st, toks, keys);
                // The top and the buffer by position and by content (static features read
                // the top and the buffer's first three tokens).
                let at = (u64::from(s0) << 32 | (st.b as u64) << 16 | st.n as u64)
                    .wrapping_mul(0x9E37_79B9_7F4A_7C15);
                let top = if s0 == NONE {
                    u64::MAX
                } else {
                    hash_at(usize::from(s0))
                };
                let pair = key_hash(
                    at,
                    &[top, hash_at(st.b), hash_at(st.b + 1), hash_at(st.b + 2)],
                );
                *s = *whole.get_or_insert(key_hash(pair, &keys[..]), |out| {
                    *out = *fixed.get_or_insert(pair, |out| {
                        let mut k = [0; N_STATIC];
                        static_features(s0, st.b, st.n, toks, &mut k);
                        model.add_memo(&k, out, memo);
                    });
                    let part = |at: &[usize]| {
                        let mut k = [0; N_DYNAMIC];
                        for (k, &i) in k.iter_mut().zip(at) {
                            *k = keys[i];
                        }
                        k
                    };
                    let side = part(&TOP_SIDE);
                    add_remembered(top_side, model, memo, &side[..TOP_SIDE.len()], out);
                    let front = part(&FRONT_SIDE);
                    add_remembered(front_side, model, memo, &front[..FRONT_SIDE.len()], out);
                    let second = part(&SECOND);
                    model.add_memo(&second[..SECOND.len()], out, memo);
                });
            });
        }
        std::mem::swap(&mut self.state, &mut beam.items[0].st);
    }

    /// Greedy parsing: the state ends in `self.state`.
    fn parse_greedy(&mut self, model: &Model, n: usize) {
        let st = &mut self.state;
        st.reset(n);
        self.classes.clear();
        if self.remember {
            // The remembered parse that shares the longest start with this one.
            let (same, trace) = self
                .traces
                .iter()
                .map(|t| {
                    let same = t.toks.iter().zip(&self.toks).take_while(|(a, b)| a == b);
                    (same.count(), t)
                })
                .max_by_key(|&(same, _)| same)
                .unwrap_or((0, &EMPTY_TRACE));
            // The features of a state read no token past the buffer's third (see
            // `features`): while that token is one of the `same` first ones, the scores
            // and so the transition are the trace's.
            for &c in &trace.classes {
                if st.terminal() || st.b + 2 >= same {
                    break;
                }
                st.apply(usize::from(c));
                self.classes.push(c);
            }
        }
        let mut scores: Scores = [0; N_CLASSES];
        while !st.terminal() {
            features(st, &self.toks, &mut self.keys);
            scores.fill(0);
            model.add(&self.keys[..], &mut scores);
            let c = best_valid(st, &scores, model.labels);
            st.apply(c);
            if self.remember {
                self.classes.push(c as u8);
            }
        }
        if self.remember {
            if self.traces.len() < TRACES {
                self.traces.push(Trace::default());
            }
            let at = self.next_trace % self.traces.len();
            let t = &mut self.traces[at];
            self.next_trace = (self.next_trace + 1) % TRACES;
            t.toks.clone_from(&self.toks);
            std::mem::swap(&mut t.classes, &mut self.classes);
        }
    }
}

/// When the token hanging from the root is punctuation with other tokens hanging from it
/// (the parser kept the final stop waiting for a clause it did not find), make one of
/// those the root instead: the first verb, else the last word; the punctuation and the
/// other tokens hang from it.
fn punctuation_is_no_root(st: &mut State, tags: &[Tagged]) {
    let p = usize::from(st.root_child);
    let punct = |i: usize| {
        tags.get(i.wrapping_sub(1))
            .is_some_and(|t| t.upos == Upos::Punct)
    };
    if p == 0 || p > st.n || !punct(p) {
        return;
    }
    let children: Vec<usize> = (1..=st.n)
        .filter(|&i| usize::from(st.head[i]) == p)
        .collect();
    let verb = |i: &&usize| {
        tags.get(**i - 1)
            .is_some_and(|t| matches!(t.upos, Upos::Verb | Upos::Aux))
    };
    let Some(&r) = children
        .iter()
        .find(verb)
        .or_else(|| children.iter().rev().find(|&&i| !punct(i)))
    else {
        return;
    };
    for &c in &children {
        if c != r {
            st.head[c] = r as u16;
        }
    }
    st.head[r] = 0;
    st.label[r] = Deprel::Root.index() as u8;
    st.head[p] = r as u16;
    st.label[p] = Deprel::Punct.index() as u8;
    st.root_child = r as u16;
}

/// Give every token left without a head one: the root goes to the first verb (else the
/// first token) when no token hangs from the root yet, and the others hang from it.
pub(crate) fn finish(st: &mut State, tags: &[Tagged]) {
    let n = st.n;
    if st.root_child == NONE {
        let headless = |i: &usize| st.head[*i] == NONE;
        let verb = |i: &usize| {
            tags.get(*i - 1)
                .is_some_and(|t| matches!(t.upos, Upos::Verb | Upos::Aux))
        };
        let r = (1..=n)
            .filter(headless)
            .find(verb)
            .or_else(|| (1..=n).find(headless))
            .unwrap_or(1);
        st.head[r] = 0;
        st.label[r] = Deprel::Root.index() as u8;
        st.root_child = r as u16;
    }
    let root = st.root_child;
    for i in 1..=n {
        if st.head[i] == NONE {
            st.head[i] = root;
            let punct = tags.get(i - 1).is_some_and(|t| t.upos == Upos::Punct);
            st.label[i] = if punct { Deprel::Punct } else { Deprel::Dep }.index() as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::tagger;

    fn parsed(text: &str) -> (Vec<&str>, Vec<Tagged>, Parse) {
        let words: Vec<&str> = text.split(' ').collect();
        let tags = tagger::tag(&words);
        let p = Parse::new(&words, &tags);
        (words, tags, p)
    }

    fn word<'a>(words: &[&'a str], i: Option<usize>) -> Option<&'a str> {
        i.map(|i| words[i])
    }

    #[test]
    fn tag_numbers_follow_the_table() {
        for (i, x) in Xpos::ALL.into_iter().enumerate() {
            assert_eq!(xpos_index(x), i as u64);
        }
    }

    /// A parser that replays the start of the parses it remembers gives the parses of a
    /// fresh one, for sentences parsed again with the tag of one word changed (as the
    /// structure rules do) and for other sentences in between.
    #[test]
    fn replayed_starts_change_no_parse() {
        let model = embedded();
        let mut remembering = Parser {
            remember: true,
            ..Parser::default()
        };
        let (mut got, mut want) = (Vec::new(), Vec::new());
        let mut compared = 0;
        // The project's sound sentences, split into words and end punctuation.
        let corpus = include_str!("../../../tests/corpus/structure/silent.txt");
        let lines = corpus
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        for line in lines {
            let mut words: Vec<&str> = Vec::new();
            for w in line.split_whitespace() {
                match w.strip_suffix(['.', ',', '?', '!']) {
                    Some(stem) if !stem.is_empty() => words.extend([stem, &w[stem.len()..]]),
                    _ => words.push(w),
                }
            }
            let tags = tagger::tag(&words);
            let mut variants = vec![tags.clone()];
            for i in (0..words.len()).step_by(3) {
                variants.push(tagger::tag_constrained(&words, &|j, x| {
                    j != i || x == Xpos::Vbz
                }));
            }
            for v in &variants {
                remembering.parse_into(&model, &words, v, &mut got);
                Parser::default().parse_into(&model, &words, v, &mut want);
                assert_eq!(got, want, "{}", words.join(" "));
                compared += 1;
            }
        }
        assert!(compared > 1000, "too few parses compared: {compared}");
    }

    /// A beam of one hypothesis takes the transitions greedy parsing takes.
    #[test]
    fn a_beam_of_one_is_greedy() {
        let model = embedded();
        let words: Vec<&str> =
            "The council voted on Tuesday to close the library , which had been open since 1901 ."
                .split(' ')
                .collect();
        let tags = tagger::tag(&words);
        let mut toks = Vec::new();
        sentence_toks(&words, &tags, &mut toks);
        let mut keys = [0u64; N_FEATURES];
        let mut st = State::default();
        st.reset(words.len());
        let mut greedy = Vec::new();
        while !st.terminal() {
            features(&st, &toks, &mut keys);
            let mut scores: Scores = [0; N_CLASSES];
            model.add(&keys, &mut scores);
            let c = best_valid(&st, &scores, model.labels);
            st.apply(c);
            greedy.push(c as u8);
        }
        let mut beam = Beam::default();
        beam.reset(words.len());
        while !beam.done() {
            beam.step(1, model.labels, &mut |_, st, s| {
                features(st, &toks, &mut keys);
                model.add(&keys, s);
            });
        }
        assert_eq!(beam.items[0].classes, greedy);
    }

    /// The sentences of the structure test corpus (those that fire and those that stay
    /// silent), one a line.
    fn structure_lines() -> impl Iterator<Item = &'static str> {
        concat!(
            include_str!("../../../tests/corpus/structure/fire.txt"),
            include_str!("../../../tests/corpus/structure/silent.txt"),
        )
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    }

    /// The parser sums the scores of a state's features in parts it remembers (by stack top
    /// and buffer, and by whole state) and keeps only each hypothesis's best extensions:
    /// the transitions are those of a beam that sums every feature of every state afresh
    /// and considers every extension.
    #[test]
    fn remembered_scores_change_no_parse() {
        let model = embedded();
        assert!(model.beam > 1);
        let mut parser = Parser::default();
        let mut out = Vec::new();
        let mut keys = [0u64; N_FEATURES];
        let mut n = 0;
        for line in structure_lines().take(200) {
            let words: Vec<&str> = line.split_whitespace().collect();
            let tags = tagger::tag(&words);
            parser.parse_into(&model, &words, &tags, &mut out);
            let mut toks = Vec::new();
            sentence_toks(&words, &tags, &mut toks);
            // (score, state) of each hypothesis, best first.
            let mut first = State::default();
            first.reset(words.len());
            let mut items = vec![(0i64, first)];
            while !items.iter().all(|(_, st)| st.terminal()) {
                let mut cands = Vec::new();
                for (i, (score, st)) in items.iter().enumerate() {
                    if st.terminal() {
                        cands.push((*score, i, usize::MAX));
                        continue;
                    }
                    features(st, &toks, &mut keys);
                    let mut s: Scores = [0; N_CLASSES];
                    model.add_reference(&keys, &mut s);
                    for (c, &v) in s.iter().enumerate() {
                        if st.valid(c, model.labels) {
                            cands.push((score + i64::from(v), i, c));
                        }
                    }
                }
                cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
                cands.truncate(model.beam);
                items = cands
                    .into_iter()
                    .map(|(score, i, c)| {
                        let mut st = State::default();
                        st.copy_from(&items[i].1);
                        if c != usize::MAX {
                            st.apply(c);
                        }
                        (score, st)
                    })
                    .collect();
            }
            let mut st = std::mem::take(&mut items[0].1);
            finish(&mut st, &tags);
            punctuation_is_no_root(&mut st, &tags);
            let heads: Vec<u16> = st.head[1..].to_vec();
            let got: Vec<u16> = out.iter().map(|a| a.head).collect();
            assert_eq!(got, heads, "{line}");
            n += 1;
        }
        assert!(n >= 150);
    }

    /// A parser that keeps its score caches while one sentence is parsed again with some
    /// tags changed (as the structure rules read a noun as a verb) gives the parses of a
    /// parser that starts each parse afresh.
    #[test]
    fn scores_kept_between_parses_of_a_sentence_change_no_parse() {
        let model = embedded();
        let mut kept = Parser {
            remember: true,
            ..Parser::default()
        };
        let (mut got, mut want) = (Vec::new(), Vec::new());
        let mut reparsed = 0;
        for line in structure_lines().take(300) {
            let words: Vec<&str> = line.split_whitespace().collect();
            let tags = tagger::tag(&words);
            kept.parse_into(&model, &words, &tags, &mut got);
            Parser::default().parse_into(&model, &words, &tags, &mut want);
            assert_eq!(got, want, "{line}");
            for i in (0..words.len()).filter(|&i| matches!(tags[i].xpos, Xpos::Nn | Xpos::Nns)) {
                let verb = if tags[i].xpos == Xpos::Nn {
                    Xpos::Vb
                } else {
                    Xpos::Vbz
                };
                let retagged = tagger::tag_constrained(&words, &|j, x| j != i || x == verb);
                kept.parse_into(&model, &words, &retagged, &mut got);
                Parser::default().parse_into(&model, &words, &retagged, &mut want);
                assert_eq!(got, want, "{line} (word {i} as {verb:?})");
                reparsed += 1;
            }
        }
        assert!(reparsed >= 300, "{reparsed}");
    }

    /// Each key of a state's dynamic features is in one part the parser remembers.
    #[test]
    fn the_remembered_parts_cover_the_dynamic_keys_once() {
        let mut all: Vec<usize> = TOP_SIDE
            .iter()
            .chain(&FRONT_SIDE)
            .chain(&SECOND)
            .copied()
            .collect();
        all.sort_unstable();
        assert_eq!(all, (0..N_DYNAMIC).collect::<Vec<_>>());
    }

    #[test]
    fn the_embedded_model_is_readable() {
        assert!(Model::new(BYTES).is_some());
    }

    #[test]
    fn a_plural_subject_before_a_prepositional_phrase() {
        let (w, tags, p) = parsed("Farmers in the valley grow apples .");
        let root = p.root();
        assert_eq!(word(&w, root), Some("grow"));
        let root = root.unwrap_or(0);
        assert_eq!(word(&w, p.subject_of(root)), Some("Farmers"));
        assert_eq!(p.deprel(0), Some(Deprel::Nsubj));
        assert_eq!(p.deprel(5), Some(Deprel::Obj));
        assert!(p.is_finite(&tags, root));
        assert!(!p.is_imperative(&w, &tags, root));
    }

    #[test]
    fn an_imperative_after_a_fronted_clause_has_no_subject() {
        let (w, tags, p) = parsed("To learn more , visit the museum .");
        let root = p.root();
        assert_eq!(word(&w, root), Some("visit"));
        let root = root.unwrap_or(0);
        assert_eq!(p.subject_of(root), None);
        assert!(p.is_imperative(&w, &tags, root));
        assert_eq!(p.deprel(1), Some(Deprel::Advcl));

        let (w, tags, p) = parsed("If you notice anything , please call the office .");
        let root = p.root().unwrap_or(0);
        assert_eq!(w[root], "call");
        assert_eq!(p.subject_of(root), None);
        assert!(p.is_imperative(&w, &tags, root));
        // The subordinate clause has its own subject.
        assert_eq!(p.head(2), Some(root));
        assert_eq!(word(&w, p.subject_of(2)), Some("you"));
    }

    #[test]
    fn an_imperative_read_as_a_noun_after_a_fronted_phrase() {
        let (w, tags, p) = parsed("For more details , feel free to write to us .");
        let root = p.root();
        assert_eq!(word(&w, root), Some("feel"));
        let root = root.unwrap_or(0);
        assert_eq!(p.subject_of(root), None);
        assert!(p.is_imperative(&w, &tags, root));
        let (w, tags, p) = parsed("For more details , please write to us .");
        let root = p.root().unwrap_or(0);
        assert_eq!(w[root], "write");
        assert!(p.is_imperative(&w, &tags, root));
        // A noun with a noun's dependents is no imperative.
        let (w, tags, p) = parsed("The final report .");
        let root = p.root().unwrap_or(0);
        assert_eq!(w[root], "report");
        assert!(!p.is_imperative(&w, &tags, root));
    }

    #[test]
    fn a_main_verb_after_a_relative_clause() {
        let (w, tags, p) = parsed("The students who won the prize thanked their teacher .");
        let root = p.root().unwrap_or(0);
        assert_eq!(w[root], "thanked");
        assert_eq!(word(&w, p.subject_of(root)), Some("students"));
        assert_eq!(p.deprel(3), Some(Deprel::AclRelcl));
        assert_eq!(p.head(3), Some(1));
        assert!(p.is_finite(&tags, root));
    }

    #[test]
    fn a_copula_clause_is_finite_through_its_copula() {
        let (w, tags, p) = parsed("The museum is open on weekends .");
        let root = p.root().unwrap_or(0);
        assert_eq!(w[root], "open");
        assert_eq!(p.deprel(2), Some(Deprel::Cop));
        assert_eq!(word(&w, p.subject_of(root)), Some("museum"));
        assert!(p.is_finite(&tags, root));
    }

    #[test]
    fn a_passive_subject_and_auxiliary() {
        let (w, _, p) = parsed("The bridge was closed by the council .");
        assert_eq!(word(&w, p.root()), Some("closed"));
        assert_eq!(p.deprel(1), Some(Deprel::NsubjPass));
        assert_eq!(p.deprel(2), Some(Deprel::AuxPass));
    }

    #[test]
    fn a_bare_prepositional_phrase_has_no_verb_at_its_root() {
        let (w, tags, p) = parsed("Into the sea .");
        let root = p.root().unwrap_or(0);
        assert_eq!(w[root], "sea");
        assert!(!p.is_finite(&tags, root));
        assert_eq!(p.subject_of(root), None);
    }

    #[test]
    fn empty_and_one_token_sentences() {
        assert!(parse(&[], &[]).is_empty());
        let tags = tagger::tag(&["Hello"]);
        assert_eq!(
            parse(&["Hello"], &tags),
            [Arc {
                head: 0,
                deprel: Deprel::Root
            }]
        );
    }

    /// The set of valid classes is the classes `State::valid` allows, in every state a
    /// parse passes through, for the model's relations, all, none and the root's alone;
    /// and `best_valid` is the first of the best-scoring classes `State::valid` allows.
    #[test]
    fn the_valid_set_is_what_valid_allows() {
        let model = embedded();
        for line in include_str!("../../../tests/corpus/structure/fire.txt")
            .lines()
            .take(100)
        {
            let words: Vec<&str> = line.split_whitespace().collect();
            let tags = tagger::tag(&words);
            let mut st = State::default();
            st.reset(words.len());
            let mut toks = Vec::new();
            sentence_toks(&words, &tags, &mut toks);
            let mut keys = [0u64; N_FEATURES];
            while !st.terminal() {
                for labels in [model.labels, u64::MAX, 0, 1 << Deprel::Root.index()] {
                    let m = st.valid_classes(labels);
                    for c in 0..N_CLASSES {
                        assert_eq!(m >> c & 1 == 1, st.valid(c, labels), "{c} in {line}");
                    }
                    assert_eq!(m >> N_CLASSES, 0);
                }
                features(&st, &toks, &mut keys);
                let mut sc: Scores = [0; N_CLASSES];
                model.add(&keys, &mut sc);
                let mut first_best = usize::MAX;
                for c in (0..N_CLASSES).filter(|&c| st.valid(c, model.labels)) {
                    if first_best == usize::MAX || sc[c] > sc[first_best] {
                        first_best = c;
                    }
                }
                assert_eq!(best_valid(&st, &sc, model.labels), first_best, "{line}");
                st.apply(first_best);
            }
        }
    }
}
