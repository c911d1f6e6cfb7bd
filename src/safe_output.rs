//! Everything kabar prints on standard output and standard error passes through here, so no
//! byte from an article, a feed, a glossary, a file name or a command-line argument reaches the
//! terminal raw: control characters become visible pictures (`␛`), bidirectional overrides and
//! zero-width characters are left out — the rules of [`crate::text::shown`]. Tabs and line ends
//! stay (TSV and CSV output keep their shape; a carriage return is kept only before a line
//! feed), and JSON stays valid JSON.
//!
//! The terminal layer's own control sequences (entering the alternate screen, mouse capture)
//! are the only output that does not come through here. A test keeps every `println!`,
//! `eprintln!`, `stdout()` and `stderr()` elsewhere out of `src/`. Knows nothing of ratatui.

use std::io::Write;

use crate::text::{Shown, shown};

/// Standard output, sanitized.
pub fn stdout() -> Sanitizing<std::io::StdoutLock<'static>> {
    Sanitizing::new(std::io::stdout().lock())
}

/// Standard error, sanitized.
pub fn stderr() -> Sanitizing<std::io::StderrLock<'static>> {
    Sanitizing::new(std::io::stderr().lock())
}

/// Prints one line on standard error through the sanitizer. A standard error that cannot be
/// written (a closed terminal) is not worth failing for.
pub fn eprint_line(args: std::fmt::Arguments<'_>) {
    let mut err = stderr();
    let _ = err.write_fmt(args);
    let _ = err.write_all(b"\n");
}

/// Prints one line on standard output through the sanitizer: for short confirmations
/// ("installed …"), where a closed pipe is no reason to fail.
pub fn print_line(args: std::fmt::Arguments<'_>) {
    let mut out = stdout();
    let _ = out.write_fmt(args);
    let _ = out.write_all(b"\n");
}

/// `println!` through the sanitizer; never panics.
#[macro_export]
macro_rules! safe_println {
    ($($arg:tt)*) => {
        $crate::safe_output::print_line(format_args!($($arg)*))
    };
}

/// `eprintln!` through the sanitizer; never panics.
#[macro_export]
macro_rules! safe_eprintln {
    ($($arg:tt)*) => {
        $crate::safe_output::eprint_line(format_args!($($arg)*))
    };
}

/// A writer that passes text on with the terminal-safe rules applied, whatever the chunks it is
/// written in (a character split across two writes is still recognised).
#[derive(Debug)]
pub struct Sanitizing<W: Write> {
    /// Always `Some` until [`Sanitizing::into_inner`] takes it.
    inner: Option<W>,
    /// The start of a character (or a `\r`) whose end has not been written yet.
    pending: Vec<u8>,
}

impl<W: Write> Sanitizing<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Sanitizing<W> {
        Sanitizing {
            inner: Some(inner),
            pending: Vec::new(),
        }
    }

    /// The wrapped writer back (anything pending is written first, as `�` or `␍`).
    pub fn into_inner(mut self) -> std::io::Result<W> {
        self.finish_pending()?;
        Ok(self.inner.take().expect("present until taken"))
    }

    fn inner(&mut self) -> &mut W {
        self.inner.as_mut().expect("present until taken")
    }

    fn finish_pending(&mut self) -> std::io::Result<()> {
        if self.pending.is_empty() || self.inner.is_none() {
            return Ok(());
        }
        let lone = if self.pending == b"\r" {
            "\u{240d}"
        } else {
            "\u{fffd}"
        };
        self.pending.clear();
        self.inner().write_all(lone.as_bytes())
    }
}

/// Bytes that can go out as they are: printable ASCII, tab and line feed.
fn plain(byte: u8) -> bool {
    (0x20..0x7f).contains(&byte) || byte == b'\n' || byte == b'\t'
}

