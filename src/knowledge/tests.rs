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
