//! Loader and kind tests on rule files written inline.

use std::path::Path;

use super::*;
use crate::diagnostic::Applicability;

fn rule(text: &str) -> PackRule {
    match compile_rule("house", "r", text, Path::new("house/r.toml"), false) {
        Ok(r) => r,
        Err(e) => panic!("{}", crate::settings::error::render(&e, false)),
    }
}

fn problems(text: &str) -> Vec<String> {
    match compile_rule("house", "r", text, Path::new("house/r.toml"), false) {
        Ok(_) => Vec::new(),
        Err(e) => e.iter().map(|e| e.one_line()).collect(),
    }
}

fn flagged(r: &PackRule, text: &str) -> Vec<String> {
    let doc = Document::parse(text);
    r.check(&doc)
        .iter()
        .map(|d| doc.source[d.range.clone()].to_string())
        .collect()
}

const TEST: &str = "\n[[test]]\ntext = \"x\"\nexpect = []\n";

#[test]
fn builtin_packs_compile_and_pass_their_cases() {
    let errors = builtin_errors();
    assert!(
        errors.is_empty(),
        "{}",
        crate::settings::error::render(errors, false)
    );
    let failed: Vec<String> = run_tests(builtin())
        .into_iter()
        .filter(|r| !r.passed())
        .map(|r| {
            format!(
                "{} #{}: expected {:?}, got {:?}",
                r.rule, r.number, r.expected, r.got
            )
        })
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn unknown_keys_suggest_the_nearest() {
    let p = problems(&format!(
        "kind = \"existence\"\ntokens = [\"a\"]\nignore-cse = true\n{TEST}"
    ));
    assert_eq!(
        p,
        ["house/r.toml:3:1: unknown key `ignore-cse` in a rule file"]
    );
    let text = format!("kind = \"existence\"\ntokens = [\"a\"]\nwithin = 3\n{TEST}");
    let Err(e) = compile_rule("house", "r", &text, Path::new("r.toml"), false) else {
        panic!()
    };
    assert_eq!(
        e[0].problem.help.as_deref(),
        Some("`within` is a key of `repetition` rules")
    );
}

#[test]
fn wrong_types_kinds_regexes_and_missing_tests_are_reported() {
    assert_eq!(
        problems("kind = \"existance\"\n"),
        [
            "house/r.toml:1:1: this rule has no `[[test]]` cases",
            "house/r.toml:1:8: unknown value `existance` for `kind`"
        ]
    );
    assert_eq!(
        problems(&format!(
            "kind = \"existence\"\ntokens = \"a\"\nlevel = 3\n{TEST}"
        )),
        ["house/r.toml:3:9: `level` must be a string"]
    );
    assert_eq!(
        problems(&format!("kind = \"existence\"\npatterns = ['a(b']\n{TEST}")),
        ["house/r.toml:2:13: bad regex in `patterns`"]
    );
    assert_eq!(
        problems(&format!(
            "kind = \"existence\"\ntokens = ['a']\nscope = ['paragraf']\n{TEST}"
        )),
        ["house/r.toml:3:10: unknown scope `paragraf`"]
    );
    assert_eq!(
        problems("kind = \"existence\"\ntokens = ['a']\n[[test]]\ntext = 'a'\nexpect = 'a'\n"),
        ["house/r.toml:5:10: `expect` must be an array of strings"]
    );
    assert_eq!(
        problems(&format!(
            "kind = \"existence\"\ntokens = ['a']\nmessage = 'No {{oops}}'\n{TEST}"
        )),
        ["house/r.toml:3:11: unknown placeholder `{oops}` in `message`"]
    );
    let p = problems("kind = = 3");
    assert!(p[0].starts_with("house/r.toml:1:8: invalid TOML"), "{p:?}");
}

#[test]
fn a_huge_regex_is_refused() {
    let p = problems(&format!(
        "kind = \"existence\"\npatterns = ['(?:\\w{{50}}){{50}}']\n{TEST}"
    ));
    assert_eq!(p, ["house/r.toml:2:13: bad regex in `patterns`"]);
}

#[test]
fn substitution_fixes() {
    let r = rule(&format!(
        "kind = 'substitution'\n[swap]\n'in order to' = 'to'\n'with regard to' = ['about', 'on']\n{TEST}"
    ));
    let doc = Document::parse("In order to win, they spoke with regard to [in order](x) to it.");
    let d = r.check(&doc);
    assert_eq!(d.len(), 3);
    assert_eq!(d[0].message, "Use 'To' instead of 'In order to'.");
    assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    assert_eq!(d[0].fixes[0].edits[0].replacement, "To");
    assert_eq!(
        d[1].message,
        "Use 'about' or 'on' instead of 'with regard to'."
    );
    assert_eq!(d[1].fixes.len(), 2);
    assert_eq!(d[1].fixes[0].applicability, Applicability::Display);
    // Markup inside the span: shown, never applied.
    assert_eq!(d[2].fixes[0].applicability, Applicability::Display);
}

#[test]
fn occurrence_per_sentence_and_document() {
    let r = rule(&format!(
        "kind = 'occurrence'\npatterns = ['!']\nmax = 1\n{TEST}"
    ));
    assert_eq!(flagged(&r, "Wow! Yes! No!!"), ["!"]);
    let r = rule(&format!(
        "kind = 'occurrence'\npatterns = ['!']\nmax = 1\nper = 'sentence'\n{TEST}"
    ));
    assert_eq!(flagged(&r, "Wow! Yes! No!!"), ["!"]);
    let r = rule(&format!(
        "kind = 'occurrence'\ntokens = ['said']\nmin = 1\nper = 'block'\n{TEST}"
    ));
    assert_eq!(flagged(&r, "He said so.\n\nShe agreed."), ["She agreed."]);
}

#[test]
fn repetition_consistency_and_conditional() {
    let r = rule(&format!(
        "kind = 'repetition'\ntokens = ['very']\nwithin = 2\n{TEST}"
    ));
    let text = "A very, very big and very old very tall tree.";
    let doc = Document::parse(text);
    let starts: Vec<usize> = r.check(&doc).iter().map(|d| d.range.start).collect();
    assert_eq!(starts, [8, 30]);
    let r = rule(&format!(
        "kind = 'consistency'\n[either]\npercent = 'per cent'\n{TEST}"
    ));
    assert_eq!(
        flagged(&r, "Up 5 percent, then 6 per cent, then 7 percent."),
        ["per cent"]
    );
    assert_eq!(flagged(&r, "Up 5 per cent, then 6 percent."), ["percent"]);
    let r = rule(&format!("kind = 'conditional'\n{TEST}"));
    assert_eq!(
        flagged(
            &r,
            "The WHO said so. The World Health Organization (WHO) and the UN agreed."
        ),
        ["WHO", "UN"]
    );
}

#[test]
fn metric_sentence_and_flesch() {
    let r = rule(&format!(
        "kind = 'metric'\nmetric = 'sentence-words'\nmax = 3\n{TEST}"
    ));
    assert_eq!(
        flagged(&r, "One two three. One two three four."),
        ["One two three four."]
    );
    let r = rule(&format!(
        "kind = 'metric'\nmetric = 'flesch-reading-ease'\nmin = 60\nmin-words = 5\n{TEST}"
    ));
    let hard = "Institutional considerations notwithstanding, organizational representatives \
                characterized unprecedented administrative complications.";
    assert_eq!(flagged(&r, hard), [hard]);
    assert!(flagged(&r, "The cat sat on the mat. The dog ran to the park.").is_empty());
}

#[test]
fn scopes_pick_blocks_and_front_matter() {
    let r = rule(&format!(
        "kind = 'existence'\ntokens = ['bad']\nscope = ['front-matter.summary', 'blockquote', 'heading2']\n{TEST}"
    ));
    let text = "---\ntitle: bad title\nsummary: a bad summary\n---\n\n# bad\n\n## bad\n\nbad text\n\n> bad quote\n";
    let doc = Document::parse(text);
    let got: Vec<usize> = r.check(&doc).iter().map(|d| d.range.start).collect();
    let want: Vec<usize> = [
        text.find("bad summary").unwrap(),
        text.find("## bad").unwrap() + 3,
        text.find("bad quote").unwrap(),
    ]
    .into();
    assert_eq!(got, want);
}

#[test]
fn builtin_packs_are_off_until_enabled() {
    let text = "Police said 3 people were hurt in order to help.";
    let ids = |s: &Settings| -> Vec<String> {
        crate::check_str(text, s)
            .into_iter()
            .map(|d| d.rule)
            .filter(|r| r.contains('/'))
            .collect()
    };
    let mut s = Settings::default();
    assert!(ids(&s).is_empty());
    s.levels.insert(
        "wire/*".into(),
        Level::On(crate::diagnostic::Severity::Warning),
    );
    assert_eq!(ids(&s), ["wire/numbers"]);
    s.levels.insert("wire/numbers".into(), Level::Off);
    assert!(ids(&s).is_empty());
    let mut s = Settings::default();
    s.packs.push(PathBuf::from("builtin:wordiness"));
    assert_eq!(ids(&s), ["wordiness/phrases"]);
}

#[test]
fn any_input_any_pattern_never_panics() {
    let scope = "scope = ['paragraph', 'heading', 'front-matter.title', 'table-cell', \
                 'alt-text', 'blockquote', 'list-item']";
    let mut rules: Vec<PackRule> = [r"\s+", ".", r"(\s)\S", r"\S(\s)", r"\s"]
        .iter()
        .map(|p| {
            rule(&format!(
                "kind = 'existence'\npatterns = ['{p}']\n{scope}\n{TEST}"
            ))
        })
        .collect();
    rules.push(rule(&format!(
        "kind = 'conditional'\nterm = '(\\s*)[A-Z]'\ndefinition = '\\((\\s*[A-Z]+)\\)'\n{TEST}"
    )));
    let pieces = [
        "é",
        "—",
        " ",
        "\n",
        "[a](—é)",
        "`—`",
        "*",
        "# ",
        "> ",
        "- ",
        "|",
        "![—](x)",
        "WHO",
        "(",
        ")",
        "---\ntitle: é—\n---\n",
        "<b>—</b>",
        "\u{1F600}",
        "a",
        "Jan. 5th",
        "\\",
    ];
    let mut seed = 7u64;
    for _ in 0..400 {
        let mut text = String::new();
        for _ in 0..30 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let doc = Document::parse(text.as_str());
        for d in rules.iter().flat_map(|r| r.check(&doc)) {
            assert!(doc.source.is_char_boundary(d.range.start), "{text:?}");
            assert!(doc.source.is_char_boundary(d.range.end), "{text:?}");
            assert!(d.range.end <= doc.source.len());
        }
        let mut s = Settings::default();
        for p in builtin_packs() {
            s.levels.insert(
                format!("{p}/*"),
                Level::On(crate::diagnostic::Severity::Info),
            );
        }
        let _ = crate::check_document(&doc, &s);
    }
}
