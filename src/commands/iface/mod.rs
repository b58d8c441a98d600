//! `netkit ifaces` (alias `ipconfig`): this machine's interfaces as `ipconfig /all` and `ip addr`
//! show them: kind, state, MAC and vendor, every address with its mask, gateways, counters, link
//! speed, DHCP, plus the host name and DNS servers. `build` is pure (netlink snapshots in, view
//! out); `run` gathers the snapshots.

mod render;

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;

use netlink_packet_route::link::LinkLayerType;
use serde::Serialize;

use crate::cli::IfacesArgs;
use crate::error::Result;
use crate::net::block::Block;
use crate::net::hwaddr::{Mac, format_mac};
use crate::net::oui::vendor_of;
use crate::output::{self, Format, Ui, emit};
use crate::system::leases::{DhcpLease, find_lease};
use crate::system::netlink::{
    Addr, AddrFlags, Counters, IfFlags, Link, Netlink, OperState, Route, Scope, link_named,
};
use crate::system::resolv::{DnsConfig, system_dns};
use crate::system::routing::default_routes;
use crate::system::sysfs::{LinkFacts, hostname, link_facts};

/// An IPv4 address on an interface.
#[derive(Debug, Clone, Serialize)]
pub struct Ipv4Info {
    /// The address.
    pub address: Ipv4Addr,
    /// Prefix length.
    pub prefix: u8,
    /// Dotted netmask.
    pub netmask: IpAddr,
    /// The subnet in CIDR notation.
    pub network: String,
    /// Broadcast address.
    pub broadcast: Option<Ipv4Addr>,
    /// Peer of a point-to-point link.
    pub peer: Option<IpAddr>,
    /// Scope: global, link, host.
    pub scope: Scope,
    /// Label (eth0:1 style aliases).
    pub label: Option<String>,
    /// Configured with a lifetime (DHCP) rather than permanently.
    pub dynamic: bool,
    /// Seconds of validity left (None = forever).
    pub valid_lft: Option<u32>,
}

/// An IPv6 address on an interface.
#[derive(Debug, Clone, Serialize)]
pub struct Ipv6Info {
    /// The address.
    pub address: IpAddr,
    /// Prefix length.
    pub prefix: u8,
    /// Scope: global, link, host, site.
    pub scope: Scope,
    /// Flags: dynamic, temporary, deprecated, tentative, permanent...
    pub flags: AddrFlags,
    /// Seconds of validity left (None = forever).
    pub valid_lft: Option<u32>,
    /// Seconds it stays preferred (None = forever).
    pub preferred_lft: Option<u32>,
}

/// DHCP status of an interface.
#[derive(Debug, Clone, Serialize)]
pub struct Dhcp {
    /// True when a lease was found or an IPv4 address has a finite lifetime; false when every
    /// IPv4 address is permanent (static); None when there is no IPv4 address to judge.
    pub enabled: Option<bool>,
    /// The lease, when a DHCP client left one where netkit knows to look.
    pub lease: Option<DhcpLease>,
}

/// One interface, every detail.
#[derive(Debug, Clone, Serialize)]
pub struct Iface {
    /// Interface name.
    pub name: String,
    /// Interface index.
    pub index: u32,
    /// ethernet, wireless, loopback, veth, bridge, tun, vlan, bond, dummy, wireguard...
    pub kind: IfaceKind,
    /// What the hardware/driver is, as far as the kernel tells.
    pub description: String,
    /// Flags: UP, BROADCAST, LOOPBACK, RUNNING, MULTICAST, LOWER_UP...
    pub flags: IfFlags,
    /// Operational state: UP, DOWN, UNKNOWN, LOWERLAYERDOWN...
    pub operstate: OperState,
    /// MTU in bytes.
    pub mtu: Option<u32>,
    /// MAC address, lowercase with colons.
    pub mac: Option<Mac>,
    /// The MAC's registered vendor.
    pub vendor: Option<String>,
    /// Factory MAC when the current one was changed.
    pub permanent_mac: Option<String>,
    /// The bridge or bond this interface is a port of.
    pub master: Option<String>,
    /// IPv4 addresses.
    pub ipv4: Vec<Ipv4Info>,
    /// IPv6 addresses.
    pub ipv6: Vec<Ipv6Info>,
    /// Default gateways reached through this interface.
    pub gateways: Vec<IpAddr>,
    /// Byte and packet counters.
    pub counters: Option<Counters>,
    /// Link speed in Mb/s, when the driver reports it.
    pub speed_mbps: Option<u32>,
    /// Duplex, when the driver reports it.
    pub duplex: Option<String>,
    /// The kernel driver.
    pub driver: Option<String>,
    /// DHCP status.
    pub dhcp: Dhcp,
}

