//! Tests of a document's tokens, matches and navigation.

use super::*;
use crate::glossary::Glossary;
use std::path::{Path, PathBuf};

fn doc(text: &str, glossary: &str) -> (Document, Glossary) {
    let mut g = Glossary::default();
    g.add_file(PathBuf::from("g.toml"), glossary);
    let article = Article::parse(text, Path::new("a.md")).unwrap();
    let layers = Layers::new(g.clone(), crate::morphology::Lexicon::default());
    (Document::new(article, &layers), g)
}

const GLOSSARY: &str =
    "\"peluru artileri\" = \"artillery shells\"\nroket = \"rocket\"\nrusia = \"Russia\"\n";
const TEXT: &str = "Rusia butuh peluru\nartileri.\n\nDan roket, peluru artileri lagi.\n";

#[test]
fn terms_match_across_hard_line_wraps_and_are_counted() {
    let (d, g) = doc(TEXT, GLOSSARY);
    let found: Vec<_> = d
        .found_terms()
        .iter()
        .map(|f| (g.entry(f.entry).term.as_str(), f.count))
        .collect();
    assert_eq!(found, [("rusia", 1), ("peluru artileri", 2), ("roket", 1)]);
    assert_eq!(d.paragraph_count(), 2);
}

#[test]
fn navigation_is_by_binary_search() {
    let (d, _) = doc(TEXT, GLOSSARY);
    let first = d.next_match(0).unwrap();
    assert_eq!(d.span_text(first.tokens()), "peluru artileri");
    assert_eq!(d.match_at(3).unwrap().1, first);
    assert_eq!(d.previous_match(3).map(|m| m.start), Some(0));
    assert_eq!(d.next_uncovered(0).map(|t| d.token_text(t)), Some("butuh"));
    let (names, _) = doc("Kata Putin di NTB, 29 orang datang.", "");
    let stops: Vec<&str> =
        std::iter::successors(names.next_uncovered(0), |&t| names.next_uncovered(t))
            .map(|t| names.token_text(t))
            .collect();
    assert_eq!(
        stops,
        ["di", "orang", "datang"],
        "names, acronyms and numbers are no stops"
    );
    let dan = d.next_uncovered(2).unwrap();
    assert_eq!(d.token_text(dan), "Dan");
    assert_eq!(d.paragraph_of(dan), 1);
    assert_eq!(
        d.previous_uncovered(dan).map(|t| d.token_text(t)),
        Some("butuh")
    );
}

#[test]
fn a_listed_root_is_not_read_as_stem_plus_enclitic() {
    let mut g = Glossary::default();
    g.add_file(
        PathBuf::from("g.toml"),
        "temu = \"meet\"\nbuku = \"book\"\n",
    );
    let mut lexicon = crate::morphology::Lexicon::default();
    lexicon.add_list("bertemu\n", crate::morphology::Source::Bundled);
    let article = Article::parse("Bukumu ada. Kami bertemu.", Path::new("a.md")).unwrap();
    let d = Document::new(article, &Layers::new(g.clone(), lexicon));
    let terms: Vec<_> = d
        .annotation()
        .primary
        .iter()
        .map(|m| d.span_text(m.tokens()))
        .collect();
    assert_eq!(terms, ["Bukumu"], "bertemu is a root, not berte + -mu");
}

#[test]
fn sentence_text_spans_the_sentence_of_a_token() {
    let (d, _) = doc("Satu dua. Tiga empat lima. Enam.", "");
    assert_eq!(d.sentence_text(4), "Tiga empat lima.");
    assert_eq!(d.sentence_text(0), "Satu dua.");
    assert_eq!(d.sentence_text(99), "");
}

#[test]
fn a_sentence_keeps_the_quotation_mark_that_opens_it() {
    let (d, _) = doc(
        "Kata dia. \"Penutupan itu penting,\" katanya. (Dia pergi.)\n\n\"Ya.\"\n",
        "",
    );
    let at = |word: &str| {
        (0..d.tokens().len())
            .find(|&t| d.token_text(t) == word)
            .unwrap()
    };
    assert_eq!(
        d.sentence_text(at("penting")),
        "\"Penutupan itu penting,\" katanya."
    );
    assert_eq!(d.sentence_text(at("dia")), "Kata dia.");
    assert_eq!(d.sentence_text(at("pergi")), "(Dia pergi.)");
    assert_eq!(d.sentence_text(at("Ya")), "\"Ya.\"", "a closing mark stays");
}

#[test]
fn derived_words_point_at_their_roots_entry() {
    let (d, g) = doc("Senjata dikeluarkan. Keluar!", "keluar = \"go out\"\n");
    let derived = d.derived(1).expect("dikeluarkan is derived");
    assert_eq!(derived.analysis.parts(), "di- + keluar + -kan");
    assert_eq!(g.entry(derived.root_entry).term, "keluar");
    assert_eq!(
        d.derived(3),
        None,
        "the root itself is a term, not a derived form"
    );
    assert_eq!(d.derived(0), None, "senjata has no entry");
}

#[test]
fn search_wraps_and_spans_tokens() {
    let (d, _) = doc(TEXT, GLOSSARY);
    let hit = d.search("PELURU  artileri", 0, true).unwrap();
    assert_eq!(d.span_text(hit.clone()), "peluru artileri");
    let second = d.search("peluru artileri", hit.start, true).unwrap();
    assert!(second.start > hit.start);
    let wrapped = d.search("peluru artileri", second.start, true).unwrap();
    assert_eq!(wrapped, hit);
    assert_eq!(
        d.search("peluru artileri", hit.start, false).unwrap(),
        second
    );
    assert_eq!(d.search("tidak ada", 0, true), None);
    let (inner, _) = doc("Rusia dan Rusia lagi usia.", "");
    // Rusia(0) dan Rusia(2) lagi usia(4): each step leaves the word it is in.
    assert_eq!(inner.search("usia", 0, true), Some(2..3));
    assert_eq!(inner.search("usia", 2, true), Some(4..5));
    assert_eq!(inner.search("usia", 4, true), Some(0..1), "wraps");
    let only = d.search("roket", 0, true).unwrap();
    assert_eq!(
        d.search("roket", only.start, true),
        Some(only.clone()),
        "a single hit is found again"
    );
    assert_eq!(d.search("roket", only.start, false), Some(only));
    assert_eq!(d.search("", 0, true), None);
}
