//! Rule packs: house-style rules written as TOML files, one rule per file, in folders.
//!
//! A folder of `*.toml` files is a pack named after the folder; a rule's id is
//! `pack/file-stem` (`house/ap-numbers`). Each file names its `kind` (one module each:
//! existence, substitution, occurrence, repetition, consistency, capitalization,
//! conditional, metric), its message, level and scope, and carries `[[test]]` cases that
//! `galley test-rules` runs. `docs/packs.md` documents every kind and key.
//!
//! - Loading: a rule file is parsed with spans, validated (every problem found, each with a
//!   caret under the offending key and a "did you mean"), then compiled once: word lists
//!   into a first-token index, regexes into one size-capped alternation.
//! - Caching: the packs of a configuration are compiled once per process ([`load`]), not per
//!   file; the built-in packs once ([`builtin`]).
//! - Running: [`run`] builds the document's units (blocks and front-matter values) once and
//!   runs every enabled pack rule on the units its scope names.
//! - Built-in packs ship inside the binary ([`builtin::FILES`]) and are off until enabled:
//!   `packs = ["builtin:wire"]`, or `[rules]` `"wire/*" = "warning"` or
//!   `"wire/numbers" = "warning"`.

mod builtin;
mod capitalization;
mod conditional;
mod consistency;
mod existence;
mod matcher;
mod metric;
mod occurrence;
mod read;
mod repetition;
mod substitution;
mod template;
mod testing;
mod units;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::settings::Item;
use crate::settings::error::{ConfigError, Problem};
use crate::settings::{Level, Settings};

pub use testing::{CaseResult, run_tests, test_rules_command};

use matcher::{Matcher, Syntax};
use read::{Fields, list, one_of_help};
use template::Template;
use units::{Scope, Unit};

/// The rule kinds, in the order the docs present them.
pub const KINDS: &[&str] = &[
    "existence",
    "substitution",
    "occurrence",
    "repetition",
    "consistency",
    "capitalization",
    "conditional",
    "metric",
];

/// Keys every rule file may use.
pub const COMMON_KEYS: &[&str] = &[
    "kind",
    "message",
    "level",
    "scope",
    "ignore-case",
    "exceptions",
    "link",
    "description",
    "test",
];

/// Keys of a `[[test]]` case.
pub const TEST_KEYS: &[&str] = &["text", "expect"];

/// The keys of one kind, besides the common ones.
pub fn kind_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "existence" => existence::KEYS,
        "substitution" => substitution::KEYS,
        "occurrence" => occurrence::KEYS,
        "repetition" => repetition::KEYS,
        "consistency" => consistency::KEYS,
        "capitalization" => capitalization::KEYS,
        "conditional" => conditional::KEYS,
        "metric" => metric::KEYS,
        _ => &[],
    }
}

/// One `[[test]]` case of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestCase {
    /// Markdown to check.
    pub text: String,
    /// The text of every span the rule must flag, in order; empty: the rule must stay silent.
    pub expect: Vec<String>,
    /// Line of the case's `text` in the rule file.
    pub line: usize,
}

/// What every kind of rule shares once compiled.
pub(crate) struct Common {
    pub id: String,
    pub message: Template,
    pub scope: Scope,
    pub link: Option<String>,
    pub ignore_case: bool,
}

impl Common {
    /// A finding with the rendered message and the style-guide link as a note.
    pub(crate) fn diag(&self, span: Range<usize>, vars: &[(&str, &str)]) -> Diagnostic {
        self.diag_with(&self.message, span, vars)
    }

    pub(crate) fn diag_with(
        &self,
        template: &Template,
        span: Range<usize>,
        vars: &[(&str, &str)],
    ) -> Diagnostic {
        let d = Diagnostic::new(self.id.clone(), span, template.render(vars));
        match &self.link {
            Some(l) => d.note(format!("see {l}")),
            None => d,
        }
    }
}

