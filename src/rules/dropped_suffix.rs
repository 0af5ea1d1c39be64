use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{BlockKind, Document};
use crate::language::clause::REPORTING_VERBS;
use crate::language::lexicon::{self, Classes};
use crate::language::tagger::Xpos;
use crate::text::case::match_case;
use crate::text::tokens::{Token, TokenKind};

pub struct DroppedSuffix;

static DOC: RuleDoc = RuleDoc {
    id: "dropped-suffix",
    summary: "a word with its ending dropped (\"was reporte\", \"is include\", \"been disclose\")",
    default: on(Severity::Error),
    flags: "Two kinds of word that lost its ending. A non-word that is a real word minus its \
            ending (\"reporte\" for reported, \"announc\" for announced), when the lexicon knows \
            the full form and the words around it fit that form. And a base verb where the \
            grammar needs a participle: after a form of be, get or have, optionally through \
            adverbs (\"is include\", \"was anticipate to\", \"has not yet been disclose\"), when \
            the base form can only be a verb. Words that can be read as a noun or adjective in \
            that place (\"is complete\", \"was close to\", \"is due\", \"has been president\"), \
            participles that look like their base (\"is set\", \"was cut\"), a noun after an \
            empty subject (\"it was time to\", \"there is room to\"), a causative or possessive \
            have (\"having `cargo new` inject\", \"to have merge conflicts\"), an auxiliary \
            that ends a clause of its own (\"the tools we have mostly replace\"), capitalised \
            words (names), foreign phrases and vocabulary words are left alone.",
    why: "Dropped endings are the signature of copy pushed out before anyone read it; they \
          make a sentence ungrammatical and the reader stumbles on every one.",
    example: "The contract was initially reporte by the local paper. The final sum has not \
              yet been disclose.\n",
    instead: "The contract was initially reported by the local paper. The final sum has not \
              yet been disclosed.",
    fix: "Writes the full form, keeping the original case. Safe only for a non-word with one \
          full form that fits where it stands (\"reporte\" after \"was\" is \"reported\"); a base \
          verb after be or have gets an unsafe fix, since another repair may be meant (\"the \
          goal was reduce costs\" wants \"to reduce\"), and where several forms fit they are \
          shown.",
};

/// Endings a rushed writer drops, tried in order.
const ENDINGS: &[&str] = &["d", "ed", "e", "ing", "g", "n", "s", "es"];

/// Foreign words that look like truncated English ones ("ex parte", "al dente").
const FOREIGN: &[&str] = &[
    "parte", "dente", "carte", "vitae", "grata", "bene", "mente", "sine", "esse", "ipse",
    "corpore", "fide", "loco", "verbatim", "vive", "cause", "laude", "attache", "touche", "expose",
    "entree", "fiance", "fiancee", "protege", "resume", "cliche", "saute", "puree",
];

/// What the words before a slot require of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    /// After be, get or have: a past participle (or, after be, an -ing form).
    Participle { after_be: bool },
    /// After a modal, `to` or `do`: the base form.
    Base,
    /// Nothing known.
    Any,
}

fn is_be(w: &str) -> bool {
    matches!(
        w,
        "be" | "is" | "was" | "were" | "are" | "been" | "being" | "am"
    )
}

fn is_get(w: &str) -> bool {
    matches!(w, "get" | "gets" | "got" | "gotten" | "getting")
}

fn is_have(w: &str) -> bool {
    matches!(w, "has" | "have" | "had" | "having")
}

/// Adverbs that may stand between an auxiliary and its verb ("has not yet been").
fn is_adverb_between(w: &str) -> bool {
    if matches!(
        w,
        "not"
            | "n't"
            | "never"
            | "yet"
            | "also"
            | "already"
            | "just"
            | "still"
            | "now"
            | "first"
            | "then"
    ) {
        return true;
    }
    let Some(e) = lexicon::lookup(w) else {
        return false;
    };
    e.classes.contains(Classes::ADV)
        && !e
            .classes
            .intersects(Classes::ANY_NOUN | Classes::ANY_VERB | Classes::ANY_ADJ | Classes::PREP)
        && w.ends_with("ly")
}

