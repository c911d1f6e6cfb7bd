//! Root analysis speed: `cargo bench --bench morphology`. Words per second = words / median.

use std::hint::black_box;

use divan::{Bencher, counter::ItemsCount};
use kabar::layers::Layers;
use kabar::library::bundled_glossary;

fn main() {
    divan::main();
}

#[path = "../tests/support/gold.rs"]
mod gold;

/// The gold list's words: mostly affixed news vocabulary, every word distinct.
fn gold_words() -> Vec<String> {
    gold::gold().into_iter().map(|g| g.word).collect()
}

/// Analyses every distinct word of the gold list once (no caching across words).
#[divan::bench]
fn analyse_distinct_words(bencher: Bencher) {
    let layers = Layers::with_bundled_roots(bundled_glossary());
    let words = gold_words();
    bencher.counter(ItemsCount::new(words.len())).bench(|| {
        for word in &words {
            black_box(layers.analyser().best(black_box(word)));
        }
    });
}

/// Running text: every word of the sample article in order, as a reader meets them (common
/// words repeat; no cache between calls).
#[divan::bench]
fn analyse_running_text(bencher: Bencher) {
    let layers = Layers::with_bundled_roots(bundled_glossary());
    let article = kabar::article::Article::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/articles/putin-kim-bertemu.md"
    )))
    .unwrap();
    let words: Vec<String> = article
        .paragraphs
        .iter()
        .flat_map(|p| {
            kabar::token::tokenize(p)
                .into_iter()
                .map(move |t| t.text(p).to_lowercase())
        })
        .filter(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
        .collect();
    bencher.counter(ItemsCount::new(words.len())).bench(|| {
        for word in &words {
            black_box(layers.analyser().best(black_box(word)));
        }
    });
}

/// Loading the lexicon (bundled roots + glossary) and compiling the layers.
#[divan::bench]
fn build_dictionary() -> Layers {
    Layers::with_bundled_roots(bundled_glossary())
}
