//! Reliability of kabar's writes, from the outside: real `kabar` processes racing each other on
//! one glossary, killed at random points, and pointed at files they must not write (a symlink
//! out of the folder, a read-only file, a hidden file). Nothing acknowledged may be lost; no
//! refused write may change a byte; nothing may be left behind.
//!
//! Bounded: a few hundred short processes, no sleeps longer than a few milliseconds.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/isolated.rs"]
mod isolated;

use isolated::run;
use kabar::glossary::Glossary;
use tempfile::TempDir;

/// The repository root, where the bundled glossary is.
fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary folder holding `G`, a copy of the bundled glossary, and a home for kabar.
struct Copy {
    dir: TempDir,
}

impl Copy {
    fn new() -> Copy {
        let dir = tempfile::tempdir().expect("temporary folder");
        let glossary = dir.path().join("G");
        std::fs::create_dir_all(&glossary).unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        for entry in std::fs::read_dir(repo().join("glossary")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, glossary.join(path.file_name().unwrap())).unwrap();
        }
        Copy { dir }
    }

    fn glossary(&self) -> PathBuf {
        self.dir.path().join("G")
    }

    /// `kabar --glossary G ARGS` as a plain process (for racing and killing).
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kabar"));
        cmd.current_dir(self.dir.path())
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_DATA_HOME", self.dir.path().join("home/data"))
            .env("KABAR_HUNSPELL", "")
            .arg("--glossary")
            .arg(self.glossary())
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    fn load(&self) -> Glossary {
        Glossary::load_dir(&self.glossary()).unwrap()
    }

    /// Names in the glossary folder that kabar's writes may have left (temporary files).
    fn leftovers(&self) -> Vec<String> {
        std::fs::read_dir(self.glossary())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".tmp"))
            .collect()
    }
}

/// One round of the finding's reproduction: `writers` shells each running
/// `for i in $(seq adds); do kabar add w{w}x$i t && echo w{w}x$i >> ok; done` on one copy of
/// the glossary. Returns the acknowledged terms and how many adds were refused.
fn concurrent_round(copy: &Copy, writers: usize, adds: usize) -> (Vec<String>, usize) {
    let threads: Vec<_> = (0..writers)
        .map(|w| {
            let commands: Vec<(String, Command)> = (0..adds)
                .map(|i| {
                    let term = format!("w{w}x{i}");
                    let command = copy.command(&["add", &term, "t"]);
                    (term, command)
                })
                .collect();
            std::thread::spawn(move || {
                let mut acknowledged = Vec::new();
                let mut refused = 0;
                for (term, mut command) in commands {
                    let output = command.output().expect("kabar runs");
                    if output.status.success() {
                        acknowledged.push(term);
                    } else {
                        refused += 1;
                        eprintln!("refused: {}", String::from_utf8_lossy(&output.stderr));
                    }
                }
                (acknowledged, refused)
            })
        })
        .collect();
    let mut acknowledged = Vec::new();
    let mut refused = 0;
    for thread in threads {
        let (terms, count) = thread.join().unwrap();
        acknowledged.extend(terms);
        refused += count;
    }
    (acknowledged, refused)
}

#[test]
fn concurrent_adds_lose_no_acknowledged_term_and_are_not_refused() {
    for round in 0..2 {
        let copy = Copy::new();
        let before = copy.load().len();
        let (acknowledged, refused) = concurrent_round(&copy, 4, 30);
        let glossary = copy.load();
        let lost: Vec<&String> = acknowledged
            .iter()
            .filter(|term| glossary.lookup(term).is_none())
            .collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged then lost: {lost:?}"
        );
        assert_eq!(
            refused, 0,
            "round {round}: kabar's writers wait for each other"
        );
        assert_eq!(glossary.len(), before + 120, "round {round}");
        assert!(glossary.problems().is_empty(), "{:?}", glossary.problems());
        assert!(copy.leftovers().is_empty(), "{:?}", copy.leftovers());
    }
}

/// A few pseudo-random delays (no clock or global state: the same every run).
fn delays(count: usize, max_micros: u64) -> Vec<Duration> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            Duration::from_micros(state % max_micros)
        })
        .collect()
}

