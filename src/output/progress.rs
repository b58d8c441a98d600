//! A progress line on stderr for long waits (`dns --file`, `arp scan`), drawn only when stderr is
//! a terminal: redrawn in place a few times a second, and cleared before each result line so
//! that results never run into it.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

/// The progress line of a long wait on stderr.
#[derive(Debug)]
pub struct Progress {
    /// Whether it is drawn at all (stderr is a terminal).
    on: bool,
    /// The terminal's width, when known: a line wider would wrap, and only its last part be
    /// erased.
    width: Option<usize>,
    /// Whether a progress line is on the screen now.
    showing: bool,
    /// When it was last drawn (at first: when the wait started).
    drawn: Instant,
}

/// How often the progress line is redrawn.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// The terminal's "back to the start of the line, erase it".
const CLEAR_LINE: &str = "\r\x1b[K";

impl Progress {
    /// A progress line first drawn [`PROGRESS_EVERY`] from now (a quick run shows none), when
    /// `on`.
    pub fn new(on: bool) -> Self {
        let width = on
            .then(|| terminal_size::terminal_size_of(io::stderr()))
            .flatten()
            .map(|(w, _)| usize::from(w.0));
        Progress {
            on,
            width,
            showing: false,
            drawn: Instant::now(),
        }
    }

    /// A progress line drawn when stderr is a terminal.
    pub fn on_terminal() -> Self {
        Self::new(io::stderr().is_terminal())
    }

    /// Whether the line is drawn at all.
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// Whether the line should be drawn now.
    pub fn due(&self) -> bool {
        self.on && self.drawn.elapsed() >= PROGRESS_EVERY
    }

    /// Draws `text` (netkit's own: counts and times only) in place of the previous line.
    pub fn draw(&mut self, text: &str) {
        if !self.on {
            return;
        }
        let text = fitted(text, self.width.map_or(usize::MAX, |w| w.saturating_sub(1)));
        let mut err = io::stderr().lock();
        let _ = write!(err, "{CLEAR_LINE}{text}");
        let _ = err.flush();
        self.showing = true;
        self.drawn = Instant::now();
    }

    /// Erases the line, when one is showing.
    pub fn clear(&mut self) {
        if self.showing {
            let mut err = io::stderr().lock();
            let _ = write!(err, "{CLEAR_LINE}");
            let _ = err.flush();
            self.showing = false;
        }
    }
}

/// `text` without the words that would take it past `width` columns (a number stays with its
/// unit): a progress line fits on one line of the terminal.
fn fitted(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    if super::text::visible_len(text) <= width {
        return text.into();
    }
    let mut out = String::new();
    for (atom, gap) in super::text::atoms(text) {
        if super::text::visible_len(&out) + super::text::visible_len(atom) > width {
            break;
        }
        out.push_str(atom);
        out.extend(std::iter::repeat_n(' ', gap));
    }
    out.trim_end().to_string().into()
}

/// Items per second, `48/s` (`-/s` before any time has passed).
pub fn rate(done: u64, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    if secs < 1e-3 {
        return "-/s".into();
    }
    let per = done as f64 / secs;
    if per >= 10.0 || per == 0.0 {
        format!("{per:.0}/s")
    } else {
        format!("{per:.1}/s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_well() {
        assert_eq!(rate(5, Duration::ZERO), "-/s");
        assert_eq!(rate(0, Duration::from_secs(1)), "0/s");
        assert_eq!(rate(5, Duration::from_secs(2)), "2.5/s");
        assert_eq!(rate(10_000, Duration::from_millis(500)), "20000/s");
    }

    /// Issue 27 item 1: a progress line never wraps (only its last line would be erased), and
    /// is cut between words.
    #[test]
    fn a_progress_line_fits_the_terminal() {
        let line = "names: 120/500 done, 98 answered, 2201/s, 3.01 s";
        assert_eq!(fitted(line, 80), line);
        assert_eq!(fitted(line, 40), "names: 120/500 done, 98 answered,");
        assert_eq!(
            fitted(line, 47),
            "names: 120/500 done, 98 answered, 2201/s,"
        );
    }

    #[test]
    fn an_off_line_is_never_due_nor_drawn() {
        let mut p = Progress::new(false);
        p.drawn -= Duration::from_secs(1);
        assert!(!p.due());
        p.draw("x");
        assert!(!p.showing);
    }
}
