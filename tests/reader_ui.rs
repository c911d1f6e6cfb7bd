//! The reader rendered into ratatui's TestBackend: screen text as insta snapshots, plus the
//! styles of the cells that carry meaning (snapshots do not see colour).

use std::path::Path;

#[path = "support/screen.rs"]
mod support_screen;

use support_screen::{draw, screen};

use kabar::article::Article;
use kabar::document::Document;
use kabar::glossary::Glossary;
use kabar::layers::Layers;
use kabar::ui::App;
use kabar::ui::app::Mode;
use kabar::ui::theme::Theme;
use kabar::word_status::WordStatuses;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Size;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample_app(width: u16, height: u16) -> App {
    // Built once: the render-at-every-size test asks for hundreds of readers.
    static SAMPLE: std::sync::OnceLock<(Document, Layers)> = std::sync::OnceLock::new();
    let (document, layers) = SAMPLE.get_or_init(|| {
        let article = Article::load(&root().join("articles/putin-kim-bertemu.md")).unwrap();
        let glossary = Glossary::load_dir(&root().join("glossary")).unwrap();
        assert!(glossary.problems().is_empty(), "{:?}", glossary.problems());
        let layers = Layers::with_bundled_roots(glossary);
        (Document::new(article, &layers), layers)
    });
    App::new(document.clone(), layers.clone(), Size::new(width, height)).with_theme(Theme::color())
}

fn app_for(article: Article, glossary: Glossary, width: u16, height: u16) -> App {
    let layers = Layers::with_bundled_roots(glossary);
    let document = Document::new(article, &layers);
    App::new(document, layers, Size::new(width, height)).with_theme(Theme::color())
}

