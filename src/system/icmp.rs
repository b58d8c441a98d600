//! The ICMP socket under `ping`: an unprivileged ICMP datagram socket where
//! `net.ipv4.ping_group_range` lets this process's group open one (the kernel then picks the
//! echo id, fills the checksum, hands back only our replies, and reports ICMP errors on the
//! socket's error queue), else a raw ICMP socket with CAP_NET_RAW, else a permission error with
//! the same advice as `arp`. Either way the echo id is random (a datagram socket is bound to it),
//! so nobody off the path can guess it. Behind the small [`EchoSocket`] trait, so the ping and
//! trace logic is tested with fakes.

use std::io::{self, IoSliceMut};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::{AsFd, AsRawFd};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, ppoll};
use nix::sys::socket::{
    ControlMessageOwned, MsgFlags, SockaddrStorage, recvmsg, setsockopt, sockopt,
};
use nix::sys::time::TimeSpec;
use serde::Serialize;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use crate::error::{Error, Result};
use crate::net::block::Block;
use crate::net::endpoint::Dest;
use crate::system::interrupt::interrupted;
use crate::system::lookup::resolve_dest;
use crate::system::netlink::Netlink;
use crate::util::random::unpredictable_u32;
use crate::wire::icmp_echo::{self, Echo, Flaw, IcmpError, Message};

/// Which kind of socket carries the echo requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SocketKind {
    /// SOCK_DGRAM + IPPROTO_ICMP(V6): no privilege, where ping_group_range allows.
    Datagram,
    /// SOCK_RAW: needs CAP_NET_RAW.
    Raw,
}

/// What arrived for us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// An echo reply.
    Reply {
        /// Who sent it.
        from: IpAddr,
        /// Its sequence number.
        seq: u16,
        /// ICMP header and data, in bytes.
        bytes: usize,
        /// The TTL / hop limit it arrived with, when the kernel told.
        ttl: Option<u8>,
        /// The data after the 8-byte header (what the request carried, when it is ours).
        data: Vec<u8>,
    },
    /// An ICMP error about one of our requests.
    Error {
        /// Who sent the error (a router on the way, or the destination).
        from: IpAddr,
        /// The request's sequence number.
        seq: u16,
        /// What it says.
        error: IcmpError,
    },
    /// A packet thrown away.
    Discarded(Flaw),
}

/// Sends echo requests to one destination and hears what comes back.
pub trait EchoSocket {
    /// Sends one echo request with sequence number `seq` carrying `payload`.
    fn send(&mut self, seq: u16, payload: &[u8]) -> io::Result<()>;
    /// Sets the TTL / hop limit of the requests sent from now on (`trace` changes it per probe).
    fn set_ttl(&mut self, ttl: u8) -> io::Result<()>;
    /// The next thing heard before `deadline`, with its arrival time; None at the deadline (or
    /// when Ctrl-C came). Packets that are not for us are skipped.
    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>>;
}

/// How an [`IcmpSocket`] is set up.
#[derive(Debug, Clone, Copy, Default)]
pub struct EchoOptions<'a> {
    /// TTL / hop limit of the requests (None: the system's default).
    pub ttl: Option<u8>,
    /// Send on this interface only (`-I`).
    pub interface: Option<&'a str>,
    /// The zone of a link-local or multicast IPv6 DEST: the index of its interface (0: none).
    pub scope_id: u32,
    /// May send to a broadcast address (SO_BROADCAST, `ping -b`).
    pub broadcast: bool,
}

/// The index of interface `zone` (a name such as `eth0`, or a number), for an IPv6 zone
/// (`fe80::1%eth0`) or `-I`.
pub fn zone_index(zone: &str) -> Result<u32> {
    let unknown = || {
        Error::bad(
            "interface",
            zone,
            "no such interface (netkit ifaces lists them)",
        )
    };
    if let Ok(n) = zone.parse::<u32>() {
        return if n == 0 { Err(unknown()) } else { Ok(n) };
    }
    nix::net::if_::if_nametoindex(zone).map_err(|_| unknown())
}

