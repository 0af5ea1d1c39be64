//! `capitalization`: heading case, `style = "title"` or `"sentence"`, with `exceptions`
//! (words kept as written: names, brands, particles). One finding per heading.
//!
//! - Title case: the first word (and the first after `:` or a dash) capitalised; other words
//!   capitalised too, except articles, coordinating conjunctions and short prepositions
//!   (`a an the and but or nor of to at by for via per vs`), which are flagged only when
//!   capitalised mid-heading (the last word may be either); prepositions and particles that
//!   styles treat differently (`as in on up off out with from into over than like`, ...)
//!   are accepted in either case.
//! - Sentence case: the first word capitalised; a heading whose every longer word is
//!   capitalised is a title-case heading, flagged, with the capitals that the lexicon knows
//!   as ordinary lower-case words (not names) lowered in the suggestion.
//!
//! Words with capitals inside (`iPhone`, `McAllister`, `NASA`) and words that start with a
//! digit are left alone.

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::document::Document;
use crate::language::lexicon;
use crate::settings::error::Problem;
use crate::text::tokens::{Token, TokenKind};

use super::read;
use super::units::Unit;
use super::{Common, KindCx};

pub(super) const KEYS: &[&str] = &["style"];
pub(super) const PLACEHOLDERS: &[&str] = &["match", "style", "expected", "words"];
pub(super) const MESSAGE: &str = "Write headings in {style} case: '{expected}'.";

/// Words title case keeps lower-case mid-heading: flagged when capitalised there.
const MINOR: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "of", "to", "at", "by", "for", "via", "per", "vs",
    "vs.",
];

/// Words title case may leave lower-case (styles differ; some are also particles, as in
/// "Sets Up"): never flagged either way mid-heading.
const EITHER: &[&str] = &[
    "as", "in", "on", "up", "off", "out", "if", "so", "yet", "with", "from", "into", "onto",
    "over", "upon", "than", "like", "near",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Title,
    Sentence,
}

pub(crate) struct Capitalization {
    style: Style,
    exceptions: Vec<String>,
}

