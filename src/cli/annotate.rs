//! `kabar annotate ARTICLE` (every word token with its span, the meaning the reader shows and
//! the layer it came from) and `kabar coverage FILE...` (the share of running words explained,
//! by layer, and the most frequent words without a meaning).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{Format, Sources, layers_for_output};
use crate::article::Article;
use crate::coverage::{self, Coverage, Source, TokenMeaning};
use crate::document::Document;
use crate::layers::{Answer, Layers, Via};
use crate::text::sanitize;
use crate::token::TokenKind;

/// One matched glossary term in `annotate --format json` (`terms`).
#[derive(Debug, Serialize)]
struct AnnotatedTerm<'a> {
    /// 1-based paragraph number.
    paragraph: usize,
    /// Character offset of the match in the paragraph (0-based, Unicode scalar values).
    start: usize,
    /// Character offset one past the match.
    end: usize,
    surface: &'a str,
    term: &'a str,
    translations: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    enclitic: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    nested: Vec<&'a str>,
}

/// One word token in `annotate` output (`words`).
#[derive(Debug, Serialize)]
struct AnnotatedWord<'a> {
    paragraph: usize,
    start: usize,
    end: usize,
    surface: &'a str,
    /// word, acronym, abbreviation or number.
    kind: &'static str,
    /// Whether it counts as a running word (names, numbers and acronyms do not).
    counted: bool,
    /// The meaning shown, or null.
    meaning: Option<Shown>,
}

/// The meaning shown for a word.
#[derive(Debug, Serialize)]
struct Shown {
    /// The layer that answered: "your glossary", an installed dictionary's name, "kabar base
    /// dictionary" or "word formation".
    layer: String,
    /// How the word reached the entry: term, phrase, word, enclitic or root.
    via: &'static str,
    /// The entry's headword (the term, the phrase, the word itself or its root).
    headword: String,
    senses: Vec<String>,
    /// How the word is built, when word formation explains it.
    #[serde(skip_serializing_if = "Option::is_none")]
    parts: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enclitic: Option<String>,
}

