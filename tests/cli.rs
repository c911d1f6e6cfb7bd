//! The `kabar` binary from the outside: subcommands, exit codes and the exact text users see.
//!
//! Every command runs with `HOME` and `XDG_DATA_HOME` pointing into a fresh temporary folder, so
//! nothing here depends on (or touches) the real user's data folder.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

#[path = "support/isolated.rs"]
mod isolated;

use assert_cmd::Command;
use isolated::{Run, run};
use kabar::article::Article;
use serde_json::Value;
use tempfile::TempDir;

const ARTICLE: &str = "articles/putin-kim-bertemu.md";

/// The repository root: the bundled article and glossary are relative to it.
fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary home for one test, with its own empty data folder.
struct Sandbox {
    home: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            home: tempfile::tempdir().expect("temporary home"),
        }
    }

    /// `kabar` run from `cwd`, isolated from the user's home, with a safety timeout.
    fn kabar_in(&self, cwd: &Path) -> Command {
        isolated::kabar(self.home.path(), cwd)
    }

    /// `kabar` run from the repository root.
    fn kabar(&self) -> Command {
        self.kabar_in(repo())
    }

    /// Writes the settings file in this home.
    fn settings(&self, text: &str) -> &Sandbox {
        let dir = self.home.path().join(".config/kabar");
        std::fs::create_dir_all(&dir).expect("config folder");
        std::fs::write(dir.join("config.toml"), text).expect("settings file");
        self
    }

    /// Only the glossary and word formation answer: kabar's base dictionary is off.
    fn without_base(&self) -> &Sandbox {
        self.settings("[lookup]\nbase_dictionary = false\n")
    }
}

/// Asserts that stderr is free of Rust panic output.
fn assert_no_panic(run: &Run) {
    for marker in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
        assert!(!run.stderr.contains(marker), "{marker:?} in {run:?}");
    }
}

/// Writes `files` (name, contents) into a new folder `glossary` inside a new temporary folder,
/// and returns the temporary folder (to run `kabar` from, with `--glossary glossary`).
fn glossary_folder(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let glossary = dir.path().join("glossary");
    std::fs::create_dir(&glossary).expect("glossary folder");
    for (name, text) in files {
        std::fs::write(glossary.join(name), text).expect("glossary file");
    }
    dir
}

fn check_in(dir: &TempDir) -> Run {
    let sandbox = Sandbox::new();
    run(sandbox
        .kabar_in(dir.path())
        .args(["check", "--glossary", "glossary"]))
}

// ---------------------------------------------------------------------------------------------
// annotate
// ---------------------------------------------------------------------------------------------

fn annotate_json() -> Value {
    let sandbox = Sandbox::new();
    let out = run(sandbox.kabar().args([
        "annotate",
        ARTICLE,
        "--format",
        "json",
        "--glossary",
        "glossary",
    ]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stderr, "", "no warnings for the bundled glossary");
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}): {out:?}"))
}

fn terms(json: &Value) -> &[Value] {
    json["terms"].as_array().expect("terms is an array")
}

fn term<'a>(json: &'a Value, name: &str) -> &'a Value {
    terms(json)
        .iter()
        .find(|t| t["term"] == name)
        .unwrap_or_else(|| panic!("{name:?} is not among the annotated terms"))
}

fn translations(term: &Value) -> Vec<&str> {
    term["translations"]
        .as_array()
        .expect("translations is an array")
        .iter()
        .map(|t| t.as_str().expect("translation is a string"))
        .collect()
}

#[test]
fn annotate_json_describes_the_article() {
    let json = annotate_json();
    assert_eq!(json["article"]["path"], ARTICLE);
    assert_eq!(
        json["article"]["title"],
        "Putin dan Kim Jong Un Dijadwalkan Bertemu di Timur Jauh Rusia"
    );
    assert_eq!(json["article"]["source"], "Bloomberg Technoz");
}

#[test]
fn annotate_json_finds_multi_word_terms() {
    let json = annotate_json();
    let peluru = term(&json, "peluru artileri");
    assert_eq!(peluru["surface"], "peluru artileri");
    // glossary/militer.toml: "peluru artileri" = "artillery shells"
    assert_eq!(translations(peluru), ["artillery shells"]);
    assert!(peluru.get("enclitic").is_none(), "{peluru}");
    assert_eq!(
        terms(&json)
            .iter()
            .filter(|t| t["term"] == "peluru artileri")
            .count(),
        2,
        "the article uses \"peluru artileri\" twice"
    );
}

#[test]
fn annotate_json_strips_an_enclitic_from_the_last_word() {
    let json = annotate_json();
    let warrant = term(&json, "surat perintah penangkapan");
    assert_eq!(warrant["surface"], "surat perintah penangkapannya");
    assert_eq!(warrant["enclitic"], "-nya");
    assert_eq!(translations(warrant), ["arrest warrant"]);
    assert_eq!(warrant["paragraph"], 4);
}

