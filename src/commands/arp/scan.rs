//! `netkit arp scan [RANGE...]`: ask every address of a set of ranges who has it, like
//! arp-scan. Paced sends (`--rate`), retries for the silent (stopping once a retry finds nobody
//! new), and a wait after each round that ends when the LAN has been quiet for about twice the
//! median round-trip time (bounded by `--timeout`), so it is both complete and fast. Each answer
//! and the scan's progress go to a [`Watch`] as they happen (the live view on a terminal).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::net::Ipv4Addr;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result, exit};
use crate::i18n::{self, Lang, t};
use crate::net::addr::Cidr;
use crate::net::hwaddr::Mac;
use crate::net::oui::vendor_of;
use crate::net::targets::Ipv4Set;
use crate::output::{Cell, Paint, Report, Ui, label_before, rate};
use crate::system::interrupt::interrupted;
use crate::system::rawlink::{ArpLink, Heard};
use crate::util::time::{human_duration, human_ms, round_ms};
use crate::wire::arp_frame::{ArpFrame, Flaw};
use crate::wire::discards::Discards;

/// Scan parameters.
#[derive(Debug, Clone)]
pub struct ScanPlan {
    /// Addresses to ask, walked in address order.
    pub targets: Ipv4Set,
    /// The ranges they come from, as CIDR blocks (for the report).
    pub ranges: Vec<Cidr>,
    /// Our IP: the sender of each request, unless one of `own` is on the target's subnet.
    pub source: Ipv4Addr,
    /// Our addresses on the interface with their subnets (first, last): a target in one of
    /// them is asked from that address, as the kernel would.
    pub own: Vec<(Ipv4Addr, Ipv4Addr, Ipv4Addr)>,
    /// Our MAC.
    pub our_mac: [u8; 6],
    /// Requests per second.
    pub rate: u32,
    /// Extra rounds for addresses that stayed silent: 0 asks each address exactly once.
    pub retries: u32,
    /// Longest wait after a round (the adaptive wait never exceeds it).
    pub timeout: Duration,
}

impl ScanPlan {
    /// The sender address for a request to `target`.
    pub fn source_for(&self, target: Ipv4Addr) -> Ipv4Addr {
        self.own
            .iter()
            .find(|&&(first, last, _)| first <= target && target <= last)
            .map_or(self.source, |&(_, _, own)| own)
    }
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
    /// Its name (a reverse lookup, with `--resolve`); None when not asked or it has none.
    pub name: Option<String>,
}

/// The answer of `netkit arp scan`.
#[derive(Debug, Serialize)]
pub struct ScanReport {
    /// Every range scanned, as CIDR blocks in address order. In JSON: `network`, what was
    /// scanned for people (the range, or the first ranges and how many more), and `ranges`.
    #[serde(flatten)]
    pub ranges: Scanned,
    /// The interface used.
    pub interface: String,
    /// Addresses asked.
    pub scanned: u64,
    /// Requests sent (with retries).
    pub sent: u64,
    /// Hosts that answered, sorted by IP.
    pub hosts: Vec<Host>,
    /// How long the scan took (reverse lookups included), in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub took_ms: f64,
    /// Whether Ctrl-C ended the scan early (the hosts are those found until then).
    pub interrupted: bool,
    /// Whether names were looked up (`--resolve`).
    pub resolved: bool,
    /// ARP frames thrown away (malformed, or from a group or zero MAC), by reason.
    #[serde(flatten)]
    pub discards: Discards<Flaw>,
}

/// Where a scan is, for a progress line.
#[derive(Debug, Clone, Copy)]
pub struct Tally {
    /// Round: 0 the first, then each retry.
    pub round: u32,
    /// Requests sent in this round.
    pub asked: u64,
    /// Requests this round sends.
    pub to_ask: u64,
    /// Hosts found.
    pub answered: usize,
    /// Requests sent in all.
    pub sent: u64,
    /// Since the scan started.
    pub elapsed: Duration,
    /// About how long the scan still takes.
    pub left: Duration,
}