/// The name of interface `index` (one ioctl: cheaper than a netlink dump of every link).
pub fn interface_name(index: u32) -> Option<String> {
    nix::net::if_::if_indextoname(index)
        .ok()
        .map(|n| n.to_string_lossy().into_owned())
}

/// What kind of address DEST is, for echo requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cast {
    /// One host.
    Unicast,
    /// Every host of a link: 255.255.255.255, or a subnet's broadcast address (`what` says
    /// which, in words).
    Broadcast {
        /// "the broadcast address of eth0's subnet 198.51.100.0/24".
        what: String,
    },
    /// A group of hosts.
    Multicast,
}

/// DEST made ready for echo requests: resolved, its zone turned into an interface index, and
/// what kind of address it is.
#[derive(Debug, Clone)]
pub struct EchoTarget {
    /// Where the requests go.
    pub address: IpAddr,
    /// The interface index of a link-local or multicast IPv6 address (0: none needed).
    pub scope_id: u32,
    /// One host, a broadcast or a multicast address.
    pub cast: Cast,
    /// What DEST really means, when it is not what it seems (the unspecified address, an
    /// IPv4-mapped IPv6 address).
    pub note: Option<String>,
}

/// Whether an IPv6 address is only meaningful on one link (link-local unicast fe80::/10, and
/// interface- or link-local multicast ff01::/16, ff02::/16): then it needs a zone.
fn needs_zone(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    first & 0xffc0 == 0xfe80 || (ip.is_multicast() && matches!(first & 0x000f, 1 | 2))
}

/// Resolves DEST for `ping` and `trace` (`-4`/`-6` as given, the name lookup bounded by
/// `timeout`) and says what it is: the unspecified address is this host (Linux answers from
/// loopback), an IPv4-mapped IPv6 address is IPv4, a link-local or link-scope multicast IPv6
/// address needs its zone (`%eth0`, or `-I`), and with `check_broadcast` an IPv4 broadcast
/// address is told by the kernel's route to it (without, a send to one fails with
/// PermissionDenied, which [`broadcast_words`] then explains).
pub fn echo_target(
    dest: &Dest,
    ipv4_only: bool,
    ipv6_only: bool,
    interface: Option<&str>,
    timeout: Duration,
    check_broadcast: bool,
) -> Result<EchoTarget> {
    let typed = dest.to_string();
    let bad = |reason: String| Error::bad("destination", typed.clone(), reason);
    let mut address = resolve_dest(&dest.host, ipv4_only, ipv6_only, timeout)?;
    let mut note = None;
    if let IpAddr::V6(v6) = address
        && let Some(v4) = v6.to_ipv4_mapped()
    {
        let meaning = format!(
            "{v6} is the IPv4 address {v4} written as IPv6 (IPv4-mapped, RFC 4291): no ICMPv6 \
             packet can reach it"
        );
        if ipv6_only {
            return Err(bad(format!("{meaning}; without -6, IPv4 is used")));
        }
        note = Some(format!("{meaning}, so IPv4 is used"));
        address = IpAddr::V4(v4);
    }
    if address.is_unspecified() {
        let here = match address {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
        };
        note = Some(format!(
            "{address} is the unspecified address (\"this host\", RFC 1122 and RFC 4291), no host \
             to reach: Linux takes a packet sent to it as one for this host itself, which answers \
             from {here}"
        ));
        address = here;
    }
    let mut scope_id = 0;
    match (address, &dest.zone) {
        (IpAddr::V6(v6), Some(zone)) if needs_zone(v6) => scope_id = zone_index(zone.as_str())?,
        (_, Some(zone)) => {
            return Err(bad(format!(
                "the zone %{zone} names a link, which only IPv6 link-local (fe80::/10) and \
                 link-scope multicast (ff02::/16) addresses need"
            )));
        }
        (IpAddr::V6(v6), None) if needs_zone(v6) => match interface {
            Some(name) => scope_id = zone_index(name)?,
            None => {
                let kind = if v6.is_multicast() {
                    "a link-scope multicast"
                } else {
                    "a link-local"
                };
                return Err(bad(format!(
                    "{v6} is {kind} address, which every link has its own of: say which link, \
                     as {v6}%eth0 (or -I eth0)"
                )));
            }
        },
        _ => {}
    }
    let cast = if address.is_multicast() {
        Cast::Multicast
    } else if check_broadcast && let IpAddr::V4(v4) = address {
        broadcast_words(v4).map_or(Cast::Unicast, |what| Cast::Broadcast { what })
    } else {
        Cast::Unicast
    };
    Ok(EchoTarget {
        address,
        scope_id,
        cast,
        note,
    })
}

