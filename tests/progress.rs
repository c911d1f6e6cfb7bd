//! The learner's progress kept apart from the shared glossary (issue 14, point 1): rating words
//! and terms in the reader, `K`, a review and `u` write only the progress file in the data
//! folder, never a glossary file, and the statuses are there again after a restart. Runs the
//! reader's update loop and the review session in process; no terminal, home or network.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use kabar::article::Article;
use kabar::document::Document;
use kabar::glossary::{Glossary, Status};
use kabar::knowledge::Standing;
use kabar::layers::Layers;
use kabar::review::{Grade, ReviewState};
use kabar::ui::App;
use kabar::ui::review::Review;
use kabar::word_status::WordStatuses;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

const UMUM: &str = "\
# Shared with the class: please keep statuses out of this file.
perang = \"war\"
kepala = { translation = \"head\", status = 2 }  # rated before the progress file existed
\"peluru artileri\" = \"artillery shells\"

[penangkapan]
translation = \"arrest\"
root = \"tangkap\"
";

const HUKUM: &str = "# Law.\n[\"surat perintah\"]\ntranslation = \"warrant\"\n";

const ARTICLE: &str = "Perang lagi. Kepala desa membeli peluru artileri, dan surat perintah \
                       penangkapan dikeluarkan kemarin. Mereka bilang perang belum usai di sana.";

/// A glossary folder of two files and a data folder, both temporary.
struct Learner {
    dir: tempfile::TempDir,
}

impl Learner {
    fn new() -> Learner {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("glossary/topik")).unwrap();
        std::fs::write(dir.path().join("glossary/umum.toml"), UMUM).unwrap();
        std::fs::write(dir.path().join("glossary/topik/hukum.toml"), HUKUM).unwrap();
        Learner { dir }
    }

    fn glossary_dir(&self) -> PathBuf {
        self.dir.path().join("glossary")
    }

    fn words_file(&self) -> PathBuf {
        self.dir.path().join("data/words.toml")
    }

    fn layers(dir: &Path) -> anyhow::Result<Layers> {
        Ok(Layers::with_bundled_roots(Glossary::load_dir(dir)?))
    }

    /// The reader as `kabar` starts it: the glossary and the progress file read from disk.
    fn open(&self) -> App {
        let layers = Learner::layers(&self.glossary_dir()).unwrap();
        let article = Article::parse(ARTICLE, Path::new("a.md")).unwrap();
        let words = WordStatuses::load(&self.words_file()).unwrap();
        App::with_statuses(
            Document::new(article, &layers),
            layers,
            words,
            Size::new(100, 30),
        )
        .with_glossary_dir(self.glossary_dir())
    }

    fn run_effects(&self, app: &mut App) {
        let dir = self.glossary_dir();
        let load = move || Learner::layers(&dir);
        for effect in app.take_effects() {
            kabar::ui::perform(app, effect, &load);
        }
    }

    fn glossary_files(&self) -> (String, String) {
        let read = |path: &str| std::fs::read_to_string(self.glossary_dir().join(path)).unwrap();
        (read("umum.toml"), read("topik/hukum.toml"))
    }
}

