//! The command line: argument definitions and the non-interactive subcommands (`lookup`,
//! `annotate`, `check`, `stem`). Loads files, prints results and returns the exit code; the reader
//! itself is started through [`crate::ui::run`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::article::Article;
use crate::dictionary::Dictionary;
use crate::document::Document;
use crate::enclitic;
use crate::glossary::edit::{self as glossary_edit, EntryDraft};
use crate::glossary::{EntryId, Glossary};
use crate::library;
use crate::morphology::{Analysis, Lexicon};
use crate::text::fold;
use crate::ui::{self, App, theme::Theme};

/// A terminal news reader for learning Indonesian through the news.
#[derive(Debug, Parser)]
#[command(name = "kabar", version)]
pub struct Cli {
    /// The article to read (default: the bundled sample article).
    pub article: Option<PathBuf>,
    /// The glossary folder (default: ./glossary when present, else the user's data folder,
    /// else the glossary built into kabar).
    #[arg(long, global = true, value_name = "DIR")]
    pub glossary: Option<PathBuf>,
    /// An extra word list for root finding, one word per line (repeatable).
    #[arg(long, global = true, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
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
    /// Add a term to the glossary.
    Add {
        /// The Indonesian word or phrase.
        term: String,
        /// Its English translation.
        translation: String,
        #[command(flatten)]
        fields: EntryFields,
        /// The glossary file to write, inside the glossary folder (default: added.toml).
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Change a term: only the fields given change; everything else stays as written.
    Edit {
        /// The term to change (any case).
        term: String,
        /// A new translation (repeat for several senses).
        #[arg(long = "translation", value_name = "TEXT")]
        translations: Vec<String>,
        #[command(flatten)]
        fields: EntryFields,
    },
    /// Import terms from a Lute term CSV file (term, translation, parent, status, tags, pronunciation).
    ImportTerms {
        /// The CSV file.
        csv: PathBuf,
        /// Show what would change without writing.
        #[arg(long)]
        dry_run: bool,
        /// The glossary file to add to (default: added.toml).
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Export the glossary as a Lute term CSV file ("-" for standard output).
    ExportTerms {
        /// The CSV file to write.
        csv: PathBuf,
    },
    /// Remove a term from the glossary.
    Rm {
        /// The term to remove (any case).
        term: String,
    },
    /// Read one word per line on stdin and print `word<TAB>root` (the word itself when no root
    /// is found).
    Stem {
        /// Also print how each word is built.
        #[arg(long)]
        explain: bool,
    },
}

/// The optional fields of `add` and `edit`.
#[derive(Debug, clap::Args)]
pub struct EntryFields {
    /// Part of speech (noun, verb, …).
    #[arg(long, value_name = "POS")]
    pub pos: Option<String>,
    /// A note, such as how the word is built.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// A tag (repeat for several).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
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
    let sources = Sources {
        glossary: cli.glossary,
        lexicons: cli.lexicon,
    };
    match cli.command {
        None => read(cli.article.as_deref(), &sources),
        Some(Subcommands::Lookup { words }) => lookup(&words, &sources),
        Some(Subcommands::Annotate { article, format }) => annotate(&article, format, &sources),
        Some(Subcommands::Check) => check(sources.glossary.as_deref()),
        Some(Subcommands::Stem { explain }) => stem(explain, &sources),
        Some(Subcommands::Add {
            term,
            translation,
            fields,
            file,
        }) => {
            let draft = EntryDraft {
                term,
                translations: vec![translation],
                pos: fields.pos,
                note: fields.note,
                tags: fields.tags,
                ..EntryDraft::default()
            };
            add(&draft, file.as_deref(), sources.glossary.as_deref())
        }
        Some(Subcommands::Edit {
            term,
            translations,
            fields,
        }) => edit(&term, translations, fields, sources.glossary.as_deref()),
        Some(Subcommands::Rm { term }) => remove(&term, sources.glossary.as_deref()),
        Some(Subcommands::ImportTerms { csv, dry_run, file }) => {
            import_terms(&csv, dry_run, file.as_deref(), sources.glossary.as_deref())
        }
        Some(Subcommands::ExportTerms { csv }) => export_terms(&csv, sources.glossary.as_deref()),
    }
}

/// Where the glossary and extra word lists come from.
struct Sources {
    glossary: Option<PathBuf>,
    lexicons: Vec<PathBuf>,
}

impl Sources {
    /// Loads the glossary and compiles it with the lexicon. The note says where the glossary
    /// came from when it was not a folder the user named.
    fn dictionary(&self) -> Result<(Dictionary, Option<String>)> {
        let (glossary, note) = load_glossary(self.glossary.as_deref())?;
        // KABAR_HUNSPELL names another .dic file, or is empty to read none.
        let hunspell = match std::env::var_os("KABAR_HUNSPELL") {
            Some(path) if path.is_empty() => None,
            Some(path) => {
                let path = PathBuf::from(path);
                if !path.is_file() {
                    eprintln!(
                        "kabar: warning: KABAR_HUNSPELL names {}, which is not a file; roots are found without it",
                        path.display()
                    );
                }
                Some(path)
            }
            None => Some(PathBuf::from(crate::morphology::lexicon::HUNSPELL_ID)),
        };
        let lexicon = Lexicon::standard(&self.lexicons, hunspell.as_deref())?;
        Ok((Dictionary::new(glossary, lexicon), note))
    }
}

/// The glossary, from `dir`, the default folders, or else the one built into kabar (with a
/// note saying so).
fn load_glossary(dir: Option<&Path>) -> Result<(Glossary, Option<String>)> {
    let dir = match dir
        .map(Path::to_path_buf)
        .or_else(library::default_glossary_dir)
    {
        Some(dir) => dir,
        None => {
            let note = format!(
                "no glossary folder found ({}); using the glossary built into kabar",
                looked_in()
            );
            return Ok((library::bundled_glossary(), Some(note)));
        }
    };
    let glossary = Glossary::load_dir_indexed(&dir, library::index_dir().as_deref())
        .with_context(|| format!("{}: cannot read the glossary folder", dir.display()))?;
    Ok((glossary, None))
}

/// "looked in ./glossary and ~/.local/share/kabar/glossary"
fn looked_in() -> String {
    let data = library::data_dir().map(|d| format!(" and {}", d.join("glossary").display()));
    format!(
        "looked in ./{}{}",
        library::LOCAL_GLOSSARY,
        data.unwrap_or_default()
    )
}

fn load_article(path: Option<&Path>) -> Result<Article> {
    Ok(match path {
        Some(path) => Article::load(path)?,
        None => library::bundled_article()?,
    })
}

fn read(article: Option<&Path>, sources: &Sources) -> Result<ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the reader needs a terminal; in scripts use `kabar annotate ARTICLE` or `kabar lookup WORD`"
        );
    }
    let article = load_article(article)?;
    let (dictionary, note) = sources.dictionary()?;
    let document = Document::new(article, &dictionary);
    let size =
        ratatui::crossterm::terminal::size().map(|(w, h)| ratatui::layout::Size::new(w, h))?;
    let theme = Theme::from_no_color(std::env::var("NO_COLOR").ok().as_deref());
    let mut app = App::new(document, dictionary, size).with_theme(theme);
    match note {
        // The built-in glossary cannot be changed: adding needs a folder.
        Some(note) => app = app.with_warning(note),
        None => {
            if let Some(dir) = sources
                .glossary
                .clone()
                .or_else(library::default_glossary_dir)
            {
                app = app.with_glossary_dir(dir);
            }
        }
    }
    ui::run(app, &|| Ok(sources.dictionary()?.0))?;
    Ok(ExitCode::SUCCESS)
}

