//! `unused-suppression`: the report itself is made by [`crate::filter::suppress::apply`]
//! after every other rule has run; this entry gives the id its documentation, default level and place in
//! `galley rules`, and lets `galley.toml` set its level.

use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Diagnostic, Severity};

pub struct UnusedSuppression;

static DOC: RuleDoc = RuleDoc {
    id: super::UNUSED_SUPPRESSION,
    summary: "a suppression comment that silences nothing, or names an unknown rule",
    default: on(Severity::Warning),
    flags: "A `galley-disable-next-line`, `galley-disable`, `galley-disable-file` comment or a \
            front-matter `galley: {disable: [...]}` entry under which the named rules (or, with \
            no list, any rule) report nothing; a `galley-enable` with nothing to re-enable; an \
            unknown rule id or an unknown `galley-` directive in a comment.",
    why: "A suppression outlives the sentence it was written for. Once the text is fixed it \
          silences nothing, yet it would hide the next real slip on that line. A misspelt rule \
          id silences nothing from the start.",
    example: "<!-- galley-disable-next-line repeated-word -->\nThe council met on Tuesday.\n",
    instead: "The council met on Tuesday.",
    fix: "Removes the comment, or the unused rule id from its list; or corrects a misspelt id \
          (unsafe: applied only with --unsafe-fixes).",
};

impl Rule for UnusedSuppression {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, _cx: &Context, _out: &mut Vec<Diagnostic>) {}
}