/// Feeds a space-separated key list ("j j tab S-tab / esc") to the app.
fn keys(app: &mut App, keys: &str) {
    for key in keys.split(' ').filter(|k| !k.is_empty()) {
        let (code, modifiers) = match key {
            "tab" => (KeyCode::Tab, KeyModifiers::NONE),
            "S-tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
            "esc" => (KeyCode::Esc, KeyModifiers::NONE),
            "enter" => (KeyCode::Enter, KeyModifiers::NONE),
            "space" => (KeyCode::Char(' '), KeyModifiers::NONE),
            "pgdn" => (KeyCode::PageDown, KeyModifiers::NONE),
            "down" => (KeyCode::Down, KeyModifiers::NONE),
            other => {
                let c = other.chars().next().unwrap();
                assert_eq!(other.chars().count(), 1, "unknown key name {other}");
                (KeyCode::Char(c), KeyModifiers::NONE)
            }
        };
        app.handle_event(&Event::Key(KeyEvent::new(code, modifiers)));
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

fn render(app: &App) -> Buffer {
    let size = app.size();
    draw(size.width, size.height, |frame| {
        frame.render_widget(app, frame.area())
    })
}

/// Position of the first occurrence of `needle` in the article (left of the pane at 120×40).
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let text = screen(buffer);
    text.lines().enumerate().find_map(|(y, line)| {
        let article: String = line.chars().take(72).collect();
        let byte = article.find(needle)?;
        Some((article[..byte].chars().count() as u16, y as u16))
    })
}

#[test]
fn first_screen_shows_article_pane_and_status() {
    let app = sample_app(120, 40);
    let buffer = render(&app);
    insta::assert_snapshot!("first_screen_120x40", screen(&buffer));
}

#[test]
fn terms_are_highlighted_and_phrases_underlined_across_their_space() {
    let mut app = sample_app(120, 40);
    keys(&mut app, "G");
    keys(&mut app, "g");
    // Scroll until "peluru artileri" is on screen, by searching for it then leaving the cursor.
    keys(&mut app, "/");
    type_text(&mut app, "peluru artileri");
    keys(&mut app, "enter esc");
    let buffer = render(&app);
    let (x, y) = find(&buffer, "peluru artileri").expect("peluru artileri on screen");
    let theme = Theme::color();
    // The current term: every cell, the space included, has the current-term style.
    for dx in 0..15 {
        let cell = &buffer[(x + dx, y)];
        assert_eq!(
            cell.fg,
            theme.current_term.fg.unwrap(),
            "cell {dx} of the current term"
        );
        assert_eq!(
            cell.bg,
            theme.current_term.bg.unwrap(),
            "cell {dx} of the current term"
        );
    }
    // Move on: the phrase keeps a phrase style (underlined, term colour) across its space.
    keys(&mut app, "tab");
    let buffer = render(&app);
    let cell = &buffer[(x + 6, y)];
    assert_eq!(cell.symbol(), " ");
    assert!(cell.modifier.contains(ratatui::style::Modifier::UNDERLINED));
    assert_eq!(buffer[(x, y)].fg, theme.term.fg.unwrap());
    // A word outside the glossary keeps the default style.
    let (ux, uy) = find(&buffer, "Pyongyang").unwrap();
    assert_eq!(buffer[(ux, uy)].fg, ratatui::style::Color::Reset);
}

#[test]
fn tab_moves_to_the_next_term_and_the_pane_shows_its_translation() {
    let mut app = sample_app(120, 40);
    keys(&mut app, "/");
    type_text(&mut app, "pemimpin akan");
    keys(&mut app, "enter");
    let before = app.cursor();
    keys(&mut app, "esc tab");
    let current = app.current_match().expect("on a term");
    assert!(current.start as usize > before);
    let entry = app.glossary().entry(current.entry).term.clone();
    let screen = screen(&render(&app));
    assert!(screen.contains(&entry), "{screen}");
    keys(&mut app, "S-tab");
    assert_eq!(app.cursor(), before);
}

#[test]
fn enclitic_term_shows_its_parts_in_the_pane() {
    let mut app = sample_app(120, 40);
    keys(&mut app, "/");
    type_text(&mut app, "penangkapannya");
    keys(&mut app, "enter");
    let screen = screen(&render(&app));
    insta::assert_snapshot!("pane_surat_perintah_penangkapannya", pane_text(&screen));
}

fn pane_text(screen: &str) -> String {
    screen
        .lines()
        .map(|line| line.chars().skip(72).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn help_overlay_lists_every_command_from_the_keymap() {
    let mut app = sample_app(120, 40);
    keys(&mut app, "?");
    assert!(matches!(app.mode(), Mode::Help));
    let screen = screen(&render(&app));
    for command in kabar::ui::command::Command::ALL {
        assert!(
            screen.contains(command.help()),
            "help lacks {command:?}:\n{screen}"
        );
    }
    keys(&mut app, "esc");
    assert!(matches!(app.mode(), Mode::Reading));
    // q closes the help (as in less); it does not quit.
    keys(&mut app, "? q");
    assert!(matches!(app.mode(), Mode::Reading) && app.is_running());
}

#[test]
fn navigation_keys_move_by_word_line_page_and_unknown_word() {
    let mut app = sample_app(120, 40);
    let doc_words = |app: &App| app.document().token_text(app.cursor()).to_owned();
    assert_eq!(doc_words(&app), "Media");
    keys(&mut app, "l");
    assert_eq!(doc_words(&app), "di", "a multi-word term is one step");
    keys(&mut app, "h j");
    assert_eq!(doc_words(&app), "akan", "j keeps the column");
    keys(&mut app, "]");
    assert!(app.current_match().is_none());
    keys(&mut app, "G");
    assert_eq!(doc_words(&app), "bbn");
    let top_at_bottom = app.top();
    keys(&mut app, "g");
    assert_eq!(doc_words(&app), "Media");
    keys(&mut app, "pgdn");
    assert!(app.top() > kabar::ui::rows::RowPos::default());
    assert!(app.top() <= top_at_bottom);
    keys(&mut app, "f");
    let screen = screen(&render(&app));
    assert!(!screen.contains("Translation"), "f hides the pane");
}

#[test]
fn search_not_found_says_so_and_n_repeats() {
    let mut app = sample_app(120, 40);
    keys(&mut app, "/");
    type_text(&mut app, "tidak ada kata ini");
    keys(&mut app, "enter");
    assert!(app.notice().unwrap().text.contains("Not found"));
    keys(&mut app, "/");
    type_text(&mut app, "Korea Utara");
    keys(&mut app, "enter");
    let first = app.cursor();
    keys(&mut app, "n");
    assert!(app.cursor() > first);
    keys(&mut app, "N");
    assert_eq!(app.cursor(), first);
}

#[test]
fn mouse_click_selects_the_word_under_it() {
    let mut app = sample_app(120, 40);
    let buffer = render(&app);
    let (x, y) = find(&buffer, "Dmitry").unwrap();
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x + 2,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.document().token_text(app.cursor()), "Dmitry");
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert!(
        app.top() > kabar::ui::rows::RowPos::default(),
        "the wheel scrolls the article"
    );
}

#[test]
fn a_broken_glossary_file_shows_a_warning_and_the_rest_loads() {
    let mut glossary = Glossary::default();
    glossary.add_file("glossary/a.toml".into(), "perang = \"war\"\n");
    glossary.add_file("glossary/b.toml".into(), "rusak = \"broken\nx = 1\n");
    let article = Article::parse("Perang di Ukraina.", Path::new("a.md")).unwrap();
    let app = app_for(article, glossary, 80, 20);
    let screen = screen(&render(&app));
    assert!(screen.contains("glossary/b.toml:1:"), "{screen}");
    assert!(screen.contains("war"), "{screen}");
}

#[test]
fn escape_sequences_in_an_article_never_reach_the_screen_buffer() {
    let text = "Judul \x1b[31mmerah\x1b[0m dan \x1b]52;c;aGVsbG8=\x07 serta \x1b]0;judul\x07 teks.";
    let article = Article::parse(text, Path::new("evil.md")).unwrap();
    let app = app_for(article, Glossary::default(), 120, 40);
    let buffer = render(&app);
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "control char in {:?}",
            cell.symbol()
        );
    }
    assert!(
        screen(&buffer).contains('\u{241b}'),
        "ESC is shown as a visible ␛"
    );
}

#[test]
fn renders_at_every_size_without_panicking() {
    let sizes = (1..=300u16)
        .step_by(13)
        .flat_map(|w| (1..=100u16).step_by(7).map(move |h| (w, h)));
    for (width, height) in sizes.chain([(40, 12), (300, 100), (1, 1)]) {
        for article in ["", "Satu kata."] {
            let parsed = Article::parse(article, Path::new("a.md")).unwrap();
            let layers = Layers::default();
            let document = Document::new(parsed, &layers);
            let mut app = App::new(document, layers, Size::new(width, height));
            keys(&mut app, "j G pgdn tab ] ? esc f l");
            render(&app);
        }
        let mut app = sample_app(width, height);
        keys(&mut app, "j G pgdn tab ] ? esc f l");
        render(&app);
    }
}

#[test]
fn a_small_terminal_shows_the_current_term_in_a_strip_and_keeps_help_in_reach() {
    let mut app = sample_app(40, 12);
    keys(&mut app, "/");
    type_text(&mut app, "peluru artileri");
    keys(&mut app, "enter");
    let screen = screen(&render(&app));
    insta::assert_snapshot!("small_40x12_strip", screen);
    let status = screen.lines().last().unwrap();
    assert!(status.contains("? help"), "{status}");
}

