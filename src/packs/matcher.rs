//! Finding a rule's words and patterns in a unit, in one pass each.
//!
//! - Word lists are tokenised like the text and indexed by their first token: one hash
//!   look-up per token of the text, then a comparison of the few phrases starting there.
//!   Matches are leftmost-longest and never overlap.
//! - Regexes (the `regex` crate: linear time) are combined into one alternation, each
//!   alternative a capture group so the entry that matched is known. Sizes are capped so a
//!   pattern cannot take the machine's memory.

use std::collections::HashMap;
use std::ops::Range;

use regex::{Regex, RegexBuilder};

use crate::settings::Item;
use crate::settings::error::Problem;
use crate::text::tokens::tokenize;

use super::units::{Unit, normalize, trim_span};

/// Caps on one compiled pattern (and on the combined alternation).
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;
pub(crate) const REGEX_DFA_SIZE_LIMIT: usize = 2 << 20;
const REGEX_NEST_LIMIT: u32 = 64;

/// One match: the flagged byte range and the index of the entry that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub span: Range<usize>,
    pub entry: usize,
}

struct Words {
    /// First token (normalised) → (entry, the remaining tokens), longest first.
    first: HashMap<String, Vec<(usize, Vec<String>)>>,
}

struct Patterns {
    re: Regex,
    /// Per alternative: its entry, its group index, and how many groups of its own it has.
    alts: Vec<(usize, usize, usize)>,
}

/// How entries are read.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Syntax {
    /// Words and phrases, matched on token boundaries.
    Words,
    /// Regexes matched on word boundaries (`regex = true`).
    BoundedRegex,
    /// Regexes matched as written (`patterns`).
    Regex,
}

/// A compiled list of entries.
#[derive(Default)]
pub(crate) struct Matcher {
    words: Option<Words>,
    patterns: Vec<Patterns>,
    pub ignore_case: bool,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("words", &self.words.as_ref().map(|w| w.first.len()))
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

/// Compile one regex with the size caps.
pub(crate) fn build_regex(pattern: &str, ignore_case: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
}

/// A regex error as a problem at the pattern.
pub(crate) fn regex_problem(item: &Item, key: &str, err: &regex::Error) -> Problem {
    let label = match err {
        regex::Error::CompiledTooBig(limit) => {
            format!("the compiled pattern is over the size limit of {limit} bytes")
        }
        regex::Error::Syntax(s) => s
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix("error: "))
            .unwrap_or("invalid syntax")
            .to_string(),
        other => other.to_string(),
    };
    let help = match err {
        regex::Error::CompiledTooBig(_) => {
            Some("split the pattern or use a word list instead of a long alternation".into())
        }
        _ => Some(
            "patterns use the syntax of the Rust `regex` crate (no look-around or \
             back-references)"
                .to_string(),
        ),
    };
    Problem::new(item.span.clone(), format!("bad regex in `{key}`"), label).help(help)
}

impl Matcher {
    pub(crate) fn new(ignore_case: bool) -> Matcher {
        Matcher {
            words: None,
            patterns: Vec::new(),
            ignore_case,
        }
    }

