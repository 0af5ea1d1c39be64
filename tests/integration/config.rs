//! `galley.toml` as users meet it: discovery, precedence, overrides, exclude, errors rendered
//! like code errors, `galley init`, and the configuration docs kept in step with the schema.

use crate::common::{galley, run, scratch, stderr, stdout, with_stdin};

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use galley::config::file::{self, KEYS, OVERRIDE_KEYS};
use galley::config::{CliOverrides, Config, Dialect, Level, Resolver};
use galley::diagnostic::Severity;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A draft on which `repeated-word` fires on line 3.
const DOUBLED: &str = "# Ferry returns\n\nThe ferry returned to the the harbour on Monday.\n";

fn check_short(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--format", "short"];
    args.extend_from_slice(extra);
    run(dir, &args)
}

#[test]
fn misspelt_rule_id_is_an_error_with_location_and_suggestion() {
    let dir = scratch("misspelt");
    write(
        &dir,
        "galley.toml",
        "fail-on = \"error\"\n\n[rules]\nrepeated-wrod = \"warning\"\n",
    );
    write(&dir, "a.md", DOUBLED);
    let o = run(&dir, &["check", "--color", "never", "a.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("error: unknown rule `repeated-wrod` in `[rules]`"),
        "{err}"
    );
    assert!(err.contains("┌─ galley.toml:4:1"), "{err}");
    assert!(err.contains("4 │ repeated-wrod = \"warning\""), "{err}");
    assert!(
        err.contains("  │ ^^^^^^^^^^^^^ not a rule galley knows"),
        "{err}"
    );
    assert!(
        err.contains("= help: did you mean `repeated-word`?"),
        "{err}"
    );
    assert!(err.contains("1 file was not checked"), "{err}");
    // The draft under the broken configuration is not checked.
    assert_eq!(stdout(&o), "");
}

#[test]
fn unknown_key_suggests_the_near_one() {
    let dir = scratch("unknown-key");
    write(&dir, "galley.toml", "vocabulary-file = [\"names.txt\"]\n");
    write(&dir, "a.md", DOUBLED);
    let o = run(&dir, &["check", "--color", "never"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("unknown key `vocabulary-file` in galley.toml"),
        "{err}"
    );
    assert!(err.contains("galley.toml:1:1"), "{err}");
    assert!(err.contains("did you mean `vocabulary-files`?"), "{err}");
}

#[test]
fn a_rule_level_outside_rules_says_where_it_goes() {
    let dir = scratch("rule-at-top");
    write(&dir, "galley.toml", "repeated-word = \"off\"\n");
    write(&dir, "a.md", DOUBLED);
    let err = stderr(&run(&dir, &["check", "--color", "never"]));
    assert!(err.contains("rule levels go in a `rules` table"), "{err}");
}

#[test]
fn wrong_type_names_what_was_expected_and_found() {
    let dir = scratch("wrong-type");
    write(
        &dir,
        "galley.toml",
        "fail-on = 1\nvocabulary = \"Tallis\"\n",
    );
    write(&dir, "a.md", DOUBLED);
    let o = run(&dir, &["check", "--color", "never"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("`fail-on` must be a string"), "{err}");
    assert!(err.contains("expected a string, found an integer"), "{err}");
    assert!(err.contains("galley.toml:1:11"), "{err}");
    assert!(
        err.contains("expected an array of strings, found a string"),
        "{err}"
    );
    assert!(err.contains("galley.toml:2:14"), "{err}");
}

#[test]
fn bad_values_suggest_good_ones() {
    let dir = scratch("bad-values");
    write(
        &dir,
        "galley.toml",
        "dialect = \"en-UK\"\nfail-on = \"warn\"\n[rules]\nrepeated-word = \"of\"\n",
    );
    write(&dir, "a.md", DOUBLED);
    let err = stderr(&run(&dir, &["check", "--color", "never"]));
    assert!(err.contains("unknown dialect `en-UK`"), "{err}");
    assert!(err.contains("British English is `en-GB`"), "{err}");
    assert!(err.contains("did you mean `warning`?"), "{err}");
    assert!(
        err.contains("unknown level `of` for rule `repeated-word`"),
        "{err}"
    );
    assert!(err.contains("did you mean `off`?"), "{err}");
}

#[test]
fn bad_glob_is_pointed_at() {
    let dir = scratch("bad-glob");
    write(
        &dir,
        "galley.toml",
        "exclude = [\"archive/**\", \"drafts/[ab\"]\n",
    );
    write(&dir, "a.md", DOUBLED);
    let o = run(&dir, &["check", "--color", "never"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad glob in `exclude`"), "{err}");
    assert!(err.contains("galley.toml:1:26"), "{err}");
    assert!(err.contains("unclosed character class"), "{err}");
}

#[test]
fn invalid_toml_is_pointed_at() {
    let dir = scratch("bad-toml");
    write(&dir, "galley.toml", "[rules\nrepeated-word = \"off\"\n");
    write(&dir, "a.md", DOUBLED);
    let o = run(&dir, &["check", "--color", "never"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid TOML"), "{}", stderr(&o));
    assert!(stderr(&o).contains("galley.toml:1:"), "{}", stderr(&o));
}

#[test]
fn overrides_written_as_a_single_table_get_a_hint() {
    let dir = scratch("single-override");
    write(
        &dir,
        "galley.toml",
        "[overrides]\nfiles = [\"a.md\"]\nrules = { repeated-word = \"off\" }\n",
    );
    write(&dir, "a.md", DOUBLED);
    let err = stderr(&run(&dir, &["check", "--color", "never"]));
    assert!(err.contains("`[[overrides]]` (two brackets)"), "{err}");
}

#[test]
fn a_broken_configuration_does_not_stop_other_drafts() {
    let dir = scratch("broken-elsewhere");
    write(&dir, "bad/galley.toml", "colour = \"red\"\n");
    write(&dir, "bad/a.md", DOUBLED);
    write(&dir, "good/b.md", DOUBLED);
    let o = check_short(&dir, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stdout(&o),
        "good/b.md:3:23: error[repeated-word] 'the' is written twice\n"
    );
    assert!(
        stderr(&o).contains("unknown key `colour`"),
        "{}",
        stderr(&o)
    );
    // The error names the file relative to where galley runs.
    assert!(stderr(&o).contains("bad/galley.toml:1:1"), "{}", stderr(&o));
}

#[test]
fn every_problem_in_a_file_is_reported_at_once() {
    let dir = scratch("all-problems");
    write(
        &dir,
        "galley.toml",
        "colour = 1\nfail-on = \"loud\"\n[rules]\nrepeated-wrod = \"off\"\n",
    );
    write(&dir, "a.md", DOUBLED);
    let err = stderr(&run(&dir, &["check", "--color", "never"]));
    assert_eq!(err.matches("\nerror: ").count() + 1, 4, "{err}");
}

#[test]
fn precedence_command_line_over_config_over_nearest_over_defaults() {
    let dir = scratch("precedence");
    write(&dir, "a.md", DOUBLED);
    // Defaults: repeated-word is an error.
    let o = check_short(&dir, &["a.md"]);
    assert_eq!(
        stdout(&o),
        "a.md:3:23: error[repeated-word] 'the' is written twice\n"
    );
    assert_eq!(o.status.code(), Some(1));

    // The nearest galley.toml beats the defaults.
    write(
        &dir,
        "galley.toml",
        "fail-on = \"warning\"\n[rules]\nrepeated-word = \"warning\"\n",
    );
    let o = check_short(&dir, &["a.md"]);
    assert_eq!(
        stdout(&o),
        "a.md:3:23: warning[repeated-word] 'the' is written twice\n"
    );
    assert_eq!(o.status.code(), Some(1));

    // --config beats the nearest file (and what it leaves unset, the nearest still decides:
    // fail-on stays "warning").
    write(
        &dir,
        "ci/strict.toml",
        "[rules]\nrepeated-word = \"info\"\n",
    );
    let o = check_short(&dir, &["--config", "ci/strict.toml", "a.md"]);
    assert_eq!(
        stdout(&o),
        "a.md:3:23: info[repeated-word] 'the' is written twice\n"
    );
    assert_eq!(o.status.code(), Some(0));
    write(
        &dir,
        "ci/strict.toml",
        "fail-on = \"info\"\n[rules]\nrepeated-word = \"info\"\n",
    );
    let o = check_short(&dir, &["--config", "ci/strict.toml", "a.md"]);
    assert_eq!(o.status.code(), Some(1));

    // The command line beats them all.
    let o = check_short(
        &dir,
        &["--config", "ci/strict.toml", "--fail-on", "error", "a.md"],
    );
    assert_eq!(o.status.code(), Some(0));

    // --no-config drops the nearest file; --config alone still applies.
    let o = check_short(&dir, &["--no-config", "a.md"]);
    assert_eq!(
        stdout(&o),
        "a.md:3:23: error[repeated-word] 'the' is written twice\n"
    );
    let o = check_short(&dir, &["--no-config", "--config", "ci/strict.toml", "a.md"]);
    assert!(stdout(&o).contains("info[repeated-word]"), "{}", stdout(&o));
}

#[test]
fn the_nearest_file_wins_over_files_further_up() {
    let dir = scratch("nearest");
    write(
        &dir,
        "galley.toml",
        "[rules]\nrepeated-word = \"warning\"\n",
    );
    write(
        &dir,
        "desk/galley.toml",
        "[rules]\nrepeated-word = \"info\"\n",
    );
    write(&dir, "top.md", DOUBLED);
    write(&dir, "desk/deep/story.md", DOUBLED);
    let o = check_short(&dir, &[]);
    assert_eq!(
        stdout(&o),
        "desk/deep/story.md:3:23: info[repeated-word] 'the' is written twice\n\
         top.md:3:23: warning[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn a_missing_config_file_is_exit_2() {
    let dir = scratch("missing-config");
    write(&dir, "a.md", DOUBLED);
    let o = check_short(&dir, &["--config", "nope.toml", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("nope.toml: cannot read: no such file"),
        "{err}"
    );
}

#[test]
fn overrides_apply_by_glob_and_later_entries_win() {
    let dir = scratch("overrides");
    write(
        &dir,
        "galley.toml",
        "[rules]\nrepeated-word = \"warning\"\n\n\
         [[overrides]]\nfiles = [\"content/opinion/**\"]\nrules = { repeated-word = \"off\" }\n\n\
         [[overrides]]\nfiles = [\"*.brief.md\"]\nrules = { repeated-word = \"info\" }\n\n\
         [[overrides]]\nfiles = [\"content/opinion/loud.md\"]\nrules = { repeated-word = \"error\" }\n",
    );
    write(&dir, "content/news/a.md", DOUBLED);
    write(&dir, "content/news/b.brief.md", DOUBLED);
    write(&dir, "content/opinion/c.md", DOUBLED);
    write(&dir, "content/opinion/loud.md", DOUBLED);
    let o = check_short(&dir, &["content"]);
    assert_eq!(
        stdout(&o),
        "content/news/a.md:3:23: warning[repeated-word] 'the' is written twice\n\
         content/news/b.brief.md:3:23: info[repeated-word] 'the' is written twice\n\
         content/opinion/loud.md:3:23: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn exclude_skips_walked_files_but_not_named_ones() {
    let dir = scratch("exclude");
    write(
        &dir,
        "galley.toml",
        "exclude = [\"archive/\", \"*.wire.md\", \"notes/**\", \"!notes/keep.md\"]\n",
    );
    write(&dir, "a.md", DOUBLED);
    write(&dir, "archive/2019/old.md", DOUBLED);
    write(&dir, "feeds/x.wire.md", DOUBLED);
    write(&dir, "notes/skip.md", DOUBLED);
    write(&dir, "notes/keep.md", DOUBLED);
    let o = check_short(&dir, &[]);
    assert_eq!(
        stdout(&o),
        "a.md:3:23: error[repeated-word] 'the' is written twice\n\
         notes/keep.md:3:23: error[repeated-word] 'the' is written twice\n"
    );
    let o = check_short(&dir, &["archive/2019/old.md"]);
    assert_eq!(
        stdout(&o),
        "archive/2019/old.md:3:23: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn max_file_size_from_the_config_skips_big_files() {
    let dir = scratch("max-size");
    write(&dir, "galley.toml", "max-file-size = 20\n");
    write(&dir, "a.md", DOUBLED);
    let o = check_short(&dir, &["a.md"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("over the size limit of 20 bytes"),
        "{}",
        stderr(&o)
    );
    // The command line beats it.
    let o = check_short(&dir, &["--max-file-size", "1000", "a.md"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn standard_input_uses_the_current_folders_config() {
    let dir = scratch("stdin");
    write(&dir, "galley.toml", "[rules]\nrepeated-word = \"info\"\n");
    let mut cmd = galley();
    cmd.current_dir(&dir)
        .args(["check", "--format", "short", "-"]);
    let o = with_stdin(cmd, DOUBLED.as_bytes());
    assert_eq!(
        stdout(&o),
        "<stdin>:3:23: info[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn vocabulary_and_vocabulary_files_are_merged() {
    let dir = scratch("vocabulary");
    write(
        &dir,
        "styles/names.txt",
        "# people\nHollis Varga\n\nQuennell   # the ward\n",
    );
    write(
        &dir,
        "galley.toml",
        "vocabulary = [\"Tallis\", \"Eastmoor\"]\nvocabulary-files = [\"styles/names.txt\"]\n",
    );
    let mut r = Resolver::new(None, true, CliOverrides::default());
    let s = r.settings_for(&dir.join("story.md")).unwrap();
    for w in ["Tallis", "Eastmoor", "Hollis Varga", "Quennell"] {
        assert!(s.knows_word(w), "{w}");
    }
    assert!(!s.knows_word("# people"));
    assert!(!s.knows_word("the ward"));
}

#[test]
fn a_missing_vocabulary_file_is_pointed_at() {
    let dir = scratch("vocabulary-missing");
    write(
        &dir,
        "galley.toml",
        "vocabulary-files = [\"styles/gone.txt\"]\n",
    );
    write(&dir, "a.md", DOUBLED);
    let o = run(&dir, &["check", "--color", "never"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("cannot read vocabulary file `styles/gone.txt`"),
        "{err}"
    );
    assert!(err.contains("galley.toml:1:21"), "{err}");
}

#[test]
fn packs_are_resolved_relative_to_the_file() {
    let dir = scratch("packs");
    std::fs::create_dir_all(dir.join("rules/house")).unwrap();
    write(
        &dir,
        "galley.toml",
        "packs = [\"rules/house\"]\n[rules]\n\"house/ap-numbers\" = \"off\"\n",
    );
    let mut r = Resolver::new(None, true, CliOverrides::default());
    let s = r.settings_for(&dir.join("sub/story.md")).unwrap();
    assert_eq!(s.packs.len(), 1);
    assert!(s.packs[0].is_absolute() && s.packs[0].ends_with("rules/house"));
    assert_eq!(s.levels.get("house/ap-numbers"), Some(&Level::Off));

    write(&dir, "galley.toml", "packs = [\"rules/missing\"]\n");
    let e = Config::load(&dir.join("galley.toml"), Path::new("galley.toml")).unwrap_err();
    assert!(
        e[0].one_line()
            .starts_with("galley.toml:1:10: rule-pack folder `rules/missing` not found"),
        "{}",
        e[0].one_line()
    );
}

#[test]
fn override_dialect_and_settings_are_shared_per_combination() {
    let dir = scratch("dialect");
    write(
        &dir,
        "galley.toml",
        "dialect = \"en-US\"\n[[overrides]]\nfiles = [\"uk/**\"]\ndialect = \"en-GB\"\n",
    );
    let mut r = Resolver::new(None, true, CliOverrides::default());
    let us = r.settings_for(&dir.join("a.md")).unwrap();
    let us2 = r.settings_for(&dir.join("b.md")).unwrap();
    let uk = r.settings_for(&dir.join("uk/c.md")).unwrap();
    assert_eq!(us.dialect, Some(Dialect::EnUs));
    assert_eq!(uk.dialect, Some(Dialect::EnGb));
    // Compiled once: drafts with the same configuration share one settings value.
    assert!(std::sync::Arc::ptr_eq(&us, &us2));
    let cli = CliOverrides {
        fail_on: Some(Severity::Info),
        max_file_size: None,
    };
    let mut r = Resolver::new(None, true, cli);
    assert_eq!(
        r.settings_for(&dir.join("a.md")).unwrap().fail_on,
        Severity::Info
    );
}

#[test]
fn sizes_parse_with_units() {
    assert_eq!(file::parse_size("2 MiB"), Some(2 << 20));
    assert_eq!(file::parse_size("500KB"), Some(500_000));
    assert_eq!(file::parse_size("1024"), Some(1024));
    assert_eq!(file::parse_size("lots"), None);
}

#[test]
fn init_writes_a_starter_file_and_will_not_overwrite_it() {
    let dir = scratch("init");
    let o = run(&dir, &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote galley.toml"), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("galley.toml")).unwrap();
    assert!(text.starts_with("# galley.toml"));

    // The starter file is valid and behaves like the defaults.
    write(&dir, "a.md", DOUBLED);
    let o = check_short(&dir, &["a.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("error[repeated-word]"));

    std::fs::write(dir.join("galley.toml"), "# mine\n").unwrap();
    let o = run(&dir, &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("already exists; use --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("galley.toml")).unwrap(),
        "# mine\n"
    );
    let o = run(&dir, &["init", "--force"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(dir.join("galley.toml"))
            .unwrap()
            .starts_with("# galley.toml")
    );

    let o = run(&dir, &["init", "sub"]);
    assert_eq!(o.status.code(), Some(2), "missing folder");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let o = run(&dir, &["init", "sub"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(dir.join("sub/galley.toml").is_file());
}

#[test]
fn the_example_config_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/galley.toml");
    let c = Config::load(&path, Path::new("examples/galley.toml"));
    assert!(c.is_ok(), "{:?}", c.err().map(|e| e[0].one_line()));
}

fn doc_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md");
    std::fs::read_to_string(path).unwrap()
}

/// The fenced blocks of one language, with the line each starts on.
fn fenced(text: &str, lang: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        match &mut current {
            None if line.trim_end() == format!("```{lang}") => {
                current = Some((i + 1, String::new()));
            }
            Some(_) if line.trim_end() == "```" => out.push(current.take().unwrap()),
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
fn every_toml_example_in_the_docs_parses() {
    let text = doc_text();
    let examples = fenced(&text, "toml");
    assert!(examples.len() >= 10, "{} examples", examples.len());
    for (line, body) in examples {
        if let Err(problems) = file::parse(&body) {
            panic!(
                "docs/configuration.md:{line}: example does not parse: {:?}",
                problems
            );
        }
    }
}

/// Backticked names of headings at one level (`### \`dialect\``).
fn headings(text: &str, level: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix(level))
        .filter_map(|rest| rest.strip_prefix('`'))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_docs_document_every_key_and_no_other() {
    let text = doc_text();
    let keys_section = &text[text.find("## Keys").unwrap()..text.find("## A complete").unwrap()];
    let documented = headings(keys_section, "### ");
    let schema: BTreeSet<String> = KEYS.iter().map(|k| k.to_string()).collect();
    assert_eq!(documented, schema, "top-level keys");
    let documented = headings(keys_section, "#### ");
    let schema: BTreeSet<String> = OVERRIDE_KEYS.iter().map(|k| k.to_string()).collect();
    assert_eq!(documented, schema, "[[overrides]] keys");
    // Each key's section has an example using it.
    for key in KEYS {
        let at = keys_section.find(&format!("### `{key}`")).unwrap();
        let rest = &keys_section[at..];
        let section = &rest[..rest[4..].find("\n### ").map_or(rest.len(), |i| i + 4)];
        let uses_key = fenced(section, "toml").iter().any(|(_, body)| {
            body.lines().any(|l| {
                l.starts_with(&format!("{key} ="))
                    || l == format!("[{key}]")
                    || l == format!("[[{key}]]")
            })
        });
        assert!(uses_key, "`{key}` has no example");
    }
}

#[test]
fn every_suppression_example_in_the_docs_works() {
    let text = doc_text();
    let section = &text[text.find("## Silencing findings").unwrap()..];
    let examples = fenced(section, "markdown");
    assert!(examples.len() >= 6, "{} examples", examples.len());
    for (line, body) in examples {
        // Without the suppression, something fires; with it, nothing does.
        let diags = galley::check_str(&body, &Default::default());
        assert!(
            diags.is_empty(),
            "suppression example at line {line} of its section still reports: {diags:?}"
        );
        let stripped: String = body
            .lines()
            .filter(|l| {
                !l.starts_with("<!--")
                    && !l.starts_with("galley")
                    && !l.starts_with("  disable")
                    && !l.starts_with("    - ")
                    && !l.starts_with("[galley]")
                    && !l.starts_with("disable =")
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let diags = galley::check_str(&stripped, &Default::default());
        assert!(
            diags.iter().any(|d| d.rule == "repeated-word"),
            "example at line {line}: nothing to suppress:\n{stripped}"
        );
    }
    // Every suppression form is documented.
    for form in [
        "galley-disable-next-line",
        "galley-disable",
        "galley-enable",
        "galley-disable-file",
        "galley: {disable:",
        "[galley]",
    ] {
        assert!(section.contains(form), "{form}");
    }
}

#[test]
fn json_reports_configuration_errors_too() {
    let dir = scratch("json-errors");
    write(&dir, "galley.toml", "[rules]\nrepeated-wrod = \"off\"\n");
    write(&dir, "a.md", DOUBLED);
    let o = run(&dir, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"][0]["path"], "galley.toml");
    assert_eq!(
        v["errors"][0]["message"],
        "line 2, column 1: unknown rule `repeated-wrod` in `[rules]`; did you mean `repeated-word`?"
    );
}

#[test]
fn misspelt_pack_rule_ids_are_errors_with_suggestions() {
    let dir = scratch("pack-ids");
    write(
        &dir,
        "galley.toml",
        "packs = [\"builtin:wire\"]\n[rules]\n\"wire/number\" = \"warning\"\n\"wrie/months\" = \"error\"\n\"wire/*\" = \"info\"\n\"desk/style\" = \"off\"\n",
    );
    write(&dir, "a.md", DOUBLED);
    let o = run(&dir, &["check", "--color", "never", "a.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("error: unknown rule `wire/number`"), "{err}");
    assert!(err.contains("3 │ \"wire/number\" = \"warning\""), "{err}");
    assert!(err.contains("pack `wire` has no rule `number`"), "{err}");
    assert!(
        err.contains("= help: did you mean `wire/numbers`?"),
        "{err}"
    );
    assert!(
        err.contains("error: unknown rule pack `wrie` in `wrie/months`"),
        "{err}"
    );
    assert!(err.contains("= help: did you mean `wire/months`?"), "{err}");
    // `pack/*` is fine, and a pack this file does not know may come from a file further up.
    assert!(!err.contains("wire/*"), "{err}");
    assert!(!err.contains("desk/style"), "{err}");
}

#[test]
fn an_unknown_style_names_the_known_ones() {
    let dir = scratch("bad-style");
    write(&dir, "galley.toml", "style = \"magazine\"\n");
    write(&dir, "a.md", DOUBLED);
    let o = run(&dir, &["check", "--color", "never"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("unknown style `magazine`"), "{err}");
    assert!(err.contains("galley.toml:1:9"), "{err}");
    assert!(
        err.contains("expected one of `auto`, `news`, `blog`"),
        "{err}"
    );
}