#[test]
fn annotate_json_positions_are_character_offsets_into_the_paragraph() {
    let json = annotate_json();
    let article = Article::load(&repo().join(ARTICLE)).expect("the bundled article loads");
    let all = terms(&json);
    assert!(all.len() > 100, "only {} terms", all.len());
    let mut previous = (0, 0);
    for t in all {
        let paragraph = t["paragraph"].as_u64().expect("paragraph") as usize;
        let start = t["start"].as_u64().expect("start") as usize;
        let end = t["end"].as_u64().expect("end") as usize;
        assert!(
            (1..=article.paragraphs.len()).contains(&paragraph),
            "paragraph out of range: {t}"
        );
        assert!(start < end, "empty span: {t}");
        assert!(
            (paragraph, start) > previous,
            "terms are not in document order at {t}"
        );
        previous = (paragraph, start);
        let text = &article.paragraphs[paragraph - 1];
        let slice: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(slice, t["surface"].as_str().expect("surface"), "{t}");
    }
    // One multi-byte check: ¶4 of the bundled article is ASCII up to the term, so the
    // character offsets there equal what an editor shows.
    let warrant = term(&json, "surat perintah penangkapan");
    assert_eq!(
        (&warrant["start"], &warrant["end"]),
        (&209.into(), &238.into())
    );
}

#[test]
fn annotate_text_prints_one_line_per_word_with_its_layer_and_a_summary() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .kabar()
        .args(["annotate", ARTICLE, "--glossary", "glossary"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stderr, "");
    let lines: Vec<&str> = out.stdout.lines().collect();
    for expected in [
        "¶6 83-89\tpeluru\tyour glossary\tpeluru artileri: artillery shells",
        "¶6 90-98\tartileri\tyour glossary\tpeluru artileri: artillery shells",
        "¶4 224-238\tpenangkapannya\tyour glossary\tsurat perintah penangkapan + -nya: arrest warrant",
        "¶1 0-5\tMedia\tyour glossary\tmedia pemerintah: state media, government media",
    ] {
        assert!(lines.contains(&expected), "{expected:?} in {out:?}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\tPeskov\t(name, not counted)\t")),
        "{out:?}"
    );
    let json = annotate_json();
    let words = json["words"].as_array().unwrap();
    assert_eq!(
        lines.len(),
        words.len() + 1,
        "one line per word, then the summary"
    );
    let summary = lines.last().unwrap();
    assert!(
        summary.starts_with("# ")
            && summary.contains("running words (names, numbers and acronyms left out)"),
        "{summary}"
    );
    assert!(summary.contains("your glossary "), "{summary}");
}

#[test]
fn annotate_uses_the_local_glossary_folder_by_default() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.kabar().args(["annotate", ARTICLE]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout
            .contains("\tyour glossary\tpeluru artileri: artillery shells"),
        "{out:?}"
    );
}

#[test]
fn annotate_a_missing_article_is_one_line_on_stderr_and_exit_2() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .kabar()
        .args(["annotate", "nope.md", "--glossary", "glossary"]));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
    assert!(
        out.stderr
            .starts_with("kabar: nope.md: cannot read the article: "),
        "{out:?}"
    );
    assert_no_panic(&out);
}

#[test]
fn annotate_a_missing_article_states_the_reason_once() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.kabar().args(["annotate", "nope.md"]));
    assert_eq!(
        out.stderr.matches("No such file or directory").count(),
        1,
        "{out:?}"
    );
}

#[test]
fn annotate_never_prints_terminal_escape_sequences_from_the_article() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("esc.md"),
        "+++\ntitle = \"Judul \\u001b]0;pwned\\u0007\"\n+++\n\n\
         Stok \x1b[31mperang\x1b[0m dan peluru artileri \x1b]52;c;cGF5bG9hZA==\x07 habis.\
         \x1b]0;title\x07 Lalu perang lagi.\n\n\
         Korea\x1b]0;x\x07 Utara dan roket \x1b[2J\x1b[H.\n",
    )
    .unwrap();
    let glossary = repo().join("glossary");
    let sandbox = Sandbox::new();
    let mut base = vec!["annotate", "esc.md", "--glossary"];
    base.push(glossary.to_str().expect("UTF-8 path"));

    let text = run(sandbox.kabar_in(dir.path()).args(&base));
    assert_eq!(text.code, Some(0), "{text:?}");
    assert!(
        text.stdout
            .contains("\tartileri\tyour glossary\tpeluru artileri: artillery shells"),
        "{text:?}"
    );
    assert!(
        text.stdout
            .contains("\troket\tyour glossary\troket: rocket"),
        "{text:?}"
    );
    for stream in [&text.stdout, &text.stderr] {
        assert!(!stream.contains('\x1b'), "ESC in {text:?}");
        assert!(!stream.contains('\x07'), "BEL in {text:?}");
        assert!(
            !stream
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "control character in {text:?}"
        );
    }

    // JSON would escape a raw ESC anyway; the title shows the control picture instead.
    base.extend(["--format", "json"]);
    let json = run(sandbox.kabar_in(dir.path()).args(&base));
    assert_eq!(json.code, Some(0), "{json:?}");
    assert!(!json.stdout.contains('\x1b') && !json.stdout.contains("\\u001b"));
    let value: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["article"]["title"], "Judul \u{241b}]0;pwned\u{2407}");
}

