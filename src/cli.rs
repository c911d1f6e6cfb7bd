//! The command line: argument definitions and the non-interactive subcommands (`lookup`,
//! `annotate`, `check`). Loads files, prints results and returns the exit code; the reader
//! itself is started through [`crate::ui::run`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::article::Article;
use crate::document::Document;
use crate::enclitic;
use crate::glossary::{EntryId, Glossary};
use crate::library;
use crate::matcher::Matcher;
use crate::text::fold;
use crate::ui::{self, App, theme::Theme};

/// A terminal news reader for learning Indonesian through the news.
#[derive(Debug, Parser)]
#[command(name = "kabar", version)]
pub struct Cli {
    /// The article to read (default: the bundled sample article).
    pub article: Option<PathBuf>,
    /// The glossary folder (default: ./glossary when present, else the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub glossary: Option<PathBuf>,
    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Subcommands>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Subcommands {
    /// Print the glossary entry for each word or phrase (quote phrases).
    Lookup {
        /// Words or phrases to look up.
        #[arg(required = true)]
        words: Vec<String>,
    },
    /// Print every glossary term found in an article, with its position.
    Annotate {
        /// The article file.
        article: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Check the glossary files; prints file:line:col: message for each problem.
    Check,
}

/// Output formats of `annotate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per term.
    Text,
    /// A JSON document.
    Json,
}

/// Runs the parsed command line and returns the process exit code: 0 success, 1 when the
/// answer is "problems found" or "not found", 2 for errors (reported through `Err`).
pub fn run(cli: Cli) -> Result<ExitCode> {
    if let (Some(article), Some(_)) = (&cli.article, &cli.command) {
        bail!(
            "{}: an article and a subcommand were both given; use `kabar ARTICLE` to read, or the subcommand alone",
            article.display()
        );
    }
    match cli.command {
        None => read(cli.article.as_deref(), cli.glossary.as_deref()),
        Some(Subcommands::Lookup { words }) => lookup(&words, cli.glossary.as_deref()),
        Some(Subcommands::Annotate { article, format }) => {
            annotate(&article, format, cli.glossary.as_deref())
        }
        Some(Subcommands::Check) => check(cli.glossary.as_deref()),
    }
}

/// The glossary plus a warning when no folder was found.
fn load_glossary(dir: Option<&Path>) -> Result<(Glossary, Option<String>)> {
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None => match library::default_glossary_dir() {
            Some(dir) => dir,
            None => {
                let data = library::data_dir().map(|d| d.join("glossary").display().to_string());
                let warning = format!(
                    "no glossary folder found (looked in ./{}{}); pass --glossary DIR",
                    library::LOCAL_GLOSSARY,
                    data.map(|d| format!(" and {d}")).unwrap_or_default()
                );
                return Ok((Glossary::default(), Some(warning)));
            }
        },
    };
    let glossary = Glossary::load_dir(&dir)
        .with_context(|| format!("{}: cannot read the glossary folder", dir.display()))?;
    Ok((glossary, None))
}

fn load_article(path: Option<&Path>) -> Result<Article> {
    Ok(match path {
        Some(path) => Article::load(path)?,
        None => library::bundled_article()?,
    })
}

fn read(article: Option<&Path>, glossary_dir: Option<&Path>) -> Result<ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the reader needs a terminal; in scripts use `kabar annotate ARTICLE` or `kabar lookup WORD`"
        );
    }
    let article = load_article(article)?;
    let (glossary, warning) = load_glossary(glossary_dir)?;
    let document = Document::new(article, &Matcher::new(&glossary));
    let size =
        ratatui::crossterm::terminal::size().map(|(w, h)| ratatui::layout::Size::new(w, h))?;
    let theme = Theme::from_no_color(std::env::var("NO_COLOR").ok().as_deref());
    let mut app = App::new(document, glossary, size).with_theme(theme);
    if let Some(warning) = warning {
        app = app.with_warning(warning);
    }
    ui::run(app)?;
    Ok(ExitCode::SUCCESS)
}

fn lookup(words: &[String], glossary_dir: Option<&Path>) -> Result<ExitCode> {
    let (glossary, warning) = load_glossary(glossary_dir)?;
    if let Some(warning) = warning {
        eprintln!("kabar: {warning}");
    }
    let mut out = std::io::stdout().lock();
    let mut missing = 0;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let folded = fold(word);
        if let Some(id) = glossary.lookup_folded(&folded) {
            write_entry(&mut out, &glossary, id)?;
        } else if let Some((id, clitic)) = enclitic::split(&folded)
            .and_then(|(stem, clitic)| glossary.lookup_folded(stem).map(|id| (id, clitic)))
        {
            writeln!(
                out,
                "{word} = {} + -{} ({})",
                glossary.entry(id).term,
                clitic.suffix(),
                clitic.meaning()
            )?;
            write_entry(&mut out, &glossary, id)?;
        } else {
            missing += 1;
            writeln!(out, "{word}: not in the glossary")?;
        }
    }
    Ok(if missing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
    if !entry.tags.is_empty() {
        writeln!(out, "  tags: {}", entry.tags.join(", "))?;
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

fn annotate(path: &Path, format: Format, glossary_dir: Option<&Path>) -> Result<ExitCode> {
    let article = Article::load(path)?;
    let (glossary, warning) = load_glossary(glossary_dir)?;
    if let Some(warning) = warning {
        eprintln!("kabar: {warning}");
    }
    for problem in glossary.problems() {
        eprintln!("kabar: warning: {problem}");
    }
    let doc = Document::new(article, &Matcher::new(&glossary));
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
    let mut out = std::io::stdout().lock();
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

fn check(glossary_dir: Option<&Path>) -> Result<ExitCode> {
    let (glossary, warning) = load_glossary(glossary_dir)?;
    if let Some(warning) = warning {
        bail!("{warning}");
    }
    let mut out = std::io::stdout().lock();
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
