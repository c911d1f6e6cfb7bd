//! The `kabar` binary: parse the command line, run a subcommand or the reader, map errors to
//! exit codes. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kabar::cli::Cli::parse();
    match kabar::cli::run(cli) {
        Ok(code) => code,
        // A closed pipe (`kabar annotate … | head`) is the reader leaving early, not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kabar: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