/// An article big enough that its annotation cannot fit in a pipe buffer (64 KiB on Linux), so
/// the writer must hit a closed pipe once the reader has gone.
fn big_article() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let line = "Moskow membutuhkan peluru artileri dan roket dari Korea Utara.\n";
    std::fs::write(dir.path().join("big.md"), line.repeat(6000)).unwrap();
    dir
}

/// Runs `annotate` on [`big_article`], reads a little of stdout and closes it, like `| head -1`.
fn annotate_into_closed_pipe(format: &str) -> Run {
    let dir = big_article();
    let home = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kabar"))
        .current_dir(dir.path())
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .args(["annotate", "big.md", "--format", format, "--glossary"])
        .arg(repo().join("glossary"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kabar starts");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("kabar finishes");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&first).into_owned(),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

#[test]
fn annotate_text_into_a_closed_pipe_exits_quietly() {
    let out = annotate_into_closed_pipe("text");
    assert!(out.stdout.starts_with("¶1 "), "{out:?}");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stderr, "", "{out:?}");
}

#[test]
fn annotate_json_into_a_closed_pipe_exits_quietly() {
    let out = annotate_into_closed_pipe("json");
    assert!(out.stdout.starts_with('{'), "{out:?}");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stderr, "", "{out:?}");
}

// ---------------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------------

#[test]
fn check_the_bundled_glossary_finds_no_problems() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.kabar().args(["check", "--glossary", "glossary"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stderr, "");
    let last = out.stdout.lines().last().unwrap_or_default();
    assert!(last.ends_with(" files: no problems"), "{out:?}");
    assert_eq!(out.stdout.lines().count(), 1, "{out:?}");
}

#[test]
fn check_reports_broken_toml_with_line_column_and_the_line_and_keeps_other_files() {
    let dir = glossary_folder(&[
        (
            "a_broken.toml",
            "perang = \"war\"\nsenjata = \"weapon\"\nrusak = = \"x\"\nroket = \"rocket\"\n",
        ),
        ("b_ok.toml", "musuh = \"enemy\"\nkonflik = \"conflict\"\n"),
    ]);
    let out = check_in(&dir);
    assert_eq!(out.code, Some(1), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{out:?}");
    assert!(
        lines[0].starts_with("glossary/a_broken.toml:3:9: invalid TOML"),
        "{out:?}"
    );
    assert_eq!(lines[1], "    | rusak = = \"x\"");
    // The broken file contributes nothing; the valid one still counts its two entries.
    assert_eq!(lines[2], "2 entries in 2 files: 1 problem");
    assert_no_panic(&out);
}

#[test]
fn check_reports_an_unterminated_string() {
    let dir = glossary_folder(&[(
        "a.toml",
        "perang = \"war\"\n# komentar\nrusak = \"tidak ditutup\nroket = \"rocket\"\n",
    )]);
    let out = check_in(&dir);
    assert_eq!(out.code, Some(1), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with("glossary/a.toml:3:") && lines[0].contains(": invalid TOML"),
        "{out:?}"
    );
    assert_eq!(lines[1], "    | rusak = \"tidak ditutup");
}

#[test]
fn check_reports_an_empty_translation() {
    let dir = glossary_folder(&[("a.toml", "isi = \"content\"\nkosong = \"  \"\n")]);
    let out = check_in(&dir);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        out.stdout,
        "glossary/a.toml:2:1: \"kosong\" has no translation: add translation = \"…\"\n\
         \x20   | kosong = \"  \"\n\
         1 entry in 1 file: 1 problem\n"
    );
}

#[test]
fn check_reports_an_unknown_field() {
    let dir = glossary_folder(&[(
        "a.toml",
        "[perang]\ntranslation = \"war\"\ncolour = \"red\"\n",
    )]);
    let out = check_in(&dir);
    assert_eq!(out.code, Some(1), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "glossary/a.toml:3:1: unknown field \"colour\" in \"perang\"; expected one of: \
         translation, pos, note, root, parents, tags, examples, pronunciation, status"
    );
    assert_eq!(lines[1], "    | colour = \"red\"");
    // The entry itself is still usable.
    assert_eq!(lines[2], "1 entry in 1 file: 1 problem");
}

#[test]
fn check_reports_the_same_term_in_two_files_with_both_places() {
    let dir = glossary_folder(&[
        ("a.toml", "perang = \"war\"\n"),
        ("b.toml", "# duplikat\nPerang = \"battle\"\n"),
    ]);
    let out = check_in(&dir);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        out.stdout,
        "glossary/b.toml:2:1: \"Perang\" is already defined at glossary/a.toml:1:1; \
         keep one of the two entries\n\
         \x20   | Perang = \"battle\"\n\
         1 entry in 2 files: 1 problem\n"
    );
}

