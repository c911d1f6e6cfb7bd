//! `kabar completions`, `kabar man` and the Examples: block of `--help`, from the outside.

#[path = "support/isolated.rs"]
mod isolated;

use isolated::run;

#[test]
fn completions_are_printed_for_bash_zsh_and_fish() {
    let home = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef kabar"),
        ("fish", "complete -c kabar"),
    ] {
        let out = run(isolated::kabar(home.path(), home.path()).args(["completions", shell]));
        assert_eq!(out.code, Some(0), "{out:?}");
        assert!(out.stdout.contains(marker), "{shell}: {out:?}");
        assert!(out.stdout.contains("import-terms"), "{shell}: {out:?}");
    }
    let unknown = run(isolated::kabar(home.path(), home.path()).args(["completions", "tcsh"]));
    assert_eq!(unknown.code, Some(2), "{unknown:?}");
    assert!(unknown.stderr.contains("bash"), "{unknown:?}");
}

#[test]
fn the_man_page_is_printed_and_every_page_written_to_a_folder() {
    let home = tempfile::tempdir().unwrap();
    let printed = run(isolated::kabar(home.path(), home.path()).arg("man"));
    assert_eq!(printed.code, Some(0), "{printed:?}");
    assert!(printed.stdout.contains(".TH kabar 1"), "{printed:?}");
    assert!(
        printed.stdout.contains("kabar\\-completions(1)"),
        "{printed:?}"
    );

    let dir = home.path().join("man/man1");
    let written = run(isolated::kabar(home.path(), home.path())
        .args(["man", "--dir"])
        .arg(&dir));
    assert_eq!(written.code, Some(0), "{written:?}");
    for page in [
        "kabar.1",
        "kabar-lookup.1",
        "kabar-feed-update.1",
        "kabar-dict-add.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.contains(".SH EXAMPLES\n.nf\n  "), "{page}: {text}");
    }
    assert_eq!(
        written.stdout.lines().count(),
        std::fs::read_dir(&dir).unwrap().count()
    );
    // Writing again replaces the pages in place.
    let again = run(isolated::kabar(home.path(), home.path())
        .args(["man", "--dir"])
        .arg(&dir));
    assert_eq!(again.code, Some(0), "{again:?}");
    assert_eq!(again.stdout, written.stdout);
}

#[test]
fn help_of_a_subcommand_ends_with_examples() {
    let home = tempfile::tempdir().unwrap();
    let help = run(isolated::kabar(home.path(), home.path()).args(["feed", "add", "--help"]));
    assert_eq!(help.code, Some(0), "{help:?}");
    let examples = help
        .stdout
        .split("Examples:\n")
        .nth(1)
        .expect("an Examples: block");
    assert!(examples.contains("kabar feed add https://"), "{help:?}");
}
