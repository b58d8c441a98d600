//! What the IP Helper API reports, in netkit's words: adapters become [`Link`]s, [`Addr`]s,
//! [`LinkFacts`] and [`DhcpLease`]s, forwarding rows [`Route`]s, neighbour rows [`Neighbour`]s,
//! and the adapters' DNS servers and suffixes a [`DnsConfig`]. Pure functions over the records
//! of [`super::ffi`], so the tests feed them what a real machine's API gave.
//!
//! What Windows does not report stays unknown (null in JSON): broadcast addresses, counters,
//! duplex, driver kinds, the bus, a permanent MAC, address labels. Windows has no admin-up flag
//! beside the operational state: a link that is up is UP and RUNNING.

use std::net::IpAddr;

use crate::net::addr::{Family, to_u128};
use crate::net::block::Block;
use crate::system::model::{
    Addr, AddrBits, AddrFlags, DhcpClient, DhcpLease, DnsConfig, Expiry, IfFlags, Link, LinkFacts,
    LinkFlag, LinkType, NeighState, Neighbour, OperState, Origin, Protocol, Route, RouteKind,
    Scope, Table, utc,
};
use crate::system::routing::interface_addr;

use super::ffi::{RawAdapter, RawLease, RawNeighbour, RawRoute, RawUnicast};

/// IANA ifType numbers Windows uses.
const IF_TYPE_ETHERNET: u32 = 6;
const IF_TYPE_PPP: u32 = 23;
const IF_TYPE_LOOPBACK: u32 = 24;
const IF_TYPE_IEEE80211: u32 = 71;
const IF_TYPE_TUNNEL: u32 = 131;

/// IP_ADAPTER_DHCP_ENABLED and IP_ADAPTER_NO_MULTICAST.
const DHCP_ENABLED: u32 = 0x4;
const NO_MULTICAST: u32 = 0x10;

/// A lifetime of u32::MAX seconds is forever.
const FOREVER: u32 = u32::MAX;

/// The link an adapter is.
pub fn link(a: &RawAdapter) -> Link {
    let link_type = match a.if_type {
        IF_TYPE_ETHERNET | IF_TYPE_IEEE80211 => LinkType::Ether,
        IF_TYPE_LOOPBACK => LinkType::Loopback,
        IF_TYPE_TUNNEL => LinkType::None,
        IF_TYPE_PPP => LinkType::Ppp,
        n => LinkType::Other(format!("iftype{n}")),
    };
    let operstate = match a.oper_status {
        1 => OperState::Up,
        2 => OperState::Down,
        3 => OperState::Testing,
        4 => OperState::Unknown,
        5 => OperState::Dormant,
        6 => OperState::NotPresent,
        7 => OperState::LowerLayerDown,
        n => OperState::Other(u8::try_from(n).unwrap_or(u8::MAX)),
    };
    let mut flags = LinkFlag::empty();
    if operstate == OperState::Up {
        flags |= LinkFlag::UP | LinkFlag::RUNNING | LinkFlag::LOWER_UP;
    }
    match link_type {
        LinkType::Loopback => flags |= LinkFlag::LOOPBACK,
        LinkType::Ether => flags |= LinkFlag::BROADCAST,
        LinkType::Ppp | LinkType::None => flags |= LinkFlag::POINTOPOINT | LinkFlag::NOARP,
        _ => {}
    }
    if a.flags & NO_MULTICAST == 0 {
        flags |= LinkFlag::MULTICAST;
    }
    Link {
        index: a.index,
        name: a.friendly_name.clone(),
        link_type,
        kind: None,
        tun_mode: None,
        flags: IfFlags(flags),
        operstate,
        // An MTU of u32::MAX (some tunnels) says nothing.
        mtu: Some(a.mtu).filter(|&m| m != 0 && m != u32::MAX),
        mac: (!a.mac.is_empty() && a.mac.iter().any(|&b| b != 0)).then(|| a.mac.clone()),
        perm_mac: None,
        master: None,
        lower: None,
        counters: None,
        alias: None,
    }
}