#[test]
fn a_derived_word_has_its_own_style_and_the_pane_explains_it() {
    let mut glossary = Glossary::default();
    glossary.add_file(
        "g.toml".into(),
        "[keluar]\ntranslation = \"go out, exit\"\npos = \"verb\"\n",
    );
    let article = Article::parse("Senjata dikeluarkan kemarin.", Path::new("a.md")).unwrap();
    let mut app = app_for(article, glossary, 100, 30);
    let buffer = render(&app);
    let (x, y) = find(&buffer, "dikeluarkan").unwrap();
    assert_eq!(buffer[(x, y)].fg, Theme::color().derived.fg.unwrap());
    keys(&mut app, "l");
    let screen = screen(&render(&app));
    assert!(screen.contains("di- + keluar + -kan: passive,"), "{screen}");
    assert!(screen.contains("root keluar  verb"), "{screen}");
    assert!(screen.contains("• go out, exit"), "{screen}");
}

#[test]
fn help_scrolls_on_a_small_screen_and_an_empty_article_says_so() {
    let mut app = sample_app(40, 12);
    keys(&mut app, "?");
    let first = screen(&render(&app));
    assert!(first.contains("j/k for more"), "{first}");
    assert!(!first.contains("Quit"), "{first}");
    for _ in 0..60 {
        keys(&mut app, "j");
    }
    let scrolled = screen(&render(&app));
    assert!(scrolled.contains("Quit"), "{scrolled}");
    keys(&mut app, "x");
    assert!(matches!(app.mode(), Mode::Reading));

    let article = Article::parse("", Path::new("empty.md")).unwrap();
    let empty = app_for(article, Glossary::default(), 60, 20);
    assert!(screen(&render(&empty)).contains("This article has no text."));
}

