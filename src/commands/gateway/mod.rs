//! `netkit gateway`: the default gateway(s) for IPv4 and IPv6, the interface and metric, and the
//! gateway's MAC from the neighbour cache (optionally resolved on demand); for people, what a
//! gateway is and what the table's Metric, Table, Proto and State say.

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::cli::GatewayArgs;
use crate::error::{Result, exit};
use crate::i18n::{Message, t};
use crate::net::addr::Family;
use crate::net::hwaddr::Mac;
use crate::net::oui::vendor_of;
use crate::output::{Paint, Report, Ui, emit, neighbour_state_meaning};
use crate::system::model::{Link, NeighState, Neighbour, Protocol, Route, Table};
use crate::system::routing::{default_routes, ifname, interface_addr, neighbour_of};
use crate::system::{Tables, ask_once_on, may_use_raw_sockets};

/// One default gateway.
#[derive(Debug, Clone, Serialize)]
pub struct Gateway {
    /// IPv4 or IPv6.
    pub family: Family,
    /// The gateway's address (None for a device-only default route, e.g. a VPN tunnel).
    pub gateway: Option<IpAddr>,
    /// Outgoing interface.
    pub interface: String,
    /// Its index.
    pub ifindex: u32,
    /// Route metric (lower wins).
    pub metric: Option<u32>,
    /// Routing table.
    pub table: Table,
    /// Who installed the route: dhcp, ra, static, boot, kernel...
    pub protocol: Protocol,
    /// The gateway's MAC, from the neighbour cache.
    pub mac: Option<Mac>,
    /// The MAC's vendor.
    pub vendor: Option<String>,
    /// Neighbour-cache state of the entry (REACHABLE, STALE...), or that netkit's own ARP
    /// request was answered; None when unknown.
    pub neighbour_state: Option<MacSource>,
}

/// Where a gateway's MAC came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MacSource {
    /// The kernel's neighbour cache, with the entry's state.
    Cache(NeighState),
    /// netkit's own ARP request (`--resolve` with CAP_NET_RAW).
    ArpReply,
}

impl std::fmt::Display for MacSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MacSource::Cache(state) => state.fmt(f),
            MacSource::ArpReply => f.write_str("ARP reply"),
        }
    }
}

crate::util::text_value!(MacSource);

/// The answer of `netkit gateway`.
#[derive(Debug, Serialize)]
pub struct Gateways {
    /// Every default gateway, IPv4 first; the first of each family is the one in use.
    pub gateways: Vec<Gateway>,
    /// Whether `--resolve` asked for the MACs not cached (then the hint says they did not come).
    #[serde(skip)]
    pub asked: bool,
}

/// Builds the gateway list from kernel snapshots.
pub fn gateways(routes: &[Route], links: &[Link], neighbours: &[Neighbour]) -> Vec<Gateway> {
    let mut out = Vec::new();
    for r in default_routes(routes) {
        for (gw, oif) in r.hops() {
            let neigh = gw.and_then(|g| neighbour_of(neighbours, oif, g));
            let mac = neigh.and_then(|n| n.mac.as_deref());
            out.push(Gateway {
                family: if r.ipv6 { Family::V6 } else { Family::V4 },
                gateway: gw,
                interface: ifname(links, oif),
                ifindex: oif,
                metric: r.metric,
                table: r.table,
                protocol: r.protocol,
                mac: mac.and_then(Mac::from_slice),
                vendor: mac.and_then(vendor_of),
                neighbour_state: neigh.map(|n| MacSource::Cache(n.state)),
            });
        }
    }
    out
}

impl Report for Gateways {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let gap = t!("common-label-gap");
        if self.gateways.is_empty() {
            let label = t!("common-label", label = t!("gateway-none"));
            let text = t!("gateway-none-text");
            return writeln!(out, "{}{gap}{text}", ui.paint(Paint::Warn, label));
        }
        let word = |m: Message| m.to_string();
        let (metric, table, proto, vendor) = (
            word(t!("gateway-header-metric")),
            word(t!("gateway-header-table")),
            word(t!("gateway-header-proto")),
            word(t!("gateway-header-vendor")),
        );
        let mut t = ui.table(&[
            word(t!("gateway-header-family")),
            word(t!("gateway-header-address")),
            word(t!("gateway-header-interface")),
            metric.clone(),
            table.clone(),
            proto.clone(),
            word(t!("gateway-header-mac")),
            vendor.clone(),
            word(t!("gateway-header-state")),
        ]);
        t.expendable(&[&table, &proto, &metric, &vendor]);
        for g in &self.gateways {
            t.add_row(vec![
                g.family.name().to_string(),
                g.gateway
                    .map_or_else(|| word(t!("gateway-device-route")), |a| a.to_string()),
                g.interface.clone(),
                g.metric.map_or("-".into(), |m| m.to_string()),
                g.table.to_string(),
                g.protocol.to_string(),
                g.mac
                    .map_or_else(|| word(t!("gateway-not-cached-cell")), |m| m.to_string()),
                g.vendor.clone().unwrap_or_else(|| "-".into()),
                g.neighbour_state.map_or("-".into(), state_words),
            ]);
        }
        writeln!(out, "{t}")?;
        self.write_legend(ui, out)?;
        if self
            .gateways
            .iter()
            .any(|g| g.gateway.is_some() && g.mac.is_none())
        {
            let (label, text) = if self.asked {
                (t!("common-note"), t!("gateway-no-answer"))
            } else {
                (t!("gateway-label-hint"), t!("gateway-not-cached"))
            };
            let label = t!("common-label", label = label);
            writeln!(out, "{}{gap}{text}", ui.paint(Paint::Dim, label))?;
        }
        Ok(())
    }

    fn status(&self) -> u8 {
        if self.gateways.is_empty() {
            exit::NEGATIVE
        } else {
            exit::OK
        }
    }
}