enum Kind {
    Existence(existence::Existence),
    Substitution(substitution::Substitution),
    Occurrence(occurrence::Occurrence),
    Repetition(repetition::Repetition),
    Consistency(consistency::Consistency),
    Capitalization(capitalization::Capitalization),
    Conditional(conditional::Conditional),
    Metric(metric::Metric),
}

/// One compiled pack rule.
pub struct PackRule {
    /// `pack/name`.
    pub id: String,
    pub pack: String,
    pub name: String,
    /// The rule file as shown to users (`rules/packs/wire/numbers.toml`).
    pub path: PathBuf,
    /// Shipped inside the binary (off until enabled).
    pub builtin: bool,
    /// The file's `level`: the rule's level once enabled.
    pub level: Level,
    pub kind: &'static str,
    pub description: Option<String>,
    pub link: Option<String>,
    pub tests: Vec<TestCase>,
    /// `pack/*`, the key that sets the level of the whole pack.
    pack_key: String,
    common: Common,
    compiled: Kind,
}

impl std::fmt::Debug for PackRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackRule")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("path", &self.path)
            .finish()
    }
}

impl PackRule {
    /// Run the rule on a document's units (its scope picks which), pushing findings with
    /// the default severity (the caller sets the configured one).
    pub(crate) fn check_units(&self, doc: &Document, all: &[Unit], out: &mut Vec<Diagnostic>) {
        let units: Vec<&Unit> = all
            .iter()
            .filter(|u| self.common.scope.matches(u))
            .collect();
        if units.is_empty() {
            return;
        }
        let c = &self.common;
        match &self.compiled {
            Kind::Existence(k) => k.check(c, doc, &units, out),
            Kind::Substitution(k) => k.check(c, doc, &units, out),
            Kind::Occurrence(k) => k.check(c, doc, &units, out),
            Kind::Repetition(k) => k.check(c, doc, &units, out),
            Kind::Consistency(k) => k.check(c, doc, &units, out),
            Kind::Capitalization(k) => k.check(c, doc, &units, out),
            Kind::Conditional(k) => k.check(c, doc, &units, out),
            Kind::Metric(k) => k.check(c, doc, &units, out),
        }
    }

    /// Run the rule alone on a document, whatever its level; findings in reading order.
    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let units = units::units(doc, self.common.scope.wants_front_matter());
        let mut out = Vec::new();
        self.check_units(doc, &units, &mut out);
        crate::diagnostic::sort(&mut out);
        out
    }
}

/// What a kind's compiler reads and reports into.
pub(crate) struct KindCx<'a, 'i> {
    pub fields: &'a Fields<'a, 'i>,
    pub problems: Vec<Problem>,
    pub ignore_case: bool,
    pub regex: bool,
    pub exceptions: Vec<Item>,
    pub message: Option<Item>,
    /// The `kind` value, where problems about missing keys point.
    pub kind_span: Range<usize>,
}

impl<'a, 'i> KindCx<'a, 'i> {
    /// A key this kind of rule requires; when it is absent, the problem says so (`message`)
    /// and how to add it (`help`).
    pub(crate) fn required(
        &mut self,
        key: &str,
        message: &str,
        help: String,
    ) -> Option<&'a read::Value<'i>> {
        let v = self.fields.get(key);
        if v.is_none() {
            self.missing(message.to_string(), help);
        }
        v
    }

    /// A required table (`[key]`), with the value it was read from; `what` names what it
    /// holds, for a wrong type.
    pub(crate) fn required_table(
        &mut self,
        key: &str,
        message: &str,
        help: &str,
        what: &str,
    ) -> Option<(&'a read::Value<'i>, &'a DeTable<'i>)> {
        let v = self.required(key, message, help.to_string())?;
        let Some(table) = v.get_ref().as_table() else {
            self.problems.push(read::wrong_type(v, key, what));
            return None;
        };
        Some((v, table))
    }

    /// An optional list of strings.
    pub(crate) fn strings(&mut self, key: &str) -> Option<Vec<Item>> {
        let v = self.fields.get(key)?;
        Some(read::strings(v, key, &mut self.problems))
    }

