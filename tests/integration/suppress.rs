//! Inline suppression as users meet it: every comment form, the front-matter key, and the
//! `unused-suppression` reports.

use crate::common::{run, scratch};

/// Check one draft (no configuration files) and return the short output and exit status.
fn check(name: &str, draft: &str) -> (String, Option<i32>) {
    check_with(name, draft, None)
}

fn check_with(name: &str, draft: &str, config: Option<&str>) -> (String, Option<i32>) {
    let dir = scratch(name);
    std::fs::write(dir.join("story.md"), draft).unwrap();
    let mut args = vec!["check", "--format", "short"];
    if let Some(c) = config {
        std::fs::write(dir.join("galley.toml"), c).unwrap();
    } else {
        args.push("--no-config");
    }
    args.push("story.md");
    let o = run(&dir, &args);
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        o.status.code(),
    )
}

#[test]
fn disable_next_line_covers_the_next_line_with_content() {
    let (out, status) = check(
        "next-line",
        "# Ferry returns\n\n<!-- galley-disable-next-line repeated-word -->\n\n\
         The ferry returned to the the harbour.\n\nIt sailed at at noon.\n",
    );
    assert_eq!(
        out,
        "story.md:7:11: error[repeated-word] 'at' is written twice\n"
    );
    assert_eq!(status, Some(1));
}

#[test]
fn stacked_next_line_comments_reach_past_each_other() {
    let (out, _) = check(
        "stacked",
        "# Ferry returns\n\n<!-- galley-disable-next-line repeated-word -->\n\
         <!-- galley-disable-next-line unbalanced-brackets -->\n\
         The ferry (a catamaran returned to the the harbour.\n",
    );
    assert_eq!(out, "");
}

