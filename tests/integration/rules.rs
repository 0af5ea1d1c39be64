//! The rules' own documentation: each documented example fires its rule, and the rules
//! page in docs/ is generated from it.

use std::path::Path;

use galley::config::Settings;

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
