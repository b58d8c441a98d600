//! `netkit ifaces` (alias `ipconfig`): this machine's interfaces as `ipconfig /all` and `ip addr`
//! show them: kind, state, MAC and vendor, every address with its mask, gateways, counters, link
//! speed, DHCP, plus the host name and DNS servers. `build` is pure (snapshots of the system's
//! tables in, view out); `run` gathers the snapshots.

mod render;

use std::net::{IpAddr, Ipv4Addr};

use serde::Serialize;

use crate::cli::IfacesArgs;
use crate::error::{Error, Result};
use crate::i18n::{Message, Text, t};
use crate::net::addr::Cidr;
use crate::net::block::Block;
use crate::net::hwaddr::{HwAddr, Mac};
use crate::net::oui::vendor_of;
use crate::output::{self, Format, Ui, emit};
use crate::system::model::{
    Addr, AddrFlags, Counters, DhcpLease, DnsConfig, Duplex, IfFlags, Link, LinkFacts, LinkKind,
    LinkType, OperState, Route, Scope, TunMode, link_named, write_flag_names,
};
use crate::system::routing::{default_routes, dhcp_in_use};
use crate::system::{Tables, dns_config, hostname};

/// An IPv4 address on an interface.
#[derive(Debug, Clone, Serialize)]
pub struct Ipv4Info {
    /// The address.
    pub address: Ipv4Addr,
    /// Prefix length.
    pub prefix: u8,
    /// Dotted netmask.
    pub netmask: IpAddr,
    /// The subnet in CIDR notation. For a point-to-point address it is the peer's: the prefix
    /// belongs to the peer (`ip addr add A peer P/24`), and so does the kernel's route.
    pub network: Cidr,
    /// Broadcast address, as the kernel reports it.
    pub broadcast: Option<Ipv4Addr>,
    /// Peer of a point-to-point link.
    pub peer: Option<IpAddr>,
    /// Scope: global, link, host.
    pub scope: Scope,
    /// Label (eth0:1 style aliases).
    pub label: Option<String>,
    /// Flags: secondary, noprefixroute, permanent, dynamic...
    pub flags: AddrFlags,
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
    /// Prefix length (of the peer, when there is one).
    pub prefix: u8,
    /// Peer of a point-to-point link.
    pub peer: Option<IpAddr>,
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
    /// ethernet, wireless, loopback, veth, bridge, tun, tap, vlan, bond, dummy, wireguard...
    pub kind: IfaceKind,
    /// What the hardware/driver is, as far as the kernel tells.
    /// What kind of interface it is, in a phrase (English in JSON).
    pub description: Text,
    /// Flags: NO-CARRIER, LOOPBACK, BROADCAST, MULTICAST, UP, RUNNING, LOWER_UP, M-DOWN...
    pub flags: ShownFlags,
    /// Operational state: UP, DOWN, UNKNOWN, LOWERLAYERDOWN...
    pub operstate: OperState,
    /// MTU in bytes.
    pub mtu: Option<u32>,
    /// MAC address, lowercase with colons.
    pub mac: Option<Mac>,
    /// The MAC's registered vendor.
    pub vendor: Option<String>,
    /// Factory MAC when the current one was changed.
    pub permanent_mac: Option<HwAddr>,
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
    pub duplex: Option<Duplex>,
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

/// A link's flags as `ip link` shows them: the kernel's, led by NO-CARRIER when the link is up
/// without carrier, then M-DOWN when the device it sits on (a veth's peer, a macvlan's parent,
/// in this namespace) is down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownFlags {
    /// The kernel's IFF_* flags.
    pub link: IfFlags,
    /// The device under this one (IFLA_LINK) is administratively down: `ip` says M-DOWN.
    pub lower_down: bool,
}

impl ShownFlags {
    /// The flags of `link`, whose IFLA_LINK device is looked up in `links`. As in iproute2's
    /// `print_name_and_link`, a device that is not in the list does not count as down.
    fn of(link: &Link, links: &[Link]) -> ShownFlags {
        let lower_down = link
            .lower
            .and_then(|i| links.iter().find(|l| l.index == i))
            .is_some_and(|l| !l.flags.is_up());
        ShownFlags {
            link: link.flags,
            lower_down,
        }
    }

    /// The names, in `ip`'s order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        self.link.names().chain(self.lower_down.then_some("M-DOWN"))
    }
}

