//! The `kabar` binary in a pseudo-terminal, its output parsed by a terminal emulator (vt100),
//! driven with key presses as a user would: shared by the end-to-end tests.
//!
//! Every wait polls the emulated screen until a condition holds or a generous timeout passes;
//! on timeout the test fails showing the whole screen.

#![allow(dead_code)] // Each test crate uses some of these.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

/// How long any one condition may take to appear. Generous: CI machines can be slow.
pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const POLL: Duration = Duration::from_millis(20);

/// Leaves the alternate screen (`ESC [ ? 1049 l`): the terminal is given back to the shell.
pub const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

/// The reader running in a pseudo-terminal.
pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the reader wrote, for checks the emulated screen cannot answer.
    pub raw: Arc<Mutex<Vec<u8>>>,
    /// Set when the pty reports end of output (the reader and all its handles are gone).
    pub output_closed: Arc<AtomicBool>,
    pub size: (u16, u16),
    /// The temporary home, when the session owns it.
    pub _home: Option<TempDir>,
}

/// The repository root, where the bundled article and glossary are.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is never zero")
}

impl Session {
    /// Starts `kabar articles/putin-kim-bertemu.md --glossary glossary` from the repository
    /// root in a `cols`×`rows` terminal, with a temporary home.
    pub fn start(cols: u16, rows: u16) -> Session {
        let home = tempfile::tempdir().expect("temporary home");
        let mut session = Session::start_in(cols, rows, home.path(), &[]);
        session._home = Some(home);
        session
    }

    /// Like [`Session::start`], on another article.
    pub fn start_on(cols: u16, rows: u16, home: &Path, article: &Path) -> Session {
        let args = [
            article.as_os_str(),
            "--glossary".as_ref(),
            "glossary".as_ref(),
        ];
        Session::spawn(cols, rows, repo(), home, &[], &args)
    }

    /// Like [`Session::start`], with a given home (so a second session sees the first one's
    /// saved state) and extra environment variables.
    pub fn start_in(cols: u16, rows: u16, home: &Path, env: &[(&str, &str)]) -> Session {
        let args = ["articles/putin-kim-bertemu.md", "--glossary", "glossary"].map(OsStr::new);
        Session::spawn(cols, rows, repo(), home, env, &args)
    }

    /// `kabar ARGS` run from `cwd` in a `cols`×`rows` terminal with its home in `home`.
    pub fn spawn(
        cols: u16,
        rows: u16,
        cwd: &Path,
        home: &Path,
        env: &[(&str, &str)],
        args: &[&OsStr],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kabar"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        // The settings file too: a translator the real user set up must not answer here.
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env_remove("NO_COLOR");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("start kabar");
        // Only the child holds the terminal side now, so output ends when the child exits.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let output_closed = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        {
            let (parser, raw, output_closed) = (parser.clone(), raw.clone(), output_closed.clone());
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            parser.lock().unwrap().process(&buf[..n]);
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                        }
                    }
                }
                output_closed.store(true, Ordering::SeqCst);
            });
        }
        let writer = pair.master.take_writer().expect("pty writer");
        Session {
            child,
            master: pair.master,
            writer,
            parser,
            raw,
            output_closed,
            size: (cols, rows),
            _home: None,
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        let parser = self.parser.lock().unwrap();
        let (_, cols) = parser.screen().size();
        parser
            .screen()
            .rows(0, cols.get())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Polls until `condition` holds for the screen text; panics showing the screen if it does
    /// not within `timeout`. Returns the screen that satisfied it.
    pub fn wait_for(
        &mut self,
        what: &str,
        timeout: Duration,
        condition: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if condition(&screen) {
                return screen;
            }
            if Instant::now() >= deadline {
                let status = self.child.try_wait().ok().flatten();
                panic!(
                    "timed out after {timeout:?} waiting for {what}; kabar exit status: \
                     {status:?}\n--- screen ({}x{}) ---\n{screen}\n--- end of screen ---",
                    self.size.0, self.size.1
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen contains `text`.
    pub fn wait_for_text(&mut self, text: &str) -> String {
        self.wait_for(&format!("{text:?} on screen"), TIMEOUT, |s| {
            s.contains(text)
        })
    }

    /// Types `keys` as the terminal would send them.
    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("send keys");
        self.writer.flush().expect("send keys");
    }

    /// Resizes the terminal, as a user dragging the window would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The emulator first, so everything drawn after the resize lands on the new grid.
        self.parser
            .lock()
            .unwrap()
            .set_size(nonzero(rows), nonzero(cols));
        self.size = (cols, rows);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pseudo-terminal");
    }

    /// The status line (the bottom row).
    pub fn status_line(screen: &str) -> &str {
        screen.lines().last().unwrap_or_default()
    }

    /// How many bytes of output have been seen so far.
    pub fn output_len(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// Waits for the reader to exit and for its last output to arrive.
    pub fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll kabar") {
                break status;
            }
            if Instant::now() >= deadline {
                panic!(
                    "kabar did not exit within {TIMEOUT:?}\n--- screen ---\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        };
        while !self.output_closed.load(Ordering::SeqCst) && Instant::now() < deadline {
            thread::sleep(POLL);
        }
        status
    }
}

impl Drop for Session {
    /// A failing test must not leave the reader running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
