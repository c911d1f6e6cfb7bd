//! The glossary pane's content and layout: what it says about the word under the cursor (the
//! glossary entry of a term, or for a word outside the glossary how it is built and what its
//! root means), and how its three sections share the height by what they hold.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::glossary::Entry;
use crate::ui::App;
use crate::ui::command::Command;

impl App {
    /// The pane's sections (entry, paragraph translation, vocabulary) inside `pane`: the entry
    /// and the translation take what their text needs, within limits; the list gets the rest.
    /// `entry` is the entry section's text ([`App::entry_lines`]), built once by the caller.
    pub(in crate::ui) fn pane_sections(&self, pane: Rect, entry: &[Line]) -> [Rect; 3] {
        // A one-column rule and a space separate the pane from an article beside it.
        let pane = if pane.x > 0 {
            Rect {
                x: pane.x + 2,
                width: pane.width.saturating_sub(2),
                ..pane
            }
        } else {
            pane
        };
        let width = pane.width.max(1) as usize;
        let rows = |lines: &[Line]| -> u16 {
            // Ratatui's own count, so the estimate always matches what is drawn.
            let wrapped = Paragraph::new(lines.to_vec())
                .wrap(Wrap { trim: false })
                .line_count(width as u16);
            wrapped.min(u16::MAX as usize) as u16 + 1
        };
        let height = pane.height;
        let list_min = (height / 4).min(6);
        let entry = rows(entry).clamp(3.min(height), ((u32::from(height) * 11 / 20) as u16).max(3));
        let translation = rows(&self.translation_lines())
            .max(3)
            .min(height.saturating_sub(entry + list_min).max(2));
        let entry = entry.min(height);
        let translation = translation.min(height - entry);
        let list = height - entry - translation;
        [
            Rect {
                height: entry,
                ..pane
            },
            Rect {
                y: pane.y + entry,
                height: translation,
                ..pane
            },
            Rect {
                y: pane.y + entry + translation,
                height: list,
                ..pane
            },
        ]
    }

