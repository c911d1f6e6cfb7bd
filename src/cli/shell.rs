//! `kabar completions SHELL` and `kabar man [--dir DIR]`: shell completions and man pages,
//! generated from the same clap definitions that parse the command line, so neither can drift
//! from what kabar accepts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::Cli;
use crate::atomic_file;

/// The completion script for `shell` on standard output.
pub(super) fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "kabar", &mut out);
    crate::safe_output::stdout().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// kabar(1) on standard output, or with `dir` every page (kabar.1, kabar-feed-add.1, …)
/// written there, each atomically; prints the files written.
pub(super) fn man(dir: Option<&Path>) -> Result<ExitCode> {
    let pages = pages()?;
    match dir {
        None => {
            let (_, text) = pages.first().context("kabar has a man page")?;
            crate::safe_output::stdout().write_all(text.as_bytes())?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
            for (name, text) in &pages {
                let path = dir.join(name);
                let old = atomic_file::read_or_empty(&path)
                    .with_context(|| format!("{}: cannot read", path.display()))?;
                let expected = path.exists().then_some(old.as_str());
                atomic_file::replace(&path, expected, text)
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                crate::safe_println!("{}", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every man page: kabar.1 first, then one per subcommand, named as git names them
/// (`kabar-feed-add.1`).
fn pages() -> Result<Vec<(PathBuf, String)>> {
    // `kabar help` has no page of its own (man kabar-lookup is the help of one command), so
    // no page may point to a kabar-help(1).
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let mut pages = Vec::new();
    collect(&command, &mut pages)?;
    Ok(pages)
}

fn collect(command: &clap::Command, pages: &mut Vec<(PathBuf, String)>) -> Result<()> {
    let mut text = Vec::new();
    clap_mangen::Man::new(command.clone())
        .source(format!("kabar {}", env!("CARGO_PKG_VERSION")))
        .manual("kabar manual")
        .render(&mut text)?;
    let text = String::from_utf8(text).context("clap_mangen writes UTF-8")?;
    let examples = command.get_after_help().map(|text| text.to_string());
    pages.push((
        PathBuf::from(format!(
            "{}.1",
            command.get_display_name().unwrap_or("kabar")
        )),
        with_examples(&text, examples.as_deref()),
    ));
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        collect(sub, pages)?;
    }
    Ok(())
}

/// The page with clap_mangen's EXTRA section (the after-help text, filled like prose) turned
/// into an EXAMPLES section whose lines stay as written.
fn with_examples(page: &str, after_help: Option<&str>) -> String {
    let Some(start) = page.find(".SH EXTRA\n") else {
        return page.to_owned();
    };
    let end = page[start + 1..]
        .find("\n.SH ")
        .map_or(page.len(), |at| start + 1 + at + 1);
    let mut section = String::from(".SH EXAMPLES\n.nf\n");
    for line in after_help
        .unwrap_or_default()
        .lines()
        .filter(|line| *line != "Examples:")
    {
        let line = line.replace('\\', "\\e").replace('-', "\\-");
        // A line starting with . or ' would be a roff request.
        if line.starts_with(['.', '\'']) {
            section.push_str("\\&");
        }
        section.push_str(&line);
        section.push('\n');
    }
    section.push_str(".fi\n");
    format!("{}{section}{}", &page[..start], &page[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and subcommand, by its full name ("kabar feed add").
    fn walk(command: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
        out.push((path.to_owned(), command.clone()));
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    fn commands() -> Vec<(String, clap::Command)> {
        let mut command = Cli::command();
        command.build();
        let mut out = Vec::new();
        walk(&command, "kabar", &mut out);
        out
    }

    #[test]
    fn every_command_has_an_example_that_runs_it() {
        let commands = commands();
        assert!(commands.len() > 20, "{} commands", commands.len());
        for (path, command) in commands {
            let after = command
                .get_after_help()
                .map(|text| text.to_string())
                .unwrap_or_default();
            assert!(
                after.starts_with("Examples:\n"),
                "`{path} --help` has no Examples: block"
            );
            // Each example line of a subcommand runs that subcommand.
            let name = path.strip_prefix("kabar").unwrap_or(&path);
            assert!(
                after.lines().skip(1).any(|line| line.contains(&path)),
                "`{path}`'s examples never run `kabar{name}`: {after}"
            );
        }
    }

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn man_pages_cover_every_command_and_show_its_examples() {
        let pages = pages().unwrap();
        let names: Vec<String> = pages
            .iter()
            .map(|(name, _)| name.display().to_string())
            .collect();
        assert_eq!(names[0], "kabar.1");
        assert!(names.contains(&"kabar-feed-add.1".to_owned()), "{names:?}");
        assert_eq!(names.len(), commands().len());
        let feed_add = &pages[names.iter().position(|n| n == "kabar-feed-add.1").unwrap()].1;
        assert!(feed_add.starts_with(".ie"), "{feed_add}");
        assert!(
            feed_add.contains(&format!(
                ".TH kabar-feed-add 1  \"kabar {}\" \"kabar manual\"",
                env!("CARGO_PKG_VERSION")
            )),
            "{feed_add}"
        );
        assert!(!feed_add.contains(".SH EXTRA"), "{feed_add}");
        assert!(
            feed_add.contains(
                ".SH EXAMPLES\n.nf\n  kabar feed add https://www.antaranews.com/rss/terkini.xml"
            ),
            "{feed_add}"
        );
        assert!(feed_add.contains(".fi\n"), "{feed_add}");
        // Every page a page points to exists: there is no kabar-help(1).
        for (_, page) in &pages {
            for (at, _) in page.match_indices("(1)") {
                let start = page[..at]
                    .rfind(|c: char| c.is_whitespace())
                    .map_or(0, |i| i + 1);
                let word = page[start..at].replace("\\-", "-");
                let Some(from) = word.rfind("kabar") else {
                    continue;
                };
                let name = format!("{}.1", &word[from..]);
                assert!(names.contains(&name), "{name} is named but has no page");
            }
        }
    }

    #[test]
    fn completions_know_the_subcommands() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
        ] {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "kabar", &mut out);
            let script = String::from_utf8(out).unwrap();
            for word in ["lookup", "completions", "anki-connect"] {
                assert!(script.contains(word), "{shell:?} lacks {word}");
            }
        }
    }
}
