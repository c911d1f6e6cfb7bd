//! The lookup path's order and paths, on small dictionaries built here.

use std::path::{Path, PathBuf};

use super::*;
use crate::article::Article;
use crate::dictionaries::{IndexMeta, SourceDictionary, build_index};
use crate::document::Document;
use crate::index_file::{Bytes, IndexFile};

fn dictionary(name: &str, entries: &[(&str, &str)]) -> Dictionary {
    let source = SourceDictionary {
        label: format!("{name} label"),
        entries: entries
            .iter()
            .map(|(headword, senses)| Definition {
                headword: (*headword).to_owned(),
                senses: senses.split("; ").map(str::to_owned).collect(),
                ..Definition::default()
            })
            .collect(),
        forms: Vec::new(),
    };
    let bytes = build_index(source, IndexMeta::default()).unwrap();
    Dictionary::open(name, &IndexFile::parse(Bytes::Owned(bytes)).unwrap()).unwrap()
}

fn layers(glossary: &str) -> Layers {
    let mut g = Glossary::default();
    g.add_file(PathBuf::from("g.toml"), glossary);
    let wikt = dictionary(
        "wikt",
        &[
            ("bandara", "airport (wikt)"),
            ("tahun", "year (wikt)"),
            ("rumah sakit", "hospital (wikt)"),
            ("ANTARA", "Antara news agency"),
        ],
    );
    let other = dictionary("other", &[("bandara", "airfield"), ("kerja", "work")]);
    let base = dictionary(
        "base",
        &[
            ("tahun", "year"),
            ("tangkap", "catch, arrest"),
            ("antara", "between"),
            ("antara lain", "among others"),
            ("masalah", "problem"),
            ("masa", "time, period"),
            ("penerbangan", "flight"),
        ],
    );
    Layers::build(
        g,
        Lexicon::bundled(),
        Dictionaries {
            installed: vec![(wikt, true), (other, false)],
            base: Some(base),
            word_formation: true,
        },
    )
}

fn answer_of(layers: &Layers, word: &str) -> Option<(String, Via, String)> {
    let (explanation, _) = layers.explain(word)?;
    let meaning = layers.meaning(explanation.answer)?;
    Some((
        layers.layer_name(explanation.layer()).into_owned(),
        explanation.via,
        meaning.sense_line(),
    ))
}

#[test]
fn the_first_layer_that_has_the_word_answers() {
    let l = layers("tahun = \"year (mine)\"\n");
    assert_eq!(
        answer_of(&l, "tahun"),
        Some(("your glossary".into(), Via::Word, "year (mine)".into()))
    );
    assert_eq!(
        answer_of(&l, "bandara"),
        Some(("wikt".into(), Via::Word, "airport (wikt)".into())),
        "installed dictionaries in the learner's order"
    );
    assert_eq!(
        answer_of(&l, "kerja"),
        Some(("other".into(), Via::Word, "work".into()))
    );
    assert_eq!(
        answer_of(&l, "antara"),
        Some(("kabar base dictionary".into(), Via::Word, "between".into()))
    );
    let l = layers("");
    assert_eq!(
        answer_of(&l, "tahun").map(|a| a.0),
        Some("wikt".into()),
        "without the glossary's entry, the dictionary answers"
    );
}

#[test]
fn an_enclitic_and_word_formation_come_after_every_layer_has_been_asked_for_the_word() {
    let l = layers("");
    assert_eq!(
        answer_of(&l, "penerbangannya"),
        Some((
            "kabar base dictionary".into(),
            Via::Enclitic(Enclitic::Nya),
            "flight".into()
        ))
    );
    assert_eq!(
        answer_of(&l, "masalah").map(|a| a.1),
        Some(Via::Word),
        "a headword is not stem + enclitic (masa + -lah)"
    );
    let (explanation, analysis) = l.explain("ditangkap").unwrap();
    assert_eq!(explanation.via, Via::Root);
    assert_eq!(explanation.layer(), Layer::WordFormation);
    assert_eq!(explanation.answer.layer(), Layer::Base);
    assert_eq!(analysis.unwrap().root, "tangkap");
    assert_eq!(answer_of(&l, "qwzx"), None);
}

#[test]
fn word_formation_can_be_turned_off() {
    let mut l = layers("");
    l.word_formation = false;
    assert_eq!(answer_of(&l, "ditangkap"), None);
    assert!(answer_of(&l, "tahun").is_some());
}

#[test]
fn a_name_takes_only_entries_written_with_capitals() {
    let l = layers("");
    let antara = l.explain_word("antara", Form::Name, None).unwrap();
    let meaning = l.meaning(antara.answer).unwrap();
    assert_eq!(meaning.senses, ["Antara news agency"]);
    assert_eq!(l.explain_word("tahun", Form::Name, None), None);
}