#[test]
fn check_reports_a_bad_status() {
    let dir = glossary_folder(&[(
        "a.toml",
        "[perang]\ntranslation = \"war\"\nstatus = 9\n\n[roket]\ntranslation = \"rocket\"\nstatus = \"X\"\n",
    )]);
    let out = check_in(&dir);
    assert_eq!(out.code, Some(1), "{out:?}");
    let message = "status must be 1 to 5, \"W\" (well known) or \"I\" (ignored)";
    assert_eq!(
        out.stdout,
        format!(
            "glossary/a.toml:3:10: {message}\n    | status = 9\n\
             glossary/a.toml:7:10: {message}\n    | status = \"X\"\n\
             2 entries in 1 file: 2 problems\n"
        )
    );
}

#[test]
fn check_on_a_missing_folder_exits_2_naming_it() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .kabar()
        .args(["check", "--glossary", "/nonexistent"]));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
    assert!(
        out.stderr
            .starts_with("kabar: /nonexistent: cannot read the glossary folder"),
        "{out:?}"
    );
    assert_no_panic(&out);
}

#[test]
fn global_glossary_option_before_the_subcommand_is_accepted() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .kabar()
        .args(["--glossary", "/nonexistent", "check"]));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr
            .starts_with("kabar: /nonexistent: cannot read the glossary folder"),
        "{out:?}"
    );
}

#[test]
fn check_without_any_glossary_folder_is_an_error_pointing_at_the_option() {
    let empty = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::new();
    let out = run(sandbox.kabar_in(empty.path()).arg("check"));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr
            .starts_with("kabar: no glossary folder found (looked in ./glossary"),
        "{out:?}"
    );
    assert!(out.stderr.contains("pass --glossary DIR"), "{out:?}");
    // The data folder named is the sandbox's, never the real user's.
    let data = sandbox.home.path().join("data");
    assert!(
        out.stderr.contains(&data.display().to_string()),
        "{out:?} does not mention {}",
        data.display()
    );
}

#[test]
fn check_uses_the_glossary_in_the_data_folder_when_there_is_no_local_one() {
    let empty = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::new();
    let data_glossary: PathBuf = sandbox.home.path().join("data/kabar/glossary");
    std::fs::create_dir_all(&data_glossary).unwrap();
    std::fs::write(data_glossary.join("a.toml"), "perang = \"war\"\n").unwrap();
    let out = run(sandbox.kabar_in(empty.path()).arg("check"));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "1 entry in 1 file: no problems\n");
}

// ---------------------------------------------------------------------------------------------
// lookup
// ---------------------------------------------------------------------------------------------

#[test]
fn lookup_prints_each_entry_and_strips_enclitics() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.kabar().args([
        "lookup",
        "peluru artileri",
        "penangkapannya",
        "--glossary",
        "glossary",
    ]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stderr, "");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        &lines[..4],
        [
            "peluru artileri",
            "  artillery shells",
            "  from your glossary, glossary/militer.toml:20:1",
            "",
        ],
        "{out:?}"
    );
    assert_eq!(
        lines[4],
        "penangkapannya = penangkapan + -nya (his/her/its/their, or 'the')"
    );
    assert_eq!(lines[5], "penangkapan  (noun)");
    assert_eq!(&lines[6..8], ["  arrest", "  capture"]);
    assert!(
        lines.contains(&"  root: tangkap = catch, arrest"),
        "{out:?}"
    );
    assert_eq!(
        lines.last(),
        Some(&"  from your glossary, glossary/hukum.toml:34:2")
    );
}

#[test]
fn lookup_ignores_case_and_spacing() {
    let sandbox = Sandbox::new();
    let out =
        run(sandbox
            .kabar()
            .args(["lookup", "  PELURU   Artileri ", "--glossary", "glossary"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout
            .starts_with("peluru artileri\n  artillery shells\n"),
        "{out:?}"
    );
}

#[test]
fn lookup_of_an_unknown_word_exits_1() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .kabar()
        .args(["lookup", "xyzzy", "--glossary", "glossary"]));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        out.stdout,
        "xyzzy: not in your glossary or kabar base dictionary\n"
    );
    assert_eq!(out.stderr, "");
}