/// When the kernel routes `ip` as a broadcast (255.255.255.255, or the broadcast address of a
/// subnet of this host): which, in words.
pub fn broadcast_words(ip: Ipv4Addr) -> Option<String> {
    let limited = ip == Ipv4Addr::BROADCAST;
    if ip.is_loopback() {
        return None;
    }
    let mut nl = Netlink::open().ok()?;
    let route = match nl.route_to(IpAddr::V4(ip)).ok()? {
        Ok(route) => route,
        Err(_) if limited => {
            return Some("the limited broadcast address (every host of the link)".into());
        }
        Err(_) => return None,
    };
    if !limited && route.kind != crate::system::model::RouteKind::Broadcast {
        return None;
    }
    let dev = route.oif.and_then(|oif| {
        let links = nl.links().ok()?;
        Some((oif, crate::system::routing::ifname(&links, oif)))
    });
    if limited {
        return Some(match dev {
            Some((_, name)) => {
                format!("the limited broadcast address (every host of the link, here {name})")
            }
            None => "the limited broadcast address (every host of the link)".into(),
        });
    }
    let subnet = dev.as_ref().and_then(|(oif, _)| {
        let addrs = nl.addresses().ok()?;
        addrs
            .iter()
            .filter(|a| a.index == *oif && a.address.is_ipv4())
            .map(|a| Block::new(a.address, a.prefix))
            .find(|b| b.prefix < 31 && b.last() == u128::from(u32::from(ip)))
            .map(|b| b.network_cidr())
    });
    Some(match (dev, subnet) {
        (Some((_, name)), Some(net)) => format!("the broadcast address of {name}'s subnet {net}"),
        (Some((_, name)), None) => format!("a broadcast address (on {name})"),
        _ => "a broadcast address".into(),
    })
}

/// A real ICMP socket toward one destination.
#[derive(Debug)]
pub struct IcmpSocket {
    sock: Socket,
    kind: SocketKind,
    v6: bool,
    id: u16,
    dest: SockAddr,
    dest_ip: IpAddr,
    buf: Vec<u8>,
}

/// The advice when neither socket can be opened: which privilege, and why it is needed.
fn no_privilege() -> Error {
    Error::Permission {
        action: "ping (net.ipv4.ping_group_range leaves this user's group out, so a raw ICMP \
                 socket)"
            .into(),
    }
}

