//! Applying fixes: choose non-overlapping edits, apply them, re-check until the text settles,
//! write the file atomically; and the line diff behind `--diff` and changed-lines tracking.
//!
//! A round takes, in reading order, the first applicable fix of each finding and keeps it
//! only when none of its edits overlaps an edit already taken (first by position wins). The
//! edited text is parsed and checked again, and the rounds repeat until no applicable fix is
//! left or [`MAX_ROUNDS`] have run, so fixes that uncover or conflict with others settle.

use std::fs;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::discover::Input;
use crate::document::Document;
use crate::error::InputError;
use crate::filter::changed::Since;
use crate::text::diff::unified_diff;

/// Which fixes may be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// `--fix`: safe fixes only.
    Safe,
    /// `--unsafe-fixes`: safe and unsafe fixes.
    Unsafe,
}

impl FixMode {
    pub fn allows(self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self == FixMode::Unsafe,
            Applicability::Display => false,
        }
    }
}

/// The most fix-and-recheck rounds before giving up on the text settling.
pub const MAX_ROUNDS: usize = 10;

/// A fix that was applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub rule: String,
    pub title: String,
}

/// What fixing one text did.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed document, re-checked; `None` when no edit was applied.
    pub doc: Option<Document>,
    /// Findings left in the fixed text (the original findings when nothing changed).
    pub remaining: Vec<Diagnostic>,
    pub applied: Vec<Applied>,
    /// False when the rounds ran out while fixes were still being applied.
    pub settled: bool,
}

/// Whether two edits may not both be applied: their ranges overlap, or an insertion falls at
/// the start of or inside the other's range (two insertions at one point conflict too).
fn conflicts(a: &Range<usize>, b: &Range<usize>) -> bool {
    let inside = |p: usize, r: &Range<usize>| {
        if r.is_empty() {
            p == r.start
        } else {
            r.start <= p && p < r.end
        }
    };
    if a.is_empty() {
        inside(a.start, b)
    } else if b.is_empty() {
        inside(b.start, a)
    } else {
        a.start < b.end && b.start < a.end
    }
}

fn valid_edit(text: &str, e: &Edit) -> bool {
    e.range.start <= e.range.end
        && e.range.end <= text.len()
        && text.is_char_boundary(e.range.start)
        && text.is_char_boundary(e.range.end)
}

/// The fixes one round applies: for each finding in reading order its first fix that `mode`
/// allows, skipped when any of its edits conflicts with an edit already chosen.
pub fn select<'a>(
    text: &str,
    diags: &'a [Diagnostic],
    mode: FixMode,
) -> Vec<(&'a Diagnostic, &'a Fix)> {
    let mut candidates: Vec<(&Diagnostic, &Fix)> = diags
        .iter()
        .filter_map(|d| {
            d.fixes
                .iter()
                .find(|f| mode.allows(f.applicability) && !f.edits.is_empty())
                .map(|f| (d, f))
        })
        .filter(|(_, f)| f.edits.iter().all(|e| valid_edit(text, e)))
        .collect();
    let start = |f: &Fix| f.edits.iter().map(|e| e.range.start).min().unwrap_or(0);
    candidates.sort_by_key(|(d, f)| (start(f), d.range.start));
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut out = Vec::new();
    for (d, f) in candidates {
        let clash = f.edits.iter().enumerate().any(|(i, e)| {
            taken.iter().any(|t| conflicts(t, &e.range))
                || f.edits[..i].iter().any(|o| conflicts(&o.range, &e.range))
        });
        if clash {
            continue;
        }
        taken.extend(f.edits.iter().map(|e| e.range.clone()));
        out.push((d, f));
    }
    out
}