    pub(crate) fn missing(&mut self, message: String, help: String) {
        self.problems.push(
            Problem::new(
                self.kind_span.clone(),
                message,
                "required by this kind of rule",
            )
            .help(Some(help)),
        );
    }

    /// The `tokens` (words, or regexes on word boundaries with `regex = true`) and
    /// `patterns` (regexes as written) of a rule, at least one of them non-empty.
    pub(crate) fn entries(&mut self, kind: &str) -> Option<Matcher> {
        let tokens = self.strings("tokens").unwrap_or_default();
        let patterns = self.strings("patterns").unwrap_or_default();
        if tokens.is_empty() && patterns.is_empty() {
            if self.fields.get("tokens").is_none() && self.fields.get("patterns").is_none() {
                self.missing(
                    format!("a `{kind}` rule needs `tokens` or `patterns`"),
                    "add `tokens = [\"word\", \"a phrase\"]` or `patterns = ['\\bregex\\b']`"
                        .to_string(),
                );
            } else if let Some(v) = self.fields.get("tokens").or(self.fields.get("patterns")) {
                self.problems.push(Problem::new(
                    v.span(),
                    "the list of entries is empty",
                    "nothing to match",
                ));
            }
            return None;
        }
        let mut m = Matcher::new(self.ignore_case);
        let syntax = if self.regex {
            Syntax::BoundedRegex
        } else {
            Syntax::Words
        };
        m.add(&tokens, 0, syntax, "tokens", &mut self.problems);
        m.add(
            &patterns,
            tokens.len(),
            Syntax::Regex,
            "patterns",
            &mut self.problems,
        );
        Some(m)
    }

    /// The `exceptions`, read the way the rule's entries are.
    pub(crate) fn exceptions_matcher(&mut self) -> Matcher {
        let items = self.exceptions.clone();
        matcher::exceptions(&items, self.regex, self.ignore_case, &mut self.problems)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .unwrap_or("")
        .matches('\n')
        .count()
        + 1
}

fn unknown_key(key: &str, span: Range<usize>, allowed: &[&str], place: &str) -> Problem {
    let help = match crate::settings::suggest(key, allowed.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => match KINDS.iter().find(|k| kind_keys(k).contains(&key)) {
            Some(k) => format!("`{key}` is a key of `{k}` rules"),
            None => format!("the keys are {}", list(allowed)),
        },
    };
    Problem::new(
        span,
        format!("unknown key `{key}` {place}"),
        "not a known key",
    )
    .help(Some(help))
}

fn test_cases(fields: &Fields, text: &str, out: &mut Vec<Problem>) -> Vec<TestCase> {
    let Some(v) = fields.get("test") else {
        return Vec::new();
    };
    let Some(array) = v.get_ref().as_array() else {
        out.push(read::wrong_type(v, "test", "an array of tables").help(Some(
            "write each case as `[[test]]` (two brackets) with `text` and `expect`".into(),
        )));
        return Vec::new();
    };
    let mut cases = Vec::new();
    for case in array.iter() {
        let Some(table) = case.get_ref().as_table() else {
            out.push(read::wrong_type(case, "test", "a table"));
            continue;
        };
        let f = Fields::new(table);
        for (k, span) in f.keys() {
            if !TEST_KEYS.contains(&k) {
                out.push(unknown_key(k, span, TEST_KEYS, "in `[[test]]`"));
            }
        }
        let text_item = f.get("text").and_then(|v| read::string(v, "text", out));
        let expect =
            f.get("expect").map(|v| {
                if v.get_ref().is_str() {
                    out.push(read::wrong_type(v, "expect", "an array of strings").help(Some(
                    "write `expect = [\"flagged words\"]`, or `expect = []` for text the rule \
                     must leave alone"
                        .into(),
                )));
                    return Vec::new();
                }
                read::strings(v, "expect", out)
            });
        if text_item.is_none() && f.get("text").is_none() {
            out.push(Problem::new(
                case.span(),
                "a `[[test]]` case has no `text`",
                "what should the rule read?",
            ));
        }
        if expect.is_none() {
            out.push(
                Problem::new(
                    case.span(),
                    "a `[[test]]` case has no `expect`",
                    "what should the rule flag?",
                )
                .help(Some(
                    "list the flagged spans, or write `expect = []` for text the rule must \
                     leave alone"
                        .into(),
                )),
            );
        }
        if let (Some(t), Some(e)) = (text_item, expect) {
            cases.push(TestCase {
                line: line_of(text, t.span.start),
                text: t.value,
                expect: e.into_iter().map(|i| i.value).collect(),
            });
        }
    }
    cases
}

/// Whether a pack or rule name can be part of a rule id.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Parse, validate and compile one rule file. `path` is how errors name the file.
pub fn compile_rule(
    pack: &str,
    name: &str,
    text: &str,
    path: &Path,
    builtin: bool,
) -> Result<PackRule, Vec<ConfigError>> {
    let source: Arc<str> = Arc::from(text);
    let wrap = |mut problems: Vec<Problem>| -> Vec<ConfigError> {
        problems.sort_by_key(|p| (p.span.start, p.span.end));
        problems
            .into_iter()
            .map(|problem| ConfigError {
                path: path.to_path_buf(),
                source: Some(source.clone()),
                problem,
            })
            .collect()
    };
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(wrap(
            errors
                .iter()
                .map(|e| {
                    let span = e.span().unwrap_or(0..0);
                    let message = e.message().trim();
                    let (head, rest) = message.split_once('\n').unwrap_or((message, ""));
                    Problem::new(span, format!("invalid TOML: {head}"), rest.trim())
                })
                .collect(),
        ));
    }
    let fields = Fields::new(table.get_ref());
    let mut out = Vec::new();