impl IcmpSocket {
    /// Opens the socket toward `dest`: a datagram socket when allowed, else a raw one, set up as
    /// `options` say.
    pub fn open(dest: IpAddr, options: EchoOptions<'_>) -> Result<IcmpSocket> {
        let v6 = dest.is_ipv6();
        let (domain, proto) = if v6 {
            (Domain::IPV6, Protocol::ICMPV6)
        } else {
            (Domain::IPV4, Protocol::ICMPV4)
        };
        let (sock, kind) = match Socket::new(domain, Type::DGRAM, Some(proto)) {
            Ok(s) => (s, SocketKind::Datagram),
            Err(_) => match Socket::new(domain, Type::RAW, Some(proto)) {
                Ok(s) => (s, SocketKind::Raw),
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                    return Err(no_privilege());
                }
                Err(e) => return Err(Error::io("opening an ICMP socket", e)),
            },
        };
        let setup = |e: io::Error| Error::io("setting up the ICMP socket", e);
        let nix_setup = |e: nix::Error| setup(io::Error::from(e));
        if let Some(name) = options.interface {
            sock.bind_device(Some(name.as_bytes())).map_err(|e| {
                if e.raw_os_error() == Some(19) {
                    Error::bad(
                        "interface",
                        name,
                        "no such interface (netkit ifaces lists them)",
                    )
                } else {
                    Error::io(format!("binding to {name}"), e)
                }
            })?;
        }
        if options.broadcast {
            sock.set_broadcast(true).map_err(setup)?;
        }
        if v6 {
            if let Some(t) = options.ttl {
                sock.set_unicast_hops_v6(u32::from(t)).map_err(setup)?;
                sock.set_multicast_hops_v6(u32::from(t)).map_err(setup)?;
            }
            setsockopt(&sock, sockopt::Ipv6RecvHopLimit, &true).map_err(nix_setup)?;
            if kind == SocketKind::Datagram {
                setsockopt(&sock, sockopt::Ipv6RecvErr, &true).map_err(nix_setup)?;
            }
        } else {
            if let Some(t) = options.ttl {
                sock.set_ttl_v4(u32::from(t)).map_err(setup)?;
                sock.set_multicast_ttl_v4(u32::from(t)).map_err(setup)?;
            }
            if kind == SocketKind::Datagram {
                setsockopt(&sock, sockopt::Ipv4RecvTtl, &true).map_err(nix_setup)?;
                setsockopt(&sock, sockopt::Ipv4RecvErr, &true).map_err(nix_setup)?;
            }
        }
        // A random echo id: raw sockets see every ICMP message of the host, and the id tells ours
        // apart; a datagram socket's id is the "port" it is bound to (the kernel would pick the
        // next free one, which anyone can guess).
        let mut id = random_id();
        if kind == SocketKind::Datagram {
            let any = if v6 {
                IpAddr::V6(Ipv6Addr::UNSPECIFIED)
            } else {
                IpAddr::V4(Ipv4Addr::UNSPECIFIED)
            };
            let mut tries = 0;
            loop {
                match sock.bind(&SockAddr::from(SocketAddr::new(any, id))) {
                    Ok(()) => break,
                    Err(e) if e.kind() == io::ErrorKind::AddrInUse && tries < 16 => {
                        tries += 1;
                        id = random_id();
                    }
                    Err(e) => return Err(setup(e)),
                }
            }
        }
        let dest_addr = match dest {
            IpAddr::V6(ip) => {
                SocketAddr::V6(std::net::SocketAddrV6::new(ip, 0, 0, options.scope_id))
            }
            IpAddr::V4(_) => SocketAddr::new(dest, 0),
        };
        Ok(IcmpSocket {
            sock,
            kind,
            v6,
            id,
            dest: SockAddr::from(dest_addr),
            dest_ip: dest,
            buf: vec![0; 65_536],
        })
    }

    /// Datagram or raw.
    pub fn kind(&self) -> SocketKind {
        self.kind
    }

    /// One recvmsg, without waiting: from the error queue or the socket.
    fn recv_one(&mut self, errqueue: bool) -> io::Result<Option<Heard>> {
        let mut cmsg = nix::cmsg_space!(
            nix::libc::sock_extended_err,
            nix::libc::sockaddr_in6,
            nix::libc::c_int
        );
        let flags = if errqueue {
            MsgFlags::MSG_ERRQUEUE | MsgFlags::MSG_DONTWAIT
        } else {
            MsgFlags::MSG_DONTWAIT
        };
        let fd = self.sock.as_raw_fd();
        let mut iov = [IoSliceMut::new(&mut self.buf)];
        let msg = recvmsg::<SockaddrStorage>(fd, &mut iov, Some(&mut cmsg), flags)
            .map_err(io::Error::from)?;
        let (n, address) = (msg.bytes, msg.address);
        let mut ttl = None;
        let mut error = None;
        if let Ok(cmsgs) = msg.cmsgs() {
            for c in cmsgs {
                match c {
                    ControlMessageOwned::Ipv4Ttl(t) => ttl = u8::try_from(t).ok(),
                    ControlMessageOwned::Ipv6HopLimit(h) => ttl = u8::try_from(h).ok(),
                    ControlMessageOwned::Ipv4RecvErr(ee, offender) => {
                        let from = offender
                            .map(|o| IpAddr::V4(Ipv4Addr::from(u32::from_be(o.sin_addr.s_addr))));
                        error = Some((ee.ee_origin, ee.ee_type, ee.ee_code, from));
                    }
                    ControlMessageOwned::Ipv6RecvErr(ee, offender) => {
                        let from =
                            offender.map(|o| IpAddr::V6(Ipv6Addr::from(o.sin6_addr.s6_addr)));
                        error = Some((ee.ee_origin, ee.ee_type, ee.ee_code, from));
                    }
                    _ => {}
                }
            }
        }
        let data = &self.buf[..n.min(self.buf.len())];
        let sender = address
            .as_ref()
            .and_then(|a| {
                a.as_sockaddr_in()
                    .map(|s| IpAddr::V4(s.ip()))
                    .or_else(|| a.as_sockaddr_in6().map(|s| IpAddr::V6(s.ip())))
            })
            .unwrap_or(self.dest_ip);
        if errqueue {
            // SO_EE_ORIGIN_ICMP (2) and SO_EE_ORIGIN_ICMP6 (3): an ICMP error about `data`,
            // the request we sent.
            let Some((origin, kind, code, from)) = error else {
                return Ok(None);
            };
            if origin != 2 && origin != 3 {
                return Ok(None);
            }
            let (Some(error), Some((_, seq))) = (
                IcmpError::from_type_code(self.v6, kind, code),
                icmp_echo::sent_request(self.v6, data),
            ) else {
                return Ok(None);
            };
            return Ok(Some(Heard::Error {
                from: from.unwrap_or(sender),
                seq,
                error,
            }));
        }
        let (icmp, from, ttl) = if self.kind == SocketKind::Raw && !self.v6 {
            match icmp_echo::ipv4_head(data) {
                Ok(h) => (&data[h.header_len..], IpAddr::V4(h.source), Some(h.ttl)),
                Err(flaw) => return Ok(Some(Heard::Discarded(flaw))),
            }
        } else {
            (data, sender, ttl)
        };
        let check = self.kind == SocketKind::Raw;
        Ok(match icmp_echo::decode(self.v6, icmp, check) {
            Err(flaw) => Some(Heard::Discarded(flaw)),
            Ok(Message::Reply { echo, len }) => {
                // A datagram socket only gets its own replies; a raw one sees everyone's.
                (self.kind == SocketKind::Datagram || echo.id == self.id).then_some(Heard::Reply {
                    from,
                    seq: echo.seq,
                    bytes: len,
                    ttl,
                    data: echo.payload,
                })
            }
            Ok(Message::Error { error, id, seq, to }) => (id == self.id
                && to == Some(self.dest_ip))
            .then_some(Heard::Error { from, seq, error }),
            Ok(Message::Other) => None,
        })
    }
}

