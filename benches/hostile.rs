//! The inputs of the adversarial test (issue 15) that once made kabar quadratic, at full size:
//! one 150,000-word paragraph without a full stop (the words-to-learn and phrase lists), and
//! 5 MB pages of HTML — 999,000 nested `<div>`s (refused by the nesting scan) and a flat page
//! of the same size (extracted).
//!
//! `cargo bench --bench hostile`. Inputs are generated here, deterministically.

use std::hint::black_box;
use std::path::Path;

use divan::Bencher;
use kabar::article::Article;
use kabar::document::Document;
use kabar::glossary::Glossary;
use kabar::knowledge::Knowledge;
use kabar::layers::Layers;
use kabar::word_status::WordStatuses;

fn main() {
    divan::main();
}

/// `words` words over a 700-word vocabulary, one paragraph, no full stop.
fn endless_paragraph(words: usize) -> String {
    let mut state: u64 = 7;
    let mut text = String::with_capacity(words * 8);
    text.push_str("Awal");
    for _ in 1..words {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let n = (state >> 33) % 700;
        text.push_str(" kata");
        text.push_str(&(n % 26).to_string());
        text.push(char::from(b'a' + (n / 26) as u8 % 26));
    }
    text.push('\n');
    text
}

#[divan::bench(args = [10_000, 40_000, 150_000], sample_count = 5)]
fn phrases_and_words_of_an_endless_paragraph(bencher: Bencher, words: usize) {
    let article = Article::parse(&endless_paragraph(words), Path::new("endless.md")).unwrap();
    let layers = Layers::with_bundled_roots(Glossary::default());
    let document = Document::new(article, &layers);
    let statuses = WordStatuses::in_memory();
    let knowledge = Knowledge::new(
        &document,
        layers.glossary(),
        &statuses,
        layers.analyser().lexicon(),
    );
    bencher.bench_local(|| {
        let phrases = kabar::vocab::phrase_candidates(&[&document], layers.glossary());
        let words = kabar::vocab::unknown_words(&[(&document, &knowledge)]);
        black_box((phrases.len(), words.len()))
    });
}

#[divan::bench(sample_count = 5)]
fn refuse_999000_nested_divs(bencher: Bencher) {
    let page = format!(
        "<html><head><title>Dalam</title></head><body>{}",
        "<div>".repeat(999_000)
    );
    bencher.bench_local(|| black_box(kabar::import::html::extract(&page, None, "p.html").is_err()));
}

#[divan::bench(sample_count = 3)]
fn extract_a_flat_5_mb_page(bencher: Bencher) {
    let body = "<div><p>Harga beras naik lagi di pasar.</p></div>".repeat(100_000);
    let page = format!("<html><head><title>Datar</title></head><body>{body}</body></html>");
    bencher.bench_local(|| black_box(kabar::import::html::extract(&page, None, "p.html").is_ok()));
}
