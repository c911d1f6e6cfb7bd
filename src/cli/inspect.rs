//! Commands that check the glossary and find roots: `check` and `stem`. They print results
//! and return the exit code; nothing here writes a file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::{Sources, load_glossary, looked_in};
use crate::library;

pub(super) fn check(glossary_dir: Option<&Path>) -> Result<ExitCode> {
    let Some(dir) = glossary_dir
        .map(Path::to_path_buf)
        .or_else(library::default_glossary_dir)
    else {
        bail!(
            "no glossary folder found ({}); pass --glossary DIR",
            looked_in()
        );
    };
    let (glossary, _) = load_glossary(Some(&dir))?;
    if glossary.files().is_empty() {
        bail!("{}: no *.toml glossary files in this folder", dir.display());
    }
    let mut out = crate::safe_output::stdout();
    for problem in glossary.problems() {
        writeln!(out, "{problem}")?;
        if let Some(line) = &problem.source_line {
            writeln!(out, "    | {line}")?;
        }
    }
    let files = glossary.files().len();
    let problems = glossary.problems().len();
    let entries = glossary.len();
    writeln!(
        out,
        "{entries} {} in {files} file{}: {}",
        if entries == 1 { "entry" } else { "entries" },
        if files == 1 { "" } else { "s" },
        problem_count(problems)
    )?;
    let settings_problems = check_settings(&mut out)?;
    Ok(if problems + settings_problems > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// "no problems", "1 problem", "3 problems".
fn problem_count(n: usize) -> String {
    match n {
        0 => "no problems".to_owned(),
        1 => "1 problem".to_owned(),
        n => format!("{n} problems"),
    }
}

/// Prints the problems of the settings file, `[keys]` clashes included (the reader shows
/// the same ones in its warning bar), and one summary line. Nothing when there is no file.
/// Returns how many problems there were.
fn check_settings(out: &mut impl Write) -> Result<usize> {
    let Some(path) = library::settings_path().filter(|p| p.is_file()) else {
        return Ok(0);
    };
    let loaded = crate::settings::Settings::load(&path);
    let (_, key_problems) = crate::ui::keymap::Keymap::with_rebindings(&loaded.settings.keys);
    let mut problems: Vec<_> = loaded.problems.iter().chain(&key_problems).collect();
    problems.sort_by_key(|p| (p.at.line, p.at.col));
    for problem in &problems {
        writeln!(out, "{problem}")?;
    }
    writeln!(out, "{}: {}", path.display(), problem_count(problems.len()))?;
    Ok(problems.len())
}

pub(super) fn stem(explain: bool, sources: &Sources) -> Result<ExitCode> {
    let layers = sources.layers()?.layers;
    let analyser = layers.analyser();
    let mut out =
        crate::safe_output::Sanitizing::new(std::io::BufWriter::new(crate::safe_output::stdout()));
    let mut input = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut input)?;
    for (number, bytes) in input.split(|&b| b == b'\n').enumerate() {
        // A line that is not UTF-8 is reported and skipped; the rest still gets its roots.
        let Ok(line) = std::str::from_utf8(bytes) else {
            crate::safe_eprintln!("kabar: stdin:{}: not UTF-8 text; line skipped", number + 1);
            continue;
        };
        let word = line.trim();
        if word.is_empty() {
            continue;
        }
        match analyser.best(word) {
            Some(analysis) if explain => writeln!(
                out,
                "{word}\t{}\t{}\t{}",
                analysis.root,
                analysis.parts(),
                analysis.meaning()
            )?,
            Some(analysis) => writeln!(out, "{word}\t{}", analysis.root)?,
            // --explain always prints four columns, empty when there is nothing to explain.
            None if explain => writeln!(out, "{word}\t{word}\t\t")?,
            None => writeln!(out, "{word}\t{word}")?,
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
