//! Running rule packs' own `[[test]]` cases: `galley test-rules [DIR]` and the test suite.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::document::Document;
use crate::settings::error::{ConfigError, render};

use super::{PackRule, TestCase, builtin, builtin_errors, builtin_packs, builtin_ref, load_dir};

/// The outcome of one case.
#[derive(Clone, Debug)]
pub struct CaseResult {
    pub rule: String,
    pub path: PathBuf,
    /// 1-based number of the case in its file.
    pub number: usize,
    pub line: usize,
    pub expected: Vec<String>,
    pub got: Vec<String>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.expected == self.got
    }
}

/// The text of every span a rule flags in a case, in reading order.
pub fn flagged(rule: &PackRule, case: &TestCase) -> Vec<String> {
    let doc = Document::parse(case.text.as_str());
    rule.check(&doc)
        .iter()
        .map(|d| doc.source[d.range.clone()].to_string())
        .collect()
}

/// Run every case of every rule.
pub fn run_tests(rules: &[PackRule]) -> Vec<CaseResult> {
    let mut out = Vec::new();
    for r in rules {
        for (i, case) in r.tests.iter().enumerate() {
            out.push(CaseResult {
                rule: r.id.clone(),
                path: r.path.clone(),
                number: i + 1,
                line: case.line,
                expected: case.expect.clone(),
                got: flagged(r, case),
            });
        }
    }
    out
}

fn quoted(spans: &[String]) -> String {
    format!(
        "[{}]",
        spans
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The report `galley test-rules` prints.
pub fn report(results: &[CaseResult], color: bool) -> String {
    let (green, red, bold, reset) = if color {
        ("\x1b[32m", "\x1b[31m", "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let mut s = String::new();
    for r in results {
        if r.passed() {
            s.push_str(&format!(
                "{green}pass{reset} {} #{} ({}:{})\n",
                r.rule,
                r.number,
                r.path.display(),
                r.line
            ));
        } else {
            s.push_str(&format!(
                "{red}{bold}FAIL{reset} {} #{} ({}:{})\n     expected: {}\n          got: {}\n",
                r.rule,
                r.number,
                r.path.display(),
                r.line,
                quoted(&r.expected),
                quoted(&r.got)
            ));
        }
    }
    let failed = results.iter().filter(|r| !r.passed()).count();
    s.push_str(&format!(
        "\n{} cases: {} passed, {} failed\n",
        results.len(),
        results.len() - failed,
        failed
    ));
    s
}

/// `galley test-rules [DIR]` on the pack folders `targets` (or the configuration errors met
/// finding them): 0 when every case passes, 1 when one fails, 2 on pack errors.
pub fn test_rules_command(targets: Result<Vec<PathBuf>, Vec<ConfigError>>) -> u8 {
    let color_out = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let color_err = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let targets = match targets {
        Ok(t) => t,
        Err(errors) => {
            eprint!("{}", render(&errors, color_err));
            return 2;
        }
    };
    let mut rules: Vec<PackRule> = Vec::new();
    let mut builtins: Vec<&'static PackRule> = Vec::new();
    let mut errors = Vec::new();
    for t in &targets {
        if let Some(name) = builtin_ref(t) {
            if name.is_empty() || builtin_packs().contains(&name) {
                builtins.extend(
                    builtin()
                        .iter()
                        .filter(|r| name.is_empty() || r.pack == name),
                );
                errors.extend(builtin_errors().iter().cloned());
            } else {
                errors.push(ConfigError::whole_file(
                    t,
                    format!(
                        "no built-in pack `{name}`; {}",
                        super::read::one_of_help(name, &builtin_packs())
                    ),
                ));
            }
            continue;
        }
        if !t.is_dir() {
            errors.push(ConfigError::whole_file(t, "no such folder"));
            continue;
        }
        let (r, e) = load_dir(t);
        rules.extend(r);
        errors.extend(e);
    }
    if !errors.is_empty() {
        eprint!("{}", render(&errors, color_err));
        eprintln!(
            "galley: {} error{} in rule packs",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
        return 2;
    }
    let mut results = Vec::new();
    for r in builtins {
        results.extend(run_tests(std::slice::from_ref(r)));
    }
    results.extend(run_tests(&rules));
    if results.is_empty() {
        eprintln!("galley: no rule files found");
        return 2;
    }
    print!("{}", report(&results, color_out));
    if results.iter().all(CaseResult::passed) {
        0
    } else {
        1
    }
}
