//! What Indonesian news pages wrap around the story, and taking it off: "Baca juga:" links,
//! advertising markers, share and comment counters, photo credits, bylines, editor codes such
//! as "(fyk/ash)", and the dateline ("JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -"), which is
//! kept as metadata. Works on paragraphs of plain text; knows nothing of the terminal.

use std::sync::LazyLock;

use regex::Regex;

/// Where and by whom the story was filed, read from its dateline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dateline {
    /// The place, as written ("JAKARTA" becomes "Jakarta").
    pub place: Option<String>,
    /// The publication or agency named ("KOMPAS.com", "ANTARA", "CNN Indonesia").
    pub source: Option<String>,
}

/// Paragraphs that are only page furniture, never story text (matched case-insensitively
/// against the whole paragraph).
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            (?:baca|simak|lihat|tonton|saksikan)\s+(?:juga|pula|video|selengkapnya)\b.*
          | (?:advertisement|iklan|scroll\s+to\s+continue(?:\s+with\s+content)?|scroll\s+untuk\s+melanjutkan.*)
          | advertisement\s*[/|·-]?\s*scroll\s+to\s+continue\s+with\s+content
          | (?:foto|ilustrasi|sumber\s+foto|video|grafis|infografis)\s*:.*
          | \(?antara\s+foto/[^)]*\)?\.?
          | (?:editor|penulis|pewarta|reporter|penyunting|redaktur|kontributor|sumber|copyright)\s*:.*
          | (?:copyright\s*)?©.*
          | (?:dapatkan|ikuti|download|unduh)\b.*\b(?:google\s+news|whatsapp|aplikasi|telegram|update\s+berita|berita\s+terkini).*
          | (?:bagikan|share|tweet|komentar|comments?|shares?|likes?)(?:\s*[:(]?\s*\d+[.,]?\d*\s*[)]?)?
          | \d+[.,]?\d*\s*(?:komentar|comments?|shares?|likes?|kali\s+dibaca|views?)
          | (?:bagikan|share)\s*:?\s*\d+[.,]?\d*\s*(?:komentar|comments?|shares?|likes?)
          | (?:topik|tag|tags)\s*:.*
        )$",
    )
    .expect("furniture pattern")
});

/// An editor code at the end of a paragraph: "(fyk/ash)", "(ant)", "(ant/jpnn)", "(*)".
static EDITOR_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\((?:[a-z]{2,6}(?:\s*/\s*[a-z]{2,6}){0,3}|\*{1,3})\)\s*$")
        .expect("editor code pattern")
});

/// Datelines at the start of the first paragraph, most specific first.
static DATELINES: LazyLock<[Regex; 5]> = LazyLock::new(|| {
    let dash = r"\s*(?:-{1,2}|–|—)\s*";
    let place = r"(?P<place>\p{Lu}[\p{L} .'’]{1,40}?)";
    [
        // "Jakarta (ANTARA) -", "Mataram, NTB (ANTARA News) -"
        Regex::new(&format!(
            r"^(?P<place>\p{{Lu}}[\p{{L}} .'’]{{1,40}}?(?:,\s*\p{{Lu}}[\p{{L}} .]{{1,30}}?)?)\s*\((?P<source>[\p{{L}}. ]{{2,30}}?)\){dash}"
        )),
        // "JAKARTA, KOMPAS.com -", "Jakarta, CNN Indonesia --", "TEMPO.CO, Jakarta -"
        Regex::new(&format!(
            r"^{place},\s*(?P<source>(?:[\p{{L}}\d]+\.(?i:com|co|id|net)(?:\.(?i:id))?|CNN Indonesia|ANTARA|Antara|Kompas TV|Republika|Okezone|VIVA|kumparan|detikcom|Tribunnews)){dash}"
        )),
        Regex::new(&format!(
            r"^(?P<source>[\p{{L}}\d]+\.(?i:com|co|id|net)(?:\.(?i:id))?),\s*{place}{dash}"
        )),
        // "detikNews -", "KOMPAS.com -", "SURABAYA -"
        Regex::new(
            r"^(?:(?P<source>detik[\p{L}]*|[\p{L}\d]+\.(?i:com|co|id)(?:\.(?i:id))?)|(?P<place>\p{Lu}[\p{Lu} ]{2,30}))\s+(?:-{1,2}|–|—)\s+",
        ),
        // A bare "Jakarta -", "Banda Aceh -" before a capitalised story start.
        Regex::new(r"^(?P<place>\p{Lu}\p{Ll}{2,}(?: \p{Lu}\p{Ll}+){0,2})\s+(?:-{1,2}|–|—)\s+(?P<story>\p{Lu})"),
    ]
    .map(|r| r.expect("dateline pattern"))
});

