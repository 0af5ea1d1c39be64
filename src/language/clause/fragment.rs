//! Fragments and cut-off subordinate clauses: a "that" clause without its host
//! ([`Sent::orphan_that`]), a sentence that ends wanting a clause ([`Sent::reporting_host`],
//! [`Host`]) and a sentence that is only a relative clause ([`Sent::relative_only`]).

use std::ops::Range;

use crate::language::lexicon::Classes;
use crate::text::tokens::TokenKind;

use super::word_lists::*;
use super::{Group, Pos, Sent, words};

impl Sent<'_> {
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
            // Inline code that is the whole subject names a thing: "That `tessel build`
            // hangs on network drives." (Before a noun it is a determiner's noun: "That
            // `retry` loop was removed.")
            || self.toks[s].kind == TokenKind::Code && first.range.start == s + 1
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

    /// Token `k`, read as a noun, is a reporting verb in the present after the head of its
    /// subject: an -s form after a noun or code ("The changelog notes"), or a plain form
    /// after a plural noun. The sentence is only that noun phrase
    /// and the verb: with a verb before ("I read the release notes") the phrase is an
    /// object.
    fn reporting_verb_read_as_noun(&self, k: usize) -> bool {
        if k == 0 || !matches!(self.pos(k), Pos::Nn | Pos::Nns) {
            return false;
        }
        let noun_phrase = (0..k).all(|j| {
            self.toks[j].kind == TokenKind::Code
                || matches!(
                    self.pos(j),
                    Pos::Dt | Pos::PrpS | Pos::Jj | Pos::Cd | Pos::Nn | Pos::Nns | Pos::Nnp
                ) && !self.maybe_finite(j)
        });
        if !noun_phrase {
            return false;
        }
        let c = self.classes(k);
        let before = self.pos(k - 1);
        let noun_before = matches!(before, Pos::Nn | Pos::Nns | Pos::Nnp)
            || self.toks[k - 1].kind == TokenKind::Code;
        noun_before
            && (c.contains(Classes::VERB_3SG) && before != Pos::Nns
                || c.contains(Classes::VERB) && before == Pos::Nns)
            && self.verb_is(k, REPORTING_VERBS_K)
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
        // What the host sentence says ends before a closing clause of time ("He told
        // reporters as he arrived."): the reported clause belonged before that one.
        let end = self.closing_time_clause(stop).unwrap_or(stop);
        let floor = end.saturating_sub(12);
        let mut k = end;
        while k > floor {
            k -= 1;
            if self.quoted(k) {
                return None;
            }
            // A present-tense reporting verb that closes the sentence right after its
            // subject, which the tagger, seeing no object, read as a noun ("The changelog
            // notes.").
            if k + 1 == end && self.reporting_verb_read_as_noun(k) {
                return Some(Host {
                    word: k,
                    phrase: k..stop,
                    noun: false,
                });
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
                let tail_ok = self.tail_ok(k + 1, end)
                    || (self.verb_is(k, TELL_VERBS_K) && self.hearer_then_tail(k + 1, end));
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
                && self.tail_ok(k + 1, end)
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
            // ("after the match": a preposition, since no finite verb came after it.)
            if !tail_word || self.is(k, "that") || self.introduces(k) && p != Pos::In {
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
    /// The start of a short clause of time closing the sentence before `stop`: "as", "when",
    /// "while", "after", "before" or "once" within its last eight words, then words with a
    /// finite verb and no comma ("as he arrived", "after the vote closed"), or a participle
    /// alone ("when asked").
    fn closing_time_clause(&self, stop: usize) -> Option<usize> {
        let m = (stop.saturating_sub(8).max(2)..stop)
            .rev()
            .find(|&m| self.is_any(m, words!["as", "when", "while", "after", "before", "once"]))?;
        let rest = m + 1..stop;
        if rest
            .clone()
            .any(|k| self.pos(k) == Pos::Punct || self.quoted(k))
        {
            return None;
        }
        let finite = rest
            .clone()
            .any(|k| matches!(self.pos(k), Pos::Vbd | Pos::Vbz | Pos::Vbp));
        let participle = rest.len() == 1 && self.pos(m + 1) == Pos::Vbn;
        (finite || participle).then_some(m)
    }

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
                    // "after the match": a preposition here, since no finite verb follows.
                    && (!self.introduces(k) || p == Pos::In)
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
