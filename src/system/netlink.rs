//! The kernel's view of this machine's network, read over rtnetlink (like `ip`): links,
//! addresses, routes, neighbours, and `route get` lookups that honour policy routing.
//! This is the I/O edge; it returns plain data structs that the `iface` and `route` modules
//! turn into answers, so those can be unit-tested with hand-made snapshots.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr};

use netlink_packet_core::Nla;
use netlink_packet_core::{
    NLM_F_DUMP, NLM_F_REQUEST, NetlinkHeader, NetlinkMessage, NetlinkPayload,
};
use netlink_packet_route::address::{AddressAttribute, AddressFlags, AddressMessage, AddressScope};
use netlink_packet_route::link::{
    InfoData, InfoKind, InfoTun, LinkAttribute, LinkFlags, LinkInfo, LinkLayerType, LinkMessage,
    State,
};
use netlink_packet_route::neighbour::{
    NeighbourAddress, NeighbourAttribute, NeighbourFlags, NeighbourMessage, NeighbourState,
};
use netlink_packet_route::route::{
    RouteAddress, RouteAttribute, RouteFlags, RouteHeader, RouteMessage, RouteProtocol, RouteType,
    RouteVia,
};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};
use netlink_sys::{Socket, SocketAddr, protocols::NETLINK_ROUTE};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::net::addr::Family;

/// Packet and byte counters of a link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counters {
    /// Bytes received.
    pub rx_bytes: u64,
    /// Packets received.
    pub rx_packets: u64,
    /// Receive errors.
    pub rx_errors: u64,
    /// Received packets dropped.
    pub rx_dropped: u64,
    /// Bytes sent.
    pub tx_bytes: u64,
    /// Packets sent.
    pub tx_packets: u64,
    /// Send errors.
    pub tx_errors: u64,
    /// Packets dropped on sending.
    pub tx_dropped: u64,
}

/// A network interface (RTM_NEWLINK).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Interface index.
    pub index: u32,
    /// Interface name.
    pub name: String,
    /// Link-layer type: ether, loopback, none, ieee802.11...
    pub link_type: LinkType,
    /// The driver kind of a virtual device (veth, bridge, tun, vlan, bond, dummy, wireguard...).
    pub kind: Option<InfoKind>,
    /// What a device of kind `tun` carries (IFLA_TUN_TYPE): IP packets (TUN) or Ethernet
    /// frames (TAP). None for other kinds, and on kernels that do not report it.
    pub tun_mode: Option<TunMode>,
    /// Flags: UP, BROADCAST, LOOPBACK, RUNNING, MULTICAST, LOWER_UP, NOARP...
    pub flags: IfFlags,
    /// Operational state: UP, DOWN, UNKNOWN, LOWERLAYERDOWN, DORMANT...
    pub operstate: OperState,
    /// MTU in bytes.
    pub mtu: Option<u32>,
    /// Hardware address (6 bytes for Ethernet-like links).
    pub mac: Option<Vec<u8>>,
    /// Permanent hardware address, when it differs from the current one.
    pub perm_mac: Option<Vec<u8>>,
    /// Index of the bridge/bond this link is a port of.
    pub master: Option<u32>,
    /// Index of the device this one sits on (IFLA_LINK), in this namespace: a macvlan's or
    /// VLAN's parent, a veth's peer. None when there is none, or when it lives in another
    /// namespace (IFLA_LINK_NETNSID is set), where this index would name something else.
    pub lower: Option<u32>,
    /// Counters.
    pub counters: Option<Counters>,
    /// Interface alias (`ip link set dev X alias ...`).
    pub alias: Option<String>,
}

impl Link {
    /// The hardware address as a 6-byte MAC, when it is one.
    pub fn mac6(&self) -> Option<[u8; 6]> {
        self.mac.as_deref()?.try_into().ok()
    }
}

/// The link called `name`, or a bad-input error that lists the interfaces there are.
pub fn link_named<'a>(links: &'a [Link], name: &str) -> Result<&'a Link> {
    links.iter().find(|l| l.name == name).ok_or_else(|| {
        let names: Vec<&str> = links.iter().map(|l| l.name.as_str()).collect();
        Error::bad(
            "interface",
            name,
            format!("no such interface here (there are: {})", names.join(", ")),
        )
    })
}

/// An address on an interface (RTM_NEWADDR).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addr {
    /// Interface index.
    pub index: u32,
    /// The address (IFA_LOCAL for IPv4 point-to-point, else IFA_ADDRESS).
    pub address: IpAddr,
    /// Prefix length.
    pub prefix: u8,
    /// IPv4 broadcast address.
    pub broadcast: Option<Ipv4Addr>,
    /// Peer address of a point-to-point link.
    pub peer: Option<IpAddr>,
    /// Scope: global, link, host, site.
    pub scope: Scope,
    /// Address label (IPv4 aliases like eth0:1).
    pub label: Option<String>,
    /// Flags: deprecated, tentative, permanent, noprefixroute...
    pub flags: AddrFlags,
    /// Valid lifetime in seconds (None = forever).
    pub valid_lft: Option<u32>,
    /// Preferred lifetime in seconds (None = forever).
    pub preferred_lft: Option<u32>,
}

