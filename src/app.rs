//! The commands: arguments in, exit status out.

use std::collections::BTreeMap;
use std::collections::HashSet;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::cli::{CheckArgs, Cli, ColorChoice, Command, FailOn, Format};
use crate::config::{CliOverrides, Level, Resolver, Settings};
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
    if cli.version {
        if cli.verbose {
            print!("{}", crate::credits::long_version());
        } else {
            println!("galley {}", env!("CARGO_PKG_VERSION"));
        }
        return OK;
    }
    let Some(command) = cli.command else {
        // Only reachable with flags that are not a command (clap shows the help when there
        // are no arguments at all).
        let _ = <Cli as clap::CommandFactory>::command().print_help();
        return TROUBLE;
    };
    match command {
        Command::Credits { full } => {
            print!("{}", crate::credits::text(full));
            OK
        }
        Command::Check(args) => check(args),
        Command::Inspect(args) => crate::inspect::run(&args),
        Command::Rules => {
            let settings = current_settings();
            print!("{}", rules_table());
            print!("{}", pack_rules_table(&settings));
            OK
        }
        Command::Init(args) => {
            let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
            match crate::config::init::write(&dir, args.force) {
                Ok(path) => {
                    let path = path
                        .strip_prefix(".")
                        .unwrap_or(&path)
                        .display()
                        .to_string();
                    eprintln!("galley: wrote {path}; edit it, then run `galley check`");
                    OK
                }
                Err(msg) => {
                    eprintln!("error: {msg}");
                    TROUBLE
                }
            }
        }
        Command::TestRules { dir } => crate::packs::test_rules_command(dir.as_deref()),
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => {
                print!("{}", explain(r.doc()));
                OK
            }
            None if rule.contains('/') => {
                let settings = current_settings();
                let loaded = crate::packs::load(&settings.packs);
                match loaded.all_rules().find(|r| r.id == rule) {
                    Some(r) => {
                        let level = crate::packs::level_of(r, &settings, &loaded.enabled);
                        print!("{}", explain_pack_rule(r, level));
                        OK
                    }
                    None => {
                        let ids: Vec<&str> = loaded.all_rules().map(|r| r.id.as_str()).collect();
                        let hint = suggest(&rule, ids.iter().copied())
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_else(|| {
                                "; `galley rules` lists the rules of every pack".to_string()
                            });
                        eprintln!("error: unknown rule `{rule}`{hint}");
                        TROUBLE
                    }
                }
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

/// The nearest candidate by edit distance, when it is near enough (shared with the
/// configuration's "did you mean").
pub use crate::config::suggest;

pub fn rules_table() -> String {
    let mut out = String::new();
    for r in rules::builtin() {
        let d = r.doc();
        out.push_str(&format!(
            "{:<24} {:<8} {}\n",
            d.id,
            level_name(d.default),
            d.summary
        ));
    }
    out
}

/// The settings of the current folder (its `galley.toml`, if any), for listings. A broken
/// configuration is reported and the defaults are used.
fn current_settings() -> Arc<Settings> {
    let mut resolver = Resolver::new(None, true, CliOverrides::default());
    match resolver.settings_for_stdin(None) {
        Ok(s) => s,
        Err(_) => {
            for e in resolver.take_errors() {
                eprintln!("warning: {}", e.one_line());
            }
            Arc::new(Settings::default())
        }
    }
}

/// Rule-pack rules (the built-in packs and the configured ones) with their level under
/// `settings`.
pub fn pack_rules_table(settings: &Settings) -> String {
    let loaded = crate::packs::load(&settings.packs);
    let mut rules: Vec<_> = loaded.all_rules().collect();
    if rules.is_empty() {
        return String::new();
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = String::from(
        "\nRule packs (built-in packs are off until `packs = [\"builtin:NAME\"]` names them;\n\
         `galley explain pack/name` shows a rule and its examples):\n",
    );
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0).max(24);
    for r in rules {
        let level = crate::packs::level_of(r, settings, &loaded.enabled);
        let summary = r.description.as_deref().unwrap_or(r.kind);
        out.push_str(&format!(
            "{:<width$} {:<8} {}\n",
            r.id,
            level_name(level),
            summary
        ));
    }
    out
}

/// `galley explain pack/name`: what a pack rule is, where it comes from, and its test cases
/// as examples.
pub fn explain_pack_rule(r: &crate::packs::PackRule, level: Level) -> String {
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

pub fn explain(d: &rules::RuleDoc) -> String {
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
         the same text). Do not edit by hand: `UPDATE_SNAPSHOTS=1 cargo test --test rules` \
         regenerates it.\n\n| Rule | Default | Summary |\n|---|---|---|\n",
    );
    for r in rules::builtin() {
        let d = r.doc();
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {} | {} |\n",
            level_name(d.default),
            d.summary.replace('|', "\\|"),
            id = d.id
        ));
    }
    out.push('\n');
    out.push_str(crate::document::markup::WHAT_IS_PROSE);
    for r in rules::builtin() {
        let d = r.doc();
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
    /// What `--fix`/`--diff` did to this file.
    fix: Option<crate::fix::FileFix>,
    /// Has findings at or above the file's `fail-on`.
    fails: bool,
}