/// The scope an address has by its value (Windows reports none).
fn scope_of(ip: IpAddr) -> Scope {
    match ip {
        IpAddr::V4(v4) if v4.is_loopback() => Scope::Host,
        IpAddr::V4(v4) if v4.is_link_local() => Scope::Link,
        IpAddr::V6(v6) if v6.is_loopback() => Scope::Host,
        IpAddr::V6(v6) if v6.is_unicast_link_local() => Scope::Link,
        IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfec0 => Scope::Site,
        _ => Scope::Global,
    }
}

/// One of an adapter's unicast addresses.
pub fn addr(index: u32, u: &RawUnicast) -> Addr {
    let mut bits = AddrBits::empty();
    // A lifetime of forever: configured by hand or well known (not DHCP, not SLAAC).
    if u.valid_lifetime == FOREVER {
        bits |= AddrBits::PERMANENT;
    }
    match u.dad_state {
        1 => bits |= AddrBits::TENTATIVE,
        2 => bits |= AddrBits::DADFAILED,
        3 => bits |= AddrBits::DEPRECATED,
        _ => {}
    }
    // A random suffix on IPv6: a temporary (privacy) address, `ip`'s "temporary".
    if u.address.is_ipv6() && u.suffix_origin == 5 && u.prefix_origin == 4 {
        bits |= AddrBits::SECONDARY;
    }
    let lifetime = |s: u32| (s != FOREVER).then_some(s);
    Addr {
        index,
        address: u.address,
        prefix: u.prefix,
        broadcast: None,
        peer: None,
        scope: scope_of(u.address),
        label: None,
        flags: AddrFlags {
            bits,
            family: Family::of(&u.address),
        },
        valid_lft: lifetime(u.valid_lifetime),
        preferred_lft: lifetime(u.preferred_lifetime),
    }
}

/// Every address of every adapter.
pub fn addrs(adapters: &[RawAdapter]) -> Vec<Addr> {
    adapters
        .iter()
        .flat_map(|a| a.unicast.iter().map(|u| addr(a.index, u)))
        .collect()
}

/// What an adapter says beside the tables: speed, Wi-Fi, the description (as the driver).
pub fn facts(a: &RawAdapter) -> LinkFacts {
    let speed = a.receive_speed;
    LinkFacts {
        speed_mbps: (speed != 0 && speed != u64::MAX)
            .then(|| u32::try_from(speed / 1_000_000).unwrap_or(u32::MAX)),
        duplex: None,
        wireless: a.if_type == IF_TYPE_IEEE80211,
        devtype: None,
        driver: Some(a.description.clone()).filter(|d| !d.is_empty()),
        bus: None,
        virtual_device: matches!(a.if_type, IF_TYPE_LOOPBACK | IF_TYPE_TUNNEL),
        carrier: Some(a.oper_status == 1),
    }
}

/// A forwarding row as a route: the default route has no destination; a route to this host
/// itself is `local` (in Linux's local table), a multicast or broadcast one is of that kind.
pub fn route(r: &RawRoute) -> Route {
    let kind = if r.loopback {
        RouteKind::Local
    } else if r.dst.is_multicast() {
        RouteKind::Multicast
    } else if r.dst == IpAddr::V4(std::net::Ipv4Addr::BROADCAST) {
        RouteKind::Broadcast
    } else {
        RouteKind::Unicast
    };
    let protocol = match r.protocol {
        2 => Protocol::Kernel,
        3 | 10002 | 10006 | 10007 => Protocol::Static,
        4 => Protocol::IcmpRedirect,
        8 => Protocol::Rip,
        13 => Protocol::Ospf,
        14 => Protocol::Bgp,
        _ => Protocol::Unspec,
    };
    Route {
        ipv6: r.dst.is_ipv6(),
        table: if kind == RouteKind::Local {
            Table::LOCAL
        } else {
            Table::MAIN
        },
        kind,
        dst: (r.prefix != 0).then_some(r.dst),
        dst_prefix: r.prefix,
        gateway: Some(r.next_hop).filter(|g| !g.is_unspecified()),
        oif: Some(r.index),
        prefsrc: None,
        metric: Some(r.metric),
        protocol,
        multipath: Vec::new(),
    }
}

