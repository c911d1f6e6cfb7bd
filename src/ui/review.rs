//! The review screen: one card at a time, front then back, graded 1–4. Self-contained so that
//! both `kabar review` and the reader can show it: [`Review`] is the state, [`handle_key`]
//! turns a key into a [`ReviewOutcome`] without IO, [`Review::apply_grade`] schedules and saves
//! a grade, and [`render`] draws. Styles come only from the theme.

use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::layers::Layers;
use crate::review::{self, Card, Counts, Grade, ReviewError, ReviewState, Schedule};

/// What the hidden term shows as in a cloze.
const GAP: &str = "[…]";

/// The review session: the cards, which are due, and what the screen shows.
#[derive(Clone, Debug)]
pub struct Review {
    cards: Vec<Card>,
    /// Indices into `cards`, the current one first.
    queue: Vec<usize>,
    revealed: bool,
    cloze: bool,
    counts: Counts,
    next_due: Option<DateTime<Utc>>,
    /// How long each grade would put the current card off ("10 min", "3 d").
    waits: Option<[String; 4]>,
    now: DateTime<Utc>,
    graded: usize,
    /// A save that failed, shown until the next grade.
    error: Option<String>,
}

/// What a key asks of whoever runs the review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewOutcome {
    /// Nothing to do beyond drawing again.
    Continue,
    /// Grade the current card: call [`Review::apply_grade`].
    Grade(Grade),
    /// Leave the review.
    Quit,
}

impl Review {
    /// A session over `cards` at `now`, with their schedules from `state`.
    pub fn new(cards: Vec<Card>, state: &ReviewState, now: DateTime<Utc>) -> Review {
        let mut review = Review {
            cards,
            queue: Vec::new(),
            revealed: false,
            cloze: false,
            counts: Counts::default(),
            next_due: None,
            waits: None,
            now,
            graded: 0,
            error: None,
        };
        review.refresh(state, now);
        review
    }

    /// A session over the glossary's terms in status 1–4 (roots filled in by the analyser)
    /// and the learner's other words in status 1–4 that a dictionary explains.
    pub fn from_layers(
        layers: &Layers,
        words: &crate::word_status::WordStatuses,
        state: &ReviewState,
        now: DateTime<Utc>,
    ) -> Review {
        let mut cards = review::cards(layers.glossary(), words, Some(layers.analyser()));
        cards.extend(review::card::word_cards(layers, words, |status| {
            review::card::is_in_review(Some(status))
        }));
        Review::new(cards, state, now)
    }

    /// Shows the English of each card's sentence on its back, where `sentences` knows it.
    pub fn with_sentence_translations(
        mut self,
        sentences: &crate::translation::sentences::Sentences,
    ) -> Review {
        review::card::translate_sentences(&mut self.cards, sentences);
        self
    }

    /// Starts with cloze fronts (the term hidden, its translation as the hint).
    pub fn with_cloze(mut self, cloze: bool) -> Review {
        self.cloze = cloze;
        self
    }

    /// The card on screen, if any is due.
    pub fn current(&self) -> Option<&Card> {
        self.queue.first().map(|&i| &self.cards[i])
    }

    /// Whether the back of the card is showing.
    pub fn is_revealed(&self) -> bool {
        self.revealed
    }

    /// Whether fronts hide the term.
    pub fn is_cloze(&self) -> bool {
        self.cloze
    }

    /// Due, new and total cards as of the last refresh.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// How many cards were graded in this session.
    pub fn graded(&self) -> usize {
        self.graded
    }

    /// Grades the current card at `now`, saves the state file and moves on. When saving fails
    /// the card stays on screen with the error, and nothing was recorded.
    pub fn apply_grade(
        &mut self,
        state: &mut ReviewState,
        grade: Grade,
        now: DateTime<Utc>,
    ) -> Result<(), ReviewError> {
        let Some(key) = self.current().map(|card| card.key.clone()) else {
            return Ok(());
        };
        if let Err(err) = state.record(&key, grade, now) {
            self.error = Some(err.to_string());
            return Err(err);
        }
        self.graded += 1;
        self.refresh(state, now);
        Ok(())
    }

