//! The command line as users meet it: exit statuses, formats, stdin and bad input.

use crate::common::{galley, run, scratch, stderr, stdout, with_stdin};

const CLEAN: &str = "# Bridge reopens\n\nThe bridge reopened on Monday after repairs.\n";
const DOUBLED: &str = "# Bridge reopens\n\nThe bridge reopened on the the Monday.\n";

#[test]
fn exit_status_zero_when_clean() {
    let dir = scratch("clean");
    std::fs::write(dir.join("a.md"), CLEAN).unwrap();
    let o = run(&dir, &["check", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn exit_status_one_on_errors_and_human_output_underlines() {
    let dir = scratch("errors");
    std::fs::write(dir.join("a.md"), DOUBLED).unwrap();
    let o = run(&dir, &["check", "--color", "never", "a.md"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[repeated-word]: 'the' is written twice"),
        "{out}"
    );
    assert!(out.contains("┌─ a.md:3:24"), "{out}");
    assert!(out.contains("^^^^^^^"), "{out}");
    assert!(!out.contains("\u{1b}["), "no colour when asked for none");
}

#[test]
fn colour_always_uses_ansi() {
    let dir = scratch("colour");
    std::fs::write(dir.join("a.md"), DOUBLED).unwrap();
    let o = run(&dir, &["check", "--color", "always", "a.md"]);
    assert!(stdout(&o).contains("\u{1b}["));
}

#[test]
fn fail_on_decides_the_exit_status() {
    let dir = scratch("failon");
    // unbalanced-brackets is a warning by default.
    std::fs::write(
        dir.join("a.md"),
        "# Plan\n\nThe plan (approved in March was delayed.\n",
    )
    .unwrap();
    let o = run(&dir, &["check", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(&dir, &["check", "--fail-on", "warning", "a.md"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn short_format_is_one_line_each() {
    let dir = scratch("short");
    std::fs::write(dir.join("a.md"), DOUBLED).unwrap();
    let o = run(&dir, &["check", "--format", "short", "a.md"]);
    assert_eq!(
        stdout(&o),
        "a.md:3:24: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn json_follows_the_contract() {
    let dir = scratch("json");
    std::fs::write(dir.join("a.md"), DOUBLED).unwrap();
    std::fs::write(dir.join("b.md"), CLEAN).unwrap();
    let o = run(&dir, &["check", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["warnings"], 0);
    assert_eq!(v["summary"]["infos"], 0);
    let d = &v["diagnostics"][0];
    let start = DOUBLED.find("the the").unwrap();
    assert_eq!(d["path"], "a.md");
    assert_eq!(d["rule"], "repeated-word");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "'the' is written twice");
    assert_eq!(d["byte_start"], start);
    assert_eq!(d["byte_end"], start + 7);
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 24);
    assert_eq!(d["end_line"], 3);
    assert_eq!(d["end_column"], 31);
    assert!(d["labels"].is_array());
    let fix = &d["fixes"][0];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["edits"][0]["byte_start"], start + 3);
    assert_eq!(fix["edits"][0]["byte_end"], start + 7);
    assert_eq!(fix["edits"][0]["replacement"], "");
}

#[test]
fn json_columns_count_characters_not_bytes() {
    let dir = scratch("jsoncols");
    std::fs::write(
        dir.join("a.md"),
        "# Café news\n\n“Quoted” café the the end.\n",
    )
    .unwrap();
    let o = run(&dir, &["check", "--format", "json", "a.md"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["column"], 15);
    assert_eq!(d["byte_start"], "# Café news\n\n“Quoted” café ".len());
}

#[test]
fn stdin_with_a_name() {
    let mut cmd = galley();
    cmd.args([
        "check",
        "--format",
        "short",
        "--stdin-filename",
        "drafts/x.md",
        "-",
    ]);
    let o = with_stdin(cmd, DOUBLED.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("drafts/x.md:3:24: error[repeated-word]"));
}

#[test]
fn invalid_utf8_is_an_error_and_other_files_are_still_checked() {
    let dir = scratch("utf8");
    std::fs::write(dir.join("bad.md"), b"# T\n\nCaf\xe9 au lait.\n").unwrap();
    std::fs::write(dir.join("good.md"), DOUBLED).unwrap();
    let o = run(&dir, &["check", "--format", "short", "bad.md", "good.md"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("error: bad.md: not valid UTF-8"), "{err}");
    assert!(err.contains("line 3"), "{err}");
    assert!(stdout(&o).contains("good.md:3:24: error[repeated-word]"));
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let dir = scratch("missing");
    std::fs::write(dir.join("good.md"), CLEAN).unwrap();
    let o = run(&dir, &["check", "nope.md", "good.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error: nope.md: no such file or folder"));
}

#[test]
fn binary_file_is_refused_clearly() {
    let dir = scratch("binary");
    std::fs::write(dir.join("img.md"), b"\x89PNG\r\n\x1a\n\x00\x00\x00").unwrap();
    let o = run(&dir, &["check", "img.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("img.md: binary file"));
}

#[test]
fn big_files_are_skipped_with_a_warning() {
    let dir = scratch("big");
    std::fs::write(dir.join("big.md"), DOUBLED.repeat(10)).unwrap();
    let o = run(&dir, &["check", "--max-file-size", "100", "big.md"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("warning: big.md: skipped"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn folders_are_walked_in_path_order_honouring_gitignore_and_hidden() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::create_dir_all(dir.join("ignored")).unwrap();
    for p in [
        "b/z.md",
        "a.markdown",
        ".hidden/h.md",
        "ignored/i.md",
        "b/notes.txt",
    ] {
        std::fs::write(dir.join(p), DOUBLED).unwrap();
    }
    std::fs::write(dir.join(".gitignore"), "ignored/\n").unwrap();
    let o = run(&dir, &["check", "--format", "short"]);
    let out = stdout(&o);
    let files: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(files, ["a.markdown", "b/z.md"], "{out}");
}

#[test]
fn rules_lists_every_rule_and_explain_documents_one() {
    let dir = scratch("rules");
    let o = run(&dir, &["rules"]);
    let out = stdout(&o);
    for id in [
        "repeated-headline",
        "spliced-headline",
        "unbalanced-quotes",
        "boilerplate",
    ] {
        assert!(out.contains(id), "{out}");
    }
    let o = run(&dir, &["explain", "repeated-word"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("repeated-word: "));
    for section in [
        "What it flags",
        "Why it matters",
        "Example",
        "Use instead",
        "Fix",
    ] {
        assert!(out.contains(section), "{out}");
    }
    let o = run(&dir, &["explain", "repeated-wrd"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `repeated-word`?"));
}

#[test]
fn inspect_shows_sentences_tokens_tags_and_lexicon_facts() {
    let dir = scratch("inspect");
    std::fs::write(
        dir.join("a.md"),
        "# Vote\n\nThe deal was reporte on Monday.\n",
    )
    .unwrap();
    let o = run(&dir, &["inspect", "--format", "json", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["path"], "a.md");
    let s = &v["sentences"][1];
    assert_eq!(s["byte_start"], 8);
    assert_eq!(s["byte_end"], 39);
    assert_eq!(
        v["blocks"][s["block"].as_u64().unwrap() as usize]["kind"],
        "paragraph"
    );
    let was = &s["tokens"][2];
    assert_eq!(was["text"], "was");
    assert_eq!(
        (was["byte_start"].clone(), was["byte_end"].clone()),
        (17.into(), 20.into())
    );
    assert_eq!(was["xpos"], "VBD");
    assert_eq!(was["upos"], "AUX");
    assert_eq!(was["finite"], true);
    let unknown = &s["tokens"][3];
    assert_eq!(unknown["text"], "reporte");
    assert_eq!(unknown["lexicon"], serde_json::json!([]));
    let o = run(&dir, &["inspect", "a.md"]);
    assert!(stdout(&o).contains("sentence 8..39 in paragraph 1: The deal was reporte on Monday."));
}

#[test]
fn inspect_shows_the_dependency_parse_of_each_sentence() {
    let dir = scratch("inspect-parse");
    std::fs::write(dir.join("a.md"), "The bridge was closed by the council.\n").unwrap();
    let o = run(&dir, &["inspect", "--format", "json", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let arcs: Vec<(String, u64, String)> = v["sentences"][0]["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap().to_string(),
                t["head"].as_u64().unwrap(),
                t["deprel"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("The", 2, "det"),
        ("bridge", 4, "nsubj:pass"),
        ("was", 4, "aux:pass"),
        ("closed", 0, "root"),
        ("by", 7, "case"),
        ("the", 7, "det"),
        ("council", 4, "obl:agent"),
        (".", 4, "punct"),
    ];
    let expected: Vec<(String, u64, String)> = expected
        .iter()
        .map(|&(w, h, d)| (w.to_string(), h, d.to_string()))
        .collect();
    assert_eq!(arcs, expected);
    let o = run(&dir, &["inspect", "a.md"]);
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.split_whitespace().nth(2) == Some("closed"))
        .unwrap_or_else(|| panic!("no line for 'closed' in:\n{out}"));
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(cols[..3], ["4", "15..21", "closed"]);
    assert!(
        out.lines().any(|l| l.split_whitespace().collect::<Vec<_>>()
            == [
                "#", "bytes..", "token", "upos", "xpos", "finite", "head", "deprel", "lexicon"
            ]),
        "no column header in:\n{out}"
    );
    assert!(line.contains(" 0 root "), "{line}");
}

#[test]
fn rules_lists_pack_rules_with_their_level_and_explain_documents_one() {
    let dir = scratch("pack-rules");
    std::fs::create_dir_all(dir.join("style/desk")).unwrap();
    std::fs::write(
        dir.join("style/desk/no-utilize.toml"),
        "kind = \"existence\"\ndescription = \"Say 'use', not 'utilize'.\"\nmessage = \"Write 'use'.\"\nlevel = \"warning\"\ntokens = [\"utilize\"]\n\n[[test]]\ntext = \"They utilize it.\"\nexpect = [\"utilize\"]\n\n[[test]]\ntext = \"They use it.\"\nexpect = []\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("galley.toml"),
        "packs = [\"style/desk\", \"builtin:wire\"]\n[rules]\n\"wire/percent\" = \"off\"\n",
    )
    .unwrap();
    let o = run(&dir, &["rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let line = |id: &str| {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("no line for {id} in:\n{out}"))
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
    };
    assert_eq!(line("desk/no-utilize"), ["desk/no-utilize", "warning"]);
    assert_eq!(line("wire/numbers"), ["wire/numbers", "warning"]);
    assert_eq!(line("wire/percent"), ["wire/percent", "off"]);
    assert_eq!(
        line("cliches/news-cliches"),
        ["cliches/news-cliches", "off"]
    );
    assert!(out.contains("Say 'use', not 'utilize'."), "{out}");

    let o = run(&dir, &["explain", "desk/no-utilize"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("desk/no-utilize: Say 'use', not 'utilize'.\n\nLevel: warning here\n"),
        "{out}"
    );
    assert!(out.contains("Kind: existence"), "{out}");
    assert!(
        out.contains("Flags\n    They utilize it.\n    (flags 'utilize')\n"),
        "{out}"
    );
    assert!(out.contains("Leaves alone\n    They use it.\n"), "{out}");

    let o = run(&dir, &["explain", "cliches/news-cliches"]);
    assert!(
        stdout(&o).contains("Level: off here (info once enabled)"),
        "{}",
        stdout(&o)
    );
    let o = run(&dir, &["explain", "desk/no-utilise"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown rule `desk/no-utilise`; did you mean `desk/no-utilize`?"),
        "{}",
        stderr(&o)
    );
}
