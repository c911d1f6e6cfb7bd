//! `kabar progress migrate`: the learner's statuses that older kabar versions wrote into
//! glossary files, moved into the progress file after showing what will change. The work is
//! done by [`crate::word_status::migrate`]; this finds the folders, prints, asks and picks
//! exit codes.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;

use crate::glossary::Glossary;
use crate::library;
use crate::word_status::{WordStatuses, migrate};

/// The `progress` subcommands.
#[derive(Debug, Subcommand)]
pub enum ProgressAction {
    /// Move the statuses (and the sentences saved with them) written in glossary files into
    /// your progress file, words.toml; shows each file:line first and asks.
    #[command(after_help = super::examples::PROGRESS_MIGRATE)]
    Migrate {
        /// Move without asking.
        #[arg(long, conflicts_with = "dry_run")]
        yes: bool,
        /// Only show what would move.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs a `progress` subcommand.
pub(super) fn run(action: ProgressAction, glossary: Option<&Path>) -> Result<ExitCode> {
    match action {
        ProgressAction::Migrate { yes, dry_run } => migrate_statuses(yes, dry_run, glossary),
    }
}

fn migrate_statuses(yes: bool, dry_run: bool, glossary: Option<&Path>) -> Result<ExitCode> {
    let mut out = crate::safe_output::stdout();
    let Some(dir) = glossary
        .map(Path::to_path_buf)
        .or_else(library::default_glossary_dir)
    else {
        writeln!(
            out,
            "Nothing to move: there is no glossary folder (the glossary built into kabar holds no statuses of yours)."
        )?;
        return Ok(ExitCode::SUCCESS);
    };
    let progress_path = library::word_statuses_path()
        .context("no data folder is known (HOME is not set), so there is no progress file to move the statuses to")?;
    let glossary = Glossary::load_dir(&dir)
        .with_context(|| format!("{}: cannot read the glossary folder", dir.display()))?;
    for problem in glossary.problems() {
        crate::safe_eprintln!("kabar: warning: {problem} (statuses in it are not moved)");
    }
    let progress = WordStatuses::load(&progress_path)?;
    let moves = migrate::plan(&glossary, &progress);
    if moves.is_empty() {
        writeln!(
            out,
            "Nothing to move: no glossary file in {} holds a status.",
            dir.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    for m in &moves {
        let examples = match m.examples.len() {
            0 => String::new(),
            1 => " and 1 example".to_owned(),
            n => format!(" and {n} examples"),
        };
        let what = match m.yours {
            None => format!("status {}{examples} → your progress", m.status),
            Some(yours) => format!(
                "status {}{examples}: your own status {yours} stays, the examples move",
                m.status
            ),
        };
        writeln!(out, "{}:{}: {}: {what}", m.file.display(), m.at, m.term)?;
    }
    let files = {
        let mut files: Vec<&Path> = moves.iter().map(|m| m.file.as_path()).collect();
        files.dedup();
        files.len()
    };
    writeln!(
        out,
        "{} in {} to move into {}; the glossary files lose their status and examples lines.",
        count(moves.len(), "entry", "entries"),
        count(files, "glossary file", "glossary files"),
        progress_path.display()
    )?;
    if dry_run {
        writeln!(out, "Dry run: nothing written.")?;
        return Ok(ExitCode::SUCCESS);
    }
    if !yes {
        if !std::io::stdin().is_terminal() {
            writeln!(
                out,
                "Nothing changed: rerun with --yes to move them (`kabar progress migrate --yes`)."
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        write!(out, "Move them? [y/N] ")?;
        out.flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            writeln!(out, "Nothing changed.")?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let outcome = migrate::apply(&dir, &moves, &progress_path)?;
    writeln!(
        out,
        "Kept {} and {} in {}.",
        count(outcome.statuses, "status", "statuses"),
        count(outcome.examples, "example", "examples"),
        progress_path.display()
    )?;
    for (file, entries) in &outcome.files {
        writeln!(
            out,
            "{}: took the status out of {}.",
            file.display(),
            count(*entries, "entry", "entries")
        )?;
    }
    for (file, err) in &outcome.failed {
        crate::safe_eprintln!(
            "kabar: {}: not changed: {err}; its statuses are in your progress already, run `kabar progress migrate` again once it can be written",
            file.display()
        );
    }
    Ok(if outcome.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// "1 entry", "2 entries".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
