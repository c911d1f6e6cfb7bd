//! Normalising untrusted text before it becomes an article: bytes to UTF-8 (with a warning when
//! some were not), HTML entities decoded once, mis-decoded "â€™"-style text repaired, Unicode
//! NFC, one kind of line end, and everything [`sanitize`] guarantees (no control characters, no
//! escape sequences). Knows nothing of the terminal.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::text::{LineCol, sanitize};

/// Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD. The warning (naming
/// `origin` and the first bad byte's `line:col`) says the text was damaged, so the learner is
/// not left wondering where the `�` came from.
pub fn decode(bytes: &[u8], origin: &str) -> (String, Option<String>) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(err) => {
            let valid = err.valid_up_to();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let at = LineCol::of(&prefix, valid);
            let text = String::from_utf8_lossy(bytes).into_owned();
            let count = text.matches('\u{fffd}').count();
            let warning = format!(
                "{origin}:{at}: not valid UTF-8; {count} damaged sequence(s) shown as \u{fffd}"
            );
            (text, Some(warning))
        }
    }
}

/// Decodes a web page's bytes by the character set it declares: a byte-order mark first, then
/// the server's `charset=` (`declared`), then a `<meta charset>` (or `http-equiv`) in the
/// first kilobytes, as browsers do; UTF-8 (through [`decode`], with its warning) when none is
/// declared or the label is unknown.
pub fn decode_page(bytes: &[u8], declared: Option<&str>, origin: &str) -> (String, Option<String>) {
    let encoding = encoding_rs::Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| declared.and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes())))
        .or_else(|| meta_charset(bytes));
    match encoding {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            let (text, used, damaged) = encoding.decode(bytes);
            let warning = damaged.then(|| {
                format!(
                    "{origin}: not valid {}; damaged sequences shown as \u{fffd}",
                    used.name()
                )
            });
            (text.into_owned(), warning)
        }
        _ => decode(bytes, origin),
    }
}

/// The encoding a page names in a `<meta>` near its start.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static META: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r#"(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
            .expect("meta charset pattern")
    });
    let head = &bytes[..bytes.len().min(4096)];
    let label = META.captures(head)?.get(1)?.as_bytes();
    let encoding = encoding_rs::Encoding::for_label(label)?;
    // A page cannot name UTF-16 in itself (it would not be readable as ASCII to say so).
    (encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE)
        .then_some(encoding)
        .or(Some(encoding_rs::UTF_8))
}

/// Decodes HTML character references (`&amp;`, `&#8217;`, `&eacute;`) exactly once: text that
/// says "&amp;amp;" meant "&amp;", and decoding again would change what the author wrote.
/// Only for text that is not already the output of an HTML parser.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    html_escape::decode_html_entities(text)
}

/// Normalises text (already decoded from bytes): mojibake repaired, C0/C1 controls and escape
/// sequences made visible by [`sanitize`], CRLF and lone CR made `\n`, tabs and no-break spaces
/// folded to spaces, invisible soft hyphens and zero-width spaces dropped, trailing spaces cut
/// from each line, and the result in Unicode NFC.
///
/// Idempotent: normalising the output again changes nothing (property-tested).
pub fn normalize(text: &str) -> String {
    // One pass can expose work for another (removing a bidi control joins a mojibake run);
    // a few passes reach the fixed point that makes this idempotent.
    let mut current = normalize_once(text);
    for _ in 0..3 {
        let next = normalize_once(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

fn normalize_once(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = repair_mojibake(&text);
    // Invisible joiners go; the non-breaking and Unicode hyphens become "-", so "anak‑anak" is
    // the reduplicated word the tokenizer knows.
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}' | '\u{2060}'))
        .map(|c| {
            if matches!(c, '\u{2010}' | '\u{2011}') {
                '-'
            } else {
                c
            }
        })
        .collect();
    // NFC after sanitize: removing a control between a letter and a combining mark can make a
    // pair that composes.
    let text: String = sanitize(&text).nfc().collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.trim_end_matches(' '));
    }
    out
}

/// Repairs UTF-8 text that was once decoded as Windows-1252 or Latin-1 ("donâ€™t", "cafÃ©"),
/// run by run: a run of non-ASCII characters is re-encoded to those single bytes and decoded
/// as UTF-8, and kept only when that yields valid UTF-8 with fewer characters, all of kinds
/// news text holds. UTF-8's strict structure makes this safe: genuine accented text ("é",
/// "süß") almost never re-encodes to valid multi-byte UTF-8. Repeats while something changes, for text mis-decoded twice.
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    let mut current = Cow::Borrowed(text);
    loop {
        match repair_once(&current) {
            Some(fixed) => current = Cow::Owned(fixed),
            None => return current,
        }
    }
}

