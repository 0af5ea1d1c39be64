//! Fixes that never change meaning: the corpus in `tests/corpus/fixes/` as users run it.
//! `silent.md` holds sound sentences that once drew findings (nouns after be, causative have,
//! reduplications, emoticons, quotations closed after a digit or a code span, lines an author
//! wrote that look like page furniture): galley reports nothing there and `--fix` changes no
//! byte. `unsafe.md` holds defects with more than one repair: they are reported, but their
//! fixes are unsafe and `--fix` leaves them. `fix-input.md` is fixed into exactly
//! `fix-output.md`: line breaks stay where they are.

use crate::common::{run, scratch, stderr, stdout};

use std::path::Path;

use serde_json::Value;

fn corpus(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/fixes")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The diagnostics of `file` in `dir`, from `--format json`.
fn diagnostics(dir: &Path, file: &str) -> Vec<Value> {
    let o = run(dir, &["check", "--format", "json", "--no-config", file]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn sound_sentences_draw_no_finding_and_fix_changes_nothing() {
    let dir = scratch("silent");
    let text = corpus("silent.md");
    std::fs::write(dir.join("silent.md"), &text).unwrap();
    let found: Vec<String> = diagnostics(&dir, "silent.md")
        .iter()
        .map(|d| {
            format!(
                "{}:{} {} {}",
                d["line"], d["column"], d["rule"], d["message"]
            )
        })
        .collect();
    assert!(found.is_empty(), "{found:#?}");
    let o = run(&dir, &["check", "--fix", "--no-config", "silent.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("silent.md")).unwrap(),
        text
    );
}

#[test]
fn a_base_form_after_be_is_reported_with_an_unsafe_fix_only() {
    let dir = scratch("unsafe");
    let text = corpus("unsafe.md");
    std::fs::write(dir.join("unsafe.md"), &text).unwrap();
    let diags = diagnostics(&dir, "unsafe.md");
    let found: Vec<(u64, u64, String, String)> = diags
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
                d["fixes"][0]["applicability"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        (3, 14, "'reduce' after 'was' should be 'reduced'", "unsafe"),
        (
            5,
            34,
            "'include' after 'are' should be 'included'",
            "unsafe",
        ),
        (
            7,
            31,
            "'approve' after 'been' should be 'approved'",
            "unsafe",
        ),
    ]
    .map(|(l, c, m, a)| (l, c, m.to_string(), a.to_string()));
    assert_eq!(found, want);
    let o = run(&dir, &["check", "--fix", "--no-config", "unsafe.md"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("unsafe.md")).unwrap(),
        text
    );
    assert!(
        stderr(&o).contains(
            "galley: fixed 0 findings in 0 files; 3 remain (3 more fixes with --unsafe-fixes)"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn fix_writes_exactly_the_expected_bytes_and_keeps_line_breaks() {
    let dir = scratch("bytes");
    std::fs::write(dir.join("draft.md"), corpus("fix-input.md")).unwrap();
    let o = run(&dir, &["check", "--fix", "--no-config", "draft.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = std::fs::read(dir.join("draft.md")).unwrap();
    assert_eq!(String::from_utf8(got).unwrap(), corpus("fix-output.md"));
    assert!(
        stderr(&o).contains(
            "galley: draft.md: fixed 6 findings (repeated-word \u{d7}5, dropped-suffix \u{d7}1)"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn spelling_fixes_write_each_form_in_the_kept_spelling() {
    let dir = scratch("forms");
    let text = "# Arts centre reopens\n\nTwo other centers open in May. Costs were minimised, \
                and the board wants to minimize delays.\n";
    std::fs::write(dir.join("forms.md"), text).unwrap();
    let o = run(
        &dir,
        &["check", "--unsafe-fixes", "--no-config", "forms.md"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("forms.md")).unwrap(),
        "# Arts centre reopens\n\nTwo other centres open in May. Costs were minimised, \
         and the board wants to minimise delays.\n"
    );
}