/// A route (RTM_NEWROUTE), from a dump or a `route get` lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// IPv4 or IPv6 (true for IPv6).
    pub ipv6: bool,
    /// Routing table (main, local, or a number).
    pub table: Table,
    /// Route type: unicast, local, broadcast, unreachable, blackhole, prohibit, multicast...
    pub kind: RouteKind,
    /// Destination network address (None = default route).
    pub dst: Option<IpAddr>,
    /// Destination prefix length.
    pub dst_prefix: u8,
    /// Next hop (gateway), if the destination is not directly connected.
    pub gateway: Option<IpAddr>,
    /// Outgoing interface index.
    pub oif: Option<u32>,
    /// Preferred source address.
    pub prefsrc: Option<IpAddr>,
    /// Metric (priority).
    pub metric: Option<u32>,
    /// Who installed it: kernel, boot, static, dhcp, ra...
    pub protocol: Protocol,
    /// Further next hops of a multipath route (gateway, interface index).
    pub multipath: Vec<(Option<IpAddr>, u32)>,
}

impl Route {
    /// Every next hop as (gateway, outgoing interface): the multipath hops, or the route's own.
    pub fn hops(&self) -> Vec<(Option<IpAddr>, u32)> {
        if self.multipath.is_empty() {
            vec![(self.gateway, self.oif.unwrap_or(0))]
        } else {
            self.multipath.clone()
        }
    }
}

/// A neighbour (ARP/NDP) cache entry (RTM_NEWNEIGH).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbour {
    /// Interface index.
    pub index: u32,
    /// The neighbour's IP address.
    pub address: IpAddr,
    /// Its link-layer address, when known.
    pub mac: Option<Vec<u8>>,
    /// REACHABLE, STALE, DELAY, PROBE, FAILED, INCOMPLETE, PERMANENT, NOARP, NONE.
    pub state: NeighState,
    /// The neighbour announced itself as an IPv6 router.
    pub router: bool,
}

/// An rtnetlink socket.
#[derive(Debug)]
pub struct Netlink {
    socket: Socket,
    seq: u32,
    /// Receive buffer, allocated once and never zeroed: only the pages the kernel writes into
    /// are touched (page faults dominate a short-lived process's run time).
    rx: Vec<u8>,
}

fn nl_err(what: &str, e: std::io::Error) -> Error {
    Error::io(
        format!("reading the kernel's network tables (netlink {what})"),
        e,
    )
}

impl Netlink {
    /// Opens a NETLINK_ROUTE socket.
    pub fn open() -> Result<Self> {
        let mut socket = Socket::new(NETLINK_ROUTE).map_err(|e| nl_err("socket", e))?;
        socket.bind_auto().map_err(|e| nl_err("bind", e))?;
        socket
            .connect(&SocketAddr::new(0, 0))
            .map_err(|e| nl_err("connect", e))?;
        Ok(Netlink {
            socket,
            seq: 0,
            rx: Vec::with_capacity(32 * 1024),
        })
    }

    /// Sends one request and converts every reply message with `convert` as it arrives, until
    /// DONE (dump) or the single answer/ACK (plain request); converting at once keeps the heap
    /// small. A netlink error reply becomes an `Err` carrying the errno.
    fn request<T>(
        &mut self,
        msg: RouteNetlinkMessage,
        dump: bool,
        mut convert: impl FnMut(RouteNetlinkMessage) -> Option<T>,
    ) -> Result<Vec<T>> {
        self.seq += 1;
        let mut header = NetlinkHeader::default();
        header.flags = NLM_F_REQUEST | if dump { NLM_F_DUMP } else { 0 };
        header.sequence_number = self.seq;
        let mut packet = NetlinkMessage::new(header, NetlinkPayload::from(msg));
        packet.finalize();
        let mut buf = vec![0u8; packet.buffer_len()];
        packet.serialize(&mut buf[..]);
        self.socket
            .send(&buf[..], 0)
            .map_err(|e| nl_err("send", e))?;

        let mut out = Vec::new();
        let rx = &mut self.rx;
        loop {
            rx.clear();
            self.socket.recv(rx, 0).map_err(|e| nl_err("recv", e))?;
            let size = rx.len();
            let mut offset = 0;
            while offset < size {
                let bytes = &rx[offset..size];
                let reply =
                    NetlinkMessage::<RouteNetlinkMessage>::deserialize(bytes).map_err(|e| {
                        nl_err(
                            "reply",
                            std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
                        )
                    })?;
                let len = reply.header.length as usize;
                if reply.header.sequence_number == self.seq {
                    match reply.payload {
                        NetlinkPayload::Done(_) => return Ok(out),
                        NetlinkPayload::Error(e) => {
                            return match e.code {
                                None => Ok(out), // an ACK
                                Some(code) => Err(nl_err(
                                    "answer",
                                    std::io::Error::from_raw_os_error(-code.get()),
                                )),
                            };
                        }
                        NetlinkPayload::InnerMessage(m) => {
                            out.extend(convert(m));
                            if !dump {
                                return Ok(out);
                            }
                        }
                        _ => {}
                    }
                }
                if len == 0 {
                    break;
                }
                offset += len;
            }
        }
    }

