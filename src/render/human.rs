use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer};

use crate::diagnostic::{Applicability, Diagnostic, Severity};

/// rustc-style output for one file's findings.
pub fn human(path: &str, source: &str, diags: &[Diagnostic], color: bool) -> String {
    let file = SimpleFile::new(path, source);
    let config = term::Config::default();
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for d in diags {
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Info => CsSeverity::Note,
        };
        let mut labels = vec![Label::primary((), d.range.clone())];
        labels.extend(
            d.labels
                .iter()
                .map(|l| Label::secondary((), l.range.clone()).with_message(&l.message)),
        );
        let mut notes: Vec<String> = d.notes.iter().map(|n| format!("note: {n}")).collect();
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        for fix in &d.fixes {
            let how = match fix.applicability {
                Applicability::Safe => "fix (safe, --fix applies it)",
                Applicability::Unsafe => "fix (unsafe, --unsafe-fixes applies it)",
                Applicability::Display => "suggestion",
            };
            notes.push(format!("{how}: {}", fix.title));
        }
        let cs = CsDiagnostic::new(severity)
            .with_code(d.rule.as_str())
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        // Writing into a memory buffer cannot fail; spans are always inside the file.
        let _ = term::emit_to_write_style(&mut buffer, &config, &file, &cs);
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}
