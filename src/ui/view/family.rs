//! The pane's word family: the root of the word under the cursor, where the family stands,
//! and the forms of it the learner has met — in this article and in their statuses — each
//! with its own status.

use ratatui::text::{Line, Span};

use crate::family::Family;
use crate::glossary::Status;
use crate::knowledge::UnitKey;
use crate::ui::App;

/// How a status reads in the family lines.
fn label(status: Option<Status>) -> String {
    match status {
        None => "no status".to_owned(),
        Some(Status::WellKnown) => "well known".to_owned(),
        Some(Status::Ignored) => "ignored".to_owned(),
        Some(Status::Level(n)) => format!("status {n}"),
    }
}

impl App {
    /// The family of the word at token `t`, when it has one and the learner has met more than
    /// one form of it (a lone form's breakdown already names its root).
    pub(super) fn family(&self, t: usize) -> Option<Family> {
        let (root, standing, units) = self.knowledge.family_at(t)?;
        let article = units.into_iter().map(|unit| {
            let word = match &unit.key {
                UnitKey::Word(word) => word.clone(),
                UnitKey::Entry(id) => self.glossary().entry(*id).key.clone(),
            };
            (word, unit.own)
        });
        let mut cache = self.rated_forms.borrow_mut();
        if cache.as_ref().is_none_or(|(cached, _)| cached != root) {
            let rated = Family::rated_forms(root, self.words.iter(), self.layers.analyser());
            *cache = Some((root.to_owned(), rated));
        }
        let rated = cache
            .as_ref()
            .map_or(&[][..], |(_, rated)| rated.as_slice());
        let family = Family::gather(
            root,
            standing,
            article,
            rated.iter().map(|(word, status)| (word.as_str(), *status)),
        );
        (family.members.len() > 1).then_some(family)
    }

    /// "family tangkap: well known · F rates it", then the forms met here and before.
    pub(super) fn family_lines(&self, t: usize) -> Vec<Line<'static>> {
        let theme = &self.theme;
        let Some(family) = self.family(t) else {
            return Vec::new();
        };
        let mut standing = label(family.standing);
        if family.standing == Some(Status::Ignored) {
            standing.push_str(", passes nothing on");
        }
        let mut lines = vec![Line::from(vec![
            Span::styled("family ", theme.dim),
            Span::styled(family.root.clone(), theme.term),
            Span::styled(
                format!(
                    ": {standing} · {} rates it all",
                    self.keymap.label(crate::ui::command::Command::FamilyStatus)
                ),
                theme.dim,
            ),
        ])];
        let forms = |here: bool| -> String {
            family
                .members
                .iter()
                .filter(|m| m.in_article == here)
                .map(|m| match m.status {
                    Some(status) => format!("{} {status}", m.word),
                    None => m.word.clone(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (here, lead) in [(true, "  here: "), (false, "  met before: ")] {
            let forms = forms(here);
            if !forms.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(lead, theme.dim),
                    Span::raw(forms),
                ]));
            }
        }
        lines
    }
}
