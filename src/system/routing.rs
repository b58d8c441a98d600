//! The kernel's routing facts as the commands ask them: interface names, the default routes,
//! the LAN interface, which of an interface's addresses to use toward a destination, a
//! neighbour's cache entry. Pure functions over netlink snapshots ([`super::netlink`]).

use std::net::IpAddr;

use crate::net::addr::to_u128;
use crate::net::block::Block;
use crate::system::netlink::{Addr, Link, Neighbour, Route};

/// The name of interface `index` ("if7" when it is not in the list).
pub fn ifname(links: &[Link], index: u32) -> String {
    links
        .iter()
        .find(|l| l.index == index)
        .map_or_else(|| format!("if{index}"), |l| l.name.clone())
}

/// The main routing table's id.
pub const MAIN_TABLE: u32 = 254;

/// The name of a routing table, as /etc/iproute2/rt_tables has it by default.
pub fn table_name(id: u32) -> String {
    match id {
        254 => "main".into(),
        255 => "local".into(),
        253 => "default".into(),
        other => other.to_string(),
    }
}

/// Default routes (0.0.0.0/0 and ::/0) that forward somewhere, in every table but `local`,
/// ordered by family, table (main first) and metric.
pub fn default_routes(routes: &[Route]) -> Vec<&Route> {
    let mut out: Vec<&Route> = routes
        .iter()
        .filter(|r| r.dst_prefix == 0 && r.kind == "unicast" && r.table != 255)
        .filter(|r| r.gateway.is_some() || r.oif.is_some())
        .collect();
    out.sort_by_key(|r| {
        (
            r.ipv6,
            r.table != MAIN_TABLE,
            r.table,
            r.metric.unwrap_or(0),
        )
    });
    out
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
        .filter(|l| l.link_type == "ether" && l.flags.iter().any(|f| f == "UP") && usable(l));
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
        .or_else(|| on_if.iter().find(|a| a.scope == "global"))
        .or_else(|| on_if.first())
        .copied()
}

/// The neighbour-cache entry for `addr` on interface `index`, if it has a MAC.
pub fn neighbour_of(neighbours: &[Neighbour], index: u32, addr: IpAddr) -> Option<&Neighbour> {
    neighbours
        .iter()
        .find(|n| n.index == index && n.address == addr)
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Hand-made netlink snapshots shaped like the test LAN.
    use crate::system::netlink::{Addr, Link, Neighbour, Route};

    pub fn links() -> Vec<Link> {
        vec![
            Link {
                index: 1,
                name: "lo".into(),
                link_type: "loopback".into(),
                ..Link::default()
            },
            Link {
                index: 2,
                name: "eth0".into(),
                link_type: "ether".into(),
                mac: Some(vec![0x00, 0x16, 0x3e, 0x12, 0x34, 0x56]),
                ..Link::default()
            },
        ]
    }

    pub fn addr(index: u32, a: &str, prefix: u8) -> Addr {
        Addr {
            index,
            address: a.parse().unwrap(),
            prefix,
            broadcast: None,
            peer: None,
            scope: "global".into(),
            label: None,
            flags: vec![],
            valid_lft: None,
            preferred_lft: None,
        }
    }

    pub fn route(dst: Option<&str>, prefix: u8, gw: Option<&str>, oif: u32) -> Route {
        Route {
            ipv6: dst.or(gw).is_some_and(|d| d.contains(':')),
            table: 254,
            kind: "unicast".into(),
            dst: dst.map(|d| d.parse().unwrap()),
            dst_prefix: prefix,
            gateway: gw.map(|g| g.parse().unwrap()),
            oif: Some(oif),
            prefsrc: None,
            metric: None,
            protocol: "boot".into(),
            scope: "universe".into(),
            multipath: vec![],
        }
    }

    pub fn neighbour(index: u32, a: &str, mac: Option<[u8; 6]>, state: &str) -> Neighbour {
        Neighbour {
            index,
            address: a.parse().unwrap(),
            mac: mac.map(|m| m.to_vec()),
            state: state.into(),
            router: false,
        }
    }
}
