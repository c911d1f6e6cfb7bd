//! Installed dictionaries from the command line, as a learner uses them: `kabar dict add` of
//! each format, the order of the layers, `lookup`, `annotate` and `coverage` naming the layer
//! that answered, broken dictionary files and settings reported with their place, and
//! escape sequences in definitions never reaching the terminal.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

#[path = "support/dictionary_files.rs"]
mod dictionary_files;
#[path = "support/isolated.rs"]
mod isolated;

use dictionary_files::{write_dictd, write_stardict};
use isolated::{Run, run};

/// A home, a working folder with a small glossary, and the dictionaries' folder.
struct Learner {
    home: TempDir,
    work: TempDir,
}

impl Learner {
    fn new() -> Learner {
        let work = tempfile::tempdir().unwrap();
        std::fs::create_dir(work.path().join("glossary")).unwrap();
        std::fs::write(
            work.path().join("glossary/mine.toml"),
            "tahun = \"year (my own words)\"\n",
        )
        .unwrap();
        Learner {
            home: tempfile::tempdir().unwrap(),
            work,
        }
    }

    fn kabar(&self, args: &[&str]) -> Run {
        run(isolated::kabar(self.home.path(), self.work.path()).args(args))
    }

    fn dir(&self) -> &Path {
        self.work.path()
    }

    fn settings(&self) -> PathBuf {
        self.home.path().join(".config/kabar/config.toml")
    }
}

fn assert_clean(run: &Run) {
    for stream in [&run.stdout, &run.stderr] {
        assert!(
            !stream
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "a control character reached the terminal: {run:?}"
        );
        assert!(!stream.contains("panicked"), "{run:?}");
    }
}

