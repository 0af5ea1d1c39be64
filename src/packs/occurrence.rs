//! `occurrence`: too many (`max`) or too few (`min`) matches of the listed tokens per
//! document, block or sentence (`per`).

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::Document;

use super::matcher::{Hit, Matcher};
use super::read;
use super::template::Template;
use super::units::Unit;
use super::{Common, KindCx};

pub(super) const KEYS: &[&str] = &["tokens", "patterns", "regex", "max", "min", "per"];
pub(super) const PLACEHOLDERS: &[&str] = &["match", "count", "max", "min", "limit"];
pub(super) const MESSAGE: &str = "'{match}' appears {count} times ({limit}).";
const UNDER: &str = "Found {count} ({limit}).";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Per {
    Document,
    Block,
    Sentence,
}

pub(crate) struct Occurrence {
    matcher: Matcher,
    exceptions: Matcher,
    max: Option<u64>,
    min: Option<u64>,
    per: Per,
    /// The message when there are too few (the rule's `message` when it has one).
    under: Template,
}

pub(super) fn compile(cx: &mut KindCx) -> Option<Occurrence> {
    let max = cx
        .fields
        .get("max")
        .and_then(|v| read::count(v, "max", 0, &mut cx.problems));
    let min = cx
        .fields
        .get("min")
        .and_then(|v| read::count(v, "min", 1, &mut cx.problems));
    if cx.fields.get("max").is_none() && cx.fields.get("min").is_none() {
        cx.missing(
            "an `occurrence` rule needs `max` or `min`".into(),
            "add `max = 3` (at most three) or `min = 1` (at least one)".into(),
        );
    }
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
        && let Some(v) = cx.fields.get("min")
    {
        cx.problems.push(crate::settings::error::Problem::new(
            v.span(),
            "`min` is larger than `max`",
            "no count can satisfy both",
        ));
    }
    let per = match cx.fields.get("per") {
        Some(v) => match read::choice(
            v,
            "per",
            &["document", "block", "sentence"],
            &mut cx.problems,
        ) {
            Some("block") => Per::Block,
            Some("sentence") => Per::Sentence,
            _ => Per::Document,
        },
        None => Per::Document,
    };
    let matcher = cx.entries("occurrence")?;
    let exceptions = cx.exceptions_matcher();
    let under = Template::compile(
        cx.message.as_ref(),
        UNDER,
        PLACEHOLDERS,
        "occurrence",
        &mut Vec::new(),
    );
    Some(Occurrence {
        matcher,
        exceptions,
        max,
        min,
        per,
        under,
    })
}

impl Occurrence {
    fn report(
        &self,
        c: &Common,
        doc: &Document,
        group: &[Hit],
        range: Range<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let count = group.len().to_string();
        if let Some(max) = self.max
            && group.len() as u64 > max
        {
            let first = &group[max as usize];
            let text = &doc.source[first.span.clone()];
            let limit = format!("at most {max}");
            let max_s = max.to_string();
            let mut d = c.diag(
                first.span.clone(),
                &[
                    ("match", text),
                    ("count", &count),
                    ("max", &max_s),
                    ("limit", &limit),
                ],
            );
            for h in &group[max as usize + 1..] {
                d = d.label(h.span.clone(), "and here");
            }
            out.push(d);
        }
        if let Some(min) = self.min
            && (group.len() as u64) < min
            && !range.is_empty()
        {
            let limit = format!("at least {min}");
            let min_s = min.to_string();
            out.push(c.diag_with(
                &self.under,
                range,
                &[("count", &count), ("min", &min_s), ("limit", &limit)],
            ));
        }
    }

    pub(super) fn check(
        &self,
        c: &Common,
        doc: &Document,
        units: &[&Unit],
        out: &mut Vec<Diagnostic>,
    ) {
        let mut all: Vec<Hit> = Vec::new();
        let mut hits: Vec<Hit> = Vec::new();
        for u in units {
            self.matcher.hits(&self.exceptions, u, &mut hits);
            match self.per {
                Per::Document => all.append(&mut hits),
                Per::Block => self.report(c, doc, &hits, u.range.clone(), out),
                Per::Sentence => {
                    for (range, _) in &u.sentences {
                        let lo = hits.partition_point(|h| h.span.start < range.start);
                        let hi = hits.partition_point(|h| h.span.start < range.end);
                        self.report(c, doc, &hits[lo..hi], range.clone(), out);
                    }
                }
            }
        }
        if self.per == Per::Document {
            let first = units.first().map_or(0..0, |u| u.range.clone());
            self.report(c, doc, &all, first, out);
        }
    }
}
