//! The echo socket under `ping` and `trace`, as they see it: the small [`EchoSocket`] trait (each
//! backend's ICMP socket implements it, and so do the simulated paths of the unit tests), what it
//! hears, and how it is set up. Pure data and a trait.

use std::io;
use std::net::IpAddr;
use std::time::Instant;

use serde::Serialize;

use crate::wire::icmp_echo::{Flaw, IcmpError};

/// What carries the echo requests: which kind of socket, or the system's own ICMP API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SocketKind {
    /// SOCK_DGRAM + IPPROTO_ICMP(V6): no privilege, where ping_group_range allows.
    Datagram,
    /// SOCK_RAW: needs CAP_NET_RAW.
    Raw,
    /// No socket of netkit's: the system sends and matches the echoes itself (Windows'
    /// IcmpSendEcho2, as ping.exe and tracert do), with no privilege.
    #[cfg_attr(not(windows), allow(dead_code))]
    IcmpApi,
}

/// What arrived for us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// An echo reply.
    Reply {
        /// Who sent it.
        from: IpAddr,
        /// Its sequence number.
        seq: u16,
        /// ICMP header and data, in bytes.
        bytes: usize,
        /// The TTL / hop limit it arrived with, when the kernel told.
        ttl: Option<u8>,
        /// The data after the 8-byte header (what the request carried, when it is ours).
        data: Vec<u8>,
    },
    /// An ICMP error about one of our requests.
    Error {
        /// Who sent the error (a router on the way, or the destination).
        from: IpAddr,
        /// The request's sequence number.
        seq: u16,
        /// What it says.
        error: IcmpError,
    },
    /// A packet thrown away.
    Discarded(Flaw),
}

/// Sends echo requests to one destination and hears what comes back.
pub trait EchoSocket {
    /// Sends one echo request with sequence number `seq` carrying `payload`.
    fn send(&mut self, seq: u16, payload: &[u8]) -> io::Result<()>;
    /// Sets the TTL / hop limit of the requests sent from now on (`trace` changes it per probe).
    fn set_ttl(&mut self, ttl: u8) -> io::Result<()>;
    /// The next thing heard before `deadline`, with its arrival time; None at the deadline (or
    /// when Ctrl-C came). Packets that are not for us are skipped.
    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>>;
}

/// How an echo socket is set up.
#[derive(Debug, Clone, Copy, Default)]
pub struct EchoOptions<'a> {
    /// TTL / hop limit of the requests (None: the system's default).
    pub ttl: Option<u8>,
    /// Send on this interface only (`-I`).
    pub interface: Option<&'a str>,
    /// The zone of a link-local or multicast IPv6 DEST: the index of its interface (0: none).
    pub scope_id: u32,
    /// May send to a broadcast address (SO_BROADCAST, `ping -b`).
    pub broadcast: bool,
}

#[cfg(test)]
pub(crate) mod fake {
    //! A simulated path for unit tests: each request is answered after a delay, perhaps twice,
    //! perhaps not at all, perhaps with an error from a router.
    use std::collections::VecDeque;
    use std::time::Duration;

    use super::*;

    /// What happens to request number `seq` (the wire's sequence number) carrying `data`.
    pub type Fate = fn(u16, &[u8]) -> Vec<(Duration, Heard)>;

    /// What is on its way back, in time order: the arrivals of a fake socket; and the waits
    /// that ended with nothing (how long each was asked to be), so tests can tell what the code
    /// under test waited for from how long a loaded machine took.
    #[derive(Default)]
    pub struct Arrivals(VecDeque<(Instant, Heard)>, pub Vec<Duration>);

    impl Arrivals {
        /// Queues what a request sent now brings back, each after its delay.
        pub fn expect(&mut self, coming: Vec<(Duration, Heard)>) {
            let now = Instant::now();
            for (delay, h) in coming {
                self.0.push_back((now + delay, h));
            }
            self.0.make_contiguous().sort_by_key(|(t, _)| *t);
        }

        /// [`EchoSocket::recv_until`]: sleeps until the next arrival, or the deadline.
        pub fn until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
            match self.0.front() {
                Some((at, _)) if *at <= deadline => {
                    std::thread::sleep(at.saturating_duration_since(Instant::now()));
                    Ok(self.0.pop_front().map(|(at, h)| (h, at)))
                }
                _ => {
                    let wait = deadline.saturating_duration_since(Instant::now());
                    self.1.push(wait);
                    std::thread::sleep(wait);
                    Ok(None)
                }
            }
        }
    }

    /// The fake socket: each request's fate, queued.
    pub struct FakePath {
        pub fate: Fate,
        pub arrivals: Arrivals,
    }

    impl FakePath {
        pub fn new(fate: Fate) -> FakePath {
            FakePath {
                fate,
                arrivals: Arrivals::default(),
            }
        }
    }

    impl EchoSocket for FakePath {
        fn set_ttl(&mut self, _ttl: u8) -> io::Result<()> {
            Ok(())
        }

        fn send(&mut self, seq: u16, payload: &[u8]) -> io::Result<()> {
            self.arrivals.expect((self.fate)(seq, payload));
            Ok(())
        }

        fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
            self.arrivals.until(deadline)
        }
    }
}
