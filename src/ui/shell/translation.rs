//! The shell's part in machine translation: the translator the settings name, what each
//! opened article's translations need (where its file is, the sentence translations), a
//! translation file kabar keeps in its data folder, and the worker's answers routed to the
//! reader of their article.

use std::path::Path;

use super::Shell;
use crate::article::Article;
use crate::translation::place::Place;
use crate::ui::app::TranslationSetup;

impl Shell {
    /// The machine translator, if one is set up.
    pub fn translator(&self) -> Option<&crate::settings::translator::TranslatorSetting> {
        self.settings.translator.as_ref()
    }

    /// A translation the background translator finished: to the reader of its article, if
    /// that article is still open (it was saved either way).
    pub fn finish_translation(&mut self, done: crate::translation::worker::Done) {
        if let Some(app) = &mut self.reader
            && app.document().article().path == done.article
        {
            app.translation_done(done);
        }
    }

    /// Opens `path` as the learner asked (from the library, an import): a network translator
    /// is asked for the first paragraph at once, as after any other key.
    pub(super) fn open_asked(&mut self, path: &Path) {
        self.open(path);
        if let Some(app) = &mut self.reader {
            app.follow_translation();
        }
    }

    /// Attaches the translation kabar keeps in its data folder for an article it may not
    /// write beside: loading the article only finds one beside it.
    pub(super) fn load_kept_translation(article: &mut Article, place: Option<&Place>) {
        if article.translation.is_some() {
            return;
        }
        let Some(place) = place else {
            return;
        };
        match place.load() {
            Ok(Some(translation)) => article.set_translation(translation, &place.path),
            Ok(None) => {}
            Err(err) => article
                .warnings
                .push(format!("translation not shown: {err}")),
        }
    }

    /// Where the translation of the article at `path` lives (see [`Place::of`]).
    pub(super) fn translation_place(&self, path: Option<&Path>) -> Option<Place> {
        path.and_then(|path| Place::of(path, self.settings.data_dir.as_deref()))
    }

    /// Where an article's translations come from and go (`place`, from
    /// [`Shell::translation_place`]), with the sentences kabar keeps in its data folder.
    pub(super) fn translation_setup(
        &self,
        place: Option<Place>,
    ) -> (TranslationSetup, Vec<String>) {
        use crate::translation::sentences::{Sentences, path_in};
        let mut problems = Vec::new();
        let data_dir = self.settings.data_dir.as_deref();
        let sentences_file = data_dir.map(path_in);
        let sentences = match &sentences_file {
            Some(file) => Sentences::load(file).unwrap_or_else(|err| {
                problems.push(err.to_string());
                Sentences::default()
            }),
            None => Sentences::default(),
        };
        let setup = TranslationSetup {
            translator: self.settings.translator.clone(),
            place,
            sentences_file,
            sentences,
        };
        (setup, problems)
    }
}