pub(super) fn compile(cx: &mut KindCx) -> Option<Capitalization> {
    let v = cx.required(
        "style",
        "a `capitalization` rule needs a `style`",
        "add `style = \"title\"` or `style = \"sentence\"`".into(),
    )?;
    let style = match read::choice(v, "style", &["title", "sentence"], &mut cx.problems)? {
        "title" => Style::Title,
        _ => Style::Sentence,
    };
    let mut exceptions = Vec::new();
    for e in &cx.exceptions {
        if e.value.trim().is_empty() || e.value.contains(char::is_whitespace) {
            cx.problems.push(Problem::new(
                e.span.clone(),
                "a `capitalization` exception is one word",
                "write each word of a name as its own exception",
            ));
        } else {
            exceptions.push(e.value.clone());
        }
    }
    Some(Capitalization { style, exceptions })
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn lower_first(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Capitals after the first letter: `iPhone`, `McAllister`, `NASA`, `U.S`.
fn inner_capitals(w: &str) -> bool {
    w.chars().skip(1).any(char::is_uppercase)
}

fn starts_lower(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A capitalised word the lexicon knows better as an ordinary lower-case word (`Floods`,
/// `Council`), not a name (`Ortega`, `March`).
fn ordinary_word(written: &str, lower: &str) -> bool {
    match (lexicon::lookup(written), lexicon::lookup(lower)) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(cap), Some(low)) => low.rank < cap.rank,
    }
}

/// A word token to judge: a word that starts with a letter, not a clitic.
fn judged(t: &Token, text: &str) -> bool {
    t.kind == TokenKind::Word && t.text(text).chars().next().is_some_and(char::is_alphabetic)
}

/// Tokens after which the next word starts afresh.
fn is_break(s: &str) -> bool {
    matches!(s, ":" | "—" | "–" | "--" | "|" | "?" | "!" | "?!")
}

/// One word of a heading, as judged.
struct Word<'a> {
    range: std::ops::Range<usize>,
    text: &'a str,
    /// First of its sentence.
    first: bool,
    /// First after a colon or dash.
    after_break: bool,
    last: bool,
}

impl Capitalization {
    /// The exception this word is, by case-insensitive comparison.
    fn exception(&self, w: &str) -> Option<&str> {
        self.exceptions
            .iter()
            .find(|e| e.to_lowercase() == w.to_lowercase())
            .map(String::as_str)
    }

    fn words<'a>(&self, u: &Unit, src: &'a str) -> Vec<Word<'a>> {
        let mut out = Vec::new();
        for (_, toks) in &u.sentences {
            let start = out.len();
            let mut opening = true;
            let mut broke = false;
            for t in &u.tokens[toks.clone()] {
                let s = t.text(u.text);
                if t.kind == TokenKind::Punct || t.kind == TokenKind::Symbol {
                    broke |= is_break(s);
                    continue;
                }
                if judged(t, u.text) {
                    out.push(Word {
                        range: t.start..t.end,
                        text: &src[t.start..t.end],
                        first: opening,
                        after_break: broke && !opening,
                        last: false,
                    });
                }
                opening = false;
                broke = false;
            }
            if out.len() > start
                && let Some(w) = out.last_mut()
            {
                w.last = true;
            }
        }
        out
    }

    /// The words to change, each with its replacement.
    fn offences(&self, words: &[Word]) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut longer_caps = 0;
        let mut longer_lower = 0;
        for (i, w) in words.iter().enumerate() {
            if let Some(e) = self.exception(w.text) {
                // A name or brand with its own capitals: `iPhone`, `YouTube`.
                if e != w.text && inner_capitals(e) {
                    out.push((i, e.to_string()));
                }
                continue;
            }
            if inner_capitals(w.text) {
                continue;
            }
            let lower = w.text.to_lowercase();
            let opens = w.first || w.after_break && self.style == Style::Title;
            if opens {
                if starts_lower(w.text) {
                    out.push((i, capitalize(w.text)));
                }
                continue;
            }
            if w.after_break {
                // Sentence case: after a colon or dash, either case.
                continue;
            }
            match self.style {
                Style::Title => {
                    if MINOR.contains(&lower.as_str()) {
                        if starts_upper(w.text) && !w.last {
                            out.push((i, lower_first(w.text)));
                        }
                    } else if EITHER.contains(&lower.as_str()) {
                        // Either case is some style's title case.
                    } else if starts_lower(w.text) {
                        out.push((i, capitalize(w.text)));
                    }
                }
                Style::Sentence => {
                    if w.text.chars().count() >= 4 {
                        if starts_upper(w.text) {
                            longer_caps += 1;
                        } else {
                            longer_lower += 1;
                        }
                    }
                }
            }
        }
        if self.style == Style::Sentence && longer_caps >= 2 && longer_lower == 0 {
            for (i, w) in words.iter().enumerate() {
                if w.first || w.after_break || !starts_upper(w.text) || inner_capitals(w.text) {
                    continue;
                }
                if self.exception(w.text).is_some() || w.text == "I" {
                    continue;
                }
                let lower = lower_first(w.text);
                let minor = MINOR.contains(&w.text.to_lowercase().as_str());
                let ordinary = ordinary_word(w.text, &lower);
                if minor || ordinary {
                    out.push((i, lower));
                }
            }
            out.sort_by_key(|(i, _)| *i);
        }
        out
    }

    pub(super) fn check(
        &self,
        c: &Common,
        doc: &Document,
        units: &[&Unit],
        out: &mut Vec<Diagnostic>,
    ) {
        let style = match self.style {
            Style::Title => "title",
            Style::Sentence => "sentence",
        };
        for u in units {
            let words = self.words(u, &doc.source);
            let offences = self.offences(&words);
            if offences.is_empty() {
                continue;
            }
            let mut expected = String::new();
            let mut at = u.range.start;
            let mut edits = Vec::new();
            for (i, replacement) in &offences {
                let r = words[*i].range.clone();
                expected.push_str(&doc.source[at..r.start]);
                expected.push_str(replacement);
                at = r.end;
                edits.push(Edit {
                    range: r,
                    replacement: replacement.clone(),
                });
            }
            expected.push_str(&doc.source[at..u.range.end]);
            let listed = offences
                .iter()
                .map(|(i, _)| words[*i].text)
                .collect::<Vec<_>>()
                .join("', '");
            let written = &doc.source[u.range.clone()];
            let d = c
                .diag(
                    u.range.clone(),
                    &[
                        ("match", written),
                        ("style", style),
                        ("expected", &expected),
                        ("words", &listed),
                    ],
                )
                .fix(format!("write '{expected}'"), Applicability::Unsafe, edits);
            out.push(d);
        }
    }
}
