//! `--changed-since REF`: keep only findings that touch lines added or changed since a git
//! revision, so a pull request is annotated where it changed the text.
//!
//! The changed lines of a file come from `git diff --unified=0 REF -- FILE` (its hunks'
//! `+start,count`); a file git does not track counts as changed throughout. A finding is kept
//! when its primary span or any of its labels touches a changed line, so a document-level
//! finding (a headline repeated further down) is kept when any place it names changed.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostic::Diagnostic;
use crate::discover::Input;
use crate::document::{Document, LineIndex};
use crate::text::diff::{DiffOp, diff_lines, split_lines};

/// The revision findings are compared against, checked once before any file is read.
#[derive(Clone, Debug)]
pub struct Since {
    /// As given on the command line, for messages.
    pub rev: String,
    /// The full commit id it named.
    commit: String,
    /// `--stdin-filename`: where standard input's text lives in the repository.
    stdin_path: Option<PathBuf>,
}

/// Which lines of one text count as changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedLines {
    /// Every line (an untracked file).
    all: bool,
    /// By 0-based line: changed or not. Lines past the end are unchanged.
    lines: Vec<bool>,
}

/// Run git in `dir`; its standard output, or its first error line.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        // File names are names, not patterns; and reading takes no index lock, so files
        // checked in parallel never contend for it.
        .env("GIT_LITERAL_PATHSPECS", "1")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let line = err
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("git failed")
            .trim()
            .trim_start_matches("fatal: ")
            .to_string();
        Err(line)
    }
}

/// The folder a path's git commands run in: a folder itself, a file's parent.
fn folder_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Since {
    /// Check that the first path (or the current folder) is inside a git work tree and that
    /// `rev` names a commit there.
    pub fn open(
        rev: &str,
        paths: &[PathBuf],
        stdin_path: Option<PathBuf>,
    ) -> Result<Since, String> {
        let dir = paths
            .iter()
            .find(|p| p.as_os_str() != "-")
            .map_or_else(|| PathBuf::from("."), |p| folder_of(p));
        let inside = git(&dir, &["rev-parse", "--is-inside-work-tree"]);
        if inside.as_deref().map(str::trim) != Ok("true") {
            return Err(format!(
                "--changed-since needs a git repository, and {} is not inside one",
                dir.display()
            ));
        }
        if rev.is_empty() || rev.starts_with('-') {
            return Err(format!("--changed-since: `{rev}` is not a git revision"));
        }
        let commit = git(
            &dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        )
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            format!("--changed-since: unknown git revision `{rev}` (a branch, tag or commit)")
        })?;
        Ok(Since {
            rev: rev.to_string(),
            commit,
            stdin_path,
        })
    }

    /// The changed lines of one input whose current text is `text`.
    pub fn lines_for(&self, input: &Input, text: &str) -> Result<ChangedLines, String> {
        match input {
            Input::File(path) => self.file_lines(path, text),
            Input::Stdin => match &self.stdin_path {
                Some(path) => self.stdin_lines(path, text),
                // No name: nothing to compare with, so every line is new.
                None => Ok(ChangedLines::everything()),
            },
        }
    }

    fn file_lines(&self, path: &Path, text: &str) -> Result<ChangedLines, String> {
        let dir = folder_of(path);
        let name = path
            .file_name()
            .map_or_else(|| path.as_os_str().to_os_string(), |n| n.to_os_string());
        let name = name.to_string_lossy();
        let tracked = git(&dir, &["ls-files", "-z", "--", &name])?;
        if tracked.is_empty() {
            return Ok(ChangedLines::everything());
        }
        let diff = git(
            &dir,
            &[
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--unified=0",
                &self.commit,
                "--",
                &name,
            ],
        )?;
        Ok(ChangedLines::from_hunks(
            &diff,
            LineIndex::new(text).line_starts().len(),
        ))
    }

    /// Standard input named by `--stdin-filename`: compare with that file at the revision.
    fn stdin_lines(&self, path: &Path, text: &str) -> Result<ChangedLines, String> {
        let dir = folder_of(path);
        if git(&dir, &["rev-parse", "--is-inside-work-tree"]).is_err() {
            return Ok(ChangedLines::everything());
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match git(&dir, &["show", &format!("{}:./{name}", self.commit)]) {
            Ok(old) => Ok(ChangedLines::between(&old, text)),
            // Not in the revision: all of it is new.
            Err(_) => Ok(ChangedLines::everything()),
        }
    }
}

/// The changed-lines filter of one file: the lines `--changed-since` keeps, carried through
/// the rounds of `--fix` (no revision given: every finding is kept).
pub struct LineFilter {
    lines: Option<ChangedLines>,
    /// The text the lines are of (kept only with a revision).
    text: String,
}

impl LineFilter {
    /// The filter for `input`, whose current text is `text`.
    pub fn new(since: Option<&Since>, input: &Input, text: &str) -> Result<LineFilter, String> {
        Ok(match since {
            Some(s) => LineFilter {
                lines: Some(s.lines_for(input, text)?),
                text: text.to_string(),
            },
            None => LineFilter {
                lines: None,
                text: String::new(),
            },
        })
    }

    /// The findings on changed lines of `doc` (the text the filter was made for).
    pub fn keep(&self, doc: &Document, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        match &self.lines {
            Some(c) => c.keep(doc, diags),
            None => diags,
        }
    }

