//! `netkit arp IP`: ask "who has IP?" like arping, print each reply with its round-trip time,
//! detect two MACs answering for one IP; also duplicate address detection (`--dad`, RFC 5227
//! probes from 0.0.0.0) and gratuitous announcements. Driven through `ArpLink`, so it is tested
//! on a simulated LAN.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::net::Ipv4Addr;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result, exit};
use crate::i18n::t;
use crate::net::hwaddr::Mac;
use crate::net::oui::vendor_of;
use crate::output::{Paint, Report, Ui, label_before};
use crate::system::interrupt::interrupted;
use crate::system::rawlink::ArpLink;
use crate::util::time::{human_ms, round_ms};
use crate::wire::arp_frame::{ArpFrame, Flaw, REQUEST};
use crate::wire::discards::Discards;

/// Most replies kept per request and most distinct MACs kept for the target: enough for any
/// conflict, while a flood of forged replies is only counted (memory and time stay bounded).
pub const MAX_MACS: usize = 64;

/// What kind of ARP exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Ask who has the target (arping).
    Request,
    /// Duplicate address detection: probe from 0.0.0.0; any answer means the address is taken.
    Dad,
    /// Announce our own address (gratuitous ARP); no answer expected.
    Gratuitous,
}

/// Parameters of one run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Request, DAD or gratuitous.
    pub mode: Mode,
    /// The IP asked about.
    pub target: Ipv4Addr,
    /// Our IP (0.0.0.0 for DAD).
    pub source: Ipv4Addr,
    /// Our MAC.
    pub our_mac: [u8; 6],
    /// How many frames to send (None: until the deadline); with a deadline, how many answered
    /// requests end the run (as iputils arping counts replies under -w).
    pub count: Option<u32>,
    /// Time between frames.
    pub interval: Duration,
    /// Stop after this long in any case.
    pub deadline: Option<Duration>,
    /// How long to wait for a reply after the last frame.
    pub timeout: Duration,
    /// Stop at the first reply (arping -f).
    pub first_reply: bool,
}

/// One reply.
#[derive(Debug, Clone, Serialize)]
pub struct Reply {
    /// Which request it answered (1-based).
    pub seq: u32,
    /// The replying IP.
    pub ip: Ipv4Addr,
    /// Its MAC (the ARP sender hardware address).
    pub mac: Mac,
    /// The MAC's vendor.
    pub vendor: Option<String>,
    /// The frame's Ethernet source when it differs from `mac` (a bridge or repeater rewrote it).
    pub ethernet_source: Option<Mac>,
    /// Round-trip time in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub rtt_ms: f64,
}

/// The answer of `netkit arp IP`.
#[derive(Debug, Serialize)]
pub struct ArpReport {
    /// request, dad or gratuitous.
    pub mode: Mode,
    /// The IP asked about.
    pub target: Ipv4Addr,
    /// The interface used.
    pub interface: String,
    /// Our IP in the frames.
    pub source: Ipv4Addr,
    /// Our MAC.
    pub source_mac: Mac,
    /// Frames sent.
    pub sent: u32,
    /// Requests that got at least one reply.
    pub received: u32,
    /// Every reply, in arrival order.
    pub replies: Vec<Reply>,
    /// Distinct MACs that answered for the target.
    pub macs: Vec<Mac>,
    /// More than one MAC answered for the same IP.
    pub conflict: bool,
    /// For --dad: whether the address is in use.
    pub in_use: Option<bool>,
    /// ARP frames thrown away (malformed, or from a group or zero MAC), by reason.
    #[serde(flatten)]
    pub discards: Discards<Flaw>,
}

