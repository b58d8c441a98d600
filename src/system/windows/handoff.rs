//! What the Windows backend's helper threads (one per echo request, a pool for SendARP) hand
//! over to the command's thread: waited for up to a deadline, Ctrl-C seen within a tenth of a
//! second.

use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::system::interrupt::interrupted;

/// The next thing a helper thread hands over on `rx` before `deadline`, looking at Ctrl-C every
/// tenth of a second; None at the deadline or on Ctrl-C.
pub fn wait_for<T>(rx: &Receiver<io::Result<T>>, deadline: Instant) -> io::Result<Option<T>> {
    loop {
        let now = Instant::now();
        if now >= deadline || interrupted() {
            return Ok(None);
        }
        match rx.recv_timeout((deadline - now).min(Duration::from_millis(100))) {
            Ok(got) => return got.map(Some),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Ok(None),
        }
    }
}