    let kind: Option<&'static str> = match fields.get("kind") {
        Some(v) => read::choice(v, "kind", KINDS, &mut out),
        None => {
            out.push(
                Problem::new(0..0, "a rule file needs a `kind`", "no `kind` in this file")
                    .help(Some(format!("the kinds are {}", list(KINDS)))),
            );
            None
        }
    };
    let kind_span = fields.key_span("kind").map_or(0..0, |k| {
        k.start..fields.get("kind").map_or(k.end, |v| v.span().end)
    });
    if let Some(kind) = kind {
        let own = kind_keys(kind);
        let allowed: Vec<&str> = COMMON_KEYS.iter().chain(own).copied().collect();
        for (k, span) in fields.keys() {
            if !allowed.contains(&k) {
                out.push(unknown_key(k, span, &allowed, "in a rule file"));
            }
        }
    }

    let message = fields
        .get("message")
        .and_then(|v| read::string(v, "message", &mut out));
    let level = match fields.get("level") {
        Some(v) => read::choice(v, "level", Level::NAMES, &mut out)
            .and_then(Level::parse)
            .unwrap_or(Level::Off),
        None => Level::On(crate::diagnostic::Severity::Warning),
    };
    let ignore_case = fields
        .get("ignore-case")
        .and_then(|v| read::boolean(v, "ignore-case", &mut out));
    let regex = fields
        .get("regex")
        .and_then(|v| read::boolean(v, "regex", &mut out))
        .unwrap_or(false);
    let scope = fields
        .get("scope")
        .map(|v| Scope::parse(&read::strings(v, "scope", &mut out), &mut out));
    let exceptions = fields
        .get("exceptions")
        .map(|v| read::strings(v, "exceptions", &mut out))
        .unwrap_or_default();
    let link = fields
        .get("link")
        .and_then(|v| read::string(v, "link", &mut out))
        .map(|i| i.value);
    let description = fields
        .get("description")
        .and_then(|v| read::string(v, "description", &mut out))
        .map(|i| i.value);
    let tests = test_cases(&fields, text, &mut out);
    if fields.get("test").is_none() {
        out.push(
            Problem::new(
                kind_span.clone(),
                "this rule has no `[[test]]` cases",
                "every rule carries its own tests",
            )
            .help(Some(
                "add `[[test]]` with `text = \"...\"` and `expect = [\"flagged words\"]`".into(),
            )),
        );
    }

    let Some(kind) = kind else {
        return Err(wrap(out));
    };
    let mut cx = KindCx {
        fields: &fields,
        problems: out,
        ignore_case: ignore_case.unwrap_or(kind != "conditional"),
        regex,
        exceptions,
        message: message.clone(),
        kind_span,
    };
    let (compiled, placeholders, default_message, default_scope) = match kind {
        "existence" => (
            existence::compile(&mut cx).map(Kind::Existence),
            existence::PLACEHOLDERS,
            existence::MESSAGE,
            Scope::prose(),
        ),
        "substitution" => (
            substitution::compile(&mut cx).map(Kind::Substitution),
            substitution::PLACEHOLDERS,
            substitution::MESSAGE,
            Scope::prose(),
        ),
        "occurrence" => (
            occurrence::compile(&mut cx).map(Kind::Occurrence),
            occurrence::PLACEHOLDERS,
            occurrence::MESSAGE,
            Scope::prose(),
        ),
        "repetition" => (
            repetition::compile(&mut cx).map(Kind::Repetition),
            repetition::PLACEHOLDERS,
            repetition::MESSAGE,
            Scope::prose(),
        ),
        "consistency" => (
            consistency::compile(&mut cx).map(Kind::Consistency),
            consistency::PLACEHOLDERS,
            consistency::MESSAGE,
            Scope::prose(),
        ),
        "capitalization" => (
            capitalization::compile(&mut cx).map(Kind::Capitalization),
            capitalization::PLACEHOLDERS,
            capitalization::MESSAGE,
            Scope::headings(),
        ),
        "conditional" => (
            conditional::compile(&mut cx).map(Kind::Conditional),
            conditional::PLACEHOLDERS,
            conditional::MESSAGE,
            Scope::prose(),
        ),
        _ => {
            let m = metric::compile(&mut cx);
            let default = m.as_ref().map_or(metric::MESSAGE, |m| m.default_message());
            (
                m.map(Kind::Metric),
                metric::PLACEHOLDERS,
                default,
                Scope::prose(),
            )
        }
    };
    let mut out = cx.problems;
    let template = Template::compile(
        message.as_ref(),
        default_message,
        placeholders,
        kind,
        &mut out,
    );
    if !out.is_empty() {
        return Err(wrap(out));
    }
    let Some(compiled) = compiled else {
        return Err(wrap(vec![Problem::new(
            0..0,
            "this rule could not be compiled",
            "",
        )]));
    };
    let id = format!("{pack}/{name}");
    Ok(PackRule {
        common: Common {
            id: id.clone(),
            message: template,
            scope: scope.unwrap_or(default_scope),
            link: link.clone(),
            ignore_case: ignore_case.unwrap_or(kind != "conditional"),
        },
        pack_key: format!("{pack}/*"),
        id,
        pack: pack.to_string(),
        name: name.to_string(),
        path: path.to_path_buf(),
        builtin,
        level,
        kind,
        description,
        link,
        tests,
        compiled,
    })
}

