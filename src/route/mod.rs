//! Routing questions: `netkit gateway` (the default gateways and their MACs) and `netkit route get`
//! (how the kernel would reach a destination). The logic works on plain netlink snapshots
//! (`crate::netlink`), so it is unit-tested without touching the machine's tables.

pub mod gateway;
pub mod get;

use std::net::IpAddr;

use crate::cli::{RouteArgs, RouteCommand};
use crate::error::Result;
use crate::netlink::{Link, Neighbour, Route};
use crate::output::Ui;

/// Runs `netkit route ...`.
pub fn run(args: &RouteArgs, ui: &Ui) -> Result<u8> {
    match &args.command {
        RouteCommand::Get(a) => get::run(a, ui),
    }
}

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

/// The neighbour-cache entry for `addr` on interface `index`, if it has a MAC.
pub fn neighbour_of(neighbours: &[Neighbour], index: u32, addr: IpAddr) -> Option<&Neighbour> {
    neighbours
        .iter()
        .find(|n| n.index == index && n.address == addr)
}

/// A hardware address as lowercase colon-separated hex.
pub fn format_hw(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// The vendor of a 6-byte MAC, if registered.
pub fn vendor_of(bytes: &[u8]) -> Option<String> {
    let mac: [u8; 6] = bytes.try_into().ok()?;
    crate::mac::oui::lookup(mac).map(|v| v.name)
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Hand-made netlink snapshots shaped like the test LAN.
    use crate::netlink::{Addr, Link, Neighbour, Route};

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
