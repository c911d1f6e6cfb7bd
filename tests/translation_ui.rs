//! The reader's machine translations rendered into ratatui's TestBackend: what the pane says
//! while a paragraph is translated, once it is (marked machine translation, with the
//! translator's name), when no translator is set up and when the translator fails; `T` with
//! its progress and a corrected paragraph that survives it; `t` for one sentence. The
//! translations are made by the real background worker running stub scripts.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

#[path = "support/screen.rs"]
mod support_screen;

use support_screen::{draw, screen};

use kabar::article::Article;
use kabar::document::Document;
use kabar::glossary::Glossary;
use kabar::layers::Layers;
use kabar::settings::translator::{TranslatorKind, TranslatorSetting};
use kabar::translation::Origin;
use kabar::translation::place::Place;
use kabar::translation::worker::{Done, Worker};
use kabar::ui::App;
use kabar::ui::app::{Effect, NO_TRANSLATOR, TranslationSetup};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

const ARTICLE: &str = "+++\ntitle = \"Banjir di Jakarta\"\n+++\n\n\
Hujan deras mengguyur Jakarta sejak pagi.\n\n\
Banjir merendam ratusan rumah. Warga mengungsi ke masjid.\n\n\
Pemerintah menyiapkan pompa air.\n";

/// An article in a data folder's `articles/`, where kabar keeps its translation beside it.
struct Fixture {
    _dir: tempfile::TempDir,
    data: PathBuf,
    article: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let articles = data.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let article = articles.join("banjir.md");
    std::fs::write(&article, ARTICLE).unwrap();
    Fixture {
        data,
        article,
        _dir: dir,
    }
}

/// An executable shell script `name` in `dir`.
fn script(dir: &Path, name: &str, body: &str) -> TranslatorSetting {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    TranslatorSetting {
        kind: TranslatorKind::Command(vec![path.display().to_string()]),
        timeout: Duration::from_secs(20),
        name: name.into(),
    }
}

fn stub(dir: &Path) -> TranslatorSetting {
    script(dir, "en-stub", "printf 'EN-STUB '; cat")
}

/// A reader on the fixture's article, as the shell opens one (its translation file loaded).
fn reader(f: &Fixture, translator: Option<TranslatorSetting>) -> App {
    let article = Article::load(&f.article).unwrap();
    let layers = Layers::with_bundled_roots(Glossary::default());
    let setup = TranslationSetup {
        translator,
        place: Place::of(&f.article, Some(&f.data)),
        sentences_file: Some(f.data.join("translations/sentences.toml")),
        sentences: Default::default(),
    };
    let mut app = App::new(Document::new(article, &layers), layers, Size::new(120, 30))
        .with_translation(setup);
    app.follow_translation();
    app
}

/// The background worker on `translator`, and where its outcomes arrive.
fn worker(translator: &TranslatorSetting) -> (Worker, mpsc::Receiver<Done>) {
    let (sender, outcomes) = mpsc::channel();
    let worker = Worker::start(translator.clone(), move |done| {
        let _ = sender.send(done);
    });
    (worker, outcomes)
}

/// Hands the reader's translation requests to `worker`; how many there were.
fn send(app: &mut App, worker: &Worker) -> usize {
    let mut sent = 0;
    for effect in app.take_effects() {
        if let Effect::Translate(request) = effect {
            worker.ask(*request);
            sent += 1;
        }
    }
    sent
}

