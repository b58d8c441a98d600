//! The kernel's routing facts as the commands ask them: interface names, the default routes,
//! the LAN interface, which of an interface's addresses to use toward a destination, a
//! neighbour's cache entry. Pure functions over netlink snapshots ([`super::netlink`]).

use std::net::IpAddr;

use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::net::addr::{Cidr, to_u128};
use crate::net::block::{Block, SubnetCheck};
use crate::system::model::{
    Addr, Link, LinkType, Neighbour, Route, RouteKind, Scope, Table, link_named,
};

/// The name of interface `index` ("if7" when it is not in the list).
pub fn ifname(links: &[Link], index: u32) -> String {
    links
        .iter()
        .find(|l| l.index == index)
        .map_or_else(|| format!("if{index}"), |l| l.name.clone())
}

/// Default routes (0.0.0.0/0 and ::/0) that forward somewhere, in every table but `local`,
/// ordered by family, table (main first) and metric.
pub fn default_routes(routes: &[Route]) -> Vec<&Route> {
    let mut out: Vec<&Route> = routes
        .iter()
        .filter(|r| r.dst_prefix == 0 && r.kind == RouteKind::Unicast && r.table != Table::LOCAL)
        .filter(|r| r.gateway.is_some() || r.oif.is_some())
        .collect();
    out.sort_by_key(|r| {
        (
            r.ipv6,
            r.table != Table::MAIN,
            r.table,
            r.metric.unwrap_or(0),
        )
    });
    out
}

/// The interface `-I` names, else the LAN interface ([`lan_link`]); `unknown` says, when none
/// can be told, that it cannot and what for ("cannot tell which interface to ask on").
pub fn named_or_lan_link(
    links: &[Link],
    routes: &[Route],
    name: Option<&str>,
    unknown: impl FnOnce() -> Message,
) -> Result<Link> {
    let link = match name {
        Some(n) => link_named(links, n)?,
        None => lan_link(links, routes, |_| true).ok_or_else(|| Error::unavailable(unknown()))?,
    };
    Ok(link.clone())
}

