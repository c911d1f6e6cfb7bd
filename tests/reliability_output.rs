//! No escape byte from any input reaches any output: escape sequences, C1 controls, bells,
//! carriage returns, bidirectional overrides and zero-width joiners planted in a glossary, an
//! article, its file name, a feed, stdin and the arguments go through every command and every
//! screen, and none of them comes out raw.

use std::io::Write;
use std::process::Stdio;

#[path = "support/screen.rs"]
mod support_screen;

use kabar::article::Article;
use kabar::document::Document;
use kabar::glossary::Glossary;
use kabar::layers::Layers;
use kabar::ui::App;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

/// What an attacker plants: a window title, a screen clear, an OSC 52 clipboard write, a C1
/// CSI, DEL, a bare carriage return, a right-to-left override and a zero-width joiner.
const PAYLOAD: &str =
    "x\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\u{9b}6n\u{7f}\rover\u{202e}rtl\u{200d}y";

/// The same, as TOML escapes (a file can carry it only this way).
const TOML_PAYLOAD: &str = "x\\u001b]0;PWNED\\u0007\\u001b[2J\\u001b]52;c;aGk=\\u0007\\u009b6n\\u007f\\rover\\u202ertl\\u200dy";

/// Panics if `bytes` carry anything that acts on a terminal.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        let bad = match c {
            '\n' | '\t' => false,
            '\r' => !text[i + 1..].starts_with('\n'),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200d}' => true,
            c => c.is_control(),
        };
        assert!(
            !bad,
            "{what}: {c:?} at byte {i} reached the output:\n{}",
            text.escape_debug()
        );
    }
}

/// A folder with a hostile glossary `G`, a hostile article whose very name holds an escape,
/// a hostile feed and CSV, and a home.
struct Hostile {
    dir: tempfile::TempDir,
}

impl Hostile {
    fn new() -> Hostile {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("G")).unwrap();
        std::fs::write(
            root.join("G/hostile.toml"),
            format!(
                "\"ka{TOML_PAYLOAD}ta\" = \"word {TOML_PAYLOAD}\"\n\
                 [perang]\ntranslation = \"war {TOML_PAYLOAD}\"\nnote = \"{TOML_PAYLOAD}\"\n\
                 examples = [\"Perang {TOML_PAYLOAD} usai.\"]\nstatus = 2\n\
                 \"bogus{TOML_PAYLOAD}\" = 1\n"
            ),
        )
        .unwrap();
        std::fs::write(
            root.join(Hostile::ARTICLE),
            format!(
                "+++\ntitle = \"Judul {TOML_PAYLOAD}\"\n+++\n\nPerang {PAYLOAD} kata baru. Perang \
                 kata baru lagi {PAYLOAD}.\n\nKata baru {PAYLOAD} perang.\n"
            ),
        )
        .unwrap();
        let data = root.join("home/data/kabar");
        std::fs::create_dir_all(data.join("feeds")).unwrap();
        let url = "http://127.0.0.1:9/rss";
        std::fs::write(
            data.join("feeds.toml"),
            format!("[[feed]]\nurl = \"{url}\"\ntitle = \"Feed {TOML_PAYLOAD}\"\n"),
        )
        .unwrap();
        let channel = kabar::feed::Channel {
            url: url.to_owned(),
            title: Some(format!("Feed {PAYLOAD}")),
            language: None,
            fetched: None,
            items: vec![kabar::feed::Item {
                title: format!("Berita {PAYLOAD}"),
                summary: format!("Ringkasan {PAYLOAD}"),
                link: Some(format!("http://127.0.0.1:9/{PAYLOAD}")),
                date: Some("2024-01-01T00:00:00+00:00".into()),
                content: Vec::new(),
                feed: Some(format!("Feed {PAYLOAD}")),
                id: None,
            }],
        };
        // A tampered cache: raw controls, as a hand edit or another program could leave them.
        let cache = kabar::feed::cache_path(&root.join("home/data/kabar"), url);
        std::fs::write(&cache, serde_json::to_string(&channel).unwrap()).unwrap();
        std::fs::write(
            root.join("terms.csv"),
            format!("term,translation\n\"t{PAYLOAD}\",x\nbaru,\"new {PAYLOAD}\"\n"),
        )
        .unwrap();
        Hostile { dir }
    }

    /// An article file name with an escape sequence in it.
    const ARTICLE: &'static str = "artikel\u{1b}]0;NAME\u{7}.md";

    /// Runs `kabar ARGS` (with `stdin` fed in) and checks both streams.
    fn check(&self, args: &[&str], stdin: &str) -> std::process::Output {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kabar"));
        cmd.current_dir(self.dir.path())
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_DATA_HOME", self.dir.path().join("home/data"))
            .env("KABAR_HUNSPELL", "")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        let what = format!("kabar {args:?}");
        assert_clean(&format!("{what} stdout"), &output.stdout);
        assert_clean(&format!("{what} stderr"), &output.stderr);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        output
    }
}

