//! The terminal layer: state ([`app`]), intents ([`command`]), key bindings ([`keymap`]),
//! screen regions ([`layout`]), wrapping ([`wrap`], [`rows`]), styles ([`theme`]), drawing
//! ([`view`]) and the review screen ([`review`]). This module owns the reader's event loop and
//! [`review::run`] the review's; nothing else below it touches the terminal.

pub mod app;
pub mod command;
pub mod feed_view;
pub mod keymap;
pub mod layout;
pub mod library_view;
pub mod list;
pub mod review;
pub mod rows;
pub mod shell;
pub mod theme;
mod translating;
pub mod view;
mod watch;
pub mod wrap;

use std::io::stdout;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType};

pub use app::App;
pub use shell::Shell;

use crate::layers::Layers;

/// Builds the layers again from the same sources, after the glossary changed.
pub type Reload<'a> = &'a dyn Fn() -> anyhow::Result<Layers>;

/// Runs kabar until the user quits, or a signal (TERM, HUP, INT) asks it to stop: then it
/// stops the same way. Restores the terminal on exit and on panic, and saves where reading
/// stopped. Returns the signal that ended it, if one did.
pub fn run(mut shell: Shell, reload: Reload<'_>) -> std::io::Result<Option<i32>> {
    let result = with_terminal(|terminal| {
        // The first poll installs crossterm's resize handler; reading the size after it means
        // a resize right at start-up cannot be lost.
        event::poll(Duration::ZERO)?;
        let size = terminal.size()?;
        shell.handle_event(&Event::Resize(size.width, size.height));
        event_loop(terminal, &mut shell, reload)
    });
    // Where reading stopped, for next time; a failure is worth a line now the screen is back.
    // Saved whatever ended the loop, a terminal that went away included.
    if let Some(problem) = shell.save_position() {
        crate::safe_eprintln!("kabar: {problem}");
    }
    result
}

/// The signals that end kabar the way `q` does: `kill`, a closed terminal, Ctrl-C while the
/// terminal is not in raw mode.
pub const STOP_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// Runs `body` on the full-screen terminal (mouse and bracketed paste on) and restores the
/// terminal afterwards, and on panic. Shared by the reader and `kabar review`.
pub fn with_terminal<T>(
    body: impl FnOnce(&mut ratatui::DefaultTerminal) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let mut terminal = ratatui::init();
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous_hook(info);
    }));
    // Bracketed paste: pasted text arrives as one event, never as keys that run commands.
    let result = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
        .and_then(|()| body(&mut terminal));
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    // Not ratatui::restore: it reports failure with eprintln!, which panics when the terminal
    // is gone (a hang-up), and the reading position is saved after this.
    let _ = ratatui::try_restore();
    result
}

/// The last guard before the terminal: ratatui already drops control characters, and every
/// loader sanitizes; this also takes out what could still ride along inside a cell — a
/// zero-width joiner or a bidirectional override glued to a letter (from a tampered cache
/// file, say) — so the terminal and kabar always agree on what a cell shows.
pub fn make_cells_safe(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        let printable = symbol.bytes().all(|b| (0x20..0x7f).contains(&b));
        if !printable && symbol.chars().any(crate::text::needs_rewrite) {
            let safe: String = crate::text::sanitize(symbol).into_owned();
            cell.set_symbol(if safe.is_empty() { " " } else { &safe });
        }
    }
}

/// What wakes the event loop.
enum Message {
    /// Input or a resize from the terminal.
    Terminal(std::io::Result<Event>),
    /// A glossary file changed on disk (an editor, `git pull`).
    GlossaryChanged,
    /// A background job (importing, fetching feeds) ended.
    JobDone(shell::JobOutcome),
    /// The word statuses file changed on disk (edited by hand, or another kabar).
    WordsChanged,
    /// A signal asked kabar to stop.
    Stop(i32),
    /// Time to fetch the feeds again (`[feeds] refresh_minutes`).
    RefreshFeeds,
    /// The background translator finished a paragraph or sentence.
    Translated(Box<crate::translation::worker::Done>),
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    shell: &mut Shell,
    reload: Reload<'_>,
) -> std::io::Result<Option<i32>> {
    let (sender, messages) = mpsc::channel::<Message>();
    let signals = spawn_signal_watch(sender.clone());
    let result = run_events(terminal, shell, reload, &sender, &messages);
    if let Some(handle) = signals {
        handle.close();
    }
    result
}

