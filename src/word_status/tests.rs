//! Tests of the learner's progress file.

use super::*;

#[test]
fn control_characters_never_come_out_of_the_file() {
    let text = "kepala = { status = 2, examples = [\"Kepala \\u001b[31mdesa\"] }\n\"da\\u0007n\" = 3\nperang = 1\n";
    let parsed = parse(text, Path::new("words.toml")).unwrap();
    let example = &parsed.examples["kepala"][0];
    assert!(!example.contains('\u{1b}'), "{example:?}");
    assert!(
        example.starts_with("Kepala ") && example.ends_with("desa"),
        "{example:?}"
    );
    assert_eq!(parsed.map.len(), 2, "the word with a bell in it is skipped");
    assert_eq!(parsed.problems.len(), 1);
    let problem = parsed.problems[0].to_string();
    assert!(problem.starts_with("words.toml:2:"), "{problem}");
    assert!(problem.contains("not a word"), "{problem}");
}

#[test]
fn a_name_keeps_its_own_key_and_old_folded_keys_read_as_before() {
    assert_eq!(key("ANTARA"), "ANTARA");
    assert_eq!(
        key("Kim"),
        "Kim",
        "a name written with a capital is kept so"
    );
    assert_eq!(
        key(" Jum\u{2019}at "),
        "Jum'at",
        "apostrophes and spaces tidied"
    );
    assert_eq!(key("Korea  Utara"), "Korea Utara");
    assert_eq!(key("antara"), "antara");
    assert_eq!(key("peluru  artileri"), "peluru artileri");
    assert_eq!(key("3 Menteri"), "3 Menteri", "the first letter decides");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("words.toml");
    std::fs::write(&path, "tass = \"I\"\n").unwrap();
    save_to(&path, &[("ANTARA".into(), Some(Status::Ignored))]).unwrap();
    let words = WordStatuses::load(&path).unwrap();
    assert_eq!(words.get("ANTARA"), Some(Status::Ignored));
    assert_eq!(words.get("antara"), None, "the word antara is untouched");
    assert_eq!(words.get("tass"), Some(Status::Ignored));
}

#[test]
fn statuses_round_trip_and_hand_edits_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("words.toml");
    let mut words = WordStatuses::load(&path).unwrap();
    assert!(words.is_empty(), "a missing file is empty");
    let changes = vec![
        ("dan".to_owned(), Some(Status::WellKnown)),
        ("tass".to_owned(), Some(Status::Ignored)),
        ("mengutip".to_owned(), Some(Status::Level(2))),
    ];
    let before = words.apply(&changes);
    assert_eq!(before[0], ("dan".to_owned(), None));
    words.save(&changes).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# kabar"), "{text}");
    assert!(
        text.contains("dan = \"W\"\ntass = \"I\"\nmengutip = 2\n"),
        "{text}"
    );

    // The user comments a line; kabar changes another and forgets a third.
    let edited = text.replace("tass = \"I\"", "tass = \"I\" # news agency");
    std::fs::write(&path, &edited).unwrap();
    save_to(
        &path,
        &[
            ("mengutip".into(), Some(Status::Level(3))),
            ("dan".into(), None),
        ],
    )
    .unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("tass = \"I\" # news agency\n"), "{after}");
    assert!(
        after.contains("mengutip = 3\n") && !after.contains("dan ="),
        "{after}"
    );
    let reloaded = WordStatuses::load(&path).unwrap();
    assert_eq!(reloaded.get("mengutip"), Some(Status::Level(3)));
    assert_eq!(reloaded.get("tass"), Some(Status::Ignored));
    assert_eq!(reloaded.get("dan"), None);
}

