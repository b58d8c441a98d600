//! netkit's own words for what a host's network stack holds: links, addresses, routes and
//! neighbours with their kinds, states, scopes, protocols and flags, and the facts a backend reads
//! beside them (link facts, DNS configuration, DHCP lease). Every backend converts what its OS
//! reports into these types; nothing above `system` names an OS type. Kinds and states are named
//! as `ip` names them, and serialized as those names. Pure data.

/// Implements `Display` (the name `ip` prints) and `Serialize` (the same name as a JSON string)
/// for a type whose `name()` gives it.
macro_rules! named {
    ($t:ty) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.name())
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(&self.name())
            }
        }
    };
}

mod address;
mod dns;
mod lease;
mod link;
mod neighbour;
mod origin;
mod route;

pub use address::{Addr, AddrBits, AddrFlags, Scope};
pub use dns::{DnsConfig, Stub, is_stub_address};
pub use lease::{DhcpClient, DhcpLease, Expiry, INFINITE_LEASE, utc};
pub use link::{
    Counters, Duplex, IfFlags, Link, LinkFacts, LinkFlag, LinkKind, LinkType, OperState, TunMode,
    link_named, write_flag_names,
};
pub use neighbour::{NeighState, Neighbour};
pub use origin::{Origin, origin_or_empty};
pub use route::{Protocol, Route, RouteKind, Table};
