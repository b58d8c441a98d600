//! `arp IP` and `arp scan` on Windows without a capture driver: SendARP, the IP Helper API's
//! ARP request, which sends "who has TARGET? tell SOURCE" and waits for the answer itself (or
//! answers from the ARP cache at once, sending nothing). The commands' ARP requests are handed to
//! it one per request, on a small pool of threads (a scan asks many at once), and each answer
//! comes back as the reply frame it stands for.
//!
//! What SendARP cannot tell: a second (duplicate) reply, the Ethernet source of the reply frame
//! (taken to be the sender's MAC), and whether the answer came from the wire or the cache.
//! Gratuitous ARP and duplicate address detection send frames SendARP cannot: they need Npcap.

use std::io;
use std::net::Ipv4Addr;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::i18n::t;
use crate::system::rawlink::{ArpLink, Heard};
use crate::wire::arp_frame::{ArpFrame, REPLY, REQUEST};

use super::ffi;
use super::handoff::wait_for;

/// Requests asked at once at most.
const WORKERS: usize = 32;

/// One request: whom to ask, from which of our addresses, and our MAC.
type Job = (Ipv4Addr, Ipv4Addr, [u8; 6]);

/// What a pool thread hands back.
type Answer = io::Result<(Heard, Instant)>;

/// ARP through SendARP.
#[derive(Debug)]
pub struct SendArp {
    jobs: Option<Sender<Job>>,
    answers: (Sender<Answer>, Receiver<Answer>),
}

impl SendArp {
    /// Ready to ask; the threads start with the first request.
    pub fn new() -> SendArp {
        SendArp {
            jobs: None,
            answers: channel(),
        }
    }

    /// The pool's queue, started on first use.
    fn jobs(&mut self) -> io::Result<&Sender<Job>> {
        if self.jobs.is_none() {
            let (tx, rx) = channel::<Job>();
            let rx = Arc::new(Mutex::new(rx));
            for _ in 0..WORKERS {
                let (rx, out) = (Arc::clone(&rx), self.answers.0.clone());
                std::thread::Builder::new()
                    .name("sendarp".into())
                    .spawn(move || {
                        loop {
                            let job = match rx.lock() {
                                Ok(r) => r.recv(),
                                Err(_) => return,
                            };
                            let Ok((target, source, our_mac)) = job else {
                                return;
                            };
                            let answer = match ffi::send_arp(target, source) {
                                Ok(Some(mac)) => {
                                    Ok((Ok(reply(mac, target, source, our_mac)), Instant::now()))
                                }
                                Ok(None) => continue,
                                Err(e) => Err(e),
                            };
                            if out.send(answer).is_err() {
                                return;
                            }
                        }
                    })?;
            }
            self.jobs = Some(tx);
        }
        Ok(self.jobs.as_ref().expect("started just above"))
    }
}

/// The reply frame a SendARP answer stands for: `mac` says it has `target`, to us.
pub(super) fn reply(
    mac: [u8; 6],
    target: Ipv4Addr,
    source: Ipv4Addr,
    our_mac: [u8; 6],
) -> ArpFrame {
    ArpFrame {
        op: REPLY,
        // SendARP does not say the frame's Ethernet source: the sender's MAC stands for it.
        eth_src: mac,
        eth_dst: our_mac,
        sender_mac: mac,
        sender_ip: target,
        target_mac: our_mac,
        target_ip: source,
    }
}

/// The SendARP request a frame asks for, or why SendARP cannot send it.
pub(super) fn job(frame: &[u8]) -> io::Result<Job> {
    let unsupported = |what: &str| {
        io::Error::new(
            io::ErrorKind::Unsupported,
            t!("windows-npcap-only", what = what).to_string(),
        )
    };
    let f = match ArpFrame::decode(frame) {
        Some(Ok(f)) if f.op == REQUEST => f,
        _ => return Err(unsupported("sending this frame")),
    };
    if f.sender_ip.is_unspecified() {
        return Err(unsupported("duplicate address detection (--dad)"));
    }
    if f.sender_ip == f.target_ip {
        return Err(unsupported("gratuitous ARP"));
    }
    Ok((f.target_ip, f.sender_ip, f.sender_mac))
}

impl ArpLink for SendArp {
    fn send(&mut self, frame: &[u8]) -> io::Result<()> {
        let job = job(frame)?;
        self.jobs()?
            .send(job)
            .map_err(|_| io::Error::other("the SendARP threads are gone"))
    }

    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
        wait_for(&self.answers.1, deadline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 29 section 2: a request frame becomes one SendARP call, its answer the reply frame
    /// `arp` takes as the answer to it; what SendARP cannot send is refused in words.
    #[test]
    fn frames_to_sendarp_and_back() {
        let ours = [0x00, 0x16, 0x3e, 0x12, 0x34, 0x56];
        let (me, router): (Ipv4Addr, Ipv4Addr) = (
            "198.51.100.2".parse().unwrap(),
            "198.51.100.1".parse().unwrap(),
        );
        let asked = ArpFrame::request(ours, me, router).to_bytes();
        assert_eq!(job(&asked).unwrap(), (router, me, ours));
        let theirs = [0x00, 0x16, 0x3e, 0x00, 0x00, 0x01];
        let r = reply(theirs, router, me, ours);
        assert!(r.answers(router, me, ours));
        assert_eq!(ArpFrame::decode(&r.to_bytes()), Some(Ok(r)));
        let dad = ArpFrame::request(ours, Ipv4Addr::UNSPECIFIED, router).to_bytes();
        assert!(job(&dad).unwrap_err().to_string().contains("--dad"));
        let gratuitous = ArpFrame::request(ours, me, me).to_bytes();
        assert!(job(&gratuitous).unwrap_err().to_string().contains("Npcap"));
    }
}
