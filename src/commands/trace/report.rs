//! From the probes of a trace to what `netkit trace` prints: one line per hop (address(es),
//! loss, sent, last/avg/best/worst/stdev, as mtr's report), where the path ends, and the verdict.
//! Pure: tested on made-up probes.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::error::exit;
use crate::i18n::{Arg, Message, t};
use crate::net::addr::{Family, Span};
use crate::net::block::SubnetCheck;
use crate::net::classify::{AddrKind, classify};
use crate::net::hwaddr::Mac;
use crate::net::oui::vendor_of;
use crate::output::{Cell, Paint, Report, Table, Ui, write_mask_arithmetic};
use crate::system::icmp::SocketKind;
use crate::system::tracer::{Answer, Method, ProbeRecord, Run, TraceConfig};
use crate::util::time::{human_ms, round_ms, round_ms_opt};
use crate::wire::icmp_echo::IcmpError;

/// One address that answered at a hop, and how many times.
#[derive(Debug, Clone, Serialize)]
pub struct HopAddress {
    /// Who answered.
    pub address: IpAddr,
    /// Its reverse name (null: none, not back in time, or --no-dns).
    pub name: Option<String>,
    /// What kind of address it is (private, cgnat, public, documentation...), as `subnet info`
    /// names it.
    pub kind: AddrKind,
    /// How many probes it answered.
    pub answers: u32,
}

/// How the packet left this host: the route to DEST, its mask arithmetic and the gateway's MAC,
/// which explain hop 1 (as `route get` explains a route).
#[derive(Debug, Clone, Serialize)]
pub struct FirstHop {
    /// The outgoing interface.
    pub interface: Option<String>,
    /// The mask arithmetic (null: the interface has no address of DEST's family).
    pub subnet: Option<SubnetCheck>,
    /// The gateway (null: DEST is on the link, hop 1 is DEST itself).
    pub gateway: Option<IpAddr>,
    /// The next hop's MAC from the neighbour table (null: not there).
    pub mac: Option<Mac>,
    /// The vendor of that MAC (null: unknown or not registered).
    pub vendor: Option<String>,
    /// The decision in plain words.
    pub explanation: Message,
}

impl FirstHop {
    /// DEST is an address of this host: the kernel delivers the packet itself, on `dev`.
    pub fn local(target: IpAddr, dev: String) -> FirstHop {
        FirstHop {
            explanation: t!("trace-first-local", target = target, interface = &dev),
            interface: Some(dev),
            subnet: None,
            gateway: None,
            mac: None,
            vendor: None,
        }
    }

    /// Explains the route the kernel picked toward `target`.
    pub fn new(
        target: IpAddr,
        interface: Option<String>,
        subnet: Option<SubnetCheck>,
        gateway: Option<IpAddr>,
        mac: Option<Mac>,
    ) -> FirstHop {
        let dev = interface.as_deref().unwrap_or("?");
        let next = gateway.unwrap_or(target);
        let vendor = mac.and_then(|m| vendor_of(&m.0));
        let mac_words: Arg = match (mac, &vendor) {
            (Some(m), Some(v)) => t!("trace-first-mac-vendor", mac = m, vendor = v).into(),
            (Some(m), None) => t!("trace-first-mac", mac = m).into(),
            (None, _) => "".into(),
        };
        let explanation = match (gateway, &subnet) {
            (Some(gw), Some(s)) if !s.same_subnet => t!(
                "trace-first-via-gateway-subnet",
                target = target,
                subnet = s.source_network.to_string(),
                gateway = gw,
                mac = mac_words,
                interface = dev
            ),
            (Some(gw), _) => t!(
                "trace-first-via-gateway",
                target = target,
                gateway = gw,
                mac = mac_words,
                interface = dev
            ),
            (None, Some(s)) if s.same_subnet => t!(
                "trace-first-direct-subnet",
                target = target,
                subnet = s.source_network.to_string(),
                mac = mac_words,
                interface = dev,
                next = next
            ),
            (None, _) => t!(
                "trace-first-on-link",
                target = target,
                interface = dev,
                mac = mac_words,
                next = next
            ),
        };
        FirstHop {
            interface,
            subnet,
            gateway,
            mac,
            vendor,
            explanation,
        }
    }
}