/// How a path is shown: relative to the current folder when under it.
fn display_path(path: &Path) -> PathBuf {
    let abs = crate::discover::normalize(path);
    match std::env::current_dir() {
        Ok(cwd) => abs
            .strip_prefix(crate::discover::normalize(&cwd))
            .map(Path::to_path_buf)
            .unwrap_or(abs),
        Err(_) => abs,
    }
}

fn toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Load one pack folder (its `*.toml` files), named after the folder.
fn load_pack(dir: &Path, rules: &mut Vec<PackRule>, errors: &mut Vec<ConfigError>) {
    let shown = display_path(dir);
    let pack = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !valid_name(&pack) {
        errors.push(ConfigError::whole_file(
            &shown,
            format!(
                "`{pack}` cannot name a pack: use letters, digits, `-` and `_` (rule ids are \
                 `pack/rule`)"
            ),
        ));
        return;
    }
    let files = match toml_files(dir) {
        Ok(f) => f,
        Err(e) => {
            errors.push(ConfigError::whole_file(
                &shown,
                format!("cannot read: {}", crate::discover::io_message(&e)),
            ));
            return;
        }
    };
    for file in files {
        let shown_file = display_path(&file);
        let name = file
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !valid_name(&name) {
            errors.push(ConfigError::whole_file(
                &shown_file,
                format!(
                    "`{name}` cannot name a rule: use letters, digits, `-` and `_` in rule \
                     file names"
                ),
            ));
            continue;
        }
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                errors.push(ConfigError::whole_file(
                    &shown_file,
                    format!("cannot read: {}", crate::discover::io_message(&e)),
                ));
                continue;
            }
        };
        match compile_rule(&pack, &name, &text, &shown_file, false) {
            Ok(r) => rules.push(r),
            Err(e) => errors.extend(e),
        }
    }
}

