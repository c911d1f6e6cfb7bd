//! `kabar config --path` and `kabar config --default` from the outside: where the settings file
//! is read from under HOME and XDG_CONFIG_HOME, and a printed default that kabar itself reads
//! back without a single warning. HOME and the XDG folders point into temporary folders.

#[path = "support/isolated.rs"]
mod isolated;

use isolated::run;

#[test]
fn the_path_follows_home_and_xdg_config_home() {
    let home = tempfile::tempdir().unwrap();
    let plain = run(isolated::kabar(home.path(), home.path()).args(["config", "--path"]));
    assert_eq!(plain.code, Some(0), "{plain:?}");
    assert_eq!(
        plain.stdout,
        format!(
            "{}\n",
            home.path().join(".config/kabar/config.toml").display()
        )
    );
    let xdg = home.path().join("elsewhere");
    let moved = run(isolated::kabar(home.path(), home.path())
        .env("XDG_CONFIG_HOME", &xdg)
        .args(["config", "--path"]));
    assert_eq!(
        moved.stdout,
        format!("{}\n", xdg.join("kabar/config.toml").display())
    );
}

#[test]
fn the_default_file_is_read_back_without_a_warning() {
    let home = tempfile::tempdir().unwrap();
    let printed = run(isolated::kabar(home.path(), home.path()).args(["config", "--default"]));
    assert_eq!(printed.code, Some(0), "{printed:?}");
    assert!(printed.stdout.contains("[lookup]") && printed.stdout.contains("#[[dictionary]]"));
    let path = home.path().join(".config/kabar/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &printed.stdout).unwrap();
    let look = run(isolated::kabar(home.path(), home.path()).args(["lookup", "bandara"]));
    assert_eq!(look.code, Some(0), "{look:?}");
    assert!(!look.stderr.contains("warning"), "{look:?}");
}

#[test]
fn config_asks_one_question() {
    let home = tempfile::tempdir().unwrap();
    let neither = run(isolated::kabar(home.path(), home.path()).arg("config"));
    assert_eq!(neither.code, Some(2), "{neither:?}");
    assert!(neither.stderr.contains("--default"), "{neither:?}");
}

#[test]
fn check_reports_the_settings_files_problems_with_their_place() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("glossary")).unwrap();
    std::fs::write(home.path().join("glossary/umum.toml"), "perang = \"war\"\n").unwrap();
    let path = home.path().join(".config/kabar/config.toml");
    let check = || run(isolated::kabar(home.path(), home.path()).args(["check"]));

    // No settings file: only the glossary is checked.
    let clean = check();
    assert_eq!(clean.code, Some(0), "{clean:?}");
    assert_eq!(clean.stdout, "1 entry in 1 file: no problems\n");

    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        "[keys]\nnext_term = \"Ctrl-n\"\nsearch = \"n\"\n\n[theme]\nunknown = \"purple\"\n",
    )
    .unwrap();
    let bad = check();
    assert_eq!(bad.code, Some(1), "{bad:?}");
    let lines: Vec<&str> = bad.stdout.lines().collect();
    assert_eq!(lines[0], "1 entry in 1 file: no problems", "{}", bad.stdout);
    let config = path.display().to_string();
    assert!(
        lines[1].starts_with(&format!(
            "{config}:3:10: n is already the key of search_next"
        )),
        "{}",
        bad.stdout
    );
    assert!(
        lines[2].starts_with(&format!("{config}:6:11: ")),
        "{}",
        bad.stdout
    );
    assert_eq!(lines[3], format!("{config}: 2 problems"));
}
