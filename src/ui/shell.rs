//! What is on screen: the library, or the reader on one article. Opening an article builds a
//! reader around the one dictionary and the learner's statuses and puts the cursor where
//! reading stopped; closing it saves that position, takes the dictionary back and refreshes the
//! library's figures. Started on one article (`kabar FILE`), there is no library behind it.

use std::path::{Path, PathBuf};

use chrono::Utc;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::Event;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::{Clear, Widget};

use super::app::App;
use super::library_view::{LibraryView, Outcome};
use super::review::{self, Review, ReviewOutcome};
use super::theme::Theme;
use crate::article::Article;
use crate::catalog;
use crate::dictionary::Dictionary;
use crate::document::Document;
use crate::positions::{Position, Positions};
use crate::review::ReviewState;
use crate::word_status::WordStatuses;

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
}

/// The screens and what they share.
#[derive(Debug)]
pub struct Shell {
    library: Option<LibraryView>,
    reader: Option<App>,
    /// The dictionary and statuses while no reader holds them.
    spare: Option<(Dictionary, WordStatuses)>,
    positions: Positions,
    settings: ReaderSettings,
    /// Where the library's articles are.
    folders: Vec<PathBuf>,
    size: Size,
    running: bool,
    /// A review started with `R`, over whatever screen was there.
    review: Option<(Review, ReviewState)>,
}

impl Shell {
    /// A reader on one article, with no library behind it.
    pub fn reader_only(app: App, positions: Positions) -> Shell {
        let size = app.size();
        let mut shell = Shell {
            library: None,
            reader: None,
            spare: None,
            positions,
            settings: ReaderSettings::default(),
            folders: Vec::new(),
            size,
            running: true,
            review: None,
        };
        shell.reader = Some(shell.restore_position(app));
        shell
    }

    /// The library of the articles in `folders`.
    pub fn library(
        folders: Vec<PathBuf>,
        dictionary: Dictionary,
        words: WordStatuses,
        positions: Positions,
        settings: ReaderSettings,
        size: Size,
    ) -> Shell {
        let items = catalog::scan(
            &catalog::article_files(&folders),
            &dictionary,
            &words,
            &positions,
        );
        Shell {
            library: Some(LibraryView::new(items, folders.clone())),
            reader: None,
            spare: Some((dictionary, words)),
            positions,
            settings,
            folders,
            size,
            running: true,
            review: None,
        }
    }

    /// The dictionary and statuses, when no reader holds them.
    pub fn take_parts(&mut self) -> Option<(Dictionary, WordStatuses)> {
        self.spare.take()
    }

    /// The reading positions.
    pub fn into_positions(self) -> Positions {
        self.positions
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

    /// Whether kabar should keep running.
    pub fn is_running(&self) -> bool {
        self.running && self.reader.as_ref().is_none_or(App::is_running)
    }

    /// Opens `path` in the reader, where reading stopped last time.
    pub fn open(&mut self, path: &Path) {
        let Some((dictionary, words)) = self.spare.take() else {
            return;
        };
        let article = match Article::load(path) {
            Ok(article) => article,
            Err(err) => {
                self.spare = Some((dictionary, words));
                if let Some(library) = &mut self.library {
                    library.notify(err.to_string());
                }
                return;
            }
        };
        let document = Document::new(article, &dictionary);
        let mut app = App::new(document, dictionary, self.size)
            .with_word_statuses(words)
            .with_library_behind();
        if let Some(theme) = self.settings.theme {
            app = app.with_theme(theme);
        }
        if let Some(dir) = &self.settings.glossary_dir {
            app = app.with_glossary_dir(dir.clone());
        }
        for warning in &self.settings.warnings {
            app = app.with_warning(warning.clone());
        }
        self.reader = Some(self.restore_position(app));
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
        let (dictionary, words) = app.into_parts();
        self.rescan(&dictionary, &words);
        if let Some(library) = &mut self.library {
            if let Some(path) = path {
                library.select_path(&path);
            }
            if let Some(problem) = problem {
                library.notify(problem);
            }
        }
        self.spare = Some((dictionary, words));
    }

    fn rescan(&mut self, dictionary: &Dictionary, words: &WordStatuses) {
        let items = catalog::scan(
            &catalog::article_files(&self.folders),
            dictionary,
            words,
            &self.positions,
        );
        if let Some(library) = &mut self.library {
            library.set_items(items);
        }
    }

    /// A reloaded glossary: to the reader when one is open, else kept for the next one.
    pub fn replace_dictionary(&mut self, dictionary: Dictionary) {
        match &mut self.reader {
            Some(app) => app.replace_dictionary(dictionary),
            None => {
                if let Some((_, words)) = self.spare.take() {
                    self.rescan(&dictionary, &words);
                    self.spare = Some((dictionary, words));
                }
            }
        }
    }

    /// Whether a review is on screen.
    pub fn is_reviewing(&self) -> bool {
        self.review.is_some()
    }

    /// Starts reviewing the learning terms of the current dictionary, with the schedules in
    /// the review state file.
    pub fn open_review(&mut self) {
        let state_path = self.settings.review_state.clone();
        let dictionary = match (&self.reader, &self.spare) {
            (Some(app), _) => app.dictionary(),
            (None, Some((dictionary, _))) => dictionary,
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
                let review = Review::from_dictionary(dictionary, &state, Utc::now());
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
            if app.take_close_request() {
                self.close();
            } else if app.take_review_request() {
                self.open_review();
            }
            return;
        }
        let Some(library) = &mut self.library else {
            return;
        };
        match library.handle_event(event) {
            Outcome::Stay => {}
            Outcome::Quit => self.running = false,
            Outcome::Open(path) => self.open(&path),
            Outcome::Review => self.open_review(),
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
            (None, Some(library)) => library.render(area, buf, &theme),
            (None, None) => {}
        }
    }
}
