//! Linux's raw Ethernet link: a pnet datalink channel on an AF_PACKET socket (promiscuous mode
//! off, CAP_NET_RAW checked up front) for `arp`, `dhcp discover`, `gateway --resolve` and `flow`,
//! and the [`Listener`] `watch` hears the LAN through: only frames that came in (the kernel's
//! packet type, never the Ethernet source, says which ones this host sent), those for other
//! hosts' MACs too when asked (promiscuous while it listens), and the count of frames the kernel
//! dropped because the listener did not keep up.

use std::io;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use nix::sys::socket::{self as nixsock, LinkAddr};
use nix::{getsockopt_impl, setsockopt_impl, sockopt_impl};

use pnet_datalink::{Channel, Config, DataLinkReceiver, DataLinkSender, NetworkInterface};

use super::privilege::{denied, has_cap_net_raw};
use crate::error::{Error, Result};
use crate::i18n::t;
use crate::system::interrupt::interrupted;
use crate::system::rawlink::{ArpLink, Heard};
use crate::wire::arp_frame::ArpFrame;

/// A raw AF_PACKET channel on one interface (pnet datalink).
pub struct PnetLink {
    tx: Box<dyn DataLinkSender>,
    rx: Box<dyn DataLinkReceiver>,
}

impl std::fmt::Debug for PnetLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PnetLink")
    }
}

impl PnetLink {
    /// Opens the interface `name` (index `index`) to send `what` ("ARP", "DHCP"), checking the
    /// privilege first.
    pub fn open(name: &str, index: u32, what: &str) -> Result<PnetLink> {
        let what = t!("common-sending-on", what = what, interface = name);
        if !has_cap_net_raw() {
            return Err(denied(what.into()));
        }
        let iface = NetworkInterface {
            name: name.to_string(),
            description: String::new(),
            index,
            mac: None,
            ips: Vec::new(),
            flags: 0,
        };
        let config = Config {
            // pnet's default turns promiscuous mode on; netkit only needs frames sent to it.
            promiscuous: false,
            // Short poll timeouts so deadlines are kept; under 1 ms pnet would spin.
            read_timeout: Some(Duration::from_millis(2)),
            read_buffer_size: 65536,
            ..Config::default()
        };
        match pnet_datalink::channel(&iface, config) {
            Ok(Channel::Ethernet(tx, rx)) => Ok(PnetLink { tx, rx }),
            Ok(_) => Err(Error::io(
                t!("common-opening", interface = name),
                io::Error::other("not an Ethernet channel"),
            )),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(denied(what.into())),
            Err(e) => Err(Error::io(what, e)),
        }
    }

    /// Sends one raw Ethernet frame.
    pub fn send_raw(&mut self, frame: &[u8]) -> io::Result<()> {
        self.tx
            .send_to(frame, None)
            .unwrap_or_else(|| Err(io::Error::other("send buffer full")))
    }

