//! The raw Ethernet link under `arp`, `dhcp discover`, `gateway --resolve`, `flow` and `watch`: a
//! small trait for sending frames and receiving ARP frames, a pnet datalink implementation
//! (promiscuous mode off, CAP_NET_RAW checked up front), the one ARP exchange several commands
//! need, and the [`Listener`] `watch` hears the LAN through: only frames that came in (the kernel's
//! packet type, never the Ethernet source, says which ones this host sent), and the count of
//! frames the kernel dropped because the listener did not keep up.

use std::io;
use std::net::Ipv4Addr;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use nix::sys::socket::{self as nixsock, LinkAddr};
use nix::{getsockopt_impl, setsockopt_impl, sockopt_impl};

use pnet_datalink::{Channel, Config, DataLinkReceiver, DataLinkSender, NetworkInterface};

use crate::error::{Error, Result};
use crate::system::interrupt::interrupted;
use crate::system::model::Link;
use crate::system::privilege::has_cap_net_raw;
use crate::wire::arp_frame::{ArpFrame, Flaw};

/// An ARP frame as it arrived: the message, or why no answer may be taken from it.
pub type Heard = std::result::Result<ArpFrame, Flaw>;

/// Sends Ethernet frames and receives ARP frames on one interface.
pub trait ArpLink {
    /// Sends one frame.
    fn send(&mut self, frame: &[u8]) -> io::Result<()>;
    /// The next ARP frame that arrives before `deadline` (checked by [`ArpFrame::decode`]), with
    /// its arrival time; None at the deadline. Frames of other ethertypes are skipped.
    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>>;
}

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
        let action = format!("sending {what} on {name}");
        let what = action.clone();
        if !has_cap_net_raw() {
            return Err(Error::Permission { action });
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
                format!("opening {name}"),
                io::Error::other("not an Ethernet channel"),
            )),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                Err(Error::Permission { action })
            }
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

// Two packet-socket options (packet(7)) nix has no accessor for; its macro declares them.
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
    /// Whether frames of packet type PACKET_OUTGOING are kept off the socket.
    PacketIgnoreOutgoing,
    SetOnly,
    libc::SOL_PACKET,
    libc::PACKET_IGNORE_OUTGOING,
    bool
);

/// How long one wait for a frame lasts at most: deadlines and Ctrl-C are seen within it.
const LISTEN_SLICE: Duration = Duration::from_millis(50);

/// A packet socket listening on one interface for every frame that comes in (promiscuous mode
/// off): what `watch` hears the LAN through.
#[derive(Debug)]
pub struct Listener {
    sock: socket2::Socket,
    index: u32,
    buf: Vec<u8>,
    slice: Duration,
    dropped: u64,
}

impl Listener {
    /// Opens a listener on interface `name` (index `index`), checking the privilege first.
    pub fn open(name: &str, index: u32) -> Result<Listener> {
        let action = format!("listening on {name}");
        if !has_cap_net_raw() {
            return Err(Error::Permission { action });
        }
        let fail = |e: io::Error| Error::io(action.clone(), e);
        let all = i32::from((libc::ETH_P_ALL as u16).to_be());
        let sock = socket2::Socket::new(
            socket2::Domain::PACKET,
            socket2::Type::RAW,
            Some(socket2::Protocol::from(all)),
        )
        .map_err(|e| match e.kind() {
            io::ErrorKind::PermissionDenied => Error::Permission {
                action: action.clone(),
            },
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
                    "interface",
                    name,
                    "has no link-layer address to listen on (is it gone?)",
                )
            })?;
        // What this host sends takes no room in the socket's buffer (and is no drop); on a
        // kernel without the option, such frames are skipped as they are read.
        let _ = nixsock::setsockopt(&sock, PacketIgnoreOutgoing, &true);
        nixsock::bind(sock.as_raw_fd(), &link).map_err(|e| fail(e.into()))?;
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

/// Asks "who has `target`? tell `source`" once on `link` and waits up to `timeout` for the first
/// plausible reply: its frame and the round-trip time, or None. Flawed frames are skipped.
pub fn ask_once(
    link: &mut dyn ArpLink,
    our_mac: [u8; 6],
    source: Ipv4Addr,
    target: Ipv4Addr,
    timeout: Duration,
) -> io::Result<Option<(ArpFrame, Duration)>> {
    link.send(&ArpFrame::request(our_mac, source, target).to_bytes())?;
    let sent = Instant::now();
    let deadline = sent + timeout;
    while let Some((heard, at)) = link.recv_until(deadline)? {
        let Ok(frame) = heard else { continue };
        if frame.answers(target, source, our_mac) {
            return Ok(Some((frame, at.saturating_duration_since(sent))));
        }
    }
    Ok(None)
}

/// [`ask_once`] on interface `link` through a fresh raw channel: the replying MAC and the
/// round-trip time. Needs CAP_NET_RAW.
pub fn ask_once_on(
    link: &Link,
    source: Ipv4Addr,
    target: Ipv4Addr,
    timeout: Duration,
) -> Result<Option<([u8; 6], Duration)>> {
    let our_mac = link.mac6().ok_or_else(|| {
        Error::bad(
            "interface",
            &link.name,
            "has no Ethernet address: ARP works on Ethernet-like links",
        )
    })?;
    let mut wire = PnetLink::open(&link.name, link.index, "ARP")?;
    let reply = ask_once(&mut wire, our_mac, source, target, timeout)
        .map_err(|e| Error::io(format!("ARP on {}", link.name), e))?;
    Ok(reply.map(|(frame, rtt)| (frame.sender_mac, rtt)))
}

impl ArpLink for PnetLink {
    fn send(&mut self, frame: &[u8]) -> io::Result<()> {
        self.send_raw(frame)
    }

    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
        self.recv_raw_until(deadline, ArpFrame::decode)
    }
}

