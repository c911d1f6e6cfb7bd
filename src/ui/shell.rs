//! What is on screen: the library, or the reader on one article. Opening an article builds a
//! reader around the one set of layers and the learner's statuses and puts the cursor where
//! reading stopped; closing it saves that position, takes the layers back and refreshes the
//! library's figures. The feed screen's items, their read marks and the background refresh
//! of the feeds are kept here too.

use std::path::{Path, PathBuf};

use chrono::Utc;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::Event;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::{Clear, Widget};

use super::app::{App, ScreenRequest};
use super::feed_view::{FeedView, Outcome as FeedOutcome};
use super::library_view::{LibraryView, Outcome};
use super::review::{self, Review, ReviewOutcome};
use super::theme::Theme;
use crate::article::Article;
use crate::catalog;
use crate::document::Document;
use crate::feed::read_state::ReadState;
use crate::layers::Layers;
use crate::positions::{Position, Positions};
use crate::review::ReviewState;
use crate::word_status::WordStatuses;

mod translation;

/// How a reader is set up, whichever article it opens.
#[derive(Clone, Debug, Default)]
pub struct ReaderSettings {
    /// The styles.
    pub theme: Option<Theme>,
    /// The glossary folder kabar may change, if any.
    pub glossary_dir: Option<PathBuf>,
    /// Warnings to show in every reader (the built-in glossary, a broken statuses file).
    pub warnings: Vec<String>,
    /// The review state file (default: `review.toml` in the data folder).
    pub review_state: Option<PathBuf>,
    /// The data folder: feeds, their cached items, imported articles.
    pub data_dir: Option<PathBuf>,
    /// Minutes between background refreshes of the feeds (`[feeds] refresh_minutes`); `None`
    /// for none.
    pub refresh_minutes: Option<u32>,
    /// The reader's keys (the defaults with the learner's `[keys]`).
    pub keymap: super::keymap::Keymap,
    /// The learner's machine translator (`[translator]`), if one is set up.
    pub translator: Option<crate::settings::translator::TranslatorSetting>,
}

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
                        super::feed_view::short_url(link, 40)
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

/// The screens and what they share.
#[derive(Debug)]
pub struct Shell {
    library: Option<LibraryView>,
    reader: Option<App>,
    /// The layers and statuses while no reader holds them.
    spare: Option<(Layers, WordStatuses)>,
    positions: Positions,
    settings: ReaderSettings,
    /// Where the library's articles are.
    folders: Vec<PathBuf>,
    size: Size,
    running: bool,
    /// A review started with `R`, over whatever screen was there.
    review: Option<(Review, ReviewState)>,
    /// The feed screen, when open (over the library).
    feeds: Option<FeedView>,
    /// Background work asked for and not yet started.
    job: Option<Job>,
    /// The feed item being imported, to mark read once it opens.
    importing: Option<String>,
    /// Whether a feed update runs, and whether the learner asked for it (else it is the
    /// background refresh, which speaks more quietly).
    updating: Option<bool>,
}

impl Shell {
    /// The library of the articles in `folders`.
    pub fn library(
        folders: Vec<PathBuf>,
        layers: Layers,
        words: WordStatuses,
        positions: Positions,
        settings: ReaderSettings,
        size: Size,
    ) -> Shell {
        let items = catalog::scan(
            &catalog::article_files(&folders),
            &layers,
            &words,
            &positions,
        );
        let mut library = LibraryView::new(items, folders.clone());
        if !settings.warnings.is_empty() {
            library.notify(settings.warnings.join(" · "));
        }
        let mut shell = Shell {
            library: Some(library),
            reader: None,
            spare: Some((layers, words)),
            positions,
            settings,
            folders,
            size,
            running: true,
            review: None,
            feeds: None,
            job: None,
            importing: None,
            updating: None,
        };
        shell.count_new_feed_items();
        shell
    }

    /// The number of articles in the library (0 without one).
    pub fn library_len(&self) -> usize {
        self.library.as_ref().map_or(0, |l| l.shown().count())
    }

    /// The library screen, if there is one.
    pub fn library_view(&self) -> Option<&LibraryView> {
        self.library.as_ref()
    }

    /// The open reader, if an article is open.
    pub fn reader(&self) -> Option<&App> {
        self.reader.as_ref()
    }

    /// The open reader, mutably.
    pub fn reader_mut(&mut self) -> Option<&mut App> {
        self.reader.as_mut()
    }

