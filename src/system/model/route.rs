//! Routes: destination, next hops, interface, and the route's kind, protocol and table.

use std::borrow::Cow;
use std::net::IpAddr;

/// A route, from the routing table or a lookup of how one address is reached.
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

/// A route's type, named as `ip route` names it: unicast, local, unreachable...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    /// No type given.
    Unspec,
    /// A route to a network or host, through a gateway or on-link.
    Unicast,
    /// This host's own address: delivered locally.
    Local,
    /// A broadcast address: sent to every host of a link.
    Broadcast,
    /// An anycast address of this host.
    Anycast,
    /// A multicast route.
    Multicast,
    /// Packets are dropped silently.
    Blackhole,
    /// Packets are refused with "unreachable".
    Unreachable,
    /// Packets are refused with "prohibited".
    Prohibit,
    /// No answer in this table: the lookup goes on in the next rule.
    Throw,
    /// Network address translation (obsolete).
    Nat,
    /// An external resolver decides (unused).
    ExternalResolve,
    /// A type this version of netkit has no name for, by its number.
    Other(u8),
}

impl RouteKind {
    /// The name `ip route` shows.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            RouteKind::Unspec => "unspec",
            RouteKind::Unicast => "unicast",
            RouteKind::Local => "local",
            RouteKind::Broadcast => "broadcast",
            RouteKind::Anycast => "anycast",
            RouteKind::Multicast => "multicast",
            RouteKind::Blackhole => "blackhole",
            RouteKind::Unreachable => "unreachable",
            RouteKind::Prohibit => "prohibit",
            RouteKind::Throw => "throw",
            RouteKind::Nat => "nat",
            RouteKind::ExternalResolve => "externalresolve",
            RouteKind::Other(n) => return Cow::Owned(format!("other({n})")),
        })
    }

    /// A route that refuses packets instead of sending them anywhere: unreachable, prohibit,
    /// blackhole, or throw (no answer in this table).
    pub fn refuses(self) -> bool {
        matches!(
            self,
            RouteKind::Unreachable | RouteKind::Prohibit | RouteKind::Blackhole | RouteKind::Throw
        )
    }
}

named!(RouteKind);

/// Who installed a route: kernel, boot, static, dhcp, ra...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// Not said.
    Unspec,
    /// An ICMP redirect.
    IcmpRedirect,
    /// The kernel itself (the route of an address's subnet).
    Kernel,
    /// Configured at boot (`ip route add` without `proto`).
    Boot,
    /// Configured by an administrator to stay.
    Static,
    /// The gated daemon.
    Gated,
    /// An IPv6 router advertisement.
    Ra,
    /// The Merit MRT daemon.
    Mrt,
    /// Zebra (Quagga, FRR).
    Zebra,
    /// BIRD.
    Bird,
    /// The DECnet routing daemon.
    DnRouted,
    /// XORP.
    Xorp,
    /// Netsukuku.
    Ntk,
    /// A DHCP client.
    Dhcp,
    /// A multicast routing daemon.
    Mrouted,
    /// keepalived.
    KeepAlived,
    /// Babel.
    Babel,
    /// BGP.
    Bgp,
    /// IS-IS.
    Isis,
    /// OSPF.
    Ospf,
    /// RIP.
    Rip,
    /// EIGRP.
    Eigrp,
    /// A protocol this version of netkit has no name for, by its number.
    Other(u8),
}

impl Protocol {
    /// The protocol's name. These are the names netkit has always shown (those of the
    /// netlink-packet-route crate, "Dhcp" included), kept so the JSON does not change.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Protocol::Unspec => "unspec",
            Protocol::IcmpRedirect => "icmp_redirect",
            Protocol::Kernel => "kernel",
            Protocol::Boot => "boot",
            Protocol::Static => "static",
            Protocol::Gated => "gated",
            Protocol::Ra => "ra",
            Protocol::Mrt => "merit_mrt",
            Protocol::Zebra => "zebra",
            Protocol::Bird => "bird",
            Protocol::DnRouted => "decnet_routing_daemon",
            Protocol::Xorp => "xorp",
            Protocol::Ntk => "netsukuku",
            Protocol::Dhcp => "Dhcp",
            Protocol::Mrouted => "multicast_daemon",
            Protocol::KeepAlived => "keepalived_daemon",
            Protocol::Babel => "babel",
            Protocol::Bgp => "bgp",
            Protocol::Isis => "isis",
            Protocol::Ospf => "ospf",
            Protocol::Rip => "rip",
            Protocol::Eigrp => "eigrp",
            Protocol::Other(n) => return Cow::Owned(format!("other({n})")),
        })
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