    /// Every link.
    pub fn links(&mut self) -> Result<Vec<Link>> {
        self.request(
            RouteNetlinkMessage::GetLink(LinkMessage::default()),
            true,
            |m| match m {
                RouteNetlinkMessage::NewLink(l) => Some(convert_link(l)),
                _ => None,
            },
        )
    }

    /// Every IPv4 and IPv6 address.
    pub fn addresses(&mut self) -> Result<Vec<Addr>> {
        self.request(
            RouteNetlinkMessage::GetAddress(AddressMessage::default()),
            true,
            |m| match m {
                RouteNetlinkMessage::NewAddress(a) => convert_addr(a),
                _ => None,
            },
        )
    }

    /// Every IPv4 and IPv6 route of every table (one AF_UNSPEC dump).
    pub fn routes(&mut self) -> Result<Vec<Route>> {
        self.request(
            RouteNetlinkMessage::GetRoute(RouteMessage::default()),
            true,
            |m| match m {
                RouteNetlinkMessage::NewRoute(r)
                    if matches!(
                        r.header.address_family,
                        AddressFamily::Inet | AddressFamily::Inet6
                    ) =>
                {
                    Some(convert_route(r))
                }
                _ => None,
            },
        )
    }

    /// The neighbour (ARP and NDP) cache.
    pub fn neighbours(&mut self) -> Result<Vec<Neighbour>> {
        self.request(
            RouteNetlinkMessage::GetNeighbour(NeighbourMessage::default()),
            true,
            |m| match m {
                RouteNetlinkMessage::NewNeighbour(n) => convert_neighbour(n),
                _ => None,
            },
        )
    }

    /// Like [`Netlink::route_get`], but "no route" is an answer, not an error: `Ok(Err(why))` for
    /// ENETUNREACH, EHOSTUNREACH, EINVAL (no such family configured) and EACCES (a prohibit rule).
    pub fn route_to(&mut self, dst: IpAddr) -> Result<std::result::Result<Route, std::io::Error>> {
        use std::io::ErrorKind::{
            HostUnreachable, InvalidInput, NetworkUnreachable, PermissionDenied,
        };
        match self.route_get(dst) {
            Ok(route) => Ok(Ok(route)),
            Err(Error::Io { source, .. })
                if matches!(
                    source.kind(),
                    NetworkUnreachable | HostUnreachable | InvalidInput | PermissionDenied
                ) =>
            {
                Ok(Err(source))
            }
            Err(e) => Err(e),
        }
    }

    /// Asks the kernel how it would route a packet to `dst` (RTM_GETROUTE for one address, as
    /// `ip route get` does): policy rules, tables and metrics all applied.
    pub fn route_get(&mut self, dst: IpAddr) -> Result<Route> {
        let mut msg = RouteMessage::default();
        msg.header = RouteHeader {
            address_family: if dst.is_ipv4() {
                AddressFamily::Inet
            } else {
                AddressFamily::Inet6
            },
            destination_prefix_length: if dst.is_ipv4() { 32 } else { 128 },
            ..RouteHeader::default()
        };
        // Report the table the answer came from, as `ip route get` does.
        msg.header.flags = RouteFlags::LookupTable;
        msg.attributes
            .push(RouteAttribute::Destination(RouteAddress::from(dst)));
        let replies = self.request(RouteNetlinkMessage::GetRoute(msg), false, |m| match m {
            RouteNetlinkMessage::NewRoute(r) => Some(convert_route(r)),
            _ => None,
        })?;
        replies
            .into_iter()
            .next()
            .ok_or_else(|| nl_err("route get", std::io::Error::other("no answer")))
    }
}