    /// The glossary folder, for the watcher.
    pub fn glossary_dir(&self) -> Option<&Path> {
        match &self.reader {
            Some(app) => app.glossary_dir(),
            None => self.settings.glossary_dir.as_deref(),
        }
    }

    /// The word statuses file, for the watcher.
    pub fn word_statuses_path(&self) -> Option<&Path> {
        match (&self.reader, &self.spare) {
            (Some(app), _) => app.word_statuses().path(),
            (None, Some((_, words))) => words.path(),
            (None, None) => None,
        }
    }

    /// The learner's word statuses, wherever they are held now.
    fn word_statuses(&self) -> Option<&WordStatuses> {
        match (&self.reader, &self.spare) {
            (Some(app), _) => Some(app.word_statuses()),
            (None, Some((_, words))) => Some(words),
            (None, None) => None,
        }
    }

    /// Reads the word statuses again after the file changed on disk; a file that no longer
    /// parses keeps the statuses in memory and says where it is broken.
    pub fn reload_word_statuses(&mut self) {
        let Some(path) = self.word_statuses_path().map(Path::to_path_buf) else {
            return;
        };
        let words = match WordStatuses::load(&path) {
            Ok(words) => words,
            Err(err) => {
                self.notify(err.to_string());
                return;
            }
        };
        // kabar's own saves wake the watcher too: a bad line already reported is not reported
        // again, or it would take the place of the status notice and its undo hint.
        let known = self
            .word_statuses()
            .map(WordStatuses::problems)
            .unwrap_or_default();
        if let Some(problem) = words.problems().iter().find(|p| !known.contains(p)) {
            self.notify(problem.clone());
        }
        match &mut self.reader {
            Some(app) => app.replace_word_statuses(words),
            None => {
                if let Some((layers, old)) = self.spare.take() {
                    if !old.same_statuses(&words) {
                        self.rescan(&layers, &words);
                    }
                    self.spare = Some((layers, words));
                }
            }
        }
    }

    /// Stops kabar as `q` would (a signal asked it to).
    pub fn quit(&mut self) {
        self.running = false;
    }

    /// Whether kabar should keep running.
    pub fn is_running(&self) -> bool {
        self.running && self.reader.as_ref().is_none_or(App::is_running)
    }

    /// Opens `path` in the reader, where reading stopped last time.
    pub fn open(&mut self, path: &Path) {
        match Article::load(path) {
            Ok(article) => self.open_article(article),
            Err(err) => {
                if let Some(library) = &mut self.library {
                    library.notify(err.to_string());
                }
            }
        }
    }

    /// Opens an article already loaded (the sample compiled into kabar, say).
    pub fn open_article(&mut self, mut article: Article) {
        let Some((layers, words)) = self.spare.take() else {
            return;
        };
        // Found once: the kept translation is loaded from it and new ones saved to it.
        let place = self.translation_place(article.path.as_deref());
        Shell::load_kept_translation(&mut article, place.as_ref());
        let document = Document::new(article, &layers);
        let mut app = App::with_statuses(document, layers, words, self.size).with_library_behind();
        if let Some(theme) = self.settings.theme {
            app = app.with_theme(theme);
        }
        app = app.with_keymap(self.settings.keymap.clone());
        if let Some(dir) = &self.settings.glossary_dir {
            app = app.with_glossary_dir(dir.clone());
        }
        for warning in &self.settings.warnings {
            app = app.with_warning(warning.clone());
        }
        let (setup, problems) = self.translation_setup(place);
        app = app.with_translation(setup);
        for problem in problems {
            app = app.with_warning(problem);
        }
        let mut app = self.restore_position(app);
        // Network translators are only asked once the learner does something.
        if self
            .settings
            .translator
            .as_ref()
            .is_some_and(|t| !t.kind.is_network())
        {
            app.follow_translation();
        }
        self.reader = Some(app);
    }

    fn restore_position(&self, mut app: App) -> App {
        if let Some(path) = app.document().article().path.clone()
            && let Some(position) = self.positions.get(&path)
        {
            app.go_to(position.token as usize);
        }
        app
    }

    /// Saves where reading stopped in the open article (on closing it and on quitting).
    pub fn save_position(&mut self) -> Option<String> {
        let app = self.reader.as_ref()?;
        let path = app.document().article().path.clone()?;
        let position = Position {
            token: app.cursor() as u32,
            tokens: app.document().tokens().len() as u32,
        };
        self.positions
            .set(&path, position)
            .err()
            .map(|err| err.to_string())
    }