/// Waits for `count` outcomes and gives them to the reader.
fn receive(app: &mut App, outcomes: &mpsc::Receiver<Done>, count: usize) {
    for _ in 0..count {
        let done = outcomes
            .recv_timeout(Duration::from_secs(30))
            .expect("the translator answers");
        app.translation_done(done);
    }
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

fn shown(app: &App) -> String {
    let size = app.size();
    screen(&draw(size.width, size.height, |frame| {
        frame.render_widget(app, frame.area())
    }))
}

/// The pane's column of the screen (right of the article at 120 columns), as one string.
fn pane(app: &App) -> String {
    shown(app)
        .lines()
        .map(|line| line.chars().skip(74).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn entering_a_paragraph_shows_translating_then_the_machine_translation_and_its_name() {
    let f = fixture();
    let translator = stub(f._dir.path());
    let (worker, outcomes) = worker(&translator);
    let mut app = reader(&f, Some(translator));
    assert_eq!(
        send(&mut app, &worker),
        1,
        "the first paragraph is asked for"
    );
    let pane_text = pane(&app);
    assert!(
        pane_text.contains("Translation ¶1/3") && pane_text.contains("translating… (en-stub)"),
        "{pane_text}"
    );
    receive(&mut app, &outcomes, 1);
    let pane_text = pane(&app);
    assert!(
        pane_text.contains("EN-STUB Hujan deras mengguyur Jakarta"),
        "{pane_text}"
    );
    assert!(
        pane_text.contains("machine translation · en-stub"),
        "{pane_text}"
    );
    assert!(!pane_text.contains("translating…"), "{pane_text}");
    // Saved beside the article, in the translation format.
    let file = std::fs::read_to_string(f.article.with_file_name("banjir.en.md")).unwrap();
    assert!(
        file.contains("machine = { \"en-stub\" = \"1\" }")
            && file.contains("\nEN-STUB Hujan deras mengguyur Jakarta sejak pagi.\n"),
        "{file}"
    );

    // Moving within the paragraph asks for nothing; entering the next one asks for it.
    press(&mut app, "l");
    assert_eq!(send(&mut app, &worker), 0);
    press(&mut app, "j");
    assert_eq!(send(&mut app, &worker), 1);
    assert!(pane(&app).contains("translating…"), "{}", pane(&app));
    receive(&mut app, &outcomes, 1);
    // Back to the first: translated once, not asked again.
    press(&mut app, "k");
    assert_eq!(send(&mut app, &worker), 0);
    assert!(pane(&app).contains("EN-STUB Hujan"), "{}", pane(&app));
}

#[test]
fn without_a_translator_the_pane_says_in_one_line_how_to_set_one_up() {
    let f = fixture();
    let mut app = reader(&f, None);
    assert!(app.take_effects().is_empty());
    let text = shown(&app);
    // The message wraps in the pane; its words are all there, once.
    let pane_words: String = pane(&app).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        pane_words.contains("No translation here. To get one, set up a translator in"),
        "{text}"
    );
    assert!(pane_words.contains("README, Translation"), "{text}");
    // T says the same in the status line.
    press(&mut app, "T");
    let status = shown(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains(NO_TRANSLATOR), "{status}");
}

#[test]
fn a_failing_translator_shows_its_own_error_line_and_moving_back_tries_again() {
    let f = fixture();
    let failing = script(
        f._dir.path(),
        "argos",
        "cat >/dev/null; echo 'loading' >&2; echo 'no model for id-en installed' >&2; exit 3",
    );
    let (worker, outcomes) = worker(&failing);
    let mut app = reader(&f, Some(failing));
    assert_eq!(send(&mut app, &worker), 1);
    receive(&mut app, &outcomes, 1);
    let pane_text = pane(&app);
    assert!(
        pane_text.contains("⚠ argos: no model for id-en installed"),
        "{pane_text}"
    );
    assert!(
        !f.article.with_file_name("banjir.en.md").exists(),
        "no file for a failure"
    );
    // Away and back: asked again.
    press(&mut app, "j");
    assert_eq!(send(&mut app, &worker), 1);
    press(&mut app, "k");
    assert_eq!(send(&mut app, &worker), 1);
    assert!(pane(&app).contains("translating…"), "{}", pane(&app));
}

#[test]
fn translating_the_article_shows_progress_and_keeps_a_corrected_paragraph() {
    let f = fixture();
    std::fs::write(
        f.article.with_file_name("banjir.en.md"),
        "+++\nlanguage = \"en\"\ncorrected = \"2\"\n+++\n\n(untranslated)\n\nFloods drowned hundreds of homes; people fled to the mosque.\n\n(untranslated)\n",
    )
    .unwrap();
    let translator = stub(f._dir.path());
    let (worker, outcomes) = worker(&translator);
    let mut app = reader(&f, Some(translator));
    // The first paragraph is asked for on opening, T asks for the third: the corrected one is
    // never asked for.
    press(&mut app, "T");
    assert_eq!(send(&mut app, &worker), 2);
    let status = shown(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("translating 1/3"), "{status}");
    receive(&mut app, &outcomes, 2);
    let status = shown(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("Translated: 3/3 paragraphs"), "{status}");
    let saved = Place::of(&f.article, Some(&f.data))
        .unwrap()
        .load()
        .unwrap()
        .unwrap();
    assert_eq!(
        saved.text(1),
        Some("Floods drowned hundreds of homes; people fled to the mosque.")
    );
    assert_eq!(saved.paragraph(1).unwrap().origin, Origin::Corrected);
    assert_eq!(
        saved.text(2),
        Some("EN-STUB Pemerintah menyiapkan pompa air.")
    );
    // Nothing is left to translate, the corrected paragraph least of all.
    press(&mut app, "T");
    assert_eq!(send(&mut app, &worker), 0);
    press(&mut app, "j");
    let pane_text = pane(&app);
    assert!(
        pane_text.contains("Floods drowned") && pane_text.contains("you corrected"),
        "{pane_text}"
    );
}

#[test]
fn the_sentence_key_translates_one_sentence_or_reuses_a_one_sentence_paragraph() {
    let f = fixture();
    let translator = stub(f._dir.path());
    let (worker, outcomes) = worker(&translator);
    let mut app = reader(&f, Some(translator));
    receive_all(&mut app, &worker, &outcomes);
    // The first paragraph is one sentence: its translation serves, nothing more is asked.
    press(&mut app, "t");
    assert_eq!(send(&mut app, &worker), 0);
    assert!(
        pane(&app).contains("sentence: the paragraph is this one sentence"),
        "{}",
        pane(&app)
    );
    // The second has two: `t` on the second sentence asks for it alone.
    press(&mut app, "j");
    receive_all(&mut app, &worker, &outcomes);
    press(&mut app, "llll");
    press(&mut app, "t");
    assert_eq!(send(&mut app, &worker), 1);
    assert!(
        pane(&app).contains("sentence: translating…"),
        "{}",
        pane(&app)
    );
    receive(&mut app, &outcomes, 1);
    assert!(
        pane(&app).contains("sentence: EN-STUB Warga mengungsi ke masjid."),
        "{}",
        pane(&app)
    );
    let sentences = std::fs::read_to_string(f.data.join("translations/sentences.toml")).unwrap();
    assert!(
        sentences.contains("\"Warga mengungsi ke masjid.\" = { en = \"EN-STUB Warga mengungsi ke masjid.\", by = \"en-stub\" }"),
        "{sentences}"
    );
}

/// Sends what the reader asked for and waits for all of it.
fn receive_all(app: &mut App, worker: &Worker, outcomes: &mpsc::Receiver<Done>) {
    let count = send(app, worker);
    receive(app, outcomes, count);
}
