//! What the pane says about a word no glossary term covers: the multi-word dictionary entry it
//! is part of, its own entry in the first layer that has one, or — by word formation — how it
//! is built and what its root means, always with the layer the meaning came from, so a
//! dictionary's answer is never mistaken for the learner's own glossary.

use ratatui::text::{Line, Span};

use crate::layers::{Answer, Form, Layer, Meaning, Via};
use crate::morphology::Analysis;
use crate::text::fold;
use crate::token::TokenKind;
use crate::ui::App;

/// Most lines of a dictionary's full text shown in the pane.
const MAX_TEXT_LINES: usize = 6;

impl App {
    /// The pane's lines for token `t`, which no glossary term covers.
    pub(super) fn word_lines(&self, t: usize, lines: &mut Vec<Line<'static>>) {
        let doc = &self.doc;
        let theme = &self.theme;
        let Some(token) = doc.tokens().get(t) else {
            return;
        };
        let word = doc.token_text(t).to_owned();
        if let Some((_, phrase)) = doc.phrase_at(t) {
            let answer = Answer::Entry {
                layer: phrase.layer,
                value: phrase.value,
            };
            if let Some(meaning) = self.layers.meaning(answer) {
                lines.push(self.headword(&meaning.headword, meaning.pos.as_deref()));
                let surface = doc.span_text(phrase.tokens());
                if !surface.eq_ignore_ascii_case(&meaning.headword) {
                    lines.push(Line::styled(format!("in the text: {surface}"), theme.dim));
                }
                self.push_meaning(&meaning, lines);
                if let Some(clitic) = phrase.enclitic {
                    lines.push(Line::from(vec![
                        Span::styled(format!("+ -{}", clitic.suffix()), theme.heading),
                        Span::raw(format!(": {}", clitic.meaning())),
                    ]));
                }
                lines.extend(self.standing_line(t));
                lines.push(self.source_line(meaning.layer));
                // The word itself, for a learner who wants it alone.
                let form = if token.kind == TokenKind::Acronym {
                    Form::Name
                } else {
                    Form::Plain
                };
                if let Some(own) = self
                    .layers
                    .explain_word(&fold(&word), form, doc.analysis(t))
                    .and_then(|e| self.layers.meaning(e.answer))
                {
                    lines.push(Line::from(vec![
                        Span::styled(format!("{word}: "), theme.dim),
                        Span::raw(own.sense_line()),
                    ]));
                }
                return;
            }
        }
        match doc.explanation(t) {
            Some(explanation) => {
                let Some(meaning) = self.layers.meaning(explanation.answer) else {
                    return;
                };
                match explanation.via {
                    Via::Root => {
                        lines.push(Line::styled(word, theme.heading));
                        lines.extend(self.standing_line(t));
                        if let Some(analysis) = doc.analysis(t) {
                            self.push_breakdown(analysis, Some(&meaning), lines);
                        }
                    }
                    Via::Word | Via::Enclitic(_) => {
                        lines.push(self.headword(&meaning.headword, meaning.pos.as_deref()));
                        if !word.eq_ignore_ascii_case(&meaning.headword) {
                            let how = if meaning.via_form {
                                "a form of it"
                            } else {
                                "in the text"
                            };
                            lines.push(Line::styled(format!("{how}: {word}"), theme.dim));
                        }
                        if let Via::Enclitic(clitic) = explanation.via {
                            lines.push(Line::from(vec![
                                Span::styled(format!("+ -{}", clitic.suffix()), theme.heading),
                                Span::raw(format!(": {}", clitic.meaning())),
                            ]));
                        }
                        self.push_meaning(&meaning, lines);
                        lines.extend(self.standing_line(t));
                        if let Some(entry) = meaning.entry {
                            self.push_details(entry, lines);
                        }
                        lines.push(self.source_line(meaning.layer));
                    }
                }
            }
            None => {
                lines.push(Line::styled(word, theme.heading));
                lines.extend(self.standing_line(t));
                match doc.analysis(t).filter(|a| a.is_affixed()) {
                    Some(analysis) => self.push_breakdown(analysis, None, lines),
                    None => lines.push(Line::styled(
                        match token.kind {
                            TokenKind::Number => "a number",
                            TokenKind::Address => "a web or e-mail address",
                            TokenKind::Acronym => "an acronym; no layer explains it",
                            _ => "no meaning in your glossary or any dictionary",
                        },
                        theme.dim,
                    )),
                }
            }
        }
    }

