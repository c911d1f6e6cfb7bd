//! `kabar review`: the review screen full screen, over the terms in status 1–4 of the glossary,
//! with the schedules in the review state file.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::Sources;
use crate::review::{self, ReviewState};
use crate::ui::review::Review;

pub(super) fn review(cloze: bool, sources: &Sources) -> Result<ExitCode> {
    let path = review::default_state_path().context(
        "no home folder is known, so there is nowhere to keep the review state; set HOME",
    )?;
    // Read before asking for a terminal: a broken state file is reported either way.
    let mut state = ReviewState::load(&path)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("`kabar review` needs a terminal; in scripts use `kabar export --anki FILE`");
    }
    let opened = sources.layers()?;
    let (layers, note) = (opened.layers, opened.note);
    // The reader's styles: the learner's `[theme]`, NO_COLOR honoured.
    let theme = super::learner_theme(&super::settings_file());
    let words = crate::library::word_statuses()?;
    let session = Review::from_layers(&layers, &words, &state, chrono::Utc::now())
        .with_sentence_translations(&crate::library::sentence_translations())
        .with_cloze(cloze);
    let graded = crate::ui::review::run(session, &mut state, &theme)?;
    if let Some(note) = note {
        crate::safe_eprintln!("kabar: note: {note}");
    }
    if graded > 0 {
        crate::safe_eprintln!("kabar: reviewed {graded}; saved to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