fn run_events(
    terminal: &mut ratatui::DefaultTerminal,
    shell: &mut Shell,
    reload: Reload<'_>,
    sender: &mpsc::Sender<Message>,
    messages: &mpsc::Receiver<Message>,
) -> std::io::Result<Option<i32>> {
    let mut stopped_by = None;
    // While an external editor runs, the input thread must not read its keys.
    let paused = Arc::new(AtomicBool::new(false));
    spawn_input(sender.clone(), Arc::clone(&paused));
    if let Some(dir) = shell.glossary_dir() {
        watch::spawn_watcher(sender.clone(), dir.to_path_buf());
    }
    if let Some(path) = shell.word_statuses_path() {
        watch::spawn_file_watcher(sender.clone(), path.to_path_buf());
    }
    if let Some(every) = shell.refresh_interval() {
        watch::spawn_refresh(sender.clone(), every);
    }
    let mut outside = Outside {
        terminal,
        paused,
        speaker: crate::speech::Speaker::from_env(),
        translator: shell.translator().cloned().map(|translator| {
            let sender = sender.clone();
            crate::translation::worker::Worker::start(translator, move |done| {
                let _ = sender.send(Message::Translated(Box::new(done)));
            })
        }),
    };
    // What opening the first article asked for (its first paragraph's translation).
    outside.perform_effects(shell, reload);
    while shell.is_running() {
        outside.terminal.draw(|frame| {
            frame.render_widget(&*shell, frame.area());
            make_cells_safe(frame.buffer_mut());
        })?;
        let Ok(message) = messages.recv() else { break };
        let mut glossary_changed = false;
        let mut words_changed = false;
        // Apply everything already queued (key repeat, wheel bursts) before drawing again.
        for message in std::iter::once(message).chain(messages.try_iter()) {
            match message {
                Message::Terminal(event) => shell.handle_event(&event?),
                Message::GlossaryChanged => glossary_changed = true,
                Message::JobDone(outcome) => shell.finish_job(outcome),
                Message::Translated(done) => shell.finish_translation(*done),
                Message::WordsChanged => words_changed = true,
                Message::RefreshFeeds => shell.refresh_feeds(),
                Message::Stop(signal) => {
                    stopped_by = Some(signal);
                    shell.quit();
                }
            }
        }
        if stopped_by.is_some() {
            break;
        }
        if glossary_changed {
            match shell.reader_mut() {
                Some(app) => reload_changed_glossary(app, reload),
                None => {
                    if let Ok(layers) = reload() {
                        shell.replace_layers(layers);
                    }
                }
            }
        }
        if let Some(job) = shell.take_job() {
            let sender = sender.clone();
            thread::spawn(move || {
                let _ = sender.send(Message::JobDone(shell::run_job(job)));
            });
        }
        outside.perform_effects(shell, reload);
        // After the saves: a status set by a key in this batch is in memory but not yet on
        // disk before them, and reading the file then would take it away until the next poll.
        if words_changed {
            shell.reload_word_statuses();
        }
    }
    Ok(stopped_by)
}

/// What the reader's effects reach beyond its state: the terminal (suspended for an editor),
/// the voice, the background translator.
struct Outside<'t> {
    terminal: &'t mut ratatui::DefaultTerminal,
    /// Set while an editor has the terminal, so the input thread leaves its keys alone.
    paused: Arc<AtomicBool>,
    speaker: crate::speech::Speaker,
    translator: Option<crate::translation::worker::Worker>,
}

impl Outside<'_> {
    /// Does what the reader's last update asked for.
    fn perform_effects(&mut self, shell: &mut Shell, reload: Reload<'_>) {
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

/// Turns TERM, HUP and INT into a [`Message::Stop`]; `None` when they cannot be caught.
fn spawn_signal_watch(sender: mpsc::Sender<Message>) -> Option<signal_hook::iterator::Handle> {
    let mut signals = signal_hook::iterator::Signals::new(STOP_SIGNALS).ok()?;
    let handle = signals.handle();
    thread::spawn(move || {
        for signal in signals.forever() {
            if sender.send(Message::Stop(signal)).is_err() {
                break;
            }
        }
    });
    Some(handle)
}

fn spawn_input(sender: mpsc::Sender<Message>, paused: Arc<AtomicBool>) {
    thread::spawn(move || {
        loop {
            if paused.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(50));
                continue;
            }
            let event = match event::poll(Duration::from_millis(100)) {
                Ok(false) => continue,
                Ok(true) => event::read(),
                Err(err) => Err(err),
            };
            let failed = event.is_err();
            if sender.send(Message::Terminal(event)).is_err() || failed {
                break;
            }
        }
    });
}

