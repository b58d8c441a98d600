//! This machine as its operating system shows it, behind one façade: the network tables (links,
//! addresses, routes, neighbours, how one address is routed), the DNS configuration, DHCP lease
//! facts, link facts and host name, the raw Ethernet link and the listener of `watch`, the echo
//! socket of `ping` and `trace`, and the privilege they need. Commands call these and nothing
//! else of the OS.
//!
//! The vocabulary is netkit's own ([`model`]); the backend that fills it is chosen when netkit is
//! compiled: `linux/` (rtnetlink, sysfs, AF_PACKET, CAP_NET_RAW), `windows/` (the IP Helper
//! API, IcmpSendEcho2), and for every other system `unbuilt`, whose every call says the system
//! is not supported yet (exit 2), never a made-up value. A backend for macOS (`macos/`) offers
//! the same functions and types as `linux/` and takes `unbuilt`'s place. The wrappers here are plain structs around
//! the backend's, so the seam costs nothing at run time.
//!
//! Above the façade, and portable: the routing facts over the tables ([`routing`]), DEST made
//! ready for echo requests ([`dest`]), the tracer ([`tracer`]), the system resolver with a
//! deadline ([`lookup`]) and Ctrl-C ([`interrupt`]). Below it, the traits each backend's link and
//! socket implement, which the unit tests' fakes implement too ([`rawlink`], [`icmp`]).

#[cfg(any(test, not(target_os = "linux")))]
pub mod datagrams;
pub mod dest;
// Until a backend for them is built, other systems construct much of the vocabulary and the echo
// socket's data nowhere: only the Linux build checks them for dead code.
#[cfg_attr(not(target_os = "linux"), allow(dead_code, unused_imports))]
pub mod icmp;
pub mod interrupt;
pub mod lookup;
#[cfg_attr(not(target_os = "linux"), allow(dead_code, unused_imports))]
pub mod model;
pub mod rawlink;
pub mod routing;
pub mod tracer;

#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "linux")]
use linux as os;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as os;
#[cfg(not(any(target_os = "linux", windows)))]
mod unbuilt;
#[cfg(not(any(target_os = "linux", windows)))]
use unbuilt as os;

use std::fs::{File, Metadata};
use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::time::{Duration, Instant};

use tokio::net::UdpSocket;

use crate::error::{Error, Result};
use crate::i18n::{Text, t};
use crate::system::icmp::{EchoOptions, EchoSocket, Heard as EchoHeard, SocketKind};
use crate::system::model::{Addr, DhcpLease, DnsConfig, Link, LinkFacts, Neighbour, Route};
use crate::system::rawlink::{ArpLink, Heard as ArpHeard, ask_once};

/// The getnameinfo(3) flag that makes a reverse lookup fail rather than give the address back.
pub const NAME_REQUIRED: i32 = os::NAME_REQUIRED;

/// This machine's network tables (on Linux, an rtnetlink socket): links, addresses, routes,
/// neighbours, and how one address would be routed.
#[derive(Debug)]
pub struct Tables(os::Tables);

impl Tables {
    /// Opens the tables.
    pub fn open() -> Result<Tables> {
        os::Tables::open().map(Tables)
    }

    /// Every link.
    pub fn links(&mut self) -> Result<Vec<Link>> {
        self.0.links()
    }

    /// Every IPv4 and IPv6 address.
    pub fn addresses(&mut self) -> Result<Vec<Addr>> {
        self.0.addresses()
    }

    /// Every IPv4 and IPv6 route of every table.
    pub fn routes(&mut self) -> Result<Vec<Route>> {
        self.0.routes()
    }

    /// The neighbour (ARP and NDP) cache.
    pub fn neighbours(&mut self) -> Result<Vec<Neighbour>> {
        self.0.neighbours()
    }

    /// How the system would route a packet to `dst`, every rule and table applied (`ip route
    /// get`). "No route" is an answer, not an error: `Ok(Err(why))`, `why` of kind
    /// NetworkUnreachable, HostUnreachable, InvalidInput (no such family configured) or
    /// PermissionDenied (a prohibit rule).
    pub fn route_to(&mut self, dst: IpAddr) -> Result<std::result::Result<Route, io::Error>> {
        self.0.route_to(dst)
    }

    /// What the system says about `link` beyond the tables: speed, duplex, driver, bus, wireless.
    pub fn link_facts(&self, link: &Link) -> LinkFacts {
        self.0.link_facts(&link.name)
    }

    /// The lease a DHCP client holds (or left behind) for `link`, where the system keeps one.
    pub fn dhcp_lease(&self, link: &Link) -> Option<DhcpLease> {
        self.0.dhcp_lease(&link.name, link.index)
    }

