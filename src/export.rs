//! Exporting terms for other tools: Anki's text-import format (tab-separated with `#` header
//! lines) and plain CSV, one note per term with the same columns as the review cards show.
//!
//! Every note carries a guid computed from the folded term alone, so exporting again and
//! re-importing updates the same Anki notes (and keeps their review history) whatever else
//! changed. [`anki_connect`] sends the same notes to a running Anki instead. Knows nothing of
//! the terminal.

pub mod anki_connect;

use std::io::Write;

use crate::glossary::{Glossary, Status};
use crate::morphology::Analyser;
use crate::review::card::Card;
use crate::word_status::WordStatuses;

/// The columns, in order: the CSV header and Anki's `#columns` line. New columns go last, so
/// a note type made for an older export still imports (Anki leaves extra columns unmapped).
pub const COLUMNS: [&str; 10] = [
    "guid",
    "term",
    "translation",
    "root",
    "cloze",
    "sentence",
    "source",
    "status",
    "tags",
    "sentence_translation",
];

/// Anki's 1-based number of the tags column.
const TAGS_COLUMN: usize = 9;

/// The note type and deck named in the Anki header.
pub const ANKI_NOTETYPE: &str = "kabar";
/// See [`ANKI_NOTETYPE`].
pub const ANKI_DECK: &str = "kabar";

/// The statuses exported when none are chosen: the ones being learned.
pub const DEFAULT_STATUSES: [Status; 4] = [
    Status::Level(1),
    Status::Level(2),
    Status::Level(3),
    Status::Level(4),
];

/// The cards of every entry whose status (the learner's in `progress`, else its glossary
/// file's) is one of `statuses`, in glossary order.
pub fn select(
    glossary: &Glossary,
    progress: &WordStatuses,
    statuses: &[Status],
    analyser: Option<&Analyser>,
) -> Vec<Card> {
    glossary
        .entries()
        .filter(|e| progress.of_entry(e).is_some_and(|s| statuses.contains(&s)))
        .map(|e| Card::from_entry(e, progress, analyser))
        .collect()
}

/// Parses `--status` values ("1,2,W"): levels 1–5, W (well known) and I (ignored).
pub fn parse_statuses(text: &str) -> Result<Vec<Status>, String> {
    let mut statuses = Vec::new();
    for part in text.split(',') {
        let status = Status::parse(part).ok_or_else(|| {
            format!(
                "\"{}\" is not a status; use 1 to 5, W (well known) or I (ignored), separated by commas",
                part.trim()
            )
        })?;
        if !statuses.contains(&status) {
            statuses.push(status);
        }
    }
    Ok(statuses)
}

/// The note's guid: `kabar-` and the 128-bit FNV-1a hash of the folded term's UTF-8 bytes, in
/// lower-case hex. FNV-1a is fixed by its specification, so the guid is the same on every run
/// and machine and in every kabar version.
pub fn guid(key: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013b;
    let hash = key.bytes().fold(OFFSET, |hash, byte| {
        (hash ^ u128::from(byte)).wrapping_mul(PRIME)
    });
    format!("kabar-{hash:032x}")
}

