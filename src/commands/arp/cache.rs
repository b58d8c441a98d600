//! `netkit arp cache`: the neighbour table (IPv4 ARP and IPv6 NDP entries), like `ip neigh`/`arp -a`:
//! NOARP entries hidden unless asked for (as `ip neigh` hides them), and for people what each
//! state shown means and why the hosts netkit's own ARP found are not in it.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::error::Result;
use crate::i18n::t;
use crate::net::addr::Family;
use crate::net::hwaddr::Mac;
use crate::net::oui::vendor_of;
use crate::output::{Paint, Report, Ui, emit, label_before, neighbour_state_meaning};
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
    /// NOARP entries left out (without --all), for the note that says so.
    #[serde(skip)]
    pub hidden: usize,
}

/// Whether an entry is one `ip neigh` hides unless asked for `nud all`: NOARP (loopback and
/// point-to-point links have no link layer to resolve).
fn hidden_by_default(n: &Neighbour) -> bool {
    n.state == NeighState::Noarp
}

/// Builds the view from kernel snapshots, optionally for one interface; NOARP entries only
/// with `all`. Returns the entries and how many NOARP entries were left out.
pub fn view(neigh: &[Neighbour], links: &[Link], only: Option<&str>, all: bool) -> Cache {
    let (shown, hidden): (Vec<Neighbour>, Vec<Neighbour>) = neigh
        .iter()
        .filter(|n| only.is_none_or(|name| ifname(links, n.index) == name))
        .cloned()
        .partition(|n| all || !hidden_by_default(n));
    Cache {
        entries: entries(&shown, links, only),
        hidden: hidden.iter().filter(|n| !n.address.is_multicast()).count(),
    }
}

/// Builds the entries from kernel snapshots, optionally for one interface.
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
        let vendor = t!("arp-col-vendor").to_string();
        let interface = t!("arp-col-interface").to_string();
        let mut t = ui.table(&[
            t!("arp-col-address").to_string(),
            t!("arp-col-mac").to_string(),
            vendor.clone(),
            t!("arp-col-state").to_string(),
            interface.clone(),
        ]);
        t.expendable(&[&vendor, &interface]);
        for e in &self.entries {
            let ip = if e.router {
                t!("arp-cache-router", ip = e.ip).to_string()
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
        writeln!(out, "{t}")?;
        self.write_legend(ui, out)
    }
}

impl Cache {
    /// For people, under the table: what each state shown means, what was hidden, and why
    /// hosts netkit's own ARP found may be missing.
    fn write_legend(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let mut states: Vec<NeighState> = Vec::new();
        for e in &self.entries {
            if !states.contains(&e.state) {
                states.push(e.state);
            }
        }
        if !states.is_empty() || self.hidden > 0 {
            writeln!(out)?;
        }
        for state in states {
            let label = label_before(ui, Paint::Bold, state.to_string());
            let meaning = t!(
                "arp-cache-meaning",
                meaning = neighbour_state_meaning(state)
            );
            writeln!(out, "{label}{meaning}")?;
        }
        let note = label_before(ui, Paint::Dim, t!("common-note"));
        if self.hidden > 0 {
            let hidden = t!("arp-cache-hidden", count = self.hidden);
            writeln!(out, "{note}{hidden}")?;
        }
        writeln!(out, "{note}{}", t!("arp-cache-note-own-frames"))
    }
}

/// Runs `netkit arp cache`.
pub fn run(interface: Option<&str>, all: bool, ui: &Ui) -> Result<u8> {
    let mut tables = Tables::open()?;
    let (links, neigh) = (tables.links()?, tables.neighbours()?);
    emit(ui, &view(&neigh, &links, interface, all))
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

    /// Issue 27 item 3: NOARP entries (the all-zero MAC on lo) are hidden as `ip neigh` hides
    /// them, shown with --all, and named no vendor; the states shown are explained.
    #[test]
    fn noarp_entries_are_hidden_unless_asked_for() {
        let n = vec![
            neighbour(1, "0.0.0.0", Some([0; 6]), NeighState::Noarp),
            neighbour(
                2,
                "198.51.100.1",
                Some([0, 0x16, 0x3e, 0, 0, 1]),
                NeighState::Stale,
            ),
        ];
        let default = view(&n, &links(), None, false);
        assert_eq!((default.entries.len(), default.hidden), (1, 1));
        let all = view(&n, &links(), None, true);
        assert_eq!((all.entries.len(), all.hidden), (2, 0));
        let lo = all.entries.iter().find(|e| e.interface == "lo").unwrap();
        assert_eq!(lo.vendor, None, "{lo:?}");
        let mut out = Vec::new();
        default.human(&Ui::plain(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("STALE: not confirmed lately"), "{text}");
        assert!(text.contains("1 NOARP entry is hidden"), "{text}");
        assert!(text.contains("are not added"), "{text}");
        assert!(view(&n, &links(), Some("eth0"), false).hidden == 0);
    }
}
