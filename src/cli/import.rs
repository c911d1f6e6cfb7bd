//! `kabar import PATH|URL`: a file or web page into the library, printing where it is. The
//! work is done by [`crate::import`]; this only finds the library and reports.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::fetch::{self, Fetcher};
use crate::import::{self, store};
use crate::library;

/// The library folder in the user's data folder.
pub(super) fn library_dir() -> Result<PathBuf> {
    library::data_dir()
        .map(|d| store::articles_dir(&d))
        .context("no data folder is known (HOME is not set); cannot keep a library")
}

pub(super) fn import(source: &str) -> Result<ExitCode> {
    let dir = library_dir()?;
    let (saved, warnings) = if fetch::looks_like_url(source) {
        import::url_into_library(source, &dir, &Fetcher::default())?
    } else {
        let article = import::from_file(Path::new(source))?;
        (store::save(&article, &dir)?, article.warnings)
    };
    for warning in warnings {
        crate::safe_eprintln!("kabar: warning: {warning}");
    }
    report(&saved)?;
    Ok(ExitCode::SUCCESS)
}

/// One line on stdout: the new file, or where the article already is.
pub(super) fn report(saved: &store::Saved) -> std::io::Result<()> {
    let mut out = crate::safe_output::stdout();
    match saved {
        store::Saved::New(path) => writeln!(out, "{}", path.display()),
        store::Saved::Existing(path) => {
            writeln!(out, "already in your library: {}", path.display())
        }
    }
}