/// Runs the exchange on `link`, telling `on_reply` of each reply as it comes; Ctrl-C ends it
/// early with what was seen.
pub fn run_plan(
    plan: &Plan,
    interface: &str,
    link: &mut dyn ArpLink,
    on_reply: &mut dyn FnMut(&Reply),
) -> Result<ArpReport> {
    let io_err = |e: io::Error| Error::io(t!("arp-io", interface = interface), e);
    let frame = match plan.mode {
        Mode::Request => ArpFrame::request(plan.our_mac, plan.source, plan.target),
        Mode::Dad => ArpFrame::request(plan.our_mac, Ipv4Addr::UNSPECIFIED, plan.target),
        Mode::Gratuitous => ArpFrame::request(plan.our_mac, plan.target, plan.target),
    }
    .to_bytes();
    let start = Instant::now();
    let end = plan.deadline.map(|d| start + d);
    let mut sent_at: Vec<Instant> = Vec::new();
    let mut next_send = start;
    let mut replies = Vec::new();
    let mut answered = BTreeSet::new();
    let mut macs: Vec<Mac> = Vec::new();
    let mut discards = Discards::default();
    loop {
        let now = Instant::now();
        if end.is_some_and(|e| now >= e) || interrupted() {
            break;
        }
        // With a deadline, -c counts answers (iputils): requests go on until that many came.
        let counts_answers = plan.deadline.is_some() && plan.mode == Mode::Request;
        if counts_answers && plan.count.is_some_and(|c| answered.len() as u32 >= c) {
            break;
        }
        let more = counts_answers || plan.count.is_none_or(|c| (sent_at.len() as u32) < c);
        let wait_after_last = if answered.len() == sent_at.len() && !sent_at.is_empty() {
            // Every request answered: only a short grace for duplicate replies, from the
            // round-trip times seen, not the whole timeout.
            grace(&replies).min(plan.timeout)
        } else {
            plan.timeout
        };
        if !more && sent_at.last().is_none_or(|&t| now >= t + wait_after_last) {
            break;
        }
        if (plan.mode == Mode::Dad || plan.first_reply) && !replies.is_empty() {
            break;
        }
        if more && now >= next_send {
            link.send(&frame).map_err(io_err)?;
            sent_at.push(Instant::now());
            next_send += plan.interval;
            continue;
        }
        let mut wait = if more {
            next_send
        } else {
            sent_at.last().map_or(now, |&t| t + wait_after_last)
        };
        if let Some(e) = end {
            wait = wait.min(e);
        }
        let Some((heard, at)) = link.recv_until(wait).map_err(io_err)? else {
            continue;
        };
        let f = match heard {
            Ok(f) => f,
            Err(flaw) => {
                discards.note(flaw);
                continue;
            }
        };
        let relevant = match plan.mode {
            Mode::Request => f.answers(plan.target, plan.source, plan.our_mac),
            // Anyone claiming the address: a reply, or its owner's own request/announcement.
            Mode::Dad => f.sender_ip == plan.target && f.sender_mac != plan.our_mac,
            Mode::Gratuitous => {
                f.sender_ip == plan.target && f.sender_mac != plan.our_mac && f.op != REQUEST
            }
        };
        if !relevant || sent_at.is_empty() {
            continue;
        }
        let seq = sent_at.len() as u32;
        let rtt = at.saturating_duration_since(sent_at[seq as usize - 1]);
        let mac = Mac(f.sender_mac);
        answered.insert(seq);
        let this_request = replies.iter().rev().take_while(|r: &&Reply| r.seq == seq);
        let new_mac = !macs.contains(&mac);
        if this_request.count() >= MAX_MACS || (new_mac && macs.len() >= MAX_MACS) {
            discards.note(Flaw::OverLimit);
            continue;
        }
        if new_mac {
            macs.push(mac);
        }
        let reply = Reply {
            seq,
            ip: f.sender_ip,
            vendor: vendor_of(&f.sender_mac),
            mac,
            ethernet_source: (f.eth_src != f.sender_mac).then_some(Mac(f.eth_src)),
            rtt_ms: rtt.as_secs_f64() * 1000.0,
        };
        on_reply(&reply);
        replies.push(reply);
    }
    let in_use = !replies.is_empty();
    Ok(ArpReport {
        mode: plan.mode,
        target: plan.target,
        interface: interface.to_string(),
        source: if plan.mode == Mode::Dad {
            Ipv4Addr::UNSPECIFIED
        } else {
            plan.source
        },
        source_mac: Mac(plan.our_mac),
        sent: sent_at.len() as u32,
        received: answered.len() as u32,
        conflict: macs.len() > 1,
        macs,
        replies,
        in_use: (plan.mode == Mode::Dad).then_some(in_use),
        discards,
    })
}

