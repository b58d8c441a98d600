//! One ping run over an `EchoSocket`: requests one interval apart, each reply matched to its
//! request by sequence number (a second reply to one request is a duplicate), ICMP errors kept
//! with the request they are about, and the statistics ping prints. Tested with a fake path.

use std::io::{self, Write};
use std::net::IpAddr;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result, exit};
use crate::net::addr::Family;
use crate::output::{Paint, Report, Ui};
use crate::system::icmp::{EchoSocket, Heard, SocketKind};
use crate::system::interrupt::interrupted;
use crate::util::time::{human_duration, human_ms, round_ms};
use crate::util::words::count;
use crate::wire::discards::Discards;
use crate::wire::icmp_echo::{Flaw, IcmpError};

/// Most replies and errors listed in a report; later ones are counted (memory stays bounded
/// however long `ping` runs).
pub const MAX_LISTED: usize = 10_000;

/// Parameters of one run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// DEST as typed.
    pub destination: String,
    /// The address pinged.
    pub address: IpAddr,
    /// How many requests (None: until the deadline or Ctrl-C); with a deadline, how many
    /// replies end the run (as iputils ping counts under -w).
    pub count: Option<u32>,
    /// Time between requests.
    pub interval: Duration,
    /// Stop after this long in any case.
    pub deadline: Option<Duration>,
    /// How long to wait for replies after the last request.
    pub timeout: Duration,
    /// Bytes of data per request.
    pub size: u16,
}

/// One echo reply.
#[derive(Debug, Clone, Serialize)]
pub struct Reply {
    /// The request's sequence number (1-based, as ping counts).
    pub seq: u32,
    /// Who replied.
    pub from: IpAddr,
    /// ICMP header and data, in bytes.
    pub bytes: usize,
    /// TTL / hop limit the reply arrived with (null when the kernel did not say).
    pub ttl: Option<u8>,
    /// Round-trip time in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub rtt_ms: f64,
    /// A second (or later) reply to the same request.
    pub duplicate: bool,
}

/// One ICMP error about a request.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorLine {
    /// The request's sequence number.
    pub seq: u32,
    /// Who sent the error.
    pub from: IpAddr,
    /// What it says.
    pub kind: IcmpError,
}

/// A reply or an error, as it comes.
#[derive(Debug, Clone)]
pub enum Event {
    /// An echo reply.
    Reply(Reply),
    /// An ICMP error.
    Error(ErrorLine),
}

/// Round-trip statistics, as ping's last line.
#[derive(Debug, Clone, Serialize)]
pub struct Rtt {
    /// Fastest.
    #[serde(serialize_with = "round_ms")]
    pub min_ms: f64,
    /// Mean.
    #[serde(serialize_with = "round_ms")]
    pub avg_ms: f64,
    /// Slowest.
    #[serde(serialize_with = "round_ms")]
    pub max_ms: f64,
    /// Mean deviation, as ping computes it: sqrt(mean of squares - square of mean).
    #[serde(serialize_with = "round_ms")]
    pub mdev_ms: f64,
}

/// The answer of `netkit ping DEST`.
#[derive(Debug, Serialize)]
pub struct PingReport {
    /// DEST as typed.
    pub destination: String,
    /// The address pinged.
    pub address: IpAddr,
    /// ipv4 or ipv6.
    pub family: Family,
    /// datagram (no privilege) or raw.
    pub socket: SocketKind,
    /// Bytes of data per request.
    pub size: u16,
    /// Requests sent.
    pub sent: u32,
    /// Requests answered (duplicates not counted).
    pub received: u32,
    /// Extra replies to requests already answered.
    pub duplicates: u32,
    /// ICMP errors about our requests.
    pub errors: u32,
    /// Requests not answered, in percent of those sent.
    #[serde(serialize_with = "round_ms")]
    pub loss_percent: f64,
    /// Replies in arrival order (the first MAX_LISTED).
    pub replies: Vec<Reply>,
    /// ICMP errors in arrival order (the first MAX_LISTED).
    pub icmp_errors: Vec<ErrorLine>,
    /// Replies and errors beyond those listed.
    pub unlisted: u32,
    /// Round trips of the replies (duplicates excluded); null when none came.
    pub rtt: Option<Rtt>,
    /// Packets thrown away (malformed), by reason.
    #[serde(flatten)]
    pub discards: Discards<Flaw>,
    /// How long the run took.
    #[serde(serialize_with = "round_ms")]
    pub took_ms: f64,
}

/// The 64 Ki sequence numbers in flight: when each was sent, its full number, whether answered.
struct Window {
    sent_at: Vec<Option<(Instant, u32)>>,
    answered: Vec<bool>,
}

