//! What the reader's effects reach beyond its state, for the event loop: the terminal
//! (suspended while `$EDITOR` runs, for a glossary file or a paragraph's correction), the
//! voice, and the background translator. The glossary's own writes are [`super::perform`]'s.

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType};

use super::{App, Reload, Shell, app, perform, reload_changed_glossary, translating};

/// What the reader's effects reach beyond its state: the terminal (suspended for an editor),
/// the voice, the background translator.
pub(super) struct Outside<'t> {
    pub(super) terminal: &'t mut ratatui::DefaultTerminal,
    /// Set while an editor has the terminal, so the input thread leaves its keys alone.
    pub(super) paused: Arc<AtomicBool>,
    pub(super) speaker: crate::speech::Speaker,
    pub(super) translator: Option<crate::translation::worker::Worker>,
}

impl Outside<'_> {
    /// Does what the reader's last update asked for.
    pub(super) fn perform_effects(&mut self, shell: &mut Shell, reload: Reload<'_>) {
        let effects = shell
            .reader_mut()
            .map(App::take_effects)
            .unwrap_or_default();
        for effect in effects {
            let Some(app) = shell.reader_mut() else {
                break;
            };
            match effect {
                app::Effect::OpenEditor { path, line } => {
                    let outcome = self.edit(&path, line);
                    match outcome {
                        Ok(()) => reload_changed_glossary(app, reload),
                        Err(err) => {
                            app.show_notice(format!("Could not run the editor: {err}"), true)
                        }
                    }
                }
                app::Effect::Speak(text) => {
                    if let Err(err) = self.speaker.speak(&text) {
                        app.show_notice(err.to_string(), true);
                    }
                }
                app::Effect::Translate(request) => {
                    if let Some(worker) = &self.translator {
                        worker.ask(*request);
                    }
                }
                app::Effect::CorrectTranslation {
                    paragraph,
                    english,
                    indonesian,
                } => {
                    let edit = |path: &std::path::Path| self.edit(path, 1);
                    translating::correct(app, paragraph, &english, &indonesian, edit);
                }
                other => perform(app, other, reload),
            }
        }
    }

    /// Runs the editor on `path` at `line`, the reader suspended meanwhile.
    fn edit(&mut self, path: &std::path::Path, line: usize) -> std::io::Result<()> {
        self.paused.store(true, Ordering::SeqCst);
        let outcome = edit_externally(self.terminal, path, line);
        self.paused.store(false, Ordering::SeqCst);
        outcome
    }
}

/// Suspends the reader, runs `$VISUAL` or `$EDITOR` (else vi) on `path` at `line`, and
/// restores the screen.
fn edit_externally(
    terminal: &mut ratatui::DefaultTerminal,
    path: &std::path::Path,
    line: usize,
) -> std::io::Result<()> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_owned();
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    let status = std::process::Command::new(program)
        .args(words)
        .arg(format!("+{line}"))
        .arg(path)
        .status();
    *terminal = ratatui::init();
    // Not terminal.clear(): it asks the terminal where its cursor is, and one that does not
    // answer (a pseudo-terminal under test, a slow remote) would lose the editor's work.
    // The new terminal's buffers are blank, so the next frame draws everything.
    execute!(stdout(), EnableMouseCapture, Clear(ClearType::All))?;
    status.and_then(|s| {
        if s.success() {
            Ok(())
        } else {
            Err(std::io::Error::other(format!("the editor exited with {s}")))
        }
    })
}