/// How long after the last request a run whose requests were all answered waits for duplicate
/// replies (a second MAC for the address): twice the slowest round trip seen and 5 ms.
fn grace(replies: &[Reply]) -> Duration {
    let slowest = replies.iter().map(|r| r.rtt_ms).fold(0.0, f64::max);
    Duration::from_secs_f64(slowest * 2.0 / 1000.0) + Duration::from_millis(5)
}

/// The MACs as a list.
fn join(macs: &[Mac]) -> String {
    macs.iter()
        .map(Mac::to_string)
        .collect::<Vec<_>>()
        .join(&t!("common-list-separator").to_string())
}

impl Plan {
    /// The first line: what is asked, on which interface, from which address.
    pub fn write_header(&self, interface: &str, out: &mut dyn Write) -> io::Result<()> {
        header(
            self.mode,
            self.target,
            self.source,
            Mac(self.our_mac),
            interface,
            out,
        )
    }
}

/// The first line of `arp`'s output, for a plan before the run and a report after it.
fn header(
    mode: Mode,
    target: Ipv4Addr,
    source: Ipv4Addr,
    mac: Mac,
    interface: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mac = mac.to_string();
    let (first, explained) = match mode {
        Mode::Request => (
            t!(
                "arp-header-request",
                target = target,
                interface = interface,
                source = source,
                mac = &mac
            ),
            t!(
                "arp-explain-request",
                target = target,
                source = source,
                mac = &mac
            ),
        ),
        Mode::Dad => (
            t!(
                "arp-header-dad",
                target = target,
                interface = interface,
                mac = &mac
            ),
            t!("arp-explain-dad", target = target),
        ),
        Mode::Gratuitous => (
            t!(
                "arp-header-gratuitous",
                target = target,
                mac = &mac,
                interface = interface
            ),
            t!("arp-explain-gratuitous", target = target, mac = &mac),
        ),
    };
    writeln!(out, "{first}")?;
    writeln!(out, "{explained}")
}

impl Reply {
    /// One reply's line, as arping prints it.
    pub fn write_line(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let vendor = self.vendor.as_deref().map_or(String::new(), |v| {
            t!("arp-reply-vendor", vendor = v).to_string()
        });
        let via = self
            .ethernet_source
            .map_or(String::new(), |m| t!("arp-reply-via", mac = m).to_string());
        let line = t!(
            "arp-reply",
            ip = self.ip,
            mac = ui.paint(Paint::Good, self.mac),
            vendor = vendor,
            via = via,
            seq = self.seq,
            rtt = human_ms(self.rtt_ms)
        );
        writeln!(out, "{line}")
    }
}

