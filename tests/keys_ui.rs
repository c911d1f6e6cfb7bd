//! `[keys]` in the reader, rendered into ratatui's TestBackend: a rebound command works on its
//! new key and not its old one, and the help, the status-line hints and the pane's hints all
//! show the learner's keys. The settings text is parsed as kabar parses config.toml.

use std::path::Path;

#[path = "support/screen.rs"]
mod support_screen;

use support_screen::{draw, screen};

use kabar::article::Article;
use kabar::document::Document;
use kabar::glossary::Glossary;
use kabar::layers::Layers;
use kabar::settings::Settings;
use kabar::ui::App;
use kabar::ui::app::Mode;
use kabar::ui::keymap::Keymap;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

/// The sample article with the keys `config` gives, and the problems found in them.
fn app_with_keys(config: &str) -> (App, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let article = Article::load(&root.join("articles/putin-kim-bertemu.md")).unwrap();
    let layers = Layers::with_bundled_roots(Glossary::load_dir(&root.join("glossary")).unwrap());
    let document = Document::new(article, &layers);
    let loaded = Settings::parse(config, Path::new("config.toml"));
    let (keymap, problems) = Keymap::with_rebindings(&loaded.settings.keys);
    let problems = loaded
        .problems
        .iter()
        .chain(&problems)
        .map(ToString::to_string)
        .collect();
    let app = App::new(document, layers, Size::new(120, 40)).with_keymap(keymap);
    (app, problems)
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_event(&Event::Key(KeyEvent::new(code, modifiers)));
}

fn shown(app: &App) -> String {
    screen(&draw(120, 40, |frame| {
        frame.render_widget(app, frame.area())
    }))
}

#[test]
fn next_term_on_ctrl_n_moves_on_ctrl_n_only_and_the_help_and_hints_say_so() {
    let (mut app, problems) = app_with_keys("[keys]\nnext_term = \"Ctrl-n\"\n");
    assert!(problems.is_empty(), "{problems:?}");
    let start = app.cursor();
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.cursor(), start, "Tab is free now");
    press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert!(app.cursor() > start, "Ctrl-n goes to the next term");
    let status = shown(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains(" Ctrl-n next term"), "{status}");

    press(&mut app, KeyCode::Char('?'), KeyModifiers::NONE);
    assert!(matches!(app.mode(), Mode::Help));
    let help = shown(&app);
    let row = help
        .lines()
        .find(|line| line.contains("Next glossary term"))
        .expect("the help lists next_term");
    let keys = row.split("Next glossary term").next().unwrap_or_default();
    assert!(keys.trim_end().ends_with("│Ctrl-n"), "{row}");
    assert!(
        help.contains("Shift-Tab") && help.contains("PgDn Space Ctrl-f"),
        "{help}"
    );
}

#[test]
fn the_pane_and_the_notices_name_the_learners_keys() {
    let (mut app, problems) = app_with_keys(
        "[keys]\nadd_term = \"Insert\"\nstatus1 = \"F1\"\nstatus2 = \"F2\"\nstatus3 = \"F3\"\n\
         status4 = \"F4\"\nstatus5 = \"F5\"\nundo = \"Ctrl-z\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    press(&mut app, KeyCode::Char(']'), KeyModifiers::NONE);
    let pane = shown(&app);
    assert!(
        pane.contains("unknown · Insert adds it · F1 F2 F3 F4 F5 w i"),
        "{pane}"
    );
    press(&mut app, KeyCode::Char('w'), KeyModifiers::NONE);
    let status = shown(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("well known (Ctrl-z undoes)"), "{status}");
    // The vocabulary list's footer, too.
    press(&mut app, KeyCode::Char('L'), KeyModifiers::NONE);
    assert!(shown(&app).contains("Insert add to glossary"));
}

#[test]
fn a_clash_is_reported_at_its_line_and_the_command_keeps_its_key() {
    let (mut app, problems) =
        app_with_keys("# my keys\n[keys]\nnext_term = \"Ctrl-n\"\nsearch = \"n\"\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("config.toml:4:10: n is already the key of search_next"),
        "{problems:?}"
    );
    press(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
    assert!(matches!(app.mode(), Mode::Searching(_)), "search keeps /");
}

#[test]
fn the_readme_names_every_command_with_its_default_keys() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let keymap = Keymap::default();
    for command in kabar::ui::command::Command::ALL {
        let keys: Vec<String> = keymap
            .keys_for(*command)
            .map(|key| format!("`{}`", key.label()))
            .collect();
        let row = format!(
            "| `{}` | {} | {} |",
            command.name(),
            keys.join(" "),
            command.help()
        );
        assert!(readme.contains(&row), "README lacks the row\n{row}");
    }
}

#[test]
fn an_unknown_word_takes_the_colour_theme_sets() {
    let config = "[theme]\nunknown = \"#ff8800\"\n";
    let loaded = Settings::parse(config, Path::new("config.toml"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let env = kabar::ui::theme::ColourEnv {
        no_color: None,
        colorterm: Some("truecolor"),
    };
    let theme = kabar::ui::theme::Theme::from_settings(&loaded.settings.theme, env);
    let orange = ratatui::style::Color::Rgb(255, 136, 0);
    let (app, _) = app_with_keys("");
    let default_unknown = kabar::ui::theme::Theme::color().unknown.fg.unwrap();
    // The cells drawn as unknown words by default (the article's left 72 columns).
    let buffer = draw(120, 40, |frame| frame.render_widget(&app, frame.area()));
    let unknown: Vec<(u16, u16)> = (0..40)
        .flat_map(|y| (0..72).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].fg == default_unknown && buffer[(x, y)].symbol() != " ")
        .collect();
    assert!(
        !unknown.is_empty(),
        "the sample has unknown words on screen"
    );
    let app = app.with_theme(theme);
    let buffer = draw(120, 40, |frame| frame.render_widget(&app, frame.area()));
    for (x, y) in unknown {
        assert_eq!(buffer[(x, y)].fg, orange, "cell {x},{y}");
    }
}
