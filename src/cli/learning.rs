//! `kabar vocab`: what to learn next across articles, for people, spreadsheets or scripts.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{ListFormat, Sources};
use crate::article::Article;
use crate::document::Document;
use crate::knowledge::Knowledge;
use crate::library;
use crate::vocab::{self, Phrase, WordGroup};

/// One row of `vocab` output, whatever the format.
#[derive(Serialize)]
struct Row<'a> {
    count: u32,
    /// The root (words) or the phrase.
    text: &'a str,
    /// The forms seen, with counts (words only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    forms: Vec<Form<'a>>,
    example: &'a str,
    article: String,
}

#[derive(Serialize)]
struct Form<'a> {
    form: &'a str,
    count: u32,
}

/// Prints the unknown words (or phrase candidates) of `articles`.
pub fn vocab(
    articles: &[PathBuf],
    format: ListFormat,
    phrases: bool,
    limit: Option<usize>,
    sources: &Sources,
) -> Result<ExitCode> {
    let opened = sources.layers()?;
    for warning in &opened.warnings {
        crate::safe_eprintln!("kabar: warning: {}", crate::text::sanitize(warning));
    }
    let layers = opened.layers;
    let words = library::word_statuses()?;
    for problem in words.problems() {
        crate::safe_eprintln!("kabar: warning: {problem}");
    }
    let documents: Vec<Document> = articles
        .iter()
        .map(|path| Ok(Document::new(Article::load(path)?, &layers)))
        .collect::<Result<_>>()?;
    let knowledge: Vec<Knowledge> = documents
        .iter()
        .map(|doc| Knowledge::new(doc, layers.glossary(), &words, layers.analyser().lexicon()))
        .collect();
    let limit = limit.unwrap_or(usize::MAX);
    let name = |document: usize| articles[document].display().to_string();
    let mut groups: Vec<WordGroup> = Vec::new();
    let found: Vec<Phrase>;
    let rows: Vec<Row> = if phrases {
        let refs: Vec<&Document> = documents.iter().collect();
        found = vocab::phrase_candidates(&refs, layers.glossary());
        found
            .iter()
            .take(limit)
            .map(|phrase| Row {
                count: phrase.count,
                text: &phrase.text,
                forms: Vec::new(),
                example: &phrase.example,
                article: name(phrase.first.document),
            })
            .collect()
    } else {
        let pairs: Vec<(&Document, &Knowledge)> = documents.iter().zip(&knowledge).collect();
        groups = vocab::unknown_words(&pairs);
        groups
            .iter()
            .take(limit)
            .map(|group| Row {
                count: group.count,
                text: &group.root,
                forms: group
                    .forms
                    .iter()
                    .map(|(form, count)| Form {
                        form,
                        count: *count,
                    })
                    .collect(),
                example: &group.example,
                article: name(group.first.document),
            })
            .collect()
    };
    let mut out = crate::safe_output::stdout();
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ListFormat::Tsv => {
            let head = if phrases { "phrase" } else { "root" };
            writeln!(out, "count\t{head}\tforms\texample\tarticle")?;
            for row in &rows {
                let forms: Vec<String> = row
                    .forms
                    .iter()
                    .map(|f| format!("{}:{}", f.form, f.count))
                    .collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    row.count,
                    crate::text::one_line(row.text),
                    forms.join(","),
                    crate::text::one_line(row.example),
                    crate::text::one_line(&row.article)
                )?;
            }
        }
        ListFormat::Text => {
            for row in &rows {
                let forms: Vec<String> = row
                    .forms
                    .iter()
                    .map(|f| format!("{} ×{}", f.form, f.count))
                    .collect();
                let forms = if forms.is_empty() {
                    String::new()
                } else {
                    format!(": {}", forms.join(", "))
                };
                writeln!(out, "{:>5}  {}{forms}", row.count, row.text)?;
                writeln!(out, "       {} ({})", row.example, row.article)?;
            }
            if !rows.is_empty() && !groups.is_empty() {
                // A family counts once, however many of its forms are unknown.
                let forms: usize = groups.iter().map(|group| group.forms.len()).sum();
                let families = groups.len();
                let noun = if families == 1 { "family" } else { "families" };
                writeln!(
                    out,
                    "{families} word {noun} to learn ({forms} distinct words)"
                )?;
            }
            if rows.is_empty() {
                let what = if phrases {
                    "No phrase recurs that is not in the glossary."
                } else {
                    "No unknown words: everything is in the glossary or has a status."
                };
                writeln!(out, "{what}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