impl Window {
    fn new() -> Window {
        Window {
            sent_at: vec![None; 1 << 16],
            answered: vec![false; 1 << 16],
        }
    }
}

/// Runs the pings on `sock`, telling `on_event` of each reply and error as it comes; Ctrl-C ends
/// it early with what was seen.
pub fn run_plan(
    plan: &Plan,
    kind: SocketKind,
    sock: &mut dyn EchoSocket,
    on_event: &mut dyn FnMut(&Event),
) -> Result<PingReport> {
    let io_err = |e: io::Error| Error::io(format!("pinging {}", plan.address), e);
    // The data: bytes counting up, as iputils fills it.
    let payload: Vec<u8> = (0..plan.size).map(|i| (i % 256) as u8).collect();
    let start = Instant::now();
    let end = plan.deadline.map(|d| start + d);
    let mut window = Window::new();
    let (mut sent, mut received, mut duplicates, mut errors, mut unlisted) = (0u32, 0u32, 0, 0, 0);
    let (mut sum, mut sum_sq, mut min, mut max) = (0.0f64, 0.0f64, f64::INFINITY, 0.0f64);
    let mut replies = Vec::new();
    let mut icmp_errors = Vec::new();
    let mut discards = Discards::default();
    let mut next_send = start;
    let mut last_sent = start;
    loop {
        let now = Instant::now();
        if end.is_some_and(|e| now >= e) || interrupted() {
            break;
        }
        let counts_replies = plan.deadline.is_some();
        if counts_replies && plan.count.is_some_and(|c| received >= c) {
            break;
        }
        let more = counts_replies || plan.count.is_none_or(|c| sent < c);
        if !more && (received >= sent || now >= last_sent + plan.timeout) {
            break;
        }
        if more && now >= next_send {
            sent += 1;
            let seq = sent as u16;
            window.sent_at[usize::from(seq)] = Some((Instant::now(), sent));
            window.answered[usize::from(seq)] = false;
            if let Err(e) = sock.send(seq, &payload) {
                // The first request tells whether there is a way at all; later ones may fail
                // while an error is pending (the request is then lost, as ping counts it).
                if sent == 1 && e.kind() != io::ErrorKind::HostUnreachable {
                    return Err(io_err(e));
                }
            }
            last_sent = Instant::now();
            next_send += plan.interval;
            continue;
        }
        let mut wait = if more {
            next_send
        } else {
            last_sent + plan.timeout
        };
        if let Some(e) = end {
            wait = wait.min(e);
        }
        let Some((heard, at)) = sock.recv_until(wait).map_err(io_err)? else {
            continue;
        };
        let event = match heard {
            Heard::Discarded(flaw) => {
                discards.note(flaw);
                continue;
            }
            Heard::Reply {
                from,
                seq,
                bytes,
                ttl,
            } => {
                let Some((t, full)) = window.sent_at[usize::from(seq)] else {
                    continue;
                };
                let rtt = at.saturating_duration_since(t).as_secs_f64() * 1000.0;
                let duplicate = std::mem::replace(&mut window.answered[usize::from(seq)], true);
                if duplicate {
                    duplicates += 1;
                } else {
                    received += 1;
                    sum += rtt;
                    sum_sq += rtt * rtt;
                    min = min.min(rtt);
                    max = max.max(rtt);
                }
                Event::Reply(Reply {
                    seq: full,
                    from,
                    bytes,
                    ttl,
                    rtt_ms: rtt,
                    duplicate,
                })
            }
            Heard::Error { from, seq, error } => {
                let Some((_, full)) = window.sent_at[usize::from(seq)] else {
                    continue;
                };
                errors += 1;
                Event::Error(ErrorLine {
                    seq: full,
                    from,
                    kind: error,
                })
            }
        };
        on_event(&event);
        match event {
            Event::Reply(r) if replies.len() < MAX_LISTED => replies.push(r),
            Event::Error(e) if icmp_errors.len() < MAX_LISTED => icmp_errors.push(e),
            _ => unlisted += 1,
        }
    }
    let rtt = (received > 0).then(|| {
        let n = f64::from(received);
        let avg = sum / n;
        Rtt {
            min_ms: min,
            avg_ms: avg,
            max_ms: max,
            mdev_ms: (sum_sq / n - avg * avg).max(0.0).sqrt(),
        }
    });
    Ok(PingReport {
        destination: plan.destination.clone(),
        address: plan.address,
        family: Family::of(&plan.address),
        socket: kind,
        size: plan.size,
        sent,
        received,
        duplicates,
        errors,
        loss_percent: if sent == 0 {
            0.0
        } else {
            f64::from(sent - received.min(sent)) * 100.0 / f64::from(sent)
        },
        replies,
        icmp_errors,
        unlisted,
        rtt,
        discards,
        took_ms: start.elapsed().as_secs_f64() * 1000.0,
    })
}

