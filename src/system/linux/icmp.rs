//! Linux's ICMP sockets under `ping` and `trace`: an unprivileged ICMP datagram socket where
//! `net.ipv4.ping_group_range` lets this process's group open one (the kernel then picks the
//! echo id, fills the checksum, hands back only our replies, and reports ICMP errors on the
//! socket's error queue), else a raw ICMP socket with CAP_NET_RAW, else a permission error with
//! the same advice as `arp`. Either way the echo id is random (a datagram socket is bound to it),
//! so nobody off the path can guess it.

use std::io::{self, IoSliceMut};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::{AsFd, AsRawFd};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, ppoll};
use nix::sys::socket::{
    ControlMessageOwned, MsgFlags, SockaddrStorage, recvmsg, setsockopt, sockopt,
};
use nix::sys::time::TimeSpec;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use super::privilege::denied;
use crate::error::{Error, Result};
use crate::i18n::t;
use crate::system::icmp::{EchoOptions, EchoSocket, Heard, SocketKind};
use crate::system::interrupt::interrupted;
use crate::util::random::unpredictable_u32;
use crate::wire::icmp_echo::{self, Echo, IcmpError, Message};

/// The index of interface `name` (one ioctl).
pub fn interface_index(name: &str) -> Option<u32> {
    nix::net::if_::if_nametoindex(name).ok()
}

/// The name of interface `index` (one ioctl: cheaper than a netlink dump of every link).
pub fn interface_name(index: u32) -> Option<String> {
    nix::net::if_::if_indextoname(index)
        .ok()
        .map(|n| n.to_string_lossy().into_owned())
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
    denied(t!("privilege-ping-action").into())
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
                Err(e) => return Err(Error::io(t!("doing-opening-icmp-socket"), e)),
            },
        };
        let setup = |e: io::Error| Error::io(t!("doing-setting-up-icmp-socket"), e);
        let nix_setup = |e: nix::Error| setup(io::Error::from(e));
        if let Some(name) = options.interface {
            sock.bind_device(Some(name.as_bytes())).map_err(|e| {
                if e.raw_os_error() == Some(19) {
                    Error::bad(t!("common-what-interface"), name, t!("os-no-such-device"))
                } else {
                    Error::io(t!("doing-binding-to", interface = name), e)
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
