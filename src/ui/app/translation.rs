//! Machine translation in the reader, as state: which paragraphs were asked for and not yet
//! answered, which failed (and why), how far a whole-article translation is, the sentence
//! asked for with `t`. Entering a paragraph without a translation asks for one; `T` asks for
//! every missing paragraph; `c` asks the event loop to open the paragraph's English in the
//! editor. Requests leave as [`Effect`]s and answers come back through
//! [`App::translation_done`]: nothing here waits for a translator or touches a file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::{App, Effect};
use crate::settings::translator::TranslatorSetting;
use crate::text::fold;
use crate::translation::place::Place;
use crate::translation::sentences::Sentences;
use crate::translation::worker::{Done, Request, Task};
use crate::translation::{Origin, Paragraph};
use crate::ui::command::Command;

/// The pane's one line when no translator is set up.
pub const NO_TRANSLATOR: &str = "No translation here. To get one, set up a translator in config.toml: see the README, Translation";

/// Where the reader's translations come from and where they are kept.
#[derive(Clone, Debug, Default)]
pub struct TranslationSetup {
    /// The learner's translator (`[translator]`), if one is set up.
    pub translator: Option<TranslatorSetting>,
    /// The article's translation file, `None` when there is nowhere to keep one.
    pub place: Option<Place>,
    /// The sentence translations file, when there is a data folder.
    pub sentences_file: Option<PathBuf>,
    /// The sentence translations known.
    pub sentences: Sentences,
}

/// The reader's translation state.
#[derive(Debug, Default)]
pub(super) struct Translating {
    setup: TranslationSetup,
    /// Paragraphs asked for and not answered yet, and whether they were asked to go first.
    pending: BTreeMap<usize, bool>,
    /// Paragraphs whose last request failed, with the translator's message.
    failed: BTreeMap<usize, String>,
    /// A whole-article translation (`T`) under way.
    whole: Option<Whole>,
    /// The sentence asked for with `t`.
    sentence: Option<SentenceAsk>,
    /// The paragraph the cursor was in when last looked at.
    seen: Option<usize>,
}

#[derive(Debug)]
struct Whole {
    /// Paragraphs still to come back.
    waiting: BTreeSet<usize>,
    /// How many came back failed.
    failed: usize,
    /// The last failure, to show when it ends.
    last_failure: Option<String>,
}

#[derive(Debug)]
struct SentenceAsk {
    text: String,
    state: SentenceState,
}

#[derive(Debug)]
enum SentenceState {
    /// The paragraph is this one sentence: its translation serves.
    Paragraph,
    Pending,
    Done(String),
    Failed(String),
}