#[test]
fn every_command_prints_hostile_input_harmlessly() {
    let hostile = Hostile::new();
    let g = ["--glossary", "G"];
    let article = Hostile::ARTICLE;
    let missing = format!("missing{PAYLOAD}.md");
    let commands: Vec<Vec<&str>> = vec![
        vec!["check"],
        vec!["lookup", "perang", PAYLOAD, "ka"],
        vec!["rm", PAYLOAD],
        vec!["edit", PAYLOAD, "--translation", "x"],
        vec!["add", PAYLOAD, "x"],
        vec!["add", "aman", PAYLOAD],
        vec!["annotate", article],
        vec!["annotate", article, "--format", "json"],
        vec!["vocab", article],
        vec!["vocab", article, "--format", "tsv"],
        vec!["vocab", article, "--format", "json"],
        vec!["vocab", article, "--phrases"],
        vec!["vocab", &missing],
        vec!["annotate", &missing],
        vec!["import", &missing],
        vec!["import", "terms.csv"],
        vec!["import-terms", "terms.csv", "--dry-run"],
        vec!["export-terms", "-"],
        vec!["export", "--csv", "-", "--status", "1,2,3,4,5,W,I"],
        vec!["export", "--anki", "-"],
        vec!["feed", "list"],
        vec!["feed", "list", "--items"],
        vec!["lookup", "--bogus", PAYLOAD],
    ];
    for args in &commands {
        let mut full: Vec<&str> = g.to_vec();
        full.extend(args);
        hostile.check(&full, "");
    }
    // A glossary folder whose name holds the payload, and stdin for stem.
    let missing_dir = format!("G{PAYLOAD}");
    hostile.check(&["--glossary", &missing_dir, "check"], "");
    let stem = hostile.check(
        &["--glossary", "G", "stem", "--explain"],
        &format!("menangkap\n{PAYLOAD}\nper\u{1b}[31mang\n"),
    );
    assert!(String::from_utf8_lossy(&stem.stdout).contains("menangkap\ttangkap"));
    // check says what is wrong with the planted strings.
    let check = hostile.check(&["--glossary", "G", "check"], "");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        report.contains("translation contains control characters"),
        "{report}"
    );
    assert!(
        report.contains("unknown field \"bogusx\u{241b}]0;PWNED"),
        "{report}"
    );
}

// ---------------------------------------------------------------------------------------------
// Screens
// ---------------------------------------------------------------------------------------------

/// Panics if any cell of `buffer` would send something that acts on the terminal.
fn assert_cells_clean(what: &str, buffer: &Buffer) {
    let text: String = buffer
        .content
        .iter()
        .map(|cell| cell.symbol())
        .collect::<Vec<_>>()
        .join("");
    assert_clean(what, text.as_bytes());
}

