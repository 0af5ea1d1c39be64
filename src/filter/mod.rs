//! The filter stage: what the rules found, narrowed to what is reported.
//!
//! - [`suppress`]: inline suppression comments and the front-matter key drop the findings
//!   they cover; the ones that cover nothing are reported (`unused-suppression`);
//! - [`changed`]: `--changed-since REV` keeps the findings on lines added or changed since a
//!   git revision, and carries those lines through the rounds of `--fix`;
//! - [`fails`]: whether the findings left fail the check under `fail-on`.

pub mod changed;
pub mod suppress;

use crate::diagnostic::{Diagnostic, Severity};

/// Whether any finding is at or above `fail_on` (the exit status is then 1).
pub fn fails(diags: &[Diagnostic], fail_on: Severity) -> bool {
    diags.iter().any(|d| d.severity >= fail_on)
}
