//! [`Sent`], one sentence prepared for clause analysis: its loading, the word and tag
//! tests on its tokens, and the finite verb groups with the words that introduce them.

use std::cell::Cell;
use std::ops::Range;

use crate::language::lexicon::{self, Classes};
use crate::language::tagger::Tagged;
use crate::text::tokens::{Token, TokenKind};

use super::keys::EMPTY_KEY;
use super::store::{Facts, Held};
use super::word_lists::*;
use super::{Group, Key, Pos, Words, eq_word, key_fast, participle_capable, words};

/// One sentence prepared for clause analysis.
#[derive(Default)]
pub struct Sent<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub(super) facts: Held<'a>,
    /// The lexicon's classes of each token, when the caller has them (else empty).
    pub(super) known: &'a [Classes],
    /// The lexicon's classes of each token, looked up on first use (`NOT_YET` until then).
    pub(super) classes: Vec<Cell<u32>>,
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
    ///
    /// [`key`]: fn@super::key
    #[inline]
    fn key(&self, i: usize) -> Key {
        self.facts.keys.get(i).copied().unwrap_or(EMPTY_KEY)
    }

    /// Token `i` is one of the words keyed in `words` ([`words!`], [`keys`]): the same as
    /// `any_word(self.w(i), list)` for the list they key.
    ///
    /// [`keys`]: fn@super::keys
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
    pub(super) fn adverb(&self, k: usize) -> bool {
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
    pub(super) fn object_like_noun(&self, i: usize) -> bool {
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
        // A plural noun the tagger read as a verb, before its own verb ("admitted that
        // mistakes had been made").
        if self.classes(n).contains(Classes::NOUN_PLURAL)
            && n + 1 < self.len()
            && self.finite(n + 1)
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
    pub(super) fn plain_span(&self, a: usize, b: usize) -> bool {
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
