//! The Indonesian tokenizer: splits one paragraph into words, numbers and punctuation, and marks
//! where sentences start.
//!
//! Indonesian news needs more than splitting on spaces: reduplication is written with a hyphen
//! and is one word (`negara-negara`, `mata-mata`), numbers use `.` for thousands and `,` for
//! decimals (`3.016`, `1,5`, `Rp4`, `08.00`), and abbreviations end in a dot that must not end
//! the sentence (`dll.`, `Dr.`). Tokens are byte spans into the paragraph, so every later stage
//! (matching, layout, search) points back at the original text without copying it.
//!
//! Depends on nothing but `std`.

use serde::Serialize;

/// What kind of text a token holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A word, including hyphenated reduplication and loan words (`negara-negara`, `men-generate`).
    Word,
    /// A word written all in capitals, such as `AS`, `ICC` or `NATO`.
    Acronym,
    /// A known abbreviation with its dot (`dll.`, `Dr.`) or a dotted initial (`J.`).
    Abbreviation,
    /// A number in Indonesian notation, with an optional `Rp` prefix (`3.016`, `1,5`, `Rp4`).
    Number,
    /// A web or e-mail address (`www.menpan.go.id`, `https://…`, `humas@polri.go.id`): one
    /// token, never a word to learn or count.
    Address,
    /// Punctuation, quotes, brackets and any other symbol; runs of one character stay together.
    Punct,
}

impl TokenKind {
    /// True for tokens a reader moves through: everything except punctuation.
    pub fn is_wordlike(self) -> bool {
        !matches!(self, TokenKind::Punct)
    }
}

/// One token: a byte span of its paragraph plus what the tokenizer learned about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte in the paragraph.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// What the token is.
    pub kind: TokenKind,
    /// Whether whitespace separates this token from the previous one.
    pub space_before: bool,
    /// Whether this is the first word-like token of a sentence.
    pub sentence_start: bool,
}

impl Token {
    /// The token's text inside `paragraph`.
    pub fn text<'a>(&self, paragraph: &'a str) -> &'a str {
        &paragraph[self.start as usize..self.end as usize]
    }
}

/// Abbreviations that take a dot and never end a sentence by themselves (titles, "number").
const TITLE_ABBREVIATIONS: &[&str] = &[
    "bpk", "dr", "drs", "hj", "ir", "jl", "jln", "kol", "letjen", "mayjen", "no", "prof", "sdr",
    "sdri", "st", "tn", "ny", "kh", "h", "brigjen", "jend", "kapt", "kec", "kab", "kel", "nn",
];

/// Abbreviations that take a dot and may also close a sentence ("… senjata, amunisi, dll.").
const FINAL_ABBREVIATIONS: &[&str] = &[
    "dll", "dsb", "dst", "dkk", "tsb", "yth", "hlm", "sbg", "pkl", "tgl", "thn", "ttg", "a.n",
    "u.p", "s.d", "etc", "vs",
];