/// Load the packs in a folder: the folder itself when it holds `*.toml` files, and each
/// sub-folder that holds some (so both `rules/house` and `rules/packs` work).
pub fn load_dir(dir: &Path) -> (Vec<PackRule>, Vec<ConfigError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    let shown = display_path(dir);
    let own = match toml_files(dir) {
        Ok(f) => !f.is_empty(),
        Err(e) => {
            errors.push(ConfigError::whole_file(
                &shown,
                format!("cannot read: {}", crate::discover::io_message(&e)),
            ));
            return (rules, errors);
        }
    };
    if own {
        load_pack(dir, &mut rules, &mut errors);
    }
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .filter(|p| toml_files(p).is_ok_and(|f| !f.is_empty()))
                .collect()
        })
        .unwrap_or_default();
    subdirs.sort();
    for sub in &subdirs {
        load_pack(sub, &mut rules, &mut errors);
    }
    if !own && subdirs.is_empty() && errors.is_empty() {
        errors.push(ConfigError::whole_file(
            &shown,
            "no rule files here: a pack is a folder of `*.toml` rule files",
        ));
    }
    (rules, errors)
}

/// The built-in rules, compiled once. A problem in one is a bug that the tests catch; at
/// run time such a rule is left out.
pub fn builtin() -> &'static [PackRule] {
    &builtin_compiled().0
}

/// Problems in the built-in packs (empty in a correct build).
pub fn builtin_errors() -> &'static [ConfigError] {
    &builtin_compiled().1
}

fn builtin_compiled() -> &'static (Vec<PackRule>, Vec<ConfigError>) {
    static BUILTIN: OnceLock<(Vec<PackRule>, Vec<ConfigError>)> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for (file, text) in builtin::FILES {
            let (pack, rest) = file.split_once('/').unwrap_or(("", file));
            let name = rest.strip_suffix(".toml").unwrap_or(rest);
            let path = Path::new("rules/packs").join(file);
            match compile_rule(pack, name, text, &path, true) {
                Ok(r) => rules.push(r),
                Err(e) => errors.extend(e),
            }
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        (rules, errors)
    })
}

/// The names of the built-in packs.
pub fn builtin_packs() -> Vec<&'static str> {
    let mut names: Vec<&str> = builtin::FILES
        .iter()
        .filter_map(|(f, _)| f.split_once('/').map(|(p, _)| p))
        .collect();
    names.dedup();
    names
}

/// `builtin:NAME` in a `packs` list (as written, or joined to a configuration's folder).
pub fn builtin_ref(path: &Path) -> Option<&str> {
    let s = path.to_str()?;
    if let Some(name) = s.strip_prefix("builtin:") {
        return Some(name);
    }
    path.file_name()?.to_str()?.strip_prefix("builtin:")
}

/// The packs of one configuration, compiled.
pub struct Loaded {
    /// Rules from the configured folders.
    pub rules: Vec<PackRule>,
    /// Built-in packs enabled by `builtin:NAME`.
    pub enabled: HashSet<String>,
    /// Built-in packs replaced by a configured pack of the same name.
    pub shadowed: HashSet<String>,
    pub errors: Vec<ConfigError>,
}

