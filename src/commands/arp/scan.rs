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
use crate::system::rawlink::ArpLink;
use crate::wire::arp_frame::ArpFrame;

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
    /// Extra rounds for addresses that stayed silent.
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
    /// Its MAC (the first that answered).
    pub mac: Mac,
    /// The MAC's vendor.
    pub vendor: Option<String>,
    /// Round-trip time of the first answer, in milliseconds.
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
    /// Wall time of the scan in milliseconds.
    pub elapsed_ms: f64,
}

fn progress(on: bool, done: usize, total: usize, found: usize) {
    if on {
        eprint!("\rscanning: {done}/{total} asked, {found} answered   ");
    }
}

/// Records a reply to one of our requests: the first MAC per IP, later different MACs as duplicates.
fn on_frame(
    plan: &ScanPlan,
    last_sent: &BTreeMap<Ipv4Addr, Instant>,
    f: ArpFrame,
    at: Instant,
    found: &mut BTreeMap<Ipv4Addr, Host>,
    rtts: &mut Vec<Duration>,
) -> bool {
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
    let mut found: BTreeMap<Ipv4Addr, Host> = BTreeMap::new();
    let mut rtts: Vec<Duration> = Vec::new();
    let mut sent = 0u32;
    for round in 0..=plan.retries {
        let known_before = found.len();
        let pending: Vec<Ipv4Addr> = plan
            .targets
            .iter()
            .copied()
            .filter(|ip| !found.contains_key(ip))
            .collect();
        if pending.is_empty() {
            break;
        }
        let mut next = Instant::now();
        for (i, &ip) in pending.iter().enumerate() {
            // Receive while waiting for the next send slot.
            while let Some((f, at)) = link.recv_until(next).map_err(io_err)? {
                on_frame(plan, &last_sent, f, at, &mut found, &mut rtts);
            }
            link.send(&ArpFrame::request(plan.our_mac, plan.source, ip).to_bytes())
                .map_err(io_err)?;
            last_sent.insert(ip, Instant::now());
            sent += 1;
            next += gap;
            if i % 16 == 0 {
                progress(plan.progress, i + 1, pending.len(), found.len());
            }
        }
        // Wait for stragglers until the LAN has been quiet for a while (adapted to the round-trip
        // times seen so far), and never longer than --timeout after the last request.
        let last_send = Instant::now();
        let hard = last_send + plan.timeout;
        let mut last_event = last_send;
        // The gap changes only when an answer adds a round-trip time.
        let mut gap = quiet_gap(&rtts, plan.timeout, round == plan.retries);
        loop {
            let until = (last_event + gap).min(hard);
            match link.recv_until(until).map_err(io_err)? {
                Some((f, at)) => {
                    if on_frame(plan, &last_sent, f, at, &mut found, &mut rtts) {
                        last_event = at;
                        gap = quiet_gap(&rtts, plan.timeout, round == plan.retries);
                    }
                }
                None => break,
            }
        }
        // A retry that found nobody new means the silent addresses are empty, not unlucky.
        if round > 0 && found.len() == known_before && !rtts.is_empty() {
            break;
        }
    }
    progress(
        plan.progress,
        plan.targets.len(),
        plan.targets.len(),
        found.len(),
    );
    if plan.progress {
        eprintln!();
    }
    Ok(ScanReport {
        network: network.to_string(),
        interface: interface.to_string(),
        scanned: plan.targets.len(),
        sent,
        hosts: found.into_values().collect(),
        elapsed_ms: start.elapsed().as_secs_f64() * 1000.0,
    })
}

/// Whether progress may be shown (stderr is a terminal).
pub fn progress_wanted() -> bool {
    io::stderr().is_terminal()
}

impl Report for ScanReport {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let mut t = ui.table(&["IP", "MAC", "Vendor", "RTT"]);
        for h in &self.hosts {
            t.add_row([
                h.ip.to_string(),
                h.mac.to_string(),
                h.vendor.clone().unwrap_or_default(),
                format!("{:.3} ms", h.rtt_ms),
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
            "{} of {} addresses in {} answered on {} ({} requests, {:.0} ms)",
            self.hosts.len(),
            self.scanned,
            self.network,
            self.interface,
            self.sent,
            self.elapsed_ms
        )?;
        if dups > 0 {
            write!(
                out,
                "; {} with more than one MAC",
                ui.paint(Paint::Bad, dups)
            )?;
        }
        writeln!(out)
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
}
