use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::document::LineIndex;

/// The JSON report: the machine contract (`version` 1).
#[derive(Serialize, Deserialize, Debug)]
pub struct JsonReport {
    pub version: u32,
    pub diagnostics: Vec<JsonDiagnostic>,
    pub summary: JsonSummary,
    /// Files that could not be checked, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<JsonError>,
}

#[derive(Serialize, Deserialize, Debug)]
pub struct JsonError {
    pub path: String,
    pub message: String,
}

#[derive(Serialize, Deserialize, Debug, Default)]
pub struct JsonSummary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

#[derive(Serialize, Deserialize, Debug)]
pub struct JsonDiagnostic {
    pub path: String,
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub byte_start: usize,
    pub byte_end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub labels: Vec<JsonLabel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub fixes: Vec<JsonFix>,
}

#[derive(Serialize, Deserialize, Debug)]
pub struct JsonLabel {
    pub byte_start: usize,
    pub byte_end: usize,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Serialize, Deserialize, Debug)]
pub struct JsonFix {
    pub title: String,
    pub applicability: String,
    pub edits: Vec<JsonEdit>,
}

#[derive(Serialize, Deserialize, Debug)]
pub struct JsonEdit {
    pub byte_start: usize,
    pub byte_end: usize,
    pub replacement: String,
}

pub fn json_diagnostic(
    path: &str,
    source: &str,
    lines: &LineIndex,
    d: &Diagnostic,
) -> JsonDiagnostic {
    let (line, column) = lines.position(source, d.range.start);
    let (end_line, end_column) = lines.position(source, d.range.end);
    JsonDiagnostic {
        path: path.to_string(),
        rule: d.rule.clone(),
        severity: d.severity.as_str().to_string(),
        message: d.message.clone(),
        byte_start: d.range.start,
        byte_end: d.range.end,
        line,
        column,
        end_line,
        end_column,
        labels: d
            .labels
            .iter()
            .map(|l| {
                let (line, column) = lines.position(source, l.range.start);
                JsonLabel {
                    byte_start: l.range.start,
                    byte_end: l.range.end,
                    line,
                    column,
                    message: l.message.clone(),
                }
            })
            .collect(),
        notes: d.notes.clone(),
        help: d.help.clone(),
        fixes: d
            .fixes
            .iter()
            .map(|f| JsonFix {
                title: f.title.clone(),
                applicability: f.applicability.as_str().to_string(),
                edits: f
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        byte_start: e.range.start,
                        byte_end: e.range.end,
                        replacement: e.replacement.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}
