//! The structure rules: `sentence-fragment`, `missing-subject` and `orphaned-clause`.
//! They visit the same sentences (`visit`), share the clause analysis of
//! `language::clause` and report only where the dependency parse agrees that a sentence
//! has no main clause (`main_clause`).

mod main_clause;
pub(super) mod missing_subject;
pub(super) mod orphaned_clause;
pub(super) mod sentence_fragment;
mod visit;

pub(super) use visit::blog_style;
