use super::main_clause::{in_relative_clause, in_subordinate_clause};
use super::visit::{
    FRAGMENT_MAX_WORDS, Visit, blog_style, for_each_sentence, long_with_verb,
    multiword_subordinator,
};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
use crate::document::Document;
use crate::language::clause::{self, Pos, Sent, words};
use crate::language::lexicon::{self, Classes};
use crate::language::parser::Deprel;
use crate::language::tagger::{Upos, Xpos};
use crate::rules::{Context, Rule, RuleDoc, on};
use crate::text::tokens::TokenKind;

pub struct SentenceFragment;

static DOC: RuleDoc = RuleDoc {
    id: "sentence-fragment",
    summary: "a body sentence with no main clause (\"While the vote was held.\")",
    default: on(Severity::Error),
    flags: "A sentence in a body paragraph that has no main clause: no finite verb at all \
            (a noun phrase, a prepositional phrase, an infinitive or participle phrase), or \
            finite verbs only inside a subordinate or relative clause (\"Because the council \
            voted.\", \"In the talks we are having about it.\"). Headings, list items, table \
            cells, captions, credits, datelines, bylines, quotations, questions, \
            exclamations, thanks and greetings (\"Many thanks to the reviewers.\"), sentences \
            of fewer than four words and sentences of more than 24 words that have a verb are \
            left alone, as are verbless sentences with a colon or a dash. In the `blog` \
            style (see `style` in the configuration; by default a draft with code or \
            written in the first person), where a short verbless sentence is often \
            deliberate, only a sentence whose \"its\" stands for \"it's\" and an absolute \
            phrase left standing (\"The idea being that ...\") are reported.",
    why: "A stray full stop in rushed copy often cuts a clause from the sentence it belongs \
          to; the reader is left with a piece that says nothing on its own.",
    example: "The harbour board met on Thursday. To discuss a plan to dredge the channel.\n",
    instead: "The harbour board met on Thursday to discuss a plan to dredge the channel.",
    fix: "When the fragment plainly continues the sentence before it (an infinitive of \
          purpose, a subordinate clause), an unsafe fix joins the two; otherwise the notes \
          show how the joined text would read.",
};

impl Rule for SentenceFragment {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for_each_sentence(doc, |v| {
            let before = out.len();
            check_visit(doc, v, out);
            if out.len() > before {
                match its_for_it_is(v) {
                    // The slip is the apostrophe: say so, point at the word, and leave out
                    // the advice to join the sentence to another.
                    Some(i) => {
                        let its = v.word(i);
                        let it_is = if its.starts_with('I') { "It's" } else { "it's" };
                        let t = v.toks()[i];
                        for d in &mut out[before..] {
                            d.message = format!(
                                "'{its}' here should be '{it_is}' (it is): as written, this \
                                 sentence has no main verb"
                            );
                            d.notes.clear();
                            d.labels.push(Label {
                                range: t.start..t.end,
                                message: format!("'{it_is}' was meant"),
                            });
                            d.help = Some(format!("write '{it_is}'"));
                            d.fixes = vec![Fix {
                                title: format!("write '{it_is}'"),
                                applicability: Applicability::Unsafe,
                                edits: vec![Edit {
                                    range: t.start..t.end,
                                    replacement: it_is.to_string(),
                                }],
                            }];
                        }
                    }
                    // In posts, a verbless sentence is often deliberate; an absolute phrase
                    // left standing ("The idea being that …") is not.
                    None if blog_style(cx.settings, doc) && !absolute_phrase(v) => {
                        out.truncate(before)
                    }
                    None => {}
                }
            }
        });
    }
}

/// A noun phrase and "being" or "having" with no finite verb before it: an absolute phrase
/// cut off its sentence ("The idea being that the rules would change.").
fn absolute_phrase(v: &Visit) -> bool {
    let tags = v.tags();
    (1..tags.len()).any(|i| {
        matches!(v.word(i), "being" | "having")
            && matches!(
                tags[i - 1].xpos,
                Xpos::Nn | Xpos::Nns | Xpos::Nnp | Xpos::Nnps
            )
            && !tags[..i]
                .iter()
                .any(|t| matches!(t.xpos, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp | Xpos::Md))
    })
}

/// The token "its" where "it's" was meant, in a sentence reported as a fragment: "its"
/// followed by a word that cannot follow a possessive ("its a", "its not", "its been",
/// "its more of"). A slip in any register, posts included.
fn its_for_it_is(v: &Visit) -> Option<usize> {
    let toks = v.toks();
    (0..toks.len().saturating_sub(1)).find(|&i| {
        if !v.word(i).eq_ignore_ascii_case("its") {
            return false;
        }
        let next = v.word(i + 1).to_ascii_lowercase();
        match next.as_str() {
            "a" | "an" | "the" | "not" | "been" | "being" | "going" | "also" | "just" | "still"
            | "really" | "probably" | "actually" | "likely" | "already" | "now" | "too"
            | "very" | "so" => true,
            "more" | "less" => matches!(v.word(i + 2), "of" | "than"),
            _ => false,
        }
    })
}

