//! One `galley.toml`: parsed with spans, validated (every problem found, not just the first),
//! then compiled once into a [`Config`] layer that settings are built from.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Dialect, Level, Settings, Style, known_rule, rule_suggestion, suggest};
use crate::diagnostic::Severity;
use crate::packs;
use crate::settings::error::{ConfigError, Problem};
use crate::settings::value::{Item, Value, a_type, wrong_type};

/// The name galley looks for, walking up from each checked file's folder.
pub const CONFIG_FILE_NAME: &str = "galley.toml";

/// Every top-level key of `galley.toml`. `docs/configuration.md` documents each (a test
/// keeps the two in step).
pub const KEYS: &[&str] = &[
    "dialect",
    "exclude",
    "fail-on",
    "max-file-size",
    "overrides",
    "packs",
    "rules",
    "style",
    "vocabulary",
    "vocabulary-files",
];

/// Every key of an `[[overrides]]` entry.
pub const OVERRIDE_KEYS: &[&str] = &["dialect", "files", "rules", "style"];

/// A rule level set in a `rules` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleLevel {
    pub rule: String,
    pub level: Level,
    /// Where the rule id is written.
    pub span: Range<usize>,
}

/// One `[[overrides]]` entry, validated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawOverride {
    pub files: Vec<Item>,
    pub rules: Vec<RuleLevel>,
    pub dialect: Option<Dialect>,
    pub style: Option<Style>,
}

/// A validated `galley.toml`, before anything on disk is touched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawConfig {
    pub dialect: Option<Dialect>,
    pub style: Option<Style>,
    pub fail_on: Option<Severity>,
    pub max_file_size: Option<u64>,
    pub rules: Vec<RuleLevel>,
    pub packs: Vec<Item>,
    pub vocabulary: Vec<String>,
    pub vocabulary_files: Vec<Item>,
    pub exclude: Vec<Item>,
    pub overrides: Vec<RawOverride>,
}

fn string<'a>(v: &'a Value, key: &str, out: &mut Vec<Problem>) -> Option<&'a str> {
    match v.get_ref().as_str() {
        Some(s) => Some(s),
        None => {
            out.push(wrong_type(v, key, "a string"));
            None
        }
    }
}

fn one_of_help(unknown: &str, names: &[&str]) -> Option<String> {
    match suggest(unknown, names.iter().copied()) {
        Some(s) => Some(format!("did you mean `{s}`?")),
        None => Some(format!("expected one of {}", code_list(names, ""))),
    }
}

/// "`a`, `b`, `c`", each name after `prefix`.
fn code_list(names: &[&str], prefix: &str) -> String {
    names
        .iter()
        .map(|n| format!("`{prefix}{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn dialect(v: &Value, key: &str, out: &mut Vec<Problem>) -> Option<Dialect> {
    let s = string(v, key, out)?;
    if let Some(d) = Dialect::parse(s) {
        return Some(d);
    }
    let help = if s.eq_ignore_ascii_case("en-uk") {
        Some("British English is `en-GB`".to_string())
    } else {
        one_of_help(s, Dialect::NAMES)
    };
    out.push(
        Problem::new(
            v.span(),
            format!("unknown dialect `{s}`"),
            "not a dialect galley knows",
        )
        .help(help),
    );
    None
}

fn style(v: &Value, key: &str, out: &mut Vec<Problem>) -> Option<Style> {
    let s = string(v, key, out)?;
    if let Some(st) = Style::parse(s) {
        return Some(st);
    }
    out.push(
        Problem::new(
            v.span(),
            format!("unknown style `{s}`"),
            "not a style galley knows",
        )
        .help(one_of_help(s, Style::NAMES)),
    );
    None
}

fn severity(v: &Value, key: &str, out: &mut Vec<Problem>) -> Option<Severity> {
    let s = string(v, key, out)?;
    if let Some(sev) = Severity::parse(s) {
        return Some(sev);
    }
    let names = &["error", "warning", "info"];
    out.push(
        Problem::new(
            v.span(),
            format!("unknown severity `{s}` for `{key}`"),
            "not a severity",
        )
        .help(one_of_help(s, names)),
    );
    None
}

fn size(v: &Value, key: &str, out: &mut Vec<Problem>) -> Option<u64> {
    let bad = |out: &mut Vec<Problem>, label: &str| {
        out.push(
            Problem::new(v.span(), format!("bad value for `{key}`"), label).help(Some(
                "write a number of bytes (`1048576`) or a size with a unit (`\"1 MiB\"`, \
                 `\"500 KB\"`)"
                    .to_string(),
            )),
        );
        None
    };
    match v.get_ref() {
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|&c| c != '_').collect();
            match u64::from_str_radix(digits.trim_start_matches('+'), i.radix()) {
                Ok(0) | Err(_) => bad(out, "expected a positive number of bytes"),
                Ok(n) => Some(n),
            }
        }
        DeValue::String(s) => match parse_size(s) {
            Some(n) if n > 0 => Some(n),
            _ => bad(out, "not a size galley understands"),
        },
        other => {
            let found = format!("expected a number of bytes, found {}", a_type(other));
            bad(out, &found)
        }
    }
}

