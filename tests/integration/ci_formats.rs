//! galley in CI: `--format github` and `--format sarif` as the runner and code scanning read
//! them, the composite action (`action.yml`) run as GitHub would run its scripts, the example
//! workflow, and the pre-commit hooks.

use crate::common::{galley, run, scratch, stderr, stdout};

#[path = "../sarif/validate.rs"]
mod validate;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

const FERRY: &str = "# Ferry timetable\n\nThe ferry leaves at at noon (weather permitting.\n";

// ---------------------------------------------------------------------------------------------
// --format github

#[test]
fn github_format_writes_one_workflow_command_per_finding() {
    let dir = scratch("github");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(dir.join("drafts/x,y:z.md"), FERRY).unwrap();
    let o = run(&dir, &["check", "--format", "github", "./drafts/x,y:z.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "::error file=drafts/x%2Cy%3Az.md,line=3,col=18,endLine=3,endColumn=23,\
         title=repeated-word::'at' is written twice%0Afix (galley check --fix): delete the \
         second 'at'\n\
         ::warning file=drafts/x%2Cy%3Az.md,line=3,col=29,endLine=3,endColumn=30,\
         title=unbalanced-brackets::'(' is never closed%0Ahelp: close the bracket where the \
         aside ends\n"
    );
}

#[test]
fn github_format_counts_columns_in_characters_and_follows_fail_on() {
    let dir = scratch("github-cols");
    // Two-byte letters before the finding: columns count characters, not bytes.
    std::fs::write(
        dir.join("a.md"),
        "# Café reopens\n\nThe café near the pier reopened on on Monday.\n",
    )
    .unwrap();
    let o = run(
        &dir,
        &[
            "check",
            "--format",
            "github",
            "--fail-on",
            "warning",
            "a.md",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "::error file=a.md,line=3,col=33,endLine=3,endColumn=38,title=repeated-word::"
        ),
        "{out}"
    );
    // A clean file: no commands at all, exit status 0.
    std::fs::write(dir.join("b.md"), "# Pier\n\nThe pier reopened on Monday.\n").unwrap();
    let o = run(&dir, &["check", "--format", "github", "b.md"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

// ---------------------------------------------------------------------------------------------
// --format sarif

fn schema() -> Value {
    serde_json::from_str(&repo_file("tests/sarif/sarif-schema-2.1.0.json")).unwrap()
}

/// A folder whose drafts give findings with labels, unsafe and safe fixes, a warning and
/// characters outside ASCII.
fn sarif_drafts() -> PathBuf {
    let dir = scratch("sarif");
    std::fs::create_dir_all(dir.join("desk")).unwrap();
    std::fs::write(
        dir.join("desk/harbour plan.md"),
        "# Harbour Board Approves New Ferry Terminal\n\n\
         ## Harbour Board Approves New Ferry Terminal\n\n\
         The board voted on Tuesday to build a terminal at the north quay. \
         Work is due to start next spring.\n\n\
         Dredging will take most of the winter months. \
         The board voted on Tuesday to build a terminal at the north quay.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("desk/café.md"),
        "# Café reopens\n\nThe café near the pier reopened on on Monday.\n",
    )
    .unwrap();
    dir
}

fn sarif_of(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let o = run(dir, &all);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

#[test]
fn sarif_output_is_valid_against_the_official_schema() {
    let dir = sarif_drafts();
    let log = sarif_of(&dir, &["desk"]);
    let errors = validate::validate(&schema(), &log);
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"]
            .as_str()
            .unwrap()
            .ends_with("sarif-schema-2.1.0.json")
    );
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "galley");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    // Every built-in rule `galley rules` lists (the first section; pack rules follow a
    // blank line) is described, with its default level.
    let listed = stdout(&run_rules());
    let rules = driver["rules"].as_array().unwrap();
    for line in listed.lines().take_while(|l| !l.is_empty()) {
        let mut cols = line.split_whitespace();
        let (id, level) = (cols.next().unwrap(), cols.next().unwrap());
        let r = rules
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("rule {id} missing from the SARIF driver"));
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(
            r["help"]["text"]
                .as_str()
                .unwrap()
                .contains("Why it matters")
        );
        let expected = match level {
            "info" => "note",
            "off" => "warning",
            other => other,
        };
        assert_eq!(r["defaultConfiguration"]["level"], expected, "{id}");
        assert_eq!(r["defaultConfiguration"]["enabled"], level != "off", "{id}");
    }

    let results = run["results"].as_array().unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    let find = |rule: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule)
            .unwrap_or_else(|| panic!("no {rule} result"))
    };

    // The doubled word after "Café" and "café": columns count characters, offsets bytes.
    let cafe = "# Café reopens\n\nThe café near the pier reopened on on Monday.\n";
    let word = find("repeated-word");
    let loc = &word["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "desk/caf%C3%A9.md");
    let region = &loc["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], 33);
    assert_eq!(region["endLine"], 3);
    assert_eq!(region["endColumn"], 38);
    assert_eq!(region["byteOffset"], cafe.find("on on").unwrap());
    assert_eq!(region["byteLength"], 5);
    assert_eq!(word["level"], "error");
    let fix = &word["fixes"][0];
    assert_eq!(fix["properties"]["applicability"], "safe");
    let replacement = &fix["artifactChanges"][0]["replacements"][0];
    assert_eq!(
        replacement["deletedRegion"]["byteOffset"],
        cafe.find("on on").unwrap() + 2
    );
    assert_eq!(replacement["deletedRegion"]["byteLength"], 3);
    assert_eq!(replacement["insertedContent"]["text"], "");

    // A finding with a label: the label is a related location with its message.
    let headline = find("repeated-headline");
    assert_eq!(
        headline["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "desk/harbour%20plan.md"
    );
    let related = &headline["relatedLocations"][0];
    assert_eq!(related["id"], 1);
    assert_eq!(
        related["message"]["text"],
        "the headline first appears here"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 1);
    assert_eq!(
        headline["fixes"][0]["properties"]["applicability"],
        "unsafe"
    );

    let sentence = find("duplicate-sentence");
    assert_eq!(sentence["level"], "warning");
    assert_eq!(
        sentence["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
}

fn run_rules() -> Output {
    galley().arg("rules").output().unwrap()
}

#[test]
fn sarif_with_no_findings_is_a_valid_empty_run() {
    let dir = scratch("sarif-clean");
    std::fs::write(dir.join("a.md"), "# Pier\n\nThe pier reopened on Monday.\n").unwrap();
    let log = sarif_of(&dir, &["a.md"]);
    assert!(validate::validate(&schema(), &log).is_empty());
    assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
    // Standard input, as the action writes an empty log.
    let o = galley()
        .current_dir(&dir)
        .args([
            "check",
            "--format",
            "sarif",
            "--stdin-filename",
            "empty.md",
            "-",
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(validate::validate(&schema(), &log).is_empty());
}

#[test]
fn the_validator_rejects_logs_that_break_the_schema() {
    let dir = sarif_drafts();
    let good = sarif_of(&dir, &["desk"]);
    let schema = schema();
    assert!(validate::validate(&schema, &good).is_empty());

    type Breakage = fn(&mut Value);
    let broken: Vec<(&str, Breakage)> = vec![
        ("missing required property `version`", |v| {
            v.as_object_mut().unwrap().remove("version");
        }),
        ("\"fatal\" is not one of", |v| {
            v["runs"][0]["results"][0]["level"] = "fatal".into()
        }),
        ("below the minimum 1", |v| {
            v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                0.into()
        }),
        ("property `comment` is not allowed", |v| {
            v["runs"][0]["results"][0]["comment"] = "hello".into()
        }),
        ("expected string", |v| {
            v["runs"][0]["tool"]["driver"]["name"] = 7.into()
        }),
        ("is not a valid uri-reference", |v| {
            v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
                "desk/harbour plan.md".into()
        }),
        ("fewer than 1", |v| {
            v["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"] =
                Value::Array(Vec::new())
        }),
    ];
    for (expect, breakage) in broken {
        let mut log = good.clone();
        breakage(&mut log);
        let errors = validate::validate(&schema, &log);
        assert!(
            errors.iter().any(|e| e.contains(expect)),
            "expected an error containing {expect:?}, got {errors:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A YAML reader for the subset these files use: block mappings and sequences, plain and
// quoted scalars, `|` and `>` block scalars, one-line `[a, b]` lists and comments. Anything
// else (anchors, tags, flow mappings, tabs) is an error, which keeps the files plain.

#[derive(Clone, Debug, PartialEq)]
enum Yaml {
    Str(String),
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Follow a dotted path of keys.
    fn at(&self, path: &str) -> &Yaml {
        path.split('.').fold(self, |y, k| {
            y.get(k)
                .unwrap_or_else(|| panic!("no `{k}` in path `{path}`"))
        })
    }

    fn str(&self) -> &str {
        match self {
            Yaml::Str(s) => s,
            other => panic!("not a string: {other:?}"),
        }
    }

    fn seq(&self) -> &[Yaml] {
        match self {
            Yaml::Seq(s) => s,
            other => panic!("not a sequence: {other:?}"),
        }
    }

    fn keys(&self) -> Vec<&str> {
        match self {
            Yaml::Map(m) => m.iter().map(|(k, _)| k.as_str()).collect(),
            other => panic!("not a mapping: {other:?}"),
        }
    }
}

struct YamlReader {
    lines: Vec<String>,
    i: usize,
}

fn parse_yaml(src: &str) -> Result<Yaml, String> {
    let mut r = YamlReader {
        lines: src.lines().map(str::to_string).collect(),
        i: 0,
    };
    r.skip_blank();
    if r.i < r.lines.len() && r.lines[r.i].trim_end() == "---" {
        r.i += 1;
        r.skip_blank();
    }
    if r.i >= r.lines.len() {
        return Err("empty document".into());
    }
    let indent = r.indent(r.i)?;
    let v = r.node(indent)?;
    r.skip_blank();
    if r.i < r.lines.len() {
        return Err(format!("line {}: unexpected indentation", r.i + 1));
    }
    Ok(v)
}

impl YamlReader {
    fn blank(&self, i: usize) -> bool {
        let t = self.lines[i].trim();
        t.is_empty() || t.starts_with('#')
    }

    fn skip_blank(&mut self) {
        while self.i < self.lines.len() && self.blank(self.i) {
            self.i += 1;
        }
    }

    fn indent(&self, i: usize) -> Result<usize, String> {
        let line = &self.lines[i];
        let n = line.len() - line.trim_start_matches(' ').len();
        if line[n..].starts_with('\t') {
            return Err(format!("line {}: tab in indentation", i + 1));
        }
        Ok(n)
    }

    fn content(&self, i: usize) -> &str {
        self.lines[i].trim()
    }

    fn is_item(&self, i: usize) -> bool {
        let c = self.content(i);
        c == "-" || c.starts_with("- ")
    }

    fn node(&mut self, indent: usize) -> Result<Yaml, String> {
        if self.is_item(self.i) {
            self.seq(indent)
        } else {
            self.map(indent)
        }
    }

    fn seq(&mut self, indent: usize) -> Result<Yaml, String> {
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            if self.i >= self.lines.len() || self.indent(self.i)? != indent || !self.is_item(self.i)
            {
                break;
            }
            let line = self.lines[self.i].clone();
            let after_dash = &line[indent + 1..];
            let rest = after_dash.trim_start_matches(' ');
            if rest.is_empty() || rest.starts_with('#') {
                self.i += 1;
                self.skip_blank();
                let child = self.indent(self.i)?;
                if child <= indent {
                    return Err(format!("line {}: empty sequence item", self.i + 1));
                }
                items.push(self.node(child)?);
                continue;
            }
            // "- key: value" opens a mapping at the column of `key`; "- value" is a scalar.
            let item_indent = indent + 1 + (after_dash.len() - rest.len());
            if key_split(rest).is_some() {
                self.lines[self.i] = format!("{}{rest}", " ".repeat(item_indent));
                items.push(self.map(item_indent)?);
            } else {
                items.push(scalar(rest, self.i)?);
                self.i += 1;
            }
        }
        Ok(Yaml::Seq(items))
    }

    fn map(&mut self, indent: usize) -> Result<Yaml, String> {
        let mut entries: Vec<(String, Yaml)> = Vec::new();
        loop {
            self.skip_blank();
            if self.i >= self.lines.len() || self.indent(self.i)? != indent || self.is_item(self.i)
            {
                break;
            }
            let no = self.i;
            let content = self.content(no).to_string();
            let (key, value) =
                key_split(&content).ok_or_else(|| format!("line {}: expected `key:`", no + 1))?;
            let key = match scalar(key, no)? {
                Yaml::Str(k) => k,
                _ => return Err(format!("line {}: bad key", no + 1)),
            };
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(format!("line {}: duplicate key `{key}`", no + 1));
            }
            let value = strip_comment(value).trim();
            self.i += 1;
            let v = if value.is_empty() {
                self.skip_blank();
                if self.i < self.lines.len() && self.indent(self.i)? > indent {
                    let child = self.indent(self.i)?;
                    self.node(child)?
                } else if self.i < self.lines.len()
                    && self.indent(self.i)? == indent
                    && self.is_item(self.i)
                {
                    self.seq(indent)?
                } else {
                    Yaml::Str(String::new())
                }
            } else if value.starts_with('|') || value.starts_with('>') {
                self.block_scalar(value, indent, no)?
            } else {
                scalar(value, no)?
            };
            entries.push((key, v));
        }
        Ok(Yaml::Map(entries))
    }

    fn block_scalar(&mut self, header: &str, indent: usize, no: usize) -> Result<Yaml, String> {
        let (literal, chomp) = match header {
            "|" => (true, ' '),
            "|-" => (true, '-'),
            ">" => (false, ' '),
            ">-" => (false, '-'),
            _ => {
                return Err(format!(
                    "line {}: unsupported block scalar {header}",
                    no + 1
                ));
            }
        };
        let mut body: Vec<String> = Vec::new();
        let mut block_indent = None;
        while self.i < self.lines.len() {
            let line = &self.lines[self.i];
            if line.trim().is_empty() {
                body.push(String::new());
                self.i += 1;
                continue;
            }
            let n = self.indent(self.i)?;
            if n <= indent {
                break;
            }
            let bi = *block_indent.get_or_insert(n);
            if n < bi {
                return Err(format!("line {}: block scalar dedents", self.i + 1));
            }
            body.push(line[bi..].to_string());
            self.i += 1;
        }
        while body.last().is_some_and(String::is_empty) {
            body.pop();
        }
        let mut text = if literal {
            body.join("\n")
        } else {
            let mut t = String::new();
            for (k, l) in body.iter().enumerate() {
                if l.is_empty() {
                    t.push('\n');
                } else {
                    if k > 0 && !body[k - 1].is_empty() {
                        t.push(' ');
                    }
                    t.push_str(l);
                }
            }
            t
        };
        if chomp != '-' && !text.is_empty() {
            text.push('\n');
        }
        Ok(Yaml::Str(text))
    }
}

/// Split `key: value` (or `key:`) at the first colon outside quotes that ends the line or is
/// followed by a space.
fn key_split(s: &str) -> Option<(&str, &str)> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if i == 0 => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ':') => {
                let rest = &s[i + 1..];
                if rest.is_empty() || rest.starts_with(' ') {
                    return Some((&s[..i], rest));
                }
            }
            (None, '#') if i > 0 && s[..i].ends_with(' ') => return None,
            _ => {}
        }
    }
    None
}

fn strip_comment(s: &str) -> &str {
    if s.starts_with('"') || s.starts_with('\'') {
        return s;
    }
    match s.find(" #") {
        Some(i) => &s[..i],
        None => s,
    }
}

fn scalar(s: &str, no: usize) -> Result<Yaml, String> {
    let s = s.trim();
    let err = |m: &str| Err(format!("line {}: {m}: {s}", no + 1));
    match s.chars().next() {
        Some('"') => {
            let mut out = String::new();
            let mut chars = s[1..].chars();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some('n') => out.push('\n'),
                        Some('t') => out.push('\t'),
                        Some(c @ ('"' | '\\' | '/')) => out.push(c),
                        _ => return err("unsupported escape"),
                    },
                    Some(c) => out.push(c),
                    None => return err("unclosed quote"),
                }
            }
            if !strip_comment(chars.as_str()).trim().is_empty() {
                return err("text after a quoted scalar");
            }
            Ok(Yaml::Str(out))
        }
        Some('\'') => {
            let body = &s[1..];
            let mut out = String::new();
            let mut it = body.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                if c == '\'' {
                    if it.peek().map(|&(_, n)| n) == Some('\'') {
                        out.push('\'');
                        it.next();
                        continue;
                    }
                    if !strip_comment(&body[i + 1..]).trim().is_empty() {
                        return err("text after a quoted scalar");
                    }
                    return Ok(Yaml::Str(out));
                }
                out.push(c);
            }
            err("unclosed quote")
        }
        Some('[') => {
            let inner = strip_comment(s)
                .trim()
                .strip_prefix('[')
                .and_then(|x| x.strip_suffix(']'))
                .ok_or_else(|| format!("line {}: unclosed flow sequence", no + 1))?;
            if inner.contains(['[', '{']) {
                return err("nested flow collections are not supported");
            }
            inner
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| scalar(x, no))
                .collect::<Result<Vec<_>, _>>()
                .map(Yaml::Seq)
        }
        Some('{' | '&' | '*' | '!' | '%' | '@' | '`' | '|' | '>') => err("unsupported YAML syntax"),
        _ => Ok(Yaml::Str(strip_comment(s).trim().to_string())),
    }
}

