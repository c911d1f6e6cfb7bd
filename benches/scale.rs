//! kabar at scale: glossaries of 1,000 to 100,000 terms and a book-length (~1 MB) text.
//!
//! `cargo bench --bench scale`. The inputs are generated here, deterministically (a fixed-seed
//! generator), so the shipped glossary stays small and every run measures the same data.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use divan::Bencher;
use kabar::article::Article;
use kabar::document::Document;
use kabar::glossary::Glossary;
use kabar::layers::Layers;
use kabar::morphology::Lexicon;
use kabar::ui::App;
use kabar::ui::command::Command;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

fn main() {
    divan::main();
}

/// A small deterministic generator (xorshift), so benchmarks need no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ba", "ka", "ta", "ma", "na", "ra", "sa", "la", "pa", "da", "ga", "ja", "wa", "be", "ke", "te",
    "me", "ne", "re", "se", "le", "pe", "de", "bi", "ki", "ti", "mi", "ni", "ri", "si", "li", "pi",
    "bu", "ku", "tu", "mu", "nu", "ru", "su", "lu", "pu", "du", "ngan", "nya", "rang", "tan",
    "kan", "bor", "sir", "lam", "pung", "jat", "gas", "dak",
];
const PREFIXES: &[&str] = &["", "", "", "me", "di", "ber", "ter", "pe", "ke", "se"];
const SUFFIXES: &[&str] = &["", "", "", "", "kan", "an", "i", "nya"];

/// A pseudo-Indonesian word: two to four syllables, sometimes with an affix.
fn word(rng: &mut Rng) -> String {
    let mut w = String::new();
    w.push_str(PREFIXES[rng.below(PREFIXES.len())]);
    for _ in 0..2 + rng.below(3) {
        w.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    w.push_str(SUFFIXES[rng.below(SUFFIXES.len())]);
    w
}

/// Writes a glossary of `n` distinct terms into `dir`, over ten files: 60% single words,
/// 40% phrases of two to four words (many sharing a first word), half terse, half rich.
fn write_glossary(dir: &Path, n: usize) {
    let mut rng = Rng(0x5eed_1234 ^ n as u64);
    let mut seen = std::collections::HashSet::new();
    let mut heads: Vec<String> = Vec::new();
    let mut files: Vec<(String, String)> =
        (0..10).map(|_| (String::new(), String::new())).collect();
    while seen.len() < n {
        let term = if rng.below(10) < 6 || heads.is_empty() {
            let w = word(&mut rng);
            heads.push(w.clone());
            w
        } else {
            let mut phrase = heads[rng.below(heads.len())].clone();
            for _ in 0..1 + rng.below(3) {
                phrase.push(' ');
                phrase.push_str(&word(&mut rng));
            }
            phrase
        };
        if !seen.insert(term.clone()) {
            continue;
        }
        let (terse, rich) = &mut files[rng.below(10)];
        if rng.below(2) == 0 {
            writeln!(terse, "\"{term}\" = \"meaning of {term}\"").unwrap();
        } else {
            writeln!(
                rich,
                "\n[\"{term}\"]\ntranslation = [\"sense one\", \"sense two\"]\npos = \"noun\"\nnote = \"generated\"\ntags = [\"bench\"]"
            )
            .unwrap();
        }
    }
    for (i, (terse, rich)) in files.iter().enumerate() {
        std::fs::write(
            dir.join(format!("g{i:02}.toml")),
            format!("# generated\n{terse}{rich}"),
        )
        .unwrap();
    }
}

/// About `bytes` of text: varied sentences grouped into paragraphs of three to eight. Content
/// words come from a vocabulary of 30,000 with a Zipf-like skew, as in real books (a few words
/// very often, most rarely), mixed with function words.
fn book(bytes: usize) -> String {
    const FUNCTION: &[&str] = &[
        "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "akan", "tidak", "ini", "itu", "pada",
    ];
    let mut rng = Rng(0xb00c);
    let vocabulary: Vec<String> = (0..30_000).map(|_| word(&mut rng)).collect();
    let content = |rng: &mut Rng| {
        // u³ puts most draws on the first (most frequent) words.
        let u = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
        vocabulary[((u * u * u) * vocabulary.len() as f64) as usize].clone()
    };
    let mut text = String::with_capacity(bytes + 1024);
    while text.len() < bytes {
        for _ in 0..3 + rng.below(6) {
            let mut sentence = content(&mut rng);
            let mut chars = sentence.chars();
            sentence = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            for i in 0..6 + rng.below(14) {
                sentence.push(' ');
                if i % 3 == 1 {
                    sentence.push_str(FUNCTION[rng.below(FUNCTION.len())]);
                } else {
                    sentence.push_str(&content(&mut rng));
                }
                if rng.below(12) == 0 {
                    sentence.push(',');
                }
            }
            sentence.push_str(if rng.below(10) == 0 { "?" } else { "." });
            text.push_str(&sentence);
            text.push(' ');
        }
        text.push_str("\n\n");
    }
    text
}

fn sample_article() -> Article {
    Article::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/articles/putin-kim-bertemu.md"
    )))
    .unwrap()
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

#[divan::bench(args = SIZES, sample_count = 10)]
fn load_glossary_folder(bencher: Bencher, n: usize) {
    let dir = tempfile::tempdir().unwrap();
    write_glossary(dir.path(), n);
    bencher.bench(|| Glossary::load_dir(black_box(dir.path())).unwrap());
}

