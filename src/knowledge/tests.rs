//! Tests of the learner's standing on a document's words.

use super::*;
use crate::article::Article;
use crate::layers::Layers;
use std::path::{Path, PathBuf};

fn knowledge(text: &str, glossary: &str, words: &[(&str, Status)]) -> (Document, Knowledge) {
    knowledge_with_roots(text, glossary, words, "presiden\nbeli\nkata\n")
}

fn knowledge_with_roots(
    text: &str,
    glossary: &str,
    words: &[(&str, Status)],
    roots: &str,
) -> (Document, Knowledge) {
    let mut g = Glossary::default();
    g.add_file(PathBuf::from("g.toml"), glossary);
    let mut lexicon = Lexicon::default();
    lexicon.add_list(roots, Source::Bundled);
    let layers = Layers::new(g, lexicon);
    let doc = Document::new(Article::parse(text, Path::new("a.md")).unwrap(), &layers);
    let mut statuses = WordStatuses::in_memory();
    let changes: Vec<_> = words
        .iter()
        .map(|(w, s)| ((*w).to_owned(), Some(*s)))
        .collect();
    statuses.apply(&changes);
    let k = Knowledge::new(
        &doc,
        layers.glossary(),
        &statuses,
        layers.analyser().lexicon(),
    );
    (doc, k)
}

const TEXT: &str = "Putin membeli peluru artileri. Kata Presiden Putin, peluru artileri \
                    dibeli 3.000 unit dari KPK dan Rusia.";
const GLOSSARY: &str = "\"peluru artileri\" = \"artillery shells\"\nrusia = { translation = \"Russia\", status = \"W\" }\n";

#[test]
fn counts_running_and_distinct_words_by_group() {
    let (_, k) = knowledge(
        TEXT,
        GLOSSARY,
        &[("dan", Status::WellKnown), ("dari", Status::Level(5))],
    );
    let t = k.totals();
    // Known: dan, dari (words.toml), Rusia (glossary W).
    assert_eq!(
        t.known,
        Count {
            running: 3,
            distinct: 3
        }
    );
    // Learning: "peluru artileri" twice, unrated: four running words, one term.
    assert_eq!(
        t.learning,
        Count {
            running: 4,
            distinct: 1
        }
    );
    // Unknown: membeli, kata, presiden, dibeli, unit.
    assert_eq!(
        t.unknown,
        Count {
            running: 5,
            distinct: 5
        }
    );
    // Not counted: Putin (a name, twice), KPK (an acronym); the number is no unit at all.
    assert_eq!(
        t.excluded,
        Count {
            running: 3,
            distinct: 2
        }
    );
    assert_eq!(t.known_percent(), 25);
}

#[test]
fn a_status_change_moves_one_unit_between_groups() {
    let (doc, mut k) = knowledge(TEXT, GLOSSARY, &[]);
    let before = k.totals();
    k.set_word("membeli", Some(Status::WellKnown));
    assert_eq!(k.totals().known.running, before.known.running + 1);
    assert_eq!(k.totals().unknown.running, before.unknown.running - 1);
    k.set_word("putin", Some(Status::Level(1)));
    assert_eq!(k.standing(0), Some(Standing::Status(Status::Level(1))));
    k.set_word("putin", None);
    assert_eq!(k.standing(0), Some(Standing::Uncounted), "still a name");
    let term = doc.match_at(2).unwrap().1.entry;
    k.set_entry(term, Some(Status::Level(5)));
    assert_eq!(k.totals().known.running, before.known.running + 1 + 4);
    k.set_word("not in the text", Some(Status::WellKnown));
    assert_eq!(k.totals().counted(), before.counted());
}

#[test]
fn a_capitalised_word_at_a_sentence_start_only_is_not_a_name() {
    let (doc, k) = knowledge("Kata dia. Putin datang. Dia bilang Putin.", "", &[]);
    let standing = |word: &str| {
        let t = (0..doc.tokens().len())
            .find(|&t| doc.token_text(t) == word)
            .unwrap();
        k.standing(t).unwrap()
    };
    assert_eq!(standing("Kata"), Standing::Unknown);
    assert_eq!(standing("Dia"), Standing::Unknown, "dia is lower case too");
    assert_eq!(standing("Putin"), Standing::Uncounted);
}

