//! What a ping run's TTLs say, for people, under its statistics: what the `ttl=` of the
//! replies is (and how many routers it suggests they crossed), and what a "Time to live
//! exceeded" tells (the router that said it). Sentences only: the report (`session`) holds the
//! facts and hands them over.

use std::io::{self, Write};
use std::net::IpAddr;

use crate::output::{Paint, Ui};

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
    let note = ui.paint(Paint::Dim, "note:");
    if let (Some(&low), Some(&high)) = (ttls.iter().min(), ttls.iter().max()) {
        writeln!(out)?;
        let what = if dest.is_ipv4() {
            format!(
                "{note} ttl= in the replies is what was left of their time to live (TTL) on \
                 arrival: the sender sets it (64 on Linux and macOS, 128 on Windows, 255 on many \
                 routers), and each router on the way takes one off."
            )
        } else {
            format!(
                "{note} ttl= in the replies is what was left of their hop limit (IPv6's time to \
                 live) on arrival: the sender sets it (64 on Linux and macOS, 128 on Windows, 255 \
                 on many routers), and each router on the way takes one off."
            )
        };
        writeln!(out, "{what}")?;
        writeln!(out, "{}", routers_crossed(low, high))?;
    }
    for router in exceeded.iter().take(3) {
        writeln!(
            out,
            "{note} {router} answered \"Time to live exceeded\": each router takes one off a \
             packet's TTL, and the one that takes the last drops the packet and says so; so \
             {router} is a router on the way to {dest}, as far as the requests' TTL reached \
             (-t). netkit trace {dest} shows every router on the way."
        )?;
    }
    Ok(())
}

/// How many routers replies with TTLs `low` to `high` most likely crossed, in one sentence.
fn routers_crossed(low: u8, high: u8) -> String {
    if low != high {
        return format!(
            "Their TTLs were {low} to {high}: the replies came over paths of different lengths."
        );
    }
    let start = STARTS.into_iter().find(|&s| s >= low).unwrap_or(255);
    match start - low {
        0 => format!(
            "{low} is a usual starting value, so the replies most likely came straight across \
             the link, through no router."
        ),
        1 => format!("{low} is 1 below {start}, so the replies most likely crossed 1 router."),
        n => format!("{low} is {n} below {start}, so the replies most likely crossed {n} routers."),
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
