//! The learner's translator, run as kabar runs it: stub commands written into a temporary
//! folder (prefixing, slow, failing, silent, flooding, printing escape sequences) and a stub
//! LibreTranslate server on 127.0.0.1 with the same failure modes; then translations saved
//! into the translation file, where a corrected paragraph survives translating again.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::Duration;

use kabar::settings::translator::{TranslatorKind, TranslatorSetting};
use kabar::translation::place::Place;
use kabar::translation::translator::{MAX_OUTPUT, translate};
use kabar::translation::{Origin, Paragraph};

/// Writes an executable shell script `name` into `dir`.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

fn command(path: &Path, timeout_s: u64) -> TranslatorSetting {
    TranslatorSetting {
        kind: TranslatorKind::Command(vec![path.display().to_string()]),
        timeout: Duration::from_secs(timeout_s),
        name: "stub".into(),
    }
}

#[test]
fn a_command_gets_the_text_on_stdin_and_its_stdout_is_the_english() {
    let dir = tempfile::tempdir().unwrap();
    let stub = script(dir.path(), "en-stub", "printf 'EN-STUB '; cat");
    let english = translate(&command(&stub, 10), "Kedua pemimpin\nakan bertemu.").unwrap();
    assert_eq!(english, "EN-STUB Kedua pemimpin akan bertemu.");
}

#[test]
fn a_command_that_fails_says_its_last_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let stub = script(
        dir.path(),
        "failing",
        "cat >/dev/null; echo 'loading model' >&2; echo 'no model for id-en installed' >&2; exit 3",
    );
    let err = translate(&command(&stub, 10), "teks").unwrap_err();
    assert_eq!(err.to_string(), "stub: no model for id-en installed");
    let silent = script(dir.path(), "silent", "cat >/dev/null; exit 1");
    let err = translate(&command(&silent, 10), "teks").unwrap_err();
    assert!(err.message.starts_with("failed (exit status: 1"), "{err}");
    let missing = TranslatorSetting {
        kind: TranslatorKind::Command(vec![dir.path().join("nope").display().to_string()]),
        ..command(&stub, 10)
    };
    let err = translate(&missing, "teks").unwrap_err();
    assert!(
        err.message.contains("cannot run") && err.message.contains("[translator]"),
        "{err}"
    );
}

#[test]
fn a_command_that_prints_nothing_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let stub = script(dir.path(), "empty", "cat >/dev/null; echo '  '");
    let err = translate(&command(&stub, 10), "teks").unwrap_err();
    assert_eq!(err.message, "printed nothing");
}

#[test]
fn a_slow_command_is_stopped_at_its_timeout_children_included() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("finished");
    let stub = script(
        dir.path(),
        "slow",
        &format!(
            "cat >/dev/null; sleep 5; touch {}; echo late",
            marker.display()
        ),
    );
    let err = translate(&command(&stub, 1), "teks").unwrap_err();
    assert!(err.message.contains("no answer within 1 s"), "{err}");
    // The script's `sleep` was killed with it: it never gets to leave its marker.
    std::thread::sleep(Duration::from_secs(6));
    assert!(
        !marker.exists(),
        "the translator's children were left running"
    );
}

#[test]
fn a_command_that_floods_is_stopped_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let stub = script(dir.path(), "huge", "cat >/dev/null; yes 'word word word'");
    let err = translate(&command(&stub, 20), "teks").unwrap_err();
    assert!(
        err.message
            .contains(&format!("more than {} KiB", MAX_OUTPUT / 1024)),
        "{err}"
    );
}

#[test]
fn escape_sequences_in_a_commands_output_or_errors_are_made_visible() {
    let dir = tempfile::tempdir().unwrap();
    let stub = script(
        dir.path(),
        "escapes",
        r"cat >/dev/null; printf 'EN \033]52;c;aGk=\007\033[2J done\r\n'",
    );
    let english = translate(&command(&stub, 10), "teks").unwrap();
    assert!(!english.chars().any(char::is_control), "{english:?}");
    assert!(english.contains("␛]52;c;aGk=␇␛[2J done"), "{english:?}");
    let failing = script(
        dir.path(),
        "escapes-fail",
        r"cat >/dev/null; printf 'bad \033[31mred\n' >&2; exit 2",
    );
    let err = translate(&command(&failing, 10), "teks").unwrap_err();
    assert!(!err.to_string().chars().any(char::is_control), "{err:?}");
}