/// One sentence's findings, whatever the style.
fn check_visit(doc: &Document, v: &Visit, out: &mut Vec<Diagnostic>) {
    {
        {
            if !v.ends_with_stop() || formula(v) {
                return;
            }
            if v.toks().len() < 5 {
                short_phrase(doc, v, out);
                return;
            }
            if !may_be_fragment(v) || plain_main_clause(v) {
                second_reading(doc, v, out);
                return;
            }
            let before = out.len();
            check_sentence(doc, v, &v.sent(), out);
            if out.len() == before {
                second_reading(doc, v, out);
                return;
            }
            // Reported only when the dependency parse agrees there is no main clause, and
            // the sentence is short enough for the parse to be trusted when it has a verb.
            if out.len() > before
                && (long_with_verb(v, FRAGMENT_MAX_WORDS) || v.parse_has_main_clause())
            {
                out.truncate(before);
            }
        }
    }
}

/// The fragments whose shape the parse settles where the clause analysis reads a main verb
/// (a participle or a verb inside the clause): a short sentence, after another in its
/// paragraph and with no comma, that opens with a subordinating word the parse attaches
/// to its root ("Unless volunteers can no longer be found."), with a participle and no
/// finite verb at all ("Giving the packagers more time to test it."), or with "according
/// to" ("According to the notes published on Tuesday."), and that no reading of the
/// parse gives a main clause.
fn second_reading(doc: &Document, v: &Visit, out: &mut Vec<Diagnostic>) {
    const SUBORDINATORS: &[&str] = &[
        "unless",
        "although",
        "because",
        "whereas",
        "whilst",
        "while",
        "if",
        "provided",
        "providing",
        "so",
        "as",
        "even",
        "though",
    ];
    const MAX_WORDS: usize = 16;
    let toks = v.toks();
    let first = v.word(0);
    let opener = if SUBORDINATORS.iter().any(|w| first.eq_ignore_ascii_case(w))
        || multiword_subordinator(v)
    {
        Shape::Subordinate
    } else if first.eq_ignore_ascii_case("according") && v.word(1).eq_ignore_ascii_case("to")
        || ["instead", "ahead", "because", "regardless", "irrespective"]
            .iter()
            .any(|w| first.eq_ignore_ascii_case(w))
            && v.word(1).eq_ignore_ascii_case("of")
        || v.tags_upto(1).first().is_some_and(|t| t.xpos == Xpos::In) && {
            let c = v.doc.analysis.lex(&doc.prose).classes[v.block[v.index].tokens.start];
            c.contains(Classes::PREP) && !c.intersects(Classes::SUBORD)
        }
    {
        Shape::Phrase
    } else if v.tags_upto(1).first().is_some_and(|t| {
        // A participle by its form too ("Ping the team" is an imperative).
        let c = v.doc.analysis.lex(&doc.prose).classes[v.block[v.index].tokens.start];
        t.xpos == Xpos::Vbg && c.contains(Classes::VERB_ING)
            || t.xpos == Xpos::Vbn && c.contains(Classes::VERB_PAST_PART)
    }) {
        Shape::NounPhrase
    } else {
        return;
    };
    let prose = &doc.prose;
    if v.index == 0
        || toks.len() > MAX_WORDS + 1
        || toks[..toks.len() - 1].iter().any(|t| {
            matches!(
                t.text(prose),
                "," | ";" | ":" | "—" | "–" | "-" | "(" | "\"" | "“"
            )
        })
        || clause::has_quote_in(prose, toks, v.open[v.index])
    {
        return;
    }
    let tags = v.tags();
    let message = match opener {
        Shape::Subordinate => {
            // "So that …", "As long as …", "Even though …": the word the parse marks.
            let p = v.parse();
            let Some(root) = p.root() else { return };
            let marked = (0..toks.len().min(3)).any(|k| {
                p.deprel(k) == Some(Deprel::Mark)
                    && p.head(k) == Some(root)
                    && (k == 0 || !matches!(tags[k].xpos, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp))
            });
            // Words that can only subordinate need no mark from the parse.
            let plain = ["unless", "although", "whereas", "because", "whilst"]
                .iter()
                .any(|w| first.eq_ignore_ascii_case(w));
            if !marked && !plain && !multiword_subordinator(v) {
                return;
            }
            // The tagger may miss the subordinator ("Unless" as an adjective), and the parse
            // then finds the clause's own verb and subject: with one finite verb only, and
            // the subordinator inside that clause (not in a clause of its own before
            // another, and no second subject pronoun after it), the clause is all there is.
            if plain
                && tags.iter().filter(|t| t.finite).count() == 1
                && !in_subordinate_clause(p, 0, root)
                && !(2..toks.len()).any(|k| {
                    ["we", "they", "i", "he", "she"]
                        .iter()
                        .any(|w| v.word(k).eq_ignore_ascii_case(w))
                })
            {
                let s = v.sent();
                let d = Diagnostic::new(
                    DOC.id,
                    s.span(0, s.len()),
                    format!(
                        "this sentence is only a subordinate clause: '{first} ...' needs a main clause"
                    ),
                );
                out.push(suggest_join(doc, v, &s, d, Shape::Subordinate));
                return;
            }
            format!("this sentence is only a subordinate clause: '{first} ...' needs a main clause")
        }
        Shape::Phrase => {
            // No finite verb by the tagger either.
            if tags.iter().any(|t| t.finite) {
                return;
            }
            format!(
                "this sentence is only a prepositional phrase ('{first} ...'): it has no main verb"
            )
        }
        _ => {
            // No finite verb, no base form but after "to" ("…tools like these allow
            // vendoring" has its verb), and no past form after a noun that could be its
            // subject ("Switching to interned paths fixed it").
            let lex = &doc.analysis.lex(prose).classes[v.block[v.index].tokens.clone()];
            // (A past form right after an opening "having" is its participle.)
            let having = first.eq_ignore_ascii_case("having");
            // A verb inside a clause that the parse hangs from the participle (a relative
            // clause: "Emptying the village of the families it needs.") is no main verb.
            let mut parse = None;
            let mut dependent = |k: usize| {
                if tags[0].xpos != Xpos::Vbg {
                    return false;
                }
                let p = *parse.get_or_insert_with(|| v.parse());
                p.root() == Some(0) && in_relative_clause(p, k, 0)
            };
            if tags.iter().enumerate().any(|(k, t)| {
                !(having && k == 1 && t.xpos == Xpos::Vbd)
                    && (t.finite || matches!(t.xpos, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp | Xpos::Md))
                    || t.xpos == Xpos::Vb && k > 0 && tags[k - 1].xpos != Xpos::To
                    || k > 0
                        && t.xpos == Xpos::Vbn
                        && lex[k].contains(Classes::VERB_PAST)
                        && matches!(
                            tags[k - 1].xpos,
                            Xpos::Nn | Xpos::Nns | Xpos::Nnp | Xpos::Nnps | Xpos::Prp
                        )
            } && !dependent(k)) {
                return;
            }
            format!(
                "this sentence is only a participle phrase ('{first} ...'): it has no main verb"
            )
        }
    };
    if v.parse_has_main_clause() {
        return;
    }
    let s = v.sent();
    let shape = if opener == Shape::NounPhrase {
        Shape::Phrase
    } else {
        opener
    };
    let d = Diagnostic::new(DOC.id, s.span(0, s.len()), message);
    out.push(suggest_join(doc, v, &s, d, shape));
}