#[test]
fn select_two_words_add_a_translation_and_the_term_is_in_the_file_and_highlighted() {
    let mut reader = Editable::new(
        "militer.toml",
        "# Mine.\nperang = \"war\"\n",
        "+++\ntitle = \"Uji\"\nsource = \"Tes\"\n+++\nKekurangan proyektil artileri dalam perang.",
    );
    // Move to "proyektil", select it and the next word, and look at the preview.
    keys(&mut reader.app, "l v l");
    assert_eq!(reader.app.selection(), Some(1..3));
    let screen = screen(&render(&reader.app));
    assert!(screen.contains("proyektil artileri"), "{screen}");
    keys(&mut reader.app, "a");
    assert!(matches!(reader.app.mode(), Mode::Adding(_)));
    type_text(&mut reader.app, "artillery projectiles");
    keys(&mut reader.app, "enter");
    reader.run_effects();
    let written = reader.read("added.toml");
    assert!(
        written.starts_with("[\"proyektil artileri\"]\ntranslation = \"artillery projectiles\"\nexamples = [\"Kekurangan proyektil artileri dalam perang. (Uji, Tes)\"]"),
        "{written}"
    );
    assert_eq!(reader.read("militer.toml"), "# Mine.\nperang = \"war\"\n");
    // The new term is highlighted as a phrase (seen with the cursor elsewhere).
    assert!(
        reader
            .app
            .notice()
            .unwrap()
            .text
            .starts_with("Added \"proyektil artileri\"")
    );
    keys(&mut reader.app, "g");
    let buffer = render(&reader.app);
    let (x, y) = find(&buffer, "proyektil artileri").unwrap();
    assert_eq!(buffer[(x + 12, y)].fg, Theme::color().phrase.fg.unwrap());
    assert!(
        buffer[(x + 9, y)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
}

#[test]
fn esc_in_the_form_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let article = Article::parse("Satu kata.", Path::new("a.md")).unwrap();
    let layers = Layers::default();
    let document = Document::new(article, &layers);
    let mut app =
        App::new(document, layers, Size::new(80, 24)).with_glossary_dir(dir.path().to_path_buf());
    keys(&mut app, "a");
    type_text(&mut app, "one");
    keys(&mut app, "esc");
    assert!(matches!(app.mode(), Mode::Reading));
    assert!(app.take_effects().is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn edit_delete_and_undo_from_the_reader() {
    let original = "# Mine.\nperang = \"war\"  # short\n";
    let mut reader = Editable::new("militer.toml", original, "Perang lagi.");

    // e: the form opens with the entry; change the translation.
    keys(&mut reader.app, "e");
    let Mode::Adding(form) = reader.app.mode() else {
        panic!("the form opens")
    };
    assert_eq!(form.inputs[1].value(), "war");
    for _ in 0..3 {
        let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        reader.app.handle_event(&Event::Key(backspace));
    }
    type_text(&mut reader.app, "warfare");
    keys(&mut reader.app, "enter");
    reader.run_effects();
    assert_eq!(
        reader.read("militer.toml"),
        "# Mine.\nperang = \"warfare\"  # short\n"
    );

    // d asks; n keeps; d y deletes.
    keys(&mut reader.app, "d");
    assert!(screen(&render(&reader.app)).contains("Delete \"perang\" from"));
    keys(&mut reader.app, "n");
    reader.run_effects();
    assert_eq!(
        reader.read("militer.toml"),
        "# Mine.\nperang = \"warfare\"  # short\n"
    );
    keys(&mut reader.app, "d y");
    reader.run_effects();
    assert!(!reader.read("militer.toml").contains("perang"));
    assert!(reader.app.current_match().is_none());

    // u undoes the delete, then the edit.
    keys(&mut reader.app, "u");
    reader.run_effects();
    assert_eq!(
        reader.read("militer.toml"),
        "# Mine.\nperang = \"warfare\"  # short\n"
    );
    keys(&mut reader.app, "u");
    reader.run_effects();
    assert_eq!(reader.read("militer.toml"), original);
    keys(&mut reader.app, "u");
    assert!(
        reader
            .app
            .notice()
            .unwrap()
            .text
            .contains("Nothing to undo")
    );
}

#[test]
fn adding_a_term_that_exists_offers_to_edit_it_instead() {
    let mut reader = Editable::new("a.toml", "perang = \"war\"\n", "Perang lagi.");
    // `a` on a word the glossary has opens its entry for editing, with the reason.
    keys(&mut reader.app, "a");
    let Mode::Adding(form) = reader.app.mode() else {
        panic!("the edit form opens")
    };
    assert_eq!(form.editing.as_deref(), Some("perang"));
    assert!(form.error.as_deref().unwrap().contains("already in"));
    keys(&mut reader.app, "esc");
    assert!(reader.app.take_effects().is_empty());
    assert_eq!(reader.read("a.toml"), "perang = \"war\"\n");
    assert_eq!(reader.read("added.toml"), "");
}

#[test]
fn status_keys_write_the_status_to_the_progress_file_and_colour_the_term() {
    let glossary = "# Mine.\nperang = \"war\"\n";
    let mut reader = Editable::new("a.toml", glossary, "Perang lagi dan perang.");
    keys(&mut reader.app, "1");
    reader.run_effects();
    // Rated for learning: the sentence it was met in is kept too, for its review card; both
    // go to the learner's progress, and the glossary file stays as it was.
    assert_eq!(reader.read("a.toml"), glossary);
    let words_file = reader.words_file();
    let progress = || std::fs::read_to_string(&words_file).unwrap();
    assert!(
        progress().ends_with(
            "perang = { status = 1, examples = [\"Perang lagi dan perang. (Untitled article)\"] }\n"
        ),
        "{}",
        progress()
    );
    keys(&mut reader.app, "+ +");
    reader.run_effects();
    assert!(
        progress().contains("perang = { status = 3, examples"),
        "{}",
        progress()
    );
    let theme = Theme::color();
    keys(&mut reader.app, "l l");
    let buffer = render(&reader.app);
    let (x, y) = find(&buffer, "perang.").unwrap();
    // The second "perang" (cursor elsewhere) shows status 3's colour after two steps up.
    assert_eq!(
        buffer[(x, y)].fg,
        theme.learning[2].fg.unwrap(),
        "{}",
        progress()
    );
    // Well known: no highlight at all.
    keys(&mut reader.app, "g w");
    reader.run_effects();
    keys(&mut reader.app, "l l");
    let buffer = render(&reader.app);
    let (x, y) = find(&buffer, "perang.").unwrap();
    assert_eq!(buffer[(x, y)].fg, ratatui::style::Color::Reset);
    assert!(
        progress().contains("perang = { status = \"W\""),
        "{}",
        progress()
    );
    // H turns highlighting off and on; x clears the status (and its line).
    keys(&mut reader.app, "g x");
    reader.run_effects();
    assert!(!progress().contains("perang"), "{}", progress());
    assert_eq!(reader.read("a.toml"), glossary);
    keys(&mut reader.app, "l l H");
    let buffer = render(&reader.app);
    let (x, y) = find(&buffer, "perang.").unwrap();
    assert_eq!(buffer[(x, y)].fg, ratatui::style::Color::Reset);
    keys(&mut reader.app, "H");
    let buffer = render(&reader.app);
    assert_eq!(buffer[(x, y)].fg, theme.term.fg.unwrap());
}

#[test]
fn words_outside_the_glossary_take_statuses_that_persist_and_move_the_share() {
    let mut reader = Editable::new(
        "a.toml",
        "perang = \"war\"\n",
        "Perang lagi. Kata Putin, perang lagi dan lagi.",
    );
    let theme = Theme::color();
    // Counted: perang ×2 (term, unrated), lagi ×3, kata, dan; Putin is a name.
    let totals = reader.app.knowledge().totals();
    assert_eq!((totals.learning.running, totals.unknown.running), (2, 5));
    let buffer = render(&reader.app);
    let (x, y) = find(&buffer, "lagi.").unwrap();
    assert_eq!(
        buffer[(x, y)].fg,
        theme.unknown.fg.unwrap(),
        "unknown style"
    );
    let (x, y) = find(&buffer, "Putin").unwrap();
    assert_eq!(
        buffer[(x, y)].fg,
        ratatui::style::Color::Reset,
        "names are plain"
    );
    assert!(screen(&buffer).contains("· 0% of words"));

    // "lagi": w marks it well known everywhere; 2 puts "kata" at level 2.
    keys(&mut reader.app, "l w l 2");
    reader.run_effects();
    assert_eq!(
        std::fs::read_to_string(reader.words_file())
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>(),
        ["lagi = \"W\"", "kata = 2"]
    );
    let buffer = render(&reader.app);
    // 3 of 7 counted words known.
    assert!(
        screen(&buffer).contains("· 42% of words"),
        "{}",
        screen(&buffer)
    );
    let (x, y) = find(&buffer, "lagi dan").unwrap();
    assert_eq!(buffer[(x, y)].fg, ratatui::style::Color::Reset);

    // After a restart the statuses are still there; u undoes in the session that set them.
    let reopened = reader.reopen();
    assert_eq!(reopened.knowledge().totals().known_percent(), 42);
    keys(&mut reader.app, "u");
    reader.run_effects();
    assert!(
        !std::fs::read_to_string(reader.words_file())
            .unwrap()
            .contains("kata")
    );
    // Numbers have no status.
    let mut numbers = Editable::new("a.toml", "", "Ada 3.000 unit.");
    keys(&mut numbers.app, "l w");
    assert!(numbers.app.notice().unwrap().text.contains("no status"));
}

#[test]
fn k_marks_the_rest_known_after_asking_and_u_takes_it_back() {
    let mut reader = Editable::new(
        "a.toml",
        "perang = { translation = \"war\", status = 2 }\n",
        "Perang lagi. Kata Putin, perang lagi dan lagi.",
    );
    keys(&mut reader.app, "K");
    let buffer = render(&reader.app);
    assert!(
        screen(&buffer).contains(
            "Mark the 3 unknown words here well known (glossary terms stay as they are)?"
        ),
        "{}",
        screen(&buffer)
    );
    keys(&mut reader.app, "n");
    assert!(
        reader.app.take_effects().is_empty(),
        "any other key cancels"
    );
    // Meanwhile the learner edits words.toml by hand: kabar has not read this line.
    std::fs::write(
        reader.words_file(),
        "# mine\n# about lagi\nlagi = 2  # hand\n",
    )
    .unwrap();
    keys(&mut reader.app, "K y");
    reader.run_effects();
    let words = std::fs::read_to_string(reader.words_file()).unwrap();
    assert!(words.contains("lagi = \"W\"  # hand"), "{words}");
    for word in ["kata = \"W\"", "dan = \"W\""] {
        assert!(words.contains(word), "{words}");
    }
    assert!(
        !words.contains("putin") && !words.contains("perang"),
        "{words}"
    );
    // perang (status 2) is the only word not known: 5 of 7.
    assert_eq!(reader.app.knowledge().totals().known_percent(), 71);
    keys(&mut reader.app, "u");
    reader.run_effects();
    // Undo puts back what the file had, the hand-written line and its comments included.
    let words = std::fs::read_to_string(reader.words_file()).unwrap();
    assert_eq!(words, "# mine\n# about lagi\nlagi = 2  # hand\n");
}

#[test]
fn statistics_show_hand_counted_figures() {
    let mut reader = Editable::new(
        "a.toml",
        "\"peluru artileri\" = \"artillery shells\"\nrusia = { translation = \"Russia\", status = \"W\" }\nroket = { translation = \"rocket\", status = 3 }\n",
        "Putin membeli peluru artileri dan roket. Kata Presiden Putin, peluru artileri dibeli dari KPK dan Rusia.",
    );
    keys(&mut reader.app, "l l l w S");
    let buffer = render(&reader.app);
    let text = screen(&buffer);
    // By hand: counted words are membeli, peluru artileri ×2 (4 words), dan ×2, roket, kata,
    // presiden, dibeli, dari, Rusia = 13, 9 distinct. Known: dan ×2 (w above), Rusia = 3
    // (23%). Learning: peluru artileri (4, unrated), roket (3) = 5 (38%). Unknown: membeli,
    // kata, presiden, dibeli, dari = 5 (38%). Not counted: Putin ×2, KPK.
    for line in [
        "13 running words, 9 distinct words and terms",
        "known      23%       3 running      2 distinct",
        "learning   38%       5 running      2 distinct",
        "unknown    38%       5 running      5 distinct",
        "not counted: 3 running",
        "Glossary: 3 terms",
        "1: 0  2: 0  3: 1  4: 0  5: 0   W: 1   I: 0   no status: 1",
        "Words without a glossary entry: 1 with a status",
    ] {
        assert!(text.contains(line), "{line:?} missing:\n{text}");
    }
    keys(&mut reader.app, "x");
    assert!(matches!(reader.app.mode(), Mode::Reading), "any key closes");
}

#[test]
fn the_vocabulary_list_jumps_to_a_word_and_adds_a_phrase() {
    let mut reader = Editable::new(
        "a.toml",
        "",
        "Rusia butuh peluru artileri. Penangkapan Kim. Peluru artileri ditangkap lagi, tangkap!",
    );
    keys(&mut reader.app, "L");
    let buffer = render(&reader.app);
    let text = screen(&buffer);
    assert!(text.contains("Unknown: 6 families, 8 words"), "{text}");
    // tangkap (3 forms) leads, then peluru and artileri (2 each), in order of appearance.
    let first_rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" 3 ") || l.contains(" 2 "))
        .collect();
    assert!(
        first_rows[0].contains("tangkap") && first_rows[0].contains("penangkapan 1"),
        "{text}"
    );
    keys(&mut reader.app, "enter");
    assert_eq!(
        reader.app.document().token_text(reader.app.cursor()),
        "Penangkapan"
    );
    keys(&mut reader.app, "L tab");
    let text = screen(&render(&reader.app));
    assert!(text.contains("Recurring phrases: 1"), "{text}");
    assert!(text.contains("peluru artileri"), "{text}");
    keys(&mut reader.app, "a");
    let Mode::Adding(form) = reader.app.mode() else {
        panic!("a opens the add form");
    };
    assert_eq!(form.inputs[0].value(), "peluru artileri");
    keys(&mut reader.app, "esc");
}

/// A reader over a glossary folder in a temporary directory, able to run its effects as the
/// event loop would.
struct Editable {
    _dir: tempfile::TempDir,
    glossary_dir: std::path::PathBuf,
    app: App,
}

impl Editable {
    fn new(file: &str, glossary: &str, article: &str) -> Editable {
        let dir = tempfile::tempdir().unwrap();
        let glossary_dir = dir.path().join("glossary");
        std::fs::create_dir(&glossary_dir).unwrap();
        std::fs::write(glossary_dir.join(file), glossary).unwrap();
        let article = Article::parse(article, Path::new("a.md")).unwrap();
        let layers = Editable::loader(&glossary_dir)().unwrap();
        let document = Document::new(article, &layers);
        let words = WordStatuses::load(&dir.path().join("words.toml")).unwrap();
        let app = App::with_statuses(document, layers, words, Size::new(100, 30))
            .with_glossary_dir(glossary_dir.clone());
        Editable {
            _dir: dir,
            glossary_dir,
            app,
        }
    }

    fn loader(dir: &Path) -> impl Fn() -> anyhow::Result<Layers> + use<> {
        let dir = dir.to_path_buf();
        move || {
            let glossary = Glossary::load_dir(&dir)?;
            // A folder with a word list beside the glossary reads it as an installed
            // dictionary, and kabar's base dictionary below it, as the real reader does.
            let list = dir.with_file_name("kamus.tsv");
            if !list.exists() {
                return Ok(Layers::with_bundled_roots(glossary));
            }
            let setting = kabar::settings::DictionarySetting {
                name: "kamus".into(),
                path: list,
                enabled: true,
                phrases: true,
            };
            let (kamus, _) = kabar::dictionaries::installed::open(&setting, None)?;
            Ok(Layers::build(
                glossary,
                kabar::morphology::Lexicon::bundled(),
                kabar::layers::Dictionaries {
                    installed: vec![(kamus, true)],
                    base: Some(kabar::base_dictionary::open(None)),
                    word_formation: true,
                },
            ))
        }
    }

    /// [`Editable::new`] with an installed word list `kamus` and kabar's base dictionary.
    fn with_dictionaries(file: &str, glossary: &str, kamus: &str, article: &str) -> Editable {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kamus.tsv"), kamus).unwrap();
        let glossary_dir = dir.path().join("glossary");
        std::fs::create_dir(&glossary_dir).unwrap();
        std::fs::write(glossary_dir.join(file), glossary).unwrap();
        let article = Article::parse(article, Path::new("a.md")).unwrap();
        let layers = Editable::loader(&glossary_dir)().unwrap();
        let document = Document::new(article, &layers);
        let words = WordStatuses::load(&dir.path().join("words.toml")).unwrap();
        let app = App::with_statuses(document, layers, words, Size::new(100, 30))
            .with_glossary_dir(glossary_dir.clone());
        Editable {
            _dir: dir,
            glossary_dir,
            app,
        }
    }

    fn run_effects(&mut self) {
        let load = Editable::loader(&self.glossary_dir);
        for effect in self.app.take_effects() {
            kabar::ui::perform(&mut self.app, effect, &load);
        }
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.glossary_dir.join(file)).unwrap_or_default()
    }

    fn words_file(&self) -> std::path::PathBuf {
        self.glossary_dir.parent().unwrap().join("words.toml")
    }

    /// The same article and folder opened afresh, as after a restart.
    fn reopen(&self) -> App {
        let layers = Editable::loader(&self.glossary_dir)().unwrap();
        let document = Document::new(self.app.document().article().clone(), &layers);
        let words = WordStatuses::load(&self.words_file()).unwrap();
        App::with_statuses(document, layers, words, Size::new(100, 30))
            .with_glossary_dir(self.glossary_dir.clone())
    }
}