/// Reloads after a change on disk. When the change broke a file (invalid TOML), the entries
/// loaded before stay and the problem is shown; otherwise the new glossary replaces the old.
fn reload_changed_glossary(app: &mut App, reload: Reload<'_>) {
    match reload() {
        Ok(layers) => {
            let newly_broken = layers
                .glossary()
                .problems()
                .iter()
                .find(|p| {
                    p.message.starts_with("invalid TOML") && !app.glossary().problems().contains(p)
                })
                .cloned();
            let current: Vec<String> = layers
                .glossary()
                .problems()
                .iter()
                .map(ToString::to_string)
                .collect();
            if newly_broken.is_none() && app.drop_fixed_problems(&current) {
                app.show_notice("The broken glossary file is fixed", false);
            }
            match newly_broken {
                Some(problem) => {
                    app.add_warning(problem.to_string());
                    app.show_notice(format!("{problem} (kept the entries loaded before)"), true);
                }
                // kabar's own writes also wake the watcher: nothing new, nothing to say, and
                // the notice of the change with its undo hint stays. An edit that added lines
                // moved the entries below it: they take their new places, silently.
                None if layers.glossary().same_entries_anywhere(app.glossary())
                    && layers.glossary().problems() == app.glossary().problems() =>
                {
                    if !layers.glossary().same_entries(app.glossary()) {
                        app.replace_layers(layers);
                    }
                }
                None => {
                    app.replace_layers(layers);
                    app.show_notice("Glossary reloaded", false);
                }
            }
        }
        Err(err) => app.show_notice(format!("Glossary not reloaded: {err:#}"), true),
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

/// Does what an effect asks, reporting the outcome in the status line; never fails the reader.
pub fn perform(app: &mut App, effect: app::Effect, reload: Reload<'_>) {
    use crate::glossary::edit;
    if let app::Effect::SaveWordStatuses {
        changes,
        examples,
        record,
    } = &effect
    {
        match app.word_statuses().save_with_examples(changes, examples) {
            Ok(on_disk) if *record => app.word_statuses_saved(on_disk),
            Ok(_) => {}
            Err(err) => {
                if *record {
                    app.word_statuses_saved(Vec::new());
                }
                app.show_notice(format!("Not saved: {err}"), true);
            }
        }
        return;
    }
    let Some(dir) = app.glossary_dir().map(std::path::Path::to_path_buf) else {
        return;
    };
    let (written, done) = match &effect {
        app::Effect::AddEntry { draft, file } => (
            edit::add(&dir, std::path::Path::new(file), app.glossary(), draft),
            format!("Added \"{}\"", draft.term),
        ),
        app::Effect::EditEntry {
            term,
            before,
            after,
        } => (
            edit::edit(&dir, app.glossary(), term, before, after),
            format!("Changed \"{term}\""),
        ),
        app::Effect::RemoveEntry { term } => (
            edit::remove(&dir, app.glossary(), term),
            format!("Deleted \"{term}\""),
        ),
        app::Effect::Undo(change) => (edit::undo(change), "Undone".to_owned()),
        // Need the terminal or a running process: handled by the event loop.
        app::Effect::OpenEditor { .. }
        | app::Effect::Speak(_)
        | app::Effect::Translate(_)
        | app::Effect::CorrectTranslation { .. } => return,
        app::Effect::SaveWordStatuses { .. } => return,
    };
    // Adding a term that exists elsewhere opens that entry for editing instead.
    if let (Err(edit::EditError::Duplicate { term, .. }), app::Effect::AddEntry { .. }) =
        (&written, &effect)
    {
        let term = term.clone();
        app.offer_edit(&term);
        return;
    }
    // An edit keeps the term, so the matcher and the annotation stay valid: patch the entry
    // in memory instead of reloading every file and re-annotating the article (a status key
    // is a keystroke). Adding, removing and undoing change terms and reload.
    let reloaded = written.map_err(anyhow::Error::from).and_then(|change| {
        let layers = match &effect {
            app::Effect::EditEntry { term, after, .. } => {
                app.patch_entry(term, after);
                None
            }
            _ => Some(reload()?),
        };
        Ok((change, layers))
    });
    match reloaded {
        Ok((change, layers)) => {
            let path = change.path.display().to_string();
            if !matches!(effect, app::Effect::Undo(_)) {
                app.record_change(change);
            }
            if let Some(layers) = layers {
                app.replace_layers(layers);
            }
            let undo_hint = if matches!(effect, app::Effect::Undo(_)) {
                String::new()
            } else {
                format!(" ({} undoes)", app.keymap.label(command::Command::Undo))
            };
            app.show_notice(format!("{done}: {path}{undo_hint}"), false);
        }
        Err(err) => {
            if let app::Effect::Undo(change) = effect {
                // Keep the step: it can be undone once the file is back as kabar left it.
                app.record_change(change);
                app.show_notice(
                    format!("Not undone: {err:#} (the file was changed since)"),
                    true,
                );
            } else {
                app.show_notice(format!("Nothing changed: {err:#}"), true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::document::Document;
    use crate::glossary::Glossary;
    use ratatui::layout::Size;
    use std::path::{Path, PathBuf};

    fn layers(text: &str) -> Layers {
        let mut glossary = Glossary::default();
        glossary.add_file(PathBuf::from("umum.toml"), text);
        Layers::new(glossary, crate::morphology::Lexicon::default())
    }

    /// Rating a term writes the learner's progress, never the glossary file. Editing a
    /// `[table]` entry adds lines to its file, so every entry below it moves: the watcher's
    /// reload of kabar's own write must neither say "Glossary reloaded" nor take the notice
    /// and its undo hint away, and it must give the moved entries their places.
    #[test]
    fn rating_leaves_the_glossary_alone_and_the_watcher_never_reports_kabars_own_write() {
        let dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let text = "[perang]\ntranslation = \"war\"\n\n[lagi]\ntranslation = \"again\"\n";
        std::fs::write(dir.path().join("umum.toml"), text).unwrap();
        let reload = || -> anyhow::Result<Layers> {
            Ok(Layers::new(
                Glossary::load_dir(dir.path())?,
                crate::morphology::Lexicon::default(),
            ))
        };
        let article = Article::parse("Perang lagi.", Path::new("a.md")).unwrap();
        let layers = reload().unwrap();
        let words_path = data.path().join("words.toml");
        let words = crate::word_status::WordStatuses::load(&words_path).unwrap();
        let mut app = App::with_statuses(
            Document::new(article, &layers),
            layers,
            words,
            Size::new(80, 24),
        )
        .with_glossary_dir(dir.path().to_path_buf());
        app.update(crate::ui::command::Command::Status1);
        for effect in app.take_effects() {
            perform(&mut app, effect, &reload);
        }
        let notice = app.notice().map(|n| n.text.clone()).unwrap_or_default();
        assert_eq!(notice, "perang: status 1 (u undoes)");
        let glossary_file = std::fs::read_to_string(dir.path().join("umum.toml")).unwrap();
        assert_eq!(glossary_file, text, "rating never writes the glossary");
        let progress = std::fs::read_to_string(&words_path).unwrap();
        assert!(
            progress.contains(
                "perang = { status = 1, examples = [\"Perang lagi. (Untitled article)\"] }"
            ),
            "{progress}"
        );
        // An authoring edit does write the file; the watcher wakes for that write.
        let entry = app
            .glossary()
            .entry(app.glossary().lookup("perang").unwrap());
        let before = crate::glossary::edit::EntryDraft::from_entry(entry);
        let after = crate::glossary::edit::EntryDraft {
            note: Some("perang-perangan: a mock war".into()),
            ..before.clone()
        };
        perform(
            &mut app,
            app::Effect::EditEntry {
                term: "perang".into(),
                before,
                after,
            },
            &reload,
        );
        let notice = app.notice().map(|n| n.text.clone()).unwrap_or_default();
        assert!(notice.ends_with("(u undoes)"), "{notice}");
        reload_changed_glossary(&mut app, &reload);
        assert_eq!(
            app.notice().map(|n| n.text.as_str()),
            Some(notice.as_str()),
            "the notice stays"
        );
        let lagi = app.glossary().lookup("lagi").unwrap();
        let on_disk = reload().unwrap();
        let moved = on_disk.glossary().lookup("lagi").unwrap();
        assert_eq!(
            app.glossary().entry(lagi).at,
            on_disk.glossary().entry(moved).at,
            "the entry below has its new line"
        );
    }

    #[test]
    fn the_warning_of_a_broken_file_goes_once_the_file_is_fixed() {
        let good = "perang = \"war\"\n";
        let article = Article::parse("Perang lagi.", Path::new("a.md")).unwrap();
        let mut app = App::new(
            Document::new(article, &layers(good)),
            layers(good),
            Size::new(80, 24),
        );
        reload_changed_glossary(&mut app, &|| Ok(layers("perang = \n")));
        assert_eq!(app.warnings.len(), 1, "the broken file is reported");
        assert!(app.warnings[0].contains("umum.toml"), "{:?}", app.warnings);
        reload_changed_glossary(&mut app, &|| Ok(layers(good)));
        assert!(app.warnings.is_empty(), "{:?}", app.warnings);
        assert_eq!(
            app.notice().map(|n| n.text.as_str()),
            Some("The broken glossary file is fixed")
        );
    }
}
