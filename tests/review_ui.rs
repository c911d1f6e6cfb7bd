//! The review screen on ratatui's TestBackend: front, back, cloze and nothing-due as insta
//! snapshots, the keys that drive it, and what grading writes (the review state) and does not
//! (the glossary files). The clock is fixed; nothing depends on the terminal or the home folder.

#[path = "support/screen.rs"]
mod support_screen;

use chrono::{DateTime, TimeZone, Utc};
use kabar::glossary::Glossary;
use kabar::layers::Layers;
use kabar::review::{Grade, ReviewState};
use kabar::ui::review::{Review, ReviewOutcome, handle_key, render};
use kabar::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support_screen::screen;
use tempfile::TempDir;

const GLOSSARY: &str = "\
# Terms being learned.
[\"surat perintah penangkapan\"]
translation = [\"arrest warrant\", \"warrant\"]
note = \"surat perintah (warrant) + penangkapan (arrest)\"
status = 2
examples = [\"Sejak surat perintah penangkapannya dikeluarkan, Putin jarang bepergian. (Putin dan Kim, BBC Indonesia)\"]

[dikeluarkan]
translation = \"be issued\"
status = 1

[perang]
translation = \"war\"
status = 5
";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap()
}

/// A glossary folder and an empty data folder, both temporary.
struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("glossary")).unwrap();
        std::fs::write(dir.path().join("glossary/belajar.toml"), GLOSSARY).unwrap();
        Fixture { dir }
    }

    fn glossary_file(&self) -> std::path::PathBuf {
        self.dir.path().join("glossary/belajar.toml")
    }

    fn state_path(&self) -> std::path::PathBuf {
        self.dir.path().join("data/review.toml")
    }

    fn state(&self) -> ReviewState {
        ReviewState::load(&self.state_path()).unwrap()
    }

    fn layers(&self) -> Layers {
        let glossary = Glossary::load_dir(&self.dir.path().join("glossary")).unwrap();
        assert!(glossary.problems().is_empty(), "{:?}", glossary.problems());
        Layers::with_bundled_roots(glossary)
    }
}

fn press(review: &mut Review, keys: &str) -> Vec<ReviewOutcome> {
    keys.split(' ')
        .filter(|k| !k.is_empty())
        .map(|key| {
            let code = match key {
                "space" => KeyCode::Char(' '),
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                other => KeyCode::Char(other.chars().next().unwrap()),
            };
            handle_key(review, KeyEvent::new(code, KeyModifiers::NONE))
        })
        .collect()
}

fn draw(review: &Review) -> Buffer {
    support_screen::draw(72, 14, |frame| {
        render(frame, frame.area(), review, &Theme::color())
    })
}

/// Where `needle` starts on screen.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    screen(buffer).lines().enumerate().find_map(|(y, line)| {
        let byte = line.find(needle)?;
        Some((line[..byte].chars().count() as u16, y as u16))
    })
}

#[test]
fn the_front_shows_the_term_marked_in_its_sentence() {
    let fixture = Fixture::new();
    let review = Review::from_layers(
        &fixture.layers(),
        &kabar::word_status::WordStatuses::in_memory(),
        &fixture.state(),
        now(),
    );
    let buffer = draw(&review);
    insta::assert_snapshot!("review_front", screen(&buffer));
    let (x, y) = find(&buffer, "surat perintah penangkapan").unwrap();
    let theme = Theme::color();
    let marked = |dx: u16| {
        let cell = &buffer[(x + dx, y)];
        Some(cell.bg) == theme.current_term.bg && Some(cell.fg) == theme.current_term.fg
    };
    assert!((0..26).all(marked), "every cell of the term, spaces too");
    assert!(!marked(26), "the enclitic is not part of the term");
}

#[test]
fn the_back_shows_translations_note_root_and_source_with_each_grades_wait() {
    let fixture = Fixture::new();
    let mut review = Review::from_layers(
        &fixture.layers(),
        &kabar::word_status::WordStatuses::in_memory(),
        &fixture.state(),
        now(),
    );
    assert_eq!(press(&mut review, "space"), [ReviewOutcome::Continue]);
    assert!(review.is_revealed());
    insta::assert_snapshot!("review_back", screen(&draw(&review)));
}