#[test]
fn a_bad_value_is_skipped_with_its_place_and_bad_toml_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("words.toml");
    std::fs::write(&path, "dan = \"W\"\nyang = 7\n").unwrap();
    let words = WordStatuses::load(&path).unwrap();
    assert_eq!(
        words.get("dan"),
        Some(Status::WellKnown),
        "the good lines load"
    );
    assert_eq!(words.get("yang"), None);
    let problem = &words.problems()[0];
    assert!(problem.contains("words.toml:2:8"), "{problem}");
    assert!(problem.contains("\"yang\" must be 1 to 5"), "{problem}");
    // Saving still works and leaves the bad line for the user.
    save_to(&path, &[("x".into(), Some(Status::WellKnown))]).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, "dan = \"W\"\nyang = 7\nx = \"W\"\n");

    let broken = "dan = \n";
    std::fs::write(&path, broken).unwrap();
    let err = WordStatuses::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("words.toml:1:") && err.contains("leaves the file alone"),
        "{err}"
    );
    assert!(save_to(&path, &[("x".into(), Some(Status::WellKnown))]).is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn forgetting_a_word_keeps_the_comments_above_it_and_saving_reports_what_was_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("words.toml");
    let text = "# mine\ndan = \"W\"\n# about ke\nke = 2  # to\nyang = \"W\"\n# last\nitu = 1\n";
    std::fs::write(&path, text).unwrap();
    // ke gets a new status (kept comment), then is forgotten; itu (last) is forgotten.
    let previous = save_to(
        &path,
        &[
            ("ke".into(), Some(Status::WellKnown)),
            ("baru".into(), None),
        ],
    )
    .unwrap();
    assert_eq!(
        previous,
        [
            ("ke".to_owned(), Some(Status::Level(2))),
            ("baru".to_owned(), None)
        ]
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("ke = \"W\"  # to\n")
    );
    let previous = save_to(&path, &[("ke".into(), None), ("itu".into(), None)]).unwrap();
    assert_eq!(previous[0], ("ke".to_owned(), Some(Status::WellKnown)));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "# mine\ndan = \"W\"\n# about ke\nyang = \"W\"\n# last\n"
    );
}

#[test]
fn a_term_keeps_the_sentence_it_was_met_in_beside_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("words.toml");
    let term = "peluru  artileri".to_owned();
    let sentence = "Peluru artileri dibeli. (Uji)".to_owned();
    let changes = [(term.clone(), Some(Status::Level(1)))];
    let examples = [(term.clone(), sentence.clone())];
    save_to_with_examples(&path, &changes, &examples).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.ends_with(
            "\"peluru artileri\" = { status = 1, examples = [\"Peluru artileri dibeli. (Uji)\"] }\n"
        ),
        "{text}"
    );
    // Saved twice, the sentence is kept once; a new status keeps it.
    save_to_with_examples(
        &path,
        &[("peluru artileri".into(), Some(Status::Level(3)))],
        &examples,
    )
    .unwrap();
    let mut words = WordStatuses::load(&path).unwrap();
    assert_eq!(words.get("peluru artileri"), Some(Status::Level(3)));
    assert_eq!(words.examples("peluru artileri"), [sentence.as_str()]);
    // In memory the same; a sentence for a word without a status is not kept.
    let mut memory = WordStatuses::in_memory();
    memory.apply(&[("peluru artileri".into(), Some(Status::Level(3)))]);
    memory.apply_examples(&[examples[0].clone(), ("lain".into(), "Lain.".into())]);
    assert!(memory.same_statuses(&words));
    assert!(memory.examples("lain").is_empty());
    // Forgetting the term takes its sentences with it.
    words.apply(&[("peluru artileri".into(), None)]);
    words.save(&[("peluru artileri".into(), None)]).unwrap();
    assert!(WordStatuses::load(&path).unwrap().is_empty());
    assert!(words.examples("peluru artileri").is_empty());
}

#[test]
fn in_memory_statuses_never_touch_disk() {
    let mut words = WordStatuses::in_memory();
    let changes = [("dan".to_owned(), Some(Status::WellKnown))];
    words.apply(&changes);
    words.save(&changes).unwrap();
    assert_eq!(words.get("dan"), Some(Status::WellKnown));
    assert_eq!(words.path(), None);
    let mut other = WordStatuses::in_memory();
    assert!(!words.same_statuses(&other));
    other.apply(&changes);
    assert!(words.same_statuses(&other));
}
