//! galley: an editorial quality linter for Markdown article drafts.
//!
//! The pipeline runs one way: [`discover`] → configure ([`config`], [`registry::RuleSet`]) →
//! read → parse and analyse ([`document::Document`]) → rules ([`check`]) → [`filter`] →
//! [`fix`] or [`render`]. `docs/architecture.md` describes each stage and what it passes on.
//!
//! ```
//! let report = galley::check_str("# A headline\n\nThe the cat sat.\n", &Default::default());
//! assert_eq!(report[0].rule, "repeated-word");
//! ```

pub mod app;
pub mod check;
pub mod cli;
pub mod config;
pub mod credits;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod error;
pub mod filter;
pub mod fix;
pub mod inspect;
#[doc(hidden)]
pub mod invariants;
pub mod language;
pub mod lsp;
pub mod packs;
pub mod registry;
pub mod render;
pub mod rules;
pub mod settings;
pub mod text;

use diagnostic::Diagnostic;
use document::Document;
use registry::RuleSet;
use settings::Settings;

/// Check one Markdown text; findings in reading order, severities as configured.
pub fn check_str(source: &str, settings: &Settings) -> Vec<Diagnostic> {
    check_document(&Document::parse(source), settings)
}

/// Check a parsed document under `settings` (compiled into a [`RuleSet`] for this call; a
/// caller checking many files compiles it once and calls [`check_with`]).
pub fn check_document(doc: &Document, settings: &Settings) -> Vec<Diagnostic> {
    check_with(doc, &RuleSet::from_settings(settings))
}

/// Check a parsed document: run the rules of `set` ([`check::run`]), then apply inline
/// suppressions, reporting unused ones as `unused-suppression` ([`filter::suppress`]).
pub fn check_with(doc: &Document, set: &RuleSet) -> Vec<Diagnostic> {
    filter::suppress::apply(doc, set, check::run(doc, set))
}
