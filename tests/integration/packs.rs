//! Rule packs: the built-in packs' own cases, the documented examples, the embedded table,
//! and `galley test-rules` / `galley check` with packs as users meet them.

use crate::common::{run, scratch};

use std::path::{Path, PathBuf};

use galley::config::{Level, Settings};
use galley::diagnostic::Severity;
use galley::packs::{self, PackRule};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn failures(rules: &[PackRule]) -> Vec<String> {
    packs::run_tests(rules)
        .into_iter()
        .filter(|r| !r.passed())
        .map(|r| {
            format!(
                "{} #{} ({}:{}): expected {:?}, got {:?}",
                r.rule,
                r.number,
                r.path.display(),
                r.line,
                r.expected,
                r.got
            )
        })
        .collect()
}

#[test]
fn builtin_packs_pass_their_own_cases() {
    let errors = packs::builtin_errors();
    assert!(
        errors.is_empty(),
        "{}",
        galley::config::error::render(errors, false)
    );
    let failed = failures(packs::builtin());
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn every_builtin_rule_has_firing_and_silent_cases() {
    let rules = packs::builtin();
    assert!(rules.len() >= 15, "{} built-in rules", rules.len());
    for r in rules {
        assert!(
            r.tests.iter().any(|t| !t.expect.is_empty()),
            "{} has no case that fires",
            r.id
        );
        assert!(
            r.tests.iter().any(|t| t.expect.is_empty()),
            "{} has no case that stays silent",
            r.id
        );
        assert!(r.description.is_some(), "{} has no description", r.id);
    }
    let names = packs::builtin_packs();
    for p in [
        "wire",
        "wordiness",
        "hedging",
        "cliches",
        "headline-case",
        "readability",
    ] {
        assert!(names.contains(&p), "no built-in pack {p}");
    }
    assert!(rules.iter().any(|r| r.kind == "metric"));
}

#[test]
fn builtin_table_matches_the_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/packs");
    let mut on_disk = Vec::new();
    for pack in std::fs::read_dir(&root).unwrap() {
        let pack = pack.unwrap().path();
        if !pack.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&pack).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "toml") {
                on_disk.push(f.strip_prefix(&root).unwrap().display().to_string());
            }
        }
    }
    on_disk.sort();
    let mut embedded: Vec<String> = packs::builtin()
        .iter()
        .map(|r| format!("{}/{}.toml", r.pack, r.name))
        .collect();
    embedded.sort();
    assert_eq!(
        embedded, on_disk,
        "src/packs/builtin.rs must list every file in rules/packs/"
    );
    // And the embedded text is the file's text.
    let (rules, errors) = packs::load_dir(&root);
    assert!(errors.is_empty());
    assert_eq!(rules.len(), packs::builtin().len());
}

