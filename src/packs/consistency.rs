//! `consistency`: two ways to write the same thing (`[either]` a = b); when a document uses
//! both, the less used one is flagged (on a tie, the one that appears second).

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Document;
use crate::settings::Item;
use crate::settings::error::Problem;

use super::matcher::{Hit, Matcher, Syntax};
use super::read;
use super::substitution::{match_case, replacement_fix};
use super::units::Unit;
use super::{Common, KindCx};

pub(super) const KEYS: &[&str] = &["either", "regex"];
pub(super) const PLACEHOLDERS: &[&str] = &["match", "bad", "good"];
pub(super) const MESSAGE: &str = "'{match}' here, but '{good}' elsewhere: pick one.";

pub(crate) struct Consistency {
    matcher: Matcher,
    /// Entry `2p` and `2p + 1` are the two forms of pair `p`, as listed.
    forms: Vec<String>,
    exceptions: Matcher,
    /// Whether the forms are regexes (then the fix is not offered).
    regex: bool,
}

pub(super) fn compile(cx: &mut KindCx) -> Option<Consistency> {
    let (v, table) = cx.required_table(
        "either",
        "a `consistency` rule needs an `[either]` table",
        "add `[either]` with lines such as `\"percent\" = \"per cent\"`",
        "a table of pairs",
    )?;
    let mut pairs: Vec<(Item, Item)> = Vec::new();
    for (k, val) in table.iter() {
        let a = Item {
            value: k.get_ref().to_string(),
            span: k.span(),
        };
        if let Some(b) = read::string(val, &a.value, &mut cx.problems) {
            pairs.push((a, b));
        }
    }
    if pairs.is_empty() {
        cx.problems.push(Problem::new(
            v.span(),
            "`either` is empty",
            "no pair to compare",
        ));
        return None;
    }
    pairs.sort_by_key(|(a, _)| a.span.start);
    let items: Vec<Item> = pairs
        .iter()
        .flat_map(|(a, b)| [a.clone(), b.clone()])
        .collect();
    let mut matcher = Matcher::new(cx.ignore_case);
    let syntax = if cx.regex {
        Syntax::BoundedRegex
    } else {
        Syntax::Words
    };
    matcher.add(&items, 0, syntax, "either", &mut cx.problems);
    let exceptions = cx.exceptions_matcher();
    Some(Consistency {
        matcher,
        forms: items.into_iter().map(|i| i.value).collect(),
        exceptions,
        regex: cx.regex,
    })
}

impl Consistency {
    pub(super) fn check(
        &self,
        c: &Common,
        doc: &Document,
        units: &[&Unit],
        out: &mut Vec<Diagnostic>,
    ) {
        // Every hit, with the unit it is in.
        let mut all: Vec<(usize, Hit)> = Vec::new();
        let mut hits: Vec<Hit> = Vec::new();
        for (i, u) in units.iter().enumerate() {
            self.matcher.hits(&self.exceptions, u, &mut hits);
            all.extend(hits.drain(..).map(|h| (i, h)));
        }
        for pair in 0..self.forms.len() / 2 {
            let (a, b) = (2 * pair, 2 * pair + 1);
            let count = |e: usize| all.iter().filter(|(_, h)| h.entry == e).count();
            let first = |e: usize| all.iter().position(|(_, h)| h.entry == e);
            let (na, nb) = (count(a), count(b));
            if na == 0 || nb == 0 {
                continue;
            }
            let (bad, good) = if na < nb || na == nb && first(a) > first(b) {
                (a, b)
            } else {
                (b, a)
            };
            let Some(first_good) = all.iter().find(|(_, h)| h.entry == good) else {
                continue;
            };
            let good_form = &self.forms[good];
            for (i, h) in all.iter().filter(|(_, h)| h.entry == bad) {
                let written = &doc.source[h.span.clone()];
                let mut d = c
                    .diag(
                        h.span.clone(),
                        &[
                            ("match", written),
                            ("bad", &self.forms[bad]),
                            ("good", good_form),
                        ],
                    )
                    .label(
                        first_good.1.span.clone(),
                        format!("'{good_form}' is used here"),
                    );
                if !self.regex {
                    let replacement = if c.ignore_case {
                        match_case(written, good_form)
                    } else {
                        good_form.clone()
                    };
                    let (title, a, edits) = replacement_fix(
                        doc,
                        units[*i],
                        h.span.clone(),
                        &replacement,
                        Applicability::Unsafe,
                    );
                    d = d.fix(title, a, edits);
                }
                out.push(d);
            }
        }
    }
}
