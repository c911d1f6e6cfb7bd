//! Commands that read: `lookup`, `annotate`, `check` and `stem`. They print results and
//! return the exit code; nothing here writes a file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::Serialize;

use super::{Format, Sources, load_glossary, looked_in};
use crate::article::Article;
use crate::document::Document;
use crate::enclitic;
use crate::glossary::{EntryId, Glossary};
use crate::library;
use crate::morphology::Analysis;
use crate::text::fold;

/// The dictionary, with its notes and glossary problems on stderr (stdout stays the answer).
fn dictionary_for_output(sources: &Sources) -> Result<crate::dictionary::Dictionary> {
    let (dictionary, note) = sources.dictionary()?;
    if let Some(note) = note {
        crate::safe_eprintln!("kabar: note: {note}");
    }
    for problem in dictionary.glossary().problems() {
        crate::safe_eprintln!("kabar: warning: {problem}");
    }
    Ok(dictionary)
}

pub(super) fn lookup(words: &[String], sources: &Sources) -> Result<ExitCode> {
    let dictionary = dictionary_for_output(sources)?;
    let glossary = dictionary.glossary();
    let mut out = crate::safe_output::stdout();
    let mut missing = 0;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        // Pasted text often brings punctuation along ("Rusia," or "(ICC)").
        let pasted = word;
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            missing += 1;
            writeln!(out, "{pasted:?}: no word to look up")?;
            continue;
        }
        let folded = fold(word);
        if let Some(id) = glossary.lookup_folded(&folded) {
            write_entry(&mut out, glossary, id)?;
            continue;
        }
        // The word as a glossary term plus an enclitic reads better than its bare root.
        if let Some((id, clitic)) = enclitic::split(&folded)
            .and_then(|(stem, clitic)| glossary.lookup_folded(stem).map(|id| (id, clitic)))
        {
            let term = &glossary.entry(id).term;
            writeln!(
                out,
                "{word} = {term} + -{} ({})",
                clitic.suffix(),
                clitic.meaning()
            )?;
            write_entry(&mut out, glossary, id)?;
            continue;
        }
        // The best analysis whose root has an entry, if it is nearly as likely as the best one:
        // a far-fetched reading (berusia as ber- + Rusia) is worse than no answer.
        let analyses = dictionary.analyser().analyse(word);
        let best_cost = analyses.first().map_or(0.0, |a| a.cost);
        let derived = analyses
            .into_iter()
            .take_while(|analysis| analysis.cost <= best_cost + 1.0)
            .find_map(|analysis| dictionary.root_entry(&analysis).map(|id| (analysis, id)));
        match derived {
            Some((analysis, id)) => {
                write_breakdown(&mut out, word, &analysis)?;
                write_entry(&mut out, glossary, id)?;
            }
            None => {
                missing += 1;
                match dictionary.analyser().best(word) {
                    Some(analysis) if analysis.is_affixed() => {
                        write_breakdown(&mut out, word, &analysis)?;
                        writeln!(out, "{}: not in the glossary", analysis.root)?;
                    }
                    _ => writeln!(out, "{word}: not in the glossary")?,
                }
            }
        }
    }
    Ok(if missing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// "penangkapannya = peN- + tangkap + -an + -nya: the act or process of; his/her/its…"
fn write_breakdown(out: &mut impl Write, word: &str, analysis: &Analysis) -> std::io::Result<()> {
    writeln!(out, "{word} = {}: {}", analysis.parts(), analysis.meaning())?;
    for (affix, meaning) in analysis.affix_meanings() {
        writeln!(out, "  {affix:<9} {meaning}")?;
    }
    Ok(())
}

fn write_entry(out: &mut impl Write, glossary: &Glossary, id: EntryId) -> std::io::Result<()> {
    let entry = glossary.entry(id);
    match &entry.pos {
        Some(pos) => writeln!(out, "{}  ({pos})", entry.term)?,
        None => writeln!(out, "{}", entry.term)?,
    }
    for translation in &entry.translations {
        writeln!(out, "  {translation}")?;
    }
    if let Some(root) = &entry.root {
        let gloss = glossary
            .lookup(root)
            .map(|r| format!(" = {}", glossary.entry(r).translation_line()));
        writeln!(out, "  root: {root}{}", gloss.unwrap_or_default())?;
    }
    if let Some(note) = &entry.note {
        writeln!(out, "  note: {note}")?;
    }
    if let Some(pronunciation) = &entry.pronunciation {
        writeln!(out, "  pronunciation: {pronunciation}")?;
    }
    if !entry.parents.is_empty() {
        writeln!(out, "  related: {}", entry.parents.join(", "))?;
    }
    for example in &entry.examples {
        writeln!(out, "  example: {example}")?;
    }
    if !entry.tags.is_empty() {
        writeln!(out, "  tags: {}", entry.tags.join(", "))?;
    }
    if let Some(status) = entry.status {
        writeln!(out, "  status: {status}")?;
    }
    writeln!(
        out,
        "  from {}:{}",
        glossary.file_of(entry).display(),
        entry.at
    )
}

/// One matched term in `annotate` output.
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

pub(super) fn annotate(path: &Path, format: Format, sources: &Sources) -> Result<ExitCode> {
    let article = Article::load(path)?;
    let dictionary = dictionary_for_output(sources)?;
    let glossary = dictionary.glossary();
    for warning in &article.warnings {
        crate::safe_eprintln!("kabar: warning: {warning}");
    }
    let doc = Document::new(article, &dictionary);
    let mut terms = Vec::with_capacity(doc.annotation().primary.len());
    let mut chars = CharOffsets::default();
    for m in &doc.annotation().primary {
        let paragraph = doc.paragraph_of(m.start as usize);
        let text = &doc.article().paragraphs[paragraph];
        let first = doc.tokens()[m.start as usize];
        let last = doc.tokens()[m.end as usize - 1];
        let entry = glossary.entry(m.entry);
        terms.push(AnnotatedTerm {
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
        });
    }
    let mut out = crate::safe_output::stdout();
    match format {
        Format::Json => {
            let meta = &doc.article().meta;
            let document = serde_json::json!({
                "article": { "path": path, "title": doc.article().title(), "source": meta.source },
                "terms": terms,
            });
            // Through io::Error so a closed pipe is recognised as one.
            serde_json::to_writer_pretty(&mut out, &document).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => {
            for t in &terms {
                let clitic = t
                    .enclitic
                    .as_deref()
                    .map(|c| format!(" + {c}"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "¶{} {}-{}\t{}\t→ {}{clitic}: {}",
                    t.paragraph,
                    t.start,
                    t.end,
                    t.surface,
                    t.term,
                    t.translations.join("; ")
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
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

pub(super) fn check(glossary_dir: Option<&Path>) -> Result<ExitCode> {
    let Some(dir) = glossary_dir
        .map(Path::to_path_buf)
        .or_else(library::default_glossary_dir)
    else {
        bail!(
            "no glossary folder found ({}); pass --glossary DIR",
            looked_in()
        );
    };
    let (glossary, _) = load_glossary(Some(&dir))?;
    if glossary.files().is_empty() {
        bail!("{}: no *.toml glossary files in this folder", dir.display());
    }
    let mut out = crate::safe_output::stdout();
    for problem in glossary.problems() {
        writeln!(out, "{problem}")?;
        if let Some(line) = &problem.source_line {
            writeln!(out, "    | {line}")?;
        }
    }
    let files = glossary.files().len();
    let problems = glossary.problems().len();
    let entries = glossary.len();
    writeln!(
        out,
        "{entries} {} in {files} file{}: {}",
        if entries == 1 { "entry" } else { "entries" },
        if files == 1 { "" } else { "s" },
        match problems {
            0 => "no problems".to_owned(),
            1 => "1 problem".to_owned(),
            n => format!("{n} problems"),
        }
    )?;
    Ok(if problems > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) fn stem(explain: bool, sources: &Sources) -> Result<ExitCode> {
    let (dictionary, _) = sources.dictionary()?;
    let analyser = dictionary.analyser();
    let mut out =
        crate::safe_output::Sanitizing::new(std::io::BufWriter::new(crate::safe_output::stdout()));
    let mut input = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut input)?;
    for (number, bytes) in input.split(|&b| b == b'\n').enumerate() {
        // A line that is not UTF-8 is reported and skipped; the rest still gets its roots.
        let Ok(line) = std::str::from_utf8(bytes) else {
            crate::safe_eprintln!("kabar: stdin:{}: not UTF-8 text; line skipped", number + 1);
            continue;
        };
        let word = line.trim();
        if word.is_empty() {
            continue;
        }
        match analyser.best(word) {
            Some(analysis) if explain => writeln!(
                out,
                "{word}\t{}\t{}\t{}",
                analysis.root,
                analysis.parts(),
                analysis.meaning()
            )?,
            Some(analysis) => writeln!(out, "{word}\t{}", analysis.root)?,
            // --explain always prints four columns, empty when there is nothing to explain.
            None if explain => writeln!(out, "{word}\t{word}\t\t")?,
            None => writeln!(out, "{word}\t{word}")?,
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