    /// Rebuilds the queue and counts at `now`: cards that fell due meanwhile join it.
    pub fn refresh(&mut self, state: &ReviewState, now: DateTime<Utc>) {
        self.now = now;
        self.queue = review::queue(&self.cards, state, now);
        self.counts = review::counts(&self.cards, state, now);
        self.next_due = review::next_due(&self.cards, state, now);
        self.revealed = false;
        self.error = None;
        self.waits = self.current().map(|card| {
            let before = state.schedule(&card.key);
            Grade::ALL.map(|grade| review::wait_text(now, Schedule::next(before, grade, now).due))
        });
    }
}

/// Applies one key: Space or Enter shows the back, 1–4 grade it once shown, `c` toggles cloze
/// fronts, `q` or Esc leaves.
pub fn handle_key(review: &mut Review, key: KeyEvent) -> ReviewOutcome {
    if key.kind == KeyEventKind::Release {
        return ReviewOutcome::Continue;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c') if ctrl => ReviewOutcome::Quit,
        KeyCode::Char('q') | KeyCode::Esc => ReviewOutcome::Quit,
        KeyCode::Char(' ') | KeyCode::Enter if review.current().is_some() => {
            review.revealed = true;
            ReviewOutcome::Continue
        }
        KeyCode::Char('c') => {
            review.cloze = !review.cloze;
            ReviewOutcome::Continue
        }
        KeyCode::Char(digit @ '1'..='4') if review.revealed && review.current().is_some() => {
            let index = digit as usize - '1' as usize;
            ReviewOutcome::Grade(Grade::ALL[index])
        }
        _ => ReviewOutcome::Continue,
    }
}

/// Draws the review screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, review: &Review, theme: &Theme) {
    frame.render_widget(View { review, theme }, area);
}

/// Draws the review screen into a buffer (for screens that embed it, like the reader's `R`).
pub fn draw(area: Rect, buf: &mut Buffer, review: &Review, theme: &Theme) {
    View { review, theme }.render(area, buf);
}

/// Runs a review full screen until the user leaves; returns how many cards were graded.
pub fn run(mut review: Review, state: &mut ReviewState, theme: &Theme) -> std::io::Result<usize> {
    // TERM, HUP or INT end the review like q: every grade is already saved, and the terminal
    // is given back.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let registered: Vec<_> = super::STOP_SIGNALS
        .iter()
        .filter_map(|&signal| signal_hook::flag::register(signal, stop.clone()).ok())
        .collect();
    let result = super::with_terminal(|terminal| {
        while !stop.load(std::sync::atomic::Ordering::SeqCst) {
            terminal.draw(|frame| {
                render(frame, frame.area(), &review, theme);
                super::make_cells_safe(frame.buffer_mut());
            })?;
            // Waking often notices a signal, and lets a card that falls due appear while
            // nothing is due.
            if !event::poll(Duration::from_millis(250))? {
                if review.current().is_none() {
                    review.refresh(state, Utc::now());
                }
                continue;
            }
            let Event::Key(key) = event::read()? else {
                continue;
            };
            match handle_key(&mut review, key) {
                ReviewOutcome::Continue => {}
                ReviewOutcome::Quit => break,
                // The error is on screen; the card stays to be graded again.
                ReviewOutcome::Grade(grade) => {
                    let _ = review.apply_grade(state, grade, Utc::now());
                }
            }
        }
        Ok(review.graded())
    });
    for id in registered {
        signal_hook::low_level::unregister(id);
    }
    result
}

/// The screen as a widget over borrowed state.
struct View<'a> {
    review: &'a Review,
    theme: &'a Theme,
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [body, hints] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let block = Block::new()
            .borders(Borders::TOP)
            .border_style(self.theme.border)
            .title(Span::styled(" Review ", self.theme.heading))
            .title(Span::styled(self.counts_text(), self.theme.dim))
            .padding(Padding::horizontal(1));
        let inner = block.inner(body);
        block.render(body, buf);
        let lines = match self.review.current() {
            Some(card) => self.card_lines(card),
            None => self.nothing_due(),
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
        let hint = match &self.review.error {
            Some(error) => Line::styled(flat(error), self.theme.warning),
            None => self.hint_line(),
        };
        Paragraph::new(hint).render(hints, buf);
    }
}

