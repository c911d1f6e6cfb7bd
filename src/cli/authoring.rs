//! Commands that change the glossary: `add`, `edit`, `rm`, `import-terms`, `export-terms`.
//! They go through [`crate::glossary::edit`], which keeps the files' comments and layout.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::{EntryFields, load_glossary};
use crate::glossary::Glossary;
use crate::glossary::edit::{self as glossary_edit, EntryDraft};
use crate::library;
use crate::word_status;

/// The folder `add`, `edit`, `rm` and `import-terms` change (--glossary, the default
/// folders, or the one in the user's data folder, created when needed), read afresh from disk.
fn glossary_to_change(dir: Option<&Path>) -> Result<(PathBuf, Glossary)> {
    let dir = match dir
        .map(Path::to_path_buf)
        .or_else(library::default_glossary_dir)
    {
        Some(dir) => dir,
        None => {
            let dir = library::data_dir()
                .map(|d| d.join("glossary"))
                .context("no glossary folder and no data folder; pass --glossary DIR")?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create the glossary folder", dir.display()))?;
            dir
        }
    };
    let glossary = Glossary::load_dir(&dir)
        .with_context(|| format!("{}: cannot read the glossary folder", dir.display()))?;
    Ok((dir, glossary))
}

pub(super) fn add(draft: &EntryDraft, file: Option<&Path>, dir: Option<&Path>) -> Result<ExitCode> {
    let (dir, glossary) = glossary_to_change(dir)?;
    let file = file.unwrap_or(Path::new(glossary_edit::DEFAULT_FILE));
    let draft = draft.clone().normalised();
    let change = glossary_edit::add(&dir, file, &glossary, &draft)?;
    writeln!(
        crate::safe_output::stdout(),
        "added \"{}\" to {}",
        draft.term.trim(),
        change.path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn edit(
    term: &str,
    translations: Vec<String>,
    fields: EntryFields,
    dir: Option<&Path>,
) -> Result<ExitCode> {
    let (dir, glossary) = glossary_to_change(dir)?;
    let id = glossary
        .lookup(term)
        .ok_or_else(|| glossary_edit::EditError::NotFound(term.to_owned()))?;
    let entry = glossary.entry(id);
    if translations.is_empty()
        && fields.pos.is_none()
        && fields.note.is_none()
        && fields.tags.is_empty()
    {
        bail!("nothing to change: give --translation, --pos, --note or --tag");
    }
    let before = EntryDraft::from_entry(entry);
    let mut after = before.clone();
    if !translations.is_empty() {
        after.translations = translations;
    }
    if let Some(pos) = fields.pos {
        after.pos = Some(pos);
    }
    if let Some(note) = fields.note {
        after.note = Some(note);
    }
    if !fields.tags.is_empty() {
        after.tags = fields.tags;
    }
    let after = after.normalised();
    let change = glossary_edit::edit(&dir, &glossary, term, &before, &after)?;
    writeln!(
        crate::safe_output::stdout(),
        "changed \"{}\" in {}",
        entry.term,
        change.path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn remove(term: &str, dir: Option<&Path>) -> Result<ExitCode> {
    let (dir, glossary) = glossary_to_change(dir)?;
    let change = glossary_edit::remove(&dir, &glossary, term)?;
    writeln!(
        crate::safe_output::stdout(),
        "removed \"{term}\" from {}",
        change.path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn import_terms(
    csv: &Path,
    dry_run: bool,
    file: Option<&Path>,
    dir: Option<&Path>,
) -> Result<ExitCode> {
    let input = std::fs::File::open(csv)
        .with_context(|| format!("{}: cannot read the CSV file", csv.display()))?;
    let (drafts, problems) = crate::glossary::lute::import(input)
        .with_context(|| format!("{}: not a readable CSV file", csv.display()))?;
    let (dir, glossary) = glossary_to_change(dir)?;
    let file = file.unwrap_or(Path::new(glossary_edit::DEFAULT_FILE));
    let mut out = crate::safe_output::stdout();
    for problem in &problems {
        writeln!(
            out,
            "{}:{}: skipped: {}",
            csv.display(),
            problem.line,
            problem.message
        )?;
    }
    if problems
        .first()
        .is_some_and(|p| p.line == 1 && p.message.starts_with("no \"term\" column"))
    {
        bail!("{}:1: {}", csv.display(), problems[0].message);
    }
    let mut fresh = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for draft in &drafts {
        if !seen.insert(crate::text::fold(&draft.term)) {
            writeln!(
                out,
                "skipped \"{}\": the same term appears earlier in the file",
                draft.term
            )?;
            continue;
        }
        match glossary.lookup(&draft.term) {
            Some(id) => {
                let entry = glossary.entry(id);
                writeln!(
                    out,
                    "skipped \"{}\": already at {}:{}",
                    draft.term,
                    glossary.file_of(entry).display(),
                    entry.at
                )?;
            }
            None => fresh.push(draft.clone()),
        }
    }
    let target = dir.join(file);
    // The rows' statuses are the learner's progress: they go to words.toml, the entries
    // without them to the glossary.
    let statuses: Vec<word_status::Change> = fresh
        .iter_mut()
        .filter_map(|draft| {
            let status = draft.status.take()?;
            Some((crate::text::fold(&draft.term), Some(status)))
        })
        .collect();
    let progress = library::word_statuses_path();
    if dry_run {
        writeln!(
            out,
            "would add {} to {} (dry run: nothing written)",
            terms(fresh.len()),
            target.display()
        )?;
        if let Some(path) = progress.as_deref().filter(|_| !statuses.is_empty()) {
            writeln!(
                out,
                "would keep {} in {}",
                statuses_text(statuses.len()),
                path.display()
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (change, added) = glossary_edit::add_many(&dir, file, &glossary, &fresh)?;
    writeln!(out, "added {} to {}", terms(added), change.path.display())?;
    if statuses.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    match progress {
        Some(path) => {
            word_status::save_to(&path, &statuses)?;
            writeln!(
                out,
                "kept {} in {}",
                statuses_text(statuses.len()),
                path.display()
            )?;
        }
        None => crate::safe_eprintln!(
            "kabar: warning: no data folder (set HOME), so the rows' statuses were not kept"
        ),
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn export_terms(csv: &Path, dir: Option<&Path>) -> Result<ExitCode> {
    if csv.extension().is_some_and(|e| e == "toml") {
        bail!(
            "{}: will not write CSV over a .toml file; name a .csv file",
            csv.display()
        );
    }
    let (glossary, _) = load_glossary(dir)?;
    for problem in glossary.problems() {
        crate::safe_eprintln!("kabar: warning: {problem} (its terms are not exported)");
    }
    let progress = library::word_statuses()?;
    if csv == Path::new("-") {
        crate::glossary::lute::export(&glossary, &progress, crate::safe_output::stdout())?;
    } else {
        let out = std::fs::File::create(csv)
            .with_context(|| format!("{}: cannot write the CSV file", csv.display()))?;
        let rows = crate::glossary::lute::export(&glossary, &progress, out)?;
        crate::safe_eprintln!("kabar: wrote {} to {}", terms(rows), csv.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// "1 status", "2 statuses".
fn statuses_text(count: usize) -> String {
    if count == 1 {
        "1 status".to_owned()
    } else {
        format!("{count} statuses")
    }
}

/// "1 term", "2 terms".
fn terms(count: usize) -> String {
    if count == 1 {
        "1 term".to_owned()
    } else {
        format!("{count} terms")
    }
}
