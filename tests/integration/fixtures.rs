//! Per-rule fixtures, one test each: `tests/fixtures/RULE/NAME.md` is checked with every
//! default rule and its human-readable output compared with `NAME.snap` beside it, so a
//! reviewer sees exactly what an editor would. Where `galley check --fix` (safe fixes) would
//! change the fixture, what it would write is stored as `NAME.fixed` and compared too; where
//! it would change nothing there is no `.fixed` file.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test integration fixtures::` rewrites the `.snap` and
//! `.fixed` files (and removes a `.fixed` file no longer wanted). A new fixture is listed in
//! `fixtures!` below: `every_fixture_on_disk_is_listed` fails until it is.

use std::path::{Path, PathBuf};

use galley::config::Settings;
use galley::render;

use crate::common::{run, scratch, stderr};

macro_rules! fixtures {
    ($($test:ident: $fixture:literal,)*) => {
        /// Every fixture, as `RULE/NAME` (the file `tests/fixtures/RULE/NAME.md`).
        const FIXTURES: &[&str] = &[$($fixture),*];

        $(
            #[test]
            fn $test() {
                check_fixture($fixture);
            }
        )*
    };
}

fixtures! {
    boilerplate_authored: "boilerplate/authored",
    boilerplate_fires: "boilerplate/fires",
    boilerplate_silent: "boilerplate/silent",
    boilerplate_themes: "boilerplate/themes",
    dropped_suffix_fires: "dropped-suffix/fires",
    dropped_suffix_silent: "dropped-suffix/silent",
    duplicate_sentence_fires: "duplicate-sentence/fires",
    duplicate_sentence_interview: "duplicate-sentence/interview",
    duplicate_sentence_recaps_lists_code: "duplicate-sentence/recaps-lists-code",
    duplicate_sentence_silent: "duplicate-sentence/silent",
    inconsistent_spelling_fires: "inconsistent-spelling/fires",
    inconsistent_spelling_forms: "inconsistent-spelling/forms",
    inconsistent_spelling_heading_link: "inconsistent-spelling/heading-link",
    inconsistent_spelling_link_text: "inconsistent-spelling/link-text",
    inconsistent_spelling_names: "inconsistent-spelling/names",
    inconsistent_spelling_silent: "inconsistent-spelling/silent",
    markup_content_repository_post: "markup/content-repository-post",
    missing_subject_clean: "missing-subject/clean",
    missing_subject_subjectless: "missing-subject/subjectless",
    orphaned_clause_clean: "orphaned-clause/clean",
    orphaned_clause_orphans: "orphaned-clause/orphans",
    repeated_headline_fires: "repeated-headline/fires",
    repeated_headline_front_matter: "repeated-headline/front-matter",
    repeated_headline_lede: "repeated-headline/lede",
    repeated_headline_name_headline: "repeated-headline/name-headline",
    repeated_headline_question_heading: "repeated-headline/question-heading",
    repeated_headline_short_piece: "repeated-headline/short-piece",
    repeated_headline_silent: "repeated-headline/silent",
    repeated_headline_wh_heading: "repeated-headline/wh-heading",
    repeated_word_fires: "repeated-word/fires",
    repeated_word_reduplication: "repeated-word/reduplication",
    repeated_word_silent: "repeated-word/silent",
    sentence_fragment_clean: "sentence-fragment/clean",
    sentence_fragment_fragments: "sentence-fragment/fragments",
    spliced_headline_breaks: "spliced-headline/breaks",
    spliced_headline_fires: "spliced-headline/fires",
    spliced_headline_names: "spliced-headline/names",
    spliced_headline_own_case: "spliced-headline/own-case",
    spliced_headline_sentence_case: "spliced-headline/sentence-case",
    spliced_headline_silent: "spliced-headline/silent",
    unbalanced_brackets_emoticons: "unbalanced-brackets/emoticons",
    unbalanced_brackets_fires: "unbalanced-brackets/fires",
    unbalanced_brackets_silent: "unbalanced-brackets/silent",
    unbalanced_quotes_attribution: "unbalanced-quotes/attribution",
    unbalanced_quotes_fires: "unbalanced-quotes/fires",
    unbalanced_quotes_silent: "unbalanced-quotes/silent",
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_SNAPSHOTS").is_some()
}