/// A MAC's source as the table shows it: the cache's state as `ip neigh` names it, or the
/// answer to netkit's own request in the run's language.
fn state_words(s: MacSource) -> String {
    match s {
        MacSource::Cache(state) => state.to_string(),
        MacSource::ArpReply => t!("gateway-arp-reply").to_string(),
    }
}

impl Gateways {
    fn write_legend(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out)?;
        for family in [Family::V4, Family::V6] {
            let Some(g) = self.gateways.iter().find(|g| g.family == family) else {
                continue;
            };
            let (name, dev) = (family.name(), &g.interface);
            let text = match g.gateway {
                Some(gw) => t!(
                    "gateway-legend-gateway",
                    family = name,
                    gateway = gw,
                    interface = dev
                ),
                None => t!("gateway-legend-device", family = name, interface = dev),
            };
            writeln!(out, "{text}")?;
        }
        let gap = t!("common-label-gap");
        let mut line = |label: Message, text: Message| {
            let label = ui.paint(Paint::Bold, t!("common-label", label = label));
            writeln!(out, "{label}{gap}{text}")
        };
        line(t!("gateway-label-metric"), t!("gateway-metric"))?;
        let mut tables: Vec<Table> = self.gateways.iter().map(|g| g.table).collect();
        tables.dedup();
        for table in tables {
            let name = table.to_string();
            let text = if table == Table::MAIN {
                t!("gateway-table-main")
            } else {
                t!("gateway-table-other", table = &name)
            };
            line(t!("gateway-label-table", table = name), text)?;
        }
        let mut protocols: Vec<Protocol> = Vec::new();
        for g in &self.gateways {
            if !protocols.contains(&g.protocol) {
                protocols.push(g.protocol);
            }
        }
        for p in protocols {
            let text = match p {
                Protocol::Boot => t!("gateway-proto-boot"),
                Protocol::Static => t!("gateway-proto-static"),
                Protocol::Dhcp => t!("gateway-proto-dhcp"),
                Protocol::Ra => t!("gateway-proto-ra"),
                Protocol::Kernel => t!("gateway-proto-kernel"),
                _ => t!("gateway-proto-other"),
            };
            line(t!("gateway-label-proto", protocol = p.to_string()), text)?;
        }
        let mut states: Vec<MacSource> = Vec::new();
        for s in self.gateways.iter().filter_map(|g| g.neighbour_state) {
            if !states.contains(&s) {
                states.push(s);
            }
        }
        for s in states {
            let text = match s {
                MacSource::Cache(state) => {
                    t!(
                        "gateway-state-cache",
                        meaning = neighbour_state_meaning(state)
                    )
                }
                MacSource::ArpReply => t!("gateway-state-arp-reply"),
            };
            line(t!("gateway-label-state", state = state_words(s)), text)?;
        }
        Ok(())
    }
}

/// Makes the kernel resolve the gateway's MAC: one empty UDP datagram to its discard port
/// (9) makes it send an ARP request / neighbour solicitation first. Needs no privilege.
fn provoke_resolution(gw: IpAddr, ifindex: u32) {
    let bind: SocketAddr = if gw.is_ipv4() {
        "0.0.0.0:0".parse()
    } else {
        "[::]:0".parse()
    }
    .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
    if let Ok(sock) = UdpSocket::bind(bind) {
        let target = match gw {
            IpAddr::V6(v6) if v6.segments()[0] & 0xffc0 == 0xfe80 => {
                // A link-local gateway needs its interface as the scope id.
                SocketAddr::V6(std::net::SocketAddrV6::new(v6, 9, 0, ifindex))
            }
            _ => SocketAddr::new(gw, 9),
        };
        let _ = sock.send_to(&[], target);
    }
}

