//! Keys in each mode: the reading mode maps them to commands through the keymap; forms, prompts
//! and overlays take them directly.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use super::{App, Effect, Mode, form, vocab_view};
use crate::text::fold;
use crate::ui::command::Command;
use crate::ui::keymap::Key;

impl App {
    pub(super) fn handle_key(&mut self, key: KeyEvent, event: &Event) {
        self.notice = None;
        match &mut self.mode {
            Mode::Searching(input) => match key.code {
                KeyCode::Enter => {
                    let query = input.value().trim().to_owned();
                    self.mode = Mode::Reading;
                    if !query.is_empty() {
                        self.last_search = Some(query);
                        self.search(true);
                    }
                }
                KeyCode::Esc => self.mode = Mode::Reading,
                _ => {
                    input.handle_event(event);
                }
            },
            Mode::Help => match self.keymap.command_for(Key::from_event(key)) {
                // Ctrl-C quits from anywhere; q closes the help, as in less.
                Some(Command::Quit) if Key::from_event(key).ctrl => self.update(Command::Quit),
                // The help scrolls on small screens; any other key closes it.
                Some(Command::LineDown | Command::PageDown) => self.help_scroll += 1,
                Some(Command::LineUp | Command::PageUp) => {
                    self.help_scroll = self.help_scroll.saturating_sub(1)
                }
                _ => self.mode = Mode::Reading,
            },
            Mode::Adding(form) => match form.handle_key(key, event) {
                form::FormOutcome::Editing => {}
                form::FormOutcome::Cancelled => self.mode = Mode::Reading,
                form::FormOutcome::Save(draft, file) => {
                    let draft = *draft;
                    let effect = match (form.editing.clone(), form.original.clone()) {
                        (Some(term), Some(before)) => {
                            if fold(&draft.term) != fold(&before.term) {
                                form.error = Some(format!(
                                    "the term of an entry cannot change here: {} deletes it, {} adds the new one",
                                    self.keymap.label(Command::DeleteTerm),
                                    self.keymap.label(Command::AddTerm)
                                ));
                                return;
                            }
                            Effect::EditEntry {
                                term,
                                before,
                                after: draft,
                            }
                        }
                        _ => {
                            // A bad file name is a message in the form, not a lost form.
                            if let Some(dir) = &self.glossary_dir
                                && let Err(err) = crate::glossary::edit::inside_folder(
                                    dir,
                                    std::path::Path::new(&file),
                                )
                            {
                                form.error = Some(err.to_string());
                                return;
                            }
                            Effect::AddEntry { draft, file }
                        }
                    };
                    self.effects.push(effect);
                    self.mode = Mode::Reading;
                }
            },
            Mode::ConfirmKnown { .. } => {
                self.mode = Mode::Reading;
                if key.code == KeyCode::Char('y') {
                    self.mark_rest_known();
                }
            }
            Mode::ConfirmFamily { .. } => {
                self.answer_family_status(self.keymap.command_for(Key::from_event(key)));
            }
            Mode::Stats(_) => match self.keymap.command_for(Key::from_event(key)) {
                Some(Command::Quit) => self.update(Command::Quit),
                _ => self.mode = Mode::Reading,
            },
            Mode::Vocab(view) => match view.handle_key(key, &self.keymap) {
                vocab_view::Outcome::Stay => {}
                vocab_view::Outcome::Close => self.mode = Mode::Reading,
                vocab_view::Outcome::Quit => self.update(Command::Quit),
                vocab_view::Outcome::Jump(range) => {
                    self.mode = Mode::Reading;
                    self.move_to(Some(range.start));
                }
                vocab_view::Outcome::Add(range) => {
                    self.mode = Mode::Reading;
                    self.move_to(Some(range.end - 1));
                    self.mode = Mode::Selecting {
                        anchor: range.start,
                    };
                    self.open_form();
                }
            },
            Mode::ConfirmDelete { term, .. } => {
                if key.code == KeyCode::Char('y') {
                    self.effects
                        .push(Effect::RemoveEntry { term: term.clone() });
                }
                self.mode = Mode::Reading;
            }
            Mode::Selecting { .. } => match self.keymap.command_for(Key::from_event(key)) {
                // The selection grows or shrinks word by word, across terms too.
                Some(Command::NextWord) => self.step_plain_word(true),
                Some(Command::PreviousWord) => self.step_plain_word(false),
                Some(Command::AddTerm) => self.open_form(),
                Some(Command::Quit) => self.update(Command::Quit),
                _ => self.mode = Mode::Reading,
            },
            Mode::Reading => {
                if let Some(command) = self.keymap.command_for(Key::from_event(key)) {
                    self.update(command);
                }
            }
        }
    }
}
