//! `netkit route get DEST`: how this machine would reach DEST, as the kernel decides (RTM_GETROUTE,
//! policy routing included, like `ip route get`), explained with the primer's mask arithmetic.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::cli::RouteGetArgs;
use crate::error::{Result, exit, in_words};
use crate::net::block::SubnetCheck;
use crate::output::{Paint, Report, Ui, emit, write_mask_arithmetic};
use crate::system::Tables;
use crate::system::lookup::resolve;
use crate::system::model::{Addr, Link, Route, RouteKind, Table};
use crate::system::routing::{ifname, subnet_check};

/// The answer of `netkit route get`.
#[derive(Debug, Serialize)]
pub struct RouteAnswer {
    /// DEST as typed.
    pub destination: String,
    /// The address looked up (DEST itself, or what the name resolved to).
    pub address: IpAddr,
    /// Every address the name resolved to (empty for an IP).
    pub resolved: Vec<IpAddr>,
    /// Route type: unicast, local, broadcast, multicast, unreachable, prohibit, blackhole.
    pub kind: RouteKind,
    /// Outgoing interface.
    pub interface: Option<String>,
    /// Its index.
    pub ifindex: Option<u32>,
    /// Source address the kernel would use.
    pub source: Option<IpAddr>,
    /// The gateway, when the destination is not on-link.
    pub gateway: Option<IpAddr>,
    /// Whom the frame is addressed to on the link: the gateway or DEST itself.
    pub next_hop: Option<IpAddr>,
    /// True when DEST is reached without a gateway.
    pub direct: bool,
    /// Routing table the answer came from.
    pub table: Table,
    /// Route metric.
    pub metric: Option<u32>,
    /// The mask arithmetic, when the interface has an address of DEST's family.
    pub subnet: Option<SubnetCheck>,
    /// The decision in plain words.
    pub explanation: String,
}

/// Explains a kernel route lookup.
pub fn answer(
    dest: &str,
    address: IpAddr,
    resolved: Vec<IpAddr>,
    route: &Route,
    links: &[Link],
    addrs: &[Addr],
) -> RouteAnswer {
    let interface = route.oif.map(|i| ifname(links, i));
    let direct = route.gateway.is_none();
    let subnet = subnet_check(addrs, route, address);
    let dev = interface.clone().unwrap_or_else(|| "?".into());
    let explanation = match route.kind {
        RouteKind::Local => format!(
            "{address} is this host's own address: delivered inside the host over loopback, no ARP, nothing on the wire."
        ),
        _ if route.kind.refuses() => {
            format!(
                "the routing table says {}: packets to {address} are refused here.",
                route.kind
            )
        }
        RouteKind::Broadcast => format!(
            "{address} is a broadcast address on {dev}: sent to every host on the link (MAC ff:ff:ff:ff:ff:ff), no ARP."
        ),
        RouteKind::Multicast => {
            format!("{address} is a multicast group: sent on {dev} to a multicast MAC, no ARP.")
        }
        _ => match (route.gateway, &subnet) {
            (Some(gw), Some(s)) if !s.same_subnet => format!(
                "{address} is not on this host's subnet {}: the packet is handed to the gateway {gw} on {dev}, after ARP for the gateway's MAC.",
                s.source_network
            ),
            (Some(gw), _) => format!(
                "the kernel sends it via the gateway {gw} on {dev} (a route says so), after ARP for the gateway's MAC."
            ),
            (None, Some(s)) if s.same_subnet => format!(
                "{address} is on this host's subnet {}: delivered directly on {dev}, after ARP for {address}'s own MAC.",
                s.source_network
            ),
            (None, _) => format!(
                "a route puts {address} directly on {dev} (on-link), so it is delivered without a gateway, after ARP for {address}'s own MAC."
            ),
        },
    };
    let forwards = !(route.kind.refuses() || route.kind == RouteKind::Local);
    RouteAnswer {
        destination: dest.to_string(),
        address,
        resolved,
        kind: route.kind,
        interface,
        ifindex: route.oif,
        source: route.prefsrc,
        gateway: route.gateway,
        next_hop: forwards.then(|| route.gateway.unwrap_or(address)),
        direct,
        table: route.table,
        metric: route.metric,
        subnet,
        explanation,
    }
}

impl Report for RouteAnswer {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let label = |l: &str| ui.paint(Paint::Bold, format!("{:<12}", format!("{l}:")));
        let dest = if self.resolved.is_empty() {
            self.address.to_string()
        } else {
            format!("{} ({})", self.address, self.destination)
        };
        writeln!(out, "{} {dest}", label("Destination"))?;
        if let Some(i) = &self.interface {
            writeln!(out, "{} {i}", label("Interface"))?;
        }
        if let Some(s) = self.source {
            writeln!(out, "{} {s}", label("Source"))?;
        }
        match (self.next_hop, self.gateway) {
            (Some(g), Some(_)) => writeln!(out, "{} {g} (the gateway)", label("Next hop"))?,
            (Some(d), None) => writeln!(out, "{} {d} (the destination itself)", label("Next hop"))?,
            _ => {}
        }
        let metric = self
            .metric
            .map_or(String::new(), |m| format!(", metric {m}"));
        writeln!(
            out,
            "{} {} ({}{metric})",
            label("Route"),
            self.kind,
            self.table
        )?;
        if let Some(s) = &self.subnet
            && self.kind == RouteKind::Unicast
        {
            writeln!(out)?;
            write_mask_arithmetic(ui, out, s, self.address)?;
        }
        writeln!(out)?;
        writeln!(out, "{}", self.explanation)
    }

    fn status(&self) -> u8 {
        if self.kind.refuses() {
            exit::NEGATIVE
        } else {
            exit::OK
        }
    }
}

