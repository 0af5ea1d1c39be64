use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = galley::cli::Cli::parse();
    galley::app::run(cli).into()
}
