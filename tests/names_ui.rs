//! Names apart from words, in the reader: a name in capitals (ANTARA) is never glossed with
//! the lower-case word it spells (antara, "between"), and its status is its own.

use std::path::Path;

#[path = "support/screen.rs"]
mod support_screen;

use support_screen::{draw, screen};

use kabar::article::Article;
use kabar::document::Document;
use kabar::glossary::{Glossary, Status};
use kabar::knowledge::Standing;
use kabar::layers::Layers;
use kabar::ui::App;
use kabar::ui::theme::Theme;
use kabar::word_status::WordStatuses;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

const ARTICLE: &str = "Mataram (ANTARA News) - Jarak antara kedua kota itu jauh.\n";

fn reader() -> App {
    reader_of(ARTICLE)
}

fn reader_of(text: &str) -> App {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/glossary"));
    let layers = Layers::with_bundled_roots(Glossary::load_dir(dir).unwrap());
    let article = Article::parse(text, Path::new("antara.md")).unwrap();
    let doc = Document::new(article, &layers);
    App::with_statuses(doc, layers, WordStatuses::in_memory(), Size::new(120, 30))
        .with_theme(Theme::color())
}

fn token(app: &App, word: &str) -> usize {
    let doc = app.document();
    (0..doc.tokens().len())
        .find(|&t| doc.token_text(t) == word)
        .unwrap()
}

fn pane(app: &App) -> String {
    let size = app.size();
    let buffer = draw(size.width, size.height, |frame| {
        frame.render_widget(app, frame.area())
    });
    screen(&buffer)
        .lines()
        .map(|line| line.chars().skip(72).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn antara_in_capitals_is_not_glossed_between_and_the_word_still_is() {
    let mut app = reader();
    let name = token(&app, "ANTARA");
    assert!(app.document().match_at(name).is_none());
    app.go_to(name);
    let text = pane(&app);
    // The entry section, above the translation (the vocabulary list lists the word antara).
    let entry = text.split(" Translation").next().unwrap();
    assert!(
        entry.contains("ANTARA") && !entry.contains("between"),
        "{text}"
    );
    let word = token(&app, "antara");
    assert!(app.document().match_at(word).is_some());
    app.go_to(word);
    assert!(pane(&app).contains("between, among"));
}

#[test]
fn ignoring_antara_leaves_antara_glossed_and_counted() {
    let mut app = reader();
    let (name, word) = (token(&app, "ANTARA"), token(&app, "antara"));
    app.go_to(name);
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('i'),
        KeyModifiers::NONE,
    )));
    assert_eq!(app.word_statuses().get("ANTARA"), Some(Status::Ignored));
    assert_eq!(app.word_statuses().get("antara"), None);
    assert_eq!(
        app.knowledge().standing(name),
        Some(Standing::Status(Status::Ignored))
    );
    assert_eq!(app.knowledge().standing(word), Some(Standing::Unrated));
    app.go_to(word);
    assert!(pane(&app).contains("between, among"));
}

fn press(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )));
}

#[test]
fn a_name_with_a_capital_is_rated_apart_from_the_word_it_spells() {
    // Tempo the magazine, capitalised wherever it appears, and once inside a sentence.
    let mut app = reader_of("Tempo melaporkan hal itu. Menurut Tempo, jaraknya jauh.\n");
    let name = token(&app, "Tempo");
    app.go_to(name);
    press(&mut app, 'i');
    assert_eq!(app.word_statuses().get("Tempo"), Some(Status::Ignored));
    assert_eq!(
        app.word_statuses().get("tempo"),
        None,
        "the word is untouched"
    );
    let notice = &app.notice().unwrap().text;
    assert!(
        notice.contains("Tempo (a name, apart from the word tempo): ignored"),
        "{notice}"
    );
    // Both Tempos are the one name.
    let second = (name + 1..app.document().tokens().len())
        .find(|&t| app.document().token_text(t) == "Tempo")
        .unwrap();
    assert_eq!(
        app.knowledge().standing(second),
        Some(Standing::Status(Status::Ignored))
    );
    // Undone, the name has no status of its own again.
    press(&mut app, 'u');
    assert_eq!(app.word_statuses().get("Tempo"), None);
}

#[test]
fn a_capitalised_word_also_met_in_lower_case_is_rated_as_the_word() {
    let mut app = reader_of("Kata Jarak itu jauh. Jarak antara kota, jarak lagi.\n");
    app.go_to(token(&app, "Jarak"));
    press(&mut app, '3');
    assert_eq!(app.word_statuses().get("jarak"), Some(Status::Level(3)));
    assert_eq!(app.word_statuses().get("Jarak"), None);
}
