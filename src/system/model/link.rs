//! Links (network interfaces): their link-layer type, driver kind, flags, operational state,
//! counters, and the facts about the device a backend reads beside them.

use std::borrow::Cow;

use bitflags::bitflags;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::i18n::t;

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

/// A network interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Interface index.
    pub index: u32,
    /// Interface name.
    pub name: String,
    /// Link-layer type: ether, loopback, none, ieee802.11...
    pub link_type: LinkType,
    /// The driver kind of a virtual device (veth, bridge, tun, vlan, bond, dummy, wireguard...).
    pub kind: Option<LinkKind>,
    /// What a device of kind `tun` carries: IP packets (TUN) or Ethernet frames (TAP). None for
    /// other kinds, and where the system does not say.
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
    /// Index of the device this one sits on, on this host: a macvlan's or VLAN's parent, a
    /// veth's peer. None when there is none, or when it lives in another network namespace.
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
        // The names as a list in each language (JSON says it in English).
        let mut list = links.iter().map(|l| t!("ifaces-name", name = &l.name));
        let first = list.next().unwrap_or_else(|| t!("ifaces-name", name = ""));
        let names = list.fold(first, |names, name| {
            t!("ifaces-names", names = names, name = name)
        });
        Error::bad(
            t!("common-what-interface"),
            name,
            t!("ifaces-no-such", names = names),
        )
    })
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

/// A link-layer type, named as `ip` names it: ether, loopback, none, ieee802.11...
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkType {
    /// Ethernet and links that carry its frames (veth, bridge, TAP, Wi-Fi as the OS shows it).
    Ether,
    /// The loopback interface.
    Loopback,
    /// No link-layer header at all (TUN, WireGuard).
    None,
    /// IEEE 802.11 frames (a monitor-mode Wi-Fi interface).
    Ieee80211,
    /// A GRE tunnel.
    Gre,
    /// An IPv6-in-IPv4 tunnel.
    Sit,
    /// An IPv4-in-IPv4 tunnel.
    Ipip,
    /// An IP-in-IPv6 tunnel.
    Tunnel6,
    /// A PPP link.
    Ppp,
    /// Any other type, by the name the system gives it.
    Other(String),
}

impl LinkType {
    /// The name `ip link` shows.
    pub fn name(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            LinkType::Ether => "ether",
            LinkType::Loopback => "loopback",
            LinkType::None => "none",
            LinkType::Ieee80211 => "ieee802.11",
            LinkType::Gre => "gre",
            LinkType::Sit => "sit",
            LinkType::Ipip => "ipip",
            LinkType::Tunnel6 => "tunnel6",
            LinkType::Ppp => "ppp",
            LinkType::Other(name) => name,
        })
    }
}

named!(LinkType);

/// The driver kind of a virtual device, named as the kernel names it (`ip -d link`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkKind {
    /// A TUN/TAP device (see [`Link::tun_mode`]).
    Tun,
    /// One end of a virtual Ethernet pair.
    Veth,
    /// A software switch.
    Bridge,
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
    /// Any other kind, by the name the system gives it.
    Other(String),
}

impl LinkKind {
    /// The kind `name` names (the reverse of [`LinkKind::name`]); any other name is `Other`.
    pub fn named(name: &str) -> LinkKind {
        match name {
            "tun" => LinkKind::Tun,
            "veth" => LinkKind::Veth,
            "bridge" => LinkKind::Bridge,
            "vlan" => LinkKind::Vlan,
            "bond" => LinkKind::Bond,
            "dummy" => LinkKind::Dummy,
            "wireguard" => LinkKind::Wireguard,
            "macvlan" => LinkKind::Macvlan,
            "vxlan" => LinkKind::Vxlan,
            "ifb" => LinkKind::Ifb,
            other => LinkKind::Other(other.to_string()),
        }
    }

    /// The kind's name: tun, veth, bridge, vlan...
    pub fn name(&self) -> &str {
        match self {
            LinkKind::Tun => "tun",
            LinkKind::Veth => "veth",
            LinkKind::Bridge => "bridge",
            LinkKind::Vlan => "vlan",
            LinkKind::Bond => "bond",
            LinkKind::Dummy => "dummy",
            LinkKind::Wireguard => "wireguard",
            LinkKind::Macvlan => "macvlan",
            LinkKind::Vxlan => "vxlan",
            LinkKind::Ifb => "ifb",
            LinkKind::Other(name) => name,
        }
    }
}