/// The requirement that the words before token `i` put on it, and the index of the word that
/// sets it.
fn need_before(doc: &Document, toks: &[Token], i: usize) -> (Need, Option<usize>) {
    let mut j = i;
    let mut skipped = 0;
    while j > 0 {
        j -= 1;
        let t = toks[j];
        if t.kind != TokenKind::Word {
            return (Need::Any, None);
        }
        // Folded as `to_lowercase` and a straight apostrophe would fold it; a word in
        // lower-case ASCII (most words) is its own folding and needs no copy.
        let raw = t.text(&doc.prose);
        let w: std::borrow::Cow<str> = if raw.bytes().all(|b| b.is_ascii_lowercase()) {
            raw.into()
        } else {
            raw.to_lowercase().replace('’', "'").into()
        };
        if is_be(&w) {
            return (Need::Participle { after_be: true }, Some(j));
        }
        if is_get(&w) || is_have(&w) {
            return (Need::Participle { after_be: false }, Some(j));
        }
        if matches!(
            &*w,
            "will"
                | "would"
                | "can"
                | "could"
                | "shall"
                | "should"
                | "may"
                | "might"
                | "must"
                | "to"
                | "do"
                | "does"
                | "did"
        ) {
            return (Need::Base, Some(j));
        }
        if skipped < 3 && is_adverb_between(&w) {
            skipped += 1;
            continue;
        }
        return (Need::Any, None);
    }
    (Need::Any, None)
}

/// Whether the tagger reads token `i` of sentence `sentence` (whose tokens are `toks`) as
/// a verb with a preposition after it, as a passive with its phrase: a past participle
/// ("was quote in a newspaper") or a present tense, which cannot follow the auxiliary
/// ("was know to every fisherman"). Not "for", "of", "as", "like" or "than", which a noun
/// takes as readily ("was cover for the night shift").
fn participle_before_phrase(doc: &Document, toks: &[Token], sentence: usize, i: usize) -> bool {
    let preposition = toks.get(i + 1).is_some_and(|t| {
        t.kind == TokenKind::Word
            && !["for", "of", "as", "like", "than"]
                .iter()
                .any(|p| t.text(&doc.prose).eq_ignore_ascii_case(p))
    });
    if !preposition {
        return false;
    }
    let tags = doc.analysis.sentence_tags_upto(&doc.prose, sentence, i + 3);
    tags.get(i)
        .is_some_and(|t| matches!(t.xpos, Xpos::Vbn | Xpos::Vbp))
        && tags
            .get(i + 1)
            .is_some_and(|t| matches!(t.xpos, Xpos::In | Xpos::To))
}

/// Only a verb base, and nothing an adjective or participle could be: the words
/// [`DroppedSuffix::bare_base`] looks at.
fn verb_base_only(c: Classes) -> bool {
    c.contains(Classes::VERB)
        && !c.intersects(
            Classes::ANY_ADJ
                | Classes::ADV
                | Classes::PREP
                | Classes::VERB_PAST
                | Classes::VERB_PAST_PART
                | Classes::AUX
                | Classes::MODAL
                | Classes::CONJ
                | Classes::DET
                | Classes::PRON,
        )
}

/// A verb base that is otherwise only a rare adverb ("quote" as in "quote, unquote"):
/// reported only where the tagger reads it as a participle.
fn verb_base_or_adverb(c: Classes) -> bool {
    c.contains(Classes::ADV) && verb_base_only(Classes(c.0 & !Classes::ADV.0))
}

/// The adverbs that stress a place or a time ("slap in the middle", "bang on time"): they
/// stand before a preposition just where a participle would. (The words the lexicon has
/// as a verb, a noun and an adverb only: "plumb", also an adjective, never gets here.)
fn stresses_place(w: &str) -> bool {
    matches!(
        w,
        "bang" | "slap" | "smack" | "plunk" | "smash" | "bolt" | "plop" | "bump"
    )
}

fn fits(classes: Classes, need: Need) -> bool {
    match need {
        Need::Participle { after_be } => {
            classes.contains(Classes::VERB_PAST_PART)
                || (after_be && classes.contains(Classes::VERB_ING))
        }
        Need::Base => classes.contains(Classes::VERB),
        Need::Any => classes.intersects(
            Classes::VERB_PAST
                | Classes::VERB_PAST_PART
                | Classes::VERB_ING
                | Classes::VERB
                | Classes::NOUN,
        ),
    }
}

