//! `kabar feed add|list|update|import|export`: subscriptions and cached items on the command line. The work
//! is done by [`crate::feed`]; this finds the data folder, prints and picks exit codes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;

use crate::feed;
use crate::fetch::Fetcher;
use crate::library;

/// The `feed` subcommands.
#[derive(Debug, Subcommand)]
pub enum FeedAction {
    /// Subscribe to a feed (fetched once to check it is one and learn its title).
    #[command(after_help = super::examples::FEED_ADD)]
    Add {
        /// The feed's address.
        url: String,
    },
    /// List the feeds, or with --items their cached items, newest first.
    #[command(after_help = super::examples::FEED_LIST)]
    List {
        /// List the items with the share of their words you know (glossary status 5 or W).
        #[arg(long)]
        items: bool,
    },
    /// Fetch every feed and cache its items.
    #[command(after_help = super::examples::FEED_UPDATE)]
    Update,
    /// Subscribe to every feed in an OPML file (as newsboat, Feedly or Inoreader export it);
    /// folders are kept as tags. Feeds already subscribed are left as they are.
    #[command(after_help = super::examples::FEED_IMPORT)]
    Import {
        /// The OPML file.
        file: PathBuf,
    },
    /// Write the subscriptions as OPML 2.0, to FILE or standard output.
    #[command(after_help = super::examples::FEED_EXPORT)]
    Export {
        /// The file to write (default: standard output).
        file: Option<PathBuf>,
    },
}

fn data_dir() -> Result<PathBuf> {
    library::data_dir().context("no data folder is known (HOME is not set); cannot keep feeds")
}

pub(super) fn add(url: &str) -> Result<ExitCode> {
    let data = data_dir()?;
    let file = feed::feeds_file(&data);
    let mut out = crate::safe_output::stdout();
    if feed::subscriptions(&file)?.iter().any(|s| s.url == url) {
        writeln!(out, "already subscribed: {url}")?;
        return Ok(ExitCode::SUCCESS);
    }
    // Fetched once, to know it is a feed (or a page naming one) and what it calls itself.
    let found = feed::fetch_or_discover(url, &Fetcher::default())?;
    let channel = &found.channel;
    if let Some(chosen) = &found.chosen {
        writeln!(
            out,
            "{url} is a web page; it names {}: took {} {}",
            match found.others.len() {
                0 => "one feed".to_owned(),
                n => format!("{} feeds", n + 1),
            },
            chosen.label(),
            chosen.url
        )?;
        for other in &found.others {
            writeln!(
                out,
                "  also: {} {} (`kabar feed add` it to subscribe too)",
                other.label(),
                other.url
            )?;
        }
    }
    if !feed::subscribe(&file, &channel.url, channel.title.as_deref())? {
        writeln!(out, "already subscribed: {}", channel.url)?;
        return Ok(ExitCode::SUCCESS);
    }
    feed::write_cache(&data, channel)?;
    writeln!(
        out,
        "added {} ({}): {}",
        channel.title.as_deref().unwrap_or("untitled feed"),
        items_count(channel.items.len()),
        channel.url
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn update() -> Result<ExitCode> {
    let data = data_dir()?;
    // Progress only for a person watching; a pipe or a log gets the results alone.
    let progress = std::io::stderr().is_terminal();
    // Shown as progress already: not again on the same screen.
    let results_shown = progress && std::io::stdout().is_terminal();
    let results = feed::update_each(&data, &Fetcher::default(), |step| {
        if !progress {
            return;
        }
        let mut err = crate::safe_output::stderr();
        let _ = match step {
            feed::Progress::Fetching {
                at,
                total,
                subscription,
            } => write!(err, "[{at}/{total}] {} … ", name(subscription)),
            feed::Progress::Done(updated) => match &updated.result {
                Ok(counts) => writeln!(err, "{counts}"),
                Err(problem) => writeln!(err, "failed: {problem}"),
            },
        };
        let _ = err.flush();
    })?;
    let mut out = crate::safe_output::stdout();
    if results.is_empty() {
        writeln!(out, "no feeds yet; add one with `kabar feed add URL`")?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut failed = false;
    for updated in &results {
        let name = name(&updated.subscription);
        match &updated.result {
            Ok(counts) => {
                if !results_shown {
                    writeln!(out, "{name}: {counts}")?;
                }
            }
            Err(err) => {
                failed = true;
                if !progress {
                    crate::safe_eprintln!("kabar: {err}");
                }
            }
        }
    }
    writeln!(out, "{}", feed::summary(&results))?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) fn import(file: &Path) -> Result<ExitCode> {
    let data = data_dir()?;
    // The whole file is read and checked first: a fault subscribes nothing.
    let feeds = feed::opml::read(file)?;
    if feeds.is_empty() {
        crate::safe_eprintln!(
            "kabar: {}: no feeds in it (no <outline> with an xmlUrl); nothing was imported",
            file.display()
        );
        return Ok(ExitCode::from(2));
    }
    let added = feed::subscribe_all(&feed::feeds_file(&data), &feeds)?;
    let mut out = crate::safe_output::stdout();
    write!(
        out,
        "imported {added} of {} feeds from {}",
        feeds.len(),
        file.display()
    )?;
    if added < feeds.len() {
        write!(out, " ({} already subscribed)", feeds.len() - added)?;
    }
    writeln!(out)?;
    if added > 0 {
        writeln!(out, "fetch their items with `kabar feed update`")?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn export(file: Option<&Path>) -> Result<ExitCode> {
    let data = data_dir()?;
    let feeds = feed::subscriptions(&feed::feeds_file(&data))?;
    let text = feed::opml::write(&feeds, "kabar feeds");
    match file.filter(|f| *f != Path::new("-")) {
        None => crate::safe_output::stdout().write_all(text.as_bytes())?,
        Some(path) => {
            crate::atomic_file::replace(path, None, &text)
                .with_context(|| format!("{}: cannot write the OPML file", path.display()))?;
            writeln!(
                crate::safe_output::stdout(),
                "exported {} feeds to {}",
                feeds.len(),
                path.display()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn list(items: bool, sources: &super::Sources) -> Result<ExitCode> {
    let data = data_dir()?;
    let subscriptions = feed::subscriptions(&feed::feeds_file(&data))?;
    let mut out = crate::safe_output::stdout();
    if subscriptions.is_empty() {
        writeln!(out, "no feeds yet; add one with `kabar feed add URL`")?;
        return Ok(ExitCode::SUCCESS);
    }
    if !items {
        for s in &subscriptions {
            let cached = feed::read_cache(&data, &s.url);
            let state = match &cached {
                Some(c) => items_count(c.items.len()),
                None => "not fetched yet".to_owned(),
            };
            writeln!(out, "{}\t{}\t{state}", name(s), s.url)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let layers = sources.layers()?.layers;
    let words = crate::library::word_statuses()?;
    for item in feed::cached_items(&data)? {
        let date = item
            .date
            .as_deref()
            .map_or("", |d| d.get(..10).unwrap_or(d));
        let share = feed::known_percent(&item, &layers, &words)
            .map_or("  -".to_owned(), |s| format!("{s:3}%"));
        writeln!(
            out,
            "{date:10}  {share}  {}  [{}]  {}",
            item.title,
            item.feed.as_deref().unwrap_or("?"),
            item.link.as_deref().unwrap_or("")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn name(s: &feed::Subscription) -> &str {
    s.title.as_deref().unwrap_or(&s.url)
}

/// "1 item", "12 items".
fn items_count(n: usize) -> String {
    format!("{n} item{}", if n == 1 { "" } else { "s" })
}
