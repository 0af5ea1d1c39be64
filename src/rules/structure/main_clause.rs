//! Whether a sentence has a main clause, read from its dependency parse: the decision the
//! structure rules report on, and the readings it tries where the tagger may have erred.

use crate::language::lexicon::{self, Classes};
use crate::language::parser::{Deprel, Parse};
use crate::language::tagger::{Tagged, Upos, Xpos};

/// Whether `p` has a main clause: a root that is an imperative, or a finite clause with a
/// subject (or an expletive "there") and no subordinating word of its own; or such a
/// clause joined to the root (a conjunct, or a clause set beside it). With `verb`, the
/// word read as a verb against the tagger's first choice must head that clause, agree with
/// a subject before it, or open an imperative (first, or after a fronted phrase and comma).
pub(super) fn main_clause(p: &Parse, words: &[&str], tags: &[Tagged], verb: Option<usize>) -> bool {
    let Some(root) = p.root() else {
        return false;
    };
    // "Whatever", "whoever" or "whichever" as a subject: a free relative clause that is the
    // subject of the verb ("Whatever the formatter outputs is considered canonical").
    let free_relative_subject = |k: usize| {
        ["whatever", "whoever", "whichever"]
            .iter()
            .any(|w| words[k].eq_ignore_ascii_case(w))
            && p.deprel(k).is_some_and(Deprel::is_subject)
    };
    let main = |i: usize| {
        // A subordinating word, or a relative or question word ahead of the verb ("Which
        // the lawyers repeated", "where the figures were discussed"): no clause of its own.
        if p.children(i)
            .any(|m| p.deprel(m) == Some(Deprel::Mark) && subordinator(p, words, tags, i, m))
            || p.children(i).any(|k| {
                k < i
                    && matches!(tags[k].xpos, Xpos::Wdt | Xpos::Wp | Xpos::WpS | Xpos::Wrb)
                    && !free_relative_subject(k)
            })
        {
            return false;
        }
        // A verb tag on a word the lexicon knows only as something else ("remains
        // confident") is the tagger's slip, not a main verb.
        let (classes, entry) = lexicon::classes_and_entry(words[i]);
        if tags[i].upos == Upos::Verb && entry.is_some() && !classes.intersects(Classes::ANY_VERB) {
            return false;
        }
        let imperative = p.is_imperative(words, tags, i);
        // A one-word "subject" cut off from its verb by a comma ("Meanwhile, has denied")
        // is a sentence adverb.
        // (Nor is a noun after a word that may open a clause, "after", "since", a subject:
        // "After the river burst its banks" is a clause the parser hung on a prepositional
        // phrase.)
        let subject = p
            .subject_of(i)
            .or_else(|| p.child_with(i, Deprel::Expl))
            .filter(|&s| {
                let adverb = words.get(s + 1) == Some(&",")
                    && (s + 2..i).all(|k| p.deprel(k).is_some_and(Deprel::is_aux_or_cop));
                let in_clause = p.children(s).any(|k| {
                    p.deprel(k) == Some(Deprel::Case)
                        && ["after", "before", "since", "until", "till", "once"]
                            .iter()
                            .any(|w| words[k].eq_ignore_ascii_case(w))
                });
                // (Nor is a past form the parser took for a noun: "Declined to say how many
                // of the cuts would fall" has no subject.)
                // (Nor "having" before a past form: its auxiliary, "Having spent three years
                // on the project.")
                let past_form = matches!(tags[s].xpos, Xpos::Vbd | Xpos::Vbn)
                    && matches!(p.deprel(s), Some(Deprel::Nsubj | Deprel::NsubjPass))
                    && !p
                        .children(s)
                        .any(|k| p.deprel(k).is_some_and(Deprel::is_subject))
                    || words[s].eq_ignore_ascii_case("having")
                        && tags
                            .get(s + 1)
                            .is_some_and(|t| matches!(t.xpos, Xpos::Vbd | Xpos::Vbn));
                !adverb && !in_clause && !past_form
            });
        // A verb after "since", "after" and the like and the bare noun phrase between
        // ("The worst flooding in the valley since records began."): the clause those words
        // open, however the parse hangs it.
        let in_clause = subject.is_some_and(|s| {
            (s + 1..i).any(|k| {
                tags[k].xpos == Xpos::In
                    && [
                        "since", "after", "before", "until", "till", "once", "as", "while",
                        "because", "although", "if", "when", "unless", "whereas",
                    ]
                    .iter()
                    .any(|w| words[k].eq_ignore_ascii_case(w))
                    && k + 1 < i
                    && (k + 1..i).all(|j| {
                        matches!(
                            tags[j].xpos,
                            Xpos::Dt
                                | Xpos::PrpS
                                | Xpos::Jj
                                | Xpos::Cd
                                | Xpos::Nn
                                | Xpos::Nns
                                | Xpos::Nnp
                                | Xpos::Nnps
                                | Xpos::Prp
                        )
                    })
            })
        });
        // An opening past form that the parser hung on the verb as a clause of its own, or
        // on a noun before the subject as its modifier, with no comma before the subject
        // ("Told police he had swerved …"): the opening verb, without a subject; a fronted
        // participle clause ends at a comma ("Told of the danger, he swerved").
        if let Some(s) = subject
            && s > 1
            && (p.head(0) == Some(i) && p.deprel(0) == Some(Deprel::Advcl)
                || p.head(0).is_some_and(|h| h < s) && p.deprel(0) == Some(Deprel::Amod))
            && matches!(tags[0].xpos, Xpos::Vbn | Xpos::Vbd)
            && !words[1..s].contains(&",")
        {
            return false;
        }
        // The same for an opening -s verb the parser hung on the verb ("Says she is
        // grateful for …"): the opening verb, without a subject.
        if let Some(s) = subject
            && s >= 1
            && p.head(0) == Some(i)
            && matches!(
                p.deprel(0),
                Some(Deprel::Discourse | Deprel::Parataxis | Deprel::Advcl | Deprel::Dep)
            )
            && tags[0].xpos == Xpos::Vbz
            && tags[0].upos == Upos::Verb
            && !words[1..s].contains(&",")
        {
            return false;
        }
        let finite = !in_clause
            && subject.is_some_and(|s| {
                p.is_finite(tags, i) || past_read_as_participle(p, words, tags, i, s)
            });
        // "In the talks we are having about it": a fronted phrase whose noun runs straight
        // into the subject, with no comma, may instead be a noun with a relative clause.
        // The parse cannot tell them apart; the clause analysis decides.
        let run_in = subject.is_some_and(|s| {
            p.children(i).any(|k| {
                k < s
                    && p.deprel(k) == Some(Deprel::Obl)
                    && matches!(tags[k].xpos, Xpos::Nn | Xpos::Nns | Xpos::Nnp | Xpos::Nnps)
                    && words[k + 1..s].iter().all(|w| *w != ",")
                    && (k + 1..s).all(|j| p.head(j) == Some(s))
            })
        });
        match verb {
            None => imperative || finite && !run_in,
            Some(v) if v != i => false,
            // (The reading against the tagger too: "The steepest fall since the company
            // listed in 2009.")
            Some(_) if in_clause => false,
            // An imperative reading must leave no finite verb of a clause of its own
            // beside it ("Last year, opened a factory" is no imperative "Last").
            Some(v)
                if imperative
                    && (0..words.len()).any(|k| {
                        k != v
                            && matches!(tags[k].xpos, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp)
                            && !in_subordinate_clause(p, k, v)
                    }) =>
            {
                false
            }
            Some(v) if imperative => {
                // Any finite verb before the comma sits in a fronted clause of its own
                // ("If you want to try it, visit…").
                v == 0
                    || v >= 2
                        && words[v - 1] == ","
                        && tags[..v - 1].iter().enumerate().all(|(k, t)| {
                            !matches!(t.xpos, Xpos::Vbz | Xpos::Vbp | Xpos::Vbd)
                                || in_subordinate_clause(p, k, v)
                        })
            }
            Some(v) => {
                // A verb never follows a determiner, an adjective, a number or a preposition
                // directly ("a stable condition", "its plant").
                // (A number that ends a name, "Rust 1.40 include…", is no modifier.)
                // (An adjective that the parse makes a complement, "keeping the lighthouse
                // open costs…", is no modifier either.)
                // (A preposition with no object of its own is an adverb: "The section below
                // covers …". A case marker hung on the verb itself marks no object either.)
                let adverb_before = v > 0
                    && tags[v - 1].xpos == Xpos::In
                    && (p.deprel(v - 1) != Some(Deprel::Case) || p.head(v - 1) == Some(v))
                    && lexicon::classes_folded(words[v - 1]).contains(Classes::ADV);
                let after_modifier = v > 0
                    && (matches!(
                        tags[v - 1].xpos,
                        Xpos::Dt | Xpos::PrpS | Xpos::WpS | Xpos::Pos | Xpos::In | Xpos::To
                    ) && !adverb_before
                        || matches!(tags[v - 1].xpos, Xpos::Jj | Xpos::Jjr | Xpos::Jjs)
                            && !matches!(p.deprel(v - 1), Some(Deprel::Xcomp | Deprel::Obj))
                        || tags[v - 1].xpos == Xpos::Cd && p.deprel(v - 1) != Some(Deprel::Flat));
                // (Unless the "adjective" is the subject itself: "This retrospective aims…".)
                let after_modifier = after_modifier
                    && !(subject == Some(v - 1)
                        && tags[v - 1].xpos == Xpos::Jj
                        && lexicon::classes_folded(words[v - 1]).contains(Classes::NOUN));
                let Some(s) = subject.filter(|&s| s < v && !after_modifier) else {
                    return false;
                };
                // A noun right before the verb, inside an infinitive clause between the
                // subject and it, more likely ends a compound ("Hopes to be fit for the cup
                // tie on Saturday").
                let between = &tags[s + 1..v];
                if matches!(tags[v - 1].xpos, Xpos::Nn | Xpos::Nns)
                    && v - 1 != s
                    && in_subordinate_clause(p, v - 1, v)
                    && between.iter().any(|t| t.xpos == Xpos::To)
                    && !between.iter().any(|t| {
                        t.finite || matches!(t.xpos, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp | Xpos::Md)
                    })
                {
                    return false;
                }
                // A word that is also a plural noun, read as a verb with nothing after it,
                // ends a noun phrase more likely than it makes a clause ("a panel of three
                // appeal judges").
                if lexicon::classes_folded(words[v]).contains(Classes::NOUN_PLURAL)
                    && !p
                        .children(v)
                        .any(|k| k > v && p.deprel(k) != Some(Deprel::Punct))
                {
                    return false;
                }
                // After an -ing word, a verb needs an object or a complement to tell it from
                // a noun ("Recovering involves rediscovering…", not "parking charges").
                // (A gerund after a determiner is a noun: "The tooling catches…".)
                if tags[v - 1].xpos == Xpos::Vbg
                    && !(v >= 2 && matches!(tags[v - 2].xpos, Xpos::Dt | Xpos::PrpS))
                    && !has_complement(p, v)
                {
                    return false;
                }
                // The subject opens the sentence (or follows a fronted phrase and its
                // comma), and is no phrase with a preposition of its own ("As part of …").
                // (Words of a noun phrase before it count as the subject's even where the
                // parser hung them elsewhere: "The tooling tries…".)
                // (A comma the parser hung on the subject is no word of it.)
                let start = (0..s)
                    .find(|&j| descends_from(p, j, s) && tags[j].upos != Upos::Punct)
                    .unwrap_or(s);
                let opens = start == 0
                    || words[start - 1] == ","
                    || tags[..s].iter().all(|t| {
                        matches!(
                            t.xpos,
                            Xpos::Dt
                                | Xpos::PrpS
                                | Xpos::Pdt
                                | Xpos::Jj
                                | Xpos::Jjr
                                | Xpos::Jjs
                                | Xpos::Cd
                                | Xpos::Nn
                                | Xpos::Nns
                                | Xpos::Nnp
                                | Xpos::Nnps
                                | Xpos::Pos
                        )
                    });
                if !opens || p.child_with(s, Deprel::Case).is_some() {
                    return false;
                }
                // A number with its group ("the two of us") or a percentage ("39% work")
                // takes a plural verb.
                let plural = matches!(tags[s].xpos, Xpos::Nns | Xpos::Nnps)
                    || tags[s].xpos == Xpos::Cd
                        && !words[s].eq_ignore_ascii_case("one")
                        && words.get(s + 1) == Some(&"of")
                        && tags
                            .get(s + 2)
                            .is_some_and(|t| matches!(t.xpos, Xpos::Prp | Xpos::Dt))
                    || words[s] == "%"
                    || [
                        "we", "they", "you", "i", "all", "both", "many", "several", "few", "these",
                        "those",
                    ]
                    .iter()
                    .any(|w| words[s].eq_ignore_ascii_case(w));
                // An adjective tag on a word the lexicon knows as a noun ("This
                // retrospective aims…") is the tagger's slip: a singular noun.
                let singular = matches!(tags[s].xpos, Xpos::Nn | Xpos::Nnp | Xpos::Prp | Xpos::Vbg)
                    || tags[s].xpos == Xpos::Jj
                        && lexicon::classes_folded(words[s]).contains(Classes::NOUN);
                match tags[v].xpos {
                    Xpos::Vbz => !plural && singular,
                    Xpos::Vbp => plural,
                    Xpos::Vbd => plural || singular,
                    _ => false,
                }
            }
        }
    };
    // A sentence that opens with a relative or question word, or with "so that", and ends
    // with a full stop is a subordinate clause however it parses.
    // A wh-word that opens a clause of its own inside the sentence ("When the tests are
    // compiled, the runner…") leaves the main clause whole.
    // (A free relative the parser read as a noun phrase with the subject at its head is
    // that subject too.)
    let in_subject = |k: usize| {
        ["whatever", "whoever", "whichever"]
            .iter()
            .any(|w| words[k].eq_ignore_ascii_case(w))
            && p.subject_of(root)
                .is_some_and(|s| s != k && descends_from(p, k, s))
    };
    let free_relative = p.head(0) == Some(root) && free_relative_subject(0) || in_subject(0);
    let opener = tags
        .first()
        .is_some_and(|t| matches!(t.xpos, Xpos::Wdt | Xpos::Wp | Xpos::WpS | Xpos::Wrb))
        && !in_subordinate_clause(p, 0, root)
        && !free_relative
        || words.len() > 1
            && words[0].eq_ignore_ascii_case("so")
            && words[1].eq_ignore_ascii_case("that");
    if opener {
        return false;
    }
    // A conjunct counts with a subject of its own ("…, and the club said"); a clause set
    // beside the sentence ("Will miss the match, the club said") does not: it reports the
    // other.
    // Where the root is itself the subordinate clause that opens the sentence ("Although
    // tired she finished the race"), a clause the parser hung after it is the main one.
    let root_opens_subordinate = p.child_with(root, Deprel::Mark) == Some(0);
    // A noun root with a relative clause, and a finite verb without a subject of its own
    // that the parser hung inside that clause as its complement ("The two teenagers who
    // found the wallet handed it in"): the verb of the noun, which is its subject.
    let relative_then_verb = matches!(
        tags[root].xpos,
        Xpos::Nn | Xpos::Nns | Xpos::Nnp | Xpos::Nnps
    ) && p
        .children(root)
        .filter(|&r| r > root && p.deprel(r) == Some(Deprel::AclRelcl))
        .any(|r| {
            p.children(r).any(|k| {
                k > r + 1
                    && matches!(p.deprel(k), Some(Deprel::Ccomp | Deprel::Parataxis))
                    && matches!(tags[k].xpos, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp)
                    && !matches!(words[k - 1], "," | "that" | "and" | "or" | "but")
                    && !p.children(k).any(|c| {
                        p.deprel(c)
                            .is_some_and(|d| d.is_subject() || d == Deprel::Mark)
                    })
                    && verb.is_none_or(|v| v == k)
            })
        });
    relative_then_verb
        || main(root)
        || p.children(root).any(|k| {
            (p.deprel(k) == Some(Deprel::Conj)
                || root_opens_subordinate
                    && k > root
                    && matches!(p.deprel(k), Some(Deprel::Ccomp | Deprel::Parataxis)))
                && p.children(k)
                    .any(|c| p.deprel(c).is_some_and(Deprel::is_subject))
                && main(k)
        })
}

