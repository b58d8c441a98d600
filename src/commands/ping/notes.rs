//! What a ping run's TTLs say, for people, under its statistics: what the `ttl=` of the
//! replies is (and how many routers it suggests they crossed), and what a "Time to live
//! exceeded" tells (the router that said it). Sentences only: the report (`session`) holds the
//! facts and hands them over.

use std::io::{self, Write};
use std::net::IpAddr;

use crate::i18n::t;
use crate::output::{Paint, Ui, label_before};

/// The starting values senders give the TTL: Linux and macOS 64, Windows 128, many routers 255.
const STARTS: [u8; 3] = [64, 128, 255];

/// Writes the notes on a run to `dest`: `ttls`, the TTLs of DEST's replies (duplicates left
/// out), and `exceeded`, the routers that answered "Time to live exceeded", each once. Nothing
/// when there is nothing to say.
pub fn write(
    dest: IpAddr,
    ttls: &[u8],
    exceeded: &[IpAddr],
    ui: &Ui,
    out: &mut dyn Write,
) -> io::Result<()> {
    let note = label_before(ui, Paint::Dim, t!("common-note"));
    if let (Some(&low), Some(&high)) = (ttls.iter().min(), ttls.iter().max()) {
        writeln!(out)?;
        let what = if dest.is_ipv4() {
            t!("ping-note-ttl")
        } else {
            t!("ping-note-hop-limit")
        };
        writeln!(out, "{note}{what}")?;
        writeln!(out, "{}", routers_crossed(low, high))?;
    }
    for router in exceeded.iter().take(3) {
        let said = t!("ping-note-exceeded", router = router, dest = dest);
        writeln!(out, "{note}{said}")?;
    }
    Ok(())
}

/// How many routers replies with TTLs `low` to `high` most likely crossed, in one sentence.
fn routers_crossed(low: u8, high: u8) -> String {
    if low != high {
        return t!("ping-ttls-differ", low = low, high = high).to_string();
    }
    let start = STARTS.into_iter().find(|&s| s >= low).unwrap_or(255);
    match start - low {
        0 => t!("ping-ttl-start", ttl = low).to_string(),
        n => t!("ping-ttl-below", ttl = low, routers = n, start = start).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 27 item 3: the TTL left says how many routers were crossed, counted from the
    /// nearest usual starting value.
    #[test]
    fn routers_are_counted_from_the_usual_start() {
        assert!(routers_crossed(64, 64).contains("through no router"));
        assert!(
            routers_crossed(63, 63)
                .ends_with("1 below 64, so the replies most likely crossed 1 router.")
        );
        assert!(routers_crossed(118, 118).contains("10 below 128"));
        assert!(routers_crossed(250, 250).contains("5 below 255"));
        assert!(routers_crossed(60, 63).contains("different lengths"));
    }
}