#[test]
fn each_format_installs_in_one_command_and_answers_in_the_learners_order() {
    let learner = Learner::new();
    let ifo = write_stardict(
        learner.dir(),
        "kamus",
        &[
            ("bandara", "<i>noun</i><br><ol><li>airport</li></ol>"),
            ("tahun", "<ol><li>year (stardict)</li></ol>"),
        ],
        &[("bandaranya", 0)],
        true,
    );
    let index = write_dictd(
        learner.dir(),
        "freedict",
        &[
            ("bandara", "aerodrome"),
            ("pesawat", " 1. aircraft\n 2. device"),
        ],
    );
    std::fs::write(
        learner.dir().join("mine.tsv"),
        "term\ttranslation\npesawat\tplane (mine)\n",
    )
    .unwrap();

    let added = learner.kabar(&["dict", "add", ifo.to_str().unwrap(), "--name", "kamus"]);
    assert_eq!(added.code, Some(0), "{added:?}");
    assert!(
        added
            .stdout
            .starts_with("installed kamus: kamus test (StarDict), 2 headwords, 1 other forms"),
        "{added:?}"
    );
    let added = learner.kabar(&["dict", "add", index.to_str().unwrap()]);
    assert_eq!(added.code, Some(0), "{added:?}");
    assert!(
        added
            .stdout
            .starts_with("installed freedict: freedict dictd test (dictd)"),
        "{added:?}"
    );
    let added = learner.kabar(&["dict", "add", "mine.tsv", "--name", "mine"]);
    assert_eq!(added.code, Some(0), "{added:?}");
    let again = learner.kabar(&["dict", "add", "mine.tsv", "--name", "mine"]);
    assert_eq!(again.code, Some(2), "{again:?}");
    assert!(again.stderr.contains("already installed"), "{again:?}");

    let list = learner.kabar(&["dict", "list"]);
    assert_eq!(list.code, Some(0), "{list:?}");
    let order: Vec<&str> = list
        .stdout
        .lines()
        .filter_map(|l| l.trim_start().split_once(". ").map(|(_, rest)| rest))
        .map(|rest| rest.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(
        order,
        ["your", "kamus", "freedict", "mine", "kabar", "word"],
        "{list:?}"
    );

    // The glossary first, then the dictionaries in the order they were installed.
    let look = learner.kabar(&["lookup", "tahun", "bandara", "pesawat", "bandaranya"]);
    assert_eq!(look.code, Some(0), "{look:?}");
    let blocks: Vec<&str> = look.stdout.split("\n\n").collect();
    assert!(blocks[0].contains("year (my own words)") && blocks[0].contains("from your glossary"));
    assert!(
        blocks[1].contains("airport") && blocks[1].ends_with("from kamus (kamus test)"),
        "{look:?}"
    );
    assert!(
        blocks[2].contains("aircraft") && blocks[2].contains("from freedict"),
        "{look:?}"
    );
    assert!(
        blocks[3].contains("bandara") && blocks[3].contains("from kamus"),
        "a .syn form: {look:?}"
    );

    // Reordered, disabled, removed.
    let order = learner.kabar(&["dict", "order", "mine", "freedict"]);
    assert_eq!(order.code, Some(0), "{order:?}");
    let look = learner.kabar(&["lookup", "pesawat", "bandara"]);
    assert!(look.stdout.contains("plane (mine)"), "{look:?}");
    assert!(
        look.stdout.contains("aerodrome"),
        "freedict now before kamus: {look:?}"
    );
    assert_eq!(
        learner.kabar(&["dict", "disable", "freedict"]).code,
        Some(0)
    );
    let look = learner.kabar(&["lookup", "bandara"]);
    assert!(look.stdout.contains("airport"), "{look:?}");
    assert_eq!(learner.kabar(&["dict", "rm", "kamus"]).code, Some(0));
    let look = learner.kabar(&["lookup", "bandara"]);
    assert!(
        look.stdout.contains("from kabar base dictionary"),
        "{look:?}"
    );
    let settings = std::fs::read_to_string(learner.settings()).unwrap();
    assert!(
        !settings.contains("kamus") && settings.contains("enabled = false"),
        "{settings}"
    );
    assert_eq!(learner.kabar(&["dict", "rm", "kamus"]).code, Some(2));
}

#[test]
fn broken_dictionaries_are_refused_naming_the_file_and_place() {
    let learner = Learner::new();
    // StarDict whose index points past its data.
    let ifo = write_stardict(learner.dir(), "bad", &[("a", "x"), ("b", "y")], &[], false);
    let idx = learner.dir().join("bad.idx");
    let mut bytes = std::fs::read(&idx).unwrap();
    let at = bytes.len() - 8;
    bytes[at..at + 4].copy_from_slice(&4000u32.to_be_bytes());
    std::fs::write(&idx, bytes).unwrap();
    let out = learner.kabar(&["dict", "add", ifo.to_str().unwrap()]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("bad.idx: byte 10:") && out.stderr.contains("\"b\""),
        "{out:?}"
    );
    assert_clean(&out);
    // dictd with a line that is not three fields.
    let index = write_dictd(learner.dir(), "worse", &[("a", "x")]);
    let text = std::fs::read_to_string(&index).unwrap();
    std::fs::write(&index, format!("{text}broken line\n")).unwrap();
    let out = learner.kabar(&["dict", "add", index.to_str().unwrap()]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("worse.index:3:"), "{out:?}");
    // A word list with a line that has no translation.
    std::fs::write(learner.dir().join("list.tsv"), "a\tb\nc\n").unwrap();
    let out = learner.kabar(&["dict", "add", "list.tsv"]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr
            .contains("list.tsv:2: expected a term and its translation"),
        "{out:?}"
    );
    // Not a dictionary at all.
    std::fs::write(learner.dir().join("notes.bin"), "x").unwrap();
    let out = learner.kabar(&["dict", "add", "notes.bin"]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("not a dictionary kabar can read"),
        "{out:?}"
    );
    assert_clean(&out);
    // Nothing was installed.
    assert!(!learner.settings().exists());
}

#[test]
fn escape_sequences_in_definitions_never_reach_the_terminal() {
    let learner = Learner::new();
    let ifo = write_stardict(
        learner.dir(),
        "evil",
        &[(
            "racun",
            "<ol><li>poison\u{1b}]0;PWNED\u{7}</li><li>\u{1b}[2J\u{9b}31mclear</li></ol>",
        )],
        &[],
        false,
    );
    assert_eq!(
        learner.kabar(&["dict", "add", ifo.to_str().unwrap()]).code,
        Some(0)
    );
    let look = learner.kabar(&["lookup", "racun"]);
    assert_eq!(look.code, Some(0), "{look:?}");
    assert!(look.stdout.contains("poison␛]0;PWNED␇"), "{look:?}");
    assert_clean(&look);
    std::fs::write(learner.dir().join("a.md"), "Ada racun di sini.\n").unwrap();
    for format in ["text", "json"] {
        let annotated = learner.kabar(&["annotate", "a.md", "--format", format]);
        assert_eq!(annotated.code, Some(0), "{annotated:?}");
        assert_clean(&annotated);
        assert!(!annotated.stdout.contains("\\u001b"), "{annotated:?}");
    }
}

#[test]
fn a_broken_settings_file_is_reported_with_its_place_and_the_defaults_hold() {
    let learner = Learner::new();
    std::fs::create_dir_all(learner.settings().parent().unwrap()).unwrap();
    std::fs::write(learner.settings(), "[lookup]\nbase_dictionary = maybe\n").unwrap();
    let look = learner.kabar(&["lookup", "bandara"]);
    assert_eq!(
        look.code,
        Some(0),
        "the base dictionary is on by default: {look:?}"
    );
    assert!(
        look.stderr.contains("config.toml:2:") && look.stderr.contains("invalid TOML"),
        "{look:?}"
    );
    std::fs::write(
        learner.settings(),
        "[lookup]\nbase_dictionary = false\n\n[[dictionary]]\nname = \"gone\"\npath = \"/nowhere/x.ifo\"\n",
    )
    .unwrap();
    let look = learner.kabar(&["lookup", "bandara"]);
    assert_eq!(
        look.code,
        Some(1),
        "base off, the only dictionary missing: {look:?}"
    );
    assert!(
        look.stderr.contains("dictionary gone is not used"),
        "{look:?}"
    );
    let list = learner.kabar(&["dict", "list"]);
    assert_eq!(list.code, Some(1), "{list:?}");
    assert!(list.stdout.contains("NOT USED"), "{list:?}");
}

#[test]
fn annotate_and_coverage_credit_each_word_to_its_layer() {
    let learner = Learner::new();
    std::fs::write(
        learner.dir().join("a.md"),
        "Tahun ini penerbangan dari bandara ditangkap Peskov di rumah sakit qwzx.\n",
    )
    .unwrap();
    let out = learner.kabar(&["annotate", "a.md", "--format", "json"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    let words = json["words"].as_array().unwrap();
    let layer = |surface: &str| {
        let word = words.iter().find(|w| w["surface"] == surface).unwrap();
        (
            word["meaning"]["layer"].clone(),
            word["meaning"]["via"].clone(),
            word["counted"].clone(),
        )
    };
    assert_eq!(
        layer("Tahun"),
        ("your glossary".into(), "term".into(), true.into())
    );
    assert_eq!(
        layer("bandara"),
        ("kabar base dictionary".into(), "word".into(), true.into())
    );
    assert_eq!(layer("rumah").1, "phrase");
    assert_eq!(layer("qwzx"), (Value::Null, Value::Null, true.into()));
    assert_eq!(layer("Peskov").2, false);
    let summary = &json["summary"];
    assert_eq!(
        summary["running_words"],
        words.iter().filter(|w| w["counted"] == true).count()
    );
    assert!(
        summary["by_layer"]["kabar base dictionary"]
            .as_u64()
            .unwrap()
            >= 3
    );

    let coverage = learner.kabar(&["coverage", "a.md", "--missing", "5"]);
    assert_eq!(coverage.code, Some(0), "{coverage:?}");
    assert!(coverage.stdout.contains("1 article: "), "{coverage:?}");
    assert!(
        coverage
            .stdout
            .contains("most frequent words without a meaning:\n     1  qwzx"),
        "{coverage:?}"
    );
}

/// The real Wiktionary StarDict in ../shared: one command installs it and it answers.
#[test]
fn the_wiktionary_stardict_installs_and_names_itself() {
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dictionaries/wiktionary-id-en");
    if !shared.is_dir() {
        eprintln!("skipped: {} is not here", shared.display());
        return;
    }
    let learner = Learner::new();
    let added = learner.kabar(&[
        "dict",
        "add",
        shared.to_str().unwrap(),
        "--name",
        "wiktionary",
    ]);
    assert_eq!(added.code, Some(0), "{added:?}");
    assert!(added.stdout.contains("12529 headwords"), "{added:?}");
    let look = learner.kabar(&["lookup", "bandara"]);
    assert_eq!(look.code, Some(0), "{look:?}");
    assert!(
        look.stdout
            .contains("from wiktionary (Indonesian-English Wiktionary dictionary (id-en))"),
        "{look:?}"
    );
    assert_clean(&look);
}

#[test]
fn a_word_rated_outside_the_glossary_is_exported_with_the_dictionarys_meaning() {
    let learner = Learner::new();
    let data = learner.home.path().join("data/kabar");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("words.toml"),
        "bandara = 2\nditangkapi = 1\nqwzx = 3\ndan = \"W\"\n",
    )
    .unwrap();
    let out = learner.kabar(&["export", "--anki", "-"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let rows: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    let row = |term: &str| rows.iter().find(|r| r[1] == term).cloned();
    let bandara = row("bandara").expect("bandara is exported");
    assert_eq!(bandara[2], "airport");
    assert_eq!(bandara[7], "2");
    assert_eq!(bandara[8], "meaning:kabar-base-dictionary");
    let derived = row("ditangkapi").expect("a derived word is exported through its root");
    assert!(derived[2].contains("catch"), "{derived:?}");
    assert_eq!(derived[3], "tangkap");
    assert!(row("qwzx").is_none(), "no meaning, no card");
    assert!(
        row("dan").is_none(),
        "well known words are not being learned"
    );
}