/// The answer of `netkit ifaces`.
#[derive(Debug, Serialize)]
pub struct Ifaces {
    /// This machine's host name.
    pub hostname: Option<String>,
    /// DNS configuration (servers, search domains, resolver stub and its upstreams).
    pub dns: Option<DnsConfig>,
    /// The interfaces, by index.
    pub interfaces: Vec<Iface>,
    /// What could not be read (e.g. an unreadable resolv.conf); the rest is still shown.
    pub warnings: Vec<String>,
    #[serde(skip)]
    all: bool,
}

/// What kind of interface this is, in the words people use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfaceKind {
    /// The loopback interface.
    Loopback,
    /// A wired Ethernet adapter.
    Ethernet,
    /// A Wi-Fi adapter.
    Wireless,
    /// One end of a virtual Ethernet pair.
    Veth,
    /// A software switch.
    Bridge,
    /// A layer-3 tunnel (TUN, or a link with no link-layer header).
    Tun,
    /// A VLAN sub-interface.
    Vlan,
    /// Bonded links.
    Bond,
    /// A dummy interface.
    Dummy,
    /// A WireGuard tunnel.
    Wireguard,
    /// An extra MAC on a parent link.
    Macvlan,
    /// A VXLAN overlay.
    Vxlan,
    /// An intermediate functional block.
    Ifb,
    /// Any other driver kind, device type or link type, by the name the kernel gives it.
    Other(String),
}

impl IfaceKind {
    /// The kind a driver or device-type name stands for (`veth`, `bridge`, `wlan`...).
    fn from_name(name: &str) -> IfaceKind {
        match name {
            "loopback" => IfaceKind::Loopback,
            "ethernet" => IfaceKind::Ethernet,
            "wireless" | "wlan" => IfaceKind::Wireless,
            "veth" => IfaceKind::Veth,
            "bridge" => IfaceKind::Bridge,
            "tun" => IfaceKind::Tun,
            "vlan" => IfaceKind::Vlan,
            "bond" => IfaceKind::Bond,
            "dummy" => IfaceKind::Dummy,
            "wireguard" => IfaceKind::Wireguard,
            "macvlan" => IfaceKind::Macvlan,
            "vxlan" => IfaceKind::Vxlan,
            "ifb" => IfaceKind::Ifb,
            other => IfaceKind::Other(other.to_string()),
        }
    }

    /// The word shown (and serialized): loopback, ethernet, wireless, veth, bridge...
    pub fn as_str(&self) -> &str {
        match self {
            IfaceKind::Loopback => "loopback",
            IfaceKind::Ethernet => "ethernet",
            IfaceKind::Wireless => "wireless",
            IfaceKind::Veth => "veth",
            IfaceKind::Bridge => "bridge",
            IfaceKind::Tun => "tun",
            IfaceKind::Vlan => "vlan",
            IfaceKind::Bond => "bond",
            IfaceKind::Dummy => "dummy",
            IfaceKind::Wireguard => "wireguard",
            IfaceKind::Macvlan => "macvlan",
            IfaceKind::Vxlan => "vxlan",
            IfaceKind::Ifb => "ifb",
            IfaceKind::Other(name) => name,
        }
    }