impl Loaded {
    /// Compile the packs of a `packs` list (see [`Cache`] to compile each list once).
    pub fn new(folders: &[PathBuf]) -> Loaded {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        let mut enabled = HashSet::new();
        let known = builtin_packs();
        for f in folders {
            if let Some(name) = builtin_ref(f) {
                if known.contains(&name) {
                    enabled.insert(name.to_string());
                } else {
                    errors.push(ConfigError::whole_file(
                        Path::new(&format!("builtin:{name}")),
                        format!("no built-in pack `{name}`; {}", one_of_help(name, &known)),
                    ));
                }
                continue;
            }
            let (r, e) = load_dir(f);
            rules.extend(r);
            errors.extend(e);
        }
        // A pack name given twice would give two rules one id.
        let mut seen: HashMap<&str, &Path> = HashMap::new();
        let mut dup = Vec::new();
        for r in &rules {
            let dir = r.path.parent().unwrap_or(Path::new(""));
            match seen.get(r.pack.as_str()) {
                Some(d) if *d != dir => dup.push(ConfigError::whole_file(
                    dir,
                    format!(
                        "pack `{}` is also defined in {}; pack names must be unique",
                        r.pack,
                        d.display()
                    ),
                )),
                Some(_) => {}
                None => {
                    seen.insert(&r.pack, dir);
                }
            }
        }
        dup.dedup_by(|a, b| a.path == b.path);
        errors.extend(dup);
        let shadowed = rules
            .iter()
            .map(|r| r.pack.clone())
            .filter(|p| known.contains(&p.as_str()))
            .collect();
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Loaded {
            rules,
            enabled,
            shadowed,
            errors,
        }
    }

    /// Every rule this configuration can run: built-in (unless shadowed) and configured.
    pub fn all_rules(&self) -> impl Iterator<Item = &PackRule> {
        builtin()
            .iter()
            .filter(|r| !self.shadowed.contains(&r.pack))
            .chain(&self.rules)
    }
}

/// Compiled packs by `packs` list, so that each list is compiled once per run. Owned by
/// whoever resolves configurations (see [`crate::config::Resolver`]); nothing is cached
/// process-wide.
#[derive(Default)]
pub struct Cache {
    compiled: HashMap<Vec<PathBuf>, Arc<Loaded>>,
}

impl Cache {
    /// The compiled packs of `folders`, and whether they were compiled by this call (so
    /// that their errors are reported once).
    pub fn get(&mut self, folders: &[PathBuf]) -> (Arc<Loaded>, bool) {
        if let Some(l) = self.compiled.get(folders) {
            return (l.clone(), false);
        }
        let l = Arc::new(Loaded::new(folders));
        self.compiled.insert(folders.to_vec(), l.clone());
        (l, true)
    }
}

/// A pack rule's level under a configuration: `[rules]` by id, then `pack/*`, then the
/// file's level (built-in packs: off unless enabled with `builtin:NAME`).
pub fn level_of(rule: &PackRule, settings: &Settings, enabled: &HashSet<String>) -> Level {
    if let Some(l) = settings.levels.get(&rule.id) {
        return *l;
    }
    if let Some(l) = settings.levels.get(&rule.pack_key) {
        return *l;
    }
    if rule.builtin && !enabled.contains(&rule.pack) {
        Level::Off
    } else {
        rule.level
    }
}

/// Run pack rules on a document with the severities given, appending their findings.
pub fn run(doc: &Document, active: &[(&PackRule, Severity)], out: &mut Vec<Diagnostic>) {
    if active.is_empty() {
        return;
    }
    let fm = active
        .iter()
        .any(|(r, _)| r.common.scope.wants_front_matter());
    let units = units::units(doc, fm);
    for &(rule, severity) in active {
        let start = out.len();
        rule.check_units(doc, &units, out);
        for d in &mut out[start..] {
            d.severity = severity;
        }
    }
}

#[cfg(test)]
mod tests;
