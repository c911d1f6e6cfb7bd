//! Word families in the reader, rendered into ratatui's TestBackend: a status on a root shows
//! on its forms, the pane shows the family, and one key rates the family's forms.

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
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

const ARTICLE: &str = "# Pencuri ditangkap\n\nPolisi menangkap pencuri di pasar. Pencuri itu \
                       ditangkap kemarin. Penangkapan itu sah.\n";

fn glossary_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/glossary"))
}

/// The reader on [`ARTICLE`] with the bundled glossary and `statuses` already set.
fn reader(statuses: &[(&str, Status)]) -> App {
    let glossary = Glossary::load_dir(glossary_dir()).unwrap();
    let layers = Layers::with_bundled_roots(glossary);
    let article = Article::parse(ARTICLE, Path::new("pencuri.md")).unwrap();
    let doc = Document::new(article, &layers);
    let mut words = WordStatuses::in_memory();
    let changes: Vec<_> = statuses
        .iter()
        .map(|(word, status)| ((*word).to_owned(), Some(*status)))
        .collect();
    words.apply(&changes);
    App::with_statuses(doc, layers, words, Size::new(120, 30)).with_theme(Theme::color())
}

fn render(app: &App) -> Buffer {
    let size = app.size();
    draw(size.width, size.height, |frame| {
        frame.render_widget(app, frame.area())
    })
}

/// The first token spelled `word`.
fn token(app: &App, word: &str) -> usize {
    let doc = app.document();
    (0..doc.tokens().len())
        .find(|&t| doc.token_text(t) == word)
        .unwrap_or_else(|| panic!("{word} is in the article"))
}

/// Where `word` is drawn in the article column.
fn cell(buffer: &Buffer, word: &str) -> (u16, u16) {
    let text = screen(buffer);
    text.lines()
        .enumerate()
        .find_map(|(y, line)| {
            let article: String = line.chars().take(70).collect();
            let byte = article.find(word)?;
            Some((article[..byte].chars().count() as u16, y as u16))
        })
        .unwrap_or_else(|| panic!("{word} is on screen:\n{text}"))
}

#[test]
fn a_status_on_tangkap_shows_on_ditangkap_and_penangkapan() {
    let mut app = reader(&[("tangkap", Status::WellKnown)]);
    let known = Standing::Inherited(Status::WellKnown);
    for word in ["menangkap", "ditangkap", "Penangkapan"] {
        let t = token(&app, word);
        assert_eq!(app.knowledge().standing(t), Some(known), "{word}");
    }
    assert_eq!(
        app.knowledge().standing(token(&app, "pencuri")),
        Some(Standing::Unknown)
    );
    // Known by family reads as known in the text: plain, not the unknown colour.
    let buffer = render(&app);
    let (x, y) = cell(&buffer, "ditangkap kemarin");
    assert_eq!(buffer[(x, y)].fg, ratatui::style::Color::Reset);
    let (x, y) = cell(&buffer, "pencuri di");
    assert_eq!(buffer[(x, y)].fg, Theme::color().unknown.fg.unwrap());
    // The pane says where the standing comes from.
    app.go_to(token(&app, "ditangkap"));
    let text = screen(&render(&app));
    assert!(
        text.contains("known by family (tangkap: well known)"),
        "{text}"
    );
}

#[test]
fn a_forms_own_status_wins_and_an_ignored_root_makes_nothing_known() {
    let app = reader(&[
        ("tangkap", Status::WellKnown),
        ("ditangkap", Status::Level(2)),
    ]);
    assert_eq!(
        app.knowledge().standing(token(&app, "ditangkap")),
        Some(Standing::Status(Status::Level(2)))
    );
    let app = reader(&[("tangkap", Status::Ignored)]);
    assert_eq!(
        app.knowledge().standing(token(&app, "ditangkap")),
        Some(Standing::Unknown)
    );
}

