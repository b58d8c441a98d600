//! DEST made ready for `ping` and `trace`: resolved (the system resolver, with a deadline), its
//! IPv6 zone turned into an interface index, and what kind of address it is (one host, a
//! broadcast address as the kernel's route says, a multicast group), with a note when it is not
//! what it seems. Over the system façade.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::i18n::{Message, t};
use crate::net::block::Block;
use crate::net::endpoint::{Dest, destination};
use crate::system::lookup::resolve_dest;
use crate::system::{Tables, interface_index};

/// The index of interface `zone` (a name such as `eth0`, or a number), for an IPv6 zone
/// (`fe80::1%eth0`) or `-I`.
pub fn zone_index(zone: &str) -> Result<u32> {
    let unknown = || Error::bad(t!("common-what-interface"), zone, t!("os-no-such-device"));
    if let Ok(n) = zone.parse::<u32>() {
        return if n == 0 { Err(unknown()) } else { Ok(n) };
    }
    interface_index(zone)?.ok_or_else(unknown)
}

/// What kind of address DEST is, for echo requests.
#[derive(Debug, Clone)]
pub enum Cast {
    /// One host.
    Unicast,
    /// Every host of a link: 255.255.255.255, or a subnet's broadcast address (`what` says
    /// which, in words).
    Broadcast {
        /// "the broadcast address of eth0's subnet 198.51.100.0/24".
        what: Message,
    },
    /// A group of hosts.
    Multicast,
}

/// DEST made ready for echo requests: resolved, its zone turned into an interface index, and
/// what kind of address it is.
#[derive(Debug, Clone)]
pub struct EchoTarget {
    /// Where the requests go.
    pub address: IpAddr,
    /// The interface index of a link-local or multicast IPv6 address (0: none needed).
    pub scope_id: u32,
    /// One host, a broadcast or a multicast address.
    pub cast: Cast,
    /// What DEST really means, when it is not what it seems (the unspecified address, an
    /// IPv4-mapped IPv6 address).
    pub note: Option<Message>,
}

/// Whether an IPv6 address is only meaningful on one link (link-local unicast fe80::/10, and
/// interface- or link-local multicast ff01::/16, ff02::/16): then it needs a zone.
fn needs_zone(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    first & 0xffc0 == 0xfe80 || (ip.is_multicast() && matches!(first & 0x000f, 1 | 2))
}

/// Resolves DEST for `ping` and `trace` (`-4`/`-6` as given, the name lookup bounded by
/// `timeout`) and says what it is: the unspecified address is this host (Linux answers from
/// loopback), an IPv4-mapped IPv6 address is IPv4, a link-local or link-scope multicast IPv6
/// address needs its zone (`%eth0`, or `-I`), and with `check_broadcast` an IPv4 broadcast
/// address is told by the kernel's route to it (without, a send to one fails with
/// PermissionDenied, which [`broadcast_words`] then explains).
pub fn echo_target(
    dest: &Dest,
    ipv4_only: bool,
    ipv6_only: bool,
    interface: Option<&str>,
    timeout: Duration,
    check_broadcast: bool,
) -> Result<EchoTarget> {
    let typed = dest.to_string();
    let bad = |reason: Message| Error::bad(destination(), typed.clone(), reason);
    let mut address = resolve_dest(&dest.host, ipv4_only, ipv6_only, timeout)?;
    let mut note = None;
    if let IpAddr::V6(v6) = address
        && let Some(v4) = v6.to_ipv4_mapped()
    {
        let meaning = t!("ping-dest-mapped", v6 = v6, v4 = v4);
        if ipv6_only {
            return Err(bad(t!("ping-dest-mapped-v6-only", meaning = meaning)));
        }
        note = Some(t!("ping-dest-mapped-note", meaning = meaning));
        address = IpAddr::V4(v4);
    }
    if address.is_unspecified() {
        let here = match address {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
        };
        note = Some(t!("ping-dest-unspecified", address = address, here = here));
        address = here;
    }
    let mut scope_id = 0;
    match (address, &dest.zone) {
        (IpAddr::V6(v6), Some(zone)) if needs_zone(v6) => scope_id = zone_index(zone.as_str())?,
        (_, Some(zone)) => {
            return Err(bad(t!("ping-dest-zone-unneeded", zone = zone.as_str())));
        }
        (IpAddr::V6(v6), None) if needs_zone(v6) => match interface {
            Some(name) => scope_id = zone_index(name)?,
            None => {
                return Err(bad(if v6.is_multicast() {
                    t!("ping-dest-needs-zone-multicast", address = v6)
                } else {
                    t!("ping-dest-needs-zone-link-local", address = v6)
                }));
            }
        },
        _ => {}
    }
    let cast = if address.is_multicast() {
        Cast::Multicast
    } else if check_broadcast && let IpAddr::V4(v4) = address {
        broadcast_words(v4).map_or(Cast::Unicast, |what| Cast::Broadcast { what })
    } else {
        Cast::Unicast
    };
    Ok(EchoTarget {
        address,
        scope_id,
        cast,
        note,
    })
}

/// When the kernel routes `ip` as a broadcast (255.255.255.255, or the broadcast address of a
/// subnet of this host): which, in words.
pub fn broadcast_words(ip: Ipv4Addr) -> Option<Message> {
    let limited = ip == Ipv4Addr::BROADCAST;
    if ip.is_loopback() {
        return None;
    }
    let mut nl = Tables::open().ok()?;
    let route = match nl.route_to(IpAddr::V4(ip)).ok()? {
        Ok(route) => route,
        Err(_) if limited => {
            return Some(t!("ping-broadcast-limited"));
        }
        Err(_) => return None,
    };
    if !limited && route.kind != crate::system::model::RouteKind::Broadcast {
        return None;
    }
    let dev = route.oif.and_then(|oif| {
        let links = nl.links().ok()?;
        Some((oif, crate::system::routing::ifname(&links, oif)))
    });
    if limited {
        return Some(match dev {
            Some((_, name)) => t!("ping-broadcast-limited-on", interface = name),
            None => t!("ping-broadcast-limited"),
        });
    }
    let subnet = dev.as_ref().and_then(|(oif, _)| {
        let addrs = nl.addresses().ok()?;
        addrs
            .iter()
            .filter(|a| a.index == *oif && a.address.is_ipv4())
            .map(|a| Block::new(a.address, a.prefix))
            .find(|b| b.prefix < 31 && b.last() == u128::from(u32::from(ip)))
            .map(|b| b.cidr())
    });
    Some(match (dev, subnet) {
        (Some((_, name)), Some(net)) => t!(
            "ping-broadcast-subnet",
            interface = name,
            subnet = net.to_string()
        ),
        (Some((_, name)), None) => t!("ping-broadcast-on", interface = name),
        _ => t!("ping-broadcast-some"),
    })
}