impl std::fmt::Display for ShownFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_flag_names(f, self.names())
    }
}

impl Serialize for ShownFlags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// What kind of interface this is, in the words people use: the system's kind for a virtual
/// device ([`LinkKind`]), and for the rest what a person calls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfaceKind {
    /// The loopback interface.
    Loopback,
    /// A wired Ethernet adapter.
    Ethernet,
    /// A Wi-Fi adapter.
    Wireless,
    /// A layer-2 tunnel (TAP): Ethernet frames to and from a program, with a MAC.
    Tap,
    /// A device of the kind its driver, device type or link type names (veth, bridge, vlan,
    /// bond...); `tun` is a layer-3 tunnel (TUN, or a link with no link-layer header).
    Link(LinkKind),
}

impl IfaceKind {
    /// The kind a driver or device-type name stands for (`veth`, `bridge`, `wlan`...).
    fn from_name(name: &str) -> IfaceKind {
        match name {
            "loopback" => IfaceKind::Loopback,
            "ethernet" => IfaceKind::Ethernet,
            "wireless" | "wlan" => IfaceKind::Wireless,
            "tap" => IfaceKind::Tap,
            other => IfaceKind::Link(LinkKind::named(other)),
        }
    }

    /// The word shown (and serialized): loopback, ethernet, wireless, veth, bridge...
    pub fn as_str(&self) -> &str {
        match self {
            IfaceKind::Loopback => "loopback",
            IfaceKind::Ethernet => "ethernet",
            IfaceKind::Wireless => "wireless",
            IfaceKind::Tap => "tap",
            IfaceKind::Link(k) => k.name(),
        }
    }

    /// What the kind is, in a phrase (None when netkit has nothing to say).
    fn phrase(&self) -> Option<Message> {
        Some(match self {
            IfaceKind::Loopback => t!("ifaces-kind-loopback"),
            IfaceKind::Ethernet => t!("ifaces-kind-ethernet"),
            IfaceKind::Wireless => t!("ifaces-kind-wireless"),
            IfaceKind::Tap => t!("ifaces-kind-tap"),
            IfaceKind::Link(k) => match k {
                LinkKind::Veth => t!("ifaces-kind-veth"),
                LinkKind::Bridge => t!("ifaces-kind-bridge"),
                LinkKind::Tun => t!("ifaces-kind-tun"),
                LinkKind::Vlan => t!("ifaces-kind-vlan"),
                LinkKind::Bond => t!("ifaces-kind-bond"),
                LinkKind::Dummy => t!("ifaces-kind-dummy"),
                LinkKind::Wireguard => t!("ifaces-kind-wireguard"),
                LinkKind::Macvlan => t!("ifaces-kind-macvlan"),
                LinkKind::Vxlan => t!("ifaces-kind-vxlan"),
                LinkKind::Ifb => t!("ifaces-kind-ifb"),
                LinkKind::Other(_) => return None,
            },
        })
    }
}

impl Serialize for IfaceKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What kind of interface `link` is: the driver's kind for a virtual device (for kind `tun`,
/// its mode: TUN or TAP), else what its link type and sysfs say.
fn kind_of(link: &Link, facts: &LinkFacts) -> IfaceKind {
    match (&link.kind, link.tun_mode) {
        (Some(LinkKind::Tun), Some(TunMode::Tap)) => return IfaceKind::Tap,
        (Some(LinkKind::Tun), Some(TunMode::Tun)) => return IfaceKind::Link(LinkKind::Tun),
        // No mode reported: a TAP still has an Ethernet header, a TUN none.
        (Some(LinkKind::Tun), None) if link.link_type == LinkType::Ether => {
            return IfaceKind::Tap;
        }
        (Some(k), _) => return IfaceKind::Link(k.clone()),
        (None, _) => {}
    }
    match link.link_type {
        LinkType::Loopback => IfaceKind::Loopback,
        LinkType::Ieee80211 => IfaceKind::Wireless,
        LinkType::Ether if facts.wireless || facts.devtype.as_deref() == Some("wlan") => {
            IfaceKind::Wireless
        }
        LinkType::Ether => facts
            .devtype
            .as_deref()
            .map_or(IfaceKind::Ethernet, IfaceKind::from_name),
        LinkType::None => IfaceKind::Link(LinkKind::Tun),
        _ => IfaceKind::from_name(&link.link_type.name()),
    }
}

