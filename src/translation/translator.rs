//! Asking the learner's translator (`[translator]` in the settings) for the English of some
//! Indonesian text, defensively: whatever it is, it is untrusted and may hang, fail, print
//! nothing or print megabytes.
//!
//! A `command` runs without a shell, in its own process group, with the text on standard
//! input; its standard output is the English. It is killed (with anything it started) when it
//! overruns the timeout or prints more than [`MAX_OUTPUT`]; a failure's message is the last
//! line it wrote on standard error. A `url` is sent LibreTranslate's `/translate` JSON request
//! through the same HTTP client as fetching, under the same timeout and a size cap. Every
//! answer is sanitized and put on one line before anyone sees it. Blocking: the reader calls
//! this from a worker thread, and a [`Stopper`] lets it kill and reap a command under way when
//! kabar quits. Depends on nothing terminal-related.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::settings::translator::{TranslatorKind, TranslatorSetting};
use crate::text::sanitize;

/// The most output read from a translator: more is refused, and a command is stopped.
pub const MAX_OUTPUT: usize = 256 * 1024;

/// Why a translation failed: one line for the pane, naming the translator.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{translator}: {message}")]
pub struct TranslateError {
    /// The translator's name.
    pub translator: String,
    /// What went wrong, sanitized, on one line.
    pub message: String,
}

/// Stops translations from another thread: a command under way is killed (with anything it
/// started) and reaped, and no command starts after. Clones share one stop.
#[derive(Clone, Debug, Default)]
pub struct Stopper {
    shared: Arc<(Mutex<Commands>, Condvar)>,
}

/// The commands a [`Stopper`] looks after.
#[derive(Debug, Default)]
struct Commands {
    stopped: bool,
    /// Commands started (or about to be) and not yet reaped.
    running: usize,
}

impl Stopper {
    /// Stops every command under way and waits, at most `patience`, until each is reaped;
    /// whether they all were.
    pub fn stop(&self, patience: Duration) -> bool {
        let (lock, reaped) = &*self.shared;
        let mut commands = lock.lock().unwrap_or_else(PoisonError::into_inner);
        commands.stopped = true;
        let deadline = Instant::now() + patience;
        while commands.running > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            commands = reaped
                .wait_timeout(commands, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }

    /// Whether [`Stopper::stop`] was called.
    pub fn is_stopped(&self) -> bool {
        self.lock().stopped
    }

    /// Counts a command about to start, unless stopped (then none may start).
    fn enter(&self) -> Option<Running<'_>> {
        let mut commands = self.lock();
        if commands.stopped {
            return None;
        }
        commands.running += 1;
        Some(Running(self))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Commands> {
        self.shared.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One command counted by its [`Stopper`]; dropped once the command is reaped (or never ran).
struct Running<'a>(&'a Stopper);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        let mut commands = self.0.lock();
        commands.running -= 1;
        self.0.shared.1.notify_all();
    }
}

/// What a stopped command's failure says.
const STOPPED: &str = "was stopped: kabar is quitting";

/// The English for `text` from `translator`: sanitized, on one line, never empty.
pub fn translate(translator: &TranslatorSetting, text: &str) -> Result<String, TranslateError> {
    translate_unless_stopped(translator, text, &Stopper::default())
}

/// [`translate`], with a command killed and reaped as soon as `stopper` is stopped.
pub fn translate_unless_stopped(
    translator: &TranslatorSetting,
    text: &str,
    stopper: &Stopper,
) -> Result<String, TranslateError> {
    let fail = |message: String| TranslateError {
        translator: translator.name.clone(),
        message: one_line(&message),
    };
    let raw = match &translator.kind {
        TranslatorKind::Command(argv) => match stopper.enter() {
            Some(_running) => run_command(argv, text, translator.timeout, stopper),
            None => Err(STOPPED.to_owned()),
        },
        TranslatorKind::Server { url, api_key_env } => {
            ask_server(url, api_key_env.as_deref(), text, translator.timeout)
        }
    }
    .map_err(fail)?;
    let english = one_line(&raw);
    if english.is_empty() {
        return Err(fail("gave no translation (its output was empty)".into()));
    }
    Ok(english)
}

