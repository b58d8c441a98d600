//! `netkit arp scan [CIDR]`: ask every address of a subnet who has it, like arp-scan. Paced sends
//! (`--rate`), retries for the silent (stopping once a retry finds nobody new), and a wait after
//! each round that ends when the LAN has been quiet for about twice the median round-trip time
//! (bounded by `--timeout`), so it is both complete and fast.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::net::Ipv4Addr;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result, exit};
use crate::net::hwaddr::Mac;
use crate::net::oui::vendor_of;
use crate::output::{Paint, Report, Ui};
use crate::system::rawlink::{ArpLink, Heard};
use crate::util::time::{human_ms, round_ms};
use crate::wire::arp_frame::{ArpFrame, Flaw};
use crate::wire::discards::Discards;

/// Scan parameters.
#[derive(Debug, Clone)]
pub struct ScanPlan {
    /// Addresses to ask, in order.
    pub targets: Vec<Ipv4Addr>,
    /// Our IP and MAC.
    pub source: Ipv4Addr,
    /// Our MAC.
    pub our_mac: [u8; 6],
    /// Requests per second.
    pub rate: u32,
    /// Extra rounds for addresses that stayed silent: 0 asks each address exactly once.
    pub retries: u32,
    /// Longest wait after a round (the adaptive wait never exceeds it).
    pub timeout: Duration,
    /// Show progress on stderr.
    pub progress: bool,
}

/// One host found.
#[derive(Debug, Clone, Serialize)]
pub struct Host {
    /// Its IP.
    pub ip: Ipv4Addr,
    /// Its MAC (the ARP sender hardware address of the first answer).
    pub mac: Mac,
    /// The MAC's vendor.
    pub vendor: Option<String>,
    /// The first answer's Ethernet source when it differs from `mac` (a bridge rewrote it).
    pub ethernet_source: Option<Mac>,
    /// Round-trip time of the first answer, in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub rtt_ms: f64,
    /// Other MACs that also answered for this IP (a duplicate address or spoofing).
    pub duplicates: Vec<Mac>,
}

/// The answer of `netkit arp scan`.
#[derive(Debug, Serialize)]
pub struct ScanReport {
    /// The range scanned.
    pub network: String,
    /// The interface used.
    pub interface: String,
    /// Addresses asked.
    pub scanned: usize,
    /// Requests sent (with retries).
    pub sent: u32,
    /// Hosts that answered, sorted by IP.
    pub hosts: Vec<Host>,
    /// How long the scan took, in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub took_ms: f64,
    /// ARP frames thrown away (malformed, or from a group or zero MAC), by reason.
    #[serde(flatten)]
    pub discards: Discards<Flaw>,
}

fn progress(on: bool, done: usize, total: usize, found: usize) {
    if on {
        eprint!("\rscanning: {done}/{total} asked, {found} answered   ");
    }
}

/// Most other MACs kept per address: a flood of forged replies is only counted.
pub const MAX_DUPLICATES: usize = 16;

/// What a scan has gathered so far.
#[derive(Default)]
struct Seen {
    found: BTreeMap<Ipv4Addr, Host>,
    rtts: Vec<Duration>,
    discards: Discards<Flaw>,
}

/// Records a reply to one of our requests: the first MAC per IP, later different MACs as
/// duplicates; a flawed frame only as discarded. True when it added something.
fn on_frame(
    plan: &ScanPlan,
    last_sent: &BTreeMap<Ipv4Addr, Instant>,
    heard: Heard,
    at: Instant,
    seen: &mut Seen,
) -> bool {
    let f = match heard {
        Ok(f) => f,
        Err(flaw) => {
            seen.discards.note(flaw);
            return false;
        }
    };
    let Seen {
        found,
        rtts,
        discards,
    } = seen;
    if !f.answers(f.sender_ip, plan.source, plan.our_mac) {
        return false;
    }
    let Some(&t) = last_sent.get(&f.sender_ip) else {
        return false;
    };
    let rtt = at.saturating_duration_since(t);
    let mac = Mac(f.sender_mac);
    match found.get_mut(&f.sender_ip) {
        Some(h) if h.mac != mac && !h.duplicates.contains(&mac) => {
            if h.duplicates.len() >= MAX_DUPLICATES {
                discards.note(Flaw::OverLimit);
                return false;
            }
            h.duplicates.push(mac);
            true
        }
        Some(_) => false,
        None => {
            rtts.push(rtt);
            let host = Host {
                ip: f.sender_ip,
                vendor: vendor_of(&f.sender_mac),
                mac,
                ethernet_source: (f.eth_src != f.sender_mac).then_some(Mac(f.eth_src)),
                rtt_ms: rtt.as_secs_f64() * 1000.0,
                duplicates: vec![],
            };
            found.insert(f.sender_ip, host);
            true
        }
    }
}