impl Tally {
    /// `1200/65533 asked, 3 answered, 10000/s, 6.4 s left` (with `retry N: ` first on a retry).
    pub fn line(&self) -> String {
        let rest = if self.asked >= self.to_ask {
            t!("arp-scan-waiting")
        } else {
            t!("arp-scan-left", left = human_duration(self.left))
        };
        let line = t!(
            "arp-scan-progress",
            asked = self.asked,
            total = self.to_ask,
            answered = self.answered,
            rate = rate(self.sent, self.elapsed),
            rest = rest
        );
        if self.round > 0 {
            t!("arp-scan-progress-retry", round = self.round, line = line).to_string()
        } else {
            line.to_string()
        }
    }
}

/// Sees a scan as it happens.
pub trait Watch {
    /// A host answered for the first time.
    fn found(&mut self, _host: &Host) {}
    /// Another MAC answered for `host`, already found.
    fn duplicate(&mut self, _host: &Host, _mac: Mac) {}
    /// Called often while the scan runs (a few thousand times a second at most).
    fn tick(&mut self, _tally: &Tally) {}
}

/// Most other MACs kept per address: a flood of forged replies is only counted.
pub const MAX_DUPLICATES: usize = 16;

/// What a scan has gathered so far.
struct Seen {
    found: BTreeMap<Ipv4Addr, Host>,
    rtts: Vec<Duration>,
    discards: Discards<Flaw>,
    /// When each target was last asked, in microseconds after the start plus one (0: never).
    asked_at: Vec<u64>,
    start: Instant,
}

impl Seen {
    fn new(targets: &Ipv4Set, start: Instant) -> Self {
        Seen {
            found: BTreeMap::new(),
            rtts: Vec::new(),
            discards: Discards::default(),
            asked_at: vec![0; usize::try_from(targets.len()).unwrap_or(usize::MAX)],
            start,
        }
    }

    fn mark_asked(&mut self, index: u64, at: Instant) {
        if let Some(slot) = self.asked_at.get_mut(index as usize) {
            *slot = at.saturating_duration_since(self.start).as_micros() as u64 + 1;
        }
    }

    fn asked(&self, index: u64) -> Option<Instant> {
        match self.asked_at.get(index as usize) {
            Some(&t) if t > 0 => Some(self.start + Duration::from_micros(t - 1)),
            _ => None,
        }
    }
}