/// A library over a temporary folder of articles, with its own positions file.
fn library_shell(dir: &Path, size: Size) -> kabar::ui::Shell {
    let mut glossary = Glossary::default();
    glossary.add_file("g.toml".into(), "perang = \"war\"\n");
    kabar::ui::Shell::library(
        vec![dir.join("articles")],
        Layers::with_bundled_roots(glossary),
        WordStatuses::load(&dir.join("words.toml")).unwrap(),
        kabar::positions::Positions::load(&dir.join("positions.toml")).unwrap(),
        kabar::ui::shell::ReaderSettings::default(),
        size,
    )
}

fn shell_screen(shell: &kabar::ui::Shell) -> String {
    screen(&draw(100, 20, |frame| {
        frame.render_widget(shell, frame.area())
    }))
}

fn shell_keys(shell: &mut kabar::ui::Shell, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        shell.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

#[test]
fn the_library_lists_sorts_opens_and_remembers_where_reading_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(
        articles.join("perang.md"),
        "+++\ntitle = \"Perang di Timur\"\nsource = \"Tempo\"\ndate = \"2024-03-01\"\n+++\n\nPerang lagi. Perang dan perang.\n\nSatu dua tiga empat.\n",
    )
    .unwrap();
    std::fs::write(
        articles.join("banjir.md"),
        "+++\ntitle = \"Banjir Jakarta\"\nsource = \"Kompas\"\ndate = \"2024-02-01\"\n+++\n\nBanjir lagi.\n",
    )
    .unwrap();
    std::fs::write(articles.join("perang.en.md"), "War again.\n\nOne two.\n").unwrap();
    let mut shell = library_shell(dir.path(), Size::new(100, 20));
    let text = shell_screen(&shell);
    assert!(text.contains("1 Title ▲"), "{text}");
    let rows: Vec<&str> = text.lines().skip(1).take(2).collect();
    assert!(
        rows[0].starts_with("Banjir Jakarta") && rows[0].contains("Kompas"),
        "{text}"
    );
    // Perang ×3 unrated + lagi, dan, satu, dua, tiga, empat unknown: 9 words, none known.
    assert!(
        rows[1].contains("Perang di Timur") && rows[1].contains("     9") && rows[1].contains("0%"),
        "{text}"
    );
    assert!(!text.contains("perang.en"), "translations are not articles");
    assert!(text.contains("Library: 2 of 2 articles"), "{text}");

    // Sort by date (newest first), filter, open.
    shell_keys(&mut shell, "3");
    let text = shell_screen(&shell);
    assert!(
        text.lines().nth(1).unwrap().starts_with("Perang di Timur"),
        "{text}"
    );
    shell_keys(&mut shell, "/timur\n\n");
    let reader = shell.reader().expect("Enter opens the article");
    assert_eq!(reader.document().article().title(), "Perang di Timur");
    // Read on to "satu", then Esc goes back to the library.
    shell_keys(&mut shell, "jj");
    let at = shell.reader().unwrap().cursor();
    assert_eq!(shell.reader().unwrap().document().token_text(at), "Satu");
    shell_keys(&mut shell, "\x1b");
    assert!(shell.reader().is_none(), "Esc returns to the library");
    let text = shell_screen(&shell);
    assert!(
        text.contains("Perang di Timur") && text.contains("  66%"),
        "{text}"
    );

    // A restart: the library shows the progress and the article opens where it was left.
    let mut restarted = library_shell(dir.path(), Size::new(100, 20));
    shell_keys(&mut restarted, "/timur\n\n");
    let reader = restarted.reader().unwrap();
    assert_eq!(reader.document().token_text(reader.cursor()), "Satu");
}