#[test]
fn cloze_hides_the_term_and_gives_the_translation_as_the_hint() {
    let fixture = Fixture::new();
    let mut review = Review::from_layers(
        &fixture.layers(),
        &kabar::word_status::WordStatuses::in_memory(),
        &fixture.state(),
        now(),
    );
    press(&mut review, "c");
    assert!(review.is_cloze());
    let front = screen(&draw(&review));
    assert!(!front.contains("penangkapan"), "{front}");
    insta::assert_snapshot!("review_cloze", front);
    // The answer puts the term back.
    press(&mut review, "enter");
    let back = screen(&draw(&review));
    assert!(
        back.contains("Sejak surat perintah penangkapannya"),
        "{back}"
    );
}

#[test]
fn grades_count_only_once_the_answer_shows_and_q_or_esc_leave() {
    let fixture = Fixture::new();
    let mut review = Review::from_layers(
        &fixture.layers(),
        &kabar::word_status::WordStatuses::in_memory(),
        &fixture.state(),
        now(),
    );
    assert_eq!(press(&mut review, "3"), [ReviewOutcome::Continue]);
    assert_eq!(
        press(&mut review, "space 1 2 3 4"),
        [
            ReviewOutcome::Continue,
            ReviewOutcome::Grade(Grade::Again),
            ReviewOutcome::Grade(Grade::Hard),
            ReviewOutcome::Grade(Grade::Good),
            ReviewOutcome::Grade(Grade::Easy),
        ]
    );
    assert_eq!(press(&mut review, "q esc"), [ReviewOutcome::Quit; 2]);
}

#[test]
fn grading_every_card_saves_each_grade_and_ends_with_nothing_due() {
    let fixture = Fixture::new();
    let glossary_before = std::fs::read(fixture.glossary_file()).unwrap();
    let mut state = fixture.state();
    let mut review = Review::from_layers(
        &fixture.layers(),
        &kabar::word_status::WordStatuses::in_memory(),
        &state,
        now(),
    );
    assert_eq!(review.counts().new, 2);
    assert_eq!(review.counts().total, 2, "status 5 is not reviewed");
    press(&mut review, "space");
    review.apply_grade(&mut state, Grade::Good, now()).unwrap();
    // Saved at once: a crash now would keep this grade.
    let saved = ReviewState::load(&fixture.state_path()).unwrap();
    assert!(saved.schedule("surat perintah penangkapan").is_some());
    assert_eq!(review.current().unwrap().term, "dikeluarkan");
    assert!(!review.is_revealed(), "the next card starts on its front");
    press(&mut review, "space");
    review.apply_grade(&mut state, Grade::Easy, now()).unwrap();
    assert!(review.current().is_none());
    insta::assert_snapshot!("review_nothing_due", screen(&draw(&review)));
    // Reviewing never touches the glossary, nor a term's reading status.
    assert_eq!(
        std::fs::read(fixture.glossary_file()).unwrap(),
        glossary_before
    );
    let glossary = fixture.layers();
    let entry = glossary.glossary().lookup("dikeluarkan").unwrap();
    assert_eq!(
        glossary.glossary().entry(entry).status,
        Some(kabar::glossary::Status::Level(1))
    );
    // Ten minutes on, the Good card is due again and comes back.
    let later = now() + chrono::Duration::minutes(11);
    review.refresh(&state, later);
    assert_eq!(review.current().unwrap().term, "surat perintah penangkapan");
    assert_eq!(review.counts().due, 1);
}

#[test]
fn an_empty_deck_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let state = ReviewState::load(&dir.path().join("review.toml")).unwrap();
    let review = Review::new(Vec::new(), &state, now());
    let text = screen(&draw(&review));
    assert!(text.contains("No terms to review"), "{text}");
    assert!(
        !dir.path().join("review.toml").exists(),
        "showing never writes"
    );
}
