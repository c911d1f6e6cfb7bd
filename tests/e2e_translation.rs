//! Machine translation end to end: the real `kabar` binary in a pseudo-terminal, with a
//! `[translator] command` stub script in an isolated settings file, on an article in the data
//! folder (as `kabar import` leaves one). The translation appears in the pane and in the file
//! beside the article; a paragraph corrected in the "editor" (a script) survives `T`; keys are
//! handled while a slow translator works.

#[path = "support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::Duration;

use pty::{Session, TIMEOUT, repo};

const ARTICLE: &str = "+++\ntitle = \"Banjir Rendam Jakarta\"\nlanguage = \"id\"\n+++\n\n\
Hujan deras mengguyur Jakarta sejak pagi hari.\n\n\
Banjir merendam ratusan rumah di Jakarta Timur. Warga mengungsi ke masjid terdekat.\n\n\
Pemerintah provinsi menyiapkan pompa air dan perahu karet.\n\n\
Gubernur meminta warga tetap waspada.\n\n\
Hujan diperkirakan berlanjut hingga akhir pekan.\n";

/// A home with the article in the data folder, and `[translator]` running a script with
/// `body`; the article's path.
fn home_with_translator(home: &Path, body: &str, extra: &str) -> PathBuf {
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("en-stub");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    make_executable(&script);
    let config = home.join("config/kabar");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!(
            "[translator]\ncommand = [{:?}]\n{extra}",
            script.display().to_string()
        ),
    )
    .unwrap();
    let articles = home.join("data/kabar/articles");
    std::fs::create_dir_all(&articles).unwrap();
    let article = articles.join("banjir-rendam-jakarta.md");
    std::fs::write(&article, ARTICLE).unwrap();
    article
}

fn make_executable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

fn translation_of(article: &Path) -> String {
    std::fs::read_to_string(article.with_file_name("banjir-rendam-jakarta.en.md"))
        .unwrap_or_default()
}

fn start(home: &Path, article: &Path, env: &[(&str, &str)]) -> Session {
    let args = [
        article.as_os_str(),
        "--glossary".as_ref(),
        "glossary".as_ref(),
    ];
    Session::spawn(120, 40, repo(), home, env, &args)
}

#[test]
fn opening_an_article_shows_the_stub_translation_and_saves_it_beside_the_article() {
    let home = tempfile::tempdir().unwrap();
    let article = home_with_translator(home.path(), "printf 'EN-STUB '; cat", "");
    let mut session = start(home.path(), &article, &[]);
    let screen = session.wait_for_text("EN-STUB Hujan deras mengguyur Jakarta");
    assert!(screen.contains("machine translation · en-stub"), "{screen}");
    let file = translation_of(&article);
    assert!(
        file.contains("machine = { \"en-stub\" = \"1\" }")
            && file.contains("\nEN-STUB Hujan deras mengguyur Jakarta sejak pagi hari.\n"),
        "{file}"
    );

    // T: every paragraph, the progress in the status line, then all of them in the file.
    session.press("T");
    session.wait_for("the whole article translated", TIMEOUT, |s| {
        Session::status_line(s).contains("Translated: 5/5 paragraphs")
    });
    let file = translation_of(&article);
    assert!(
        file.contains("machine = { \"en-stub\" = \"1-5\" }")
            && file.contains("\nEN-STUB Hujan diperkirakan berlanjut hingga akhir pekan.\n")
            && !file.contains("(untranslated)"),
        "{file}"
    );
    session.press("q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn a_paragraph_corrected_in_the_editor_survives_translating_the_article() {
    let home = tempfile::tempdir().unwrap();
    let article = home_with_translator(home.path(), "printf 'EN-STUB '; cat", "");
    // The "editor": called as `EDITOR +LINE FILE`, it writes the learner's English.
    let editor = home.path().join("bin/editor");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Heavy rain has soaked Jakarta since the morning.\\n' > \"$2\"\n",
    )
    .unwrap();
    make_executable(&editor);
    let editor = editor.display().to_string();
    let mut session = start(
        home.path(),
        &article,
        &[("VISUAL", &editor), ("EDITOR", &editor)],
    );
    session.wait_for_text("EN-STUB Hujan deras");
    session.press("c");
    session.wait_for("the correction saved", TIMEOUT, |s| {
        Session::status_line(s).contains("Corrected ¶1")
            && s.contains("Heavy rain has soaked Jakarta since the")
    });
    session.press("T");
    session.wait_for("the whole article translated", TIMEOUT, |s| {
        Session::status_line(s).contains("Translated: 5/5 paragraphs")
    });
    let file = translation_of(&article);
    assert!(
        file.contains("corrected = \"1\"")
            && file.contains("machine = { \"en-stub\" = \"2-5\" }")
            && file.contains("\nHeavy rain has soaked Jakarta since the morning.\n")
            && !file.contains("EN-STUB Hujan deras"),
        "{file}"
    );
    let screen = session.screen();
    assert!(
        screen.contains("machine translation you corrected"),
        "{screen}"
    );
    session.press("q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn keys_are_handled_while_a_slow_translator_works() {
    let home = tempfile::tempdir().unwrap();
    let article = home_with_translator(
        home.path(),
        "input=$(cat); sleep 5; printf 'EN-STUB %s' \"$input\"",
        "timeout_s = 30\n",
    );
    let mut session = start(home.path(), &article, &[]);
    session.wait_for_text("translating… (en-stub)");
    // The translator sleeps; the reader still moves to the last paragraph and opens help.
    session.press("G");
    let screen = session.wait_for("the cursor on the last paragraph", TIMEOUT, |s| {
        Session::status_line(s).contains("¶5/5")
    });
    assert!(!screen.contains("EN-STUB"), "{screen}");
    session.press("?");
    let screen = session.wait_for_text("Translate the whole article");
    assert!(!screen.contains("EN-STUB"), "{screen}");
    session.press("\x1b");
    // Separately: Esc and a key at once read as Alt and the key.
    session.wait_for("the help to close", TIMEOUT, |s| {
        !s.contains("Translate the whole article")
    });
    // Back on the first paragraph, its translation arrives once the translator is done.
    session.press("g");
    session.wait_for(
        "the slow translation",
        Duration::from_secs(60),
        |s: &str| s.contains("EN-STUB Hujan deras"),
    );
    session.press("q");
    assert!(session.wait_for_exit().success());
}