    /// After a fix: carry the changed lines over to the fixed text `doc`, then keep the
    /// findings on them.
    pub fn keep_fixed(&mut self, doc: &Document, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        match &mut self.lines {
            Some(l) => {
                *l = l.carry(&self.text, &doc.source);
                self.text.clone_from(&doc.source);
                l.keep(doc, diags)
            }
            None => diags,
        }
    }
}

impl ChangedLines {
    /// Every line counts as changed.
    pub fn everything() -> ChangedLines {
        ChangedLines {
            all: true,
            lines: Vec::new(),
        }
    }

    /// From `git diff --unified=0` output for one file whose current text has `line_count`
    /// lines: each hunk header's `+start,count` names added or changed lines.
    pub fn from_hunks(diff: &str, line_count: usize) -> ChangedLines {
        let mut lines = vec![false; line_count];
        for header in diff.lines().filter(|l| l.starts_with("@@ ")) {
            let Some(new) = header
                .split(' ')
                .find(|w| w.starts_with('+'))
                .map(|w| &w[1..])
            else {
                continue;
            };
            let (start, count) = match new.split_once(',') {
                Some((s, c)) => (s.parse::<usize>(), c.parse::<usize>()),
                None => (new.parse::<usize>(), Ok(1)),
            };
            let (Ok(start), Ok(count)) = (start, count) else {
                continue;
            };
            // `+N,0` is a pure deletion after line N: nothing in the new text changed.
            for l in start.saturating_sub(1)..(start.saturating_sub(1) + count) {
                if l >= lines.len() {
                    lines.resize(l + 1, false);
                }
                lines[l] = true;
            }
        }
        ChangedLines { all: false, lines }
    }

    /// Compare two texts line by line: lines of `new` not matched in `old` changed.
    pub fn between(old: &str, new: &str) -> ChangedLines {
        let (a, b) = (split_lines(old), split_lines(new));
        let mut lines = vec![true; b.len() + 1];
        for op in diff_lines(&a, &b) {
            if let DiffOp::Equal(_, j) = op {
                lines[j] = false;
            }
        }
        // The empty line after a final newline holds nothing and never changed.
        if let Some(last) = lines.last_mut() {
            *last = false;
        }
        ChangedLines { all: false, lines }
    }

    /// The same lines in an edited version of the text: a line carried over unchanged keeps
    /// its flag, a line the edit wrote counts as changed.
    pub fn carry(&self, old: &str, new: &str) -> ChangedLines {
        if self.all {
            return self.clone();
        }
        let (a, b) = (split_lines(old), split_lines(new));
        let mut lines = vec![true; b.len() + 1];
        for op in diff_lines(&a, &b) {
            if let DiffOp::Equal(i, j) = op {
                lines[j] = self.is_changed(i);
            }
        }
        if let Some(last) = lines.last_mut() {
            *last = self.is_changed(a.len());
        }
        ChangedLines { all: false, lines }
    }

    /// Whether a 0-based line changed.
    pub fn is_changed(&self, line: usize) -> bool {
        self.all || self.lines.get(line).copied().unwrap_or(false)
    }

    /// Whether a finding's primary span or any label touches a changed line.
    pub fn touches(&self, doc: &Document, d: &Diagnostic) -> bool {
        if self.all {
            return true;
        }
        d.ranges().any(|r| {
            let first = doc.lines.line_of(r.start.min(doc.source.len()));
            let last_byte = if r.end > r.start { r.end - 1 } else { r.start };
            let last = doc.lines.line_of(last_byte.min(doc.source.len()));
            (first..=last).any(|l| self.is_changed(l))
        })
    }

    /// The findings that touch a changed line.
    pub fn keep(&self, doc: &Document, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags.into_iter().filter(|d| self.touches(doc, d)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_name_added_and_changed_lines() {
        let diff = "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n\
                    @@ -2 +2 @@\n-old\n+new\n@@ -5,0 +6,2 @@\n+x\n+y\n@@ -9,2 +10,0 @@\n-z\n-w\n";
        let c = ChangedLines::from_hunks(diff, 12);
        let changed: Vec<usize> = (0..12).filter(|&l| c.is_changed(l)).collect();
        assert_eq!(changed, vec![1, 5, 6]);
    }

    #[test]
    fn between_and_carry_follow_the_lines() {
        let old = "a\nb\nc\n";
        let new = "a\nB\nc\nd\n";
        let c = ChangedLines::between(old, new);
        let changed: Vec<usize> = (0..5).filter(|&l| c.is_changed(l)).collect();
        assert_eq!(changed, vec![1, 3]);
        // An edit that removes line "a" shifts the flags up and marks the edited line.
        let edited = "B\nc\nD\n";
        let carried = c.carry(new, edited);
        let changed: Vec<usize> = (0..4).filter(|&l| carried.is_changed(l)).collect();
        assert_eq!(changed, vec![0, 2]);
    }

    #[test]
    fn findings_touching_changed_lines_are_kept() {
        let doc = Document::parse("# Title\n\nFirst line.\nSecond line.\n");
        let c = ChangedLines::from_hunks("@@ -4 +4 @@\n", 5);
        let on_three = Diagnostic::new("x", 10..21, "m");
        let on_four = Diagnostic::new("x", 22..34, "m");
        let labelled = Diagnostic::new("x", 0..7, "m").label(22..28, "here");
        assert!(!c.touches(&doc, &on_three));
        assert!(c.touches(&doc, &on_four));
        assert!(c.touches(&doc, &labelled));
        assert!(ChangedLines::everything().touches(&doc, &on_three));
    }
}