/// The first line: `PING DEST (ADDRESS) 56 bytes of data`.
pub fn write_header(
    destination: &str,
    address: IpAddr,
    size: u16,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "PING {destination} ({address}) {size} bytes of data")
}

impl Event {
    /// One line, as ping prints it.
    pub fn write_line(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Event::Reply(r) => {
                let ttl = r.ttl.map_or("-".to_string(), |t| t.to_string());
                write!(
                    out,
                    "{} bytes from {}: icmp_seq={} ttl={ttl} time={}",
                    r.bytes,
                    r.from,
                    r.seq,
                    human_ms(r.rtt_ms)
                )?;
                if r.duplicate {
                    write!(out, " {}", ui.paint(Paint::Warn, "(DUP!)"))?;
                }
                writeln!(out)
            }
            Event::Error(e) => writeln!(
                out,
                "From {} icmp_seq={} {}",
                e.from,
                e.seq,
                ui.paint(Paint::Warn, e.kind)
            ),
        }
    }
}

/// A loss percentage as ping shows it: `0%`, `100%`, `33.3%`.
fn percent(p: f64) -> String {
    let text = format!("{p:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_string() + "%"
}

impl PingReport {
    /// The statistics after the replies.
    pub fn write_summary(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "--- {} ping statistics ---", self.destination)?;
        let received = format!("{} received", self.received);
        write!(
            out,
            "{} sent, {}",
            self.sent,
            ui.paint(
                if self.received > 0 {
                    Paint::Good
                } else {
                    Paint::Warn
                },
                received
            )
        )?;
        if self.duplicates > 0 {
            write!(
                out,
                ", +{}",
                count(self.duplicates, "duplicate", "duplicates")
            )?;
        }
        if self.errors > 0 {
            write!(out, ", +{}", count(self.errors, "error", "errors"))?;
        }
        if self.discards.total() > 0 {
            write!(
                out,
                ", {} discarded ({})",
                self.discards.total(),
                self.discards.summary()
            )?;
        }
        writeln!(
            out,
            ", {} loss, time {}",
            percent(self.loss_percent),
            human_duration(Duration::from_secs_f64(self.took_ms / 1000.0))
        )?;
        if let Some(r) = &self.rtt {
            writeln!(
                out,
                "rtt min {}, avg {}, max {}, mdev {}",
                human_ms(r.min_ms),
                human_ms(r.avg_ms),
                human_ms(r.max_ms),
                human_ms(r.mdev_ms)
            )?;
        }
        Ok(())
    }
}

impl Report for PingReport {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        write_header(&self.destination, self.address, self.size, out)?;
        let mut events: Vec<(u32, usize, Event)> = Vec::new();
        // Replies and errors in the order of their requests (arrival order within one).
        for (i, r) in self.replies.iter().enumerate() {
            events.push((r.seq, i, Event::Reply(r.clone())));
        }
        for (i, e) in self.icmp_errors.iter().enumerate() {
            events.push((e.seq, self.replies.len() + i, Event::Error(e.clone())));
        }
        events.sort_by_key(|(seq, i, _)| (*seq, *i));
        for (_, _, e) in &events {
            e.write_line(ui, out)?;
        }
        if self.unlisted > 0 {
            writeln!(out, "({} more not listed)", self.unlisted)?;
        }
        writeln!(out)?;
        self.write_summary(ui, out)?;
        self.write_notes(ui, out)
    }

    fn status(&self) -> u8 {
        if self.received > 0 {
            exit::OK
        } else {
            exit::NEGATIVE
        }
    }
}

