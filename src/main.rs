use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = galley::cli::Cli::parse();
    ExitCode::from(galley::app::run(cli))
}
