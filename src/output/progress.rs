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
        Progress {
            on,
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

    #[test]
    fn an_off_line_is_never_due_nor_drawn() {
        let mut p = Progress::new(false);
        p.drawn -= Duration::from_secs(1);
        assert!(!p.due());
        p.draw("x");
        assert!(!p.showing);
    }
}
