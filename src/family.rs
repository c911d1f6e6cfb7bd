//! Word families: a root and the forms built on it (tangkap: ditangkap, menangkap,
//! penangkapan), found with the analyser's best reading — the one `kabar stem`, the pane and
//! the review cards show — so a family is the same everywhere.
//!
//! A family's standing is its root's status: a learner who knows *tangkap* knows
//! ditangkap and penangkapan "by family" until they rate a form on its own. An ignored root
//! says nothing about its forms (ignoring a root is about the word, not its family), so it
//! passes nothing on. Knows nothing of the terminal.

use crate::glossary::Status;
use crate::knowledge::Group;
use crate::morphology::Analyser;
use crate::text::fold;

/// The status a family passes on to its unrated forms, given its root's status: any status
/// but ignored.
pub fn inherited(root: Option<Status>) -> Option<Status> {
    root.filter(|status| *status != Status::Ignored)
}

/// The family root of the folded word `word`: its best analysis's root, folded.
pub fn root_of(analyser: &Analyser, word: &str) -> Option<String> {
    analyser.best(word).map(|analysis| fold(&analysis.root))
}

/// Whether `word` may be a form of `root` at all, cheaply, before asking the analyser: the
/// root without its first letter (which a nasal prefix may have replaced: tulis → menulis)
/// must be in it. Never false for a real form.
pub fn may_be_form(root: &str, word: &str) -> bool {
    let mut chars = root.chars();
    chars.next();
    let rest = chars.as_str();
    word.len() >= rest.len() && word.contains(rest)
}

/// One form of a family and where the learner stands on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The form, folded.
    pub word: String,
    /// The learner's own status for it, if any.
    pub status: Option<Status>,
    /// Whether it occurs in the open article.
    pub in_article: bool,
}

/// A root and the forms of it the learner has met.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Family {
    /// The root, folded.
    pub root: String,
    /// The root's own status: the family's standing.
    pub standing: Option<Status>,
    /// The forms met, the article's first (in order of appearance), then the rated ones
    /// alphabetically; the root itself is among them only when the article has it.
    pub members: Vec<Member>,
}

/// Rated words that are forms of one root, with their statuses.
pub type RatedForms = Vec<(String, Status)>;

impl Family {
    /// The family of `root` whose status is `standing`, from the forms in the article (folded,
    /// with their own statuses, in order) and the rated forms of `root` found by
    /// [`Family::rated_forms`] (those not in the article join, alphabetically).
    pub fn gather<'a>(
        root: &str,
        standing: Option<Status>,
        article: impl IntoIterator<Item = (String, Option<Status>)>,
        rated: impl IntoIterator<Item = (&'a str, Status)>,
    ) -> Family {
        let mut members: Vec<Member> = Vec::new();
        for (word, status) in article {
            if !members.iter().any(|m| m.word == word) {
                members.push(Member {
                    word,
                    status,
                    in_article: true,
                });
            }
        }
        let mut others: Vec<Member> = rated
            .into_iter()
            .filter(|(word, _)| !members.iter().any(|m| m.word == *word))
            .map(|(word, status)| Member {
                word: word.to_owned(),
                status: Some(status),
                in_article: false,
            })
            .collect();
        others.sort_by(|a, b| a.word.cmp(&b.word));
        members.extend(others);
        Family {
            root: root.to_owned(),
            standing,
            members,
        }
    }

    /// The rated words (word, status) that the analyser reads as forms of `root`, the root
    /// itself left out: what [`Family::gather`] takes as `rated`.
    pub fn rated_forms<'a>(
        root: &str,
        rated: impl IntoIterator<Item = (&'a str, Status)>,
        analyser: &Analyser,
    ) -> RatedForms {
        rated
            .into_iter()
            .filter(|(word, _)| *word != root && may_be_form(root, word))
            .filter(|(word, _)| root_of(analyser, word).as_deref() == Some(root))
            .map(|(word, status)| (word.to_owned(), status))
            .collect()
    }
}