/// Untrusted text on one line, safe to show: controls made visible, whitespace collapsed.
fn one_line(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `argv` with `text` on stdin; its stdout, or the failure in words. The command is
/// reaped before this returns, and stopped at once when `stopper` is.
fn run_command(
    argv: &[String],
    text: &str,
    timeout: Duration,
    stopper: &Stopper,
) -> Result<String, String> {
    let mut command = Command::new(&argv[0]);
    command
        .args(&argv[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own group, so a timeout stops a script's children too (they hold the pipes).
        command.process_group(0);
    }
    let mut child = spawn(&mut command).map_err(|err| {
        format!(
            "cannot run {:?}: {err}; check command in [translator] of config.toml",
            argv[0]
        )
    })?;
    let mut stdin = child.stdin.take();
    let input = text.to_owned();
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            // A translator that exits without reading is its own business: its output tells.
            let _ = stdin.write_all(input.as_bytes());
        }
    });
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || read_capped(stdout, MAX_OUTPUT));
    let stderr = child.stderr.take();
    let errors = std::thread::spawn(move || read_capped(stderr, 64 * 1024));
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if stopper.is_stopped() => break None,
            Ok(None) if Instant::now() >= deadline => break None,
            Ok(None) if reader.is_finished() => {
                // Output closed or over the cap: it cannot be more use than it was.
                let status = wait_until(&mut child, deadline, stopper);
                break status;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(err) => {
                stop(&mut child);
                return Err(format!("cannot wait for it: {err}"));
            }
        }
    };
    if status.is_none() && stopper.is_stopped() {
        stop(&mut child);
        return Err(STOPPED.to_owned());
    }
    let Some(status) = status else {
        stop(&mut child);
        return Err(format!(
            "gave no answer within {} s and was stopped (raise timeout_s in [translator] if it is just slow)",
            timeout.as_secs()
        ));
    };
    // Anything it started may still hold the pipes open.
    stop(&mut child);
    let _ = writer.join();
    let (out, over) = reader.join().unwrap_or_default();
    let (err, _) = errors.join().unwrap_or_default();
    let last_error = String::from_utf8_lossy(&err)
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .map(str::to_owned);
    if over {
        return Err(format!(
            "printed more than {} KiB and was stopped",
            MAX_OUTPUT / 1024
        ));
    }
    if !status.success() {
        return Err(last_error.unwrap_or_else(|| format!("failed ({status})")));
    }
    let out = String::from_utf8_lossy(&out).into_owned();
    if out.trim().is_empty() {
        return Err(match last_error {
            Some(line) => format!("printed nothing: {line}"),
            None => "printed nothing".to_owned(),
        });
    }
    Ok(out)
}

/// Starts `command`, trying again for a moment while its program is "busy": on Linux a
/// script just written (by the learner's editor, or by another thread of this process that
/// forked while the file was open for writing) cannot be run until that write handle closes.
fn spawn(command: &mut Command) -> std::io::Result<std::process::Child> {
    let mut tries = 0;
    loop {
        match command.spawn() {
            Err(err) if err.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 20 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
            result => return result,
        }
    }
}

/// Waits for `child` to exit until `deadline` (or until `stopper` is stopped).
fn wait_until(
    child: &mut std::process::Child,
    deadline: Instant,
    stopper: &Stopper,
) -> Option<std::process::ExitStatus> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline && !stopper.is_stopped() => {
                std::thread::sleep(Duration::from_millis(10))
            }
            _ => return None,
        }
    }
}

/// Kills the translator's process group (or the process, off Unix) and reaps it.
fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        if let Ok(pid) = i32::try_from(child.id()) {
            // SAFETY: kill(2) with a negative pid signals that process group; the group was
            // made for this child alone (process_group(0)), so nothing else is hit.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Reads at most `cap` bytes; the flag says whether there was more (then reading stops).
fn read_capped(pipe: Option<impl Read>, cap: usize) -> (Vec<u8>, bool) {
    let Some(pipe) = pipe else {
        return (Vec::new(), false);
    };
    let mut out = Vec::new();
    let _ = pipe.take(cap as u64 + 1).read_to_end(&mut out);
    let over = out.len() > cap;
    out.truncate(cap);
    (out, over)
}

/// Asks a LibreTranslate-compatible server; its `translatedText`, or the failure in words.
fn ask_server(
    url: &str,
    api_key_env: Option<&str>,
    text: &str,
    timeout: Duration,
) -> Result<String, String> {
    crate::fetch::check_url(url).map_err(|err| err.to_string())?;
    let mut request = serde_json::json!({
        "q": text,
        "source": "id",
        "target": "en",
        "format": "text",
    });
    if let Some(var) = api_key_env {
        match std::env::var(var) {
            Ok(key) => request["api_key"] = key.into(),
            Err(_) => {
                return Err(format!(
                    "api_key_env names {var}, which is not set; set it to the server's API key"
                ));
            }
        }
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .user_agent(concat!("kabar/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let describe = |err: ureq::Error| match err {
        ureq::Error::Timeout(_) => format!(
            "{url}: no answer within {} s (raise timeout_s in [translator] if the server is just slow)",
            timeout.as_secs()
        ),
        ureq::Error::BodyExceedsLimit(_) => {
            format!("{url}: answered with more than {} KiB", MAX_OUTPUT / 1024)
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => format!(
            "{url}: no answer within {} s (raise timeout_s in [translator] if the server is just slow)",
            timeout.as_secs()
        ),
        other => format!("{url}: {other}"),
    };
    let mut response = agent
        .post(url)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .send(request.to_string())
        .map_err(describe)?;
    let status = response.status().as_u16();
    // JSON escapes make an answer longer than its text: allow for them, then cap the text.
    let body = response
        .body_mut()
        .with_config()
        .limit(4 * MAX_OUTPUT as u64)
        .read_to_vec()
        .map_err(describe)?;
    let json: Option<serde_json::Value> = serde_json::from_slice(&body).ok();
    let field = |name: &str| {
        json.as_ref()
            .and_then(|j| j.get(name))
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    if !(200..300).contains(&status) {
        return Err(match field("error") {
            Some(message) => format!("{url}: the server answered {status}: {message}"),
            None => format!("{url}: the server answered {status}"),
        });
    }
    match field("translatedText") {
        Some(english) if english.len() > MAX_OUTPUT => Err(format!(
            "{url}: answered with more than {} KiB",
            MAX_OUTPUT / 1024
        )),
        Some(english) => Ok(english),
        None => Err(format!(
            "{url}: the answer is not LibreTranslate's JSON (no \"translatedText\"); check url in [translator]"
        )),
    }
}
