//! `kabar progress migrate` run as a user would, in an isolated home: the preview names each
//! glossary file:line and status; piped without `--yes` it changes nothing and says how to go
//! on; `--dry-run` only shows; `--yes` moves the statuses into words.toml keeping the glossary
//! files' comments, and a second run has nothing to move. The exports carry the moved statuses.

#[path = "support/isolated.rs"]
mod isolated;

use std::path::{Path, PathBuf};

use isolated::{Run, run};

const UMUM: &str = "\
# Shared with the class.
kepala = { translation = \"head\", status = 2, examples = [\"Kepala desa datang. (Uji)\"] }  # rated
perang = \"war\"

[penangkapan]   # rich
translation = \"arrest\"
# my rating
status = \"W\"
note = \"peN-an + tangkap\"
";

const HUKUM: &str = "[vonis]\ntranslation = \"verdict\"\nexamples = [\"Vonis dibacakan.\"]\n";

struct Sandbox {
    home: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(home.path().join("work/glossary")).unwrap();
        std::fs::write(home.path().join("work/glossary/umum.toml"), UMUM).unwrap();
        std::fs::write(home.path().join("work/glossary/hukum.toml"), HUKUM).unwrap();
        Sandbox { home }
    }

    fn kabar(&self, args: &[&str]) -> Run {
        run(
            isolated::kabar(self.home.path(), &self.home.path().join("work"))
                .args(args)
                .args(["--glossary", "glossary"]),
        )
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.home.path().join("work").join(path)).unwrap_or_default()
    }

    fn words_file(&self) -> PathBuf {
        self.home.path().join("data/kabar/words.toml")
    }
}

fn words(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn piped_without_yes_shows_the_preview_and_changes_nothing() {
    let sandbox = Sandbox::new();
    let preview = sandbox.kabar(&["progress", "migrate"]);
    assert_eq!(preview.code, Some(0), "{preview:?}");
    assert!(
        preview
            .stdout
            .contains("glossary/umum.toml:2:1: kepala: status 2 and 1 example → your progress\n"),
        "{preview:?}"
    );
    assert!(
        preview
            .stdout
            .contains("glossary/umum.toml:5:2: penangkapan: status W → your progress\n"),
        "{preview:?}"
    );
    assert!(!preview.stdout.contains("vonis"), "{preview:?}");
    assert!(
        preview
            .stdout
            .contains("2 entries in 1 glossary file to move"),
        "{preview:?}"
    );
    assert!(
        preview.stdout.trim_end().ends_with(
            "Nothing changed: rerun with --yes to move them (`kabar progress migrate --yes`)."
        ),
        "{preview:?}"
    );
    assert_eq!(sandbox.read("glossary/umum.toml"), UMUM);
    assert!(!sandbox.words_file().exists());

    let dry = sandbox.kabar(&["progress", "migrate", "--dry-run"]);
    assert_eq!(dry.code, Some(0), "{dry:?}");
    assert!(dry.stdout.contains("kepala: status 2"), "{dry:?}");
    assert!(
        dry.stdout.trim_end().ends_with("Dry run: nothing written."),
        "{dry:?}"
    );
    assert_eq!(sandbox.read("glossary/umum.toml"), UMUM);
    assert!(!sandbox.words_file().exists());
}

#[test]
fn yes_moves_the_statuses_keeping_comments_and_a_second_run_has_nothing_to_move() {
    let sandbox = Sandbox::new();
    let moved = sandbox.kabar(&["progress", "migrate", "--yes"]);
    assert_eq!(moved.code, Some(0), "{moved:?}");
    assert!(
        moved.stdout.contains("Kept 2 statuses and 1 example in "),
        "{moved:?}"
    );
    assert!(
        moved
            .stdout
            .contains("glossary/umum.toml: took the status out of 2 entries."),
        "{moved:?}"
    );
    assert_eq!(
        sandbox.read("glossary/umum.toml"),
        "\
# Shared with the class.
kepala = \"head\"  # rated
perang = \"war\"

[penangkapan]   # rich
translation = \"arrest\"
# my rating
note = \"peN-an + tangkap\"
"
    );
    assert_eq!(
        sandbox.read("glossary/hukum.toml"),
        HUKUM,
        "not the learner's"
    );
    let progress = words(&sandbox.words_file());
    assert!(
        progress.contains("kepala = { status = 2, examples = [\"Kepala desa datang. (Uji)\"] }\n"),
        "{progress}"
    );
    assert!(progress.contains("penangkapan = \"W\"\n"), "{progress}");

    let again = sandbox.kabar(&["progress", "migrate", "--yes"]);
    assert_eq!(again.code, Some(0), "{again:?}");
    assert_eq!(
        again.stdout,
        "Nothing to move: no glossary file in glossary holds a status.\n"
    );
    assert_eq!(words(&sandbox.words_file()), progress, "idempotent");

    // The exports carry the statuses from the progress file now.
    let anki = sandbox.kabar(&["export", "--anki", "-", "--status", "2,W"]);
    assert_eq!(anki.code, Some(0), "{anki:?}");
    let kepala = anki
        .stdout
        .lines()
        .find(|line| line.contains("\tkepala\t"))
        .unwrap_or_else(|| panic!("{anki:?}"));
    assert!(kepala.contains("Kepala desa datang."), "{kepala}");
    assert!(kepala.contains("\t2\t"), "{kepala}");
    let lute = sandbox.kabar(&["export-terms", "-"]);
    assert!(
        lute.stdout.contains("\npenangkapan,arrest,,99,,\n"),
        "{lute:?}"
    );
}

#[test]
fn a_status_set_in_the_progress_file_wins_and_stays() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.words_file().parent().unwrap()).unwrap();
    std::fs::write(sandbox.words_file(), "# mine\nkepala = 4\n").unwrap();
    let preview = sandbox.kabar(&["progress", "migrate", "--dry-run"]);
    assert!(
        preview
            .stdout
            .contains("kepala: status 2 and 1 example: your own status 4 stays, the examples move"),
        "{preview:?}"
    );
    let moved = sandbox.kabar(&["progress", "migrate", "--yes"]);
    assert!(
        moved.stdout.contains("Kept 1 status and 1 example"),
        "{moved:?}"
    );
    let progress = words(&sandbox.words_file());
    assert!(
        progress.starts_with(
            "# mine\nkepala = { status = 4, examples = [\"Kepala desa datang. (Uji)\"] }\n"
        ),
        "{progress}"
    );
}

#[test]
fn lookup_shows_the_learners_status_and_sentence_before_the_glossary_files() {
    let sandbox = Sandbox::new();
    let before = sandbox.kabar(&["lookup", "kepala"]);
    assert!(
        before
            .stdout
            .contains("  status: 2 (written in the glossary file)\n"),
        "{before:?}"
    );
    std::fs::create_dir_all(sandbox.words_file().parent().unwrap()).unwrap();
    std::fs::write(
        sandbox.words_file(),
        "kepala = { status = 4, examples = [\"Kepala sekolah berbicara. (Berita)\"] }\nperang = \"W\"\n",
    )
    .unwrap();
    let after = sandbox.kabar(&["lookup", "kepala", "perang"]);
    assert_eq!(after.code, Some(0), "{after:?}");
    assert!(after.stdout.contains("  your status: 4\n"), "{after:?}");
    assert!(!after.stdout.contains("status: 2"), "{after:?}");
    assert!(
        after.stdout.contains(
            "  example: Kepala sekolah berbicara. (Berita)\n  example: Kepala desa datang. (Uji)\n"
        ),
        "{after:?}"
    );
    assert!(after.stdout.contains("  your status: W\n"), "{after:?}");
}