fn abbreviation_kind(word: &str) -> Option<bool> {
    let lower = word.to_ascii_lowercase();
    if TITLE_ABBREVIATIONS.contains(&lower.as_str()) {
        Some(false)
    } else if FINAL_ABBREVIATIONS.contains(&lower.as_str()) {
        Some(true)
    } else {
        None
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Splits `text` (one paragraph) into tokens.
///
/// Guarantees, checked by property tests: never panics; tokens are in order, do not overlap,
/// start and end on character boundaries, and everything between them is whitespace.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 6 + 1);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut i = 0;
    let mut space_before = false;
    let mut boundary = Boundary::Start;

    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            space_before = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() || starts_rupiah(&chars, i) {
            if !c.is_ascii_digit() {
                i += 2; // "Rp"
            }
            i = scan_number(&chars, i);
            kind = TokenKind::Number;
        } else if let Some(end) = scan_address(&chars, i) {
            i = end;
            kind = TokenKind::Address;
        } else if is_word_char(c) {
            i = scan_word(&chars, i);
            let word = &text[byte_at(start)..byte_at(i)];
            match scan_abbreviation(&chars, i, word).filter(|_| char_at(i) == Some('.')) {
                Some(end) => {
                    i = end;
                    kind = TokenKind::Abbreviation;
                }
                None => kind = word_kind(word),
            }
        } else {
            i += 1;
            while char_at(i) == Some(c) {
                i += 1;
            }
            kind = TokenKind::Punct;
        }
        let token_text = &text[byte_at(start)..byte_at(i)];
        let sentence_start = kind.is_wordlike()
            && match boundary {
                Boundary::Start => true,
                Boundary::AfterTerminator => looks_like_start(token_text),
                Boundary::Inside => false,
            };
        boundary = boundary.after(kind, token_text);
        tokens.push(Token {
            start: byte_at(start) as u32,
            end: byte_at(i) as u32,
            kind,
            space_before: space_before && !tokens.is_empty(),
            sentence_start,
        });
        space_before = false;
    }
    tokens
}

/// Where the tokenizer stands relative to sentence boundaries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Boundary {
    /// At the paragraph start, or after only opening quotes/brackets there.
    Start,
    /// After `.`, `!`, `?`, `…` or a sentence-closing abbreviation (plus closing quotes): the next
    /// word starts a sentence if it is capitalised or a number.
    AfterTerminator,
    /// Inside a sentence.
    Inside,
}

impl Boundary {
    fn after(self, kind: TokenKind, text: &str) -> Boundary {
        match kind {
            TokenKind::Punct if is_terminator(text) => Boundary::AfterTerminator,
            TokenKind::Punct
                if self != Boundary::Inside && (is_closing(text) || is_opening(text)) =>
            {
                self
            }
            TokenKind::Abbreviation
                if abbreviation_kind(text.trim_end_matches('.')) == Some(true) =>
            {
                Boundary::AfterTerminator
            }
            _ => Boundary::Inside,
        }
    }
}

/// The last labels of domain names the news writes without `www.` or a scheme.
const DOMAIN_ENDINGS: &[&str] = &[
    "id", "com", "net", "org", "co", "go", "ac", "or", "info", "io", "tv", "news", "asia", "gov",
    "edu", "int", "me",
];

/// The end of a web or e-mail address starting at `i`: `http://`/`https://`/`www.` up to the
/// next space, an e-mail address, or a bare domain of two or more labels ending in a known
/// label (`menpan.go.id`, `kompas.com`); trailing punctuation is left out.
fn scan_address(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let lower_at = |k: usize| chars.get(k).map(|&(_, c)| c.to_ascii_lowercase());
    let starts_with = |prefix: &str| {
        prefix
            .chars()
            .enumerate()
            .all(|(n, p)| lower_at(i + n) == Some(p))
    };
    let host_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let trim = |mut end: usize| {
        while end > i
            && matches!(
                chars[end - 1].1,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\'' | '”' | '’'
            )
        {
            end -= 1;
        }
        end
    };
    if starts_with("http://") || starts_with("https://") || starts_with("www.") {
        let mut end = i;
        while end < chars.len() && !chars[end].1.is_whitespace() {
            end += 1;
        }
        return Some(trim(end));
    }
    if !chars
        .get(i)
        .is_some_and(|&(_, c)| c.is_ascii_alphanumeric())
    {
        return None;
    }
    // Labels joined by dots (and, for an e-mail address, one `@`).
    let mut end = i;
    let mut labels: Vec<(usize, usize)> = Vec::new();
    let mut label_start = i;
    let mut at_sign = false;
    while end < chars.len() {
        let c = chars[end].1;
        if host_char(c) || c == '_' || (c == '+' && !at_sign) {
            end += 1;
        } else if (c == '.' || (c == '@' && !at_sign))
            && end > label_start
            && chars
                .get(end + 1)
                .is_some_and(|&(_, n)| n.is_ascii_alphanumeric())
        {
            if c == '@' {
                at_sign = true;
                labels.clear();
            } else {
                labels.push((label_start, end));
            }
            end += 1;
            label_start = end;
        } else {
            break;
        }
    }
    if end == label_start || labels.is_empty() {
        return None;
    }
    labels.push((label_start, end));
    let last: String = chars[label_start..end]
        .iter()
        .map(|&(_, c)| c.to_ascii_lowercase())
        .collect();
    let ends_like_a_domain = DOMAIN_ENDINGS.contains(&last.as_str());
    // A word glued to the next sentence ("pergi.Dia") is not an address.
    (at_sign && labels.len() >= 2 || ends_like_a_domain).then_some(end)
}