/// Records a reply to one of our requests: the first MAC per IP, later different MACs as
/// duplicates; a flawed frame only as discarded. True when it added something.
fn on_frame(
    plan: &ScanPlan,
    heard: Heard,
    at: Instant,
    seen: &mut Seen,
    watch: &mut dyn Watch,
) -> bool {
    let f = match heard {
        Ok(f) => f,
        Err(flaw) => {
            seen.discards.note(flaw);
            return false;
        }
    };
    if !f.answers(f.sender_ip, plan.source_for(f.sender_ip), plan.our_mac) {
        return false;
    }
    let Some(t) = plan
        .targets
        .index_of(f.sender_ip)
        .and_then(|i| seen.asked(i))
    else {
        return false;
    };
    let rtt = at.saturating_duration_since(t);
    let mac = Mac(f.sender_mac);
    match seen.found.get_mut(&f.sender_ip) {
        Some(h) if h.mac != mac && !h.duplicates.contains(&mac) => {
            if h.duplicates.len() >= MAX_DUPLICATES {
                seen.discards.note(Flaw::OverLimit);
                return false;
            }
            h.duplicates.push(mac);
            watch.duplicate(h, mac);
            true
        }
        Some(_) => false,
        None => {
            seen.rtts.push(rtt);
            let host = Host {
                ip: f.sender_ip,
                vendor: vendor_of(&f.sender_mac),
                mac,
                ethernet_source: (f.eth_src != f.sender_mac).then_some(Mac(f.eth_src)),
                rtt_ms: rtt.as_secs_f64() * 1000.0,
                duplicates: vec![],
                name: None,
            };
            watch.found(&host);
            seen.found.insert(f.sender_ip, host);
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

/// The longest a wait goes without a tick to its [`Watch`].
const TICK_EVERY: Duration = Duration::from_millis(100);

/// Runs a scan on `link`, telling `watch` what happens; Ctrl-C (after
/// [`crate::system::interrupt::catch`]) ends it with what was found so far.
pub fn scan(
    plan: &ScanPlan,
    interface: &str,
    link: &mut dyn ArpLink,
    watch: &mut dyn Watch,
) -> Result<ScanReport> {
    let io_err = |e: io::Error| Error::io(t!("arp-scan-io", interface = interface), e);
    let start = Instant::now();
    let per = Duration::from_secs_f64(1.0 / f64::from(plan.rate.max(1)));
    let mut seen = Seen::new(&plan.targets, start);
    let mut sent = 0u64;
    let total = plan.targets.len();
    let mut stopped = false;
    'rounds: for round in 0..=plan.retries {
        let known_before = seen.found.len();
        let to_ask = total - seen.found.len() as u64;
        if to_ask == 0 {
            break;
        }
        let mut tally = Tally {
            round,
            asked: 0,
            to_ask,
            answered: seen.found.len(),
            sent,
            elapsed: start.elapsed(),
            left: Duration::ZERO,
        };
        // After the first round, about one more for the silent when retries are left.
        let more = |asked: u64, answered: usize| {
            let rest = to_ask - asked;
            let next = if round == 0 && plan.retries > 0 {
                total.saturating_sub(answered as u64)
            } else {
                0
            };
            per.saturating_mul(u32::try_from(rest + next).unwrap_or(u32::MAX))
        };
        let mut next = Instant::now();
        for (index, ip) in plan.targets.iter().enumerate() {
            if seen.found.contains_key(&ip) {
                continue;
            }
            // Receive while waiting for the next send slot.
            while let Some((heard, at)) = link.recv_until(next).map_err(io_err)? {
                on_frame(plan, heard, at, &mut seen, watch);
            }
            if interrupted() {
                stopped = true;
                break 'rounds;
            }
            link.send(&ArpFrame::request(plan.our_mac, plan.source_for(ip), ip).to_bytes())
                .map_err(io_err)?;
            seen.mark_asked(index as u64, Instant::now());
            sent += 1;
            next += per;
            tally.asked += 1;
            if tally.asked.is_multiple_of(16) || tally.asked == to_ask {
                tally.sent = sent;
                tally.answered = seen.found.len();
                tally.elapsed = start.elapsed();
                tally.left = more(tally.asked, tally.answered);
                watch.tick(&tally);
            }
        }
        // Wait for stragglers until the LAN has been quiet for a while (adapted to the round-trip
        // times seen so far), and never longer than --timeout after the last request.
        let last_send = Instant::now();
        let hard = last_send + plan.timeout;
        let mut last_event = last_send;
        let last_round = round == plan.retries;
        // The gap changes only when an answer adds a round-trip time.
        let mut gap = quiet_gap(&seen.rtts, plan.timeout, last_round);
        loop {
            let until = (last_event + gap).min(hard);
            let now = Instant::now();
            if now >= until {
                break;
            }
            match link
                .recv_until(until.min(now + TICK_EVERY))
                .map_err(io_err)?
            {
                Some((heard, at)) if on_frame(plan, heard, at, &mut seen, watch) => {
                    last_event = at;
                    gap = quiet_gap(&seen.rtts, plan.timeout, last_round);
                }
                Some(_) => {}
                None if interrupted() => {
                    stopped = true;
                    break 'rounds;
                }
                None => {}
            }
            tally.answered = seen.found.len();
            tally.elapsed = start.elapsed();
            watch.tick(&tally);
        }
        // A retry that found nobody new means the silent addresses are empty, not unlucky.
        if round > 0 && seen.found.len() == known_before && !seen.rtts.is_empty() {
            break;
        }
    }
    Ok(ScanReport {
        ranges: Scanned(plan.ranges.clone()),
        interface: interface.to_string(),
        scanned: total,
        sent,
        hosts: seen.found.into_values().collect(),
        took_ms: start.elapsed().as_secs_f64() * 1000.0,
        interrupted: stopped,
        resolved: false,
        discards: seen.discards,
    })
}

/// Ranges for people, in the run's language: up to three, else the first three and how many
/// more.
pub fn describe(ranges: &[Cidr]) -> String {
    describe_in(ranges, i18n::current())
}

/// Ranges for people in `lang`.
fn describe_in(ranges: &[Cidr], lang: Lang) -> String {
    let separator = t!("common-list-separator").in_lang(lang);
    let join = |ranges: &[Cidr]| {
        let texts: Vec<String> = ranges.iter().map(Cidr::to_string).collect();
        texts.join(&separator)
    };
    match ranges.len() {
        0 => t!("arp-ranges-none").in_lang(lang),
        1..=3 => join(ranges),
        n => t!("arp-ranges-more", ranges = join(&ranges[..3]), more = n - 3).in_lang(lang),
    }
}

/// The ranges a scan covered, shown as [`describe`] words them, in the run's language. In
/// JSON: `network`, the same words in English (as every sentence of a report is, so that
/// `--json` is the same in every language), and `ranges`, the blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scanned(pub Vec<Cidr>);

impl std::fmt::Display for Scanned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&describe(&self.0))
    }
}

