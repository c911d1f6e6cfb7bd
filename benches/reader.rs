//! Benchmarks of the reader's hot paths on the bundled article and glossary.
//!
//! Run with `cargo bench --bench reader`. Figures are medians (divan's "median" column).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use divan::Bencher;
use kabar::article::Article;
use kabar::document::Document;
use kabar::glossary::Glossary;
use kabar::layers::Layers;
use kabar::matcher::Matcher;
use kabar::morphology::Lexicon;
use kabar::ui::App;
use kabar::ui::command::Command;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

fn main() {
    divan::main();
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn article() -> Article {
    Article::load(&root().join("articles/putin-kim-bertemu.md")).unwrap()
}

fn glossary() -> Glossary {
    Glossary::load_dir(&root().join("glossary")).unwrap()
}

fn layers() -> Layers {
    Layers::with_bundled_roots(glossary())
}

fn app(width: u16, height: u16) -> App {
    let layers = layers();
    let document = Document::new(article(), &layers);
    App::new(document, layers, Size::new(width, height))
}

/// Everything between starting and the first frame: read both, compile, annotate, draw.
#[divan::bench]
fn startup_to_first_frame() {
    let glossary = Glossary::load_dir(black_box(&root().join("glossary"))).unwrap();
    let article = Article::load(black_box(Path::new(
        &root().join("articles/putin-kim-bertemu.md"),
    )))
    .unwrap();
    let layers = Layers::new(glossary, Lexicon::bundled());
    let document = Document::new(article, &layers);
    let app = App::new(document, layers, Size::new(120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
}

#[divan::bench]
fn load_glossary_folder() -> Glossary {
    glossary()
}

#[divan::bench]
fn build_matcher(bencher: Bencher) {
    let glossary = glossary();
    bencher.bench(|| Matcher::new(black_box(&glossary)));
}

/// Tokenize, match terms and analyse every distinct word of the article.
#[divan::bench]
fn annotate_sample_article(bencher: Bencher) {
    let layers = layers();
    let article = article();
    bencher.bench(|| Document::new(black_box(article.clone()), &layers));
}

#[divan::bench(args = [(120, 40), (300, 100)])]
fn draw_one_frame(bencher: Bencher, (width, height): (u16, u16)) {
    let app = app(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    bencher.bench_local(|| {
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
    });
}

/// One key and the frame after it, as the user experiences a keystroke.
#[divan::bench(args = [Command::NextWord, Command::NextTerm, Command::PageDown, Command::LineDown])]
fn key_then_frame(bencher: Bencher, command: Command) {
    let mut app = app(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(|| {
        app.update(command);
        if app.cursor() + 40 > app.document().tokens().len() {
            app.update(Command::Top);
        }
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
    });
}

/// The library of the bundled article: read, annotate and measure every article in it.
#[divan::bench]
fn scan_library(bencher: Bencher) {
    let layers = layers();
    let files = kabar::catalog::article_files(&[root().join("articles")]);
    let words = kabar::word_status::WordStatuses::in_memory();
    let positions = kabar::positions::Positions::in_memory();
    bencher.bench(|| kabar::catalog::scan(black_box(&files), &layers, &words, &positions));
}