/// A prepositional phrase of two or three words standing between two sentences of its
/// paragraph ("The crew abandoned ship. Into the sea. All six were rescued."), unless it
/// is a set phrase ("In the end.", "Of course.").
fn short_phrase(doc: &Document, v: &Visit, out: &mut Vec<Diagnostic>) {
    const SET_PHRASES: &[&str] = &[
        "the end",
        "the meantime",
        "the way",
        "the contrary",
        "the whole",
        "the record",
        "the moment",
        "the past",
        "the future",
        "the long run",
        "the same time",
        "the least",
        "the most",
        "the first place",
        "the rescue",
        "the point",
        "a way",
        "a sense",
        "a nutshell",
        "a word",
        "the meanwhile",
    ];
    let toks = v.toks();
    let words = toks.len() - 1;
    if !(2..=3).contains(&words)
        || v.index == 0
        || v.index + 1 >= v.block.len()
        || toks[..words].iter().any(|t| t.kind != TokenKind::Word)
    {
        return;
    }
    let prose = &doc.prose;
    let lex = &doc.analysis.lex(prose).classes[v.block[v.index].tokens.clone()];
    let tags = v.tags();
    let rest = toks[1..words]
        .iter()
        .map(|t| t.text(prose).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    if tags[0].xpos != Xpos::In
        || !lex[0].contains(Classes::PREP)
        || lex[0].intersects(Classes::SUBORD)
        || !matches!(tags[1].xpos, Xpos::Dt | Xpos::PrpS)
        || SET_PHRASES.contains(&rest.as_str())
        || tags[1..words]
            .iter()
            .any(|t| matches!(t.upos, Upos::Verb | Upos::Aux))
    {
        return;
    }
    let first = v.word(0);
    let s = v.sent();
    let d = Diagnostic::new(
        DOC.id,
        s.span(0, s.len()),
        format!(
            "this sentence is only a prepositional phrase ('{first} ...'): it has no main verb"
        ),
    );
    out.push(suggest_join(doc, v, &s, d, Shape::Phrase));
}

/// Thanks and greetings, which are verbless by convention: "Many thanks to the reviewers
/// for their patience.", "Happy birthday to the project.", "Welcome to the team." Thanks
/// that could instead be "thanks to" meaning "because of" count only with a "for" or
/// "who" after them, or a word such as "many" before.
fn formula(v: &Visit) -> bool {
    const LEAD: &[&str] = &[
        "a",
        "also",
        "and",
        "big",
        "extra",
        "heartfelt",
        "huge",
        "many",
        "massive",
        "my",
        "our",
        "special",
        "sincere",
        "warm",
        "warmest",
        "additional",
        "again",
        "best",
        "with",
        "good",
    ];
    const THANKS: &[&str] = &[
        "thanks",
        "thank",
        "thank-you",
        "thankyou",
        "wishes",
        "luck",
        "kudos",
        "shout-out",
        "shout-outs",
        "shoutout",
        "shoutouts",
        "props",
        "gratitude",
    ];
    const GREETING: &[&str] = &[
        "congratulations",
        "congrats",
        "cheers",
        "greetings",
        "hello",
        "hi",
        "welcome",
        "happy",
        "merry",
        "farewell",
        "goodbye",
        "bravo",
    ];
    let toks = v.toks();
    let mut i = 0;
    while i < toks.len().min(3) && LEAD.iter().any(|w| v.word(i).eq_ignore_ascii_case(w)) {
        i += 1;
    }
    let head = v.word(i);
    if GREETING.iter().any(|w| head.eq_ignore_ascii_case(w)) {
        return true;
    }
    // "Thanks to" may mean "because of"; "kudos to", "shout-out to" cannot.
    let plain_thanks = head.eq_ignore_ascii_case("thanks") || head.eq_ignore_ascii_case("thank");
    THANKS.iter().any(|w| head.eq_ignore_ascii_case(w))
        && (i > 0
            || !plain_thanks
            || (i + 1..toks.len()).any(|k| {
                v.word(k).eq_ignore_ascii_case("for") || v.word(k).eq_ignore_ascii_case("who")
            }))
}

/// Sentence kinds the rule reports.
enum Kind {
    /// No finite verb at all.
    Verbless,
    /// Finite verbs, each inside a subordinate or relative clause.
    Subordinate,
    /// A fronted phrase whose noun carries the only clause ("In the talks we are having").
    Relative(std::ops::Range<usize>),
}

/// The first tests of [`check_sentence`], made on the words alone (no tags, no clause
/// analysis): when this is false, `check_sentence` reports nothing, whatever the tags say.
/// Exact: every kind it reports is exempt in a sentence with a quoted token
/// (`verbless_exempt`, `subordinate_exempt`, the relative case), `has_quote_in` is
/// `Sent::has_quote`, the keys are those `Sent::is` and `Sent::is_any` compare, and the
/// classes those `Sent::classes` reads.
fn may_be_fragment(v: &Visit) -> bool {
    let toks = v.toks();
    let prose = &v.doc.prose;
    if clause::has_quote_in(prose, toks, v.open[v.index]) {
        return false;
    }
    let Some(first) = toks.first() else {
        return false;
    };
    if first.kind != TokenKind::Word
        || toks
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            .count()
            < 4
    {
        return false;
    }
    let k0 = clause::key_fast(first.text(prose));
    let k1 = clause::key_fast(toks.get(1).map_or("", |t| t.text(prose)));
    let classes = v.doc.analysis.lex(prose).classes[v.block[v.index].tokens.start];
    !(exempt_opening(k0, k1, classes) || k0 == const { clause::key("that") })
}

/// The openings `check_sentence` leaves alone whatever follows, told by the keys of the
/// first two tokens and the first one's classes.
fn exempt_opening(k0: clause::Key, k1: clause::Key, first: Classes) -> bool {
    const SO: clause::Key = clause::key("so");
    const EVEN: clause::Key = clause::key("even");
    const THAT: clause::Key = clause::key("that");
    EXEMPT_OPENERS_K.contains(k0)
        || first == Classes::INTERJ
        || k0 == SO && k1 != THAT
        || k0 == EVEN && !words!["though", "if", "when", "after", "before", "as"].contains(k1)
}

/// How many tokens [`plain_main_clause`] tags before it knows it needs more.
const PLAIN_SCAN_FIRST: usize = 5;

/// A cheap test on the tagger's output: a finite verb with no clause-opening word before
/// it, in a sentence that does not open with a preposition, is a main clause.
fn plain_main_clause(v: &Visit) -> bool {
    // Most sentences settle it within their first words: tag those first, and the rest
    // only when the scan gets there.
    let mut tags = v.tags_upto(PLAIN_SCAN_FIRST);
    if tags
        .first()
        .is_none_or(|t| matches!(t.xpos, Xpos::In | Xpos::To))
    {
        return false;
    }
    // The slices once, not per token (`Visit::word` re-slices on every call).
    let toks = v.toks();
    let prose = &v.doc.prose;
    let classes = &v.doc.analysis.lex(prose).classes[v.block[v.index].tokens.clone()];
    for i in 0..toks.len() {
        if i == tags.len() {
            tags = v.tags();
        }
        let Some(t) = tags.get(i) else {
            break;
        };
        let w = toks[i].text(prose);
        // "that" has no apostrophe, so only a four-byte word can equal it.
        let opener = matches!(
            t.xpos,
            Xpos::In | Xpos::Wdt | Xpos::Wp | Xpos::Wrb | Xpos::WpS
        ) || matches!(w, "\"" | "“" | "‘" | "," | ";" | ":" | "(" | "—" | "–")
            || w.len() == 4 && w.eq_ignore_ascii_case("that");
        if opener {
            return false;
        }
        if i > 0 && matches!(t.xpos, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp | Xpos::Md) {
            // Only a word that cannot be a noun ("rose", "talks" can).
            let c = if toks[i].kind == TokenKind::Word {
                classes[i]
            } else {
                lexicon::classes_folded(w)
            };
            let plain_verb = c.intersects(Classes::AUX | Classes::MODAL)
                || !c.is_empty()
                    && !c.intersects(Classes::ANY_NOUN | Classes::PROPER | Classes::ADJ);
            if plain_verb && w.chars().next().is_some_and(char::is_lowercase) {
                return true;
            }
        }
    }
    false
}

fn check_sentence(doc: &Document, v: &Visit, s: &Sent, out: &mut Vec<Diagnostic>) {
    if s.is_empty() || s.starts_quoted || s.quoted(0) || !s.ends_with_stop() {
        return;
    }
    if s.word_count() < 4 || !s.is_word(0) {
        return;
    }
    // Cheap lexical exemptions before anything else.
    if exempt_opening(
        clause::key_fast(s.w(0)),
        clause::key_fast(s.w(1)),
        s.classes(0),
    ) {
        return;
    }
    let kind = if s.groups().is_empty() {
        if verbless_exempt(s) {
            return;
        }
        Kind::Verbless
    } else if s.main_groups().next().is_none() {
        if subordinate_exempt(s) {
            return;
        }
        Kind::Subordinate
    } else if let Some(r) = s.relative_only() {
        if s.has_quote() {
            return;
        }
        Kind::Relative(r)
    } else {
        return;
    };
    // A split after a lower-case abbreviation ("for c. 200 dollars") is the splitter's.
    if v.index > 0
        && let Some(p) = v.neighbour(v.index - 1)
        && !p.is_empty()
    {
        let last = p.w(p.len() - 1);
        let before = if p.len() > 1 { p.w(p.len() - 2) } else { "" };
        let short_lower = |w: &str| {
            w.len() <= 6 && w.chars().next().is_some_and(char::is_lowercase) && w != "etc."
        };
        if last.ends_with('.') && last.len() > 1 && short_lower(last)
            || last == "." && before.len() == 1 && short_lower(before)
        {
            return;
        }
    }
    // "That ..." alone is either an orphaned clause (its own rule) or a subject clause
    // whose verb the analysis missed.
    if s.is(0, "that") {
        return;
    }
    // Other rules say it better.
    if s.subjectless().is_some() {
        return;
    }
    if s.orphan_that().is_some()
        && v.index > 0
        && v.neighbour(v.index - 1)
            .and_then(|p| p.reporting_host())
            .is_some()
    {
        return;
    }
    let range = s.span(0, s.len());
    let first = s.w(0);
    let opener = format!("{first} ...");
    let (message, shape) = match &kind {
        Kind::Verbless => {
            if s.pos(0) == Pos::To && s.pos(1) == Pos::Vb {
                (
                    format!(
                        "this sentence is only an infinitive phrase ('{opener}'): it has no main verb"
                    ),
                    Shape::Infinitive,
                )
            } else if s.introduces(0) || s.is_any(0, clause::SUBORDINATORS_K) {
                (
                    format!(
                        "this sentence is only a subordinate clause: '{opener}' needs a main clause"
                    ),
                    Shape::EmptySubordinate,
                )
            } else if s.pos(0) == Pos::In {
                (
                    format!(
                        "this sentence is only a prepositional phrase ('{opener}'): it has no main verb"
                    ),
                    Shape::Phrase,
                )
            } else if matches!(s.pos(0), Pos::Vbg | Pos::Vbn) {
                (
                    format!(
                        "this sentence is only a participle phrase ('{opener}'): it has no main verb"
                    ),
                    Shape::Phrase,
                )
            } else {
                (
                    "this sentence has no main verb".to_string(),
                    Shape::NounPhrase,
                )
            }
        }
        Kind::Subordinate => {
            if s.introduces(0) {
                let shape =
                    if s.relative_word(0) && !s.is_any(0, words!["when", "where", "whether"]) {
                        Shape::Relative
                    } else {
                        Shape::Subordinate
                    };
                (
                    format!(
                        "this sentence is only a subordinate clause: '{opener}' needs a main clause"
                    ),
                    shape,
                )
            } else {
                let g = &s.groups()[0];
                let verb = doc.prose[s.span(g.range.start, g.range.end)].to_string();
                (
                    format!(
                        "this sentence has no main verb: its only verb, '{verb}', sits in a subordinate clause"
                    ),
                    if s.pos(0) == Pos::In || matches!(s.pos(0), Pos::Vbg | Pos::Vbn) {
                        Shape::Phrase
                    } else {
                        Shape::NounPhrase
                    },
                )
            }
        }
        Kind::Relative(r) => {
            let verb = doc.prose[s.span(r.start, r.end)].to_string();
            (
                format!(
                    "this sentence has no main verb: its only verb, '{verb}', sits in a relative clause"
                ),
                Shape::Phrase,
            )
        }
    };
    let mut d = Diagnostic::new(DOC.id, range, message);
    d = suggest_join(doc, v, s, d, shape);
    out.push(d);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Infinitive,
    Subordinate,
    Relative,
    EmptySubordinate,
    Phrase,
    NounPhrase,
}

/// Notes (and, when the join is plain, an unsafe fix) that join the fragment to the
/// sentence before or after it.
fn suggest_join(
    doc: &Document,
    v: &Visit,
    s: &Sent,
    mut d: Diagnostic,
    shape: Shape,
) -> Diagnostic {
    let prev = (v.index > 0)
        .then(|| v.neighbour(v.index - 1))
        .flatten()
        .filter(|p| complete(p) && p.ends_with_bare_stop());
    let next = v
        .neighbour(v.index + 1)
        .filter(|n| complete(n) && s.ends_with_bare_stop() && n.is_word(0));
    let frag_first = s.toks[0];
    let frag_stop = s.toks[s.len() - 1];
    let with_prev = |joiner: &str| -> Option<(Edit, String)> {
        let p = prev.as_ref()?;
        let stop = p.toks[p.len() - 1];
        let (lowered, n) = lower_first(s.w(0));
        let edit = Edit {
            range: stop.start..frag_first.start + n,
            replacement: format!("{joiner}{}", &lowered[..lowered.len() - (s.w(0).len() - n)]),
        };
        let text = format!(
            "{}{joiner}{lowered}{}",
            tail_words(&doc.prose[p.span(0, p.len() - 1)], 8),
            &doc.prose[frag_first.end..frag_stop.end]
        );
        Some((edit, squash(&text)))
    };
    let with_next = || -> Option<(Edit, String)> {
        let n = next.as_ref()?;
        let first = n.toks[0];
        let (lowered, k) = lower_first(n.w(0));
        let edit = Edit {
            range: frag_stop.start..first.start + k,
            replacement: format!(", {}", &lowered[..lowered.len() - (n.w(0).len() - k)]),
        };
        let text = format!(
            "{}, {lowered}{}",
            &doc.prose[frag_first.start..frag_stop.start],
            head_words(&doc.prose[first.end..n.toks[n.len() - 1].end], 8)
        );
        Some((edit, squash(&text)))
    };
    match shape {
        Shape::Infinitive | Shape::Subordinate | Shape::Relative => {
            let joiner = if shape == Shape::Relative { ", " } else { " " };
            if let Some((edit, text)) = with_prev(joiner) {
                d = d
                    .note(format!(
                        "joined to the sentence before, it reads: \"{text}\""
                    ))
                    .fix(
                        "join it to the sentence before",
                        Applicability::Unsafe,
                        vec![edit],
                    );
            }
        }
        Shape::EmptySubordinate => {
            if let Some((_, text)) = with_next() {
                d = d.note(format!(
                    "joined to the sentence after, it reads: \"{text}\""
                ));
            }
        }
        Shape::Phrase | Shape::NounPhrase => {
            let joiner = if shape == Shape::NounPhrase {
                ", "
            } else {
                " "
            };
            if let Some((_, text)) = with_prev(joiner) {
                d = d.note(format!(
                    "joined to the sentence before, it reads: \"{text}\""
                ));
            }
            if shape == Shape::Phrase
                && let Some((_, text)) = with_next()
            {
                d = d.note(format!(
                    "joined to the sentence after, it reads: \"{text}\""
                ));
            }
        }
    }
    d.help("join it to the sentence it belongs to, or give it a subject and a verb")
}

/// A neighbouring sentence that stands on its own.
fn complete(s: &Sent) -> bool {
    !s.is_empty()
        && !s.starts_quoted
        && !s.quoted(0)
        && s.main_groups().next().is_some()
        && s.subjectless().is_none()
        && s.orphan_that().is_none()
        && s.relative_only().is_none()
        && !s.is_any(0, clause::CONNECTIVES_K)
}

/// The word with its first letter lower-cased unless it is a name, and the byte length of
/// that first letter in the original.
fn lower_first(word: &str) -> (String, usize) {
    let n = word.chars().next().map_or(0, char::len_utf8);
    let lower = word.to_lowercase();
    let keep = word == "I" || lexicon::lookup(&lower).is_none_or(|e| e.classes == Classes::PROPER);
    if keep {
        (word.to_string(), n)
    } else {
        let mut out = word[..n].to_lowercase();
        out.push_str(&word[n..]);
        (out, n)
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tail_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("... {}", words[words.len() - n..].join(" "))
    }
}

fn head_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} ...", words[..n].join(" "))
    }
}

