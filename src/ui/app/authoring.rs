//! Authoring from the reader: the add and edit forms (prefilled from the layer that explains
//! the word), deleting a term, opening its file in the editor, and pasting into a field.

use tui_input::Input;

use super::{App, Effect, Mode, form};
use crate::ui::command::Command;

impl App {
    /// Opens the edit form for `term` (already in the glossary), saying why.
    pub fn offer_edit(&mut self, term: &str) {
        let Some(id) = self.glossary().lookup(term) else {
            return;
        };
        let entry = self.glossary().entry(id).clone();
        let file = self.glossary().file_of(&entry).display().to_string();
        let mut form = form::Form::for_entry(&entry, &file);
        form.error = Some(format!(
            "\"{}\" is already in {file}: edit it here instead",
            entry.term
        ));
        self.mode = Mode::Adding(Box::new(form));
    }

    /// Whether there is a glossary folder to write to; says how to get one when not (the
    /// built-in glossary cannot be changed).
    pub(super) fn can_change_glossary(&mut self) -> bool {
        if self.glossary_dir.is_none() {
            self.notify(
                "Changing the glossary needs a glossary folder: run kabar where ./glossary is, or pass --glossary DIR",
                true,
            );
        }
        self.glossary_dir.is_some()
    }

    /// `e` or `d` on the highlighted term under the cursor.
    pub(super) fn act_on_current_term(&mut self, command: Command) {
        let Some(m) = self.current_match().copied() else {
            self.notify("No glossary term under the cursor", false);
            return;
        };
        if !self.can_change_glossary() {
            return;
        }
        let entry = self.glossary().entry(m.entry).clone();
        if command == Command::EditInEditor {
            let path = self.glossary().file_of(&entry).to_path_buf();
            self.effects.push(Effect::OpenEditor {
                path,
                line: entry.at.line,
            });
            return;
        }
        if command == Command::DeleteTerm {
            let file = self.glossary().file_of(&entry).display().to_string();
            self.mode = Mode::ConfirmDelete {
                term: entry.term,
                file,
            };
            return;
        }
        let file = self.glossary().file_of(&entry).display().to_string();
        self.mode = Mode::Adding(Box::new(form::Form::for_entry(&entry, &file)));
    }

    /// Pasted text goes into the field being typed (line breaks become spaces); while reading
    /// it is ignored rather than run as keys.
    pub(super) fn paste(&mut self, text: &str) {
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let input = match &mut self.mode {
            Mode::Adding(form) => &mut form.inputs[form.focus],
            Mode::Searching(input) => input,
            _ => return,
        };
        let value = format!("{}{}", input.value(), crate::text::sanitize(&text));
        *input = Input::new(value);
    }

    /// Opens the add form for the selection or the word under the cursor.
    pub(super) fn open_form(&mut self) {
        if self.doc.tokens().is_empty() {
            return;
        }
        if !self.can_change_glossary() {
            self.mode = Mode::Reading;
            return;
        }
        // On a word of a dictionary phrase the phrase is what the pane explains, so it is
        // what `a` adds; a selection adds exactly what is selected.
        let phrase = self
            .selection()
            .is_none()
            .then(|| self.doc.phrase_at(self.cursor).map(|(_, p)| *p))
            .flatten();
        let span = self
            .selection()
            .or_else(|| phrase.map(|p| p.tokens()))
            .unwrap_or(self.cursor..self.cursor + 1);
        let mut surface = self.doc.span_text(span.clone()).to_owned();
        // "Mereka" at a sentence start is the word "mereka"; names inside a sentence keep
        // their capital.
        let token = self.doc.tokens()[span.start];
        if token.sentence_start && token.kind == crate::token::TokenKind::Word {
            surface = crate::text::lower_first(&surface);
        }
        if self.glossary().lookup(&surface).is_some() {
            self.offer_edit(&surface);
            return;
        }
        let analysis = (span.len() == 1)
            .then(|| self.doc.analysis(span.start))
            .flatten()
            .filter(|a| a.is_affixed());
        let root = analysis.map(|a| a.root.clone());
        let example = Some(self.example_at(span.start));
        let form = form::Form::new(&surface, root, example, crate::glossary::edit::DEFAULT_FILE);
        let form = self.prefill(form, span, phrase, analysis.cloned());
        self.mode = Mode::Adding(Box::new(form));
    }

    /// The add form filled in with what a dictionary says of the word or phrase, when a layer
    /// below the glossary explains it: its senses, or for a derived word the root's gloss as
    /// a note.
    pub(super) fn prefill(
        &self,
        form: form::Form,
        span: std::ops::Range<usize>,
        phrase: Option<crate::layers::PhraseMatch>,
        analysis: Option<crate::morphology::Analysis>,
    ) -> form::Form {
        use crate::layers::{Answer, Via};
        let (answer, via) = match (phrase, span.len()) {
            (Some(p), _) => (
                Answer::Entry {
                    layer: p.layer,
                    value: p.value,
                },
                Via::Word,
            ),
            (None, 1) => match self.doc.explanation(span.start) {
                Some(explanation) => (explanation.answer, explanation.via),
                None => return form,
            },
            _ => return form,
        };
        let Some(meaning) = self.layers.meaning(answer) else {
            return form;
        };
        let from = self.layers.layer_name(meaning.layer).into_owned();
        match via {
            Via::Root => {
                let note =
                    analysis.map(|a| a.gloss(meaning.senses.first().map(String::as_str), None));
                form.prefilled(&[], None, note.as_deref(), &from)
            }
            Via::Word | Via::Enclitic(_) => {
                let mut form = form;
                if let Via::Enclitic(_) = via {
                    // The entry is the word without its enclitic: add that.
                    form.inputs[0] = tui_input::Input::new(meaning.headword.clone());
                }
                form.prefilled(
                    &meaning.senses,
                    meaning.pos.as_deref(),
                    meaning.note.as_deref(),
                    &from,
                )
            }
        }
    }

    /// The sentence holding token `t` with the article's title and source, as saved in an
    /// entry's examples: "Kim dan Putin akan bertemu. (Putin dan Kim …, Bloomberg Technoz)".
    pub(super) fn example_at(&self, t: usize) -> String {
        let sentence = self.doc.sentence_text(t);
        let meta = &self.doc.article().meta;
        let source = [Some(self.doc.article().title()), meta.source.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        format!("{sentence} ({source})")
    }
}