#[test]
fn r_reviews_the_learning_terms_and_q_returns_to_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("a.md"), "Perang lagi.\n").unwrap();
    std::fs::write(articles.join("b.md"), "Banjir lagi.\n").unwrap();
    let mut glossary = Glossary::default();
    glossary.add_file(
        "g.toml".into(),
        "[perang]\ntranslation = \"war\"\nstatus = 2\nexamples = [\"Perang lagi di timur. (Tempo)\"]\n",
    );
    let review_file = dir.path().join("review.toml");
    let mut shell = kabar::ui::Shell::library(
        vec![articles],
        Layers::with_bundled_roots(glossary),
        WordStatuses::in_memory(),
        kabar::positions::Positions::in_memory(),
        kabar::ui::shell::ReaderSettings {
            review_state: Some(review_file.clone()),
            ..Default::default()
        },
        Size::new(100, 20),
    );
    shell_keys(&mut shell, "\n");
    assert!(shell.reader().is_some());
    shell_keys(&mut shell, "R");
    assert!(shell.is_reviewing());
    let text = shell_screen(&shell);
    assert!(
        text.contains("Perang lagi di timur"),
        "the card's front: {text}"
    );
    // Reveal, grade Good: the schedule is saved at once; q leaves the review, not kabar.
    shell_keys(&mut shell, " ");
    assert!(shell_screen(&shell).contains("war"));
    shell_keys(&mut shell, "3");
    let saved = std::fs::read_to_string(&review_file).unwrap();
    assert!(saved.contains("perang"), "{saved}");
    shell_keys(&mut shell, "q");
    assert!(!shell.is_reviewing() && shell.reader().is_some());
    assert!(shell.is_running());
}