/// Openers of sentences that are verbless by style or by convention.
const EXEMPT_OPENERS_K: &clause::Words =
    &clause::Words::new(&clause::keys_of::<{ EXEMPT_OPENERS.len() }>(EXEMPT_OPENERS));
const EXEMPT_OPENERS: &[&str] = &[
    // style
    "hence",
    "thus",
    "not",
    "exactly",
    "just",
    "only",
    "small",
    "little",
    "never",
    "enough",
    "all",
    "yes",
    "no",
    "oh",
    "well",
    "ok",
    "okay",
    "thanks",
    "thank",
    "please",
    "sorry",
    "welcome",
    "congratulations",
    "and",
    "or",
    "but",
    "nor",
    "hardly",
    "much",
    "same",
    "ditto",
    "cue",
    "enter",
    "end",
    "case",
    "what",
    "who",
    "how",
    "why",
    "good",
    "pity",
    "shame",
    "more",
    "less",
    "fewer",
    "plus",
    "next",
    "first",
    "second",
    "third",
    "last",
    "finally",
    "then",
    "now",
    "meanwhile",
    "also",
    "again",
    "perhaps",
    "maybe",
    "probably",
    "certainly",
    "hopefully",
    "sadly",
    "luckily",
    "fortunately",
    "unfortunately",
    "ironically",
    "instead",
    "otherwise",
    "anyway",
    // credits, bylines, captions, datelines
    "by",
    "photo",
    "photos",
    "photograph",
    "photographs",
    "image",
    "images",
    "credit",
    "credits",
    "source",
    "sources",
    "reporting",
    "editing",
    "additional",
    "writing",
    "compiled",
    "produced",
    "illustration",
    "graphic",
    "video",
    "audio",
    "copyright",
    "contact",
    "tel",
    "phone",
    "email",
    "e-mail",
    "fax",
    "web",
    "website",
    "address",
    "note",
    "editor",
    "updated",
    "published",
    "posted",
    "correction",
    "clarification",
    "via",
    "pictured",
    "above",
    "below",
    "top",
    "left",
    "right",
    "clockwise",
    "inset",
    "file",
    "courtesy",
    "see",
    "related",
    "advertisement",
];

