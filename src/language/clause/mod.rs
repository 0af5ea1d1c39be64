//! Clause structure, as the structure rules (`sentence-fragment`, `orphaned-clause`,
//! `missing-subject`) need it: finite verb groups, which of them a subordinator or relative
//! word introduces, quotation spans, subjects, reporting verbs and the nouns that take a
//! "that" clause.
//!
//! Everything works on one sentence at a time through [`Sent`], which holds the sentence's
//! tokens, a compact Penn tag per token and a mask of the tokens inside quotation marks. The
//! buffers are reused from sentence to sentence, so a rule allocates once per document.
//!
//! The helpers lean towards "there is a main clause": when a sentence could be read two
//! ways, they pick the reading under which it is sound, because the rules built on them must
//! be trusted by an editor.

use std::cell::Cell;
use std::ops::Range;
use std::sync::OnceLock;

use crate::language::lexicon::{self, Classes};
use crate::language::tagger::{Tagged, Xpos};
use crate::text::tokens::{Token, TokenKind};

/// A Penn Treebank tag, reduced to what clause analysis needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    /// Coordinating conjunction.
    Cc,
    /// Cardinal number.
    Cd,
    /// Determiner (also predeterminer).
    Dt,
    /// Existential "there".
    Ex,
    /// Preposition or subordinating conjunction.
    In,
    /// Adjective (positive, comparative, superlative).
    Jj,
    /// Modal.
    Md,
    /// Common noun, singular.
    Nn,
    /// Common noun, plural.
    Nns,
    /// Proper noun.
    Nnp,
    /// Possessive ending.
    Possessive,
    /// Personal pronoun.
    Prp,
    /// Possessive pronoun.
    PrpS,
    /// Adverb.
    Rb,
    /// Particle.
    Rp,
    /// Infinitive or prepositional "to".
    To,
    /// Interjection.
    Uh,
    /// Verb, base form.
    Vb,
    /// Verb, past tense.
    Vbd,
    /// Verb, gerund or present participle.
    Vbg,
    /// Verb, past participle.
    Vbn,
    /// Verb, present, not third person singular.
    Vbp,
    /// Verb, third person singular present.
    Vbz,
    /// Wh-determiner ("which", relative "that").
    Wdt,
    /// Wh-pronoun ("who", "what", "whose").
    Wp,
    /// Wh-adverb ("where", "when", "how").
    Wrb,
    /// Punctuation.
    Punct,
    /// Anything else (symbols, foreign words, list markers).
    Other,
}

impl Pos {
    /// The compact tag of a tagger result.
    pub fn of(t: &Tagged) -> Pos {
        Pos::of_xpos(t.xpos)
    }

    /// The compact tag of a Penn tag.
    pub fn of_xpos(x: Xpos) -> Pos {
        match x {
            Xpos::Cc => Pos::Cc,
            Xpos::Cd => Pos::Cd,
            Xpos::Dt | Xpos::Pdt => Pos::Dt,
            Xpos::Ex => Pos::Ex,
            Xpos::In => Pos::In,
            Xpos::Jj | Xpos::Jjr | Xpos::Jjs => Pos::Jj,
            Xpos::Md => Pos::Md,
            Xpos::Nn => Pos::Nn,
            Xpos::Nns => Pos::Nns,
            Xpos::Nnp | Xpos::Nnps => Pos::Nnp,
            Xpos::Pos => Pos::Possessive,
            Xpos::Prp => Pos::Prp,
            Xpos::PrpS | Xpos::WpS => Pos::PrpS,
            Xpos::Rb | Xpos::Rbr | Xpos::Rbs => Pos::Rb,
            Xpos::Rp => Pos::Rp,
            Xpos::To => Pos::To,
            Xpos::Uh => Pos::Uh,
            Xpos::Vb => Pos::Vb,
            Xpos::Vbd => Pos::Vbd,
            Xpos::Vbg => Pos::Vbg,
            Xpos::Vbn => Pos::Vbn,
            Xpos::Vbp => Pos::Vbp,
            Xpos::Vbz => Pos::Vbz,
            Xpos::Wdt => Pos::Wdt,
            Xpos::Wp => Pos::Wp,
            Xpos::Wrb => Pos::Wrb,
            Xpos::OpenQuote
            | Xpos::CloseQuote
            | Xpos::Comma
            | Xpos::Period
            | Xpos::Colon
            | Xpos::Lrb
            | Xpos::Rrb
            | Xpos::Hyph
            | Xpos::Nfp => Pos::Punct,
            _ => Pos::Other,
        }
    }

    pub fn is_noun(self) -> bool {
        matches!(self, Pos::Nn | Pos::Nns | Pos::Nnp)
    }

    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Pos::Vb | Pos::Vbd | Pos::Vbg | Pos::Vbn | Pos::Vbp | Pos::Vbz | Pos::Md
        )
    }

    /// Tags that may stand inside a plain noun phrase.
    fn in_np(self) -> bool {
        matches!(
            self,
            Pos::Dt
                | Pos::Cd
                | Pos::Jj
                | Pos::Nn
                | Pos::Nns
                | Pos::Nnp
                | Pos::Possessive
                | Pos::PrpS
        )
    }
}

/// A finite verb group: a finite verb and the auxiliaries, adverbs and verbs that follow it
/// ("has not yet been disclosed").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Token indices within the sentence.
    pub range: Range<usize>,
    /// The main verb (the last verb of the group).
    pub head: usize,
    /// A subordinator, relative word or complementiser opens the clause of this group.
    pub introduced: bool,
}

/// What clause analysis finds in one sentence, owned so that a document can keep it
/// ([`Store`]) and every structure rule reads the same analysis. The costly parts (the
/// verb groups and the rules' questions) are found on first use.
#[derive(Debug, Default)]
pub struct Facts {
    pos: Vec<Pos>,
    quoted: Vec<bool>,
    /// [`key`] of each token.
    keys: Vec<Key>,
    /// The finite verb groups (many sentences are settled without them).
    groups: OnceLock<Vec<Group>>,
    subjectless: OnceLock<Option<Subjectless>>,
    orphan_that: OnceLock<Option<usize>>,
    reporting_host: OnceLock<Option<Host>>,
    relative_only: OnceLock<Option<Range<usize>>>,
}

impl Facts {
    /// Analyse `toks` (aligned with `tags`), with a quotation open before them or not.
    fn load(&mut self, text: &str, toks: &[Token], tags: &[Tagged], open_quote: bool) {
        self.pos.clear();
        self.pos.extend((0..toks.len()).map(|i| match toks[i].kind {
            TokenKind::Punct => Pos::Punct,
            TokenKind::Symbol => Pos::Other,
            _ => tags.get(i).map_or(Pos::Other, Pos::of),
        }));
        self.load_rest(text, toks, open_quote);
    }

    /// Everything but the tags.
    fn load_rest(&mut self, text: &str, toks: &[Token], open_quote: bool) {
        self.keys.clear();
        self.keys
            .extend(toks.iter().map(|t| key_fast(t.text(text))));
        self.mark_quotes(text, toks, open_quote);
        self.groups = OnceLock::new();
        self.subjectless = OnceLock::new();
        self.orphan_that = OnceLock::new();
        self.reporting_host = OnceLock::new();
        self.relative_only = OnceLock::new();
    }

    fn mark_quotes(&mut self, text: &str, toks: &[Token], open: bool) {
        self.quoted.clear();
        self.quoted.reserve(toks.len());
        let mut depth: u32 = u32::from(open);
        for &t in toks {
            if t.kind != TokenKind::Punct {
                self.quoted.push(depth > 0);
                continue;
            }
            match quote_role(text, t) {
                QuoteRole::Open => {
                    depth += 1;
                    self.quoted.push(true);
                }
                QuoteRole::Close => {
                    self.quoted.push(depth > 0);
                    depth = depth.saturating_sub(1);
                }
                QuoteRole::None => self.quoted.push(depth > 0),
            }
        }
    }
}

/// The clause analysis of a document's sentences, each made on first use and then shared
/// by the structure rules (indexed like `Analysis::sentences`).
#[derive(Debug, Default)]
pub struct Store {
    cells: Box<[OnceLock<Facts>]>,
    visits: OnceLock<Visits>,
}

/// The sentences the structure rules visit, found once per document for all of them.
#[derive(Debug, Default)]
pub struct Visits {
    /// The sentences of each visited paragraph, as ranges of sentence indices.
    pub blocks: Vec<Range<usize>>,
    /// Per sentence: a quotation opened by an earlier sentence of its paragraph is still
    /// open where it starts (false outside visited paragraphs).
    pub open: Vec<bool>,
}

impl Store {
    /// A store for `n` sentences, none analysed yet.
    pub fn new(n: usize) -> Store {
        Store {
            cells: (0..n).map(|_| OnceLock::new()).collect(),
            visits: OnceLock::new(),
        }
    }

    /// The sentences the structure rules visit, found by `find` on first use.
    pub fn visits(&self, find: impl FnOnce() -> Visits) -> &Visits {
        self.visits.get_or_init(find)
    }

    /// Sentence `index` (`toks`, with `classes` the lexicon's classes of each token),
    /// analysed on first use with the tags `tags` gives; `open_quote` as for [`Sent::load`]
    /// (the same for every call on one sentence).
    pub fn sent<'a>(
        &'a self,
        index: usize,
        text: &'a str,
        toks: &'a [Token],
        tags: impl FnOnce() -> &'a [Tagged],
        classes: &'a [Classes],
        open_quote: bool,
    ) -> Sent<'a> {
        let facts = self.cells[index].get_or_init(|| {
            let mut f = Facts::default();
            f.load(text, toks, tags(), open_quote);
            f
        });
        Sent {
            text,
            toks,
            facts: Held::Shared(facts),
            known: if classes.len() == toks.len() {
                classes
            } else {
                &[]
            },
            classes: Vec::new(),
            starts_quoted: open_quote,
        }
    }
}

/// A sentence's [`Facts`]: its own (loaded by [`Sent::load`]) or a document's.
#[derive(Debug)]
enum Held<'a> {
    Own(Box<Facts>),
    Shared(&'a Facts),
}

impl Default for Held<'_> {
    fn default() -> Self {
        Held::Own(Box::default())
    }
}

impl std::ops::Deref for Held<'_> {
    type Target = Facts;
    fn deref(&self) -> &Facts {
        match self {
            Held::Own(f) => f,
            Held::Shared(f) => f,
        }
    }
}

/// One sentence prepared for clause analysis.
#[derive(Default)]
pub struct Sent<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    facts: Held<'a>,
    /// The lexicon's classes of each token, when the caller has them (else empty).
    known: &'a [Classes],
    /// The lexicon's classes of each token, looked up on first use (`NOT_YET` until then).
    classes: Vec<Cell<u32>>,
    /// The sentence began inside a quotation opened by an earlier sentence.
    pub starts_quoted: bool,
}

/// A `classes` cell not yet looked up (class sets use 24 bits).
const NOT_YET: u32 = u32::MAX;