impl ArpReport {
    /// What the run comes to, after the replies: conflicts, discarded frames, the counts.
    pub fn write_summary(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        if self.conflict {
            let conflict = t!(
                "arp-conflict",
                target = self.target,
                count = self.macs.len(),
                macs = join(&self.macs)
            );
            let label = label_before(ui, Paint::Bad, t!("arp-conflict-label"));
            writeln!(out, "{label}{conflict}")?;
        }
        if self.discards.total() > 0 {
            let discarded = t!(
                "arp-discarded",
                count = self.discards.total(),
                reasons = self.discards.summary()
            );
            writeln!(out, "{discarded}")?;
        }
        let rtts: Vec<f64> = self.replies.iter().map(|r| r.rtt_ms).collect();
        match self.mode {
            Mode::Request => {
                let lost = (100 * (self.sent - self.received))
                    .checked_div(self.sent)
                    .unwrap_or(0);
                let mut summary = t!(
                    "arp-summary",
                    target = self.target,
                    sent = self.sent,
                    received = self.received,
                    lost = lost
                );
                if !rtts.is_empty() {
                    let min = rtts.iter().cloned().fold(f64::INFINITY, f64::min);
                    let max = rtts.iter().cloned().fold(0.0, f64::max);
                    let avg = rtts.iter().sum::<f64>() / rtts.len() as f64;
                    summary = t!(
                        "arp-summary-rtt",
                        summary = summary,
                        min = human_ms(min),
                        avg = human_ms(avg),
                        max = human_ms(max)
                    );
                }
                writeln!(out, "{summary}")
            }
            Mode::Dad => match self.in_use {
                Some(true) => writeln!(
                    out,
                    "{}{}",
                    label_before(ui, Paint::Warn, t!("arp-in-use-label")),
                    t!("arp-in-use", target = self.target, macs = join(&self.macs))
                ),
                _ => writeln!(
                    out,
                    "{}{}",
                    label_before(ui, Paint::Good, t!("arp-free-label")),
                    t!("arp-free", sent = self.sent, target = self.target)
                ),
            },
            Mode::Gratuitous => writeln!(out, "{}", t!("arp-announced", sent = self.sent)),
        }
    }
}

