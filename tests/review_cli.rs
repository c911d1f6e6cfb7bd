//! `kabar review` and `kabar export` from the outside: the files written, the exact messages,
//! the exit codes. Each command runs in a sandbox like `tests/cli.rs`'s (HOME and XDG_DATA_HOME
//! in a temporary folder), so nothing here reads or writes the real user's data.

use std::path::{Path, PathBuf};

#[path = "support/isolated.rs"]
mod isolated;

use assert_cmd::Command;
use isolated::run;
use tempfile::TempDir;

/// Three learning terms (statuses 2, 1 and 5), shared with `tests/review_cli.rs` and
/// `tests/anki_connect_cli.rs`.
const GLOSSARY: &str = include_str!("data/learning/belajar.toml");

/// A temporary home with a glossary folder in it.
struct Sandbox {
    home: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let home = tempfile::tempdir().expect("temporary home");
        std::fs::create_dir(home.path().join("glossary")).unwrap();
        std::fs::write(home.path().join("glossary/belajar.toml"), GLOSSARY).unwrap();
        Sandbox { home }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    /// Where `kabar review` keeps its state in this sandbox.
    fn state_file(&self) -> PathBuf {
        self.path("data/kabar/review.toml")
    }

    /// `kabar` run in the home folder (so `./glossary` is the glossary), isolated from the
    /// user's own, without a terminal.
    fn kabar(&self) -> Command {
        isolated::kabar(self.home.path(), self.home.path())
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn export_anki_writes_the_header_and_one_note_per_learning_term() {
    let sandbox = Sandbox::new();
    let out = sandbox.path("kabar.tsv");
    let first = run(sandbox.kabar().args(["export", "--anki"]).arg(&out));
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert_eq!(
        first.stderr,
        format!("kabar: wrote 2 Anki notes to {}\n", out.display())
    );
    let text = read(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7 + 2, "{text}");
    assert!(lines[..7].iter().all(|l| l.starts_with('#')));
    assert!(lines.contains(&"#guid column:1") && lines.contains(&"#tags column:9"));
    for note in &lines[7..] {
        assert_eq!(note.split('\t').count(), 10, "{note}");
        assert!(note.starts_with("kabar-"), "{note}");
    }
    assert!(lines[7].contains("Sejak {{c1::surat perintah penangkapan}}nya dikeluarkan."));
    // The analyser supplies the root the entry does not state.
    assert_eq!(lines[8].split('\t').nth(3), Some("keluar"), "{}", lines[8]);
    // Exporting again gives the same file: same guids, same notes.
    let again = run(sandbox.kabar().args(["export", "--anki"]).arg(&out));
    assert_eq!(again.code, Some(0));
    assert_eq!(read(&out), text);
}

#[test]
fn export_to_standard_output_with_chosen_statuses() {
    let sandbox = Sandbox::new();
    let run = run(sandbox
        .kabar()
        .args(["export", "--anki", "-", "--status", "5,w"]));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let notes: Vec<&str> = run.stdout.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].split('\t').nth(1), Some("perang"));
    assert_eq!(notes[0].split('\t').nth(7), Some("5"));
}

#[test]
fn export_csv_has_a_header_row() {
    let sandbox = Sandbox::new();
    let out = sandbox.path("kabar.csv");
    let run = run(sandbox.kabar().args(["export", "--csv"]).arg(&out));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = read(&out);
    assert_eq!(
        text.lines().next(),
        Some("guid,term,translation,root,cloze,sentence,source,status,tags,sentence_translation")
    );
    assert_eq!(text.lines().count(), 3);
}

#[test]
fn a_translated_sentence_is_the_last_column_of_its_note() {
    let sandbox = Sandbox::new();
    let sentences = sandbox.path("data/kabar/translations/sentences.toml");
    std::fs::create_dir_all(sentences.parent().unwrap()).unwrap();
    std::fs::write(
        &sentences,
        "\"Sejak surat perintah penangkapannya dikeluarkan.\" = { en = \"Since his arrest warrant was issued.\", by = \"stub\" }\n",
    )
    .unwrap();
    let run = run(sandbox.kabar().args(["export", "--anki", "-"]));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let note = run
        .stdout
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("surat perintah penangkapan"))
        .unwrap();
    assert_eq!(
        note.split('\t').nth(9),
        Some("Since his arrest warrant was issued."),
        "{note}"
    );
    assert!(run.stdout.contains("#tags column:9\n"));
}

#[test]
fn export_mistakes_are_explained_and_write_nothing() {
    let sandbox = Sandbox::new();
    let bad_status = run(sandbox
        .kabar()
        .args(["export", "--anki", "out.tsv", "--status", "1,6"]));
    assert_eq!(bad_status.code, Some(2));
    assert_eq!(
        bad_status.stderr,
        "kabar: \"6\" is not a status; use 1 to 5, W (well known) or I (ignored), separated by commas\n"
    );
    let over_toml = run(sandbox
        .kabar()
        .args(["export", "--anki", "glossary/belajar.toml"]));
    assert_eq!(over_toml.code, Some(2));
    assert!(
        over_toml
            .stderr
            .contains("will not write an export over a .toml file")
    );
    assert_eq!(read(&sandbox.path("glossary/belajar.toml")), GLOSSARY);
    let no_format = run(sandbox.kabar().arg("export"));
    assert_eq!(no_format.code, Some(2));
    assert!(
        no_format.stderr.contains("--anki <FILE>|--csv <FILE>"),
        "{}",
        no_format.stderr
    );
    assert!(!sandbox.path("out.tsv").exists());
}

#[test]
fn review_without_a_terminal_explains_and_exits_2() {
    let sandbox = Sandbox::new();
    let run = run(sandbox.kabar().arg("review"));
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr,
        "kabar: `kabar review` needs a terminal; in scripts use `kabar export --anki FILE`\n"
    );
    assert!(!sandbox.state_file().exists());
}

#[test]
fn a_corrupt_review_state_is_reported_with_its_position_and_left_alone() {
    let sandbox = Sandbox::new();
    let state = sandbox.state_file();
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    let corrupt = "version = 1\n[cards.perang]\ndue = 12\n";
    std::fs::write(&state, corrupt).unwrap();
    let run = run(sandbox.kabar().arg("review"));
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .starts_with(&format!("kabar: {}:3:7: ", state.display())),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("move the file aside"), "{}", run.stderr);
    assert_eq!(read(&state), corrupt);
}
