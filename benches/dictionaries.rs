//! The lookup layers: opening dictionaries from their indexes, one word through every layer,
//! and the whole `kabar annotate` process with a real StarDict dictionary installed.
//!
//! `cargo bench --bench dictionaries`. The Wiktionary benchmarks use the StarDict dictionary in
//! `../shared/dictionaries/wiktionary-id-en` where it lies (it is never copied); they are
//! skipped when it is missing.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

use divan::Bencher;
use kabar::article::Article;
use kabar::base_dictionary;
use kabar::dictionaries::{Dictionary, installed};
use kabar::document::Document;
use kabar::glossary::Glossary;
use kabar::index_file::IndexFile;
use kabar::layers::{Dictionaries, Layers};
use kabar::morphology::Lexicon;
use kabar::settings::DictionarySetting;

fn main() {
    divan::main();
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn wiktionary() -> Option<DictionarySetting> {
    let path = root().join("../shared/dictionaries/wiktionary-id-en");
    path.is_dir().then(|| DictionarySetting {
        name: "wikt".into(),
        path,
        enabled: true,
        phrases: true,
    })
}

/// A cache folder holding the base dictionary's index and, when it is here, Wiktionary's.
fn cache() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    base_dictionary::open(Some(dir.path()));
    if let Some(setting) = wiktionary() {
        installed::open(&setting, Some(dir.path())).unwrap();
    }
    dir
}

fn layers(cache: &Path) -> Layers {
    let glossary = Glossary::load_dir(&root().join("glossary")).unwrap();
    let installed = wiktionary()
        .map(|s| (installed::open(&s, Some(cache)).unwrap().0, true))
        .into_iter()
        .collect();
    Layers::build(
        glossary,
        Lexicon::bundled(),
        Dictionaries {
            installed,
            base: Some(base_dictionary::open(Some(cache))),
            word_formation: true,
        },
    )
}

/// Building the base dictionary's index from its TSV sources (done once per build of kabar).
#[divan::bench(sample_count = 10)]
fn build_base_dictionary_index() -> Vec<u8> {
    base_dictionary::build()
}

/// Opening the base dictionary from its index in the cache: a map, not a parse.
#[divan::bench]
fn open_base_dictionary(bencher: Bencher) {
    let dir = cache();
    bencher.bench(|| base_dictionary::open(Some(black_box(dir.path()))));
}

/// Indexing the real StarDict dictionary (`kabar dict add`).
#[divan::bench(sample_count = 5)]
fn index_wiktionary(bencher: Bencher) {
    let Some(setting) = wiktionary() else { return };
    let located = kabar::dictionaries::locate(&setting.path).unwrap();
    bencher.bench(|| installed::build(black_box(&located)).unwrap());
}

/// Opening the StarDict dictionary from its fresh index (every start of kabar).
#[divan::bench]
fn open_wiktionary(bencher: Bencher) {
    let Some(setting) = wiktionary() else { return };
    let dir = cache();
    let path = installed::index_path(dir.path(), &setting.name, &setting.path);
    bencher.bench(|| {
        let index = IndexFile::open(black_box(&path)).unwrap().unwrap().unwrap();
        Dictionary::open("wikt", &index).unwrap()
    });
}

/// One word through every layer, as the pane asks when the cursor moves.
#[divan::bench(args = ["penerbangannya", "bandara", "dikeluarkan", "qwzx"])]
fn explain_one_word(bencher: Bencher, word: &str) {
    let dir = cache();
    let layers = layers(dir.path());
    bencher.bench(|| layers.explain(black_box(word)));
}

/// Annotating the bundled article through every layer.
#[divan::bench(sample_count = 20)]
fn annotate_sample_article(bencher: Bencher) {
    let dir = cache();
    let layers = layers(dir.path());
    let path = root().join("articles/putin-kim-bertemu.md");
    let article = Article::load(&path).unwrap();
    bencher.bench(|| Document::new(black_box(article.clone()), &layers));
}

/// The whole process: `kabar annotate` of the bundled article with Wiktionary installed and
/// every index already in the cache, as a learner's second run.
#[divan::bench(sample_count = 10)]
fn annotate_process(bencher: Bencher) {
    let home = tempfile::tempdir().unwrap();
    let kabar = env!("CARGO_BIN_EXE_kabar");
    let run = |args: &[&str]| {
        let status = Command::new(kabar)
            .args(args)
            .current_dir(root())
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "kabar {args:?} failed");
    };
    if let Some(setting) = wiktionary() {
        run(&["dict", "add", setting.path.to_str().unwrap()]);
    }
    run(&["annotate", "articles/putin-kim-bertemu.md"]);
    bencher.bench(|| run(&["annotate", "articles/putin-kim-bertemu.md"]));
}