    /// Closes the article and shows the library with fresh figures.
    pub fn close(&mut self) {
        if self.library.is_none() {
            return;
        }
        let problem = self.save_position();
        let Some(app) = self.reader.take() else {
            return;
        };
        let path = app.document().article().path.clone();
        let (layers, words) = app.into_parts();
        self.rescan(&layers, &words);
        if let Some(library) = &mut self.library {
            if let Some(path) = path {
                library.select_path(&path);
            }
            if let Some(problem) = problem {
                library.notify(problem);
            }
        }
        self.spare = Some((layers, words));
    }

    fn rescan(&mut self, layers: &Layers, words: &WordStatuses) {
        let items = catalog::scan(
            &catalog::article_files(&self.folders),
            layers,
            words,
            &self.positions,
        );
        if let Some(library) = &mut self.library {
            library.set_items(items);
        }
    }

    /// A reloaded glossary: to the reader when one is open, else kept for the next one.
    pub fn replace_layers(&mut self, layers: Layers) {
        match &mut self.reader {
            Some(app) => app.replace_layers(layers),
            None => {
                if let Some((_, words)) = self.spare.take() {
                    self.rescan(&layers, &words);
                    self.spare = Some((layers, words));
                }
            }
        }
    }

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
    fn count_new_feed_items(&mut self) {
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

    /// Whether a review is on screen.
    pub fn is_reviewing(&self) -> bool {
        self.review.is_some()
    }

    /// Starts reviewing the learning terms of the current layers, with the schedules in
    /// the review state file.
    pub fn open_review(&mut self) {
        let state_path = self.settings.review_state.clone();
        let (layers, words) = match (&self.reader, &self.spare) {
            (Some(app), _) => (app.layers(), app.word_statuses()),
            (None, Some((layers, words))) => (layers, words),
            (None, None) => return,
        };
        let path = state_path.or_else(crate::review::default_state_path);
        let loaded = match path {
            Some(path) => ReviewState::load(&path).map_err(|err| err.to_string()),
            None => Err(
                "no home folder is known, so there is nowhere to keep the review state; set HOME"
                    .to_owned(),
            ),
        };
        match loaded {
            Ok(state) => {
                let review = Review::from_layers(layers, words, &state, Utc::now())
                    .with_sentence_translations(&crate::library::sentence_translations());
                self.review = Some((review, state));
            }
            Err(problem) => self.notify(problem),
        }
    }

    fn notify(&mut self, text: String) {
        match (&mut self.reader, &mut self.library) {
            (Some(app), _) => app.show_notice(text, true),
            (None, Some(library)) => library.notify(text),
            (None, None) => {}
        }
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) {
        if let Event::Resize(width, height) = event {
            self.size = Size::new(*width, *height);
        }
        if let Some((review, state)) = &mut self.review {
            if let Event::Key(key) = event {
                match review::handle_key(review, *key) {
                    ReviewOutcome::Continue => {}
                    ReviewOutcome::Quit => self.review = None,
                    // A failed save is shown on the card, which stays to be graded again.
                    ReviewOutcome::Grade(grade) => {
                        let _ = review.apply_grade(state, grade, Utc::now());
                    }
                }
            }
            return;
        }
        if let Some(app) = &mut self.reader {
            app.handle_event(event);
            match app.take_screen_request() {
                Some(ScreenRequest::Close) => self.close(),
                Some(ScreenRequest::Review) => self.open_review(),
                None => {}
            }
            return;
        }
        if let Some(feeds) = &mut self.feeds {
            let outcome = feeds.handle_event(event);
            self.feed_outcome(outcome);
            return;
        }
        let Some(library) = &mut self.library else {
            return;
        };
        match library.handle_event(event) {
            Outcome::Stay => {}
            Outcome::Quit => self.running = false,
            Outcome::Open(path) => self.open_asked(&path),
            Outcome::Review => self.open_review(),
            Outcome::Feeds => self.open_feeds(),
        }
    }
}

impl Shell {
    /// Does what a key on the feed screen asked.
    fn feed_outcome(&mut self, outcome: FeedOutcome) {
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

impl Widget for &Shell {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.settings.theme.unwrap_or_else(Theme::color);
        if let Some((review, _)) = &self.review {
            Clear.render(area, buf);
            review::draw(area, buf, review, &theme);
            return;
        }
        match (&self.reader, &self.library) {
            (Some(app), _) => app.render(area, buf),
            (None, Some(library)) => match &self.feeds {
                Some(feeds) => feeds.render(area, buf, &theme),
                None => library.render(area, buf, &theme),
            },
            (None, None) => {}
        }
    }
}
