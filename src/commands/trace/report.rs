//! From the probes of a trace to what `netkit trace` prints: one line per hop (address(es),
//! loss, sent, last/avg/best/worst/stdev, as mtr's report), where the path ends, and the verdict.
//! Pure: tested on made-up probes.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::error::exit;
use crate::net::addr::Family;
use crate::output::{Paint, Report, Ui};
use crate::system::icmp::SocketKind;
use crate::system::tracer::{Answer, Method, ProbeRecord, Run, TraceConfig};
use crate::util::time::{human_ms, round_ms, round_ms_opt};
use crate::wire::icmp_echo::IcmpError;

/// One address that answered at a hop, and how many times.
#[derive(Debug, Clone, Serialize)]
pub struct HopAddress {
    /// Who answered.
    pub address: IpAddr,
    /// How many probes it answered.
    pub answers: u32,
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
    pub silence: Option<&'static str>,
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
        /// Its TTL.
        hop: u8,
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
    /// The hops from --first-hop to where the path ends.
    pub hops: Vec<Hop>,
    /// Where and why the trace ended.
    pub verdict: Verdict,
    /// Every probe sent, with its answer.
    pub probes: Vec<ProbeRecord>,
    /// How long the trace took.
    #[serde(serialize_with = "round_ms")]
    pub took_ms: f64,
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
    if let Some((hop, from, error)) = refused {
        return Verdict::Unreachable { hop, from, error };
    }
    Verdict::NoAnswer {
        last_answer: answered().map(|p| p.ttl).max(),
        max_hops,
    }
}

/// The line for `ttl`, from the probes sent with it; `later_answered`: a hop past it answered.
fn hop(ttl: u8, probes: &[ProbeRecord], later_answered: bool) -> Hop {
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
        silence: (received == 0).then_some(if later_answered {
            "forwards but does not answer probes (common, not a fault)"
        } else {
            "no answer"
        }),
    }
}

/// Builds the report from a finished (or interrupted) run.
pub fn build(destination: String, config: &TraceConfig, run: Run, took_ms: f64) -> TraceReport {
    let verdict = verdict(&run.probes, config.target, config.max_hops);
    let end = match verdict {
        Verdict::Reached { hop } | Verdict::Unreachable { hop, .. } => hop,
        Verdict::NoAnswer { last_answer, .. } => last_answer.unwrap_or(0),
    };
    let hops = (config.first_hop..=end)
        .map(|ttl| {
            let later = run
                .probes
                .iter()
                .any(|p| p.ttl > ttl && p.ttl <= end && p.from.is_some());
            hop(ttl, &run.probes, later)
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
    }
}

/// What an "unreachable" from a router on the way means, in a few words.
fn meaning(error: IcmpError) -> &'static str {
    match error {
        IcmpError::NetUnreachable => "it has no route to DEST's network",
        IcmpError::HostUnreachable => "it could not reach DEST on DEST's own link",
        IcmpError::Prohibited => "a filter there refused the probe",
        IcmpError::ProtocolUnreachable => "it does not serve the probe's protocol",
        IcmpError::PacketTooBig => "the probe was too big for the next link",
        _ => "it would not pass the probe on",
    }
}

/// A loss percentage: `0%`, `100%`, `33.3%`.
fn percent(p: f64) -> String {
    let text = format!("{p:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_string() + "%"
}

impl Report for TraceReport {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let port = self.port.map_or(String::new(), |p| format!(" port {p}"));
        writeln!(
            out,
            "trace to {} ({}), {}{port}, {} round{}",
            self.destination,
            self.address,
            match self.protocol {
                Method::Icmp => "ICMP echo",
                Method::Udp => "UDP",
                Method::Tcp => "TCP SYN",
            },
            self.rounds,
            if self.rounds == 1 { "" } else { "s" }
        )?;
        let mut t = ui.table(&[
            "Hop", "Address", "Loss", "Sent", "Last", "Avg", "Best", "Worst", "StDev",
        ]);
        let ms = |v: Option<f64>| v.map_or("-".to_string(), human_ms);
        for h in &self.hops {
            let address = if h.addresses.is_empty() {
                ui.paint(
                    Paint::Dim,
                    format!("* {}", h.silence.unwrap_or("no answer")),
                )
            } else {
                h.addresses
                    .iter()
                    .map(|a| a.address.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            t.add_row([
                h.ttl.to_string(),
                address,
                percent(h.loss_percent),
                h.sent.to_string(),
                ms(h.last_ms),
                ms(h.avg_ms),
                ms(h.best_ms),
                ms(h.worst_ms),
                ms(h.stdev_ms),
            ]);
        }
        if !self.hops.is_empty() {
            writeln!(out, "{t}")?;
        }
        let line = match &self.verdict {
            Verdict::Reached { hop } => ui.paint(
                Paint::Good,
                format!("reached {} at hop {hop}", self.address),
            ),
            Verdict::Unreachable { hop, from, error } => ui.paint(
                Paint::Warn,
                format!(
                    "not reached: {from} (hop {hop}) answered {error}: {}",
                    meaning(*error)
                ),
            ),
            Verdict::NoAnswer {
                last_answer: Some(h),
                max_hops,
            } => ui.paint(
                Paint::Warn,
                format!("not reached: no answer past hop {h} (tried up to hop {max_hops})"),
            ),
            Verdict::NoAnswer {
                last_answer: None,
                max_hops,
            } => ui.paint(
                Paint::Warn,
                format!("not reached: no answer at any hop up to {max_hops}"),
            ),
        };
        writeln!(out, "{line}")?;
        if self.interrupted {
            writeln!(
                out,
                "{}",
                ui.paint(Paint::Dim, "interrupted: the rounds finished so far")
            )?;
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
        build(TARGET.into(), &config(), run, 1.0)
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
        assert!(h2.silence.unwrap().starts_with("forwards"));
        assert_eq!(h2.avg_ms, None);
        let t = text(&r);
        assert!(t.contains("* forwards but does not answer probes"), "{t}");
        assert!(t.ends_with("reached 192.0.2.14 at hop 3\n"), "{t}");
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
