//! The render stage. Output formats: human (rustc style), short, json, github (workflow
//! commands), sarif; [`report`] is the sink a check run writes files into.

pub mod github;
mod human;
mod json;
pub mod report;
pub mod sarif;
mod short;

pub use github::github;
pub use human::human;
pub use json::{JsonDiagnostic, JsonError, JsonReport, JsonSummary, json_diagnostic};
pub use report::{Finished, Rendered, Report, render_file};
pub use sarif::{sarif_log, sarif_results};
pub use short::short;

use crate::diagnostic::{Diagnostic, Severity};

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diags: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diags {
            c.add(d.severity);
        }
        c
    }

    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn merge(&mut self, o: Counts) {
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "2 errors, 1 warning in 3 files", for the end of human output.
pub fn summary_line(c: Counts, files: usize) -> String {
    let mut parts = Vec::new();
    if c.errors > 0 {
        parts.push(plural(c.errors, "error"));
    }
    if c.warnings > 0 {
        parts.push(plural(c.warnings, "warning"));
    }
    if c.infos > 0 {
        parts.push(plural(c.infos, "info"));
    }
    if parts.is_empty() {
        format!("no findings in {}", plural(files, "file"))
    } else {
        format!("{} in {}", parts.join(", "), plural(files, "file"))
    }
}