    /// The translation of the cursor's paragraph and who wrote it, or what is happening
    /// instead (translating, failed, no translator); then the sentence asked for with `t`.
    pub(super) fn translation_lines(&self) -> Vec<Line<'static>> {
        use crate::translation::Origin;
        use crate::ui::app::translation::{SentenceShown, Shown};
        let theme = &self.theme;
        let mut lines = Vec::new();
        let sentence_shown = self.shown_sentence().is_some();
        if let Some(sentence) = self.shown_sentence() {
            let line = match sentence {
                SentenceShown::Text(english) => Line::from(english.to_owned()),
                SentenceShown::Translating => Line::styled("translating…", theme.dim),
                SentenceShown::Failed(message) => Line::styled(
                    format!(
                        "⚠ {message} ({} tries again)",
                        self.keymap.label(Command::TranslateSentence)
                    ),
                    theme.warning,
                ),
                SentenceShown::SameAsParagraph => {
                    Line::styled("the paragraph is this one sentence:", theme.dim)
                }
            };
            let mut spans = vec![Span::styled("sentence: ", theme.heading)];
            spans.extend(line.spans);
            lines.push(Line::from(spans));
        }
        match self.shown_translation() {
            Shown::Text(text, origin) => {
                // Under a sentence's English, the paragraph's says what it is.
                lines.push(if sentence_shown {
                    Line::from(vec![
                        Span::styled("paragraph: ", theme.heading),
                        Span::raw(text.to_owned()),
                    ])
                } else {
                    Line::from(text.to_owned())
                });
                match origin {
                    Origin::Own => {}
                    Origin::Machine(name) => lines.push(Line::styled(
                        format!(
                            "machine translation · {name} · {} corrects it",
                            self.keymap.label(Command::CorrectTranslation)
                        ),
                        theme.source,
                    )),
                    Origin::Corrected => lines.push(Line::styled(
                        format!(
                            "machine translation you corrected · {} edits it",
                            self.keymap.label(Command::CorrectTranslation)
                        ),
                        theme.source,
                    )),
                }
            }
            Shown::Translating(name) => {
                lines.push(Line::styled(format!("translating… ({name})"), theme.dim));
            }
            Shown::Failed(message) => lines.push(Line::styled(
                format!(
                    "⚠ {message} (move away and back, or {}, to try again)",
                    self.keymap.label(Command::TranslateArticle)
                ),
                theme.warning,
            )),
            Shown::NoTranslator => {
                lines.push(Line::styled(crate::ui::app::NO_TRANSLATOR, theme.dim));
            }
            Shown::NotAsked => lines.push(Line::styled(
                format!(
                    "Not translated yet: move, or {} translates the article",
                    self.keymap.label(Command::TranslateArticle)
                ),
                theme.dim,
            )),
            Shown::Nothing => {}
        }
        lines
    }

    /// The pane's lines for the cursor.
    pub(in crate::ui) fn entry_lines(&self) -> Vec<Line<'static>> {
        let theme = &self.theme;
        let doc = &self.doc;
        let mut lines = Vec::new();
        if let Some(selected) = self.selection() {
            // While selecting: what would be added, and the terms it overlaps.
            lines.push(Line::styled(
                doc.span_text(selected.clone()).to_owned(),
                theme.heading,
            ));
            let keys = &self.keymap;
            lines.push(Line::styled(
                format!(
                    "{} adds it · {}/{} change it · {} cancels",
                    keys.label(Command::AddTerm),
                    keys.label(Command::PreviousWord),
                    keys.label(Command::NextWord),
                    keys.label(Command::Back)
                ),
                theme.dim,
            ));
            let overlapping: Vec<String> = (selected.clone())
                .filter_map(|t| doc.match_at(t).map(|(_, m)| *m))
                .chain(doc.matches_within(selected.clone()).copied())
                .map(|m| self.glossary().entry(m.entry))
                .map(|e| format!("  {} = {}", e.term, e.translation_line()))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if !overlapping.is_empty() {
                lines.push(Line::styled("terms already in it:", theme.dim));
                lines.extend(overlapping.into_iter().map(Line::from));
            }
            return lines;
        }
        if let Some(m) = self.current_match() {
            let entry = self.glossary().entry(m.entry);
            lines.push(self.headword(&entry.term, entry.pos.as_deref()));
            let surface = doc.span_text(m.tokens());
            if !surface.eq_ignore_ascii_case(&entry.term) {
                lines.push(Line::styled(format!("in the text: {surface}"), theme.dim));
            }
            if m.len() == 1 {
                // A derived headword still shows how it is built.
                if let Some(analysis) = doc
                    .analysis(m.start as usize)
                    // Only when prefixes or a suffix build it: the enclitic has its own line.
                    .filter(|a| {
                        (!a.prefixes.is_empty() || a.suffix.is_some()) && a.clitics.len() < 2
                    })
                {
                    let root = self.layers.root_gloss(&analysis.root);
                    let gloss = analysis.gloss(
                        root.as_deref(),
                        entry.translations.first().map(String::as_str),
                    );
                    lines.push(Line::styled(gloss, theme.dim));
                }
            }
            self.push_translations(entry, &mut lines);
            lines.extend(self.standing_line(m.start as usize));
            if let Some(clitic) = m.enclitic {
                lines.push(Line::from(vec![
                    Span::styled(format!("+ -{}", clitic.suffix()), theme.heading),
                    Span::raw(format!(": {}", clitic.meaning())),
                ]));
            }
            let nested: Vec<String> = doc
                .matches_within(m.tokens())
                .filter(|n| n.entry != m.entry)
                .map(|n| {
                    let e = self.glossary().entry(n.entry);
                    format!("  {} = {}", e.term, e.translation_line())
                })
                .collect();
            if !nested.is_empty() {
                lines.push(Line::styled("inside this term:", theme.dim));
                lines.extend(nested.into_iter().map(Line::from));
            }
            self.push_details(entry, &mut lines);
            lines.push(Line::styled(
                format!(
                    "from your glossary ({})",
                    self.glossary()
                        .file_of(entry)
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                ),
                theme.dim,
            ));
        } else if !doc.tokens().is_empty() {
            self.word_lines(self.cursor, &mut lines);
        }
        lines
    }

    /// Where the learner stands on the word or term at token `t` and the keys that change it,
    /// then its word family.
    pub(super) fn standing_line(&self, t: usize) -> Vec<Line<'static>> {
        let mut lines: Vec<Line<'static>> = self.own_standing_line(t).into_iter().collect();
        lines.extend(self.family_lines(t));
        lines
    }

    fn own_standing_line(&self, t: usize) -> Option<Line<'static>> {
        use crate::glossary::Status;
        use crate::knowledge::Standing;
        let theme = &self.theme;
        let keys = &self.keymap;
        let levels = keys.labels(&[
            Command::Status1,
            Command::Status2,
            Command::Status3,
            Command::Status4,
            Command::Status5,
        ]);
        let others = keys.labels(&[Command::StatusWellKnown, Command::StatusIgnored]);
        let steps = keys.labels(&[Command::StatusUp, Command::StatusDown]);
        let clear = keys.label(Command::StatusClear);
        let add = keys.label(Command::AddTerm);
        let (text, style) = match self.knowledge.standing(t)? {
            Standing::Unknown => (
                format!("unknown · {add} adds it · {levels} {others} set a status"),
                theme.unknown,
            ),
            Standing::Unrated => (
                format!("no status yet · {levels} {others} rate it"),
                theme.dim,
            ),
            Standing::Uncounted => (
                format!("a name: not counted · {others} {levels} rate it"),
                theme.dim,
            ),
            Standing::Status(Status::Level(5)) => (
                format!("status 5: learned, counts as known · {steps} change it"),
                theme.learning[4],
            ),
            Standing::Status(Status::Level(n)) => (
                format!("status {n} of 5: learning · {steps} change it"),
                theme.learning[usize::from(n.clamp(1, 5)) - 1],
            ),
            Standing::Status(Status::WellKnown) => {
                (format!("well known · {clear} forgets it"), theme.dim)
            }
            Standing::Status(Status::Ignored) => {
                (format!("ignored · {clear} forgets it"), theme.dim)
            }
            Standing::Inherited(status) => {
                let root = self.knowledge.family_at(t).map_or("", |(root, _, _)| root);
                let (what, root_status, style) = match status {
                    Status::WellKnown => ("known", "well known".to_owned(), theme.dim),
                    Status::Level(5) => ("known", "status 5".to_owned(), theme.learning[4]),
                    Status::Level(n) => (
                        "learning",
                        format!("status {n}"),
                        theme.learning[usize::from(n.clamp(1, 5)) - 1],
                    ),
                    Status::Ignored => ("ignored", "ignored".to_owned(), theme.dim),
                };
                (
                    format!(
                        "{what} by family ({root}: {root_status}) · {levels} {others} rate it alone"
                    ),
                    style.add_modifier(ratatui::style::Modifier::ITALIC),
                )
            }
        };
        Some(Line::styled(text, style))
    }

    pub(super) fn headword(&self, term: &str, pos: Option<&str>) -> Line<'static> {
        let mut head = vec![Span::styled(term.to_owned(), self.theme.heading)];
        if let Some(pos) = pos {
            head.push(Span::styled(format!("  {pos}"), self.theme.dim));
        }
        Line::from(head)
    }

    fn push_translations(&self, entry: &Entry, lines: &mut Vec<Line<'static>>) {
        lines.extend(
            entry
                .translations
                .iter()
                .map(|t| Line::from(format!("• {t}"))),
        );
    }

    /// Root, note, pronunciation, related words and the first example: the parts that may be
    /// cut when the pane is short, so they come last.
    pub(super) fn push_details(&self, entry: &Entry, lines: &mut Vec<Line<'static>>) {
        let theme = &self.theme;
        if let Some(root) = &entry.root {
            let gloss = self
                .glossary()
                .lookup(root)
                .map(|id| format!(" = {}", self.glossary().entry(id).translation_line()))
                .unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled("root: ", theme.dim),
                Span::raw(format!("{root}{gloss}")),
            ]));
        }
        if let Some(note) = &entry.note {
            lines.push(Line::styled(note.clone(), theme.dim));
        }
        if let Some(pronunciation) = &entry.pronunciation {
            lines.push(Line::styled(format!("say: {pronunciation}"), theme.dim));
        }
        if !entry.parents.is_empty() {
            lines.push(Line::styled(
                format!("related: {}", entry.parents.join(", ")),
                theme.dim,
            ));
        }
        if let Some(example) = self.word_statuses().examples_of_entry(entry).first() {
            lines.push(Line::styled(format!("e.g. {example}"), theme.dim));
        }
    }

    /// One line for the strip on small screens.
    pub(super) fn entry_summary(&self) -> Line<'static> {
        let theme = &self.theme;
        let doc = &self.doc;
        if let Some(m) = self.current_match() {
            let entry = self.glossary().entry(m.entry);
            let mut spans = vec![Span::styled(entry.term.clone(), theme.heading)];
            if let Some(clitic) = m.enclitic {
                spans.push(Span::styled(format!(" +-{}", clitic.suffix()), theme.dim));
            }
            spans.push(Span::raw(format!(" — {}", entry.translation_line())));
            if let Some(root) = &entry.root {
                spans.push(Span::styled(format!(" (root: {root})"), theme.dim));
            }
            return Line::from(spans);
        }
        if doc.tokens().is_empty() {
            return Line::default();
        }
        let word = doc.token_text(self.cursor).to_owned();
        let answer = doc
            .phrase_at(self.cursor)
            .map(|(_, p)| crate::layers::Answer::Entry {
                layer: p.layer,
                value: p.value,
            })
            .or_else(|| doc.explanation(self.cursor).map(|e| e.answer));
        match answer.and_then(|a| self.layers.meaning(a)) {
            Some(meaning) => {
                let mut spans = vec![Span::styled(word, theme.heading)];
                if let Some(analysis) = doc.analysis(self.cursor).filter(|a| {
                    a.is_affixed()
                        && doc
                            .explanation(self.cursor)
                            .is_some_and(|e| e.via == crate::layers::Via::Root)
                }) {
                    spans.push(Span::styled(format!(" = {}", analysis.parts()), theme.dim));
                }
                spans.push(Span::raw(format!(
                    " — {}: {}",
                    meaning.headword,
                    meaning.sense_line()
                )));
                spans.push(Span::styled(
                    format!(" ({})", self.layers.layer_name(meaning.layer)),
                    theme.source,
                ));
                Line::from(spans)
            }
            None => Line::styled(format!("{word}: no meaning in any layer"), theme.dim),
        }
    }
}
