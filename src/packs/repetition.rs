//! `repetition`: the same listed word or pattern used again within `within` words.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::document::Document;

use super::matcher::{Hit, Matcher};
use super::read;
use super::units::{Unit, is_counted_word, normalize};
use super::{Common, KindCx};

pub(super) const KEYS: &[&str] = &["tokens", "patterns", "regex", "within"];
pub(super) const PLACEHOLDERS: &[&str] = &["match", "within", "distance"];
pub(super) const MESSAGE: &str = "'{match}' again within {distance} words.";

/// The default window, in words.
const WITHIN: u64 = 10;

pub(crate) struct Repetition {
    matcher: Matcher,
    exceptions: Matcher,
    within: u64,
}

pub(super) fn compile(cx: &mut KindCx) -> Option<Repetition> {
    let within = cx
        .fields
        .get("within")
        .and_then(|v| read::count(v, "within", 1, &mut cx.problems))
        .unwrap_or(WITHIN);
    let matcher = cx.entries("repetition")?;
    let exceptions = cx.exceptions_matcher();
    Some(Repetition {
        matcher,
        exceptions,
        within,
    })
}

impl Repetition {
    pub(super) fn check(
        &self,
        c: &Common,
        doc: &Document,
        units: &[&Unit],
        out: &mut Vec<Diagnostic>,
    ) {
        let mut hits: Vec<Hit> = Vec::new();
        let within = self.within.to_string();
        for u in units {
            self.matcher.hits(&self.exceptions, u, &mut hits);
            if hits.len() < 2 {
                continue;
            }
            // Words before each token.
            let mut before = Vec::with_capacity(u.tokens.len() + 1);
            let mut n = 0usize;
            for t in u.tokens.iter() {
                before.push(n);
                n += usize::from(is_counted_word(t, u.text));
            }
            before.push(n);
            let mut last: HashMap<String, (usize, std::ops::Range<usize>)> = HashMap::new();
            for h in &hits {
                let at = u.tokens.partition_point(|t| t.end <= h.span.start);
                let pos = before[at];
                let key = normalize(&doc.source[h.span.clone()], c.ignore_case).into_owned();
                if let Some((prev, prev_span)) = last.get(&key)
                    && (pos - prev) as u64 <= self.within
                {
                    let text = &doc.source[h.span.clone()];
                    let distance = (pos - prev).to_string();
                    out.push(
                        c.diag(
                            h.span.clone(),
                            &[
                                ("match", text),
                                ("within", &within),
                                ("distance", &distance),
                            ],
                        )
                        .label(prev_span.clone(), "used here first"),
                    );
                }
                last.insert(key, (pos, h.span.clone()));
            }
        }
    }
}
