//! The command line: argument definitions, where the glossary and article come from, and the
//! dispatch to the reader ([`crate::ui::run`]) or a subcommand — the reading ones in
//! `inspect`, the ones that change the glossary in `authoring`, importing in `import`, feeds
//! in `feed`, what to learn in `learning`, the learner's progress in `progress`, then `review`
//! and `export`. Returns the exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

mod annotate;
mod authoring;
mod config;
mod dict;
mod examples;
mod export;
mod feed;
mod import;
mod inspect;
mod learning;
mod lookup;
mod progress;
mod review;
mod shell;

pub use dict::DictAction;
pub use feed::FeedAction;
pub use progress::ProgressAction;

use crate::article::Article;
use crate::glossary::Glossary;
use crate::glossary::edit::EntryDraft;
use crate::layers::{Dictionaries, Layers};
use crate::library;
use crate::morphology::Lexicon;
use crate::settings::Settings;
use crate::ui::{self, theme::Theme};

/// A terminal news reader for learning Indonesian through the news.
#[derive(Debug, Parser)]
#[command(name = "kabar", version, after_help = examples::KABAR)]
pub struct Cli {
    /// The article to read (default: the library; with one article in it, that article; with
    /// none, the bundled sample).
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
    /// Print the meaning of each word or phrase (quote phrases) and the layer it comes from:
    /// your glossary, an installed dictionary, kabar's base dictionary or word formation.
    /// Exits 1 when a word has no meaning in any layer.
    #[command(after_help = examples::LOOKUP)]
    Lookup {
        /// Words or phrases to look up.
        #[arg(required = true)]
        words: Vec<String>,
    },
    /// Print every word of an article with its position, the meaning the reader shows and the
    /// layer it comes from, then the share of running words explained.
    #[command(after_help = examples::ANNOTATE)]
    Annotate {
        /// The article file.
        article: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The share of running words (names, numbers and acronyms left out) that get a meaning,
    /// by layer, for articles or folders of articles, and the commonest words that get none.
    #[command(after_help = examples::COVERAGE)]
    Coverage {
        /// Article files or folders of articles.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// List this many of the commonest words without a meaning.
        #[arg(long, value_name = "N", default_value_t = 30)]
        missing: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Installed dictionaries (StarDict, dictd, TSV/CSV): add, list, remove, order, switch.
    #[command(after_help = examples::DICT)]
    Dict {
        /// What to do with dictionaries.
        #[command(subcommand)]
        action: DictAction,
    },
    /// Check the glossary files and the settings file; prints file:line:col: message for each problem.
    #[command(after_help = examples::CHECK)]
    Check,
    /// Add a term to the glossary.
    #[command(after_help = examples::ADD)]
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
    #[command(after_help = examples::EDIT)]
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
    #[command(after_help = examples::IMPORT_TERMS)]
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
    #[command(after_help = examples::EXPORT_TERMS)]
    ExportTerms {
        /// The CSV file to write.
        csv: PathBuf,
    },
    /// Remove a term from the glossary.
    #[command(after_help = examples::RM)]
    Rm {
        /// The term to remove (any case).
        term: String,
    },
    /// List the unknown words of articles by root and frequency, each with an example sentence
    /// (or, with --phrases, recurring phrases that are not in the glossary).
    #[command(after_help = examples::VOCAB)]
    Vocab {
        /// The article files.
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// List phrase candidates instead of words.
        #[arg(long)]
        phrases: bool,
        /// Show at most this many rows.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Import a .txt, .md or .html file or a web page (http/https) into your library.
    #[command(after_help = examples::IMPORT)]
    Import {
        /// The file or address.
        source: String,
    },
    /// News feeds (RSS/Atom): subscribe, update, list.
    #[command(after_help = examples::FEED)]
    Feed {
        /// What to do with feeds.
        #[command(subcommand)]
        action: FeedAction,
    },
    /// Your progress (the statuses in words.toml): move statuses out of glossary files.
    #[command(after_help = examples::PROGRESS)]
    Progress {
        /// What to do with your progress.
        #[command(subcommand)]
        action: ProgressAction,
    },
    /// Review the terms being learned (status 1–4) with spaced repetition (FSRS).
    #[command(after_help = examples::REVIEW)]
    Review {
        /// Hide the term in its sentence and show its translation as the hint.
        #[arg(long)]
        cloze: bool,
    },
    /// Export terms as an Anki text-import file and/or CSV ("-" for standard output), or send
    /// them to a running Anki through AnkiConnect.
    #[command(after_help = examples::EXPORT)]
    Export(export::ExportArgs),
    /// The settings file: a complete commented default, or where it lives.
    #[command(after_help = examples::CONFIG)]
    Config(config::ConfigArgs),
    /// Read one word per line on stdin and print `word<TAB>root` (the word itself when no root
    /// is found).
    #[command(after_help = examples::STEM)]
    Stem {
        /// Also print how each word is built.
        #[arg(long)]
        explain: bool,
    },
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print kabar's man page, or write a page for every command into a folder.
    #[command(after_help = examples::MAN)]
    Man {
        /// Write kabar.1 and one page per subcommand (kabar-feed-add.1, …) into DIR.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
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

/// Output formats of lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// For people.
    Text,
    /// Tab-separated values with a header row.
    Tsv,
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
        Some(Subcommands::Lookup { words }) => lookup::lookup(&words, &sources),
        Some(Subcommands::Annotate { article, format }) => {
            annotate::annotate(&article, format, &sources)
        }
        Some(Subcommands::Coverage {
            paths,
            missing,
            format,
        }) => annotate::coverage(&paths, missing, format, &sources),
        Some(Subcommands::Dict { action }) => dict::run(action),
        Some(Subcommands::Check) => inspect::check(sources.glossary.as_deref()),
        Some(Subcommands::Stem { explain }) => inspect::stem(explain, &sources),
        Some(Subcommands::Vocab {
            articles,
            format,
            phrases,
            limit,
        }) => learning::vocab(&articles, format, phrases, limit, &sources),
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
            authoring::add(&draft, file.as_deref(), sources.glossary.as_deref())
        }
        Some(Subcommands::Edit {
            term,
            translations,
            fields,
        }) => authoring::edit(&term, translations, fields, sources.glossary.as_deref()),
        Some(Subcommands::Rm { term }) => authoring::remove(&term, sources.glossary.as_deref()),
        Some(Subcommands::ImportTerms { csv, dry_run, file }) => {
            authoring::import_terms(&csv, dry_run, file.as_deref(), sources.glossary.as_deref())
        }
        Some(Subcommands::Progress { action }) => {
            progress::run(action, sources.glossary.as_deref())
        }
        Some(Subcommands::Review { cloze }) => review::review(cloze, &sources),
        Some(Subcommands::Export(args)) => export::export(&args, &sources),
        Some(Subcommands::Config(args)) => config::run(&args),
        Some(Subcommands::Completions { shell }) => shell::completions(shell),
        Some(Subcommands::Man { dir }) => shell::man(dir.as_deref()),
        Some(Subcommands::ExportTerms { csv }) => {
            authoring::export_terms(&csv, sources.glossary.as_deref())
        }
        Some(Subcommands::Import { source }) => import::import(&source),
        Some(Subcommands::Feed { action }) => match action {
            FeedAction::Add { url } => feed::add(&url),
            FeedAction::List { items } => feed::list(items, &sources),
            FeedAction::Update => feed::update(),
            FeedAction::Import { file } => feed::import(&file),
            FeedAction::Export { file } => feed::export(file.as_deref()),
        },
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
    fn layers(&self) -> Result<Opened> {
        let (glossary, note) = load_glossary(self.glossary.as_deref())?;
        // KABAR_HUNSPELL names another .dic file, or is empty to read none.
        let hunspell = match std::env::var_os("KABAR_HUNSPELL") {
            Some(path) if path.is_empty() => None,
            Some(path) => {
                let path = PathBuf::from(path);
                if !path.is_file() {
                    crate::safe_eprintln!(
                        "kabar: warning: KABAR_HUNSPELL names {}, which is not a file; roots are found without it",
                        path.display()
                    );
                }
                Some(path)
            }
            None => Some(PathBuf::from(crate::morphology::lexicon::HUNSPELL_ID)),
        };
        let lexicon = Lexicon::standard(&self.lexicons, hunspell.as_deref())?;
        let (dictionaries, warnings) = open_dictionaries();
        Ok(Opened {
            layers: Layers::build(glossary, lexicon, dictionaries),
            note,
            warnings,
        })
    }
}

/// The layers, with the glossary's note and every warning on stderr (stdout stays the
/// answer).
fn layers_for_output(sources: &Sources) -> Result<Layers> {
    let opened = sources.layers()?;
    opened.report();
    for problem in opened.layers.glossary().problems() {
        crate::safe_eprintln!(
            "kabar: warning: {}",
            crate::text::sanitize(&problem.to_string())
        );
    }
    Ok(opened.layers)
}

/// Everything a command reads meanings from, and what the learner should be told about it.
struct Opened {
    layers: Layers,
    /// Where the glossary came from, when it was not a folder the user named.
    note: Option<String>,
    /// Problems with the settings file or an installed dictionary; everything else works.
    warnings: Vec<String>,
}

impl Opened {
    /// Prints the note and warnings on stderr (stdout stays the answer).
    fn report(&self) {
        if let Some(note) = &self.note {
            crate::safe_eprintln!("kabar: note: {}", crate::text::sanitize(note));
        }
        for warning in &self.warnings {
            crate::safe_eprintln!("kabar: warning: {}", crate::text::sanitize(warning));
        }
    }
}

/// The dictionaries the settings name, opened (indexed on first use), with kabar's base
/// dictionary; a broken settings file or dictionary is a warning and the rest still works.
fn open_dictionaries() -> (Dictionaries, Vec<String>) {
    let mut warnings = Vec::new();
    let settings = match library::settings_path() {
        Some(path) => {
            let loaded = Settings::load(&path);
            warnings.extend(loaded.problems.iter().map(|p| p.to_string()));
            loaded.settings
        }
        None => Settings::default(),
    };
    let cache = library::index_dir();
    let mut installed = Vec::new();
    for setting in settings.dictionaries.iter().filter(|d| d.enabled) {
        match crate::dictionaries::installed::open(setting, cache.as_deref()) {
            Ok((dictionary, _)) => installed.push((dictionary, setting.phrases)),
            Err(err) => warnings.push(format!(
                "dictionary {} is not used: {err} (see `kabar dict list`)",
                setting.name
            )),
        }
    }
    let base = settings
        .lookup
        .base_dictionary
        .then(|| crate::base_dictionary::open(cache.as_deref()));
    (
        Dictionaries {
            installed,
            base,
            word_formation: settings.lookup.word_formation,
        },
        warnings,
    )
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

/// The learner's settings file (its values; its problems are reported elsewhere), or the
/// defaults without one.
fn settings_file() -> Settings {
    library::settings_path()
        .map(|path| Settings::load(&path).settings)
        .unwrap_or_default()
}

/// The styles of every kabar screen: the learner's `[theme]`, as `NO_COLOR` and `COLORTERM`
/// allow.
fn learner_theme(settings: &Settings) -> Theme {
    Theme::from_settings(
        &settings.theme,
        ui::theme::ColourEnv {
            no_color: std::env::var("NO_COLOR").ok().as_deref(),
            colorterm: std::env::var("COLORTERM").ok().as_deref(),
        },
    )
}

fn read(article: Option<&Path>, sources: &Sources) -> Result<ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the reader needs a terminal; in scripts use `kabar annotate ARTICLE` or `kabar lookup WORD`"
        );
    }
    let Opened {
        layers,
        note,
        warnings: layer_warnings,
    } = sources.layers()?;
    let size =
        ratatui::crossterm::terminal::size().map(|(w, h)| ratatui::layout::Size::new(w, h))?;
    // Problems in the file are reported with the layers' warnings; only the values here.
    let file = settings_file();
    let (keymap, key_problems) = ui::keymap::Keymap::with_rebindings(&file.keys);
    let mut settings = ui::shell::ReaderSettings {
        theme: Some(learner_theme(&file)),
        data_dir: library::data_dir(),
        refresh_minutes: file.feeds.refresh_minutes,
        translator: file.translator,
        keymap,
        ..Default::default()
    };
    settings.warnings.extend(layer_warnings);
    settings
        .warnings
        .extend(key_problems.iter().map(ToString::to_string));
    match note {
        // The built-in glossary cannot be changed: adding needs a folder.
        Some(note) => settings.warnings.push(note),
        None => {
            settings.glossary_dir = sources
                .glossary
                .clone()
                .or_else(library::default_glossary_dir);
        }
    }
    let words = match library::word_statuses() {
        Ok(words) => {
            settings.warnings.extend(words.problems().iter().cloned());
            words
        }
        Err(err) => {
            settings.warnings.push(err.to_string());
            library::word_statuses_path()
                .map_or_else(crate::word_status::WordStatuses::in_memory, |path| {
                    crate::word_status::WordStatuses::unreadable(&path)
                })
        }
    };
    let positions = match library::positions() {
        Ok(positions) => {
            settings
                .warnings
                .extend(positions.problems().iter().cloned());
            positions
        }
        Err(err) => {
            settings
                .warnings
                .push(format!("{err} — reading positions are not saved"));
            crate::positions::Positions::in_memory()
        }
    };
    if let Some(path) = article {
        // A missing or broken article is an error before the screen changes.
        Article::load(path)?;
    }
    let mut shell = ui::Shell::library(
        library::article_folders(),
        layers,
        words,
        positions,
        settings,
        size,
    );
    match (article, shell.library_len()) {
        (Some(path), _) => shell.open(path),
        // Nothing in the library (outside the project, nothing imported): the sample compiled
        // into kabar, with the library (and how to fill it) behind Esc.
        (None, 0) => shell.open_article(library::bundled_article()?),
        // A library of one (a fresh clone): that article at once.
        (None, 1) => {
            let path = shell
                .library_view()
                .and_then(|library| library.selected_item())
                .map(|item| item.path.clone());
            if let Some(path) = path {
                shell.open(&path);
            }
        }
        (None, _) => {}
    }
    let stopped_by = ui::run(shell, &|| Ok(sources.layers()?.layers))?;
    // Stopped by a signal: the conventional 128 + its number, after a clean exit.
    Ok(stopped_by.map_or(ExitCode::SUCCESS, |signal| {
        ExitCode::from(128u8.saturating_add(u8::try_from(signal).unwrap_or(0)))
    }))
}
