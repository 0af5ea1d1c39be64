//! Diagnostics: what a rule reports, and how it may be fixed.

use std::ops::Range;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Whether `--fix` may apply a fix by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    /// Applied by `--fix`: the intended text is certain.
    Safe,
    /// Applied only with `--unsafe-fixes`: probably right, but read it.
    Unsafe,
    /// Shown as a suggestion, never applied.
    Display,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::Display => "display",
        }
    }
}

/// Replace the bytes of `range` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// A secondary place that explains the finding ("the headline first appears here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub range: Range<usize>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Rule id: `dropped-suffix`, or `pack/name` for rule-pack rules.
    pub rule: String,
    /// Filled in from the configuration after the rule ran.
    pub severity: Severity,
    pub message: String,
    /// The exact bytes at fault, end exclusive.
    pub range: Range<usize>,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn new(rule: impl Into<String>, range: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule: rule.into(),
            severity: Severity::Warning,
            message: message.into(),
            range,
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            fixes: Vec::new(),
        }
    }

    pub fn label(mut self, range: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            range,
            message: message.into(),
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn fix(
        mut self,
        title: impl Into<String>,
        applicability: Applicability,
        edits: Vec<Edit>,
    ) -> Self {
        self.fixes.push(Fix {
            title: title.into(),
            applicability,
            edits,
        });
        self
    }

    /// A fix that replaces the primary span.
    pub fn replace_with(
        self,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        let replacement = replacement.into();
        let range = self.range.clone();
        self.fix(
            format!("write '{replacement}'"),
            applicability,
            vec![Edit { range, replacement }],
        )
    }

    /// Every byte range this finding names: the primary span and its labels.
    pub fn ranges(&self) -> impl Iterator<Item = &Range<usize>> {
        std::iter::once(&self.range).chain(self.labels.iter().map(|l| &l.range))
    }
}

/// Findings in reading order.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule))
    });
}