#[test]
fn lookup_of_known_and_unknown_words_prints_both_and_exits_1() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.kabar().args(["lookup", "perang", "xyzzy"]));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stdout.starts_with("perang\n  war\n"), "{out:?}");
    assert!(
        out.stdout
            .ends_with("\n\nxyzzy: not in your glossary or kabar base dictionary\n"),
        "{out:?}"
    );
}

#[test]
fn lookup_without_a_glossary_folder_uses_the_built_in_one_and_says_so() {
    let empty = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::new();
    let out = run(sandbox.kabar_in(empty.path()).args(["lookup", "perang"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.starts_with("perang\n  war\n"), "{out:?}");
    assert!(
        out.stderr
            .starts_with("kabar: note: no glossary folder found (looked in ./glossary"),
        "{out:?}"
    );
    assert!(
        out.stderr.contains("using the glossary built into kabar"),
        "{out:?}"
    );
}

#[test]
fn lookup_never_prints_escape_sequences_from_the_glossary() {
    let dir = glossary_folder(&[(
        "a.toml",
        "[perang]\ntranslation = \"war\\u001b[2J\\u001b]52;c;eA==\\u0007\"\nnote = \"\\u001b]0;t\\u0007\"\n",
    )]);
    let sandbox = Sandbox::new();
    let out =
        run(sandbox
            .kabar_in(dir.path())
            .args(["lookup", "perang", "--glossary", "glossary"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout.starts_with("perang\n  war\u{241b}[2J"),
        "{out:?}"
    );
    assert!(!out.stdout.contains('\x1b') && !out.stdout.contains('\x07'));
}

// ---------------------------------------------------------------------------------------------
// the reader and the command line itself
// ---------------------------------------------------------------------------------------------

#[test]
fn the_reader_without_a_terminal_explains_and_exits_2() {
    let sandbox = Sandbox::new();
    for args in [&[][..], &[ARTICLE, "--glossary", "glossary"][..]] {
        let out = run(sandbox.kabar().args(args));
        assert_eq!(out.code, Some(2), "{args:?}: {out:?}");
        assert_eq!(out.stdout, "");
        assert_eq!(
            out.stderr,
            "kabar: the reader needs a terminal; in scripts use `kabar annotate ARTICLE` \
             or `kabar lookup WORD`\n"
        );
    }
}

#[test]
fn usage_errors_exit_2_with_clap_usage() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .kabar()
        .args(["annotate", ARTICLE, "--format", "xml"]));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr
            .starts_with("error: invalid value 'xml' for '--format <FORMAT>'"),
        "{out:?}"
    );
    assert!(
        out.stderr.contains("[possible values: text, json]"),
        "{out:?}"
    );
    let out = run(sandbox.kabar().arg("lookup"));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("<WORDS>..."), "{out:?}");
    assert!(out.stderr.contains("Usage: kabar lookup"), "{out:?}");
    assert_no_panic(&out);
}

#[test]
fn version_and_help_exit_0() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.kabar().arg("--version"));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, format!("kabar {}\n", env!("CARGO_PKG_VERSION")));
    let out = run(sandbox.kabar().arg("--help"));
    assert_eq!(out.code, Some(0), "{out:?}");
    for command in ["lookup", "annotate", "check", "--glossary"] {
        assert!(out.stdout.contains(command), "{command}: {out:?}");
    }
}

#[test]
fn stem_prints_word_tab_root_for_each_line_of_stdin() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .kabar()
        .arg("stem")
        .write_stdin("menyuplai\npersenjataan\n\nnegara-negara\nxyzzy\n1950\n"));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        out.stdout,
        "menyuplai\tsuplai\npersenjataan\tsenjata\nnegara-negara\tnegara\nxyzzy\txyzzy\n1950\t1950\n"
    );
}

#[test]
fn stem_explain_adds_the_breakdown() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .kabar()
        .args(["stem", "--explain"])
        .write_stdin("dikeluarkan\n"));
    assert_eq!(
        out.stdout,
        "dikeluarkan\tkeluar\tdi- + keluar + -kan\tpassive, causative: be made to / be …ed\n",
        "{out:?}"
    );
}

#[test]
fn a_user_lexicon_teaches_new_roots() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("roots.txt");
    std::fs::write(&list, "# my roots\nzorb\n").unwrap();
    let sandbox = Sandbox::new();
    let without = run(sandbox.kabar().arg("stem").write_stdin("dizorbkan\n"));
    assert_eq!(without.stdout, "dizorbkan\tdizorbkan\n");
    let with = run(sandbox
        .kabar()
        .arg("stem")
        .arg("--lexicon")
        .arg(&list)
        .write_stdin("dizorbkan\n"));
    assert_eq!(with.stdout, "dizorbkan\tzorb\n", "{with:?}");
    let missing = run(sandbox
        .kabar()
        .args(["stem", "--lexicon", "nope.txt"])
        .write_stdin(""));
    assert_eq!(missing.code, Some(2));
    assert!(
        missing
            .stderr
            .contains("nope.txt: cannot read the word list"),
        "{missing:?}"
    );
}