const ARREST: &str =
    "Polisi menangkap pencuri. Pencuri itu ditangkap kemarin. Penangkapan itu sah.";
const ARREST_ROOTS: &str = "tangkap\ncuri\npolisi\nitu\nkemarin\nsah\n";

fn standing_of(doc: &Document, k: &Knowledge, word: &str) -> Standing {
    let t = (0..doc.tokens().len())
        .find(|&t| doc.token_text(t) == word)
        .unwrap();
    k.standing(t).unwrap()
}

#[test]
fn forms_of_a_known_root_are_known_by_family_unless_rated_themselves() {
    let (doc, k) = knowledge_with_roots(
        ARREST,
        "",
        &[
            ("tangkap", Status::WellKnown),
            ("menangkap", Status::Level(2)),
        ],
        ARREST_ROOTS,
    );
    let inherited = Standing::Inherited(Status::WellKnown);
    assert_eq!(standing_of(&doc, &k, "ditangkap"), inherited);
    assert_eq!(standing_of(&doc, &k, "Penangkapan"), inherited);
    assert_eq!(
        standing_of(&doc, &k, "menangkap"),
        Standing::Status(Status::Level(2)),
        "a form's own status is never overwritten"
    );
    assert_eq!(standing_of(&doc, &k, "pencuri"), Standing::Unknown);
    assert_eq!(inherited.group(), Group::Known);
    let t = (0..doc.tokens().len())
        .find(|&t| doc.token_text(t) == "ditangkap")
        .unwrap();
    let (root, status, forms) = k.family_at(t).unwrap();
    assert_eq!((root, status), ("tangkap", Some(Status::WellKnown)));
    assert_eq!(forms.len(), 3, "menangkap, ditangkap, penangkapan");
}

#[test]
fn an_ignored_root_makes_no_form_known() {
    let (doc, k) = knowledge_with_roots(ARREST, "", &[("tangkap", Status::Ignored)], ARREST_ROOTS);
    assert_eq!(standing_of(&doc, &k, "ditangkap"), Standing::Unknown);
    assert_eq!(standing_of(&doc, &k, "menangkap"), Standing::Unknown);
}

#[test]
fn rating_the_root_restands_its_forms_and_the_family_share() {
    let (doc, mut k) = knowledge_with_roots(ARREST, "", &[], ARREST_ROOTS);
    let before = k.totals();
    // polisi, menangkap/ditangkap/penangkapan (one family), pencuri, itu, kemarin, sah.
    assert_eq!(
        before.families,
        Families {
            known: 0,
            counted: 6
        }
    );
    k.set_word("tangkap", Some(Status::Level(3)));
    assert_eq!(
        standing_of(&doc, &k, "ditangkap"),
        Standing::Inherited(Status::Level(3))
    );
    assert_eq!(k.totals().learning.running, before.learning.running + 3);
    k.set_word("tangkap", Some(Status::WellKnown));
    k.set_word("itu", Some(Status::WellKnown));
    let t = k.totals();
    assert_eq!(t.known.distinct, 4);
    assert_eq!(
        t.families,
        Families {
            known: 2,
            counted: 6
        }
    );
    assert_eq!(t.families.known_percent(), 33);
    k.set_word("tangkap", None);
    assert_eq!(standing_of(&doc, &k, "ditangkap"), Standing::Unknown);
    assert_eq!(
        k.totals().families,
        Families {
            known: 1,
            counted: 6
        }
    );
}

