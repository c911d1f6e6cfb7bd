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

/// Runs the reader until the user quits. Restores the terminal on exit and on panic.
pub fn run(mut app: App) -> std::io::Result<()> {
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
        event_loop(&mut terminal, &mut app)
    });
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
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
    }
    Ok(())
}