/// Where a `route get` stopped without an answer: the name lookup or the routing decision
/// (named as `flow` names its steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// DEST is a name the system resolver has no address for, or got no answer for.
    Dns,
    /// The kernel has no route to the address.
    Routing,
}

/// A negative answer that is not an error of netkit's: no route, unknown name.
#[derive(Debug, Serialize)]
pub struct NoRoute {
    /// DEST as typed.
    pub destination: String,
    /// The address, when DEST was resolved.
    pub address: Option<IpAddr>,
    /// Which step found nothing.
    pub failed_at: Stage,
    /// Why there is no answer.
    pub reason: String,
}

impl Report for NoRoute {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let label = match self.failed_at {
            Stage::Dns => "No address:",
            Stage::Routing => "No route:",
        };
        let text = ui.wrap(&self.reason, label.len() + 1, 2);
        writeln!(out, "{} {text}", ui.paint(Paint::Warn, label))
    }

    fn status(&self) -> u8 {
        exit::NEGATIVE
    }
}

/// Why the kernel has no route to `address`, in words, with where to look next (also `flow`'s
/// routing step).
pub fn no_route_reason(address: IpAddr, why: &io::Error) -> String {
    let family = if address.is_ipv4() { "IPv4" } else { "IPv6" };
    match why.kind() {
        io::ErrorKind::NetworkUnreachable => format!(
            "this host has no {family} route to {address}: no {family} default route and no \
             subnet of its interfaces holds it (netkit gateway lists the default routes)"
        ),
        io::ErrorKind::HostUnreachable => format!(
            "the routing table marks {address} unreachable (an 'unreachable' route covers it)"
        ),
        io::ErrorKind::PermissionDenied => format!(
            "a routing rule or route prohibits traffic to {address} (a 'prohibit' route covers it)"
        ),
        _ => format!("the kernel has no route to {address}: {}", in_words(why)),
    }
}

/// Runs `netkit route get`.
pub fn run(args: &RouteGetArgs, ui: &Ui) -> Result<u8> {
    let (address, resolved) =
        match resolve(&args.dest, args.family.ipv4, args.family.ipv6, args.timeout)? {
            Ok(found) => found,
            Err(reason) => {
                return emit(
                    ui,
                    &NoRoute {
                        destination: args.dest.to_string(),
                        address: None,
                        failed_at: Stage::Dns,
                        reason,
                    },
                );
            }
        };
    let mut tables = Tables::open()?;
    let route = match tables.route_to(address)? {
        Ok(r) => r,
        Err(why) => {
            let answer = NoRoute {
                destination: args.dest.to_string(),
                address: Some(address),
                failed_at: Stage::Routing,
                reason: no_route_reason(address, &why),
            };
            return emit(ui, &answer);
        }
    };
    let (links, addrs) = (tables.links()?, tables.addresses()?);
    emit(
        ui,
        &answer(
            &args.dest.to_string(),
            address,
            resolved,
            &route,
            &links,
            &addrs,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::routing::fixtures::*;

    fn lan_addrs() -> Vec<Addr> {
        vec![addr(1, "127.0.0.1", 8), addr(2, "198.51.100.2", 24)]
    }

    #[test]
    fn remote_destination_goes_to_the_gateway() {
        let mut r = route(Some("203.0.113.10"), 32, Some("198.51.100.1"), 2);
        r.prefsrc = Some("198.51.100.2".parse().unwrap());
        let a = answer(
            "203.0.113.10",
            "203.0.113.10".parse().unwrap(),
            vec![],
            &r,
            &links(),
            &lan_addrs(),
        );
        assert!(!a.direct);
        assert_eq!(a.next_hop.unwrap().to_string(), "198.51.100.1");
        let s = a.subnet.as_ref().unwrap();
        assert!(!s.same_subnet);
        assert_eq!(
            (
                s.source_network.to_string(),
                s.destination_network.to_string()
            ),
            ("198.51.100.0/24".to_string(), "203.0.113.0/24".to_string())
        );
        assert!(
            a.explanation.contains("gateway 198.51.100.1"),
            "{}",
            a.explanation
        );
        assert_eq!(a.interface.as_deref(), Some("eth0"));
    }

    #[test]
    fn local_subnet_is_direct() {
        let mut r = route(Some("198.51.100.7"), 32, None, 2);
        r.prefsrc = Some("198.51.100.2".parse().unwrap());
        let a = answer(
            "198.51.100.7",
            "198.51.100.7".parse().unwrap(),
            vec![],
            &r,
            &links(),
            &lan_addrs(),
        );
        assert!(a.direct && a.subnet.as_ref().unwrap().same_subnet);
        assert_eq!(a.next_hop.unwrap().to_string(), "198.51.100.7");
        assert!(a.explanation.contains("directly"), "{}", a.explanation);
    }

    #[test]
    fn unreachable_is_negative() {
        let mut r = route(Some("192.0.2.1"), 32, None, 1);
        r.kind = RouteKind::Unreachable;
        let a = answer(
            "192.0.2.1",
            "192.0.2.1".parse().unwrap(),
            vec![],
            &r,
            &links(),
            &lan_addrs(),
        );
        assert_eq!(a.status(), exit::NEGATIVE);
        assert_eq!(a.next_hop, None);
    }
}