/// What the translation section of the pane shows for the cursor's paragraph.
#[derive(Debug, PartialEq, Eq)]
pub(in crate::ui) enum Shown<'a> {
    /// A translation, and who wrote it.
    Text(&'a str, &'a Origin),
    /// Asked for; the translator's name.
    Translating(&'a str),
    /// The last request failed: the translator's own message.
    Failed(&'a str),
    /// No translation and no translator to ask.
    NoTranslator,
    /// Not asked for yet (a network translator, before the first key).
    NotAsked,
    /// The paragraph is empty, or there is none.
    Nothing,
}

/// What the pane shows for the sentence asked for with `t`, while the cursor is in it.
#[derive(Debug, PartialEq, Eq)]
pub(in crate::ui) enum SentenceShown<'a> {
    /// Its English.
    Text(&'a str),
    /// Asked for.
    Translating,
    /// The translator's message.
    Failed(&'a str),
    /// The paragraph is this one sentence.
    SameAsParagraph,
}

impl App {
    /// Sets where translations come from and go (the shell does, opening an article).
    pub fn with_translation(mut self, setup: TranslationSetup) -> App {
        self.translating.setup = setup;
        self
    }

    /// The translator, if one is set up.
    pub fn translator(&self) -> Option<&TranslatorSetting> {
        self.translating.setup.translator.as_ref()
    }

    /// The article's translation file, if there is one.
    pub fn translation_place(&self) -> Option<&Place> {
        self.translating.setup.place.as_ref()
    }

    /// The paragraph under the cursor.
    pub(super) fn cursor_paragraph(&self) -> usize {
        let doc = &self.doc;
        if doc.paragraph_count() == 0 {
            return 0;
        }
        doc.paragraph_of(self.cursor.min(doc.tokens().len().saturating_sub(1)))
    }

    /// After the cursor moved (or the article opened): entering a paragraph that has no
    /// translation asks for one, and a paragraph whose translation failed is tried again.
    pub fn follow_translation(&mut self) {
        if self.doc.paragraph_count() == 0 {
            return;
        }
        let para = self.cursor_paragraph();
        if self.translating.seen == Some(para) {
            return;
        }
        self.translating.seen = Some(para);
        self.translating.failed.remove(&para);
        self.ask_paragraph(para, true);
    }

    /// Whether paragraph `p` has text and no translation.
    fn needs_translation(&self, p: usize) -> bool {
        let has = self
            .doc
            .article()
            .translation
            .as_ref()
            .is_some_and(|t| t.paragraph(p).is_some());
        !has && self
            .doc
            .article()
            .paragraphs
            .get(p)
            .is_some_and(|text| !text.trim().is_empty())
    }

    /// Queues the translation of paragraph `p` when it needs one and a translator is set up.
    fn ask_paragraph(&mut self, p: usize, urgent: bool) -> bool {
        if self.translating.setup.translator.is_none() || !self.needs_translation(p) {
            return false;
        }
        // Asked again while waiting: only an urgent request moves it first in the queue.
        match self.translating.pending.get(&p) {
            Some(&was_urgent) if was_urgent || !urgent => return true,
            _ => {}
        }
        self.translating.pending.insert(p, urgent);
        let request = Request {
            article: self.doc.article().path.clone(),
            place: self.translating.setup.place.clone(),
            paragraphs: self.doc.paragraph_count(),
            task: Task::Paragraph {
                index: p,
                text: self.doc.article().paragraphs[p].clone(),
            },
            urgent,
        };
        self.effects.push(Effect::Translate(Box::new(request)));
        true
    }

    /// `T`: asks for every paragraph without a translation (the cursor's first); corrected
    /// and hand-written ones are never asked for.
    pub(super) fn translate_article(&mut self) {
        if self.translating.setup.translator.is_none() {
            self.notify(NO_TRANSLATOR, true);
            return;
        }
        let current = self.cursor_paragraph();
        let missing: BTreeSet<usize> = (0..self.doc.paragraph_count())
            .filter(|&p| self.needs_translation(p))
            .collect();
        if missing.is_empty() {
            let correct = self
                .keymap
                .label(crate::ui::command::Command::CorrectTranslation);
            self.notify(
                format!("Every paragraph has a translation ({correct} corrects the one under the cursor)"),
                false,
            );
            return;
        }
        for &p in &missing {
            self.translating.failed.remove(&p);
            self.ask_paragraph(p, p == current);
        }
        self.translating.whole = Some(Whole {
            waiting: missing,
            failed: 0,
            last_failure: None,
        });
    }

    /// `t`: the translation of the sentence under the cursor, from the sentence translations
    /// known, the paragraph's when the paragraph is that one sentence, or else the translator.
    pub(super) fn translate_sentence(&mut self) {
        if self.doc.tokens().is_empty() {
            return;
        }
        let text = self.doc.sentence_text(self.cursor).trim().to_owned();
        if text.is_empty() {
            return;
        }
        let para = self.cursor_paragraph();
        let whole = fold(self.doc.article().paragraphs[para].trim()) == fold(&text);
        let state = if whole {
            self.translating.failed.remove(&para);
            self.ask_paragraph(para, true);
            if self.translating.setup.translator.is_none() && self.needs_translation(para) {
                self.notify(NO_TRANSLATOR, true);
            }
            SentenceState::Paragraph
        } else if let Some(english) = self.translating.setup.sentences.get(&text) {
            SentenceState::Done(english.to_owned())
        } else if self.translating.setup.translator.is_none() {
            self.notify(NO_TRANSLATOR, true);
            return;
        } else {
            let request = Request {
                article: self.doc.article().path.clone(),
                place: None,
                paragraphs: self.doc.paragraph_count(),
                task: Task::Sentence {
                    text: text.clone(),
                    file: self.translating.setup.sentences_file.clone(),
                },
                urgent: true,
            };
            self.effects.push(Effect::Translate(Box::new(request)));
            SentenceState::Pending
        };
        self.translating.sentence = Some(SentenceAsk { text, state });
    }

    /// `c`: the paragraph's English to correct in the editor (empty when it has none, to
    /// write it yourself); saved as corrected, never to be machine translated again.
    pub(super) fn correct_translation(&mut self) {
        if self.doc.paragraph_count() == 0 {
            return;
        }
        match &self.translating.setup.place {
            Some(place) if place.writable => {}
            Some(place) => {
                let message = crate::translation::place::SaveError::NotOurs(place.path.clone());
                self.notify(format!("Not corrected: {message}"), true);
                return;
            }
            None => {
                self.notify(
                    "Corrections are kept in kabar's data folder, and there is none: set HOME",
                    true,
                );
                return;
            }
        }
        let para = self.cursor_paragraph();
        let english = self
            .doc
            .article()
            .translation
            .as_ref()
            .and_then(|t| t.text(para))
            .unwrap_or_default()
            .to_owned();
        self.effects.push(Effect::CorrectTranslation {
            paragraph: para,
            english,
            indonesian: self.doc.article().paragraphs[para].clone(),
        });
    }

    /// The translation file as saved after a correction (or any other write).
    pub fn translation_saved(&mut self, on_disk: crate::translation::Translation) {
        self.doc.set_translation(Some(on_disk));
    }

    /// A translation the worker finished for this article, or could not do.
    pub fn translation_done(&mut self, done: Done) {
        match done.task {
            Task::Paragraph { index, .. } => self.paragraph_done(index, done.outcome),
            Task::Sentence { text, .. } => {
                let state = match done.outcome {
                    Ok(answer) => {
                        self.translating
                            .setup
                            .sentences
                            .remember(&text, &answer.english);
                        if let Some(problem) = answer.not_saved {
                            self.notify(format!("Translated, not saved: {problem}"), true);
                        }
                        SentenceState::Done(answer.english)
                    }
                    Err(err) => SentenceState::Failed(err.to_string()),
                };
                if let Some(ask) = &mut self.translating.sentence
                    && fold(&ask.text) == fold(&text)
                {
                    ask.state = state;
                }
            }
        }
    }

    fn paragraph_done(
        &mut self,
        index: usize,
        outcome: Result<
            crate::translation::worker::Answer,
            crate::translation::translator::TranslateError,
        >,
    ) {
        self.translating.pending.remove(&index);
        let failure = match outcome {
            Ok(answer) => {
                match answer.on_disk {
                    Some(on_disk) => self.doc.set_translation(Some(on_disk)),
                    None => {
                        // Not saved: shown for this session all the same.
                        let name = self
                            .translator()
                            .map_or_else(String::new, |t| t.name.clone());
                        let mut translation =
                            self.doc.article().translation.clone().unwrap_or_default();
                        translation.set(
                            index,
                            Paragraph {
                                text: answer.english,
                                origin: Origin::Machine(name),
                            },
                        );
                        if translation.paragraphs.len() < self.doc.paragraph_count() {
                            translation
                                .paragraphs
                                .resize(self.doc.paragraph_count(), None);
                        }
                        self.doc.set_translation(Some(translation));
                    }
                }
                if let Some(problem) = answer.not_saved {
                    self.notify(format!("Translated, not saved: {problem}"), true);
                }
                None
            }
            Err(err) => {
                let message = err.to_string();
                self.translating.failed.insert(index, message.clone());
                Some(message)
            }
        };
        let Some(whole) = &mut self.translating.whole else {
            return;
        };
        if !whole.waiting.remove(&index) {
            return;
        }
        if let Some(message) = failure {
            whole.failed += 1;
            whole.last_failure = Some(message);
        }
        if whole.waiting.is_empty() {
            let (failed, last) = (whole.failed, whole.last_failure.take());
            self.translating.whole = None;
            let (done, total) = self.translated_count();
            match last {
                None => self.notify(format!("Translated: {done}/{total} paragraphs"), false),
                Some(message) => self.notify(
                    format!(
                        "Translated {done}/{total} paragraphs; {failed} failed: {message} ({} tries again)",
                        self.keymap.label(Command::TranslateArticle)
                    ),
                    true,
                ),
            }
        }
    }

    /// Paragraphs with a translation, of all the article's.
    fn translated_count(&self) -> (usize, usize) {
        let total = self.doc.paragraph_count();
        let done = (0..total).filter(|&p| !self.needs_translation(p)).count();
        (done, total)
    }

    /// While a whole-article translation runs: paragraphs translated, of all.
    pub(in crate::ui) fn translation_progress(&self) -> Option<(usize, usize)> {
        self.translating
            .whole
            .as_ref()
            .map(|_| self.translated_count())
    }

    /// What the translation section shows for the cursor's paragraph.
    pub(in crate::ui) fn shown_translation(&self) -> Shown<'_> {
        let para = self.cursor_paragraph();
        if let Some(p) = self
            .doc
            .article()
            .translation
            .as_ref()
            .and_then(|t| t.paragraph(para))
        {
            return Shown::Text(&p.text, &p.origin);
        }
        if !self.needs_translation(para) {
            return Shown::Nothing;
        }
        let Some(translator) = &self.translating.setup.translator else {
            return Shown::NoTranslator;
        };
        if self.translating.pending.contains_key(&para) {
            Shown::Translating(&translator.name)
        } else if let Some(message) = self.translating.failed.get(&para) {
            Shown::Failed(message)
        } else {
            Shown::NotAsked
        }
    }

    /// What the pane shows for the sentence asked for with `t`, while the cursor is in it.
    pub(in crate::ui) fn shown_sentence(&self) -> Option<SentenceShown<'_>> {
        let ask = self.translating.sentence.as_ref()?;
        if self.doc.tokens().is_empty()
            || fold(self.doc.sentence_text(self.cursor).trim()) != fold(&ask.text)
        {
            return None;
        }
        Some(match &ask.state {
            SentenceState::Paragraph => SentenceShown::SameAsParagraph,
            SentenceState::Pending => SentenceShown::Translating,
            SentenceState::Done(english) => SentenceShown::Text(english),
            SentenceState::Failed(message) => SentenceShown::Failed(message),
        })
    }
}