    /// The name of interface `index`, without reading every link.
    pub fn interface_name(&self, index: u32) -> Option<String> {
        self.0.interface_name(index)
    }
}

/// The DNS configuration the system's resolver uses (on Linux /etc/resolv.conf, and the servers
/// behind systemd-resolved's stub).
pub fn dns_config() -> Result<DnsConfig> {
    os::dns_config()
}

/// This machine's host name.
pub fn hostname() -> Option<String> {
    os::hostname()
}

/// The index of the interface called `name`; None when there is none.
pub fn interface_index(name: &str) -> Result<Option<u32>> {
    os::interface_index(name)
}

/// Whether this process may open raw sockets and links (on Linux: CAP_NET_RAW in its effective
/// set). Checked once, up front, by the commands that can do without.
pub fn may_use_raw_sockets() -> bool {
    os::may_use_raw_sockets()
}

/// The error for `action` attempted without the privilege raw sockets need: what is missing, and
/// what to do about it, on this system.
pub fn denied(action: impl Into<Text>) -> Error {
    os::denied(action.into())
}

/// A raw Ethernet link on one interface: frames out, and the frames that come in.
#[derive(Debug)]
pub struct RawLink(os::RawLink);

impl RawLink {
    /// Opens interface `name` (index `index`) to send `what` ("ARP", "DHCP"), the privilege
    /// checked first.
    pub fn open(name: &str, index: u32, what: &str) -> Result<RawLink> {
        os::RawLink::open(name, index, what).map(RawLink)
    }

    /// Sends one raw Ethernet frame.
    pub fn send_raw(&mut self, frame: &[u8]) -> io::Result<()> {
        self.0.send_raw(frame)
    }

    /// The next frame that `keep` accepts before `deadline` (or Ctrl-C), as `keep` maps it, with
    /// its arrival time.
    pub fn recv_raw_until<T>(
        &mut self,
        deadline: Instant,
        keep: impl FnMut(&[u8]) -> Option<T>,
    ) -> io::Result<Option<(T, Instant)>> {
        self.0.recv_raw_until(deadline, keep)
    }
}

impl ArpLink for RawLink {
    fn send(&mut self, frame: &[u8]) -> io::Result<()> {
        self.0.send(frame)
    }

    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(ArpHeard, Instant)>> {
        self.0.recv_until(deadline)
    }
}

/// What this system's ARP cannot show, to be said beside `arp`'s answers (on Windows, where
/// SendARP asks: duplicate replies, the reply frame's Ethernet source, the cache's answers told
/// from the wire's); None where `arp` sees every frame.
pub fn arp_caveat() -> Option<crate::i18n::Text> {
    os::arp_caveat()
}

/// [`ask_once`] on interface `link` through a fresh raw link: the replying MAC and the
/// round-trip time. Needs the raw-socket privilege.
pub fn ask_once_on(
    link: &Link,
    source: Ipv4Addr,
    target: Ipv4Addr,
    timeout: Duration,
) -> Result<Option<([u8; 6], Duration)>> {
    let our_mac = link.mac6().ok_or_else(|| {
        Error::bad(
            t!("common-what-interface"),
            &link.name,
            t!("system-no-ethernet-address"),
        )
    })?;
    let mut wire = RawLink::open(&link.name, link.index, "ARP")?;
    let reply = ask_once(&mut wire, our_mac, source, target, timeout)
        .map_err(|e| Error::io(t!("doing-arp-on", interface = &link.name), e))?;
    Ok(reply.map(|(frame, rtt)| (frame.sender_mac, rtt)))
}

/// Listens on one interface for every frame that comes in (frames for other hosts' MACs too when
/// opened promiscuous), never handing over what this host sent: what `watch` hears the LAN through.
#[derive(Debug)]
pub struct Listener(os::Listener);

impl Listener {
    /// Opens a listener on interface `name` (index `index`), the privilege checked first;
    /// `promiscuous` asks the card for other hosts' frames too while it listens.
    pub fn open(name: &str, index: u32, promiscuous: bool) -> Result<Listener> {
        os::Listener::open(name, index, promiscuous).map(Listener)
    }

    /// Frames the system dropped since the listener opened because they came faster than they
    /// were read.
    pub fn dropped(&mut self) -> u64 {
        self.0.dropped()
    }

    /// The next frame that came in before `deadline` (or Ctrl-C) that `keep` accepts, as `keep`
    /// maps it, with its arrival time.
    pub fn recv_until<T>(
        &mut self,
        deadline: Instant,
        keep: impl FnMut(&[u8]) -> Option<T>,
    ) -> io::Result<Option<(T, Instant)>> {
        self.0.recv_until(deadline, keep)
    }
}

