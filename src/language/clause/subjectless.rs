//! The search for a clause without a subject ([`Sent::subjectless`]), with the cheap test
//! on the words alone ([`may_be_subjectless`]) that lets the rules skip most sentences.

use std::ops::Range;

use crate::language::lexicon::{self, Classes};
use crate::text::tokens::{Token, TokenKind};

use super::word_lists::*;
use super::{Pos, Sent, eq_word, key_fast, participle_capable, words};

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
        // The start of the last opener skipped, when it was an -ing phrase.
        let mut ing_opener = None;
        for _ in 0..6 {
            if c >= self.len() {
                break;
            }
            // An -ing phrase set against another ("Ignoring the field, rather than failing,
            // would …") is a gerund, the subject of the clause, not an opener.
            if let Some(g) = ing_opener
                && (self.is(c, "rather") && self.is(c + 1, "than")
                    || self.is(c, "instead") && self.is(c + 1, "of"))
                && self.pos(c + 2) == Pos::Vbg
            {
                return g;
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
                ing_opener = (self.pos(c) == Pos::Vbg).then_some(c);
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
            // "Was lucky to survive …", "Was the first to notice …": opening the sentence
            // (a question would end with a question mark; an inversion the parse finds),
            // before an adjective and a preposition or "to", or before "the".
            let opens_with_be = be
                && v == 0
                && lower
                && (nc.contains(Classes::ADJ)
                    && !nc.intersects(Classes::ANY_VERB)
                    && (self.is(n + 1, "to") || self.pos(n + 1) == Pos::In)
                    || self.is(n, "the"));
            let ok = opens_with_be
                || lower
                    && !self.subject_start_strict(n)
                    && (self.is(n, "been")
                        || nc.contains(Classes::VERB_PAST_PART)
                        || (be && nc.contains(Classes::VERB_ING))
                        || (be
                            && self.is_any(
                                n,
                                words![
                                    "expected", "due", "set", "likely", "unlikely", "able",
                                    "unable", "about",
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
            // "…, says he." is an inversion; "Says he is delighted." opening the sentence,
            // with a finite verb after the pronoun, is a subjectless report.
            // (Or "the" and a noun with its own verb: "Thinks the bug is in the parser.",
            // "Says the bridge remains safe.")
            let report_opens = v == 0
                && (self.personal_pronoun(v + 1) && v + 2 < self.len() && self.maybe_finite(v + 2)
                    || self.is(v + 1, "the")
                        && self.verb_is(v, REPORTING_VERBS_K)
                        && v + 3 < self.len()
                        && self.pos(v + 2) == Pos::Nn
                        && (self.is_any(v + 3, words!["is", "was", "has", "will", "would", "can"])
                            // "Says the bridge remains safe": a verb that is no noun.
                            || self.is_any(v, words!["says", "adds"])
                                && matches!(self.pos(v + 3), Pos::Vbz | Pos::Vbd)));
            if self.inverted_after(v)
                || self.is_any(v, words!["says", "adds", "writes", "notes"])
                    && self.subject_start_strict(v + 1)
                    && !report_opens
            {
                return None;
            }
            // "Plans to extend the line were approved": a noun with its own verb.
            if classes.intersects(Classes::NOUN_PLURAL | Classes::NOUN)
                && !report_opens
                && (self.other_main(v) || self.auxiliary(next))
            {
                return None;
            }
            if self.other_main(v) && !self.verb_is(v, REPORTING_VERBS_K) {
                return None;
            }
            // An -s word right before a plain verb is a plural noun, that verb's subject
            // ("Redirects cover the most visited pages"), unless it takes a bare infinitive
            // ("Helps keep the costs down").
            if self.w(v).ends_with('s')
                && matches!(self.pos(next), Pos::Vb | Pos::Vbp)
                && self.classes(next).contains(Classes::VERB)
                && !self.verb_is(
                    v,
                    words![
                        "help", "let", "make", "have", "see", "hear", "watch", "bid", "dare"
                    ],
                )
            {
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
        // ("since" before a participle is an adverb too: "has since thanked".)
        while i < self.len()
            && (self.pos(i) == Pos::Rb && !self.is(i, "not")
                || self.is(i, "since") && self.classes(i + 1).contains(Classes::VERB_PAST_PART))
        {
            i += 1;
        }
        i
    }

    /// Could token `i` start the object of a verb? (A determiner, a number, a name, an
    /// object pronoun, or a noun that is no preposition or adverb.)
    pub(super) fn object_like(&self, i: usize) -> bool {
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
        // Intransitive verb + subject + end. A verb of place inverts after a phrase of
        // place ("Along the border runs a fence"), not after a bare "now" or "then": "Now
        // runs a charity" has lost its subject.
        let after_bare_time = v > 0 && self.is_any(v - 1, words!["now", "then", "later", "also"]);
        let of_place = self.verb_is(
            v,
            words![
                "run", "live", "stand", "sit", "lie", "hang", "ride", "walk", "fly", "stretch"
            ],
        );
        if self.verb_is(v, INVERSION_VERBS_K)
            && !(after_bare_time && of_place)
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
}
