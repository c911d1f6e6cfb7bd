//! `kabar lookup WORD...`: each word or phrase through the layers of meaning, naming the layer
//! that answered. Exits 0 when every word got an English meaning — its own, its phrase's or its
//! root's (an affix's gloss alone is not one) — and 1 otherwise.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{Sources, layers_for_output};
use crate::glossary::{EntryId, Glossary};
use crate::layers::{Answer, Layer, Layers, Meaning, Via};
use crate::morphology::Analysis;
use crate::text::sanitize;
use crate::word_status::WordStatuses;

/// Longest dictionary text printed under an entry, in lines.
const MAX_TEXT_LINES: usize = 12;

pub(super) fn lookup(words: &[String], sources: &Sources) -> Result<ExitCode> {
    let layers = layers_for_output(sources)?;
    // The learner's statuses, which win over a status written in a glossary file.
    let progress = crate::library::word_statuses().unwrap_or_else(|err| {
        crate::safe_eprintln!("kabar: {err}; statuses are left out");
        WordStatuses::in_memory()
    });
    let mut out = crate::safe_output::stdout();
    let mut missing = 0;
    for (i, typed) in words.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        // Pasted text often brings punctuation along ("Rusia," or "(ICC)"); a trailing dot
        // stays when it may end an abbreviation (dll.).
        let word = typed
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let word = sanitize(word);
        if word.trim_matches('.').is_empty() {
            missing += 1;
            writeln!(out, "{:?}: no word to look up", sanitize(typed))?;
            continue;
        }
        let found = layers
            .explain(&word)
            .or_else(|| layers.explain(word.trim_end_matches('.')));
        let Some((explanation, analysis)) = found else {
            missing += 1;
            match layers.analyser().best(&word) {
                Some(analysis) if analysis.is_affixed() => {
                    write_breakdown(&mut out, &word, &analysis)?;
                    writeln!(out, "{}: {}", analysis.root, no_meaning(&layers))?;
                }
                _ => writeln!(out, "{word}: {}", no_meaning(&layers))?,
            }
            continue;
        };
        let Some(meaning) = layers.meaning(explanation.answer) else {
            missing += 1;
            writeln!(out, "{word}: {}", no_meaning(&layers))?;
            continue;
        };
        match (explanation.via, &analysis) {
            (Via::Enclitic(clitic), _) => writeln!(
                out,
                "{word} = {} + -{} ({})",
                meaning.headword,
                clitic.suffix(),
                clitic.meaning()
            )?,
            (Via::Root, Some(analysis)) => write_breakdown(&mut out, &word, analysis)?,
            _ => {}
        }
        write_meaning(&mut out, &layers, &progress, &meaning, explanation.answer)?;
        if !matches!(explanation.answer, Answer::Term(_))
            && let Some(status) = progress
                .get(&crate::word_status::key(&word))
                .or_else(|| progress.get(&crate::text::fold(&word)))
        {
            writeln!(out, "  your status: {status}")?;
        }
    }
    Ok(if missing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// "not in your glossary, 1 installed dictionary or kabar base dictionary"
fn no_meaning(layers: &Layers) -> String {
    let installed = layers.installed().count();
    let mut places = vec!["your glossary".to_owned()];
    if installed > 0 {
        places.push(format!(
            "{installed} installed dictionar{}",
            if installed == 1 { "y" } else { "ies" }
        ));
    }
    if layers.dictionary(Layer::Base).is_some() {
        places.push(crate::base_dictionary::LABEL.to_owned());
    }
    let last = places.pop().unwrap_or_default();
    if places.is_empty() {
        format!("not in {last}")
    } else {
        format!("not in {} or {last}", places.join(", "))
    }
}

/// "penangkapannya = peN- + tangkap + -an + -nya: the act or process of; his/her/its…"
pub(super) fn write_breakdown(
    out: &mut impl Write,
    word: &str,
    analysis: &Analysis,
) -> std::io::Result<()> {
    writeln!(out, "{word} = {}: {}", analysis.parts(), analysis.meaning())?;
    for (affix, meaning) in analysis.affix_meanings() {
        writeln!(out, "  {affix:<9} {meaning}")?;
    }
    Ok(())
}

/// An entry of any layer, ending with where it is from.
fn write_meaning(
    out: &mut impl Write,
    layers: &Layers,
    progress: &WordStatuses,
    meaning: &Meaning,
    answer: Answer,
) -> std::io::Result<()> {
    if let Answer::Term(id) = answer {
        return write_entry(out, layers.glossary(), progress, id);
    }
    match &meaning.pos {
        Some(pos) => writeln!(out, "{}  ({pos})", meaning.headword)?,
        None => writeln!(out, "{}", meaning.headword)?,
    }
    for sense in &meaning.senses {
        writeln!(out, "  {sense}")?;
    }
    if let Some(text) = &meaning.text {
        writeln!(out, "  in full:")?;
        let lines: Vec<&str> = text.lines().collect();
        for line in lines.iter().take(MAX_TEXT_LINES) {
            writeln!(out, "    {line}")?;
        }
        if lines.len() > MAX_TEXT_LINES {
            writeln!(out, "    … ({} more lines)", lines.len() - MAX_TEXT_LINES)?;
        }
    }
    if let Some(root) = &meaning.root {
        let gloss = layers.root_gloss(root).map(|g| format!(" = {g}"));
        writeln!(out, "  root: {root}{}", gloss.unwrap_or_default())?;
    }
    if let Some(note) = &meaning.note {
        writeln!(out, "  note: {note}")?;
    }
    let name = layers.layer_name(meaning.layer);
    match layers.dictionary(meaning.layer) {
        Some(dictionary) if meaning.layer != Layer::Base && dictionary.label() != name => {
            writeln!(out, "  from {name} ({})", dictionary.label())
        }
        _ => writeln!(out, "  from {name}"),
    }
}

/// A glossary entry, every field, and the file and line it is written at; its status and the
/// sentences it was met in are the learner's progress, else the glossary file's own.
pub(super) fn write_entry(
    out: &mut impl Write,
    glossary: &Glossary,
    progress: &WordStatuses,
    id: EntryId,
) -> std::io::Result<()> {
    let entry = glossary.entry(id);
    match &entry.pos {
        Some(pos) => writeln!(out, "{}  ({pos})", entry.term)?,
        None => writeln!(out, "{}", entry.term)?,
    }
    for translation in &entry.translations {
        writeln!(out, "  {translation}")?;
    }
    if let Some(root) = &entry.root {
        let gloss = glossary
            .lookup(root)
            .map(|r| format!(" = {}", glossary.entry(r).translation_line()));
        writeln!(out, "  root: {root}{}", gloss.unwrap_or_default())?;
    }
    if let Some(note) = &entry.note {
        writeln!(out, "  note: {note}")?;
    }
    if let Some(pronunciation) = &entry.pronunciation {
        writeln!(out, "  pronunciation: {pronunciation}")?;
    }
    if !entry.parents.is_empty() {
        writeln!(out, "  related: {}", entry.parents.join(", "))?;
    }
    for example in progress.examples_of_entry(entry) {
        writeln!(out, "  example: {example}")?;
    }
    if !entry.tags.is_empty() {
        writeln!(out, "  tags: {}", entry.tags.join(", "))?;
    }
    match (progress.get(&entry.key), entry.status) {
        (Some(status), _) => writeln!(out, "  your status: {status}")?,
        (None, Some(status)) => writeln!(out, "  status: {status} (written in the glossary file)")?,
        (None, None) => {}
    }
    writeln!(
        out,
        "  from your glossary, {}:{}",
        sanitize(&glossary.file_of(entry).display().to_string()),
        entry.at
    )
}