fn lookup(words: &[String], sources: &Sources) -> Result<ExitCode> {
    let (dictionary, note) = sources.dictionary()?;
    if let Some(note) = note {
        eprintln!("kabar: note: {note}");
    }
    let glossary = dictionary.glossary();
    for problem in glossary.problems() {
        eprintln!("kabar: warning: {problem}");
    }
    let mut out = std::io::stdout().lock();
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

fn annotate(path: &Path, format: Format, sources: &Sources) -> Result<ExitCode> {
    let article = Article::load(path)?;
    let (dictionary, note) = sources.dictionary()?;
    if let Some(note) = note {
        eprintln!("kabar: note: {note}");
    }
    let glossary = dictionary.glossary();
    for problem in glossary.problems() {
        eprintln!("kabar: warning: {problem}");
    }
    for warning in &article.warnings {
        eprintln!("kabar: warning: {warning}");
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

fn stem(explain: bool, sources: &Sources) -> Result<ExitCode> {
    let (dictionary, _) = sources.dictionary()?;
    let analyser = dictionary.analyser();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut input = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut input)?;
    for (number, bytes) in input.split(|&b| b == b'\n').enumerate() {
        // A line that is not UTF-8 is reported and skipped; the rest still gets its roots.
        let Ok(line) = std::str::from_utf8(bytes) else {
            eprintln!("kabar: stdin:{}: not UTF-8 text; line skipped", number + 1);
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

/// The folder `add`, `edit` and `rm` change: --glossary, the default folders, or (created
/// when needed) the one in the user's data folder.
fn writable_glossary_dir(dir: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = dir
        .map(Path::to_path_buf)
        .or_else(library::default_glossary_dir)
    {
        return Ok(dir);
    }
    let dir = library::data_dir()
        .map(|d| d.join("glossary"))
        .context("no glossary folder and no data folder; pass --glossary DIR")?;
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("{}: cannot create the glossary folder", dir.display()))?;
    Ok(dir)
}

fn add(draft: &EntryDraft, file: Option<&Path>, dir: Option<&Path>) -> Result<ExitCode> {
    let dir = writable_glossary_dir(dir)?;
    let glossary = Glossary::load_dir(&dir)
        .with_context(|| format!("{}: cannot read the glossary folder", dir.display()))?;
    let file = file.unwrap_or(Path::new(glossary_edit::DEFAULT_FILE));
    let change = glossary_edit::add(&dir, file, &glossary, draft)?;
    println!(
        "added \"{}\" to {}",
        draft.term.trim(),
        change.path.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn edit(
    term: &str,
    translations: Vec<String>,
    fields: EntryFields,
    dir: Option<&Path>,
) -> Result<ExitCode> {
    let dir = writable_glossary_dir(dir)?;
    let glossary = Glossary::load_dir(&dir)
        .with_context(|| format!("{}: cannot read the glossary folder", dir.display()))?;
    let id = glossary
        .lookup(term)
        .ok_or_else(|| glossary_edit::EditError::NotFound(term.to_owned()))?;
    let entry = glossary.entry(id);
    if translations.is_empty()
        && fields.pos.is_none()
        && fields.note.is_none()
        && fields.tags.is_empty()
    {
        bail!("nothing to change: give --translation, --pos, --note or --tag");
    }
    let draft = EntryDraft {
        term: entry.term.clone(),
        translations: if translations.is_empty() {
            entry.translations.clone()
        } else {
            translations
        },
        pos: fields.pos.or_else(|| entry.pos.clone()),
        note: fields.note.or_else(|| entry.note.clone()),
        tags: if fields.tags.is_empty() {
            entry.tags.clone()
        } else {
            fields.tags
        },
        examples: entry.examples.clone(),
        parents: entry.parents.clone(),
        pronunciation: entry.pronunciation.clone(),
        status: entry.status,
    };
    let change = glossary_edit::edit(&glossary, term, &draft)?;
    println!("changed \"{}\" in {}", entry.term, change.path.display());
    Ok(ExitCode::SUCCESS)
}

fn remove(term: &str, dir: Option<&Path>) -> Result<ExitCode> {
    let dir = writable_glossary_dir(dir)?;
    let glossary = Glossary::load_dir(&dir)
        .with_context(|| format!("{}: cannot read the glossary folder", dir.display()))?;
    let change = glossary_edit::remove(&glossary, term)?;
    println!("removed \"{term}\" from {}", change.path.display());
    Ok(ExitCode::SUCCESS)
}

fn import_terms(
    csv: &Path,
    dry_run: bool,
    file: Option<&Path>,
    dir: Option<&Path>,
) -> Result<ExitCode> {
    let input = std::fs::File::open(csv)
        .with_context(|| format!("{}: cannot read the CSV file", csv.display()))?;
    let (drafts, problems) = crate::glossary::lute::import(input)
        .with_context(|| format!("{}: not a readable CSV file", csv.display()))?;
    let dir = writable_glossary_dir(dir)?;
    let glossary = Glossary::load_dir(&dir)
        .with_context(|| format!("{}: cannot read the glossary folder", dir.display()))?;
    let file = file.unwrap_or(Path::new(glossary_edit::DEFAULT_FILE));
    let mut out = std::io::stdout().lock();
    for problem in &problems {
        writeln!(
            out,
            "{}:{}: skipped: {}",
            csv.display(),
            problem.line,
            problem.message
        )?;
    }
    let mut fresh = Vec::new();
    for draft in &drafts {
        match glossary.lookup(&draft.term) {
            Some(id) => {
                let entry = glossary.entry(id);
                writeln!(
                    out,
                    "skipped \"{}\": already at {}:{}",
                    draft.term,
                    glossary.file_of(entry).display(),
                    entry.at
                )?;
            }
            None => fresh.push(draft.clone()),
        }
    }
    let target = dir.join(file);
    if dry_run {
        writeln!(
            out,
            "would add {} terms to {} (dry run: nothing written)",
            fresh.len(),
            target.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let (change, added) = glossary_edit::add_many(&dir, file, &glossary, &fresh)?;
    writeln!(out, "added {added} terms to {}", change.path.display())?;
    Ok(ExitCode::SUCCESS)
}

fn export_terms(csv: &Path, dir: Option<&Path>) -> Result<ExitCode> {
    let (glossary, _) = load_glossary(dir)?;
    let rows = if csv == Path::new("-") {
        crate::glossary::lute::export(&glossary, std::io::stdout().lock())?
    } else {
        let out = std::fs::File::create(csv)
            .with_context(|| format!("{}: cannot write the CSV file", csv.display()))?;
        let rows = crate::glossary::lute::export(&glossary, out)?;
        eprintln!("kabar: wrote {rows} terms to {}", csv.display());
        rows
    };
    let _ = rows;
    Ok(ExitCode::SUCCESS)
}
