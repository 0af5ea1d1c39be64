//! A report being written, as a sink: [`Report::begin`], then each file in input order
//! ([`Report::file`], [`Report::error`]), then [`Report::finish`]. Files are rendered on
//! worker threads ([`render_file`]); the formats that need the whole run (JSON, SARIF)
//! collect them here, so the command that drives the check only prints what it is given.

use super::{Counts, JsonDiagnostic, JsonError, JsonReport, JsonSummary};
use crate::cli::Format;
use crate::diagnostic::Diagnostic;
use crate::document::Document;

/// One file's findings, rendered.
pub struct Rendered {
    /// Human, short or GitHub text; SARIF results as JSON Lines.
    pub text: String,
    pub json: Vec<JsonDiagnostic>,
    pub counts: Counts,
}

/// Render one file's findings in `format` (called on worker threads).
pub fn render_file(
    format: Format,
    color: bool,
    path: &str,
    doc: &Document,
    diags: &[Diagnostic],
) -> Rendered {
    let counts = Counts::of(diags);
    let (text, json) = match format {
        Format::Human => (super::human(path, &doc.source, diags, color), Vec::new()),
        Format::Short => (
            super::short(path, &doc.source, &doc.lines, diags),
            Vec::new(),
        ),
        Format::Json => (
            String::new(),
            diags
                .iter()
                .map(|d| super::json_diagnostic(path, &doc.source, &doc.lines, d))
                .collect(),
        ),
        Format::Github => (
            super::github(path, &doc.source, &doc.lines, diags),
            Vec::new(),
        ),
        Format::Sarif => (
            super::sarif_results(path, &doc.source, &doc.lines, diags),
            Vec::new(),
        ),
    };
    Rendered { text, json, counts }
}

/// The report of one `galley check` run.
pub struct Report {
    format: Format,
    json: Vec<JsonDiagnostic>,
    errors: Vec<JsonError>,
    sarif: Vec<String>,
    /// Findings by severity, over every file so far.
    pub totals: Counts,
    /// Files checked so far.
    pub files: usize,
}

impl Report {
    /// Start a report; `errors` (configuration errors, each with its file) open the JSON
    /// report's `errors`.
    pub fn begin(format: Format, errors: Vec<JsonError>) -> Report {
        Report {
            format,
            json: Vec::new(),
            errors,
            sarif: Vec::new(),
            totals: Counts::default(),
            files: 0,
        }
    }

    /// Add a checked file. Returns the text to print now (human, short and GitHub output
    /// stream file by file; JSON and SARIF are kept for [`Report::finish`]).
    pub fn file(&mut self, r: Rendered) -> Option<String> {
        self.files += 1;
        self.totals.merge(r.counts);
        match self.format {
            Format::Json => {
                self.json.extend(r.json);
                None
            }
            Format::Sarif => {
                self.sarif.push(r.text);
                None
            }
            Format::Human | Format::Short | Format::Github => Some(r.text),
        }
    }

    /// Add an input that could not be checked.
    pub fn error(&mut self, path: &str, message: String) {
        self.errors.push(JsonError {
            path: path.to_string(),
            message,
        });
    }

    /// The end of the report: the JSON report or the SARIF log (for standard output), or
    /// for human output the summary line (for standard error).
    pub fn finish(self) -> Finished {
        match self.format {
            Format::Json => {
                let report = JsonReport {
                    version: 1,
                    diagnostics: self.json,
                    summary: JsonSummary {
                        files: self.files,
                        errors: self.totals.errors,
                        warnings: self.totals.warnings,
                        infos: self.totals.infos,
                    },
                    errors: self.errors,
                };
                Finished::Document(serde_json::to_string_pretty(&report).unwrap_or_default())
            }
            Format::Sarif => {
                Finished::Document(super::sarif_log(self.sarif.iter().map(String::as_str)))
            }
            Format::Human if self.totals.total() > 0 || self.files > 1 => Finished::Summary(
                format!("galley: {}", super::summary_line(self.totals, self.files)),
            ),
            Format::Human | Format::Short | Format::Github => Finished::Nothing,
        }
    }
}

/// What closes a report.
pub enum Finished {
    /// The whole report (JSON, SARIF), for where findings go.
    Document(String),
    /// A summary line, for standard error.
    Summary(String),
    Nothing,
}
