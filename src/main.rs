//! The `kabar` binary: parse the command line, run a subcommand or the reader, map errors to
//! exit codes. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match kabar::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    match kabar::cli::run(cli) {
        Ok(code) => code,
        // A closed pipe (`kabar annotate … | head`) is the reader leaving early, not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            kabar::safe_eprintln!("kabar: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Help and version as clap prints them; a usage error through the sanitizer, since it quotes
/// the arguments given (which may come from anywhere).
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let _ = err.print();
        return ExitCode::SUCCESS;
    }
    let text = err.to_string();
    kabar::safe_eprintln!("{}", text.trim_end());
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