/// What an address of `kind` on a path means, in a few words.
fn kind_note(kind: AddrKind, address: IpAddr) -> String {
    match kind {
        AddrKind::Private => t!("trace-kind-private").to_string(),
        AddrKind::Cgnat => t!("trace-kind-cgnat").to_string(),
        AddrKind::Public => t!("trace-kind-public").to_string(),
        AddrKind::UniqueLocal => t!("trace-kind-unique-local").to_string(),
        AddrKind::Documentation => t!("trace-kind-documentation").to_string(),
        _ => {
            let bits = if address.is_ipv4() { 32 } else { 128 };
            let description = classify(&Span::of_block(&address, bits)).description;
            // The line starts with the kind already ("loopback: ..."): say it once.
            let prefix = format!("{kind}: ");
            description
                .strip_prefix(prefix.as_str())
                .unwrap_or(description)
                .into()
        }
    }
}

/// The kind of `address`, as `subnet info` classifies it.
pub fn kind_of(address: IpAddr) -> AddrKind {
    let bits = if address.is_ipv4() { 32 } else { 128 };
    classify(&Span::of_block(&address, bits)).kind
}

/// One hop: every probe sent with its TTL.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    /// The TTL / hop limit.
    pub ttl: u8,
    /// Who answered, in order of first answer (several when load balancing shows them).
    pub addresses: Vec<HopAddress>,
    /// Probes sent.
    pub sent: u32,
    /// Probes answered.
    pub received: u32,
    /// Probes not answered, in percent of those sent.
    #[serde(serialize_with = "round_ms")]
    pub loss_percent: f64,
    /// The last answer's round trip (null: none).
    #[serde(serialize_with = "round_ms_opt")]
    pub last_ms: Option<f64>,
    /// Mean round trip (null: none).
    #[serde(serialize_with = "round_ms_opt")]
    pub avg_ms: Option<f64>,
    /// Fastest (null: none).
    #[serde(serialize_with = "round_ms_opt")]
    pub best_ms: Option<f64>,
    /// Slowest (null: none).
    #[serde(serialize_with = "round_ms_opt")]
    pub worst_ms: Option<f64>,
    /// Standard deviation of the round trips (null: none).
    #[serde(serialize_with = "round_ms_opt")]
    pub stdev_ms: Option<f64>,
    /// What the last answer was (null: no answer).
    pub answer: Option<Answer>,
    /// Why nothing answered here (null when something did).
    pub silence: Option<Message>,
}

/// Where the trace ended, and why.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Verdict {
    /// DEST answered at `hop`.
    Reached {
        /// Its TTL.
        hop: u8,
    },
    /// A router said DEST cannot be reached.
    Unreachable {
        /// The router's hop: the first TTL it answered (as a router on the way, or with this
        /// error), where the table shows it first.
        hop: u8,
        /// The TTL of the probes it answered with the error (one more than `hop` when it
        /// forwarded them toward DEST and then gave up, as with a host missing from its link).
        probe_hop: u8,
        /// The router.
        from: IpAddr,
        /// What it said.
        error: IcmpError,
    },
    /// Nothing answered past `last_answer` (null: nothing answered at all), up to `max_hops`.
    NoAnswer {
        /// The last hop that answered.
        last_answer: Option<u8>,
        /// The largest TTL tried.
        max_hops: u8,
    },
}

/// The answer of `netkit trace DEST`.
#[derive(Debug, Serialize)]
pub struct TraceReport {
    /// DEST as typed.
    pub destination: String,
    /// The address traced.
    pub address: IpAddr,
    /// ipv4 or ipv6.
    pub family: Family,
    /// icmp, udp or tcp.
    pub protocol: Method,
    /// UDP/TCP destination port (null: ICMP, or UDP's port counting up per probe).
    pub port: Option<u16>,
    /// raw (CAP_NET_RAW) or datagram (unprivileged ICMP).
    pub socket: SocketKind,
    /// Rounds asked for.
    pub rounds: usize,
    /// Ctrl-C ended the trace before all rounds.
    pub interrupted: bool,
    /// How the packet left this host: hop 1 explained (null: not known, or -I given).
    pub first_hop: Option<FirstHop>,
    /// The hops from --first-hop to where the path ends.
    pub hops: Vec<Hop>,
    /// Where and why the trace ended.
    pub verdict: Verdict,
    /// What DEST really means, when it is not what it seems (null: it is what it seems).
    pub note: Option<crate::i18n::Message>,
    /// Every probe sent, with its answer.
    pub probes: Vec<ProbeRecord>,
    /// How long the trace took.
    #[serde(serialize_with = "round_ms")]
    pub took_ms: f64,
    /// While the trace runs (a live view): the rounds finished so far (then the verdict is not
    /// shown yet).
    #[serde(skip)]
    pub running: Option<usize>,
}