pub(super) fn annotate(path: &Path, format: Format, sources: &Sources) -> Result<ExitCode> {
    let article = Article::load(path)?;
    let layers = layers_for_output(sources)?;
    for warning in &article.warnings {
        crate::safe_eprintln!("kabar: warning: {}", sanitize(&warning.to_string()));
    }
    let doc = Document::new(article, &layers);
    let knowledge = coverage::neutral_knowledge(&doc, &layers);
    let meanings = coverage::token_meanings(&doc, &knowledge);
    let mut totals = Coverage::default();
    totals.add(&doc, &layers, &meanings);
    let mut chars = CharOffsets::default();
    let words: Vec<AnnotatedWord> = meanings
        .iter()
        .map(|m| {
            let token = doc.tokens()[m.token];
            let paragraph = doc.paragraph_of(m.token);
            let text = &doc.article().paragraphs[paragraph];
            AnnotatedWord {
                paragraph: paragraph + 1,
                start: chars.at(paragraph, text, token.start as usize),
                end: chars.at(paragraph, text, token.end as usize),
                surface: doc.token_text(m.token),
                kind: match token.kind {
                    TokenKind::Word => "word",
                    TokenKind::Acronym => "acronym",
                    TokenKind::Abbreviation => "abbreviation",
                    TokenKind::Address => "address",
                    TokenKind::Number | TokenKind::Punct => "number",
                },
                counted: m.counted,
                meaning: shown(&doc, &layers, m),
            }
        })
        .collect();
    let mut out = crate::safe_output::stdout();
    match format {
        Format::Json => {
            let meta = &doc.article().meta;
            let document = serde_json::json!({
                "article": { "path": path, "title": doc.article().title(), "source": meta.source },
                "words": words,
                "terms": terms(&doc, &layers),
                "summary": summary_json(&totals),
            });
            // Through io::Error so a closed pipe is recognised as one.
            serde_json::to_writer_pretty(&mut out, &document).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => {
            for w in &words {
                let (layer, meaning) = match &w.meaning {
                    Some(shown) => (shown.layer.clone(), one_line(shown)),
                    None if !w.counted => {
                        (format!("({}, not counted)", uncounted(w)), String::new())
                    }
                    None => ("-".to_owned(), String::new()),
                };
                writeln!(
                    out,
                    "¶{} {}-{}\t{}\t{layer}\t{meaning}",
                    w.paragraph, w.start, w.end, w.surface
                )?;
            }
            writeln!(out, "# {}", summary_line(&totals))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn uncounted(word: &AnnotatedWord) -> &'static str {
    match word.kind {
        "word" => "name",
        other => other,
    }
}

/// "ditangkap → di- + tangkap: catch, arrest"
fn one_line(shown: &Shown) -> String {
    let head = match (&shown.parts, &shown.enclitic) {
        (Some(parts), _) => format!("{parts} → {}", shown.headword),
        (None, Some(clitic)) => format!("{} + {clitic}", shown.headword),
        (None, None) => shown.headword.clone(),
    };
    format!("{head}: {}", shown.senses.join("; "))
}

/// The meaning the reader shows for one token.
fn shown(doc: &Document, layers: &Layers, meaning: &TokenMeaning) -> Option<Shown> {
    let source = meaning.source?;
    let answer = meaning.answer(doc)?;
    let entry = layers.meaning(answer)?;
    let (parts, enclitic) = match source {
        Source::Term(index) => (None, doc.annotation().primary.get(index)?.enclitic),
        Source::Phrase(index) => (None, doc.phrases().get(index)?.enclitic),
        Source::Word(explanation) => match explanation.via {
            Via::Root => (doc.analysis(meaning.token).map(|a| a.parts()), None),
            Via::Enclitic(clitic) => (None, Some(clitic)),
            Via::Word => (None, None),
        },
    };
    let layer = meaning.layer(doc)?;
    Some(Shown {
        layer: layers.layer_name(layer).into_owned(),
        via: meaning.via()?,
        headword: match answer {
            Answer::Term(id) => layers.glossary().entry(id).term.clone(),
            Answer::Entry { .. } => entry.headword.clone(),
        },
        senses: entry.senses,
        parts,
        enclitic: enclitic.map(|c| format!("-{}", c.suffix())),
    })
}

fn terms<'a>(doc: &'a Document, layers: &'a Layers) -> Vec<AnnotatedTerm<'a>> {
    let glossary = layers.glossary();
    let mut chars = CharOffsets::default();
    doc.annotation()
        .primary
        .iter()
        .map(|m| {
            let paragraph = doc.paragraph_of(m.start as usize);
            let text = &doc.article().paragraphs[paragraph];
            let first = doc.tokens()[m.start as usize];
            let last = doc.tokens()[m.end as usize - 1];
            let entry = glossary.entry(m.entry);
            AnnotatedTerm {
                paragraph: paragraph + 1,
                start: chars.at(paragraph, text, first.start as usize),
                end: chars.at(paragraph, text, last.end as usize),
                surface: doc.span_text(m.tokens()),
                term: &entry.term,
                translations: &entry.translations,
                enclitic: m.enclitic.map(|c| format!("-{}", c.suffix())),
                nested: doc
                    .matches_within(m.tokens())
                    .filter(|n| n.entry != m.entry)
                    .map(|n| glossary.entry(n.entry).term.as_str())
                    .collect(),
            }
        })
        .collect()
}

fn summary_json(totals: &Coverage) -> serde_json::Value {
    serde_json::json!({
        "running_words": totals.running,
        "explained": totals.explained,
        "share": (totals.share() * 10_000.0).round() / 10_000.0,
        "by_layer": totals.by_layer,
    })
}

/// "523 running words (names, numbers and acronyms left out): 501 explained (95.8%) — your
/// glossary 300, kabar base dictionary 150, word formation 51; 22 without a meaning"
fn summary_line(totals: &Coverage) -> String {
    let layers: Vec<String> = totals
        .by_layer
        .iter()
        .map(|(layer, n)| format!("{layer} {n}"))
        .collect();
    format!(
        "{} running words (names, numbers and acronyms left out): {} explained ({:.1}%){}; {} without a meaning",
        totals.running,
        totals.explained,
        totals.share() * 100.0,
        if layers.is_empty() {
            String::new()
        } else {
            format!(" — {}", layers.join(", "))
        },
        totals.running - totals.explained
    )
}

/// One article's line in `coverage` JSON.
#[derive(Debug, Serialize)]
struct ArticleCoverage {
    path: PathBuf,
    #[serde(flatten)]
    coverage: Coverage,
}

pub(super) fn coverage(
    paths: &[PathBuf],
    missing: usize,
    format: Format,
    sources: &Sources,
) -> Result<ExitCode> {
    let layers = layers_for_output(sources)?;
    let files = article_files(paths);
    let mut total = Coverage::default();
    let mut per_article = Vec::with_capacity(files.len());
    for path in &files {
        let article = Article::load(path)?;
        let doc = Document::new(article, &layers);
        let knowledge = coverage::neutral_knowledge(&doc, &layers);
        let meanings = coverage::token_meanings(&doc, &knowledge);
        let mut one = Coverage::default();
        one.add(&doc, &layers, &meanings);
        total.add(&doc, &layers, &meanings);
        per_article.push(ArticleCoverage {
            path: path.clone(),
            coverage: one,
        });
    }
    let mut out = crate::safe_output::stdout();
    match format {
        Format::Json => {
            let document = serde_json::json!({
                "articles": per_article,
                "total": summary_json(&total),
                "missing": total.most_missing(missing).into_iter()
                    .map(|(word, count)| serde_json::json!({ "word": word, "count": count }))
                    .collect::<Vec<_>>(),
            });
            serde_json::to_writer_pretty(&mut out, &document).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => {
            for article in &per_article {
                writeln!(
                    out,
                    "{:5.1}%  {:>5}/{:<5}  {}",
                    article.coverage.share() * 100.0,
                    article.coverage.explained,
                    article.coverage.running,
                    sanitize(&article.path.display().to_string())
                )?;
            }
            writeln!(
                out,
                "{} article{}: {}",
                per_article.len(),
                if per_article.len() == 1 { "" } else { "s" },
                summary_line(&total)
            )?;
            let most = total.most_missing(missing);
            if !most.is_empty() {
                writeln!(out, "most frequent words without a meaning:")?;
                for (word, count) in most {
                    writeln!(out, "  {count:>4}  {}", sanitize(word))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The article files named, folders expanded to their `.md` and `.txt` articles (translations
/// beside them, `NAME.en.md`, left out), in name order.
fn article_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(crate::catalog::article_files(std::slice::from_ref(path)));
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Converts increasing byte offsets within paragraphs to character offsets in one pass.
#[derive(Default)]
struct CharOffsets {
    paragraph: usize,
    byte: usize,
    chars: usize,
}

impl CharOffsets {
    fn at(&mut self, paragraph: usize, text: &str, byte: usize) -> usize {
        if paragraph != self.paragraph || byte < self.byte {
            *self = CharOffsets {
                paragraph,
                byte: 0,
                chars: 0,
            };
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}