/// Does a neighbouring word look foreign or unknown too (a foreign phrase, a name)?
fn unknown_neighbour(doc: &Document, toks: &[Token], i: usize) -> bool {
    let known = |t: &Token| {
        t.kind != TokenKind::Word || {
            let w = t.text(&doc.prose);
            lexicon::is_word(w) || w.chars().next().is_some_and(char::is_uppercase)
        }
    };
    (i > 0 && !known(&toks[i - 1])) || toks.get(i + 1).is_some_and(|t| !known(t))
}

/// After the word at `i`: a passive's "by", or "to" and a verb ("to close").
fn passive_follows(doc: &Document, toks: &[Token], i: usize) -> bool {
    let word = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(&doc.prose))
    };
    match word(i + 1) {
        Some("by") => {
            toks.get(i + 2).is_some_and(|t| t.kind == TokenKind::Number)
                || word(i + 2).is_some_and(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        || lexicon::lookup(w).is_some_and(|e| {
                            e.classes.intersects(Classes::DET | Classes::PRON)
                                || e.classes.contains(Classes::NOUN)
                                    && !e.classes.intersects(Classes::VERB_ING)
                        })
                })
        }
        // "to close on Friday", "to close the plant": a verb; "to clean water": a noun phrase.
        Some("to") => word(i + 2).is_some_and(|w| {
            lexicon::lookup(w).is_some_and(|e| {
                e.classes.contains(Classes::VERB)
                    && !e.classes.intersects(Classes::DET)
                    && (!e.classes.intersects(Classes::ANY_NOUN | Classes::ANY_ADJ)
                        || toks.get(i + 3).is_none_or(|t| {
                            t.kind != TokenKind::Word
                                || lexicon::lookup(t.text(&doc.prose)).is_some_and(|n| {
                                    n.classes
                                        .intersects(Classes::DET | Classes::PRON | Classes::PREP)
                                })
                        }))
            })
        }),
        _ => false,
    }
}