/// The route Windows takes to `dst` when GetBestRoute2 cannot say: the longest matching
/// prefix, the lowest metric among those, and as source the route interface's address in
/// `dst`'s subnet (else its first of the family). None when nothing matches.
pub fn best_route(routes: &[Route], addrs: &[Addr], dst: IpAddr) -> Option<Route> {
    let target = to_u128(&dst);
    let best = routes
        .iter()
        .filter(|r| r.ipv6 == dst.is_ipv6() && !r.kind.refuses())
        .filter(|r| {
            r.dst
                .is_none_or(|d| Block::new(d, r.dst_prefix).contains(target))
        })
        .max_by_key(|r| (r.dst_prefix, std::cmp::Reverse(r.metric.unwrap_or(0))))?;
    let mut r = best.clone();
    r.prefsrc = interface_addr(addrs, r.oif?, dst.is_ipv4(), Some(dst), None).map(|a| a.address);
    Some(r)
}

/// A neighbour row.
pub fn neighbour(n: &RawNeighbour) -> Neighbour {
    let state = match n.state {
        0 => NeighState::Failed,
        1 => NeighState::Incomplete,
        2 => NeighState::Probe,
        3 => NeighState::Delay,
        4 => NeighState::Stale,
        5 => NeighState::Reachable,
        6 => NeighState::Permanent,
        // GetIpNetTable's types: invalid, dynamic, static.
        102 => NeighState::Failed,
        103 => NeighState::Reachable,
        104 => NeighState::Permanent,
        _ => NeighState::None,
    };
    let mac = (!n.mac.is_empty() && n.mac.iter().any(|&b| b != 0)).then(|| n.mac.clone());
    Neighbour {
        index: n.index,
        address: n.address,
        mac,
        state,
        router: n.router,
    }
}

/// The DNS configuration Windows' resolver uses: the servers of the adapters that are up, in
/// the adapters' order (the order Windows asks them), and their DNS suffixes as the search list.
pub fn dns_config(adapters: &[RawAdapter]) -> DnsConfig {
    let mut cfg = DnsConfig {
        source: Origin::Api("GetAdaptersAddresses"),
        ..DnsConfig::default()
    };
    for a in adapters.iter().filter(|a| a.oper_status == 1) {
        for s in &a.dns_servers {
            // fec0:0:0:ffff::1-3 are Windows' placeholders for "no IPv6 DNS server configured".
            let placeholder =
                matches!(s, IpAddr::V6(v6) if v6.segments()[..4] == [0xfec0, 0, 0, 0xffff]);
            if !placeholder && !cfg.servers.contains(s) {
                cfg.servers.push(*s);
            }
        }
        for d in std::iter::once(&a.dns_suffix).chain(&a.dns_suffixes) {
            if !d.is_empty() && !cfg.search.contains(d) {
                cfg.search.push(d.clone());
            }
        }
    }
    cfg
}

/// Seconds since 1970 as an instant; `None` for 0 (GetAdaptersInfo's "not set"), times
/// before 1970 and after what RFC 3339 can write ([`utc`]).
fn lease_time(secs: i64) -> Option<jiff::Timestamp> {
    utc(secs).filter(|_| secs > 0)
}