/// One row's fields, in [`COLUMNS`] order, each on one line.
pub fn row(card: &Card) -> [String; 10] {
    let (cloze, sentence) = match &card.sentence {
        Some(sentence) => {
            let (before, term, after) = sentence.parts();
            (
                format!("{before}{}{after}", cloze_deletion(term)),
                sentence.text.clone(),
            )
        }
        // A cloze note needs a deletion to make a card: the term alone, asked from its meaning.
        None => (cloze_deletion(&card.term), String::new()),
    };
    let tags = card
        .tags
        .iter()
        .map(|tag| tag.split_whitespace().collect::<Vec<_>>().join("_"))
        .filter(|tag| !tag.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [
        guid(&card.key),
        card.term.clone(),
        card.translation_line(),
        card.root.clone().unwrap_or_default(),
        cloze,
        sentence,
        card.source.clone().unwrap_or_default(),
        card.status.map(|s| s.to_string()).unwrap_or_default(),
        tags,
        card.sentence_translation.clone().unwrap_or_default(),
    ]
    // Every note is one line of the file.
    .map(|field| crate::text::one_line(&field))
}

/// `{{c1::term}}`; braces that would close the deletion early are spaced apart.
fn cloze_deletion(term: &str) -> String {
    format!("{{{{c1::{}}}}}", term.replace("}}", "} }"))
}

/// Writes `cards` in Anki's text-import format: header lines, then one tab-separated note per
/// line (fields quoted CSV-style only when they contain a quote). Returns how many notes.
pub fn write_anki(cards: &[Card], mut out: impl Write) -> std::io::Result<usize> {
    writeln!(out, "#separator:tab")?;
    // Plain text: Anki escapes any < or > instead of reading them as markup.
    writeln!(out, "#html:false")?;
    writeln!(out, "#notetype:{ANKI_NOTETYPE}")?;
    writeln!(out, "#deck:{ANKI_DECK}")?;
    writeln!(out, "#columns:{}", COLUMNS.join("\t"))?;
    writeln!(out, "#guid column:1")?;
    writeln!(out, "#tags column:{TAGS_COLUMN}")?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    for card in cards {
        writer.write_record(row(card))?;
    }
    writer.flush()?;
    Ok(cards.len())
}

/// Writes `cards` as CSV with a header row of [`COLUMNS`]. Returns how many rows.
pub fn write_csv(cards: &[Card], out: impl Write) -> Result<usize, csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for card in cards {
        writer.write_record(row(card))?;
    }
    writer.flush()?;
    Ok(cards.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(text: &str) -> Glossary {
        let mut g = Glossary::default();
        g.add_file("a.toml".into(), text);
        assert!(g.problems().is_empty(), "{:?}", g.problems());
        g
    }

    fn anki(g: &Glossary) -> String {
        let mut out = Vec::new();
        write_anki(
            &select(g, &WordStatuses::in_memory(), &DEFAULT_STATUSES, None),
            &mut out,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    const SAMPLE: &str = "\
[\"surat perintah penangkapan\"]
translation = [\"arrest warrant\", \"warrant\"]
root = \"tangkap\"
status = 2
tags = [\"law\", \"criminal court\"]
examples = [\"Sejak surat perintah penangkapannya dikeluarkan. (Putin, BBC Indonesia)\"]

[perang]
translation = \"war\"
status = 5

[kutip]
translation = \"quote \\\"this\\\"\\tplease\"
note = \"line one\\nline two\"
status = \"1\"
";

    #[test]
    fn the_guid_is_fnv1a_128_of_the_folded_term() {
        // The specification's test vector for "a".
        assert_eq!(guid("a"), "kabar-d228cb696f1a8caf78912b704e4a8964");
        assert_eq!(guid("korea utara"), guid("korea utara"));
        assert_ne!(guid("korea utara"), guid("korea selatan"));
    }

    #[test]
    fn the_anki_file_has_its_headers_and_one_line_of_ten_fields_per_note() {
        let text = anki(&glossary(SAMPLE));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[..7],
            [
                "#separator:tab",
                "#html:false",
                "#notetype:kabar",
                "#deck:kabar",
                "#columns:guid\tterm\ttranslation\troot\tcloze\tsentence\tsource\tstatus\ttags\tsentence_translation",
                "#guid column:1",
                "#tags column:9",
            ]
        );
        let notes = &lines[7..];
        assert_eq!(notes.len(), 2, "status 5 is left out by default: {text}");
        assert_eq!(
            notes[0].split('\t').collect::<Vec<_>>(),
            [
                guid("surat perintah penangkapan").as_str(),
                "surat perintah penangkapan",
                "arrest warrant; warrant",
                "tangkap",
                "Sejak {{c1::surat perintah penangkapan}}nya dikeluarkan.",
                "Sejak surat perintah penangkapannya dikeluarkan.",
                "Putin, BBC Indonesia",
                "2",
                "law criminal_court",
                "",
            ]
        );
        // A quote is quoted CSV-style; the tab inside a field became a space.
        assert_eq!(notes[1].split('\t').count(), 10, "{}", notes[1]);
        assert!(
            notes[1].contains("\"quote \"\"this\"\" please\""),
            "{}",
            notes[1]
        );
        assert!(notes[1].contains("{{c1::kutip}}"), "{}", notes[1]);
    }

    #[test]
    fn a_known_sentence_translation_fills_the_last_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sentences.toml");
        let mut sentences = crate::translation::sentences::Sentences::default();
        sentences
            .save(
                &path,
                "Sejak surat perintah penangkapannya dikeluarkan.",
                "Since the warrant for his arrest was issued.",
                "stub",
            )
            .unwrap();
        let mut cards = select(
            &glossary(SAMPLE),
            &WordStatuses::in_memory(),
            &DEFAULT_STATUSES,
            None,
        );
        crate::review::card::translate_sentences(&mut cards, &sentences);
        let mut out = Vec::new();
        write_anki(&cards, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let note = text.lines().nth(7).unwrap();
        assert!(
            note.ends_with("\tlaw criminal_court\tSince the warrant for his arrest was issued."),
            "{note}"
        );
        assert_eq!(
            cards[1].sentence_translation, None,
            "no sentence, no translation"
        );
    }

    #[test]
    fn guids_stay_the_same_across_exports_and_when_terms_are_added() {
        let first = anki(&glossary(SAMPLE));
        let again = anki(&glossary(SAMPLE));
        assert_eq!(first, again);
        let more = anki(&glossary(&format!(
            "aturan = {{ translation = \"rule\", status = 1 }}\n{SAMPLE}"
        )));
        let guid_of = |text: &str, term: &str| {
            text.lines()
                .find(|l| l.split('\t').nth(1) == Some(term))
                .map(|l| l.split('\t').next().unwrap().to_owned())
                .unwrap()
        };
        for term in ["surat perintah penangkapan", "kutip"] {
            assert_eq!(guid_of(&first, term), guid_of(&more, term));
        }
    }

    #[test]
    fn csv_has_a_header_row_and_reads_back_field_for_field() {
        let g = glossary(SAMPLE);
        let cards = select(
            &g,
            &WordStatuses::in_memory(),
            &parse_statuses("1,5").unwrap(),
            None,
        );
        let mut out = Vec::new();
        assert_eq!(write_csv(&cards, &mut out).unwrap(), 2);
        let mut reader = csv::Reader::from_reader(out.as_slice());
        assert_eq!(reader.headers().unwrap(), COLUMNS.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0][1], "perang");
        assert_eq!(&rows[1][2], "quote \"this\" please");
    }

    #[test]
    fn statuses_parse_from_a_comma_list() {
        assert_eq!(
            parse_statuses("1, 2,w,I").unwrap(),
            [
                Status::Level(1),
                Status::Level(2),
                Status::WellKnown,
                Status::Ignored
            ]
        );
        let err = parse_statuses("1,6").unwrap_err();
        assert!(err.starts_with("\"6\" is not a status"), "{err}");
    }
}
