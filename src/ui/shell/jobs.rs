//! The shell's background work: what may take seconds on the network (importing a feed item,
//! fetching every feed), run off the event loop by [`run_job`], and how it ended.

use std::path::PathBuf;

/// Work that may take seconds (the network), run off the event loop by [`run_job`].
#[derive(Clone, Debug)]
pub enum Job {
    /// Import a feed item into the library folder.
    Import {
        /// The item.
        item: Box<crate::feed::Item>,
        /// The library folder to save into.
        dir: PathBuf,
    },
    /// Fetch every subscribed feed again.
    Update {
        /// The data folder.
        data_dir: PathBuf,
    },
}

/// How a [`Job`] ended, as a message for the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobOutcome {
    /// The article's file (new or already there) with what to tell about it (only the feed's
    /// own text could be had), or why nothing was imported, in a line that fits the screen.
    Imported(Result<(PathBuf, Vec<String>), String>),
    /// A summary of the update, or why it failed.
    Updated(Result<String, String>),
}

/// Does `job`, blocking (the event loop runs it in a thread).
pub fn run_job(job: Job) -> JobOutcome {
    let fetcher = crate::fetch::Fetcher::default();
    match job {
        Job::Import { item, dir } => JobOutcome::Imported(
            crate::import::item_into_library(&item, &dir, &fetcher)
                .map(|(saved, warnings)| (saved.path().to_path_buf(), warnings))
                .map_err(|err| match &item.link {
                    // The reason first: a long address would push it off the screen.
                    Some(link) => format!(
                        "Not imported: {} · {}",
                        err.reason(link),
                        crate::ui::feed_view::short_url(link, 40)
                    ),
                    None => format!("Not imported: {err}"),
                }),
        ),
        Job::Update { data_dir } => JobOutcome::Updated(
            crate::feed::update(&data_dir, &fetcher)
                .map(|updated| crate::feed::summary(&updated))
                .map_err(|err| err.to_string()),
        ),
    }
}