    /// A dictionary entry's senses, full text (cut), root and note; a glossary entry's
    /// translations.
    pub(super) fn push_meaning(&self, meaning: &Meaning, lines: &mut Vec<Line<'static>>) {
        let theme = &self.theme;
        lines.extend(meaning.senses.iter().map(|s| Line::from(format!("• {s}"))));
        if meaning.entry.is_some() {
            return;
        }
        if let Some(text) = &meaning.text {
            let text_lines: Vec<&str> = text.lines().collect();
            for line in text_lines.iter().take(MAX_TEXT_LINES) {
                lines.push(Line::styled(format!("  {line}"), theme.dim));
            }
            if text_lines.len() > MAX_TEXT_LINES {
                lines.push(Line::styled(
                    format!("  … {} more lines", text_lines.len() - MAX_TEXT_LINES),
                    theme.dim,
                ));
            }
        }
        if let Some(root) = &meaning.root {
            let gloss = self
                .layers
                .root_gloss(root)
                .map(|g| format!(" = {g}"))
                .unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled("root: ", theme.dim),
                Span::raw(format!("{root}{gloss}")),
            ]));
        }
        if let Some(note) = &meaning.note {
            lines.push(Line::styled(note.clone(), theme.dim));
        }
    }

    /// "from kabar base dictionary" / "from wiktionary (Indonesian-English …)" / "from your
    /// glossary".
    pub(super) fn source_line(&self, layer: Layer) -> Line<'static> {
        let name = self.layers.layer_name(layer).into_owned();
        let text = match self.layers.dictionary(layer) {
            Some(d) if layer != Layer::Base && d.label() != name => {
                format!("from {name} ({})", d.label())
            }
            _ => format!("from {name}"),
        };
        let style = if layer == Layer::Glossary {
            self.theme.dim
        } else {
            self.theme.source
        };
        Line::styled(text, style)
    }

    /// "per- + senjata + -an: the whole set or matter of", each affix's meaning, then the
    /// root's entry from the first layer that has it (`root` when the caller has it).
    pub(super) fn push_breakdown(
        &self,
        analysis: &Analysis,
        root: Option<&Meaning>,
        lines: &mut Vec<Line<'static>>,
    ) {
        let theme = &self.theme;
        let owned;
        let root = match root {
            Some(root) => Some(root),
            None => {
                owned = self
                    .layers
                    .root_answer(&analysis.root)
                    .and_then(|answer| self.layers.meaning(answer));
                owned.as_ref()
            }
        };
        let gloss = analysis.gloss(
            root.and_then(|r| r.senses.first().map(String::as_str)),
            None,
        );
        let rest = gloss
            .strip_prefix(&analysis.parts())
            .unwrap_or(&gloss)
            .to_owned();
        lines.push(Line::from(vec![
            Span::styled(analysis.parts(), theme.heading),
            Span::raw(rest),
        ]));
        for (affix, meaning) in analysis.affix_meanings() {
            lines.push(Line::styled(format!("  {affix} {meaning}"), theme.dim));
        }
        match root {
            Some(root) => {
                lines.push(Line::from(vec![
                    Span::styled("root ", theme.dim),
                    Span::styled(root.headword.clone(), theme.term),
                    Span::styled(
                        root.pos
                            .as_deref()
                            .map(|p| format!("  {p}"))
                            .unwrap_or_default(),
                        theme.dim,
                    ),
                ]));
                self.push_meaning(root, lines);
                if let Some(entry) = root.entry {
                    self.push_details(entry, lines);
                }
                lines.push(self.source_line(root.layer));
            }
            None => lines.push(Line::styled(
                format!("root {}: no meaning in any layer", analysis.root),
                theme.dim,
            )),
        }
    }
}