#[test]
fn the_yaml_reader_reads_its_subset_and_refuses_the_rest() {
    let y = parse_yaml(
        "# comment\na: 1\nb:\n  - x\n  - k: v\n    j: 'it''s'\nc: |\n  line one\n\n  line two\n\
         d: >-\n  folded\n  text\ne: [p, \"q\"]\nf: plain # trailing comment\n",
    )
    .unwrap();
    assert_eq!(y.at("a").str(), "1");
    assert_eq!(y.at("b").seq()[0].str(), "x");
    assert_eq!(y.at("b").seq()[1].at("j").str(), "it's");
    assert_eq!(y.at("c").str(), "line one\n\nline two\n");
    assert_eq!(y.at("d").str(), "folded text");
    assert_eq!(y.at("e").seq().len(), 2);
    assert_eq!(y.at("f").str(), "plain");
    assert!(parse_yaml("a: &anchor x\n").is_err());
    assert!(parse_yaml("a: {b: c}\n").is_err());
    assert!(parse_yaml("a: 1\na: 2\n").is_err());
    assert!(parse_yaml("a:\n\t- x\n").is_err());
}

// ---------------------------------------------------------------------------------------------
// action.yml, the example workflow, pre-commit

fn action() -> Yaml {
    parse_yaml(&repo_file("action.yml")).unwrap_or_else(|e| panic!("action.yml: {e}"))
}

