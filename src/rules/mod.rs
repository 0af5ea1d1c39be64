//! The rule model: one rule, one file, one id. A rule reads the analysed document and pushes
//! diagnostics; it keeps no state between files, never prints and never reads files.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::settings::{Level, Settings};

mod boilerplate;
mod dropped_suffix;
mod duplicate_sentence;
mod headline;
mod inconsistent_spelling;
mod repeated_headline;
mod repeated_word;
mod spliced_headline;
mod structure;
mod unbalanced_brackets;
mod unbalanced_quotes;
mod unused_suppression;

/// A rule's documentation, in fixed sections. `galley explain RULE` prints it and the rules
/// page in `docs/` is generated from it.
#[derive(Debug)]
pub struct RuleDoc {
    pub id: &'static str,
    /// One line: what the rule flags.
    pub summary: &'static str,
    pub default: Level,
    /// What it flags, in full.
    pub flags: &'static str,
    /// Why it matters to an editor.
    pub why: &'static str,
    /// A Markdown draft the rule fires on (a test lints it).
    pub example: &'static str,
    /// What to write instead.
    pub instead: &'static str,
    /// What its fixes do and whether `--fix` applies them.
    pub fix: &'static str,
}

/// What a rule sees.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub settings: &'a Settings,
}

pub trait Rule: Send + Sync {
    fn doc(&self) -> &'static RuleDoc;
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>);
}

/// The id of the rule the suppression filter reports under.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// Every built-in rule, sorted by id.
pub fn builtin() -> &'static [&'static dyn Rule] {
    static RULES: &[&dyn Rule] = &[
        &boilerplate::Boilerplate,
        &dropped_suffix::DroppedSuffix,
        &duplicate_sentence::DuplicateSentence,
        &inconsistent_spelling::InconsistentSpelling,
        &structure::missing_subject::MissingSubject,
        &structure::orphaned_clause::OrphanedClause,
        &repeated_headline::RepeatedHeadline,
        &repeated_word::RepeatedWord,
        &structure::sentence_fragment::SentenceFragment,
        &spliced_headline::SplicedHeadline,
        &unbalanced_brackets::UnbalancedBrackets,
        &unbalanced_quotes::UnbalancedQuotes,
        &unused_suppression::UnusedSuppression,
    ];
    RULES
}

/// The project's drafts, sound articles and structure-rule fixtures, each with its path: the
/// texts a structure rule's cheap gate is checked against.
#[cfg(test)]
pub(crate) fn structure_test_texts() -> Vec<(std::path::PathBuf, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "examples/drafts",
        "tests/corpus/sound",
        "tests/fixtures/missing-subject",
        "tests/fixtures/sentence-fragment",
        "tests/fixtures/orphaned-clause",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    out
}

pub(crate) const fn on(severity: Severity) -> Level {
    Level::On(severity)
}
