//! `kabar export`: terms as an Anki text-import file and/or CSV, written atomically (or to
//! standard output for `-`), and/or sent to a running Anki through AnkiConnect.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::Sources;
use crate::export::{self, anki_connect};
use crate::review::Card;

/// `kabar export`'s arguments: where the terms go, and which.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("output").required(true).multiple(true)))]
pub struct ExportArgs {
    /// Anki's text-import format (tab-separated, with header lines).
    #[arg(long, value_name = "FILE", group = "output")]
    anki: Option<PathBuf>,
    /// CSV with a header row.
    #[arg(long, value_name = "FILE", group = "output")]
    csv: Option<PathBuf>,
    /// Add or update the notes in a running Anki through the AnkiConnect add-on.
    #[arg(long, group = "output")]
    anki_connect: bool,
    /// The Anki deck new notes go to (with --anki-connect; default: kabar).
    #[arg(long, value_name = "DECK", requires = "anki_connect")]
    deck: Option<String>,
    /// AnkiConnect's address (with --anki-connect; default: http://127.0.0.1:8765).
    #[arg(long, value_name = "URL", requires = "anki_connect")]
    url: Option<String>,
    /// The statuses to export, comma-separated: 1 to 5, W, I (default: 1,2,3,4).
    #[arg(long, value_name = "LIST")]
    status: Option<String>,
}

pub(super) fn export(args: &ExportArgs, sources: &Sources) -> Result<ExitCode> {
    let (anki, csv, status) = (
        args.anki.as_deref(),
        args.csv.as_deref(),
        args.status.as_deref(),
    );
    let deck = args.deck.as_deref().unwrap_or(anki_connect::DEFAULT_DECK);
    let url = args.url.as_deref().unwrap_or(anki_connect::DEFAULT_URL);
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
    // A wrong address is said before the glossary is read.
    let client = args
        .anki_connect
        .then(|| anki_connect::Client::new(url))
        .transpose()?;
    let opened = sources.layers()?;
    opened.report();
    let layers = opened.layers;
    for problem in layers.glossary().problems() {
        crate::safe_eprintln!("kabar: warning: {problem} (its terms are not exported)");
    }
    let words = crate::library::word_statuses()?;
    let mut cards = export::select(
        layers.glossary(),
        &words,
        &statuses,
        Some(layers.analyser()),
    );
    // Words rated outside the glossary carry the meaning a dictionary gives them.
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
    if let Some(client) = &client {
        let notes: Vec<anki_connect::Note> = cards
            .iter()
            .map(|card| anki_connect::Note::from_row(export::row(card)))
            .collect();
        let outcome = anki_connect::send(client, deck, &notes)?;
        match &outcome.note_type {
            anki_connect::NoteTypeChange::None => {}
            anki_connect::NoteTypeChange::Created => crate::safe_eprintln!(
                "kabar: created the note type \"{}\" in Anki",
                export::ANKI_NOTETYPE
            ),
            anki_connect::NoteTypeChange::FieldsAdded {
                fields,
                back_updated,
            } => {
                crate::safe_eprintln!(
                    "kabar: added the fields {} to Anki's note type \"{}\"{}",
                    fields.join(", "),
                    export::ANKI_NOTETYPE,
                    if *back_updated {
                        " and to its card's back"
                    } else {
                        ""
                    }
                );
                if !back_updated && fields.contains(&"sentence_translation") {
                    crate::safe_eprintln!(
                        "kabar: to see the sentence's English on the card, add {{{{sentence_translation}}}} to the back of the note type's card in Anki (Tools → Manage Note Types → Cards)"
                    );
                }
            }
        }
        crate::safe_eprintln!(
            "kabar: Anki: {} note{} added to deck \"{}\", {} updated",
            outcome.added.len(),
            if outcome.added.len() == 1 { "" } else { "s" },
            outcome.deck,
            outcome.updated.len()
        );
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