/// Loading through the binary index (the second and later starts with unchanged files).
#[divan::bench(args = SIZES, sample_count = 10)]
fn load_glossary_folder_indexed(bencher: Bencher, n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    write_glossary(dir.path(), n);
    Glossary::load_dir_indexed(dir.path(), Some(cache.path())).unwrap();
    bencher
        .bench(|| Glossary::load_dir_indexed(black_box(dir.path()), Some(cache.path())).unwrap());
}

/// End to end, as kabar starts with an unchanged glossary: indexed load, then the matcher
/// and the analyser's lexicon.
#[divan::bench(args = SIZES, sample_count = 10)]
fn open_glossary_indexed(bencher: Bencher, n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    write_glossary(dir.path(), n);
    Glossary::load_dir_indexed(dir.path(), Some(cache.path())).unwrap();
    bencher.bench(|| {
        let glossary =
            Glossary::load_dir_indexed(black_box(dir.path()), Some(cache.path())).unwrap();
        Layers::new(glossary, Lexicon::bundled())
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn build_dictionary(bencher: Bencher, n: usize) {
    let dir = tempfile::tempdir().unwrap();
    write_glossary(dir.path(), n);
    let glossary = Glossary::load_dir(dir.path()).unwrap();
    bencher.bench(|| Layers::new(black_box(glossary.clone()), Lexicon::bundled()));
}

fn layers(n: usize) -> Layers {
    let dir = tempfile::tempdir().unwrap();
    write_glossary(dir.path(), n);
    Layers::new(Glossary::load_dir(dir.path()).unwrap(), Lexicon::bundled())
}

/// Tokenize, match and analyse the 5 KB sample article against N terms.
#[divan::bench(args = SIZES, sample_count = 20)]
fn annotate_5kb(bencher: Bencher, n: usize) {
    let layers = layers(n);
    let article = sample_article();
    bencher.bench(|| Document::new(black_box(article.clone()), &layers));
}

/// Tokenize, match and analyse about 1 MB of text against N terms.
#[divan::bench(args = SIZES, sample_count = 5)]
fn annotate_1mb(bencher: Bencher, n: usize) {
    let layers = layers(n);
    let article = Article::parse(&book(1 << 20), Path::new("book.md")).unwrap();
    bencher.bench(|| Document::new(black_box(article.clone()), &layers));
}

fn book_app(width: u16, height: u16) -> App {
    let layers = layers(100_000);
    let article = Article::parse(&book(1 << 20), Path::new("book.md")).unwrap();
    let document = Document::new(article, &layers);
    let mut app = App::new(document, layers, Size::new(width, height));
    for _ in 0..50 {
        app.update(Command::PageDown);
    }
    app
}

/// One frame of the 1 MB text with 100,000 terms.
#[divan::bench(args = [(120, 40), (300, 100)])]
fn draw_frame_1mb(bencher: Bencher, (width, height): (u16, u16)) {
    let app = book_app(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    bencher.bench_local(|| {
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
    });
}

/// One key and the next frame on the 1 MB text with 100,000 terms.
#[divan::bench(args = [Command::NextWord, Command::NextTerm, Command::PageDown, Command::SearchNext])]
fn key_then_frame_1mb(bencher: Bencher, command: Command) {
    let mut app = book_app(120, 40);
    // Give SearchNext a query: the first word of the text recurs throughout.
    let query = app.document().token_text(0).to_lowercase();
    for c in "/".chars().chain(query.chars()) {
        use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    app.handle_event(&ratatui::crossterm::event::Event::Key(
        ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Enter,
            ratatui::crossterm::event::KeyModifiers::NONE,
        ),
    ));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(|| {
        app.update(command);
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
    });
}

/// Where the learner stands on every word of the 1 MB text (done once per article and glossary
/// change, never per key).
#[divan::bench(sample_count = 10)]
fn knowledge_1mb(bencher: Bencher) {
    let layers = layers(100_000);
    let article = Article::parse(&book(1 << 20), Path::new("book.md")).unwrap();
    let document = Document::new(article, &layers);
    let words = kabar::word_status::WordStatuses::in_memory();
    bencher.bench(|| {
        kabar::knowledge::Knowledge::new(
            black_box(&document),
            layers.glossary(),
            &words,
            layers.analyser().lexicon(),
        )
    });
}

/// A status key on a word of the 1 MB text and the frame after it: the counts move in O(1).
#[divan::bench]
fn status_key_then_frame_1mb(bencher: Bencher) {
    let mut app = book_app(120, 40);
    app.update(Command::NextUnknown);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut up = true;
    bencher.bench_local(|| {
        app.update(if up {
            Command::StatusUp
        } else {
            Command::StatusDown
        });
        up = !up;
        let _ = app.take_effects();
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
    });
}

/// Opening the words-to-learn list (`L`) on the 1 MB text: unknown words by root and phrase
/// candidates, computed on demand.
#[divan::bench(sample_count = 5)]
fn vocabulary_list_1mb(bencher: Bencher) {
    let mut app = book_app(120, 40);
    bencher.bench_local(|| {
        app.update(Command::Vocabulary);
        app.update(Command::Back);
    });
}
