//! What a dictionary says about one headword, and how a dictionary's own text — HTML, markup
//! or plain lines, all untrusted — becomes clean text and a few concise senses.
//!
//! The HTML reader here is deliberately small: definitions are fragments (`<i>noun</i><br>
//! <ol><li>airport</li></ol>`), not pages, and a dictionary has 100,000 of them, so a full
//! HTML parser per definition would make indexing take minutes. It keeps text, turns block
//! elements into line breaks and list items into senses, decodes entities, drops scripts,
//! styles and every tag, and sanitises what is left.

use serde::{Deserialize, Serialize};

use crate::text::sanitize;

/// Most senses kept for the concise form (the full text keeps the rest).
const MAX_SENSES: usize = 4;
/// Longest concise sense, in characters; longer ones are cut at a word boundary.
const MAX_SENSE_CHARS: usize = 160;
/// Longest full text kept per headword, in bytes.
const MAX_TEXT_BYTES: usize = 16 * 1024;

/// One headword's meaning in a dictionary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    /// The headword as the dictionary writes it.
    pub headword: String,
    /// Part of speech, when the dictionary gives one.
    pub pos: Option<String>,
    /// Concise English senses, the dictionary's first first; never empty in a built index.
    pub senses: Vec<String>,
    /// The root of a derived headword, when the dictionary says.
    pub root: Option<String>,
    /// A note for learners.
    pub note: Option<String>,
    /// The dictionary's whole text, made plain, when it says more than the senses.
    pub text: Option<String>,
}

impl Definition {
    /// The senses joined for one line.
    pub fn sense_line(&self) -> String {
        self.senses.join("; ")
    }

    /// Adds `other`'s senses and text (a second entry for the same headword).
    pub fn merge(&mut self, other: Definition) {
        for sense in other.senses {
            if self.senses.len() < MAX_SENSES && !self.senses.contains(&sense) {
                self.senses.push(sense);
            }
        }
        self.pos = self.pos.take().or(other.pos);
        self.root = self.root.take().or(other.root);
        self.note = self.note.take().or(other.note);
        if let Some(more) = other.text {
            let text = self.text.get_or_insert_with(String::new);
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&more);
            truncate_bytes(text, MAX_TEXT_BYTES);
        }
    }
}

/// A definition read from a dictionary's text: HTML (`html`) or plain lines.
pub fn from_dictionary_text(headword: &str, raw: &str, html: bool) -> Definition {
    let lines = if html {
        html_lines(raw)
    } else {
        plain_lines(raw)
    };
    let mut definition = Definition {
        headword: clean_inline(headword),
        ..Definition::default()
    };
    // A first line that only repeats the headword (dictd's habit) says nothing.
    let mut lines: Vec<Line> = lines
        .into_iter()
        .filter(|line| !line.text.is_empty())
        .collect();
    if let Some(first) = lines.first()
        && !first.item
        && first
            .text
            .split(" /")
            .next()
            .is_some_and(|head| head.trim().eq_ignore_ascii_case(definition.headword.trim()))
    {
        lines.remove(0);
    }
    let has_items = lines.iter().any(|line| line.item);
    // Whether the text says more than the part of speech and the concise senses.
    let mut more = false;
    for line in &lines {
        let text = line.text.trim();
        if definition.senses.len() >= MAX_SENSES {
            more = true;
            break;
        }
        if has_items && !line.item {
            // A short line before the list is a part of speech ("noun"), the rest notes.
            if definition.pos.is_none() && definition.senses.is_empty() && is_pos_label(text) {
                definition.pos = Some(text.to_owned());
            } else {
                more = true;
            }
            continue;
        }
        if !has_items
            && definition.pos.is_none()
            && definition.senses.is_empty()
            && is_pos_label(text)
        {
            definition.pos = Some(text.to_owned());
            continue;
        }
        let sense = strip_numbering(text);
        if !sense.is_empty() && !definition.senses.iter().any(|s| s == sense) {
            let short = shorten(sense);
            more |= short != sense;
            definition.senses.push(short);
        }
    }
    if more {
        let full: Vec<String> = lines
            .iter()
            .map(|line| {
                if line.item {
                    format!("• {}", line.text)
                } else {
                    line.text.clone()
                }
            })
            .collect();
        let mut text = full.join("\n");
        truncate_bytes(&mut text, MAX_TEXT_BYTES);
        definition.text = Some(text);
    }
    definition
}

/// One line of a definition's text; `item` for a list item (a sense).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Line {
    text: String,
    item: bool,
}

/// Plain text: one line each, numbered lines ("1. eat") are senses.
fn plain_lines(raw: &str) -> Vec<Line> {
    let numbered = raw.lines().any(|line| {
        let line = line.trim();
        line.starts_with(|c: char| c.is_ascii_digit()) && strip_numbering(line) != line
    });
    raw.lines()
        .map(|line| {
            let text = clean_inline(line);
            let item = numbered && strip_numbering(&text) != text;
            Line { text, item }
        })
        .collect()
}