/// "They were arrest in March", "have been charge with": right after a plural "were"/"are" or
/// after "been", a singular noun with no determiner cannot stand, so before a preposition (or,
/// after "been", at the end of the sentence) the word is a verb that lost its ending; after
/// "was"/"is"/"be", only before a preposition of place, source or time and its phrase.
fn plural_be_before(doc: &Document, toks: &[Token], i: usize) -> bool {
    let word = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(&doc.prose))
    };
    // The be-word, past any adverb between ("are also worry about", "was first mention in").
    let mut b = i;
    while b > 0 && word(b - 1).is_some_and(|w| w != "not" && is_adverb_between(w)) {
        b -= 1;
    }
    if b == 0 {
        return false;
    }
    // A phrase that opens a place, source or time: a preposition and the start of its noun
    // phrase (a determiner, a pronoun, a number or a name).
    let phrase_follows = |preps: &[&str]| {
        word(i + 1).is_some_and(|w| preps.contains(&w))
            && toks.get(i + 2).is_some_and(|t| {
                t.kind == TokenKind::Number
                    || t.kind == TokenKind::Word
                        && (t
                            .text(&doc.prose)
                            .starts_with(|c: char| c.is_ascii_uppercase())
                            || lexicon::lookup(t.text(&doc.prose)).is_some_and(|e| {
                                e.classes.intersects(Classes::DET | Classes::PRON)
                            }))
            })
    };
    const PLACE_TIME: &[&str] = &[
        "in", "on", "at", "from", "into", "behind", "during", "through", "across", "under",
        "without", "as",
    ];
    // After "been" or "being", an adjective may open the phrase too ("been hold behind
    // closed doors", "been treat for minor injuries").
    let adjective_phrase_follows = |preps: &[&str]| {
        word(i + 1).is_some_and(|w| preps.contains(&w))
            && word(i + 2).is_some_and(|w| {
                lexicon::lookup(w).is_some_and(|e| e.classes.intersects(Classes::ANY_ADJ))
            })
    };
    // "was rule out for offside", "were call off": a particle that only a verb takes.
    if matches!(
        word(b - 1),
        Some("was" | "is" | "be" | "were" | "are" | "been" | "being")
    ) && matches!(word(i + 1), Some("out" | "off" | "down" | "up"))
    {
        return true;
    }
    // After "been", a singular noun with no determiner cannot stand before any phrase of
    // place, time or manner, its own noun bare too ("been release on probation").
    let bare_phrase_follows = || {
        matches!(
            word(i + 1),
            Some("on" | "in" | "at" | "with" | "from" | "into" | "without" | "under" | "after")
        ) && word(i + 2).is_some_and(|w| w.bytes().all(|c| c.is_ascii_lowercase()))
    };
    match word(b - 1) {
        Some("were" | "are") => word(i + 1).is_some_and(|w| {
            matches!(
                w,
                "in" | "on"
                    | "at"
                    | "after"
                    | "from"
                    | "for"
                    | "with"
                    | "into"
                    | "over"
                    | "during"
                    | "since"
                    | "until"
                    | "before"
                    | "by"
                    | "without"
                    | "across"
                    | "about"
            )
        }),
        // "was kill in a crash", "is base on the novel": a singular count noun would need a
        // determiner here, so before a preposition that opens a place, source or time and
        // the phrase it governs, the word is a verb. ("The answer was time." and "the goal
        // is access for everyone" keep their noun: no such preposition and phrase follow.)
        // "was schedule for Thursday": "for" and a day, a date or a number.
        // "will be give to the winners": after a bare "be", "to" and its phrase too.
        Some("was" | "is" | "be") => {
            phrase_follows(PLACE_TIME)
                || word(b - 1) == Some("be") && phrase_follows(&["to"])
                || word(i + 1) == Some("for")
                    && toks.get(i + 2).is_some_and(|t| {
                        t.kind == TokenKind::Number
                            || t.kind == TokenKind::Word
                                && t.text(&doc.prose)
                                    .starts_with(|c: char| c.is_ascii_uppercase())
                    })
        }
        // "There has been support for the plan" keeps its noun.
        Some("been" | "being")
            if (b.saturating_sub(4)..b)
                .any(|k| word(k).is_some_and(|w| w.eq_ignore_ascii_case("there"))) =>
        {
            false
        }
        Some("been" | "being")
            if phrase_follows(&["for", "in", "on", "at", "behind", "to"])
                || adjective_phrase_follows(&["for", "in", "on", "at", "behind"])
                || bare_phrase_follows() =>
        {
            true
        }
        Some("been" | "being") => match toks.get(i + 1) {
            None => true,
            Some(t) if t.kind == TokenKind::Punct => {
                matches!(t.text(&doc.prose), "." | "!" | "?")
            }
            Some(_) => matches!(
                word(i + 1),
                Some("with" | "by" | "from" | "into" | "after" | "over" | "without" | "across")
            ),
        },
        _ => false,
    }
}

/// Whether the word at `range` is one of a pair joined by a slash ("encode/decode"), or part
/// of a dotted name ("assert.AssertionError", "os.path", "config.remove"): a letter or digit
/// and a full stop right before it, or a full stop right after it and a name that starts in
/// lower case or has a capital inside ("remove.The" is a missing space, not a name).
fn joined_name(prose: &str, range: std::ops::Range<usize>) -> bool {
    let b = prose.as_bytes();
    // "encode/decode errors": one of a pair of words set against each other.
    if b.get(range.end) == Some(&b'/') || range.start > 0 && b[range.start - 1] == b'/' {
        return true;
    }
    let before = range.start >= 2
        && b[range.start - 1] == b'.'
        && b[range.start - 2].is_ascii_alphanumeric();
    let name: Vec<u8> = match b.get(range.end) {
        Some(b'.') => b[range.end + 1..]
            .iter()
            .copied()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
            .collect(),
        _ => Vec::new(),
    };
    let after = name
        .first()
        .is_some_and(|c| !c.is_ascii_uppercase() || name[1..].iter().any(u8::is_ascii_uppercase));
    before || after
}

/// A determiner or object pronoun right after the word: it takes an object, so it is a verb.
fn object_follows(doc: &Document, toks: &[Token], i: usize) -> bool {
    toks.get(i + 1).is_some_and(|t| {
        t.kind == TokenKind::Word
            && matches!(
                t.text(&doc.prose),
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "this"
                    | "these"
                    | "those"
                    | "them"
                    | "him"
                    | "it"
                    | "us"
            )
    })
}