struct Job {
    input: Input,
    display: String,
    /// From the configuration files that apply to this input, and the command line.
    settings: Arc<Settings>,
}

/// Settings given on the command line, which beat every configuration file.
fn cli_overrides(args: &CheckArgs) -> CliOverrides {
    CliOverrides {
        fail_on: args.fail_on.map(|f| match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }),
        max_file_size: args.max_file_size,
    }
}

fn check(args: CheckArgs) -> u8 {
    let mut resolver = Resolver::new(
        args.config.as_deref(),
        !args.no_config,
        cli_overrides(&args),
    );
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };

    // Changed-lines mode and fixes (src/changed.rs, src/fix.rs).
    let post = match crate::fix::PostOptions::from_args(&args) {
        Ok(post) => post,
        Err(msg) => {
            eprintln!("error: {msg}");
            return TROUBLE;
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

    // Configuration for each input (found, compiled and merged once per folder and file).
    // Files a configuration excludes are dropped unless named on the command line.
    let named: HashSet<&Path> = args
        .paths
        .iter()
        .map(|p| p.strip_prefix(".").unwrap_or(p))
        .collect();
    let mut jobs: Vec<Job> = Vec::new();
    let mut unconfigured = 0;
    for input in inputs {
        let settings = match &input {
            Input::Stdin => {
                resolver.settings_for_stdin(args.stdin_filename.as_deref().map(Path::new))
            }
            Input::File(p) => {
                if !named.contains(p.as_path()) && resolver.is_excluded(p) {
                    continue;
                }
                resolver.settings_for(p)
            }
        };
        let display = match &input {
            Input::Stdin => stdin_name.clone(),
            Input::File(p) => p.display().to_string(),
        };
        match settings {
            Ok(settings) => jobs.push(Job {
                input,
                display,
                settings,
            }),
            Err(_) => unconfigured += 1,
        }
    }
    let mut config_errors = resolver.take_errors();
    // Errors in the rule packs the configurations name (each reported once).
    for job in &jobs {
        config_errors.extend(crate::packs::take_errors(&job.settings));
    }
    if !config_errors.is_empty() {
        let color_err = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        let _ = write!(
            stderr.lock(),
            "{}",
            crate::config::error::render(&config_errors, color_err)
        );
        status = TROUBLE;
    }
    if unconfigured > 0 {
        let _ = writeln!(
            stderr.lock(),
            "error: {unconfigured} file{} not checked because of the configuration errors above",
            if unconfigured == 1 { " was" } else { "s were" }
        );
        status = TROUBLE;
    }
    // With `--fix`, standard input's fixed text takes standard output; findings go to stderr.
    let findings_to_stderr = post.writes() && jobs.iter().any(|j| j.input == Input::Stdin);

    let format = args.format;
    let process = |job: &Job| -> Outcome {
        let bytes = match &job.input {
            Input::Stdin => stdin_text
                .clone()
                .unwrap_or_else(|| Ok(Vec::new()))
                .and_then(|b| {
                    if b.len() as u64 > job.settings.max_file_size {
                        Err(format!(
                            "skipped: {} bytes is over the size limit of {} bytes (--max-file-size)",
                            b.len(),
                            job.settings.max_file_size
                        ))
                    } else {
                        Ok(b)
                    }
                }),
            Input::File(p) => read_limited(p, job.settings.max_file_size),
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
        let settings = &job.settings;
        let diags = crate::check_document(&doc, settings);
        let recheck = |d: &Document| crate::check_document(d, settings);
        let (doc, diags, fix) =
            match crate::fix::after_rules(&post, &job.input, &job.display, doc, diags, &recheck) {
                Ok(done) => done,
                Err(msg) => return Outcome::failed(format!("{}: {msg}", job.display)),
            };
        let fails = diags.iter().any(|d| d.severity >= settings.fail_on);
        let mut outcome = render_outcome(format, color, &job.display, &doc, diags);
        outcome.fix = fix;
        outcome.fails = fails;
        outcome
    };

    let mut totals = Counts::default();
    let mut json = Vec::new();
    // Configuration errors go in the JSON report's `errors` too.
    let mut json_errors: Vec<render::JsonError> = config_errors
        .iter()
        .map(|e| render::JsonError {
            path: e.path.display().to_string(),
            message: e.located_message(),
        })
        .collect();
    let mut files = 0;
    let mut fails = false;
    let mut sarif: Vec<String> = Vec::new();
    let mut fix_totals = crate::fix::FixTotals::default();
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
        fails |= o.fails;
        if let Some(f) = &o.fix {
            if let Some(line) = fix_totals.add(f, post.diff) {
                let _ = writeln!(stderr.lock(), "galley: {line}");
            }
            if let Some(fixed) = &f.stdout {
                let _ = out.write_all(fixed.as_bytes());
            }
            let _ = out.write_all(f.diff.as_bytes());
        }
        if format == Format::Json {
            json.extend(o.json);
        } else if format == Format::Sarif {
            sarif.push(o.text);
        } else if post.diff {
            // `--diff` prints the diff alone.
        } else if findings_to_stderr {
            let _ = stderr.lock().write_all(o.text.as_bytes());
        } else {
            let _ = out.write_all(o.text.as_bytes());
        }
    };

    run_ordered(&jobs, &process, |o| emit(o, &mut status));

    match format {
        _ if post.diff => {}
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
            if findings_to_stderr {
                let _ = writeln!(stderr.lock(), "{text}");
            } else {
                let _ = writeln!(stdout.lock(), "{text}");
            }
        }
        Format::Sarif => {
            let text = render::sarif_log(sarif.iter().map(String::as_str));
            if findings_to_stderr {
                let _ = writeln!(stderr.lock(), "{text}");
            } else {
                let _ = writeln!(stdout.lock(), "{text}");
            }
        }
        Format::Github => {}
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
    if post.fix.is_some() {
        let _ = writeln!(
            stderr.lock(),
            "{}",
            fix_totals.summary(totals.total(), post.diff)
        );
    }

    if fails && status == OK {
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
            fix: None,
            fails: false,
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
        Format::Github => (
            render::github(path, &doc.source, &doc.lines, &diags),
            Vec::new(),
        ),
        Format::Sarif => (
            render::sarif_results(path, &doc.source, &doc.lines, &diags),
            Vec::new(),
        ),
    };
    Outcome {
        text,
        json,
        counts,
        error: None,
        warning: None,
        checked: true,
        fix: None,
        fails: false,
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
