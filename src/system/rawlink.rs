//! The raw Ethernet link under `arp`, `dhcp discover`, `gateway --resolve` and `flow`, as the
//! commands see it: a small trait for sending frames and receiving ARP frames (each backend's raw
//! link implements it, and so does the simulated LAN of the unit tests), and the one ARP exchange
//! several commands need. Pure logic over the trait.

use std::io;
use std::net::Ipv4Addr;
use std::time::{Duration, Instant};

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