fn describe(kind: &IfaceKind, facts: &LinkFacts) -> Text {
    let driver = match (&facts.driver, &facts.bus) {
        (Some(d), Some(b)) => Some(t!("ifaces-driver-bus", driver = d, bus = b)),
        (Some(d), None) => Some(t!("ifaces-driver", driver = d)),
        _ => None,
    };
    match (kind.phrase(), driver) {
        (Some(what), Some(driver)) => {
            t!("ifaces-kind-and-driver", kind = what, driver = driver).into()
        }
        (Some(what), None) => what.into(),
        (None, Some(driver)) => driver.into(),
        (None, None) => kind.as_str().into(),
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
                        // The prefix is the peer's when there is one (ip-address(8)).
                        let block = Block::new(a.peer.unwrap_or(a.address), a.prefix);
                        ipv4.push(Ipv4Info {
                            address: v4,
                            prefix: a.prefix,
                            netmask: block.ip(block.mask()),
                            network: block.cidr(),
                            broadcast: a.broadcast,
                            peer: a.peer,
                            scope: a.scope,
                            label: a.label.clone().filter(|l| *l != link.name),
                            flags: a.flags,
                            dynamic: a.valid_lft.is_some(),
                            valid_lft: a.valid_lft,
                        })
                    }
                    IpAddr::V6(_) => ipv6.push(Ipv6Info {
                        address: a.address,
                        prefix: a.prefix,
                        peer: a.peer,
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
            let enabled = dhcp_in_use(addrs, link.index, lease.is_some());
            let mac = link.mac6().filter(|_| kind != IfaceKind::Loopback);
            Iface {
                name: link.name.clone(),
                index: link.index,
                description: describe(&kind, &f),
                kind,
                flags: ShownFlags::of(link, links),
                operstate: link.operstate,
                mtu: link.mtu,
                mac: mac.map(Mac),
                vendor: mac.and_then(|m| vendor_of(&m)),
                permanent_mac: link.perm_mac.as_deref().map(HwAddr::from),
                master: link
                    .master
                    .map(|m| crate::system::routing::ifname(links, m)),
                ipv4,
                ipv6,
                gateways,
                counters: link.counters.clone(),
                speed_mbps: f.speed_mbps,
                duplex: f.duplex,
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
    let mut tables = Tables::open()?;
    let links = tables.links()?;
    if let Some(name) = &args.name {
        if name.starts_with('/') && !links.iter().any(|l| &l.name == name) {
            // ipconfig's switches are written /all on Windows.
            return Err(Error::usage(if name.eq_ignore_ascii_case("/all") {
                t!("ifaces-windows-all", switch = name)
            } else {
                t!("ifaces-windows-switch", switch = name)
            }));
        }
        link_named(&links, name)?;
    }
    let (addrs, routes) = (tables.addresses()?, tables.routes()?);
    // The compact table needs only the kernel's tables; the rest is read for --all and --json.
    let full = args.all || ui.format == Format::Json;
    let facts = |l: &Link| {
        if full {
            tables.link_facts(l)
        } else {
            LinkFacts::default()
        }
    };
    let lease = |l: &Link| {
        if full { tables.dhcp_lease(l) } else { None }
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
        let dns = dns_config().map_err(|e| warnings.push(e.to_string())).ok();
        (hostname(), dns)
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
    use crate::system::routing::fixtures::{addr, link, links, route};

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
        assert_eq!(eth.ipv4[0].network.to_string(), "198.51.100.0/24");
        assert_eq!(eth.ipv6[0].prefix, 64);
        assert_eq!(
            eth.gateways,
            vec!["198.51.100.1".parse::<IpAddr>().unwrap()]
        );
        assert_eq!(eth.dhcp.enabled, Some(false));
        let v = build(&links(), None, &[dynamic], &routes, &none, &no_lease);
        assert_eq!(v[1].dhcp.enabled, Some(true));
    }

    fn build_plain(links: &[Link], addrs: &[Addr]) -> Vec<Iface> {
        build(links, None, addrs, &[], &|_| LinkFacts::default(), &|_| {
            None
        })
    }

    /// Issue 18.1: `ip addr add 10.50.0.1 peer 10.60.0.2/24` puts the prefix on the peer: the
    /// network is 10.60.0.0/24 (the kernel's prefix route), not 10.50.0.0/24.
    #[test]
    fn peer_address_network_is_the_peers() {
        let mut a = addr(2, "10.50.0.1", 24);
        a.peer = Some("10.60.0.2".parse().unwrap());
        let v = build_plain(&links(), &[a]);
        let got = &v[1].ipv4[0];
        assert_eq!(got.address.to_string(), "10.50.0.1");
        assert_eq!(got.peer, Some("10.60.0.2".parse().unwrap()));
        assert_eq!(got.network.to_string(), "10.60.0.0/24");
        assert_eq!(got.netmask.to_string(), "255.255.255.0");
    }

    /// Issue 18.2: an IPv6 peer address keeps its peer.
    #[test]
    fn ipv6_peer_is_kept() {
        let mut a = addr(2, "2001:db8:aa::1", 64);
        a.peer = Some("2001:db8:bb::1".parse().unwrap());
        let v = build_plain(&links(), &[a]);
        assert_eq!(v[1].ipv6[0].peer, Some("2001:db8:bb::1".parse().unwrap()));
    }

    /// Issue 18.4: a secondary IPv4 address says so in its flags.
    #[test]
    fn secondary_address_is_flagged() {
        let mut a = addr(2, "192.0.2.2", 24);
        a.flags.bits |= crate::system::model::AddrBits::SECONDARY;
        let v = build_plain(&links(), &[addr(2, "192.0.2.1", 24), a]);
        let flags = |i: usize| v[1].ipv4[i].flags.names().collect::<Vec<_>>();
        assert_eq!(flags(0), ["permanent"]);
        assert_eq!(flags(1), ["secondary", "permanent"]);
    }

    /// Issue 18.3: a tun device in TAP mode is a `tap`, layer 2; in TUN mode a `tun`. Without
    /// a mode, the link type decides (a TAP has an Ethernet header).
    #[test]
    fn tap_is_not_tun() {
        let dev = |mode, ty| {
            let mut l = link(3, "t0", ty, Some([0x02, 0, 0, 0, 0, 1]));
            l.kind = Some(LinkKind::Tun);
            l.tun_mode = mode;
            build_plain(&[l], &[]).remove(0)
        };
        let tap = dev(Some(TunMode::Tap), LinkType::Ether);
        assert_eq!(tap.kind, IfaceKind::Tap);
        assert!(
            tap.description.english().starts_with("layer-2"),
            "{}",
            tap.description
        );
        assert!(tap.mac.is_some());
        assert_eq!(
            dev(Some(TunMode::Tun), LinkType::None).kind,
            IfaceKind::Link(LinkKind::Tun)
        );
        assert_eq!(dev(None, LinkType::Ether).kind, IfaceKind::Tap);
        assert_eq!(
            dev(None, LinkType::None).kind,
            IfaceKind::Link(LinkKind::Tun)
        );
    }

    /// Issue 18.4: M-DOWN when the device under this one (IFLA_LINK) is down, as iproute2
    /// decides it; a lower device that is not in the dump does not count as down.
    #[test]
    fn m_down_follows_the_lower_device() {
        use crate::system::model::LinkFlag;
        let mut upper = link(3, "v0", LinkType::Ether, Some([0x02, 0, 0, 0, 0, 3]));
        upper.flags = IfFlags(LinkFlag::UP | LinkFlag::BROADCAST);
        upper.lower = Some(4);
        let mut lower = link(4, "v1", LinkType::Ether, Some([0x02, 0, 0, 0, 0, 4]));
        lower.flags = IfFlags(LinkFlag::BROADCAST);
        let names = |links: &[Link]| -> Vec<&'static str> {
            build_plain(links, &[])
                .iter()
                .find(|i| i.name == "v0")
                .unwrap()
                .flags
                .names()
                .collect()
        };
        assert_eq!(
            names(&[upper.clone(), lower.clone()]),
            ["NO-CARRIER", "BROADCAST", "UP", "M-DOWN"]
        );
        lower.flags = IfFlags(LinkFlag::BROADCAST | LinkFlag::UP);
        assert_eq!(
            names(&[upper.clone(), lower]),
            ["NO-CARRIER", "BROADCAST", "UP"]
        );
        assert_eq!(names(&[upper]), ["NO-CARRIER", "BROADCAST", "UP"]);
    }
}
