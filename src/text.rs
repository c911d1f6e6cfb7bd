//! Text hygiene shared by every loader: making untrusted text safe to show in a terminal,
//! folding words for case-insensitive comparison, and turning byte offsets into the
//! `line:column` positions our error messages promise.
//!
//! Depends on nothing but `std`; knows nothing of the terminal.

use std::borrow::Cow;

/// Makes untrusted text (articles, feeds, glossary strings) safe to print.
///
/// Control characters can move the cursor, change colours, retitle the window or write the
/// clipboard (OSC 52) when they reach a terminal raw, so every C0/C1 control except `\n` becomes
/// a visible stand-in: U+2400-block "control pictures" (`␛` for ESC) for C0, `␡` for DEL and `�`
/// for C1. Tabs and no-break spaces fold to a plain space; bidirectional overrides are removed
/// because they reorder what the reader sees, and zero-width characters (joiners, word
/// joiners, byte-order marks) because the terminal and kabar would disagree on how wide the
/// text is. [`crate::safe_output`] applies the same rules to everything printed.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_rewrite) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\u{a0}' | '\u{202f}' | '\u{2007}' => out.push(' '),
            '\r' => {}
            c => match shown(c) {
                Shown::Keep => out.push(c),
                Shown::As(picture) => out.push(picture),
                Shown::Dropped => {}
            },
        }
    }
    Cow::Owned(out)
}

/// How one character may reach a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// As itself.
    Keep,
    /// As this visible stand-in.
    As(char),
    /// Not at all.
    Dropped,
}

/// How `c` is shown in a terminal: controls (other than `\n` and `\t`) as visible pictures,
/// bidirectional controls and zero-width characters not at all, everything else as itself.
pub fn shown(c: char) -> Shown {
    match c {
        '\n' | '\t' => Shown::Keep,
        c if (c as u32) < 0x20 => {
            Shown::As(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
        }
        '\u{7f}' => Shown::As('\u{2421}'),
        '\u{80}'..='\u{9f}' => Shown::As('\u{fffd}'),
        c if is_bidi_control(c) || is_zero_width(c) => Shown::Dropped,
        _ => Shown::Keep,
    }
}

/// Whether [`sanitize`] would change `c`.
pub fn needs_rewrite(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
        || is_bidi_control(c)
        || is_zero_width(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// Zero-width space, non-joiner and joiner, word joiner and invisible operators, and the
/// zero-width no-break space (byte-order mark).
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Folds a word or phrase for comparison: lower case, typographic apostrophes made plain and
/// runs of whitespace collapsed to one space. Glossary keys and article tokens both go through
/// here, so "Korea  Utara" in a file finds "korea utara" in the text.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// A name's spelling for comparison: like [`fold`] (typographic apostrophes made plain, runs
/// of whitespace collapsed) but keeping its capitals, so "Kim" and "kim" stay apart.
pub fn as_written(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    tidy_into(text, &mut out, false);
    out
}

/// [`fold`] into a reusable buffer (cleared first), for hot loops over many tokens.
pub fn fold_into(text: &str, out: &mut String) {
    tidy_into(text, out, true);
}

/// Trims `text` into `out` (cleared first), apostrophes made plain and whitespace runs one
/// space, lower-cased when `lower`.
fn tidy_into(text: &str, out: &mut String, lower: bool) {
    out.clear();
    let mut pending_space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            c if !lower => out.push(c),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// A 1-based line and column (in characters) inside a source file.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values as editors do.
    pub col: usize,
}

impl LineCol {
    /// Position of byte `offset` in `source`; offsets past the end clamp to the end.
    pub fn of(source: &str, offset: usize) -> Self {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &source[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        LineCol {
            line: before.matches('\n').count() + 1,
            col: source[line_start..offset].chars().count() + 1,
        }
    }
}

impl std::fmt::Display for LineCol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// Line starts of a source, for turning many offsets into positions in O(log n) each; a
/// glossary file with 100,000 entries would otherwise be rescanned for every one.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `source`'s line starts.
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { source, starts }
    }

    /// Position of byte `offset`, as [`LineCol::of`] computes it.
    pub fn at(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        LineCol {
            line,
            col: self.source[start..offset].chars().count() + 1,
        }
    }
}

/// The text of 1-based line `line` of `source`, without its line break; for showing the
/// offending line under an error message.
pub fn line_text(source: &str, line: usize) -> &str {
    source
        .split('\n')
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .trim_end_matches('\r')
}

/// `text` with its first letter in lower case: a word that starts a sentence ("Mereka",
/// "Kedua pemimpin") as it is written elsewhere.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` as one field of a tab-separated line: tabs and line breaks become spaces.
pub fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_replaces_escape_sequences_with_visible_pictures() {
        let dirty = "a\x1b[31mred\x1b]52;c;aGk=\x07 b\tc\u{202e}d\u{85}";
        let clean = sanitize(dirty);
        assert_eq!(
            clean,
            "a\u{241b}[31mred\u{241b}]52;c;aGk=\u{2407} b cd\u{fffd}"
        );
        assert!(!clean.chars().any(|c| c.is_control()));
    }

    #[test]
    fn sanitize_drops_zero_width_characters() {
        assert_eq!(
            sanitize("per\u{200d}ang\u{200b} \u{feff}x\u{2060}"),
            "perang x"
        );
    }

    #[test]
    fn sanitize_keeps_clean_text_borrowed_and_newlines() {
        assert!(matches!(
            sanitize("Putin dan Kim\nbertemu"),
            Cow::Borrowed(_)
        ));
        assert_eq!(sanitize("a\r\nb"), "a\nb");
    }

    #[test]
    fn lower_first_and_one_line() {
        assert_eq!(lower_first("Kedua Pemimpin"), "kedua Pemimpin");
        assert_eq!(lower_first("Ümit"), "ümit");
        assert_eq!(lower_first(""), "");
        assert_eq!(one_line("a\tb\r\nc"), "a b  c");
    }

    #[test]
    fn fold_lowercases_and_collapses_space() {
        assert_eq!(fold("  Korea \n Utara "), "korea utara");
        assert_eq!(fold("Jum\u{2019}at"), "jum'at");
        assert_eq!(fold("İSTANBUL"), "i\u{307}stanbul");
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "a = 1\nké = x\n";
        assert_eq!(LineCol::of(src, 0), LineCol { line: 1, col: 1 });
        assert_eq!(
            LineCol::of(src, src.find('=').unwrap()),
            LineCol { line: 1, col: 3 }
        );
        let second_eq = src.rfind('=').unwrap();
        assert_eq!(LineCol::of(src, second_eq), LineCol { line: 2, col: 4 });
        assert_eq!(LineCol::of(src, 999).line, 3);
        assert_eq!(line_text(src, 2), "ké = x");
        let index = LineIndex::new(src);
        for offset in 0..=src.len() + 3 {
            assert_eq!(
                index.at(offset),
                LineCol::of(src, offset),
                "offset {offset}"
            );
        }
    }
}
