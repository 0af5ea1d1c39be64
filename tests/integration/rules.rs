//! The rules' own documentation and list: each documented example fires its rule, each
//! "Use instead" text does not, the rules page in docs/ is generated from the documentation,
//! and the rule lists (the library's and `galley rules`) are sorted by id without repeats.

use std::path::Path;

use galley::config::Settings;

/// The default settings with rule `id` on, whatever its default.
fn with_rule_on(id: &str) -> Settings {
    let mut settings = Settings::default();
    settings.levels.insert(
        id.to_string(),
        galley::config::Level::On(galley::diagnostic::Severity::Warning),
    );
    settings
}

/// Every rule's documented example makes that rule speak.
#[test]
fn every_documented_example_fires_its_rule() {
    for rule in galley::rules::builtin() {
        let doc = rule.doc();
        let settings = with_rule_on(doc.id);
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

/// Every rule's "Use instead" text, linted as a draft of its own with the rule on, draws no
/// finding of that rule.
#[test]
fn every_instead_text_is_silent_for_its_rule() {
    let mut loud = Vec::new();
    for rule in galley::rules::builtin() {
        let doc = rule.doc();
        let settings = with_rule_on(doc.id);
        let draft = format!("{}\n", doc.instead);
        let own: Vec<_> = galley::check_str(&draft, &settings)
            .into_iter()
            .filter(|d| d.rule == doc.id)
            .collect();
        if !own.is_empty() {
            let name = format!("instead-{}.md", doc.id);
            loud.push(galley::render::human(&name, &draft, &own, false));
        }
    }
    assert!(
        loud.is_empty(),
        "a rule fires on its own \"Use instead\" text:\n{}",
        loud.join("\n")
    );
}

/// The ids of the built-in rules, in the order galley keeps them.
fn builtin_ids() -> Vec<&'static str> {
    galley::registry::builtin_ids().collect()
}

/// The ids of the built-in pack rules (`pack/name`), in the order galley keeps them.
fn pack_ids() -> Vec<&'static str> {
    galley::packs::builtin()
        .iter()
        .map(|r| r.id.as_str())
        .collect()
}

/// `ids` in strictly increasing order: sorted, and none twice. Names each pair out of order.
fn assert_sorted_and_unique(what: &str, ids: &[&str]) {
    assert!(!ids.is_empty(), "{what}: the list is empty");
    let wrong: Vec<String> = ids
        .windows(2)
        .filter(|w| w[0] >= w[1])
        .map(|w| match w[0] == w[1] {
            true => format!("`{}` is listed twice", w[0]),
            false => format!("`{}` comes before `{}`", w[0], w[1]),
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{what} must be sorted by id, each once:\n{}",
        wrong.join("\n")
    );
}

/// The rule lists are sorted by id and hold no id twice: built-in rules and pack rules.
#[test]
fn rule_lists_are_sorted_by_id_without_duplicates() {
    assert_sorted_and_unique("galley::rules::builtin()", &builtin_ids());
    assert_sorted_and_unique("galley::packs::builtin()", &pack_ids());
}

/// `galley rules` prints the built-in rules, then the pack rules, each list in that order.
#[test]
fn galley_rules_prints_the_rules_in_order() {
    let dir = crate::common::scratch("rules-order");
    let o = crate::common::run(&dir, &["rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", crate::common::stderr(&o));
    let out = crate::common::stdout(&o);
    // Rule lines start with the id; the pack section's heading starts with a capital or a
    // backquote.
    let printed: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let (rules, pack_rules): (Vec<&str>, Vec<&str>) =
        printed.iter().partition(|id| !id.contains('/'));
    assert_sorted_and_unique("galley rules (built-in rules)", &rules);
    assert_sorted_and_unique("galley rules (pack rules)", &pack_rules);
    let mut want = builtin_ids();
    want.extend(pack_ids());
    assert_eq!(printed, want, "galley rules printed:\n{out}");
}
