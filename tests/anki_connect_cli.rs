//! `kabar export --anki-connect` against a stub AnkiConnect on 127.0.0.1: the first run creates
//! the deck, the note type and the notes; a second run updates the same notes (same ids)
//! instead of adding copies; Anki not running is one line and a failing exit code. Each command
//! runs with HOME and XDG_DATA_HOME in a temporary folder.

#[path = "support/anki_stub.rs"]
mod anki_stub;
#[path = "support/isolated.rs"]
mod isolated;

use anki_stub::AnkiStub;
use isolated::run;

/// Three learning terms (statuses 2, 1 and 5), shared with `tests/review_cli.rs` and
/// `tests/anki_connect_cli.rs`.
const GLOSSARY: &str = include_str!("data/learning/belajar.toml");

fn sandbox() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temporary home");
    std::fs::create_dir(home.path().join("glossary")).unwrap();
    std::fs::write(home.path().join("glossary/belajar.toml"), GLOSSARY).unwrap();
    home
}

/// `kabar export --anki-connect --url URL` and any further arguments, run in `home`.
fn send(home: &std::path::Path, url: &str, more: &[&str]) -> isolated::Run {
    run(isolated::kabar(home, home)
        .args(["export", "--anki-connect", "--url", url])
        .args(more))
}

#[test]
fn a_first_run_creates_deck_note_type_and_notes_and_a_second_updates_them() {
    let home = sandbox();
    let sentences = home.path().join("data/kabar/translations/sentences.toml");
    std::fs::create_dir_all(sentences.parent().unwrap()).unwrap();
    std::fs::write(
        &sentences,
        "\"Sejak surat perintah penangkapannya dikeluarkan.\" = { en = \"Since his arrest warrant was issued.\", by = \"stub\" }\n",
    )
    .unwrap();
    let anki = AnkiStub::start();
    let export = || send(home.path(), &anki.url, &["--deck", "Bahasa::kabar"]);
    let first = export();
    assert_eq!(first.code, Some(0), "{first:?}");
    assert_eq!(
        first.stderr,
        "kabar: created the note type \"kabar\" in Anki\n\
         kabar: Anki: 2 notes added to deck \"Bahasa::kabar\", 0 updated\n"
    );
    let ids: Vec<u64> = {
        let state = anki.state();
        assert_eq!(state.decks, ["Bahasa::kabar"]);
        assert_eq!(state.models.len(), 1);
        let (name, model) = &state.models[0];
        assert_eq!(name, "kabar");
        assert_eq!(
            model["inOrderFields"],
            serde_json::json!([
                "guid",
                "term",
                "translation",
                "root",
                "cloze",
                "sentence",
                "source",
                "status",
                "sentence_translation"
            ])
        );
        assert_eq!(model["isCloze"], true);
        assert_eq!(model["cardTemplates"][0]["Front"], "{{cloze:cloze}}");
        let back = model["cardTemplates"][0]["Back"].as_str().unwrap();
        assert!(back.contains("{{sentence_translation}}"), "{back}");
        assert_eq!(state.notes.len(), 2);
        let warrant = &state.notes[0];
        assert_eq!(warrant.deck, "Bahasa::kabar");
        assert_eq!(warrant.model, "kabar");
        assert!(warrant.field("guid").starts_with("kabar-"));
        assert_eq!(warrant.field("term"), "surat perintah penangkapan");
        assert_eq!(
            warrant.field("cloze"),
            "Sejak {{c1::surat perintah penangkapan}}nya dikeluarkan."
        );
        assert_eq!(
            warrant.field("sentence_translation"),
            "Since his arrest warrant was issued."
        );
        assert_eq!(warrant.tags, ["law"]);
        assert_eq!(state.notes[1].field("term"), "dikeluarkan");
        state.notes.iter().map(|n| n.id).collect()
    };
    // The guid is the text export's: the same term has the same id in both.
    let text = run(isolated::kabar(home.path(), home.path()).args(["export", "--anki", "-"]));
    let guid = &anki.state().notes[0].field("guid").to_owned();
    assert!(text.stdout.contains(guid.as_str()), "{}", text.stdout);

    // The learner changes a meaning; the second run updates the notes it made.
    std::fs::write(
        home.path().join("glossary/belajar.toml"),
        GLOSSARY.replace("\"be issued\"", "\"be issued, be released\""),
    )
    .unwrap();
    let before = anki.state().requests.len();
    let second = export();
    assert_eq!(second.code, Some(0), "{second:?}");
    assert_eq!(
        second.stderr,
        "kabar: Anki: 0 notes added to deck \"Bahasa::kabar\", 2 updated\n"
    );
    let state = anki.state();
    assert_eq!(state.notes.iter().map(|n| n.id).collect::<Vec<_>>(), ids);
    assert_eq!(
        state.notes[1].field("translation"),
        "be issued, be released"
    );
    let actions = state.actions()[before..].to_vec();
    assert!(
        !actions
            .iter()
            .any(|a| a == "createModel" || a == "addNotes"),
        "{actions:?}"
    );
    assert_eq!(
        actions.iter().filter(|a| *a == "updateNoteFields").count(),
        2,
        "{actions:?}"
    );
}

