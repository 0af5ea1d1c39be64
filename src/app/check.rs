//! `galley check`: the pipeline wired end to end.
//!
//! discover (the inputs) → configuration (a rule set per distinct configuration) → for each
//! input, on worker threads: read → parse and analyse ([`Document`]) → rules
//! ([`crate::check`]) → filter ([`crate::filter`]: suppressions, changed lines) → fix
//! ([`crate::fix`]) → render ([`crate::render`]); then, in input order, the report sink
//! prints and the exit status is worked out.

use std::collections::BTreeMap;
use std::collections::HashSet;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::cli::{CheckArgs, ColorChoice, FailOn, Format};
use crate::config::{CliOverrides, Resolver};
use crate::diagnostic::Severity;
use crate::discover::{DiscoverError, Input, decode, discover, io_message};
use crate::document::Document;
use crate::error::{ExitStatus, InputError};
use crate::filter::changed::LineFilter;
use crate::fix::{FileFix, FixTotals, PostOptions};
use crate::registry::RuleSet;
use crate::render::{self, Finished, Rendered, Report};

/// What checking one input produced, ready to print.
enum Outcome {
    Checked {
        rendered: Rendered,
        /// What `--fix`/`--diff` did to this file.
        fix: Option<FileFix>,
        /// Has findings at or above the file's `fail-on`.
        fails: bool,
    },
    /// Could not be checked (or was skipped, see [`InputError::is_skip`]).
    Failed(InputError),
}

struct Job {
    input: Input,
    display: String,
    /// The configuration that applies to this input, with the command line's settings.
    set: Arc<RuleSet>,
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

fn color_for(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

pub(super) fn check(args: CheckArgs) -> ExitStatus {
    let mut resolver = Resolver::new(
        args.config.as_deref(),
        !args.no_config,
        cli_overrides(&args),
    );
    let color = color_for(args.color, std::io::stdout().is_terminal());

    // Changed-lines mode and fixes (src/filter/changed.rs, src/fix.rs).
    let post = match PostOptions::from_args(&args) {
        Ok(post) => post,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitStatus::Trouble;
        }
    };

    let (inputs, discover_errors) = discover(&args.paths);
    let mut status = ExitStatus::Ok;
    let stderr = std::io::stderr();
    for DiscoverError { path, message } in &discover_errors {
        let _ = writeln!(stderr.lock(), "error: {}: {message}", path.display());
        status = ExitStatus::Trouble;
    }

    let stdin_text: Option<Result<Vec<u8>, InputError>> =
        inputs.contains(&Input::Stdin).then(|| {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map(|_| buf)
                .map_err(|e| InputError::Read(io_message(&e)))
        });

    let (jobs, unconfigured) = configure(&args, inputs, &mut resolver);
    // Errors in the configuration files, then in the rule packs they name.
    let config_errors = resolver.take_errors();
    if !config_errors.is_empty() {
        let color_err = color_for(args.color, std::io::stderr().is_terminal());
        let _ = write!(
            stderr.lock(),
            "{}",
            crate::settings::error::render(&config_errors, color_err)
        );
        status = ExitStatus::Trouble;
    }
    if unconfigured > 0 {
        let _ = writeln!(
            stderr.lock(),
            "error: {unconfigured} file{} not checked because of the configuration errors above",
            if unconfigured == 1 { " was" } else { "s were" }
        );
        status = ExitStatus::Trouble;
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
                    InputError::check_size(b.len() as u64, job.set.settings().max_file_size)
                        .map(|()| b)
                }),
            Input::File(p) => read_limited(p, job.set.settings().max_file_size),
        };
        match bytes.and_then(|b| decode(b).map_err(InputError::Decode)) {
            Ok(source) => check_one(job, Document::parse(source), &post, format, color),
            Err(e) => Outcome::Failed(e),
        }
    };

    // Configuration errors go in the JSON report's `errors` too.
    let mut report = Report::begin(
        format,
        config_errors
            .iter()
            .map(|e| render::JsonError {
                path: e.path.display().to_string(),
                message: e.located_message(),
            })
            .collect(),
    );
    let mut fails = false;
    let mut fix_totals = FixTotals::default();
    let stdout = std::io::stdout();
    let mut emit = |job: &Job, o: Outcome, status: &mut ExitStatus| match o {
        Outcome::Failed(e) if e.is_skip() => {
            let _ = writeln!(stderr.lock(), "warning: {}: {e}", job.display);
        }
        Outcome::Failed(e) => {
            let _ = writeln!(stderr.lock(), "error: {}: {e}", job.display);
            *status = ExitStatus::Trouble;
            report.error(&job.display, e.to_string());
        }
        Outcome::Checked {
            rendered,
            fix,
            fails: f,
        } => {
            let mut out = stdout.lock();
            fails |= f;
            if let Some(f) = &fix {
                if let Some(line) = fix_totals.add(f, post.diff) {
                    let _ = writeln!(stderr.lock(), "galley: {line}");
                }
                if let Some(fixed) = &f.stdout {
                    let _ = out.write_all(fixed.as_bytes());
                }
                let _ = out.write_all(f.diff.as_bytes());
            }
            // (`--diff` prints the diff alone.)
            if let Some(text) = report.file(rendered)
                && !post.diff
            {
                if findings_to_stderr {
                    let _ = stderr.lock().write_all(text.as_bytes());
                } else {
                    let _ = out.write_all(text.as_bytes());
                }
            }
        }
    };
    run_ordered(&jobs, &process, |job, o| emit(job, o, &mut status));

    let totals = report.totals;
    if !post.diff {
        match report.finish() {
            Finished::Document(text) if findings_to_stderr => {
                let _ = writeln!(stderr.lock(), "{text}");
            }
            Finished::Document(text) => {
                let _ = writeln!(stdout.lock(), "{text}");
            }
            Finished::Summary(line) => {
                let _ = writeln!(stderr.lock(), "{line}");
            }
            Finished::Nothing => {}
        }
    }
    if post.fix.is_some() {
        let _ = writeln!(
            stderr.lock(),
            "{}",
            fix_totals.summary(totals.total(), post.diff)
        );
    }

    if fails && status == ExitStatus::Ok {
        status = ExitStatus::Findings;
    }
    status
}

