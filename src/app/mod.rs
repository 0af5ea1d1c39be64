//! The commands: arguments in, exit status out. `app` wires the stages of the pipeline
//! (see `docs/architecture.md`); it holds no analysis of its own.
//!
//! - [`check`]: `galley check`, discover → parse → analyse → rules → filter → render or fix;
//! - [`listing`]: the rule listings (`galley rules`, `galley explain`, the rules page).

mod check;
mod listing;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cli::{Cli, Command};
use crate::config::{CliOverrides, Resolver};
use crate::error::ExitStatus;
use crate::registry::RuleSet;
use crate::settings::{ConfigError, Settings};

pub use listing::{
    did_you_mean, explain, explain_pack_rule, pack_rules_table, rules_markdown, rules_table,
};

/// The nearest candidate by edit distance, when it is near enough (shared with the
/// configuration's "did you mean").
pub use crate::settings::suggest;

pub fn run(cli: Cli) -> ExitStatus {
    if cli.version {
        if cli.verbose {
            print!("{}", crate::credits::long_version());
        } else {
            println!("galley {}", env!("CARGO_PKG_VERSION"));
        }
        return ExitStatus::Ok;
    }
    let Some(command) = cli.command else {
        // Only reachable with flags that are not a command (clap shows the help when there
        // are no arguments at all).
        let _ = <Cli as clap::CommandFactory>::command().print_help();
        return ExitStatus::Trouble;
    };
    match command {
        Command::Credits { full } => {
            print!("{}", crate::credits::text(full));
            ExitStatus::Ok
        }
        Command::Check(args) => check::check(args),
        Command::Inspect(args) => crate::inspect::run(&args),
        Command::Rules => {
            let set = current_rule_set();
            print!("{}", rules_table());
            print!("{}", pack_rules_table(&set));
            ExitStatus::Ok
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
                    ExitStatus::Ok
                }
                Err(msg) => {
                    eprintln!("error: {msg}");
                    ExitStatus::Trouble
                }
            }
        }
        Command::TestRules { dir } => {
            match crate::packs::test_rules_command(test_targets(dir.as_deref())) {
                0 => ExitStatus::Ok,
                1 => ExitStatus::Findings,
                _ => ExitStatus::Trouble,
            }
        }
        Command::Explain { rule } => listing::explain_command(&rule, current_rule_set),
        Command::Lsp => crate::lsp::run(),
    }
}

/// The rule set of the current folder (its `galley.toml`, if any), for listings. A broken
/// configuration is reported and the defaults are used.
fn current_rule_set() -> Arc<RuleSet> {
    let mut resolver = Resolver::new(None, true, CliOverrides::default());
    match resolver.rule_set_for_stdin(None) {
        Ok(s) => s,
        Err(_) => {
            for e in resolver.take_errors() {
                eprintln!("warning: {}", e.one_line());
            }
            Arc::new(RuleSet::from_settings(&Settings::default()))
        }
    }
}

/// Which packs `test-rules` reads: the folder given (or `builtin:` / `builtin:NAME`), else
/// the configured packs, else `rules/packs` in the current folder.
fn test_targets(dir: Option<&Path>) -> Result<Vec<PathBuf>, Vec<ConfigError>> {
    if let Some(d) = dir {
        return Ok(vec![d.to_path_buf()]);
    }
    let mut resolver = Resolver::new(None, true, CliOverrides::default());
    let settings = resolver.settings_for_stdin(None);
    let errors = resolver.take_errors();
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Ok(s) = settings
        && !s.packs.is_empty()
    {
        return Ok(s.packs.clone());
    }
    Ok(vec![PathBuf::from("rules/packs")])
}
