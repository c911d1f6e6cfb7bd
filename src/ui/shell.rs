//! What is on screen: the library, or the reader on one article. Opening an article builds a
//! reader around the one set of layers and the learner's statuses and puts the cursor where
//! reading stopped; closing it saves that position, takes the layers back and refreshes the
//! library's figures. The feed screen (`feeds`), the background jobs (`jobs`) and the
//! machine translation (`translation`) are in the modules below.

use std::path::{Path, PathBuf};

use chrono::Utc;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::Event;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::{Clear, Widget};

use super::app::{App, ScreenRequest};
use super::feed_view::FeedView;
use super::library_view::{LibraryView, Outcome};
use super::review::{self, Review, ReviewOutcome};
use super::theme::Theme;
use crate::article::Article;
use crate::catalog;
use crate::document::Document;
use crate::layers::Layers;
use crate::positions::{Position, Positions};
use crate::review::ReviewState;
use crate::word_status::WordStatuses;

mod feeds;
mod jobs;
mod translation;

pub use jobs::{Job, JobOutcome, run_job};

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