#[test]
fn dictionary_phrases_match_in_the_text_below_the_glossarys_terms() {
    let l = layers("\"sakit kepala\" = \"headache\"\n");
    let article = Article::parse(
        "Dia ke rumah sakit. Antara lain bandara. Rumah sakit kepala. Antara lainnya.",
        Path::new("a.md"),
    )
    .unwrap();
    let doc = Document::new(article, &l);
    let phrases: Vec<(String, String)> = doc
        .phrases()
        .iter()
        .map(|p| {
            (
                doc.span_text(p.tokens()).to_owned(),
                l.layer_name(p.layer).into_owned(),
            )
        })
        .collect();
    assert_eq!(
        phrases,
        [
            ("rumah sakit".to_owned(), "wikt".to_owned()),
            ("Antara lain".to_owned(), "kabar base dictionary".to_owned()),
            (
                "Antara lainnya".to_owned(),
                "kabar base dictionary".to_owned()
            ),
        ],
        "sakit kepala is the glossary's, so rumah sakit does not match there"
    );
    assert_eq!(doc.phrases()[2].enclitic, Some(Enclitic::Nya));
    let bandara = (0..doc.tokens().len())
        .find(|&t| doc.token_text(t) == "bandara")
        .unwrap();
    let explanation = doc.explanation(bandara).unwrap();
    assert_eq!(l.layer_name(explanation.layer()), "wikt");
    let rumah = (0..doc.tokens().len())
        .find(|&t| doc.token_text(t) == "rumah")
        .unwrap();
    assert!(doc.phrase_at(rumah).is_some());
    assert_eq!(
        doc.explanation(rumah),
        None,
        "a phrase's words show the phrase"
    );
}

#[test]
fn phrase_matching_is_off_for_a_dictionary_the_learner_switched_off() {
    let mut g = Glossary::default();
    g.add_file(PathBuf::from("g.toml"), "");
    let off = dictionary("off", &[("rumah sakit", "hospital")]);
    let l = Layers::build(
        g,
        Lexicon::default(),
        Dictionaries {
            installed: vec![(off, false)],
            base: None,
            word_formation: true,
        },
    );
    let doc = Document::new(
        Article::parse("Ke rumah sakit.", Path::new("a.md")).unwrap(),
        &l,
    );
    assert!(doc.phrases().is_empty());
    assert!(l.explain("rumah sakit").is_some(), "lookup still finds it");
}

#[test]
fn in_the_text_a_whole_word_below_the_glossary_beats_the_glossary_stem_plus_enclitic() {
    // The glossary has sebelum; the base dictionary has sebelumnya "previously" whole.
    let mut l = layers("sebelum = \"before\"\nbuku = \"book\"\n");
    l.base = Some(dictionary(
        "base",
        &[("sebelumnya", "previously"), ("sebelum", "before")],
    ));
    let article = Article::parse("Sebelumnya bukunya hilang.", Path::new("a.md")).unwrap();
    let d = Document::new(article, &l);
    let terms: Vec<_> = d
        .annotation()
        .primary
        .iter()
        .map(|m| d.span_text(m.tokens()))
        .collect();
    assert_eq!(
        terms,
        ["bukunya"],
        "only the word no layer has whole is stem + -nya"
    );
    let explanation = d.explanation(0).expect("sebelumnya is explained");
    assert_eq!(explanation.via, Via::Word);
    assert_eq!(explanation.answer.layer(), Layer::Base);
    assert_eq!(
        l.meaning(explanation.answer).unwrap().sense_line(),
        "previously"
    );
}

#[test]
fn a_capitalised_word_inside_a_sentence_is_never_explained_by_a_root() {
    // Kediri is a city, not ke- + diri: inside a sentence a capital and no entry of its own
    // make a name; the same word in lower case still gets its root's meaning.
    let l = layers("");
    let article = Article::parse(
        "Warga Penangkapan datang, lalu ditangkap.",
        Path::new("a.md"),
    )
    .unwrap();
    let d = Document::new(article, &l);
    let text: Vec<&str> = (0..d.tokens().len()).map(|t| d.token_text(t)).collect();
    let at = |word: &str| text.iter().position(|w| *w == word).unwrap();
    assert_eq!(d.explanation(at("Penangkapan")), None);
    let lower = d
        .explanation(at("ditangkap"))
        .expect("the lower-case word has its root");
    assert_eq!(lower.via, Via::Root);
    let masalah = Article::parse("Warga Masalah datang.", Path::new("a.md")).unwrap();
    let d = Document::new(masalah, &l);
    assert_eq!(
        d.explanation(1).map(|e| e.via),
        Some(Via::Word),
        "a capitalised word with an entry of its own keeps it"
    );
}
