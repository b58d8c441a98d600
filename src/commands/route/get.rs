//! `netkit route get DEST`: how this machine would reach DEST, as the kernel decides (RTM_GETROUTE,
//! policy routing included, like `ip route get`), explained with the primer's mask arithmetic.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::cli::RouteGetArgs;
use crate::error::{Result, exit, words_of};
use crate::i18n::{Message, t};
use crate::net::block::SubnetCheck;
use crate::output::{Paint, Report, Ui, emit, labels, pad, visible_len, write_mask_arithmetic};
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
    pub explanation: Message,
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
        RouteKind::Local => t!("route-local", address = address),
        _ if route.kind.refuses() => t!(
            "route-refused",
            kind = route.kind.to_string(),
            address = address
        ),
        RouteKind::Broadcast => t!("route-broadcast", address = address, interface = &dev),
        RouteKind::Multicast => t!("route-multicast", address = address, interface = &dev),
        _ => match (route.gateway, &subnet) {
            (Some(gw), Some(s)) if !s.same_subnet => t!(
                "route-via-gateway-subnet",
                address = address,
                network = s.source_network.to_string(),
                gateway = gw,
                interface = &dev
            ),
            (Some(gw), _) => t!("route-via-gateway", gateway = gw, interface = &dev),
            (None, Some(s)) if s.same_subnet => t!(
                "route-direct-subnet",
                address = address,
                network = s.source_network.to_string(),
                interface = &dev
            ),
            (None, _) => t!("route-direct-on-link", address = address, interface = &dev),
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
        // Values line up after the widest label, at least 12 columns in.
        let (labels, width) = labels(
            [
                t!("route-label-destination"),
                t!("route-label-interface"),
                t!("route-label-source"),
                t!("route-label-next-hop"),
                t!("route-label-route"),
            ],
            12,
        );
        let label = |i: usize| ui.paint(Paint::Bold, pad(&labels[i], width));
        let dest = if self.resolved.is_empty() {
            self.address.to_string()
        } else {
            let name = &self.destination;
            t!(
                "route-destination-name",
                address = self.address,
                name = name
            )
            .to_string()
        };
        writeln!(out, "{} {dest}", label(0))?;
        if let Some(i) = &self.interface {
            writeln!(out, "{} {i}", label(1))?;
        }
        if let Some(s) = self.source {
            writeln!(out, "{} {s}", label(2))?;
        }
        match (self.next_hop, self.gateway) {
            (Some(g), Some(_)) => {
                let hop = t!("route-next-hop-gateway", address = g);
                writeln!(out, "{} {hop}", label(3))?
            }
            (Some(d), None) => {
                let hop = t!("route-next-hop-destination", address = d);
                writeln!(out, "{} {hop}", label(3))?
            }
            _ => {}
        }
        let (kind, table) = (self.kind.to_string(), self.table.to_string());
        let route = match self.metric {
            Some(m) => t!("route-route-metric", kind = kind, table = table, metric = m),
            None => t!("route-route", kind = kind, table = table),
        };
        writeln!(out, "{} {route}", label(4))?;
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
    pub reason: Message,
}

impl Report for NoRoute {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let label = match self.failed_at {
            Stage::Dns => t!("route-no-address"),
            Stage::Routing => t!("route-no-route"),
        };
        let label = t!("common-label", label = label).to_string();
        let gap = t!("common-label-gap").to_string();
        let reason = self.reason.to_string();
        let text = ui.wrap(&reason, visible_len(&label) + visible_len(&gap), 2);
        writeln!(out, "{}{gap}{text}", ui.paint(Paint::Warn, label))
    }

    fn status(&self) -> u8 {
        exit::NEGATIVE
    }
}

/// Why the kernel has no route to `address`, in words, with where to look next (also `flow`'s
/// routing step).
pub fn no_route_reason(address: IpAddr, why: &io::Error) -> Message {
    let family = if address.is_ipv4() { "IPv4" } else { "IPv6" };
    match why.kind() {
        io::ErrorKind::NetworkUnreachable => {
            t!("route-no-route-network", family = family, address = address)
        }
        io::ErrorKind::HostUnreachable => t!("route-unreachable", address = address),
        io::ErrorKind::PermissionDenied => t!("route-prohibited", address = address),
        _ => t!("route-kernel", address = address, cause = words_of(why)),
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
            a.explanation.english().contains("gateway 198.51.100.1"),
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
        assert!(
            a.explanation.english().contains("directly"),
            "{}",
            a.explanation
        );
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