fn convert_link(msg: LinkMessage) -> Link {
    let mut link = Link {
        index: msg.header.index,
        name: String::new(),
        link_type: LinkType(msg.header.link_layer_type),
        kind: None,
        tun_mode: None,
        flags: IfFlags(msg.header.flags),
        operstate: OperState(State::Unknown),
        mtu: None,
        mac: None,
        perm_mac: None,
        master: None,
        lower: None,
        counters: None,
        alias: None,
    };
    let mut stats32 = None;
    let (mut iflink, mut other_netns) = (None, false);
    for attr in msg.attributes {
        match attr {
            LinkAttribute::IfName(n) => link.name = n,
            LinkAttribute::Mtu(m) => link.mtu = Some(m),
            LinkAttribute::Address(a) => link.mac = Some(a),
            LinkAttribute::PermAddress(a) => link.perm_mac = Some(a),
            LinkAttribute::OperState(s) => link.operstate = OperState(s),
            LinkAttribute::Controller(m) => link.master = Some(m),
            LinkAttribute::IfAlias(a) => link.alias = Some(a),
            LinkAttribute::Link(i) => iflink = Some(i),
            LinkAttribute::LinkNetNsId(_) => other_netns = true,
            LinkAttribute::LinkInfo(infos) => {
                for info in infos {
                    match info {
                        LinkInfo::Kind(kind) => link.kind = Some(kind),
                        LinkInfo::Data(InfoData::Tun(data)) => link.tun_mode = tun_mode(&data),
                        _ => {}
                    }
                }
            }
            LinkAttribute::Stats64(s) => {
                link.counters = Some(Counters {
                    rx_bytes: s.rx_bytes,
                    rx_packets: s.rx_packets,
                    rx_errors: s.rx_errors,
                    rx_dropped: s.rx_dropped,
                    tx_bytes: s.tx_bytes,
                    tx_packets: s.tx_packets,
                    tx_errors: s.tx_errors,
                    tx_dropped: s.tx_dropped,
                })
            }
            LinkAttribute::Stats(s) => {
                stats32 = Some(Counters {
                    rx_bytes: s.rx_bytes as u64,
                    rx_packets: s.rx_packets as u64,
                    rx_errors: s.rx_errors as u64,
                    rx_dropped: s.rx_dropped as u64,
                    tx_bytes: s.tx_bytes as u64,
                    tx_packets: s.tx_packets as u64,
                    tx_errors: s.tx_errors as u64,
                    tx_dropped: s.tx_dropped as u64,
                })
            }
            _ => {}
        }
    }
    if link.counters.is_none() {
        link.counters = stats32;
    }
    if link.perm_mac == link.mac {
        link.perm_mac = None;
    }
    // As `ip link` reads IFLA_LINK: 0 means none, and with IFLA_LINK_NETNSID the index is
    // another namespace's.
    link.lower = iflink.filter(|&i| i != 0 && !other_netns);
    link
}

/// IFLA_TUN_TYPE among the attributes of a `tun` device's IFLA_INFO_DATA.
fn tun_mode(data: &[InfoTun]) -> Option<TunMode> {
    const IFLA_TUN_TYPE: u16 = 3;
    data.iter().find_map(|attr| match attr {
        InfoTun::Other(nla) if nla.kind() == IFLA_TUN_TYPE && nla.value_len() == 1 => {
            let mut value = [0u8; 1];
            nla.emit_value(&mut value);
            TunMode::from_iff(u32::from(value[0]))
        }
        _ => None,
    })
}

fn convert_addr(msg: AddressMessage) -> Option<Addr> {
    let (mut address, mut local, mut broadcast, mut label, mut flags_attr, mut cache) =
        (None, None, None, None, None, None);
    for attr in msg.attributes {
        match attr {
            AddressAttribute::Address(a) => address = Some(a),
            AddressAttribute::Local(a) => local = Some(a),
            AddressAttribute::Broadcast(b) => broadcast = Some(b),
            AddressAttribute::Label(l) => label = Some(l),
            AddressAttribute::Flags(f) => flags_attr = Some(f),
            AddressAttribute::CacheInfo(c) => cache = Some(c),
            _ => {}
        }
    }
    // For IPv4, IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on
    // point-to-point links. For IPv6 only IFA_ADDRESS is set (or IFA_LOCAL with a peer).
    let (own, peer) = match (local, address) {
        (Some(l), Some(a)) if l != a => (l, Some(a)),
        (Some(l), _) => (l, None),
        (None, Some(a)) => (a, None),
        (None, None) => return None,
    };
    // IFA_FLAGS (32 bits) supersedes the 8-bit header flags when present.
    let flags = flags_attr
        .unwrap_or_else(|| AddressFlags::from_bits_retain(u32::from(msg.header.flags.bits())));
    let lft = |v: u32| (v != u32::MAX).then_some(v);
    Some(Addr {
        index: msg.header.index,
        address: own,
        prefix: msg.header.prefix_len,
        broadcast,
        peer,
        scope: Scope(msg.header.scope),
        label,
        flags: AddrFlags {
            bits: flags,
            family: Family::of(&own),
        },
        valid_lft: cache.as_ref().and_then(|c| lft(c.ifa_valid)),
        preferred_lft: cache.as_ref().and_then(|c| lft(c.ifa_preferred)),
    })
}