/// Apply non-conflicting edits to a text.
pub fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Fix a checked document: apply rounds of fixes, re-checking with `check` after each, until
/// nothing applicable is left or [`MAX_ROUNDS`] have run.
pub fn fix_document(
    doc: &Document,
    diags: &[Diagnostic],
    mode: FixMode,
    mut check: impl FnMut(&Document) -> Vec<Diagnostic>,
) -> Fixed {
    let mut current: Option<Document> = None;
    let mut remaining: Option<Vec<Diagnostic>> = None;
    let mut applied = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let (text, diags) = match (&current, &remaining) {
            (Some(d), Some(r)) => (d.source.as_str(), r.as_slice()),
            _ => (doc.source.as_str(), diags),
        };
        let chosen = select(text, diags, mode);
        if chosen.is_empty() {
            break;
        }
        let edits: Vec<&Edit> = chosen.iter().flat_map(|(_, f)| f.edits.iter()).collect();
        let new_text = apply(text, &edits);
        if new_text == text {
            break;
        }
        applied.extend(chosen.iter().map(|(d, f)| Applied {
            rule: d.rule.clone(),
            title: f.title.clone(),
        }));
        let new_doc = Document::parse(new_text);
        remaining = Some(check(&new_doc));
        current = Some(new_doc);
    }
    let settled = {
        let (text, diags) = match (&current, &remaining) {
            (Some(d), Some(r)) => (d.source.as_str(), r.as_slice()),
            _ => (doc.source.as_str(), diags),
        };
        select(text, diags, mode).is_empty()
    };
    Fixed {
        remaining: remaining.unwrap_or_else(|| diags.to_vec()),
        doc: current,
        applied,
        settled,
    }
}