/// How many forms of one family in a text stand in each group, for the share of families
/// known: a family is known when every counted form of it is, unknown when every one is, and
/// being learned otherwise; it does not count when none of its forms does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Known forms.
    pub known: u32,
    /// Forms being learned.
    pub learning: u32,
    /// Unknown forms.
    pub unknown: u32,
}

impl Tally {
    /// The group the family counts in.
    pub fn group(self) -> Group {
        match (self.known, self.learning, self.unknown) {
            (0, 0, 0) => Group::Excluded,
            (_, 0, 0) => Group::Known,
            (0, 0, _) => Group::Unknown,
            _ => Group::Learning,
        }
    }

    /// Counts one more form in `group`.
    pub fn add(&mut self, group: Group) {
        if let Some(slot) = self.slot(group) {
            *slot += 1;
        }
    }

    /// Counts one form fewer in `group`.
    pub fn remove(&mut self, group: Group) {
        if let Some(slot) = self.slot(group) {
            *slot -= 1;
        }
    }

    fn slot(&mut self, group: Group) -> Option<&mut u32> {
        match group {
            Group::Known => Some(&mut self.known),
            Group::Learning => Some(&mut self.learning),
            Group::Unknown => Some(&mut self.unknown),
            Group::Excluded => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::morphology::{Lexicon, Source};

    fn analyser() -> Analyser {
        let mut lexicon = Lexicon::default();
        lexicon.add_list("tangkap\ntulis\nkata\n", Source::Bundled);
        Analyser::new(lexicon)
    }

    #[test]
    fn an_ignored_root_passes_nothing_on() {
        assert_eq!(inherited(Some(Status::WellKnown)), Some(Status::WellKnown));
        assert_eq!(inherited(Some(Status::Level(2))), Some(Status::Level(2)));
        assert_eq!(inherited(Some(Status::Ignored)), None);
        assert_eq!(inherited(None), None);
    }

    #[test]
    fn forms_are_found_by_the_best_reading_even_with_a_nasal_in_front() {
        let a = analyser();
        assert_eq!(root_of(&a, "penangkapan").as_deref(), Some("tangkap"));
        assert_eq!(root_of(&a, "menulis").as_deref(), Some("tulis"));
        assert!(may_be_form("tulis", "menulis"));
        assert!(may_be_form("tangkap", "ditangkap"));
        assert!(!may_be_form("tangkap", "kata"));
    }

    #[test]
    fn a_family_holds_the_articles_forms_then_the_rated_ones_of_the_same_root() {
        let a = analyser();
        let family = Family::gather(
            "tangkap",
            Some(Status::WellKnown),
            [
                ("ditangkap".to_owned(), None),
                ("penangkapan".to_owned(), Some(Status::Level(2))),
                ("ditangkap".to_owned(), None),
            ],
            Family::rated_forms(
                "tangkap",
                [
                    ("tertangkap", Status::Level(3)),
                    ("tangkap", Status::WellKnown),
                    ("menangkap", Status::WellKnown),
                    ("penangkapan", Status::Level(2)),
                    ("menulis", Status::WellKnown),
                    ("kata", Status::WellKnown),
                ],
                &a,
            )
            .iter()
            .map(|(word, status)| (word.as_str(), *status)),
        );
        let words: Vec<(&str, bool)> = family
            .members
            .iter()
            .map(|m| (m.word.as_str(), m.in_article))
            .collect();
        assert_eq!(
            words,
            [
                ("ditangkap", true),
                ("penangkapan", true),
                ("menangkap", false),
                ("tertangkap", false)
            ]
        );
        assert_eq!(family.members[2].status, Some(Status::WellKnown));
        assert_eq!(inherited(family.standing), Some(Status::WellKnown));
    }

    #[test]
    fn a_family_is_known_only_when_every_counted_form_is() {
        let mut tally = Tally::default();
        assert_eq!(tally.group(), Group::Excluded);
        tally.add(Group::Known);
        tally.add(Group::Excluded);
        assert_eq!(tally.group(), Group::Known);
        tally.add(Group::Unknown);
        assert_eq!(tally.group(), Group::Learning);
        tally.remove(Group::Known);
        assert_eq!(tally.group(), Group::Unknown);
    }
}