impl<'a> Sent<'a> {
    pub fn new() -> Sent<'a> {
        Sent::default()
    }

    /// The facts to load into: this sentence's own buffers.
    fn own(&mut self) -> &mut Facts {
        if let Held::Shared(_) = self.facts {
            self.facts = Held::Own(Box::default());
        }
        match &mut self.facts {
            Held::Own(f) => f,
            Held::Shared(_) => unreachable!("made own just above"),
        }
    }

    /// Load a sentence: `toks` and `tags` are aligned; `open_quote` tells whether a
    /// quotation opened earlier in the block is still open where the sentence starts.
    pub fn load(&mut self, text: &'a str, toks: &'a [Token], tags: &[Tagged], open_quote: bool) {
        self.text = text;
        self.toks = toks;
        self.starts_quoted = open_quote;
        self.own().load(text, toks, tags, open_quote);
        self.reset_derived();
    }

    /// [`Sent::load`], with the lexicon's classes of each token (as
    /// [`lexicon::classes_folded`] gives them for words) already looked up.
    pub fn load_with_classes(
        &mut self,
        text: &'a str,
        toks: &'a [Token],
        tags: &[Tagged],
        classes: &'a [Classes],
        open_quote: bool,
    ) {
        self.load(text, toks, tags, open_quote);
        if classes.len() == toks.len() {
            self.known = classes;
        }
    }

    /// Load a sentence with tags given directly (tests and tools).
    pub fn load_pos(&mut self, text: &'a str, toks: &'a [Token], pos: &[Pos], open_quote: bool) {
        self.text = text;
        self.toks = toks;
        self.starts_quoted = open_quote;
        let f = self.own();
        f.pos.clear();
        f.pos.extend_from_slice(pos);
        f.load_rest(text, toks, open_quote);
        self.reset_derived();
    }

    /// Forget the classes of the sentence loaded before.
    fn reset_derived(&mut self) {
        self.known = &[];
        self.classes.clear();
        self.classes.resize(self.toks.len(), Cell::new(NOT_YET));
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The text of token `i` ("" past the end).
    pub fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// Token `i` spelled `word`, ignoring ASCII case (curly apostrophes count as straight).
    pub fn is(&self, i: usize, word: &str) -> bool {
        eq_word(self.w(i), word)
    }

    /// [`key`] of token `i` (`key("")` past the end, as `w` gives "").
    #[inline]
    fn key(&self, i: usize) -> Key {
        self.facts.keys.get(i).copied().unwrap_or(EMPTY_KEY)
    }

    /// Token `i` is one of the words keyed in `words` ([`words!`], [`keys`]): the same as
    /// `any_word(self.w(i), list)` for the list they key.
    #[inline]
    pub fn is_any(&self, i: usize, words: &Words) -> bool {
        words.contains(self.key(i))
    }

    pub fn pos(&self, i: usize) -> Pos {
        self.facts.pos.get(i).copied().unwrap_or(Pos::Other)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Punct) && self.w(i) == p
    }

    /// The lexicon's classes for token `i` (all case spellings).
    pub fn classes(&self, i: usize) -> Classes {
        if !self.is_word(i) {
            return Classes::EMPTY;
        }
        if let Some(&c) = self.known.get(i) {
            return c;
        }
        let Some(cell) = self.classes.get(i) else {
            return lexicon::classes_folded(self.w(i));
        };
        if cell.get() == NOT_YET {
            cell.set(lexicon::classes_folded(self.w(i)).0);
        }
        Classes(cell.get())
    }

    pub fn quoted(&self, i: usize) -> bool {
        self.facts.quoted.get(i).copied().unwrap_or(false)
    }

    /// Any token of the sentence inside quotation marks.
    pub fn has_quote(&self) -> bool {
        self.facts.quoted.iter().any(|&q| q)
    }

    /// Number of word and number tokens.
    pub fn word_count(&self) -> usize {
        self.toks
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            .count()
    }

    /// The finite verb groups outside quotations, in order.
    pub fn groups(&self) -> &[Group] {
        self.facts.groups.get_or_init(|| self.find_groups())
    }

    /// Groups that no subordinator or relative word introduces: candidates for the main
    /// clause's verb.
    pub fn main_groups(&self) -> impl Iterator<Item = &Group> {
        self.groups().iter().filter(|g| !g.introduced)
    }

    /// Index of the terminal punctuation (".", "!", "?", "…"), skipping closing quotes and
    /// brackets at the very end.
    pub fn terminal(&self) -> Option<usize> {
        let mut i = self.len();
        while i > 0 {
            i -= 1;
            let w = self.w(i);
            if self.toks[i].kind == TokenKind::Punct
                && matches!(w, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
            {
                continue;
            }
            // An abbreviation keeps its dot: "in the U.S." ends the sentence.
            if self.toks[i].kind == TokenKind::Word && w.ends_with('.') && w.len() > 1 {
                return Some(i);
            }
            return (self.toks[i].kind == TokenKind::Punct).then_some(i);
        }
        None
    }

    /// The sentence ends with a full stop (possibly inside a closing quote or bracket).
    pub fn ends_with_stop(&self) -> bool {
        self.terminal().is_some_and(|i| {
            let w = self.w(i);
            w == "." || (self.toks[i].kind == TokenKind::Word && w.ends_with('.'))
        })
    }

    /// The sentence ends with its full stop directly (no quote or bracket after it).
    pub fn ends_with_bare_stop(&self) -> bool {
        self.terminal() == Some(self.len().saturating_sub(1)) && self.ends_with_stop()
    }

    /// Is token `i` a finite verb (the tagger's view, vetoed by the lexicon)?
    pub fn finite(&self, i: usize) -> bool {
        if self.quoted(i) || !self.is_word(i) {
            return false;
        }
        let w = self.w(i);
        if self.is_any(i, NEGATED_STEMS_K) && self.is(i + 1, "n't") {
            return true;
        }
        // Forms of be, have and do are finite whatever the tagger thinks.
        if self.is_any(i, FINITE_AUX_K) {
            // "have had", "had had": a participle.
            let mut b = i;
            while b > 0 && (self.pos(b - 1) == Pos::Rb || self.is_any(b - 1, words!["not", "n't"]))
            {
                b -= 1;
            }
            if eq_word(w, "had")
                && b > 0
                && self.is_any(b - 1, words!["have", "has", "had", "'ve", "'d"])
            {
                return false;
            }
            // A clitic "'s" or "'d" is a verb only when the tagger says so.
            if w.starts_with(['\'', '’'])
                && !matches!(self.pos(i), Pos::Vbz | Pos::Vbd | Pos::Vbp | Pos::Md)
            {
                return false;
            }
            return !matches!(self.pos(i), Pos::Nn | Pos::Nnp | Pos::Nns | Pos::Possessive);
        }
        match self.pos(i) {
            Pos::Vbd | Pos::Vbz | Pos::Vbp | Pos::Md => {}
            _ => return false,
        }
        let c = self.classes(i);
        // "Having lost", "has been": a participle after an auxiliary.
        if c.contains(Classes::VERB_PAST_PART) && i > 0 {
            let mut b = i - 1;
            while b > 0 && self.adverb(b) {
                b -= 1;
            }
            if self.is_any(
                b,
                words![
                    "have", "has", "had", "having", "be", "been", "being", "is", "are", "was",
                    "were", "'ve", "'s", "'re",
                ],
            ) {
                return false;
            }
        }
        // A known word the lexicon never lists as a verb is no verb ("Party" as a noun).
        let verb = c.is_empty() && !lexicon::is_word(w)
            || c.intersects(Classes::ANY_VERB | Classes::AUX | Classes::MODAL);
        verb && !self.noun_in_context(i, c)
    }

    /// The tagger read token `i` as a finite verb, but its neighbours say it is a noun or a
    /// name: a capitalised word inside the sentence that the lexicon knows only as a name
    /// (or not at all); a word right after an article, a possessive or a preposition ("the
    /// talks", "of plans"); a plural noun after a plural word ("two friends", "the first
    /// five matches"); a noun right before its own verb ("water levels could rise").
    fn noun_in_context(&self, i: usize, c: Classes) -> bool {
        if self.is_any(i, MODALS_K) || c.intersects(Classes::AUX) {
            return false;
        }
        let capital = self.w(i).chars().next().is_some_and(char::is_uppercase);
        if i > 0 && capital {
            let lower = lookup_lower(self.w(i)).map_or(Classes::EMPTY, |e| e.classes);
            if !lower.intersects(Classes::ANY_VERB) {
                return true;
            }
        }
        if i == 0 {
            return false;
        }
        let mut p = i - 1;
        while p > 0 && self.adverb(p) {
            p -= 1;
        }
        if self.pos(p) == Pos::Possessive
            || self.is_any(
                p,
                words!["the", "a", "an", "my", "your", "his", "its", "our", "their"],
            )
        {
            return true;
        }
        let pc = self.classes(p);
        if self.is_word(p)
            && pc.contains(Classes::PREP)
            && !pc.intersects(Classes::SUBORD | Classes::ADV | Classes::PARTICLE)
            && !self.is_any(p, words!["that", "than", "as"])
        {
            return true;
        }
        let nounlike = c.intersects(Classes::NOUN | Classes::NOUN_PLURAL);
        // After "who", "which" or "he": a verb.
        if self.is_any(p, words!["who", "which", "that", "he", "she", "it"])
            || matches!(self.pos(p), Pos::Wdt | Pos::Wp)
        {
            return false;
        }
        if nounlike && c.contains(Classes::VERB_3SG) {
            // Before it, past a compound's nouns: a number or a plural word ("two council
            // officers").
            let mut q = p;
            while q > 0
                && i - q < 4
                && matches!(self.pos(q), Pos::Nn | Pos::Nnp | Pos::Jj)
                && !self.finite(q)
            {
                q -= 1;
            }
            let plural_before = |k: usize| {
                self.pos(k) == Pos::Cd
                    || self.toks[k].kind == TokenKind::Number
                    || self.is_any(
                        k,
                        words![
                            "these", "those", "many", "several", "both", "few", "other", "various",
                            "some", "all",
                        ],
                    )
            };
            if plural_before(p) || plural_before(q) || self.pos(p) == Pos::Jj {
                return true;
            }
            // A finite verb follows in the same stretch: this is its subject ("support
            // beams under the old stand are rotting").
            let mut k = i + 1;
            while k < self.len() && k < i + 10 {
                if self.quoted(k)
                    || self.toks[k].kind == TokenKind::Punct
                    || self.introduces_word(k)
                {
                    break;
                }
                if self.is_any(k, FINITE_AUX_K) && !self.is_any(k, words!["'s", "'d"])
                    || self.is_any(k, MODALS_K)
                {
                    return true;
                }
                k += 1;
            }
        }
        if nounlike
            && i + 1 < self.len()
            && (self.is_any(i + 1, MODALS_K)
                || self.is_any(i + 1, FINITE_AUX_K) && !self.is_any(i + 1, words!["'s", "'d"]))
        {
            return true;
        }
        false
    }

    /// Could token `i` be a finite verb, whatever the tagger said? True for a tagged finite
    /// verb, and for a word the lexicon knows as a verb form standing where a finite verb
    /// can: a past form or a modal after a noun or pronoun, an -s form after a singular
    /// one, a plain form after a plural one or first in the sentence. The structure rules
    /// use it so that a verb the tagger missed ("The delegation flew/NN on") still counts.
    pub fn maybe_finite(&self, i: usize) -> bool {
        // The cheap tests first (exact): `finite` holds only for a word outside quotation
        // marks that is tagged finite or on the negated-stem or finite-auxiliary lists,
        // and the tests after it only for a word with a verbal class (`verbal` below).
        if self.quoted(i) || !self.is_word(i) {
            return false;
        }
        if !matches!(self.pos(i), Pos::Vbd | Pos::Vbz | Pos::Vbp | Pos::Md)
            && !self
                .classes(i)
                .intersects(Classes::VERB_PAST | Classes::VERB_3SG | Classes::VERB | Classes::MODAL)
            && !self.is_any(i, FINITE_AUX_K)
            && !self.is_any(i, NEGATED_STEMS_K)
        {
            return false;
        }
        if self.finite(i) {
            return true;
        }
        if self.quoted(i) || !self.is_word(i) {
            return false;
        }
        let c = self.classes(i);
        let verbal = Classes::VERB_PAST | Classes::VERB_3SG | Classes::VERB | Classes::MODAL;
        if !c.intersects(verbal) {
            return false;
        }
        // A function word the tagger and the lexicon agree on.
        let closed = Classes::PREP
            | Classes::DET
            | Classes::CONJ
            | Classes::SUBORD
            | Classes::PRON
            | Classes::WH
            | Classes::NUM
            | Classes::PARTICLE;
        if matches!(
            self.pos(i),
            Pos::In
                | Pos::Dt
                | Pos::To
                | Pos::Cc
                | Pos::Wdt
                | Pos::Wp
                | Pos::Wrb
                | Pos::Prp
                | Pos::PrpS
                | Pos::Cd
                | Pos::Ex
                | Pos::Possessive
        ) && c.intersects(closed)
        {
            return false;
        }
        if self.noun_in_context(i, c) {
            return false;
        }
        let noun_tagged =
            self.pos(i).is_noun() && c.intersects(Classes::ANY_NOUN | Classes::PROPER);
        // A noun followed by its verb: "water levels could rise".
        if noun_tagged && i + 1 < self.len() && self.finite(i + 1) {
            return false;
        }
        // The word before, past adverbs.
        let mut k = i;
        while k > 0 && self.adverb(k - 1) {
            k -= 1;
        }
        if k == 0 {
            // First in the sentence: an imperative, unless the tagger read a participle
            // ("Run by volunteers ...") or an adverb ("Even though ...").
            let participle = self.pos(i) == Pos::Vbn && c.contains(Classes::VERB_PAST_PART);
            let adverb = matches!(self.pos(i), Pos::Rb | Pos::Jj)
                && c.intersects(Classes::ADV | Classes::ADJ);
            return c.contains(Classes::VERB)
                && !participle
                && !adverb
                && !self.w(i).chars().all(|ch| ch.is_uppercase());
        }
        let p = k - 1;
        if !self.is_word(p) {
            // After a comma or semicolon: a verb after a parenthetical ("A commercial event,
            // for instance, involved ..."), or an imperative after an opening clause.
            // A past form after a single comma is more likely a participle ("The swing
            // bridge, last repaired in 1987."); after a parenthetical it is the verb.
            let commas = (0..p)
                .filter(|&q| self.is_punct(q, ",") && !self.quoted(q))
                .count();
            let past_only = c.intersects(Classes::VERB_PAST)
                && !c.intersects(Classes::VERB | Classes::VERB_3SG);
            let modifier = matches!(self.pos(i), Pos::Rb | Pos::Jj)
                && c.intersects(Classes::ADV | Classes::ADJ)
                && !c.intersects(Classes::VERB_PAST | Classes::VERB_3SG);
            return (self.is_punct(p, ",") || self.is_punct(p, ";"))
                && !modifier
                && c.intersects(Classes::VERB_PAST | Classes::VERB_3SG | Classes::VERB)
                && (!past_only || commas > 0 || !participle_capable(self.w(i), c))
                && (!noun_tagged
                    || c.contains(Classes::VERB_PAST)
                    || self.object_like(i + 1)
                    || commas > 0
                        && i + 1 < self.len()
                        && self.toks[i + 1].kind != TokenKind::Punct);
        }
        let pc = self.classes(p);
        let relative =
            matches!(self.pos(p), Pos::Wdt | Pos::Wp) || self.is_any(p, words!["who", "which"]);
        let pronoun = self.personal_pronoun(p)
            || self.pos(p) == Pos::Prp
            || pc.contains(Classes::PRON) && !pc.intersects(Classes::DET)
            // "All agreed", "Some argue", "at all surprised": a pronoun before a past form.
            || pc.contains(Classes::PRON) && c.contains(Classes::VERB_PAST);
        let gerund_noun = self.pos(p) == Pos::Vbg
            && p > 0
            && matches!(
                self.pos(p - 1),
                Pos::Dt | Pos::PrpS | Pos::Jj | Pos::Possessive
            );
        let capital = self.w(p).chars().next().is_some_and(char::is_uppercase);
        let nounish = gerund_noun
            || self.pos(p).is_noun()
            || self.lexical_noun(p)
            || pc.is_empty() && capital;
        if !(nounish || pronoun || relative) {
            return false;
        }
        let name = capital && p > 0;
        let plural = self.pos(p) == Pos::Nns
            || pc.contains(Classes::NOUN_PLURAL) && !pc.contains(Classes::NOUN)
            || self.is_any(p, words!["i", "you", "we", "they", "these", "those"])
            || name && self.w(p).ends_with('s');
        let singular = !plural && !self.is_any(p, words!["i", "you", "we", "they"]) || name;
        // "even", "still", "clear": an adverb or adjective the tagger saw as one, unless a
        // past or -s form follows its subject ("India left/RB 10,000 people dead").
        if matches!(self.pos(i), Pos::Rb | Pos::Jj)
            && c.intersects(Classes::ADV | Classes::ADJ)
            && !c.intersects(Classes::VERB_PAST | Classes::VERB_3SG)
        {
            return false;
        }
        // A word that is also a noun, which the tagger read as a noun: a past form ("the
        // delegation flew/NN"), an -s form after a singular subject ("Whitlock covers"), or
        // a plain form with what looks like its object ("hopes to appoint").
        if noun_tagged {
            let n = i + 1;
            let takes = (self.is(n, "to") && self.classes(n + 1).contains(Classes::VERB))
                || self.is_any(n, SUBJECT_DETERMINERS_K) && !self.is_any(n, words!["more", "most"])
                || self.is_any(n, OBJECT_PRONOUNS_K)
                || self.pos(n) == Pos::PrpS
                || self.pos(n) == Pos::Cd
                || self
                    .toks
                    .get(n)
                    .is_some_and(|t| t.kind == TokenKind::Number);
            // "technologies result from", "Thais respond more": a plain form after a
            // plural subject, with an adverb or a phrase after it.
            let plain_after_plural = c.contains(Classes::VERB)
                && plural
                && n < self.len()
                && (matches!(
                    self.pos(n),
                    Pos::Rb | Pos::In | Pos::To | Pos::Dt | Pos::PrpS
                ) || self.classes(n).intersects(Classes::ADV | Classes::PREP))
                && !self.classes(n).intersects(Classes::ANY_NOUN);
            let ok = plain_after_plural
                || c.contains(Classes::VERB_PAST)
                || c.contains(Classes::VERB_3SG)
                    && singular
                    && !gerund_noun
                    && !matches!(self.pos(p), Pos::Jj)
                    && i + 1 < self.len()
                    && self.toks[i + 1].kind != TokenKind::Punct
                    && self.pos(i + 1) != Pos::Cc
                || takes;
            if !ok {
                return false;
            }
        }
        (c.intersects(Classes::VERB_PAST | Classes::MODAL) && !self.is_any(i, words!["will", "can", "may", "must"]))
            || (c.intersects(Classes::MODAL) && (pronoun || self.pos(p) == Pos::Nns))
            || (c.contains(Classes::VERB_3SG) && (singular || relative))
            || (c.contains(Classes::VERB) && (plural || relative))
            || (c.contains(Classes::VERB) && nounish && self.object_like(i + 1) && !self.object_like_noun(i + 1))
            // A verb that is no noun ("contribute", "allow") after a noun, whatever the
            // agreement.
            || (c.contains(Classes::VERB) && nounish && !c.intersects(Classes::ANY_NOUN | Classes::ADJ | Classes::PROPER))
    }

    /// Token `p` is a noun by the lexicon, and neither a function word nor a word the
    /// tagger took for a verb that the lexicon knows as one.
    fn lexical_noun(&self, p: usize) -> bool {
        let pc = self.classes(p);
        let verb_here = self.pos(p).is_verb() && pc.intersects(Classes::ANY_VERB);
        pc.intersects(Classes::ANY_NOUN | Classes::PROPER)
            && !pc.intersects(Classes::DET | Classes::PREP | Classes::CONJ)
            && !matches!(self.pos(p), Pos::Dt | Pos::In)
            && !verb_here
    }

    /// A word that opens a clause, judged by the word alone (no tags): "that", "which",
    /// "who", "because", "while" ...
    fn introduces_word(&self, k: usize) -> bool {
        self.is_any(
            k,
            words!["that", "which", "who", "whom", "whose", "where", "when"],
        ) || self.is_any(k, SUBORDINATORS_K)
    }

    /// Is token `k` an adverb (by the lexicon, and not a name)?
    fn adverb(&self, k: usize) -> bool {
        if self.quoted(k) || !self.is_word(k) {
            return false;
        }
        if self.is_any(
            k,
            words![
                "not",
                "n't",
                "never",
                "also",
                "still",
                "already",
                "just",
                "only",
                "then",
                "now",
                "really",
                "actually",
                "later",
                "first",
                "once",
                "often",
                "always",
                "recently",
                "previously",
                "reportedly",
                "allegedly",
                "last",
                "newly",
                "originally",
                "initially",
                "partly",
                "largely",
                "mostly",
                "fully",
            ],
        ) {
            return true;
        }
        let c = self.classes(k);
        self.pos(k) == Pos::Rb
            && c.contains(Classes::ADV)
            && !c.intersects(Classes::ANY_NOUN | Classes::PROPER | Classes::ANY_VERB)
    }

    /// A noun right after (a noun-noun compound rather than a verb and its object).
    fn object_like_noun(&self, i: usize) -> bool {
        (matches!(self.pos(i), Pos::Nn | Pos::Nns)
            || self
                .classes(i)
                .intersects(Classes::NOUN | Classes::NOUN_PLURAL)
                && !self.finite(i))
            && !self.is_any(i, SUBJECT_DETERMINERS_K)
    }

    /// The finite verb groups. (The helpers used here never read the groups.)
    fn find_groups(&self) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        let mut i = 0;
        let mut prev_end = 0;
        while i < self.len() {
            if !self.maybe_finite(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut head = i;
            i += 1;
            while i < self.len() && !self.quoted(i) && !self.finite(i) {
                match self.pos(i) {
                    Pos::Vb | Pos::Vbd | Pos::Vbg | Pos::Vbn | Pos::Vbp | Pos::Vbz | Pos::Md => {
                        head = i;
                    }
                    Pos::Rb => {}
                    _ if self.is_any(i, words!["been", "being", "be"]) => head = i,
                    // "is to blame", "has to go"
                    Pos::To if i + 1 < self.len() && self.pos(i + 1) == Pos::Vb => {}
                    _ => break,
                }
                i += 1;
            }
            let mut introduced = self.introducer_before(start, prev_end).is_some();
            // The clause reported by a verb inside a subordinate clause ("Because officials
            // feared [that] the plant would close.") is subordinate too.
            if !introduced
                && let Some(g) = groups.last()
                && g.introduced
                && g.head + 1 < start
                && self.subject_start(g.head + 1)
                && self.verb_is(g.head, REPORTING_VERBS_K)
                && (g.head + 1..start).all(|k| {
                    self.toks[k].kind != TokenKind::Punct
                        && !self.introduces(k)
                        && !self.pos(k).is_verb()
                })
            {
                introduced = true;
            }
            groups.push(Group {
                range: start..head + 1,
                head,
                introduced,
            });
            prev_end = head + 1;
            i = head + 1;
        }
        groups
    }

    /// The subordinator, relative word or complementiser that opens the clause whose finite
    /// verb starts at `v`, looking back no further than `floor`. Between the word and the
    /// verb there may be only a subject (a pronoun or a noun phrase) and adverbs, so that a
    /// fronted phrase ("After the vote the council resigned") does not count. After a word
    /// that is also a preposition ("after", "since", "as") the subject must be short and
    /// plain.
    pub fn introducer_before(&self, v: usize, floor: usize) -> Option<usize> {
        let mut k = v;
        while k > floor && self.pos(k - 1) == Pos::Rb && !self.introduces(k - 1) {
            k -= 1;
        }
        if k <= floor {
            return None;
        }
        // A relative subject: "the plan that failed", "officials who were".
        if self.introduces(k - 1) {
            let r = k - 1;
            return (self.relative_word(r) || self.is(r, "that")).then_some(r);
        }
        // A pronoun subject: "because they left".
        if matches!(self.pos(k - 1), Pos::Prp | Pos::Ex) {
            let j = k - 1;
            return (j > floor && self.introduces(j - 1)).then(|| j - 1);
        }
        // A noun phrase subject, possibly with prepositional phrases inside.
        let end = k;
        let last = end - 1;
        let noun_end = matches!(self.pos(last), Pos::Nn | Pos::Nns | Pos::Nnp | Pos::Cd)
            || !self.finite(last)
                && self.classes(last).intersects(Classes::ANY_NOUN)
                && !self
                    .classes(last)
                    .intersects(Classes::PREP | Classes::DET | Classes::CONJ);
        if !noun_end {
            return None;
        }
        let mut j = k;
        let mut has_prep = false;
        while j > floor {
            let at = j - 1;
            if self.introduces(at) {
                break;
            }
            let p = self.pos(at);
            let inner_prep = p == Pos::In && at + 1 < end && self.pos(at + 1) != Pos::In;
            let ac = self.classes(at);
            let lexical_np = !self.finite(at)
                && !p.is_verb()
                && ac.intersects(Classes::ANY_NOUN | Classes::ADJ | Classes::DET | Classes::NUM)
                && !ac.intersects(Classes::PREP | Classes::CONJ | Classes::SUBORD | Classes::WH);
            let lexical_np = lexical_np || p == Pos::Vbz && !self.finite(at);
            let ok = p.in_np()
                || lexical_np
                || inner_prep
                || (p == Pos::Cc && self.is_any(at, words!["and", "or", "&"]))
                || self.w(at) == "-";
            if !ok {
                return None;
            }
            has_prep |= inner_prep;
            // A noun or number followed by a determiner starts a second noun phrase.
            if j < end
                && (p.is_noun() || p == Pos::Cd)
                && matches!(self.pos(j), Pos::Dt | Pos::PrpS | Pos::Prp)
            {
                return None;
            }
            j -= 1;
            if end - j > 12 {
                return None;
            }
        }
        if j <= floor || j == end {
            return None;
        }
        let intro = j - 1;
        if !self.introduces(intro) {
            return None;
        }
        if self.is_any(intro, AMBIGUOUS_SUBORDINATORS_K) {
            // After a preposition-like word: a short plain subject only ("since records",
            // "as the storm"), no noun-noun run that may hide a second phrase.
            let plain = !has_prep
                && end - j <= 4
                && (j..end - 1).all(|m| {
                    !(self.pos(m) == Pos::Nns || self.pos(m) == Pos::Nnp)
                        || self.pos(m + 1) == Pos::Nnp
                });
            if !plain {
                return None;
            }
        }
        Some(intro)
    }

    /// Does token `k` open a subordinate or relative clause?
    pub fn introduces(&self, k: usize) -> bool {
        if self.quoted(k) || !self.is_word(k) {
            return false;
        }
        // "such as", "as well as", "so as": prepositions.
        if self.is(k, "as") && k > 0 && self.is_any(k - 1, words!["such", "well", "so", "same"]) {
            return false;
        }
        if self.is(k, "that") {
            return self.that_opens_clause(k);
        }
        match self.pos(k) {
            Pos::Wdt | Pos::Wp | Pos::Wrb => !self.is(k, "how") || k > 0,
            Pos::PrpS => self.is(k, "whose"),
            Pos::In => {
                self.is(k, "that")
                    || self.is_any(k, SUBORDINATORS_K)
                    || self.is_any(k, AMBIGUOUS_SUBORDINATORS_K)
            }
            _ => false,
        }
    }

    /// Does the "that" at `k` open a clause (complementiser or relative word) rather than
    /// stand as a determiner or pronoun? Decided from what follows, since taggers often
    /// miss it: a subject pronoun, a determiner, a name or a number, a finite verb (a
    /// relative subject, not first in the sentence), or a noun phrase with a plural head
    /// ("that arms talks are") make it a clause; a singular noun makes it a determiner.
    pub fn that_opens_clause(&self, k: usize) -> bool {
        let n = k + 1;
        if n >= self.len()
            || self.quoted(n)
            || !self.is_word(n) && self.toks[n].kind != TokenKind::Number
        {
            return false;
        }
        if self.toks[n].kind == TokenKind::Number {
            return true;
        }
        if (self.personal_pronoun(n) && !self.is_any(n, words!["this", "that", "one"]))
            || self.is_any(n, SUBJECT_DETERMINERS_K)
                && !self.is_any(n, words!["more", "most", "all", "both"])
            || self.pos(n) == Pos::PrpS
        {
            return true;
        }
        if self.finite(n) {
            // A relative subject after its noun ("the plan that failed"); elsewhere a
            // pronoun ("When I wrote it, that was hard.", "So that was fun.").
            return k > 0
                && (self.pos(k - 1).is_noun()
                    || self.classes(k - 1).intersects(Classes::ANY_NOUN)
                        && !self
                            .classes(k - 1)
                            .intersects(Classes::ADV | Classes::CONJ | Classes::PREP));
        }
        let capital = self.w(n).chars().next().is_some_and(char::is_uppercase);
        if capital && !self.is_any(n, CALENDAR_K) && self.pos(n) != Pos::Jj {
            return true;
        }
        // The head of the noun phrase after it.
        let mut h = n;
        while h + 1 < self.len()
            && h < n + 5
            && matches!(self.pos(h + 1), Pos::Nn | Pos::Nns | Pos::Nnp | Pos::Jj)
            && !self.finite(h + 1)
        {
            h += 1;
        }
        let hc = self.classes(h);
        let plural = self.pos(h) == Pos::Nns
            || hc.contains(Classes::NOUN_PLURAL) && !hc.contains(Classes::NOUN);
        plural && h + 1 < self.len() && (self.maybe_finite(h + 1) || self.pos(h + 1) == Pos::Md)
    }

    /// "who", "which", "whom", "whose", "where", "when" and the like.
    pub fn relative_word(&self, k: usize) -> bool {
        matches!(self.pos(k), Pos::Wdt | Pos::Wp | Pos::Wrb) || self.is(k, "whose")
    }

    /// Could token `i` start a subject noun phrase? (A pronoun, determiner, proper noun,
    /// number, plural noun or adjective.)
    pub fn subject_start(&self, i: usize) -> bool {
        if self.quoted(i) {
            return false;
        }
        match self.pos(i) {
            Pos::Prp => self.is_any(i, SUBJECT_PRONOUNS_K),
            Pos::Dt | Pos::PrpS | Pos::Cd | Pos::Nnp | Pos::Nns | Pos::Jj | Pos::Nn | Pos::Ex => {
                true
            }
            _ => false,
        }
    }

    /// Is the lower-cased token `i` one of the personal subject pronouns?
    pub fn personal_pronoun(&self, i: usize) -> bool {
        self.is_any(i, SUBJECT_PRONOUNS_K)
    }

    /// The first depth-0 comma at or after `from` (outside quotes).
    pub fn comma_from(&self, from: usize) -> Option<usize> {
        (from..self.len()).find(|&i| !self.quoted(i) && self.is_punct(i, ","))
    }

    /// Is there, at or after `from`, a comma followed by a clause of its own: a subject and
    /// a finite verb that nothing introduces ("..., the firm now employs")?
    pub fn comma_clause_after(&self, from: usize) -> bool {
        let mut at = from;
        while let Some(c) = self.comma_from(at) {
            if self.subject_start(c + 1)
                && self.groups().iter().any(|g| {
                    g.range.start > c + 1 && !g.introduced && self.plain_span(c + 1, g.range.start)
                })
            {
                return true;
            }
            at = c + 1;
        }
        false
    }

    /// Tokens `a..b` hold no punctuation but hyphens and possessive marks.
    fn plain_span(&self, a: usize, b: usize) -> bool {
        (a..b)
            .all(|k| self.toks[k].kind != TokenKind::Punct || matches!(self.w(k), "-" | "'" | "’"))
    }

    /// The base form (lemma) of the verb at `i`, when the lexicon knows one.
    pub fn verb_base(&self, i: usize) -> Option<&'static str> {
        let w = self.w(i);
        let bases = lexicon::verb_bases(w);
        bases.first().copied()
    }

    /// Is the verb at `i` a form of one of `bases`?
    pub fn verb_is(&self, i: usize, bases: &Words) -> bool {
        if self.is_any(i, bases) {
            return true;
        }
        lexicon::verb_bases(self.w(i))
            .iter()
            .any(|b| bases.contains(key_fast(b)))
    }

    /// Byte range of tokens `a..b` (b exclusive, non-empty).
    pub fn span(&self, a: usize, b: usize) -> Range<usize> {
        self.toks[a].start..self.toks[b.max(a + 1) - 1].end
    }
}

