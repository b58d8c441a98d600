//! The kernel's view of this machine's network, read over rtnetlink (like `ip`): links,
//! addresses, routes, neighbours, and `route get` lookups that honour policy routing, converted
//! into netkit's own vocabulary (`system::model`) as they arrive: no netlink type leaves this
//! file, so the commands are unit-tested with hand-made snapshots.

use std::net::IpAddr;
use std::path::Path;

use netlink_packet_core::Nla;
use netlink_packet_core::{
    NLM_F_DUMP, NLM_F_REQUEST, NetlinkHeader, NetlinkMessage, NetlinkPayload,
};
use netlink_packet_route::address::{AddressAttribute, AddressFlags, AddressMessage, AddressScope};
use netlink_packet_route::link::{
    InfoData, InfoKind, InfoTun, LinkAttribute, LinkInfo, LinkLayerType, LinkMessage, State,
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

use crate::error::{Error, Result};
use crate::i18n::t;
use crate::net::addr::Family;
use crate::system::model::{
    Addr, AddrBits, AddrFlags, Counters, IfFlags, Link, LinkFlag, LinkKind, LinkType, NeighState,
    Neighbour, OperState, Protocol, Route, RouteKind, Scope, Table, TunMode,
};

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
    Error::io(t!("doing-reading-kernel-tables", request = what), e)
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

    /// Every link. Kernels before 4.15 do not say whether a tun device is a TUN or a TAP; sysfs
    /// does, and is read for those devices only (the dump stays free of per-link file reads).
    pub fn links(&mut self) -> Result<Vec<Link>> {
        let mut links = self.request(
            RouteNetlinkMessage::GetLink(LinkMessage::default()),
            true,
            |m| match m {
                RouteNetlinkMessage::NewLink(l) => Some(convert_link(l)),
                _ => None,
            },
        )?;
        for l in links
            .iter_mut()
            .filter(|l| l.kind == Some(LinkKind::Tun) && l.tun_mode.is_none())
        {
            l.tun_mode = super::sysfs::tun_mode(Path::new(super::files::ROOT), &l.name);
        }
        Ok(links)
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
        link_type: link_type(msg.header.link_layer_type),
        kind: None,
        tun_mode: None,
        flags: IfFlags(LinkFlag::from_bits_retain(msg.header.flags.bits())),
        operstate: OperState::Unknown,
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
            LinkAttribute::OperState(s) => link.operstate = oper_state(s),
            LinkAttribute::Controller(m) => link.master = Some(m),
            LinkAttribute::IfAlias(a) => link.alias = Some(a),
            LinkAttribute::Link(i) => iflink = Some(i),
            LinkAttribute::LinkNetNsId(_) => other_netns = true,
            LinkAttribute::LinkInfo(infos) => {
                for info in infos {
                    match info {
                        LinkInfo::Kind(kind) => link.kind = Some(link_kind(kind)),
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
        scope: scope(msg.header.scope),
        label,
        flags: AddrFlags {
            bits: AddrBits::from_bits_retain(flags.bits()),
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
        kind: route_kind(h.kind),
        dst: None,
        dst_prefix: h.destination_prefix_length,
        gateway: None,
        oif: None,
        prefsrc: None,
        metric: None,
        protocol: protocol(h.protocol),
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
        state: neigh_state(h.state),
        router: h.flags.contains(NeighbourFlags::Router),
    })
}

/// A link-layer type (ARPHRD_*) in netkit's words; a type netkit has no name of its own for
/// keeps netlink-packet-route's (its variant, in lower case).
fn link_type(t: LinkLayerType) -> LinkType {
    match t {
        LinkLayerType::Ether => LinkType::Ether,
        LinkLayerType::Loopback => LinkType::Loopback,
        LinkLayerType::None => LinkType::None,
        LinkLayerType::Ieee80211 => LinkType::Ieee80211,
        LinkLayerType::Ipgre => LinkType::Gre,
        LinkLayerType::Sit => LinkType::Sit,
        LinkLayerType::Tunnel => LinkType::Ipip,
        LinkLayerType::Tunnel6 => LinkType::Tunnel6,
        LinkLayerType::Ppp => LinkType::Ppp,
        other => LinkType::Other(format!("{other:?}").to_lowercase()),
    }
}

/// A driver kind (IFLA_INFO_KIND) in netkit's words; others by the kernel's name.
fn link_kind(k: InfoKind) -> LinkKind {
    match k {
        InfoKind::Tun => LinkKind::Tun,
        InfoKind::Veth => LinkKind::Veth,
        InfoKind::Bridge => LinkKind::Bridge,
        InfoKind::Vlan => LinkKind::Vlan,
        InfoKind::Bond => LinkKind::Bond,
        InfoKind::Dummy => LinkKind::Dummy,
        InfoKind::Wireguard => LinkKind::Wireguard,
        InfoKind::MacVlan => LinkKind::Macvlan,
        InfoKind::Vxlan => LinkKind::Vxlan,
        InfoKind::Ifb => LinkKind::Ifb,
        other => LinkKind::Other(other.to_string()),
    }
}

/// IFLA_OPERSTATE in netkit's words.
fn oper_state(s: State) -> OperState {
    match s {
        State::Unknown => OperState::Unknown,
        State::NotPresent => OperState::NotPresent,
        State::Down => OperState::Down,
        State::LowerLayerDown => OperState::LowerLayerDown,
        State::Testing => OperState::Testing,
        State::Dormant => OperState::Dormant,
        State::Up => OperState::Up,
        State::Other(n) => OperState::Other(n),
        _ => OperState::Unknown,
    }
}

/// An address's scope (RT_SCOPE_*) in netkit's words.
fn scope(s: AddressScope) -> Scope {
    match s {
        AddressScope::Universe => Scope::Global,
        AddressScope::Site => Scope::Site,
        AddressScope::Link => Scope::Link,
        AddressScope::Host => Scope::Host,
        AddressScope::Nowhere => Scope::Nowhere,
        AddressScope::Other(n) => Scope::Other(n),
        _ => Scope::Other(u8::from(s)),
    }
}

/// A route's type (RTN_*) in netkit's words.
fn route_kind(t: RouteType) -> RouteKind {
    match t {
        RouteType::Unspec => RouteKind::Unspec,
        RouteType::Unicast => RouteKind::Unicast,
        RouteType::Local => RouteKind::Local,
        RouteType::Broadcast => RouteKind::Broadcast,
        RouteType::Anycast => RouteKind::Anycast,
        RouteType::Multicast => RouteKind::Multicast,
        RouteType::BlackHole => RouteKind::Blackhole,
        RouteType::Unreachable => RouteKind::Unreachable,
        RouteType::Prohibit => RouteKind::Prohibit,
        RouteType::Throw => RouteKind::Throw,
        RouteType::Nat => RouteKind::Nat,
        RouteType::ExternalResolve => RouteKind::ExternalResolve,
        RouteType::Other(n) => RouteKind::Other(n),
        _ => RouteKind::Other(u8::from(t)),
    }
}

/// Who installed a route (RTPROT_*) in netkit's words.
fn protocol(p: RouteProtocol) -> Protocol {
    match p {
        RouteProtocol::Unspec => Protocol::Unspec,
        RouteProtocol::IcmpRedirect => Protocol::IcmpRedirect,
        RouteProtocol::Kernel => Protocol::Kernel,
        RouteProtocol::Boot => Protocol::Boot,
        RouteProtocol::Static => Protocol::Static,
        RouteProtocol::Gated => Protocol::Gated,
        RouteProtocol::Ra => Protocol::Ra,
        RouteProtocol::Mrt => Protocol::Mrt,
        RouteProtocol::Zebra => Protocol::Zebra,
        RouteProtocol::Bird => Protocol::Bird,
        RouteProtocol::DnRouted => Protocol::DnRouted,
        RouteProtocol::Xorp => Protocol::Xorp,
        RouteProtocol::Ntk => Protocol::Ntk,
        RouteProtocol::Dhcp => Protocol::Dhcp,
        RouteProtocol::Mrouted => Protocol::Mrouted,
        RouteProtocol::KeepAlived => Protocol::KeepAlived,
        RouteProtocol::Babel => Protocol::Babel,
        RouteProtocol::Bgp => Protocol::Bgp,
        RouteProtocol::Isis => Protocol::Isis,
        RouteProtocol::Ospf => Protocol::Ospf,
        RouteProtocol::Rip => Protocol::Rip,
        RouteProtocol::Eigrp => Protocol::Eigrp,
        RouteProtocol::Other(n) => Protocol::Other(n),
        _ => Protocol::Other(u8::from(p)),
    }
}

/// A neighbour's state (NUD_*) in netkit's words; one netkit has no name for is NONE, as
/// before.
fn neigh_state(s: NeighbourState) -> NeighState {
    match s {
        NeighbourState::Incomplete => NeighState::Incomplete,
        NeighbourState::Reachable => NeighState::Reachable,
        NeighbourState::Stale => NeighState::Stale,
        NeighbourState::Delay => NeighState::Delay,
        NeighbourState::Probe => NeighState::Probe,
        NeighbourState::Failed => NeighState::Failed,
        NeighbourState::Noarp => NeighState::Noarp,
        NeighbourState::Permanent => NeighState::Permanent,
        _ => NeighState::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_packet_core::DefaultNla;
    use std::net::Ipv4Addr;

    /// Issue 29.1: netkit's own flag bits are the kernel's, so every flag keeps its name.
    #[test]
    fn flags_keep_their_names() {
        use netlink_packet_route::link::LinkFlags;
        let link = |f: LinkFlags| {
            IfFlags(LinkFlag::from_bits_retain(f.bits()))
                .names()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            link(LinkFlags::Loopback | LinkFlags::Up | LinkFlags::Running | LinkFlags::LowerUp),
            ["LOOPBACK", "UP", "RUNNING", "LOWER_UP"]
        );
        assert_eq!(
            link(LinkFlags::Controller | LinkFlags::Port | LinkFlags::Noarp | LinkFlags::Echo),
            ["NOARP", "MASTER", "SLAVE", "ECHO"]
        );
        let addr = |f: AddressFlags| {
            AddrFlags {
                bits: AddrBits::from_bits_retain(f.bits()),
                family: Family::V6,
            }
            .names()
            .collect::<Vec<_>>()
        };
        assert_eq!(
            addr(
                AddressFlags::Secondary | AddressFlags::Noprefixroute | AddressFlags::StablePrivacy
            ),
            ["temporary", "noprefixroute", "stable-privacy", "dynamic"]
        );
    }

    /// Issue 29.1: the kinds, states, scopes and protocols keep the names netkit showed when they
    /// were netlink's own types (its variant in lower case where `ip` has no word).
    #[test]
    fn conversions_keep_the_names() {
        for n in 0..=u8::MAX {
            let t = RouteType::from(n);
            assert_eq!(route_kind(t).name(), format!("{t:?}").to_lowercase());
            let p = RouteProtocol::from(n);
            assert_eq!(protocol(p).name(), p.to_string());
            let s = State::from(n);
            let want = match s {
                State::Other(_) => format!("{s:?}").to_uppercase(),
                _ => oper_state(s).name().into_owned(),
            };
            assert_eq!(oper_state(s).name(), want);
            let sc = AddressScope::from(n);
            let want = match sc {
                AddressScope::Universe => "global".to_string(),
                other => format!("{other:?}").to_lowercase(),
            };
            assert_eq!(scope(sc).name(), want);
        }
        for n in 0..=u16::MAX {
            let t = LinkLayerType::from(n);
            let name = link_type(t).name().into_owned();
            match t {
                LinkLayerType::Ieee80211 => assert_eq!(name, "ieee802.11"),
                LinkLayerType::Ipgre => assert_eq!(name, "gre"),
                LinkLayerType::Tunnel => assert_eq!(name, "ipip"),
                other => assert_eq!(name, format!("{other:?}").to_lowercase()),
            }
        }
        for k in [
            InfoKind::Tun,
            InfoKind::Veth,
            InfoKind::MacVlan,
            InfoKind::GreTap6,
            InfoKind::Other("wibble".into()),
        ] {
            assert_eq!(link_kind(k.clone()).name(), k.to_string());
        }
        assert_eq!(neigh_state(NeighbourState::Other(0x80)), NeighState::None);
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
            .find(|l| l.link_type == LinkType::Loopback)
            .expect("a loopback link");
        assert_eq!(lo.name, "lo");
        assert!(lo.flags.0.contains(LinkFlag::LOOPBACK));
        let addrs = nl.addresses().unwrap();
        assert!(addrs.iter().any(|a| a.index == lo.index
            && a.address == IpAddr::V4(Ipv4Addr::LOCALHOST)
            && a.prefix == 8));
        let routes = nl.routes().unwrap();
        assert!(
            routes
                .iter()
                .any(|r| r.table == Table::LOCAL && r.kind == RouteKind::Local)
        );
        let r = nl
            .route_get(IpAddr::V4(Ipv4Addr::new(127, 1, 2, 3)))
            .unwrap();
        assert_eq!((r.kind, r.oif), (RouteKind::Local, Some(lo.index)));
        nl.neighbours().unwrap();
    }
}