fn route_addr(a: &RouteAddress) -> Option<IpAddr> {
    match a {
        RouteAddress::Inet(v4) => Some(IpAddr::V4(*v4)),
        RouteAddress::Inet6(v6) => Some(IpAddr::V6(*v6)),
        _ => None,
    }
}

fn convert_route(msg: RouteMessage) -> Route {
    let h = &msg.header;
    let mut route = Route {
        ipv6: h.address_family == AddressFamily::Inet6,
        table: Table(u32::from(h.table)),
        kind: RouteKind(h.kind),
        dst: None,
        dst_prefix: h.destination_prefix_length,
        gateway: None,
        oif: None,
        prefsrc: None,
        metric: None,
        protocol: Protocol(h.protocol),
        multipath: Vec::new(),
    };
    for attr in &msg.attributes {
        match attr {
            RouteAttribute::Destination(a) => route.dst = route_addr(a),
            RouteAttribute::Gateway(a) => route.gateway = route_addr(a),
            RouteAttribute::PrefSource(a) => route.prefsrc = route_addr(a),
            RouteAttribute::Oif(i) => route.oif = Some(*i),
            RouteAttribute::Priority(p) => route.metric = Some(*p),
            RouteAttribute::Table(t) => route.table = Table(*t),
            // RTA_VIA: an IPv4 route with an IPv6 next hop (or the reverse).
            RouteAttribute::Via(RouteVia::Inet(v4)) => route.gateway = Some(IpAddr::V4(*v4)),
            RouteAttribute::Via(RouteVia::Inet6(v6)) => route.gateway = Some(IpAddr::V6(*v6)),
            RouteAttribute::MultiPath(hops) => {
                for hop in hops {
                    let gw = hop.attributes.iter().find_map(|a| match a {
                        RouteAttribute::Gateway(g) => route_addr(g),
                        _ => None,
                    });
                    route.multipath.push((gw, hop.interface_index));
                }
            }
            _ => {}
        }
    }
    if route.gateway.is_none()
        && route.oif.is_none()
        && let Some(&(gw, oif)) = route.multipath.first()
    {
        route.gateway = gw;
        route.oif = Some(oif);
    }
    route
}

fn convert_neighbour(msg: NeighbourMessage) -> Option<Neighbour> {
    let h = &msg.header;
    if h.family != AddressFamily::Inet && h.family != AddressFamily::Inet6 {
        return None;
    }
    let mut address = None;
    let mut mac = None;
    for attr in &msg.attributes {
        match attr {
            NeighbourAttribute::Destination(NeighbourAddress::Inet(a)) => {
                address = Some(IpAddr::V4(*a))
            }
            NeighbourAttribute::Destination(NeighbourAddress::Inet6(a)) => {
                address = Some(IpAddr::V6(*a))
            }
            NeighbourAttribute::LinkLayerAddress(l) => mac = Some(l.clone()),
            _ => {}
        }
    }
    Some(Neighbour {
        index: h.ifindex,
        address: address?,
        mac,
        state: NeighState(h.state),
        router: h.flags.contains(NeighbourFlags::Router),
    })
}

/// Implements `Display` (the name `ip` prints) and `Serialize` (the same name as a JSON string)
/// for a wrapper whose `name()` gives it.
macro_rules! named {
    ($t:ty) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.name())
            }
        }

        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(&self.name())
            }
        }
    };
}

/// A link-layer type (ARPHRD_*), named as `ip` names it: ether, loopback, none, ieee802.11...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkType(pub LinkLayerType);

impl LinkType {
    /// The name `ip link` shows.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self.0 {
            LinkLayerType::Ether => "ether",
            LinkLayerType::Loopback => "loopback",
            LinkLayerType::None => "none",
            LinkLayerType::Ieee80211 => "ieee802.11",
            LinkLayerType::Ipgre => "gre",
            LinkLayerType::Sit => "sit",
            LinkLayerType::Tunnel => "ipip",
            LinkLayerType::Tunnel6 => "tunnel6",
            LinkLayerType::Ppp => "ppp",
            other => return Cow::Owned(format!("{other:?}").to_lowercase()),
        })
    }
}

named!(LinkType);

/// A link's flags (IFF_*), listed as `ip link` lists them: NO-CARRIER, BROADCAST, UP, LOWER_UP...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IfFlags(pub LinkFlags);