#[test]
fn the_status_line_shows_the_share_of_words_and_of_families() {
    let mut app = reader(&[]);
    let text = screen(&render(&app));
    assert!(
        text.contains("0% of words · 0% of families known"),
        "{text}"
    );
    // A status for the root makes its forms known at once (ditangkap twice, with the title).
    let totals = app.knowledge().totals();
    assert_eq!(totals.families.known, 0);
    let before = totals.known.running;
    let mut words = app.word_statuses().clone();
    words.apply(&[("tangkap".to_owned(), Some(Status::WellKnown))]);
    app.replace_word_statuses(words);
    let totals = app.knowledge().totals();
    assert_eq!(totals.known.running, before + 4);
    assert_eq!(totals.families.known, 1);
    let text = screen(&render(&app));
    assert!(
        text.contains(&format!(
            "{}% of words · {}% of families known",
            totals.known_percent(),
            totals.families.known_percent()
        )),
        "{text}"
    );
}

fn keys(app: &mut App, keys: &str) {
    for key in keys.split(' ').filter(|k| !k.is_empty()) {
        let code = match key {
            "esc" => KeyCode::Esc,
            other => {
                assert_eq!(other.chars().count(), 1, "unknown key name {other}");
                KeyCode::Char(other.chars().next().unwrap())
            }
        };
        app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

#[test]
fn the_pane_shows_the_family_with_the_forms_met_here_and_before() {
    let mut app = reader(&[
        ("tangkap", Status::Level(3)),
        ("menangkap", Status::WellKnown),
        ("tertangkap", Status::Level(2)),
        ("pencuri", Status::WellKnown),
    ]);
    app.go_to(token(&app, "ditangkap"));
    let text = screen(&render(&app));
    assert!(
        text.contains("family tangkap: status 3 · F rates it all"),
        "{text}"
    );
    assert!(
        text.contains("here: ditangkap, menangkap W, penangkapan"),
        "{text}"
    );
    assert!(text.contains("met before: tertangkap 2"), "{text}");
    assert!(
        text.contains("learning by family (tangkap: status 3)"),
        "{text}"
    );
    // A word whose family is only itself shows no family.
    app.go_to(token(&app, "pasar"));
    let text = screen(&render(&app));
    assert!(!text.contains("family "), "{text}");
}

#[test]
fn f_rates_the_whole_family_after_asking_and_u_takes_it_back_in_one_step() {
    let mut app = reader(&[("penangkapan", Status::Level(1))]);
    app.go_to(token(&app, "ditangkap"));
    keys(&mut app, "F");
    let text = screen(&render(&app));
    assert!(
        text.contains("One status for tangkap and its 3 forms here?"),
        "{text}"
    );
    // Any other key cancels.
    keys(&mut app, "j");
    assert_eq!(app.word_statuses().get("ditangkap"), None);
    assert!(screen(&render(&app)).contains("Family left as it was"));

    keys(&mut app, "F w");
    for word in ["tangkap", "menangkap", "ditangkap", "penangkapan"] {
        assert_eq!(
            app.word_statuses().get(word),
            Some(Status::WellKnown),
            "{word}"
        );
    }
    assert_eq!(
        app.knowledge().standing(token(&app, "Penangkapan")),
        Some(Standing::Status(Status::WellKnown))
    );
    assert!(screen(&render(&app)).contains("Family tangkap: well known for 4 words"));
    assert_eq!(
        app.word_statuses().get("pencuri"),
        None,
        "other words untouched"
    );

    keys(&mut app, "u");
    assert_eq!(app.word_statuses().get("tangkap"), None);
    assert_eq!(app.word_statuses().get("ditangkap"), None);
    assert_eq!(
        app.word_statuses().get("penangkapan"),
        Some(Status::Level(1)),
        "one u puts every form back as it was"
    );
    assert_eq!(
        app.knowledge().standing(token(&app, "ditangkap")),
        Some(Standing::Unknown)
    );
}