/// "2 MiB", "500KB", "1048576" → bytes.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '_'))
        .unwrap_or(s.len());
    let digits: String = s[..split].chars().filter(|&c| c != '_').collect();
    let n: u64 = digits.parse().ok()?;
    let unit = s[split..].trim().to_ascii_lowercase();
    let mult: u64 = match unit.as_str() {
        "" | "b" | "bytes" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(mult)
}

fn rules_table(v: &Value, key: &str, place: &str, out: &mut Vec<Problem>) -> Vec<RuleLevel> {
    let Some(table) = v.get_ref().as_table() else {
        out.push(wrong_type(v, key, "a table of rule levels"));
        return Vec::new();
    };
    let mut levels = Vec::new();
    for (k, val) in table.iter() {
        let id = k.get_ref().as_ref();
        if !known_rule(id) {
            let help = rule_suggestion(id).or_else(|| {
                Some("`galley rules` lists every rule; rule-pack rules are `pack/name`".into())
            });
            out.push(
                Problem::new(
                    k.span(),
                    format!("unknown rule `{id}` in {place}"),
                    "not a rule galley knows",
                )
                .help(help),
            );
            continue;
        }
        let Some(s) = string(val, id, out) else {
            continue;
        };
        match Level::parse(s) {
            Some(level) => levels.push(RuleLevel {
                rule: id.to_string(),
                level,
                span: k.span(),
            }),
            None => out.push(
                Problem::new(
                    val.span(),
                    format!("unknown level `{s}` for rule `{id}`"),
                    "not a level",
                )
                .help(one_of_help(s, Level::NAMES)),
            ),
        }
    }
    levels
}

/// Check a glob the way it will be compiled.
fn glob_problem(item: &Item, key: &str) -> Option<Problem> {
    let mut b = GitignoreBuilder::new("/");
    b.allow_unclosed_class(false);
    let err = b.add_line(None, &item.value).err()?;
    let why = match err {
        ignore::Error::Glob { err, .. } => err,
        other => other.to_string(),
    };
    Some(
        Problem::new(item.span.clone(), format!("bad glob in `{key}`"), why).help(Some(
            "globs follow .gitignore rules: `*` within a folder, `**` across folders, \
             `{a,b}` for either"
                .to_string(),
        )),
    )
}

fn globs(v: &Value, key: &str, out: &mut Vec<Problem>) -> Vec<Item> {
    let items = crate::settings::value::strings(v, key, false, out);
    items
        .into_iter()
        .filter(|item| match glob_problem(item, key) {
            Some(p) => {
                out.push(p);
                false
            }
            None => true,
        })
        .collect()
}

