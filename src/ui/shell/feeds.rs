//! The shell's feed screen: opening it on the cached items, the read marks and the library's
//! count of new items, the background refresh, the imports and updates it asks for, and how
//! those jobs end on screen.

use super::Shell;
use super::jobs::{Job, JobOutcome};
use crate::feed::read_state::ReadState;
use crate::ui::feed_view::{FeedView, Outcome as FeedOutcome};

impl Shell {
    /// The feed screen, if open.
    pub fn feed_view(&self) -> Option<&FeedView> {
        self.feeds.as_ref()
    }

    /// Opens the feed screen on the cached items (nothing is fetched), new ones first.
    pub fn open_feeds(&mut self) {
        let Some(data_dir) = self.settings.data_dir.clone() else {
            self.notify("Feeds need a data folder: set HOME".to_owned());
            return;
        };
        match crate::feed::cached_items(&data_dir) {
            Ok(items) => {
                let (read, problem) = match ReadState::load(&data_dir) {
                    Ok(read) => (read, None),
                    Err(err) => (ReadState::default(), Some(err.to_string())),
                };
                let mut view = FeedView::new(self.measure(items), &read);
                if let Some(problem) = problem {
                    view.notify(problem, true, false);
                }
                self.feeds = Some(view);
            }
            Err(err) => self.notify(err.to_string()),
        }
    }

    /// How often the feeds are fetched in the background, if at all.
    pub fn refresh_interval(&self) -> Option<std::time::Duration> {
        self.settings
            .refresh_minutes
            .map(|m| std::time::Duration::from_secs(u64::from(m) * 60))
    }

    /// Time for a background refresh: fetches every feed unless an update already runs. The
    /// feed screen, if open, keeps its selection on the item it was on.
    pub fn refresh_feeds(&mut self) {
        if self.updating.is_some() {
            return;
        }
        if let Some(data_dir) = &self.settings.data_dir {
            self.updating = Some(false);
            self.job = Some(Job::Update {
                data_dir: data_dir.clone(),
            });
        }
    }

    /// Puts on the library how many feed items are new (read marks against the caches).
    pub(super) fn count_new_feed_items(&mut self) {
        let Some(data_dir) = &self.settings.data_dir else {
            return;
        };
        let items = crate::feed::cached_items(data_dir).unwrap_or_default();
        let count = ReadState::load(data_dir).map_or(0, |read| read.new_count(&items));
        if let Some(library) = &mut self.library {
            library.set_new_feed_items(count);
        }
    }

    /// Marks feed items read or new and saves that; the feed screen and the library's count
    /// follow. The open feed screen already holds every cached item, so a key press reads no
    /// feed cache again.
    fn mark_feed_items(&mut self, keys: &[String], read: bool) {
        let Some(data_dir) = &self.settings.data_dir else {
            return;
        };
        let cached;
        let items: Vec<&crate::feed::Item> = match &self.feeds {
            Some(feeds) => feeds.items().iter().map(|(item, _)| item).collect(),
            None => {
                cached = crate::feed::cached_items(data_dir).unwrap_or_default();
                cached.iter().collect()
            }
        };
        match crate::feed::read_state::mark(data_dir, keys, read, items.iter().copied()) {
            Ok(state) => {
                let new = state.new_count(items.iter().copied());
                if let Some(feeds) = &mut self.feeds {
                    feeds.set_read(&state);
                }
                if let Some(library) = &mut self.library {
                    library.set_new_feed_items(new);
                }
            }
            Err(err) => match &mut self.feeds {
                Some(feeds) => feeds.notify(err.to_string(), true, false),
                None => self.notify(err.to_string()),
            },
        }
    }

    /// Each item with the share of its words the learner knows.
    fn measure(&self, items: Vec<crate::feed::Item>) -> Vec<(crate::feed::Item, Option<u32>)> {
        let Some((layers, words)) = &self.spare else {
            return items.into_iter().map(|item| (item, None)).collect();
        };
        items
            .into_iter()
            .map(|item| {
                let share = crate::feed::known_percent(&item, layers, words);
                (item, share)
            })
            .collect()
    }