#[cfg(test)]
pub(crate) mod fake {
    //! A simulated link for unit tests: hosts that answer requests after a fixed delay, and
    //! forged frames that arrive whenever a given address is asked for.
    use std::collections::VecDeque;

    use super::*;
    use crate::wire::arp_frame::{REPLY, REQUEST};

    /// A LAN of (ip, mac, delay) hosts; replies are queued when a request is sent.
    pub struct FakeLan {
        pub hosts: Vec<(Ipv4Addr, [u8; 6], Duration)>,
        /// Raw frames that arrive (at once) after each request for the address.
        pub forged: Vec<(Ipv4Addr, Vec<u8>)>,
        pub sent: Vec<ArpFrame>,
        pending: VecDeque<(Instant, Vec<u8>)>,
    }

    impl FakeLan {
        pub fn new(hosts: Vec<(Ipv4Addr, [u8; 6], Duration)>) -> Self {
            FakeLan {
                hosts,
                forged: Vec::new(),
                sent: Vec::new(),
                pending: VecDeque::new(),
            }
        }
    }

    impl ArpLink for FakeLan {
        fn send(&mut self, frame: &[u8]) -> io::Result<()> {
            let req = ArpFrame::decode(frame)
                .and_then(Result::ok)
                .expect("netkit sends plausible ARP");
            self.sent.push(req);
            if req.op == REQUEST {
                for &(ip, mac, delay) in &self.hosts {
                    if ip == req.target_ip && req.sender_ip != ip {
                        let reply = ArpFrame {
                            op: REPLY,
                            eth_src: mac,
                            eth_dst: req.sender_mac,
                            sender_mac: mac,
                            sender_ip: ip,
                            target_mac: req.sender_mac,
                            target_ip: req.sender_ip,
                        };
                        let bytes = reply.to_bytes().to_vec();
                        self.pending.push_back((Instant::now() + delay, bytes));
                    }
                }
                for (ip, bytes) in &self.forged {
                    if *ip == req.target_ip {
                        self.pending.push_back((Instant::now(), bytes.clone()));
                    }
                }
            }
            Ok(())
        }

        fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
            let mut items: Vec<_> = self.pending.drain(..).collect();
            items.sort_by_key(|(t, _)| *t);
            self.pending = items.into();
            while let Some((t, _)) = self.pending.front() {
                if *t > deadline {
                    break;
                }
                let now = Instant::now();
                if *t > now {
                    std::thread::sleep(*t - now);
                }
                let (_, bytes) = self.pending.pop_front().expect("front exists");
                if let Some(heard) = ArpFrame::decode(&bytes) {
                    return Ok(Some((heard, Instant::now())));
                }
            }
            let now = Instant::now();
            if deadline > now {
                std::thread::sleep(deadline - now);
            }
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::FakeLan;
    use super::*;
    use crate::wire::arp_frame::REPLY;

    /// Issue 12: `flow` and `gateway --resolve` ask through [`ask_once`]; a forged reply that
    /// arrives first must not be their answer.
    #[test]
    fn ask_once_skips_flawed_replies() {
        let (us, peer) = ([0, 0x16, 0x3e, 0x12, 0x34, 0x56], [0, 0x16, 0x3e, 0, 0, 1]);
        let (src, gw) = (
            Ipv4Addr::new(198, 51, 100, 2),
            Ipv4Addr::new(198, 51, 100, 1),
        );
        let forged = ArpFrame {
            op: REPLY,
            eth_src: peer,
            eth_dst: us,
            sender_mac: [0xff; 6],
            sender_ip: gw,
            target_mac: us,
            target_ip: src,
        };
        let mut link = FakeLan::new(vec![(gw, peer, Duration::from_millis(2))]);
        link.forged = vec![(gw, forged.to_bytes().to_vec())];
        let (frame, _) = ask_once(&mut link, us, src, gw, Duration::from_millis(50))
            .unwrap()
            .unwrap();
        assert_eq!(frame.sender_mac, peer);
        let mut alone = FakeLan::new(vec![]);
        alone.forged = vec![(gw, forged.to_bytes().to_vec())];
        let none = ask_once(&mut alone, us, src, gw, Duration::from_millis(20)).unwrap();
        assert_eq!(none, None);
    }
}