fn unknown_key(k: &Spanned<std::borrow::Cow<str>>, keys: &[&str], place: &str) -> Problem {
    let name = k.get_ref().as_ref();
    let help = match suggest(name, keys.iter().copied()) {
        Some(s) => Some(format!("did you mean `{s}`?")),
        None if known_rule(name) && !name.contains('/') => Some(format!(
            "rule levels go in a `rules` table: `[rules]` then `{name} = \"warning\"`"
        )),
        None => Some(format!(
            "the keys are {}",
            keys.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    Problem::new(
        k.span(),
        format!("unknown key `{name}` {place}"),
        "not a known key",
    )
    .help(help)
}

fn override_entry(v: &Value, out: &mut Vec<Problem>) -> Option<RawOverride> {
    let Some(table) = v.get_ref().as_table() else {
        out.push(wrong_type(v, "overrides", "an array of tables"));
        return None;
    };
    let mut o = RawOverride::default();
    let mut has_files = false;
    for (k, val) in table.iter() {
        match k.get_ref().as_ref() {
            "files" => {
                has_files = true;
                o.files = globs(val, "files", out);
                if val.get_ref().as_array().is_some_and(|a| a.is_empty()) {
                    out.push(Problem::new(
                        val.span(),
                        "`files` is empty",
                        "this override would apply to no file",
                    ));
                }
            }
            "rules" => o.rules = rules_table(val, "rules", "the override's `rules`", out),
            "dialect" => o.dialect = dialect(val, "dialect", out),
            "style" => o.style = style(val, "style", out),
            _ => out.push(unknown_key(k, OVERRIDE_KEYS, "in `[[overrides]]`")),
        }
    }
    if !has_files {
        out.push(
            Problem::new(
                v.span(),
                "an `[[overrides]]` entry has no `files`",
                "which files does this apply to?",
            )
            .help(Some("add `files = [\"content/opinion/**\"]`".to_string())),
        );
    }
    Some(o)
}

/// Parse and validate the text of a `galley.toml`. Every problem is reported, each with its
/// span, so a user fixes them in one pass.
pub fn parse(text: &str) -> Result<RawConfig, Vec<Problem>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim();
                let (head, rest) = message.split_once('\n').unwrap_or((message, ""));
                Problem::new(span, format!("invalid TOML: {head}"), rest.trim())
            })
            .collect());
    }
    let mut out = Vec::new();
    let mut raw = RawConfig::default();
    for (k, v) in table.get_ref().iter() {
        let key = k.get_ref().as_ref();
        match key {
            "dialect" => raw.dialect = dialect(v, key, &mut out),
            "style" => raw.style = style(v, key, &mut out),
            "fail-on" => raw.fail_on = severity(v, key, &mut out),
            "max-file-size" => raw.max_file_size = size(v, key, &mut out),
            "rules" => raw.rules = rules_table(v, key, "`[rules]`", &mut out),
            "packs" => raw.packs = crate::settings::value::strings(v, key, false, &mut out),
            "vocabulary" => {
                raw.vocabulary = crate::settings::value::strings(v, key, false, &mut out)
                    .into_iter()
                    .map(|i| i.value.trim().to_string())
                    .filter(|w| !w.is_empty())
                    .collect();
            }
            "vocabulary-files" => {
                raw.vocabulary_files = crate::settings::value::strings(v, key, false, &mut out)
            }
            "exclude" => raw.exclude = globs(v, key, &mut out),
            "overrides" => match v.get_ref() {
                DeValue::Array(entries) => {
                    raw.overrides = entries
                        .iter()
                        .filter_map(|e| override_entry(e, &mut out))
                        .collect();
                }
                DeValue::Table(_) => out.push(
                    Problem::new(
                        k.span(),
                        "`overrides` must be an array of tables",
                        "a single table",
                    )
                    .help(Some(
                        "write each entry as `[[overrides]]` (two brackets)".to_string(),
                    )),
                ),
                _ => out.push(wrong_type(v, key, "an array of tables")),
            },
            _ => out.push(unknown_key(k, KEYS, "in galley.toml")),
        }
    }
    if out.is_empty() {
        Ok(raw)
    } else {
        out.sort_by_key(|p| (p.span.start, p.span.end));
        Err(out)
    }
}

/// Files an override applies to.
#[derive(Clone, Debug)]
pub struct Override {
    matcher: Gitignore,
    pub levels: Vec<RuleLevel>,
    pub dialect: Option<Dialect>,
    pub style: Option<Style>,
}

impl Override {
    /// Apply this override's settings on top of `s`.
    pub fn apply(&self, s: &mut Settings) {
        for r in &self.levels {
            s.levels.insert(r.rule.clone(), r.level);
        }
        if let Some(d) = self.dialect {
            s.dialect = Some(d);
        }
        if let Some(st) = self.style {
            s.style = st;
        }
    }
}

/// One configuration file, compiled: globs built, word lists read, folders resolved.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file, as shown to users.
    pub display: PathBuf,
    /// The folder its relative paths and globs start from (absolute).
    pub root: PathBuf,
    pub dialect: Option<Dialect>,
    pub style: Option<Style>,
    pub fail_on: Option<Severity>,
    pub max_file_size: Option<u64>,
    pub levels: Vec<RuleLevel>,
    pub vocabulary: HashSet<String>,
    pub packs: Vec<PathBuf>,
    exclude: Option<Gitignore>,
    pub overrides: Vec<Override>,
}