/// Where the path ends: the first TTL at which DEST answered, else the first at which a router
/// said "unreachable" (higher TTLs reach only that router), else the last that answered.
fn verdict(probes: &[ProbeRecord], target: IpAddr, max_hops: u8) -> Verdict {
    let answered = || probes.iter().filter(|p| p.from.is_some());
    if let Some(hop) = answered()
        .filter(|p| p.from == Some(target))
        .map(|p| p.ttl)
        .min()
    {
        return Verdict::Reached { hop };
    }
    let refused = answered()
        .filter_map(|p| match (p.answer, p.from) {
            (Some(Answer::Unreachable(error)), Some(from)) => Some((p.ttl, from, error)),
            _ => None,
        })
        .min_by_key(|(ttl, _, _)| *ttl);
    if let Some((probe_hop, from, error)) = refused {
        let hop = answered()
            .filter(|p| p.from == Some(from))
            .map(|p| p.ttl)
            .min()
            .unwrap_or(probe_hop);
        return Verdict::Unreachable {
            hop,
            probe_hop,
            from,
            error,
        };
    }
    Verdict::NoAnswer {
        last_answer: answered().map(|p| p.ttl).max(),
        max_hops,
    }
}

/// The line for `ttl`, from the probes sent with it; `later_answered`: a hop past it answered.
fn hop(
    ttl: u8,
    probes: &[ProbeRecord],
    later_answered: bool,
    names: &dyn Fn(IpAddr) -> Option<String>,
) -> Hop {
    let mine: Vec<&ProbeRecord> = probes.iter().filter(|p| p.ttl == ttl).collect();
    let mut addresses: Vec<HopAddress> = Vec::new();
    let mut rtts = Vec::new();
    let (mut last_ms, mut answer) = (None, None);
    for p in &mine {
        let (Some(from), Some(rtt)) = (p.from, p.rtt_ms) else {
            continue;
        };
        match addresses.iter_mut().find(|a| a.address == from) {
            Some(a) => a.answers += 1,
            None => addresses.push(HopAddress {
                address: from,
                name: names(from),
                kind: kind_of(from),
                answers: 1,
            }),
        }
        rtts.push(rtt);
        last_ms = Some(rtt);
        answer = p.answer;
    }
    let sent = mine.len() as u32;
    let received = rtts.len() as u32;
    let n = rtts.len() as f64;
    let avg = (!rtts.is_empty()).then(|| rtts.iter().sum::<f64>() / n);
    Hop {
        ttl,
        addresses,
        sent,
        received,
        loss_percent: if sent == 0 {
            0.0
        } else {
            f64::from(sent - received) * 100.0 / f64::from(sent)
        },
        last_ms,
        avg_ms: avg,
        best_ms: rtts.iter().copied().reduce(f64::min),
        worst_ms: rtts.iter().copied().reduce(f64::max),
        stdev_ms: avg.map(|a| (rtts.iter().map(|r| (r - a) * (r - a)).sum::<f64>() / n).sqrt()),
        answer,
        silence: (received == 0).then(|| {
            if later_answered {
                t!("trace-silent-forwards")
            } else {
                t!("trace-silent")
            }
        }),
    }
}

/// Builds the report from a finished (or interrupted) run; `names` gives the reverse names come
/// back so far. `first_hop` and `running` are for the caller to fill in.
pub fn build(
    destination: String,
    config: &TraceConfig,
    run: Run,
    took_ms: f64,
    names: &dyn Fn(IpAddr) -> Option<String>,
) -> TraceReport {
    let verdict = verdict(&run.probes, config.target, config.max_hops);
    let end = match verdict {
        Verdict::Reached { hop } => hop,
        Verdict::Unreachable { probe_hop, .. } => probe_hop,
        Verdict::NoAnswer { last_answer, .. } => last_answer.unwrap_or(0),
    };
    let hops = (config.first_hop..=end)
        .map(|ttl| {
            let later = run
                .probes
                .iter()
                .any(|p| p.ttl > ttl && p.ttl <= end && p.from.is_some());
            hop(ttl, &run.probes, later, names)
        })
        .collect();
    TraceReport {
        destination,
        address: config.target,
        family: Family::of(&config.target),
        protocol: config.method,
        port: config.port,
        socket: run.socket,
        rounds: config.rounds,
        interrupted: run.interrupted,
        hops,
        verdict,
        probes: run.probes,
        took_ms,
        first_hop: None,
        note: None,
        running: None,
    }
}