/// How long the LAN may stay silent before a round is over: twice the median round-trip time
/// plus 5 ms, between 10 ms and `timeout`; before any answer, a quarter of `timeout` (all of it on
/// the last round, as a silent LAN is not a slow one).
fn quiet_gap(rtts: &[Duration], timeout: Duration, last_round: bool) -> Duration {
    if rtts.is_empty() {
        return if last_round { timeout } else { timeout / 4 };
    }
    let mut copy = rtts.to_vec();
    let middle = copy.len() / 2;
    let median = *copy.select_nth_unstable(middle).1;
    let floor = Duration::from_millis(10);
    (median * 2 + Duration::from_millis(5)).clamp(floor, timeout.max(floor))
}

/// Runs a scan on `link`.
pub fn scan(
    plan: &ScanPlan,
    network: &str,
    interface: &str,
    link: &mut dyn ArpLink,
) -> Result<ScanReport> {
    let io_err = |e: io::Error| Error::io(format!("ARP scan on {interface}"), e);
    let start = Instant::now();
    let gap = Duration::from_secs_f64(1.0 / plan.rate.max(1) as f64);
    let mut last_sent: BTreeMap<Ipv4Addr, Instant> = BTreeMap::new();
    let mut seen = Seen::default();
    let mut sent = 0u32;
    for round in 0..=plan.retries {
        let known_before = seen.found.len();
        let pending: Vec<Ipv4Addr> = plan
            .targets
            .iter()
            .copied()
            .filter(|ip| !seen.found.contains_key(ip))
            .collect();
        if pending.is_empty() {
            break;
        }
        let mut next = Instant::now();
        for (i, &ip) in pending.iter().enumerate() {
            // Receive while waiting for the next send slot.
            while let Some((heard, at)) = link.recv_until(next).map_err(io_err)? {
                on_frame(plan, &last_sent, heard, at, &mut seen);
            }
            link.send(&ArpFrame::request(plan.our_mac, plan.source, ip).to_bytes())
                .map_err(io_err)?;
            last_sent.insert(ip, Instant::now());
            sent += 1;
            next += gap;
            if i % 16 == 0 {
                progress(plan.progress, i + 1, pending.len(), seen.found.len());
            }
        }
        // Wait for stragglers until the LAN has been quiet for a while (adapted to the round-trip
        // times seen so far), and never longer than --timeout after the last request.
        let last_send = Instant::now();
        let hard = last_send + plan.timeout;
        let mut last_event = last_send;
        // The gap changes only when an answer adds a round-trip time.
        let mut gap = quiet_gap(&seen.rtts, plan.timeout, round == plan.retries);
        loop {
            let until = (last_event + gap).min(hard);
            match link.recv_until(until).map_err(io_err)? {
                Some((heard, at)) => {
                    if on_frame(plan, &last_sent, heard, at, &mut seen) {
                        last_event = at;
                        gap = quiet_gap(&seen.rtts, plan.timeout, round == plan.retries);
                    }
                }
                None => break,
            }
        }
        // A retry that found nobody new means the silent addresses are empty, not unlucky.
        if round > 0 && seen.found.len() == known_before && !seen.rtts.is_empty() {
            break;
        }
    }
    progress(
        plan.progress,
        plan.targets.len(),
        plan.targets.len(),
        seen.found.len(),
    );
    if plan.progress {
        eprintln!();
    }
    Ok(ScanReport {
        network: network.to_string(),
        interface: interface.to_string(),
        scanned: plan.targets.len(),
        sent,
        hosts: seen.found.into_values().collect(),
        took_ms: start.elapsed().as_secs_f64() * 1000.0,
        discards: seen.discards,
    })
}

