//! `kabar export`: terms as an Anki text-import file and/or CSV, written atomically (or to
//! standard output for `-`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::Sources;
use crate::export;
use crate::review::Card;

pub(super) fn export(
    anki: Option<&Path>,
    csv: Option<&Path>,
    status: Option<&str>,
    sources: &Sources,
) -> Result<ExitCode> {
    let statuses = match status {
        Some(list) => export::parse_statuses(list).map_err(anyhow::Error::msg)?,
        None => export::DEFAULT_STATUSES.to_vec(),
    };
    for path in anki.into_iter().chain(csv) {
        if path.extension().is_some_and(|e| e == "toml") {
            bail!(
                "{}: will not write an export over a .toml file; name a .tsv or .csv file",
                path.display()
            );
        }
    }
    if anki.is_some_and(|p| p == Path::new("-")) && csv.is_some_and(|p| p == Path::new("-")) {
        bail!("--anki - and --csv - would both write to standard output; send one to a file");
    }
    let opened = sources.layers()?;
    opened.report();
    let layers = opened.layers;
    for problem in layers.glossary().problems() {
        crate::safe_eprintln!("kabar: warning: {problem} (its terms are not exported)");
    }
    let mut cards = export::select(layers.glossary(), &statuses, Some(layers.analyser()));
    // Words rated outside the glossary carry the meaning a dictionary gives them.
    let words = crate::library::word_statuses()?;
    cards.extend(crate::review::card::word_cards(&layers, &words, |status| {
        statuses.contains(&status)
    }));
    crate::review::card::translate_sentences(&mut cards, &crate::library::sentence_translations());
    if let Some(path) = anki {
        let mut text = Vec::new();
        export::write_anki(&cards, &mut text)?;
        write_out(path, &text, &cards, "Anki notes")?;
    }
    if let Some(path) = csv {
        let mut text = Vec::new();
        export::write_csv(&cards, &mut text)?;
        write_out(path, &text, &cards, "CSV rows")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to `path` in one atomic replacement, or to standard output for `-`.
fn write_out(path: &Path, text: &[u8], cards: &[Card], what: &str) -> Result<()> {
    if path == Path::new("-") {
        crate::safe_output::stdout().write_all(text)?;
        return Ok(());
    }
    // The writers only ever produce UTF-8 from UTF-8 strings.
    let text = String::from_utf8_lossy(text);
    crate::atomic_file::replace(path, None, &text)
        .with_context(|| format!("{}: export not written", path.display()))?;
    crate::safe_eprintln!("kabar: wrote {} {what} to {}", cards.len(), path.display());
    Ok(())
}
