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
                  CMS boilerplate.",
    // `--version` is ours rather than clap's, so that `--version --verbose` can add the
    // credits of the embedded data; with no arguments at all, the help is shown.
    disable_version_flag = true,
    arg_required_else_help = true
)]
pub struct Cli {
    /// Print the version (with --verbose, the licences and credits of the embedded data too)
    #[arg(short = 'V', long)]
    pub version: bool,

    /// With --version: also print the embedded data, its licences and credits
    #[arg(long, requires = "version")]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
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
    /// Write a commented starter galley.toml
    Init(InitArgs),
    /// Show the analysis rules see: blocks, sentences, tokens, tags, dependency parse and
    /// lexicon facts
    Inspect(InspectArgs),
    /// Run the `[[test]]` cases of rule packs
    #[command(name = "test-rules")]
    TestRules {
        /// A pack folder, a folder of packs, or `builtin:` / `builtin:NAME` (default: the
        /// configured packs, else `rules/packs`)
        dir: Option<PathBuf>,
    },
    /// Print the data embedded in galley, what it is used for, its licences and the credits
    /// they ask for
    Credits {
        /// Also print the licence notices in full
        #[arg(long)]
        full: bool,
    },
    /// Run a Language Server Protocol server on standard input and output, for editors
    /// (see docs/editors.md)
    Lsp,
}

#[derive(Args, Debug, Default)]
pub struct InitArgs {
    /// Folder to write galley.toml into (default: the current folder)
    pub dir: Option<PathBuf>,

    /// Replace an existing galley.toml
    #[arg(long)]
    pub force: bool,
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

    /// Use this configuration file, on top of the nearest galley.toml (which it beats)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Do not look for galley.toml files (a --config file still applies)
    #[arg(long)]
    pub no_config: bool,

    /// Apply safe fixes to the files (with `-`, print the fixed text)
    #[arg(long)]
    pub fix: bool,

    /// Apply unsafe fixes too (implies --fix)
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff and change nothing
    #[arg(long)]
    pub diff: bool,

    /// Report only findings on lines added or changed since this git revision
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
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
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// SARIF 2.1.0, for code scanning
    Sarif,
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

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// The Markdown file to analyse (`-` for standard input)
    pub file: PathBuf,

    /// Output format
    #[arg(long, value_enum, default_value_t = InspectFormat::Human)]
    pub format: InspectFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InspectFormat {
    /// One line per token, grouped by sentence
    #[default]
    Human,
    /// For tools: `{"path", "blocks", "sentences": [{"tokens": [...]}]}`
    Json,
}
