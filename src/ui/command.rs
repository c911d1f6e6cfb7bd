//! The user's intents. Keys map to these through the keymap; the help overlay shows each
//! variant's doc line, so the help can never drift from what the code does.

use serde::{Deserialize, Serialize};

/// Declares [`Command`] and its help text from the variants' doc comments.
macro_rules! commands {
    ($( $(#[doc = $doc:literal])+ $variant:ident, )+) => {
        /// Something the user asks the reader to do.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Command {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Command {
            /// Every command, in help order.
            pub const ALL: &[Command] = &[$(Command::$variant),+];

            /// The command's name in `[keys]` and the README: the variant in snake case
            /// (`next_term`, `status1`), as serde writes it.
            pub fn name(self) -> String {
                let mut name = String::new();
                for (i, c) in format!("{self:?}").chars().enumerate() {
                    if c.is_ascii_uppercase() {
                        if i > 0 {
                            name.push('_');
                        }
                        name.push(c.to_ascii_lowercase());
                    } else {
                        name.push(c);
                    }
                }
                name
            }

            /// The command called `name` in `[keys]`.
            pub fn from_name(name: &str) -> Option<Command> {
                Command::ALL.iter().copied().find(|c| c.name() == name)
            }

            /// One line for the help overlay (the variant's doc comment).
            pub fn help(self) -> &'static str {
                match self {
                    $( Command::$variant => concat!($($doc),+).trim_ascii(), )+
                }
            }
        }
    };
}

commands! {
    /// Previous word
    PreviousWord,
    /// Next word
    NextWord,
    /// Line up
    LineUp,
    /// Line down
    LineDown,
    /// Next glossary term
    NextTerm,
    /// Previous glossary term
    PreviousTerm,
    /// Next word not in the glossary
    NextUnknown,
    /// Previous word not in the glossary
    PreviousUnknown,
    /// Page down
    PageDown,
    /// Page up
    PageUp,
    /// Go to the top
    Top,
    /// Go to the bottom
    Bottom,
    /// Search the article
    Search,
    /// Repeat the search forward
    SearchNext,
    /// Repeat the search backward
    SearchPrevious,
    /// Hide or show the pane (focus mode)
    TogglePane,
    /// Select words for a new term
    Select,
    /// Add word or selection to the glossary
    AddTerm,
    /// Edit the term under the cursor
    EditTerm,
    /// Delete the term (asks first)
    DeleteTerm,
    /// Undo the last glossary change
    Undo,
    /// Open the term's file in $EDITOR
    EditInEditor,
    /// Status 1: new
    Status1,
    /// Status 2
    Status2,
    /// Status 3
    Status3,
    /// Status 4
    Status4,
    /// Status 5: learned
    Status5,
    /// Mark the term well known
    StatusWellKnown,
    /// Mark the term ignored
    StatusIgnored,
    /// Clear the term's status
    StatusClear,
    /// Status one step up
    StatusUp,
    /// Status one step down
    StatusDown,
    /// Mark all unknown words well known (asks)
    MarkRestKnown,
    /// One status for the word family (asks)
    FamilyStatus,
    /// Turn all highlighting off or on
    ToggleHighlight,
    /// Statistics: what you know here
    Statistics,
    /// Words and phrases to learn
    Vocabulary,
    /// Translate the whole article
    TranslateArticle,
    /// Translate the sentence under the cursor
    TranslateSentence,
    /// Correct the translation in $EDITOR
    CorrectTranslation,
    /// Review learning terms (spaced repetition)
    Review,
    /// Speak the word or term (espeak-ng)
    Speak,
    /// Speak the sentence (espeak-ng)
    SpeakSentence,
    /// Scroll the vocabulary list down
    ScrollVocabularyDown,
    /// Scroll the vocabulary list up
    ScrollVocabularyUp,
    /// Show or hide this help
    Help,
    /// Back: close, clear search, to library
    Back,
    /// Quit
    Quit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_help_text_and_a_snake_case_name() {
        for command in Command::ALL {
            assert!(!command.help().is_empty(), "{command:?}");
        }
        assert_eq!(
            serde_json::to_string(&Command::NextTerm).unwrap(),
            "\"next_term\""
        );
        assert_eq!(Command::NextTerm.help(), "Next glossary term");
        for command in Command::ALL {
            assert_eq!(
                serde_json::to_string(command).unwrap(),
                format!("\"{}\"", command.name())
            );
            assert_eq!(Command::from_name(&command.name()), Some(*command));
        }
        assert_eq!(Command::Status1.name(), "status1");
        assert_eq!(Command::from_name("NextTerm"), None);
    }
}
