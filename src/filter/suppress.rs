//! Inline suppression: HTML comments (which Markdown renderers hide) and a front-matter key
//! that silence findings, and the `unused-suppression` report for those that silence nothing.
//!
//! ```text
//! <!-- galley-disable-next-line repeated-word -->   the next line that has content
//! <!-- galley-disable boilerplate -->  …  <!-- galley-enable boilerplate -->
//! <!-- galley-disable-file -->                       the whole file
//! ---
//! galley: {disable: [repeated-word]}                 the whole file (front matter)
//! ---
//! ```
//!
//! No rule list means every rule. A suppression applies to a finding whose primary span starts
//! on a suppressed line (for ranges: from the start of the `galley-disable` comment's line to
//! the `galley-enable` comment).

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::document::Document;
use crate::registry::{self, RuleSet};
use crate::settings::{Level, suggest};

/// The rule id of suppression problems.
pub use crate::rules::UNUSED_SUPPRESSION as RULE;

const DISABLE_NEXT_LINE: &str = "galley-disable-next-line";
const DISABLE: &str = "galley-disable";
const ENABLE: &str = "galley-enable";
const DISABLE_FILE: &str = "galley-disable-file";
const DIRECTIVES: &[&str] = &[DISABLE_NEXT_LINE, DISABLE, ENABLE, DISABLE_FILE];

/// A rule id written in a suppression, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleRef {
    pub id: String,
    pub span: Range<usize>,
}

/// What kind of suppression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    NextLine,
    Range,
    Enable,
    File,
    FrontMatter,
}

/// One suppression comment (or the front-matter key).
#[derive(Clone, Debug)]
pub struct Suppression {
    pub kind: Kind,
    /// The whole comment (or the front-matter `galley` entry).
    pub span: Range<usize>,
    /// The known rules named; empty means every rule.
    pub rules: Vec<RuleRef>,
    /// How many ids were written, unknown ones included.
    pub written: usize,
}

/// A stretch of the file where some rules are silenced.
#[derive(Clone, Debug)]
struct Cover {
    /// Index into the suppressions.
    sup: usize,
    /// Index into that suppression's rules; `None` covers every rule but `except`.
    rule: Option<usize>,
    except: Vec<String>,
    range: Range<usize>,
}

/// Something wrong with a suppression itself, found while reading them.
#[derive(Clone, Debug)]
struct Problem {
    span: Range<usize>,
    message: String,
    help: Option<String>,
    fix: Option<(String, Edit)>,
}

/// Every suppression in a document, with what it covers.
#[derive(Debug, Default)]
pub struct Suppressions {
    pub list: Vec<Suppression>,
    covers: Vec<Cover>,
    problems: Vec<Problem>,
}

