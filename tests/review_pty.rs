//! `kabar review` end to end: the real binary in a pseudo-terminal (parsed by vt100), graded
//! with key presses, then the files checked: the review state written, the glossary untouched,
//! the terminal given back. Each wait polls the screen with a generous timeout.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(10);

const GLOSSARY: &str = "\
[\"surat perintah penangkapan\"]
translation = \"arrest warrant\"
status = 2
examples = [\"Sejak surat perintah penangkapannya dikeluarkan. (Putin dan Kim, BBC Indonesia)\"]

[perang]
translation = \"war\"
status = 3
";

fn wait_until(what: &str, screen: &dyn Fn() -> String, done: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    while !done(&screen()) {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}\n--- screen ---\n{}",
            screen()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn grading_in_the_terminal_saves_review_toml_and_leaves_the_glossary_alone() {
    let home = tempfile::tempdir().unwrap();
    let glossary = home.path().join("glossary/belajar.toml");
    std::fs::create_dir(glossary.parent().unwrap()).unwrap();
    std::fs::write(&glossary, GLOSSARY).unwrap();

    let (cols, rows) = (80, 16);
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kabar"));
    cmd.arg("review");
    cmd.cwd(home.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home.path());
    cmd.env("XDG_DATA_HOME", home.path().join("data"));
    cmd.env("KABAR_HUNSPELL", "");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);

    let size = |n| NonZeroU16::new(n).unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
    let closed = Arc::new(AtomicBool::new(false));
    let mut reader = pair.master.try_clone_reader().unwrap();
    {
        let (parser, closed) = (parser.clone(), closed.clone());
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                parser.lock().unwrap().process(&buf[..n]);
            }
            closed.store(true, Ordering::SeqCst);
        });
    }
    let mut keys = pair.master.take_writer().unwrap();
    let mut press = |k: &str| {
        keys.write_all(k.as_bytes()).unwrap();
        keys.flush().unwrap();
    };
    let screen = || {
        let parser = parser.lock().unwrap();
        parser.screen().contents()
    };

    wait_until("the first card", &screen, |s| {
        s.contains("0 due · 2 new · 2 cards") && s.contains("Sejak surat perintah")
    });
    press(" ");
    wait_until("its back", &screen, |s| s.contains("arrest warrant"));
    press("3");
    wait_until("the second card", &screen, |s| s.contains("0 due · 1 new"));
    press("c");
    wait_until("the cloze front", &screen, |s| s.contains("hint: war"));
    press(" ");
    wait_until("its back", &screen, |s| s.contains("4  easy"));
    press("4");
    wait_until("nothing due", &screen, |s| {
        s.contains("Nothing due — next card due in")
    });
    press("q");

    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "kabar review did not exit");
        thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    while !closed.load(Ordering::SeqCst) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !parser.lock().unwrap().screen().alternate_screen(),
        "the terminal is given back"
    );
    let state = std::fs::read_to_string(home.path().join("data/kabar/review.toml")).unwrap();
    assert!(
        state.contains("[cards.\"surat perintah penangkapan\"]"),
        "{state}"
    );
    assert!(state.contains("[cards.perang]"), "{state}");
    assert_eq!(std::fs::read_to_string(&glossary).unwrap(), GLOSSARY);
}
