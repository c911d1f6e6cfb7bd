//! Moving terms between kabar and Lute: Lute's term CSV columns (term, translation, parent,
//! status, tags, pronunciation), read by header name so Lute's own exports with more columns
//! import too. Lute writes statuses 1–5, 99 (well known) and 98 (ignored). The statuses are
//! the learner's progress: exported from it, and on import kept there, not in the glossary.

use std::io::{Read, Write};

use super::edit::EntryDraft;
use super::{Glossary, Status};
use crate::word_status::WordStatuses;

/// The columns written, in order.
pub const COLUMNS: [&str; 6] = [
    "term",
    "translation",
    "parent",
    "status",
    "tags",
    "pronunciation",
];

/// A problem with one row of an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based line in the CSV file.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

/// Writes every entry of `glossary` as Lute term CSV, each with the learner's status from
/// `progress` (else its glossary file's); returns how many rows.
pub fn export(
    glossary: &Glossary,
    progress: &WordStatuses,
    out: impl Write,
) -> Result<usize, csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for entry in glossary.entries() {
        let parent = entry
            .root
            .iter()
            .chain(&entry.parents)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let status = match progress.of_entry(entry) {
            Some(Status::Level(n)) => n.to_string(),
            Some(Status::WellKnown) => "99".into(),
            Some(Status::Ignored) => "98".into(),
            None => "1".into(),
        };
        writer.write_record([
            entry.term.as_str(),
            &entry.translations.join("; "),
            &parent,
            &status,
            &entry.tags.join(", "),
            entry.pronunciation.as_deref().unwrap_or(""),
        ])?;
    }
    writer.flush()?;
    Ok(glossary.len())
}

/// Reads Lute term CSV into drafts, with a problem for each row that cannot be used. A draft's
/// status is the learner's, for their progress file: [`EntryDraft::status`] is not written
/// to the glossary by the import.
pub fn import(input: impl Read) -> Result<(Vec<EntryDraft>, Vec<RowProblem>), csv::Error> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers: Vec<String> = reader
        .headers()?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (term, translation) = (column("term"), column("translation"));
    // Lute's translations may span lines; in the glossary they are one line.
    let (parent, status, tags, pronunciation) = (
        column("parent"),
        column("status"),
        column("tags"),
        column("pronunciation"),
    );
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    if term.is_none() {
        problems.push(RowProblem {
            line: 1,
            message:
                "no \"term\" column: the first line must name the columns (term, translation, …)"
                    .into(),
        });
        return Ok((drafts, problems));
    }
    for record in reader.records() {
        let record = record?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::trim).unwrap_or("");
        let translation_text = field(translation).replace(['\r', '\n'], "; ");
        let list = |text: &str, separator: char| -> Vec<String> {
            text.split(separator)
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let status_text = field(status);
        let draft = EntryDraft {
            term: field(term).to_owned(),
            translations: list(&translation_text, ';'),
            parents: list(field(parent), ','),
            tags: list(field(tags), ','),
            pronunciation: Some(field(pronunciation).to_owned()).filter(|p| !p.is_empty()),
            status: match status_text {
                "" | "0" => None,
                "99" => Some(Status::WellKnown),
                "98" => Some(Status::Ignored),
                other => Status::parse(other),
            },
            ..EntryDraft::default()
        };
        if !status_text.is_empty() && status_text != "0" && draft.status.is_none() {
            problems.push(RowProblem {
                line,
                message: format!("status {status_text:?} is not 1-5, 98 or 99"),
            });
            continue;
        }
        match draft.validate() {
            Ok(()) => drafts.push(draft),
            Err(err) => problems.push(RowProblem {
                line,
                message: err.to_string(),
            }),
        }
    }
    Ok((drafts, problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn export_then_import_round_trips_the_lute_columns() {
        let mut glossary = Glossary::default();
        glossary.add_file(
            PathBuf::from("g.toml"),
            "perang = \"war\"\n[penangkapan]\ntranslation = [\"arrest\", \"capture\"]\nroot = \"tangkap\"\ntags = [\"law\"]\nstatus = \"W\"\npronunciation = \"pe-nang-ka-pan\"\n",
        );
        let mut csv = Vec::new();
        assert_eq!(
            export(&glossary, &WordStatuses::in_memory(), &mut csv).unwrap(),
            2
        );
        let text = String::from_utf8(csv.clone()).unwrap();
        assert_eq!(
            text,
            "term,translation,parent,status,tags,pronunciation\nperang,war,,1,,\npenangkapan,arrest; capture,tangkap,99,law,pe-nang-ka-pan\n"
        );
        // The learner's progress wins over the status in the glossary file.
        let mut progress = WordStatuses::in_memory();
        progress.apply(&[
            ("penangkapan".into(), Some(Status::Level(3))),
            ("perang".into(), Some(Status::Ignored)),
        ]);
        let mut mine = Vec::new();
        export(&glossary, &progress, &mut mine).unwrap();
        let mine = String::from_utf8(mine).unwrap();
        assert!(mine.contains("\nperang,war,,98,,\n"), "{mine}");
        assert!(mine.contains("tangkap,3,law"), "{mine}");
        let (drafts, problems) = import(csv.as_slice()).unwrap();
        assert!(problems.is_empty());
        assert_eq!(drafts[1].translations, ["arrest", "capture"]);
        assert_eq!(drafts[1].parents, ["tangkap"]);
        assert_eq!(drafts[1].status, Some(Status::WellKnown));
        assert_eq!(drafts[0].status, Some(Status::Level(1)));
    }

    #[test]
    fn lute_exports_with_other_columns_and_bad_rows() {
        let csv = "language,term,translation,parent,status,added,tags\nIndonesian,roket,rocket,,3,2024-01-01,\nIndonesian,,empty,,1,,\nIndonesian,x,y,,7,,\n";
        let (drafts, problems) = import(csv.as_bytes()).unwrap();
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].status, Some(Status::Level(3)));
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].line, 3);
        assert!(problems[0].message.contains("term is empty"));
        assert!(problems[1].message.contains("not 1-5"));
    }
}