/// `lexicon::lookup(&w.to_lowercase())`, without the copy on the heap for a short ASCII
/// word (whose `to_lowercase` is `to_ascii_lowercase`).
fn lookup_lower(w: &str) -> Option<lexicon::Entry> {
    let mut buf = [0u8; 32];
    if w.len() > buf.len() || !w.is_ascii() {
        return lexicon::lookup(&w.to_lowercase());
    }
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    lexicon::lookup(std::str::from_utf8(lower).expect("ASCII"))
}

/// A word folded for comparison with the word lists: ASCII lower case, a curly apostrophe
/// read as a straight one, packed with its length into 128 bits. For a list word `x` (ASCII,
/// at most 15 bytes) `key(w) == key(x)` exactly when `eq_word(w, x)`: a word with any other
/// non-ASCII character, or longer than 15 bytes once folded, equals no list word and gets
/// `NO_KEY`. The structure rules test each token against many lists; comparing keys spares
/// them the case-folding string compares.
pub type Key = u128;

/// The key of every word that equals no list word.
pub const NO_KEY: Key = u128::MAX;

/// `key("")`.
const EMPTY_KEY: Key = 0;

/// The [`Key`] of `w`.
pub const fn key(w: &str) -> Key {
    let b = w.as_bytes();
    let mut k: Key = 0;
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let c = if b[i] == 0xE2 && i + 2 < b.len() && b[i + 1] == 0x80 && b[i + 2] == 0x99 {
            i += 3;
            b'\''
        } else if b[i] >= 0x80 {
            return NO_KEY;
        } else {
            i += 1;
            b[i - 1].to_ascii_lowercase()
        };
        if n == 15 {
            return NO_KEY;
        }
        k |= (c as Key) << (8 * n);
        n += 1;
    }
    k | (n as Key) << 120
}

