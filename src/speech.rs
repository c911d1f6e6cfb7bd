//! Pronunciation through espeak-ng's Indonesian voice. Speaking never blocks the reader: the
//! program is started with the text on its standard input and left to run; a new request stops
//! the one still speaking. Without espeak-ng the caller gets a message saying how to install it.
//! Knows nothing of the terminal.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The environment variable naming the program to run instead of `espeak-ng` (empty turns
/// speech off), for systems that install it elsewhere and for tests.
pub const PROGRAM_VARIABLE: &str = "KABAR_ESPEAK";

/// What to tell a learner whose system has no espeak-ng.
pub const INSTALL_HINT: &str =
    "Speaking needs espeak-ng: apt install espeak-ng (or dnf / brew install espeak-ng)";

/// Why nothing is spoken.
#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    /// The program is not installed (or speech is turned off).
    #[error("{INSTALL_HINT}")]
    NotInstalled,
    /// It is installed but could not be started.
    #[error("could not start {program}: {reason}")]
    Failed {
        /// The program.
        program: String,
        /// Why.
        reason: std::io::Error,
    },
}

/// Runs espeak-ng, one utterance at a time.
#[derive(Debug)]
pub struct Speaker {
    program: Option<PathBuf>,
    speaking: Option<Child>,
}

impl Speaker {
    /// `espeak-ng`, or the program named by `KABAR_ESPEAK`.
    pub fn from_env() -> Speaker {
        let program = match std::env::var_os(PROGRAM_VARIABLE) {
            Some(value) if value.is_empty() => None,
            Some(value) => Some(PathBuf::from(value)),
            None => Some(PathBuf::from("espeak-ng")),
        };
        Speaker::new(program)
    }

    /// A speaker running `program` (`None`: speech off).
    pub fn new(program: Option<PathBuf>) -> Speaker {
        Speaker {
            program,
            speaking: None,
        }
    }

    /// Starts speaking `text` in Indonesian and returns at once; stops what was still being
    /// said.
    pub fn speak(&mut self, text: &str) -> Result<(), SpeechError> {
        self.stop();
        let program = self.program.as_ref().ok_or(SpeechError::NotInstalled)?;
        let mut child = Command::new(program)
            .args(["-v", "id"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|reason| match reason.kind() {
                std::io::ErrorKind::NotFound => SpeechError::NotInstalled,
                _ => SpeechError::Failed {
                    program: program.display().to_string(),
                    reason,
                },
            })?;
        if let Some(mut stdin) = child.stdin.take() {
            // One line of text; a thread so a slow reader of its input never holds us up.
            let line = format!("{}\n", text.replace(['\n', '\r'], " "));
            std::thread::spawn(move || {
                let _ = stdin.write_all(line.as_bytes());
            });
        }
        self.speaking = Some(child);
        Ok(())
    }

    /// Stops speaking, if it is.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.speaking.take()
            && child.try_wait().ok().flatten().is_none()
        {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Waits for the current utterance to finish (for tests and clean exits).
    pub fn wait(&mut self) {
        if let Some(mut child) = self.speaking.take() {
            let _ = child.wait();
        }
    }
}

impl Drop for Speaker {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_says_how_to_install_espeak_ng() {
        let mut speaker = Speaker::new(Some(PathBuf::from("/nonexistent/espeak-ng")));
        let err = speaker.speak("peluru").unwrap_err();
        assert!(matches!(err, SpeechError::NotInstalled));
        assert!(err.to_string().contains("apt install espeak-ng"), "{err}");
        let mut off = Speaker::new(None);
        assert!(matches!(off.speak("x"), Err(SpeechError::NotInstalled)));
    }

    #[cfg(unix)]
    #[test]
    fn the_text_goes_to_the_indonesian_voice_on_standard_input() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.txt");
        let fake = dir.path().join("espeak-ng");
        std::fs::write(
            &fake,
            format!("#!/bin/sh\necho \"$@\" > {0}\ncat >> {0}\n", out.display()),
        )
        .unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut speaker = Speaker::new(Some(fake));
        speaker.speak("peluru artileri\n-v en").unwrap();
        speaker.wait();
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "-v id\npeluru artileri -v en\n",
            "options inside the text are read as text"
        );
    }
}