    /// What the kind is, in a phrase ("" when netkit has nothing to say).
    fn phrase(&self) -> &'static str {
        match self {
            IfaceKind::Loopback => "software loopback: traffic to this host itself",
            IfaceKind::Ethernet => "Ethernet adapter",
            IfaceKind::Wireless => "Wi-Fi adapter",
            IfaceKind::Veth => {
                "virtual Ethernet pair (one end of a cable between namespaces/containers)"
            }
            IfaceKind::Bridge => "software switch (bridge) joining its ports into one LAN",
            IfaceKind::Tun => "layer-3 tunnel device (VPN)",
            IfaceKind::Vlan => "VLAN sub-interface",
            IfaceKind::Bond => "bonded (aggregated) links",
            IfaceKind::Dummy => "dummy interface",
            IfaceKind::Wireguard => "WireGuard VPN tunnel",
            IfaceKind::Macvlan => "macvlan: extra MAC on a parent link",
            IfaceKind::Vxlan => "VXLAN overlay tunnel",
            IfaceKind::Ifb => "intermediate functional block (traffic shaping)",
            IfaceKind::Other(_) => "",
        }
    }
}

impl Serialize for IfaceKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What kind of interface `link` is: the driver's kind for a virtual device, else what its
/// link type and sysfs say.
fn kind_of(link: &Link, facts: &LinkFacts) -> IfaceKind {
    if let Some(k) = &link.kind {
        return IfaceKind::from_name(&k.to_string());
    }
    match link.link_type.0 {
        LinkLayerType::Loopback => IfaceKind::Loopback,
        LinkLayerType::Ieee80211 => IfaceKind::Wireless,
        LinkLayerType::Ether if facts.wireless || facts.devtype.as_deref() == Some("wlan") => {
            IfaceKind::Wireless
        }
        LinkLayerType::Ether => facts
            .devtype
            .as_deref()
            .map_or(IfaceKind::Ethernet, IfaceKind::from_name),
        LinkLayerType::None => IfaceKind::Tun,
        _ => IfaceKind::from_name(&link.link_type.name()),
    }
}

fn describe(kind: &IfaceKind, facts: &LinkFacts) -> String {
    let what = kind.phrase();
    let driver = match (&facts.driver, &facts.bus) {
        (Some(d), Some(b)) => format!("driver {d} on {b}"),
        (Some(d), None) => format!("driver {d}"),
        _ => String::new(),
    };
    match (what.is_empty(), driver.is_empty()) {
        (false, false) => format!("{what}; {driver}"),
        (false, true) => what.to_string(),
        (true, false) => driver,
        (true, true) => kind.as_str().to_string(),
    }
}

/// Builds the views of the interfaces in `links` that `only` names (all when None) from kernel
/// snapshots; `facts` and `lease` supply what netlink lacks and are asked only for those.
pub fn build(
    links: &[Link],
    only: Option<&str>,
    addrs: &[Addr],
    routes: &[Route],
    facts: &dyn Fn(&Link) -> LinkFacts,
    lease: &dyn Fn(&Link) -> Option<DhcpLease>,
) -> Vec<Iface> {
    let defaults = default_routes(routes);
    let mut out: Vec<Iface> = links
        .iter()
        .filter(|l| only.is_none_or(|n| l.name == n))
        .map(|link| {
            let f = facts(link);
            let kind = kind_of(link, &f);
            let mine = addrs.iter().filter(|a| a.index == link.index);
            let mut ipv4 = Vec::new();
            let mut ipv6 = Vec::new();
            for a in mine {
                match a.address {
                    IpAddr::V4(v4) => {
                        let block = Block::new(a.address, a.prefix);
                        ipv4.push(Ipv4Info {
                            address: v4,
                            prefix: a.prefix,
                            netmask: block.ip(block.mask()),
                            network: block.cidr(),
                            broadcast: a.broadcast,
                            peer: a.peer,
                            scope: a.scope,
                            label: a.label.clone().filter(|l| *l != link.name),
                            dynamic: a.valid_lft.is_some(),
                            valid_lft: a.valid_lft,
                        })
                    }
                    IpAddr::V6(_) => ipv6.push(Ipv6Info {
                        address: a.address,
                        prefix: a.prefix,
                        scope: a.scope,
                        flags: a.flags,
                        valid_lft: a.valid_lft,
                        preferred_lft: a.preferred_lft,
                    }),
                }
            }
            let mut gateways: Vec<IpAddr> = Vec::new();
            for r in &defaults {
                for (gw, oif) in r.hops() {
                    if let (Some(gw), true) = (gw, oif == link.index)
                        && !gateways.contains(&gw)
                    {
                        gateways.push(gw);
                    }
                }
            }
            let lease = if kind == IfaceKind::Loopback {
                None
            } else {
                lease(link)
            };
            let enabled = if lease.is_some() {
                Some(true)
            } else if ipv4.iter().any(|a| a.scope == Scope::GLOBAL) {
                Some(ipv4.iter().any(|a| a.dynamic))
            } else {
                None
            };
            let mac = link.mac6().filter(|_| kind != IfaceKind::Loopback);
            Iface {
                name: link.name.clone(),
                index: link.index,
                description: describe(&kind, &f),
                kind,
                flags: link.flags,
                operstate: link.operstate,
                mtu: link.mtu,
                mac: mac.map(Mac),
                vendor: mac.and_then(|m| vendor_of(&m)),
                permanent_mac: link.perm_mac.as_deref().map(format_mac),
                master: link
                    .master
                    .map(|m| crate::system::routing::ifname(links, m)),
                ipv4,
                ipv6,
                gateways,
                counters: link.counters.clone(),
                speed_mbps: f.speed_mbps,
                duplex: f.duplex.clone(),
                driver: f.driver.clone(),
                dhcp: Dhcp { enabled, lease },
            }
        })
        .collect();
    out.sort_by_key(|i| i.index);
    out
}