/// Whether the base form at `i`, after the auxiliary at `aux`, has a reading in which the
/// sentence is sound, so that it lost no ending:
/// - a noun after an empty subject: "it was time to go", "there is room to grow", "there will
///   be pressure to act";
/// - a causative or possessive have: "having `cargo new` inject members" (markup the prose
///   leaves out, a code span or a link, stands between them as the object), "to have merge
///   conflicts", "they have debug symbols" (the word modifies a noun after it), "you'd like to
///   have participate" (an infinitive "to have", which also takes an object left out);
/// - an auxiliary that ends a clause of its own: "the tools we have mostly replace the old
///   ones", "what its exact size is differ across machines".
fn other_reading(
    doc: &Document,
    toks: &[Token],
    i: usize,
    aux: usize,
    noun_too: bool,
    after_be: bool,
) -> bool {
    let word = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(&doc.prose).to_lowercase().replace('’', "'"))
    };
    let classes = |k: usize| {
        word(k)
            .and_then(|w| lexicon::lookup(&w))
            .map_or(Classes::EMPTY, |e| e.classes)
    };
    // The subject before the auxiliary, past modals and "not" ("there will not be").
    let mut k = aux;
    while k > 0
        && word(k - 1).is_some_and(|w| {
            matches!(
                w.as_str(),
                "will"
                    | "would"
                    | "can"
                    | "could"
                    | "should"
                    | "may"
                    | "might"
                    | "must"
                    | "not"
                    | "still"
                    | "also"
                    | "now"
                    | "always"
                    | "often"
                    | "usually"
            )
        })
    {
        k -= 1;
    }
    let subject = if k > 0 { word(k - 1) } else { None };
    // "Isn't research a one-off?", "Why was support so thin?": the auxiliary opens a
    // question and the subject comes after it.
    let opens = aux == 0
        || (aux == 1
            && word(0).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "why" | "how" | "where" | "when" | "what" | "who"
                )
            }));
    if opens
        && toks
            .last()
            .is_some_and(|t| t.kind == TokenKind::Punct && t.text(&doc.prose) == "?")
    {
        return true;
    }
    // After an existential "there", the word opens the noun phrase: "if there are merge
    // conflicts", "there were build failures".
    if after_be
        && subject
            .as_deref()
            .is_some_and(|w| matches!(w, "there" | "there's"))
    {
        return true;
    }
    if noun_too
        && after_be
        && subject.as_deref().is_some_and(|w| {
            matches!(
                w,
                "it" | "there" | "here" | "this" | "that" | "what" | "it's" | "there's"
            )
        })
    {
        return true;
    }
    // Markup between the auxiliary and the word: after have, its object in a code span or a
    // link; after be, a term set in emphasis ("is *append only*").
    let between = toks[aux].end..toks[i].start;
    if doc.source[between.clone()] != doc.prose[between] {
        return true;
    }
    if !after_be {
        if aux > 0 && word(aux - 1).as_deref() == Some("to") {
            return true;
        }
        let next = classes(i + 1);
        if next.intersects(Classes::ANY_NOUN)
            && !next.intersects(
                Classes::DET
                    | Classes::PRON
                    | Classes::PREP
                    | Classes::CONJ
                    | Classes::SUBORD
                    | Classes::ADV,
            )
        {
            return true;
        }
    }
    // "the benchmarks we have mostly exercise": a noun, a subject pronoun, the auxiliary.
    // (Not a reporting verb's past before the pronoun, "said he was shock by", whatever
    // its noun reading; "the cast we have" is a noun.)
    let reported = |k: usize| {
        classes(k).contains(Classes::VERB_PAST)
            && word(k).is_some_and(|w| {
                lexicon::verb_bases(&w)
                    .iter()
                    .any(|b| REPORTING_VERBS.contains(b))
            })
    };
    if aux >= 2
        && word(aux - 1)
            .is_some_and(|w| matches!(w.as_str(), "we" | "they" | "i" | "you" | "he" | "she"))
        && classes(aux - 2).intersects(Classes::ANY_NOUN)
        && !classes(aux - 2)
            .intersects(Classes::PRON | Classes::DET | Classes::PREP | Classes::CONJ)
        && !reported(aux - 2)
    {
        return true;
    }
    // "what its exact payload is differ": a wh-word and a noun phrase before the auxiliary.
    let mut j = aux;
    let mut steps = 0;
    while j > 0 && steps < 5 {
        j -= 1;
        steps += 1;
        let Some(w) = word(j) else { return false };
        if matches!(w.as_str(), "what" | "whatever" | "how" | "whether") {
            return steps > 1;
        }
        let c = classes(j);
        if !c.intersects(Classes::DET | Classes::ANY_ADJ | Classes::ANY_NOUN | Classes::PRON)
            || c.intersects(Classes::AUX | Classes::MODAL | Classes::VERB_PAST | Classes::VERB_3SG)
        {
            return false;
        }
    }
    false
}