#[test]
fn the_feed_screen_lists_items_by_date_with_the_share_known_and_imports_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let articles = kabar::import::store::articles_dir(&data);
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("a.md"), "Perang lagi.\n").unwrap();
    std::fs::write(articles.join("b.md"), "Banjir lagi.\n").unwrap();
    let url = "https://contoh.id/rss";
    let feed = std::fs::read(root().join("tests/data/import/rss.xml")).unwrap();
    let channel = kabar::feed::parse(&feed, url).unwrap();
    kabar::feed::subscribe(&kabar::feed::feeds_file(&data), url, Some("Contoh")).unwrap();
    kabar::feed::write_cache(&data, &channel).unwrap();
    let mut words = WordStatuses::in_memory();
    // "Harga beras turun di pasar induk. Harga beras di pasar turun pekan ini. …"
    let known: Vec<_> = ["harga", "beras", "di", "pasar"]
        .iter()
        .map(|w| ((*w).to_owned(), Some(kabar::glossary::Status::WellKnown)))
        .collect();
    words.apply(&known);
    let mut shell = kabar::ui::Shell::library(
        vec![articles.clone()],
        Layers::with_bundled_roots(Glossary::default()),
        words,
        kabar::positions::Positions::in_memory(),
        kabar::ui::shell::ReaderSettings {
            data_dir: Some(data.clone()),
            ..Default::default()
        },
        Size::new(100, 20),
    );
    shell_keys(&mut shell, "F");
    let view = shell.feed_view().expect("F opens the feeds");
    let titles: Vec<&str> = view.items().iter().map(|(i, _)| i.title.as_str()).collect();
    assert_eq!(
        &titles[..3],
        [
            "Kereta Baru Mulai Beroperasi",
            "Harga Beras Turun di Pasar Induk",
            "Banjir Surut di Jakarta Timur"
        ],
        "newest first"
    );
    // By hand: the title has 6 words (harga beras turun di pasar induk, 4 known), the summary
    // 11 (harga beras di pasar turun pekan ini / pedagang senang pembeli lega, 4 known):
    // 8 of 17 = 47%.
    assert_eq!(view.items()[1].1, Some(47));
    assert_eq!(view.items()[0].1, Some(0));
    let text = shell_screen(&shell);
    assert!(
        text.contains("2024-03-20") && text.contains("Contoh"),
        "{text}"
    );

    // Enter on the flood item: imported in the background (its feed carries the whole text,
    // so nothing is fetched), then opened.
    shell_keys(&mut shell, "jj\n");
    let job = shell.take_job().expect("Enter asks for an import");
    shell.finish_job(kabar::ui::shell::run_job(job));
    let reader = shell.reader().expect("the imported article opens");
    assert_eq!(
        reader.document().article().title(),
        "Banjir Surut di Jakarta Timur"
    );
    assert!(
        !reader
            .document()
            .article()
            .paragraphs
            .iter()
            .any(|p| p.contains("Baca juga")),
        "clutter dropped"
    );
    shell_keys(&mut shell, "\x1b");
    assert!(shell_screen(&shell).contains("Library: 3 of 3 articles"));
}

#[test]
fn statistics_of_the_sample_article_agree_with_independent_counts() {
    let mut app = sample_app(120, 40);
    let doc = app.document();
    let totals = app.knowledge().totals();
    // Every word token of the sample is in exactly one group (numbers are no words):
    // counted + not counted = the word tokens, counted independently from the tokenizer.
    let word_tokens = doc
        .tokens()
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                kabar::token::TokenKind::Word | kabar::token::TokenKind::Acronym
            )
        })
        .count() as u32;
    let in_terms = doc
        .annotation()
        .primary
        .iter()
        .flat_map(|m| m.tokens())
        .filter(|&t| doc.tokens()[t].kind == kabar::token::TokenKind::Number)
        .count() as u32;
    assert_eq!(
        totals.counted() + totals.excluded.running,
        word_tokens + in_terms
    );
    // Nothing rated yet: nothing known; every glossary term found is "learning", one each —
    // the same 237 terms the vocabulary pane lists.
    assert_eq!(totals.known.running, 0);
    assert_eq!(totals.learning.distinct as usize, doc.found_terms().len());
    assert_eq!(doc.found_terms().len(), 237);
    // K moves exactly the unknown words to known, and the share is their part of the text.
    let unknown = totals.unknown;
    keys(&mut app, "K y");
    let after = app.knowledge().totals();
    assert_eq!(after.unknown.running, 0);
    assert_eq!(after.known, unknown);
    assert_eq!(
        after.known_percent(),
        unknown.running * 100 / totals.counted()
    );
    let text = screen(&render(&app));
    assert!(
        text.contains(&format!("· {}% of words", after.known_percent())),
        "{text}"
    );
}

