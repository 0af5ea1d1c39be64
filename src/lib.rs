//! galley: an editorial quality linter for Markdown article drafts.
//!
//! The pipeline runs one way: discover → read → parse ([`document::Document`]) → analyse
//! (sentences, tokens, tags) → [`rules`] → filter → render or fix.
//!
//! ```
//! let report = galley::check_str("# A headline\n\nThe the cat sat.\n", &Default::default());
//! assert_eq!(report[0].rule, "repeated-word");
//! ```

pub mod app;
pub mod changed;
pub mod cli;
pub mod config;
pub mod credits;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod fix;
pub mod inspect;
#[doc(hidden)]
pub mod invariants;
pub mod language;
pub mod packs;
pub mod render;
pub mod rules;
pub mod suppress;
pub mod text;

use config::Settings;
use diagnostic::Diagnostic;
use document::Document;

/// Check one Markdown text; findings in reading order, severities as configured.
pub fn check_str(source: &str, settings: &Settings) -> Vec<Diagnostic> {
    check_document(&Document::parse(source), settings)
}

/// Check a parsed document: run the rules, then apply inline suppressions (reporting unused
/// ones as `unused-suppression`).
pub fn check_document(doc: &Document, settings: &Settings) -> Vec<Diagnostic> {
    let mut diags = rules::run(doc, settings);
    let before = diags.len();
    packs::run(doc, settings, &mut diags);
    if diags.len() > before {
        rules::sort(&mut diags);
    }
    suppress::apply(doc, settings, diags)
}
