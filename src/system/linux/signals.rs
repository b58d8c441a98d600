//! Ctrl-C (SIGINT) and SIGTERM as an async stream, for the commands that run on tokio (`chat`).

use std::io;

use tokio::signal::unix::{Signal, SignalKind, signal};

/// SIGINT and SIGTERM, caught from the moment this is made.
#[derive(Debug)]
pub struct StopSignals {
    int: Signal,
    term: Signal,
}

impl StopSignals {
    /// Catches both signals (inside a tokio runtime).
    pub fn new() -> io::Result<StopSignals> {
        Ok(StopSignals {
            int: signal(SignalKind::interrupt())?,
            term: signal(SignalKind::terminate())?,
        })
    }

    /// Waits for the next one.
    pub async fn recv(&mut self) {
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
    }
}