/// [`key`], eight bytes at a time for a short ASCII word (most tokens).
#[inline]
pub fn key_fast(w: &str) -> Key {
    let b = w.as_bytes();
    if b.len() > 15 || !b.is_ascii() {
        return key(w);
    }
    let x = load_le(b);
    // Every byte is below 0x80, so these sums carry into no other byte: the top bit of a
    // byte is set in `ge_a` when it is at least b'A', in `gt_z` when it is above b'Z'.
    let ge_a = x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f_3f3f_3f3f_3f3f_3f3f) & HIGH_BITS;
    let gt_z = x.wrapping_add(0x2525_2525_2525_2525_2525_2525_2525_2525) & HIGH_BITS;
    // Upper-case letters get their 0x20 bit, as `to_ascii_lowercase` gives it.
    let lower = x | ((ge_a & !gt_z) >> 2);
    lower | (b.len() as Key) << 120
}

/// The bytes of `b` (at most 16) as a little-endian number, with overlapping reads instead
/// of a copy (a byte read twice lands in the same place both times).
#[inline]
fn load_le(b: &[u8]) -> u128 {
    let n = b.len();
    if n >= 8 {
        let lo = u64::from_le_bytes(b[..8].try_into().expect("8 bytes"));
        let hi = u64::from_le_bytes(b[n - 8..].try_into().expect("8 bytes"));
        u128::from(lo) | u128::from(hi) << (8 * (n - 8))
    } else if n >= 4 {
        let lo = u32::from_le_bytes(b[..4].try_into().expect("4 bytes"));
        let hi = u32::from_le_bytes(b[n - 4..].try_into().expect("4 bytes"));
        u128::from(lo) | u128::from(hi) << (8 * (n - 4))
    } else if n > 0 {
        u128::from(b[0])
            | u128::from(b[n / 2]) << (8 * (n / 2))
            | u128::from(b[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

/// The top bit of every byte.
const HIGH_BITS: Key = 0x8080_8080_8080_8080_8080_8080_8080_8080;

/// The keys of a word list, checked when compiled: every word ASCII and 15 bytes at most,
/// so that [`key`] decides [`eq_word`] for it.
pub const fn keys_of<const N: usize>(words: &[&str]) -> [Key; N] {
    assert!(words.len() == N, "wrong list length");
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        assert!(words[i].is_ascii(), "list words are ASCII");
        out[i] = key(words[i]);
        assert!(out[i] != NO_KEY, "list words have at most 15 bytes");
        i += 1;
    }
    out
}

/// The keys of a word list, with the lengths of its words for a quick first test.
#[derive(Debug)]
pub struct Words {
    keys: &'static [Key],
    /// Bit n: some word has n bytes.
    lens: u32,
    /// Bit b: some word starts with the byte b (folded; all are ASCII).
    firsts: u128,
    /// Bit [`key_hash`]: some word's key hashes there (a one-hash Bloom filter, so that
    /// most words that pass the tests above are still turned away before the scan).
    hashes: u128,
}

/// A 7-bit hash of a key, for [`Words::hashes`].
#[inline]
const fn key_hash(k: Key) -> u32 {
    let folded = (k as u64) ^ ((k >> 64) as u64);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57) as u32
}

impl Words {
    pub const fn new(keys: &'static [Key]) -> Words {
        let mut lens = 0;
        let mut firsts = 0;
        let mut hashes = 0;
        let mut i = 0;
        while i < keys.len() {
            lens |= 1 << (keys[i] >> 120);
            firsts |= 1 << (keys[i] & 0x7f);
            hashes |= 1 << key_hash(keys[i]);
            i += 1;
        }
        Words {
            keys,
            lens,
            firsts,
            hashes,
        }
    }

    /// Is `k` the key of one of the words?
    #[inline]
    pub fn contains(&self, k: Key) -> bool {
        // The length byte of a key is at most 15, of `NO_KEY` 255.
        // Every byte of any other key is below 0x80 too, its first byte the folded first
        // letter (zero for "", which no list holds).
        let len = (k >> 120) as u32;
        len < 16
            && self.lens >> len & 1 == 1
            && self.firsts >> (k & 0x7f) & 1 == 1
            && self.hashes >> key_hash(k) & 1 == 1
            && self.keys.contains(&k)
    }
}

/// [`keys_of`] for a literal list.
pub const fn keys<const N: usize>(words: [&str; N]) -> [Key; N] {
    keys_of(&words)
}

/// The keys of a literal word list, for [`Sent::is_any`]: `words!["not", "n't"]`.
macro_rules! words {
    ($($w:literal),+ $(,)?) => {{
        const K: &[$crate::language::clause::Key] = &$crate::language::clause::keys([$($w),+]);
        const W: &$crate::language::clause::Words = &$crate::language::clause::Words::new(K);
        W
    }};
}
pub(crate) use words;

/// ASCII-case-insensitive word comparison in which a curly apostrophe equals a straight one.
#[inline]
pub fn eq_word(a: &str, b: &str) -> bool {
    if a.len() == b.len() {
        return a.eq_ignore_ascii_case(b);
    }
    // Different lengths can only be equal through curly apostrophes (three bytes for one
    // each, so the lengths differ by an even number), whose UTF-8 starts with 0xE2.
    if (a.len() ^ b.len()) & 1 == 1 || !(has_e2(a) || has_e2(b)) {
        return false;
    }
    let mut x = a.chars().map(|c| if c == '’' { '\'' } else { c });
    let mut y = b.chars().map(|c| if c == '’' { '\'' } else { c });
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.eq_ignore_ascii_case(&q) => {}
            _ => return false,
        }
    }
}

/// Forms of be and have that [`Sent::subjectless`] reads as a clause's first verb.
const BE_HAVE_FIRST: &[&str] = &["is", "are", "was", "were", "am", "has", "have", "had"];

/// The length of the longest word of `lists`.
const fn max_len(lists: &[&[&str]]) -> usize {
    let mut max = 0;
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            if lists[l][i].len() > max {
                max = lists[l][i].len();
            }
            i += 1;
        }
        l += 1;
    }
    max
}

/// The longest of the verbs [`may_be_subjectless`] looks for by name.
const VERBISH_MAX_LEN: usize = max_len(&[BE_HAVE_FIRST, &["does", "did"], MODALS]);

