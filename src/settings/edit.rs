//! Changes kabar makes to the settings file: installing, removing, reordering and switching
//! dictionaries. Each goes through a comment-preserving TOML editor applied to the file as it
//! is on disk, then an atomic replace that refuses if the file changed meanwhile; everything
//! the learner wrote — comments, other sections, key order — stays byte for byte.

use std::path::Path;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::is_valid_name;
use crate::atomic_file;

/// Why the settings file was not changed.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The file is not valid TOML, so kabar will not rewrite it.
    #[error("{}: not valid TOML ({reason}); fix it first, kabar did not change it", path.display())]
    Invalid {
        /// The file.
        path: std::path::PathBuf,
        /// The parser's message.
        reason: String,
    },
    /// No dictionary of that name is installed.
    #[error("no dictionary named {0:?} is installed (see `kabar dict list`)")]
    NoSuch(String),
    /// The name is taken.
    #[error("a dictionary named {0:?} is already installed; choose another with --name")]
    Taken(String),
    /// The name cannot be used.
    #[error("{0:?} is not a usable name: use letters, digits, - and _ (at most 40)")]
    BadName(String),
    /// Writing failed or someone else saved the file meanwhile.
    #[error(transparent)]
    Write(#[from] atomic_file::ReplaceError),
    /// Reading failed.
    #[error("{}: {reason}", path.display())]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        reason: std::io::Error,
    },
}

/// Appends a `[[dictionary]]` table for `name` at `dictionary_path` (consulted last).
pub fn add_dictionary(
    settings: &Path,
    name: &str,
    dictionary_path: &Path,
) -> Result<(), EditError> {
    if !is_valid_name(name) {
        return Err(EditError::BadName(name.to_owned()));
    }
    change(settings, |document| {
        if names(document).iter().any(|n| n == name) {
            return Err(EditError::Taken(name.to_owned()));
        }
        let mut table = Table::new();
        table.insert("name", value(name));
        table.insert("path", value(dictionary_path.to_string_lossy().as_ref()));
        dictionaries(document).push(table);
        Ok(())
    })
}

/// Removes the `[[dictionary]]` table of `name` (and the comments written above it).
pub fn remove_dictionary(settings: &Path, name: &str) -> Result<(), EditError> {
    change(settings, |document| {
        let at = position(document, name)?;
        dictionaries(document).remove(at);
        Ok(())
    })
}

/// Puts the dictionaries named in `first` first, in that order; the others follow in their
/// present order.
pub fn order_dictionaries(settings: &Path, first: &[String]) -> Result<(), EditError> {
    change(settings, |document| {
        for name in first {
            position(document, name)?;
        }
        let array = dictionaries(document);
        let mut tables: Vec<Table> = array.iter().cloned().collect();
        let mut ordered = Vec::with_capacity(tables.len());
        for name in first {
            if let Some(at) = tables
                .iter()
                .position(|t| table_name(t) == Some(name.as_str()))
            {
                ordered.push(tables.remove(at));
            }
        }
        ordered.extend(tables);
        // Tables keep their own decor (the comments above them) as they move; they are
        // written in the order of their positions, so the new order takes over the old slots.
        let mut slots: Vec<Option<isize>> = array.iter().map(Table::position).collect();
        slots.sort();
        let mut reordered = ArrayOfTables::new();
        for (mut table, slot) in ordered.into_iter().zip(slots) {
            table.set_position(slot);
            reordered.push(table);
        }
        *array = reordered;
        Ok(())
    })
}

/// Sets `enabled` of dictionary `name`.
pub fn enable_dictionary(settings: &Path, name: &str, enabled: bool) -> Result<(), EditError> {
    change(settings, |document| {
        let at = position(document, name)?;
        if let Some(table) = dictionaries(document).get_mut(at) {
            if enabled {
                table.remove("enabled");
            } else {
                table.insert("enabled", value(false));
            }
        }
        Ok(())
    })
}