/// Whether `m`, attached to `head` as a subordinating word, really makes `head`'s clause
/// subordinate. Not the object of a preposition before it ("For that, there is…"), nor a
/// "though" inside the clause ("Over the years though the pressure has mounted"), nor a
/// word after the clause's subject or one the tagger reads as no subordinator.
fn subordinator(p: &Parse, words: &[&str], tags: &[Tagged], head: usize, m: usize) -> bool {
    if m > 0 && tags[m - 1].xpos == Xpos::In && p.deprel(m - 1) == Some(Deprel::Case) {
        return false;
    }
    // A word the tagger reads as no subordinator ("the old API"), or one after the clause's
    // subject ("the topics newcomers ask about most seem…": a stranded preposition).
    if !matches!(
        tags[m].xpos,
        Xpos::In | Xpos::Wdt | Xpos::Wrb | Xpos::Wp | Xpos::To
    ) || p
        .children(head)
        .find(|&k| {
            // (An outer subject is no subject of the clause: "The idea being that …".)
            p.deprel(k).is_some_and(|d| {
                d.is_subject() && !matches!(d, Deprel::NsubjOuter | Deprel::CsubjOuter)
            })
        })
        .is_some_and(|s| s < m)
    {
        return false;
    }
    if words[m].eq_ignore_ascii_case("though")
        && (0..m).any(|j| {
            !matches!(tags[j].xpos, Xpos::Cc | Xpos::Comma | Xpos::Colon)
                && p.deprel(j) != Some(Deprel::Advmod)
                && descends_from(p, j, head)
        })
    {
        return false;
    }
    true
}

