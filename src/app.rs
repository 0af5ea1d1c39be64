//! The commands: arguments in, exit status out.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::cli::{CheckArgs, Cli, ColorChoice, Command, FailOn, Format};
use crate::config::{Level, Settings};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{DiscoverError, Input, decode, discover, io_message};
use crate::document::Document;
use crate::render::{self, Counts, JsonDiagnostic};
use crate::rules;

/// Exit statuses.
pub const OK: u8 = 0;
pub const FINDINGS: u8 = 1;
pub const TROUBLE: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules => {
            print!("{}", rules_table());
            OK
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => {
                print!("{}", explain(r.doc()));
                OK
            }
            None => {
                eprintln!("error: unknown rule `{rule}`{}", did_you_mean(&rule));
                TROUBLE
            }
        },
    }
}

/// " (did you mean `x`?)" when a known rule id is close.
pub fn did_you_mean(unknown: &str) -> String {
    suggest(unknown, rules::ids())
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

/// The nearest candidate by edit distance, when it is near enough.
pub fn suggest<'a>(unknown: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim_distance(unknown, c), c))
        .filter(|&(d, c)| d <= (c.len() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

fn strsim_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

pub fn rules_table() -> String {
    let mut out = String::new();
    for r in rules::builtin() {
        let d = r.doc();
        let level = match d.default {
            Level::Off => "off",
            Level::On(s) => s.as_str(),
        };
        out.push_str(&format!("{:<24} {:<8} {}\n", d.id, level, d.summary));
    }
    out
}

pub fn explain(d: &rules::RuleDoc) -> String {
    let level = match d.default {
        Level::Off => "off".to_string(),
        Level::On(s) => s.as_str().to_string(),
    };
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

/// What checking one input produced, ready to print.
struct Outcome {
    /// Rendered findings (human/short text, or JSON objects).
    text: String,
    json: Vec<JsonDiagnostic>,
    counts: Counts,
    /// Could not be checked: printed to stderr, exit status 2.
    error: Option<String>,
    /// Skipped with a warning.
    warning: Option<String>,
    checked: bool,
}

struct Job {
    input: Input,
    display: String,
}

fn fail_on(args: &CheckArgs, settings: &Settings) -> Severity {
    match args.fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        None => settings.fail_on,
    }
}

fn check(args: CheckArgs) -> u8 {
    let mut settings = Settings::default();
    if let Some(max) = args.max_file_size {
        settings.max_file_size = max;
    }
    let fail_on = fail_on(&args, &settings);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };

    let (inputs, discover_errors) = discover(&args.paths);
    let mut status = OK;
    let stderr = std::io::stderr();
    for DiscoverError { path, message } in &discover_errors {
        let _ = writeln!(stderr.lock(), "error: {}: {message}", path.display());
        status = TROUBLE;
    }

    let stdin_text: Option<Result<Vec<u8>, String>> = inputs.contains(&Input::Stdin).then(|| {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map(|_| buf)
            .map_err(|e| io_message(&e))
    });
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string());

    let jobs: Vec<Job> = inputs
        .into_iter()
        .map(|input| {
            let display = match &input {
                Input::Stdin => stdin_name.clone(),
                Input::File(p) => p.display().to_string(),
            };
            Job { input, display }
        })
        .collect();

    let format = args.format;
    let process = |job: &Job| -> Outcome {
        let bytes = match &job.input {
            Input::Stdin => stdin_text.clone().unwrap_or_else(|| Ok(Vec::new())),
            Input::File(p) => read_limited(p, settings.max_file_size),
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(msg) if msg.starts_with("skipped") => {
                return Outcome::skipped(format!("{}: {msg}", job.display));
            }
            Err(msg) => return Outcome::failed(format!("{}: {msg}", job.display)),
        };
        let source = match decode(bytes) {
            Ok(s) => s,
            Err(msg) => return Outcome::failed(format!("{}: {msg}", job.display)),
        };
        let doc = Document::parse(source);
        let diags = crate::check_document(&doc, &settings);
        render_outcome(format, color, &job.display, &doc, diags)
    };

    let mut totals = Counts::default();
    let mut json = Vec::new();
    let mut json_errors = Vec::new();
    let mut files = 0;
    let mut worst: Option<Severity> = None;
    let stdout = std::io::stdout();
    let mut emit = |o: Outcome, status: &mut u8| {
        let mut out = stdout.lock();
        if let Some(w) = &o.warning {
            let _ = writeln!(stderr.lock(), "warning: {w}");
        }
        if let Some(e) = &o.error {
            let _ = writeln!(stderr.lock(), "error: {e}");
            *status = TROUBLE;
            let (path, message) = e.split_once(": ").unwrap_or((e, ""));
            json_errors.push(render::JsonError {
                path: path.to_string(),
                message: message.to_string(),
            });
        }
        if o.checked {
            files += 1;
        }
        totals.merge(o.counts);
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            let n = match s {
                Severity::Error => o.counts.errors,
                Severity::Warning => o.counts.warnings,
                Severity::Info => o.counts.infos,
            };
            if n > 0 {
                worst = worst.max(Some(s));
            }
        }
        if format == Format::Json {
            json.extend(o.json);
        } else {
            let _ = out.write_all(o.text.as_bytes());
        }
    };

    run_ordered(&jobs, &process, |o| emit(o, &mut status));

    match format {
        Format::Json => {
            let report = render::JsonReport {
                version: 1,
                diagnostics: json,
                summary: render::JsonSummary {
                    files,
                    errors: totals.errors,
                    warnings: totals.warnings,
                    infos: totals.infos,
                },
                errors: json_errors,
            };
            let text = serde_json::to_string_pretty(&report).unwrap_or_default();
            println!("{text}");
        }
        Format::Human => {
            if totals.total() > 0 || files > 1 {
                let _ = writeln!(
                    stderr.lock(),
                    "galley: {}",
                    render::summary_line(totals, files)
                );
            }
        }
        Format::Short => {}
    }

    if worst.is_some_and(|w| w >= fail_on) && status == OK {
        status = FINDINGS;
    }
    status
}

