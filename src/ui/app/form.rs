//! The add-entry form: a few one-line inputs (tui-input), prefilled from the word or selection
//! under the cursor, validated before anything is written. Saving queues an effect; the event
//! loop writes the file and reloads the glossary.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::glossary::edit::EntryDraft;

/// The fields, in order.
pub const FIELDS: [&str; 6] = [
    "term",
    "translation",
    "part of speech",
    "note",
    "tags",
    "file",
];

/// What the form asks the app to do after a key.
#[derive(Debug, PartialEq)]
pub enum FormOutcome {
    /// Keep editing.
    Editing,
    /// Close without writing.
    Cancelled,
    /// Write this entry to this file (relative to the glossary folder).
    Save(Box<EntryDraft>, String),
}

/// The state of the form.
#[derive(Debug)]
pub struct Form {
    /// One input per field of [`FIELDS`].
    pub inputs: Vec<Input>,
    /// The field with the keyboard.
    pub focus: usize,
    /// Why the last save was refused, shown under the fields.
    pub error: Option<String>,
    /// The root, offered as the headword instead of the surface form (Ctrl-R).
    pub root: Option<String>,
    /// The sentence and source saved as an example.
    pub example: Option<String>,
    /// The term being edited, when the form edits an entry rather than adding one.
    pub editing: Option<String>,
    /// The edited entry's examples, kept as they are.
    pub existing_examples: Vec<String>,
    /// The edited entry's fields when the form opened: only what differs is written.
    pub original: Option<EntryDraft>,
    /// The layer the translation was filled in from ("kabar base dictionary"), if any.
    pub prefilled_from: Option<String>,
}

impl Form {
    /// A form for `term`, writing to `file` by default.
    pub fn new(term: &str, root: Option<String>, example: Option<String>, file: &str) -> Form {
        let mut inputs: Vec<Input> = FIELDS.iter().map(|_| Input::default()).collect();
        inputs[0] = Input::new(term.to_owned());
        inputs[5] = Input::new(file.to_owned());
        Form {
            inputs,
            focus: 1,
            error: None,
            root: root.filter(|r| r != &term.to_lowercase()),
            editing: None,
            existing_examples: Vec::new(),
            original: None,
            example,
            prefilled_from: None,
        }
    }

    /// The same form with the translation, part of speech and note a dictionary gives, for
    /// the learner to edit before saving; `from` names the dictionary.
    pub fn prefilled(
        mut self,
        translations: &[String],
        pos: Option<&str>,
        note: Option<&str>,
        from: &str,
    ) -> Form {
        self.inputs[1] = Input::new(translations.join("; "));
        self.inputs[2] = Input::new(pos.unwrap_or_default().to_owned());
        self.inputs[3] = Input::new(note.unwrap_or_default().to_owned());
        self.prefilled_from = Some(from.to_owned());
        self
    }

    /// A form to edit `entry` (which lives in `file`); the term itself is shown but the entry
    /// keeps its place and file.
    pub fn for_entry(entry: &crate::glossary::Entry, file: &str) -> Form {
        let mut form = Form::new(&entry.term, None, None, file);
        form.inputs[1] = Input::new(entry.translations.join("; "));
        form.inputs[2] = Input::new(entry.pos.clone().unwrap_or_default());
        form.inputs[3] = Input::new(entry.note.clone().unwrap_or_default());
        form.inputs[4] = Input::new(entry.tags.join(", "));
        form.editing = Some(entry.term.clone());
        form.existing_examples = entry.examples.clone();
        form.original = Some(form.draft());
        form
    }

    /// Handles one key.
    pub fn handle_key(&mut self, key: KeyEvent, event: &Event) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancelled,
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % FIELDS.len(),
            KeyCode::BackTab | KeyCode::Up => {
                self.focus = (self.focus + FIELDS.len() - 1) % FIELDS.len()
            }
            KeyCode::Char('r') if ctrl => {
                if let Some(root) = self.root.clone() {
                    self.inputs[0] = Input::new(root);
                }
            }
            KeyCode::Enter | KeyCode::Char('s') if key.code == KeyCode::Enter || ctrl => {
                let draft = self.draft();
                match draft.validate() {
                    Ok(()) => {
                        return FormOutcome::Save(
                            Box::new(draft),
                            self.inputs[5].value().trim().to_owned(),
                        );
                    }
                    Err(err) => self.error = Some(err.to_string()),
                }
            }
            _ => {
                self.inputs[self.focus].handle_event(event);
                self.error = None;
            }
        }
        FormOutcome::Editing
    }

    /// The entry the fields describe.
    pub fn draft(&self) -> EntryDraft {
        let text = |i: usize| self.inputs[i].value().trim().to_owned();
        let optional = |i: usize| Some(text(i)).filter(|t| !t.is_empty());
        EntryDraft {
            term: text(0),
            translations: text(1)
                .split(';')
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect(),
            pos: optional(2),
            note: optional(3),
            tags: text(4)
                .split(',')
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect(),
            examples: self
                .existing_examples
                .iter()
                .chain(&self.example)
                .cloned()
                .collect(),
            ..EntryDraft::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(form: &mut Form, code: KeyCode) -> FormOutcome {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        form.handle_key(key, &Event::Key(key))
    }

    #[test]
    fn typing_fills_the_focused_field_and_enter_saves_a_valid_entry() {
        let mut form = Form::new("proyektil artileri", None, Some("ex".into()), "added.toml");
        assert_eq!(
            press(&mut form, KeyCode::Enter),
            FormOutcome::Editing,
            "no translation yet"
        );
        assert!(
            form.error
                .as_deref()
                .unwrap()
                .contains("translation is empty")
        );
        for c in "artillery projectiles".chars() {
            press(&mut form, KeyCode::Char(c));
        }
        let FormOutcome::Save(draft, file) = press(&mut form, KeyCode::Enter) else {
            panic!("saves")
        };
        assert_eq!(draft.term, "proyektil artileri");
        assert_eq!(draft.translations, ["artillery projectiles"]);
        assert_eq!(draft.examples, ["ex"]);
        assert_eq!(file, "added.toml");
        assert_eq!(press(&mut form, KeyCode::Esc), FormOutcome::Cancelled);
    }

    #[test]
    fn ctrl_r_takes_the_root_as_headword() {
        let mut form = Form::new("dikeluarkan", Some("keluar".into()), None, "added.toml");
        let key = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        form.handle_key(key, &Event::Key(key));
        assert_eq!(form.inputs[0].value(), "keluar");
    }
}