#[test]
fn disable_next_line_names_only_the_rules_listed() {
    let (out, _) = check(
        "next-line-other-rule",
        "# Ferry returns\n\n<!-- galley-disable-next-line unbalanced-brackets -->\n\
         The ferry returned to the the harbour.\n",
    );
    assert_eq!(
        out,
        "story.md:3:1: warning[unused-suppression] this suppression silences nothing: \
         `unbalanced-brackets` reports nothing on the next line\n\
         story.md:4:23: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn a_partly_used_comment_reports_the_unused_rule() {
    let (out, _) = check(
        "partly-used",
        "# Ferry returns\n\n<!-- galley-disable-next-line repeated-word boilerplate -->\n\
         The ferry returned to the the harbour.\n",
    );
    assert_eq!(
        out,
        "story.md:3:45: warning[unused-suppression] unused suppression: \
         `boilerplate` reports nothing on the next line\n"
    );
}

#[test]
fn rule_lists_may_use_commas() {
    let (out, _) = check(
        "commas",
        "# Ferry returns\n\n<!-- galley-disable-next-line repeated-word, unbalanced-brackets -->\n\
         The ferry (a catamaran returned to the the harbour.\n",
    );
    assert_eq!(out, "");
}

#[test]
fn disable_and_enable_make_a_range() {
    let (out, _) = check(
        "range",
        "# Ferry returns\n\n<!-- galley-disable repeated-word -->\n\
         The ferry returned to the the harbour.\n\nIt sailed at at noon.\n\
         <!-- galley-enable repeated-word -->\n\nIt docked by by dusk.\n",
    );
    assert_eq!(
        out,
        "story.md:9:11: error[repeated-word] 'by' is written twice\n"
    );
}

#[test]
fn disable_without_enable_runs_to_the_end() {
    let (out, _) = check(
        "range-open",
        "# Ferry returns\n\nThe ferry returned to the the harbour.\n\n<!-- galley-disable -->\n\n\
         It sailed at at noon.\n\nIt docked by by dusk.\n",
    );
    assert_eq!(
        out,
        "story.md:3:23: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn enabling_one_rule_leaves_the_others_disabled() {
    let (out, _) = check(
        "range-hole",
        "# Ferry returns\n\n<!-- galley-disable -->\n<!-- galley-enable repeated-word -->\n\
         The ferry (a catamaran returned to the the harbour.\n",
    );
    assert_eq!(
        out,
        "story.md:5:36: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn disable_file_covers_everything() {
    let (out, status) = check(
        "file",
        "# Ferry returns\n\nThe ferry returned to the the harbour.\n\n\
         <!-- galley-disable-file -->\n\nIt sailed at at noon.\n",
    );
    assert_eq!(out, "");
    assert_eq!(status, Some(0));
    let (out, _) = check(
        "file-one-rule",
        "<!-- galley-disable-file unbalanced-brackets -->\n# Ferry returns\n\n\
         The ferry (a catamaran returned to the the harbour.\n",
    );
    assert_eq!(
        out,
        "story.md:4:36: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn front_matter_yaml_flow_and_block_styles() {
    for (i, fm) in [
        "galley: {disable: [repeated-word]}\n",
        "galley: { disable: [\"repeated-word\", unbalanced-brackets] }\n",
        "galley:\n  disable: [repeated-word]\n",
        "galley:\n  disable:\n    - repeated-word\n",
    ]
    .iter()
    .enumerate()
    {
        let draft = format!(
            "---\ntitle: Ferry returns\n{fm}---\n\nThe ferry returned to the the harbour.\n"
        );
        let (out, _) = check(&format!("yaml-{i}"), &draft);
        let out = out
            .lines()
            .filter(|l| !l.contains("unbalanced-brackets` reports nothing"))
            .collect::<Vec<_>>();
        assert!(out.is_empty(), "{fm}: {out:?}");
    }
}

#[test]
fn front_matter_toml() {
    let (out, _) = check(
        "toml",
        "+++\ntitle = \"Ferry returns\"\n\n[galley]\ndisable = [\"repeated-word\"]\n+++\n\n\
         The ferry returned to the the harbour.\n",
    );
    assert_eq!(out, "");
}

#[test]
fn unused_front_matter_entry_points_at_the_rule() {
    let (out, _) = check(
        "fm-unused",
        "---\ntitle: Ferry returns\ngalley: {disable: [unbalanced-quotes]}\n---\n\n\
         The ferry returned to the harbour.\n",
    );
    assert_eq!(
        out,
        "story.md:3:20: warning[unused-suppression] unused suppression: \
         `unbalanced-quotes` reports nothing on this file\n"
    );
}

#[test]
fn a_suppression_that_silences_nothing_is_reported() {
    let (out, status) = check(
        "unused",
        "# Ferry returns\n\n<!-- galley-disable-next-line -->\nThe ferry returned to the harbour.\n",
    );
    assert_eq!(
        out,
        "story.md:3:1: warning[unused-suppression] this suppression silences nothing: \
         no finding on the next line\n"
    );
    // A warning: the default fail-on is error.
    assert_eq!(status, Some(0));
}

#[test]
fn unused_report_offers_to_remove_the_comment() {
    let dir = scratch("unused-json");
    std::fs::write(
        dir.join("story.md"),
        "# Ferry returns\n\n<!-- galley-disable-next-line repeated-word -->\nCalm seas.\n",
    )
    .unwrap();
    let o = run(
        &dir,
        &["check", "--no-config", "--format", "json", "story.md"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "unused-suppression");
    assert_eq!(d["severity"], "warning");
    let fix = &d["fixes"][0];
    assert_eq!(fix["applicability"], "unsafe");
    assert_eq!(fix["title"], "remove the comment");
    // The whole line goes.
    assert_eq!(fix["edits"][0]["byte_start"], 17);
    assert_eq!(fix["edits"][0]["byte_end"], 65);
}

#[test]
fn unknown_rule_in_a_comment_suggests_the_right_one() {
    let dir = scratch("unknown-rule");
    std::fs::write(
        dir.join("story.md"),
        "# Ferry returns\n\n<!-- galley-disable-next-line repeated-wrod -->\n\
         The ferry returned to the the harbour.\n",
    )
    .unwrap();
    let o = run(
        &dir,
        &["check", "--no-config", "--color", "never", "story.md"],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("warning[unused-suppression]: unknown rule `repeated-wrod` in a suppression"),
        "{out}"
    );
    assert!(out.contains("┌─ story.md:3:31"), "{out}");
    assert!(out.contains("did you mean `repeated-word`?"), "{out}");
    // The misspelt comment silences nothing.
    assert!(out.contains("error[repeated-word]"), "{out}");
}

#[test]
fn unknown_directive_and_stray_enable_are_reported() {
    let (out, _) = check(
        "unknown-directive",
        "# Ferry returns\n\n<!-- galley-disable-nextline -->\nCalm seas.\n\n<!-- galley-enable -->\n",
    );
    assert_eq!(
        out,
        "story.md:3:6: warning[unused-suppression] unknown suppression comment \
         `galley-disable-nextline`\n\
         story.md:6:1: warning[unused-suppression] `galley-enable` without an open `galley-disable`\n"
    );
}

#[test]
fn naming_unused_suppression_keeps_a_suppression_on_purpose() {
    let (out, _) = check(
        "keep",
        "<!-- galley-disable-file unused-suppression -->\n# Ferry returns\n\n\
         <!-- galley-disable-next-line repeated-word -->\nCalm seas.\n",
    );
    assert_eq!(out, "");
}

#[test]
fn unused_suppression_can_be_turned_off_or_raised_in_config() {
    let draft = "# Ferry returns\n\n<!-- galley-disable-next-line repeated-word -->\nCalm seas.\n";
    let (out, status) = check_with(
        "config-off",
        draft,
        Some("[rules]\nunused-suppression = \"off\"\n"),
    );
    assert_eq!((out.as_str(), status), ("", Some(0)));
    let (out, status) = check_with(
        "config-error",
        draft,
        Some("[rules]\nunused-suppression = \"error\"\n"),
    );
    assert!(out.contains("error[unused-suppression]"), "{out}");
    assert_eq!(status, Some(1));
}

#[test]
fn a_suppressed_rule_that_is_off_says_so() {
    let dir = scratch("off-note");
    std::fs::write(
        dir.join("galley.toml"),
        "[rules]\nrepeated-word = \"off\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("story.md"),
        "# Ferry returns\n\n<!-- galley-disable-next-line repeated-word -->\nThe the ferry.\n",
    )
    .unwrap();
    let o = run(&dir, &["check", "--color", "never", "story.md"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("`repeated-word` is off in the configuration"),
        "{out}"
    );
}

#[test]
fn comments_in_code_blocks_are_not_suppressions() {
    let (out, _) = check(
        "code",
        "# Ferry returns\n\n```\n<!-- galley-disable-file -->\n```\n\n\
         The ferry returned to the the harbour.\n",
    );
    assert_eq!(
        out,
        "story.md:7:23: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn rules_and_explain_know_unused_suppression() {
    let dir = scratch("explain");
    let o = run(&dir, &["rules"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("unused-suppression"));
    let o = run(&dir, &["explain", "unused-suppression"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Default: warning"));
}