/// Whether progress may be shown (stderr is a terminal).
pub fn progress_wanted() -> bool {
    io::stderr().is_terminal()
}

impl Report for ScanReport {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let mut t = ui.table(&["Address", "MAC", "Vendor", "RTT"]);
        for h in &self.hosts {
            t.add_row([
                h.ip.to_string(),
                match h.ethernet_source {
                    Some(e) => format!("{} (Ethernet source {e})", h.mac),
                    None => h.mac.to_string(),
                },
                h.vendor.clone().unwrap_or_else(|| "-".into()),
                human_ms(h.rtt_ms),
            ]);
            // Each other MAC that answered for the address on a line of its own under the first
            // (in red, so a row of its own: a table cell has one colour).
            for d in &h.duplicates {
                t.add_row([
                    "".into(),
                    ui.cell(Paint::Bad, format!("{d} (DUPLICATE)")),
                    "".into(),
                    "".into(),
                ]);
            }
        }
        writeln!(out, "{t}")?;
        let dups = self
            .hosts
            .iter()
            .filter(|h| !h.duplicates.is_empty())
            .count();
        write!(
            out,
            "{} of {} addresses in {} answered on {} ({} requests, {})",
            self.hosts.len(),
            self.scanned,
            self.network,
            self.interface,
            self.sent,
            human_ms(self.took_ms)
        )?;
        if dups > 0 {
            write!(
                out,
                "; {} with more than one MAC",
                ui.paint(Paint::Bad, dups)
            )?;
        }
        writeln!(out)?;
        if self.discards.total() > 0 {
            writeln!(
                out,
                "Discarded {} ARP frame(s): {}",
                self.discards.total(),
                self.discards.summary()
            )?;
        }
        Ok(())
    }

    fn status(&self) -> u8 {
        if self.hosts.is_empty() {
            exit::NEGATIVE
        } else {
            exit::OK
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::rawlink::fake::FakeLan;

    #[test]
    fn finds_every_host_sorted_with_duplicates_flagged() {
        let ip = |n: u8| Ipv4Addr::new(198, 51, 100, n);
        let mut hosts: Vec<_> = (10..20)
            .map(|n| (ip(n), [0, 0x16, 0x3e, 0, 0, n], Duration::from_millis(1)))
            .collect();
        hosts.push((ip(15), [2, 0, 0, 0, 0, 15], Duration::from_millis(2)));
        // One slow host: the adaptive wait must still catch it on a retry or the final wait.
        hosts.push((ip(30), [0, 0x16, 0x3e, 0, 0, 30], Duration::from_millis(15)));
        let mut link = FakeLan::new(hosts);
        let plan = ScanPlan {
            targets: (1..=254).map(ip).filter(|&a| a != ip(2)).collect(),
            source: ip(2),
            our_mac: [0, 0x16, 0x3e, 0x12, 0x34, 0x56],
            rate: 20_000,
            retries: 2,
            timeout: Duration::from_millis(200),
            progress: false,
        };
        let r = scan(&plan, "198.51.100.0/24", "eth0", &mut link).unwrap();
        let ips: Vec<u8> = r.hosts.iter().map(|h| h.ip.octets()[3]).collect();
        assert_eq!(ips, (10..20).chain([30]).collect::<Vec<_>>());
        assert_eq!(r.hosts[5].duplicates, [Mac([2, 0, 0, 0, 0, 15])]);
        assert!(r.sent >= 253);
        assert_eq!(r.status(), exit::OK);
    }

    const US: [u8; 6] = [0, 0x16, 0x3e, 0x12, 0x34, 0x56];

    fn ip(n: u8) -> Ipv4Addr {
        Ipv4Addr::new(198, 51, 100, n)
    }

    fn small_plan(retries: u32) -> ScanPlan {
        ScanPlan {
            targets: (1..=14).map(ip).filter(|&a| a != ip(2)).collect(),
            source: ip(2),
            our_mac: US,
            rate: 20_000,
            retries,
            timeout: Duration::from_millis(40),
            progress: false,
        }
    }

    fn reply_from(n: u8, eth_src: [u8; 6], sender_mac: [u8; 6]) -> (Ipv4Addr, Vec<u8>) {
        let f = ArpFrame {
            op: crate::wire::arp_frame::REPLY,
            eth_src,
            eth_dst: US,
            sender_mac,
            sender_ip: ip(n),
            target_mac: US,
            target_ip: ip(2),
        };
        (ip(n), f.to_bytes().to_vec())
    }

    /// Issue 12: forged replies with a broadcast, multicast or zero sender MAC showed up as hosts.
    #[test]
    fn forged_senders_are_no_hosts_and_are_counted() {
        let peer = [0, 0x16, 0x3e, 0, 0, 1];
        let mut link = FakeLan::new(vec![(ip(1), peer, Duration::from_millis(1))]);
        link.forged = vec![
            reply_from(5, peer, [0xff; 6]),
            reply_from(6, peer, [0; 6]),
            reply_from(7, peer, [0x01, 0x80, 0xc2, 0, 0, 0]),
            // A second, forged MAC for the real host is no duplicate either.
            reply_from(1, peer, [0xff; 6]),
        ];
        let r = scan(&small_plan(0), "198.51.100.0/28", "eth0", &mut link).unwrap();
        let ips: Vec<Ipv4Addr> = r.hosts.iter().map(|h| h.ip).collect();
        assert_eq!(ips, [ip(1)]);
        assert!(r.hosts[0].duplicates.is_empty());
        assert_eq!(r.discards.count(Flaw::SenderBroadcast), 2);
        assert_eq!(r.discards.count(Flaw::SenderZero), 1);
        assert_eq!(r.discards.count(Flaw::SenderMulticast), 1);
        assert_eq!(r.status(), exit::OK);
    }

    /// Issue 12: `--retries 0` means exactly one request per address, and N at most N more.
    #[test]
    fn retries_count_extra_rounds_only() {
        let plan = small_plan(0);
        let mut link = FakeLan::new(vec![]);
        let r = scan(&plan, "198.51.100.0/28", "eth0", &mut link).unwrap();
        assert_eq!(r.sent as usize, plan.targets.len());
        assert_eq!(link.sent.len(), plan.targets.len());
        let mut asked: Vec<Ipv4Addr> = link.sent.iter().map(|f| f.target_ip).collect();
        asked.sort();
        assert_eq!(asked, plan.targets);
        // Two retries on a silent LAN: every address asked three times.
        let plan = small_plan(2);
        let mut link = FakeLan::new(vec![]);
        let r = scan(&plan, "198.51.100.0/28", "eth0", &mut link).unwrap();
        assert_eq!(link.sent.len(), 3 * plan.targets.len());
        assert_eq!(r.sent as usize, link.sent.len());
    }

    /// Issue 12: a flood of other MACs for one address is counted, not stored.
    #[test]
    fn duplicates_are_bounded() {
        let hosts = (0..40u8)
            .map(|n| (ip(1), [0x02, 0, 0, 0, 1, n], Duration::from_micros(100)))
            .collect();
        let mut link = FakeLan::new(hosts);
        let r = scan(&small_plan(0), "198.51.100.0/28", "eth0", &mut link).unwrap();
        assert_eq!(r.hosts.len(), 1);
        assert_eq!(r.hosts[0].duplicates.len(), MAX_DUPLICATES);
        assert_eq!(
            r.discards.count(Flaw::OverLimit),
            40 - 1 - MAX_DUPLICATES as u32
        );
    }
}