impl IfFlags {
    /// In the order iproute2's `print_link_flags` prints them. `ip` leaves RUNNING out (it
    /// shows NO-CARRIER instead when it is missing); netkit keeps it, after UP.
    const NAMES: &[(LinkFlags, &str)] = &[
        (LinkFlags::Loopback, "LOOPBACK"),
        (LinkFlags::Broadcast, "BROADCAST"),
        (LinkFlags::Pointopoint, "POINTOPOINT"),
        (LinkFlags::Multicast, "MULTICAST"),
        (LinkFlags::Noarp, "NOARP"),
        (LinkFlags::Allmulti, "ALLMULTI"),
        (LinkFlags::Promisc, "PROMISC"),
        (LinkFlags::Controller, "MASTER"),
        (LinkFlags::Port, "SLAVE"),
        (LinkFlags::Debug, "DEBUG"),
        (LinkFlags::Dynamic, "DYNAMIC"),
        (LinkFlags::Automedia, "AUTOMEDIA"),
        (LinkFlags::Portsel, "PORTSEL"),
        (LinkFlags::Notrailers, "NOTRAILERS"),
        (LinkFlags::Up, "UP"),
        (LinkFlags::Running, "RUNNING"),
        (LinkFlags::LowerUp, "LOWER_UP"),
        (LinkFlags::Dormant, "DORMANT"),
        (LinkFlags::Echo, "ECHO"),
    ];

    /// The names of the flags that are set, in `ip`'s order, led by NO-CARRIER when the link
    /// is up without carrier.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        self.no_carrier().then_some("NO-CARRIER").into_iter().chain(
            Self::NAMES
                .iter()
                .filter(move |(f, _)| self.0.contains(*f))
                .map(|(_, n)| *n),
        )
    }

    /// The link is administratively up.
    pub fn is_up(self) -> bool {
        self.0.contains(LinkFlags::Up)
    }

    /// Up but not running: no carrier (a cable out, a veth whose peer is down). `ip link`
    /// shows NO-CARRIER for exactly this (IFF_UP set, IFF_RUNNING not).
    pub fn no_carrier(self) -> bool {
        self.is_up() && !self.0.contains(LinkFlags::Running)
    }
}

impl std::fmt::Display for IfFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_flag_names(f, self.names())
    }
}

/// Flag names as `ip` writes them inside `<...>`: separated by commas.
pub fn write_flag_names<'a>(
    f: &mut std::fmt::Formatter<'_>,
    names: impl Iterator<Item = &'a str>,
) -> std::fmt::Result {
    for (i, n) in names.enumerate() {
        if i > 0 {
            f.write_str(",")?;
        }
        f.write_str(n)?;
    }
    Ok(())
}

impl Serialize for IfFlags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// A link's operational state (RFC 2863), named as `ip` names it: UP, DOWN, LOWERLAYERDOWN...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperState(pub State);

impl OperState {
    /// The name `ip link` shows.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self.0 {
            State::Up => "UP",
            State::Down => "DOWN",
            State::Unknown => "UNKNOWN",
            State::LowerLayerDown => "LOWERLAYERDOWN",
            State::NotPresent => "NOTPRESENT",
            State::Testing => "TESTING",
            State::Dormant => "DORMANT",
            other => return Cow::Owned(format!("{other:?}").to_uppercase()),
        })
    }
}

named!(OperState);

/// An address's scope, named as `ip` names it: global, site, link, host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope(pub AddressScope);

impl Scope {
    /// Usable anywhere (RT_SCOPE_UNIVERSE).
    pub const GLOBAL: Scope = Scope(AddressScope::Universe);

    /// The name `ip address` shows.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self.0 {
            AddressScope::Universe => "global",
            AddressScope::Site => "site",
            AddressScope::Link => "link",
            AddressScope::Host => "host",
            AddressScope::Nowhere => "nowhere",
            other => return Cow::Owned(format!("{other:?}").to_lowercase()),
        })
    }
}

named!(Scope);

/// An address's flags (IFA_F_*), listed as `ip` lists them, with `dynamic` for an address that
/// is not permanent (it has a lifetime: DHCP, SLAAC). One bit means two things: IFA_F_SECONDARY
/// on IPv4 is IFA_F_TEMPORARY on IPv6, so the flags know their family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddrFlags {
    /// The kernel's bits.
    pub bits: AddressFlags,
    /// The family of the address they belong to.
    pub family: Family,
}

impl AddrFlags {
    const NAMES: &[(AddressFlags, &str)] = &[
        (AddressFlags::Secondary, "secondary"),
        (AddressFlags::Nodad, "nodad"),
        (AddressFlags::Optimistic, "optimistic"),
        (AddressFlags::Dadfailed, "dadfailed"),
        (AddressFlags::Homeaddress, "home"),
        (AddressFlags::Deprecated, "deprecated"),
        (AddressFlags::Tentative, "tentative"),
        (AddressFlags::Permanent, "permanent"),
        (AddressFlags::Managetempaddr, "mngtmpaddr"),
        (AddressFlags::Noprefixroute, "noprefixroute"),
        (AddressFlags::Mcautojoin, "autojoin"),
        (AddressFlags::StablePrivacy, "stable-privacy"),
    ];