    /// The background job asked for, if any (the event loop runs it with [`run_job`]).
    pub fn take_job(&mut self) -> Option<Job> {
        self.job.take()
    }

    /// Shows how a background job ended: an imported article opens; an update refreshes the
    /// list.
    pub fn finish_job(&mut self, outcome: JobOutcome) {
        match outcome {
            JobOutcome::Imported(Ok((path, warnings))) => {
                if let Some(key) = self.importing.take() {
                    self.mark_feed_items(&[key], true);
                }
                self.feeds = None;
                if let Some((layers, words)) = self.spare.take() {
                    self.rescan(&layers, &words);
                    self.spare = Some((layers, words));
                }
                if let Some(library) = &mut self.library {
                    library.select_path(&path);
                }
                self.open_asked(&path);
                if !warnings.is_empty() && self.reader.is_some() {
                    self.notify(warnings.join(" · "));
                }
            }
            JobOutcome::Imported(Err(problem)) => {
                self.importing = None;
                if let Some(feeds) = &mut self.feeds {
                    feeds.notify(problem, true, false);
                }
            }
            JobOutcome::Updated(result) => {
                let asked = self.updating.take().unwrap_or(true);
                let data_dir = self.settings.data_dir.clone();
                let items = data_dir
                    .as_deref()
                    .and_then(|dir| crate::feed::cached_items(dir).ok());
                let read = data_dir
                    .as_deref()
                    .and_then(|dir| ReadState::load(dir).ok())
                    .unwrap_or_default();
                if let (Some(items), Some(library)) = (&items, &mut self.library) {
                    library.set_new_feed_items(read.new_count(items));
                }
                let items = items.map(|items| self.measure(items));
                if let Some(feeds) = &mut self.feeds {
                    if let Some(items) = items {
                        feeds.set_items(items, &read);
                    }
                    // The background refresh leaves an import's "busy" as it is.
                    let busy = !asked && feeds.is_busy();
                    match result {
                        Ok(summary) if asked => feeds.notify(summary, false, false),
                        Ok(summary) => feeds.notify(format!("Refreshed: {summary}"), false, busy),
                        Err(problem) => feeds.notify(problem, true, busy),
                    }
                }
            }
        }
    }

    /// Does what a key on the feed screen asked.
    pub(super) fn feed_outcome(&mut self, outcome: FeedOutcome) {
        let Some(feeds) = &mut self.feeds else {
            return;
        };
        match outcome {
            FeedOutcome::Stay => {}
            FeedOutcome::Close => {
                self.feeds = None;
                self.count_new_feed_items();
            }
            FeedOutcome::Quit => self.running = false,
            FeedOutcome::Import(item) => match &self.settings.data_dir {
                Some(data_dir) => {
                    feeds.notify(format!("Importing \"{}\"…", item.title), false, true);
                    self.importing = Some(item.key());
                    self.job = Some(Job::Import {
                        item,
                        dir: crate::import::store::articles_dir(data_dir),
                    });
                }
                None => feeds.notify("Importing needs a data folder: set HOME", true, false),
            },
            FeedOutcome::Update if self.updating.is_some() => {
                // A background refresh is running: its result is what `u` would bring.
                self.updating = Some(true);
                feeds.notify("Fetching every feed…", false, true);
            }
            FeedOutcome::Update => {
                if let Some(data_dir) = &self.settings.data_dir {
                    feeds.notify("Fetching every feed…", false, true);
                    self.updating = Some(true);
                    self.job = Some(Job::Update {
                        data_dir: data_dir.clone(),
                    });
                }
            }
            FeedOutcome::Mark(keys, read) => self.mark_feed_items(&keys, read),
        }
    }
}