/// A LibreTranslate stand-in: `/translate` prefixes the text, `/slow` sleeps, `/fail`
/// answers 500 with LibreTranslate's error JSON, `/huge` floods, `/escapes` answers with escape
/// sequences, `/html` is not JSON. Records the requests' bodies.
fn server() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let bodies = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&bodies);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let log = std::sync::Arc::clone(&log);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                reader.read_line(&mut request).unwrap();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let body = String::from_utf8(body).unwrap();
                log.lock().unwrap().push(body.clone());
                let json: serde_json::Value = serde_json::from_str(&body).unwrap();
                let q = json["q"].as_str().unwrap_or_default().to_owned();
                let path = request.split_whitespace().nth(1).unwrap().to_owned();
                let (status, answer) = match path.as_str() {
                    "/translate" => (
                        200,
                        serde_json::json!({ "translatedText": format!("EN-STUB {q}") }).to_string(),
                    ),
                    "/slow" => {
                        std::thread::sleep(Duration::from_secs(5));
                        (200, "{\"translatedText\":\"late\"}".to_owned())
                    }
                    "/fail" => (
                        500,
                        "{\"error\":\"Cannot translate text: model not loaded\"}".to_owned(),
                    ),
                    "/huge" => (
                        200,
                        serde_json::json!({ "translatedText": "x".repeat(2 * MAX_OUTPUT) })
                            .to_string(),
                    ),
                    "/escapes" => (
                        200,
                        serde_json::json!({ "translatedText": "EN \u{1b}[2J\u{1b}]0;pwned\u{7} ok" })
                            .to_string(),
                    ),
                    _ => (200, "<html>hello</html>".to_owned()),
                };
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            });
        }
    });
    (base, bodies)
}

fn server_translator(url: String, timeout_s: u64, api_key_env: Option<&str>) -> TranslatorSetting {
    TranslatorSetting {
        kind: TranslatorKind::Server {
            url,
            api_key_env: api_key_env.map(str::to_owned),
        },
        timeout: Duration::from_secs(timeout_s),
        name: "LT".into(),
    }
}

#[test]
fn a_libretranslate_server_is_asked_with_its_json_protocol() {
    let (base, bodies) = server();
    let english = translate(
        &server_translator(format!("{base}/translate"), 10, None),
        "Kedua pemimpin akan bertemu.",
    )
    .unwrap();
    assert_eq!(english, "EN-STUB Kedua pemimpin akan bertemu.");
    let sent: serde_json::Value = serde_json::from_str(&bodies.lock().unwrap()[0]).unwrap();
    assert_eq!(sent["source"], "id");
    assert_eq!(sent["target"], "en");
    assert_eq!(sent["format"], "text");
    assert_eq!(sent.get("api_key"), None);
    // SAFETY: no other test of this file reads or writes this variable.
    unsafe { std::env::set_var("KABAR_TEST_LT_KEY", "s3cret") };
    translate(
        &server_translator(format!("{base}/translate"), 10, Some("KABAR_TEST_LT_KEY")),
        "x",
    )
    .unwrap();
    let sent: serde_json::Value = serde_json::from_str(&bodies.lock().unwrap()[1]).unwrap();
    assert_eq!(sent["api_key"], "s3cret");
    let err = translate(
        &server_translator(
            format!("{base}/translate"),
            10,
            Some("KABAR_TEST_UNSET_KEY"),
        ),
        "x",
    )
    .unwrap_err();
    assert!(err.message.contains("KABAR_TEST_UNSET_KEY"), "{err}");
}

#[test]
fn a_server_that_fails_hangs_floods_or_speaks_html_is_one_line() {
    let (base, _) = server();
    let cases = [
        (
            "/fail",
            "answered 500: Cannot translate text: model not loaded",
        ),
        ("/slow", "no answer within 1 s"),
        ("/huge", "more than 256 KiB"),
        ("/html", "not LibreTranslate's JSON"),
    ];
    for (path, expected) in cases {
        let err =
            translate(&server_translator(format!("{base}{path}"), 1, None), "teks").unwrap_err();
        assert!(err.message.contains(expected), "{path}: {err}");
        assert!(!err.message.contains('\n'));
    }
    let english = translate(&server_translator(format!("{base}/escapes"), 10, None), "x").unwrap();
    assert_eq!(english, "EN ␛[2J␛]0;pwned␇ ok");
}

#[test]
fn a_corrected_paragraph_survives_translating_the_article_again() {
    let dir = tempfile::tempdir().unwrap();
    let stub = script(dir.path(), "en-stub", "printf 'EN-STUB '; cat");
    let translator = command(&stub, 10);
    let place = Place {
        path: dir.path().join("berita.en.md"),
        writable: true,
    };
    let paragraphs = ["Satu.", "Dua.", "Tiga."];
    let translate_all = || {
        let changes = paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    i,
                    Paragraph {
                        text: translate(&translator, p).unwrap(),
                        origin: Origin::Machine(translator.name.clone()),
                    },
                )
            })
            .collect();
        place.save(paragraphs.len(), None, changes).unwrap()
    };
    let first = translate_all();
    assert_eq!(first.text(1), Some("EN-STUB Dua."));
    place
        .save(
            3,
            None,
            vec![(
                1,
                Paragraph {
                    text: "Two.".into(),
                    origin: Origin::Corrected,
                },
            )],
        )
        .unwrap();
    let again = translate_all();
    assert_eq!(again.text(1), Some("Two."));
    let text = std::fs::read_to_string(&place.path).unwrap();
    assert!(
        text.contains("machine = { \"stub\" = \"1, 3\" }\ncorrected = \"2\"\n"),
        "{text}"
    );
}
