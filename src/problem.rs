//! A problem found in a user file (a glossary file, the settings file), reported as
//! `file:line:col: message` so editors and terminals can jump to it.

use std::path::{Path, PathBuf};

use crate::text::{LineCol, line_text};

/// One thing wrong with a glossary file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// The file.
    pub path: PathBuf,
    /// Where in the file.
    pub at: LineCol,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
    /// The offending line, for showing under the message.
    pub source_line: Option<String>,
}

impl Problem {
    /// A problem without the offending line attached.
    pub fn new(path: &Path, at: LineCol, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            at,
            message: message.into(),
            source_line: None,
        }
    }

    /// Attaches the line at [`Problem::at`] from the file's text.
    pub fn with_source_line(mut self, text: &str) -> Problem {
        self.source_line = Some(crate::text::sanitize(line_text(text, self.at.line)).into_owned());
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.at, self.message)
    }
}
