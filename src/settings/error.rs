//! Configuration errors, rendered like code errors: the file, the line, a caret under the
//! offending key or value, and a suggestion when one is near.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer};

/// Something wrong at one place in a configuration file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Byte range of the offending key or value.
    pub span: Range<usize>,
    /// The headline: "unknown rule `sentence-fragmen` in `[rules]`".
    pub message: String,
    /// Shown under the caret.
    pub label: String,
    /// "did you mean `sentence-fragment`?"
    pub help: Option<String>,
}

impl Problem {
    pub fn new(span: Range<usize>, message: impl Into<String>, label: impl Into<String>) -> Self {
        Problem {
            span,
            message: message.into(),
            label: label.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// A configuration error: a problem in a file, or a file that cannot be read at all.
#[derive(Clone, Debug)]
pub struct ConfigError {
    /// The configuration file, as it should be shown.
    pub path: PathBuf,
    /// Its text, when it could be read (for the source snippet).
    pub source: Option<Arc<str>>,
    pub problem: Problem,
}

impl ConfigError {
    /// A file-level error with no location ("no such file").
    pub fn whole_file(path: &Path, message: impl Into<String>) -> ConfigError {
        ConfigError {
            path: path.to_path_buf(),
            source: None,
            problem: Problem::new(0..0, message, ""),
        }
    }

    /// "line 4, column 1: unknown rule `x` in `[rules]`; did you mean `y`?" (for the JSON
    /// report's `errors`, which names the path separately).
    pub fn located_message(&self) -> String {
        let p = &self.problem;
        let help = p
            .help
            .as_ref()
            .map(|h| format!("; {h}"))
            .unwrap_or_default();
        match &self.source {
            Some(src) => {
                let (line, col) = position(src, p.span.start);
                format!("line {line}, column {col}: {}{help}", p.message)
            }
            None => format!("{}{help}", p.message),
        }
    }

    /// "path:line:col: message", one line (for logs and tests).
    pub fn one_line(&self) -> String {
        match &self.source {
            Some(src) => {
                let (line, col) = position(src, self.problem.span.start);
                format!(
                    "{}:{line}:{col}: {}",
                    self.path.display(),
                    self.problem.message
                )
            }
            None => format!("{}: {}", self.path.display(), self.problem.message),
        }
    }
}

fn position(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = src.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Render errors rustc-style (codespan-reporting), for standard error.
pub fn render(errors: &[ConfigError], color: bool) -> String {
    let config = term::Config::default();
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for e in errors {
        let p = &e.problem;
        let mut notes = Vec::new();
        if let Some(h) = &p.help {
            notes.push(format!("help: {h}"));
        }
        match &e.source {
            Some(src) => {
                let name = e.path.display().to_string();
                let file = SimpleFile::new(name, src.as_ref());
                let span = clamp(src, p.span.clone());
                let cs = CsDiagnostic::error()
                    .with_message(&p.message)
                    .with_labels(vec![Label::primary((), span).with_message(&p.label)])
                    .with_notes(notes);
                let _ = term::emit_to_write_style(&mut buffer, &config, &file, &cs);
            }
            None => {
                let cs = CsDiagnostic::error()
                    .with_message(format!("{}: {}", e.path.display(), p.message))
                    .with_notes(notes);
                let file = SimpleFile::new("", "");
                let _ = term::emit_to_write_style(&mut buffer, &config, &file, &cs);
            }
        }
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// Keep a span inside the text and on char boundaries (codespan-reporting requires both).
fn clamp(src: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(src.len());
    let mut end = span.end.clamp(start, src.len());
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    while !src.is_char_boundary(end) {
        end += 1;
    }
    start..end
}
