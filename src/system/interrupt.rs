//! Ctrl-C (SIGINT) and SIGTERM for the commands that wait on the network: the first one asks
//! the command to stop and print what it has seen (`arp -c 5` interrupted keeps its replies and
//! summary, as arping and ping do); a second one ends the process at once (exit 130).

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGINT, SIGTERM};

/// Set by the first SIGINT or SIGTERM.
static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// Installs the handlers (once; later calls do nothing). Until then Ctrl-C ends the process at
/// once, as for every command that has nothing to summarize.
pub fn catch() {
    STOP.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        for signal in [SIGINT, SIGTERM] {
            // The second signal, with the flag already set, exits; the first sets the flag.
            let _ = signal_hook::flag::register_conditional_shutdown(signal, 130, flag.clone());
            let _ = signal_hook::flag::register(signal, flag.clone());
        }
        flag
    });
}

/// Whether Ctrl-C or SIGTERM has arrived since [`catch`].
pub fn interrupted() -> bool {
    STOP.get().is_some_and(|f| f.load(Ordering::Relaxed))
}

/// Ctrl-C for a command running on tokio (`chat`), as tokio catches it on every system: the
/// `StopSignals` of the backends that have no signals of their own to add (Linux adds SIGTERM).
#[cfg(not(target_os = "linux"))]
#[derive(Debug)]
pub struct CtrlC;

#[cfg(not(target_os = "linux"))]
impl CtrlC {
    /// Nothing to set up: tokio catches Ctrl-C on the first wait.
    pub fn new() -> std::io::Result<CtrlC> {
        Ok(CtrlC)
    }

    /// Waits for the next Ctrl-C (forever, should the system refuse to tell).
    pub async fn recv(&mut self) {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