fn step<'a>(action: &'a Yaml, id: &str) -> &'a Yaml {
    action
        .at("runs.steps")
        .seq()
        .iter()
        .find(|s| s.get("id").map(Yaml::str) == Some(id))
        .unwrap_or_else(|| panic!("no step with id {id}"))
}

#[test]
fn action_declares_its_inputs_and_steps() {
    let a = action();
    assert_eq!(a.at("name").str(), "galley");
    assert!(!a.at("description").str().is_empty());
    let inputs = a.at("inputs");
    assert_eq!(
        inputs.keys(),
        [
            "paths",
            "config",
            "fail-on",
            "changed-lines",
            "sarif-file",
            "version"
        ]
    );
    for name in inputs.keys() {
        assert!(
            !inputs.at(name).at("description").str().is_empty(),
            "{name}"
        );
        assert_eq!(inputs.at(name).at("required").str(), "false", "{name}");
    }
    assert_eq!(inputs.at("paths.default").str(), ".");
    assert_eq!(inputs.at("fail-on.default").str(), "error");
    assert_eq!(inputs.at("changed-lines.default").str(), "false");
    assert_eq!(inputs.at("sarif-file.default").str(), "");
    assert_eq!(inputs.at("version.default").str(), "");

    assert_eq!(a.at("runs.using").str(), "composite");
    let steps = a.at("runs.steps").seq();
    // Every script names its shell (composite actions require it) and reads inputs from the
    // environment, never by pasting `${{ inputs.* }}` into the script.
    for s in steps {
        if let Some(run) = s.get("run") {
            assert_eq!(s.at("shell").str(), "bash");
            assert!(
                !run.str().contains("${{"),
                "expression inside a script: {run:?}"
            );
        }
    }
    // The release binary first; the source build only without one.
    let release = step(&a, "release");
    assert!(std::ptr::eq(release, &steps[0]));
    assert_eq!(
        release.at("env.INPUT_VERSION").str(),
        "${{ inputs.version }}"
    );
    assert_eq!(release.at("env.OS").str(), "${{ runner.os }}");
    assert_eq!(release.at("env.ARCH").str(), "${{ runner.arch }}");
    let no_binary = "steps.release.outputs.bin == ''";
    assert_eq!(step(&a, "source").at("if").str(), no_binary);
    let cache = step(&a, "cache");
    assert_eq!(cache.at("if").str(), no_binary);
    assert!(cache.at("uses").str().starts_with("actions/cache@"));
    let paths = cache.at("with.path").str();
    assert!(paths.contains("~/.cargo/registry"));
    assert!(paths.contains("~/.cargo/bin/galley"));
    assert!(paths.contains("galley-target"));
    assert!(
        cache
            .at("with.key")
            .str()
            .contains("steps.source.outputs.hash")
    );

    let install = steps
        .iter()
        .find(|s| s.get("name").map(Yaml::str) == Some("Install galley"))
        .unwrap();
    assert!(
        install
            .at("run")
            .str()
            .contains("cargo install --locked --force --path \"$GITHUB_ACTION_PATH\"")
    );
    assert_eq!(
        install.at("if").str(),
        format!("{no_binary} && steps.cache.outputs.cache-hit != 'true'")
    );
    assert!(
        install
            .at("env.CARGO_TARGET_DIR")
            .str()
            .contains("galley-target")
    );

    let files = step(&a, "files");
    assert_eq!(
        files.at("env.BASE_SHA").str(),
        "${{ github.event.pull_request.base.sha }}"
    );
    assert_eq!(files.at("env.INPUT_PATHS").str(), "${{ inputs.paths }}");

    let check = steps.last().unwrap();
    assert_eq!(check.at("name").str(), "Check");
    for (var, input) in [
        ("INPUT_CONFIG", "config"),
        ("INPUT_FAIL_ON", "fail-on"),
        ("INPUT_CHANGED_LINES", "changed-lines"),
        ("INPUT_SARIF_FILE", "sarif-file"),
    ] {
        assert_eq!(
            check.at("env").at(var).str(),
            format!("${{{{ inputs.{input} }}}}")
        );
    }
    assert_eq!(
        check.at("env.GALLEY_BIN").str(),
        "${{ steps.release.outputs.bin }}"
    );
    let script = check.at("run").str();
    assert!(script.contains("--format github"));
    assert!(script.contains("--format sarif"));
    assert!(script.contains("--changed-since \"$BASE\""));
    assert_eq!(
        a.at("outputs.files.value").str(),
        "${{ steps.files.outputs.count }}"
    );
}

