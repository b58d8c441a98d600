//! `netkit arp cache`: the neighbour table (IPv4 ARP and IPv6 NDP entries), like `ip neigh`/`arp -a`.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::error::Result;
use crate::net::addr::Family;
use crate::net::hwaddr::Mac;
use crate::net::oui::vendor_of;
use crate::output::{Report, Ui, emit};
use crate::system::Tables;
use crate::system::model::{Link, NeighState, Neighbour};
use crate::system::routing::ifname;

/// One neighbour-cache entry.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// IPv4 (ARP) or IPv6 (NDP).
    pub family: Family,
    /// The neighbour's IP.
    pub ip: IpAddr,
    /// Its MAC, when resolved.
    pub mac: Option<Mac>,
    /// The MAC's vendor.
    pub vendor: Option<String>,
    /// REACHABLE, STALE, DELAY, PROBE, FAILED, INCOMPLETE, PERMANENT, NOARP.
    pub state: NeighState,
    /// The interface.
    pub interface: String,
    /// The neighbour is an IPv6 router.
    pub router: bool,
}

/// The answer of `netkit arp cache`.
#[derive(Debug, Serialize)]
pub struct Cache {
    /// Entries, IPv4 first, by interface and address.
    pub entries: Vec<Entry>,
}

/// Builds the view from kernel snapshots, optionally for one interface.
pub fn entries(neigh: &[Neighbour], links: &[Link], only: Option<&str>) -> Vec<Entry> {
    let mut out: Vec<Entry> = neigh
        .iter()
        .filter(|n| !n.address.is_multicast())
        .map(|n| Entry {
            family: Family::of(&n.address),
            ip: n.address,
            mac: n.mac.as_deref().and_then(Mac::from_slice),
            vendor: n.mac.as_deref().and_then(vendor_of),
            state: n.state,
            interface: ifname(links, n.index),
            router: n.router,
        })
        .filter(|e| only.is_none_or(|name| e.interface == name))
        .collect();
    out.sort_by(|a, b| (a.family, &a.interface, a.ip).cmp(&(b.family, &b.interface, b.ip)));
    out
}

impl Report for Cache {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let mut t = ui.table(&["Address", "MAC", "Vendor", "State", "Interface"]);
        t.expendable(&["Vendor", "Interface"]);
        for e in &self.entries {
            let ip = if e.router {
                format!("{} (router)", e.ip)
            } else {
                e.ip.to_string()
            };
            t.add_row([
                ip,
                e.mac.map_or_else(|| "-".into(), |m| m.to_string()),
                e.vendor.clone().unwrap_or_else(|| "-".into()),
                e.state.to_string(),
                e.interface.clone(),
            ]);
        }
        writeln!(out, "{t}")
    }
}

/// Runs `netkit arp cache`.
pub fn run(interface: Option<&str>, ui: &Ui) -> Result<u8> {
    let mut tables = Tables::open()?;
    let (links, neigh) = (tables.links()?, tables.neighbours()?);
    emit(
        ui,
        &Cache {
            entries: entries(&neigh, &links, interface),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::routing::fixtures::{links, neighbour};

    #[test]
    fn entries_are_named_and_sorted() {
        let n = vec![
            neighbour(
                2,
                "fe80::1",
                Some([0, 0x16, 0x3e, 0, 0, 1]),
                NeighState::Stale,
            ),
            neighbour(2, "198.51.100.9", None, NeighState::Failed),
            neighbour(
                2,
                "198.51.100.1",
                Some([0, 0x16, 0x3e, 0, 0, 1]),
                NeighState::Reachable,
            ),
        ];
        let e = entries(&n, &links(), None);
        let ips: Vec<String> = e.iter().map(|x| x.ip.to_string()).collect();
        assert_eq!(ips, ["198.51.100.1", "198.51.100.9", "fe80::1"]);
        assert_eq!(e[0].interface, "eth0");
        assert_eq!(e[1].mac, None);
        assert!(entries(&n, &links(), Some("lo")).is_empty());
    }
}
