//! `existence`: flag every occurrence of listed words, phrases or patterns.

use crate::diagnostic::Diagnostic;
use crate::document::Document;

use super::matcher::{Hit, Matcher};
use super::units::Unit;
use super::{Common, KindCx};

pub(super) const KEYS: &[&str] = &["tokens", "patterns", "regex"];
pub(super) const PLACEHOLDERS: &[&str] = &["match"];
pub(super) const MESSAGE: &str = "Avoid '{match}'.";

pub(crate) struct Existence {
    matcher: Matcher,
    exceptions: Matcher,
}

pub(super) fn compile(cx: &mut KindCx) -> Option<Existence> {
    let matcher = cx.entries("existence")?;
    let exceptions = cx.exceptions_matcher();
    Some(Existence {
        matcher,
        exceptions,
    })
}

impl Existence {
    pub(super) fn check(
        &self,
        c: &Common,
        doc: &Document,
        units: &[&Unit],
        out: &mut Vec<Diagnostic>,
    ) {
        let mut hits: Vec<Hit> = Vec::new();
        for u in units {
            self.matcher.hits(&self.exceptions, u, &mut hits);
            for h in &hits {
                let text = &doc.source[h.span.clone()];
                out.push(c.diag(h.span.clone(), &[("match", text)]));
            }
        }
    }
}
