//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's changed files.
//!
//! `::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE`, with
//! `error`, `warning` or `notice` for galley's error, warning and info. Columns count
//! characters; `endColumn` is the column just past the span, as in the JSON output.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::LineIndex;

/// Help and fix hints longer than this stay out of the annotation.
const SHORT_HINT: usize = 160;

/// Escape a workflow command's message.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            _ => out.push(c),
        }
    }
    out
}

/// Escape a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            _ => out.push(c),
        }
    }
    out
}

/// The annotation level for a severity.
pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// A path as GitHub wants it: relative, forward slashes, no leading `./`.
fn github_path(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

/// The annotation text: the message, then the help and the first fix when they are short.
fn text(d: &Diagnostic) -> String {
    let mut s = d.message.clone();
    if let Some(help) = d
        .help
        .as_deref()
        .filter(|h| h.chars().count() <= SHORT_HINT)
    {
        s.push_str("\nhelp: ");
        s.push_str(help);
    }
    if let Some(fix) = d
        .fixes
        .first()
        .filter(|f| f.title.chars().count() <= SHORT_HINT)
    {
        let how = match fix.applicability {
            Applicability::Safe => "fix (galley check --fix)",
            Applicability::Unsafe => "fix (galley check --unsafe-fixes)",
            Applicability::Display => "suggestion",
        };
        s.push_str(&format!("\n{how}: {}", fix.title));
    }
    s
}

/// One workflow command per finding.
pub fn github(path: &str, source: &str, lines: &LineIndex, diags: &[Diagnostic]) -> String {
    let file = escape_property(&github_path(path));
    let mut out = String::new();
    for d in diags {
        let (line, col) = lines.position(source, d.range.start);
        let (end_line, end_col) = lines.position(source, d.range.end);
        out.push_str(&format!(
            "::{} file={file},line={line},col={col},endLine={end_line},endColumn={end_col},\
             title={}::{}\n",
            command(d.severity),
            escape_property(&d.rule),
            escape_data(&text(d)),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
        assert_eq!(github_path("./drafts/a.md"), "drafts/a.md");
        assert_eq!(command(Severity::Error), "error");
        assert_eq!(command(Severity::Warning), "warning");
        assert_eq!(command(Severity::Info), "notice");
    }
}