/// Split a comment body after its directive into rule ids (separated by spaces or commas).
fn rule_refs(source: &str, body: Range<usize>) -> Vec<RuleRef> {
    let text = &source[body.clone()];
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let sep = c.is_whitespace() || c == ',';
        match (sep, start) {
            (true, Some(s)) => {
                out.push(RuleRef {
                    id: text[s..i].to_string(),
                    span: body.start + s..body.start + i,
                });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// The line (0-based) holding a byte offset.
fn line(doc: &Document, offset: usize) -> usize {
    doc.lines.line_of(offset.min(doc.source.len()))
}

fn line_range(doc: &Document, l: usize) -> Range<usize> {
    let starts = doc.lines.line_starts();
    let start = starts[l.min(starts.len() - 1)];
    let end = starts.get(l + 1).copied().unwrap_or(doc.source.len());
    start..end
}

/// Whether a line holds something other than whitespace and HTML comments.
fn has_content(doc: &Document, l: usize) -> bool {
    let r = line_range(doc, l);
    doc.source[r.clone()].char_indices().any(|(i, c)| {
        let at = r.start + i;
        !c.is_whitespace() && !doc.comments.iter().any(|cm| cm.range.contains(&at))
    })
}

impl Suppressions {
    /// Read every suppression comment and the front-matter key.
    pub fn read(doc: &Document, set: &RuleSet) -> Suppressions {
        let mut s = Suppressions::default();
        let source = &doc.source;
        let n_lines = doc.lines.line_starts().len();
        // Open ranges from `galley-disable`.
        let mut open: Vec<Cover> = Vec::new();
        for c in &doc.comments {
            let body = &source[c.body.clone()];
            let word_end = body.find(char::is_whitespace).unwrap_or(body.len());
            let word = &body[..word_end];
            if !word.starts_with("galley-") {
                continue;
            }
            let kind = match word {
                DISABLE_NEXT_LINE => Kind::NextLine,
                DISABLE => Kind::Range,
                ENABLE => Kind::Enable,
                DISABLE_FILE => Kind::File,
                _ => {
                    let help = if word == "galley-disable-line" {
                        Some(format!(
                            "put `<!-- {DISABLE_NEXT_LINE} -->` on the line above"
                        ))
                    } else {
                        suggest(word, DIRECTIVES.iter().copied())
                            .map(|d| format!("did you mean `{d}`?"))
                    };
                    s.problems.push(Problem {
                        span: c.body.start..c.body.start + word_end,
                        message: format!("unknown suppression comment `{word}`"),
                        help,
                        fix: None,
                    });
                    continue;
                }
            };
            let named = rule_refs(source, c.body.start + word_end..c.body.end);
            let written = named.len();
            let rules = s.check_ids(named, set);
            if written > 0 && rules.is_empty() {
                // Only unknown ids (reported): this comment silences nothing.
                continue;
            }
            let sup = s.list.len();
            s.list.push(Suppression {
                kind,
                span: c.range.clone(),
                rules: rules.clone(),
                written,
            });
            let all = rules.is_empty();
            let each = |range: Range<usize>| -> Vec<Cover> {
                if all {
                    vec![Cover {
                        sup,
                        rule: None,
                        except: Vec::new(),
                        range,
                    }]
                } else {
                    (0..rules.len())
                        .map(|i| Cover {
                            sup,
                            rule: Some(i),
                            except: Vec::new(),
                            range: range.clone(),
                        })
                        .collect()
                }
            };
            match kind {
                Kind::NextLine => {
                    let from = line(doc, c.range.end.saturating_sub(1)) + 1;
                    if let Some(l) = (from..n_lines).find(|&l| has_content(doc, l)) {
                        s.covers.extend(each(line_range(doc, l)));
                    }
                }
                Kind::File => s.covers.extend(each(0..usize::MAX)),
                Kind::Range => {
                    let start = line_range(doc, line(doc, c.range.start)).start;
                    open.extend(each(start..usize::MAX));
                }
                Kind::Enable => {
                    let closes_any = s.close(&mut open, &rules, c.range.start);
                    if !closes_any {
                        s.problems.push(Problem {
                            span: c.range.clone(),
                            message: if all {
                                format!("`{ENABLE}` without an open `{DISABLE}`")
                            } else {
                                format!(
                                    "`{ENABLE}` re-enables {} that no `{DISABLE}` turned off",
                                    list(&rules)
                                )
                            },
                            help: None,
                            fix: Some((
                                "remove the comment".into(),
                                delete_comment(doc, c.range.clone()),
                            )),
                        });
                    }
                }
                Kind::FrontMatter => {}
            }
        }
        s.covers.extend(open);
        if let Some((span, rules)) = front_matter_rules(doc, &mut s.problems) {
            let written = rules.len();
            let rules = s.check_ids(rules, set);
            if written > 0 && rules.is_empty() {
                return s;
            }
            let sup = s.list.len();
            s.list.push(Suppression {
                kind: Kind::FrontMatter,
                span,
                rules: rules.clone(),
                written,
            });
            for i in 0..rules.len() {
                s.covers.push(Cover {
                    sup,
                    rule: Some(i),
                    except: Vec::new(),
                    range: 0..usize::MAX,
                });
            }
        }
        s
    }

    /// Report unknown rule ids and keep the known ones. A `pack/name` id must name a pack
    /// rule of the configuration (built-in packs are known even when off).
    fn check_ids(&mut self, rules: Vec<RuleRef>, set: &RuleSet) -> Vec<RuleRef> {
        let mut keep = Vec::new();
        for r in rules {
            if set.find(&r.id).is_some() {
                keep.push(r);
                continue;
            }
            let pack = r.id.contains('/');
            let good = if pack {
                let ids = set.pack_rules();
                suggest(&r.id, ids.iter().map(|(m, _)| m.id)).map(str::to_string)
            } else {
                suggest(&r.id, registry::builtin_ids()).map(str::to_string)
            };
            let help = match &good {
                Some(g) => format!("did you mean `{g}`?"),
                None if pack => "`galley rules` lists every rule, pack rules included".into(),
                None => "`galley rules` lists every rule".into(),
            };
            let fix = good.map(|good| {
                (
                    format!("write '{good}'"),
                    Edit {
                        range: r.span.clone(),
                        replacement: good,
                    },
                )
            });
            self.problems.push(Problem {
                span: r.span.clone(),
                message: format!("unknown rule `{}` in a suppression", r.id),
                help: Some(help),
                fix,
            });
        }
        keep
    }

    /// Whether the configuration turns off the (known) rule `id`.
    fn is_off(&self, id: &str, set: &RuleSet) -> bool {
        set.level(id) == Some(Level::Off)
    }

    /// Close open ranges at `at` for `rules` (all when empty). Whether anything was open.
    fn close(&mut self, open: &mut Vec<Cover>, rules: &[RuleRef], at: usize) -> bool {
        let mut closed = false;
        let mut reopened = Vec::new();
        let mut i = 0;
        while i < open.len() {
            let c = &open[i];
            let id = c.rule.map(|r| self.list[c.sup].rules[r].id.as_str());
            let hit = match (id, rules.is_empty()) {
                (_, true) => true,
                (Some(id), false) => rules.iter().any(|r| r.id == id),
                // "Every rule" stays open, minus the re-enabled ones.
                (None, false) => {
                    let newly: Vec<String> = rules
                        .iter()
                        .map(|r| r.id.clone())
                        .filter(|id| !c.except.contains(id))
                        .collect();
                    if !newly.is_empty() {
                        let mut rest = c.clone();
                        rest.except.extend(newly);
                        rest.range.start = at;
                        reopened.push(rest);
                        true
                    } else {
                        false
                    }
                }
            };
            if hit {
                let mut c = open.remove(i);
                c.range.end = at;
                self.covers.push(c);
                closed = true;
            } else {
                i += 1;
            }
        }
        open.extend(reopened);
        closed
    }

    fn covers(&self, c: &Cover, d: &Diagnostic) -> bool {
        if !c.range.contains(&d.range.start) {
            return false;
        }
        match c.rule {
            Some(r) => self.list[c.sup].rules[r].id == d.rule,
            // Reports about suppressions are only silenced by naming the rule.
            None => d.rule != RULE && !c.except.contains(&d.rule),
        }
    }
}

fn list(rules: &[RuleRef]) -> String {
    rules
        .iter()
        .map(|r| format!("`{}`", r.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Delete a comment: its whole line when nothing else is on it, else the comment and the
/// space before it.
fn delete_comment(doc: &Document, range: Range<usize>) -> Edit {
    let src = &doc.source;
    let first = line_range(doc, line(doc, range.start));
    let last = line_range(doc, line(doc, range.end.saturating_sub(1).max(range.start)));
    let alone = src[first.start..range.start].trim().is_empty()
        && src[range.end..last.end].trim().is_empty();
    if alone {
        return Edit {
            range: first.start..last.end,
            replacement: String::new(),
        };
    }
    let mut start = range.start;
    while start > first.start && src.as_bytes()[start - 1] == b' ' {
        start -= 1;
    }
    Edit {
        range: start..range.end,
        replacement: String::new(),
    }
}

/// Delete one rule id from a list, with the separator before it (or after, for the first).
fn delete_rule(src: &str, span: Range<usize>) -> Edit {
    let bytes = src.as_bytes();
    let mut start = span.start;
    while start > 0 && matches!(bytes[start - 1], b' ' | b',' | b'\t') {
        start -= 1;
    }
    Edit {
        range: start..span.end,
        replacement: String::new(),
    }
}

/// `galley: {disable: [a, b]}` in YAML front matter, or `[galley] disable = [...]` in TOML.
/// Returns the span to point at and the rule ids.
fn front_matter_rules(
    doc: &Document,
    problems: &mut Vec<Problem>,
) -> Option<(Range<usize>, Vec<RuleRef>)> {
    let fm = doc.front_matter.as_ref()?;
    let base = fm.content.start;
    let text = &doc.source[fm.content.clone()];
    let found = if fm.toml {
        toml_front_matter(text)
    } else {
        yaml_front_matter(text)
    };
    match found {
        FrontMatterGalley::Absent => None,
        FrontMatterGalley::Unreadable(span) => {
            problems.push(Problem {
                span: base + span.start..base + span.end,
                message: "front-matter key `galley` is not understood".to_string(),
                help: Some(if fm.toml {
                    "write `[galley]` then `disable = [\"rule-id\"]`".to_string()
                } else {
                    "write `galley: {disable: [rule-id]}`".to_string()
                }),
                fix: None,
            });
            None
        }
        FrontMatterGalley::Disable(span, rules) => Some((
            base + span.start..base + span.end,
            rules
                .into_iter()
                .map(|r| RuleRef {
                    id: r.id,
                    span: base + r.span.start..base + r.span.end,
                })
                .collect(),
        )),
    }
}

enum FrontMatterGalley {
    Absent,
    Unreadable(Range<usize>),
    Disable(Range<usize>, Vec<RuleRef>),
}

fn toml_front_matter(text: &str) -> FrontMatterGalley {
    let Ok(table) = toml::de::DeTable::parse(text) else {
        return FrontMatterGalley::Absent;
    };
    let Some((key, galley)) = table
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "galley")
    else {
        return FrontMatterGalley::Absent;
    };
    let Some(disable) = galley.get_ref().as_table().and_then(|t| t.get("disable")) else {
        return FrontMatterGalley::Unreadable(key.span());
    };
    let Some(items) = disable.get_ref().as_array() else {
        return FrontMatterGalley::Unreadable(disable.span());
    };
    let mut rules = Vec::new();
    for item in items.iter() {
        let Some(id) = item.get_ref().as_str() else {
            return FrontMatterGalley::Unreadable(item.span());
        };
        // Point inside the quotes.
        let span = item.span();
        let inner = if span.end - span.start >= 2 {
            span.start + 1..span.end - 1
        } else {
            span
        };
        rules.push(RuleRef {
            id: id.to_string(),
            span: inner,
        });
    }
    FrontMatterGalley::Disable(key.span(), rules)
}

/// Items of a YAML flow sequence `[a, "b"]` starting at `open` (the `[`).
fn yaml_flow_list(text: &str, open: usize) -> Option<Vec<RuleRef>> {
    let close = open + text[open..].find(']')?;
    let mut out = Vec::new();
    let mut at = open + 1;
    for part in text[open + 1..close].split(',') {
        let lead = part.len() - part.trim_start().len();
        let item = part.trim();
        let start = at + lead;
        at += part.len() + 1;
        if item.is_empty() {
            continue;
        }
        out.push(unquote(item, start));
    }
    Some(out)
}

fn unquote(item: &str, start: usize) -> RuleRef {
    let q = item.len() >= 2
        && ((item.starts_with('"') && item.ends_with('"'))
            || (item.starts_with('\'') && item.ends_with('\'')));
    if q {
        RuleRef {
            id: item[1..item.len() - 1].to_string(),
            span: start + 1..start + item.len() - 1,
        }
    } else {
        RuleRef {
            id: item.to_string(),
            span: start..start + item.len(),
        }
    }
}

fn yaml_front_matter(text: &str) -> FrontMatterGalley {
    // Lines with their offsets.
    let mut lines = Vec::new();
    let mut off = 0;
    for l in text.split_inclusive('\n') {
        lines.push((off, l.trim_end_matches(['\n', '\r'])));
        off += l.len();
    }
    let Some(k) = lines.iter().position(|(_, l)| {
        l.strip_prefix("galley")
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    }) else {
        return FrontMatterGalley::Absent;
    };
    let (key_off, key_line) = lines[k];
    let key_span = key_off..key_off + "galley".len();
    let colon = key_line.find(':').unwrap_or(0);
    let rest = strip_comment(&key_line[colon + 1..]);
    let unreadable = FrontMatterGalley::Unreadable(key_span.clone());
    if rest.trim_start().starts_with('{') {
        // Flow mapping: `galley: {disable: [a, b]}`.
        let rest_off = key_off + colon + 1;
        let Some(d) = rest.find("disable") else {
            return unreadable;
        };
        let after = &rest[d + "disable".len()..];
        let Some(after_colon) = after.trim_start().strip_prefix(':') else {
            return unreadable;
        };
        let Some(open_rel) = after_colon.find('[') else {
            return unreadable;
        };
        if !after_colon[..open_rel].trim().is_empty() {
            return unreadable;
        }
        let open = rest_off + (rest.len() - after_colon.len()) + open_rel;
        return match yaml_flow_list(text, open) {
            Some(rules) => FrontMatterGalley::Disable(key_span, rules),
            None => unreadable,
        };
    }
    if !rest.trim().is_empty() {
        return unreadable;
    }
    // Block mapping: indented lines below `galley:`.
    for (i, &(off, l)) in lines.iter().enumerate().skip(k + 1) {
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let indent = l.len() - l.trim_start().len();
        if indent == 0 {
            break;
        }
        let Some(after) = l.trim_start().strip_prefix("disable") else {
            continue;
        };
        let Some(value) = after.trim_start().strip_prefix(':') else {
            continue;
        };
        let value = strip_comment(value);
        let value_off = off + (l.len() - value.len());
        let v = value.trim();
        if v.starts_with('[') {
            let open = value_off + (value.len() - value.trim_start().len());
            return match yaml_flow_list(text, open) {
                Some(rules) => FrontMatterGalley::Disable(key_span, rules),
                None => unreadable,
            };
        }
        if !v.is_empty() {
            let start = value_off + (value.len() - value.trim_start().len());
            return FrontMatterGalley::Disable(key_span, vec![unquote(v, start)]);
        }
        // Block sequence: `- rule` lines.
        let mut rules = Vec::new();
        for &(off, l) in &lines[i + 1..] {
            let t = l.trim_start();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let Some(item) = t.strip_prefix('-') else {
                break;
            };
            let item_text = strip_comment(item);
            let start =
                off + (l.len() - t.len()) + 1 + (item_text.len() - item_text.trim_start().len());
            let v = item_text.trim();
            if !v.is_empty() {
                rules.push(unquote(v, start));
            }
        }
        return FrontMatterGalley::Disable(key_span, rules);
    }
    unreadable
}

/// A YAML line without its ` # comment`.
fn strip_comment(s: &str) -> &str {
    match s.find(" #") {
        Some(at) => &s[..at],
        None => s,
    }
}

/// Drop the findings that suppressions silence and report the suppressions that silenced
/// nothing (rule `unused-suppression`). Findings stay in reading order.
pub fn apply(doc: &Document, set: &RuleSet, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let level = set.level(RULE).unwrap_or(Level::On(Severity::Warning));
    let s = Suppressions::read(doc, set);
    if s.list.is_empty() && s.problems.is_empty() {
        return diags;
    }
    // Used flags: per suppression, per rule (index `rules.len()` for "every rule").
    let mut used: Vec<Vec<bool>> = s
        .list
        .iter()
        .map(|x| vec![false; x.rules.len() + 1])
        .collect();
    let mut kept = Vec::with_capacity(diags.len());
    for d in diags {
        let mut silenced = false;
        for c in &s.covers {
            if s.covers(c, &d) {
                silenced = true;
                let slot = c.rule.unwrap_or(s.list[c.sup].rules.len());
                used[c.sup][slot] = true;
            }
        }
        if !silenced {
            kept.push(d);
        }
    }
    let Level::On(severity) = level else {
        return kept;
    };
    let mut reports = Vec::new();
    for p in &s.problems {
        let mut d = Diagnostic::new(RULE, p.span.clone(), p.message.clone());
        if let Some(h) = &p.help {
            d = d.help(h.clone());
        }
        if let Some((title, edit)) = &p.fix {
            d = d.fix(title.clone(), Applicability::Unsafe, vec![edit.clone()]);
        }
        reports.push(d);
    }
    for (i, sup) in s.list.iter().enumerate() {
        if sup.kind == Kind::Enable {
            continue;
        }
        let what = match sup.kind {
            Kind::NextLine => "the next line",
            Kind::Range => "the lines it covers",
            _ => "this file",
        };
        if sup.rules.is_empty() {
            if !used[i][0] {
                let mut d = Diagnostic::new(
                    RULE,
                    sup.span.clone(),
                    format!("this suppression silences nothing: no finding on {what}"),
                );
                if sup.kind != Kind::FrontMatter {
                    d = d.fix(
                        "remove the comment",
                        Applicability::Unsafe,
                        vec![delete_comment(doc, sup.span.clone())],
                    );
                }
                reports.push(d);
            }
            continue;
        }
        // Suppressions of `unused-suppression` itself are never reported.
        let unused: Vec<usize> = (0..sup.rules.len())
            .filter(|&r| !used[i][r] && sup.rules[r].id != RULE)
            .collect();
        if unused.is_empty() {
            continue;
        }
        let off_notes = |ids: &mut dyn Iterator<Item = &RuleRef>| -> Vec<String> {
            ids.filter(|r| s.is_off(&r.id, set))
                .map(|r| format!("`{}` is off in the configuration", r.id))
                .collect()
        };
        // Nothing in the comment is of use (a misspelt id might be meant to work once
        // corrected, so it keeps the comment): one report, offering to remove it.
        if unused.len() == sup.written && sup.kind != Kind::FrontMatter {
            let ids: Vec<RuleRef> = unused.iter().map(|&r| sup.rules[r].clone()).collect();
            let mut d = Diagnostic::new(
                RULE,
                sup.span.clone(),
                format!(
                    "this suppression silences nothing: {} {} nothing on {what}",
                    list(&ids),
                    if ids.len() == 1 { "reports" } else { "report" }
                ),
            )
            .fix(
                "remove the comment",
                Applicability::Unsafe,
                vec![delete_comment(doc, sup.span.clone())],
            );
            for n in off_notes(&mut ids.iter()) {
                d = d.note(n);
            }
            reports.push(d);
            continue;
        }
        for &r in &unused {
            let rule = &sup.rules[r];
            let mut d = Diagnostic::new(
                RULE,
                rule.span.clone(),
                format!(
                    "unused suppression: `{}` reports nothing on {what}",
                    rule.id
                ),
            )
            .fix(
                format!("remove `{}`", rule.id),
                Applicability::Unsafe,
                vec![delete_rule(&doc.source, rule.span.clone())],
            );
            for n in off_notes(&mut std::iter::once(rule)) {
                d = d.note(n);
            }
            reports.push(d);
        }
    }
    // Reports may themselves be silenced by naming the rule (`galley-disable-file
    // unused-suppression`).
    for mut d in reports {
        if s.covers.iter().any(|c| c.rule.is_some() && s.covers(c, &d)) {
            continue;
        }
        d.severity = severity;
        kept.push(d);
    }
    crate::diagnostic::sort(&mut kept);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> Vec<(String, usize)> {
        let doc = Document::parse(src);
        let diags = crate::check_document(&doc, &crate::settings::Settings::default());
        diags
            .iter()
            .map(|d| {
                (
                    d.rule.clone(),
                    doc.lines.position(&doc.source, d.range.start).0,
                )
            })
            .collect()
    }

    #[test]
    fn next_line_silences_the_next_content_line_only() {
        let src =
            "<!-- galley-disable-next-line repeated-word -->\n\nThe the cat.\n\nThe the dog.\n";
        assert_eq!(run(src), vec![("repeated-word".to_string(), 5)]);
    }

    #[test]
    fn ranges_open_and_close() {
        let src =
            "<!-- galley-disable -->\n\nThe the cat.\n\n<!-- galley-enable -->\n\nThe the dog.\n";
        assert_eq!(run(src), vec![("repeated-word".to_string(), 7)]);
    }

    #[test]
    fn enabling_one_rule_inside_an_all_rules_range() {
        let src = "<!-- galley-disable -->\n\n<!-- galley-enable repeated-word -->\n\nThe the dog (a terrier.\n";
        assert_eq!(run(src), vec![("repeated-word".to_string(), 5)]);
        let src = "<!-- galley-disable -->\n\n<!-- galley-enable repeated-word -->\n\nThe dog.\n";
        assert_eq!(run(src), vec![("unused-suppression".to_string(), 1)]);
    }

    #[test]
    fn yaml_forms() {
        for fm in [
            "galley: {disable: [repeated-word]}\n",
            "galley:\n  disable: [repeated-word]\n",
            "galley:\n  disable:\n    - repeated-word\n",
            "galley:\n  disable: \"repeated-word\"\n",
        ] {
            let src = format!("---\ntitle: A quiet day\n{fm}---\n\nThe the cat.\n");
            assert_eq!(run(&src), vec![], "{fm}");
        }
    }

    #[test]
    fn toml_forms() {
        for fm in [
            "[galley]\ndisable = [\"repeated-word\"]\n",
            "galley = { disable = [\"repeated-word\"] }\n",
        ] {
            let src = format!("+++\ntitle = \"A quiet day\"\n{fm}+++\n\nThe the cat.\n");
            assert_eq!(run(&src), vec![], "{fm}");
        }
    }

    #[test]
    fn unused_and_unknown_are_reported() {
        let src = "<!-- galley-disable-next-line repeated-wrod -->\nA calm day.\n\n<!-- galley-disable-next-line boilerplate -->\nA calm night.\n";
        let got = run(src);
        assert_eq!(
            got,
            vec![
                ("unused-suppression".to_string(), 1),
                ("unused-suppression".to_string(), 4)
            ]
        );
    }

    #[test]
    fn pack_rule_ids_are_checked() {
        let src = "<!-- galley-disable-next-line cliches/news-clichs -->\nA calm day.\n\n<!-- galley-disable-next-line nopack/anything -->\nA calm night.\n\n<!-- galley-disable-next-line cliches/news-cliches -->\nA calm week.\n";
        let doc = Document::parse(src);
        let got: Vec<(usize, String, Vec<String>)> =
            crate::check_document(&doc, &crate::settings::Settings::default())
                .into_iter()
                .map(|d| {
                    let line = doc.lines.position(&doc.source, d.range.start).0;
                    let mut extra: Vec<String> = d.help.into_iter().collect();
                    extra.extend(d.notes);
                    (line, d.message, extra)
                })
                .collect();
        assert_eq!(
            got,
            vec![
                (
                    1,
                    "unknown rule `cliches/news-clichs` in a suppression".to_string(),
                    vec!["did you mean `cliches/news-cliches`?".to_string()]
                ),
                (
                    4,
                    "unknown rule `nopack/anything` in a suppression".to_string(),
                    vec!["`galley rules` lists every rule, pack rules included".to_string()]
                ),
                (
                    7,
                    "this suppression silences nothing: `cliches/news-cliches` reports nothing on the next line"
                        .to_string(),
                    vec!["`cliches/news-cliches` is off in the configuration".to_string()]
                ),
            ]
        );
    }
}