/// An ICMP echo socket toward one destination: unprivileged where the system allows, else raw.
#[derive(Debug)]
pub struct IcmpSocket(os::IcmpSocket);

impl IcmpSocket {
    /// Opens the socket toward `dest`, set up as `options` say.
    pub fn open(dest: IpAddr, options: EchoOptions<'_>) -> Result<IcmpSocket> {
        os::IcmpSocket::open(dest, options).map(IcmpSocket)
    }

    /// Datagram or raw.
    pub fn kind(&self) -> SocketKind {
        self.0.kind()
    }
}

impl EchoSocket for IcmpSocket {
    fn send(&mut self, seq: u16, payload: &[u8]) -> io::Result<()> {
        self.0.send(seq, payload)
    }

    fn set_ttl(&mut self, ttl: u8) -> io::Result<()> {
        self.0.set_ttl(ttl)
    }

    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(EchoHeard, Instant)>> {
        self.0.recv_until(deadline)
    }
}

/// Datagrams [`Datagrams`] moves per system call at most.
pub const DATAGRAMS_PER_CALL: usize = os::DATAGRAMS_PER_CALL;

/// Batches of UDP datagrams on a connected, non-blocking socket: many per system call where the
/// system has such a call (Linux: sendmmsg and recvmmsg), else one per call. Each call moves
/// what it can and says WouldBlock when nothing could move, for `tokio`'s `try_io`.
#[derive(Debug)]
pub struct Datagrams(os::Datagrams);

impl Datagrams {
    /// The batches' headers, allocated once.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Datagrams {
        Datagrams(os::Datagrams::new())
    }

    /// Sends the datagrams `out[start..end]` of `spans`, in order (at most
    /// [`DATAGRAMS_PER_CALL`]); how many went.
    pub fn send(
        &mut self,
        sock: &UdpSocket,
        out: &[u8],
        spans: &[(usize, usize)],
    ) -> io::Result<usize> {
        self.0.send(sock, out, spans)
    }

    /// Receives the datagrams waiting (at most [`DATAGRAMS_PER_CALL`]), one into each `each`-byte
    /// chunk of `buf`; `lens` gets each one's length and whether it was cut. How many came.
    pub fn recv(
        &mut self,
        sock: &UdpSocket,
        buf: &mut [u8],
        each: usize,
        lens: &mut Vec<(usize, bool)>,
    ) -> io::Result<usize> {
        self.0.recv(sock, buf, each, lens)
    }
}

/// Ctrl-C (and on Linux SIGTERM) for a command running on tokio (`chat`), caught from the moment
/// this is made.
#[derive(Debug)]
pub struct StopSignals(os::StopSignals);

impl StopSignals {
    /// Starts catching them (inside a tokio runtime).
    pub fn new() -> io::Result<StopSignals> {
        os::StopSignals::new().map(StopSignals)
    }

    /// Waits for the next one.
    pub async fn recv(&mut self) {
        self.0.recv().await
    }
}

/// Opens the lock file `path` for writing, made with `mode` when missing; None when `path` is a
/// symbolic link (refused, never followed). A FIFO fails at once instead of waiting.
pub fn open_lock_file(path: &Path, mode: u32) -> io::Result<Option<File>> {
    os::open_lock_file(path, mode)
}

/// What a file that is not a regular one is, in words ("a FIFO", "a device"...).
pub fn file_kind(meta: &Metadata) -> crate::i18n::Message {
    os::file_kind(meta).words()
}

/// What a file that is not a regular one is, as a backend tells it (only Linux's tells a FIFO,
/// a device or a socket apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
pub enum FileKind {
    /// A directory.
    Directory,
    /// A named pipe.
    Fifo,
    /// A character or block device.
    Device,
    /// A Unix socket.
    Socket,
    /// Anything else that is not a regular file.
    Other,
}

impl FileKind {
    /// What the file is, in words ("is a FIFO").
    pub fn words(self) -> crate::i18n::Message {
        use crate::i18n::t;
        match self {
            FileKind::Directory => t!("common-file-directory"),
            FileKind::Fifo => t!("common-file-fifo"),
            FileKind::Device => t!("common-file-device"),
            FileKind::Socket => t!("common-file-socket"),
            FileKind::Other => t!("common-file-other"),
        }
    }
}

/// Gives `file` the permissions of `old` (`new_mode` when there is no old file), and where the
/// process may, its owner.
pub fn keep_mode_and_owner(file: &File, old: Option<&Metadata>, new_mode: u32) -> io::Result<()> {
    os::keep_mode_and_owner(file, old, new_mode)
}