/// Runs `netkit ifaces`.
pub fn run(args: &IfacesArgs, ui: &Ui) -> Result<u8> {
    let root = Path::new("/");
    let mut nl = Netlink::open()?;
    let links = nl.links()?;
    if let Some(name) = &args.name {
        link_named(&links, name)?;
    }
    let (addrs, routes) = (nl.addresses()?, nl.routes()?);
    // The compact table needs only the kernel's tables; the rest is read for --all and --json.
    let full = args.all || ui.format == Format::Json;
    let facts = |l: &Link| {
        if full {
            link_facts(root, &l.name)
        } else {
            LinkFacts::default()
        }
    };
    let lease = |l: &Link| {
        if full {
            find_lease(root, &l.name, l.index)
        } else {
            None
        }
    };
    let interfaces = build(
        &links,
        args.name.as_deref(),
        &addrs,
        &routes,
        &facts,
        &lease,
    );
    let mut warnings = Vec::new();
    let (host, dns) = if full {
        let dns = system_dns(root)
            .map_err(|e| warnings.push(e.to_string()))
            .ok();
        (hostname(root), dns)
    } else {
        (None, None)
    };
    for w in &warnings {
        output::warn(w);
    }
    emit(
        ui,
        &Ifaces {
            hostname: host,
            dns,
            interfaces,
            warnings,
            all: args.all,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::routing::fixtures::{addr, links, route};

    #[test]
    fn builds_the_ipconfig_view() {
        let mut a = addr(2, "198.51.100.2", 24);
        a.broadcast = Some("198.51.100.255".parse().unwrap());
        let mut dynamic = addr(2, "198.51.100.9", 24);
        dynamic.valid_lft = Some(3600);
        let addrs = vec![addr(1, "127.0.0.1", 8), a, addr(2, "2001:db8:1::2", 64)];
        let routes = vec![route(None, 0, Some("198.51.100.1"), 2)];
        let none = |_: &Link| LinkFacts::default();
        let no_lease = |_: &Link| None;
        let v = build(&links(), None, &addrs, &routes, &none, &no_lease);
        assert_eq!(v.len(), 2);
        assert_eq!((&v[0].kind, v[0].mac), (&IfaceKind::Loopback, None));
        let eth = &v[1];
        assert_eq!(eth.kind, IfaceKind::Ethernet);
        assert_eq!(eth.mac, Some(Mac([0x00, 0x16, 0x3e, 0x12, 0x34, 0x56])));
        assert!(
            eth.vendor
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("xensource")
        );
        assert_eq!(eth.ipv4[0].netmask.to_string(), "255.255.255.0");
        assert_eq!(eth.ipv4[0].network, "198.51.100.0/24");
        assert_eq!(eth.ipv6[0].prefix, 64);
        assert_eq!(
            eth.gateways,
            vec!["198.51.100.1".parse::<IpAddr>().unwrap()]
        );
        assert_eq!(eth.dhcp.enabled, Some(false));
        let v = build(&links(), None, &[dynamic], &routes, &none, &no_lease);
        assert_eq!(v[1].dhcp.enabled, Some(true));
    }
}
