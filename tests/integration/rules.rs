//! Per-rule fixtures: each `tests/fixtures/RULE/NAME.md` is checked with every default rule and
//! its human-readable output compared with `NAME.snap` beside it, so a reviewer sees exactly
//! what an editor would. `UPDATE_SNAPSHOTS=1 cargo test` rewrites the snapshots.

use std::path::Path;

use galley::config::Settings;
use galley::render;

fn render_file(path: &Path) -> String {
    let source = std::fs::read_to_string(path).unwrap();
    let diags = galley::check_str(&source, &Settings::default());
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .display()
        .to_string();
    let out = render::human(&name, &source, &diags, false);
    if out.is_empty() {
        "(no findings)\n".to_string()
    } else {
        out
    }
}

#[test]
fn fixtures_match_their_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut dirs: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().collect();
    dirs.sort_by_key(|e| e.path());
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        files.sort_by_key(|e| e.path());
        for f in files {
            let path = f.path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            count += 1;
            let got = render_file(&path);
            let snap = path.with_extension("snap");
            if update {
                std::fs::write(&snap, &got).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&snap).unwrap_or_default();
            if got != want {
                failures.push(format!(
                    "--- {} (expected)\n{want}\n+++ (got)\n{got}",
                    snap.display()
                ));
            }
        }
    }
    assert!(count > 0, "no fixtures found");
    assert!(
        failures.is_empty(),
        "{} snapshot(s) differ (UPDATE_SNAPSHOTS=1 to accept):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every rule's documented example makes that rule speak.
#[test]
fn every_documented_example_fires_its_rule() {
    for rule in galley::rules::builtin() {
        let doc = rule.doc();
        let mut settings = Settings::default();
        settings.levels.insert(
            doc.id.to_string(),
            galley::config::Level::On(galley::diagnostic::Severity::Warning),
        );
        let diags = galley::check_str(doc.example, &settings);
        assert!(
            diags.iter().any(|d| d.rule == doc.id),
            "the example of `{}` does not fire it:\n{}",
            doc.id,
            doc.example
        );
    }
}

/// The rules page in docs/ is generated from the rules' own documentation.
#[test]
fn rules_page_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let want = galley::app::rules_markdown();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let got = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "docs/rules.md is stale: run `UPDATE_SNAPSHOTS=1 cargo test --test integration rules::`"
    );
}