/// Whether `i` has an object or a clausal complement.
fn has_complement(p: &Parse, i: usize) -> bool {
    p.children(i).any(|k| {
        matches!(
            p.deprel(k),
            Some(Deprel::Obj | Deprel::Iobj | Deprel::Ccomp | Deprel::Xcomp | Deprel::CompoundPrt)
        )
    })
}

/// A past tense the tagger read as a participle ("the company stepped in", "ten percent
/// selected yes"): a verb the lexicon knows in the past tense, with a subject of its own
/// that is no passive subject, no auxiliary, and an object or a complement (or a pronoun
/// or demonstrative subject, which no reduced relative clause has).
fn past_read_as_participle(p: &Parse, words: &[&str], tags: &[Tagged], i: usize, s: usize) -> bool {
    tags[i].xpos == Xpos::Vbn
        && s < i
        // Not in a sentence that opens with a verb ("Conceded defeat in a statement posted
        // online": there the subject is the parser's slip).
        && !matches!(
            tags.first().map(|t| t.xpos),
            Some(Xpos::Vb | Xpos::Vbd | Xpos::Vbn | Xpos::Vbz | Xpos::Vbp | Xpos::Vbg)
        )
        && p.deprel(s) == Some(Deprel::Nsubj)
        && lexicon::classes_folded(words[i]).contains(Classes::VERB_PAST)
        && !p.children(i).any(|k| {
            p.deprel(k)
                .is_some_and(|d| d.is_aux_or_cop() || matches!(d, Deprel::OblAgent | Deprel::Mark))
        })
        && (tags[s].xpos == Xpos::Prp
            || ["this", "that", "these", "those"].iter().any(|w| words[s].eq_ignore_ascii_case(w))
            || has_complement(p, i))
}