impl Outcome {
    fn failed(message: String) -> Outcome {
        Outcome {
            text: String::new(),
            json: Vec::new(),
            counts: Counts::default(),
            error: Some(message),
            warning: None,
            checked: false,
        }
    }

    fn skipped(message: String) -> Outcome {
        Outcome {
            warning: Some(message),
            ..Outcome::failed(String::new())
        }
        .without_error()
    }

    fn without_error(mut self) -> Outcome {
        self.error = None;
        self
    }
}

fn render_outcome(
    format: Format,
    color: bool,
    path: &str,
    doc: &Document,
    diags: Vec<Diagnostic>,
) -> Outcome {
    let counts = Counts::of(&diags);
    let (text, json) = match format {
        Format::Human => (render::human(path, &doc.source, &diags, color), Vec::new()),
        Format::Short => (
            render::short(path, &doc.source, &doc.lines, &diags),
            Vec::new(),
        ),
        Format::Json => (
            String::new(),
            diags
                .iter()
                .map(|d| render::json_diagnostic(path, &doc.source, &doc.lines, d))
                .collect(),
        ),
    };
    Outcome {
        text,
        json,
        counts,
        error: None,
        warning: None,
        checked: true,
    }
}

/// Read a file, refusing ones over the size limit.
fn read_limited(path: &PathBuf, max: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a folder".to_string());
    }
    if meta.len() > max {
        return Err(format!(
            "skipped: {} bytes is over the size limit of {max} bytes (--max-file-size)",
            meta.len()
        ));
    }
    std::fs::read(path).map_err(|e| io_message(&e))
}

/// Process jobs on every core, handing results to `emit` in job order as soon as each is
/// ready, so output streams and memory stays bounded by the files in flight.
fn run_ordered<J: Sync, O: Send>(
    jobs: &[J],
    process: &(dyn Fn(&J) -> O + Sync),
    mut emit: impl FnMut(O),
) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    if workers <= 1 {
        for job in jobs {
            emit(process(job));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        // A bounded channel keeps workers from running far ahead of the printer.
        let (tx, rx) = mpsc::sync_channel::<(usize, O)>(workers * 4);
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= jobs.len() {
                        break;
                    }
                    if tx.send((i, process(&jobs[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (i, o) in rx {
            pending.insert(i, o);
            while let Some(o) = pending.remove(&want) {
                emit(o);
                want += 1;
            }
        }
    });
}
