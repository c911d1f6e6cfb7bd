//! The terminal layer: state ([`app`]), intents ([`command`]), key bindings ([`keymap`]),
//! screen regions ([`layout`]), wrapping ([`wrap`], [`rows`]), styles ([`theme`]) and drawing
//! ([`view`]). This module owns the event loop; nothing below it touches the terminal.

pub mod app;
pub mod command;
pub mod keymap;
pub mod layout;
pub mod rows;
pub mod theme;
pub mod view;
pub mod wrap;

use std::io::stdout;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

pub use app::App;

use crate::dictionary::Dictionary;

/// Builds the dictionary again from the same sources, after the glossary changed.
pub type Reload<'a> = &'a dyn Fn() -> anyhow::Result<Dictionary>;

/// Runs the reader until the user quits. Restores the terminal on exit and on panic.
pub fn run(mut app: App, reload: Reload<'_>) -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous_hook(info);
    }));
    let result = execute!(stdout(), EnableMouseCapture).and_then(|()| {
        // The first poll installs crossterm's resize handler; reading the size after it means
        // a resize right at start-up cannot be lost.
        event::poll(Duration::ZERO)?;
        let size = terminal.size()?;
        app.handle_event(&Event::Resize(size.width, size.height));
        event_loop(&mut terminal, &mut app, reload)
    });
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    reload: Reload<'_>,
) -> std::io::Result<()> {
    let (sender, events) = mpsc::channel::<std::io::Result<Event>>();
    thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if sender.send(event).is_err() || failed {
                break;
            }
        }
    });
    while app.is_running() {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        let Ok(event) = events.recv() else { break };
        app.handle_event(&event?);
        // Apply everything already queued (key repeat, wheel bursts) before drawing again.
        while let Ok(event) = events.try_recv() {
            app.handle_event(&event?);
        }
        for effect in app.take_effects() {
            perform(app, effect, reload);
        }
    }
    Ok(())
}

/// Does what an effect asks, reporting the outcome in the status line; never fails the reader.
pub fn perform(app: &mut App, effect: app::Effect, reload: Reload<'_>) {
    use crate::glossary::edit;
    let Some(dir) = app.glossary_dir().map(std::path::Path::to_path_buf) else {
        return;
    };
    let (written, done) = match &effect {
        app::Effect::AddEntry { draft, file } => (
            edit::add(&dir, std::path::Path::new(file), app.glossary(), draft),
            format!("Added \"{}\"", draft.term),
        ),
        app::Effect::EditEntry { term, draft } => (
            edit::edit(app.glossary(), term, draft),
            format!("Changed \"{term}\""),
        ),
        app::Effect::RemoveEntry { term } => (
            edit::remove(app.glossary(), term),
            format!("Deleted \"{term}\""),
        ),
        app::Effect::Undo(change) => (edit::undo(change), "Undone".to_owned()),
    };
    let reloaded = written
        .map_err(anyhow::Error::from)
        .and_then(|change| Ok((change, reload()?)));
    match reloaded {
        Ok((change, dictionary)) => {
            let path = change.path.display().to_string();
            if !matches!(effect, app::Effect::Undo(_)) {
                app.record_change(change);
            }
            app.replace_dictionary(dictionary);
            app.show_notice(format!("{done} in {path} (u undoes)"), false);
        }
        Err(err) => app.show_notice(format!("Nothing changed: {err:#}"), true),
    }
}