/// How many silent TTLs at the end of a trace (up to --max-hops) suggest a filter, rather than
/// --max-hops stopping short among routers that forward without answering.
const FILTER_EVIDENCE: u8 = 3;

/// traceroute's mark for an "unreachable" answer (`!H` host, `!N` network, `!X` prohibited...).
fn unreachable_mark(error: IcmpError) -> &'static str {
    match error {
        IcmpError::HostUnreachable => "!H",
        IcmpError::NetUnreachable => "!N",
        IcmpError::Prohibited => "!X",
        IcmpError::ProtocolUnreachable => "!P",
        IcmpError::PacketTooBig => "!F",
        IcmpError::PortUnreachable => "!U",
        _ => "!",
    }
}

/// What an "unreachable" from a router on the way means, in a few words.
fn meaning(error: IcmpError) -> Message {
    match error {
        IcmpError::NetUnreachable => t!("trace-means-net"),
        IcmpError::HostUnreachable => t!("trace-means-host"),
        IcmpError::Prohibited => t!("trace-means-prohibited"),
        IcmpError::ProtocolUnreachable => t!("trace-means-protocol"),
        IcmpError::PacketTooBig => t!("trace-means-too-big"),
        _ => t!("trace-means-other"),
    }
}

/// A loss percentage: `0%`, `100%`, `33.3%`.
fn percent(p: f64) -> String {
    let text = format!("{p:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_string() + "%"
}

impl TraceReport {
    /// The verdict line.
    fn verdict_line(&self, ui: &Ui) -> String {
        match &self.verdict {
            Verdict::Reached { hop } => ui.paint(
                Paint::Good,
                t!("trace-reached", address = self.address, hop = *hop),
            ),
            Verdict::Unreachable {
                hop,
                probe_hop,
                from,
                error,
            } => {
                let said = if probe_hop == hop {
                    t!(
                        "trace-unreachable",
                        from = from,
                        hop = *hop,
                        error = error.words(),
                        meaning = meaning(*error)
                    )
                } else {
                    t!(
                        "trace-unreachable-for",
                        from = from,
                        hop = *hop,
                        error = error.words(),
                        probe_hop = *probe_hop,
                        meaning = meaning(*error)
                    )
                };
                ui.paint(Paint::Warn, said)
            }
            Verdict::NoAnswer {
                last_answer,
                max_hops,
            } => {
                if let Some(h) = last_answer.filter(|h| h == max_hops) {
                    let said = t!("trace-max-hops", max = *max_hops, hop = h);
                    return ui.paint(Paint::Warn, said);
                }
                let silent = max_hops - last_answer.unwrap_or(self.first_ttl() - 1);
                let why = if silent >= FILTER_EVIDENCE {
                    self.filter_hint()
                } else {
                    t!("trace-why-silent-routers")
                };
                let said = match last_answer {
                    Some(h) => t!("trace-no-answer-past", hop = *h, max = *max_hops, why = why),
                    None => t!("trace-no-answer", max = *max_hops, why = why),
                };
                ui.paint(Paint::Warn, said)
            }
        }
    }

    /// The first TTL probed.
    fn first_ttl(&self) -> u8 {
        self.probes.iter().map(|p| p.ttl).min().unwrap_or(1)
    }

    /// What to try when the probes vanish: filters often drop one protocol only.
    fn filter_hint(&self) -> Message {
        match self.protocol {
            Method::Icmp => t!("trace-why-filter-icmp"),
            Method::Udp => t!("trace-why-filter-udp"),
            Method::Tcp => t!("trace-why-filter-tcp"),
        }
    }

    /// The table of hops.
    fn table(&self, ui: &Ui) -> Table {
        let headers = [
            t!("trace-col-hop"),
            t!("trace-col-address"),
            t!("trace-col-kind"),
            t!("trace-col-loss"),
            t!("trace-col-sent"),
            t!("trace-col-last"),
            t!("trace-col-avg"),
            t!("trace-col-best"),
            t!("trace-col-worst"),
            t!("trace-col-stdev"),
        ]
        .map(|h| h.to_string());
        let mut t = ui.table(&headers);
        // On a narrow terminal mtr's columns go first: the address, loss and average stay.
        let [_, _, kind, _, sent, last, _, best, worst, stdev] = &headers;
        t.expendable(&[stdev, kind, best, worst, sent, last]);
        let ms = |v: Option<f64>| v.map_or("-".to_string(), human_ms);
        for h in &self.hops {
            let (address, kind) = if h.addresses.is_empty() {
                (ui.cell(Paint::Dim, "*"), Cell::from(""))
            } else {
                let lines = |f: &dyn Fn(&HopAddress) -> String| {
                    h.addresses.iter().map(f).collect::<Vec<_>>().join("\n")
                };
                // traceroute's mark after the address that said "unreachable" (not DEST's own
                // "port unreachable", which means reached).
                let mark = match h.answer {
                    Some(Answer::Unreachable(e)) if !matches!(self.verdict, Verdict::Reached { hop } if hop == h.ttl) =>
                    {
                        format!(" {}", unreachable_mark(e))
                    }
                    _ => String::new(),
                };
                (
                    Cell::from(lines(&|a| match &a.name {
                        Some(n) => format!("{n} ({}){mark}", a.address),
                        None => format!("{}{mark}", a.address),
                    })),
                    Cell::from(lines(&|a| a.kind.to_string()).to_string()),
                )
            };
            t.add_row([
                Cell::from(h.ttl.to_string()),
                address,
                kind,
                Cell::from(percent(h.loss_percent).to_string()),
                Cell::from(h.sent.to_string()),
                Cell::from(ms(h.last_ms).to_string()),
                Cell::from(ms(h.avg_ms).to_string()),
                Cell::from(ms(h.best_ms).to_string()),
                Cell::from(ms(h.worst_ms).to_string()),
                Cell::from(ms(h.stdev_ms).to_string()),
            ]);
        }
        t
    }

    /// One line per kind of address on the path: what it means.
    fn kind_notes(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut seen: Vec<AddrKind> = Vec::new();
        for a in self.hops.iter().flat_map(|h| &h.addresses) {
            if !seen.contains(&a.kind) {
                seen.push(a.kind);
                let note = t!(
                    "trace-kind-note",
                    kind = a.kind.to_string(),
                    meaning = kind_note(a.kind, a.address)
                );
                writeln!(out, "{note}")?;
            }
        }
        Ok(())
    }

    /// Hop 1 explained: the decision, then the mask arithmetic.
    fn first_hop_notes(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let Some(f) = &self.first_hop else {
            return Ok(());
        };
        writeln!(out, "{}", t!("trace-hop-1", explanation = &f.explanation))?;
        if let Some(s) = &f.subnet {
            write_mask_arithmetic(ui, out, s, self.address)?;
        }
        Ok(())
    }
}

impl Report for TraceReport {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let protocol = match self.protocol {
            Method::Icmp => t!("trace-icmp-echo").to_string(),
            Method::Udp => "UDP".to_string(),
            Method::Tcp => "TCP SYN".to_string(),
        };
        let header = match self.port {
            Some(port) => t!(
                "trace-header-port",
                destination = &self.destination,
                address = self.address,
                protocol = protocol,
                port = port,
                rounds = self.rounds
            ),
            None => t!(
                "trace-header",
                destination = &self.destination,
                address = self.address,
                protocol = protocol,
                rounds = self.rounds
            ),
        };
        writeln!(out, "{header}")?;
        if !self.hops.is_empty() {
            writeln!(out, "{}", self.table(ui))?;
        }
        if let Some(done) = self.running {
            let line = t!("trace-running", done = done, rounds = self.rounds);
            return writeln!(out, "{}", ui.paint(Paint::Dim, line));
        }
        for h in &self.hops {
            if let Some(why) = &h.silence {
                let line = t!("trace-silent-hop", hop = h.ttl, why = why);
                writeln!(out, "{}", ui.paint(Paint::Dim, line))?;
            }
        }
        self.kind_notes(out)?;
        self.first_hop_notes(ui, out)?;
        if let Some(note) = &self.note {
            writeln!(out, "{note}")?;
        }
        writeln!(out, "{}", self.verdict_line(ui))?;
        if self.interrupted {
            writeln!(out, "{}", ui.paint(Paint::Dim, t!("trace-interrupted")))?;
        }
        Ok(())
    }

    fn status(&self) -> u8 {
        match self.verdict {
            Verdict::Reached { .. } => exit::OK,
            _ => exit::NEGATIVE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const TARGET: &str = "192.0.2.14";

    fn config() -> TraceConfig {
        TraceConfig {
            target: TARGET.parse().unwrap(),
            method: Method::Icmp,
            port: None,
            rounds: 2,
            first_hop: 1,
            max_hops: 30,
            timeout: Duration::from_secs(1),
            interval: Duration::from_secs(1),
            interface: None,
            scope_id: 0,
        }
    }

    fn probe(round: usize, ttl: u8, from: Option<&str>, answer: Answer, rtt: f64) -> ProbeRecord {
        ProbeRecord {
            round,
            ttl,
            from: from.map(|f| f.parse().unwrap()),
            answer: from.map(|_| answer),
            rtt_ms: from.map(|_| rtt),
        }
    }

    fn report(probes: Vec<ProbeRecord>) -> TraceReport {
        let run = Run {
            probes,
            socket: SocketKind::Raw,
            interrupted: false,
        };
        build(TARGET.into(), &config(), run, 1.0, &|_| None)
    }

    fn text(r: &TraceReport) -> String {
        let mut out = Vec::new();
        r.human(&Ui::plain(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Two rounds over three hops, the middle one silent: hop 3 (DEST) ends the path even
    /// though probes with larger TTLs reached DEST too; the silent hop forwards.
    #[test]
    fn reached_with_a_silent_hop() {
        use Answer::*;
        let mut probes = Vec::new();
        for round in 1..=2 {
            let r = round as f64;
            probes.push(probe(round, 1, Some("198.51.100.1"), TtlExceeded, r));
            probes.push(probe(round, 2, None, TtlExceeded, 0.0));
            probes.push(probe(round, 3, Some(TARGET), EchoReply, 2.0 + r));
            probes.push(probe(round, 4, Some(TARGET), EchoReply, 9.0));
        }
        let r = report(probes);
        assert!(matches!(r.verdict, Verdict::Reached { hop: 3 }));
        assert_eq!(r.status(), 0);
        assert_eq!(r.hops.len(), 3);
        let h1 = &r.hops[0];
        assert_eq!((h1.sent, h1.received, h1.loss_percent), (2, 2, 0.0));
        assert_eq!(
            (h1.last_ms, h1.avg_ms, h1.best_ms, h1.worst_ms, h1.stdev_ms),
            (Some(2.0), Some(1.5), Some(1.0), Some(2.0), Some(0.5))
        );
        assert_eq!(h1.addresses[0].answers, 2);
        let h2 = &r.hops[1];
        assert_eq!((h2.received, h2.loss_percent), (0, 100.0));
        assert!(
            h2.silence
                .as_ref()
                .unwrap()
                .english()
                .starts_with("forwards")
        );
        assert_eq!(h2.avg_ms, None);
        let t = text(&r);
        assert!(
            t.contains("\n* hop 2: forwards but does not answer probes (common, not a fault)\n"),
            "{t}"
        );
        assert!(t.ends_with("reached 192.0.2.14 at hop 3\n"), "{t}");
    }

    /// Two addresses at one hop (load balancing) are both listed, with their names and kinds;
    /// each kind on the path is explained once, CGNAT as the provider's NAT.
    #[test]
    fn several_addresses_names_and_kinds() {
        use Answer::*;
        let probes = vec![
            probe(1, 1, Some("192.168.1.1"), TtlExceeded, 1.0),
            probe(1, 2, Some("100.64.0.1"), TtlExceeded, 2.0),
            probe(2, 1, Some("192.168.1.1"), TtlExceeded, 1.0),
            probe(2, 2, Some("100.64.0.2"), TtlExceeded, 2.0),
            probe(1, 3, Some(TARGET), EchoReply, 3.0),
            probe(2, 3, Some(TARGET), EchoReply, 3.0),
        ];
        let run = Run {
            probes,
            socket: SocketKind::Raw,
            interrupted: false,
        };
        let names = |ip: IpAddr| (ip.to_string() == "100.64.0.2").then(|| "cgn-b.isp.test".into());
        let r = build(TARGET.into(), &config(), run, 1.0, &names);
        let h2 = &r.hops[1];
        let got: Vec<_> = h2
            .addresses
            .iter()
            .map(|a| (a.address.to_string(), a.name.clone(), a.kind, a.answers))
            .collect();
        assert_eq!(
            got,
            [
                ("100.64.0.1".into(), None, AddrKind::Cgnat, 1),
                (
                    "100.64.0.2".into(),
                    Some("cgn-b.isp.test".into()),
                    AddrKind::Cgnat,
                    1
                )
            ]
        );
        assert_eq!(r.hops[0].addresses[0].kind, AddrKind::Private);
        let t = text(&r);
        assert!(t.contains("cgn-b.isp.test (100.64.0.2)"), "{t}");
        assert!(
            t.contains("\ncgnat: your provider's NAT: carrier-grade NAT's shared address space"),
            "{t}"
        );
        assert!(t.contains("\nprivate: a private network's router"), "{t}");
        assert_eq!(t.matches("\ndocumentation: ").count(), 1, "{t}");
    }

    /// Hop 1 explained: off the subnet, so the gateway, with its MAC and vendor.
    #[test]
    fn first_hop_through_the_gateway() {
        use crate::net::addr::Cidr;
        let target: IpAddr = TARGET.parse().unwrap();
        let subnet = SubnetCheck {
            source: Cidr {
                addr: "198.51.100.2".parse().unwrap(),
                prefix: 24,
            },
            netmask: "255.255.255.0".parse().unwrap(),
            source_network: Cidr {
                addr: "198.51.100.0".parse().unwrap(),
                prefix: 24,
            },
            destination_network: Cidr {
                addr: "192.0.2.0".parse().unwrap(),
                prefix: 24,
            },
            same_subnet: false,
        };
        let mac = Mac([0x00, 0x16, 0x3e, 0, 0, 1]);
        let f = FirstHop::new(
            target,
            Some("eth0".into()),
            Some(subnet),
            Some("198.51.100.1".parse().unwrap()),
            Some(mac),
        );
        assert_eq!(
            f.explanation.english(),
            "192.0.2.14 is not on this host's subnet 198.51.100.0/24: the packet went to the \
             gateway 198.51.100.1 (MAC 00:16:3e:00:00:01, Xensource, Inc.) on eth0, which is hop 1."
        );
        let mut r = report(vec![probe(1, 1, Some(TARGET), Answer::EchoReply, 1.0)]);
        r.first_hop = Some(f);
        let t = text(&r);
        assert!(
            t.contains(
                "  198.51.100.2  AND 255.255.255.0  =  198.51.100.0/24   (this host)\n  \
                 192.0.2.14    AND 255.255.255.0  =  192.0.2.0/24      (destination)\n  \
                 → different subnets\n"
            ),
            "{t}"
        );
    }

    #[test]
    fn net_unreachable_ends_the_path_at_that_router() {
        use Answer::*;
        let net = Unreachable(IcmpError::NetUnreachable);
        let r = report(vec![
            probe(1, 1, Some("198.51.100.1"), TtlExceeded, 1.0),
            probe(1, 2, Some("192.0.2.2"), net, 2.0),
            probe(1, 3, Some("192.0.2.2"), net, 2.0),
            probe(1, 4, None, net, 0.0),
        ]);
        assert!(matches!(
            r.verdict,
            Verdict::Unreachable {
                hop: 2,
                error: IcmpError::NetUnreachable,
                ..
            }
        ));
        assert_eq!(r.status(), 1);
        assert_eq!(r.hops.len(), 2);
        let t = text(&r);
        assert!(
            t.contains(
                "not reached: 192.0.2.2 (hop 2) answered Destination Net Unreachable: it has no \
                 route to DEST's network"
            ),
            "{t}"
        );
    }

    /// Port unreachable from DEST itself (UDP to a closed port) means reached.
    #[test]
    fn port_unreachable_from_dest_is_reached() {
        let r = report(vec![probe(
            1,
            1,
            Some(TARGET),
            Answer::Unreachable(IcmpError::PortUnreachable),
            1.0,
        )]);
        assert!(matches!(r.verdict, Verdict::Reached { hop: 1 }));
    }

    #[test]
    fn silence_everywhere() {
        let r = report(vec![probe(1, 1, None, Answer::EchoReply, 0.0)]);
        assert!(matches!(
            r.verdict,
            Verdict::NoAnswer {
                last_answer: None,
                max_hops: 30
            }
        ));
        assert!(r.hops.is_empty());
        assert_eq!(r.status(), 1);
        assert!(text(&r).contains("not reached: no answer at any hop up to 30"));
    }
}
