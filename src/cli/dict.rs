//! `kabar dict add|list|rm|order|enable|disable`: the installed dictionaries, kept in the
//! settings file (`[[dictionary]]` tables, in lookup order) with their indexes in the cache.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use crate::dictionaries::{self, installed};
use crate::library;
use crate::settings::{self, DictionarySetting, Settings, edit};
use crate::text::sanitize;

/// The `dict` subcommands.
#[derive(Debug, Subcommand)]
pub enum DictAction {
    /// Install a dictionary: a StarDict .ifo (beside its .idx and .dict or .dict.dz), a dictd
    /// .index (beside its .dict.dz), a .tsv/.csv word list, or a folder holding one. It is
    /// indexed once into kabar's cache and consulted after the dictionaries already installed.
    #[command(after_help = super::examples::DICT_ADD)]
    Add {
        /// The dictionary's file or folder.
        path: PathBuf,
        /// The name to know it by (default: from its file name).
        #[arg(long)]
        name: Option<String>,
    },
    /// List the layers of meaning in lookup order, with each dictionary's state.
    #[command(after_help = super::examples::DICT_LIST)]
    List,
    /// Uninstall a dictionary (its files are left where they are).
    #[command(after_help = super::examples::DICT_RM)]
    Rm {
        /// The dictionary's name.
        name: String,
    },
    /// Consult these dictionaries first, in this order (the others follow).
    #[command(after_help = super::examples::DICT_ORDER)]
    Order {
        /// Dictionary names.
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// Consult a dictionary again.
    #[command(after_help = super::examples::DICT_ENABLE)]
    Enable {
        /// The dictionary's name.
        name: String,
    },
    /// Keep a dictionary installed but stop consulting it.
    #[command(after_help = super::examples::DICT_DISABLE)]
    Disable {
        /// The dictionary's name.
        name: String,
    },
}

pub(super) fn run(action: DictAction) -> Result<ExitCode> {
    let path = library::settings_path().context(
        "no home folder is known, so there is no settings file to install into; set HOME",
    )?;
    match action {
        DictAction::Add { path: source, name } => add(&path, &source, name),
        DictAction::List => list(&path),
        DictAction::Rm { name } => {
            let loaded = load(&path);
            let removed = loaded.dictionary(&name).cloned();
            edit::remove_dictionary(&path, &name)?;
            if let (Some(setting), Some(cache)) = (removed, library::index_dir()) {
                // The index is only a cache; a stale one would be rebuilt anyway.
                let _ = std::fs::remove_file(installed::index_path(
                    &cache,
                    &setting.name,
                    &setting.path,
                ));
            }
            crate::safe_println!("removed {name}; its files are left where they are");
            Ok(ExitCode::SUCCESS)
        }
        DictAction::Order { names } => {
            edit::order_dictionaries(&path, &names)?;
            list(&path)
        }
        DictAction::Enable { name } => {
            edit::enable_dictionary(&path, &name, true)?;
            crate::safe_println!("{name} is consulted again");
            Ok(ExitCode::SUCCESS)
        }
        DictAction::Disable { name } => {
            edit::enable_dictionary(&path, &name, false)?;
            crate::safe_println!(
                "{name} stays installed but is not consulted (`kabar dict enable {name}`)"
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The settings, warning about their problems on stderr.
fn load(path: &Path) -> Settings {
    let loaded = Settings::load(path);
    for problem in &loaded.problems {
        crate::safe_eprintln!("kabar: warning: {}", sanitize(&problem.to_string()));
    }
    loaded.settings
}

fn add(settings_path: &Path, source: &Path, name: Option<String>) -> Result<ExitCode> {
    let started = Instant::now();
    let located = dictionaries::locate(source)?;
    let main = std::fs::canonicalize(&located.main)
        .with_context(|| format!("{}: cannot resolve the path", located.main.display()))?;
    let name = name.unwrap_or_else(|| installed::default_name(&located));
    if !settings::is_valid_name(&name) {
        bail!(
            "{name:?} is not a usable name: use letters, digits, - and _ (at most 40); choose one with --name"
        );
    }
    let current = load(settings_path);
    if let Some(existing) = current.dictionary(&name) {
        bail!(
            "a dictionary named {name} is already installed ({}); choose another with --name, or `kabar dict rm {name}` first",
            sanitize(&existing.path.display().to_string())
        );
    }
    let setting = DictionarySetting {
        name: name.clone(),
        path: main.clone(),
        enabled: true,
        phrases: true,
    };
    // Indexed now, so the first look-up is fast and a broken file is reported here.
    let bytes = installed::build(&located)?;
    if let Some(cache) = library::index_dir() {
        crate::index_file::write_atomically(&installed::index_path(&cache, &name, &main), &bytes)
            .with_context(|| format!("{}: cannot write the index", cache.display()))?;
    }
    let (dictionary, _) = installed::open(&setting, library::index_dir().as_deref())?;
    edit::add_dictionary(settings_path, &name, &main)?;
    let meta = dictionary.meta();
    crate::safe_println!(
        "installed {name}: {} ({}), {} headwords, {} other forms, {} phrases, indexed in {:.1} s",
        sanitize(dictionary.label()),
        located.format,
        meta.entries,
        meta.forms,
        meta.phrases,
        started.elapsed().as_secs_f64()
    );
    let position = current.dictionaries.len() + 1;
    crate::safe_println!(
        "consulted {} after your glossary{}; `kabar dict order` changes the order",
        ordinal(position),
        if position > 1 {
            " and the dictionaries before it"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn ordinal(n: usize) -> String {
    match n {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        n => format!("{n}th"),
    }
}

fn list(settings_path: &Path) -> Result<ExitCode> {
    let settings = load(settings_path);
    let cache = library::index_dir();
    let mut out = crate::safe_output::stdout();
    writeln!(out, "Layers of meaning, in lookup order:")?;
    writeln!(out, "  1. your glossary")?;
    let mut position = 2;
    let mut broken = false;
    for setting in &settings.dictionaries {
        let state = if !setting.enabled {
            "disabled".to_owned()
        } else {
            match installed::open(setting, cache.as_deref()) {
                Ok((dictionary, _)) => {
                    let meta = dictionary.meta();
                    format!(
                        "{}: {} headwords, {} forms, {} phrases{}",
                        sanitize(dictionary.label()),
                        meta.entries,
                        meta.forms,
                        meta.phrases,
                        if setting.phrases {
                            ""
                        } else {
                            " (phrases not matched in the text)"
                        }
                    )
                }
                Err(err) => {
                    broken = true;
                    format!("NOT USED: {}", sanitize(&err.to_string()))
                }
            }
        };
        writeln!(
            out,
            "  {position}. {}  {state}\n       {}",
            setting.name,
            sanitize(&setting.path.display().to_string())
        )?;
        position += 1;
    }
    if settings.lookup.base_dictionary {
        let base = crate::base_dictionary::open(cache.as_deref());
        writeln!(
            out,
            "  {position}. {}: {} headwords, {} phrases (built in)",
            crate::base_dictionary::LABEL,
            base.meta().entries,
            base.meta().phrases
        )?;
        position += 1;
    } else {
        writeln!(
            out,
            "     ({} turned off in the settings)",
            crate::base_dictionary::LABEL
        )?;
    }
    if settings.lookup.word_formation {
        writeln!(
            out,
            "  {position}. word formation: a derived word through its root"
        )?;
    }
    writeln!(
        out,
        "Settings: {}",
        sanitize(&settings_path.display().to_string())
    )?;
    Ok(if broken {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