/// The configuration of each input (found, compiled and merged once per folder and file).
/// Files a configuration excludes are dropped unless named on the command line. Returns the
/// jobs and how many inputs a broken configuration kept from being checked.
fn configure(args: &CheckArgs, inputs: Vec<Input>, resolver: &mut Resolver) -> (Vec<Job>, usize) {
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string());
    let named: HashSet<&Path> = args
        .paths
        .iter()
        .map(|p| p.strip_prefix(".").unwrap_or(p))
        .collect();
    let mut jobs: Vec<Job> = Vec::new();
    let mut unconfigured = 0;
    for input in inputs {
        let set = match &input {
            Input::Stdin => {
                resolver.rule_set_for_stdin(args.stdin_filename.as_deref().map(Path::new))
            }
            Input::File(p) => {
                if !named.contains(p.as_path()) && resolver.is_excluded(p) {
                    continue;
                }
                resolver.rule_set_for(p)
            }
        };
        let display = match &input {
            Input::Stdin => stdin_name.clone(),
            Input::File(p) => p.display().to_string(),
        };
        match set {
            Ok(set) => jobs.push(Job {
                input,
                display,
                set,
            }),
            Err(_) => unconfigured += 1,
        }
    }
    (jobs, unconfigured)
}

/// One input through the stages after parsing: rules, filters, fixes, rendering.
fn check_one(job: &Job, doc: Document, post: &PostOptions, format: Format, color: bool) -> Outcome {
    let set = &job.set;
    let diags = crate::check_with(&doc, set);
    let mut lines = match LineFilter::new(post.changed_since.as_ref(), &job.input, &doc.source) {
        Ok(l) => l,
        Err(msg) => return Outcome::Failed(InputError::Changed(msg)),
    };
    let diags = lines.keep(&doc, diags);
    let recheck = |d: &Document| lines.keep_fixed(d, crate::check_with(d, set));
    let (doc, diags, fix) =
        match crate::fix::after_rules(post, &job.input, &job.display, doc, diags, recheck) {
            Ok(done) => done,
            Err(e) => return Outcome::Failed(e),
        };
    let fails = crate::filter::fails(&diags, set.settings().fail_on);
    Outcome::Checked {
        rendered: render::render_file(format, color, &job.display, &doc, &diags),
        fix,
        fails,
    }
}

/// Read a file, refusing ones over the size limit.
fn read_limited(path: &PathBuf, max: u64) -> Result<Vec<u8>, InputError> {
    let meta = std::fs::metadata(path).map_err(|e| InputError::Read(io_message(&e)))?;
    if meta.is_dir() {
        return Err(InputError::IsFolder);
    }
    InputError::check_size(meta.len(), max)?;
    std::fs::read(path).map_err(|e| InputError::Read(io_message(&e)))
}

/// Process jobs on every core, handing results to `emit` in job order as soon as each is
/// ready, so output streams and memory stays bounded by the files in flight.
fn run_ordered<J: Sync, O: Send>(
    jobs: &[J],
    process: &(dyn Fn(&J) -> O + Sync),
    mut emit: impl FnMut(&J, O),
) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    if workers <= 1 {
        for job in jobs {
            emit(job, process(job));
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
                emit(&jobs[want], o);
                want += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn a_file_over_the_limit_is_a_skip_and_a_folder_an_error() {
        let dir = std::env::temp_dir().join(format!("galley-app-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.md");
        std::fs::write(&file, "0123456789").unwrap();
        let e = read_limited(&file, 4).unwrap_err();
        assert!(e.is_skip());
        assert_eq!(
            e.to_string(),
            "skipped: 10 bytes is over the size limit of 4 bytes (--max-file-size)"
        );
        assert_eq!(read_limited(&dir, 100), Err(InputError::IsFolder));
        assert_eq!(read_limited(&file, 100).unwrap(), b"0123456789");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_status_is_findings_only_at_or_over_fail_on() {
        let d = |s| Diagnostic {
            severity: s,
            ..Diagnostic::new("repeated-word", 0..1, "m")
        };
        assert!(!crate::filter::fails(
            &[d(Severity::Warning)],
            Severity::Error
        ));
        assert!(crate::filter::fails(
            &[d(Severity::Error)],
            Severity::Warning
        ));
    }
}