/// The DHCP lease of an adapter, from GetAdaptersAddresses (server, address, router) and
/// GetAdaptersInfo (lease times); None when DHCP is off for it.
pub fn lease(a: &RawAdapter, info: Option<&RawLease>) -> Option<DhcpLease> {
    let enabled = info.map_or(a.flags & DHCP_ENABLED != 0, |i| i.dhcp_enabled);
    if !enabled {
        return None;
    }
    let server = a
        .dhcpv4_server
        .or_else(|| info.and_then(|i| i.server).map(IpAddr::V4))
        .filter(|s| !s.is_unspecified());
    let times = info.map(|i| (i.obtained, i.expires));
    // DHCP on, but nothing leased (no server, no times): no lease to show.
    if server.is_none() && times.is_none_or(|(o, _)| o <= 0) {
        return None;
    }
    let lease_seconds = times
        .filter(|(o, e)| *o > 0 && e > o)
        .map(|(o, e)| (e - o) as u64);
    Some(DhcpLease {
        client: DhcpClient::Windows,
        source: Origin::Api("GetAdaptersInfo"),
        address: a
            .unicast
            .iter()
            .map(|u| u.address)
            .find(|ip| ip.is_ipv4() && scope_of(*ip) == Scope::Global),
        server,
        router: a.gateways.iter().copied().find(IpAddr::is_ipv4),
        lease_seconds,
        obtained: times.and_then(|(o, _)| lease_time(o)),
        expires: times.and_then(|(_, e)| lease_time(e)).map(Expiry::At),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An Ethernet adapter as GetAdaptersAddresses and GetAdaptersInfo reported it on a
    /// Windows 11 machine with a DHCP lease (addresses moved to TEST-NET and documentation
    /// ranges).
    pub fn ethernet() -> RawAdapter {
        RawAdapter {
            index: 12,
            adapter_name: "{6C2A5E1B-3F0D-4B7A-9E52-1D3C4B5A6F70}".into(),
            friendly_name: "Ethernet".into(),
            description: "Intel(R) Ethernet Connection (7) I219-V".into(),
            dns_suffix: "home.example".into(),
            mac: vec![0x00, 0x16, 0x3e, 0x12, 0x34, 0x56],
            flags: 0x1c5,
            mtu: 1500,
            if_type: 6,
            oper_status: 1,
            receive_speed: 1_000_000_000,
            unicast: vec![
                RawUnicast {
                    address: "fe80::1c2d:3e4f:5a6b:7c8d".parse().unwrap(),
                    prefix: 64,
                    prefix_origin: 2,
                    suffix_origin: 4,
                    dad_state: 4,
                    valid_lifetime: u32::MAX,
                    preferred_lifetime: u32::MAX,
                },
                RawUnicast {
                    address: "192.0.2.23".parse().unwrap(),
                    prefix: 24,
                    prefix_origin: 3,
                    suffix_origin: 3,
                    dad_state: 4,
                    valid_lifetime: 85_923,
                    preferred_lifetime: 85_923,
                },
            ],
            gateways: vec!["192.0.2.1".parse().unwrap()],
            dns_servers: vec![
                "192.0.2.1".parse().unwrap(),
                "fec0:0:0:ffff::1".parse().unwrap(),
            ],
            dhcpv4_server: Some("192.0.2.1".parse().unwrap()),
            dns_suffixes: vec!["home.example".into(), "corp.example".into()],
        }
    }

    /// Windows' loopback pseudo-interface.
    fn loopback() -> RawAdapter {
        RawAdapter {
            index: 1,
            adapter_name: "{A1B2C3D4-0000-0000-0000-000000000001}".into(),
            friendly_name: "Loopback Pseudo-Interface 1".into(),
            description: "Software Loopback Interface 1".into(),
            flags: 0x180,
            mtu: u32::MAX,
            if_type: 24,
            oper_status: 1,
            receive_speed: 1_073_741_824,
            unicast: vec![RawUnicast {
                address: "127.0.0.1".parse().unwrap(),
                prefix: 8,
                prefix_origin: 2,
                suffix_origin: 2,
                dad_state: 4,
                valid_lifetime: u32::MAX,
                preferred_lifetime: u32::MAX,
            }],
            ..RawAdapter::default()
        }
    }

    /// Issue 29 section 2: an adapter as ipconfig /all shows it, in netkit's vocabulary.
    #[test]
    fn adapters_become_links_and_addresses() {
        let eth = link(&ethernet());
        assert_eq!((eth.index, eth.name.as_str()), (12, "Ethernet"));
        assert_eq!(eth.link_type, LinkType::Ether);
        assert_eq!(eth.operstate, OperState::Up);
        assert_eq!(
            eth.flags.names().collect::<Vec<_>>(),
            ["BROADCAST", "MULTICAST", "UP", "RUNNING", "LOWER_UP"]
        );
        assert_eq!(eth.mtu, Some(1500));
        assert_eq!(eth.mac6(), Some([0x00, 0x16, 0x3e, 0x12, 0x34, 0x56]));
        let lo = link(&loopback());
        assert_eq!(
            (lo.link_type, lo.mtu, lo.mac),
            (LinkType::Loopback, None, None)
        );

        let all = addrs(&[loopback(), ethernet()]);
        assert_eq!(all.len(), 3);
        assert_eq!(
            (all[0].scope, all[0].flags.names().collect::<Vec<_>>()),
            (Scope::Host, vec!["permanent"])
        );
        let v6 = &all[1];
        assert_eq!((v6.index, v6.prefix, v6.scope), (12, 64, Scope::Link));
        let v4 = &all[2];
        assert_eq!(v4.address.to_string(), "192.0.2.23");
        assert_eq!((v4.prefix, v4.valid_lft), (24, Some(85_923)));
        assert_eq!(v4.flags.names().collect::<Vec<_>>(), ["dynamic"]);
        assert_eq!(v4.broadcast, None);

        let f = facts(&ethernet());
        assert_eq!(f.speed_mbps, Some(1000));
        assert_eq!(
            f.driver.as_deref(),
            Some("Intel(R) Ethernet Connection (7) I219-V")
        );
        assert!(!f.wireless && !f.virtual_device);
        assert_eq!(f.duplex, None);
    }

    /// Issue 29 section 2: the DHCP lease as ipconfig /all shows it (server, obtained, expires).
    #[test]
    fn leases_from_both_calls() {
        let info = RawLease {
            adapter_name: ethernet().adapter_name,
            dhcp_enabled: true,
            server: Some("192.0.2.1".parse().unwrap()),
            obtained: 1_764_900_000,
            expires: 1_764_986_400,
        };
        let l = lease(&ethernet(), Some(&info)).unwrap();
        assert_eq!(l.server, Some("192.0.2.1".parse().unwrap()));
        assert_eq!(l.address, Some("192.0.2.23".parse().unwrap()));
        assert_eq!(l.router, Some("192.0.2.1".parse().unwrap()));
        assert_eq!(l.lease_seconds, Some(86_400));
        let ts = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        assert_eq!(l.obtained, Some(ts("2025-12-05T02:00:00Z")));
        assert_eq!(l.expires, Some(Expiry::At(ts("2025-12-06T02:00:00Z"))));
        assert_eq!(
            (l.client, &l.source),
            (DhcpClient::Windows, &Origin::Api("GetAdaptersInfo"))
        );
        let json = serde_json::to_value(&l).unwrap();
        assert_eq!(json["obtained"], "2025-12-05T02:00:00Z");
        assert_eq!(json["source"], "GetAdaptersInfo");
        assert_eq!(json["client"], "Windows DHCP client");
        let off = RawLease {
            dhcp_enabled: false,
            ..info.clone()
        };
        assert_eq!(lease(&ethernet(), Some(&off)), None);
        assert_eq!(lease(&loopback(), None), None);
        // Enabled, but nothing leased yet (as Wine reports every adapter): no lease.
        let mut waiting = ethernet();
        waiting.dhcpv4_server = None;
        let nothing = RawLease {
            server: None,
            obtained: 0,
            expires: 0,
            ..info
        };
        assert_eq!(lease(&waiting, Some(&nothing)), None);
    }

    /// Issue 29 section 2: the system's DNS servers are the adapters', Windows' fec0::
    /// placeholders left out, and the suffixes are the search list.
    #[test]
    fn dns_from_the_adapters() {
        let mut down = ethernet();
        down.oper_status = 2;
        down.dns_servers = vec!["198.51.100.53".parse().unwrap()];
        let cfg = dns_config(&[loopback(), ethernet(), down]);
        assert_eq!(cfg.servers, vec!["192.0.2.1".parse::<IpAddr>().unwrap()]);
        assert_eq!(cfg.search, ["home.example", "corp.example"]);
        assert_eq!(cfg.source, Origin::Api("GetAdaptersAddresses"));
        assert_eq!(
            serde_json::to_value(&cfg).unwrap()["source"],
            "GetAdaptersAddresses"
        );
    }

    /// Issue 29 section 2: forwarding rows as routes: the default route, an on-link one, and a
    /// route to this host itself.
    #[test]
    fn forwarding_rows_become_routes() {
        let row = |dst: &str, prefix, hop: &str, loopback| RawRoute {
            index: 12,
            dst: dst.parse().unwrap(),
            prefix,
            next_hop: hop.parse().unwrap(),
            metric: 25,
            protocol: 3,
            loopback,
        };
        let d = route(&row("0.0.0.0", 0, "192.0.2.1", false));
        assert_eq!(
            (d.dst, d.gateway),
            (None, Some("192.0.2.1".parse().unwrap()))
        );
        assert_eq!(
            (d.kind, d.table, d.oif, d.metric),
            (RouteKind::Unicast, Table::MAIN, Some(12), Some(25))
        );
        let on_link = route(&row("192.0.2.0", 24, "0.0.0.0", false));
        assert_eq!(
            (on_link.dst, on_link.gateway),
            (Some("192.0.2.0".parse().unwrap()), None)
        );
        let own = route(&row("192.0.2.23", 32, "0.0.0.0", true));
        assert_eq!((own.kind, own.table), (RouteKind::Local, Table::LOCAL));
        let mc = route(&row("ff00::", 8, "::", false));
        assert_eq!((mc.kind, mc.ipv6), (RouteKind::Multicast, true));
        let all = [d.clone(), on_link.clone(), own, mc];
        assert_eq!(crate::system::routing::default_routes(&all), [&d]);
        // Where GetBestRoute2 is missing: the longest prefix wins, the source is the
        // interface's address in that subnet.
        let addrs = addrs(&[ethernet()]);
        let to_lan = best_route(&all, &addrs, "192.0.2.77".parse().unwrap()).unwrap();
        assert_eq!((to_lan.dst, to_lan.gateway), (on_link.dst, None));
        assert_eq!(to_lan.prefsrc, Some("192.0.2.23".parse().unwrap()));
        let away = best_route(&all, &addrs, "203.0.113.5".parse().unwrap()).unwrap();
        assert_eq!(away.gateway, Some("192.0.2.1".parse().unwrap()));
        assert_eq!(
            best_route(&all, &addrs, "2001:db8::1".parse().unwrap()),
            None
        );
    }

    /// Issue 29 section 2: neighbour rows of both calls.
    #[test]
    fn neighbour_rows() {
        let n = neighbour(&RawNeighbour {
            index: 12,
            address: "192.0.2.1".parse().unwrap(),
            mac: vec![0x00, 0x16, 0x3e, 0x00, 0x00, 0x01],
            state: 5,
            router: true,
        });
        assert_eq!((n.state, n.router), (NeighState::Reachable, true));
        let old = neighbour(&RawNeighbour {
            index: 12,
            address: "192.0.2.9".parse().unwrap(),
            mac: vec![0; 6],
            state: 102,
            router: false,
        });
        assert_eq!((old.state, old.mac), (NeighState::Failed, None));
    }
}