/// Replace a file's contents atomically: write a temporary file in the same folder, give it
/// the original's permissions, then rename it over the original. A symbolic link is followed,
/// so the file it points to is replaced and the link kept.
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let target: PathBuf = if fs::symlink_metadata(path)?.file_type().is_symlink() {
        fs::canonicalize(path)?
    } else {
        path.to_path_buf()
    };
    let permissions = fs::metadata(&target)?.permissions();
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.galley-{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        drop(f);
        fs::set_permissions(&tmp, permissions)?;
        fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

// ---------------------------------------------------------------------------------------------
// After the rules ran: changed-lines filter and fixes, for one file.

/// What `check` does once the rules ran: `--changed-since`, `--fix`, `--unsafe-fixes`,
/// `--diff`.
#[derive(Clone, Debug, Default)]
pub struct PostOptions {
    pub changed_since: Option<Since>,
    pub fix: Option<FixMode>,
    /// Print a diff of the fixes instead of applying them.
    pub diff: bool,
}

impl PostOptions {
    /// From `galley check`'s flags; checks `--changed-since`'s revision once, up front.
    pub fn from_args(args: &crate::cli::CheckArgs) -> Result<PostOptions, String> {
        let changed_since = match &args.changed_since {
            Some(rev) => Some(Since::open(
                rev,
                &args.paths,
                args.stdin_filename.as_ref().map(PathBuf::from),
            )?),
            None => None,
        };
        let fix = if args.unsafe_fixes {
            Some(FixMode::Unsafe)
        } else if args.fix || args.diff {
            Some(FixMode::Safe)
        } else {
            None
        };
        Ok(PostOptions {
            changed_since,
            fix,
            diff: args.diff,
        })
    }

    /// Whether fixed text replaces the files (`--fix` or `--unsafe-fixes` without `--diff`).
    pub fn writes(&self) -> bool {
        self.fix.is_some() && !self.diff
    }
}

/// What fixing one file did, for the summary and output.
#[derive(Clone, Debug, Default)]
pub struct FileFix {
    /// The file as shown in output.
    pub display: String,
    pub applied: Vec<Applied>,
    pub settled: bool,
    /// `--diff`: the unified diff (empty when nothing would change).
    pub diff: String,
    /// Standard input with `--fix`: the fixed text, for standard output.
    pub stdout: Option<String>,
    /// Remaining findings whose fix `--unsafe-fixes` would apply.
    pub unsafe_left: usize,
}

/// Apply fixes to a checked file as `opts` asks (`--fix`, `--unsafe-fixes`, `--diff`), once
/// the filter stage has run. `recheck` checks a fixed text exactly as the file was checked,
/// filters included. Returns the document and findings to report (the remaining ones after
/// `--fix`), and what was fixed (`None` without a fix mode).
pub fn after_rules(
    opts: &PostOptions,
    input: &Input,
    display: &str,
    doc: Document,
    diags: Vec<Diagnostic>,
    recheck: impl FnMut(&Document) -> Vec<Diagnostic>,
) -> Result<(Document, Vec<Diagnostic>, Option<FileFix>), InputError> {
    let Some(mode) = opts.fix else {
        return Ok((doc, diags, None));
    };
    let fixed = fix_document(&doc, &diags, mode, recheck);
    let new_text = fixed
        .doc
        .as_ref()
        .map_or(doc.source.as_str(), |d| &d.source);
    let unsafe_left = if mode == FixMode::Safe {
        select(new_text, &fixed.remaining, FixMode::Unsafe).len()
    } else {
        0
    };
    let mut file_fix = FileFix {
        display: display.to_string(),
        applied: fixed.applied,
        settled: fixed.settled,
        diff: String::new(),
        stdout: None,
        unsafe_left,
    };
    if opts.diff {
        file_fix.diff = unified_diff(display, &doc.source, new_text);
        return Ok((doc, diags, Some(file_fix)));
    }
    match input {
        Input::Stdin => file_fix.stdout = Some(new_text.to_string()),
        Input::File(path) => {
            if fixed.doc.is_some() {
                write_atomic(path, new_text).map_err(|e| InputError::WriteFixed(e.to_string()))?;
            }
        }
    }
    let doc = fixed.doc.unwrap_or(doc);
    Ok((doc, fixed.remaining, Some(file_fix)))
}

/// Totals over all files, for the summary on standard error.
#[derive(Clone, Debug, Default)]
pub struct FixTotals {
    pub fixed: usize,
    pub files_changed: usize,
    pub unsettled: Vec<String>,
    pub unsafe_left: usize,
}

impl FixTotals {
    /// Add one file's fixes; returns the line to print for it, if any.
    pub fn add(&mut self, f: &FileFix, diff_mode: bool) -> Option<String> {
        let display = &f.display;
        if !f.settled {
            self.unsettled.push(display.to_string());
        }
        self.unsafe_left += f.unsafe_left;
        if f.applied.is_empty() {
            return None;
        }
        self.fixed += f.applied.len();
        self.files_changed += 1;
        let mut by_rule: Vec<(&str, usize)> = Vec::new();
        for a in &f.applied {
            match by_rule.iter_mut().find(|(r, _)| *r == a.rule) {
                Some((_, n)) => *n += 1,
                None => by_rule.push((&a.rule, 1)),
            }
        }
        let rules: Vec<String> = by_rule
            .iter()
            .map(|(r, n)| format!("{r} \u{d7}{n}"))
            .collect();
        let verb = if diff_mode { "would fix" } else { "fixed" };
        Some(format!(
            "{display}: {verb} {} ({})",
            plural(f.applied.len(), "finding"),
            rules.join(", ")
        ))
    }

    /// The closing summary: what was fixed and what remains.
    pub fn summary(&self, remaining: usize, diff_mode: bool) -> String {
        let fixed = plural(self.fixed, "finding");
        let files = plural(self.files_changed, "file");
        let mut s = if diff_mode {
            format!("galley: would fix {fixed} in {files}")
        } else {
            let remain = if remaining == 1 { "remains" } else { "remain" };
            format!("galley: fixed {fixed} in {files}; {remaining} {remain}")
        };
        match self.unsafe_left {
            0 => {}
            1 => s.push_str(" (1 more fix with --unsafe-fixes)"),
            n => s.push_str(&format!(" ({n} more fixes with --unsafe-fixes)")),
        }
        for f in &self.unsettled {
            s.push_str(&format!(
                "\ngalley: {f}: fixes had not settled after {MAX_ROUNDS} rounds"
            ));
        }
        s
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_cover_insertions() {
        assert!(conflicts(&(0..3), &(2..5)));
        assert!(!conflicts(&(0..3), &(3..5)));
        assert!(conflicts(&(3..3), &(3..3)));
        assert!(conflicts(&(3..3), &(3..5)));
        assert!(!conflicts(&(5..5), &(3..5)));
        assert!(conflicts(&(4..4), &(3..5)));
    }

    /// A check that flags every "xx" with a fix writing "x": overlapping findings.
    fn doubled_x(doc: &Document) -> Vec<Diagnostic> {
        let s = doc.source.as_bytes();
        (0..s.len().saturating_sub(1))
            .filter(|&i| s[i] == b'x' && s[i + 1] == b'x')
            .map(|i| {
                Diagnostic::new("xx", i..i + 2, "doubled").replace_with("x", Applicability::Safe)
            })
            .collect()
    }

    #[test]
    fn rounds_repeat_until_the_text_settles() {
        let doc = Document::parse("a xxxxx b");
        let diags = doubled_x(&doc);
        let fixed = fix_document(&doc, &diags, FixMode::Safe, doubled_x);
        assert_eq!(fixed.doc.as_ref().unwrap().source, "a x b");
        assert!(fixed.settled);
        assert!(fixed.remaining.is_empty());
        // "xxxxx": round one takes the first and third pairs (first by position, skipping
        // overlaps) giving "xxx", then "xx", then "x".
        assert_eq!(fixed.applied.len(), 4);
        // Unsafe fixes stay out of safe mode, display fixes out of both.
        let d = vec![Diagnostic::new("u", 2..4, "m").replace_with("y", Applicability::Unsafe)];
        let none = fix_document(&doc, &d, FixMode::Safe, |_| Vec::new());
        assert!(none.doc.is_none() && none.applied.is_empty() && none.settled);
        let shown = vec![Diagnostic::new("d", 2..4, "m").replace_with("y", Applicability::Display)];
        assert!(
            fix_document(&doc, &shown, FixMode::Unsafe, |_| Vec::new())
                .doc
                .is_none()
        );
    }

    #[test]
    fn a_fix_that_never_settles_stops_after_the_last_round() {
        let grow = |_: &Document| {
            vec![Diagnostic::new("g", 0..0, "m").fix(
                "insert",
                Applicability::Safe,
                vec![Edit {
                    range: 0..0,
                    replacement: "y".into(),
                }],
            )]
        };
        let doc = Document::parse("a");
        let fixed = fix_document(&doc, &grow(&doc), FixMode::Safe, grow);
        assert!(!fixed.settled);
        assert_eq!(fixed.applied.len(), MAX_ROUNDS);
        assert_eq!(
            fixed.doc.unwrap().source,
            format!("{}a", "y".repeat(MAX_ROUNDS))
        );
    }

    #[test]
    fn edits_off_char_boundaries_or_past_the_end_are_never_applied() {
        let doc = Document::parse("café");
        let bad = vec![
            Diagnostic::new("b", 0..4, "m").fix(
                "split é",
                Applicability::Safe,
                vec![Edit {
                    range: 4..4,
                    replacement: "x".into(),
                }],
            ),
            Diagnostic::new("b", 0..4, "m").fix(
                "past the end",
                Applicability::Safe,
                vec![Edit {
                    range: 3..99,
                    replacement: "x".into(),
                }],
            ),
        ];
        assert!(
            fix_document(&doc, &bad, FixMode::Safe, |_| Vec::new())
                .doc
                .is_none()
        );
    }

    #[test]
    fn apply_keeps_every_other_byte() {
        let text = "one two two three";
        let e1 = Edit {
            range: 7..11,
            replacement: String::new(),
        };
        let e2 = Edit {
            range: 0..3,
            replacement: "One".into(),
        };
        assert_eq!(apply(text, &[&e1, &e2]), "One two three");
    }
}
