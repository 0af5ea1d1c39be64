//! `conditional`: a term (by default an acronym) must be defined before its first bare use.
//!
//! `term` is a regex for a use, `definition` a regex for a definition; in each the first
//! capture group that takes part is the term (else the whole match). A use is fine when a
//! definition of the same term starts at or before it; only the first use of each term is
//! judged. `exceptions` lists terms that need no definition. Ordinary words and names
//! written in capitals (four letters or more: `NEVER`, `SEATTLE`), Roman numerals (`II`,
//! `XIV`) and datelines (`CHICAGO (AP) —`) are not terms.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use regex::{Captures, Regex};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::language::lexicon;
use crate::settings::Item;

use super::matcher::{build_regex, regex_problem};
use super::read;
use super::units::{Unit, trim_span};
use super::{Common, KindCx};

pub(super) const KEYS: &[&str] = &["term", "definition"];
pub(super) const PLACEHOLDERS: &[&str] = &["match", "term"];
pub(super) const MESSAGE: &str =
    "'{term}' is used before it is defined: spell it out first, as in 'Full Name ({term})'.";

/// An acronym: two or more capitals, digits after them allowed, a plural `s` not included.
pub const DEFAULT_TERM: &str = r"\b([A-Z]{2,}[0-9]*)s?\b";
/// `Full Name (ACR)`, `ACR (Full Name)`, `..., or ACR`, `known as ACR`, and a ticker after
/// its exchange, `(Nasdaq: ACR)`.
pub const DEFAULT_DEFINITION: &str = r"\(([A-Z]{2,}[0-9]*)s?\)|\([A-Za-z]+: ([A-Z]{2,}[0-9]*)\)|\b([A-Z]{2,}[0-9]*)s? \((?:the )?[A-Z][a-z]|, or (?:the )?([A-Z]{2,}[0-9]*)s?\b|\bknown as (?:the )?([A-Z]{2,}[0-9]*)s?\b";

pub(crate) struct Conditional {
    term: Regex,
    definition: Regex,
    exceptions: HashSet<String>,
}

fn pattern(cx: &mut KindCx, key: &str, default: &str) -> Option<Regex> {
    let item = match cx.fields.get(key) {
        Some(v) => read::string(v, key, &mut cx.problems)?,
        None => Item {
            value: default.to_string(),
            span: cx.kind_span.clone(),
        },
    };
    match build_regex(&item.value, cx.ignore_case) {
        Ok(re) if re.is_match("") => {
            cx.problems.push(crate::settings::error::Problem::new(
                item.span.clone(),
                format!("`{key}` matches empty text"),
                "this would match between every two characters",
            ));
            None
        }
        Ok(re) => Some(re),
        Err(e) => {
            cx.problems.push(regex_problem(&item, key, &e));
            None
        }
    }
}

pub(super) fn compile(cx: &mut KindCx) -> Option<Conditional> {
    let term = pattern(cx, "term", DEFAULT_TERM);
    let definition = pattern(cx, "definition", DEFAULT_DEFINITION);
    let exceptions = cx.exceptions.iter().map(|e| e.value.clone()).collect();
    Some(Conditional {
        term: term?,
        definition: definition?,
        exceptions,
    })
}

/// The term of a match: its first participating group, else the whole match.
fn term_of(caps: &Captures) -> Range<usize> {
    caps.iter()
        .skip(1)
        .flatten()
        .next()
        .or_else(|| caps.get(0))
        .map_or(0..0, |m| m.range())
}

/// A Roman numeral in canonical form (`II`, `XIV`, `MMXXIV`): not an acronym.
fn roman(term: &str) -> bool {
    fn value(c: char) -> Option<u32> {
        Some(match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        })
    }
    let Some(digits) = term.chars().map(value).collect::<Option<Vec<u32>>>() else {
        return false;
    };
    let mut total = 0;
    for (i, &d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(&next) if next > d => total -= d as i64,
            _ => total += d as i64,
        }
    }
    total > 0 && to_roman(total as u32) == term
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// An ordinary word or name written in capitals (`NEVER`, `SEATTLE`), not an acronym.
fn shouted_word(term: &str) -> bool {
    term.chars().count() >= 4
        && term.chars().all(|c| c.is_ascii_uppercase())
        && lexicon::is_word(term)
}

/// A dateline such as `SEATTLE (AP) —` or `ST. PAUL, Minn. —`: the term opens its block
/// (nothing lower-case before it) and a dash follows within a few words.
fn in_dateline(hay: &str, t: &Range<usize>) -> bool {
    let before = &hay[..t.start];
    if before.len() > 40 || before.chars().any(char::is_lowercase) {
        return false;
    }
    let after: String = hay[t.end..].chars().take(40).collect();
    after.contains(['—', '–']) || after.contains(" - ") || after.contains("--")
}

impl Conditional {
    pub(super) fn check(
        &self,
        c: &Common,
        doc: &Document,
        units: &[&Unit],
        out: &mut Vec<Diagnostic>,
    ) {
        // Where each term is first defined.
        let mut defined: HashMap<&str, usize> = HashMap::new();
        let mut def_span: HashMap<&str, Range<usize>> = HashMap::new();
        for u in units {
            let hay = u.text.get(u.range.clone()).unwrap_or("");
            for caps in self.definition.captures_iter(hay) {
                let t = trim_span(hay, term_of(&caps));
                let start = u.range.start + caps.get(0).map_or(t.start, |m| m.start());
                let term = &hay[t.clone()];
                let e = defined.entry(term).or_insert(start);
                if start <= *e {
                    *e = start;
                    def_span.insert(term, u.range.start + t.start..u.range.start + t.end);
                }
            }
        }
        let mut seen: HashSet<&str> = HashSet::new();
        for u in units {
            let hay = u.text.get(u.range.clone()).unwrap_or("");
            for caps in self.term.captures_iter(hay) {
                let t = trim_span(hay, term_of(&caps));
                let term = &hay[t.clone()];
                if term.is_empty() || !seen.insert(term) {
                    continue;
                }
                if self.exceptions.contains(term)
                    || shouted_word(term)
                    || roman(term)
                    || in_dateline(hay, &t)
                {
                    continue;
                }
                let span = u.range.start + t.start..u.range.start + t.end;
                if defined.get(term).is_some_and(|&d| d <= span.start) {
                    continue;
                }
                let written = &doc.source[span.clone()];
                let mut d = c.diag(span, &[("match", written), ("term", term)]);
                if let Some(later) = def_span.get(term) {
                    d = d.label(later.clone(), "defined only here, later");
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::roman;

    #[test]
    fn roman_numerals_are_not_acronyms() {
        for t in ["II", "III", "IV", "XIV", "MMXXIV", "CD"] {
            assert!(roman(t), "{t}");
        }
        for t in ["DVD", "LCD", "IIII", "VX", "FBI", "NTSB"] {
            assert!(!roman(t), "{t}");
        }
    }
}