/// Whether token `j` lies in a clause that depends on `root`'s: on its way up to `root`
/// it passes an adverbial, complement, subject or relative clause.
pub(super) fn in_subordinate_clause(p: &Parse, j: usize, root: usize) -> bool {
    passes_relation(p, j, root, |d| {
        matches!(
            d,
            Deprel::Advcl
                | Deprel::AdvclRelcl
                | Deprel::Ccomp
                | Deprel::Csubj
                | Deprel::CsubjPass
                | Deprel::CsubjOuter
                | Deprel::Acl
                | Deprel::AclRelcl
        )
    })
}

/// Whether token `j` lies in a clause that modifies a noun (a relative clause, with or
/// without its relative word) on its way up to `root`.
pub(super) fn in_relative_clause(p: &Parse, j: usize, root: usize) -> bool {
    passes_relation(p, j, root, |d| matches!(d, Deprel::Acl | Deprel::AclRelcl))
}

/// Whether the way up from token `j` to `root` passes a token attached by a relation
/// `kind` accepts (`root`'s own relation not counted).
fn passes_relation(p: &Parse, j: usize, root: usize, kind: impl Fn(Deprel) -> bool) -> bool {
    let mut at = j;
    for _ in 0..p.len() {
        if at == root {
            return false;
        }
        if p.deprel(at).is_some_and(&kind) {
            return true;
        }
        match p.head(at) {
            Some(h) => at = h,
            None => return false,
        }
    }
    false
}

/// Whether token `j` lies in the subtree of token `s`.
pub(super) fn descends_from(p: &Parse, j: usize, s: usize) -> bool {
    let mut at = j;
    for _ in 0..p.len() {
        if at == s {
            return true;
        }
        match p.head(at) {
            Some(h) => at = h,
            None => return false,
        }
    }
    false
}