#[test]
fn lookup_falls_back_to_the_root_with_a_breakdown() {
    let dir = glossary_folder(&[(
        "a.toml",
        "[keluar]\ntranslation = \"go out, exit\"\npos = \"verb\"\n",
    )]);
    let sandbox = Sandbox::new();
    sandbox.without_base();
    let out = run(sandbox.kabar_in(dir.path()).args([
        "lookup",
        "dikeluarkan,",
        "--glossary",
        "glossary",
    ]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout.starts_with(
            "dikeluarkan = di- + keluar + -kan: passive, causative: be made to / be …ed\n  di-       passive: is/was …ed\n  -kan      causative: make, cause to, do for\nkeluar  (verb)\n  go out, exit\n"
        ),
        "{out:?}"
    );
}

#[test]
fn lookup_names_the_base_dictionary_when_it_answers() {
    let empty = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .kabar_in(empty.path())
        .args(["lookup", "bandara", "penerbangannya"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "bandara  (noun)", "{out:?}");
    assert!(lines.contains(&"  airport"), "{out:?}");
    assert!(lines.contains(&"  from kabar base dictionary"), "{out:?}");
    assert!(
        lines.contains(&"penerbangannya = penerbangan + -nya (his/her/its/their, or 'the')"),
        "{out:?}"
    );
}

#[test]
fn add_edit_and_rm_change_the_glossary_files_and_keep_their_comments() {
    let dir = glossary_folder(&[("militer.toml", "# Hand-kept.\nroket = 'rocket'  # short\n")]);
    let sandbox = Sandbox::new();
    let glossary = |args: &[&str]| {
        run(sandbox
            .kabar_in(dir.path())
            .args(args)
            .args(["--glossary", "glossary"]))
    };

    let added = glossary(&[
        "add",
        "proyektil artileri",
        "artillery projectiles",
        "--pos",
        "noun",
    ]);
    assert_eq!(added.code, Some(0), "{added:?}");
    assert!(
        added
            .stdout
            .starts_with("added \"proyektil artileri\" to glossary/added.toml"),
        "{added:?}"
    );
    let written = std::fs::read_to_string(dir.path().join("glossary/added.toml")).unwrap();
    assert_eq!(
        written,
        "[\"proyektil artileri\"]\ntranslation = \"artillery projectiles\"\npos = \"noun\"\n"
    );

    let again = glossary(&["add", "Proyektil  Artileri", "x"]);
    assert_eq!(again.code, Some(2), "{again:?}");
    assert!(
        again
            .stderr
            .contains("is already in the glossary at glossary/added.toml:1:2"),
        "{again:?}"
    );

    let edited = glossary(&["edit", "ROKET", "--translation", "rocket, missile"]);
    assert_eq!(edited.code, Some(0), "{edited:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("glossary/militer.toml")).unwrap(),
        "# Hand-kept.\nroket = \"rocket, missile\"  # short\n"
    );

    let removed = glossary(&["rm", "proyektil artileri"]);
    assert_eq!(removed.code, Some(0), "{removed:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("glossary/added.toml")).unwrap(),
        ""
    );

    let outside = glossary(&["add", "baru", "new", "--file", "../elsewhere.toml"]);
    assert_eq!(outside.code, Some(2), "{outside:?}");
    assert!(
        outside
            .stderr
            .contains("not a .toml file inside the glossary folder"),
        "{outside:?}"
    );
    let empty = glossary(&["add", "baru", " "]);
    assert!(
        empty.stderr.contains("the translation is empty"),
        "{empty:?}"
    );
    let missing = glossary(&["rm", "tidak ada"]);
    assert!(
        missing
            .stderr
            .contains("\"tidak ada\" is not in the glossary"),
        "{missing:?}"
    );
    let nothing = glossary(&["edit", "roket"]);
    assert!(nothing.stderr.contains("nothing to change"), "{nothing:?}");
}

#[test]
fn export_terms_then_import_terms_with_a_dry_run() {
    let dir = glossary_folder(&[("a.toml", "# Mine.\nperang = \"war\"\n")]);
    let sandbox = Sandbox::new();
    let csv = dir.path().join("terms.csv");
    let exported = run(sandbox
        .kabar()
        .args(["export-terms"])
        .arg(&csv)
        .args(["--glossary", "glossary"]));
    assert_eq!(exported.code, Some(0), "{exported:?}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("term,translation,parent,status,tags,pronunciation\n"),
        "{text}"
    );
    assert!(
        text.lines().count() > 400,
        "every entry of the bundled glossary is a row"
    );
    assert!(
        text.contains("\npeluru artileri,artillery shells,"),
        "{text}"
    );

    let kabar = |args: &[&str]| {
        run(sandbox
            .kabar_in(dir.path())
            .args(args)
            .args(["--glossary", "glossary"]))
    };
    let dry = kabar(&["import-terms", "terms.csv", "--dry-run"]);
    assert_eq!(dry.code, Some(0), "{dry:?}");
    assert!(
        dry.stdout
            .contains("skipped \"perang\": already at glossary/a.toml:2:1"),
        "{dry:?}"
    );
    assert!(dry.stdout.contains("(dry run: nothing written)"), "{dry:?}");
    assert!(!dir.path().join("glossary/added.toml").exists());

    let real = kabar(&["import-terms", "terms.csv"]);
    assert_eq!(real.code, Some(0), "{real:?}");
    assert!(
        real.stdout.contains(" terms to glossary/added.toml\n"),
        "{real:?}"
    );
    // The rows' statuses are the learner's progress: kept in the data folder, not written
    // into the glossary file.
    let words_file = sandbox.home.path().join("data/kabar/words.toml");
    assert!(
        real.stdout
            .trim_end()
            .ends_with(&format!("statuses in {}", words_file.display())),
        "{real:?}"
    );
    let added = std::fs::read_to_string(dir.path().join("glossary/added.toml")).unwrap();
    assert!(!added.contains("status"), "{added}");
    let progress = std::fs::read_to_string(&words_file).unwrap();
    assert!(
        progress.contains("\n\"peluru artileri\" = 1\n"),
        "{progress}"
    );
    let check = kabar(&["check"]);
    assert_eq!(check.code, Some(0), "{check:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("glossary/a.toml")).unwrap(),
        "# Mine.\nperang = \"war\"\n"
    );

    let again = kabar(&["import-terms", "terms.csv"]);
    assert!(again.stdout.contains("added 0 terms"), "{again:?}");
}

/// A writer killed at any moment leaves the old file or the new one, never a torn one.
#[test]
fn a_writer_killed_mid_import_leaves_a_whole_file() {
    let dir = glossary_folder(&[("added.toml", "# Mine.\nperang = \"war\"\n")]);
    let csv = dir.path().join("big.csv");
    let mut rows = String::from("term,translation\n");
    for i in 0..40_000 {
        rows.push_str(&format!("kata{i},word number {i}\n"));
    }
    std::fs::write(&csv, rows).unwrap();
    let target = dir.path().join("glossary/added.toml");
    let sandbox = Sandbox::new();
    for (round, delay_ms) in [5u64, 30, 60, 120, 200, 400].into_iter().enumerate() {
        let before = std::fs::read_to_string(&target).unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kabar"))
            .current_dir(dir.path())
            .env("HOME", sandbox.home.path())
            .args(["import-terms", "big.csv", "--glossary", "glossary"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let after = std::fs::read_to_string(&target).unwrap();
        let glossary = kabar::glossary::Glossary::load_dir(&dir.path().join("glossary")).unwrap();
        assert!(
            glossary.problems().is_empty(),
            "round {round}: {:?}",
            glossary.problems()
        );
        assert!(
            after == before || after.starts_with("# Mine.\nperang = \"war\"\n"),
            "round {round}"
        );
        assert!(
            after.contains("perang = \"war\""),
            "round {round}: the user's entry survives"
        );
        // Put the original back for the next round when the import completed.
        std::fs::write(&target, "# Mine.\nperang = \"war\"\n").unwrap();
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("glossary"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    // A killed writer may leave its temporary file; it is hidden and never read as glossary.
    for name in &leftovers {
        assert!(name.starts_with('.'), "{name}");
    }
}

#[test]
fn csv_refusals_export_over_toml_and_a_csv_without_a_term_column() {
    let dir = glossary_folder(&[("a.toml", "perang = \"war\"\n")]);
    std::fs::write(dir.path().join("bad.csv"), "word,meaning\nroket,rocket\n").unwrap();
    let sandbox = Sandbox::new();
    let kabar = |args: &[&str]| {
        run(sandbox
            .kabar_in(dir.path())
            .args(args)
            .args(["--glossary", "glossary"]))
    };
    let over = kabar(&["export-terms", "glossary/a.toml"]);
    assert_eq!(over.code, Some(2), "{over:?}");
    assert!(
        over.stderr.contains("will not write CSV over a .toml file"),
        "{over:?}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("glossary/a.toml")).unwrap(),
        "perang = \"war\"\n"
    );
    let no_term = kabar(&["import-terms", "bad.csv"]);
    assert_eq!(no_term.code, Some(2), "{no_term:?}");
    assert!(
        no_term.stderr.contains("bad.csv:1: no \"term\" column"),
        "{no_term:?}"
    );
}

#[test]
fn a_user_lexicon_line_that_is_not_a_word_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("roots.txt");
    std::fs::write(&list, "# mine\nzorb\nthree word line\n").unwrap();
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .kabar()
        .arg("stem")
        .arg("--lexicon")
        .arg(&list)
        .write_stdin("x\n"));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr
            .contains("roots.txt:3: \"three word line\" is not a root"),
        "{out:?}"
    );
}

#[test]
fn vocab_lists_unknown_words_by_root_and_frequency_in_three_formats() {
    let sandbox = Sandbox::new();
    let dir = sandbox.home.path();
    std::fs::create_dir_all(dir.join("glossary")).unwrap();
    std::fs::write(dir.join("glossary/g.toml"), "polisi = \"police\"\n").unwrap();
    std::fs::write(
        dir.join("a.md"),
        "Polisi menangkap pencuri dan Putin diam.\n\nPenangkapan itu cepat, kata Putin.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.md"),
        "Pencuri ditangkap lagi. Pencuri itu pergi.\n",
    )
    .unwrap();
    let words = dir.join("data/kabar/words.toml");
    std::fs::create_dir_all(words.parent().unwrap()).unwrap();
    std::fs::write(&words, "# mine\ndan = \"W\"\nitu = 5\n").unwrap();
    let vocab = |format: &str| {
        run(sandbox.kabar_in(dir).args([
            "vocab",
            "a.md",
            "b.md",
            "--glossary",
            "glossary",
            "--format",
            format,
        ]))
    };

    let tsv = vocab("tsv");
    assert_eq!(tsv.code, Some(0), "{tsv:?}");
    let lines: Vec<&str> = tsv.stdout.lines().collect();
    assert_eq!(lines[0], "count\troot\tforms\texample\tarticle");
    assert!(lines.iter().all(|l| l.split('\t').count() == 5), "{tsv:?}");
    // Equal counts keep the order of first appearance: menangkap comes before pencuri.
    assert_eq!(
        lines[1],
        "3\ttangkap\tmenangkap:1,penangkapan:1,ditangkap:1\tPolisi menangkap pencuri dan Putin diam.\ta.md"
    );
    assert_eq!(
        lines[2],
        "3\tcuri\tpencuri:3\tPolisi menangkap pencuri dan Putin diam.\ta.md"
    );
    let all = tsv.stdout.to_lowercase();
    for absent in ["\tputin\t", "\tdan\t", "\titu\t", "\tpolisi\t"] {
        assert!(
            !all.contains(absent),
            "{absent} is a name, known or in the glossary"
        );
    }

    let json = vocab("json");
    let rows: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(rows[0]["text"], "tangkap");
    assert_eq!(rows[0]["forms"][2]["form"], "ditangkap");
    assert_eq!(rows[1]["article"], "a.md");

    let text = vocab("text");
    assert!(
        text.stdout.starts_with("    3  tangkap: menangkap ×1, penangkapan ×1, ditangkap ×1\n       Polisi menangkap pencuri dan Putin diam. (a.md)\n"),
        "{text:?}"
    );
    assert!(
        text.stdout
            .ends_with("word families to learn (9 distinct words)\n"),
        "{text:?}"
    );
    // A status on the root: its forms are known by family and leave the list.
    std::fs::write(&words, "dan = \"W\"\nitu = 5\ntangkap = \"W\"\n").unwrap();
    let known_root = vocab("tsv");
    assert!(!known_root.stdout.contains("\ttangkap\t"), "{known_root:?}");
    assert!(
        known_root
            .stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("3\tcuri\t"),
        "{known_root:?}"
    );

    let phrases = run(sandbox.kabar_in(dir).args([
        "vocab",
        "a.md",
        "b.md",
        "--glossary",
        "glossary",
        "--phrases",
        "--format",
        "tsv",
    ]));
    assert_eq!(phrases.code, Some(0), "{phrases:?}");
    assert_eq!(
        phrases.stdout.lines().next(),
        Some("count\tphrase\tforms\texample\tarticle")
    );

    // A value that is not a status: that line is skipped with a warning naming it.
    std::fs::write(&words, "dan = \"W\"\nitu = 9\n").unwrap();
    let skipped = vocab("tsv");
    assert_eq!(skipped.code, Some(0), "{skipped:?}");
    assert!(
        skipped.stderr.contains("words.toml:2:7") && skipped.stderr.contains("must be 1 to 5"),
        "{skipped:?}"
    );
    assert!(
        skipped.stdout.contains("\titu\t"),
        "itu is unknown again: {skipped:?}"
    );
    // Invalid TOML stops the command, naming the place.
    std::fs::write(&words, "dan = \"W\"\nitu = \n").unwrap();
    let broken = vocab("text");
    assert_eq!(broken.code, Some(2));
    assert!(broken.stderr.contains("words.toml:2:"), "{broken:?}");
}