fn keys(app: &mut App, keys: &str) {
    for key in keys.split(' ').filter(|k| !k.is_empty()) {
        let c = key.chars().next().unwrap();
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

/// The standing of the first token spelled `word`.
fn standing(app: &App, word: &str) -> Option<Standing> {
    let doc = app.document();
    let t = (0..doc.tokens().len()).find(|&t| doc.token_text(t) == word)?;
    app.knowledge().standing(t)
}

/// Every word and term of the article with its standing, in text order.
fn standings(app: &App) -> Vec<(String, Option<Standing>)> {
    let doc = app.document();
    (0..doc.tokens().len())
        .map(|t| (doc.token_text(t).to_owned(), app.knowledge().standing(t)))
        .collect()
}

#[test]
fn rating_k_review_and_undo_leave_every_glossary_file_byte_identical_and_survive_a_restart() {
    let learner = Learner::new();
    let mut app = learner.open();
    // The status written in the glossary file is the starting status.
    assert_eq!(
        standing(&app, "Kepala"),
        Some(Standing::Status(Status::Level(2)))
    );
    // A dozen words and terms, each rated as the cursor walks the text.
    let ratings = ["1", "2", "3", "w", "i", "4", "+", "1", "5", "2", "-", "3"];
    for rating in ratings {
        keys(&mut app, rating);
        learner.run_effects(&mut app);
        keys(&mut app, "l");
    }
    let rated: Vec<_> = standings(&app)
        .into_iter()
        .filter(|(_, s)| matches!(s, Some(Standing::Status(_))))
        .collect();
    assert!(rated.len() >= 12, "{rated:?}");
    for term in ["Kepala", "peluru", "surat", "penangkapan"] {
        assert!(
            matches!(standing(&app, term), Some(Standing::Status(_))),
            "{term}: {:?}",
            standing(&app, term)
        );
    }
    // K: the rest is known; then a review grades the terms being learned.
    keys(&mut app, "K y");
    learner.run_effects(&mut app);
    assert_eq!(
        standing(&app, "usai"),
        Some(Standing::Status(Status::WellKnown))
    );
    let state_path = learner.dir.path().join("data/review.toml");
    let mut state = ReviewState::load(&state_path).unwrap();
    let now = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
    let mut review = Review::from_layers(app.layers(), app.word_statuses(), &state, now);
    assert!(review.counts().total >= 2, "{:?}", review.counts());
    let card = review.current().unwrap().clone();
    if card.term != "kepala" {
        // A term rated in the reader carries the sentence it was met in, from the progress file.
        assert!(card.sentence.is_some(), "{card:?}");
    }
    review.apply_grade(&mut state, Grade::Good, now).unwrap();
    review.apply_grade(&mut state, Grade::Again, now).unwrap();
    // u takes back the K.
    keys(&mut app, "u");
    learner.run_effects(&mut app);
    assert_eq!(standing(&app, "usai"), Some(Standing::Unknown));
    let before_restart = standings(&app);

    assert_eq!(
        learner.glossary_files(),
        (UMUM.to_owned(), HUKUM.to_owned())
    );
    let progress = std::fs::read_to_string(learner.words_file()).unwrap();
    assert!(
        progress.contains("\"peluru artileri\" = { status = "),
        "{progress}"
    );
    assert!(progress.contains("(Untitled article)"), "{progress}");
    assert!(!progress.contains("usai"), "K was undone: {progress}");
    assert!(state_path.is_file(), "the review state has its own file");

    // A restart reads the same statuses from the progress file.
    drop(app);
    let app = learner.open();
    assert_eq!(standings(&app), before_restart);
    assert_eq!(
        learner.glossary_files(),
        (UMUM.to_owned(), HUKUM.to_owned())
    );
}

#[test]
fn the_learners_status_wins_over_the_glossary_files_and_clearing_it_falls_back() {
    let learner = Learner::new();
    let mut app = learner.open();
    // Walk to "Kepala" (the fourth token: Perang, lagi, ., Kepala).
    keys(&mut app, "l l");
    assert_eq!(app.document().token_text(app.cursor()), "Kepala");
    keys(&mut app, "w");
    learner.run_effects(&mut app);
    assert_eq!(
        standing(&app, "Kepala"),
        Some(Standing::Status(Status::WellKnown))
    );
    let app2 = learner.open();
    assert_eq!(
        standing(&app2, "Kepala"),
        Some(Standing::Status(Status::WellKnown))
    );
    keys(&mut app, "x");
    learner.run_effects(&mut app);
    assert!(
        app.notice()
            .unwrap()
            .text
            .contains("its glossary file starts it at 2"),
        "{:?}",
        app.notice()
    );
    assert_eq!(
        standing(&app, "Kepala"),
        Some(Standing::Status(Status::Level(2)))
    );
    assert_eq!(
        learner.glossary_files(),
        (UMUM.to_owned(), HUKUM.to_owned())
    );
}
