//! `--fix`, `--unsafe-fixes` and `--diff` as users run them: what changes in the file, what
//! does not, what is printed, and that fixing settles.

use crate::common::{galley, run, scratch, stderr, stdout, with_stdin};

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn run_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut cmd = galley();
    cmd.current_dir(dir).args(args);
    with_stdin(cmd, input.as_bytes())
}

/// A draft with a safe fix (a doubled word), an unsafe one (a sentence written twice) and
/// letters outside ASCII.
const MARKET: &str = "# Night market returns\n\n\
    Stalls selling grilled corn and the the famous lemon tarts reopen on Friday.\n\n\
    The market closed in March after a fire damaged the hall. Vendors say the rebuilt hall \
    is brighter than the old one.\n\n\
    Organisers expect crowds of several thousand — a record for the café quarter. \
    The market closed in March after a fire damaged the hall.\n";

/// The edits of every fix with the given applicability, from `--format json`.
fn edits(dir: &Path, file: &str, applicability: &[&str]) -> Vec<(usize, usize, String)> {
    let o = run(dir, &["check", "--format", "json", file]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut out = Vec::new();
    for d in v["diagnostics"].as_array().unwrap() {
        for f in d["fixes"].as_array().unwrap() {
            if applicability.contains(&f["applicability"].as_str().unwrap()) {
                for e in f["edits"].as_array().unwrap() {
                    out.push((
                        e["byte_start"].as_u64().unwrap() as usize,
                        e["byte_end"].as_u64().unwrap() as usize,
                        e["replacement"].as_str().unwrap().to_string(),
                    ));
                }
                break;
            }
        }
    }
    out.sort();
    out
}

/// Apply edits byte by byte: everything outside them is copied unchanged.
fn apply(text: &str, edits: &[(usize, usize, String)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (s, e, r) in edits {
        assert!(*s >= at, "overlapping edits");
        out.push_str(&text[at..*s]);
        out.push_str(r);
        at = *e;
    }
    out.push_str(&text[at..]);
    out
}

#[test]
fn fix_applies_safe_fixes_and_changes_no_other_byte() {
    let dir = scratch("safe");
    std::fs::write(dir.join("market.md"), MARKET).unwrap();
    let safe = edits(&dir, "market.md", &["safe"]);
    assert_eq!(safe.len(), 1, "{safe:?}");

    let o = run(&dir, &["check", "--fix", "--format", "short", "market.md"]);
    let fixed = std::fs::read_to_string(dir.join("market.md")).unwrap();
    assert_eq!(fixed, apply(MARKET, &safe));
    assert!(fixed.contains("grilled corn and the famous lemon tarts"));
    // The unsafe fix is left alone and still reported, at its place in the fixed text.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (line, text) = fixed
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("Organisers"))
        .unwrap();
    let col = text[..text.find("The market").unwrap()].chars().count() + 1;
    assert_eq!(
        stdout(&o),
        format!(
            "market.md:{}:{col}: warning[duplicate-sentence] this sentence appears twice\n",
            line + 1
        )
    );
    let err = stderr(&o);
    assert!(
        err.contains("galley: market.md: fixed 1 finding (repeated-word \u{d7}1)"),
        "{err}"
    );
    assert!(
        err.contains(
            "galley: fixed 1 finding in 1 file; 1 remains (1 more fix with --unsafe-fixes)"
        ),
        "{err}"
    );

    // A second run finds nothing more to fix and leaves the file as it is.
    let o = run(&dir, &["check", "--fix", "market.md"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("market.md")).unwrap(),
        fixed
    );
    assert!(stderr(&o).contains("galley: fixed 0 findings in 0 files; 1 remains"));
}

#[test]
fn unsafe_fixes_apply_both_kinds_and_settle() {
    let dir = scratch("unsafe");
    std::fs::write(dir.join("market.md"), MARKET).unwrap();
    let all = edits(&dir, "market.md", &["safe", "unsafe"]);
    assert_eq!(all.len(), 2, "{all:?}");
    let o = run(&dir, &["check", "--unsafe-fixes", "market.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let fixed = std::fs::read_to_string(dir.join("market.md")).unwrap();
    assert_eq!(fixed, apply(MARKET, &all));
    assert!(stderr(&o).contains("fixed 2 findings in 1 file; 0 remain"));
    let again = run(&dir, &["check", "--unsafe-fixes", "market.md"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("market.md")).unwrap(),
        fixed
    );
    assert!(stderr(&again).contains("fixed 0 findings"));
}

#[test]
fn overlapping_fixes_go_to_the_first_by_position_and_the_text_settles() {
    let dir = scratch("overlap");
    // The second sentence is a doubled-word copy of the first: deleting the copy (unsafe)
    // and deleting its doubled word (safe) overlap, and the deletion, first by position, wins.
    let text = "# Lighthouse\n\nThe the keeper climbed the stairs of the old tower at dusk. Gulls circled the \
                lamp room.\n\nRain fell all night. The the keeper climbed the stairs of the old tower at dusk.\n";
    std::fs::write(dir.join("a.md"), text).unwrap();
    let o = run(&dir, &["check", "--unsafe-fixes", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fixed = std::fs::read_to_string(dir.join("a.md")).unwrap();
    assert_eq!(
        fixed,
        "# Lighthouse\n\nThe keeper climbed the stairs of the old tower at dusk. Gulls circled the lamp room.\n\n\
         Rain fell all night.\n"
    );
    assert!(
        stderr(&o).contains(
            "galley: a.md: fixed 2 findings (repeated-word \u{d7}1, duplicate-sentence \u{d7}1)"
        ),
        "{}",
        stderr(&o)
    );
    // Settled: nothing left to fix or report.
    let o = run(
        &dir,
        &["check", "--unsafe-fixes", "--format", "short", "a.md"],
    );
    assert_eq!(stdout(&o), "");
    assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), fixed);
}

#[test]
fn diff_prints_a_unified_diff_and_leaves_the_file_alone() {
    let dir = scratch("diff");
    std::fs::write(dir.join("market.md"), MARKET).unwrap();
    let o = run(&dir, &["check", "--diff", "market.md"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("market.md")).unwrap(),
        MARKET
    );
    // The exit status is the check's: the doubled word is an error.
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "--- a/market.md\n+++ b/market.md\n@@ -1,6 +1,6 @@\n # Night market returns\n \n\
         -Stalls selling grilled corn and the the famous lemon tarts reopen on Friday.\n\
         +Stalls selling grilled corn and the famous lemon tarts reopen on Friday.\n \n \
         The market closed in March after a fire damaged the hall. Vendors say the rebuilt \
         hall is brighter than the old one.\n \n"
    );
    assert!(stderr(&o).contains("galley: would fix 1 finding in 1 file"));

    // `git apply` takes the diff and produces exactly what --fix writes.
    if Command::new("git").arg("--version").output().is_ok() {
        std::fs::write(dir.join("fix.patch"), stdout(&o)).unwrap();
        let applied = Command::new("git")
            .args(["apply", "fix.patch"])
            .current_dir(&dir)
            .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
            .output()
            .unwrap();
        assert!(applied.status.success(), "{}", stderr(&applied));
        let patched = std::fs::read_to_string(dir.join("market.md")).unwrap();
        std::fs::write(dir.join("market.md"), MARKET).unwrap();
        run(&dir, &["check", "--fix", "market.md"]);
        assert_eq!(
            patched,
            std::fs::read_to_string(dir.join("market.md")).unwrap()
        );
    }

    // Nothing to fix: no diff at all.
    std::fs::write(
        dir.join("clean.md"),
        "# Pier\n\nThe pier reopened on Monday.\n",
    )
    .unwrap();
    let o = run(&dir, &["check", "--diff", "clean.md"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn standard_input_with_fix_prints_the_fixed_text() {
    let dir = scratch("stdin");
    let o = run_stdin(&dir, &["check", "--fix", "-"], MARKET);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let safe_fixed = MARKET.replace("and the the famous", "and the famous");
    assert_eq!(stdout(&o), safe_fixed);
    // What remains is reported on standard error, with the summary.
    let err = stderr(&o);
    assert!(err.contains("duplicate-sentence"), "{err}");
    assert!(
        err.contains("galley: fixed 1 finding in 1 file; 1 remains"),
        "{err}"
    );

    // Nothing to fix: the text comes back unchanged.
    let clean = "# Pier\n\nThe pier reopened on Monday.\n";
    let o = run_stdin(&dir, &["check", "--fix", "-"], clean);
    assert_eq!(stdout(&o), clean);

    // --diff on standard input names it as --stdin-filename says.
    let o = run_stdin(
        &dir,
        &["check", "--diff", "--stdin-filename", "desk/market.md", "-"],
        MARKET,
    );
    assert!(stdout(&o).starts_with("--- a/desk/market.md\n+++ b/desk/market.md\n"));
}

#[test]
fn fix_with_json_reports_what_remains_in_the_fixed_text() {
    let dir = scratch("json");
    std::fs::write(dir.join("market.md"), MARKET).unwrap();
    let o = run(&dir, &["check", "--fix", "--format", "json", "market.md"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let fixed = std::fs::read_to_string(dir.join("market.md")).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["rule"], "duplicate-sentence");
    let start = diags[0]["byte_start"].as_u64().unwrap() as usize;
    assert!(fixed[start..].starts_with("The market closed in March"));
    assert_eq!(v["summary"]["errors"], 0);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_leaves_no_temporary_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("perms");
    let path = dir.join("market.md");
    std::fs::write(&path, MARKET).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = run(&dir, &["check", "--fix", "market.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["market.md"]);

    // A symbolic link is followed: the draft it points to is fixed, the link stays a link.
    std::fs::write(dir.join("real.md"), MARKET).unwrap();
    std::os::unix::fs::symlink("real.md", dir.join("link.md")).unwrap();
    run(&dir, &["check", "--fix", "link.md"]);
    assert!(
        std::fs::symlink_metadata(dir.join("link.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        !std::fs::read_to_string(dir.join("real.md"))
            .unwrap()
            .contains("the the")
    );
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_written_is_an_error_and_stays_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("readonly");
    let sub = dir.join("locked");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("market.md"), MARKET).unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root may write anywhere; the check only means something for other users.
    let probe = sub.join(".probe");
    if std::fs::write(&probe, "").is_ok() {
        let _ = std::fs::remove_file(&probe);
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let o = run(&dir, &["check", "--fix", "locked/market.md"]);
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("could not write the fixed file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(sub.join("market.md")).unwrap(),
        MARKET
    );
}
