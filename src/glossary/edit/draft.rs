//! What kabar writes for one glossary entry: an [`EntryDraft`] of its fields, checked before
//! anything is written, and how it becomes TOML (terse `term = "translation"`, or a table).
//! Knows nothing of files; [`super`] writes them.

use toml_edit::{Item, Table, Value};

use super::{EditError, MAX_TERM_CHARS, MAX_TERM_WORDS};

/// What to write for one entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryDraft {
    /// The term as it should appear.
    pub term: String,
    /// Translations, most relevant first.
    pub translations: Vec<String>,
    /// Part of speech.
    pub pos: Option<String>,
    /// A note.
    pub note: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Example sentences (with their source).
    pub examples: Vec<String>,
    /// Related headwords (Lute's parents).
    pub parents: Vec<String>,
    /// How it is said.
    pub pronunciation: Option<String>,
    /// The learner's status.
    pub status: Option<crate::glossary::Status>,
}

impl EntryDraft {
    /// The editable fields of an existing entry.
    pub fn from_entry(entry: &crate::glossary::Entry) -> EntryDraft {
        EntryDraft {
            term: entry.term.clone(),
            translations: entry.translations.clone(),
            pos: entry.pos.clone(),
            note: entry.note.clone(),
            tags: entry.tags.clone(),
            examples: entry.examples.clone(),
            parents: entry.parents.clone(),
            pronunciation: entry.pronunciation.clone(),
            status: entry.status,
        }
    }

    /// The draft with blank optional fields left out (`--pos ""` means no part of speech).
    pub fn normalised(mut self) -> EntryDraft {
        let blank = |v: &Option<String>| v.as_deref().is_some_and(|v| v.trim().is_empty());
        if blank(&self.pos) {
            self.pos = None;
        }
        if blank(&self.note) {
            self.note = None;
        }
        if blank(&self.pronunciation) {
            self.pronunciation = None;
        }
        self.translations.retain(|t| !t.trim().is_empty());
        self.tags.retain(|t| !t.trim().is_empty());
        self
    }

    /// Checks the draft: non-empty, no control characters, a term not a sentence.
    pub fn validate(&self) -> Result<(), EditError> {
        let term = self.term.trim();
        if term.is_empty() {
            return Err(EditError::Empty("term"));
        }
        if self.translations.iter().all(|t| t.trim().is_empty()) {
            return Err(EditError::Empty("translation"));
        }
        let fields = [
            ("term", Some(&self.term)),
            ("part of speech", self.pos.as_ref()),
            ("note", self.note.as_ref()),
        ];
        for (name, value) in fields {
            if value.is_some_and(|v| v.chars().any(char::is_control)) {
                return Err(EditError::ControlCharacters(name));
            }
        }
        if self
            .translations
            .iter()
            .chain(&self.tags)
            .any(|t| t.chars().any(char::is_control))
        {
            return Err(EditError::ControlCharacters("translation or tag"));
        }
        if term.chars().count() > MAX_TERM_CHARS || term.split_whitespace().count() > MAX_TERM_WORDS
        {
            return Err(EditError::TooLong);
        }
        Ok(())
    }

    fn is_terse(&self) -> bool {
        self.translations.len() == 1
            && self.pos.is_none()
            && self.note.is_none()
            && self.tags.is_empty()
            && self.examples.is_empty()
            && self.parents.is_empty()
            && self.pronunciation.is_none()
            && self.status.is_none()
    }

    /// Each field as written to a file (`None` when empty), in the order kabar writes them.
    pub(super) fn fields(&self) -> [(&'static str, Option<Value>); 8] {
        let text = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(Value::from)
        };
        let array = |values: &[String]| {
            (!values.is_empty()).then(|| Value::Array(values.iter().map(|v| v.trim()).collect()))
        };
        let translation = match self.translations.as_slice() {
            [] => None,
            [one] => Some(Value::from(one.trim())),
            many => array(many),
        };
        let status = self.status.map(|status| match status {
            crate::glossary::Status::Level(n) => Value::from(i64::from(n)),
            other => Value::from(other.to_string()),
        });
        [
            ("translation", translation),
            ("pos", text(&self.pos)),
            ("note", text(&self.note)),
            ("parents", array(&self.parents)),
            ("pronunciation", text(&self.pronunciation)),
            ("status", status),
            ("examples", array(&self.examples)),
            ("tags", array(&self.tags)),
        ]
    }

    /// The entry as a TOML item: a string when terse, else a table (inline or standard).
    pub(super) fn item(&self, inline: bool) -> Item {
        if self.is_terse() {
            return Item::Value(Value::from(self.translations[0].trim()));
        }
        let mut table = Table::new();
        for (field, value) in self.fields() {
            if let Some(value) = value {
                table.insert(field, Item::Value(value));
            }
        }
        if inline {
            Item::Value(Value::InlineTable(table.into_inline_table()))
        } else {
            Item::Table(table)
        }
    }
}
