//! Neighbours: the ARP (IPv4) and NDP (IPv6) cache of who is at which link-layer address.

use std::borrow::Cow;
use std::net::IpAddr;

/// A neighbour-cache entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbour {
    /// Interface index.
    pub index: u32,
    /// The neighbour's IP address.
    pub address: IpAddr,
    /// Its link-layer address, when known.
    pub mac: Option<Vec<u8>>,
    /// REACHABLE, STALE, DELAY, PROBE, FAILED, INCOMPLETE, PERMANENT, NOARP, NONE.
    pub state: NeighState,
    /// The neighbour announced itself as an IPv6 router.
    pub router: bool,
}

/// A neighbour-cache entry's state, named as `ip neigh` names it: REACHABLE, STALE...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeighState {
    /// Being resolved: asked, no answer yet.
    Incomplete,
    /// Confirmed recently.
    Reachable,
    /// Known, not confirmed recently.
    Stale,
    /// Stale and used: confirmation is awaited.
    Delay,
    /// Being confirmed.
    Probe,
    /// Asked, and nobody answered.
    Failed,
    /// On a link without ARP.
    Noarp,
    /// Configured by hand, never expires.
    Permanent,
    /// No state (or one netkit has no name for).
    None,
}

impl NeighState {
    /// The name `ip neigh` shows.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            NeighState::Incomplete => "INCOMPLETE",
            NeighState::Reachable => "REACHABLE",
            NeighState::Stale => "STALE",
            NeighState::Delay => "DELAY",
            NeighState::Probe => "PROBE",
            NeighState::Failed => "FAILED",
            NeighState::Noarp => "NOARP",
            NeighState::Permanent => "PERMANENT",
            NeighState::None => "NONE",
        })
    }

    /// The system is still asking, or asked and got no answer: the MAC is not usable.
    pub fn is_unresolved(self) -> bool {
        matches!(self, NeighState::Incomplete | NeighState::Failed)
    }
}

named!(NeighState);
