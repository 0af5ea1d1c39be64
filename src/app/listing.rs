//! Rule listings: `galley rules`, `galley explain` and the rules page, all read from the
//! [registry](crate::registry).

use std::sync::Arc;

use super::suggest;
use crate::error::ExitStatus;
use crate::packs::PackRule;
use crate::registry::{self, RuleSet};
use crate::rules::RuleDoc;
use crate::settings::Level;

/// " (did you mean `x`?)" when a known rule id is close.
pub fn did_you_mean(unknown: &str) -> String {
    suggest(unknown, registry::builtin_ids())
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

/// The built-in rules with their default levels, one a line (`galley rules`).
pub fn rules_table() -> String {
    let mut out = String::new();
    for m in registry::builtin() {
        out.push_str(&format!(
            "{:<24} {:<8} {}\n",
            m.id,
            level_name(m.default),
            m.summary
        ));
    }
    out
}

/// Rule-pack rules (the built-in packs and the configured ones) with their level under the
/// rule set.
pub fn pack_rules_table(set: &RuleSet) -> String {
    let rules = set.pack_rules();
    if rules.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "\nRule packs (built-in packs are off until `packs = [\"builtin:NAME\"]` names them;\n\
         `galley explain pack/name` shows a rule and its examples):\n",
    );
    let width = rules
        .iter()
        .map(|(m, _)| m.id.len())
        .max()
        .unwrap_or(0)
        .max(24);
    for (m, level) in rules {
        out.push_str(&format!(
            "{:<width$} {:<8} {}\n",
            m.id,
            level_name(level),
            m.summary
        ));
    }
    out
}

/// `galley explain RULE`: a built-in rule's documentation, or a pack rule of the current
/// folder's configuration (`rule_set` loads it, only when a pack rule is asked for).
pub(super) fn explain_command(rule: &str, rule_set: impl FnOnce() -> Arc<RuleSet>) -> ExitStatus {
    if let Some(m) = registry::find_builtin(rule)
        && let Some(d) = m.doc()
    {
        print!("{}", explain(d));
        return ExitStatus::Ok;
    }
    if !rule.contains('/') {
        eprintln!("error: unknown rule `{rule}`{}", did_you_mean(rule));
        return ExitStatus::Trouble;
    }
    let set = rule_set();
    match set.find(rule) {
        Some((m, level)) if m.pack_rule().is_some() => {
            let r = m.pack_rule().expect("a pack rule");
            print!("{}", explain_pack_rule(r, level));
            ExitStatus::Ok
        }
        _ => {
            let rules = set.pack_rules();
            let hint = suggest(rule, rules.iter().map(|(m, _)| m.id))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| "; `galley rules` lists the rules of every pack".to_string());
            eprintln!("error: unknown rule `{rule}`{hint}");
            ExitStatus::Trouble
        }
    }
}

/// `galley explain pack/name`: what a pack rule is, where it comes from, and its test cases
/// as examples.
pub fn explain_pack_rule(r: &PackRule, level: Level) -> String {
    let source = if r.builtin {
        format!(
            "built-in pack `{}` (enable it with `packs = [\"builtin:{}\"]`)",
            r.pack, r.pack
        )
    } else {
        r.path.display().to_string()
    };
    let level = match (level, r.builtin) {
        (Level::Off, true) => format!("off here ({} once enabled)", level_name(r.level)),
        (l, _) => format!("{} here", level_name(l)),
    };
    let mut out = format!(
        "{id}: {summary}\n\nLevel: {level}\nKind: {kind}\nFrom: {source}\n",
        id = r.id,
        summary = r.description.as_deref().unwrap_or("(no description)"),
        kind = r.kind,
    );
    if let Some(link) = &r.link {
        out.push_str(&format!("See: {link}\n"));
    }
    let (fire, silent): (Vec<_>, Vec<_>) = r.tests.iter().partition(|t| !t.expect.is_empty());
    if !fire.is_empty() {
        out.push_str("\nFlags\n");
        for t in fire {
            out.push_str(&format!(
                "{}\n    (flags {})\n",
                indent(&t.text),
                t.expect
                    .iter()
                    .map(|e| format!("'{e}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if !silent.is_empty() {
        out.push_str("\nLeaves alone\n");
        for t in silent {
            out.push_str(&format!("{}\n", indent(&t.text)));
        }
    }
    out
}

pub fn explain(d: &RuleDoc) -> String {
    let level = level_name(d.default);
    format!(
        "{id}: {summary}\n\nDefault: {level}\n\n\
         What it flags\n{flags}\n\nWhy it matters\n{why}\n\n\
         Example\n{example}\n\nUse instead\n{instead}\n\nFix\n{fix}\n",
        id = d.id,
        summary = d.summary,
        flags = indent(d.flags),
        why = indent(d.why),
        example = indent(d.example),
        instead = indent(d.instead),
        fix = indent(d.fix),
    )
}

/// The rules page (`docs/rules.md`), generated from each rule's documentation.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rules' own documentation (`galley explain RULE` prints \
         the same text). Do not edit by hand: `UPDATE_SNAPSHOTS=1 cargo test --test integration rules::` \
         regenerates it.\n\n| Rule | Default | Summary |\n|---|---|---|\n",
    );
    for d in registry::builtin().filter_map(|m| m.doc()) {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {} | {} |\n",
            level_name(d.default),
            d.summary.replace('|', "\\|"),
            id = d.id
        ));
    }
    out.push('\n');
    out.push_str(crate::document::markup::WHAT_IS_PROSE);
    for d in registry::builtin().filter_map(|m| m.doc()) {
        out.push_str(&format!(
            "\n## {id}\n\n{summary}. Default: **{level}**.\n\n### What it flags\n\n{flags}\n\n\
             ### Why it matters\n\n{why}\n\n### Example\n\n```markdown\n{example}```\n\n\
             ### Use instead\n\n{instead}\n\n### Fix\n\n{fix}\n",
            id = d.id,
            summary = d.summary,
            level = level_name(d.default),
            flags = d.flags,
            why = d.why,
            example = d.example,
            instead = d.instead,
            fix = d.fix,
        ));
    }
    out
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Off => "off",
        Level::On(s) => s.as_str(),
    }
}

fn indent(s: &str) -> String {
    s.trim_end()
        .lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