fn render(width: u16, height: u16, widget: impl ratatui::widgets::Widget) -> Buffer {
    support_screen::draw(width, height, |frame| {
        frame.render_widget(widget, frame.area());
        kabar::ui::make_cells_safe(frame.buffer_mut());
    })
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn hostile_reader() -> App {
    let hostile = Hostile::new();
    let glossary = Glossary::load_dir(&hostile.dir.path().join("G")).unwrap();
    let path = hostile.dir.path().join(Hostile::ARTICLE);
    let article = Article::load(&path).unwrap();
    let layers = Layers::with_bundled_roots(glossary);
    let document = Document::new(article, &layers);
    App::new(document, layers, Size::new(100, 30)).with_warning(format!("warning {PAYLOAD}"))
}

#[test]
fn the_reader_pane_forms_and_lists_show_hostile_text_harmlessly() {
    let mut app = hostile_reader();
    assert_cells_clean("first screen", &render(100, 30, &app));
    // The term with the planted translation, note and example in the pane.
    app.handle_event(&key(KeyCode::Tab));
    let pane = render(100, 30, &app);
    assert!(
        support_screen::screen(&pane).contains("war x"),
        "{}",
        support_screen::screen(&pane)
    );
    assert_cells_clean("pane", &pane);
    // The add form over a hostile word, with a payload pasted into it.
    app.handle_event(&key(KeyCode::Char('a')));
    app.handle_event(&Event::Paste(PAYLOAD.to_owned()));
    assert_cells_clean("add form", &render(100, 30, &app));
    app.handle_event(&key(KeyCode::Esc));
    // Search prompt with the payload typed in, statistics, the words-to-learn list, help.
    app.handle_event(&key(KeyCode::Char('/')));
    app.handle_event(&Event::Paste(PAYLOAD.to_owned()));
    assert_cells_clean("search", &render(100, 30, &app));
    app.handle_event(&key(KeyCode::Esc));
    for screen in ['S', 'L', '?'] {
        app.handle_event(&key(KeyCode::Char(screen)));
        assert_cells_clean(&format!("{screen} screen"), &render(100, 30, &app));
        app.handle_event(&key(KeyCode::Esc));
    }
    // A narrow terminal: the strip and the status line, cut anywhere.
    for width in [20, 37, 61] {
        assert_cells_clean("narrow", &render(width, 8, &app));
    }
}

#[test]
fn the_library_feed_and_review_screens_show_hostile_text_harmlessly() {
    let hostile = Hostile::new();
    let glossary = Glossary::load_dir(&hostile.dir.path().join("G")).unwrap();
    let layers = Layers::with_bundled_roots(glossary);
    let data = hostile.dir.path().join("home/data/kabar");
    let settings = kabar::ui::shell::ReaderSettings {
        data_dir: Some(data.clone()),
        review_state: Some(hostile.dir.path().join("review.toml")),
        warnings: vec![format!("warning {PAYLOAD}")],
        ..Default::default()
    };
    let mut shell = kabar::ui::Shell::library(
        vec![hostile.dir.path().to_path_buf()],
        layers,
        kabar::word_status::WordStatuses::in_memory(),
        kabar::positions::Positions::in_memory(),
        settings,
        Size::new(100, 30),
    );
    let library = render(100, 30, &shell);
    assert!(support_screen::screen(&library).contains("Judul x"));
    assert_cells_clean("library", &library);
    shell.handle_event(&key(KeyCode::Char('F')));
    let feeds = render(100, 30, &shell);
    assert!(
        support_screen::screen(&feeds).contains("Berita x"),
        "{}",
        support_screen::screen(&feeds)
    );
    assert_cells_clean("feed screen", &feeds);
    shell.handle_event(&key(KeyCode::Esc));
    shell.handle_event(&key(KeyCode::Char('R')));
    assert!(shell.is_reviewing());
    assert_cells_clean("review front", &render(100, 30, &shell));
    shell.handle_event(&key(KeyCode::Char(' ')));
    let back = render(100, 30, &shell);
    assert!(
        support_screen::screen(&back).contains("war x"),
        "{}",
        support_screen::screen(&back)
    );
    assert_cells_clean("review back", &back);
}