fn matcher(root: &Path, items: &[Item]) -> Gitignore {
    let mut b = GitignoreBuilder::new(root);
    b.allow_unclosed_class(false);
    for item in items {
        // Validated while parsing.
        let _ = b.add_line(None, &item.value);
    }
    b.build().unwrap_or_else(|_| Gitignore::empty())
}

fn is_match(m: &Gitignore, root: &Path, file: &Path) -> bool {
    // `matched_path_or_any_parents` requires a path under the root.
    file.starts_with(root) && file != root && m.matched_path_or_any_parents(file, false).is_ignore()
}

impl Config {
    /// Read, validate and compile a configuration file. `path` must be absolute; `display`
    /// is how errors name it.
    pub fn load(path: &Path, display: &Path) -> Result<Config, Vec<ConfigError>> {
        Config::load_with(path, display, &mut packs::Cache::default())
    }

    /// [`Config::load`], compiling the packs it names (to check its rule ids against them)
    /// through `cache`.
    pub fn load_with(
        path: &Path,
        display: &Path,
        cache: &mut packs::Cache,
    ) -> Result<Config, Vec<ConfigError>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![ConfigError::whole_file(
                display,
                format!("cannot read: {}", crate::discover::io_message(&e)),
            )]
        })?;
        let root = path.parent().unwrap_or(Path::new("/"));
        Config::from_str_with(&text, root, display, cache)
    }

    /// Validate and compile configuration text whose relative paths start at `root`.
    pub fn from_str(text: &str, root: &Path, display: &Path) -> Result<Config, Vec<ConfigError>> {
        Config::from_str_with(text, root, display, &mut packs::Cache::default())
    }

    /// [`Config::from_str`], compiling the packs it names through `cache`.
    pub fn from_str_with(
        text: &str,
        root: &Path,
        display: &Path,
        cache: &mut packs::Cache,
    ) -> Result<Config, Vec<ConfigError>> {
        let source: Arc<str> = Arc::from(text);
        let wrap = |problems: Vec<Problem>| -> Vec<ConfigError> {
            problems
                .into_iter()
                .map(|problem| ConfigError {
                    path: display.to_path_buf(),
                    source: Some(source.clone()),
                    problem,
                })
                .collect()
        };
        let raw = parse(text).map_err(wrap)?;
        Config::compile(raw, root, display, cache).map_err(wrap)
    }

    /// Touch the disk: read vocabulary files, resolve pack folders, build globs.
    pub fn compile(
        raw: RawConfig,
        root: &Path,
        display: &Path,
        cache: &mut packs::Cache,
    ) -> Result<Config, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut vocabulary: HashSet<String> = raw.vocabulary.into_iter().collect();
        for item in &raw.vocabulary_files {
            let path = root.join(&item.value);
            match std::fs::read_to_string(&path) {
                Ok(text) => vocabulary.extend(words_of_list(&text)),
                Err(e) => problems.push(Problem::new(
                    item.span.clone(),
                    format!("cannot read vocabulary file `{}`", item.value),
                    crate::discover::io_message(&e),
                )),
            }
        }
        let mut packs = Vec::new();
        for item in &raw.packs {
            if let Some(name) = item.value.strip_prefix("builtin:") {
                let known = packs::builtin_packs();
                if known.contains(&name) {
                    packs.push(std::path::PathBuf::from(&item.value));
                } else {
                    problems.push(
                        Problem::new(
                            item.span.clone(),
                            format!("no built-in pack `{name}`"),
                            "unknown built-in pack",
                        )
                        .help(Some(
                            match super::suggest(name, known.iter().copied()) {
                                Some(s) => format!("did you mean `builtin:{s}`?"),
                                None => format!("built-in packs: {}", known.join(", ")),
                            },
                        )),
                    );
                }
                continue;
            }
            let path = super::discover::normalize(&root.join(&item.value));
            if path.is_dir() {
                packs.push(path);
            } else {
                problems.push(
                    Problem::new(
                        item.span.clone(),
                        format!("rule-pack folder `{}` not found", item.value),
                        "no such folder",
                    )
                    .help(Some(format!(
                        "pack folders are relative to the folder of {}",
                        display.display()
                    ))),
                );
            }
        }
        if problems.is_empty() {
            let levels = raw
                .rules
                .iter()
                .chain(raw.overrides.iter().flat_map(|o| &o.rules));
            problems.extend(pack_rule_problems(levels, &packs, cache));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let exclude = (!raw.exclude.is_empty()).then(|| matcher(root, &raw.exclude));
        let overrides = raw
            .overrides
            .iter()
            .map(|o| Override {
                matcher: matcher(root, &o.files),
                levels: o.rules.clone(),
                dialect: o.dialect,
                style: o.style,
            })
            .collect();
        Ok(Config {
            display: display.to_path_buf(),
            root: root.to_path_buf(),
            dialect: raw.dialect,
            style: raw.style,
            fail_on: raw.fail_on,
            max_file_size: raw.max_file_size,
            levels: raw.rules,
            vocabulary,
            packs,
            exclude,
            overrides,
        })
    }

    /// Apply the top-level settings of this file on top of `s` (overrides not included).
    pub fn apply(&self, s: &mut Settings) {
        if let Some(d) = self.dialect {
            s.dialect = Some(d);
        }
        if let Some(st) = self.style {
            s.style = st;
        }
        if let Some(f) = self.fail_on {
            s.fail_on = f;
        }
        if let Some(m) = self.max_file_size {
            s.max_file_size = m;
        }
        for r in &self.levels {
            s.levels.insert(r.rule.clone(), r.level);
        }
        s.vocabulary.extend(self.vocabulary.iter().cloned());
        for p in &self.packs {
            if !s.packs.contains(p) {
                s.packs.push(p.clone());
            }
        }
    }

    /// Indexes of the overrides whose `files` match `file` (absolute), in order.
    pub fn matching_overrides(&self, file: &Path) -> Vec<usize> {
        self.overrides
            .iter()
            .enumerate()
            .filter(|(_, o)| is_match(&o.matcher, &self.root, file))
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether `exclude` names `file` (absolute) or a folder above it.
    pub fn excludes(&self, file: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|m| is_match(m, &self.root, file))
    }
}