impl View<'_> {
    fn counts_text(&self) -> String {
        let c = self.review.counts;
        format!(" {} due · {} new · {} cards ", c.due, c.new, c.total)
    }

    fn card_lines(&self, card: &Card) -> Vec<Line<'static>> {
        let theme = self.theme;
        let hidden = self.review.cloze && !self.review.revealed;
        let mut lines = vec![Line::default()];
        match &card.sentence {
            Some(sentence) => {
                let (before, term, after) = sentence.parts();
                let term = if hidden { GAP.to_owned() } else { flat(term) };
                lines.push(Line::from(vec![
                    Span::raw(flat(before)),
                    Span::styled(term, theme.current_term),
                    Span::raw(flat(after)),
                ]));
            }
            None if hidden => lines.push(Line::styled(GAP, theme.current_term)),
            None => lines.push(Line::styled(flat(&card.term), theme.current_term)),
        }
        if hidden {
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled("hint: ", theme.dim),
                Span::raw(flat(&card.translation_line())),
            ]));
        }
        if !self.review.revealed {
            return lines;
        }
        lines.push(Line::default());
        lines.push(Line::styled(flat(&card.term), theme.heading));
        for translation in &card.translations {
            lines.push(Line::raw(format!("• {}", flat(translation))));
        }
        let labelled = [
            ("in English", card.sentence_translation.as_deref()),
            ("root", card.root.as_deref()),
            ("note", card.note.as_deref()),
            ("from", card.source.as_deref()),
        ];
        for (label, value) in labelled {
            if let Some(value) = value {
                lines.push(Line::from(vec![
                    Span::styled(format!("{label}: "), theme.dim),
                    Span::raw(flat(value)),
                ]));
            }
        }
        lines
    }

    fn nothing_due(&self) -> Vec<Line<'static>> {
        let review = self.review;
        let text = if review.cards.is_empty() {
            "No terms to review: give terms a status from 1 to 4 in the reader (keys 1–4)."
                .to_owned()
        } else {
            match review.next_due {
                Some(due) => format!(
                    "Nothing due — next card due in {}.",
                    review::wait_text(review.now, due)
                ),
                None => "Nothing due.".to_owned(),
            }
        };
        let mut lines = vec![Line::default(), Line::raw(text)];
        if review.graded > 0 {
            lines.push(Line::styled(
                format!("Reviewed {} this session.", review.graded),
                self.theme.dim,
            ));
        }
        lines
    }

    fn hint_line(&self) -> Line<'static> {
        let review = self.review;
        let key = |k: &str| Span::styled(format!(" {k} "), self.theme.key);
        let label = |l: String| Span::styled(format!(" {l} "), self.theme.status);
        let mut spans = Vec::new();
        match (&review.waits, review.revealed) {
            (Some(waits), true) => {
                for (i, (grade, wait)) in Grade::ALL.iter().zip(waits).enumerate() {
                    spans.push(key(&(i + 1).to_string()));
                    spans.push(label(format!("{} {wait}", grade.label())));
                }
            }
            (Some(_), false) => {
                spans.push(key("Space"));
                spans.push(label("show".to_owned()));
            }
            (None, _) => {}
        }
        if review.current().is_some() && !review.revealed {
            spans.push(key("c"));
            let cloze = if review.cloze {
                "cloze: on"
            } else {
                "cloze: off"
            };
            spans.push(label(cloze.to_owned()));
        }
        spans.push(key("q"));
        spans.push(label("quit".to_owned()));
        Line::from(spans).style(self.theme.status)
    }
}

/// Text on one screen line: glossary strings may hold line breaks (already sanitized on load).
fn flat(text: &str) -> String {
    text.replace('\n', " ")
}