impl Serialize for Scanned {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Scanned", 2)?;
        st.serialize_field("network", &describe_in(&self.0, Lang::En))?;
        st.serialize_field("ranges", &self.0)?;
        st.end()
    }
}

impl ScanReport {
    /// The closing lines: how many answered, duplicates, discarded frames.
    pub fn write_summary(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let dups = self
            .hosts
            .iter()
            .filter(|h| !h.duplicates.is_empty())
            .count();
        let mut summary = t!(
            "arp-scan-summary",
            answered = self.hosts.len(),
            scanned = self.scanned,
            network = self.ranges.to_string(),
            interface = &self.interface,
            sent = self.sent,
            took = human_ms(self.took_ms)
        );
        if self.interrupted {
            summary = t!("arp-scan-interrupted", summary = summary);
        }
        write!(out, "{summary}")?;
        let clause = t!("common-clause-separator");
        if dups > 0 {
            let dups = t!("arp-scan-dups", count = ui.paint(Paint::Bad, dups));
            write!(out, "{clause}{dups}")?;
        }
        if self.resolved {
            let named = self.hosts.iter().filter(|h| h.name.is_some()).count();
            write!(out, "{clause}{}", t!("arp-scan-named", count = named))?;
        }
        writeln!(out)?;
        if self.discards.total() > 0 {
            let discarded = t!(
                "arp-discarded",
                count = self.discards.total(),
                reasons = self.discards.summary()
            );
            writeln!(out, "{discarded}")?;
        }
        if !self.hosts.is_empty() {
            let note = label_before(ui, Paint::Dim, t!("common-note"));
            writeln!(out, "{note}{}", t!("arp-scan-note-cache"))?;
        }
        Ok(())
    }
}

/// The MAC column of a host: its MAC, and the Ethernet source when a bridge rewrote it.
pub fn mac_cell(h: &Host) -> String {
    match h.ethernet_source {
        Some(e) => t!(
            "arp-scan-mac-via",
            mac = h.mac.to_string(),
            source = e.to_string()
        )
        .to_string(),
        None => h.mac.to_string(),
    }
}