    /// The names of the flags that are set, then `dynamic` when the address is not permanent.
    /// Bit 0x01 is `secondary` on IPv4 and `temporary` (a privacy address) on IPv6, as `ip`
    /// names it.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        let dynamic = (!self.bits.contains(AddressFlags::Permanent)).then_some("dynamic");
        let ipv6 = self.family == Family::V6;
        Self::NAMES
            .iter()
            .filter(move |(f, _)| self.bits.contains(*f))
            .map(move |(f, n)| match (*f, ipv6) {
                (AddressFlags::Secondary, true) => "temporary",
                _ => *n,
            })
            .chain(dynamic)
    }
}

impl Serialize for AddrFlags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// What a TUN/TAP device carries (IFLA_TUN_TYPE, or IFF_TUN / IFF_TAP in sysfs `tun_flags`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TunMode {
    /// Layer 3: IP packets, no link-layer header (IFF_TUN).
    Tun,
    /// Layer 2: Ethernet frames, with a MAC (IFF_TAP).
    Tap,
}

impl TunMode {
    /// The mode in a set of TUN flags: IFF_TUN (0x0001) or IFF_TAP (0x0002); None for neither.
    pub fn from_iff(flags: u32) -> Option<TunMode> {
        const IFF_TUN: u32 = 0x0001;
        const IFF_TAP: u32 = 0x0002;
        match flags & (IFF_TUN | IFF_TAP) {
            IFF_TUN => Some(TunMode::Tun),
            IFF_TAP => Some(TunMode::Tap),
            _ => None,
        }
    }
}

/// A route's type (RTN_*), named as `ip route` names it: unicast, local, unreachable...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteKind(pub RouteType);

impl RouteKind {
    /// The name `ip route` shows.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self.0 {
            RouteType::Unicast => "unicast",
            RouteType::Local => "local",
            RouteType::Broadcast => "broadcast",
            RouteType::Anycast => "anycast",
            RouteType::Multicast => "multicast",
            RouteType::BlackHole => "blackhole",
            RouteType::Unreachable => "unreachable",
            RouteType::Prohibit => "prohibit",
            RouteType::Throw => "throw",
            RouteType::Nat => "nat",
            other => return Cow::Owned(format!("{other:?}").to_lowercase()),
        })
    }

    /// A route that refuses packets instead of sending them anywhere: unreachable, prohibit,
    /// blackhole, or throw (no answer in this table).
    pub fn refuses(self) -> bool {
        matches!(
            self.0,
            RouteType::Unreachable | RouteType::Prohibit | RouteType::BlackHole | RouteType::Throw
        )
    }
}

named!(RouteKind);

/// Who installed a route (RTPROT_*): kernel, boot, static, dhcp, ra...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Protocol(pub RouteProtocol);

impl Protocol {
    /// The name netlink-packet-route gives it.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Owned(self.0.to_string())
    }
}

named!(Protocol);

/// A routing table, named as /etc/iproute2/rt_tables names it by default (main, local, default)
/// or by its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Table(pub u32);

impl Table {
    /// The table `ip route` shows by default.
    pub const MAIN: Table = Table(254);
    /// The kernel's table of local and broadcast addresses.
    pub const LOCAL: Table = Table(255);

    /// The name `ip route` shows.
    pub fn name(self) -> Cow<'static, str> {
        match self.0 {
            254 => Cow::Borrowed("main"),
            255 => Cow::Borrowed("local"),
            253 => Cow::Borrowed("default"),
            other => Cow::Owned(other.to_string()),
        }
    }
}

named!(Table);

/// A neighbour-cache entry's state (NUD_*), named as `ip neigh` names it: REACHABLE, STALE...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeighState(pub NeighbourState);

impl NeighState {
    /// The name `ip neigh` shows.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self.0 {
            NeighbourState::Incomplete => "INCOMPLETE",
            NeighbourState::Reachable => "REACHABLE",
            NeighbourState::Stale => "STALE",
            NeighbourState::Delay => "DELAY",
            NeighbourState::Probe => "PROBE",
            NeighbourState::Failed => "FAILED",
            NeighbourState::Noarp => "NOARP",
            NeighbourState::Permanent => "PERMANENT",
            _ => "NONE",
        })
    }

    /// The kernel is still asking, or asked and got no answer: the MAC is not usable.
    pub fn is_unresolved(self) -> bool {
        matches!(self.0, NeighbourState::Incomplete | NeighbourState::Failed)
    }
}

