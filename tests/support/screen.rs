//! Drawing into ratatui's TestBackend and reading the screen back as text, for the UI tests.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::{Frame, Terminal};

/// What `render` draws on a `width`×`height` screen.
pub fn draw(width: u16, height: u16, render: impl FnOnce(&mut Frame)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(render).expect("drawing never fails");
    terminal.backend().buffer().clone()
}

/// The screen as text: one line per row, trailing spaces trimmed.
pub fn screen(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let row: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