/// A sentence without a finite verb that is still no defect, or that the rule cannot judge.
fn verbless_exempt(s: &Sent) -> bool {
    if s.has_quote() {
        return true;
    }
    for i in 0..s.len() {
        let w = s.w(i);
        if matches!(
            w,
            ":" | ";" | "—" | "–" | "--" | "(" | "©" | "/" | "|" | "…" | "..."
        ) {
            return true;
        }
        if s.is_any(i, words!["copyright", "reserved"]) {
            return true;
        }
        let p = s.pos(i);
        // A base form outside "to", a modal or "do": perhaps a present tense the tagger
        // missed.
        if p == Pos::Vb && i > 0 {
            let before = s.pos(i - 1);
            if !(before == Pos::To
                || before == Pos::Md
                || s.is_any(
                    i - 1,
                    words!["not", "n't", "let", "help", "make", "made", "do", "did"],
                ))
            {
                return true;
            }
        }
        // "come in", "set off": a verb with its particle.
        if i + 1 < s.len()
            && s.classes(i).contains(Classes::VERB)
            && s.is_any(
                i + 1,
                words![
                    "in", "on", "up", "out", "off", "back", "down", "over", "away",
                ],
            )
            && !s.pos(i).is_verb()
            && s.pos(i + 1) != Pos::Dt
            && i > 0
            && matches!(s.pos(i - 1), Pos::Nnp | Pos::Nns)
        {
            return true;
        }
        // "come", "run": a participle that is also a plain form may be an imperative.
        if p == Pos::Vbn
            && i > 0
            && s.classes(i).contains(Classes::VERB)
            && s.classes(i).contains(Classes::VERB_PAST_PART)
        {
            return true;
        }
        // "A team led by ...": a past form after a noun may be a past tense.
        if matches!(p, Pos::Vbn | Pos::Vbd)
            && i > 0
            && matches!(s.pos(i - 1), Pos::Nn | Pos::Nns | Pos::Nnp | Pos::Prp)
            && s.classes(i).contains(Classes::VERB_PAST)
        {
            return true;
        }
        if p == Pos::Vbz || p == Pos::Vbp || p == Pos::Vbd {
            return true;
        }
    }
    // A date or a name alone: "Saturday, September 12, 2015."
    let lowercase_content = (0..s.len()).any(|i| {
        s.is_word(i)
            && s.w(i).chars().next().is_some_and(char::is_lowercase)
            && !s.is_any(
                i,
                words!["of", "the", "and", "de", "la", "van", "von", "du", "der"],
            )
    });
    if !lowercase_content {
        let dated = (0..s.len()).any(|i| {
            s.pos(i) == Pos::Cd || s.toks[i].kind == crate::text::tokens::TokenKind::Number
        });
        if dated {
            return true;
        }
    }
    false
}