fn starts_rupiah(chars: &[(usize, char)], i: usize) -> bool {
    matches!(chars.get(i), Some((_, 'R')))
        && matches!(chars.get(i + 1), Some((_, 'p')))
        && chars.get(i + 2).is_some_and(|&(_, c)| c.is_ascii_digit())
}

/// Digits with inner `.`/`,`/`:` separators and `-` ranges ("1950-1953"), each followed by a digit.
fn scan_number(chars: &[(usize, char)], mut i: usize) -> usize {
    while i < chars.len() {
        let c = chars[i].1;
        let next_is_digit = chars.get(i + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
        if c.is_ascii_digit() || (matches!(c, '.' | ',' | ':' | '-') && next_is_digit) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Letters and digits, continuing over a hyphen or apostrophe that joins two word characters.
fn scan_word(chars: &[(usize, char)], mut i: usize) -> usize {
    while i < chars.len() {
        let c = chars[i].1;
        let joins = (c == '-' || is_apostrophe(c))
            && chars.get(i + 1).is_some_and(|&(_, n)| is_word_char(n))
            && i > 0;
        if is_word_char(c) || joins {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// If the word before `dot_at` is an abbreviation (known, a single-letter initial, or dotted like
/// `a.n.`), returns the char index just past its final dot.
fn scan_abbreviation(chars: &[(usize, char)], dot_at: usize, word: &str) -> Option<usize> {
    // Dotted forms: a.n. / s.d. / u.p. — single letters separated by dots.
    let mut j = dot_at;
    let mut letters = 1;
    while chars.get(j).is_some_and(|&(_, c)| c == '.')
        && chars.get(j + 1).is_some_and(|&(_, c)| c.is_alphabetic())
        && !chars.get(j + 2).is_some_and(|&(_, c)| c.is_alphabetic())
        && word.chars().count() == 1
    {
        j += 2;
        letters += 1;
    }
    if letters > 1 && chars.get(j).is_some_and(|&(_, c)| c == '.') {
        return Some(j + 1);
    }
    let single_initial = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
    if abbreviation_kind(word).is_some() || single_initial {
        Some(dot_at + 1)
    } else {
        None
    }
}

fn word_kind(word: &str) -> TokenKind {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let first = letters.next();
    let all_upper = first.is_some_and(|c| c.is_uppercase()) && letters.all(|c| c.is_uppercase());
    if all_upper && word.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
        TokenKind::Acronym
    } else {
        TokenKind::Word
    }
}

fn is_terminator(punct: &str) -> bool {
    punct
        .chars()
        .all(|c| matches!(c, '.' | '!' | '?' | '\u{2026}'))
}

fn is_closing(punct: &str) -> bool {
    punct.chars().all(|c| {
        matches!(
            c,
            '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{bb}'
        )
    })
}

fn is_opening(punct: &str) -> bool {
    punct.chars().all(|c| {
        matches!(
            c,
            '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{ab}'
        )
    })
}

fn looks_like_start(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    #[test]
    fn web_and_e_mail_addresses_are_one_token_each() {
        use TokenKind::*;
        assert_eq!(
            kinds("Lihat www.menpan.go.id, atau https://x.co/a?b=1."),
            [
                ("Lihat", Word),
                ("www.menpan.go.id", Address),
                (",", Punct),
                ("atau", Word),
                ("https://x.co/a?b=1", Address),
                (".", Punct),
            ]
        );
        assert_eq!(
            kinds("Kirim ke humas@polri.go.id atau kompas.com."),
            [
                ("Kirim", Word),
                ("ke", Word),
                ("humas@polri.go.id", Address),
                ("atau", Word),
                ("kompas.com", Address),
                (".", Punct),
            ]
        );
        // Words glued by a missing space, abbreviations and initials stay what they were.
        assert_eq!(
            kinds("pergi.Dia dll. A.S"),
            [
                ("pergi", Word),
                (".", Punct),
                ("Dia", Word),
                ("dll.", Abbreviation),
                ("A.", Abbreviation),
                ("S", Word),
            ]
        );
    }
    use proptest::prelude::*;

    fn texts(input: &str) -> Vec<(&str, TokenKind)> {
        tokenize(input)
            .iter()
            .map(|t| (t.text(input), t.kind))
            .collect()
    }

    fn words(input: &str) -> Vec<&str> {
        texts(input).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn reduplication_is_one_word() {
        assert_eq!(
            words("negara-negara dan mata-mata."),
            ["negara-negara", "dan", "mata-mata", "."]
        );
        assert_eq!(
            words("men-generate Lloyd-Smith"),
            ["men-generate", "Lloyd-Smith"]
        );
    }

    #[test]
    fn indonesian_numbers_stay_whole() {
        let t = texts("3.016 orang, 1,5 persen, Rp4 miliar pukul 08.00 (1950-1953).");
        let numbers: Vec<_> = t
            .iter()
            .filter(|(_, k)| *k == TokenKind::Number)
            .map(|(s, _)| *s)
            .collect();
        assert_eq!(numbers, ["3.016", "1,5", "Rp4", "08.00", "1950-1953"]);
    }

    #[test]
    fn acronyms_abbreviations_slashes_and_quotes() {
        let t = texts("(International Criminal Court/ICC) \"aktif.\" AS, dll. Dr. Soo");
        assert!(t.contains(&("ICC", TokenKind::Acronym)));
        assert!(t.contains(&("AS", TokenKind::Acronym)));
        assert!(t.contains(&("dll.", TokenKind::Abbreviation)));
        assert!(t.contains(&("Dr.", TokenKind::Abbreviation)));
        assert!(t.contains(&("/", TokenKind::Punct)));
        assert!(t.contains(&("\"", TokenKind::Punct)));
    }

    #[test]
    fn sentences_do_not_break_after_titles_or_mid_number() {
        let text = "Dr. Nam tiba pukul 08.00 di Seoul. Dia bicara. \"Ini penting,\" katanya.";
        let starts: Vec<_> = tokenize(text)
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(starts, ["Dr.", "Dia", "Ini"]);
    }

    #[test]
    fn a_final_abbreviation_can_close_a_sentence() {
        let text = "Roket, rudal, dll. Korea Utara membantah.";
        let starts: Vec<_> = tokenize(text)
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(starts, ["Roket", "Korea"]);
    }

    #[test]
    fn records_spacing() {
        let tokens = tokenize("kata \"aktif.\"");
        let spaced: Vec<_> = tokens.iter().map(|t| t.space_before).collect();
        assert_eq!(spaced, [false, true, false, false, false]);
    }

    proptest! {
        #[test]
        fn spans_cover_the_input_in_order(text in "\\PC{0,80}|[a-zA-Z0-9 .,:'\"/()\\-]{0,80}") {
            let tokens = tokenize(&text);
            let mut covered = 0usize;
            for t in &tokens {
                let (s, e) = (t.start as usize, t.end as usize);
                prop_assert!(s >= covered && e > s);
                prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                prop_assert!(text[covered..s].chars().all(char::is_whitespace));
                covered = e;
            }
            prop_assert!(text[covered..].chars().all(char::is_whitespace));
        }
    }
}
