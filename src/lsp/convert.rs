//! galley's findings as the protocol's diagnostics, and their fixes as code actions.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DiagnosticRelatedInformation,
    DiagnosticSeverity, Location, NumberOrString, TextEdit, Uri, WorkspaceEdit,
};

use super::position::LineMap;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};

/// The `source` of every diagnostic galley publishes.
pub const SOURCE: &str = "galley";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// One finding: its rule id as the `code`, its help and notes after the message (rustc's
/// `help:` and `note:` lines, which every client shows, where related information without
/// a place of its own is shown by few), its labels as related information in this document.
pub fn diagnostic(uri: &Uri, map: &LineMap<'_>, d: &Diagnostic) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    for note in &d.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), map.range(&l.range)),
            message: l.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: map.range(&d.range),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.clone())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Whether a finding at `finding` is what a code action request for `asked` is about: they
/// overlap, or the cursor (an empty range) touches the finding, either end included.
pub fn touches(finding: &Range<usize>, asked: &Range<usize>) -> bool {
    finding.start <= asked.end && asked.start <= finding.end
}

/// The quick fixes of one finding: safe fixes preferred, unsafe ones offered but not
/// preferred (and titled so), display-only ones left out.
pub fn quick_fixes(
    uri: &Uri,
    map: &LineMap<'_>,
    d: &Diagnostic,
    published: &lsp_types::Diagnostic,
) -> Vec<CodeActionOrCommand> {
    d.fixes
        .iter()
        .filter(|f| f.applicability != Applicability::Display)
        .map(|f| CodeActionOrCommand::CodeAction(action(uri, map, f, published)))
        .collect()
}

fn action(
    uri: &Uri,
    map: &LineMap<'_>,
    fix: &Fix,
    published: &lsp_types::Diagnostic,
) -> CodeAction {
    let safe = fix.applicability == Applicability::Safe;
    let title = if safe {
        fix.title.clone()
    } else {
        format!("{} (unsafe: read it first)", fix.title)
    };
    let edits = fix
        .edits
        .iter()
        .map(|e| TextEdit::new(map.range(&e.range), e.replacement.clone()))
        .collect();
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![published.clone()]),
        edit: Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))),
        command: None,
        is_preferred: Some(safe),
        disabled: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use lsp_types::{Position, Range as LspRange};

    use super::*;
    use crate::diagnostic::Edit;
    use crate::lsp::position::Encoding;

    #[test]
    fn a_finding_keeps_its_rule_help_notes_and_labels() {
        let text = "# Señor Ruiz wins\n\nThe the vote.\n\n# Señor Ruiz wins\n";
        let uri = Uri::from_str("file:///tmp/a.md").unwrap();
        let map = LineMap::new(text, Encoding::Utf16);
        let first = text.find("Señor").unwrap();
        let second = text.rfind("Señor").unwrap();
        let len = "Señor Ruiz wins".len();
        let mut d = Diagnostic::new(
            "repeated-headline",
            second..second + len,
            "the headline is repeated",
        )
        .label(first..first + len, "first here")
        .note("a note")
        .help("delete one");
        d.severity = Severity::Info;
        let out = diagnostic(&uri, &map, &d);
        assert_eq!(
            out.code,
            Some(NumberOrString::String("repeated-headline".into()))
        );
        assert_eq!(out.source.as_deref(), Some("galley"));
        assert_eq!(out.severity, Some(DiagnosticSeverity::INFORMATION));
        assert_eq!(
            out.message,
            "the headline is repeated\nhelp: delete one\nnote: a note"
        );
        assert_eq!(
            out.range,
            LspRange::new(Position::new(4, 2), Position::new(4, 17)) // 15 units
        );
        let related = out.related_information.unwrap();
        assert_eq!(related[0].message, "first here");
        assert_eq!(
            related[0].location.range,
            LspRange::new(Position::new(0, 2), Position::new(0, 17))
        );
    }

    #[test]
    fn safe_fixes_are_preferred_unsafe_ones_offered_display_ones_not() {
        let text = "Prices rose 5 percent.";
        let uri = Uri::from_str("file:///tmp/a.md").unwrap();
        let map = LineMap::new(text, Encoding::Utf16);
        let edit = |r: &str| {
            vec![Edit {
                range: 12..21,
                replacement: r.into(),
            }]
        };
        let d = Diagnostic::new("x", 12..21, "m")
            .fix("write '5%'", Applicability::Safe, edit("5%"))
            .fix(
                "write 'five percent'",
                Applicability::Unsafe,
                edit("five percent"),
            )
            .fix("rewrite it", Applicability::Display, edit("?"));
        let published = diagnostic(&uri, &map, &d);
        let actions: Vec<CodeAction> = quick_fixes(&uri, &map, &d, &published)
            .into_iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a,
                CodeActionOrCommand::Command(_) => panic!("a command"),
            })
            .collect();
        assert_eq!(actions.len(), 2);
        assert_eq!(actions[0].title, "write '5%'");
        assert_eq!(actions[0].is_preferred, Some(true));
        assert_eq!(actions[0].kind, Some(CodeActionKind::QUICKFIX));
        assert_eq!(
            actions[1].title,
            "write 'five percent' (unsafe: read it first)"
        );
        assert_eq!(actions[1].is_preferred, Some(false));
        let edits = &actions[0].edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        assert_eq!(edits[0].new_text, "5%");
        assert_eq!(
            edits[0].range,
            LspRange::new(Position::new(0, 12), Position::new(0, 21))
        );
    }

    #[test]
    fn a_cursor_at_either_end_of_a_finding_touches_it() {
        assert!(touches(&(4..9), &(4..4)));
        assert!(touches(&(4..9), &(9..9)));
        assert!(touches(&(4..9), &(0..20)));
        assert!(!touches(&(4..9), &(10..10)));
        assert!(!touches(&(4..9), &(0..3)));
    }
}