/// Check one fixture (`RULE/NAME`) against its `.snap` and, where it has safe fixes, its
/// `.fixed` file.
fn check_fixture(fixture: &str) {
    let md = root().join(format!("{fixture}.md"));
    let source = std::fs::read_to_string(&md)
        .unwrap_or_else(|e| panic!("fixture {fixture}: {}: {e}", md.display()));
    compare(
        fixture,
        &md.with_extension("snap"),
        Some(render(&md, &source)),
    );
    let fixed = fixed_by_cli(fixture, &source);
    compare(
        fixture,
        &md.with_extension("fixed"),
        (fixed != source).then_some(fixed),
    );
}

/// What an editor sees: the human output of every default rule, or `(no findings)`.
fn render(path: &Path, source: &str) -> String {
    let diags = galley::check_str(source, &Settings::default());
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .display()
        .to_string();
    let out = render::human(&name, source, &diags, false);
    if out.is_empty() {
        "(no findings)\n".to_string()
    } else {
        out
    }
}

/// What `galley check --fix` writes into a copy of the fixture (no configuration file).
fn fixed_by_cli(fixture: &str, source: &str) -> String {
    let dir = scratch(&fixture.replace('/', "-"));
    std::fs::write(dir.join("draft.md"), source).unwrap();
    let o = run(&dir, &["check", "--fix", "--no-config", "draft.md"]);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "fixture {fixture}: galley check --fix exited with {:?}: {}",
        o.status.code(),
        stderr(&o)
    );
    let fixed = std::fs::read_to_string(dir.join("draft.md")).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    fixed
}

/// Compare `got` with the snapshot at `path` (`None`: there should be no such file), or
/// write it when updating.
fn compare(fixture: &str, path: &Path, got: Option<String>) {
    let shown = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
    if updating() {
        match &got {
            Some(text) => std::fs::write(path, text).unwrap(),
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
        return;
    }
    let want = std::fs::read_to_string(path).ok();
    match (want, got) {
        (Some(want), Some(got)) => assert!(
            want == got,
            "fixture {fixture}: {} differs (UPDATE_SNAPSHOTS=1 to accept)\n\
             --- expected\n{want}\n+++ got\n{got}",
            shown.display()
        ),
        (None, Some(got)) => panic!(
            "fixture {fixture}: {} is missing (UPDATE_SNAPSHOTS=1 to write it); it would \
             hold:\n{got}",
            shown.display()
        ),
        (Some(_), None) => panic!(
            "fixture {fixture}: {} is stale: `galley check --fix` no longer changes the \
             fixture (UPDATE_SNAPSHOTS=1 removes it)",
            shown.display()
        ),
        (None, None) => {}
    }
}

/// Every `.md` under `tests/fixtures/` is listed in `fixtures!`, every listed fixture exists,
/// and every `.snap` or `.fixed` file belongs to a fixture: a new fixture cannot be skipped.
#[test]
fn every_fixture_on_disk_is_listed() {
    let root = root();
    let shown = |p: &Path| {
        p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string()
    };
    let mut problems = Vec::new();
    let mut on_disk = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap().flatten() {
        let dir = dir.path();
        if !dir.is_dir() {
            problems.push(format!("{}: not in a rule's folder", shown(&dir)));
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = file.path();
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let fixture = rel.to_str().unwrap().replace('\\', "/");
            match path.extension().and_then(|e| e.to_str()) {
                Some("md") => {
                    if !FIXTURES.contains(&fixture.as_str()) {
                        problems.push(format!(
                            "{}: not listed in fixtures! (tests/integration/fixtures.rs)",
                            shown(&path)
                        ));
                    }
                    on_disk.push(fixture);
                }
                Some("snap" | "fixed") if path.with_extension("md").is_file() => {}
                _ => problems.push(format!("{}: belongs to no fixture", shown(&path))),
            }
        }
    }
    for fixture in FIXTURES {
        if !on_disk.iter().any(|f| f == fixture) {
            problems.push(format!(
                "{fixture}: listed, but tests/fixtures/{fixture}.md is missing"
            ));
        }
    }
    let mut sorted = FIXTURES.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted != FIXTURES {
        problems.push("fixtures! should list each fixture once, in path order".to_string());
    }
    problems.sort();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