/// The rule examples of `docs/packs.md`: every ```toml block with a `kind`.
fn doc_examples() -> Vec<(usize, String)> {
    let doc = include_str!("../../docs/packs.md");
    let mut out = Vec::new();
    let mut block: Option<(usize, String)> = None;
    for (n, line) in doc.lines().enumerate() {
        match &mut block {
            None if line.trim_start().starts_with("```toml") => {
                block = Some((n + 2, String::new()))
            }
            Some((start, body)) if line.trim_start().starts_with("```") => {
                if body.lines().any(|l| l.starts_with("kind = ")) {
                    out.push((*start, std::mem::take(body)));
                }
                block = None;
            }
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn documented_examples_compile_and_pass() {
    let examples = doc_examples();
    assert!(examples.len() >= 10, "{} examples", examples.len());
    let mut kinds = Vec::new();
    for (line, toml) in &examples {
        let path = PathBuf::from(format!("docs/packs.md (example at line {line})"));
        let rule = match packs::compile_rule("example", "rule", toml, &path, false) {
            Ok(r) => r,
            Err(e) => panic!("{}", galley::config::error::render(&e, false)),
        };
        assert!(rule.tests.len() >= 2, "example at line {line} needs cases");
        let failed = failures(std::slice::from_ref(&rule));
        assert!(failed.is_empty(), "example at line {line}: {failed:#?}");
        kinds.push(rule.kind);
    }
    for k in packs::KINDS {
        assert!(kinds.contains(k), "docs/packs.md has no example of `{k}`");
    }
}

#[test]
fn every_key_and_kind_is_documented() {
    let doc = include_str!("../../docs/packs.md");
    let mut keys: Vec<&str> = packs::COMMON_KEYS.to_vec();
    keys.extend(packs::TEST_KEYS);
    for k in packs::KINDS {
        keys.extend(packs::kind_keys(k));
        assert!(doc.contains(&format!("### {k}\n")), "no section for `{k}`");
    }
    for key in keys {
        assert!(
            doc.contains(&format!("`{key}`")),
            "`{key}` is not documented"
        );
    }
}

#[test]
fn packs_are_compiled_once_per_configuration() {
    let dir = scratch("cache");
    let pack = dir.join("house");
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(
        pack.join("plain.toml"),
        "kind = 'substitution'\n[swap]\nutilize = 'use'\n[[test]]\ntext = 'We utilize it.'\nexpect = ['utilize']\n",
    )
    .unwrap();
    let mut cache = packs::Cache::default();
    let (a, fresh_a) = cache.get(std::slice::from_ref(&pack));
    let (b, fresh_b) = cache.get(std::slice::from_ref(&pack));
    assert!(std::sync::Arc::ptr_eq(&a, &b));
    assert!(fresh_a && !fresh_b, "compiled on first use only");
    let settings = Settings {
        packs: vec![pack],
        ..Settings::default()
    };
    let d = galley::check_str("# Plain words\n\nWe utilize the ferry.\n", &settings);
    let d: Vec<_> = d.iter().filter(|d| d.rule == "house/plain").collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(d[0].range, 18..25);
    assert_eq!(d[0].fixes[0].edits[0].replacement, "use");
}

#[test]
fn builtin_packs_are_enabled_by_pack_or_rule() {
    let draft = "# Council vote\n\nThe council met in order to hear 3 residents, it is believed.\n";
    let ids = |s: &Settings| -> Vec<String> {
        galley::check_str(draft, s)
            .into_iter()
            .filter(|d| d.rule.contains('/'))
            .map(|d| format!("{}:{}", d.rule, d.severity.as_str()))
            .collect()
    };
    assert!(
        ids(&Settings::default()).is_empty(),
        "built-in packs are off"
    );
    let mut s = Settings::default();
    s.packs.push(PathBuf::from("builtin:wordiness"));
    assert_eq!(ids(&s), ["wordiness/phrases:info"]);
    let mut s = Settings::default();
    s.levels
        .insert("hedging/*".into(), Level::On(Severity::Warning));
    s.levels
        .insert("wire/numbers".into(), Level::On(Severity::Error));
    assert_eq!(
        ids(&s),
        ["wire/numbers:error", "hedging/vague-attribution:warning"]
    );
}

#[test]
fn test_rules_exit_statuses() {
    let dir = scratch("test-rules");
    let house = dir.join("rules/packs/house");
    std::fs::create_dir_all(&house).unwrap();
    std::fs::write(
        house.join("plain.toml"),
        "kind = 'substitution'\n[swap]\nutilize = 'use'\n\n[[test]]\ntext = 'We utilize it.'\nexpect = ['utilize']\n\n[[test]]\ntext = 'We use it.'\nexpect = []\n",
    )
    .unwrap();
    let o = run(&dir, &["test-rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("pass house/plain #1"), "{out}");
    assert!(out.contains("2 cases: 2 passed, 0 failed"), "{out}");

    // A failing case: exit 1, expected and got shown.
    std::fs::write(
        house.join("loose.toml"),
        "kind = 'existence'\ntokens = ['very']\n\n[[test]]\ntext = 'A very big, very old tree.'\nexpect = ['very']\n",
    )
    .unwrap();
    let o = run(&dir, &["test-rules", "rules/packs/house"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("FAIL house/loose #1 (rules/packs/house/loose.toml:5)"),
        "{out}"
    );
    assert!(out.contains("expected: [\"very\"]"), "{out}");
    assert!(out.contains("got: [\"very\", \"very\"]"), "{out}");

    // An error in a pack: exit 2, caret under the key, a suggestion.
    std::fs::write(
        house.join("loose.toml"),
        "kind = 'existence'\ntokens = ['very']\nignore-cse = true\n\n[[test]]\ntext = 'x'\nexpect = []\n",
    )
    .unwrap();
    let o = run(&dir, &["test-rules"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("unknown key `ignore-cse` in a rule file"),
        "{err}"
    );
    assert!(err.contains("rules/packs/house/loose.toml:3:1"), "{err}");
    assert!(err.contains("^^^^^^^^^^"), "{err}");
    assert!(err.contains("did you mean `ignore-case`?"), "{err}");

    // The built-in packs.
    let o = run(&dir, &["test-rules", "builtin:wire"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("pass wire/numbers #1"));
    let o = run(&dir, &["test-rules", "builtin:wir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("did you mean `wire`?"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn check_reports_pack_errors_once_with_status_two() {
    let dir = scratch("check");
    let house = dir.join("house");
    std::fs::create_dir_all(&house).unwrap();
    std::fs::write(
        house.join("plain.toml"),
        "kind = 'substitution'\n[swap]\nutilize = 'use'\n\n[[test]]\ntext = 'We utilize it.'\nexpect = ['utilize']\n",
    )
    .unwrap();
    std::fs::write(
        house.join("broken.toml"),
        "kind = 'existence'\npatterns = ['(unclosed']\n\n[[test]]\ntext = 'x'\nexpect = []\n",
    )
    .unwrap();
    std::fs::write(dir.join("galley.toml"), "packs = [\"house\"]\n").unwrap();
    std::fs::write(dir.join("a.md"), "# Plain words\n\nWe utilize the ferry.\n").unwrap();
    std::fs::write(dir.join("b.md"), "# More words\n\nThey utilize the bus.\n").unwrap();
    let o = run(
        &dir,
        &[
            "check", "--color", "never", "--format", "short", "a.md", "b.md",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert_eq!(err.matches("bad regex in `patterns`").count(), 1, "{err}");
    assert!(err.contains("house/broken.toml:2:13"), "{err}");
    let out = text(&o.stdout);
    assert!(
        out.contains("a.md:3:4: warning[house/plain] Use 'use' instead of 'utilize'."),
        "{out}"
    );
    assert!(out.contains("b.md:3:6: warning[house/plain]"), "{out}");
}