/// A test on the words alone that [`Sent::subjectless`] can find something in the sentence
/// (`toks`, with `classes` the lexicon's classes of each token): a clause can only start
/// first, after a connective or after a comma, and `subjectless` needs a verb there that is
/// a form of be, have or do, a modal, or a word the lexicon knows as a past or -s form.
/// When this is false, `subjectless` is None; the structure rules use it to skip the clause
/// analysis of most sentences.
pub fn may_be_subjectless(text: &str, toks: &[Token], classes: &[Classes]) -> bool {
    // The verb first: most words are none, and that test is the cheaper.
    (0..toks.len()).any(|k| {
        let verb = toks[k].kind == TokenKind::Word && {
            let w = toks[k].text(text);
            let c = classes
                .get(k)
                .copied()
                .unwrap_or_else(|| lexicon::classes_folded(w));
            c.intersects(Classes::VERB_3SG | Classes::VERB_PAST)
                // The lexicon classes every word of the lists below as an auxiliary, a
                // modal, a past or an -s form (`verbish_words_have_verb_classes`), and a
                // word spelled like one in another case has its classes too; so a word
                // with none of those classes is on no list, and needs no key.
                || c.intersects(Classes::AUX | Classes::MODAL)
                // No word of these lists is longer (a curly apostrophe only adds bytes).
                && w.len() <= VERBISH_MAX_LEN
                    && {
                        let k = key_fast(w);
                        BE_HAVE_FIRST_K.contains(k)
                            || words!["does", "did"].contains(k)
                            || MODALS_K.contains(k)
                    }
        };
        verb && (k == 0 || {
            let p = toks[k - 1];
            let pw = p.text(text);
            (p.kind == TokenKind::Punct && pw == ",")
                || (p.kind == TokenKind::Word && CONNECTIVES_K.contains(key_fast(pw)))
        })
    })
}

/// `words.iter().any(|x| eq_word(w, x))`, with the test on `w` made once.
#[inline]
pub fn any_word(w: &str, words: &[&str]) -> bool {
    let w_e2 = has_e2(w);
    words.iter().any(|x| {
        if x.len() == w.len() {
            x.eq_ignore_ascii_case(w)
        } else if (x.len() ^ w.len()) & 1 == 1 || !(w_e2 || has_e2(x)) {
            false
        } else {
            eq_word(w, x)
        }
    })
}

/// Does `s` hold a byte 0xE2 (the lead byte of "’")? A plain loop: the words are short.
#[inline]
fn has_e2(s: &str) -> bool {
    s.bytes().any(|b| b == 0xE2)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteRole {
    Open,
    Close,
    None,
}

/// Whether a punctuation token opens or closes a quotation. Straight quotes decide by the
/// spacing around them.
fn quote_role(text: &str, t: Token) -> QuoteRole {
    match t.text(text) {
        "“" | "‘" | "«" => QuoteRole::Open,
        "”" | "»" => QuoteRole::Close,
        "’" => QuoteRole::Close,
        "\"" | "'" => {
            let before = text[..t.start].chars().next_back();
            let after = text[t.end..].chars().next();
            let space_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c));
            let space_after = after.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}".contains(c));
            if space_before && !space_after {
                QuoteRole::Open
            } else {
                QuoteRole::Close
            }
        }
        _ => QuoteRole::None,
    }
}

/// [`Sent::has_quote`] of `toks` loaded with `open_quote`, without the analysis: nothing
/// is marked quoted before the first opening mark unless a quotation is open at the start,
/// and then the first token is.
pub fn has_quote_in(text: &str, toks: &[Token], open_quote: bool) -> bool {
    !toks.is_empty()
        && (open_quote
            || toks
                .iter()
                .any(|t| t.kind == TokenKind::Punct && quote_role(text, *t) == QuoteRole::Open))
}

/// [`Sent::quoted`] of the first of `toks` loaded with `open_quote`, without the
/// analysis: a quotation open at the start, or an opening mark first.
pub fn first_quoted_in(text: &str, toks: &[Token], open_quote: bool) -> bool {
    toks.first().is_some_and(|&t| {
        open_quote || t.kind == TokenKind::Punct && quote_role(text, t) == QuoteRole::Open
    })
}

/// Is a quotation open at the end of `toks` (for the sentences that follow in a block)?
pub fn quote_open_after(text: &str, toks: &[Token], open_before: bool) -> bool {
    let mut depth: u32 = u32::from(open_before);
    for t in toks.iter().filter(|t| t.kind == TokenKind::Punct) {
        match quote_role(text, *t) {
            QuoteRole::Open => depth += 1,
            QuoteRole::Close => depth = depth.saturating_sub(1),
            QuoteRole::None => {}
        }
    }
    depth > 0
}

/// Forms of be, have and do that are always finite.
/// Clitic modal stems before "n't": "wo" (won't), "ca" (can't), "sha" (shan't), "ai".
const NEGATED_STEMS: &[&str] = &["wo", "ca", "sha", "ai"];

const FINITE_AUX: &[&str] = &[
    "is", "are", "was", "were", "am", "has", "have", "had", "does", "did", "'s", "'re", "'m",
    "'ve", "'d",
];

/// Words that open an adverbial clause and are never prepositions.
pub const SUBORDINATORS: &[&str] = &[
    "because", "although", "though", "while", "whilst", "whereas", "unless", "whether", "if",
    "lest", "whenever", "wherever", "once",
];

/// Words that open a clause or a prepositional phrase.
pub const AMBIGUOUS_SUBORDINATORS: &[&str] =
    &["after", "before", "since", "until", "till", "as", "than"];

const SUBJECT_PRONOUNS: &[&str] = &[
    "i",
    "you",
    "he",
    "she",
    "it",
    "we",
    "they",
    "there",
    "this",
    "these",
    "those",
    "someone",
    "somebody",
    "nobody",
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "something",
    "nothing",
    "everything",
    "one",
];

/// Verbs that report speech, thought or findings, and so take a "that" clause.
pub const REPORTING_VERBS: &[&str] = &[
    "acknowledge",
    "add",
    "admit",
    "advise",
    "affirm",
    "agree",
    "allege",
    "announce",
    "argue",
    "assert",
    "assume",
    "assure",
    "believe",
    "boast",
    "calculate",
    "caution",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "decide",
    "declare",
    "deny",
    "determine",
    "disclose",
    "discover",
    "doubt",
    "emphasise",
    "emphasize",
    "establish",
    "estimate",
    "expect",
    "explain",
    "fear",
    "feel",
    "find",
    "forecast",
    "guarantee",
    "hear",
    "hint",
    "hope",
    "imply",
    "indicate",
    "inform",
    "insist",
    "know",
    "learn",
    "maintain",
    "mention",
    "note",
    "notice",
    "notify",
    "observe",
    "pledge",
    "point",
    "predict",
    "promise",
    "propose",
    "prove",
    "realise",
    "realize",
    "recall",
    "reckon",
    "recognise",
    "recognize",
    "recommend",
    "reiterate",
    "remark",
    "remind",
    "reply",
    "report",
    "respond",
    "reveal",
    "rule",
    "say",
    "show",
    "signal",
    "speculate",
    "state",
    "stress",
    "suggest",
    "suspect",
    "swear",
    "tell",
    "testify",
    "think",
    "understand",
    "vow",
    "warn",
    "worry",
    "write",
];

/// Reporting verbs whose hearer may stand between them and the clause ("told reporters").
pub const TELL_VERBS: &[&str] = &[
    "tell", "inform", "assure", "remind", "warn", "notify", "advise", "convince", "persuade",
    "show", "promise", "teach",
];

/// Nouns that take a "that" clause ("no evidence that ...").
pub const THAT_NOUNS: &[&str] = &[
    "acknowledgement",
    "acknowledgment",
    "admission",
    "allegation",
    "allegations",
    "announcement",
    "assertion",
    "assurance",
    "assurances",
    "belief",
    "claim",
    "claims",
    "complaint",
    "complaints",
    "concern",
    "concerns",
    "confirmation",
    "denial",
    "evidence",
    "expectation",
    "expectations",
    "fear",
    "fears",
    "finding",
    "findings",
    "guarantee",
    "hint",
    "hints",
    "hope",
    "hopes",
    "idea",
    "impression",
    "indication",
    "indications",
    "insistence",
    "news",
    "notion",
    "pledge",
    "possibility",
    "prediction",
    "predictions",
    "promise",
    "proof",
    "reminder",
    "report",
    "reports",
    "rumor",
    "rumors",
    "rumour",
    "rumours",
    "sign",
    "signs",
    "speculation",
    "statement",
    "suggestion",
    "suggestions",
    "suspicion",
    "suspicions",
    "warning",
    "warnings",
    "word",
];

/// Connectives that may stand before a clause, with or without a comma.
pub const CONNECTIVES: &[&str] = &[
    "however",
    "meanwhile",
    "also",
    "later",
    "then",
    "nevertheless",
    "nonetheless",
    "afterwards",
    "afterward",
    "still",
    "instead",
    "separately",
    "additionally",
    "moreover",
    "furthermore",
    "subsequently",
    "previously",
    "earlier",
    "thus",
    "hence",
    "therefore",
    "indeed",
    "likewise",
    "similarly",
    "finally",
    "eventually",
    "recently",
    "initially",
    "yet",
    "but",
    "and",
    "further",
    "again",
    "today",
    "yesterday",
    "now",
];

/// Nouns of time that end an adverbial opener ("Last year,", "That night,").
pub const TIME_NOUNS: &[&str] = &[
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "day",
    "days",
    "night",
    "nights",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "season",
    "time",
    "times",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "quarter",
    "decade",
    "century",
    "hour",
    "hours",
    "minute",
    "minutes",
    "moment",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
    "overnight",
    "later",
    "earlier",
    "ago",
];

/// Names of days, months and feasts: after "That" they make it a determiner.
const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
    "easter",
    "thanksgiving",
    "halloween",
    "new",
];

/// Determiners and quantifiers that open a subject ("That the ...", "That some ...").
const SUBJECT_DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "some", "no", "all", "both", "every", "each", "many", "several", "any", "most", "few", "more",
    "two", "three",
];

const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them", "us", "me", "it", "you"];

/// Past participles that can open a participle phrase with a noun phrase after them
/// ("Given the choice, ...", "Named the best restaurant in town, ...").
const OPENER_TAKES_OBJECT: &[&str] = &[
    "give",
    "grant",
    "award",
    "offer",
    "hand",
    "show",
    "tell",
    "ask",
    "name",
    "elect",
    "appoint",
    "call",
    "dub",
    "consider",
    "deem",
    "vote",
    "crown",
    "rank",
    "sentence",
    "deny",
    "refuse",
    "pay",
    "send",
    "teach",
    "promise",
    "allow",
    "charge",
    "accuse",
    "nickname",
    "label",
    "bill",
    "hail",
    "make",
    "leave",
    "issue",
    "assign",
    "serve",
    "fine",
    "order",
    "forbid",
    "spare",
    "declare",
    "pronounce",
    "proclaim",
    "title",
    "style",
    "term",
    "present",
    "lend",
    "loan",
    "bequeath",
    "feed",
    "cost",
    "inform",
    "assure",
    "remind",
    "warn",
    "advise",
    "cast",
    "list",
    "hire",
    "rate",
    "judge",
    "find",
    "keep",
];

/// Past participles that take a "to" infinitive in the passive ("Said to be worth ...").
const PASSIVE_TO: &[&str] = &[
    "say",
    "expect",
    "believe",
    "think",
    "know",
    "report",
    "allege",
    "understand",
    "consider",
    "schedule",
    "set",
    "suppose",
    "require",
    "ask",
    "tell",
    "force",
    "allow",
    "urge",
    "invite",
    "encourage",
    "order",
    "design",
    "intend",
    "mean",
    "plan",
    "rumour",
    "rumor",
    "estimate",
    "see",
    "hear",
    "make",
    "elect",
    "appoint",
    "choose",
    "select",
    "pick",
    "tip",
    "slate",
    "oblige",
    "compel",
    "permit",
    "authorize",
    "authorise",
    "instruct",
    "advise",
    "persuade",
    "pressure",
    "task",
    "hire",
    "contract",
    "use",
    "train",
    "build",
    "bear",
    "determine",
    "prepare",
    "inspire",
    "entitle",
    "empower",
    "destine",
    "bind",
];

/// Intransitive verbs that allow a subject after them ("Then came the rain.").
const INVERSION_VERBS: &[&str] = &[
    "come", "go", "follow", "stand", "sit", "lie", "hang", "rise", "emerge", "arrive", "remain",
    "commence", "ensue", "start", "end", "begin", "appear", "loom", "exist", "live", "ride", "run",
    "walk", "fly", "stretch", "flow", "sound", "ring", "burst",
];

/// Verbs that introduce a quotation with the speaker after them ("Said one official: ...").
const QUOTE_VERBS: &[&str] = &[
    "say", "add", "write", "note", "ask", "explain", "recall", "continue", "conclude", "quip",
    "reply", "respond", "insist", "warn", "argue", "joke", "observe", "remark", "comment",
    "declare", "admit", "shout", "sing", "read", "tweet", "post", "muse", "counter",
];

/// The modal verbs.
const MODALS: &[&str] = &[
    "will", "would", "can", "could", "should", "may", "might", "must", "shall",
];

/// Where a clause without a subject starts and where its verb group ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subjectless {
    /// First token of the clause (after connectives and comma-closed openers).
    pub clause: usize,
    /// The verb group that lacks a subject, as token indices.
    pub verb: Range<usize>,
}