    /// The next frame that `keep` accepts before `deadline`, as `keep` maps it, with its arrival time.
    pub fn recv_raw_until<T>(
        &mut self,
        deadline: Instant,
        mut keep: impl FnMut(&[u8]) -> Option<T>,
    ) -> io::Result<Option<(T, Instant)>> {
        loop {
            // Ctrl-C ends the wait as the deadline does: the command then reports what it saw.
            if Instant::now() >= deadline || interrupted() {
                return Ok(None);
            }
            match self.rx.next() {
                Ok(bytes) => {
                    let at = Instant::now();
                    if let Some(v) = keep(bytes) {
                        return Ok(Some((v, at)));
                    }
                }
                Err(e)
                    if e.kind() == io::ErrorKind::TimedOut
                        || e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

// Three packet-socket options (packet(7)) nix has no accessor for; its macro declares them.
// PACKET_ADD_MEMBERSHIP: a membership (here, promiscuous mode) that ends with the socket.
// PACKET_STATISTICS: frames the socket received and dropped since the last read (the kernel
// fills a `tpacket_stats`). PACKET_IGNORE_OUTGOING (Linux 4.20): frames this host sends are not
// queued to the socket at all.
sockopt_impl!(
    /// The packet socket's statistics; reading them resets them.
    PacketStatistics,
    GetOnly,
    libc::SOL_PACKET,
    libc::PACKET_STATISTICS,
    libc::tpacket_stats
);
sockopt_impl!(
    /// A membership of the socket: PACKET_MR_PROMISC makes the interface promiscuous for as long
    /// as the socket lives.
    PacketAddMembership,
    SetOnly,
    libc::SOL_PACKET,
    libc::PACKET_ADD_MEMBERSHIP,
    libc::packet_mreq
);
sockopt_impl!(
    /// Whether frames of packet type PACKET_OUTGOING are kept off the socket.
    PacketIgnoreOutgoing,
    SetOnly,
    libc::SOL_PACKET,
    libc::PACKET_IGNORE_OUTGOING,
    bool
);

/// How long one wait for a frame lasts at most: deadlines and Ctrl-C are seen within it.
const LISTEN_SLICE: Duration = Duration::from_millis(50);

/// A packet socket listening on one interface for every frame that comes in (with
/// `--promiscuous`, frames for other hosts' MACs too, for as long as it lives): what `watch`
/// hears the LAN through.
#[derive(Debug)]
pub struct Listener {
    sock: socket2::Socket,
    index: u32,
    buf: Vec<u8>,
    slice: Duration,
    dropped: u64,
}

impl Listener {
    /// Opens a listener on interface `name` (index `index`), checking the privilege first;
    /// `promiscuous` makes the card pass frames for other hosts' MACs too, for as long as the
    /// socket lives.
    pub fn open(name: &str, index: u32, promiscuous: bool) -> Result<Listener> {
        let action = t!("common-listening-on", interface = name);
        if !has_cap_net_raw() {
            return Err(denied(action.into()));
        }
        let fail = |e: io::Error| Error::io(t!("common-listening-on", interface = name), e);
        let all = i32::from((libc::ETH_P_ALL as u16).to_be());
        let sock = socket2::Socket::new(
            socket2::Domain::PACKET,
            socket2::Type::RAW,
            Some(socket2::Protocol::from(all)),
        )
        .map_err(|e| match e.kind() {
            io::ErrorKind::PermissionDenied => denied(action.clone().into()),
            _ => fail(e),
        })?;
        // The interface's link-layer address as the kernel lists it names its index; bound
        // to it (protocol 0 keeps the socket's, every frame), the socket hears that link only.
        let addrs = nix::ifaddrs::getifaddrs().map_err(|e| fail(e.into()))?;
        let link = addrs
            .filter(|a| a.interface_name == name)
            .find_map(|a| {
                let l = *a.address?.as_link_addr()?;
                (l.ifindex() == index as usize).then_some(l)
            })
            .ok_or_else(|| {
                Error::bad(
                    t!("common-what-interface"),
                    name,
                    t!("system-no-link-address"),
                )
            })?;
        // What this host sends takes no room in the socket's buffer (and is no drop); on a
        // kernel without the option, such frames are skipped as they are read.
        let _ = nixsock::setsockopt(&sock, PacketIgnoreOutgoing, &true);
        nixsock::bind(sock.as_raw_fd(), &link).map_err(|e| fail(e.into()))?;
        // Asked for, promiscuous for this socket alone (as libpcap asks it; the kernel ends it
        // with the socket): the card passes frames for other hosts' MACs too, so the watch sees
        // what a hub would repeat to this port, and can tell it from a switch, which does not.
        if promiscuous {
            let membership = libc::packet_mreq {
                mr_ifindex: i32::try_from(index).unwrap_or(0),
                mr_type: libc::PACKET_MR_PROMISC as u16,
                mr_alen: 0,
                mr_address: [0; 8],
            };
            nixsock::setsockopt(&sock, PacketAddMembership, &membership)
                .map_err(|e| fail(e.into()))?;
        }
        sock.set_read_timeout(Some(LISTEN_SLICE)).map_err(fail)?;
        let mut listener = Listener {
            sock,
            index,
            buf: vec![0; 65_536],
            slice: LISTEN_SLICE,
            dropped: 0,
        };
        // Frames of other links queued before the bind are not this watch's drops.
        listener.statistics().map_err(fail)?;
        listener.dropped = 0;
        Ok(listener)
    }

    /// Reads the kernel's statistics (which resets them) into the running count of drops.
    fn statistics(&mut self) -> io::Result<()> {
        let st = nixsock::getsockopt(&self.sock, PacketStatistics).map_err(io::Error::from)?;
        self.dropped += u64::from(st.tp_drops);
        Ok(())
    }

    /// Frames the kernel dropped since the listener opened because they came faster than they
    /// were read (PACKET_STATISTICS; as last read, should the kernel not answer now).
    pub fn dropped(&mut self) -> u64 {
        let _ = self.statistics();
        self.dropped
    }

    /// The next frame that came in on this interface before `deadline` that `keep` accepts, as
    /// `keep` maps it, with its arrival time; None at the deadline or on Ctrl-C. Frames this
    /// host sent (packet type PACKET_OUTGOING) are never handed over, whatever their source MAC.
    pub fn recv_until<T>(
        &mut self,
        deadline: Instant,
        mut keep: impl FnMut(&[u8]) -> Option<T>,
    ) -> io::Result<Option<(T, Instant)>> {
        loop {
            let now = Instant::now();
            if now >= deadline || interrupted() {
                return Ok(None);
            }
            let wait = (deadline - now).clamp(Duration::from_millis(1), LISTEN_SLICE);
            if wait != self.slice {
                self.sock.set_read_timeout(Some(wait))?;
                self.slice = wait;
            }
            match nixsock::recvfrom::<LinkAddr>(self.sock.as_raw_fd(), &mut self.buf) {
                Ok((n, Some(from))) => {
                    let at = Instant::now();
                    if from.pkttype() == libc::PACKET_OUTGOING
                        || from.ifindex() != self.index as usize
                    {
                        continue;
                    }
                    if let Some(v) = keep(&self.buf[..n.min(self.buf.len())]) {
                        return Ok(Some((v, at)));
                    }
                }
                Ok((_, None)) => {}
                Err(nix::errno::Errno::EAGAIN | nix::errno::Errno::EINTR) => {}
                Err(e @ (nix::errno::Errno::ENETDOWN | nix::errno::Errno::ENXIO)) => {
                    return Err(io::Error::new(
                        io::Error::from(e).kind(),
                        "the interface went down or away",
                    ));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}

impl ArpLink for PnetLink {
    fn send(&mut self, frame: &[u8]) -> io::Result<()> {
        self.send_raw(frame)
    }

    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
        self.recv_raw_until(deadline, ArpFrame::decode)
    }
}
