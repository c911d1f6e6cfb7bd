//! `kabar config --default|--path`: the complete commented settings file with every setting at
//! its default, and where kabar reads `config.toml` from.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::library;
use crate::settings;

/// `kabar config`'s arguments: one of the two questions.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("question").required(true)))]
pub struct ConfigArgs {
    /// Print a complete settings file: every section with its settings at their defaults,
    /// explained, and commented-out examples (`kabar config --default > FILE` to start one).
    #[arg(long, group = "question")]
    default: bool,
    /// Print where the settings file is read from (whether or not it exists yet).
    #[arg(long, group = "question")]
    path: bool,
}

pub(super) fn run(args: &ConfigArgs) -> Result<ExitCode> {
    if args.path {
        let path = library::settings_path()
            .context("no home folder is known, so there is no settings file; set HOME")?;
        crate::safe_println!("{}", path.display());
    } else {
        crate::safe_output::stdout().write_all(settings::default::TEXT.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