impl PingReport {
    /// For people, after the statistics: what the replies' TTL says, and who said "Time to live
    /// exceeded" (see `notes`).
    pub fn write_notes(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let ttls: Vec<u8> = self
            .replies
            .iter()
            .filter(|r| !r.duplicate && r.from == self.address)
            .filter_map(|r| r.ttl)
            .collect();
        let mut exceeded: Vec<IpAddr> = Vec::new();
        for e in &self.icmp_errors {
            if e.kind == IcmpError::TtlExceeded && !exceeded.contains(&e.from) {
                exceeded.push(e.from);
            }
        }
        super::notes::write(self.address, &ttls, &exceeded, ui, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::icmp::fake::FakePath;

    const ROUTER: &str = "198.51.100.1";

    fn plan(count: Option<u32>, deadline: Option<u64>) -> Plan {
        Plan {
            destination: "x".into(),
            address: ROUTER.parse().unwrap(),
            count,
            interval: Duration::from_millis(10),
            deadline: deadline.map(Duration::from_millis),
            timeout: Duration::from_millis(60),
            size: 56,
        }
    }

    fn reply(seq: u16) -> Heard {
        Heard::Reply {
            from: ROUTER.parse().unwrap(),
            seq,
            bytes: 64,
            ttl: Some(64),
        }
    }

    fn run(p: &Plan, fate: crate::system::icmp::fake::Fate) -> (PingReport, Vec<String>) {
        let mut lines = Vec::new();
        let mut sock = FakePath::new(fate);
        let r = run_plan(p, SocketKind::Raw, &mut sock, &mut |e| {
            let mut out = Vec::new();
            e.write_line(&Ui::plain(), &mut out).unwrap();
            lines.push(String::from_utf8(out).unwrap());
        })
        .unwrap();
        (r, lines)
    }

    #[test]
    fn every_request_answered() {
        let (r, lines) = run(&plan(Some(3), None), |s| {
            vec![(Duration::from_millis(2), reply(s))]
        });
        assert_eq!((r.sent, r.received, r.duplicates), (3, 3, 0));
        assert_eq!(r.loss_percent, 0.0);
        assert_eq!(r.status(), 0);
        let rtt = r.rtt.unwrap();
        assert!(rtt.min_ms >= 2.0 && rtt.min_ms <= rtt.avg_ms && rtt.avg_ms <= rtt.max_ms);
        assert!(lines[0].starts_with("64 bytes from 198.51.100.1: icmp_seq=1 ttl=64 time="));
        // All answered: no wait for the timeout after the last.
        assert!(r.took_ms < 50.0, "{}", r.took_ms);
    }

    /// Two replies to each request: the second is a duplicate, counted apart, marked (DUP!).
    /// The run ends at the last request's first reply (as ping does), so its duplicate is not
    /// waited for.
    #[test]
    fn duplicates_are_marked_and_not_received_twice() {
        let (r, lines) = run(&plan(Some(2), None), |s| {
            vec![
                (Duration::from_millis(1), reply(s)),
                (Duration::from_millis(3), reply(s)),
            ]
        });
        assert_eq!((r.sent, r.received, r.duplicates), (2, 2, 1));
        assert!(lines[1].ends_with("(DUP!)\n"), "{lines:?}");
        assert!(!lines[0].contains("DUP"), "{lines:?}");
        assert_eq!(r.replies.iter().filter(|x| x.duplicate).count(), 1);
    }

    #[test]
    fn silence_is_total_loss_after_the_timeout() {
        let (r, _) = run(&plan(Some(2), None), |_| vec![]);
        assert_eq!((r.sent, r.received), (2, 0));
        assert_eq!(r.loss_percent, 100.0);
        assert!(r.rtt.is_none());
        assert_eq!(r.status(), 1);
        assert!(r.took_ms >= 70.0, "{}", r.took_ms);
    }

    #[test]
    fn errors_are_lines_of_their_own() {
        let (r, lines) = run(&plan(Some(1), None), |s| {
            vec![(
                Duration::from_millis(1),
                Heard::Error {
                    from: ROUTER.parse().unwrap(),
                    seq: s,
                    error: IcmpError::TtlExceeded,
                },
            )]
        });
        assert_eq!((r.sent, r.received, r.errors), (1, 0, 1));
        assert_eq!(
            lines,
            ["From 198.51.100.1 icmp_seq=1 Time to live exceeded\n"]
        );
        let mut out = Vec::new();
        r.write_summary(&Ui::plain(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("1 sent, 0 received, +1 error, 100% loss"),
            "{text}"
        );
    }

    /// With -w, -c counts replies: every other request is lost, so 3 replies take 5 requests.
    #[test]
    fn with_a_deadline_count_is_replies() {
        let (r, _) = run(&plan(Some(3), Some(1000)), |s| {
            if s % 2 == 1 {
                vec![(Duration::from_millis(1), reply(s))]
            } else {
                vec![]
            }
        });
        assert_eq!((r.sent, r.received), (5, 3));
        assert_eq!(percent(r.loss_percent), "40%");
        // The deadline ends a run without replies.
        let (r, _) = run(&plan(None, Some(100)), |_| vec![]);
        assert!(r.took_ms < 150.0 && r.sent >= 9, "{} {}", r.took_ms, r.sent);
    }

    /// A reply to a request never sent (another ping's, a forged one) is ignored.
    #[test]
    fn replies_to_unsent_requests_are_ignored() {
        let (r, _) = run(&plan(Some(1), None), |s| {
            vec![
                (Duration::from_millis(1), reply(s + 100)),
                (Duration::from_millis(2), reply(s)),
            ]
        });
        assert_eq!((r.received, r.duplicates, r.replies.len()), (1, 0, 1));
    }
}