named!(NeighState);

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_packet_core::DefaultNla;

    /// Issue 18.4: bit 0x01 is "secondary" on IPv4 and "temporary" on IPv6, as `ip` names it.
    #[test]
    fn secondary_and_temporary_share_a_bit() {
        let bits = AddressFlags::Secondary | AddressFlags::Permanent;
        let v4 = AddrFlags {
            bits,
            family: Family::V4,
        };
        let v6 = AddrFlags {
            bits,
            family: Family::V6,
        };
        assert_eq!(v4.names().collect::<Vec<_>>(), ["secondary", "permanent"]);
        assert_eq!(v6.names().collect::<Vec<_>>(), ["temporary", "permanent"]);
        let dynamic = AddrFlags {
            bits: AddressFlags::empty(),
            family: Family::V4,
        };
        assert_eq!(dynamic.names().collect::<Vec<_>>(), ["dynamic"]);
    }

    /// Issue 18.4: iproute2's print_link_flags shows NO-CARRIER for IFF_UP without IFF_RUNNING.
    #[test]
    fn no_carrier_is_up_without_running() {
        let names = |f: LinkFlags| IfFlags(f).names().collect::<Vec<_>>();
        let base = LinkFlags::Broadcast | LinkFlags::Multicast;
        assert_eq!(
            names(base | LinkFlags::Up),
            ["NO-CARRIER", "BROADCAST", "MULTICAST", "UP"]
        );
        assert_eq!(
            names(base | LinkFlags::Up | LinkFlags::Running | LinkFlags::LowerUp),
            ["BROADCAST", "MULTICAST", "UP", "RUNNING", "LOWER_UP"]
        );
        // Down: no carrier is expected, not news.
        assert_eq!(names(base), ["BROADCAST", "MULTICAST"]);
    }

    fn tun_link(tun_type: Option<u8>) -> LinkMessage {
        let mut msg = LinkMessage::default();
        let mut infos = vec![LinkInfo::Kind(InfoKind::Tun)];
        if let Some(t) = tun_type {
            infos.push(LinkInfo::Data(InfoData::Tun(vec![
                InfoTun::Other(DefaultNla::new(1, 0u32.to_ne_bytes().to_vec())),
                InfoTun::Other(DefaultNla::new(3, vec![t])),
            ])));
        }
        msg.attributes.push(LinkAttribute::LinkInfo(infos));
        msg
    }

    /// Issue 18.3: IFLA_TUN_TYPE in a tun device's IFLA_INFO_DATA: 1 TUN, 2 TAP.
    #[test]
    fn tun_type_is_read_from_info_data() {
        assert_eq!(convert_link(tun_link(Some(2))).tun_mode, Some(TunMode::Tap));
        assert_eq!(convert_link(tun_link(Some(1))).tun_mode, Some(TunMode::Tun));
        assert_eq!(convert_link(tun_link(Some(7))).tun_mode, None);
        assert_eq!(convert_link(tun_link(None)).tun_mode, None);
        // A malformed attribute (two bytes where one is due) is ignored, not misread.
        let mut msg = LinkMessage::default();
        msg.attributes.push(LinkAttribute::LinkInfo(vec![
            LinkInfo::Kind(InfoKind::Tun),
            LinkInfo::Data(InfoData::Tun(vec![InfoTun::Other(DefaultNla::new(
                3,
                vec![2, 0],
            ))])),
        ]));
        assert_eq!(convert_link(msg).tun_mode, None);
    }

    /// Issue 18.4: IFLA_LINK names the lower device only without IFLA_LINK_NETNSID, and 0 is none.
    #[test]
    fn lower_device_is_this_namespaces_only() {
        let link = |attrs: Vec<LinkAttribute>| {
            let mut msg = LinkMessage::default();
            msg.attributes = attrs;
            convert_link(msg).lower
        };
        assert_eq!(link(vec![LinkAttribute::Link(7)]), Some(7));
        assert_eq!(link(vec![LinkAttribute::Link(0)]), None);
        assert_eq!(
            link(vec![LinkAttribute::Link(7), LinkAttribute::LinkNetNsId(0)]),
            None
        );
        assert_eq!(
            link(vec![LinkAttribute::LinkNetNsId(0), LinkAttribute::Link(7)]),
            None
        );
        assert_eq!(link(vec![]), None);
    }

    /// Reads this machine's own tables (no packet leaves the host): loopback must be there.
    #[test]
    fn reads_the_local_kernel_tables() {
        let mut nl = Netlink::open().unwrap();
        let links = nl.links().unwrap();
        let lo = links
            .iter()
            .find(|l| l.link_type.0 == LinkLayerType::Loopback)
            .expect("a loopback link");
        assert_eq!(lo.name, "lo");
        assert!(lo.flags.0.contains(LinkFlags::Loopback));
        let addrs = nl.addresses().unwrap();
        assert!(addrs.iter().any(|a| a.index == lo.index
            && a.address == IpAddr::V4(Ipv4Addr::LOCALHOST)
            && a.prefix == 8));
        let routes = nl.routes().unwrap();
        assert!(
            routes
                .iter()
                .any(|r| r.table == Table::LOCAL && r.kind.0 == RouteType::Local)
        );
        let r = nl
            .route_get(IpAddr::V4(Ipv4Addr::new(127, 1, 2, 3)))
            .unwrap();
        assert_eq!((r.kind.0, r.oif), (RouteType::Local, Some(lo.index)));
        nl.neighbours().unwrap();
    }
}
