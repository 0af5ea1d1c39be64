//! `--changed-since REF`: only findings on lines added or changed since a git revision.

use crate::common::{scratch, stderr, stdout, with_stdin};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Commands that must not see the user's git configuration or a repository above the
/// temp dir.
fn isolated(mut cmd: Command) -> Command {
    cmd.env("GIT_AUTHOR_NAME", "Desk")
        .env("GIT_AUTHOR_EMAIL", "desk@example.com")
        .env("GIT_COMMITTER_NAME", "Desk")
        .env("GIT_COMMITTER_EMAIL", "desk@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir());
    cmd
}

fn git(dir: &Path, args: &[&str]) -> String {
    let o = isolated(Command::new("git"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
    stdout(&o).trim().to_string()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    isolated(Command::new(env!("CARGO_BIN_EXE_galley")))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// A repository with one committed draft.
fn repo(name: &str, file: &str, text: &str) -> PathBuf {
    let dir = scratch(name);
    git(&dir, &["init", "-q"]);
    if let Some(parent) = Path::new(file).parent() {
        std::fs::create_dir_all(dir.join(parent)).unwrap();
    }
    std::fs::write(dir.join(file), text).unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "first draft"]);
    dir
}

const TIDES: &str = "# Tide tables\n\nThe the tide turns at six.\n";

#[test]
fn only_findings_on_changed_lines_are_reported() {
    let dir = repo("lines", "tides.md", TIDES);
    std::fs::write(
        dir.join("tides.md"),
        format!("{TIDES}\nThe harbour opens at at seven.\n"),
    )
    .unwrap();
    let o = run(
        &dir,
        &["check", "--format", "short", "--changed-since", "HEAD", "."],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "tides.md:5:19: error[repeated-word] 'at' is written twice\n"
    );
    // Without the flag both are reported.
    let o = run(&dir, &["check", "--format", "short", "."]);
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn a_changed_line_inside_a_finding_keeps_it() {
    // The doubled word spans a line break; only the second line changes.
    let dir = repo(
        "span",
        "a.md",
        "# Quay\n\nBoats moored along the\nquay overnight.\n",
    );
    std::fs::write(
        dir.join("a.md"),
        "# Quay\n\nBoats moored along the\nthe quay.\n",
    )
    .unwrap();
    let o = run(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--changed-since",
            "HEAD",
            "a.md",
        ],
    );
    assert_eq!(
        stdout(&o),
        "a.md:3:20: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn unchanged_files_report_nothing_and_pass() {
    let dir = repo("unchanged", "tides.md", TIDES);
    let o = run(&dir, &["check", "--changed-since", "HEAD", "tides.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn untracked_files_count_as_changed_throughout() {
    let dir = repo("untracked", "tides.md", TIDES);
    std::fs::create_dir_all(dir.join("desk")).unwrap();
    std::fs::write(
        dir.join("desk/new.md"),
        "# Buoys\n\nNew buoys mark the the channel.\n",
    )
    .unwrap();
    let o = run(
        &dir,
        &["check", "--format", "short", "--changed-since", "HEAD", "."],
    );
    assert_eq!(
        stdout(&o),
        "desk/new.md:3:16: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn committed_changes_since_an_older_revision_count() {
    let dir = repo("committed", "tides.md", TIDES);
    let first = git(&dir, &["rev-parse", "HEAD"]);
    std::fs::write(
        dir.join("tides.md"),
        format!("{TIDES}\nThe harbour opens at at seven.\n"),
    )
    .unwrap();
    git(&dir, &["commit", "-q", "-am", "second draft"]);
    git(&dir, &["tag", "reviewed", &first]);
    for rev in [first.as_str(), "HEAD~1", "reviewed"] {
        let o = run(
            &dir,
            &[
                "check",
                "--format",
                "short",
                "--changed-since",
                rev,
                "tides.md",
            ],
        );
        assert_eq!(
            stdout(&o),
            "tides.md:5:19: error[repeated-word] 'at' is written twice\n",
            "{rev}"
        );
    }
    // Since HEAD nothing changed.
    let o = run(&dir, &["check", "--changed-since", "HEAD", "tides.md"]);
    assert_eq!(stdout(&o), "");
}

#[test]
fn a_finding_is_kept_when_a_place_it_names_changed() {
    // The headline repeated as a heading further down: the heading was there before, and
    // only the front matter's title changes to match it. The finding sits on the heading
    // (unchanged) and names the title (changed) in its label, so it is kept.
    let before = "---\ntitle: Ferry fares to rise\n---\n\nThe ferry company set new fares.\n\n\
                  ## Harbour Board Approves New Ferry Terminal\n\nWork starts in spring.\n";
    let dir = repo("label", "fares.md", before);
    let after = before.replace(
        "title: Ferry fares to rise",
        "title: Harbour Board Approves New Ferry Terminal",
    );
    std::fs::write(dir.join("fares.md"), &after).unwrap();
    let o = run(&dir, &["check", "--format", "short", "fares.md"]);
    assert!(
        stdout(&o).contains("fares.md:7:4: error[repeated-headline]"),
        "{}",
        stdout(&o)
    );
    let o = run(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--changed-since",
            "HEAD",
            "fares.md",
        ],
    );
    assert!(
        stdout(&o).contains("fares.md:7:4: error[repeated-headline]"),
        "{}",
        stdout(&o)
    );
    // Committed, nothing changed since HEAD: gone.
    git(&dir, &["commit", "-q", "-am", "retitle"]);
    let o = run(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--changed-since",
            "HEAD",
            "fares.md",
        ],
    );
    assert_eq!(stdout(&o), "");
}

#[test]
fn outside_a_repository_is_an_error() {
    let dir = scratch("norepo");
    std::fs::write(dir.join("tides.md"), TIDES).unwrap();
    let o = run(&dir, &["check", "--changed-since", "HEAD", "tides.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("error: --changed-since needs a git repository"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_unknown_revision_is_an_error() {
    let dir = repo("badref", "tides.md", TIDES);
    for rev in ["no-such-branch", "HEAD~5", "--output=x"] {
        let o = run(
            &dir,
            &["check", &format!("--changed-since={rev}"), "tides.md"],
        );
        assert_eq!(o.status.code(), Some(2), "{rev}");
        assert!(stderr(&o).contains("--changed-since"), "{}", stderr(&o));
        assert_eq!(stdout(&o), "");
    }
    assert!(!dir.join("x").exists());
}

#[test]
fn standard_input_is_compared_with_the_file_it_names() {
    let dir = repo("stdin", "tides.md", TIDES);
    let text = format!("{TIDES}\nThe harbour opens at at seven.\n");
    let mut cmd = isolated(Command::new(env!("CARGO_BIN_EXE_galley")));
    cmd.current_dir(&dir).args([
        "check",
        "--format",
        "short",
        "--changed-since",
        "HEAD",
        "--stdin-filename",
        "tides.md",
        "-",
    ]);
    let o = with_stdin(cmd, text.as_bytes());
    assert_eq!(
        stdout(&o),
        "tides.md:5:19: error[repeated-word] 'at' is written twice\n"
    );
}

#[test]
fn fix_with_changed_since_fixes_only_changed_lines() {
    let dir = repo("fix", "tides.md", TIDES);
    std::fs::write(
        dir.join("tides.md"),
        format!("{TIDES}\nThe harbour opens at at seven.\n"),
    )
    .unwrap();
    let o = run(
        &dir,
        &["check", "--fix", "--changed-since", "HEAD", "tides.md"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("tides.md")).unwrap(),
        format!("{TIDES}\nThe harbour opens at seven.\n")
    );
}