#[test]
fn the_pane_names_the_layer_that_explains_a_word_apart_from_the_glossary() {
    let mut reader = Editable::with_dictionaries(
        "umum.toml",
        "perang = \"war\"\n",
        "pesawat\taircraft (kamus)\n",
        "Pesawat mendarat di bandara saat perang. Pilot itu ditangkapi.",
    );
    let pane = |reader: &Editable| {
        let buffer = render(&reader.app);
        let text = screen(&buffer);
        let from = text
            .lines()
            .enumerate()
            .find_map(|(y, line)| line.find("from ").map(|x| (x, y)));
        (text, from, buffer)
    };
    // Pesawat: the installed word list answers.
    let (text, _, _) = pane(&reader);
    assert!(
        text.contains("aircraft (kamus)") && text.contains("from kamus"),
        "{text}"
    );
    // bandara: the base dictionary, its source in the source style.
    while reader.app.document().token_text(reader.app.cursor()) != "bandara" {
        keys(&mut reader.app, "l");
    }
    let (text, from, buffer) = pane(&reader);
    assert!(
        text.contains("• airport") && text.contains("from kabar base dictionary"),
        "{text}"
    );
    let (x, y) = from.unwrap();
    let column = text.lines().nth(y).unwrap()[..x].chars().count() as u16;
    let cell = buffer[(column, y as u16)].style();
    let source = Theme::color().source;
    assert_eq!(cell.fg, source.fg, "{text}");
    assert!(cell.add_modifier.contains(source.add_modifier), "{text}");
    assert_ne!(
        source.fg,
        Theme::color().dim.fg,
        "apart from the glossary's dim source line"
    );
    // perang: the glossary's own term, named as such.
    keys(&mut reader.app, "tab");
    let (text, _, _) = pane(&reader);
    assert!(
        text.contains("• war") && text.contains("from your glossary (umum.toml)"),
        "{text}"
    );
    // ditangkapi: word formation through the root's entry in the base dictionary.
    while reader.app.document().token_text(reader.app.cursor()) != "ditangkapi" {
        keys(&mut reader.app, "l");
    }
    let (text, _, _) = pane(&reader);
    assert!(text.contains("di- + tangkap"), "{text}");
    assert!(
        text.contains("root tangkap") && text.contains("from kabar base dictionary"),
        "{text}"
    );
}

#[test]
fn adding_a_word_a_dictionary_explains_fills_the_form_with_its_meaning() {
    let mut reader = Editable::with_dictionaries(
        "umum.toml",
        "perang = \"war\"\n",
        "pesawat\taircraft (kamus)\n",
        "+++\ntitle = \"Uji\"\nsource = \"Tes\"\n+++\nPesawat mendarat di bandara.",
    );
    keys(&mut reader.app, "a");
    let Mode::Adding(form) = reader.app.mode() else {
        panic!("the add form opens");
    };
    assert_eq!(form.inputs[0].value(), "pesawat");
    assert_eq!(form.inputs[1].value(), "aircraft (kamus)");
    assert_eq!(form.prefilled_from.as_deref(), Some("kamus"));
    let screen_text = screen(&render(&reader.app));
    assert!(
        screen_text.contains("filled in from kamus"),
        "{screen_text}"
    );
    // The learner makes it their own, then saves.
    for _ in 0.."aircraft (kamus)".len() {
        reader.app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
    }
    type_text(&mut reader.app, "plane");
    keys(&mut reader.app, "enter");
    reader.run_effects();
    let written = reader.read("added.toml");
    assert!(
        written.contains("[pesawat]\ntranslation = \"plane\""),
        "{written}"
    );
    // bandara comes from the base dictionary with its part of speech.
    while reader.app.document().token_text(reader.app.cursor()) != "bandara" {
        keys(&mut reader.app, "l");
    }
    keys(&mut reader.app, "a");
    let Mode::Adding(form) = reader.app.mode() else {
        panic!("the add form opens");
    };
    assert_eq!(form.inputs[1].value(), "airport");
    assert_eq!(form.inputs[2].value(), "noun");
    assert_eq!(
        form.prefilled_from.as_deref(),
        Some("kabar base dictionary")
    );
    keys(&mut reader.app, "enter");
    reader.run_effects();
    let written = reader.read("added.toml");
    assert!(
        written.contains("[bandara]\ntranslation = \"airport\"\npos = \"noun\""),
        "{written}"
    );
}

#[test]
fn a_status_saved_next_to_a_bad_line_keeps_its_notice_when_the_watcher_reads_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("banjir.md"), "Banjir lagi.\n").unwrap();
    std::fs::write(dir.path().join("words.toml"), "yang = 7\n").unwrap();
    let mut shell = library_shell(dir.path(), Size::new(100, 20));
    shell_keys(&mut shell, "\n");
    shell_keys(&mut shell, "w");
    let app = shell.reader_mut().expect("the article is open");
    let reload = || -> anyhow::Result<Layers> { unreachable!("a status reloads nothing") };
    for effect in app.take_effects() {
        kabar::ui::perform(app, effect, &reload);
    }
    let saved = std::fs::read_to_string(dir.path().join("words.toml")).unwrap();
    assert!(saved.contains("banjir = \"W\""), "{saved}");
    // The watcher sees kabar's own save and the file is read again.
    shell.reload_word_statuses();
    let notice = shell.reader().unwrap().notice().map(|n| n.text.clone());
    assert_eq!(notice.as_deref(), Some("banjir: well known (u undoes)"));
}