#[test]
fn a_writer_killed_at_any_moment_leaves_the_old_file_or_the_new_one_and_no_leftover_for_long() {
    let copy = Copy::new();
    let file = copy.glossary().join("added.toml");
    let mut added = Vec::new();
    for (i, delay) in delays(24, 25_000).into_iter().enumerate() {
        let term = format!("kata{i}");
        let before = std::fs::read_to_string(&file).unwrap_or_default();
        let mut child = copy
            .command(&["add", &term, "t"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let status = child.wait().unwrap();
        let after = std::fs::read_to_string(&file).unwrap_or_default();
        // Atomic: either the add happened completely or not at all.
        let grew = after != before;
        if grew {
            assert_eq!(
                after.replace(&format!("{term} = \"t\"\n"), ""),
                before,
                "kill #{i} after {delay:?}: a partial write"
            );
            added.push(term);
        }
        if status.success() {
            assert!(grew, "acknowledged but not written");
        }
        assert!(
            copy.load().problems().is_empty(),
            "kill #{i}: the glossary broke"
        );
    }
    // The next write clears whatever temporary file a killed writer left.
    let done = run(
        isolated::kabar(&copy.dir.path().join("home"), copy.dir.path()).args([
            "--glossary",
            "G",
            "add",
            "zqakhir",
            "last",
        ]),
    );
    assert_eq!(done.code, Some(0), "{done:?}");
    assert!(copy.leftovers().is_empty(), "{:?}", copy.leftovers());
    let glossary = copy.load();
    for term in added.iter().map(String::as_str).chain(["zqakhir"]) {
        assert!(glossary.lookup(term).is_some(), "{term} lost");
    }
}

#[test]
fn concurrent_status_and_position_savers_take_turns() {
    // words.toml and positions.toml are written by every reader; the library functions the
    // reader uses, from four threads at once, lose nothing.
    let dir = tempfile::tempdir().unwrap();
    let words = dir.path().join("words.toml");
    let positions = dir.path().join("positions.toml");
    let started = Instant::now();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let (words, positions) = (words.clone(), positions.clone());
            std::thread::spawn(move || {
                let mut mine = kabar::positions::Positions::load(&positions).unwrap();
                for i in 0..25 {
                    let word = format!("kata{t}x{i}");
                    kabar::word_status::save_to(
                        &words,
                        &[(word, Some(kabar::glossary::Status::WellKnown))],
                    )
                    .unwrap();
                    let article = PathBuf::from(format!("/artikel/{t}-{i}.md"));
                    let at = kabar::positions::Position {
                        token: i,
                        tokens: 99,
                    };
                    mine.set(&article, at).unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert!(started.elapsed() < Duration::from_secs(30));
    let statuses = kabar::word_status::WordStatuses::load(&words).unwrap();
    assert_eq!(statuses.len(), 100);
    let saved = kabar::positions::Positions::load(&positions).unwrap();
    for t in 0..4 {
        for i in 0..25 {
            let article = PathBuf::from(format!("/artikel/{t}-{i}.md"));
            assert!(saved.get(&article).is_some(), "{t}-{i} lost");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Files kabar must not write, and files it must read back
// ---------------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn no_write_path_follows_a_symlink_out_of_the_glossary_folder() {
    let copy = Copy::new();
    let outside = copy.dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let real = outside.join("real.toml");
    let original = "luar = \"outside\"\n";
    std::fs::write(&real, original).unwrap();
    std::os::unix::fs::symlink("../outside/real.toml", copy.glossary().join("link.toml")).unwrap();
    let attempts: [&[&str]; 4] = [
        &["add", "katac", "c", "--file", "link.toml"],
        &["edit", "luar", "--translation", "changed"],
        &["rm", "luar"],
        &["add", "katad", "d", "--file", "link.toml"],
    ];
    for args in attempts {
        let output = copy.command(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("outside the glossary folder"),
            "{args:?}: {stderr}"
        );
    }
    // added.toml itself a link out of the folder: the default target is refused too.
    std::os::unix::fs::symlink("../outside/real.toml", copy.glossary().join("added.toml")).unwrap();
    let output = copy.command(&["add", "katae", "e"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        original,
        "outside untouched"
    );
    // A link that stays inside the folder is followed (and stays a link).
    std::fs::create_dir(copy.glossary().join("sub")).unwrap();
    std::fs::write(copy.glossary().join("sub/inner.toml"), "").unwrap();
    std::os::unix::fs::symlink("sub/inner.toml", copy.glossary().join("inner-link.toml")).unwrap();
    let output = copy
        .command(&["add", "zqdalam", "inside", "--file", "inner-link.toml"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let inner = std::fs::read_to_string(copy.glossary().join("sub/inner.toml")).unwrap();
    assert!(inner.contains("zqdalam = \"inside\""), "{inner}");
}

#[cfg(unix)]
#[test]
fn a_read_only_glossary_file_is_refused_with_a_message_and_kept() {
    use std::os::unix::fs::PermissionsExt;
    let copy = Copy::new();
    let militer = copy.glossary().join("militer.toml");
    let original = std::fs::read_to_string(&militer).unwrap();
    std::fs::set_permissions(&militer, std::fs::Permissions::from_mode(0o444)).unwrap();
    let glossary = copy.load();
    let term = glossary
        .entries()
        .find(|e| glossary.file_of(e).ends_with("militer.toml"))
        .map(|e| e.term.clone())
        .unwrap();
    for args in [
        vec!["add", "zqrudal", "missile", "--file", "militer.toml"],
        vec!["edit", term.as_str(), "--translation", "changed"],
        vec!["rm", term.as_str()],
    ] {
        let output = copy.command(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("read-only"), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read_to_string(&militer).unwrap(), original);
    let mode = std::fs::metadata(&militer).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

#[test]
fn every_file_add_writes_is_one_the_glossary_reads_back() {
    let copy = Copy::new();
    // A hidden file is skipped by the loader, so add refuses it instead of losing the term.
    let output = copy
        .command(&["add", "rahasia", "secret", "--file", ".hidden.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("hidden"), "{stderr}");
    assert!(!copy.glossary().join(".hidden.toml").exists());
    // A subfolder, as the loader reads them, is accepted (and created).
    let output = copy
        .command(&["add", "cabang", "branch", "--file", "topik/baru.toml"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let glossary = copy.load();
    let id = glossary.lookup("cabang").expect("read back");
    assert!(
        glossary
            .file_of(glossary.entry(id))
            .ends_with("topik/baru.toml")
    );
    // And edit/rm reach it there.
    let output = copy
        .command(&["edit", "cabang", "--translation", "bough"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let output = copy.command(&["rm", "cabang"]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(copy.load().lookup("cabang").is_none());
}

#[test]
fn check_names_the_line_of_a_bad_byte_even_when_the_file_is_alone() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("glossary");
    std::fs::create_dir(&glossary).unwrap();
    std::fs::write(
        glossary.join("latin1.toml"),
        b"perang = \"war\"\n\n\"caf\xe9\" = \"coffee\"\n",
    )
    .unwrap();
    let home = dir.path().join("home");
    let alone = run(isolated::kabar(&home, dir.path()).args(["check", "--glossary", "glossary"]));
    assert_eq!(alone.code, Some(1), "{alone:?}");
    assert!(
        alone.stdout.contains("latin1.toml:3:5: not UTF-8 text"),
        "{alone:?}"
    );
    assert!(alone.stdout.contains("in 1 file: 1 problem"), "{alone:?}");
    std::fs::write(glossary.join("a.toml"), "senjata = \"weapon\"\n").unwrap();
    let beside = run(isolated::kabar(&home, dir.path()).args(["check", "--glossary", "glossary"]));
    assert!(beside.stdout.contains("latin1.toml:3:5:"), "{beside:?}");
}

#[cfg(unix)]
#[test]
fn an_import_never_replaces_a_symlink_even_one_pointing_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let articles = home.join("data/kabar/articles");
    std::fs::create_dir_all(&articles).unwrap();
    let link = articles.join("harga-beras-naik.md");
    std::os::unix::fs::symlink(dir.path().join("elsewhere.md"), &link).unwrap();
    let source = dir.path().join("berita.txt");
    std::fs::write(
        &source,
        "Harga Beras Naik\n\nHarga beras naik lagi di pasar hari ini.\n",
    )
    .unwrap();
    let imported = run(isolated::kabar(&home, dir.path())
        .arg("import")
        .arg(&source));
    assert_eq!(imported.code, Some(0), "{imported:?}");
    assert!(
        imported.stdout.trim().ends_with("harga-beras-naik-2.md"),
        "{imported:?}"
    );
    assert!(
        std::fs::symlink_metadata(&link).unwrap().is_symlink(),
        "the link stays"
    );
    assert!(
        !dir.path().join("elsewhere.md").exists(),
        "nothing written through it"
    );
}