impl Sent<'_> {
    /// Skip connectives ("However,", "Also") and comma-closed adverbial openers ("On
    /// Monday,", "According to the report,", "Speaking after the session,"): the index of
    /// the first token of the clause proper.
    pub fn clause_start(&self) -> usize {
        let mut c = 0;
        for _ in 0..6 {
            if c >= self.len() {
                break;
            }
            if self.is_word(c) && self.is_any(c, CONNECTIVES_K) && self.pos(c) != Pos::Nnp {
                c += 1;
                if self.is_punct(c, ",") {
                    c += 1;
                }
                continue;
            }
            if let Some(comma) = self.comma_from(c)
                && comma > c
                && comma - c <= 14
                && self.opener_segment(c, comma)
            {
                c = comma + 1;
                continue;
            }
            break;
        }
        c
    }

    /// Tokens `a..b` form an adverbial opener: a prepositional, participial or time phrase
    /// with no finite verb (not a subject such as "Mr. Tully, 61,").
    fn opener_segment(&self, a: usize, b: usize) -> bool {
        if (a..b).any(|k| self.quoted(k) || self.maybe_finite(k) || self.is_punct(k, "(")) {
            return false;
        }
        let lexical_ing = self.classes(a).contains(Classes::VERB_ING) && self.w(a).ends_with("ing");
        let first_ok = lexical_ing
            || match self.pos(a) {
                Pos::In => !self.is(a, "that"),
                // "Later,", "Shortly after midnight,", "Earlier this week," but not "More than
                // 2,000 people,".
                Pos::Rb => {
                    let quantity = self.is_any(
                        a,
                        words![
                            "more",
                            "less",
                            "fewer",
                            "about",
                            "around",
                            "nearly",
                            "almost",
                            "over",
                            "under",
                            "some",
                            "roughly",
                            "approximately",
                            "up",
                            "only",
                            "just",
                            "at",
                            "well",
                        ],
                    );
                    !quantity
                        && (b == a + 1
                            || self.pos(a + 1) == Pos::In
                            || self.time_phrase(a + 1, b)
                            || self.adverb(a + 1))
                }
                Pos::Vbg | Pos::Vbn | Pos::To | Pos::Wrb => true,
                Pos::Jj | Pos::Dt | Pos::Nn | Pos::Nnp | Pos::Cd => self.time_phrase(a, b),
                _ => false,
            };
        first_ok && (a..b).all(|k| self.toks[k].kind != TokenKind::Punct || self.w(k) == "-")
    }

    /// Tokens `a..b` are a bare time phrase: "Last year", "That night", "Two days later",
    /// "Monday".
    fn time_phrase(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| self.is_any(k, TIME_NOUNS_K) || self.is_any(k, CALENDAR_K))
            && (a..b).all(|k| {
                self.is_any(k, TIME_NOUNS_K)
                    || self.is_any(k, CALENDAR_K)
                    || self.toks[k].kind == TokenKind::Number
                    || self.pos(k) == Pos::Cd
                    || self.is_any(
                        k,
                        words![
                            "last",
                            "next",
                            "this",
                            "that",
                            "each",
                            "every",
                            "same",
                            "early",
                            "late",
                            "earlier",
                            "later",
                            "following",
                            "previous",
                            "the",
                            "a",
                            "one",
                            "on",
                            "of",
                            "several",
                            "few",
                            "many",
                            "recent",
                            "past",
                        ],
                    )
            })
    }

    /// The clause of this sentence opens with a finite verb and no subject ("However,
    /// stated on Tuesday that ...", "Visited the forum in person last year, ..."). Stays
    /// silent on imperatives, questions, inversions ("Then came the rain.", "Said one
    /// official: ..."), conditional inversions ("Had he known, ...") and participle openers
    /// followed by their subject ("Founded in 1990, the firm ...").
    pub fn subjectless(&self) -> Option<Subjectless> {
        self.facts
            .subjectless
            .get_or_init(|| self.find_subjectless())
            .clone()
    }

    fn find_subjectless(&self) -> Option<Subjectless> {
        if self.is_empty() || self.starts_quoted || self.quoted(0) {
            return None;
        }
        let c = self.clause_start();
        if c >= self.len() || !self.is_word(c) || self.quoted(c) {
            return None;
        }
        let v = c;
        let found = |end: usize| {
            Some(Subjectless {
                clause: c,
                verb: v..end.max(v + 1),
            })
        };
        let next = self.skip_adverbs(v + 1);
        // be and have as auxiliaries: "Was elected ...", "Has been charged ...".
        if self.is_any(v, BE_HAVE_FIRST_K) {
            let be = self.is_any(v, words!["is", "are", "was", "were", "am"]);
            let n = if self.is_any(next, words!["not", "n't"]) {
                self.skip_adverbs(next + 1)
            } else {
                next
            };
            let nc = self.classes(n);
            let lower = self.w(n).chars().next().is_some_and(char::is_lowercase);
            let ok = lower
                && !self.subject_start_strict(n)
                && (self.is(n, "been")
                    || nc.contains(Classes::VERB_PAST_PART)
                    || (be && nc.contains(Classes::VERB_ING))
                    || (be
                        && self.is_any(
                            n,
                            words![
                                "expected", "due", "set", "likely", "unlikely", "able", "unable",
                                "about",
                            ],
                        ))
                    || (self.is(n, "to") && !self.is_any(v, words!["have"])));
            return if ok { found(self.verb_end(n)) } else { None };
        }
        if self.is_any(v, words!["does", "did"]) {
            let n = self.skip_adverbs(next);
            if self.is_any(next, words!["not", "n't"])
                && self.classes(n + 1).contains(Classes::VERB)
                || self.is_any(n, words!["not", "n't"])
                    && self.classes(n + 1).contains(Classes::VERB)
            {
                let end = if self.is_any(next, words!["not", "n't"]) {
                    next + 2
                } else {
                    n + 2
                };
                return found(end.min(self.len()));
            }
            return None;
        }
        if self.is_any(v, MODALS_K) {
            let mut n = next;
            if self.is_any(n, words!["not", "n't"]) {
                n = self.skip_adverbs(n + 1);
            }
            let lower = self.w(n).chars().next().is_some_and(char::is_lowercase);
            let base = self.classes(n).contains(Classes::VERB);
            let capital_v = self.w(v).chars().next().is_some_and(char::is_uppercase);
            // "Will" and "May" are names too: the next word must be a plain verb.
            if base
                && lower
                && !self.subject_start_strict(n)
                && (v > 0 || capital_v)
                && n + 1 < self.len()
            {
                return found(self.verb_end(n));
            }
            return None;
        }
        let classes = self.classes(v);
        // A name ("Rose Tremain said ...") or a capitalised word the lexicon knows only as
        // a name.
        let exact = lexicon::lookup(self.w(v)).map_or(Classes::EMPTY, |e| e.classes);
        if exact.contains(Classes::PROPER)
            && self.w(v + 1).chars().next().is_some_and(char::is_uppercase)
        {
            return None;
        }
        if matches!(self.pos(v), Pos::Nnp) && self.pos(v + 1) == Pos::Nnp {
            return None;
        }
        // Third person singular present: "Remains confident that ...".
        if classes.contains(Classes::VERB_3SG) && !classes.contains(Classes::VERB_PAST) {
            if self.inverted_after(v)
                || self.is_any(v, words!["says", "adds", "writes", "notes"])
                    && self.subject_start_strict(v + 1)
            {
                return None;
            }
            // "Plans to extend the line were approved": a noun with its own verb.
            if classes.intersects(Classes::NOUN_PLURAL | Classes::NOUN)
                && (self.other_main(v) || self.auxiliary(next))
            {
                return None;
            }
            if self.other_main(v) && !self.verb_is(v, REPORTING_VERBS_K) {
                return None;
            }
            return found(v + 1);
        }
        if !classes.contains(Classes::VERB_PAST) {
            return None;
        }
        // "Put", "Cut", "Read": the past is the plain form, which reads as an imperative.
        if lexicon::verb_forms(self.w(v))
            .is_some_and(|f| eq_word(f.past, self.w(v)) && eq_word(f.base, self.w(v)))
        {
            return None;
        }
        if self.inverted_after(v) {
            return None;
        }
        let participle = participle_capable(self.w(v), classes);
        // Past a particle: "went on to coach", "took over the firm".
        let next = if self.pos(next) == Pos::Rp
            || self.is_any(
                next,
                words!["on", "up", "out", "off", "over", "back", "away", "down"],
            ) && !self.object_like(next + 1)
        {
            self.skip_adverbs(next + 1)
        } else {
            next
        };
        let object_next = self.object_like(next);
        // "named avenues run north": an adjective before a noun and its verb.
        if object_next && self.object_like_noun(next) && {
            let c2 = self.classes(next + 1);
            c2.intersects(
                Classes::VERB
                    | Classes::VERB_PAST
                    | Classes::VERB_3SG
                    | Classes::MODAL
                    | Classes::AUX,
            ) && !self.is(next + 1, "to")
                && !c2.intersects(Classes::PREP | Classes::DET)
        } {
            return None;
        }
        let that_next = self.is(next, "that") && self.that_opens_clause(next);
        if self.comma_clause_after(v + 1) {
            // "Founded in 1990, the firm ..." is sound; "Visited the forum in person last
            // year, X did so ..." has an active verb with its object but no subject.
            if !participle {
                return found(v + 1);
            }
            if (object_next || that_next) && !self.verb_is(v, OPENER_TAKES_OBJECT_K) {
                return found(v + 1);
            }
            return None;
        }
        // Another main verb that is not coordinated nor reported: the word is an adjective
        // ("Used car sales rose ...").
        if self.other_main(v) && !self.verb_is(v, REPORTING_VERBS_K) {
            return None;
        }
        if !participle {
            return found(v + 1);
        }
        // A participle phrase alone ("Founded in 1990.") is a fragment, not a missing
        // subject; only clear signs of an active verb count.
        let to_verb = self.is(next, "to")
            && self.classes(next + 1).contains(Classes::VERB)
            && !self.verb_is(v, PASSIVE_TO_K);
        let active = object_next
            || self.that_after_adverbials(v + 1)
            || to_verb
            || self.coordinated_finite(v);
        if active {
            return found(v + 1);
        }
        None
    }

    /// The end of a verb chain starting at `i`: "been charged", "expected".
    fn verb_end(&self, i: usize) -> usize {
        let mut e = i + 1;
        while e < self.len()
            && !self.quoted(e)
            && (self.is_any(e, words!["been", "being", "be"])
                || (self
                    .classes(e)
                    .intersects(Classes::VERB_PAST_PART | Classes::VERB_ING)
                    && matches!(self.pos(e), Pos::Vbn | Pos::Vbg | Pos::Vbd)))
        {
            e += 1;
        }
        e
    }

    /// A finite auxiliary or modal at `i` ("Plans are ...", "Reports will ...").
    fn auxiliary(&self, i: usize) -> bool {
        self.is_any(i, FINITE_AUX_K) || self.is_any(i, MODALS_K)
    }

    fn skip_adverbs(&self, mut i: usize) -> usize {
        while i < self.len() && self.pos(i) == Pos::Rb && !self.is(i, "not") {
            i += 1;
        }
        i
    }

    /// Could token `i` start the object of a verb? (A determiner, a number, a name, an
    /// object pronoun, or a noun that is no preposition or adverb.)
    fn object_like(&self, i: usize) -> bool {
        if i >= self.len()
            || self.quoted(i)
            || !self.is_word(i) && self.toks[i].kind != TokenKind::Number
        {
            return false;
        }
        if self.toks[i].kind == TokenKind::Number {
            return true;
        }
        if self.is_any(i, TIME_NOUNS_K)
            || self.is_any(i, words!["last", "next", "this", "every", "each"])
        {
            return false;
        }
        if self.is_any(i, OBJECT_PRONOUNS_K) || self.is_any(i, SUBJECT_DETERMINERS_K) {
            return !self.is_any(i, words!["more", "most"]);
        }
        let c = self.classes(i);
        if c.intersects(
            Classes::PREP | Classes::ADV | Classes::PARTICLE | Classes::CONJ | Classes::SUBORD,
        ) {
            return false;
        }
        c.intersects(Classes::ANY_NOUN | Classes::ADJ | Classes::NUM)
            || c.is_empty() && self.w(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// A strict subject start: what may follow an inverted auxiliary or "That".
    fn subject_start_strict(&self, i: usize) -> bool {
        if i >= self.len()
            || self.quoted(i)
            || self.is_any(i, OBJECT_PRONOUNS_K) && !self.is_any(i, words!["it", "you", "her"])
        {
            return false;
        }
        matches!(
            self.pos(i),
            Pos::Prp | Pos::Ex | Pos::PrpS | Pos::Nnp | Pos::Cd
        ) || (self.pos(i) == Pos::Dt && !self.is_any(i, words!["no"]))
            || self.is_any(i, SUBJECT_PRONOUNS_K)
            || self.is_any(i, SUBJECT_DETERMINERS_K)
                && !self.is_any(i, words!["no", "more", "most"])
            || self.toks[i].kind == TokenKind::Number
    }

    /// Does a main verb group other than the one at `v` follow, not joined by "and"?
    fn other_main(&self, v: usize) -> bool {
        self.groups().iter().any(|g| {
            let object_noun = g.range.start == self.skip_adverbs(v + 1)
                && self.classes(g.range.start).contains(Classes::NOUN_PLURAL);
            let coordinated = g.range.start > 0 && self.pos(g.range.start - 1) == Pos::Cc;
            g.range.start > v && !object_noun && !g.introduced && !coordinated
        })
    }

    /// "Visited the factory and met workers": a second finite verb joined by "and".
    fn coordinated_finite(&self, v: usize) -> bool {
        self.groups().iter().any(|g| {
            g.range.start > v + 1
                && !g.introduced
                && self.pos(g.range.start - 1) == Pos::Cc
                && matches!(self.pos(g.range.start), Pos::Vbd | Pos::Vbz)
        })
    }

    /// A "that" clause after the verb, past adverbs and prepositional phrases ("stated on
    /// Tuesday that ...").
    fn that_after_adverbials(&self, from: usize) -> bool {
        let mut i = from;
        while i < self.len() && i < from + 10 {
            if self.is(i, "that") {
                return self.that_opens_clause(i);
            }
            let p = self.pos(i);
            if !(p == Pos::In || p == Pos::Rb || p.in_np()) {
                return false;
            }
            i += 1;
        }
        false
    }

    /// After the verb at `v` comes its subject: quotation inversion ("Said one official:
    /// ..."), locative inversion ("Then came the rain.") or a fronted participle before a
    /// form of "be" ("Included in the package are ...").
    fn inverted_after(&self, v: usize) -> bool {
        // Participle + ... + be + subject, without a comma.
        for k in v + 1..self.len().min(v + 10) {
            if self.quoted(k)
                || self.is_punct(k, ",")
                || self.finite(k) && !self.is_be(k)
                || self.introduces(k)
                || self.personal_pronoun(k)
            {
                break;
            }
            if self.is_be(k) && self.finite(k) {
                if self.subject_start_strict(k + 1) || matches!(self.pos(k + 1), Pos::Jj | Pos::Nns)
                {
                    return true;
                }
                break;
            }
        }
        // Reporting verb + speaker + ":" / "," / quote / end.
        if self.verb_is(v, QUOTE_VERBS_K) && self.subject_start_strict(v + 1) {
            let mut k = v + 1;
            while k < self.len() {
                if self.quoted(k) || self.is_punct(k, ",") || self.is_punct(k, ":") {
                    return true;
                }
                if self.finite(k) || self.is(k, "that") || self.pos(k) == Pos::To {
                    break;
                }
                k += 1;
            }
            if k >= self.len() || Some(k) == self.terminal() {
                return true;
            }
        }
        // Intransitive verb + subject + end.
        if self.verb_is(v, INVERSION_VERBS_K)
            && self.subject_start_strict(self.skip_adverbs(v + 1))
            && !self
                .groups()
                .iter()
                .any(|g| g.range.start > v && !g.introduced)
        {
            return true;
        }
        false
    }

    fn is_be(&self, k: usize) -> bool {
        self.is_any(k, words!["is", "are", "was", "were"])
    }

    /// A clause cut off its host: a sentence that opens with "That" + a subject + a finite
    /// verb ("That the library would stay open."), or with a short time or place phrase
    /// and then such a "that" ("On Monday that the road would close."), and has no main
    /// clause of its own ("That he lied is not in dispute" has one). Returns the index of
    /// "that".
    pub fn orphan_that(&self) -> Option<usize> {
        *self
            .facts
            .orphan_that
            .get_or_init(|| self.find_orphan_that())
    }

    fn find_orphan_that(&self) -> Option<usize> {
        if self.is_empty() || self.starts_quoted || self.quoted(0) {
            return None;
        }
        let t = (0..self.len().min(12)).find(|&i| self.is(i, "that"))?;
        if t > 0 {
            // The opener: a short adverbial of time or place, no verb, no comma.
            let first_ok = matches!(self.pos(0), Pos::In | Pos::Rb | Pos::Jj | Pos::Dt)
                || self
                    .classes(0)
                    .intersects(Classes::PREP | Classes::ADV | Classes::ADJ | Classes::DET)
                    && !self.classes(0).intersects(Classes::PRON)
                || self.is_any(0, TIME_NOUNS_K);
            if !first_ok || self.is(0, "that") || self.pos(0) == Pos::In && self.introduces(0) {
                return None;
            }
            let plain = (0..t).all(|k| {
                let p = self.pos(k);
                !self.quoted(k)
                    && (p == Pos::Vbn || !self.maybe_finite(k))
                    && (p == Pos::In
                        || k == 0
                        || self.is_any(k, TIME_NOUNS_K)
                        || p == Pos::Rb
                        || p == Pos::Vbn
                        || p.in_np()
                        || self.w(k) == "-")
                    && !self.introduces(k)
            });
            if !plain {
                return None;
            }
        }
        // Its verb, soon after, with nothing but the subject between.
        let s = t + 1;
        let g = self.groups().iter().position(|g| g.range.start > s)?;
        let first = &self.groups()[g];
        if first.range.start > s + 14 || !self.plain_span(s, first.range.start) {
            return None;
        }
        // The subject: a pronoun, a determiner, a name, a number, or a plural head noun.
        // A singular noun after "that" makes it a determiner ("That decision was ...").
        // The head of the subject: the last noun of its first run of nouns and adjectives
        // ("arms talks" in "arms talks between the two sides are ...").
        let mut head = s;
        while head + 1 < first.range.start
            && (matches!(self.pos(head + 1), Pos::Nn | Pos::Nns | Pos::Nnp | Pos::Jj)
                || self.w(head + 1) == "-"
                || !self.maybe_finite(head + 1)
                    && self
                        .classes(head + 1)
                        .intersects(Classes::NOUN | Classes::NOUN_PLURAL)
                    && !self
                        .classes(head + 1)
                        .intersects(Classes::PREP | Classes::DET))
        {
            head += 1;
        }
        let hc = self.classes(head);
        let plural_head = self.pos(head) == Pos::Nns
            || hc.contains(Classes::NOUN_PLURAL) && !hc.contains(Classes::NOUN);
        let capital = self.w(s).chars().next().is_some_and(char::is_uppercase);
        let subject_ok = (self.personal_pronoun(s)
            && !self.is_any(s, words!["this", "one", "that"]))
            || self.pos(s) == Pos::Ex
            || self.is_any(s, SUBJECT_DETERMINERS_K)
            || self.pos(s) == Pos::PrpS
            || (capital && !self.is_any(s, CALENDAR_K) && self.pos(s) != Pos::Jj)
            || self.toks[s].kind == TokenKind::Number
            || plural_head;
        if !subject_ok {
            return None;
        }
        // A past participle in the opener ("a paper published on Monday") is no verb of
        // its own.
        if self.groups()[..g].iter().any(|x| {
            x.range.start < t && (self.finite(x.range.start) || self.pos(x.range.start) != Pos::Vbn)
        }) {
            return None;
        }
        // No main clause after it.
        if self.groups()[g + 1..]
            .iter()
            .any(|x| !x.introduced && !self.coordinated(x))
        {
            return None;
        }
        Some(t)
    }

    /// A group joined to the one before by "and" / "or" / "but".
    fn coordinated(&self, g: &Group) -> bool {
        let s = g.range.start;
        s > 0 && self.pos(s - 1) == Pos::Cc
    }

    /// The sentence ends where a reporting verb or a "that"-taking noun wants its clause
    /// ("The minister said on Friday.", "Officials found no evidence."): the host of an
    /// orphaned clause that follows.
    pub fn reporting_host(&self) -> Option<Host> {
        self.facts
            .reporting_host
            .get_or_init(|| self.find_reporting_host())
            .clone()
    }

    fn find_reporting_host(&self) -> Option<Host> {
        if self.is_empty() || !self.ends_with_bare_stop() {
            return None;
        }
        let stop = self.len() - 1;
        if self.quoted(stop) || self.w(stop) != "." {
            return None;
        }
        let floor = stop.saturating_sub(12);
        let mut k = stop;
        while k > floor {
            k -= 1;
            if self.quoted(k) {
                return None;
            }
            let p = self.pos(k);
            let verb_form = self
                .classes(k)
                .intersects(Classes::VERB_PAST | Classes::VERB_PAST_PART | Classes::VERB_3SG)
                && !self.is_any(k, THAT_NOUNS_K);
            if p.is_verb() && p != Pos::Vbg
                || verb_form && (self.maybe_finite(k) || self.passive_after_be(k))
            {
                if !self.verb_is(k, REPORTING_VERBS_K) {
                    return None;
                }
                let tail_ok = self.tail_ok(k + 1, stop)
                    || (self.verb_is(k, TELL_VERBS_K) && self.hearer_then_tail(k + 1, stop));
                if !tail_ok {
                    return None;
                }
                return Some(Host {
                    word: k,
                    phrase: k..stop,
                    noun: false,
                });
            }
            if matches!(p, Pos::Nn | Pos::Nns)
                && self.is_any(k, THAT_NOUNS_K)
                && self.tail_ok(k + 1, stop)
            {
                // Its noun phrase, and the verb or preposition before it.
                let mut a = k;
                while a > 0
                    && matches!(
                        self.pos(a - 1),
                        Pos::Dt | Pos::Jj | Pos::Cd | Pos::PrpS | Pos::Rb
                    )
                {
                    a -= 1;
                }
                if a == 0 {
                    return None;
                }
                let before = self.pos(a - 1);
                if before.is_verb() {
                    return Some(Host {
                        word: k,
                        phrase: a - 1..stop,
                        noun: true,
                    });
                }
                if before == Pos::In && !self.is(a - 1, "that") {
                    return Some(Host {
                        word: k,
                        phrase: a - 1..stop,
                        noun: true,
                    });
                }
                return None;
            }
            let tail_word = matches!(
                p,
                Pos::In
                    | Pos::Vbg
                    | Pos::Dt
                    | Pos::Jj
                    | Pos::Nn
                    | Pos::Nns
                    | Pos::Nnp
                    | Pos::Cd
                    | Pos::Rb
                    | Pos::Possessive
                    | Pos::PrpS
                    | Pos::Prp
            ) || self.w(k) == "-";
            if !tail_word || self.is(k, "that") || self.introduces(k) {
                return None;
            }
        }
        None
    }

    /// A past participle after a form of "be" ("were told").
    fn passive_after_be(&self, k: usize) -> bool {
        let mut b = k;
        while b > 0 && self.pos(b - 1) == Pos::Rb {
            b -= 1;
        }
        b > 0
            && self.classes(k).contains(Classes::VERB_PAST_PART)
            && self.is_any(
                b - 1,
                words!["is", "are", "was", "were", "been", "being", "be"],
            )
    }

    /// Tokens `a..b` are adverbials that may close a reporting clause: empty, or starting
    /// with a preposition, an adverb or a time word ("on Friday", "in a statement", "late
    /// on Sunday", "last week"), with no verb or clause inside.
    fn tail_ok(&self, a: usize, b: usize) -> bool {
        if a >= b {
            return true;
        }
        let starts = (self.pos(a) == Pos::In && !self.is_any(a, words!["that", "of"]))
            || self.pos(a) == Pos::Rb && !self.is_any(a, words!["so", "not", "why", "how"])
            || self.is_any(
                a,
                words![
                    "last",
                    "this",
                    "next",
                    "yesterday",
                    "today",
                    "earlier",
                    "late",
                ],
            );
        starts
            && (a..b).all(|k| {
                let p = self.pos(k);
                (p == Pos::In
                    || p == Pos::Rb
                    || p == Pos::Vbn
                    || p == Pos::Vbg
                    || p == Pos::Prp
                    || p.in_np()
                    || self.w(k) == "-")
                    && !self.is(k, "that")
                    && !self.introduces(k)
            })
    }

    /// After "told": the hearer ("reporters", "the committee", "police", "them"), then
    /// adverbials.
    fn hearer_then_tail(&self, a: usize, b: usize) -> bool {
        if a >= b {
            return false;
        }
        if self.pos(a) == Pos::Prp && self.is_any(a, OBJECT_PRONOUNS_K) {
            return self.tail_ok(a + 1, b);
        }
        let mut e = a;
        while e < b
            && e < a + 5
            && matches!(
                self.pos(e),
                Pos::Dt | Pos::Jj | Pos::Nn | Pos::Nns | Pos::Nnp | Pos::PrpS | Pos::Possessive
            )
        {
            e += 1;
        }
        e > a && self.pos(e - 1).is_noun() && self.tail_ok(e, b)
    }

    /// A fronted prepositional phrase whose noun carries a relative clause, and nothing
    /// else: "In the talks we are having about it.", "During the review that the council
    /// ran last spring." Without a relative word the clause's verb must lack its object
    /// ("having about it"), which tells it from "In the meeting we discussed the budget."
    pub fn relative_only(&self) -> Option<Range<usize>> {
        self.facts
            .relative_only
            .get_or_init(|| self.find_relative_only())
            .clone()
    }

    fn find_relative_only(&self) -> Option<Range<usize>> {
        if self.is_empty() || self.starts_quoted || self.quoted(0) {
            return None;
        }
        if self.pos(0) != Pos::In || self.introduces(0) {
            return None;
        }
        // The noun phrase of the preposition.
        let mut i = 1;
        while i < self.len() && (self.pos(i).in_np() || self.w(i) == "-") {
            i += 1;
        }
        if i == 1 || !self.pos(i - 1).is_noun() {
            return None;
        }
        let relative = self.is_any(i, words!["that", "which", "who", "whom", "where", "when"])
            && self.pos(i) != Pos::Dt;
        let subj = if relative { i + 1 } else { i };
        // Exactly one main group, the clause's own, right after its subject.
        let g = self.groups().iter().position(|g| g.range.start >= subj)?;
        let group = self.groups()[g].clone();
        if self
            .groups()
            .iter()
            .enumerate()
            .any(|(n, x)| n != g && !x.introduced)
        {
            return None;
        }
        if relative {
            if !self.plain_span(subj, group.range.start) || group.range.start > subj + 8 {
                return None;
            }
            return Some(group.range);
        }
        // A contact clause: a personal pronoun subject and a verb that needs an object.
        if group.range.start != subj + 1 || !self.personal_pronoun(subj) || self.is(subj, "it") {
            return None;
        }
        if !self.verb_is(group.head, NEEDS_OBJECT_K) {
            return None;
        }
        let after = group.head + 1;
        let gap = after >= self.len()
            || Some(after) == self.terminal()
            || (self.pos(after) == Pos::In && !self.is(after, "that"))
            || self.is_any(
                after,
                words!["last", "this", "next", "yesterday", "today", "earlier"],
            );
        gap.then_some(group.range)
    }
}

/// Can `word` be read as a past participle of one of its common verbs? "visited" and
/// "found" can; "went" only as the participle of the rare "wend", so it cannot.
pub fn participle_capable(word: &str, classes: Classes) -> bool {
    if !classes.contains(Classes::VERB_PAST_PART) {
        return false;
    }
    let bases = lexicon::verb_bases(word);
    if bases.is_empty() {
        return true;
    }
    let rank = |b: &str| lexicon::lookup_folded(b).map_or(u8::MAX, |e| e.rank);
    let best = bases.iter().map(|b| rank(b)).min().unwrap_or(u8::MAX);
    bases.iter().any(|b| {
        rank(b) <= best.saturating_add(15)
            && lexicon::verb_forms(b).is_some_and(|f| eq_word(f.past_participle, word))
    })
}

/// Verbs whose object cannot be left out ("the meeting we had about it" lacks one).
const NEEDS_OBJECT: &[&str] = &[
    "have", "make", "take", "hold", "attend", "discuss", "visit", "mention", "describe", "use",
    "need", "want", "build", "create", "produce", "receive", "give", "bring", "carry", "raise",
    "host", "organise", "organize", "conduct", "arrange", "propose", "cite", "own", "buy", "sell",
    "reach", "sign", "publish", "release", "launch", "adopt", "approve", "reject", "pass", "hear",
    "see", "watch", "read", "write", "send",
];

/// The end of a sentence that wants a clause after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    /// The reporting verb or the noun, as a token index.
    pub word: usize,
    /// The words from the verb (or the verb before the noun) to the stop, as token indices.
    pub phrase: Range<usize>,
    /// The host is a noun ("no evidence") rather than a verb.
    pub noun: bool,
}