#[test]
fn anki_not_running_is_one_line_and_exit_code_2() {
    let home = sandbox();
    // A port nothing listens on: bind one, then let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let down = send(home.path(), &url, &[]);
    assert_eq!(down.code, Some(2), "{down:?}");
    assert_eq!(
        down.stderr,
        format!(
            "kabar: Anki is not answering at {url}: start Anki with the AnkiConnect add-on (code 2055492159), or give its address with --url\n"
        )
    );
}

#[test]
fn deck_and_url_need_anki_connect() {
    let home = sandbox();
    let run = run(isolated::kabar(home.path(), home.path())
        .args(["export", "--csv", "out.csv", "--deck", "x"]));
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("--anki-connect"), "{run:?}");
    assert!(!home.path().join("out.csv").exists());
}

#[test]
fn notes_brought_in_by_the_text_import_are_updated_not_copied() {
    let home = sandbox();
    let anki = AnkiStub::start();
    {
        // The note type the README's text import asks for (no guid field), with one note.
        let mut state = anki.state();
        state.models.push((
            "kabar".into(),
            serde_json::json!({ "inOrderFields": ["term", "translation", "root", "cloze", "sentence", "source", "status"] }),
        ));
        state.notes.push(anki_stub::StubNote {
            id: 42,
            deck: "kabar".into(),
            model: "kabar".into(),
            fields: vec![
                ("term".into(), "Dikeluarkan".into()),
                ("translation".into(), "old meaning".into()),
            ],
            tags: Vec::new(),
        });
    }
    let sent = send(home.path(), &anki.url, &[]);
    assert_eq!(sent.code, Some(0), "{sent:?}");
    assert_eq!(
        sent.stderr,
        "kabar: added the fields guid, sentence_translation to Anki's note type \"kabar\"\n\
         kabar: to see the sentence's English on the card, add {{sentence_translation}} to the back of the note type's card in Anki (Tools → Manage Note Types → Cards)\n\
         kabar: Anki: 1 note added to deck \"kabar\", 1 updated\n"
    );
    let state = anki.state();
    assert_eq!(state.notes.len(), 2);
    let old = state.notes.iter().find(|n| n.id == 42).unwrap();
    assert_eq!(old.field("translation"), "be issued");
    assert!(old.field("guid").starts_with("kabar-"), "{old:?}");
}

#[test]
fn a_note_type_made_by_an_earlier_kabar_gains_the_sentence_translation_field_and_back() {
    let home = sandbox();
    let anki = AnkiStub::start();
    let old_back = "{{cloze:cloze}}<hr id=answer><b>{{term}}</b>: {{translation}}{{#root}}<br>root: {{root}}{{/root}}{{#source}}<br><small>{{source}}</small>{{/source}}";
    anki.state().models.push((
        "kabar".into(),
        serde_json::json!({
            "inOrderFields": ["guid", "term", "translation", "root", "cloze", "sentence", "source", "status"],
            "cardTemplates": [{ "Name": "Cloze", "Front": "{{cloze:cloze}}", "Back": old_back }],
        }),
    ));
    let sent = send(home.path(), &anki.url, &[]);
    assert_eq!(sent.code, Some(0), "{sent:?}");
    assert_eq!(
        sent.stderr,
        "kabar: added the fields sentence_translation to Anki's note type \"kabar\" and to its card's back\n\
         kabar: Anki: 2 notes added to deck \"kabar\", 0 updated\n"
    );
    let state = anki.state();
    let model = &state.models[0].1;
    assert_eq!(model["inOrderFields"][8], "sentence_translation");
    let back = model["cardTemplates"][0]["Back"].as_str().unwrap();
    assert!(back.contains("{{sentence_translation}}"), "{back}");
    assert!(back.contains("<b>{{term}}</b>: {{translation}}"), "{back}");
}