/// Runs `netkit gateway`.
pub fn run(args: &GatewayArgs, ui: &Ui) -> Result<u8> {
    let timeout = args.timeout;
    let mut tables = Tables::open()?;
    let (routes, links) = (tables.routes()?, tables.links()?);
    let mut neighbours = tables.neighbours()?;
    let keep = |g: &Gateway| {
        !(args.family.ipv4 && g.family == Family::V6 || args.family.ipv6 && g.family == Family::V4)
    };
    let mut list: Vec<Gateway> = gateways(&routes, &links, &neighbours)
        .into_iter()
        .filter(keep)
        .collect();
    let missing = |list: &[Gateway]| {
        list.iter()
            .filter(|g| g.mac.is_none())
            .filter_map(|g| g.gateway.map(|a| (a, g.ifindex)))
            .collect::<Vec<_>>()
    };
    if args.resolve && !missing(&list).is_empty() {
        // IPv4 with CAP_NET_RAW: ask with one ARP request of our own (netkit arp's code).
        if may_use_raw_sockets() {
            let addrs = tables.addresses()?;
            for g in list.iter_mut().filter(|g| g.mac.is_none()) {
                let Some(IpAddr::V4(gw)) = g.gateway else {
                    continue;
                };
                let Some(link) = links.iter().find(|l| l.index == g.ifindex) else {
                    continue;
                };
                let Some(IpAddr::V4(src)) =
                    interface_addr(&addrs, g.ifindex, true, g.gateway, None).map(|a| a.address)
                else {
                    continue;
                };
                if let Ok(Some((mac, _))) = ask_once_on(link, src, gw, timeout) {
                    g.mac = Some(Mac(mac));
                    g.vendor = vendor_of(&mac);
                    g.neighbour_state = Some(MacSource::ArpReply);
                }
            }
        }
        // The rest (IPv6, or no privilege): make the kernel resolve it, then read its cache.
        let rest = missing(&list);
        for &(gw, ifindex) in &rest {
            provoke_resolution(gw, ifindex);
        }
        let deadline = Instant::now() + timeout;
        while !rest.is_empty() {
            std::thread::sleep(Duration::from_millis(10));
            neighbours = tables.neighbours()?;
            let fresh = gateways(&routes, &links, &neighbours);
            for g in list.iter_mut().filter(|g| g.mac.is_none()) {
                if let Some(f) = fresh
                    .iter()
                    .find(|f| f.gateway == g.gateway && f.ifindex == g.ifindex)
                {
                    g.mac = f.mac;
                    g.vendor.clone_from(&f.vendor);
                    g.neighbour_state = f.neighbour_state;
                }
            }
            let pending = list.iter().any(|g| {
                g.gateway.is_some() && g.mac.is_none()
                    || g.neighbour_state == Some(MacSource::Cache(NeighState::Incomplete))
            });
            if !pending || Instant::now() >= deadline {
                break;
            }
        }
    }
    emit(
        ui,
        &Gateways {
            gateways: list,
            asked: args.resolve,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::model::RouteKind;
    use crate::system::routing::fixtures::*;

    #[test]
    fn default_routes_with_cached_mac() {
        let routes = vec![
            route(Some("198.51.100.0"), 24, None, 2),
            route(None, 0, Some("198.51.100.1"), 2),
            route(None, 0, Some("2001:db8:1::1"), 2),
        ];
        let neigh = vec![neighbour(
            2,
            "198.51.100.1",
            Some([0x00, 0x16, 0x3e, 0, 0, 1]),
            NeighState::Reachable,
        )];
        let g = gateways(&routes, &links(), &neigh);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].family, Family::V4);
        assert_eq!(g[0].gateway.unwrap().to_string(), "198.51.100.1");
        assert_eq!(g[0].interface, "eth0");
        assert_eq!(g[0].mac, Some(Mac([0x00, 0x16, 0x3e, 0, 0, 1])));
        assert!(
            g[0].vendor
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("xensource")
        );
        assert_eq!(g[1].family, Family::V6);
        assert_eq!(g[1].mac, None);
    }

    /// The hint offers --resolve only when it was not used; after it, it says no answer came.
    #[test]
    fn the_hint_follows_what_was_asked() {
        let routes = vec![route(None, 0, Some("198.51.100.1"), 2)];
        for (asked, says, never) in [
            (false, "--resolve asks for it", "did not answer"),
            (true, "did not answer", "--resolve"),
        ] {
            let g = Gateways {
                asked,
                gateways: gateways(&routes, &links(), &[]),
            };
            let mut out = Vec::new();
            g.human(&Ui::plain(), &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(text.contains(says) && !text.contains(never), "{text}");
        }
    }

    #[test]
    fn no_default_route_is_a_negative_answer() {
        let routes = vec![route(Some("198.51.100.0"), 24, None, 2)];
        let g = Gateways {
            asked: false,
            gateways: gateways(&routes, &links(), &[]),
        };
        assert_eq!(g.status(), exit::NEGATIVE);
        let mut unreachable = route(None, 0, None, 1);
        unreachable.kind = RouteKind::Unreachable;
        assert!(gateways(&[unreachable], &links(), &[]).is_empty());
    }
}