impl Report for ScanReport {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let (vendor, rtt) = (
            t!("arp-col-vendor").to_string(),
            t!("arp-col-rtt").to_string(),
        );
        let mut headers = vec![
            t!("arp-col-address").to_string(),
            t!("arp-col-mac").to_string(),
            vendor.clone(),
            rtt.clone(),
        ];
        if self.resolved {
            headers.push(t!("arp-col-name").to_string());
        }
        let mut t = ui.table(&headers);
        t.expendable(&[&rtt, &vendor]);
        for h in &self.hosts {
            let mut row: Vec<Cell> = vec![
                h.ip.to_string().into(),
                mac_cell(h).into(),
                h.vendor.clone().unwrap_or_else(|| "-".into()).into(),
                human_ms(h.rtt_ms).into(),
            ];
            if self.resolved {
                row.push(h.name.clone().unwrap_or_else(|| "-".into()).into());
            }
            t.add_row(row);
            // Each other MAC that answered for the address on a line of its own under the first
            // (in red, so a row of its own: a table cell has one colour).
            for d in &h.duplicates {
                let mut row: Vec<Cell> = vec![
                    "".into(),
                    ui.cell(Paint::Bad, t!("arp-scan-duplicate", mac = d)),
                    "".into(),
                    "".into(),
                ];
                if self.resolved {
                    row.push("".into());
                }
                t.add_row(row);
            }
        }
        writeln!(out, "{t}")?;
        self.write_summary(ui, out)
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

    /// Issue 29 section 1: what a scan covered is a value, worded in the run's language for
    /// people and in English in JSON (it was a String worded in the run's language, so
    /// `--json` of a scan of more than one range differed between languages).
    #[test]
    fn what_was_scanned_is_english_in_json_in_every_language() {
        let ranges: Vec<Cidr> = (0..5u8)
            .map(|i| Cidr {
                addr: std::net::IpAddr::V4(Ipv4Addr::new(198, 51, 100, i * 16)),
                prefix: 28,
            })
            .collect();
        let english = describe_in(&ranges, Lang::En);
        assert_eq!(
            english,
            "198.51.100.0/28, 198.51.100.16/28, 198.51.100.32/28 and 2 more ranges"
        );
        let chinese = describe_in(&ranges, Lang::ZhCn);
        assert!(
            chinese.contains("198.51.100.0/28、198.51.100.16/28"),
            "{chinese}"
        );
        let json = serde_json::to_value(Scanned(ranges.clone())).unwrap();
        assert_eq!(json["network"], english.as_str());
        assert_eq!(json["ranges"][4], "198.51.100.64/28");
        assert_eq!(describe_in(&ranges[..1], Lang::ZhCn), "198.51.100.0/28");
        assert_eq!(describe_in(&[], Lang::ZhCn), "无");
    }

    /// A [`Watch`] that ignores everything.
    struct Quiet;

    impl Watch for Quiet {}

