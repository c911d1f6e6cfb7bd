//! Updating the subscribed feeds: fetching each, replacing its cache, and counting what is
//! new against the cache it had, with progress for a terminal and one summary line shared by
//! the command line and the feed screen. Depends on nothing terminal-related.

use std::collections::HashSet;
use std::path::Path;

use super::{
    Channel, FeedError, Item, Subscription, feeds_file, fetch, read_cache, subscriptions,
    write_cache,
};
use crate::fetch::Fetcher;

/// What `update` did for one feed.
#[derive(Debug)]
pub struct Updated {
    /// The feed.
    pub subscription: Subscription,
    /// How many items it has now and how many of them are new; or why it could not be read.
    pub result: Result<Counts, FeedError>,
}

/// The items of one updated feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Items in the feed now.
    pub items: usize,
    /// Items that were not in the cache before this update (by guid, address or headline).
    pub new: usize,
}

impl std::fmt::Display for Counts {
    /// "2 items, 1 new", "1 item, 0 new".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, {} new",
            plural(self.items, "item", "items"),
            self.new
        )
    }
}

/// Fetches every subscribed feed and replaces its cache. A feed that fails keeps its old cache.
pub fn update(data_dir: &Path, fetcher: &Fetcher) -> Result<Vec<Updated>, FeedError> {
    update_each(data_dir, fetcher, |_| {})
}

/// Where an update is, for a terminal to show `[2/3] Tempo … 12 new` as it goes.
#[derive(Debug)]
pub enum Progress<'a> {
    /// Feed `at` (from 1) of `total` is being fetched.
    Fetching {
        /// Its position, from 1.
        at: usize,
        /// How many feeds there are.
        total: usize,
        /// The feed.
        subscription: &'a Subscription,
    },
    /// That feed is done, one way or the other.
    Done(&'a Updated),
}

/// [`update`], telling `progress` before and after each feed.
pub fn update_each(
    data_dir: &Path,
    fetcher: &Fetcher,
    mut progress: impl FnMut(Progress<'_>),
) -> Result<Vec<Updated>, FeedError> {
    let subs = subscriptions(&feeds_file(data_dir))?;
    let total = subs.len();
    Ok(subs
        .into_iter()
        .enumerate()
        .map(|(at, subscription)| {
            progress(Progress::Fetching {
                at: at + 1,
                total,
                subscription: &subscription,
            });
            let result = update_one(data_dir, &subscription.url, fetcher);
            let updated = Updated {
                subscription,
                result,
            };
            progress(Progress::Done(&updated));
            updated
        })
        .collect())
}

/// One line for an update as a whole, the same on the command line and on the feed screen:
/// `Updated 3 feeds: 12 new items`, or how many failed and the first reason.
pub fn summary(updated: &[Updated]) -> String {
    let new: usize = updated
        .iter()
        .filter_map(|u| u.result.as_ref().ok().map(|c| c.new))
        .sum();
    let failed: Vec<&FeedError> = updated
        .iter()
        .filter_map(|u| u.result.as_ref().err())
        .collect();
    let feeds = plural(updated.len(), "feed", "feeds");
    let items = plural(new, "new item", "new items");
    match failed.first() {
        None => format!("Updated {feeds}: {items}"),
        Some(first) => format!(
            "Updated {feeds}: {items}; {} failed, first: {first}",
            failed.len()
        ),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn update_one(data_dir: &Path, url: &str, fetcher: &Fetcher) -> Result<Counts, FeedError> {
    let channel = fetch(url, fetcher)?;
    let before = read_cache(data_dir, url);
    let new = count_new(before.as_ref(), &channel);
    write_cache(data_dir, &channel)?;
    Ok(Counts {
        items: channel.items.len(),
        new,
    })
}

/// How many of `now`'s items were in no earlier cache: an item is old when its guid, its
/// address or its headline was there (a cache written before guids were kept has only the
/// last two).
fn count_new(before: Option<&Channel>, now: &Channel) -> usize {
    let seen: HashSet<String> = before
        .map(|c| c.items.iter().flat_map(Item::aliases).collect())
        .unwrap_or_default();
    now.items
        .iter()
        .filter(|item| !item.aliases().iter().any(|alias| seen.contains(alias)))
        .count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_as_english() {
        let one = super::Counts { items: 1, new: 1 };
        assert_eq!(one.to_string(), "1 item, 1 new");
        let many = super::Counts { items: 12, new: 0 };
        assert_eq!(many.to_string(), "12 items, 0 new");
    }

    use super::*;
    use crate::feed::tests::fixture_channel;

    #[test]
    fn new_items_are_those_in_no_earlier_cache() {
        let channel = fixture_channel("rss.xml");
        assert_eq!(count_new(None, &channel), 5);
        assert_eq!(count_new(Some(&channel), &channel), 0);
        // A cache written before guids were kept knows items by address only.
        let mut older = channel.clone();
        for item in &mut older.items {
            item.id = None;
        }
        assert_eq!(count_new(Some(&older), &channel), 0);
        older.items.remove(0);
        assert_eq!(count_new(Some(&older), &channel), 1);
    }

    #[test]
    fn the_summary_counts_new_items_not_all_items() {
        let sub = Subscription {
            url: "https://a.id/rss".into(),
            title: None,
            tags: Vec::new(),
        };
        let updated = [Updated {
            subscription: sub.clone(),
            result: Ok(Counts { items: 95, new: 0 }),
        }];
        assert_eq!(summary(&updated), "Updated 1 feed: 0 new items");
        let updated = [
            Updated {
                subscription: sub.clone(),
                result: Ok(Counts { items: 95, new: 1 }),
            },
            Updated {
                subscription: sub,
                result: Err(FeedError::NotAFeed {
                    url: "https://b.id".into(),
                    hint: "",
                }),
            },
        ];
        assert_eq!(
            summary(&updated),
            "Updated 2 feeds: 1 new item; 1 failed, first: https://b.id: not an RSS or Atom feed"
        );
    }
}