/// A sentence whose finite verbs all sit in subordinate clauses, but which is no defect or
/// cannot be judged.
fn subordinate_exempt(s: &Sent) -> bool {
    if s.has_quote() {
        return true;
    }
    // Comparisons: "More than we expected."
    let intro = (0..s.len()).find(|&i| s.introduces(i));
    if let Some(i) = intro
        && s.is_any(i, words!["than", "as"])
        && i > 0
    {
        return true;
    }
    // "Small wonder, then, that ...": a comma before the clause after a noun phrase marks
    // an elliptical comment.
    let phrase_opener =
        matches!(s.pos(0), Pos::In | Pos::To | Pos::Vbg | Pos::Vbn) || s.introduces(0);
    if let Some(i) = intro
        && i > 0
        && !phrase_opener
        && (0..i).any(|k| s.is_punct(k, ",") || s.is_punct(k, ":") || s.w(k) == "—")
    {
        return true;
    }
    // A noun phrase and its relative clause announcing what follows a colon ("One area
    // where the figures fell short: staff turnover."): a deliberate construction.
    if !phrase_opener && (0..s.len()).any(|k| s.is_punct(k, ":")) {
        return true;
    }
    // Only openers whose shape is known: a subordinator or relative word, a preposition, a
    // participle, "to", or a plain noun phrase.
    let p = s.pos(0);
    let known = s.introduces(0)
        || (s.is(0, "even") && s.introduces(1))
        || (s.is(0, "so") && s.is(1, "that"))
        || matches!(p, Pos::In | Pos::Vbg | Pos::Vbn | Pos::To)
        || matches!(
            p,
            Pos::Dt | Pos::Jj | Pos::Nn | Pos::Nns | Pos::Nnp | Pos::Cd | Pos::PrpS
        );
    !known
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `may_be_fragment` only turns away sentences in which `check_sentence` reports nothing.
    #[test]
    fn the_word_gate_never_hides_a_fragment() {
        let mut texts = vec![
            // Odd input: quotes of every kind, curly apostrophes, non-ASCII, long words,
            // openers the gate looks at.
            "The board met. \u{201c}To discuss the plan.\u{201d} Because the road flooded. \
             So that the ferry could run again. Even though nobody asked for it. Even the \
             harbour master and his deputy. That the channel would be dredged in May. \
             \u{2019}Tis the season for the long evenings. Na\u{ef}ve hopes for the \
             caf\u{e9} owners. Antidisestablishmentarianism and its many supporters. \
             \"While the vote was held.\" After the storm \u{2018}passed\u{2019} the town. \
             Wow, the crowds in the square. Thanks to the volunteers who came.\n"
                .to_string(),
        ];
        texts.extend(
            crate::rules::structure_test_texts()
                .into_iter()
                .map(|(_, text)| text),
        );
        let mut found = 0;
        let mut skipped = 0;
        for text in &texts {
            let doc = Document::parse(text);
            for_each_sentence(&doc, |v| {
                let mut out = Vec::new();
                check_sentence(&doc, v, &v.sent(), &mut out);
                let may = may_be_fragment(v);
                if !out.is_empty() {
                    found += 1;
                    assert!(may, "{}", &doc.prose[v.block[v.index].range.clone()]);
                }
                skipped += usize::from(!may);
            });
        }
        assert!(found >= 3, "only {found} fragments to check against");
        assert!(skipped > 100, "the word gate skips too little: {skipped}");
    }
}
