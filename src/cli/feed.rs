//! `kabar feed add|list|update`: subscriptions and cached items on the command line. The work
//! is done by [`crate::feed`]; this finds the data folder, prints and picks exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::feed;
use crate::fetch::Fetcher;
use crate::library;

fn data_dir() -> Result<PathBuf> {
    library::data_dir().context("no data folder is known (HOME is not set); cannot keep feeds")
}

pub(super) fn add(url: &str) -> Result<ExitCode> {
    let data = data_dir()?;
    let file = feed::feeds_file(&data);
    if feed::subscriptions(&file)?.iter().any(|s| s.url == url) {
        writeln!(crate::safe_output::stdout(), "already subscribed: {url}")?;
        return Ok(ExitCode::SUCCESS);
    }
    // Fetched once, to know it is a feed and what it calls itself.
    let channel = feed::fetch(url, &Fetcher::default())?;
    if !feed::subscribe(&file, url, channel.title.as_deref())? {
        writeln!(crate::safe_output::stdout(), "already subscribed: {url}")?;
        return Ok(ExitCode::SUCCESS);
    }
    feed::write_cache(&data, &channel)?;
    writeln!(
        crate::safe_output::stdout(),
        "added {} ({} items): {url}",
        channel.title.as_deref().unwrap_or("untitled feed"),
        channel.items.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn update() -> Result<ExitCode> {
    let data = data_dir()?;
    let results = feed::update(&data, &Fetcher::default())?;
    if results.is_empty() {
        writeln!(
            crate::safe_output::stdout(),
            "no feeds yet; add one with `kabar feed add URL`"
        )?;
    }
    let mut failed = false;
    for updated in results {
        let name = name(&updated.subscription);
        match updated.result {
            Ok((items, new)) => writeln!(
                crate::safe_output::stdout(),
                "{name}: {items} items, {new} new"
            )?,
            Err(err) => {
                failed = true;
                crate::safe_eprintln!("kabar: {err}");
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
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
                Some(c) => format!("{} items", c.items.len()),
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
