//! `--format sarif`: a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), as
//! GitHub code scanning and other dashboards read it.
//!
//! One run: `tool.driver` names galley and lists every built-in rule with its documentation
//! and default level; each finding is a result with its rule, level, message, location
//! (line, column and byte offsets; columns count Unicode code points, as the run's
//! `columnKind` says), related locations for its labels, and its fixes as replacements.
//!
//! Each file's results are rendered as JSON Lines while files are checked, and
//! [`sarif_log`] gathers them into the log at the end.

use serde_json::{Map, Value, json};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::LineIndex;
use crate::registry;
use crate::rules::RuleDoc;
use crate::settings::Level;

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference (`drafts/my%20story.md`), or a `file://` URI when
/// absolute.
pub fn path_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    let mut out = String::new();
    if p.starts_with('/') {
        out.push_str("file://");
    }
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(source: &str, lines: &LineIndex, range: &std::ops::Range<usize>) -> Value {
    let (start_line, start_column) = lines.position(source, range.start);
    let (end_line, end_column) = lines.position(source, range.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": range.start,
        "byteLength": range.end.saturating_sub(range.start),
    })
}

fn location(uri: &str, region: Value) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": region,
        }
    })
}

fn result(uri: &str, source: &str, lines: &LineIndex, d: &Diagnostic) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    for note in &d.notes {
        text.push_str(&format!("\nnote: {note}"));
    }
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(d.rule));
    r.insert("level".into(), json!(level(d.severity)));
    r.insert("message".into(), json!({ "text": text }));
    r.insert(
        "locations".into(),
        json!([location(uri, region(source, lines, &d.range))]),
    );
    if !d.labels.is_empty() {
        let related: Vec<Value> = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut loc = location(uri, region(source, lines, &l.range));
                loc["id"] = json!(i + 1);
                loc["message"] = json!({ "text": l.message });
                loc
            })
            .collect();
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    let fixes: Vec<Value> = d
        .fixes
        .iter()
        .filter(|f| !f.edits.is_empty())
        .map(|f| {
            let replacements: Vec<Value> = f
                .edits
                .iter()
                .map(|e| {
                    json!({
                        "deletedRegion": region(source, lines, &e.range),
                        "insertedContent": { "text": e.replacement },
                    })
                })
                .collect();
            let applicability = match f.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
                Applicability::Display => "display",
            };
            json!({
                "description": { "text": f.title },
                "artifactChanges": [{
                    "artifactLocation": { "uri": uri },
                    "replacements": replacements,
                }],
                "properties": { "applicability": applicability },
            })
        })
        .collect();
    if !fixes.is_empty() {
        r.insert("fixes".into(), Value::Array(fixes));
    }
    Value::Object(r)
}

/// One file's results, one compact JSON object per line.
pub fn sarif_results(path: &str, source: &str, lines: &LineIndex, diags: &[Diagnostic]) -> String {
    let uri = path_uri(path);
    let mut out = String::new();
    for d in diags {
        out.push_str(&result(&uri, source, lines, d).to_string());
        out.push('\n');
    }
    out
}

fn rule_descriptor(d: &RuleDoc) -> Value {
    let (level, enabled) = match d.default {
        Level::Off => ("warning", false),
        Level::On(s) => (level(s), true),
    };
    let text = format!(
        "{}\n\nWhy it matters: {}\n\nExample:\n{}\nUse instead: {}\n\nFix: {}",
        d.flags.trim(),
        d.why.trim(),
        d.example,
        d.instead.trim(),
        d.fix.trim()
    );
    let markdown = format!(
        "{}\n\n**Why it matters.** {}\n\n**Example**\n\n```markdown\n{}```\n\n\
         **Use instead.** {}\n\n**Fix.** {}",
        d.flags.trim(),
        d.why.trim(),
        d.example,
        d.instead.trim(),
        d.fix.trim()
    );
    json!({
        "id": d.id,
        "shortDescription": { "text": d.summary },
        "fullDescription": { "text": d.flags.trim() },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": level, "enabled": enabled },
    })
}

/// The whole log from the files' JSON Lines results.
pub fn sarif_log<'a>(files: impl IntoIterator<Item = &'a str>) -> String {
    let mut rules: Vec<Value> = registry::builtin()
        .filter_map(|m| m.doc())
        .map(rule_descriptor)
        .collect();
    let mut ids: Vec<String> = registry::builtin().map(|m| m.id.to_string()).collect();
    let mut results = Vec::new();
    for text in files {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(mut r) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            let id = r["ruleId"].as_str().unwrap_or_default().to_string();
            let index = match ids.iter().position(|i| *i == id) {
                Some(i) => i,
                None => {
                    // A rule-pack rule: described by its id alone.
                    rules.push(json!({ "id": id }));
                    ids.push(id);
                    ids.len() - 1
                }
            };
            r["ruleIndex"] = json!(index);
            results.push(r);
        }
    }
    let mut driver = json!({
        "name": "galley",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    let info = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|u| !u.is_empty());
    if let Some(uri) = info {
        driver["informationUri"] = json!(uri);
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_escaped() {
        assert_eq!(path_uri("./drafts/my story.md"), "drafts/my%20story.md");
        assert_eq!(path_uri("/tmp/a.md"), "file:///tmp/a.md");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(path_uri("café.md"), "caf%C3%A9.md");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(level(Severity::Warning), "warning");
    }
}