bitflags! {
    /// A link's flags, one bit each (the IFF_* flags of BSD sockets, which every system has).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct LinkFlag: u32 {
        /// Administratively up.
        const UP = 1 << 0;
        /// Has a broadcast address.
        const BROADCAST = 1 << 1;
        /// Driver debugging on.
        const DEBUG = 1 << 2;
        /// The loopback interface.
        const LOOPBACK = 1 << 3;
        /// A point-to-point link.
        const POINTOPOINT = 1 << 4;
        /// No trailers.
        const NOTRAILERS = 1 << 5;
        /// Running: the link has carrier.
        const RUNNING = 1 << 6;
        /// No ARP on this link.
        const NOARP = 1 << 7;
        /// Receives every frame.
        const PROMISC = 1 << 8;
        /// Receives every multicast frame.
        const ALLMULTI = 1 << 9;
        /// The controller of a bond or bridge (MASTER).
        const CONTROLLER = 1 << 10;
        /// A port of a bond or bridge (SLAVE).
        const PORT = 1 << 11;
        /// Supports multicast.
        const MULTICAST = 1 << 12;
        /// Can choose its media type.
        const PORTSEL = 1 << 13;
        /// Chooses its media type itself.
        const AUTOMEDIA = 1 << 14;
        /// Its addresses are dynamic (a dial-up link).
        const DYNAMIC = 1 << 15;
        /// The layer below signals up.
        const LOWER_UP = 1 << 16;
        /// Dormant: waiting for an external event.
        const DORMANT = 1 << 17;
        /// Echoes the frames it sends.
        const ECHO = 1 << 18;
    }
}

/// A link's flags, listed as `ip link` lists them: NO-CARRIER, BROADCAST, UP, LOWER_UP...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IfFlags(pub LinkFlag);

impl IfFlags {
    /// In the order iproute2's `print_link_flags` prints them. `ip` leaves RUNNING out (it
    /// shows NO-CARRIER instead when it is missing); netkit keeps it, after UP.
    const NAMES: &[(LinkFlag, &str)] = &[
        (LinkFlag::LOOPBACK, "LOOPBACK"),
        (LinkFlag::BROADCAST, "BROADCAST"),
        (LinkFlag::POINTOPOINT, "POINTOPOINT"),
        (LinkFlag::MULTICAST, "MULTICAST"),
        (LinkFlag::NOARP, "NOARP"),
        (LinkFlag::ALLMULTI, "ALLMULTI"),
        (LinkFlag::PROMISC, "PROMISC"),
        (LinkFlag::CONTROLLER, "MASTER"),
        (LinkFlag::PORT, "SLAVE"),
        (LinkFlag::DEBUG, "DEBUG"),
        (LinkFlag::DYNAMIC, "DYNAMIC"),
        (LinkFlag::AUTOMEDIA, "AUTOMEDIA"),
        (LinkFlag::PORTSEL, "PORTSEL"),
        (LinkFlag::NOTRAILERS, "NOTRAILERS"),
        (LinkFlag::UP, "UP"),
        (LinkFlag::RUNNING, "RUNNING"),
        (LinkFlag::LOWER_UP, "LOWER_UP"),
        (LinkFlag::DORMANT, "DORMANT"),
        (LinkFlag::ECHO, "ECHO"),
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
        self.0.contains(LinkFlag::UP)
    }

    /// Up but not running: no carrier (a cable out, a veth whose peer is down). `ip link`
    /// shows NO-CARRIER for exactly this (IFF_UP set, IFF_RUNNING not).
    pub fn no_carrier(self) -> bool {
        self.is_up() && !self.0.contains(LinkFlag::RUNNING)
    }
}

impl std::fmt::Display for IfFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_flag_names(f, self.names())
    }
}

