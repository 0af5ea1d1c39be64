//! The rules stage: run every enabled rule of a [`RuleSet`] on a parsed document, at the
//! severity the rule set gives it. Rules read the analysis the document computes on first
//! use (sentences, tokens, tags, parses), so a rule that never asks costs nothing.

use crate::diagnostic::{self, Diagnostic};
use crate::document::Document;
use crate::packs;
use crate::registry::RuleSet;
use crate::rules::Context;

/// The findings of every enabled rule, built-in and pack, in reading order (before
/// suppressions and other filters).
pub fn run(doc: &Document, set: &RuleSet) -> Vec<Diagnostic> {
    let cx = Context {
        doc,
        settings: set.settings(),
    };
    let mut all = Vec::new();
    let mut out = Vec::new();
    for (rule, severity) in set.enabled_builtin() {
        out.clear();
        rule.check(&cx, &mut out);
        for mut diag in out.drain(..) {
            diag.severity = severity;
            all.push(diag);
        }
    }
    diagnostic::sort(&mut all);
    if set.any_pack_enabled() {
        let before = all.len();
        packs::run(doc, &set.enabled_packs(), &mut all);
        if all.len() > before {
            diagnostic::sort(&mut all);
        }
    }
    all
}