    /// Add entries numbered from `first_entry`; entries that cannot compile are problems.
    pub(crate) fn add(
        &mut self,
        items: &[Item],
        first_entry: usize,
        syntax: Syntax,
        key: &str,
        out: &mut Vec<Problem>,
    ) {
        match syntax {
            Syntax::Words => self.add_words(items, first_entry, key, out),
            Syntax::BoundedRegex | Syntax::Regex => {
                self.add_patterns(items, first_entry, syntax, key, out)
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_none() && self.patterns.is_empty()
    }

    fn add_words(&mut self, items: &[Item], first_entry: usize, key: &str, out: &mut Vec<Problem>) {
        let words = self.words.get_or_insert_with(|| Words {
            first: HashMap::new(),
        });
        for (i, item) in items.iter().enumerate() {
            let toks: Vec<String> = tokenize(&item.value, 0..item.value.len())
                .iter()
                .map(|t| normalize(t.text(&item.value), self.ignore_case).into_owned())
                .collect();
            let Some((head, rest)) = toks.split_first() else {
                out.push(Problem::new(
                    item.span.clone(),
                    format!("empty entry in `{key}`"),
                    "nothing to match",
                ));
                continue;
            };
            let list = words.first.entry(head.clone()).or_default();
            list.push((first_entry + i, rest.to_vec()));
            list.sort_by_key(|(e, r)| (std::cmp::Reverse(r.len()), *e));
        }
    }

    fn add_patterns(
        &mut self,
        items: &[Item],
        first_entry: usize,
        syntax: Syntax,
        key: &str,
        out: &mut Vec<Problem>,
    ) {
        let mut parts = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if item.value.is_empty() {
                out.push(Problem::new(
                    item.span.clone(),
                    format!("empty entry in `{key}`"),
                    "an empty pattern matches everywhere",
                ));
                continue;
            }
            let pattern = match syntax {
                Syntax::BoundedRegex => {
                    format!(r"\b{{start-half}}(?:{})\b{{end-half}}", item.value)
                }
                _ => item.value.clone(),
            };
            match build_regex(&pattern, self.ignore_case) {
                Ok(re) if re.is_match("") => out.push(Problem::new(
                    item.span.clone(),
                    format!("pattern in `{key}` matches empty text"),
                    "this would match between every two characters",
                )),
                Ok(re) => parts.push((first_entry + i, pattern, re.captures_len() - 1)),
                Err(e) => out.push(regex_problem(item, key, &e)),
            }
        }
        if parts.is_empty() {
            return;
        }
        // One alternation; if the parts cannot be combined (say, a group name used twice),
        // each part is scanned on its own.
        let mut combined = String::new();
        let mut alts = Vec::new();
        let mut group = 1;
        for (n, (entry, pattern, own)) in parts.iter().enumerate() {
            if n > 0 {
                combined.push('|');
            }
            combined.push('(');
            combined.push_str(pattern);
            combined.push(')');
            alts.push((*entry, group, *own));
            group += 1 + own;
        }
        match build_regex(&combined, self.ignore_case) {
            Ok(re) => self.patterns.push(Patterns { re, alts }),
            Err(_) => {
                for (entry, pattern, own) in parts {
                    if let Ok(re) = build_regex(&format!("({pattern})"), self.ignore_case) {
                        self.patterns.push(Patterns {
                            re,
                            alts: vec![(entry, 1, own)],
                        });
                    }
                }
            }
        }
    }

    /// The hits in a unit that no hit of `exceptions` covers, replacing `out`'s contents.
    pub(crate) fn hits(&self, exceptions: &Matcher, unit: &Unit, out: &mut Vec<Hit>) {
        out.clear();
        self.find(unit, out);
        drop_exceptions(exceptions, unit, out);
    }

    /// Every hit in a unit, in order, leftmost-longest, not overlapping.
    pub(crate) fn find(&self, unit: &Unit, out: &mut Vec<Hit>) {
        let before = out.len();
        if let Some(words) = &self.words {
            let norm = unit.words(self.ignore_case);
            let toks = &unit.tokens;
            let mut i = 0;
            'tokens: while i < norm.len() {
                if let Some(cands) = words.first.get(norm[i].as_ref()) {
                    for (entry, rest) in cands {
                        let end = i + 1 + rest.len();
                        if end <= norm.len()
                            && rest.iter().zip(&norm[i + 1..end]).all(|(a, b)| a == b)
                        {
                            out.push(Hit {
                                span: toks[i].start..toks[end - 1].end,
                                entry: *entry,
                            });
                            i = end;
                            continue 'tokens;
                        }
                    }
                }
                i += 1;
            }
        }
        let hay = unit.text.get(unit.range.clone()).unwrap_or("");
        let base = unit.range.start;
        for p in &self.patterns {
            for caps in p.re.captures_iter(hay) {
                let Some(&(entry, group, own)) =
                    p.alts.iter().find(|(_, g, _)| caps.get(*g).is_some())
                else {
                    continue;
                };
                let whole = caps.get(group).map_or(0..0, |m| m.range());
                // The first capture group of the pattern that took part is the flagged span.
                let span = (group + 1..=group + own)
                    .find_map(|g| caps.get(g))
                    .map_or(whole, |m| m.range());
                let span = trim_span(unit.text, base + span.start..base + span.end);
                if span.is_empty() {
                    continue;
                }
                out.push(Hit { span, entry });
            }
        }
        let sources = usize::from(self.words.is_some()) + self.patterns.len();
        if sources <= 1 || out.len() - before <= 1 {
            return;
        }
        // Merge the lists: leftmost, then longest; drop overlaps.
        let mut hits: Vec<Hit> = out.drain(before..).collect();
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        let mut end = 0;
        for h in hits {
            if h.span.start >= end {
                end = h.span.end;
                out.push(h);
            }
        }
    }
}