impl DroppedSuffix {
    /// A non-word that is a known word minus its ending.
    /// `entry` is the lexicon's entry for the word (looked up by the caller, which only
    /// does so for words in lower-case ASCII).
    fn truncated(
        &self,
        cx: &Context,
        toks: &[Token],
        i: usize,
        entry: Option<lexicon::Entry>,
        out: &mut Vec<Diagnostic>,
    ) -> bool {
        let doc = cx.doc;
        let t = toks[i];
        let w = t.text(&doc.prose);
        if w.len() < 4 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
            return false;
        }
        // A common word is no truncation whatever the grammar around it (the test below,
        // taken first because it settles most words with one look-up).
        if entry.is_some_and(|e| e.rank < 80) {
            return false;
        }
        if cx.settings.knows_word(w) || FOREIGN.contains(&w) {
            return false;
        }
        // "somethin'", a word cut on purpose.
        if doc.prose[t.end..].starts_with(['\'', '’']) || unknown_neighbour(doc, toks, i) {
            return false;
        }
        let (need, _) = need_before(doc, toks, i);
        // With no grammar asking for a verb form, an unknown word in a technical text is
        // most often a name the lexicon lacks: a package, a type, a command ("the bundled
        // certifi package", "implements the body mixin").
        if need == Need::Any && doc.has_code() {
            return false;
        }
        // The lexicon's rarest level keeps archaic spellings ("develope", "edite"): where the
        // grammar asks for a verb form, they count as truncations, not as words.
        // For a lower-case ASCII word, `lookup_folded` is the exact look-up.
        if let Some(e) = entry
            && (e.rank < 80 || need == Need::Any)
        {
            return false;
        }
        let mut candidates: Vec<&'static str> = Vec::new();
        // The word with each ending, built in one buffer rather than a string apiece.
        let mut full = String::with_capacity(w.len() + 3);
        for ending in ENDINGS {
            full.clear();
            full.push_str(w);
            full.push_str(ending);
            if let Some(e) = lexicon::lookup(&full)
                && e.rank <= if need == Need::Any { 50 } else { 60 }
                && (need != Need::Any || w.len() >= 5)
                && (e.classes.intersects(Classes::ANY_VERB) || full.len() >= 7)
                && fits(e.classes, need)
                && !candidates.contains(&e.word)
            {
                candidates.push(e.word);
            }
        }
        let Some(&best) = candidates.first() else {
            return false;
        };
        let mut d = Diagnostic::new(
            DOC.id,
            t.start..t.end,
            format!("'{w}' looks like '{best}' with its ending dropped"),
        );
        if candidates.len() == 1 {
            let applicability = if need == Need::Any {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            d = d.replace_with(match_case(w, best), applicability);
        } else {
            d = d.note(format!(
                "it could also be {}",
                candidates[1..]
                    .iter()
                    .map(|c| format!("'{c}'"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
            for c in &candidates {
                d = d.replace_with(match_case(w, c), Applicability::Display);
            }
        }
        out.push(d.help("'{w}' is not an English word".replace("{w}", w)));
        true
    }

    /// A base verb where the grammar needs a participle: "is include", "has announce".
    fn bare_base(
        &self,
        cx: &Context,
        toks: &[Token],
        sentence: usize,
        i: usize,
        entry: Option<lexicon::Entry>,
        out: &mut Vec<Diagnostic>,
    ) {
        let doc = cx.doc;
        let t = toks[i];
        let w = t.text(&doc.prose);
        if !w.bytes().all(|b| b.is_ascii_lowercase()) {
            return;
        }
        let Some(e) = entry else { return };
        // (Every test before the message is a plain condition; the cheapest go first.)
        let adverb_too = verb_base_or_adverb(e.classes);
        if adverb_too && stresses_place(w) {
            return;
        }
        if !verb_base_only(e.classes) && !adverb_too {
            return;
        }
        if cx.settings.knows_word(w) {
            return;
        }
        // A word that is also a noun reads as one after "is" ("the goal is access"), unless a
        // passive's "by" or a "to"-infinitive follows: "was schedule to close", "was support
        // by the board", or the tagger reads it as a participle from the words around it
        // ("was quote in a newspaper as saying").
        // (A word that is also an adverb, only on the tagger's word: "was quite a few" has
        // a noun phrase after it.)
        // (The tagger is asked last, once an auxiliary before the word wants a participle.)
        let noun_too = e.classes.intersects(Classes::ANY_NOUN);
        let ask_tagger = adverb_too
            || noun_too
                && !passive_follows(doc, toks, i)
                && !plural_be_before(doc, toks, i)
                && !object_follows(doc, toks, i);
        let (need, Some(aux)) = need_before(doc, toks, i) else {
            return;
        };
        let Need::Participle { after_be } = need else {
            return;
        };
        if ask_tagger && !participle_before_phrase(doc, toks, sentence, i) {
            return;
        }
        // "has support", "have plans": after have, a noun is the natural reading, unless an
        // object follows ("have not yet release the terms").
        if noun_too && !after_be && !object_follows(doc, toks, i) {
            return;
        }
        if other_reading(doc, toks, i, aux, noun_too, after_be) {
            return;
        }
        let aux_word = toks[aux].text(&doc.prose).to_lowercase();
        // "All they did was complain": a pseudo-cleft takes the base form.
        if is_be(&aux_word)
            && toks[..aux].iter().any(|t| {
                t.kind == TokenKind::Word
                    && matches!(
                        t.text(&doc.prose).to_lowercase().as_str(),
                        "do" | "did" | "does" | "done"
                    )
            })
        {
            return;
        }
        // "had better go", "have to go" are handled by the adverb walk; "help" after "get"
        // ("get help") is a noun the lexicon knows.
        let Some(forms) = lexicon::verb_forms(w) else {
            return;
        };
        if forms.past_participle == w {
            return;
        }
        let aux_text = toks[aux].text(&doc.prose);
        out.push(
            Diagnostic::new(
                DOC.id,
                t.start..t.end,
                format!(
                    "'{w}' after '{aux_text}' should be '{}'",
                    forms.past_participle
                ),
            )
            .label(
                toks[aux].start..toks[aux].end,
                "this needs a participle after it",
            )
            .note("another repair may be meant (\"was reduce\" for \"was to reduce\"): read the sentence before applying the fix")
            .replace_with(match_case(w, forms.past_participle), Applicability::Unsafe),
        );
    }
}

impl Rule for DroppedSuffix {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let a = &doc.analysis;
        let lex = a.lex(&doc.prose);
        for (k, s) in a.sentences.iter().enumerate() {
            if doc.blocks[s.block].kind == BlockKind::AltText {
                continue;
            }
            let toks = &a.tokens[s.tokens.clone()];
            for i in 0..toks.len() {
                if toks[i].kind != TokenKind::Word {
                    continue;
                }
                let entry = lex.entries[s.tokens.start + i];
                // Most words settle here, before their text is read: a common word is no
                // truncation (`truncated` returns false for rank < 80 whatever the word),
                // and `bare_base` looks only at a word whose entry is a verb base.
                if entry.is_some_and(|e| {
                    e.rank < 80 && !verb_base_only(e.classes) && !verb_base_or_adverb(e.classes)
                }) {
                    continue;
                }
                // Both tests need the word in lower-case ASCII (each returns at once for
                // any other word), and then its exact entry.
                let t = toks[i];
                if !doc.prose.as_bytes()[t.start..t.end]
                    .iter()
                    .all(u8::is_ascii_lowercase)
                    || joined_name(&doc.prose, t.start..t.end)
                {
                    continue;
                }
                if !self.truncated(cx, toks, i, entry, out) {
                    self.bare_base(cx, toks, k, i, entry, out);
                }
            }
        }
    }
}