/// Write a step's script to a file and run it as GitHub runs `shell: bash` steps.
fn run_step(script: &str, dir: &Path, env: &[(&str, &str)]) -> Output {
    let file = dir.join(format!(".step-{}.sh", std::process::id()));
    std::fs::write(&file, script).unwrap();
    let mut cmd = Command::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&file)
        .current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    let _ = std::fs::remove_file(&file);
    o
}

#[test]
fn action_scripts_are_valid_bash() {
    let a = action();
    for s in a.at("runs.steps").seq() {
        if let Some(run) = s.get("run") {
            let o = Command::new("bash")
                .args(["-n", "-c", run.str()])
                .output()
                .unwrap();
            assert!(o.status.success(), "{}\n{}", run.str(), stderr(&o));
        }
    }
}

#[test]
fn action_fingerprints_galleys_sources() {
    let a = action();
    let dir = scratch("action-source");
    let out = dir.join("out");
    std::fs::write(&out, "").unwrap();
    let o = run_step(
        step(&a, "source").at("run").str(),
        &dir,
        &[
            ("GITHUB_ACTION_PATH", env!("CARGO_MANIFEST_DIR")),
            ("GITHUB_OUTPUT", out.to_str().unwrap()),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let written = std::fs::read_to_string(&out).unwrap();
    let hash = written.trim().strip_prefix("hash=").unwrap();
    assert_eq!(hash.len(), 16);
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
}

/// A runner for the release step: the action checked out at `ref_name` as the runner lays
/// actions out, a `curl` that serves files from a local folder of releases (and logs what
/// it was asked for), and a release v9.8.7 with an archive for Linux x86_64.
struct ReleaseRunner {
    root: PathBuf,
    action: PathBuf,
    releases: PathBuf,
    bin: PathBuf,
}

const ARCHIVE: &str = "galley-v9.8.7-x86_64-unknown-linux-musl.tar.gz";

impl ReleaseRunner {
    fn new(name: &str, ref_name: &str) -> ReleaseRunner {
        let root = scratch(name);
        let action = root.join("_actions/galley-lint/galley").join(ref_name);
        std::fs::create_dir_all(&action).unwrap();
        std::fs::write(
            action.join("Cargo.toml"),
            "[package]\nname = \"galley\"\nversion = \"9.8.7\"\n",
        )
        .unwrap();
        let bin = root.join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::write(
            bin.join("curl"),
            "#!/bin/bash\nout=\nurl=\nwhile [ $# -gt 0 ]; do\n  case \"$1\" in\n    \
             -o | --retry) [ \"$1\" = -o ] && out=$2; shift 2 ;;\n    -*) shift ;;\n    \
             *) url=$1; shift ;;\n  esac\ndone\necho \"$url\" >> \"$FAKE_CURL_LOG\"\n\
             src=\"$FAKE_RELEASES/${url#*/releases/download/}\"\n\
             [ -f \"$src\" ] || exit 22\ncp \"$src\" \"$out\"\n",
        )
        .unwrap();
        let o = Command::new("chmod")
            .arg("+x")
            .arg(bin.join("curl"))
            .output()
            .unwrap();
        assert!(o.status.success());

        // The release, packaged as the release workflow packages it.
        let releases = root.join("releases");
        let stage = root.join("stage/galley-v9.8.7-x86_64-unknown-linux-musl");
        std::fs::create_dir_all(&stage).unwrap();
        // A stand-in for the binary (the real one, with its debug information, is too large
        // to pack in each test run): what the step runs is `galley --version`.
        std::fs::write(stage.join("galley"), "#!/bin/sh\necho \"galley 9.8.7\"\n").unwrap();
        let version = releases.join("v9.8.7");
        std::fs::create_dir_all(&version).unwrap();
        let script = format!(
            "set -e; chmod +x '{stage}/galley-v9.8.7-x86_64-unknown-linux-musl/galley'; tar -czf '{archive}' -C '{stage}' galley-v9.8.7-x86_64-unknown-linux-musl; \
             cd '{dir}' && sha256sum {ARCHIVE} > {ARCHIVE}.sha256",
            archive = version.join(ARCHIVE).display(),
            stage = stage.parent().unwrap().display(),
            dir = version.display(),
        );
        let o = Command::new("bash").args(["-c", &script]).output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        ReleaseRunner {
            root,
            action,
            releases,
            bin,
        }
    }

    /// Run the release step; its output, what it wrote to GITHUB_OUTPUT, and the URLs it
    /// asked for.
    fn run(&self, vars: &[(&str, &str)]) -> (Output, Vec<(String, String)>, String) {
        let a = action();
        let out = self.root.join("github-output");
        let log = self.root.join("curl-log");
        std::fs::write(&out, "").unwrap();
        std::fs::write(&log, "").unwrap();
        let temp = self.root.join("temp");
        std::fs::create_dir_all(&temp).unwrap();
        let path = format!(
            "{}:{}",
            self.bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut env = vec![
            ("PATH", path.as_str()),
            ("GITHUB_ACTION_PATH", self.action.to_str().unwrap()),
            ("GITHUB_OUTPUT", out.to_str().unwrap()),
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("RUNNER_TEMP", temp.to_str().unwrap()),
            ("FAKE_RELEASES", self.releases.to_str().unwrap()),
            ("FAKE_CURL_LOG", log.to_str().unwrap()),
            ("INPUT_VERSION", ""),
            ("ACTION_REF", ""),
            ("ACTION_REPOSITORY", ""),
            ("OS", "Linux"),
            ("ARCH", "X64"),
        ];
        for (k, v) in vars {
            env.retain(|(key, _)| key != k);
            env.push((k, v));
        }
        let o = run_step(step(&a, "release").at("run").str(), &self.root, &env);
        assert!(o.status.success(), "{}", stderr(&o));
        let outs = outputs(&out);
        (o, outs, std::fs::read_to_string(&log).unwrap())
    }
}

fn downloaded(outs: &[(String, String)]) -> Option<&str> {
    outs.iter()
        .find(|(k, _)| k == "bin")
        .map(|(_, v)| v.as_str())
}

#[test]
fn action_downloads_the_release_its_tag_names_and_checks_it() {
    let url = format!("https://github.com/galley-lint/galley/releases/download/v9.8.7/{ARCHIVE}");
    // At a moving tag, found from the action's path: the release its Cargo.toml names.
    let runner = ReleaseRunner::new("release-v1", "v1");
    let (o, outs, log) = runner.run(&[]);
    let bin = downloaded(&outs).unwrap_or_else(|| panic!("no binary: {}", stdout(&o)));
    assert_eq!(log, format!("{url}\n{url}.sha256\n"));
    let version = Command::new(bin).arg("--version").output().unwrap();
    assert_eq!(stdout(&version), "galley 9.8.7\n");

    // At an exact tag named by github.action_ref and github.action_repository.
    let (_, outs, log) = runner.run(&[
        ("ACTION_REF", "v9.8.7"),
        ("ACTION_REPOSITORY", "someone/fork"),
    ]);
    assert!(downloaded(&outs).is_some());
    assert!(log.starts_with("https://github.com/someone/fork/releases/download/v9.8.7/"));

    // At a branch, with the version named by the input (with or without its `v`).
    for version in ["v9.8.7", "9.8.7"] {
        let (_, outs, log) = runner.run(&[("ACTION_REF", "main"), ("INPUT_VERSION", version)]);
        assert!(downloaded(&outs).is_some(), "{version}");
        assert!(log.starts_with(&url), "{log}");
    }

    // An archive that does not match its checksum is not used.
    let sums = runner
        .releases
        .join("v9.8.7")
        .join(format!("{ARCHIVE}.sha256"));
    let good = std::fs::read_to_string(&sums).unwrap();
    std::fs::write(&sums, format!("{}{}", "0".repeat(64), &good[64..])).unwrap();
    let (o, outs, _) = runner.run(&[]);
    assert_eq!(downloaded(&outs), None);
    assert!(
        stdout(&o).contains("::warning title=galley::"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("building from source"));
}

#[test]
fn action_builds_from_source_without_a_release_binary() {
    let runner = ReleaseRunner::new("release-none", "main");
    let cases: [&[(&str, &str)]; 5] = [
        // A branch: no release.
        &[],
        // A release without this version, or without a binary for the runner.
        &[("INPUT_VERSION", "1.0.0")],
        &[("INPUT_VERSION", "9.8.7"), ("ARCH", "ARM")],
        &[
            ("INPUT_VERSION", "9.8.7"),
            ("OS", "Linux"),
            ("ARCH", "ARM64"),
        ],
        // Asked for.
        &[("ACTION_REF", "v1"), ("INPUT_VERSION", "source")],
    ];
    for vars in cases {
        let (o, outs, log) = runner.run(vars);
        assert_eq!(downloaded(&outs), None, "{vars:?}: {}", stdout(&o));
        assert!(stdout(&o).contains("building from source"), "{vars:?}");
        if vars.is_empty() || vars.contains(&("INPUT_VERSION", "source")) {
            assert_eq!(log, "", "{vars:?}: nothing to download");
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Desk")
        .env("GIT_AUTHOR_EMAIL", "desk@example.com")
        .env("GIT_COMMITTER_NAME", "Desk")
        .env("GIT_COMMITTER_EMAIL", "desk@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
    stdout(&o).trim().to_string()
}

fn outputs(file: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn output<'a>(outs: &'a [(String, String)], key: &str) -> &'a str {
    &outs.iter().rev().find(|(k, _)| k == key).unwrap().1
}

#[test]
fn action_checks_the_markdown_a_pull_request_changed() {
    let a = action();
    let files_step = step(&a, "files").at("run").str().to_string();
    let check_step = a
        .at("runs.steps")
        .seq()
        .last()
        .unwrap()
        .at("run")
        .str()
        .to_string();

    let repo = scratch("action-repo");
    let runner = scratch("action-runner");
    git(&repo, &["init", "-q"]);
    std::fs::create_dir_all(repo.join("content")).unwrap();
    std::fs::create_dir_all(repo.join("other")).unwrap();
    let old = "# Tide tables\n\nThe the tide turns at six.\n";
    std::fs::write(repo.join("content/tides.md"), old).unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    let base = git(&repo, &["rev-parse", "HEAD"]);
    // The pull request: one line added to an old draft, a new draft, a draft elsewhere, and
    // a file that is not Markdown.
    std::fs::write(
        repo.join("content/tides.md"),
        format!("{old}\nThe harbour opens at at seven.\n"),
    )
    .unwrap();
    std::fs::write(
        repo.join("content/buoys.md"),
        "# Buoys\n\nNew buoys mark the the channel.\n",
    )
    .unwrap();
    std::fs::write(repo.join("other/skip.md"), "# Skip\n\nIt was was here.\n").unwrap();
    std::fs::write(repo.join("content/notes.txt"), "the the\n").unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "pull request"]);

    let out = runner.join("github-output");
    std::fs::write(&out, "").unwrap();
    let env = [
        ("RUNNER_TEMP", runner.to_str().unwrap()),
        ("GITHUB_OUTPUT", out.to_str().unwrap()),
        ("INPUT_PATHS", "content"),
        ("BASE_SHA", base.as_str()),
    ];
    let o = run_step(&files_step, &repo, &env);
    assert!(o.status.success(), "{}", stderr(&o));
    let outs = outputs(&out);
    assert_eq!(output(&outs, "count"), "2");
    assert_eq!(output(&outs, "base"), base);
    let list = output(&outs, "list").to_string();
    let listed = std::fs::read_to_string(&list).unwrap();
    assert_eq!(listed, "content/buoys.md\0content/tides.md\0");

    let sarif = runner.join("galley.sarif");
    let check = |changed_lines: &str| {
        run_step(
            &check_step,
            &repo,
            &[
                ("INPUT_CONFIG", ""),
                ("INPUT_FAIL_ON", "error"),
                ("INPUT_CHANGED_LINES", changed_lines),
                ("INPUT_SARIF_FILE", sarif.to_str().unwrap()),
                ("FILE_LIST", list.as_str()),
                ("BASE", base.as_str()),
                ("GALLEY_BIN", env!("CARGO_BIN_EXE_galley")),
            ],
        )
    };
    // Changed lines only: the old doubled word on an untouched line is left out.
    let o = check("true");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let annotations = stdout(&o);
    let heads: Vec<&str> = annotations
        .lines()
        .map(|l| l.split("::").nth(1).unwrap())
        .collect();
    assert_eq!(
        heads,
        [
            "error file=content/buoys.md,line=3,col=16,endLine=3,endColumn=23,title=repeated-word",
            "error file=content/tides.md,line=5,col=19,endLine=5,endColumn=24,title=repeated-word",
        ]
    );
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert!(validate::validate(&schema(), &log).is_empty());
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 2);

    // Every line: the old finding too.
    let o = check("false");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 3);

    // Nothing changed under `paths`: nothing checked, an empty SARIF log, success.
    std::fs::write(&out, "").unwrap();
    let mut env2 = env;
    env2[2] = ("INPUT_PATHS", "docs");
    let o = run_step(&files_step, &repo, &env2);
    assert!(o.status.success(), "{}", stderr(&o));
    let outs = outputs(&out);
    assert_eq!(output(&outs, "count"), "0");
    let o = run_step(
        &check_step,
        &repo,
        &[
            ("INPUT_CONFIG", ""),
            ("INPUT_FAIL_ON", "error"),
            ("INPUT_CHANGED_LINES", "true"),
            ("INPUT_SARIF_FILE", sarif.to_str().unwrap()),
            ("FILE_LIST", output(&outs, "list")),
            ("BASE", base.as_str()),
            ("GALLEY_BIN", env!("CARGO_BIN_EXE_galley")),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
}

#[test]
fn example_workflow_runs_the_action_and_uploads_sarif() {
    let w = parse_yaml(&repo_file("examples/github-workflow.yml"))
        .unwrap_or_else(|e| panic!("examples/github-workflow.yml: {e}"));
    assert!(w.at("on").get("pull_request").is_some());
    assert_eq!(w.at("permissions.security-events").str(), "write");
    assert_eq!(w.at("permissions.contents").str(), "read");
    let steps = w.at("jobs.galley.steps").seq();
    let uses = |prefix: &str| {
        steps
            .iter()
            .find(|s| s.get("uses").is_some_and(|u| u.str().starts_with(prefix)))
            .unwrap_or_else(|| panic!("no step uses {prefix}"))
    };
    assert_eq!(uses("actions/checkout@").at("with.fetch-depth").str(), "0");
    let galley = uses("OWNER/galley@");
    let action_inputs = action();
    for key in galley.at("with").keys() {
        assert!(
            action_inputs.at("inputs").get(key).is_some(),
            "the workflow passes `{key}`, which action.yml does not declare"
        );
    }
    assert_eq!(galley.at("with.changed-lines").str(), "true");
    let sarif = galley.at("with.sarif-file").str();
    let upload = uses("github/codeql-action/upload-sarif@");
    assert_eq!(upload.at("with.sarif_file").str(), sarif);
    assert!(upload.at("if").str().starts_with("always()"));
}

#[test]
fn pre_commit_hooks_run_galley_on_markdown() {
    let hooks = parse_yaml(&repo_file(".pre-commit-hooks.yaml"))
        .unwrap_or_else(|e| panic!(".pre-commit-hooks.yaml: {e}"));
    let hooks = hooks.seq();
    let ids: Vec<&str> = hooks.iter().map(|h| h.at("id").str()).collect();
    assert_eq!(ids, ["galley", "galley-fix"]);
    for h in hooks {
        assert_eq!(h.at("language").str(), "rust");
        assert!(h.at("entry").str().starts_with("galley check"));
        assert_eq!(h.at("types").seq(), [Yaml::Str("markdown".into())]);
    }
    assert_eq!(hooks[1].at("entry").str(), "galley check --fix");
}