/// Drop hits that lie inside a match of an exception.
pub(crate) fn drop_exceptions(exceptions: &Matcher, unit: &Unit, hits: &mut Vec<Hit>) {
    if exceptions.is_empty() || hits.is_empty() {
        return;
    }
    let mut exc = Vec::new();
    exceptions.find(unit, &mut exc);
    if exc.is_empty() {
        return;
    }
    hits.retain(|h| {
        !exc.iter()
            .any(|e| e.span.start <= h.span.start && h.span.end <= e.span.end)
    });
}

/// Compile an `exceptions` list the way the rule's own entries are read.
pub(crate) fn exceptions(
    items: &[Item],
    regex: bool,
    ignore_case: bool,
    out: &mut Vec<Problem>,
) -> Matcher {
    let mut m = Matcher::new(ignore_case);
    let syntax = if regex {
        Syntax::BoundedRegex
    } else {
        Syntax::Words
    };
    m.add(items, 0, syntax, "exceptions", out);
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::packs::units::units;

    fn items(v: &[&str]) -> Vec<Item> {
        v.iter()
            .map(|s| Item {
                value: s.to_string(),
                span: 0..0,
            })
            .collect()
    }

    fn spans(m: &Matcher, text: &str) -> Vec<String> {
        let doc = Document::parse(text);
        let mut hits = Vec::new();
        for u in units(&doc, false) {
            m.find(&u, &mut hits);
        }
        hits.iter()
            .map(|h| doc.source[h.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn words_are_leftmost_longest() {
        let mut out = Vec::new();
        let mut m = Matcher::new(true);
        m.add(
            &items(&["in order", "in order to", "order"]),
            0,
            Syntax::Words,
            "tokens",
            &mut out,
        );
        assert!(out.is_empty());
        assert_eq!(
            spans(&m, "We met In order to talk, in [order](x) and order."),
            ["In order to", "in [order", "order"]
        );
    }

    #[test]
    fn regexes_report_their_first_group() {
        let mut out = Vec::new();
        let mut m = Matcher::default();
        m.add(
            &items(&[r"(January) \d{1,2}\b", "May"]),
            0,
            Syntax::Regex,
            "patterns",
            &mut out,
        );
        m.add(
            &items(&["too"]),
            2,
            Syntax::BoundedRegex,
            "tokens",
            &mut out,
        );
        assert!(out.is_empty());
        assert_eq!(
            spans(&m, "On January 5 and January 2020 in May, toot too."),
            ["January", "May", "too"]
        );
    }

    #[test]
    fn bad_and_empty_patterns_are_problems() {
        let mut out = Vec::new();
        let mut m = Matcher::default();
        m.add(
            &items(&["(", "a*", "x{99999}{99999}"]),
            0,
            Syntax::Regex,
            "patterns",
            &mut out,
        );
        assert_eq!(out.len(), 3, "{out:?}");
    }
}