/// HTML: text between tags, block elements as line breaks, `<li>` as senses.
fn html_lines(raw: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut item = false;
    let mut skipping: Option<&'static str> = None;
    let mut rest = raw;
    let mut flush = |current: &mut String, item: &mut bool, next_item: bool| {
        let text = clean_inline(&html_escape::decode_html_entities(current));
        if !text.is_empty() {
            lines.push(Line { text, item: *item });
        }
        current.clear();
        *item = next_item;
    };
    while let Some(open) = rest.find('<') {
        if skipping.is_none() {
            current.push_str(&rest[..open]);
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            // A lone '<' is text.
            if skipping.is_none() {
                current.push('<');
            }
            rest = after;
            continue;
        };
        let tag = &after[..close];
        rest = &after[close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(until) = skipping {
            if closing && name == until {
                skipping = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" if !closing => {
                skipping = Some(if name == "script" { "script" } else { "style" });
            }
            "li" | "dd" if !closing => flush(&mut current, &mut item, true),
            "br" | "p" | "div" | "ol" | "ul" | "li" | "dd" | "dt" | "tr" | "table" | "h1"
            | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "hr" | "dl" => {
                flush(&mut current, &mut item, false)
            }
            "td" | "th" => current.push(' '),
            _ => {}
        }
    }
    if skipping.is_none() {
        current.push_str(rest);
    }
    flush(&mut current, &mut item, false);
    lines
}

/// One line of untrusted text made safe and tidy: sanitised, whitespace collapsed.
pub fn clean_inline(text: &str) -> String {
    let safe = sanitize(text);
    let mut out = String::with_capacity(safe.len());
    for word in safe.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether a short line names a part of speech rather than a meaning.
fn is_pos_label(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "noun",
        "verb",
        "adj",
        "adjective",
        "adv",
        "adverb",
        "pron",
        "pronoun",
        "prep",
        "preposition",
        "conj",
        "conjunction",
        "num",
        "numeral",
        "intj",
        "interjection",
        "particle",
        "det",
        "determiner",
        "name",
        "proper noun",
        "phrase",
        "prefix",
        "suffix",
        "abbrev",
        "abbreviation",
        "classifier",
        "article",
        "n",
        "v",
        "a",
    ];
    let label = text
        .trim()
        .trim_matches(|c: char| c == '(' || c == ')' || c == '.' || c == '<' || c == '>');
    LABELS.iter().any(|known| label.eq_ignore_ascii_case(known))
}

/// "1. eat" → "eat", "2) drink" → "drink".
fn strip_numbering(text: &str) -> &str {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return text;
    }
    match text[digits..].strip_prefix(['.', ')', ':']) {
        Some(rest) => rest.trim_start(),
        None => text,
    }
}

/// A sense cut to [`MAX_SENSE_CHARS`] at a word boundary.
fn shorten(sense: &str) -> String {
    if sense.chars().count() <= MAX_SENSE_CHARS {
        return sense.to_owned();
    }
    let cut: String = sense.chars().take(MAX_SENSE_CHARS).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ' ']))
}

fn truncate_bytes(text: &mut String, max: usize) {
    if text.len() > max {
        let mut at = max;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
        text.push('…');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn html_lists_become_senses_and_the_label_before_them_the_part_of_speech() {
        let d = from_dictionary_text(
            "bandara",
            "<i>noun</i><br><ol><li>airport</li><li>air&nbsp;port &amp; more</li></ol>",
            true,
        );
        assert_eq!(d.pos.as_deref(), Some("noun"));
        assert_eq!(d.senses, ["airport", "air port & more"]);
        assert_eq!(d.text, None, "the senses say it all");
    }

    #[test]
    fn several_parts_of_speech_keep_their_senses_in_order_and_the_full_text() {
        let d = from_dictionary_text(
            "makan",
            "<i>verb</i><br><ol><li>eat</li></ol><br><i>noun</i><br><ol><li>food</li><li>living</li></ol>",
            true,
        );
        assert_eq!(d.pos.as_deref(), Some("verb"));
        assert_eq!(d.senses, ["eat", "food", "living"]);
        assert_eq!(
            d.text.as_deref(),
            Some("verb\n• eat\nnoun\n• food\n• living")
        );
    }

    #[test]
    fn scripts_styles_and_escape_sequences_never_survive() {
        let d = from_dictionary_text(
            "x",
            "<style>li{}</style><script>alert(1)</script><li>safe\u{1b}]0;PWNED\u{7}text</li><li>a<b",
            true,
        );
        assert_eq!(d.senses[0], "safe␛]0;PWNED␇text");
        assert!(d.senses.iter().all(|s| !s.chars().any(char::is_control)));
        assert!(!d.senses.concat().contains("alert"));
        assert_eq!(d.senses[1], "a<b", "a lone < is text");
    }

    #[test]
    fn plain_text_drops_a_repeated_headword_and_reads_numbered_senses() {
        let d = from_dictionary_text("makan", "makan /makan/\n 1. eat\n 2. consume\n", false);
        assert_eq!(d.senses, ["eat", "consume"]);
        let d = from_dictionary_text("bandara", "airport\n", false);
        assert_eq!(d.senses, ["airport"]);
    }

    #[test]
    fn long_senses_are_cut_at_a_word_and_merging_adds_new_senses_only() {
        let long = "word ".repeat(60);
        let d = from_dictionary_text("x", &long, false);
        assert!(d.senses[0].chars().count() <= MAX_SENSE_CHARS + 1);
        assert!(d.senses[0].ends_with('…'));
        let mut a = from_dictionary_text("a", "one", false);
        a.merge(from_dictionary_text("a", "one\ntwo", false));
        assert_eq!(a.senses, ["one", "two"]);
    }

    proptest! {
        /// Any text, HTML or not, gives clean senses: no control characters, nothing empty.
        #[test]
        fn any_definition_text_is_clean(raw in "\\PC{0,200}|[<>a-z/&;\u{1b}\u{9b}\n ]{0,200}", html: bool) {
            let d = from_dictionary_text("w", &raw, html);
            for sense in &d.senses {
                prop_assert!(!sense.is_empty());
                prop_assert!(!sense.chars().any(|c| c.is_control()));
            }
            if let Some(text) = &d.text {
                prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
            }
        }
    }
}