/// Would the lexicon accept the Penn tag `x` for `word`? Unknown words and words the
/// lexicon lists without classes accept every tag; only verb and noun tags are checked.
pub fn lexicon_allows(word: &str, x: Xpos) -> bool {
    let c = lexicon::classes_folded(word);
    if c.is_empty() {
        return true;
    }
    let aux = Classes::AUX | Classes::MODAL;
    match x {
        Xpos::Vb | Xpos::Vbp => c.intersects(Classes::VERB | aux),
        Xpos::Vbd => c.intersects(Classes::VERB_PAST | aux),
        Xpos::Vbn => c.intersects(Classes::VERB_PAST_PART | aux),
        Xpos::Vbg => c.intersects(Classes::VERB_ING | aux),
        Xpos::Vbz => c.intersects(Classes::VERB_3SG | aux),
        Xpos::Md => c.intersects(Classes::MODAL),
        Xpos::Nn | Xpos::Nns => {
            c.intersects(Classes::ANY_NOUN | Classes::ADJ | Classes::VERB_ING | Classes::NUM)
        }
        _ => true,
    }
}

/// Tag a sentence with the tagger's guesses limited to what the lexicon allows.
pub fn tag_with_lexicon(words: &[&str]) -> Vec<Tagged> {
    crate::language::tagger::tag_constrained(words, &|i, x| lexicon_allows(words[i], x))
}