impl<W: Write> Write for Sanitizing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() && buf.iter().all(|&b| plain(b)) {
            self.inner().write_all(buf)?;
            return Ok(buf.len());
        }
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(buf);
        let mut out = Vec::with_capacity(data.len() + 16);
        let mut rest = data.as_slice();
        while !rest.is_empty() {
            let (text, after) = match std::str::from_utf8(rest) {
                Ok(text) => (text, &rest[rest.len()..]),
                Err(err) => {
                    let (valid, after) = rest.split_at(err.valid_up_to());
                    let text = std::str::from_utf8(valid).unwrap_or_default();
                    push_safe(text, &mut out, after.is_empty());
                    match err.error_len() {
                        // The end of a character still to come.
                        None => {
                            self.pending.extend_from_slice(after);
                            break;
                        }
                        Some(bad) => {
                            out.extend_from_slice("\u{fffd}".as_bytes());
                            rest = &after[bad..];
                            continue;
                        }
                    }
                }
            };
            push_safe(text, &mut out, true);
            rest = after;
        }
        // A `\r` at the very end waits: before `\n` it stays, alone it is shown.
        if out.last() == Some(&b'\r') {
            out.pop();
            self.pending.insert(0, b'\r');
        }
        self.inner().write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner().flush()
    }
}

impl<W: Write> Drop for Sanitizing<W> {
    fn drop(&mut self) {
        let _ = self.finish_pending();
        if let Some(inner) = &mut self.inner {
            let _ = inner.flush();
        }
    }
}

/// Appends `text` with the terminal-safe rules applied. A `\r` is kept when a `\n` follows
/// (or may follow: `at_end`, the caller decides), shown as `␍` otherwise.
fn push_safe(text: &str, out: &mut Vec<u8>, at_end: bool) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            match chars.peek() {
                Some('\n') => out.push(b'\r'),
                None if at_end => out.push(b'\r'),
                _ => out.extend_from_slice("\u{240d}".as_bytes()),
            }
            continue;
        }
        match shown(c) {
            Shown::Keep => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            Shown::As(picture) => {
                let mut buf = [0; 4];
                out.extend_from_slice(picture.encode_utf8(&mut buf).as_bytes());
            }
            Shown::Dropped => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]]) -> String {
        let mut writer = Sanitizing::new(Vec::new());
        for chunk in chunks {
            writer.write_all(chunk).unwrap();
        }
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn escapes_become_visible_and_tabs_and_line_ends_stay() {
        assert_eq!(
            through(&[b"bogus\x1b]0;PWNED\x07\tok\r\nline\n"]),
            "bogus\u{241b}]0;PWNED\u{2407}\tok\r\nline\n"
        );
        assert_eq!(through(&[b"a\rb"]), "a\u{240d}b");
        assert_eq!(through(&[b"a\r", b"\nb\r"]), "a\r\nb\u{240d}");
        assert_eq!(through(&[b"\x7f\xc2\x9b6n"]), "\u{2421}\u{fffd}6n");
        assert_eq!(
            through(&["a\u{202e}b\u{200d}c".as_bytes()]),
            "abc",
            "bidi overrides and zero-width joiners are left out"
        );
    }

    #[test]
    fn characters_split_across_writes_and_invalid_bytes() {
        // U+009B (a C1 CSI) split between two writes is still caught.
        assert_eq!(through(&[b"x\xc2", b"\x9b[2J"]), "x\u{fffd}[2J");
        let e_acute = "é".as_bytes();
        assert_eq!(through(&[&e_acute[..1], &e_acute[1..]]), "é");
        assert_eq!(through(&[b"a\xffb"]), "a\u{fffd}b");
        assert_eq!(through(&[b"a\xc3"]), "a\u{fffd}", "cut short at the end");
    }

    #[test]
    fn json_stays_json() {
        let value = serde_json::json!({ "t": "a\u{1b}[31m\u{7f}\u{9b}b" });
        let mut writer = Sanitizing::new(Vec::new());
        serde_json::to_writer(&mut writer, &value).unwrap();
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert!(!text.chars().any(char::is_control), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["t"], "a\u{1b}[31m\u{2421}\u{fffd}b",
            "ESC stays JSON-escaped"
        );
    }
}