#[test]
fn a_root_in_the_glossary_passes_its_terms_status_on() {
    let (doc, mut k) =
        knowledge_with_roots(ARREST, "tangkap = \"catch, arrest\"\n", &[], ARREST_ROOTS);
    assert_eq!(standing_of(&doc, &k, "ditangkap"), Standing::Unknown);
    let id = doc.annotation().primary.first().map(|m| m.entry);
    assert!(id.is_none(), "tangkap itself is not in the text");
    let mut g = Glossary::default();
    g.add_file(PathBuf::from("g.toml"), "tangkap = \"catch, arrest\"\n");
    let entry = g.lookup("tangkap").unwrap();
    k.set_entry(entry, Some(Status::WellKnown));
    assert_eq!(
        standing_of(&doc, &k, "ditangkap"),
        Standing::Inherited(Status::WellKnown)
    );
}

#[test]
fn a_word_capitalised_all_through_is_a_name_apart_from_the_word_it_spells() {
    let text = "Kim bertemu Putin. Kata Kim, Tempo melaporkan itu. Tempo juga.";
    let (doc, mut k) = knowledge(text, "", &[]);
    let at = |word: &str| -> Vec<usize> {
        (0..doc.tokens().len())
            .filter(|&t| doc.token_text(t) == word)
            .collect()
    };
    let key = |k: &Knowledge, t: usize| match &k.unit_at(t).unwrap().key {
        UnitKey::Word(word) => word.clone(),
        UnitKey::Entry(_) => panic!("no glossary here"),
    };
    // The sentence start "Kim" and the Kim inside a sentence are one name, kept as written.
    let kims = at("Kim");
    assert_eq!(kims.len(), 2);
    assert!(kims.iter().all(|&t| key(&k, t) == "Kim"));
    let tempo = at("Tempo")[0];
    assert_eq!(key(&k, tempo), "Tempo");
    assert_eq!(k.standing(kims[0]), Some(Standing::Uncounted));
    // Rating the name changes it alone.
    k.set_word("Kim", Some(Status::Ignored));
    assert_eq!(k.standing(kims[1]), Some(Standing::Status(Status::Ignored)));
    // The word's status stands on the name while it has none of its own ...
    k.set_word("tempo", Some(Status::WellKnown));
    assert_eq!(k.standing(tempo), Some(Standing::Status(Status::WellKnown)));
    // ... and no longer once it has.
    k.set_word("Tempo", Some(Status::Ignored));
    k.set_word("tempo", Some(Status::Level(2)));
    assert_eq!(k.standing(tempo), Some(Standing::Status(Status::Ignored)));
}

#[test]
fn an_old_folded_status_still_stands_on_the_name_but_never_on_capitals() {
    // Files written before names were kept apart hold kim = 5 for Kim.
    let (doc, k) = knowledge("Kata Kim, itu benar.", "", &[("kim", Status::Level(5))]);
    let kim = (0..doc.tokens().len())
        .find(|&t| doc.token_text(t) == "Kim")
        .unwrap();
    assert_eq!(k.standing(kim), Some(Standing::Status(Status::Level(5))));
    // A name in capitals never takes the word's status: ANTARA is not antara.
    let (doc, k) = knowledge(
        "Kata ANTARA, itu benar.",
        "",
        &[("antara", Status::Ignored)],
    );
    let antara = (0..doc.tokens().len())
        .find(|&t| doc.token_text(t) == "ANTARA")
        .unwrap();
    assert_eq!(k.standing(antara), Some(Standing::Uncounted));
}

#[test]
fn a_word_also_met_in_lower_case_is_no_name() {
    // "Presiden Putin" and "presiden Rusia": one word, folded, counted.
    let text = "Kata Presiden Putin, presiden Rusia itu datang.";
    let (doc, k) = knowledge(text, "", &[("presiden", Status::Level(3))]);
    let at = |word: &str| {
        (0..doc.tokens().len())
            .find(|&t| doc.token_text(t) == word)
            .unwrap()
    };
    let (upper, lower) = (at("Presiden"), at("presiden"));
    assert_eq!(k.unit_at(upper), k.unit_at(lower));
    assert_eq!(
        k.unit_at(upper).unwrap().key,
        UnitKey::Word("presiden".into())
    );
    assert_eq!(k.standing(upper), Some(Standing::Status(Status::Level(3))));
}