/// The keys of the word lists above ([`Sent::is_any`]).
pub const BE_HAVE_FIRST_K: &Words = &Words::new(&keys_of::<{ BE_HAVE_FIRST.len() }>(BE_HAVE_FIRST));
pub const CALENDAR_K: &Words = &Words::new(&keys_of::<{ CALENDAR.len() }>(CALENDAR));
pub const CONNECTIVES_K: &Words = &Words::new(&keys_of::<{ CONNECTIVES.len() }>(CONNECTIVES));
pub const FINITE_AUX_K: &Words = &Words::new(&keys_of::<{ FINITE_AUX.len() }>(FINITE_AUX));
pub const INVERSION_VERBS_K: &Words =
    &Words::new(&keys_of::<{ INVERSION_VERBS.len() }>(INVERSION_VERBS));
pub const MODALS_K: &Words = &Words::new(&keys_of::<{ MODALS.len() }>(MODALS));
pub const NEEDS_OBJECT_K: &Words = &Words::new(&keys_of::<{ NEEDS_OBJECT.len() }>(NEEDS_OBJECT));
pub const NEGATED_STEMS_K: &Words = &Words::new(&keys_of::<{ NEGATED_STEMS.len() }>(NEGATED_STEMS));
pub const OBJECT_PRONOUNS_K: &Words =
    &Words::new(&keys_of::<{ OBJECT_PRONOUNS.len() }>(OBJECT_PRONOUNS));
pub const OPENER_TAKES_OBJECT_K: &Words = &Words::new(&keys_of::<{ OPENER_TAKES_OBJECT.len() }>(
    OPENER_TAKES_OBJECT,
));
pub const PASSIVE_TO_K: &Words = &Words::new(&keys_of::<{ PASSIVE_TO.len() }>(PASSIVE_TO));
pub const QUOTE_VERBS_K: &Words = &Words::new(&keys_of::<{ QUOTE_VERBS.len() }>(QUOTE_VERBS));
pub const REPORTING_VERBS_K: &Words =
    &Words::new(&keys_of::<{ REPORTING_VERBS.len() }>(REPORTING_VERBS));
pub const SUBJECT_DETERMINERS_K: &Words = &Words::new(&keys_of::<{ SUBJECT_DETERMINERS.len() }>(
    SUBJECT_DETERMINERS,
));
pub const SUBJECT_PRONOUNS_K: &Words =
    &Words::new(&keys_of::<{ SUBJECT_PRONOUNS.len() }>(SUBJECT_PRONOUNS));
pub const SUBORDINATORS_K: &Words = &Words::new(&keys_of::<{ SUBORDINATORS.len() }>(SUBORDINATORS));
pub const TELL_VERBS_K: &Words = &Words::new(&keys_of::<{ TELL_VERBS.len() }>(TELL_VERBS));
pub const THAT_NOUNS_K: &Words = &Words::new(&keys_of::<{ THAT_NOUNS.len() }>(THAT_NOUNS));
pub const TIME_NOUNS_K: &Words = &Words::new(&keys_of::<{ TIME_NOUNS.len() }>(TIME_NOUNS));
pub const AMBIGUOUS_SUBORDINATORS_K: &Words = &Words::new(&keys_of::<
    { AMBIGUOUS_SUBORDINATORS.len() },
>(AMBIGUOUS_SUBORDINATORS));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    #[test]
    fn fast_keys_are_keys() {
        for w in [
            "",
            "a",
            "The",
            "THAT",
            "n't",
            "don’t",
            "Don’t",
            "@[`{",
            "AZaz09",
            "fifteen-letters",
            "sixteen-letters!",
            "naïve",
            "éA",
            "x\u{7f}Y",
        ] {
            assert_eq!(key_fast(w), key(w), "{w}");
        }
        // Every length.
        let long = "AbCdEfGhIjKlMnOpQ";
        for n in 0..=long.len() {
            assert_eq!(key_fast(&long[..n]), key(&long[..n]), "{n}");
        }
        // Every ASCII byte, in every position.
        for b in 0u8..0x80 {
            let w = String::from_utf8(vec![b'q', b, b'Z', b]).unwrap();
            assert_eq!(key_fast(&w), key(&w), "{b}");
        }
    }

    #[test]
    fn keys_decide_eq_word() {
        for (w, x) in [
            ("That", "that"),
            ("don’t", "don't"),
            ("than", "that"),
            ("N’T", "n't"),
        ] {
            assert_eq!(key(w) == key(x), eq_word(w, x), "{w} {x}");
        }
    }

    #[test]
    fn word_lists_find_exactly_their_words() {
        let lists = [
            FINITE_AUX,
            MODALS,
            SUBORDINATORS,
            CONNECTIVES,
            REPORTING_VERBS,
        ];
        let sets = [
            FINITE_AUX_K,
            MODALS_K,
            SUBORDINATORS_K,
            CONNECTIVES_K,
            REPORTING_VERBS_K,
        ];
        for (list, set) in lists.iter().zip(sets) {
            for w in lists.iter().flat_map(|l| l.iter()) {
                let upper = w.to_uppercase();
                for v in [*w, upper.as_str()] {
                    assert_eq!(set.contains(key(v)), any_word(v, list), "{v}");
                }
            }
            for v in ["", "the", "a", "quickly", "thatt", "wa", "hadn’t"] {
                assert_eq!(set.contains(key(v)), any_word(v, list), "{v}");
            }
        }
    }

    #[test]
    fn words_compare_without_case_and_with_either_apostrophe() {
        assert!(eq_word("That", "that"));
        assert!(eq_word("don’t", "don't"));
        assert!(!eq_word("than", "that"));
    }

    #[test]
    fn participles_of_common_verbs_only() {
        let c = |w: &str| lexicon::classes_folded(w);
        assert!(participle_capable("visited", c("visited")));
        assert!(participle_capable("found", c("found")));
        assert!(!participle_capable("went", c("went")));
        assert!(!participle_capable("took", c("took")));
    }

    /// The class gate in `may_be_subjectless` turns away no word of its lists, in any case.
    #[test]
    fn verbish_words_have_verb_classes() {
        let gate = Classes::AUX | Classes::MODAL | Classes::VERB_3SG | Classes::VERB_PAST;
        for w in BE_HAVE_FIRST.iter().chain(&["does", "did"]).chain(MODALS) {
            let upper = w.to_uppercase();
            let title = format!("{}{}", &upper[..1], &w[1..]);
            let mixed = format!("{}{}", &w[..1], &upper[1..]);
            for v in [*w, upper.as_str(), title.as_str(), mixed.as_str()] {
                assert!(lexicon::classes_folded(v).intersects(gate), "{v}");
            }
        }
    }

    /// `has_quote_in` against the analysis it stands in for.
    #[test]
    fn quotes_found_without_the_analysis() {
        for text in [
            "",
            "He said \"no\" twice.",
            "\u{201c}Yes,\u{201d} she said.",
            "It\u{2019}s \u{2018}fine\u{2019} now.",
            "The \"plan\" failed.\"",
            "A closing\" mark alone.",
            "Quoted \u{ab}words\u{bb} here.",
            "x'y 'z' (\"a\") \u{2014}\"b\"",
            "Na\u{ef}ve caf\u{e9} \"\u{fc}ber\".",
            "No quotes at all in this one.",
        ] {
            let toks = tokenize(text, 0..text.len());
            for open in [false, true] {
                let mut s = Sent::new();
                s.load_pos(text, &toks, &vec![Pos::Other; toks.len()], open);
                assert_eq!(
                    has_quote_in(text, &toks, open),
                    s.has_quote(),
                    "{text} {open}"
                );
                assert_eq!(
                    first_quoted_in(text, &toks, open),
                    s.quoted(0),
                    "{text} {open}"
                );
            }
        }
    }

    #[test]
    fn quotation_state_carries_across_sentences() {
        let text = "\u{201c}We will win. Ask anyone.\u{201d} She left.";
        let toks = tokenize(text, 0..text.len());
        assert!(quote_open_after(text, &toks[..4], false));
        assert!(!quote_open_after(text, &toks, false));
    }

    #[test]
    fn clause_analysis_with_given_tags() {
        let text = "Because the road had flooded twice.";
        let toks = tokenize(text, 0..text.len());
        let pos: Vec<Pos> = ["IN", "DT", "NN", "VBD", "VBN", "RB", "."]
            .iter()
            .map(|t| Pos::of_xpos(Xpos::parse(t).unwrap()))
            .collect();
        let mut s = Sent::new();
        s.load_pos(text, &toks, &pos, false);
        assert_eq!(s.groups().len(), 1);
        assert!(s.groups()[0].introduced);
        assert!(s.main_groups().next().is_none());
        assert!(s.subjectless().is_none());
    }
}