    #[test]
    fn finds_every_host_sorted_with_duplicates_flagged() {
        let mut hosts: Vec<_> = (10..20)
            .map(|n| (ip(n), [0, 0x16, 0x3e, 0, 0, n], Duration::from_millis(1)))
            .collect();
        hosts.push((ip(15), [2, 0, 0, 0, 0, 15], Duration::from_millis(2)));
        // One slow host: the adaptive wait must still catch it on a retry or the final wait.
        hosts.push((ip(30), [0, 0x16, 0x3e, 0, 0, 30], Duration::from_millis(15)));
        let mut link = FakeLan::new(hosts);
        let plan = ScanPlan {
            targets: range(1, 254).without(ip(2)),
            ranges: vec![Cidr {
                addr: "198.51.100.0".parse().unwrap(),
                prefix: 24,
            }],
            source: ip(2),
            own: vec![],
            our_mac: [0, 0x16, 0x3e, 0x12, 0x34, 0x56],
            rate: 20_000,
            retries: 2,
            timeout: Duration::from_millis(200),
        };
        let r = scan(&plan, "eth0", &mut link, &mut Quiet).unwrap();
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

    fn range(first: u8, last: u8) -> Ipv4Set {
        let mut b = crate::net::targets::Ipv4SetBuilder::new();
        b.add(ip(first), ip(last));
        b.build()
    }

    fn small_plan(retries: u32) -> ScanPlan {
        ScanPlan {
            targets: range(1, 14).without(ip(2)),
            ranges: vec![Cidr {
                addr: "198.51.100.0".parse().unwrap(),
                prefix: 28,
            }],
            source: ip(2),
            own: vec![],
            our_mac: US,
            rate: 20_000,
            retries,
            timeout: Duration::from_millis(40),
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
        let r = scan(&small_plan(0), "eth0", &mut link, &mut Quiet).unwrap();
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
        let r = scan(&plan, "eth0", &mut link, &mut Quiet).unwrap();
        assert_eq!(r.sent, plan.targets.len());
        assert_eq!(link.sent.len() as u64, plan.targets.len());
        let mut asked: Vec<Ipv4Addr> = link.sent.iter().map(|f| f.target_ip).collect();
        asked.sort();
        assert_eq!(asked, plan.targets.iter().collect::<Vec<_>>());
        // Two retries on a silent LAN: every address asked three times.
        let plan = small_plan(2);
        let mut link = FakeLan::new(vec![]);
        let r = scan(&plan, "eth0", &mut link, &mut Quiet).unwrap();
        assert_eq!(link.sent.len() as u64, 3 * plan.targets.len());
        assert_eq!(r.sent, link.sent.len() as u64);
    }

    /// Issue 15: a target on another of our subnets (`--localnet`) is asked from our address
    /// there, and its reply to that address is taken.
    #[test]
    fn each_subnet_is_asked_from_our_address_on_it() {
        let other = Ipv4Addr::new(192, 0, 2, 9);
        let mut link = FakeLan::new(vec![
            (other, [2, 0, 0, 0, 0, 9], Duration::from_micros(100)),
            (ip(5), [2, 0, 0, 0, 0, 5], Duration::from_micros(100)),
        ]);
        let mut b = crate::net::targets::Ipv4SetBuilder::new();
        b.add(Ipv4Addr::new(192, 0, 2, 1), Ipv4Addr::new(192, 0, 2, 14));
        b.add(ip(1), ip(14));
        let mut plan = small_plan(0);
        plan.targets = b.build().without(ip(2));
        plan.own = vec![(
            Ipv4Addr::new(192, 0, 2, 0),
            Ipv4Addr::new(192, 0, 2, 15),
            Ipv4Addr::new(192, 0, 2, 5),
        )];
        let r = scan(&plan, "eth0", &mut link, &mut Quiet).unwrap();
        let found: Vec<Ipv4Addr> = r.hosts.iter().map(|h| h.ip).collect();
        assert_eq!(found, [other, ip(5)]);
        for f in &link.sent {
            let want = if f.target_ip.octets()[0] == 192 {
                Ipv4Addr::new(192, 0, 2, 5)
            } else {
                ip(2)
            };
            assert_eq!(f.sender_ip, want, "{f:?}");
        }
    }

    /// Issue 12: a flood of other MACs for one address is counted, not stored.
    #[test]
    fn duplicates_are_bounded() {
        let hosts = (0..40u8)
            .map(|n| (ip(1), [0x02, 0, 0, 0, 1, n], Duration::from_micros(100)))
            .collect();
        let mut link = FakeLan::new(hosts);
        let r = scan(&small_plan(0), "eth0", &mut link, &mut Quiet).unwrap();
        assert_eq!(r.hosts.len(), 1);
        assert_eq!(r.hosts[0].duplicates.len(), MAX_DUPLICATES);
        assert_eq!(
            r.discards.count(Flaw::OverLimit),
            40 - 1 - MAX_DUPLICATES as u32
        );
    }
}
