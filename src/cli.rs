//! Command-line definitions (clap derive only).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "galley",
    version,
    about = "An editorial quality linter for Markdown article drafts",
    long_about = "galley reads Markdown drafts and prints compiler-style diagnostics for the \
                  defects rushed copy ships with: dropped word endings, sentence fragments, \
                  orphaned clauses, repeated headlines, unclosed quotes, mixed spellings and \
                  CMS boilerplate."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check Markdown files and folders (default: the current folder)
    Check(CheckArgs),
    /// List every rule with its default severity and a summary
    Rules,
    /// Print a rule's documentation
    Explain {
        /// The rule id, e.g. `dropped-suffix`
        rule: String,
    },
}

#[derive(Args, Debug, Default)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to use colour in human output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Lowest severity that makes the exit status 1
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Name to show for standard input
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,

    /// Skip files larger than this many bytes (default 10 MiB)
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// rustc-style diagnostics with the source underlined
    #[default]
    Human,
    /// One line per finding: path:line:col: severity[rule] message
    Short,
    /// The machine contract (see README)
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}