/// Pack rule ids (`pack/name`, `pack/*`) in rule tables that name no rule of a pack this file
/// can see (the built-in packs and its own `packs`). A pack this file does not know may
/// come from a `galley.toml` further up, so it is an error only when its name is a near
/// miss of a known pack.
fn pack_rule_problems<'a>(
    levels: impl Iterator<Item = &'a RuleLevel>,
    packs: &[PathBuf],
    cache: &mut packs::Cache,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut loaded = None;
    for r in levels {
        let Some((pack, name)) = r.rule.split_once('/') else {
            continue;
        };
        let loaded = loaded.get_or_insert_with(|| cache.get(packs).0);
        let mut pack_names: Vec<&str> = packs::builtin_packs();
        pack_names.extend(loaded.rules.iter().map(|r| r.pack.as_str()));
        pack_names.sort_unstable();
        pack_names.dedup();
        if !pack_names.contains(&pack) {
            if let Some(near) = suggest(pack, pack_names.iter().copied()) {
                problems.push(
                    Problem::new(
                        r.span.clone(),
                        format!("unknown rule pack `{pack}` in `{}`", r.rule),
                        "no pack of this name",
                    )
                    .help(Some(format!("did you mean `{near}/{name}`?"))),
                );
            }
            continue;
        }
        if name == "*" {
            continue;
        }
        let in_pack: Vec<&str> = loaded
            .all_rules()
            .filter(|x| x.pack == pack)
            .map(|x| x.name.as_str())
            .collect();
        if in_pack.contains(&name) {
            continue;
        }
        let help = match suggest(name, in_pack.iter().copied()) {
            Some(near) => format!("did you mean `{pack}/{near}`?"),
            None => {
                let mut names = in_pack.clone();
                names.sort_unstable();
                names.dedup();
                format!(
                    "pack `{pack}` has {}; `{pack}/*` sets them all",
                    code_list(&names, &format!("{pack}/"))
                )
            }
        };
        problems.push(
            Problem::new(
                r.span.clone(),
                format!("unknown rule `{}`", r.rule),
                format!("pack `{pack}` has no rule `{name}`"),
            )
            .help(Some(help)),
        );
    }
    problems
}

/// The words of a vocabulary file: one a line; blank lines and `#` comments skipped.
pub fn words_of_list(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines().filter_map(|line| {
        let line = line.trim_start_matches('\u{feff}');
        let line = match line.find(" #").or_else(|| line.find("\t#")) {
            Some(at) => &line[..at],
            None => line,
        };
        let word = line.trim();
        (!word.is_empty() && !word.starts_with('#')).then(|| word.to_string())
    })
}