impl Serialize for IfFlags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// A link's operational state (RFC 2863), named as `ip` names it: UP, DOWN, LOWERLAYERDOWN...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperState {
    /// Status cannot be determined.
    Unknown,
    /// Some component is missing.
    NotPresent,
    /// Down.
    Down,
    /// Down because the layer below is.
    LowerLayerDown,
    /// In a test mode.
    Testing,
    /// Not up, waiting for an external event.
    Dormant,
    /// Up, ready to pass packets.
    Up,
    /// A state this version of netkit has no name for, by its number.
    Other(u8),
}

impl OperState {
    /// The name `ip link` shows.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            OperState::Up => "UP",
            OperState::Down => "DOWN",
            OperState::Unknown => "UNKNOWN",
            OperState::LowerLayerDown => "LOWERLAYERDOWN",
            OperState::NotPresent => "NOTPRESENT",
            OperState::Testing => "TESTING",
            OperState::Dormant => "DORMANT",
            OperState::Other(n) => return Cow::Owned(format!("OTHER({n})")),
        })
    }
}

named!(OperState);

/// What a TUN/TAP device carries.
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

/// What the system says about one network interface beyond its tables: speed, duplex, driver
/// and bus, wireless or not, virtual or physical. Unknown facts are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LinkFacts {
    /// Link speed in Mb/s; `None` when unknown (virtual or down links).
    pub speed_mbps: Option<u32>,
    /// Full or half duplex; `None` when unknown.
    pub duplex: Option<Duplex>,
    /// True for Wi-Fi.
    pub wireless: bool,
    /// The device type: wlan, bridge, vlan, bond, wireguard... (`None` for plain Ethernet).
    pub devtype: Option<String>,
    /// The kernel driver (e1000e, virtio_net, iwlwifi...).
    pub driver: Option<String>,
    /// The bus the device sits on (pci, usb, virtio...).
    pub bus: Option<String>,
    /// True for software interfaces (lo, bridges, veth, tun...).
    pub virtual_device: bool,
    /// Whether the link has carrier; `None` when unknown.
    pub carrier: Option<bool>,
}

/// Whether a link sends and receives at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Duplex {
    /// Both directions at once.
    Full,
    /// One direction at a time.
    Half,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 29 section 1: a kind read back from its name is the same kind (ifaces builds its
    /// kinds on these).
    #[test]
    fn kinds_read_back_from_their_names() {
        for k in [
            LinkKind::Tun,
            LinkKind::Veth,
            LinkKind::Bridge,
            LinkKind::Vlan,
            LinkKind::Bond,
            LinkKind::Dummy,
            LinkKind::Wireguard,
            LinkKind::Macvlan,
            LinkKind::Vxlan,
            LinkKind::Ifb,
            LinkKind::Other("ipvlan".into()),
        ] {
            assert_eq!(LinkKind::named(k.name()), k);
        }
    }

    /// Issue 18.4: iproute2's print_link_flags shows NO-CARRIER for IFF_UP without IFF_RUNNING.
    #[test]
    fn no_carrier_is_up_without_running() {
        let names = |f: LinkFlag| IfFlags(f).names().collect::<Vec<_>>();
        let base = LinkFlag::BROADCAST | LinkFlag::MULTICAST;
        assert_eq!(
            names(base | LinkFlag::UP),
            ["NO-CARRIER", "BROADCAST", "MULTICAST", "UP"]
        );
        assert_eq!(
            names(base | LinkFlag::UP | LinkFlag::RUNNING | LinkFlag::LOWER_UP),
            ["BROADCAST", "MULTICAST", "UP", "RUNNING", "LOWER_UP"]
        );
        // Down: no carrier is expected, not news.
        assert_eq!(names(base), ["BROADCAST", "MULTICAST"]);
    }

    /// The names netkit showed when these were netlink's types stay the same.
    #[test]
    fn names_as_ip_gives_them() {
        assert_eq!(LinkType::Ieee80211.to_string(), "ieee802.11");
        assert_eq!(
            LinkType::Other("infiniband".into()).to_string(),
            "infiniband"
        );
        assert_eq!(OperState::LowerLayerDown.to_string(), "LOWERLAYERDOWN");
        assert_eq!(OperState::Other(9).to_string(), "OTHER(9)");
        assert_eq!(LinkKind::Wireguard.name(), "wireguard");
    }
}