fn repair_once(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_ascii()) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let end = run.find(|c: char| c.is_ascii()).unwrap_or(run.len());
        let (run, after) = run.split_at(end);
        match reencode(run) {
            Some(fixed) => {
                out.push_str(&fixed);
                changed = true;
            }
            None => out.push_str(run),
        }
        rest = after;
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The run as UTF-8 read from its Windows-1252 bytes, when that is an improvement.
fn reencode(run: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = run.chars().map(cp1252_byte).collect();
    let fixed = String::from_utf8(bytes?).ok()?;
    let better =
        fixed.chars().count() < run.chars().count() && fixed.chars().all(is_plausible_repair);
    better.then_some(fixed)
}

/// Characters mis-decoded news text actually held: accented Latin letters, typographic
/// punctuation, currency and letter-like symbols, emoji. A "repair" into anything else (say,
/// Syriac from "Ü€") is a coincidence of bytes, not a repair.
fn is_plausible_repair(c: char) -> bool {
    matches!(c as u32,
        0xa0..=0x24f | 0x2000..=0x206f | 0x20a0..=0x20cf | 0x2100..=0x215f | 0x1f000..=0x1faff)
}

/// The Windows-1252 byte for `c`; the five bytes 1252 leaves undefined decode to the C1
/// controls of the same value, as browsers' Latin-1 fallback does.
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8a),
        ('‹', 0x8b),
        ('Œ', 0x8c),
        ('Ž', 0x8e),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9a),
        ('›', 0x9b),
        ('œ', 0x9c),
        ('ž', 0x9e),
        ('Ÿ', 0x9f),
    ];
    let code = c as u32;
    if code < 0x100 {
        return Some(code as u8);
    }
    HIGH.iter().find(|(ch, _)| *ch == c).map(|(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_repaired_and_good_text_kept() {
        assert_eq!(normalize("donâ€™t cafÃ© â€œyaâ€\u{9d}"), "don’t café “ya”");
        assert_eq!(normalize("Kafe Ã\u{a0}la mode"), "Kafe àla mode");
        // Twice mis-decoded.
        assert_eq!(repair_mojibake("cafÃƒÂ©"), "café");
        for good in ["café", "süß", "Jum’at “kutip”", "naïve — x", "Ü€"] {
            assert_eq!(normalize(good), good);
        }
    }

    #[test]
    fn line_ends_spaces_and_nfc() {
        assert_eq!(normalize("a\r\nb\rc\t d\u{a0}e  \n"), "a\nb\nc  d e\n");
        assert_eq!(normalize("anak\u{2011}anak"), "anak-anak");
        assert_eq!(normalize("e\u{301}"), "é");
        assert_eq!(normalize("se\u{ad}buah\u{200b}"), "sebuah");
    }

    #[test]
    fn entities_are_decoded_once() {
        assert_eq!(
            decode_entities("&amp;amp; &lt;b&gt; &#8217; &eacute;"),
            "&amp; <b> ’ é"
        );
    }

    #[test]
    fn escape_sequences_become_visible() {
        let out = normalize("a\x1b[31mb\x1b]52;c;aGk=\x07\u{9b}2J");
        assert!(!out.chars().any(char::is_control), "{out:?}");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning_naming_the_place() {
        let (text, warning) = decode(b"satu\ndu\xffa", "x.txt");
        assert_eq!(text, "satu\ndu\u{fffd}a");
        assert_eq!(
            warning.as_deref(),
            Some("x.txt:2:3: not valid UTF-8; 1 damaged sequence(s) shown as \u{fffd}")
        );
        assert_eq!(decode(b"\xef\xbb\xbfok", "x").0, "ok");
    }

    proptest::proptest! {
        #[test]
        fn normalize_is_idempotent_and_leaves_no_controls(text in "\\PC{0,80}|[a-zA-Z\u{80}-\u{ff}€’“”\r\n\t\u{1b}\u{7}\u{301}\u{202e} ]{0,80}") {
            let once = normalize(&text);
            proptest::prop_assert!(!once.chars().any(|c| c.is_control() && c != '\n'));
            proptest::prop_assert_eq!(normalize(&once), once.clone());
        }

        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let (text, _) = decode(&bytes, "p");
            let _ = normalize(&decode_entities(&text));
        }
    }
}