/// Drops furniture paragraphs and editor codes, and takes the dateline off the first story
/// paragraph.
pub fn clean(paragraphs: Vec<String>) -> (Vec<String>, Option<Dateline>) {
    let mut out: Vec<String> = Vec::with_capacity(paragraphs.len());
    let mut dateline = None;
    for paragraph in paragraphs {
        let mut text = EDITOR_CODE.replace(paragraph.trim(), "").into_owned();
        if is_furniture(&text) {
            continue;
        }
        if out.is_empty()
            && dateline.is_none()
            && let Some((found, rest)) = split_dateline(&text)
        {
            dateline = Some(found);
            text = rest;
        }
        if !text.is_empty() {
            out.push(text);
        }
    }
    (out, dateline)
}

fn is_furniture(paragraph: &str) -> bool {
    let text = paragraph.trim_matches(|c: char| c.is_whitespace() || c == '|' || c == '·');
    text.is_empty() || FURNITURE.is_match(text)
}

/// Capitalised words that start sentences with a dash but are no place ("Dia - katanya -").
const NOT_PLACES: &[&str] = &[
    "Dia", "Mereka", "Kami", "Kita", "Saya", "Aku", "Anda", "Beliau", "Ini", "Itu", "Namun",
    "Tetapi", "Lalu", "Kemudian",
];

/// The dateline at the start of `paragraph` and the text after it.
pub fn split_dateline(paragraph: &str) -> Option<(Dateline, String)> {
    DATELINES.iter().find_map(|pattern| {
        let caps = pattern.captures(paragraph)?;
        let place = caps.name("place").map(|m| m.as_str().trim());
        if place.is_some_and(|place| NOT_PLACES.contains(&place)) {
            return None;
        }
        // The bare-place pattern ends on the story's first letter, which stays.
        let end = match caps.name("story") {
            Some(story) => story.start(),
            None => caps.get(0)?.end(),
        };
        let rest = paragraph[end..].trim().to_owned();
        if rest.is_empty() {
            return None;
        }
        let place = caps.name("place").map(|m| title_case(m.as_str().trim()));
        let source = caps.name("source").map(|m| m.as_str().trim().to_owned());
        Some((Dateline { place, source }, rest))
    })
}

/// "JAKARTA" → "Jakarta", "BANDA ACEH" → "Banda Aceh"; mixed case stays as written.
fn title_case(place: &str) -> String {
    if place.chars().any(char::is_lowercase) {
        return place.to_owned();
    }
    place
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_string() + &chars.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn datelines_become_metadata() {
        let cases = [
            (
                "JAKARTA, KOMPAS.com - Presiden",
                Some("Jakarta"),
                Some("KOMPAS.com"),
            ),
            (
                "Jakarta (ANTARA) - Presiden",
                Some("Jakarta"),
                Some("ANTARA"),
            ),
            (
                "Jakarta, CNN Indonesia -- Presiden",
                Some("Jakarta"),
                Some("CNN Indonesia"),
            ),
            ("detikNews - Presiden", None, Some("detikNews")),
            (
                "TEMPO.CO, Jakarta - Presiden",
                Some("Jakarta"),
                Some("TEMPO.CO"),
            ),
            ("BANDA ACEH - Presiden", Some("Banda Aceh"), None),
            (
                "Mataram, NTB (ANTARA News) - Presiden",
                Some("Mataram, NTB"),
                Some("ANTARA News"),
            ),
            ("Jakarta - Presiden", Some("Jakarta"), None),
            ("Banda Aceh – Presiden", Some("Banda Aceh"), None),
        ];
        for (text, place, source) in cases {
            let (dateline, rest) = split_dateline(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(rest, "Presiden", "{text}");
            assert_eq!(dateline.place.as_deref(), place, "{text}");
            assert_eq!(dateline.source.as_deref(), source, "{text}");
        }
        for text in [
            "Presiden Jokowi, Prabowo - dan lainnya",
            "Korea Utara (KUT) bukan",
            "Ia - katanya - datang",
            "Dia - katanya - Datang",
            "Jakarta - ibu kota",
            "Namun - Presiden",
        ] {
            assert_eq!(split_dateline(text), None, "{text}");
        }
    }

    #[test]
    fn furniture_and_editor_codes_are_dropped() {
        let (out, dateline) = clean(strings(&[
            "Foto: ANTARA/Aditya",
            "Jakarta (ANTARA) - Harga beras naik.",
            "Baca juga: Harga cabai turun",
            "ADVERTISEMENT",
            "SCROLL TO CONTINUE WITH CONTENT",
            "Pemerintah menambah stok (ICC).",
            "Simak juga video berikut",
            "(ANTARA FOTO/Sigid Kurniawan)",
            "12 Komentar",
            "Bagikan: 12 komentar",
            "Bagikan",
            "Stok cukup hingga Lebaran. (fyk/ash)",
            "(ant)",
            "Pewarta: Budi",
            "Editor: Ani",
        ]));
        assert_eq!(
            out,
            [
                "Harga beras naik.",
                "Pemerintah menambah stok (ICC).",
                "Stok cukup hingga Lebaran."
            ]
        );
        assert_eq!(dateline.unwrap().source.as_deref(), Some("ANTARA"));
    }
}