fn change(
    settings: &Path,
    apply: impl FnOnce(&mut DocumentMut) -> Result<(), EditError>,
) -> Result<(), EditError> {
    // Under kabar's writer lock from reading to the rename: two `kabar dict add` at once
    // take turns instead of one losing the other's dictionary.
    let writer = atomic_file::Writer::open(settings)?;
    let before = writer.read().map_err(|reason| EditError::Read {
        path: settings.to_path_buf(),
        reason,
    })?;
    let mut document: DocumentMut = if before.trim().is_empty() {
        let mut document = DocumentMut::new();
        document.decor_mut().set_prefix(
            "# kabar settings: see \"Settings\" in kabar's README. kabar keeps your comments.\n",
        );
        document
    } else {
        before
            .parse()
            .map_err(|err: toml_edit::TomlError| EditError::Invalid {
                path: settings.to_path_buf(),
                reason: err.message().trim().to_owned(),
            })?
    };
    apply(&mut document)?;
    writer.replace(Some(&before), &document.to_string())?;
    Ok(())
}

fn dictionaries(document: &mut DocumentMut) -> &mut ArrayOfTables {
    let item = document
        .as_table_mut()
        .entry("dictionary")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    if !item.is_array_of_tables() {
        *item = Item::ArrayOfTables(ArrayOfTables::new());
    }
    item.as_array_of_tables_mut()
        .unwrap_or_else(|| unreachable!("made an array of tables just above"))
}

fn table_name(table: &Table) -> Option<&str> {
    table.get("name").and_then(Item::as_str)
}

fn names(document: &mut DocumentMut) -> Vec<String> {
    dictionaries(document)
        .iter()
        .filter_map(|t| table_name(t).map(str::to_owned))
        .collect()
}

fn position(document: &mut DocumentMut, name: &str) -> Result<usize, EditError> {
    dictionaries(document)
        .iter()
        .position(|t| table_name(t) == Some(name))
        .ok_or_else(|| EditError::NoSuch(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn names_in(path: &Path) -> Vec<String> {
        Settings::load(path)
            .settings
            .dictionaries
            .into_iter()
            .map(|d| d.name)
            .collect()
    }

    #[test]
    fn add_order_switch_and_remove_keep_the_learners_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kabar/config.toml");
        add_dictionary(&path, "wikt", Path::new("/d/w.ifo")).unwrap();
        let created = std::fs::read_to_string(&path).unwrap();
        assert!(created.starts_with("# kabar settings"), "{created}");
        // The learner adds a comment of their own.
        std::fs::write(
            &path,
            format!("{created}\n# my own note\n[lookup]\nword_formation = true # keep\n"),
        )
        .unwrap();
        add_dictionary(&path, "fd", Path::new("/d/f.index")).unwrap();
        assert!(matches!(
            add_dictionary(&path, "fd", Path::new("/x")),
            Err(EditError::Taken(_))
        ));
        assert!(matches!(
            add_dictionary(&path, "a b", Path::new("/x")),
            Err(EditError::BadName(_))
        ));
        assert_eq!(names_in(&path), ["wikt", "fd"]);
        order_dictionaries(&path, &["fd".to_owned()]).unwrap();
        assert_eq!(names_in(&path), ["fd", "wikt"]);
        enable_dictionary(&path, "wikt", false).unwrap();
        let loaded = Settings::load(&path);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(!loaded.settings.dictionary("wikt").unwrap().enabled);
        enable_dictionary(&path, "wikt", true).unwrap();
        assert!(
            Settings::load(&path)
                .settings
                .dictionary("wikt")
                .unwrap()
                .enabled
        );
        remove_dictionary(&path, "fd").unwrap();
        assert_eq!(names_in(&path), ["wikt"]);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("# my own note") && text.contains("word_formation = true # keep"),
            "{text}"
        );
        assert!(matches!(
            remove_dictionary(&path, "fd"),
            Err(EditError::NoSuch(_))
        ));
        assert!(matches!(
            order_dictionaries(&path, &["nope".to_owned()]),
            Err(EditError::NoSuch(_))
        ));
    }

    #[test]
    fn an_invalid_file_is_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[lookup\n").unwrap();
        let err = add_dictionary(&path, "w", Path::new("/w"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("not valid TOML") && err.contains("did not change"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[lookup\n");
    }
}