impl Report for ArpReport {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        header(
            self.mode,
            self.target,
            self.source,
            self.source_mac,
            &self.interface,
            out,
        )?;
        for r in &self.replies {
            r.write_line(ui, out)?;
        }
        self.write_summary(ui, out)
    }

    fn status(&self) -> u8 {
        match self.mode {
            Mode::Request if self.received == 0 => exit::NEGATIVE,
            Mode::Dad if self.in_use == Some(true) => exit::NEGATIVE,
            // A conflict means two answers: any answer is already one.
            Mode::Gratuitous if !self.replies.is_empty() => exit::NEGATIVE,
            _ => exit::OK,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::rawlink::fake::FakeLan;

    const US: [u8; 6] = [0x00, 0x16, 0x3e, 0x12, 0x34, 0x56];
    const PEER: [u8; 6] = [0x00, 0x16, 0x3e, 0x00, 0x00, 0x01];

    fn plan(mode: Mode, target: &str, count: u32) -> Plan {
        Plan {
            mode,
            target: target.parse().unwrap(),
            source: "198.51.100.2".parse().unwrap(),
            our_mac: US,
            count: Some(count),
            interval: Duration::from_millis(5),
            deadline: None,
            timeout: Duration::from_millis(30),
            first_reply: false,
        }
    }

    fn lan() -> FakeLan {
        FakeLan::new(vec![(
            "198.51.100.1".parse().unwrap(),
            PEER,
            Duration::from_millis(1),
        )])
    }

    #[test]
    fn replies_are_counted_with_rtt() {
        let mut link = lan();
        let r = run_plan(
            &plan(Mode::Request, "198.51.100.1", 3),
            "eth0",
            &mut link,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!((r.sent, r.received), (3, 3));
        assert_eq!(r.macs, [Mac(PEER)]);
        assert!(
            r.replies.iter().all(|x| x.rtt_ms >= 0.9 && x.rtt_ms < 30.0),
            "{:?}",
            r.replies
        );
        assert!(!r.conflict);
        assert_eq!(r.status(), exit::OK);
        assert_eq!(link.sent[0].target_ip.to_string(), "198.51.100.1");
    }

    /// Issue 18: `arp IP -c 1 -w 1` ends at the reply, as iputils arping does (with a
    /// deadline, -c counts replies), and requests go on until that many came.
    #[test]
    fn a_deadline_makes_count_count_replies() {
        let mut p = plan(Mode::Request, "198.51.100.1", 1);
        p.deadline = Some(Duration::from_secs(2));
        p.timeout = Duration::from_secs(2);
        let t = Instant::now();
        let r = run_plan(&p, "eth0", &mut lan(), &mut |_| {}).unwrap();
        assert!(
            t.elapsed() < Duration::from_millis(500),
            "{:?}",
            t.elapsed()
        );
        assert_eq!((r.sent, r.received), (1, 1));
        // A host that answers only after 12 ms: requests every 5 ms until 2 answers came.
        let mut slow = FakeLan::new(vec![(
            "198.51.100.1".parse().unwrap(),
            PEER,
            Duration::from_millis(12),
        )]);
        let mut p = plan(Mode::Request, "198.51.100.1", 2);
        p.deadline = Some(Duration::from_secs(2));
        let r = run_plan(&p, "eth0", &mut slow, &mut |_| {}).unwrap();
        assert_eq!(r.received, 2);
        assert!(r.sent > 2, "sent {}", r.sent);
    }

    /// Issue 18: without a deadline, once every request is answered only a short grace for
    /// duplicates follows the last one, not the whole timeout; an unanswered request still gets
    /// the whole timeout.
    #[test]
    fn answered_requests_end_after_a_short_grace() {
        let mut p = plan(Mode::Request, "198.51.100.1", 2);
        p.timeout = Duration::from_secs(2);
        let t = Instant::now();
        let r = run_plan(&p, "eth0", &mut lan(), &mut |_| {}).unwrap();
        assert!(
            t.elapsed() < Duration::from_millis(500),
            "{:?}",
            t.elapsed()
        );
        assert_eq!((r.sent, r.received), (2, 2));
        let mut p = plan(Mode::Request, "198.51.100.99", 1);
        p.timeout = Duration::from_millis(150);
        let t = Instant::now();
        let r = run_plan(&p, "eth0", &mut lan(), &mut |_| {}).unwrap();
        assert!(t.elapsed() >= Duration::from_millis(150));
        assert_eq!(r.received, 0);
    }

    #[test]
    fn silence_is_a_negative_answer_within_the_deadline() {
        let mut p = plan(Mode::Request, "198.51.100.99", 100);
        p.deadline = Some(Duration::from_millis(60));
        let t = Instant::now();
        let r = run_plan(&p, "eth0", &mut lan(), &mut |_| {}).unwrap();
        assert!(t.elapsed() < Duration::from_millis(200));
        assert_eq!(r.received, 0);
        assert_eq!(r.status(), exit::NEGATIVE);
    }

    #[test]
    fn two_macs_for_one_ip_is_a_conflict() {
        let other = [0x02, 0, 0, 0, 0, 9];
        let mut link = FakeLan::new(vec![
            (
                "198.51.100.1".parse().unwrap(),
                PEER,
                Duration::from_millis(1),
            ),
            (
                "198.51.100.1".parse().unwrap(),
                other,
                Duration::from_millis(2),
            ),
        ]);
        let r = run_plan(
            &plan(Mode::Request, "198.51.100.1", 1),
            "eth0",
            &mut link,
            &mut |_| {},
        )
        .unwrap();
        assert!(r.conflict);
        assert_eq!(r.macs.len(), 2);
    }

    #[test]
    fn dad_uses_zero_source_and_reports_use() {
        let mut link = lan();
        let r = run_plan(
            &plan(Mode::Dad, "198.51.100.1", 3),
            "eth0",
            &mut link,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(link.sent[0].sender_ip, Ipv4Addr::UNSPECIFIED);
        assert_eq!(r.in_use, Some(true));
        assert_eq!(r.status(), exit::NEGATIVE);
        let r = run_plan(
            &plan(Mode::Dad, "198.51.100.50", 2),
            "eth0",
            &mut lan(),
            &mut |_| {},
        )
        .unwrap();
        assert_eq!((r.in_use, r.status()), (Some(false), exit::OK));
    }

    #[test]
    fn gratuitous_announces_our_own_address() {
        let mut link = lan();
        let r = run_plan(
            &plan(Mode::Gratuitous, "198.51.100.2", 2),
            "eth0",
            &mut link,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(r.sent, 2);
        assert_eq!(
            (link.sent[0].sender_ip, link.sent[0].target_ip),
            (link.sent[0].target_ip, "198.51.100.2".parse().unwrap())
        );
        assert_eq!(r.status(), exit::OK);
    }

    /// A reply for `ip` from `sender_mac` (Ethernet source `eth_src`) to us.
    fn forged(ip: &str, eth_src: [u8; 6], sender_mac: [u8; 6]) -> (Ipv4Addr, Vec<u8>) {
        let ip: Ipv4Addr = ip.parse().unwrap();
        let f = ArpFrame {
            op: crate::wire::arp_frame::REPLY,
            eth_src,
            eth_dst: US,
            sender_mac,
            sender_ip: ip,
            target_mac: US,
            target_ip: "198.51.100.2".parse().unwrap(),
        };
        (ip, f.to_bytes().to_vec())
    }

    /// Issue 12: `netkit arp` said "is at ff:ff:ff:ff:ff:ff" (exit 0) for a forged reply.
    #[test]
    fn group_and_zero_sender_macs_are_discarded_and_counted() {
        let mut link = lan();
        link.forged = vec![
            forged("198.51.100.1", PEER, [0xff; 6]),
            forged("198.51.100.1", PEER, [0x01, 0, 0x5e, 0, 0, 1]),
            forged("198.51.100.1", PEER, [0; 6]),
            forged("198.51.100.7", PEER, [0xff; 6]),
        ];
        let r = run_plan(
            &plan(Mode::Request, "198.51.100.1", 2),
            "eth0",
            &mut link,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(r.macs, [Mac(PEER)], "only the real host answers");
        assert!(!r.conflict);
        assert_eq!(r.discards.total(), 6);
        assert_eq!(r.discards.count(Flaw::SenderBroadcast), 2);
        assert_eq!(r.discards.count(Flaw::SenderMulticast), 2);
        assert_eq!(r.discards.count(Flaw::SenderZero), 2);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["discarded"], 6);
        assert_eq!(json["discard_reasons"]["sender_broadcast"], 2);
        // Nobody else answers for .7: the forged replies alone are no answer.
        let r = run_plan(
            &plan(Mode::Request, "198.51.100.7", 1),
            "eth0",
            &mut link,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!((r.received, r.status()), (0, exit::NEGATIVE));
        assert_eq!(r.discards.count(Flaw::SenderBroadcast), 1);
        // DAD takes any claim to the address, but not a forged one.
        let r = run_plan(
            &plan(Mode::Dad, "198.51.100.7", 1),
            "eth0",
            &mut link,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!((r.in_use, r.discards.total()), (Some(false), 1));
    }

    #[test]
    fn a_rewritten_ethernet_source_is_shown_not_taken_as_the_answer() {
        let bridge = [0x00, 0x16, 0x3e, 0, 0, 0x77];
        let mut link = FakeLan::new(vec![]);
        link.forged = vec![forged("198.51.100.1", bridge, PEER)];
        let r = run_plan(
            &plan(Mode::Request, "198.51.100.1", 1),
            "eth0",
            &mut link,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(r.macs, [Mac(PEER)]);
        assert_eq!(r.replies[0].ethernet_source, Some(Mac(bridge)));
        assert_eq!(r.discards.total(), 0);
    }

    /// Issue 12: a flood of valid-looking replies from ever new MACs is counted, not stored.
    #[test]
    fn a_flood_of_macs_is_bounded() {
        let hosts = (0..100u8)
            .map(|n| {
                let ip = "198.51.100.1".parse().unwrap();
                (ip, [0x02, 0, 0, 0, 1, n], Duration::from_micros(100))
            })
            .collect();
        let mut link = FakeLan::new(hosts);
        let r = run_plan(
            &plan(Mode::Request, "198.51.100.1", 2),
            "eth0",
            &mut link,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(r.macs.len(), MAX_MACS);
        assert_eq!(r.replies.len(), 2 * MAX_MACS);
        assert_eq!(
            r.discards.count(Flaw::OverLimit),
            2 * (100 - MAX_MACS as u32)
        );
        assert_eq!((r.received, r.conflict), (2, true));
    }
}