/// A random echo id, never 0 (iputils takes id 0 as "no id").
fn random_id() -> u16 {
    (unpredictable_u32() % 0xffff) as u16 + 1
}

impl EchoSocket for IcmpSocket {
    fn send(&mut self, seq: u16, payload: &[u8]) -> io::Result<()> {
        let bytes = icmp_echo::encode_request(
            self.v6,
            &Echo {
                id: self.id,
                seq,
                payload: payload.to_vec(),
            },
        );
        self.sock.send_to(&bytes, &self.dest).map(|_| ())
    }

    fn set_ttl(&mut self, ttl: u8) -> io::Result<()> {
        if self.v6 {
            self.sock.set_unicast_hops_v6(u32::from(ttl))
        } else {
            self.sock.set_ttl_v4(u32::from(ttl))
        }
    }

    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
        loop {
            if self.kind == SocketKind::Datagram
                && let Ok(Some(h)) = self.recv_one(true)
            {
                return Ok(Some((h, Instant::now())));
            }
            let now = Instant::now();
            if now >= deadline || interrupted() {
                return Ok(None);
            }
            // Short waits, so Ctrl-C is seen soon; ppoll, whose timeout is precise (a socket's
            // receive timeout is counted in scheduler ticks: a 1 ms wait took 4 to 8).
            let wait = (deadline - now).min(Duration::from_millis(50));
            let mut fds = [PollFd::new(
                self.sock.as_fd(),
                PollFlags::POLLIN | PollFlags::POLLERR,
            )];
            match ppoll(&mut fds, Some(TimeSpec::from_duration(wait)), None) {
                Ok(0) | Err(nix::errno::Errno::EINTR) => continue,
                Ok(_) => {}
                Err(e) => return Err(io::Error::from(e)),
            }
            match self.recv_one(false) {
                Ok(Some(h)) => return Ok(Some((h, Instant::now()))),
                Ok(None) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) => {}
                // With IP_RECVERR a pending ICMP error fails the read: it is on the error queue.
                Err(_) if self.kind == SocketKind::Datagram => {}
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod fake {
    //! A simulated path for unit tests: each request is answered after a delay, perhaps twice,
    //! perhaps not at all, perhaps with an error from a router.
    use std::collections::VecDeque;

    use super::*;

    /// What happens to request number `seq` (the wire's sequence number) carrying `data`.
    pub type Fate = fn(u16, &[u8]) -> Vec<(Duration, Heard)>;

    /// What is on its way back, in time order: the arrivals of a fake socket.
    #[derive(Default)]
    pub struct Arrivals(VecDeque<(Instant, Heard)>);

    impl Arrivals {
        /// Queues what a request sent now brings back, each after its delay.
        pub fn expect(&mut self, coming: Vec<(Duration, Heard)>) {
            let now = Instant::now();
            for (delay, h) in coming {
                self.0.push_back((now + delay, h));
            }
            self.0.make_contiguous().sort_by_key(|(t, _)| *t);
        }

        /// [`EchoSocket::recv_until`]: sleeps until the next arrival, or the deadline.
        pub fn until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
            match self.0.front() {
                Some((at, _)) if *at <= deadline => {
                    std::thread::sleep(at.saturating_duration_since(Instant::now()));
                    Ok(self.0.pop_front().map(|(at, h)| (h, at)))
                }
                _ => {
                    std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
                    Ok(None)
                }
            }
        }
    }

    /// The fake socket: each request's fate, queued.
    pub struct FakePath {
        pub fate: Fate,
        arrivals: Arrivals,
    }

    impl FakePath {
        pub fn new(fate: Fate) -> FakePath {
            FakePath {
                fate,
                arrivals: Arrivals::default(),
            }
        }
    }

    impl EchoSocket for FakePath {
        fn set_ttl(&mut self, _ttl: u8) -> io::Result<()> {
            Ok(())
        }

        fn send(&mut self, seq: u16, payload: &[u8]) -> io::Result<()> {
            self.arrivals.expect((self.fate)(seq, payload));
            Ok(())
        }

        fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
            self.arrivals.until(deadline)
        }
    }
}