/// The interface a LAN exchange (an ARP scan, a DHCP discover) goes out of when no destination
/// decides: the IPv4 default route's, else the only Ethernet link that is up and `usable`.
pub fn lan_link<'a>(
    links: &'a [Link],
    routes: &[Route],
    usable: impl Fn(&Link) -> bool,
) -> Option<&'a Link> {
    let default = default_routes(routes)
        .into_iter()
        .find(|r| !r.ipv6)
        .and_then(|r| r.oif);
    if let Some(l) = default.and_then(|oif| links.iter().find(|l| l.index == oif)) {
        return Some(l);
    }
    let mut up = links
        .iter()
        .filter(|l| l.link_type == LinkType::Ether && l.flags.is_up() && usable(l));
    match (up.next(), up.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// The address of interface `ifindex`, of the family asked for, to use toward `dst`: `preferred`
/// when it is on the interface, else one whose subnet holds `dst`, else a global one, else the first.
pub fn interface_addr(
    addrs: &[Addr],
    ifindex: u32,
    ipv4: bool,
    dst: Option<IpAddr>,
    preferred: Option<IpAddr>,
) -> Option<&Addr> {
    let on_if: Vec<&Addr> = addrs
        .iter()
        .filter(|a| a.index == ifindex && a.address.is_ipv4() == ipv4)
        .collect();
    on_if
        .iter()
        .find(|a| preferred == Some(a.address))
        .or_else(|| {
            dst.and_then(|d| {
                on_if
                    .iter()
                    .find(|a| Block::new(a.address, a.prefix).contains(to_u128(&d)))
            })
        })
        .or_else(|| on_if.iter().find(|a| a.scope == Scope::Global))
        .or_else(|| on_if.first())
        .copied()
}

/// The neighbour-cache entry for `addr` on interface `index`, if it has a MAC.
pub fn neighbour_of(neighbours: &[Neighbour], index: u32, addr: IpAddr) -> Option<&Neighbour> {
    neighbours
        .iter()
        .find(|n| n.index == index && n.address == addr)
}

/// Whether interface `index`'s IPv4 address came from a DHCP server, as far as the system
/// shows without asking anyone: yes when a client left a lease for it (`lease_found`), else yes
/// when one of its global IPv4 addresses has a lifetime that runs out (leased addresses do;
/// static ones are permanent, which the tables show as no lifetime), else no; None when it has
/// no global IPv4 address to judge. `ifaces` and `tour` say it the same way.
pub fn dhcp_in_use(addrs: &[Addr], index: u32, lease_found: bool) -> Option<bool> {
    let mut ipv4 = addrs
        .iter()
        .filter(|a| a.index == index && a.address.is_ipv4() && a.scope == Scope::Global)
        .peekable();
    if lease_found {
        Some(true)
    } else if ipv4.peek().is_some() {
        Some(ipv4.any(|a| a.valid_lft.is_some()))
    } else {
        None
    }
}

/// The mask arithmetic of a route toward `address`: this host's address on the route's
/// interface (its preferred source when it has one) and the destination, both ANDed with that
/// address's mask. None when the route has no interface or it has no address of the family.
pub fn subnet_check(addrs: &[Addr], route: &Route, address: IpAddr) -> Option<SubnetCheck> {
    let a = interface_addr(
        addrs,
        route.oif?,
        address.is_ipv4(),
        Some(address),
        route.prefsrc,
    )?;
    Some(SubnetCheck::new(
        Cidr {
            addr: a.address,
            prefix: a.prefix,
        },
        address,
    ))
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Hand-made snapshots of the kernel's tables, shaped like the test LAN.
    use crate::system::model::{
        Addr, AddrBits, AddrFlags, IfFlags, Link, LinkFlag, LinkType, NeighState, Neighbour,
        OperState, Protocol, Route, RouteKind, Scope, Table,
    };

    /// A link that is up, with no addresses or counters.
    pub fn link(index: u32, name: &str, link_type: LinkType, mac: Option<[u8; 6]>) -> Link {
        Link {
            index,
            name: name.into(),
            link_type,
            kind: None,
            tun_mode: None,
            flags: IfFlags(LinkFlag::UP | LinkFlag::RUNNING),
            operstate: OperState::Up,
            mtu: None,
            mac: mac.map(|m| m.to_vec()),
            perm_mac: None,
            master: None,
            lower: None,
            counters: None,
            alias: None,
        }
    }

    pub fn links() -> Vec<Link> {
        vec![
            link(1, "lo", LinkType::Loopback, None),
            link(
                2,
                "eth0",
                LinkType::Ether,
                Some([0x00, 0x16, 0x3e, 0x12, 0x34, 0x56]),
            ),
        ]
    }

    pub fn addr(index: u32, a: &str, prefix: u8) -> Addr {
        Addr {
            index,
            address: a.parse().unwrap(),
            prefix,
            broadcast: None,
            peer: None,
            scope: Scope::Global,
            label: None,
            flags: AddrFlags {
                bits: AddrBits::PERMANENT,
                family: crate::net::addr::Family::of(&a.parse().unwrap()),
            },
            valid_lft: None,
            preferred_lft: None,
        }
    }

    pub fn route(dst: Option<&str>, prefix: u8, gw: Option<&str>, oif: u32) -> Route {
        Route {
            ipv6: dst.or(gw).is_some_and(|d| d.contains(':')),
            table: Table::MAIN,
            kind: RouteKind::Unicast,
            dst: dst.map(|d| d.parse().unwrap()),
            dst_prefix: prefix,
            gateway: gw.map(|g| g.parse().unwrap()),
            oif: Some(oif),
            prefsrc: None,
            metric: None,
            protocol: Protocol::Boot,
            multipath: vec![],
        }
    }

    pub fn neighbour(index: u32, a: &str, mac: Option<[u8; 6]>, state: NeighState) -> Neighbour {
        Neighbour {
            index,
            address: a.parse().unwrap(),
            mac: mac.map(|m| m.to_vec()),
            state,
            router: false,
        }
    }
}
